//! `thematic diff OLD NEW`: what changed between two versions of a codebook (or a codebook and
//! the built-in one, named `built-in`), in the domain's words: base themes added, removed,
//! renamed or moved; source codes; printed values; every recomputed count and share; audit
//! findings that appear and that are resolved. Exit 0 when nothing differs, 1 when something
//! does, 2 for unusable input, like `diff`.

use crate::error::Result;
use crate::{audit, export, tables};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// The formats of `thematic diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Text,
    Md,
    Json,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier codebook directory (or `built-in`).
    #[arg(value_name = "OLD")]
    old: PathBuf,
    /// The later codebook directory (or `built-in`).
    #[arg(value_name = "NEW")]
    new: PathBuf,
    /// Report format.
    #[arg(long, value_enum, default_value = "text")]
    format: DiffFormat,
    #[command(flatten)]
    lang: super::LangArg,
}

/// Returns whether the two differ.
pub fn run(args: &DiffArgs) -> Result<bool> {
    let (old, new) = (super::load_named(&args.old)?, super::load_named(&args.new)?);
    // Both audits in the later version's language, so that their findings compare.
    let lang = args.lang.resolve(&new);
    let settings = audit::Settings::new(lang);
    let compute = |codebook: &crate::model::Codebook| -> Result<_> {
        let tables = tables::compute(codebook)?;
        let audit = audit::audit(codebook, &tables, &settings);
        Ok((tables, audit))
    };
    let (before, after) = (compute(&old)?, compute(&new)?);
    let difference = crate::difference::difference((&before.0, &before.1), (&after.0, &after.1));
    let names = (old.location.as_str(), new.location.as_str());
    let terms = new.study.terms(lang);
    let bytes = match args.format {
        DiffFormat::Text => export::text::diff(&difference, names, lang, &terms).into_bytes(),
        DiffFormat::Md => export::markdown::diff(&difference, names, lang, &terms).into_bytes(),
        DiffFormat::Json => export::json::diff(&difference, names),
    };
    super::print(&bytes)?;
    Ok(!difference.is_empty())
}

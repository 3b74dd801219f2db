//! `thematic run`: the main job. Validate the codebook, recompute every table, audit it, and
//! write every output the registry lists for a run into the output directory; print a short
//! summary.

use super::check::FailOn;
use super::CodebookArgs;
use crate::error::Result;
use crate::export;
use crate::outputs::Output;
use crate::write;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    codebook: CodebookArgs,
    /// Output directory.
    #[arg(long, value_name = "DIR", default_value = "output")]
    out: PathBuf,
    /// Exit 1 when the audit has a finding at or above --fail-on (default: always exit 0 once
    /// the outputs are written).
    #[arg(long)]
    strict: bool,
    /// With --strict: the lowest severity that makes the run fail.
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOn,
    #[command(flatten)]
    render: super::RenderArgs,
    #[command(flatten)]
    document: super::DocumentArgs,
    #[command(flatten)]
    force: super::ForceArg,
}

/// Returns whether the run fails under --strict.
pub fn run(args: &RunArgs) -> Result<bool> {
    let destination = args.codebook.destination(&args.out, &args.force);
    // Refuse a bad destination before any work is done.
    write::check(&destination)?;
    let codebook = args.codebook.load()?;
    let (charts, settings) = args.render.options(&codebook)?;
    let document = args.document.options(charts.lang)?;
    let rendered = super::compute_and_render(
        &codebook,
        &Output::for_run(),
        &charts,
        &settings,
        &document,
        "rendering tables, audit and charts",
    )?;
    // A run writes the audit, so it was computed.
    let audit = rendered.audit.as_ref().ok_or_else(|| {
        crate::error::Error::Usage("internal error: the run computed no audit".into())
    })?;
    let tables = &rendered.tables;
    let mut rendered = rendered.files;
    rendered.extend(args.codebook.read_codebook_files());
    eprint!("{}", args.codebook.reading_summary());
    let written = super::progress::step("writing", || write::write_all(&destination, &rendered))?;
    let summary = export::text::run_summary(
        &codebook.location,
        tables,
        audit,
        &codebook.study,
        &args.out,
        &written,
    );
    super::print(summary.as_bytes())?;
    Ok(args.strict && args.fail_on.severity().is_some_and(|s| audit.fails(s)))
}

//! `thematic export`: the codebook as REFI-QDA, a `.qdc` codebook or a `.qdpx` project, for
//! NVivo, ATLAS.ti, MAXQDA, QualCoder and Taguette.

use crate::codebook;
use crate::error::Result;
use crate::import::refi::export;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The scheme: dimensions and components as groups, base themes as codes.
    Qdc,
    /// A project: the scheme, the roster as cases with the base themes each raised, and each
    /// interviewee's findings as a coded text source.
    Qdpx,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    codebook: super::CodebookArgs,
    #[arg(long, value_enum)]
    format: Format,
    /// File to write (replaced atomically). Default: standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// The texts a coded study's segments point into: `sources/NAME` (or `NAME.txt`) of its
/// directory, for each source a segment names; those not there are left out (their segments
/// then travel as the interviewee's findings).
fn documents(
    source: &codebook::Source,
    codebook: &crate::model::Codebook,
) -> Vec<(String, String)> {
    let codebook::Source::Dir(dir) = source else {
        return Vec::new();
    };
    let mut names: Vec<&String> = codebook.segments.iter().map(|s| &s.source).collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .filter_map(|name| {
            let path = dir.join(crate::coding::files::source_file(name));
            std::fs::read_to_string(path)
                .ok()
                .map(|t| (name.clone(), t))
        })
        .collect()
}

pub fn run(args: &ExportArgs) -> Result<()> {
    if args.out.is_none() && args.format == Format::Qdpx {
        super::refuse_binary_on_terminal(
            "a .qdpx project",
            "give --out FILE.qdpx, or redirect it: > study.qdpx",
        )?;
    }
    let codebook = args.codebook.load()?;
    let bytes = match args.format {
        Format::Qdc => export::codebook(&codebook),
        Format::Qdpx => {
            // The files REFI-QDA has no place for travel as read.
            let source = args.codebook.source();
            let mut carried = Vec::new();
            for name in [
                codebook::READINGS,
                codebook::CITATIONS,
                codebook::study::STUDY,
            ] {
                if let Ok(Some(bytes)) = source.read_optional(name) {
                    carried.push((name, bytes));
                }
            }
            export::project(&codebook, &carried, &documents(&source, &codebook))?
        }
    };
    match &args.out {
        Some(path) => {
            crate::write::file(path, &bytes)?;
            super::print(format!("wrote {} ({} bytes)\n", path.display(), bytes.len()).as_bytes())
        }
        None => super::print(&bytes),
    }
}

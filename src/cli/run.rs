//! `thematic run`: the main job. Validate the codebook, recompute every table, audit it, and
//! write every output the registry lists for a run into the output directory; print a short
//! summary.

use super::check::FailOn;
use super::CodebookArgs;
use crate::audit::Audit;
use crate::error::Result;
use crate::export;
use crate::model::Codebook;
use crate::outputs::Output;
use crate::tables::Tables;
use crate::write;
use clap::Args;
use std::path::{Path, PathBuf};

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
    let ran = write_run(
        &args.codebook,
        &args.out,
        &args.render,
        &args.document,
        &args.force,
    )?;
    // What the reading of --paper found goes to stderr, as a note beside the summary.
    eprint!("{}", args.codebook.reading_summary());
    let summary = ran.summary(&args.out);
    super::print(summary.as_bytes())?;
    let audit = &ran.audit;
    Ok(args.strict && args.fail_on.severity().is_some_and(|s| audit.fails(s)))
}

/// What a run read, computed and wrote.
pub(super) struct Ran {
    pub codebook: Codebook,
    pub tables: Tables,
    pub audit: Audit,
    pub written: Vec<PathBuf>,
}

impl Ran {
    /// What `run` prints: the codebook, each dimension's rules, the verdict, the files.
    pub fn summary(&self, out: &Path) -> String {
        export::text::run_summary(
            &self.codebook.location,
            &self.tables,
            &self.audit,
            &self.codebook.study,
            out,
            &self.written,
        )
    }
}

/// The run (`run`, and each of `watch`'s): read the codebook, compute, audit and render every
/// output of a run, and write them into `out` at once (nothing is written when any step
/// fails).
pub(super) fn write_run(
    codebook: &CodebookArgs,
    out: &Path,
    render: &super::RenderArgs,
    document: &super::DocumentArgs,
    force: &super::ForceArg,
) -> Result<Ran> {
    let destination = codebook.destination(out, force);
    // Refuse a bad destination before any work is done.
    write::check(&destination)?;
    let args = codebook;
    let codebook = args.load()?;
    let (charts, settings) = render.options(&codebook)?;
    let document = document.options(charts.lang)?;
    // The largest tables are written here as they are rendered, then moved into place.
    let scratch = write::scratch(&destination)?;
    let rendered = super::compute_and_render_with(
        &codebook,
        &Output::for_run(),
        &charts,
        &settings,
        &document,
        "rendering tables, audit and charts",
        super::Extra {
            coders: None,
            scratch: Some(&scratch),
        },
    );
    let rendered = match rendered {
        Ok(rendered) => rendered,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&scratch);
            return Err(e);
        }
    };
    // A run writes the audit, so it was computed.
    let audit = rendered.audit.ok_or_else(|| {
        crate::error::Error::Usage("internal error: the run computed no audit".into())
    })?;
    let mut files = rendered.files;
    files.extend(args.read_codebook_files());
    let written = super::progress::step("writing", || write::write_all(&destination, &files));
    let _ = std::fs::remove_dir_all(&scratch);
    let written = written?;
    Ok(Ran {
        codebook,
        tables: rendered.tables,
        audit,
        written,
    })
}

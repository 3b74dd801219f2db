//! `thematic run`: the main job. Validate the codebook, recompute every table, audit it, and
//! write every output the registry lists for a run into the output directory; print a short
//! summary.

use super::check::FailOn;
use super::CodebookArgs;
use crate::audit;
use crate::charts::{ChartOptions, Lang};
use crate::error::Result;
use crate::export;
use crate::outputs::{self, Output, Results};
use crate::tables;
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
    force: super::ForceArg,
}

/// Returns whether the run fails under --strict.
pub fn run(args: &RunArgs) -> Result<bool> {
    let destination = args.codebook.destination(&args.out, &args.force);
    // Refuse a bad destination before any work is done.
    write::check(&destination)?;
    let codebook = args.codebook.load()?;
    let tables = super::progress::step("computing the tables", || tables::compute(&codebook))?;
    let audit = super::progress::step("auditing", || audit::audit(&codebook, &tables));
    let charts = ChartOptions::new(Lang::Fa);
    let results = Results {
        tables: &tables,
        audit: Some(&audit),
        charts: &charts,
    };
    let rendered = super::progress::step("rendering tables, audit and charts", || {
        outputs::render(&Output::for_run(), &results)
    })?;
    let written = super::progress::step("writing", || write::write_all(&destination, &rendered))?;
    let summary =
        export::text::run_summary(&codebook.location, &tables, &audit, &args.out, &written);
    super::print(summary.as_bytes())?;
    Ok(args.strict && args.fail_on.severity().is_some_and(|s| audit.fails(s)))
}

//! `thematic run`: the main job. Validate the codebook, recompute every table, write them all
//! (CSV per table, one Markdown report, one JSON document) into the output directory, and
//! print a short summary.

use super::check::FailOn;
use super::CodebookArgs;
use crate::audit::{self, Audit};
use crate::charts::{ChartKind, ChartOptions, ImageFormat, Lang};
use crate::error::Result;
use crate::export::{self, TableName};
use crate::model::Codebook;
use crate::tables::{self, Tables};
use crate::write::{self, Output};
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

/// Every file `run` writes, relative to the output directory.
pub fn outputs(codebook: &Codebook, tables: &Tables, audit: &Audit) -> Result<Vec<Output>> {
    // Each text output is a job of its own, the largest first (on a large study tables.json
    // and the long case × code matrix take seconds each).
    type Render<'a> = (String, Box<dyn Fn() -> Vec<u8> + Sync + 'a>);
    let text = || {
        let mut jobs: Vec<(usize, Render)> = TableName::ALL
            .iter()
            .map(|&name| {
                let render: Render = (
                    format!("{}.csv", name.stem()),
                    Box::new(move || export::csv::table(tables, name)),
                );
                (export::estimated_cells(tables, name), render)
            })
            .collect();
        let all_cells: usize = jobs.iter().map(|(cells, _)| cells).sum();
        let documents: [Render; 5] = [
            (
                "tables.md".into(),
                Box::new(|| export::markdown::report(tables).into_bytes()),
            ),
            (
                "tables.json".into(),
                Box::new(|| export::json::document(tables)),
            ),
            (
                "audit.txt".into(),
                Box::new(|| export::audit::text(audit).into_bytes()),
            ),
            (
                "audit.md".into(),
                Box::new(|| export::audit::markdown(audit).into_bytes()),
            ),
            ("audit.json".into(), Box::new(|| export::audit::json(audit))),
        ];
        // The JSON document holds every table; the report at most a thousand rows of each.
        let sizes = [all_cells / 4, 2 * all_cells, 0, 0, 0];
        jobs.extend(sizes.into_iter().zip(documents));
        crate::parallel::map_costliest_first(
            &jobs,
            |(cells, _)| *cells as u64,
            |(_, (name, render))| Output::new(name.as_str(), render()),
        )
    };
    let charts = || {
        let options = ChartOptions::new(Lang::Fa);
        let formats = [ImageFormat::Svg, ImageFormat::Png];
        super::charts::outputs(codebook, tables, &options, &ChartKind::ALL, &formats)
    };
    // The text outputs are rendered while the charts are drawn: on the paper, charts are most
    // of a run and the text a few milliseconds that would otherwise come before them.
    let (mut outputs, charts) = std::thread::scope(|scope| {
        let text = scope.spawn(text);
        let charts = charts();
        // A panic while rendering is a bug; carry it over to this thread.
        let text = text.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        (text, charts)
    });
    outputs.extend(charts?);
    Ok(outputs)
}

/// Returns whether the run fails under --strict.
pub fn run(args: &RunArgs) -> Result<bool> {
    let destination = args.codebook.destination(&args.out, &args.force);
    // Refuse a bad destination before any work is done.
    write::check(&destination)?;
    let codebook = args.codebook.load()?;
    let tables = super::progress::step("computing the tables", || tables::compute(&codebook))?;
    let audit = super::progress::step("auditing", || audit::audit(&codebook, &tables));
    let outputs = super::progress::step("rendering tables, audit and charts", || {
        outputs(&codebook, &tables, &audit)
    })?;
    let written = super::progress::step("writing", || write::write_all(&destination, &outputs))?;

    let mut summary = format!(
        "codebook: {} ({} dimensions, {} components, {} base themes, {} interviewees)\n",
        codebook.location,
        codebook.dimensions.len(),
        codebook.component_count(),
        codebook.base_theme_count(),
        codebook.interviewees.len()
    );
    for d in &tables.dimensions {
        let printed = d
            .printed
            .map_or_else(|| "not printed".to_string(), |p| p.to_string());
        summary.push_str(&format!(
            "  {}: sum rule {}, union rule {}, printed {printed}\n",
            d.dimension, d.sum, d.union
        ));
    }
    summary.push_str(&format!("audit: {}\n", export::audit::verdict(&audit)));
    summary.push_str(&format!(
        "wrote {} files to {}:\n",
        written.len(),
        args.out.display()
    ));
    summary.push_str(&super::file_list(&written));
    super::print(summary.as_bytes())?;
    Ok(args.strict && args.fail_on.severity().is_some_and(|s| audit.fails(s)))
}

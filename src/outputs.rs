//! The registry of every file a command can write (hyperfine's `ExportManager` is the model):
//! each [`Output`] has a file name, the results it [`Needs`], a renderer, and a cost for
//! scheduling. `run`, `tables`, `charts` and `check` choose outputs from here, compute what
//! they need once, and [`render`] them.
//!
//! To add a format: a variant here (its file, what it needs, its cost, its renderer call), and
//! the renderer in [`crate::export`] (or [`crate::charts`]). Not for computing results or
//! writing files: renderers read [`Results`] (below both, in [`crate::export`]); [`crate::write`]
//! writes.

use crate::charts::{self, ChartData, ChartKind, Figure, ImageFormat};
use crate::error::{Error, Result};
use crate::export::{self, grid, Results, TableName};
use crate::write;
use rayon::prelude::*;

/// One file a command can write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// `<table>.csv`
    TableCsv(TableName),
    /// `<table>.md`: one table as a Markdown section.
    TableMarkdown(TableName),
    /// `tables.md`: every table, for reading.
    TablesMarkdown,
    /// `tables.json`: every table, for scripts.
    TablesJson,
    /// `audit.txt`
    AuditText,
    /// `audit.md`
    AuditMarkdown,
    /// `audit.json`
    AuditJson,
    /// `charts/<chart>.<svg|png>`
    Chart(ChartKind, ImageFormat),
    /// `report.html`: one self-contained page for reading (tables, audit, charts inline).
    Report,
    /// `tables.docx`: the paper's tables as a journal prints them, for Word.
    TablesDocx,
    /// `tables.xlsx`: every table and the findings, a sheet each.
    TablesXlsx,
    /// `tables.tex`: every table of the paper as LaTeX, one fragment after another.
    TablesLatex,
    /// `latex/<table>.tex`: one table of the paper as a LaTeX fragment.
    TableLatex(TableName),
    /// `audit.docx`: the audit as a review letter.
    AuditDocx,
}

/// One piece of rendering work: an output, or one figure of a chart in one format.
#[derive(Debug, Clone, Copy)]
enum Job {
    File(Output),
    Figure(ChartKind, usize, ImageFormat),
}

/// What an output's renderer reads, besides the tables every output has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Needs {
    Tables,
    /// The audit (its findings, verdict or agreement figures).
    Audit,
}

impl Output {
    /// The file's path, relative to the output directory.
    pub fn file(self) -> String {
        match self {
            Output::TableCsv(t) => format!("{}.csv", t.stem()),
            Output::TableMarkdown(t) => format!("{}.md", t.stem()),
            Output::TablesMarkdown => "tables.md".into(),
            Output::TablesJson => "tables.json".into(),
            Output::AuditText => "audit.txt".into(),
            Output::AuditMarkdown => "audit.md".into(),
            Output::AuditJson => "audit.json".into(),
            Output::Report => "report.html".into(),
            Output::TablesDocx => "tables.docx".into(),
            Output::TablesXlsx => "tables.xlsx".into(),
            Output::TablesLatex => "tables.tex".into(),
            Output::TableLatex(t) => format!("latex/{}.tex", t.stem()),
            Output::AuditDocx => "audit.docx".into(),
            Output::Chart(kind, format) => format!(
                "charts/{}.{}",
                kind.stem(),
                match format {
                    ImageFormat::Svg => "svg",
                    ImageFormat::Png => "png",
                }
            ),
        }
    }

    pub fn needs(self) -> Needs {
        match self {
            Output::AuditText
            | Output::AuditMarkdown
            | Output::AuditJson
            | Output::AuditDocx
            | Output::Report
            // Its last sheet holds the findings.
            | Output::TablesXlsx => Needs::Audit,
            Output::Chart(ChartKind::Agreement, _) => Needs::Audit,
            _ => Needs::Tables,
        }
    }

    /// Everything `thematic run` writes: every table as CSV, the tables report and document,
    /// the tables for Word, Excel and LaTeX, the audit in each format, the HTML report, and
    /// every chart as SVG and PNG.
    pub fn for_run() -> Vec<Output> {
        let mut outputs: Vec<Output> = TableName::all()
            .iter()
            .map(|&t| Output::TableCsv(t))
            .collect();
        outputs.extend([
            Output::TablesMarkdown,
            Output::TablesJson,
            Output::AuditText,
            Output::AuditMarkdown,
            Output::AuditJson,
            Output::AuditDocx,
            Output::Report,
            Output::TablesDocx,
            Output::TablesXlsx,
            Output::TablesLatex,
        ]);
        outputs.extend(Output::latex_tables());
        outputs.extend(Output::charts(
            ChartKind::all(),
            &[ImageFormat::Svg, ImageFormat::Png],
        ));
        outputs
    }

    /// One LaTeX fragment per table a paper prints (not the matrices).
    pub fn latex_tables() -> Vec<Output> {
        TableName::all()
            .iter()
            .filter(|t| export::publication::prints(**t))
            .map(|&t| Output::TableLatex(t))
            .collect()
    }

    /// Charts `kinds` in `formats`, in the order of their file names.
    pub fn charts(kinds: &[ChartKind], formats: &[ImageFormat]) -> Vec<Output> {
        let mut outputs: Vec<Output> = kinds
            .iter()
            .flat_map(|&kind| {
                formats
                    .iter()
                    .map(move |&format| Output::Chart(kind, format))
            })
            .collect();
        outputs.sort_by_key(|o| o.file());
        outputs.dedup();
        outputs
    }
}

/// The most any of `outputs` needs: what a command must compute.
pub fn needs(outputs: &[Output]) -> Needs {
    outputs
        .iter()
        .map(|o| o.needs())
        .max()
        .unwrap_or(Needs::Tables)
}

/// `work` on every job on all cores, the costliest started first (so that no long job starts
/// last and leaves the other cores idle); results in the jobs' order. `cost` is called once a
/// job.
fn costliest_first<J: Sync, R: Send>(
    jobs: &[J],
    cost: impl Fn(&J) -> u64,
    work: impl Fn(&J) -> R + Sync + Send,
) -> Vec<R> {
    let mut order: Vec<(u64, usize)> = jobs.iter().map(&cost).zip(0..).collect();
    order.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    // `par_bridge` hands each free thread the next job in this order (a split of the list
    // would give one thread all the costly half); results are put back in the jobs' order.
    let mut done: Vec<(usize, R)> = order
        .iter()
        .par_bridge()
        .map(|&(_, i)| (i, work(&jobs[i])))
        .collect();
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, r)| r).collect()
}

/// Render `outputs` (in their order; a chart with nothing to draw, the agreement chart of a
/// codebook without a findings map, is left out). Charts are drawn first (cheap); then every
/// file is rendered on all cores, the costliest first (rasterising dominates the paper's run;
/// on a large study the JSON document and the long case × code matrix take seconds each).
pub fn render(outputs: &[Output], results: &Results) -> Result<Vec<write::Output>> {
    render_streaming(outputs, results, None)
}

/// Above this many cells a CSV table or the JSON document is written straight to a file in
/// `scratch` as it is rendered, never held whole (a ten-million-coding study's `tables.json`
/// is 320 MB); below, in memory like every other output.
const STREAMED_CELLS: usize = 2_000_000;

/// [`render`], with the largest program-read outputs written to files in `scratch` (beside the
/// output directory: [`write::scratch`]) and moved into place by [`write::write_all`].
pub fn render_streaming(
    outputs: &[Output],
    results: &Results,
    scratch: Option<&std::path::Path>,
) -> Result<Vec<write::Output>> {
    let audit = || {
        results.audit.ok_or_else(|| {
            Error::Usage("internal error: an output needs the audit, which was not computed".into())
        })
    };
    // The report shows every chart inline.
    let mut kinds: Vec<ChartKind> = outputs
        .iter()
        .flat_map(|o| match o {
            Output::Chart(kind, _) => vec![*kind],
            Output::Report => ChartKind::all().to_vec(),
            _ => Vec::new(),
        })
        .collect();
    kinds.sort();
    kinds.dedup();
    let agreement = match kinds.contains(&ChartKind::Agreement) {
        true => audit()?.agreement.as_ref().map(|a| a.themes.as_slice()),
        false => None,
    };
    let data = ChartData {
        tables: results.tables,
        study: results.study,
        agreement,
    };
    let drawn: Vec<(ChartKind, Vec<Figure>)> = kinds
        .par_iter()
        .map(|&kind| (kind, charts::draw(kind, data, results.charts)))
        .collect();
    let figures = |kind: ChartKind| -> &[Figure] {
        drawn
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(&[], |(_, f)| f.as_slice())
    };
    // One job an output; a chart's job is one of its figures (the network has several) in one
    // format, each figure's formats together (network.png, network.svg, network_1.png, …).
    let mut jobs: Vec<Job> = Vec::new();
    for (i, &output) in outputs.iter().enumerate() {
        let Output::Chart(kind, _) = output else {
            jobs.push(Job::File(output));
            continue;
        };
        let seen = outputs[..i]
            .iter()
            .any(|o| matches!(o, Output::Chart(k, _) if *k == kind));
        if seen {
            continue;
        }
        let formats: Vec<ImageFormat> = outputs[i..]
            .iter()
            .filter_map(|o| match o {
                Output::Chart(k, format) if *k == kind => Some(*format),
                _ => None,
            })
            .collect();
        for figure in 0..figures(kind).len() {
            jobs.extend(formats.iter().map(|&f| Job::Figure(kind, figure, f)));
        }
    }
    let all_cells: usize = TableName::all()
        .iter()
        .map(|&t| grid::estimated_cells(results.tables, t))
        .sum();
    let cost = |job: &Job| -> u64 {
        let output = match *job {
            Job::Figure(kind, figure, ImageFormat::Png) => {
                return charts::raster_cost(&figures(kind)[figure].drawing)
            }
            Job::Figure(_, _, ImageFormat::Svg) => return 0,
            Job::File(output) => output,
        };
        let cells = match output {
            Output::TableCsv(t) => grid::estimated_cells(results.tables, t),
            // A report shows at most a thousand rows of each table.
            Output::TableMarkdown(t) => grid::estimated_cells(results.tables, t) / 4,
            Output::TablesMarkdown => all_cells / 4,
            Output::TablesJson => 2 * all_cells,
            Output::AuditText | Output::AuditMarkdown | Output::AuditJson => 0,
            // The tables shown (at most a thousand rows each) and the charts' SVG.
            Output::Report => all_cells / 4 + 50_000,
            Output::Chart(..) => 0,
            // At most a thousand rows of each printed table.
            Output::TablesDocx
            | Output::AuditDocx
            | Output::TablesLatex
            | Output::TableLatex(_) => all_cells / 8,
            // Every cell, typed, into an in-memory workbook.
            Output::TablesXlsx => 4 * all_cells,
        };
        cells as u64
    };
    let rendered = costliest_first(&jobs, cost, |&job| {
        let output = match job {
            Job::Figure(kind, figure, format) => {
                let figure = &figures(kind)[figure];
                let (extension, bytes) = match format {
                    ImageFormat::Svg => ("svg", figure.drawing.svg().into_bytes()),
                    ImageFormat::Png => ("png", charts::png(&figure.drawing, results.charts)?),
                };
                let file = format!("charts/{}.{extension}", figure.stem);
                return Ok(Some(write::Output::new(file, bytes)));
            }
            Job::File(output) => output,
        };
        let tables = results.tables;
        let cells = |t: TableName| grid::estimated_cells(tables, t);
        let streamed = match output {
            Output::TableCsv(t) if cells(t) > STREAMED_CELLS => Some(output),
            Output::TablesJson if all_cells > STREAMED_CELLS => Some(output),
            _ => None,
        };
        if let (Some(output), Some(scratch)) = (streamed, scratch) {
            let file = output.file();
            let path = scratch.join(file.replace('/', "_"));
            let failed = |e: std::io::Error| Error::Write {
                path: path.clone(),
                source: e,
            };
            let out = std::fs::File::create(&path).map_err(failed)?;
            match output {
                Output::TableCsv(t) => export::csv::write_table(tables, t, out),
                _ => export::json::write_tables(tables, out),
            }
            .map_err(failed)?;
            return Ok(Some(write::Output::moved(file, path)));
        }
        let bytes = match output {
            Output::TableCsv(t) => export::csv::table(tables, t),
            Output::TableMarkdown(t) => {
                export::markdown::table(tables, t, results.study, results.lang).into_bytes()
            }
            Output::TablesMarkdown => {
                export::markdown::report(tables, results.study, results.lang).into_bytes()
            }
            Output::TablesJson => export::json::tables(tables),
            Output::AuditText => {
                export::text::audit(audit()?, results.study, results.lang).into_bytes()
            }
            Output::AuditMarkdown => {
                export::markdown::audit(audit()?, results.study, results.lang).into_bytes()
            }
            Output::AuditJson => export::json::audit(audit()?),
            Output::Report => {
                let drawings: Vec<(ChartKind, &Figure)> = ChartKind::all()
                    .iter()
                    .flat_map(|&kind| figures(kind).iter().map(move |f| (kind, f)))
                    .collect();
                export::html::report(results, audit()?, &drawings).into_bytes()
            }
            Output::TablesDocx => export::docx::tables(tables, results.study, results.document)?,
            Output::AuditDocx => export::docx::audit(
                audit()?,
                results.study,
                results.document,
                &results.provenance,
            )?,
            Output::TablesXlsx => {
                export::xlsx::tables(tables, results.study, audit()?, results.document)?
            }
            Output::TablesLatex => {
                export::latex::all(tables, results.study, results.document).into_bytes()
            }
            Output::TableLatex(t) => {
                let Some(fragment) = export::latex::one(tables, results.study, results.document, t)
                else {
                    return Ok(None);
                };
                fragment.into_bytes()
            }
            // Charts are rendered as figures (above).
            Output::Chart(..) => return Ok(None),
        };
        Ok(Some(write::Output::new(output.file(), bytes)))
    });
    rendered.into_iter().filter_map(Result::transpose).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_output_has_its_own_file() {
        let all = Output::for_run();
        let mut files: Vec<String> = all.iter().map(|o| o.file()).collect();
        files.sort();
        files.dedup();
        assert_eq!(files.len(), all.len());
        assert!(files.contains(&"charts/agreement.png".to_string()));
        assert_eq!(needs(&all), Needs::Audit);
        assert_eq!(
            needs(&Output::charts(
                &[ChartKind::Components],
                &[ImageFormat::Png]
            )),
            Needs::Tables
        );
    }

    #[test]
    fn the_costliest_start_first_and_results_come_back_in_job_order() {
        let jobs: Vec<u64> = (0..100).collect();
        let started = std::sync::Mutex::new(Vec::new());
        let squares = super::costliest_first(
            &jobs,
            |&j| j % 7,
            |&j| {
                started.lock().unwrap().push(j);
                // Uneven work, so that threads finish out of order.
                std::thread::sleep(std::time::Duration::from_micros((100 - j) * 10));
                j * j
            },
        );
        assert_eq!(squares, jobs.iter().map(|j| j * j).collect::<Vec<_>>());
        // Jobs are handed out costliest first: whichever thread records first, the first few
        // started are of the highest cost (6), as many as there are threads at most apart.
        let started = started.lock().unwrap();
        let threads = rayon::current_num_threads();
        assert!(
            started[..threads.min(14)].iter().all(|j| j % 7 == 6),
            "{started:?}"
        );
        assert!(super::costliest_first(&[] as &[u8], |_| 0, |&b| b).is_empty());
    }
}

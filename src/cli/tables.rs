//! `thematic tables`: print the recomputed tables as CSV, Markdown, JSON, Word, Excel or LaTeX,
//! or write them into a directory with `--out`.

use super::CodebookArgs;
use crate::charts::ChartOptions;
use crate::error::{Error, Result};
use crate::export::{self, TableName};
use crate::outputs::Output;
use crate::write;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

/// The formats of `thematic tables`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Csv,
    Md,
    Json,
    /// The paper's tables for Word (tables.docx).
    Docx,
    /// Every table and the audit's findings, a sheet each (tables.xlsx).
    Xlsx,
    /// The paper's tables as LaTeX fragments (tables.tex; with --out also latex/<table>.tex).
    Latex,
}

#[derive(Debug, Args)]
pub struct TablesArgs {
    #[command(flatten)]
    codebook: CodebookArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "md")]
    format: Format,
    /// One table only (default: all). CSV holds one table per file, so printing CSV to the
    /// terminal needs --table unless --out is given.
    #[arg(long, value_enum)]
    table: Option<TableName>,
    /// Write the tables as files into this directory instead of printing them.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    #[command(flatten)]
    lang: super::LangArg,
    #[command(flatten)]
    document: super::DocumentArgs,
    #[command(flatten)]
    force: super::ForceArg,
}

/// The outputs `format` and `table` ask for (`out`: written into a directory).
fn chosen(format: Format, table: Option<TableName>, out: bool) -> Result<Vec<Output>> {
    let whole = |file: &str| {
        Err(Error::Usage(format!(
            "--format {} writes one file with every table ({file}); drop --table",
            match format {
                Format::Docx => "docx",
                _ => "xlsx",
            }
        )))
    };
    Ok(match (format, table) {
        (Format::Csv, None) => TableName::all().iter().map(|&t| Output::TableCsv(t)).collect(),
        (Format::Csv, Some(t)) => vec![Output::TableCsv(t)],
        (Format::Md, None) => vec![Output::TablesMarkdown],
        (Format::Md, Some(t)) => vec![Output::TableMarkdown(t)],
        (Format::Json, None) => vec![Output::TablesJson],
        (Format::Json, Some(_)) => {
            return Err(Error::Usage(
                "--format json prints one document with every table; drop --table (select with jq, e.g. `jq .components`)".into(),
            ))
        }
        (Format::Docx, None) => vec![Output::TablesDocx],
        (Format::Xlsx, None) => vec![Output::TablesXlsx],
        (Format::Docx, Some(_)) => return whole("tables.docx"),
        (Format::Xlsx, Some(_)) => return whole("tables.xlsx"),
        (Format::Latex, None) if out => {
            let mut outputs = vec![Output::TablesLatex];
            outputs.extend(Output::latex_tables());
            outputs
        }
        (Format::Latex, None) => vec![Output::TablesLatex],
        (Format::Latex, Some(t)) if export::publication::prints(t) => vec![Output::TableLatex(t)],
        (Format::Latex, Some(t)) => {
            return Err(Error::Usage(format!(
                "--table {} is not a table a paper prints, so it has no LaTeX; the paper's tables are {}; the matrices are in the CSV (--format csv) and the spreadsheet (--format xlsx)",
                t.stem(),
                TableName::all()
                    .iter()
                    .filter(|t| export::publication::prints(**t))
                    .map(|t| t.stem())
                    .collect::<Vec<_>>()
                    .join(", ")
            )))
        }
    })
}

pub fn run(args: &TablesArgs) -> Result<()> {
    let chosen = chosen(args.format, args.table, args.out.is_some())?;
    if args.out.is_none() && matches!(args.format, Format::Docx | Format::Xlsx) {
        let file = chosen[0].file();
        super::refuse_binary_on_terminal(
            &file,
            &format!("write it into a directory with --out DIR, or redirect it (`> {file}`)"),
        )?;
    }
    if args.out.is_none() && chosen.len() > 1 {
        return Err(Error::Usage(
            "CSV holds one table per file: choose one with --table (e.g. --table components) or write them all with --out DIR".into(),
        ));
    }
    let codebook = args.codebook.load()?;
    let charts = ChartOptions::new(args.lang.resolve(&codebook));
    let document = args.document.options(charts.lang)?;
    // Written into a directory, the largest tables go to files beside it as they are
    // rendered, then are moved into place.
    let destination = args
        .out
        .as_ref()
        .map(|dir| args.codebook.destination(dir, &args.force));
    let scratch = match &destination {
        Some(destination) => {
            write::check(destination)?;
            Some(write::scratch(destination)?)
        }
        None => None,
    };
    let rendered = super::compute_and_render_with(
        &codebook,
        &chosen,
        &charts,
        &crate::audit::Settings::new(charts.lang),
        &document,
        "rendering",
        super::Extra {
            coders: None,
            scratch: scratch.as_deref(),
        },
    );
    let outcome = rendered.and_then(|rendered| match &destination {
        Some(destination) => {
            let written = super::progress::step("writing", || {
                write::write_all(destination, &rendered.files)
            })?;
            super::print(crate::export::text::wrote(&written).as_bytes())
        }
        None => super::print(&rendered.files[0].bytes),
    });
    if let Some(scratch) = scratch {
        let _ = std::fs::remove_dir_all(scratch);
    }
    outcome
}

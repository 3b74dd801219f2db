//! `thematic tables`: print the recomputed tables as CSV, Markdown or JSON, or write them into
//! a directory with `--out`.

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
    force: super::ForceArg,
}

/// The outputs `format` and `table` ask for.
fn chosen(format: Format, table: Option<TableName>) -> Result<Vec<Output>> {
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
    })
}

pub fn run(args: &TablesArgs) -> Result<()> {
    let chosen = chosen(args.format, args.table)?;
    if args.out.is_none() && chosen.len() > 1 {
        return Err(Error::Usage(
            "CSV holds one table per file: choose one with --table (e.g. --table components) or write them all with --out DIR".into(),
        ));
    }
    let codebook = args.codebook.load()?;
    let charts = ChartOptions::new(args.lang.resolve(&codebook));
    let rendered = super::compute_and_render(
        &codebook,
        &chosen,
        &charts,
        &crate::audit::Settings::new(charts.lang),
        "rendering",
    )?
    .files;
    match &args.out {
        Some(dir) => {
            let destination = args.codebook.destination(dir, &args.force);
            let written =
                super::progress::step("writing", || write::write_all(&destination, &rendered))?;
            let list = export::text::file_list(&written);
            super::print(format!("wrote {} files:\n{list}", written.len()).as_bytes())
        }
        None => super::print(&rendered[0].bytes),
    }
}

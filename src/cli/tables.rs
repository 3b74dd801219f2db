//! `thematic tables`: print the recomputed tables as CSV, Markdown or JSON, or write them into
//! a directory with `--out`.

use super::CodebookArgs;
use crate::error::{Error, Result};
use crate::export::{self, Format, TableName};
use crate::tables;
use crate::write::{self, Output};
use clap::Args;
use std::path::PathBuf;

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
    force: super::ForceArg,
}

pub fn run(args: &TablesArgs) -> Result<()> {
    let codebook = args.codebook.load()?;
    let tables = super::progress::step("computing the tables", || tables::compute(&codebook))?;
    let chosen: Vec<TableName> = args
        .table
        .map_or_else(|| TableName::ALL.to_vec(), |t| vec![t]);
    let outputs: Vec<Output> = match args.format {
        Format::Csv => super::progress::step("rendering", || {
            crate::parallel::map_costliest_first(
                &chosen,
                |&t| export::estimated_cells(&tables, t) as u64,
                |&t| Output::new(format!("{}.csv", t.stem()), export::csv::table(&tables, t)),
            )
        }),
        Format::Md => {
            let text = match args.table {
                Some(t) => export::markdown::table(&tables, t),
                None => export::markdown::report(&tables),
            };
            let stem = args.table.map_or("tables", TableName::stem);
            vec![Output::new(format!("{stem}.md"), text)]
        }
        Format::Json => {
            if args.table.is_some() {
                return Err(Error::Usage(
                    "--format json prints one document with every table; drop --table (select with jq, e.g. `jq .components`)".into(),
                ));
            }
            vec![Output::new("tables.json", export::json::document(&tables))]
        }
    };
    match &args.out {
        Some(dir) => {
            let destination = args.codebook.destination(dir, &args.force);
            let written = super::progress::step("writing", || write::write_all(&destination, &outputs))?;
            let list = super::file_list(&written);
            super::print(format!("wrote {} files:\n{list}", written.len()).as_bytes())
        }
        None if outputs.len() > 1 => Err(Error::Usage(
            "CSV holds one table per file: choose one with --table (e.g. --table components) or write them all with --out DIR".into(),
        )),
        None => super::print(&outputs[0].bytes),
    }
}

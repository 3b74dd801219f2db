//! `thematic agree A B [C…]`: intercoder agreement between codebooks of one scheme, each one
//! coder's coding of the same interviews. Prints one format, or writes every output (tables,
//! disagreements, the α chart) into `--out DIR`.

use crate::agree::{self, Settings, MAX_CODERS};
use crate::charts::{self, ChartOptions};
use crate::error::{Error, Result};
use crate::export::agreement;
use crate::write::{self, Output};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AgreeFormat {
    Text,
    Md,
    Json,
    Csv,
}

#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// Two or more codebook directories (or `built-in`), one per coder, of the same scheme.
    #[arg(value_name = "CODEBOOK", num_args = 2.., required = true)]
    codebooks: Vec<PathBuf>,
    /// Report format (printed; with --out every format is written).
    #[arg(long, value_enum, default_value = "text")]
    format: AgreeFormat,
    /// Write agreement.txt, .md, .json, .csv, disagreements.csv, the α chart (SVG, PNG) and
    /// report.html (coder 1's report with a section on agreement between the coders) here.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Bootstrap replicates for the 95% intervals (0: no intervals).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    bootstrap: usize,
    /// Seed of the bootstrap: the same seed gives the same intervals.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    #[command(flatten)]
    lang: super::LangArg,
    /// Leave out the line citing the study at the foot of the chart.
    #[arg(long)]
    no_footnote: bool,
    #[command(flatten)]
    force: super::ForceArg,
}

pub fn run(args: &AgreeArgs) -> Result<()> {
    if args.codebooks.len() > MAX_CODERS {
        return Err(Error::Usage(format!(
            "{} codebooks given; agree compares at most {MAX_CODERS} coders",
            args.codebooks.len()
        )));
    }
    if args.bootstrap > 100_000 {
        return Err(Error::Usage(format!(
            "--bootstrap {} is more replicates than an interval needs; give at most 100000 (1000 is usual)",
            args.bootstrap
        )));
    }
    let codebooks = args
        .codebooks
        .iter()
        .map(|path| super::load_named(path))
        .collect::<Result<Vec<_>>>()?;
    let first = &codebooks[0];
    let lang = args.lang.resolve(first);
    let settings = Settings {
        bootstrap: args.bootstrap,
        seed: args.seed,
    };
    let refs: Vec<&crate::model::Codebook> = codebooks.iter().collect();
    let result = super::progress::step("computing agreement", || agree::agree(&refs, settings));
    let Some(dir) = &args.out else {
        let bytes = match args.format {
            AgreeFormat::Text => agreement::text(&result, lang).into_bytes(),
            AgreeFormat::Md => agreement::markdown(&result, lang).into_bytes(),
            AgreeFormat::Json => agreement::json(&result, lang),
            AgreeFormat::Csv => agreement::csv(&result, lang),
        };
        return super::print(&bytes);
    };
    let options = ChartOptions {
        footnote: !args.no_footnote,
        ..ChartOptions::new(lang)
    };
    let mut outputs = vec![
        Output::new("agreement.txt", agreement::text(&result, lang)),
        Output::new("agreement.md", agreement::markdown(&result, lang)),
        Output::new("agreement.json", agreement::json(&result, lang)),
        Output::new("agreement.csv", agreement::csv(&result, lang)),
        Output::new(
            "disagreements.csv",
            agreement::disagreements_csv(&result, lang),
        ),
    ];
    // The report of coder 1's codebook with its section on agreement between the coders.
    let report = super::compute_and_render_with(
        first,
        &[crate::outputs::Output::Report],
        &options,
        &crate::audit::Settings::new(lang),
        &crate::export::publication::Options::new(lang),
        "writing the report",
        super::Extra {
            coders: Some(&result),
            scratch: None,
        },
    )?;
    outputs.extend(report.files);
    let drawing = charts::reliability(&result, &first.study, &options);
    outputs.push(Output::new("charts/agreement_alpha.svg", drawing.svg()));
    outputs.push(Output::new(
        "charts/agreement_alpha.png",
        charts::png(&drawing, &options)?,
    ));
    // Never into any coder's codebook directory.
    for path in &args.codebooks {
        write::check(&write::Destination {
            out_dir: dir.clone(),
            codebook_dir: Some(path.clone()),
            force: args.force.force,
        })?;
    }
    let destination = write::Destination {
        out_dir: dir.clone(),
        codebook_dir: Some(args.codebooks[0].clone()),
        force: args.force.force,
    };
    let written = super::progress::step("writing", || write::write_all(&destination, &outputs))?;
    super::print(crate::export::text::wrote(&written).as_bytes())
}

//! `thematic report`: write `OUT/report.html`, one self-contained page with the verdict, the
//! printed and recomputed tables, the audit's evidence and the charts.

use super::CodebookArgs;
use crate::error::Result;
use crate::outputs::Output;
use crate::write;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    codebook: CodebookArgs,
    /// Output directory; the page is written as report.html in it.
    #[arg(long, value_name = "DIR", default_value = "output")]
    out: PathBuf,
    #[command(flatten)]
    render: super::RenderArgs,
    /// Other coders' codebooks of the same scheme: adds a section on agreement between the
    /// coders (the report's codebook is coder 1), as `thematic agree` computes it.
    #[arg(long, value_name = "CODEBOOK", num_args = 1..)]
    agree: Vec<PathBuf>,
    /// Bootstrap replicates for the agreement section's intervals.
    #[arg(long, value_name = "N", default_value_t = 1000, requires = "agree")]
    bootstrap: usize,
    #[command(flatten)]
    force: super::ForceArg,
}

pub fn run(args: &ReportArgs) -> Result<()> {
    let destination = args.codebook.destination(&args.out, &args.force);
    write::check(&destination)?;
    let codebook = args.codebook.load()?;
    let (charts, settings) = args.render.options(&codebook)?;
    let others = args
        .agree
        .iter()
        .map(|path| super::load_named(path))
        .collect::<Result<Vec<_>>>()?;
    let coders = (!others.is_empty()).then(|| {
        let all: Vec<&crate::model::Codebook> =
            std::iter::once(&codebook).chain(others.iter()).collect();
        super::progress::step("computing agreement", || {
            crate::agree::agree(
                &all,
                crate::agree::Settings {
                    bootstrap: args.bootstrap,
                    seed: 1,
                },
            )
        })
    });
    let rendered = super::compute_and_render_with(
        &codebook,
        &[Output::Report],
        &charts,
        &settings,
        &crate::export::publication::Options::new(charts.lang),
        "writing the report",
        super::Extra {
            coders: coders.as_ref(),
            scratch: None,
        },
    )?
    .files;
    let mut rendered = rendered;
    rendered.extend(args.codebook.read_codebook_files());
    eprint!("{}", args.codebook.reading_summary());
    let written = super::progress::step("writing", || write::write_all(&destination, &rendered))?;
    let list = crate::export::text::file_list(&written);
    super::print(format!("codebook: {}\nwrote:\n{list}", codebook.location).as_bytes())
}

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
    #[command(flatten)]
    force: super::ForceArg,
}

pub fn run(args: &ReportArgs) -> Result<()> {
    let destination = args.codebook.destination(&args.out, &args.force);
    write::check(&destination)?;
    let codebook = args.codebook.load()?;
    let (charts, settings) = args.render.options(&codebook)?;
    let rendered = super::compute_and_render(
        &codebook,
        &[Output::Report],
        &charts,
        &settings,
        &crate::export::publication::Options::new(charts.lang),
        "writing the report",
    )?
    .files;
    let written = super::progress::step("writing", || write::write_all(&destination, &rendered))?;
    let list = crate::export::text::file_list(&written);
    super::print(format!("codebook: {}\nwrote:\n{list}", codebook.location).as_bytes())
}

//! `thematic charts`: draw the charts (SVG and PNG) into `OUT/charts/`.

use super::CodebookArgs;
use crate::charts::{ChartKind, ChartOptions, Font, ImageFormat};
use crate::error::{Error, Result};
use crate::export;
use crate::outputs::Output;
use crate::write;
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ChartsArgs {
    #[command(flatten)]
    codebook: CodebookArgs,
    /// Output directory; the charts go into its `charts/` folder.
    #[arg(long, value_name = "DIR", default_value = "output")]
    out: PathBuf,
    /// Image formats, comma-separated.
    #[arg(long, value_enum, value_delimiter = ',', default_value = "svg,png")]
    format: Vec<ImageFormat>,
    #[command(flatten)]
    lang: super::LangArg,
    /// Leave out the line citing the study at the foot of each chart.
    #[arg(long)]
    no_footnote: bool,
    /// Draw only these charts (comma-separated).
    #[arg(long, value_enum, value_delimiter = ',')]
    only: Vec<ChartKind>,
    /// Width in pixels (SVG units); 1800 fits a journal page width at about 270 dpi.
    #[arg(long, default_value_t = 1800, value_parser = clap::value_parser!(u32).range(400..=20000))]
    width: u32,
    /// Height in pixels; by default each chart is as tall as its rows need.
    #[arg(long, value_parser = clap::value_parser!(u32).range(200..=20000))]
    height: Option<u32>,
    /// PNG pixels per SVG unit (2 doubles the resolution).
    #[arg(long, default_value_t = 1.0)]
    scale: f32,
    /// A TrueType/OpenType font to draw with instead of the built-in DejaVu Sans.
    #[arg(long, value_name = "FILE")]
    font: Option<PathBuf>,
    #[command(flatten)]
    force: super::ForceArg,
}

pub fn run(args: &ChartsArgs) -> Result<()> {
    if !(args.scale > 0.0 && args.scale <= 10.0) {
        return Err(Error::Usage(format!(
            "--scale {} is out of range: give a number above 0 and at most 10",
            args.scale
        )));
    }
    let font = match &args.font {
        Some(path) => Font::load(path)?,
        None => Font::builtin(),
    };
    let destination = args.codebook.destination(&args.out, &args.force);
    write::check(&destination)?;
    let kinds = if args.only.is_empty() {
        ChartKind::all()
    } else {
        &args.only
    };
    let chosen = Output::charts(kinds, &args.format);
    let codebook = args.codebook.load()?;
    let options = ChartOptions {
        lang: args.lang.resolve(&codebook),
        width: args.width,
        height: args.height,
        scale: args.scale,
        font,
        footnote: !args.no_footnote,
    };
    let rendered = super::compute_and_render(
        &codebook,
        &chosen,
        &options,
        &crate::audit::Settings::new(options.lang),
        &crate::export::publication::Options::new(options.lang),
        "drawing the charts",
    )?
    .files;
    let written = super::progress::step("writing", || write::write_all(&destination, &rendered))?;
    let list = export::text::file_list(&written);
    super::print(
        format!(
            "codebook: {}\nwrote {} charts:\n{list}",
            codebook.location,
            written.len()
        )
        .as_bytes(),
    )
}

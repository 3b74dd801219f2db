//! `thematic charts`: draw the charts (SVG and PNG) into `OUT/charts/`.

use super::CodebookArgs;
use crate::charts::{self, ChartKind, ChartOptions, Font, ImageFormat, Lang};
use crate::error::{Error, Result};
use crate::model::Codebook;
use crate::tables::{self, Tables};
use crate::write::{self, Output};
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
    /// Label language: the codebook's printed labels (fa) or its English labels (en).
    #[arg(long, value_enum, default_value = "fa")]
    lang: Lang,
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

/// Draw `kinds` in `formats`; paths are relative to the output directory.
///
/// Rasterising dominates a run and charts are independent, so the SVGs are drawn first (cheap),
/// then rasterised, most expensive first; both on all cores.
pub fn outputs(
    codebook: &Codebook,
    tables: &Tables,
    options: &ChartOptions,
    kinds: &[ChartKind],
    formats: &[ImageFormat],
) -> Result<Vec<Output>> {
    let svgs: Vec<(ChartKind, String)> = crate::parallel::map(kinds, |&kind| {
        Some((kind, charts::svg(kind, codebook, tables, options)?))
    })
    .into_iter()
    .flatten()
    .collect();
    let mut outputs = Vec::new();
    if formats.contains(&ImageFormat::Png) {
        let pngs: Vec<Result<Output>> = crate::parallel::map_costliest_first(
            &svgs,
            |(_, svg)| charts::raster_cost(svg),
            |(kind, svg)| {
                let png = charts::png(svg, options)?;
                Ok(Output::new(format!("charts/{}.png", kind.stem()), png))
            },
        );
        for png in pngs {
            outputs.push(png?);
        }
    }
    if formats.contains(&ImageFormat::Svg) {
        for (kind, svg) in svgs {
            outputs.push(Output::new(format!("charts/{}.svg", kind.stem()), svg));
        }
    }
    outputs.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(outputs)
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
    let codebook = args.codebook.load()?;
    let tables = super::progress::step("computing the tables", || tables::compute(&codebook))?;
    let options = ChartOptions {
        lang: args.lang,
        width: args.width,
        height: args.height,
        scale: args.scale,
        font,
    };
    let kinds: Vec<ChartKind> = if args.only.is_empty() {
        ChartKind::ALL.to_vec()
    } else {
        args.only.clone()
    };
    let outputs = super::progress::step("drawing the charts", || {
        outputs(&codebook, &tables, &options, &kinds, &args.format)
    })?;
    let written = super::progress::step("writing", || write::write_all(&destination, &outputs))?;
    let list = super::file_list(&written);
    super::print(
        format!(
            "codebook: {}\nwrote {} charts:\n{list}",
            codebook.location,
            written.len()
        )
        .as_bytes(),
    )
}

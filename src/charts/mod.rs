//! Charts: the paper's Chart 1 (dimensions) and Chart 2 (components) redrawn from the data,
//! printed against recomputed, and the charts a researcher needs besides (base themes, the
//! case × code matrix, co-occurrence, Table 1 against Table 2). Each is laid out on a canvas,
//! finished into a [`Drawing`] (SVG shapes by plotters, labels as data) and rasterised to PNG
//! with resvg.
//!
//! Charts read computed results only: the [`Tables`] and the audit's agreement figures, never
//! the codebook. The rooms:
//! - here: the public interface (which chart, options, [`draw`], [`png`], [`raster_cost`]);
//! - `words`: every phrase in each language, and numbers as each language writes them;
//! - `content`: what each chart shows;
//! - `shapes`: the layouts they share (grouped bars, horizontal bars, heatmap, title, legend),
//!   colours and axes;
//! - `network`: the thematic network, one figure a dimension and one of the study;
//! - `trim`: what a large study's chart leaves out and says it left out;
//! - `canvas`, `raster`, `font`: drawing, rasterising and measuring.
//!
//! Layout is done in pixels, with labels measured in the chart's font: long labels wrap or end
//! in an ellipsis before they could overlap or leave the canvas. Colours (Okabe–Ito) stay apart
//! for colour-blind readers and in greyscale; every bar carries its number.

mod canvas;
mod content;
pub mod font;
mod glyphs;
mod network;
mod raster;
mod reliability;
mod shapes;
mod trim;
mod words;

use crate::audit::cross_table::Agreement;
pub use crate::lang::Lang;
use crate::model::Study;
use crate::tables::Tables;
pub use canvas::Drawing;
pub use font::Font;
use words::Words;

/// Which chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, clap::ValueEnum)]
pub enum ChartKind {
    Dimensions,
    DimensionsPie,
    Components,
    BaseThemes,
    CaseMatrix,
    Cooccurrence,
    Agreement,
    /// The thematic network: `network` (the whole study) and `network_1`, `network_2`, … (one
    /// a dimension).
    Network,
}

impl ChartKind {
    /// Every chart, in the order `run` draws them.
    pub fn all() -> &'static [ChartKind] {
        <ChartKind as clap::ValueEnum>::value_variants()
    }

    pub fn stem(self) -> &'static str {
        match self {
            ChartKind::Dimensions => "dimensions",
            ChartKind::DimensionsPie => "dimensions_pie",
            ChartKind::Components => "components",
            ChartKind::BaseThemes => "base_themes",
            ChartKind::CaseMatrix => "case_matrix",
            ChartKind::Cooccurrence => "cooccurrence",
            ChartKind::Agreement => "agreement",
            ChartKind::Network => "network",
        }
    }
}

/// Image formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImageFormat {
    Svg,
    Png,
}

pub struct ChartOptions {
    pub lang: Lang,
    /// Drawing width in pixels (SVG user units).
    pub width: u32,
    /// Fixed height; `None` lets each chart take the height its rows need.
    pub height: Option<u32>,
    /// PNG pixels per SVG unit.
    pub scale: f32,
    pub font: Font,
    /// A small line at the foot of each chart citing the study (when `study.toml` cites it).
    pub footnote: bool,
}

impl ChartOptions {
    pub fn new(lang: Lang) -> ChartOptions {
        ChartOptions {
            lang,
            width: 1800,
            height: None,
            scale: 1.0,
            font: Font::builtin(),
            footnote: true,
        }
    }
}

/// What charts read: the tables, and the audit's agreement between Table 1 and Table 2 per
/// base theme (`None` for a base theme no findings phrase is mapped to).
#[derive(Clone, Copy)]
pub struct ChartData<'a> {
    pub tables: &'a Tables,
    /// The study's words, numbering and citation.
    pub study: &'a Study,
    /// Absent when the codebook has no findings map.
    pub agreement: Option<&'a [Option<Agreement>]>,
}

/// One figure of a chart: the file stem it is written under (`charts/<stem>.svg`), its title,
/// and the drawing. Every chart is one figure but the network, which is one a dimension besides
/// the whole study's.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub stem: String,
    pub title: String,
    pub drawing: Drawing,
}

/// Draw one chart's figures; none when there is nothing to draw (the agreement chart without
/// a findings map).
pub fn draw(kind: ChartKind, data: ChartData, options: &ChartOptions) -> Vec<Figure> {
    let words = Words::new(options.lang, data.study);
    let chart = Chart {
        tables: data.tables,
        agreement: data.agreement,
        options,
        words: &words,
    };
    let drawing = match kind {
        ChartKind::Dimensions => Some(chart.dimensions()),
        ChartKind::DimensionsPie => Some(chart.dimensions_pie()),
        ChartKind::Components => Some(chart.components()),
        ChartKind::BaseThemes => Some(chart.base_themes()),
        ChartKind::CaseMatrix => Some(chart.case_matrix()),
        ChartKind::Cooccurrence => Some(chart.cooccurrence()),
        ChartKind::Agreement => chart.agreement(),
        ChartKind::Network => {
            return chart
                .networks()
                .into_iter()
                .map(|(stem, title, drawing)| Figure {
                    stem,
                    title,
                    drawing,
                })
                .collect()
        }
    };
    drawing
        .map(|drawing| Figure {
            stem: kind.stem().to_string(),
            title: title(kind, options.lang, data.study),
            drawing,
        })
        .into_iter()
        .collect()
}

/// `thematic agree`'s chart: Krippendorff's α per base theme with its interval, in the style
/// of the other charts (the study's words and citation from the first coder's codebook).
pub fn reliability(
    agreement: &crate::agree::Agreement,
    study: &Study,
    options: &ChartOptions,
) -> Drawing {
    let words = Words::new(options.lang, study);
    // The layouts are methods of a chart of tables; this chart reads none.
    let tables = Tables::default();
    let chart = Chart {
        tables: &tables,
        agreement: None,
        options,
        words: &words,
    };
    chart.reliability(agreement)
}

/// A chart's title, as drawn at its top (for a report's `<title>` of the chart).
pub fn title(kind: ChartKind, lang: Lang, study: &Study) -> String {
    let words = Words::new(lang, study);
    match kind {
        ChartKind::Dimensions => words.dimensions_title(),
        ChartKind::DimensionsPie => words.pie_title(),
        ChartKind::Components => words.components_title(),
        ChartKind::BaseThemes => words.base_themes_title(),
        ChartKind::CaseMatrix => words.case_matrix_title(),
        ChartKind::Cooccurrence => words.cooccurrence_title(),
        ChartKind::Agreement => words.agreement_title(),
        ChartKind::Network => words.network_title(None),
    }
}

/// A rough estimate of the time to rasterise a drawing, to draw the slowest charts first.
pub fn raster_cost(drawing: &Drawing) -> u64 {
    raster::cost(drawing)
}

/// Rasterise a drawing to PNG.
pub fn png(drawing: &Drawing, options: &ChartOptions) -> crate::error::Result<Vec<u8>> {
    raster::png(drawing, &options.font, options.scale)
}

/// One chart being drawn: what it reads and how it writes.
struct Chart<'a> {
    tables: &'a Tables,
    agreement: Option<&'a [Option<Agreement>]>,
    options: &'a ChartOptions,
    words: &'a Words,
}

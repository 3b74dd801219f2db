//! Charts: the paper's Chart 1 (dimensions) and Chart 2 (components) redrawn from the data,
//! printed against recomputed, and the charts a researcher needs besides (base themes, the
//! case × code matrix, co-occurrence, Table 1 against Table 2). Each is drawn once as SVG with
//! plotters and rasterised to PNG with resvg.
//!
//! Layout is done here, in pixels, with labels measured in the chart's font: long labels wrap
//! or end in an ellipsis before they could overlap or leave the canvas. Colours (Okabe–Ito)
//! stay apart for colour-blind readers and in greyscale (black, blue, orange differ in
//! lightness); every bar carries its number.

mod canvas;
pub mod font;
mod raster;

use crate::audit::cross_table::Table1;
use crate::model::Codebook;
use crate::persian::to_persian_digits;
use crate::tables::Tables;
use canvas::{Align, Canvas, Color};
pub use font::Font;
use std::collections::BTreeSet;

const BLACK: Color = Color(0, 0, 0);
const GREY: Color = Color(110, 110, 110);
const LIGHT: Color = Color(225, 225, 225);
const PRINTED: Color = Color(0, 0, 0);
const SUM: Color = Color(0, 114, 178);
const UNION: Color = Color(230, 159, 0);
/// Dimensions, in order (Okabe–Ito, darkest first).
const PALETTE: [Color; 6] = [
    Color(0, 114, 178),
    Color(230, 159, 0),
    Color(0, 158, 115),
    Color(204, 121, 167),
    Color(213, 94, 0),
    Color(86, 180, 233),
];

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
}

impl ChartKind {
    pub const ALL: [ChartKind; 7] = [
        ChartKind::Dimensions,
        ChartKind::DimensionsPie,
        ChartKind::Components,
        ChartKind::BaseThemes,
        ChartKind::CaseMatrix,
        ChartKind::Cooccurrence,
        ChartKind::Agreement,
    ];

    pub fn stem(self) -> &'static str {
        match self {
            ChartKind::Dimensions => "dimensions",
            ChartKind::DimensionsPie => "dimensions_pie",
            ChartKind::Components => "components",
            ChartKind::BaseThemes => "base_themes",
            ChartKind::CaseMatrix => "case_matrix",
            ChartKind::Cooccurrence => "cooccurrence",
            ChartKind::Agreement => "agreement",
        }
    }
}

/// Label language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Lang {
    Fa,
    En,
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
}

impl ChartOptions {
    pub fn new(lang: Lang) -> ChartOptions {
        ChartOptions {
            lang,
            width: 1800,
            height: None,
            scale: 1.0,
            font: Font::builtin(),
        }
    }
}

/// Words and numbers in the chart's language.
struct Words {
    lang: Lang,
}

impl Words {
    fn pick<'a>(&self, fa: &'a str, en: &'a str) -> &'a str {
        match self.lang {
            Lang::Fa => fa,
            Lang::En => en,
        }
    }

    fn int(&self, n: u64) -> String {
        match self.lang {
            Lang::Fa => to_persian_digits(n),
            Lang::En => n.to_string(),
        }
    }

    fn percent(&self, x: f64) -> String {
        let text = format!("{x:.1}");
        match self.lang {
            Lang::Fa => {
                let digits: String = text
                    .chars()
                    .map(|c| match c {
                        '.' => '٫',
                        d => d.to_digit(10).map_or(d, |v| {
                            to_persian_digits(u64::from(v)).chars().next().unwrap_or(d)
                        }),
                    })
                    .collect();
                format!("{digits}٪")
            }
            Lang::En => format!("{text}%"),
        }
    }

    /// A label in the chart's language: English needs an English label, else a numbered
    /// stand-in (never Arabic script in an English chart).
    fn label(&self, printed: &str, english: &str, kind_en: &str, number: usize) -> String {
        match self.lang {
            Lang::Fa => printed.to_string(),
            Lang::En if !english.is_empty() => english.to_string(),
            Lang::En => format!("{kind_en} {number}"),
        }
    }
}

/// Draw one chart as SVG; `None` when the codebook has nothing to draw for it (the agreement
/// chart without a findings map).
pub fn svg(
    kind: ChartKind,
    codebook: &Codebook,
    tables: &Tables,
    options: &ChartOptions,
) -> Option<String> {
    let words = Words { lang: options.lang };
    let chart = Chart {
        codebook,
        tables,
        options,
        words: &words,
    };
    match kind {
        ChartKind::Dimensions => Some(chart.dimensions()),
        ChartKind::DimensionsPie => Some(chart.dimensions_pie()),
        ChartKind::Components => Some(chart.components()),
        ChartKind::BaseThemes => Some(chart.base_themes()),
        ChartKind::CaseMatrix => Some(chart.case_matrix()),
        ChartKind::Cooccurrence => Some(chart.cooccurrence()),
        ChartKind::Agreement => chart.agreement(),
    }
}

/// Rasterise a chart's SVG.
/// A rough estimate of the time to rasterise `svg`, to draw the slowest charts first: pixels
/// to fill, plus distinct labels (each is shaped and outlined, about as costly as 7,500 pixels,
/// measured on the paper's charts), plus placements of labels (drawn).
pub fn raster_cost(svg: &str) -> u64 {
    let (laid_out, placed) = raster::text_counts(svg);
    let area = canvas::svg_area(svg).unwrap_or(0);
    area + 7_500 * laid_out as u64 + 300 * placed as u64
}

pub fn png(svg: &str, options: &ChartOptions) -> crate::error::Result<Vec<u8>> {
    raster::png(svg, &options.font, options.scale)
}

struct Chart<'a> {
    codebook: &'a Codebook,
    tables: &'a Tables,
    options: &'a ChartOptions,
    words: &'a Words,
}

/// One bar series of a grouped bar chart.
struct Series {
    name: String,
    color: Color,
}

/// One group of a grouped bar chart: its label, a band label above it (the dimension of a
/// component), and one value per series (`None`: not printed).
struct Group {
    label: String,
    band: String,
    values: Vec<Option<f64>>,
}

const TITLE: f64 = 26.0;
const TEXT: f64 = 16.0;
const SMALL: f64 = 13.0;

impl Chart<'_> {
    fn w(&self) -> f64 {
        f64::from(self.options.width)
    }

    fn canvas(&self, natural_height: f64) -> Canvas<'_> {
        let height = self
            .options
            .height
            .unwrap_or(natural_height.ceil() as u32)
            .max(200);
        Canvas::new(self.options.width, height, &self.options.font)
    }

    /// The title, and under it, after a line break in `text`, a note in small type.
    fn title(&self, c: &mut Canvas, text: &str) {
        let (title, note) = text.split_once('\n').unwrap_or((text, ""));
        let (x, align) = match self.words.lang {
            Lang::Fa => (self.w() - 20.0, Align::Right),
            Lang::En => (20.0, Align::Left),
        };
        let fitted = self.options.font.fit(title, TITLE, self.w() - 40.0);
        c.bold_text(x, 30.0, &fitted, TITLE, align, BLACK);
        if !note.is_empty() {
            let fitted = self.options.font.fit(note, SMALL, self.w() - 40.0);
            c.text(x, 50.0, &fitted, SMALL, align, GREY);
        }
    }

    /// A legend row of coloured squares and names, laid out from the reading side.
    fn legend(&self, c: &mut Canvas, y: f64, items: &[(String, Color)]) {
        let font = &self.options.font;
        let rtl = self.words.lang == Lang::Fa;
        // Right to left for Persian: the swatch on the reading side of its name.
        let mut x = if rtl { self.w() - 20.0 } else { 20.0 };
        for (name, color) in items {
            let name = font.fit(name, TEXT, self.w() / items.len() as f64 - 60.0);
            let width = font.width(&name, TEXT);
            if rtl {
                c.outlined_rect(x - 16.0, y - 8.0, x, y + 8.0, *color, GREY);
                c.text(x - 22.0, y, &name, TEXT, Align::Right, BLACK);
                x -= width + 60.0;
            } else {
                c.outlined_rect(x, y - 8.0, x + 16.0, y + 8.0, *color, GREY);
                c.text(x + 22.0, y, &name, TEXT, Align::Left, BLACK);
                x += width + 60.0;
            }
        }
    }

    /// One swatch per dimension, in the colours bars are drawn in.
    fn dimension_legend(&self) -> Vec<(String, Color)> {
        (0..self.tables.dimensions.len())
            .map(|d| (self.dimension_label(d), PALETTE[d % PALETTE.len()]))
            .collect()
    }

    fn dimension_label(&self, i: usize) -> String {
        let d = &self.tables.dimensions[i];
        self.words
            .label(&d.dimension, &d.label_en, "Dimension", i + 1)
    }

    fn component_label(&self, i: usize) -> String {
        let r = &self.tables.components[i];
        self.words
            .label(&r.component, &r.label_en, "Component", i + 1)
    }

    fn theme_label(&self, i: usize) -> String {
        let r = &self.tables.base_themes[i];
        self.words
            .label(&r.theme, &r.theme_en, "Base theme", r.number)
    }

    fn dimension_index(&self, label: &str) -> usize {
        self.tables
            .dimensions
            .iter()
            .position(|d| d.dimension == label)
            .unwrap_or(0)
    }

    /// Vertical grouped bars with numbers on them.
    fn grouped_bars(
        &self,
        title: &str,
        axis: &str,
        series: &[Series],
        groups: &[Group],
        format: &dyn Fn(f64) -> String,
    ) -> String {
        let font = &self.options.font;
        let w = self.w();
        let has_bands = groups.iter().any(|g| !g.band.is_empty());
        let height = self.options.height.map_or(900.0, f64::from);
        let mut c = self.canvas(height);
        self.title(&mut c, title);
        let legend: Vec<(String, Color)> =
            series.iter().map(|s| (s.name.clone(), s.color)).collect();
        self.legend(&mut c, 78.0, &legend);
        let (left, right, top) = (90.0, 30.0, 124.0);
        let bottom = if has_bands { 110.0 } else { 70.0 };
        let plot_h = height - top - bottom;
        let plot_w = w - left - right;
        let max = groups
            .iter()
            .flat_map(|g| g.values.iter().flatten())
            .fold(0.0f64, |m, &v| m.max(v))
            .max(1.0);
        let (step, top_value) = nice_axis(max);
        let y_of = |v: f64| top + plot_h - v / top_value * plot_h;
        // Grid and axis.
        let mut v = 0.0;
        while v <= top_value + 1e-9 {
            let y = y_of(v);
            c.line(&[(left, y), (left + plot_w, y)], LIGHT, 1);
            c.text(left - 8.0, y, &format(v), SMALL, Align::Right, GREY);
            v += step;
        }
        c.line(&[(left, top), (left, top + plot_h)], GREY, 1);
        c.text(
            left - 8.0,
            top - 18.0,
            &font.fit(axis, SMALL, 400.0),
            SMALL,
            Align::Left,
            GREY,
        );
        let group_w = plot_w / groups.len().max(1) as f64;
        let bar_w = (group_w * 0.8 / series.len() as f64).min(140.0);
        for (g, group) in groups.iter().enumerate() {
            let x0 = left + g as f64 * group_w + (group_w - bar_w * series.len() as f64) / 2.0;
            for (s, value) in group.values.iter().enumerate() {
                let bx = x0 + s as f64 * bar_w;
                match value {
                    Some(value) => {
                        c.rect(
                            bx + 2.0,
                            y_of(*value),
                            bx + bar_w - 2.0,
                            y_of(0.0),
                            series[s].color,
                        );
                        let label = font.fit(&format(*value), SMALL, bar_w + 8.0);
                        c.text(
                            bx + bar_w / 2.0,
                            y_of(*value) - 10.0,
                            &label,
                            SMALL,
                            Align::Center,
                            BLACK,
                        );
                    }
                    None => {
                        let label = font.fit(
                            self.words.pick("چاپ نشده", "not printed"),
                            SMALL - 2.0,
                            bar_w + 8.0,
                        );
                        c.text(
                            bx + bar_w / 2.0,
                            y_of(0.0) - 10.0,
                            &label,
                            SMALL - 2.0,
                            Align::Center,
                            GREY,
                        );
                    }
                }
            }
            let lines = font.wrap(&group.label, TEXT, group_w - 10.0, 2);
            for (i, line) in lines.iter().enumerate() {
                c.text(
                    left + (g as f64 + 0.5) * group_w,
                    top + plot_h + 20.0 + i as f64 * 20.0,
                    line,
                    TEXT,
                    Align::Center,
                    BLACK,
                );
            }
        }
        if has_bands {
            // A band under the labels per run of groups with the same band (the dimension).
            let mut start = 0;
            while start < groups.len() {
                let end = start
                    + groups[start..]
                        .iter()
                        .take_while(|g| g.band == groups[start].band)
                        .count();
                let x0 = left + start as f64 * group_w + 6.0;
                let x1 = left + end as f64 * group_w - 6.0;
                let y = top + plot_h + 78.0;
                c.line(&[(x0, y), (x1, y)], GREY, 2);
                let band = font.fit(&groups[start].band, TEXT, x1 - x0);
                c.bold_text((x0 + x1) / 2.0, y + 18.0, &band, TEXT, Align::Center, BLACK);
                start = end;
            }
        }
        c.finish()
    }

    /// Chart 1: each dimension's share of the level total, printed and under both rules.
    fn dimensions(&self) -> String {
        let words = self.words;
        let series = [
            Series {
                name: words.pick("چاپ‌شده", "printed").into(),
                color: PRINTED,
            },
            Series {
                name: words
                    .pick("بازمحاسبه، قاعده جمع", "recomputed, sum rule")
                    .into(),
                color: SUM,
            },
            Series {
                name: words
                    .pick("بازمحاسبه، قاعده اجتماع", "recomputed, union rule")
                    .into(),
                color: UNION,
            },
        ];
        let groups: Vec<Group> = self
            .tables
            .dimensions
            .iter()
            .enumerate()
            .map(|(i, d)| Group {
                label: self.dimension_label(i),
                band: String::new(),
                values: vec![d.share_printed, Some(d.share_sum), Some(d.share_union)],
            })
            .collect();
        self.grouped_bars(
            words.pick(
                "نمودار ۱: فراوانی نسبی ابعاد، چاپ‌شده و بازمحاسبه",
                "Chart 1: relative frequency of the dimensions, printed and recomputed",
            ),
            words.pick("درصد از کل", "percent of the level total"),
            &series,
            &groups,
            &|v| words.percent(v),
        )
    }

    /// Chart 2: each component's frequency, printed and under both rules, grouped by dimension.
    fn components(&self) -> String {
        let words = self.words;
        let series = [
            Series {
                name: words.pick("چاپ‌شده", "printed").into(),
                color: PRINTED,
            },
            Series {
                name: words
                    .pick("قاعده جمع (اشاره‌ها)", "sum rule (mentions)")
                    .into(),
                color: SUM,
            },
            Series {
                name: words
                    .pick("قاعده اجتماع (مصاحبه‌شوندگان)", "union rule (interviewees)")
                    .into(),
                color: UNION,
            },
        ];
        let groups: Vec<Group> = self
            .tables
            .components
            .iter()
            .enumerate()
            .map(|(i, r)| Group {
                label: self.component_label(i),
                band: self.dimension_label(self.dimension_index(&r.dimension)),
                values: vec![
                    r.printed.map(f64::from),
                    Some(f64::from(r.sum)),
                    Some(f64::from(r.union)),
                ],
            })
            .collect();
        self.grouped_bars(
            words.pick(
                "نمودار ۲: فراوانی مؤلفه‌ها، چاپ‌شده و بازمحاسبه",
                "Chart 2: frequency of the components, printed and recomputed",
            ),
            words.pick("فراوانی", "frequency"),
            &series,
            &groups,
            &|v| words.int(v.round() as u64),
        )
    }

    /// The printed dimension shares as a pie, as the paper most likely drew Chart 1.
    fn dimensions_pie(&self) -> String {
        let words = self.words;
        let font = &self.options.font;
        let printed: Option<Vec<f64>> = self
            .tables
            .dimensions
            .iter()
            .map(|d| d.share_printed)
            .collect();
        let (shares, note) = match printed {
            Some(p) => (p, words.pick("سهم چاپ‌شده هر بُعد از مجموع فراوانی‌های چاپ‌شده", "printed share of each dimension in the sum of the printed frequencies")),
            None => (
                self.tables.dimensions.iter().map(|d| d.share_sum).collect(),
                words.pick("همه فراوانی‌ها چاپ نشده‌اند: سهم‌ها با قاعده جمع بازمحاسبه شده‌اند", "not every dimension frequency is printed: shares recomputed under the sum rule"),
            ),
        };
        let height = self.options.height.map_or(800.0, f64::from);
        let mut c = self.canvas(height);
        self.title(
            &mut c,
            words.pick(
                "نمودار ۱ (دایره‌ای): فراوانی نسبی ابعاد",
                "Chart 1 (pie): relative frequency of the dimensions",
            ),
        );
        let (note_x, note_align) = match self.words.lang {
            Lang::Fa => (self.w() - 20.0, Align::Right),
            Lang::En => (20.0, Align::Left),
        };
        c.text(
            note_x,
            70.0,
            &font.fit(note, TEXT, self.w() - 40.0),
            TEXT,
            note_align,
            GREY,
        );
        let radius = ((height - 160.0) / 2.0).min(self.w() / 4.0).max(40.0);
        let (cx, cy) = (40.0 + radius, 110.0 + radius);
        let total: f64 = shares.iter().sum::<f64>().max(1e-9);
        let mut angle = -std::f64::consts::FRAC_PI_2;
        for (i, share) in shares.iter().enumerate() {
            let sweep = share / total * std::f64::consts::TAU;
            let steps = ((sweep / std::f64::consts::TAU) * 240.0).ceil().max(2.0) as usize;
            let mut points = vec![(cx, cy)];
            for k in 0..=steps {
                let a = angle + sweep * k as f64 / steps as f64;
                points.push((cx + radius * a.cos(), cy + radius * a.sin()));
            }
            let color = PALETTE[i % PALETTE.len()];
            c.polygon(&points, color);
            let mid = angle + sweep / 2.0;
            let label_color = if i % PALETTE.len() == 1 {
                BLACK
            } else {
                Color(255, 255, 255)
            };
            c.bold_text(
                cx + radius * 0.6 * mid.cos(),
                cy + radius * 0.6 * mid.sin(),
                &words.percent(*share),
                TEXT + 2.0,
                Align::Center,
                label_color,
            );
            angle += sweep;
        }
        // Legend beside the pie.
        let x = cx + radius + 60.0;
        for (i, d) in self.tables.dimensions.iter().enumerate() {
            let y = 130.0 + i as f64 * 36.0;
            c.rect(x, y - 10.0, x + 20.0, y + 10.0, PALETTE[i % PALETTE.len()]);
            let value = d.printed.map_or_else(
                || words.pick("چاپ نشده", "not printed").to_string(),
                |p| words.int(u64::from(p)),
            );
            let text = format!("{}: {value}", self.dimension_label(i));
            c.text(
                x + 30.0,
                y,
                &font.fit(&text, TEXT, self.w() - x - 50.0),
                TEXT,
                Align::Left,
                BLACK,
            );
        }
        c.finish()
    }

    /// Horizontal bars, one row per entry, grouped under headers.
    fn horizontal_bars(
        &self,
        title: &str,
        legend: &[(String, Color)],
        rows: &[HRow],
        max: f64,
        format: &dyn Fn(f64) -> String,
    ) -> String {
        let font = &self.options.font;
        let w = self.w();
        let row_h = 26.0;
        let header_h = 32.0;
        let top = 112.0;
        let headers = rows.iter().filter(|r| r.header).count() as f64;
        let bars = rows.len() as f64 - headers;
        let natural = top + headers * header_h + bars * row_h + 40.0;
        let mut c = self.canvas(natural);
        self.title(&mut c, title);
        self.legend(&mut c, 78.0, legend);
        let label_w = (w * 0.42).min(760.0);
        let bar_x = label_w + 10.0;
        let plot_w = w - bar_x - 120.0;
        let (_, top_value) = nice_axis(max.max(1.0));
        let x_of = |v: f64| bar_x + v / top_value * plot_w;
        let mut y = top;
        for row in rows {
            if row.header {
                y += header_h;
                let text = font.fit(&row.label, TEXT, w - 40.0);
                c.bold_text(
                    label_w,
                    y - header_h / 2.0 + 4.0,
                    &text,
                    TEXT,
                    Align::Right,
                    BLACK,
                );
                c.line(&[(20.0, y - 4.0), (w - 20.0, y - 4.0)], LIGHT, 1);
                continue;
            }
            y += row_h;
            let mid = y - row_h / 2.0;
            let label = font.fit(&row.label, SMALL + 1.0, label_w - 20.0);
            c.text(label_w, mid, &label, SMALL + 1.0, Align::Right, BLACK);
            // The value after the bar; the printed marker; the note after whichever ends last.
            let mut x = bar_x;
            if let Some(value) = row.value {
                c.rect(
                    bar_x,
                    mid - row_h * 0.35,
                    x_of(value),
                    mid + row_h * 0.35,
                    row.color,
                );
                let number = format(value);
                c.text(x_of(value) + 6.0, mid, &number, SMALL, Align::Left, BLACK);
                x = x_of(value) + 6.0 + font.width(&number, SMALL);
            }
            if let Some(marker) = row.marker {
                let (mx, s) = (x_of(marker), 7.0);
                c.polygon(
                    &[(mx, mid - s), (mx + s, mid), (mx, mid + s), (mx - s, mid)],
                    BLACK,
                );
                x = x.max(mx + s);
            }
            if !row.note.is_empty() {
                let room = w - 20.0 - (x + 12.0);
                let color = if row.value.is_some() { BLACK } else { GREY };
                c.text(
                    x + 12.0,
                    mid,
                    &font.fit(&row.note, SMALL, room),
                    SMALL,
                    Align::Left,
                    color,
                );
            }
        }
        c.finish()
    }

    /// Base themes: distinct interviewees, sorted within component, coloured by dimension,
    /// the printed value marked with a diamond.
    fn base_themes(&self) -> String {
        let words = self.words;
        let mut rows = Vec::new();
        let mut max = 0.0f64;
        let chosen = self.top_themes(MAX_BARS);
        for (ci, component) in self.tables.components.iter().enumerate() {
            let mut themes: Vec<usize> = chosen
                .iter()
                .copied()
                .filter(|&t| {
                    let r = &self.tables.base_themes[t];
                    r.component == component.component && r.dimension == component.dimension
                })
                .collect();
            if themes.is_empty() {
                continue;
            }
            themes.sort_by_key(|&t| std::cmp::Reverse(self.tables.base_themes[t].distinct));
            let d = self.dimension_index(&component.dimension);
            rows.push(HRow::header(format!(
                "{} · {}",
                self.component_label(ci),
                self.dimension_label(d)
            )));
            for t in themes {
                let r = &self.tables.base_themes[t];
                max = max
                    .max(f64::from(r.distinct))
                    .max(f64::from(r.printed.unwrap_or(0)));
                let note = match r.printed {
                    Some(p) => format!(
                        "{} {}",
                        words.pick("چاپ‌شده", "printed"),
                        words.int(u64::from(p))
                    ),
                    None => String::new(),
                };
                rows.push(HRow {
                    label: format!("{}. {}", words.int(r.number as u64), self.theme_label(t)),
                    value: Some(f64::from(r.distinct)),
                    marker: r.printed.map(f64::from),
                    color: PALETTE[d % PALETTE.len()],
                    note,
                    header: false,
                });
            }
        }
        rows.extend(self.not_shown(&chosen));
        let mut legend = self.dimension_legend();
        legend.push((
            words.pick("◆ مقدار چاپ‌شده", "◆ printed value").into(),
            Color(255, 255, 255),
        ));
        self.horizontal_bars(
            &self.top_note(
                words.pick(
                    "فراوانی مضامین پایه: مصاحبه‌شوندگان متمایز در کدهای منبع",
                    "Base themes: distinct interviewees in the source codes",
                ),
                chosen.len(),
            ),
            &legend,
            &rows,
            max,
            &|v| words.int(v.round() as u64),
        )
    }

    /// Per base theme, agreement between Table 1 (findings) and Table 2 (source codes).
    fn agreement(&self) -> Option<String> {
        let words = self.words;
        let table1 = Table1::derive(self.codebook)?;
        let mut rows = Vec::new();
        let chosen = self.top_themes(MAX_BARS);
        for (t, r) in self.codebook.base_themes().enumerate() {
            if chosen.binary_search(&t).is_err() {
                continue;
            }
            let label = format!("{}. {}", words.int(t as u64 + 1), self.theme_label(t));
            if !table1.mapped[t] {
                rows.push(HRow {
                    label,
                    value: None,
                    marker: None,
                    color: GREY,
                    note: words
                        .pick("بدون یافته‌ای در جدول ۱", "no Table 1 finding mapped")
                        .into(),
                    header: false,
                });
                continue;
            }
            let listed: BTreeSet<u32> = r.theme.source_codes.iter().copied().collect();
            let a = table1.theme_agreement(self.codebook, t, &listed);
            let kappa = a
                .kappa
                .map_or_else(|| "—".to_string(), |k| format!("{k:.2}"));
            let kappa = match self.words.lang {
                Lang::Fa => kappa
                    .chars()
                    .map(|c| {
                        c.to_digit(10).map_or(if c == '.' { '٫' } else { c }, |v| {
                            to_persian_digits(u64::from(v)).chars().next().unwrap_or(c)
                        })
                    })
                    .collect(),
                Lang::En => kappa,
            };
            let d = self.dimension_index(&r.dimension.label.printed);
            rows.push(HRow {
                label,
                value: Some(a.percent),
                marker: None,
                color: PALETTE[d % PALETTE.len()],
                note: format!("κ = {kappa}"),
                header: false,
            });
        }
        rows.extend(self.not_shown(&chosen));
        Some(
            self.horizontal_bars(
                &self.top_note(
                    words.pick(
                        "توافق جدول ۱ (یافته‌ها) و جدول ۲ (کدهای منبع) برای هر مضمون پایه\nدرصد توافق روی فهرست مصاحبه‌شوندگان، با کاپای کوهن",
                        "Agreement of Table 1 (findings) and Table 2 (source codes) per base theme\npercent agreement over the roster, with Cohen's κ",
                    ),
                    chosen.len(),
                ),
                &self.dimension_legend(),
                &rows,
                100.0,
                &|v| words.percent(v),
            ),
        )
    }

    /// Heatmap of interviewees (rows, roster order) × base themes (columns, grouped by
    /// component). A large study shows the interviewees with the most base themes and the base
    /// themes with the most interviewees, and says how much of the coding is left out.
    fn case_matrix(&self) -> String {
        let words = self.words;
        let tables = self.tables;
        let columns = self.top_themes(MAX_HEATMAP_COLUMNS);
        let people = top_indices(tables.interviewees.len(), MAX_HEATMAP_ROWS, |i| {
            tables.interviewees[i].base_themes
        });
        let rows: Vec<String> = people
            .iter()
            .map(|&i| words.int(u64::from(tables.interviewees[i].code)))
            .collect();
        let mut shown_codings = 0;
        let cells: Vec<Vec<f64>> = people
            .iter()
            .map(|&i| {
                let listed = tables.case_matrix.row(i);
                columns
                    .iter()
                    .map(|&t| {
                        let filled = listed.binary_search(&(t as u32)).is_ok();
                        shown_codings += usize::from(filled);
                        f64::from(u8::from(filled))
                    })
                    .collect()
            })
            .collect();
        let title = words.pick("مصاحبه‌شونده × مضمون پایه (۱ = کد مصاحبه‌شونده در کدهای منبع مضمون آمده است)", "Interviewee × base theme (filled: the interviewee's code is among the theme's source codes)");
        self.heatmap(
            &self.shown(
                title,
                (people.len(), tables.interviewees.len()),
                (columns.len(), tables.base_themes.len()),
                hidden_share(shown_codings, tables.case_matrix.filled()),
            ),
            words.pick("مصاحبه‌شونده", "interviewee"),
            &rows,
            &columns,
            &cells,
            false,
        )
    }

    /// A bar chart's title, with a note when it shows only the `shown` base themes with the
    /// most interviewees.
    fn top_note(&self, title: &str, shown: usize) -> String {
        let all = self.tables.base_themes.len();
        if shown == all {
            return title.to_string();
        }
        let w = self.words;
        let separator = if title.contains('\n') { " · " } else { "\n" };
        let note = match w.lang {
            Lang::Fa => format!(
                "(نمایش {} مضمون پایه با بیشترین مصاحبه‌شونده از {}؛ بقیه در ردیف آخر)",
                w.int(shown as u64),
                w.int(all as u64)
            ),
            Lang::En => format!(
                "(showing the {shown} of {all} base themes with the most interviewees; the others summed up in the last row)"
            ),
        };
        format!("{title}{separator}{note}")
    }

    /// The last rows of a bar chart that shows only the `chosen` base themes: what the others
    /// hold.
    fn not_shown(&self, chosen: &[usize]) -> Vec<HRow> {
        let themes = &self.tables.base_themes;
        if chosen.len() == themes.len() {
            return Vec::new();
        }
        let w = self.words;
        let others: Vec<usize> = (0..themes.len())
            .filter(|t| chosen.binary_search(t).is_err())
            .collect();
        let codings =
            |ts: &[usize]| -> usize { ts.iter().map(|&t| themes[t].distinct as usize).sum() };
        let hidden = codings(&others);
        let share = hidden_share(codings(chosen), codings(chosen) + hidden);
        let most = others
            .iter()
            .map(|&t| themes[t].distinct)
            .max()
            .unwrap_or(0);
        let note = match w.lang {
            Lang::Fa => format!(
                "{} کدگذاری ({})، هر یک حداکثر {} مصاحبه‌شونده",
                w.int(hidden as u64),
                w.percent(share),
                w.int(u64::from(most))
            ),
            Lang::En => format!(
                "{hidden} codings ({} of all), at most {most} interviewees each",
                w.percent(share)
            ),
        };
        vec![
            HRow::header(w.pick("نشان داده نشده", "Not shown").into()),
            HRow {
                label: match w.lang {
                    Lang::Fa => format!("{} مضمون پایه دیگر", w.int(others.len() as u64)),
                    Lang::En => format!("{} other base themes", others.len()),
                },
                value: None,
                marker: None,
                color: GREY,
                note,
                header: false,
            },
        ]
    }

    /// The `n` base themes with the most distinct interviewees (all of them when there are no
    /// more), in codebook order.
    fn top_themes(&self, n: usize) -> Vec<usize> {
        let themes = &self.tables.base_themes;
        top_indices(themes.len(), n, |t| themes[t].distinct)
    }

    /// A title with a note of what a large study's chart leaves out: (shown, all) rows and
    /// columns, and the share of the codings outside the chart.
    fn shown(
        &self,
        title: &str,
        (rows, all_rows): (usize, usize),
        (columns, all_columns): (usize, usize),
        hidden: f64,
    ) -> String {
        if rows == all_rows && columns == all_columns {
            return title.to_string();
        }
        let w = self.words;
        // A share that rounds to 100% is not all of them.
        let share = |x: f64| {
            if x > 99.95 && x < 100.0 {
                w.pick("بیش از ۹۹٫۹٪", "more than 99.9%").to_string()
            } else {
                w.percent(x)
            }
        };
        let separator = if title.contains('\n') { " · " } else { "\n" };
        format!(
            "{title}{separator}{}",
            match w.lang {
                Lang::Fa => format!(
                    "(نمایش {} از {} ردیف و {} از {} ستون، پرشمارترین‌ها؛ {} کدگذاری‌ها بیرون از نمودار)",
                    w.int(rows as u64),
                    w.int(all_rows as u64),
                    w.int(columns as u64),
                    w.int(all_columns as u64),
                    share(hidden)
                ),
                Lang::En => format!(
                    "(showing the {rows} of {all_rows} rows and {columns} of {all_columns} columns with the most codings; {} of the codings lie outside)",
                    share(hidden)
                ),
            }
        )
    }

    /// Heatmap of base themes × base themes: interviewees shared. A large study shows the
    /// base themes with the most interviewees.
    fn cooccurrence(&self) -> String {
        let words = self.words;
        let themes = &self.tables.base_themes;
        let shown = self.top_themes(MAX_HEATMAP_COLUMNS);
        let rows: Vec<String> = shown
            .iter()
            .map(|&t| words.int(themes[t].number as u64))
            .collect();
        let cells: Vec<Vec<f64>> = shown
            .iter()
            .map(|&a| {
                shown
                    .iter()
                    .map(|&b| f64::from(self.tables.cooccurrence[a][b]))
                    .collect()
            })
            .collect();
        let codings = |ts: &mut dyn Iterator<Item = usize>| -> usize {
            ts.map(|t| themes[t].distinct as usize).sum()
        };
        let hidden = hidden_share(
            codings(&mut shown.iter().copied()),
            codings(&mut (0..themes.len())),
        );
        let title = words.pick(
            "هم‌رخدادی مضامین پایه: شمار مصاحبه‌شوندگان مشترک (شماره‌ها مانند جدول مضامین پایه)",
            "Base-theme co-occurrence: interviewees shared (numbers as in the base-theme table)",
        );
        self.heatmap(
            &self.shown(
                title,
                (shown.len(), themes.len()),
                (shown.len(), themes.len()),
                hidden,
            ),
            words.pick("مضمون پایه", "base theme"),
            &rows,
            &shown,
            &cells,
            true,
        )
    }

    /// `columns`: the base themes (indices, codebook order) the cells' columns stand for.
    fn heatmap(
        &self,
        title: &str,
        row_axis: &str,
        rows: &[String],
        columns: &[usize],
        cells: &[Vec<f64>],
        numbers: bool,
    ) -> String {
        let font = &self.options.font;
        let words = self.words;
        let w = self.w();
        let n_cols = cells.first().map_or(0, Vec::len).max(1);
        let (left, right, top) = (110.0, 30.0, 170.0);
        let cell_w = ((w - left - right) / n_cols as f64).min(48.0);
        let cell_h = cell_w.clamp(10.0, 30.0);
        let natural = top + cell_h * rows.len() as f64 + 40.0;
        let mut c = self.canvas(natural);
        self.title(&mut c, title);
        let max = cells
            .iter()
            .flatten()
            .fold(0.0f64, |m, &v| m.max(v))
            .max(1.0);
        // Component bands over the columns.
        let mut start = 0;
        let themes: Vec<&crate::tables::BaseThemeRow> = columns
            .iter()
            .map(|&t| &self.tables.base_themes[t])
            .collect();
        let mut band = 0;
        while start < themes.len() {
            let end = start
                + themes[start..]
                    .iter()
                    .take_while(|t| {
                        t.component == themes[start].component
                            && t.dimension == themes[start].dimension
                    })
                    .count();
            let (x0, x1) = (left + start as f64 * cell_w, left + end as f64 * cell_w);
            c.rect(
                x0,
                70.0,
                x1,
                120.0,
                if band % 2 == 0 {
                    Color(240, 240, 240)
                } else {
                    Color(215, 215, 215)
                },
            );
            let ci = self
                .tables
                .components
                .iter()
                .position(|r| {
                    r.component == themes[start].component && r.dimension == themes[start].dimension
                })
                .unwrap_or(0);
            let lines = font.wrap(&self.component_label(ci), SMALL, x1 - x0 - 6.0, 2);
            for (i, line) in lines.iter().enumerate() {
                c.text(
                    (x0 + x1) / 2.0,
                    84.0 + i as f64 * 18.0,
                    line,
                    SMALL,
                    Align::Center,
                    BLACK,
                );
            }
            band += 1;
            start = end;
        }
        // Column numbers: every k-th when the cells are narrower than the numbers.
        let number_w = font.width(&words.int(n_cols as u64), SMALL) + 4.0;
        let col_step = (number_w / cell_w).ceil().max(1.0) as usize;
        for (t, theme) in themes.iter().enumerate().step_by(col_step) {
            c.text(
                left + (t as f64 + 0.5) * cell_w,
                140.0,
                &words.int(theme.number as u64),
                SMALL,
                Align::Center,
                BLACK,
            );
        }
        let row_size = (cell_h * 0.75).min(SMALL);
        let row_step = ((row_size + 2.0) / cell_h).ceil().max(1.0) as usize;
        c.text(
            left - 10.0,
            158.0,
            &font.fit(row_axis, SMALL, left - 14.0),
            SMALL,
            Align::Right,
            GREY,
        );
        for (r, row) in cells.iter().enumerate() {
            let y0 = top + r as f64 * cell_h;
            if r % row_step == 0 {
                c.text(
                    left - 10.0,
                    y0 + cell_h / 2.0,
                    &rows[r],
                    row_size,
                    Align::Right,
                    BLACK,
                );
            }
            for (k, &v) in row.iter().enumerate() {
                let x0 = left + k as f64 * cell_w;
                let shade = shade(v / max);
                c.outlined_rect(
                    x0,
                    y0,
                    x0 + cell_w,
                    y0 + cell_h,
                    shade,
                    Color(255, 255, 255),
                );
                if numbers && v > 0.0 && cell_w >= 20.0 && cell_h >= 14.0 {
                    let text_color = if v / max > 0.55 {
                        Color(255, 255, 255)
                    } else {
                        BLACK
                    };
                    c.text(
                        x0 + cell_w / 2.0,
                        y0 + cell_h / 2.0,
                        &words.int(v as u64),
                        (cell_h * 0.5).min(SMALL),
                        Align::Center,
                        text_color,
                    );
                }
            }
        }
        c.finish()
    }
}

/// A row of a horizontal bar chart.
struct HRow {
    label: String,
    value: Option<f64>,
    marker: Option<f64>,
    color: Color,
    /// Text after the value (or instead of the bar when there is no value).
    note: String,
    header: bool,
}

impl HRow {
    fn header(label: String) -> HRow {
        HRow {
            label,
            value: None,
            marker: None,
            color: BLACK,
            note: String::new(),
            header: true,
        }
    }
}

/// Most rows and columns a heatmap draws: 200 rows of at least 10 px, 100 columns of 16 px on
/// the default width. A larger study's heatmaps show the rows and columns with the most codings
/// and say in the title what share of the codings lies outside.
const MAX_HEATMAP_ROWS: usize = 200;
const MAX_HEATMAP_COLUMNS: usize = 100;
/// Most base themes the base-theme chart draws (26 px a bar); a larger study shows those with
/// the most interviewees and sums up the others in a last row.
const MAX_BARS: usize = 100;

/// Indices `0..len` of the `n` largest `key`s (ties to the earlier index), in index order.
fn top_indices(len: usize, n: usize, key: impl Fn(usize) -> u32) -> Vec<usize> {
    let mut chosen: Vec<usize> = (0..len).collect();
    if len > n {
        chosen.sort_by_key(|&i| (std::cmp::Reverse(key(i)), i));
        chosen.truncate(n);
        chosen.sort_unstable();
    }
    chosen
}

/// Percentage of `all` codings not among the `shown` ones.
fn hidden_share(shown: usize, all: usize) -> f64 {
    if all == 0 {
        0.0
    } else {
        (all - shown.min(all)) as f64 * 100.0 / all as f64
    }
}

/// White (0) to dark blue (1): lightness alone carries the value, so it survives greyscale.
fn shade(t: f64) -> Color {
    let t = t.clamp(0.0, 1.0);
    let lerp = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    if t == 0.0 {
        Color(247, 247, 247)
    } else {
        Color(lerp(222.0, 8.0), lerp(235.0, 48.0), lerp(247.0, 107.0))
    }
}

/// A tick step of 1, 2 or 5 × 10^k giving about five ticks, and the axis top (a multiple of
/// the step at or above `max`, with headroom for the numbers over the bars).
fn nice_axis(max: f64) -> (f64, f64) {
    let raw = max * 1.1 / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let top = (max * 1.1 / step).ceil() * step;
    (step, top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axes_are_round() {
        assert_eq!(nice_axis(164.0), (50.0, 200.0));
        assert_eq!(nice_axis(54.07), (20.0, 60.0));
        assert_eq!(nice_axis(16.0), (5.0, 20.0));
        assert_eq!(nice_axis(1.0), (0.5, 1.5));
    }

    #[test]
    fn persian_numbers() {
        let words = Words { lang: Lang::Fa };
        assert_eq!(words.percent(54.07), "۵۴٫۱٪");
        assert_eq!(words.int(166), "۱۶۶");
        let words = Words { lang: Lang::En };
        assert_eq!(words.percent(54.07), "54.1%");
        assert_eq!(words.label("شعر", "", "Base theme", 3), "Base theme 3");
    }
}

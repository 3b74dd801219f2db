//! The layouts charts share: title and legend, grouped vertical bars, horizontal bars under
//! headers, and the base-theme heatmap; the colours, type sizes and axis steps they use.
//!
//! Not for content (which numbers a chart shows is `content`) nor for words (`words`).

use super::canvas::{Align, Canvas, Color, Drawing};
use super::{Chart, Lang};

pub(super) const BLACK: Color = Color(0, 0, 0);
pub(super) const GREY: Color = Color(110, 110, 110);
pub(super) const LIGHT: Color = Color(225, 225, 225);
pub(super) const PRINTED: Color = Color(0, 0, 0);
pub(super) const SUM: Color = Color(0, 114, 178);
pub(super) const UNION: Color = Color(230, 159, 0);
/// Dimensions, in order (Okabe–Ito, darkest first).
pub(super) const PALETTE: [Color; 6] = [
    Color(0, 114, 178),
    Color(230, 159, 0),
    Color(0, 158, 115),
    Color(204, 121, 167),
    Color(213, 94, 0),
    Color(86, 180, 233),
];

/// One bar series of a grouped bar chart.
pub(super) struct Series {
    pub name: String,
    pub color: Color,
}

/// One group of a grouped bar chart: its label, a band label above it (the dimension of a
/// component), and one value per series (`None`: not printed).
pub(super) struct Group {
    pub label: String,
    pub band: String,
    pub values: Vec<Option<f64>>,
}

pub(super) const TITLE: f64 = 26.0;
pub(super) const TEXT: f64 = 16.0;
pub(super) const SMALL: f64 = 13.0;
/// The footnote's type size, and the strip it takes below the chart.
const FOOTNOTE: f64 = 11.0;
const FOOTNOTE_HEIGHT: u32 = 24;

impl Chart<'_> {
    pub(super) fn w(&self) -> f64 {
        f64::from(self.options.width)
    }

    /// The height a chart's content may take: `--height` less the footnote's strip, else
    /// `natural` (what its rows need).
    pub(super) fn content_height(&self, natural: f64) -> f64 {
        match self.options.height {
            Some(height) => f64::from(height.saturating_sub(self.footnote_height())),
            None => natural,
        }
    }

    /// A canvas for content `content_height` tall, with the footnote's strip below it.
    pub(super) fn canvas(&self, content_height: f64) -> Canvas<'_> {
        let height = (content_height.ceil() as u32).max(200) + self.footnote_height();
        Canvas::new(self.options.width, height, &self.options.font)
    }

    fn footnote_height(&self) -> u32 {
        if self.footnote().is_some() {
            FOOTNOTE_HEIGHT
        } else {
            0
        }
    }

    /// The line citing the study at the foot of the chart, when there is one to print.
    fn footnote(&self) -> Option<&str> {
        self.words.footnote().filter(|_| self.options.footnote)
    }

    /// Draw the footnote, if any, and finish the drawing.
    pub(super) fn finish(&self, mut c: Canvas) -> Drawing {
        if let Some(citation) = self.footnote() {
            let (x, align) = match self.words.lang {
                Lang::Fa => (self.w() - 20.0, Align::Right),
                Lang::En => (20.0, Align::Left),
            };
            let y = f64::from(c.height) - f64::from(FOOTNOTE_HEIGHT) / 2.0;
            let text = self.options.font.fit(citation, FOOTNOTE, self.w() - 40.0);
            c.text(x, y, &text, FOOTNOTE, align, GREY);
        }
        c.finish()
    }

    /// The title, and under it, after a line break in `text`, a note in small type.
    pub(super) fn title(&self, c: &mut Canvas, text: &str) {
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
    pub(super) fn legend(&self, c: &mut Canvas, y: f64, items: &[(String, Color)]) {
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

    /// Vertical grouped bars with numbers on them.
    pub(super) fn grouped_bars(
        &self,
        title: &str,
        axis: &str,
        series: &[Series],
        groups: &[Group],
        format: &dyn Fn(f64) -> String,
    ) -> Drawing {
        let font = &self.options.font;
        let w = self.w();
        let has_bands = groups.iter().any(|g| !g.band.is_empty());
        let height = self.content_height(900.0);
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
                        let label = font.fit(self.words.not_printed(), SMALL - 2.0, bar_w + 8.0);
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
        self.finish(c)
    }

    /// Horizontal bars, one row per entry, grouped under headers.
    pub(super) fn horizontal_bars(
        &self,
        title: &str,
        legend: &[(String, Color)],
        rows: &[HRow],
        max: f64,
        format: &dyn Fn(f64) -> String,
    ) -> Drawing {
        let font = &self.options.font;
        let w = self.w();
        let row_h = 26.0;
        let header_h = 32.0;
        let top = 112.0;
        let headers = rows.iter().filter(|r| r.header).count() as f64;
        let bars = rows.len() as f64 - headers;
        let natural = top + headers * header_h + bars * row_h + 40.0;
        let mut c = self.canvas(self.content_height(natural));
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
        self.finish(c)
    }

    /// `columns`: the base themes (indices, codebook order) the cells' columns stand for.
    pub(super) fn heatmap(
        &self,
        title: &str,
        row_axis: &str,
        rows: &[String],
        columns: &[usize],
        cells: &[Vec<f64>],
        numbers: bool,
    ) -> Drawing {
        let font = &self.options.font;
        let words = self.words;
        let w = self.w();
        let n_cols = cells.first().map_or(0, Vec::len).max(1);
        let (left, right, top) = (110.0, 30.0, 170.0);
        let cell_w = ((w - left - right) / n_cols as f64).min(48.0);
        let cell_h = cell_w.clamp(10.0, 30.0);
        let natural = top + cell_h * rows.len() as f64 + 40.0;
        let mut c = self.canvas(self.content_height(natural));
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
        // The empty cells as one rectangle, the others over it, then the white grid as lines:
        // a rectangle and an outline a cell made a 200 × 100 matrix 3.6 MB of SVG, with the
        // same pixels.
        let (right_edge, bottom_edge) = (
            left + n_cols as f64 * cell_w,
            top + cells.len() as f64 * cell_h,
        );
        if !cells.is_empty() {
            c.rect(left, top, right_edge, bottom_edge, shade(0.0));
        }
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
                // Empty cells are the one rectangle under the matrix (below).
                if v > 0.0 {
                    c.rect(x0, y0, x0 + cell_w, y0 + cell_h, shade(v / max));
                }
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
        if !cells.is_empty() {
            let white = Color(255, 255, 255);
            for r in 0..=cells.len() {
                let y = top + r as f64 * cell_h;
                c.line(&[(left, y), (right_edge, y)], white, 1);
            }
            for k in 0..=n_cols {
                let x = left + k as f64 * cell_w;
                c.line(&[(x, top), (x, bottom_edge)], white, 1);
            }
        }
        self.finish(c)
    }
}

/// A row of a horizontal bar chart.
pub(super) struct HRow {
    pub label: String,
    pub value: Option<f64>,
    pub marker: Option<f64>,
    pub color: Color,
    /// Text after the value (or instead of the bar when there is no value).
    pub note: String,
    pub header: bool,
}

impl HRow {
    pub(super) fn header(label: String) -> HRow {
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

/// White (0) to dark blue (1): lightness alone carries the value, so it survives greyscale.
pub(super) fn shade(t: f64) -> Color {
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
pub(super) fn nice_axis(max: f64) -> (f64, f64) {
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
}

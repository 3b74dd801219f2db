//! A canvas of shapes and labels in pixel coordinates, finished into a [`Drawing`]: the
//! shapes drawn as SVG by plotters' SVG backend, the labels written as `<text>` elements and
//! kept as data (position and element), so that the rasteriser and the cost estimate read
//! them without parsing the SVG back.
//!
//! Two things make any renderer, resvg included, show the same picture: labels that read
//! right to left are wrapped in a right-to-left isolate (U+2067 … U+2069), because resvg lays
//! every paragraph out left to right; and a label's `y` is its centre line, with no `dy`
//! (usvg misplaces the first glyph of right-to-left text that carries one).
//!
//! Not for layout: charts decide where things go (measuring labels with [`Font`]).

use super::font::Font;
use plotters::prelude::*;
use plotters::style::Color as _;

pub use plotters::style::RGBColor as Color;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Align {
    Left,
    Center,
    Right,
}

enum Shape {
    Rect {
        x0: i32,
        y0: i32,
        x1: i32,
        y1: i32,
        fill: Color,
        stroke: Option<Color>,
    },
    Line {
        points: Vec<(i32, i32)>,
        color: Color,
        width: u32,
    },
    Polygon {
        points: Vec<(i32, i32)>,
        fill: Color,
    },
}

/// A label: a single line of text, vertically centred on `y`.
struct TextShape {
    x: i32,
    y: i32,
    text: String,
    size: f64,
    align: Align,
    color: Color,
    bold: bool,
    /// The whole text, as the SVG's `<title>`, where the label shows it shortened.
    title: Option<String>,
}

pub struct Canvas<'f> {
    pub width: u32,
    pub height: u32,
    pub font: &'f Font,
    shapes: Vec<Shape>,
    labels: Vec<TextShape>,
}

/// Whether `text` reads right to left: its first strong character (in the Unicode bidi
/// classes) is a right-to-left one, Arabic script or Hebrew.
pub fn reads_right_to_left(text: &str) -> bool {
    use unicode_bidi::BidiClass::{AL, L, R};
    text.chars()
        .map(unicode_bidi::bidi_class)
        .find(|class| matches!(class, L | R | AL))
        .is_some_and(|class| class != L)
}

impl<'f> Canvas<'f> {
    pub fn new(width: u32, height: u32, font: &'f Font) -> Canvas<'f> {
        Canvas {
            width,
            height,
            font,
            shapes: Vec::new(),
            labels: Vec::new(),
        }
    }

    pub fn rect(&mut self, x0: f64, y0: f64, x1: f64, y1: f64, fill: Color) {
        self.shapes.push(Shape::Rect {
            x0: x0.round() as i32,
            y0: y0.round() as i32,
            x1: x1.round() as i32,
            y1: y1.round() as i32,
            fill,
            stroke: None,
        });
    }

    pub fn outlined_rect(
        &mut self,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: Color,
        stroke: Color,
    ) {
        self.rect(x0, y0, x1, y1, fill);
        if let Some(Shape::Rect { stroke: s, .. }) = self.shapes.last_mut() {
            *s = Some(stroke);
        }
    }

    pub fn line(&mut self, points: &[(f64, f64)], color: Color, width: u32) {
        self.shapes.push(Shape::Line {
            points: points
                .iter()
                .map(|&(x, y)| (x.round() as i32, y.round() as i32))
                .collect(),
            color,
            width,
        });
    }

    pub fn polygon(&mut self, points: &[(f64, f64)], fill: Color) {
        self.shapes.push(Shape::Polygon {
            points: points
                .iter()
                .map(|&(x, y)| (x.round() as i32, y.round() as i32))
                .collect(),
            fill,
        });
    }

    /// A single line of text, vertically centred on `y`.
    pub fn text(&mut self, x: f64, y: f64, text: &str, size: f64, align: Align, color: Color) {
        self.labels.push(TextShape {
            x: x.round() as i32,
            y: y.round() as i32,
            text: text.to_string(),
            size,
            align,
            color,
            bold: false,
            title: None,
        });
    }

    /// A label shortened from `whole`: the whole text goes into the SVG's `<title>` (a tooltip
    /// in a browser, read by screen readers) when it differs from what is shown.
    #[allow(clippy::too_many_arguments)]
    pub fn shortened_text(
        &mut self,
        x: f64,
        y: f64,
        (shown, whole): (&str, &str),
        size: f64,
        align: Align,
        color: Color,
        bold: bool,
    ) {
        self.text(x, y, shown, size, align, color);
        if let Some(label) = self.labels.last_mut() {
            label.bold = bold;
            label.title = (shown != whole).then(|| whole.to_string());
        }
    }

    /// A filled circle (a polygon of enough sides to look round at its size).
    pub fn circle(&mut self, x: f64, y: f64, radius: f64, fill: Color) {
        let sides = ((radius * 2.0).ceil() as usize).clamp(12, 64);
        let points: Vec<(f64, f64)> = (0..sides)
            .map(|k| {
                let a = std::f64::consts::TAU * k as f64 / sides as f64;
                (x + radius * a.cos(), y + radius * a.sin())
            })
            .collect();
        self.polygon(&points, fill);
    }

    pub fn bold_text(&mut self, x: f64, y: f64, text: &str, size: f64, align: Align, color: Color) {
        self.text(x, y, text, size, align, color);
        if let Some(label) = self.labels.last_mut() {
            label.bold = true;
        }
    }

    /// Draw the shapes with plotters and write the labels; return the drawing as data.
    pub fn finish(self) -> Drawing {
        let mut svg = String::new();
        {
            let root =
                SVGBackend::with_string(&mut svg, (self.width, self.height)).into_drawing_area();
            // Drawing into a String cannot fail; errors here would be bugs in the shapes.
            let _ = root.fill(&WHITE);
            for shape in &self.shapes {
                let _ = match shape {
                    Shape::Rect {
                        x0,
                        y0,
                        x1,
                        y1,
                        fill,
                        stroke,
                    } => {
                        let r = root.draw(&Rectangle::new([(*x0, *y0), (*x1, *y1)], fill.filled()));
                        match stroke {
                            Some(s) => root
                                .draw(&Rectangle::new([(*x0, *y0), (*x1, *y1)], s.stroke_width(1))),
                            None => r,
                        }
                    }
                    Shape::Line {
                        points,
                        color,
                        width,
                    } => root.draw(&PathElement::new(
                        points.clone(),
                        color.stroke_width(*width),
                    )),
                    Shape::Polygon { points, fill } => {
                        root.draw(&Polygon::new(points.clone(), fill.filled()))
                    }
                };
            }
            let _ = root.present();
        }
        // plotters closes the document when it is presented; labels go after the shapes.
        let shapes = svg
            .strip_suffix(SVG_END)
            .map_or_else(|| svg.clone(), str::to_string);
        let labels = self
            .labels
            .iter()
            .map(|label| label.element(&self.font.family))
            .collect();
        Drawing {
            width: self.width,
            height: self.height,
            shapes,
            labels,
        }
    }
}

/// The end of an SVG document, as plotters writes it.
const SVG_END: &str = "</svg>\n";

impl TextShape {
    /// The `<text>` element: written here, not by plotters, so that `y` is the label's centre
    /// line from the start (plotters writes a `dy` that usvg misplaces in right-to-left text)
    /// and so that each label stays data the rasteriser can reuse. Attributes in plotters'
    /// order and number format, so the SVG reads like the rest of the document.
    fn element(&self, family: &str) -> Label {
        // plotters scales sizes by 1.24 and back; the same arithmetic gives the same digits.
        let size = self.size * 1.24 / 1.24;
        // Vertically centred as plotters centres (`dy="0.5ex"`): half an ex down, an ex being
        // half the font size as usvg reads it.
        let y = ((f64::from(self.y) + 0.5 * size / 2.0) * 100.0).round() / 100.0;
        let anchor = match self.align {
            Align::Left => "start",
            Align::Center => "middle",
            Align::Right => "end",
        };
        let Color(r, g, b) = self.color;
        let weight = if self.bold {
            " font-weight=\"bold\""
        } else {
            ""
        };
        let shown = if reads_right_to_left(&self.text) {
            format!("\u{2067}{}\u{2069}", self.text)
        } else {
            self.text.clone()
        };
        // usvg draws no `<title>`; a browser shows it as the label's tooltip.
        let title = self.title.as_ref().map_or_else(String::new, |whole| {
            format!("<title>{}</title>", crate::xml::escape(whole))
        });
        Label {
            x: self.x,
            y,
            rest: format!(
                " text-anchor=\"{anchor}\" font-family=\"{}\" font-size=\"{size}\" opacity=\"1\" fill=\"#{r:02X}{g:02X}{b:02X}\"{weight}>{title}\n{}\n</text>",
                crate::xml::escape(family),
                crate::xml::escape(&shown)
            ),
            text: shown,
            size,
            align: self.align,
            color: self.color,
        }
    }
}

/// A finished chart: its size, its shapes as SVG, and its labels as data.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawing {
    pub width: u32,
    pub height: u32,
    /// The SVG document up to its labels: the header and every shape.
    shapes: String,
    /// In drawing order; they go on top of every shape.
    labels: Vec<Label>,
}

/// One `<text>` element of a drawing.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub x: i32,
    /// The centre line, in SVG units.
    pub y: f64,
    /// The element after its position: attributes, content and closing tag. Two labels with
    /// the same `rest` differ only in where they are.
    pub rest: String,
    /// What the element shows (right-to-left text in its isolate), its size, anchor and
    /// colour: the same label as data, for the rasteriser.
    pub text: String,
    pub size: f64,
    pub align: Align,
    pub color: Color,
}

impl Label {
    /// The whole element, placed.
    pub fn placed(&self) -> String {
        format!("<text x=\"{}\" y=\"{}\"{}", self.x, self.y, self.rest)
    }
}

impl Drawing {
    /// The SVG document.
    pub fn svg(&self) -> String {
        self.svg_with(self.labels.iter())
    }

    /// The SVG document with only these of its labels.
    pub fn svg_with<'a>(&self, labels: impl Iterator<Item = &'a Label>) -> String {
        let mut out = self.shapes.clone();
        for label in labels {
            out.push_str(&label.placed());
            out.push('\n');
        }
        out.push_str(SVG_END);
        out
    }

    pub fn labels(&self) -> &[Label] {
        &self.labels
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_centred_without_dy_and_rtl_labels_are_isolated() {
        let font = Font::builtin();
        let mut c = Canvas::new(100, 50, &font);
        c.rect(0.0, 0.0, 10.0, 10.0, Color(0, 114, 178));
        c.text(90.0, 20.0, "شعر ۲", 12.0, Align::Right, Color(0, 0, 0));
        c.bold_text(
            10.0,
            40.0,
            "poetry <2>",
            20.0,
            Align::Left,
            Color(110, 110, 110),
        );
        let drawing = c.finish();
        assert_eq!((drawing.width, drawing.height), (100, 50));
        let svg = drawing.svg();
        // Half an ex (a quarter of the font size) below the given y: 20 + 3, 40 + 5.
        assert!(
            svg.contains("<text x=\"90\" y=\"23\" text-anchor=\"end\" font-family=\"DejaVu Sans\" font-size=\"12\" opacity=\"1\" fill=\"#000000\">\n\u{2067}شعر ۲\u{2069}\n</text>\n"),
            "{svg}"
        );
        assert!(
            svg.contains("<text x=\"10\" y=\"45\" text-anchor=\"start\" font-family=\"DejaVu Sans\" font-size=\"20\" opacity=\"1\" fill=\"#6E6E6E\" font-weight=\"bold\">\npoetry &lt;2&gt;\n</text>\n"),
            "{svg}"
        );
        assert!(!svg.contains("dy="));
        // Labels come after every shape, and the document is closed once.
        assert!(svg.rfind("<rect").unwrap() < svg.find("<text").unwrap());
        assert!(svg.ends_with("</text>\n</svg>\n") && svg.matches("</svg>").count() == 1);
        assert_eq!(drawing.labels().len(), 2);
        assert_eq!(drawing.svg_with([].iter()).matches("<text").count(), 0);
    }

    #[test]
    fn right_to_left_is_decided_by_the_first_strong_character() {
        assert!(reads_right_to_left("۱. شعر"));
        assert!(reads_right_to_left("שלום"));
        assert!(!reads_right_to_left("poetry شعر"));
        assert!(!reads_right_to_left("۵۴٫۱٪"));
        assert!(!reads_right_to_left(""));
    }
}

//! A canvas of shapes in pixel coordinates, drawn with plotters' SVG backend when finished.
//!
//! Charts lay themselves out here (they measure their labels with [`Font`]) and plotters turns
//! the shapes into SVG. Two things are fixed on the way out so that any renderer, resvg
//! included, shows the same picture: labels in Arabic script are wrapped in a right-to-left
//! isolate (U+2067 … U+2069), because resvg lays every paragraph out left to right; and the
//! `dy` that plotters writes on `<text>` is folded into `y`, because usvg misplaces the first
//! glyph of right-to-left text that carries one.

use super::font::Font;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::Color as _;

pub use plotters::style::RGBColor as Color;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    Text {
        x: i32,
        y: i32,
        text: String,
        size: f64,
        align: Align,
        color: Color,
        bold: bool,
    },
}

pub struct Canvas<'f> {
    pub width: u32,
    pub height: u32,
    pub font: &'f Font,
    shapes: Vec<Shape>,
}

/// Whether the first strong character of `text` is in Arabic script.
pub fn is_rtl(text: &str) -> bool {
    text.chars()
        .find(|c| c.is_alphabetic())
        .is_some_and(|c| matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

/// Whether `text` contains any Arabic-script character.
pub fn has_arabic_script(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

impl<'f> Canvas<'f> {
    pub fn new(width: u32, height: u32, font: &'f Font) -> Canvas<'f> {
        Canvas {
            width,
            height,
            font,
            shapes: Vec::new(),
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
        self.shapes.push(Shape::Text {
            x: x.round() as i32,
            y: y.round() as i32,
            text: text.to_string(),
            size,
            align,
            color,
            bold: false,
        });
    }

    pub fn bold_text(&mut self, x: f64, y: f64, text: &str, size: f64, align: Align, color: Color) {
        self.text(x, y, text, size, align, color);
        if let Some(Shape::Text { bold, .. }) = self.shapes.last_mut() {
            *bold = true;
        }
    }

    /// Draw everything with plotters and return the SVG document.
    pub fn finish(self) -> String {
        let mut svg = String::new();
        {
            let root =
                SVGBackend::with_string(&mut svg, (self.width, self.height)).into_drawing_area();
            // Drawing into a String cannot fail; errors here would be bugs in the shapes.
            let _ = root.fill(&WHITE);
            // Labels go on top of every shape, in the SVG as in the PNG: a shape never covers a
            // label, and the rasteriser may then draw repeated labels in any order.
            let shapes = self
                .shapes
                .iter()
                .filter(|s| !matches!(s, Shape::Text { .. }));
            let labels = self
                .shapes
                .iter()
                .filter(|s| matches!(s, Shape::Text { .. }));
            for shape in shapes.chain(labels) {
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
                    Shape::Text {
                        x,
                        y,
                        text,
                        size,
                        align,
                        color,
                        bold,
                    } => {
                        let h = match align {
                            Align::Left => HPos::Left,
                            Align::Center => HPos::Center,
                            Align::Right => HPos::Right,
                        };
                        let font = if *bold {
                            FontDesc::new(
                                FontFamily::Name(&self.font.family),
                                size * 1.24,
                                FontStyle::Bold,
                            )
                        } else {
                            FontDesc::new(
                                FontFamily::Name(&self.font.family),
                                size * 1.24,
                                FontStyle::Normal,
                            )
                        };
                        let style = TextStyle::from(font)
                            .color(color)
                            .pos(Pos::new(h, VPos::Center));
                        let shown = if has_arabic_script(text) && is_rtl(text) {
                            format!("\u{2067}{text}\u{2069}")
                        } else {
                            text.clone()
                        };
                        root.draw(&Text::new(shown, (*x, *y), style))
                    }
                };
            }
            let _ = root.present();
        }
        fold_dy(&svg)
    }
}

/// Rewrite `<text … y="Y" dy="D" … font-size="S">` as `y="Y + D·S"` without `dy`
/// (`em` = S, `ex` = S/2, as usvg reads them).
pub fn fold_dy(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(start) = rest.find("<text ") {
        out.push_str(&rest[..start]);
        let end = rest[start..]
            .find('>')
            .map_or(rest.len(), |e| start + e + 1);
        out.push_str(&fold_tag(&rest[start..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let start = tag.find(&key)? + key.len();
    let len = tag[start..].find('"')?;
    Some(&tag[start..start + len])
}

fn fold_tag(tag: &str) -> String {
    let (Some(y), Some(dy), Some(size)) = (
        attribute(tag, "y"),
        attribute(tag, "dy"),
        attribute(tag, "font-size"),
    ) else {
        return tag.to_string();
    };
    let (Ok(y_value), Ok(size_value)) = (y.parse::<f64>(), size.parse::<f64>()) else {
        return tag.to_string();
    };
    let offset = if let Some(em) = dy.strip_suffix("em") {
        em.parse::<f64>().map(|v| v * size_value)
    } else if let Some(ex) = dy.strip_suffix("ex") {
        ex.parse::<f64>().map(|v| v * size_value / 2.0)
    } else {
        dy.parse::<f64>()
    };
    let Ok(offset) = offset else {
        return tag.to_string();
    };
    let folded = ((y_value + offset) * 100.0).round() / 100.0;
    tag.replacen(&format!(" y=\"{y}\""), &format!(" y=\"{folded}\""), 1)
        .replacen(&format!(" dy=\"{dy}\""), "", 1)
}

/// Width × height of an SVG this module wrote, read from its root element's attributes.
pub fn svg_area(svg: &str) -> Option<u64> {
    let root = svg.get(..svg.find('>')?)?;
    let attribute = |name: &str| -> Option<u64> {
        root.split(&format!(" {name}=\""))
            .nth(1)?
            .split('"')
            .next()?
            .parse()
            .ok()
    };
    Some(attribute("width")? * attribute("height")?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dy_is_folded_into_y() {
        let svg = r##"<text x="10" y="100" dy="0.5ex" text-anchor="end" font-family="DejaVu Sans" font-size="20" opacity="1" fill="#000000">a</text>"##;
        assert_eq!(
            fold_dy(svg),
            r##"<text x="10" y="105" text-anchor="end" font-family="DejaVu Sans" font-size="20" opacity="1" fill="#000000">a</text>"##
        );
        let em = r#"<text x="1" y="10" dy="0.76em" font-size="10">b</text>"#;
        assert_eq!(
            fold_dy(em),
            r#"<text x="1" y="17.6" font-size="10">b</text>"#
        );
    }

    #[test]
    fn rtl_labels_are_isolated() {
        let font = Font::builtin();
        let mut c = Canvas::new(100, 50, &font);
        c.text(90.0, 20.0, "شعر ۲", 12.0, Align::Right, Color(0, 0, 0));
        c.text(10.0, 40.0, "poetry 2", 12.0, Align::Left, Color(0, 0, 0));
        let svg = c.finish();
        assert!(svg.contains("\u{2067}شعر ۲\u{2069}"), "{svg}");
        assert!(svg.contains("poetry 2") && !svg.contains("\u{2067}poetry"));
        assert!(!svg.contains("dy="));
    }

    #[test]
    fn svg_area_reads_the_root_size() {
        assert_eq!(
            svg_area(r#"<svg width="1800" height="900" viewBox="0 0 1800 900">"#),
            Some(1_620_000)
        );
        assert_eq!(svg_area("<svg>"), None);
    }
}

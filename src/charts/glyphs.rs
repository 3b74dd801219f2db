//! Labels to outlines for the rasteriser: each label shaped with rustybuzz, in the bidi runs
//! and with the placement usvg gives an SVG `<text>` (whitespace collapsed, runs in visual
//! order, a cluster as wide as its widest glyph, `text-anchor` from the summed advances), so a
//! chart's PNG shows what its SVG shows. What usvg does once per text element and once per
//! glyph (parse the face, build a shaping plan, look the glyph up as a colour, SVG and bitmap
//! glyph before outlining it) was a fifth of the paper's run; here the face is parsed once per
//! chart, a plan is built once per direction and script, a glyph is outlined once and a label
//! shaped once however often it is drawn.
//!
//! Outline glyphs only (TrueType and CFF): a colour or bitmap font given with `--font` draws
//! its outlines. Not for measuring labels ([`super::font`]) nor for placing them (the charts).

use super::canvas::{Align, Label};
use resvg::tiny_skia::{Path, PathBuilder, Transform};
use std::collections::HashMap;

/// Shapes and outlines the labels of one chart.
pub struct Typesetter<'f> {
    shaper: rustybuzz::Face<'f>,
    outliner: ttf_parser::Face<'f>,
    units_per_em: f32,
    plans: Vec<(
        rustybuzz::Direction,
        rustybuzz::Script,
        rustybuzz::ShapePlan,
    )>,
    outlines: HashMap<u16, Option<Path>>,
    shaped: HashMap<(String, u32, Align), Vec<Glyph>>,
}

/// A shaped glyph: the cluster's offset from the label's anchor point in pixels (as usvg
/// accumulates it), and the glyph's offset within its cluster in font units.
#[derive(Debug, Clone, Copy)]
struct Glyph {
    id: u16,
    cluster_x: f32,
    x: f32,
    y: f32,
}

impl<'f> Typesetter<'f> {
    /// `None` when the face does not parse (a font that loaded has parsed before).
    pub fn new(font: &'f [u8]) -> Option<Typesetter<'f>> {
        let outliner = ttf_parser::Face::parse(font, 0).ok()?;
        Some(Typesetter {
            shaper: rustybuzz::Face::from_slice(font, 0)?,
            units_per_em: f32::from(outliner.units_per_em()),
            outliner,
            plans: Vec::new(),
            outlines: HashMap::new(),
            shaped: HashMap::new(),
        })
    }

    /// The label's glyphs as one path in the chart's coordinates; `None` for a label with
    /// nothing to draw.
    pub fn outline(&mut self, label: &Label) -> Option<Path> {
        let size = label.size as f32;
        let key = (label.text.clone(), size.to_bits(), label.align);
        if !self.shaped.contains_key(&key) {
            let glyphs = self.shape(&collapse_spaces(&label.text), size, label.align);
            self.shaped.insert(key.clone(), glyphs);
        }
        let scale = size / self.units_per_em;
        let at = Transform::from_translate(label.x as f32, label.y as f32);
        let mut builder = PathBuilder::new();
        for glyph in &self.shaped[&key] {
            let Some(outline) = glyph_outline(&mut self.outlines, &self.outliner, glyph.id) else {
                continue;
            };
            // usvg's order: the span's place, the cluster's, the font scale, the glyph's offset,
            // then the outline's y axis flipped.
            let transform = at
                .pre_concat(Transform::from_translate(glyph.cluster_x, 0.0))
                .pre_concat(Transform::from_scale(scale, scale))
                .pre_concat(Transform::from_translate(glyph.x, glyph.y))
                .pre_concat(Transform::from_scale(1.0, -1.0));
            if let Some(placed) = outline.clone().transform(transform) {
                builder.push_path(&placed);
            }
        }
        builder.finish()
    }

    /// The glyphs of `text` in visual order, placed from the anchor point.
    fn shape(&mut self, text: &str, size: f32, align: Align) -> Vec<Glyph> {
        // (byte index of the cluster, glyph, x offset, y offset, advance), font units.
        let mut shaped: Vec<(usize, u16, i32, i32, i32)> = Vec::new();
        let bidi = unicode_bidi::BidiInfo::new(text, Some(unicode_bidi::Level::ltr()));
        if let Some(paragraph) = bidi.paragraphs.first() {
            let (levels, runs) = bidi.visual_runs(paragraph, paragraph.range.clone());
            for run in runs {
                let part = &text[run.clone()];
                if part.is_empty() {
                    continue;
                }
                let direction = if levels[run.start].is_ltr() {
                    rustybuzz::Direction::LeftToRight
                } else {
                    rustybuzz::Direction::RightToLeft
                };
                let mut buffer = rustybuzz::UnicodeBuffer::new();
                buffer.push_str(part);
                buffer.set_direction(direction);
                buffer.guess_segment_properties();
                let plan = self.plan(direction, buffer.script());
                let output = rustybuzz::shape_with_plan(&self.shaper, &self.plans[plan].2, buffer);
                for (info, position) in output.glyph_infos().iter().zip(output.glyph_positions()) {
                    shaped.push((
                        run.start + info.cluster as usize,
                        info.glyph_id as u16,
                        position.x_offset,
                        position.y_offset,
                        position.x_advance,
                    ));
                }
            }
        }
        // Clusters: consecutive glyphs of one character index; a cluster advances by its
        // widest glyph, as usvg's do.
        let scale = size / self.units_per_em;
        let mut clusters: Vec<(std::ops::Range<usize>, f32)> = Vec::new();
        let mut start = 0;
        while start < shaped.len() {
            let mut end = start;
            let mut advance: f32 = 0.0;
            while end < shaped.len() && shaped[end].0 == shaped[start].0 {
                advance = advance.max(shaped[end].4 as f32 * scale);
                end += 1;
            }
            clusters.push((start..end, advance));
            start = end;
        }
        let width = clusters.iter().fold(0.0, |w, (_, advance)| w + advance);
        let mut x = match align {
            Align::Left => 0.0,
            Align::Center => -width / 2.0,
            Align::Right => -width,
        };
        let mut glyphs = Vec::with_capacity(shaped.len());
        for (range, advance) in clusters {
            let mut within = 0.0;
            for &(_, id, dx, dy, glyph_advance) in &shaped[range] {
                glyphs.push(Glyph {
                    id,
                    cluster_x: x,
                    x: within + dx as f32,
                    y: -dy as f32,
                });
                within += glyph_advance as f32;
            }
            x += advance;
        }
        glyphs
    }

    /// The index in `plans` of the plan for this direction and script, built the first time.
    fn plan(&mut self, direction: rustybuzz::Direction, script: rustybuzz::Script) -> usize {
        match self
            .plans
            .iter()
            .position(|(d, s, _)| *d == direction && *s == script)
        {
            Some(at) => at,
            None => {
                let plan =
                    rustybuzz::ShapePlan::new(&self.shaper, direction, Some(script), None, &[]);
                self.plans.push((direction, script, plan));
                self.plans.len() - 1
            }
        }
    }
}

/// A glyph's outline in font units, outlined the first time it is asked for.
fn glyph_outline<'a>(
    outlines: &'a mut HashMap<u16, Option<Path>>,
    outliner: &ttf_parser::Face,
    id: u16,
) -> Option<&'a Path> {
    outlines
        .entry(id)
        .or_insert_with(|| {
            let mut builder = Outline(PathBuilder::new());
            outliner.outline_glyph(ttf_parser::GlyphId(id), &mut builder)?;
            builder.0.finish()
        })
        .as_ref()
}

/// An SVG `<text>`'s characters as a renderer reads them (`xml:space` default): line breaks
/// and tabs as spaces, runs of spaces as one, one space trimmed at each end.
fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut previous = None;
    for c in text.chars() {
        let c = if matches!(c, '\r' | '\n' | '\t') {
            ' '
        } else {
            c
        };
        if c == ' ' && previous == Some(' ') {
            continue;
        }
        previous = Some(c);
        out.push(c);
    }
    if out.len() == 1 && out == " " {
        out.clear();
    }
    if out.starts_with(' ') {
        out.remove(0);
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// A glyph outline into a path, in font units.
struct Outline(PathBuilder);

impl ttf_parser::OutlineBuilder for Outline {
    fn move_to(&mut self, x: f32, y: f32) {
        self.0.move_to(x, y);
    }
    fn line_to(&mut self, x: f32, y: f32) {
        self.0.line_to(x, y);
    }
    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        self.0.quad_to(x1, y1, x, y);
    }
    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        self.0.cubic_to(x1, y1, x2, y2, x, y);
    }
    fn close(&mut self) {
        self.0.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_collapse_as_in_svg() {
        assert_eq!(collapse_spaces("\nabc\n"), "abc");
        assert_eq!(collapse_spaces("a  \t b"), "a b");
        assert_eq!(collapse_spaces(" "), "");
        assert_eq!(collapse_spaces(""), "");
    }
}

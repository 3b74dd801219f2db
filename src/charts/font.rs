//! The face charts are drawn with: its bytes (for resvg), its family name (for the SVG), and
//! its advance widths (to measure labels so that they can be wrapped or shortened before they
//! would overlap or leave the canvas).
//!
//! Not for shaping: the rasteriser shapes text ([`super::glyphs`]); widths here are for
//! layout only.

use crate::error::{Error, Result};
use resvg::usvg::fontdb;
use std::collections::HashMap;
use std::sync::Arc;

/// No glyph for this character in the face (no real advance is this wide).
const MISSING: u16 = u16::MAX;

pub struct Font {
    /// The face's bytes, shared with the database: the rasteriser shapes labels from them.
    pub bytes: Arc<Vec<u8>>,
    /// The face loaded once into a font database that every chart's rasteriser shares, so
    /// drawing seven PNGs does not copy and index the font seven times.
    pub database: Arc<fontdb::Database>,
    pub family: String,
    units_per_em: f64,
    /// Advance widths of the Basic Multilingual Plane indexed by code point ([`MISSING`] where
    /// the face has no glyph): a label is measured with one array read per character.
    bmp: Box<[u16]>,
    /// Advances of characters beyond the BMP.
    astral: HashMap<char, u16>,
    fallback_advance: u16,
}

impl Font {
    /// DejaVu Sans, embedded: covers Latin and Persian on a machine with no fonts installed.
    pub fn builtin() -> Font {
        // The embedded face is a known-good TrueType file.
        Font::from_bytes(dejavu::sans::regular().to_vec()).expect("the embedded DejaVu Sans parses")
    }

    /// A TrueType or OpenType file given with `--font`.
    pub fn load(path: &std::path::Path) -> Result<Font> {
        let bytes = crate::input::read(path, crate::input::FONT_FILE).map_err(|refusal| {
            Error::Usage(format!(
                "cannot read the font {}: {refusal}",
                path.display()
            ))
        })?;
        Font::from_bytes(bytes).map_err(|why| {
            Error::Usage(format!(
                "{} is not a usable font ({why}); give a .ttf or .otf file",
                path.display()
            ))
        })
    }

    fn from_bytes(bytes: Vec<u8>) -> std::result::Result<Font, String> {
        let face = ttf_parser::Face::parse(&bytes, 0).map_err(|e| e.to_string())?;
        let family = face
            .names()
            .into_iter()
            .filter(|n| n.name_id == ttf_parser::name_id::FAMILY && n.is_unicode())
            .find_map(|n| n.to_string())
            .ok_or("it has no family name")?;
        let mut advances = HashMap::new();
        if let Some(table) = face.tables().cmap {
            for subtable in table.subtables {
                if !subtable.is_unicode() {
                    continue;
                }
                subtable.codepoints(|cp| {
                    if let (Some(c), Some(glyph)) = (char::from_u32(cp), subtable.glyph_index(cp)) {
                        if let Some(advance) = face.glyph_hor_advance(glyph) {
                            advances.entry(c).or_insert(advance);
                        }
                    }
                });
            }
        }
        let fallback_advance = advances
            .get(&'ه')
            .or(advances.get(&'n'))
            .copied()
            .unwrap_or(600);
        let mut bmp = vec![MISSING; 0x10000].into_boxed_slice();
        let mut astral = HashMap::new();
        for (c, advance) in advances {
            match usize::try_from(u32::from(c)) {
                Ok(i) if i < bmp.len() => bmp[i] = advance.min(MISSING - 1),
                _ => {
                    astral.insert(c, advance);
                }
            }
        }
        let units_per_em = f64::from(face.units_per_em());
        let bytes = Arc::new(bytes);
        let mut database = fontdb::Database::new();
        database.load_font_source(fontdb::Source::Binary(bytes.clone()));
        Ok(Font {
            bytes,
            database: Arc::new(database),
            units_per_em,
            family,
            bmp,
            astral,
            fallback_advance,
        })
    }

    /// Width of `text` in pixels at `size` pixels per em (sum of advances; Arabic contextual
    /// forms differ little from the isolated forms measured here).
    pub fn width(&self, text: &str, size: f64) -> f64 {
        let units: u64 = text.chars().map(|c| self.advance(c)).sum();
        units as f64 * size / self.units_per_em
    }

    /// Advance of one character in font units; invisible characters take none.
    fn advance(&self, c: char) -> u64 {
        if is_invisible(c) {
            return 0;
        }
        let advance = match self.bmp.get(u32::from(c) as usize) {
            Some(&MISSING) => self.fallback_advance,
            Some(&a) => a,
            None => *self.astral.get(&c).unwrap_or(&self.fallback_advance),
        };
        u64::from(advance)
    }

    /// `text` shortened with an ellipsis so that it fits `max` pixels: the longest start of it
    /// (trailing spaces dropped) that fits with the ellipsis, found in one pass over the text.
    pub fn fit(&self, text: &str, size: f64, max: f64) -> String {
        if self.width(text, size) <= max {
            return text.to_string();
        }
        let max_units = max * self.units_per_em / size;
        let ellipsis = self.advance('…') as f64;
        if ellipsis > max_units {
            return String::new();
        }
        // Width of the start so far, and of it without its trailing spaces, which only grows:
        // the starts that fit are the ones before the first that does not.
        let (mut all, mut fits_to) = (0u64, 0usize);
        for (i, c) in text.char_indices() {
            all += self.advance(c);
            if !c.is_whitespace() {
                if all as f64 + ellipsis > max_units {
                    break;
                }
                fits_to = i + c.len_utf8();
            }
        }
        format!("{}…", &text[..fits_to])
    }

    /// `text` broken into at most `lines` lines of at most `max` pixels; the last line is
    /// shortened with an ellipsis when the words do not fit.
    pub fn wrap(&self, text: &str, size: f64, max: f64, lines: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() {
                word.to_string()
            } else {
                format!("{current} {word}")
            };
            if current.is_empty() || self.width(&candidate, size) <= max {
                current = candidate;
            } else {
                out.push(std::mem::replace(&mut current, word.to_string()));
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
        if out.len() > lines.max(1) {
            let rest = out.split_off(lines.max(1) - 1).join(" ");
            out.push(rest);
        }
        out.into_iter().map(|l| self.fit(&l, size, max)).collect()
    }
}

/// Bidi controls, joiners and control characters take no room.
pub fn is_invisible(c: char) -> bool {
    crate::persian::is_invisible(c) || c.is_control()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_fits_and_wraps() {
        let font = Font::builtin();
        assert_eq!(font.family, "DejaVu Sans");
        let w = font.width("abc", 20.0);
        assert!(w > 20.0 && w < 60.0, "{w}");
        assert_eq!(font.width("\u{2067}abc\u{2069}", 20.0), w);
        assert!(font.width("شعر و ادبیات", 20.0) > 50.0);
        let fitted = font.fit("a rather long label that will not fit", 20.0, 120.0);
        assert!(
            fitted.ends_with('…') && font.width(&fitted, 20.0) <= 120.0,
            "{fitted}"
        );
        let lines = font.wrap(
            "one two three four five six seven eight nine ten",
            20.0,
            140.0,
            2,
        );
        assert_eq!(lines.len(), 2);
        assert!(
            lines.iter().all(|l| font.width(l, 20.0) <= 140.0),
            "{lines:?}"
        );
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert_eq!(font.wrap("short", 20.0, 140.0, 2), ["short"]);
    }

    /// The definition `fit` must agree with: the longest start, trailing spaces trimmed, that
    /// fits with an ellipsis (measured again for every length: quadratic, so only for tests).
    fn fit_by_definition(font: &Font, text: &str, size: f64, max: f64) -> String {
        if font.width(text, size) <= max {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        (0..chars.len())
            .rev()
            .map(|end| {
                chars[..end]
                    .iter()
                    .collect::<String>()
                    .trim_end()
                    .to_string()
                    + "…"
            })
            .find(|candidate| font.width(candidate, size) <= max)
            .unwrap_or_default()
    }

    #[test]
    fn fit_is_the_longest_start_that_fits() {
        let font = Font::builtin();
        for text in [
            "a rather long label that will not fit",
            "words   with    runs of spaces    between them",
            "عوامل سیاسی جغرافیایی در سیاست خارجی ایران",
            "\u{2067}نقش\u{2069} mixed متن and text \u{200F}",
            "e\u{301}\u{301}\u{301} combining marks e\u{301}\u{301}",
            "x",
            "",
        ] {
            for max in [0.0, 5.0, 12.0, 30.0, 80.0, 150.0, 400.0] {
                assert_eq!(
                    font.fit(text, 14.0, max),
                    fit_by_definition(&font, text, 14.0, max),
                    "{text:?} in {max}"
                );
            }
        }
    }

    #[test]
    fn fitting_a_100_kb_label_is_linear() {
        // Quadratic fitting took close to a minute on this label.
        let font = Font::builtin();
        let label = "آزمون ".repeat(17_000);
        let fitted = font.fit(&label, 14.0, 300.0);
        assert!(fitted.ends_with('…') && font.width(&fitted, 14.0) <= 300.0);
    }
}

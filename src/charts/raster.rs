//! A drawing to PNG: its shapes rendered by resvg from the SVG, its labels shaped with
//! rustybuzz from the chart's own font ([`super::glyphs`]) and filled with tiny-skia as resvg
//! fills text; no system fonts, so the same drawing gives the same pixels on every machine,
//! and the pixels resvg would give for the whole SVG (a test holds them to it).
//!
//! Reads a [`Drawing`] as data (its labels and size), never parses the SVG text back. Not for
//! layout or drawing: the canvas did that.

use super::canvas::{Color, Drawing};
use super::font::Font;
use super::glyphs::Typesetter;
use crate::error::{Error, Result};
use resvg::{tiny_skia, usvg};
use std::cell::RefCell;

/// Rasterise a drawing to PNG: its shapes by resvg from the SVG, its labels shaped and filled
/// here ([`Typesetter`]), on top, as in the SVG, where a drawing's labels follow its shapes.
pub fn png(drawing: &Drawing, font: &Font, scale: f32) -> Result<Vec<u8>> {
    let options = usvg::Options {
        font_family: font.family.clone(),
        fontdb: font.database.clone(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&drawing.svg_with(std::iter::empty()), &options)
        .map_err(|e| Error::Usage(format!("internal error: a chart's SVG does not parse: {e}")))?;
    let mut typesetter = Typesetter::new(&font.bytes)
        .ok_or_else(|| Error::Usage("internal error: the chart's font does not parse".into()))?;
    let size = tree.size().to_int_size().scale_by(scale).ok_or_else(|| {
        Error::Usage(format!("--scale {scale} gives an empty or too large image"))
    })?;
    let too_large = || {
        Error::Usage(format!(
            "cannot allocate a {}×{} image",
            size.width(),
            size.height()
        ))
    };
    let pixels = usize::try_from(u64::from(size.width()) * u64::from(size.height()))
        .map_err(|_| too_large())?;
    BUFFERS.with_borrow_mut(|buffers| {
        let mut data = std::mem::take(&mut buffers.rgba);
        data.clear();
        // Opaque white, premultiplied or not: the background, written in the one pass that
        // sizes the buffer.
        data.resize(pixels.checked_mul(4).ok_or_else(too_large)?, 255);
        let mut pixmap = tiny_skia::Pixmap::from_vec(data, size).ok_or_else(too_large)?;
        let transform = tiny_skia::Transform::from_scale(scale, scale);
        resvg::render(&tree, transform, &mut pixmap.as_mut());
        for label in drawing.labels() {
            let Some(path) = typesetter.outline(label) else {
                continue;
            };
            // As resvg fills a text's outlines: anti-aliased, non-zero, opaque.
            let mut paint = tiny_skia::Paint::default();
            let Color(r, g, b) = label.color;
            paint.set_color_rgba8(r, g, b, 255);
            paint.anti_alias = true;
            pixmap.fill_path(&path, &paint, tiny_skia::FillRule::Winding, transform, None);
        }
        let png = encode_opaque(&pixmap)
            .map_err(|e| Error::Usage(format!("internal error: cannot encode a PNG: {e}")));
        buffers.rgba = pixmap.take();
        png
    })
}

/// The pixel buffer reused across the charts one thread rasterises: a fresh multi-megabyte
/// buffer is fresh pages, and page faults were a fifth of a paper run's time.
#[derive(Default)]
struct Buffers {
    rgba: Vec<u8>,
}

thread_local! {
    static BUFFERS: RefCell<Buffers> = RefCell::default();
}

/// PNG (8-bit RGBA) of a pixmap drawn on an opaque background. Every pixel is opaque, so the
/// premultiplied colour is the colour and the pixmap's bytes are the PNG's pixels as they are:
/// tiny-skia's own encoder would divide every pixel by its alpha first (a seventh of a paper
/// run's instructions). Measured against dropping alpha (RGB): the copy cost more than
/// deflating the constant alpha bytes.
fn encode_opaque(pixmap: &tiny_skia::Pixmap) -> std::result::Result<Vec<u8>, png::EncodingError> {
    let rgba = pixmap.data();
    debug_assert!(
        rgba.chunks_exact(4).all(|pixel| pixel[3] == 255),
        "charts are drawn on an opaque background"
    );
    // Deflated charts are a tenth to a twentieth of their raw size; reserving that avoids
    // regrowing (and copying) the output several times.
    let mut bytes = Vec::with_capacity(rgba.len() / 16);
    let mut encoder = png::Encoder::new(&mut bytes, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    // (The stream writer would take rows as they come but deflates with a slower compressor.)
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgba)?;
    writer.finish()?;
    Ok(bytes)
}

/// A rough estimate of the time to rasterise a drawing, to draw the slowest charts first:
/// pixels to fill, plus distinct labels (each shaped once), plus labels drawn (each filled).
/// The weights are guesses in pixels' worth, not measurements; only the order they give
/// matters, and a wrong one costs a little parallelism, never a different output.
pub fn cost(drawing: &Drawing) -> u64 {
    let distinct: std::collections::HashSet<&str> =
        drawing.labels().iter().map(|l| l.rest.as_str()).collect();
    u64::from(drawing.width) * u64::from(drawing.height)
        + 1_500 * distinct.len() as u64
        + 300 * drawing.labels().len() as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::canvas::{Align, Canvas};

    /// Boxes, lines and labels of every kind the charts draw: Persian, English, mixed
    /// directions, digits of both scripts, each anchor, marks, repeats, spaces to collapse.
    fn drawing(font: &Font) -> Drawing {
        let mut c = Canvas::new(420, 200, font);
        let labels = [
            (Align::Center, "۸"),
            (Align::Right, "12"),
            (Align::Center, "۸"),
            (Align::Left, "مضمون"),
            (Align::Right, "12"),
            (Align::Left, "مضمون پایه (Base theme) ۵۷٪"),
            (Align::Center, "۵۷◆"),
            (Align::Right, "Interviewee P01 – نقش"),
            (Align::Left, "  spaced   out  "),
            (Align::Center, "fi fl ffi … «عوامل» ۱۲۳"),
        ];
        for (i, (align, text)) in labels.iter().enumerate() {
            let x = 10.0 + (i % 5) as f64 * 80.0;
            let y = 20.0 + (i / 5) as f64 * 90.0;
            c.rect(x, y, x + 70.0, y + 60.0, Color(0, 114, 178));
            c.line(&[(x, y + 65.0), (x + 70.0, y + 80.0)], Color(0, 0, 0), 2);
            c.text(
                x + 35.5,
                y + 30.25 + i as f64 * 0.5,
                text,
                11.0 + i as f64,
                *align,
                Color(255, 255, 255),
            );
        }
        c.bold_text(
            200.0,
            190.0,
            "bold نشان",
            12.0,
            Align::Center,
            Color(213, 94, 0),
        );
        c.finish()
    }

    /// The whole SVG, labels included, rendered by resvg: what the PNG must show.
    fn by_resvg(drawing: &Drawing, font: &Font, scale: f32) -> Vec<u8> {
        let options = usvg::Options {
            font_family: font.family.clone(),
            fontdb: font.database.clone(),
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(&drawing.svg(), &options).expect("parse");
        let size = tree.size().to_int_size().scale_by(scale).expect("size");
        let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).expect("pixmap");
        pixmap.fill(tiny_skia::Color::WHITE);
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        pixmap.data().to_vec()
    }

    #[test]
    fn labels_come_out_as_resvg_draws_the_svg() {
        let font = Font::builtin();
        let drawing = drawing(&font);
        for scale in [1.0, 1.5, 2.0] {
            let ours = pixels(&png(&drawing, &font, scale).expect("render"));
            let theirs = by_resvg(&drawing, &font, scale);
            assert_eq!(ours.len(), theirs.len());
            let differing = ours.iter().zip(&theirs).filter(|(a, b)| a != b).count();
            assert_eq!(differing, 0, "scale {scale}: {differing} channels differ");
        }
    }

    fn pixels(png: &[u8]) -> Vec<u8> {
        let mut reader = png::Decoder::new(std::io::Cursor::new(png))
            .read_info()
            .expect("a PNG");
        let mut out = vec![0; reader.output_buffer_size()];
        reader.next_frame(&mut out).expect("pixels");
        out
    }

    #[test]
    fn the_cost_counts_pixels_distinct_labels_and_labels_drawn() {
        let font = Font::builtin();
        let mut c = Canvas::new(10, 10, &font);
        c.text(1.0, 2.0, "7", 10.0, Align::Left, Color(255, 0, 0));
        c.text(3.0, 4.0, "7", 10.0, Align::Left, Color(255, 0, 0));
        c.text(5.0, 6.0, "7", 10.0, Align::Left, Color(0, 0, 255));
        assert_eq!(cost(&c.finish()), 100 + 2 * 1_500 + 3 * 300);
    }
}

//! SVG to PNG with resvg: text shaped with rustybuzz from the chart's own font, no system
//! fonts, so the same SVG gives the same pixels on every machine.
//!
//! Reads a [`Drawing`] as data (its labels and size), never parses the SVG text back. Not for
//! layout or drawing: the canvas did that.

use super::canvas::{Drawing, Label};
use super::font::Font;
use crate::error::{Error, Result};
use resvg::{tiny_skia, usvg};
use std::cell::RefCell;
use std::collections::HashMap;

/// Rasterise a drawing to PNG.
pub fn png(drawing: &Drawing, font: &Font, scale: f32) -> Result<Vec<u8>> {
    let options = usvg::Options {
        font_family: font.family.clone(),
        fontdb: font.database.clone(),
        ..usvg::Options::default()
    };
    let parse = |svg: &str| {
        usvg::Tree::from_str(svg, &options)
            .map_err(|e| Error::Usage(format!("internal error: a chart's SVG does not parse: {e}")))
    };
    let (single, repeated) = repeated_labels(drawing);
    let tree = parse(&drawing.svg_with(single.into_iter()))?;
    let labels = repeated
        .iter()
        .map(|label| Ok((parse(&label.standalone)?, &label.at)))
        .collect::<Result<Vec<_>>>()?;
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
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        // Repeated labels: laid out once, drawn at each place (on top, as labels are).
        for (label, at) in &labels {
            for &(x, y) in at.iter() {
                let place =
                    tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, x * scale, y * scale);
                resvg::render(label, place, &mut pixmap.as_mut());
            }
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

/// A label that occurs more than once with the same attributes and content, only its position
/// differing (the numbers in a heatmap's cells).
#[derive(Debug, PartialEq)]
struct RepeatedLabel {
    /// An SVG with the label alone, placed at the origin.
    standalone: String,
    /// Where it goes: its x and y in the chart.
    at: Vec<(f32, f32)>,
}

/// The labels drawn where they are, and the repeated ones to lay out once and draw at each
/// place. usvg shapes and outlines every text element on its own, which costs as much as
/// filling 7,500 pixels (a font face and a shaping plan are built each time); the paper's
/// co-occurrence chart has 683 labels but 65 distinct ones. Drawing them after the rest keeps
/// the SVG's order because a drawing's labels come after its shapes, and a label inherits
/// nothing because a drawing is flat (no groups).
fn repeated_labels(drawing: &Drawing) -> (Vec<&Label>, Vec<RepeatedLabel>) {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for label in drawing.labels() {
        *count.entry(label.rest.as_str()).or_default() += 1;
    }
    let mut single = Vec::new();
    let mut repeated: Vec<RepeatedLabel> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for label in drawing.labels() {
        if count[label.rest.as_str()] < 2 {
            single.push(label);
            continue;
        }
        let i = *index.entry(label.rest.as_str()).or_insert_with(|| {
            repeated.push(RepeatedLabel {
                standalone: format!(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"><text x=\"0\" y=\"0\"{}</svg>",
                    label.rest
                ),
                at: Vec::new(),
            });
            repeated.len() - 1
        });
        repeated[i].at.push((label.x as f32, label.y as f32));
    }
    (single, repeated)
}

/// A rough estimate of the time to rasterise a drawing, to draw the slowest charts first:
/// pixels to fill, plus distinct labels (each is shaped and outlined, about as costly as 7,500
/// pixels, measured on the paper's charts), plus placements of labels (drawn).
pub fn cost(drawing: &Drawing) -> u64 {
    let (single, repeated) = repeated_labels(drawing);
    let laid_out = single.len() + repeated.len();
    let placed = drawing.labels().len();
    u64::from(drawing.width) * u64::from(drawing.height)
        + 7_500 * laid_out as u64
        + 300 * placed as u64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::canvas::{Align, Canvas, Color};

    /// Six boxes with labels, three of them repeated.
    fn drawing(font: &Font) -> Drawing {
        let mut c = Canvas::new(300, 120, font);
        let labels = [
            (Align::Center, "۸"),
            (Align::Right, "12"),
            (Align::Center, "۸"),
            (Align::Left, "مضمون"),
            (Align::Right, "12"),
            (Align::Left, "مضمون"),
        ];
        for (i, (align, text)) in labels.iter().enumerate() {
            let x = 10.0 + i as f64 * 45.0;
            c.rect(x, 30.0, x + 40.0, 70.0, Color(0, 114, 178));
            c.text(
                x + 20.5,
                50.25 + i as f64 * 3.0,
                text,
                13.0,
                *align,
                Color(255, 255, 255),
            );
        }
        c.finish()
    }

    #[test]
    fn drawing_repeated_labels_once_gives_the_same_pixels() {
        let font = Font::builtin();
        let drawing = drawing(&font);
        assert_eq!(repeated_labels(&drawing).1.len(), 3);
        for scale in [1.0, 1.5] {
            let fast = pixels(&png(&drawing, &font, scale).expect("render"));
            // The plain rendering: the whole document at once.
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
            let plain = pixmap.data();
            assert_eq!(fast.len(), plain.len());
            // Placing a label by a transform rather than in its coordinates can round an edge
            // pixel's coverage by a level or two; nothing more.
            let worst = fast.iter().zip(plain).map(|(a, b)| a.abs_diff(*b)).max();
            assert!(
                worst <= Some(2),
                "scale {scale}: a channel differs by {worst:?}"
            );
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
    fn repeated_labels_are_split_out_once_with_their_places() {
        let font = Font::builtin();
        let mut c = Canvas::new(10, 10, &font);
        c.text(1.0, 2.0, "7", 10.0, Align::Left, Color(255, 0, 0));
        c.text(3.0, 4.0, "7", 10.0, Align::Left, Color(255, 0, 0));
        c.text(5.0, 6.0, "7", 10.0, Align::Left, Color(0, 0, 255));
        let drawing = c.finish();
        let (single, repeated) = repeated_labels(&drawing);
        assert_eq!(single, vec![&drawing.labels()[2]]);
        assert_eq!(repeated.len(), 1);
        assert_eq!(repeated[0].at, vec![(1.0, 4.5), (3.0, 6.5)]);
        assert!(repeated[0]
            .standalone
            .contains(r#"<text x="0" y="0" text-anchor="start""#));
        // Pixels, plus two distinct labels laid out, plus three placed.
        assert_eq!(cost(&drawing), 100 + 2 * 7_500 + 3 * 300);
    }
}

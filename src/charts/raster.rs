//! SVG to PNG with resvg: text shaped with rustybuzz from the chart's own font, no system
//! fonts, so the same SVG gives the same pixels on every machine.

use super::font::Font;
use crate::error::{Error, Result};
use resvg::{tiny_skia, usvg};
use std::cell::RefCell;

pub fn png(svg: &str, font: &Font, scale: f32) -> Result<Vec<u8>> {
    let options = usvg::Options {
        font_family: font.family.clone(),
        fontdb: font.database.clone(),
        ..usvg::Options::default()
    };
    let parse = |svg: &str| {
        usvg::Tree::from_str(svg, &options)
            .map_err(|e| Error::Usage(format!("internal error: a chart's SVG does not parse: {e}")))
    };
    let (rest, repeated) = split_repeated_text(svg);
    let tree = parse(&rest)?;
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

/// A text element that occurs more than once with the same attributes and content, only its
/// position differing (the numbers in a heatmap's cells).
#[derive(Debug, PartialEq)]
struct RepeatedLabel {
    /// An SVG with the label alone, placed at the origin.
    standalone: String,
    /// Where it goes: its x and y in the chart.
    at: Vec<(f32, f32)>,
}

/// `svg` without its repeated labels, and those labels. usvg shapes and outlines every text
/// element on its own, which costs as much as filling 7,500 pixels (a font face and a shaping
/// plan are built each time); the paper's co-occurrence chart has 683 labels but 65 distinct
/// ones. Drawing them after the rest draws them in the same order as the SVG only when the
/// labels come last, as the charts' canvas writes them; and a label inherits nothing only from a
/// flat SVG (no groups). Any other SVG is left whole.
fn split_repeated_text(svg: &str) -> (String, Vec<RepeatedLabel>) {
    let labels_last = svg.find("<text ").is_some_and(|first| {
        svg[first..].match_indices('<').all(|(i, _)| {
            ["<text ", "</text>", "</svg>"]
                .iter()
                .any(|t| svg[first + i..].starts_with(t))
        })
    });
    if svg.contains("<g") || !labels_last {
        return (svg.to_string(), Vec::new());
    }
    // (start, end, key, x, y) of each text element; key: the element without x and y.
    let mut texts = Vec::new();
    let mut from = 0;
    while let Some(start) = svg[from..].find("<text ").map(|i| from + i) {
        let Some(end) = svg[start..]
            .find("</text>")
            .map(|i| start + i + "</text>".len())
        else {
            break;
        };
        let element = &svg[start..end];
        if let Some((x, without_x)) = take_attribute(element, "x") {
            if let Some((y, key)) = take_attribute(&without_x, "y") {
                texts.push((start, end, key, x, y));
            }
        }
        from = end;
    }
    let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (_, _, key, _, _) in &texts {
        *count.entry(key.as_str()).or_default() += 1;
    }
    let mut labels: Vec<RepeatedLabel> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut rest = String::with_capacity(svg.len());
    let mut copied = 0;
    for (start, end, key, x, y) in &texts {
        if count[key.as_str()] < 2 {
            continue;
        }
        rest.push_str(&svg[copied..*start]);
        copied = *end;
        let i = *index.entry(key.as_str()).or_insert_with(|| {
            labels.push(RepeatedLabel {
                standalone: format!(
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\">{}</svg>",
                    key.replacen("<text ", "<text x=\"0\" y=\"0\" ", 1)
                ),
                at: Vec::new(),
            });
            labels.len() - 1
        });
        labels[i].at.push((*x, *y));
    }
    rest.push_str(&svg[copied..]);
    (rest, labels)
}

/// Text elements of `svg` to lay out (distinct ones: repeats are laid out once) and to draw.
pub fn text_counts(svg: &str) -> (usize, usize) {
    let (rest, repeated) = split_repeated_text(svg);
    let single = rest.matches("<text").count();
    let placed: usize = repeated.iter().map(|label| label.at.len()).sum();
    (single + repeated.len(), single + placed)
}

/// The value of attribute `name` of an element's start tag, and the element without it.
fn take_attribute(element: &str, name: &str) -> Option<(f32, String)> {
    let tag_end = element.find('>')?;
    let pattern = format!(" {name}=\"");
    let at = element[..tag_end].find(&pattern)?;
    let value_start = at + pattern.len();
    let value_end = value_start + element[value_start..].find('"')?;
    let value = element[value_start..value_end].parse().ok()?;
    Some((
        value,
        format!("{}{}", &element[..at], &element[value_end + 1..]),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drawing_repeated_labels_once_gives_the_same_pixels() {
        // `mark` makes every label distinct (an attribute that changes nothing drawn), so
        // that none is split out: the plain rendering to compare with.
        let chart = |mark: bool| {
            let mut svg = String::from(
                r##"<svg width="300" height="120" viewBox="0 0 300 120" xmlns="http://www.w3.org/2000/svg"><rect x="0" y="0" width="300" height="120" fill="#FFFFFF"/>"##,
            );
            let labels = [
                ("middle", "۸"),
                ("end", "12"),
                ("middle", "۸"),
                ("start", "مضمون"),
                ("end", "12"),
                ("start", "مضمون"),
            ];
            for i in 0..labels.len() {
                svg.push_str(&format!(
                    r##"<rect x="{}" y="30" width="40" height="40" fill="#0072B2"/>"##,
                    10 + i * 45
                ));
            }
            for (i, (anchor, text)) in labels.iter().enumerate() {
                let id = if mark {
                    format!(r#" id="l{i}""#)
                } else {
                    String::new()
                };
                svg.push_str(&format!(
                    r##"<text{id} x="{}.5" y="{}.25" text-anchor="{anchor}" font-family="DejaVu Sans" font-size="13" fill="#FFFFFF">{text}</text>"##,
                    30 + i * 45,
                    50 + i * 3
                ));
            }
            svg + "</svg>"
        };
        let (repeated, distinct) = (chart(false), chart(true));
        assert_eq!(split_repeated_text(&repeated).1.len(), 3);
        assert_eq!(split_repeated_text(&distinct).1.len(), 0);
        let font = Font::builtin();
        for scale in [1.0, 1.5] {
            let (fast, plain) = (
                pixels(&png(&repeated, &font, scale).expect("render")),
                pixels(&png(&distinct, &font, scale).expect("render")),
            );
            assert_eq!(fast.len(), plain.len());
            // Placing a label by a transform rather than in its coordinates can round an edge
            // pixel's coverage by a level or two; nothing more.
            let worst = fast.iter().zip(&plain).map(|(a, b)| a.abs_diff(*b)).max();
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
        let svg = r#"<svg width="10" height="10"><rect x="0" y="0"/><text x="1" y="2" fill="red">7</text><text x="3.5" y="4" fill="red">7</text><text x="5" y="6" fill="blue">7</text></svg>"#;
        // A shape after a label: drawing the repeats last would change the order.
        let shape_after = svg.replace("</svg>", "<rect/></svg>");
        assert!(split_repeated_text(&shape_after).1.is_empty());
        let (rest, labels) = split_repeated_text(svg);
        assert_eq!(
            rest,
            r#"<svg width="10" height="10"><rect x="0" y="0"/><text x="5" y="6" fill="blue">7</text></svg>"#
        );
        assert_eq!(
            labels,
            vec![RepeatedLabel {
                standalone: r#"<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><text x="0" y="0" fill="red">7</text></svg>"#.into(),
                at: vec![(1.0, 2.0), (3.5, 4.0)],
            }]
        );
        assert_eq!(text_counts(svg), (2, 3));
        let grouped = r#"<svg><g><text x="1" y="2">7</text><text x="3" y="4">7</text></g></svg>"#;
        assert!(split_repeated_text(grouped).1.is_empty());
    }
}

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
    let tree = usvg::Tree::from_str(svg, &options)
        .map_err(|e| Error::Usage(format!("internal error: a chart's SVG does not parse: {e}")))?;
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

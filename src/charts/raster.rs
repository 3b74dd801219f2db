//! SVG to PNG with resvg: text shaped with rustybuzz from the chart's own font, no system
//! fonts, so the same SVG gives the same pixels on every machine.

use super::font::Font;
use crate::error::{Error, Result};
use resvg::{tiny_skia, usvg};

pub fn png(svg: &str, font: &Font, scale: f32) -> Result<Vec<u8>> {
    let mut options = usvg::Options {
        font_family: font.family.clone(),
        ..usvg::Options::default()
    };
    options.fontdb_mut().load_font_data(font.bytes.clone());
    let tree = usvg::Tree::from_str(svg, &options)
        .map_err(|e| Error::Usage(format!("internal error: a chart's SVG does not parse: {e}")))?;
    let size = tree.size().to_int_size().scale_by(scale).ok_or_else(|| {
        Error::Usage(format!("--scale {scale} gives an empty or too large image"))
    })?;
    let mut pixmap = tiny_skia::Pixmap::new(size.width(), size.height()).ok_or_else(|| {
        Error::Usage(format!(
            "cannot allocate a {}×{} image",
            size.width(),
            size.height()
        ))
    })?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| Error::Usage(format!("internal error: cannot encode a PNG: {e}")))
}

//! ZIP packages written the same way every time: every entry deflated and dated 1980-01-01,
//! so that the same input gives byte-identical Word documents and REFI-QDA projects.
//!
//! Not for reading archives (`refi::archive`) nor for the workbook (rust_xlsxwriter packs its
//! own).

use crate::error::{Error, Result};
use std::io::Write;

/// A ZIP of `parts` (entry name, bytes), in the order given. `file` names the document in the
/// message of a failure (writing into memory fails only on a bug).
pub fn zip(file: &'static str, parts: &[(&str, &[u8])]) -> Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let entry = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let failed = |e: zip::result::ZipError| Error::Document {
        file,
        message: e.to_string(),
    };
    for (name, content) in parts {
        zip.start_file(*name, entry).map_err(failed)?;
        zip.write_all(content).map_err(|e| failed(e.into()))?;
    }
    Ok(zip.finish().map_err(failed)?.into_inner())
}

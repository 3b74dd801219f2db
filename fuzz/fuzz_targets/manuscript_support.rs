//! What the manuscript targets share: bytes as a file of each format (a Word file's
//! document.xml wrapped in a ZIP, so that the fuzzer explores the XML and not the archive's
//! checksums), and the whole of `thematic read` on them.

use std::io::Write;
use std::path::Path;

/// The file the target reads: for Word, `data` as word/document.xml of a fresh archive unless
/// it is an archive itself.
pub fn manuscript_bytes(format: &str, data: &[u8]) -> Vec<u8> {
    if format != "docx" || data.starts_with(b"PK") {
        return data.to_vec();
    }
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    zip.start_file("word/document.xml", zip::write::SimpleFileOptions::default())
        .unwrap();
    zip.write_all(data).unwrap();
    zip.finish().unwrap();
    out.into_inner()
}

/// Read, write the codebook, load it: any step may refuse, none may panic, and messages stay
/// short.
pub fn read_and_load(bytes: &[u8], format: &str) {
    let name = match format {
        "jats" => "paper.xml".to_string(),
        "text" => "paper.txt".to_string(),
        other => format!("paper.{other}"),
    };
    match thematic::import::manuscript::read_bytes_into_codebook(&name, Path::new(&name), bytes) {
        Ok(read) => {
            let files = read
                .files
                .iter()
                .map(|(n, b)| (n.to_string(), b.clone()))
                .collect();
            if let Err(problems) =
                thematic::codebook::load(&thematic::codebook::Source::Memory(files))
            {
                assert!(!problems.is_empty());
            }
        }
        Err(problem) => {
            let message = problem.to_string();
            assert!(message.len() < 16 * 1024, "{} bytes of message", message.len());
        }
    }
}

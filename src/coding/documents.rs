//! The documents to code, as text: `.txt` and `.md` as they are (UTF-8), `.docx`, `.html` and
//! PDF through the manuscript reader (its paragraphs, parted by blank lines). Directories are
//! walked for those, in name order. Every offset of a segment is into the text as read here.
//!
//! Not for coding (`mod.rs`) nor for the manuscript formats themselves (`import::manuscript`).

use crate::case_id::CaseId;
use crate::codebook::Problem;
use std::path::{Path, PathBuf};

/// A document read.
#[derive(Debug, Clone)]
pub struct Document {
    /// Its file name (the interviewee's name, the segments' source).
    pub name: String,
    pub text: String,
}

/// The file kinds coded.
fn codable(path: &Path) -> bool {
    matches!(
        path.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "md" | "markdown" | "docx" | "html" | "htm" | "xhtml" | "pdf")
    )
}

/// The files given: files as they are, directories walked (codable files only, sorted).
pub fn files(given: &[PathBuf]) -> Result<Vec<PathBuf>, Problem> {
    let mut out = Vec::new();
    for path in given {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found)?;
            found.sort();
            out.extend(found);
        } else if path.exists() {
            out.push(path.clone());
        } else {
            return Err(Problem::file(
                &path.display().to_string(),
                "no such file or directory",
                "check the path of the document",
            ));
        }
    }
    if out.is_empty() {
        return Err(Problem::file(
            &given
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(", "),
            "no documents to code (.txt, .md, .docx, .html, .pdf)",
            "give the documents, or a directory that holds them",
        ));
    }
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), Problem> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        Problem::file(
            &dir.display().to_string(),
            format!("cannot list the directory: {e}"),
            "check that you may read it",
        )
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else if codable(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// Largest document read, in bytes.
pub const MAX_BYTES: u64 = 1 << 30;

/// A document's text.
pub fn read(path: &Path) -> Result<Document, Problem> {
    let display = path.display().to_string();
    let name = path
        .file_name()
        .map_or_else(|| display.clone(), |n| n.to_string_lossy().into_owned());
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let text = match ext.as_str() {
        "docx" | "html" | "htm" | "xhtml" | "pdf" => {
            let m = crate::import::manuscript::read(path)?;
            m.paragraphs.join("\n\n")
        }
        _ => {
            let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            if size > MAX_BYTES {
                return Err(Problem::file(
                    &display,
                    format!("the document is {size} bytes, more than thematic reads ({MAX_BYTES})"),
                    "split it into smaller documents",
                ));
            }
            let bytes = std::fs::read(path).map_err(|e| {
                Problem::file(
                    &display,
                    format!("cannot read the document: {e}"),
                    "check that you may read it",
                )
            })?;
            let bytes = bytes
                .strip_prefix(b"\xEF\xBB\xBF")
                .unwrap_or(&bytes)
                .to_vec();
            match String::from_utf8(bytes) {
                Ok(t) => t,
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    let line = e.as_bytes()[..at].iter().filter(|&&b| b == b'\n').count() + 1;
                    return Err(Problem::file(
                        &display,
                        format!("the document is not UTF-8 text (byte {} is not)", at + 1),
                        "save it as UTF-8 text, or give the .docx, .html or .pdf it came from",
                    )
                    .at_line(line as u64));
                }
            }
        }
    };
    if text.contains('\0') {
        return Err(Problem::file(
            &display,
            "the document holds NUL bytes: it is not text",
            "give a text, Word, HTML or PDF document",
        ));
    }
    Ok(Document { name, text })
}

/// Each document's interviewee code: the `pattern`'s first group (or whole match) in its file
/// name; without a pattern, the file's stem when every stem reads as a code of its own (`P01`,
/// `12`, `interview_03`), else the documents are numbered 1, 2, 3 … in order.
pub fn codes(names: &[String], pattern: Option<&regex::Regex>) -> Result<Vec<CaseId>, Problem> {
    let stem = |n: &str| -> String {
        Path::new(n)
            .file_stem()
            .map_or(n.to_string(), |s| s.to_string_lossy().into_owned())
    };
    let mut out = Vec::with_capacity(names.len());
    if let Some(p) = pattern {
        for n in names {
            let Some(c) = p.captures(n) else {
                return Err(Problem::file(
                    n,
                    format!("the file name does not match --id `{}`", p.as_str()),
                    "give an --id pattern every document's file name matches, e.g. --id 'P\\d+'",
                ));
            };
            let written = c.get(1).or_else(|| c.get(0)).map_or("", |m| m.as_str());
            out.push(CaseId::parse(written).map_err(|why| {
                Problem::file(
                    n,
                    format!("`{written}` (from --id) is not a code: {why}"),
                    "give an --id pattern whose match is a number or an ID such as P01",
                )
            })?);
        }
    } else {
        let parsed: Vec<Option<CaseId>> =
            names.iter().map(|n| CaseId::parse(&stem(n)).ok()).collect();
        let distinct: std::collections::HashSet<&Option<CaseId>> = parsed.iter().collect();
        if parsed.iter().all(Option::is_some) && distinct.len() == parsed.len() {
            out = parsed.into_iter().flatten().collect();
        } else {
            out = (1..=names.len())
                .map(|i| CaseId::number(u32::try_from(i).unwrap_or(u32::MAX)))
                .collect();
        }
    }
    for (i, c) in out.iter().enumerate() {
        if let Some(j) = out[..i].iter().position(|d| d == c) {
            return Err(Problem::file(
                &names[i],
                format!("its code {} is also {}'s", c.written(), names[j]),
                "give each document a code of its own: rename the files, or give --id a pattern that tells them apart",
            ));
        }
    }
    Ok(out)
}

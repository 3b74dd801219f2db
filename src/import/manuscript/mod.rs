//! Reading a manuscript (Word, HTML, JATS, PDF, text extracted from a PDF) into a codebook
//! directory: each format's reader gives the tables as grids of cells (`import::grid`) and the
//! running text; [`find`] finds the thematic table and the roster among them and reads the
//! study, with every judgement it made; [`files`] writes the codebook `thematic run` audits.
//!
//! Not for checking what was read (the codebook loader and the audit do, on the files
//! written) nor for where they are written (`write`, through the CLI).

mod docx;
pub mod files;
pub mod find;
pub mod heads;
mod html;
mod jats;
mod layout;
mod pdf;
mod text;

use crate::codebook::Problem;
use crate::import::grid::Grid;
use crate::input::{self, NotAFile, Refusal};
use std::path::Path;

/// What a manuscript says of itself (all optional).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: String,
    pub authors: Vec<String>,
    pub year: String,
    pub journal: String,
    pub doi: String,
    pub language: String,
}

/// A manuscript as its reader gives it.
#[derive(Debug, Clone, Default)]
pub struct Manuscript {
    pub tables: Vec<Grid>,
    /// The running text, a paragraph each, for what the tables do not print.
    pub paragraphs: Vec<String>,
    pub meta: Meta,
    /// Whether the cells of a line may come in visual order (text extracted from a PDF),
    /// so that a right-to-left table's columns can come out reversed.
    pub visual_order: bool,
    /// Letters the extraction cannot tell apart: (as it writes them, what they may have been
    /// printed as). Every word of a cell holding the first is a call, the second its
    /// alternative (poppler's right-to-left text writes لا as ال).
    pub doubtful: Vec<(&'static str, &'static str)>,
    /// Right-to-left text aligned with spaces, its lines mirrored into logical column order
    /// (`text`): read where its columns have room, refused where they run together.
    pub mirrored: bool,
    pub format: Format,
}

/// The formats read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    Docx,
    Html,
    Jats,
    Pdf,
    #[default]
    Text,
}

impl Format {
    pub fn name(self) -> &'static str {
        match self {
            Format::Docx => "Word",
            Format::Html => "HTML",
            Format::Jats => "JATS XML",
            Format::Pdf => "PDF",
            Format::Text => "text",
        }
    }

    /// The format of `bytes` (by their first bytes, then the name's extension).
    fn of(path: &Path, bytes: &[u8]) -> Result<Format, &'static str> {
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if bytes.starts_with(b"PK\x03\x04") {
            // The reader says so when the archive holds no Word document.
            return match ext.as_str() {
                "odt" => Err("an OpenDocument text (.odt); save it as .docx"),
                "xlsx" | "qdpx" | "zip" | "epub" => {
                    Err("a ZIP archive that is not a Word document")
                }
                _ => Ok(Format::Docx),
            };
        }
        // A PDF may have a few bytes before its header (readers look in the first 1,024).
        if bytes[..bytes.len().min(1024)]
            .windows(5)
            .any(|w| w == b"%PDF-")
        {
            return Ok(Format::Pdf);
        }
        if bytes.starts_with(b"\xD0\xCF\x11\xE0") {
            return Err("an old Word 97-2003 .doc file");
        }
        if ext == "docx" {
            return Err("not a Word file (a .docx is a ZIP archive)");
        }
        let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_ascii_lowercase();
        if head.contains("<article")
            && (head.trim_start().starts_with("<?xml")
                || head.contains("<!doctype article")
                || ext == "xml"
                || ext == "nxml")
        {
            return Ok(Format::Jats);
        }
        if matches!(ext.as_str(), "html" | "htm" | "xhtml")
            || head.contains("<html")
            || head.contains("<!doctype html")
            || head.contains("<table")
        {
            return Ok(Format::Html);
        }
        Ok(Format::Text)
    }
}

fn problem(display: &str, message: impl Into<String>, fix: impl Into<String>) -> Problem {
    Problem::file(display, message, fix)
}

/// A manuscript that cannot be read at all, with what to do about it.
fn refused(display: &str, refusal: Refusal) -> Problem {
    let fix = match &refusal {
        Refusal::Missing => "check the path; thematic reads a manuscript as .docx, .html, JATS .xml, PDF, or tab-separated text extracted from a PDF",
        Refusal::DanglingLink | Refusal::Unfollowable(_) => "point at the manuscript itself, not at a broken link",
        Refusal::NoPermission => "give yourself read permission on it (chmod u+r), or copy it to a directory of yours",
        Refusal::NotAFile { what: NotAFile::Directory, .. } => "give the manuscript file; for a folder of manuscripts, give its files (papers/*.docx)",
        Refusal::NotAFile { .. } => "save the manuscript to a file first and read that file",
        Refusal::TooLarge { .. } => "refused for safety; no manuscript is this large: check that this is the right file",
        Refusal::Io(_) => "check that the disk is readable, then try again",
    };
    problem(display, refusal.to_string(), fix)
}

/// XML parsed as the readers need it: depth checked first (the tree builder recurses), no DTD
/// fetched or expanded beyond the document's own entities, the node count bounded.
fn parse_xml<'a>(
    display: &str,
    text: &'a str,
    allow_dtd: bool,
) -> Result<roxmltree::Document<'a>, Problem> {
    if let Err(deep) = crate::xml::check_depth(text, crate::xml::MAX_DEPTH) {
        let (line, column) = deep.line_column(text);
        return Err(problem(
            display,
            format!(
                "<{}> here is nested more than {} elements deep; thematic reads XML up to that depth (a manuscript's tables nest a few levels)",
                deep.element,
                crate::xml::MAX_DEPTH
            ),
            "this is not a manuscript a word processor or a journal wrote; export it again",
        )
        .at_line(line)
        .at_column(column, ""));
    }
    let options = roxmltree::ParsingOptions {
        allow_dtd,
        nodes_limit: 50_000_000,
    };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| {
        let pos = e.pos();
        problem(
            display,
            format!("the XML cannot be read: {e}"),
            "save the manuscript again from its program; if you edited it, check the XML at this place",
        )
        .at_line(u64::from(pos.row))
        .at_column(pos.col as usize, "")
    })
}

/// UTF-8 text of a file's bytes (a byte-order mark dropped), or where it stops being UTF-8.
fn utf8<'a>(display: &str, bytes: &'a [u8]) -> Result<&'a str, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        problem(
            display,
            format!("the file is not UTF-8 text (byte {})", e.valid_up_to() + 1),
            "save it as UTF-8 (pdftotext writes UTF-8 by default: pdftotext -enc UTF-8 paper.pdf)",
        )
        .at_line(line)
    })
}

/// Read the manuscript at `path`.
pub fn read(path: &Path) -> Result<Manuscript, Problem> {
    let display = path.display().to_string();
    let bytes = input::read(path, input::MANUSCRIPT).map_err(|r| refused(&display, r))?;
    read_bytes(&display, path, &bytes)
}

/// Read a manuscript's bytes; `path` only tells the format where the bytes do not (its
/// extension), `display` names it in messages.
pub fn read_bytes(display: &str, path: &Path, bytes: &[u8]) -> Result<Manuscript, Problem> {
    let format = Format::of(path, bytes).map_err(|what| {
        problem(
            display,
            format!("this is {what}, which thematic does not read (yet)"),
            "give the manuscript as .docx, .html, JATS .xml or PDF (an .odt or .doc: save it as .docx)",
        )
    })?;
    let mut manuscript = crate::xml::on_reader_stack(|| match format {
        Format::Docx => docx::read(display, bytes),
        Format::Html => html::read(display, utf8(display, bytes)?),
        Format::Jats => jats::read(display, utf8(display, bytes)?),
        Format::Pdf => pdf::read(display, bytes),
        Format::Text => text::read(display, utf8(display, bytes)?),
    })?;
    manuscript.format = format;
    Ok(manuscript)
}

/// A manuscript's bytes read into a codebook directory's files (the whole of `read` on one
/// file, without the file: for fuzzing and for callers that hold the bytes).
pub fn read_bytes_into_codebook(display: &str, path: &Path, bytes: &[u8]) -> Result<Read, Problem> {
    let manuscript = read_bytes(display, path, bytes)?;
    into_codebook(display, manuscript)
}

/// A manuscript read into a codebook directory's files, with what was found where.
#[derive(Debug, Clone)]
pub struct Read {
    pub format: Format,
    pub files: Vec<(&'static str, Vec<u8>)>,
    /// Where each table used was found and what it was read as.
    pub found: Vec<String>,
    /// Each judgement of the reading, in English (its words in the study's language are in
    /// readings.csv).
    pub calls: Vec<String>,
    pub tables: usize,
    pub base_themes: usize,
    pub interviewees: usize,
}

/// A DOI named in the running text (`doi:10.…`, `https://doi.org/10.…`).
fn doi_in(paragraphs: &[String]) -> Option<String> {
    for p in paragraphs {
        let mut rest = p.as_str();
        while let Some(at) = rest.find("10.") {
            let tail = &rest[at..];
            let end = tail
                .find(|c: char| {
                    c.is_whitespace() || matches!(c, ')' | '(' | '"' | '<' | '>' | '،' | ',')
                })
                .unwrap_or(tail.len());
            let doi = tail[..end].trim_end_matches(['.', ';', ':']);
            let prefix = doi[3..].split('/').next().unwrap_or("");
            if doi.contains('/') && prefix.len() >= 4 && prefix.chars().all(|c| c.is_ascii_digit())
            {
                return Some(doi.to_string());
            }
            rest = &rest[at + 3..];
        }
    }
    None
}

/// What to do with right-to-left text aligned with spaces that cannot be read (`text`).
const RIGHT_TO_LEFT_LAYOUT: &str = "this is right-to-left text aligned with spaces (pdftotext -layout): poppler drops what lies past the page's edge and, in a narrow table, runs a cell's words into the next column; give thematic the PDF itself (it reads the glyphs), or text whose table cells are parted by tabs";

/// Read the manuscript at `path` into a codebook directory's files.
pub fn read_into_codebook(path: &Path) -> Result<Read, Problem> {
    let display = path.display().to_string();
    let manuscript = read(path)?;
    into_codebook(&display, manuscript)
}

fn into_codebook(display: &str, manuscript: Manuscript) -> Result<Read, Problem> {
    let display = display.to_string();
    let study = find::read(&manuscript).map_err(|nf| {
        let fix = if manuscript.mirrored {
            RIGHT_TO_LEFT_LAYOUT
        } else if manuscript.format == Format::Text && manuscript.tables.is_empty() {
            "text is read as tables where its cells are parted by tabs or aligned in columns with spaces (pdftotext -layout); check that this text holds the tables, or give thematic the PDF itself"
        } else {
            "check that this is the manuscript with the thematic table; a table printed as a picture cannot be read (type it into a codebook directory: docs/codebook.md)"
        };
        problem(&display, nf.to_string(), fix)
    })?;
    // Right-to-left text aligned with spaces keeps its columns apart only where they have
    // room: poppler counts a joined Persian word's letters, not its width, so in a narrow
    // table a cell can run into the next one's columns, and rows come apart (a row without a
    // base theme there is that, not a page break). And the table's first column is at the
    // page's right edge, where poppler drops the letters past it: a table whose dimensions
    // have no label in the text lost them so («وانع» for «موانع», its head not a head).
    // Refused rather than read wrong.
    if manuscript.mirrored && (study.rows_joined > 0 || study.unlabelled_dimensions > 0) {
        let what = if study.rows_joined > 0 {
            format!(
                "{} row(s) of the thematic table came apart in reading",
                study.rows_joined
            )
        } else {
            "the thematic table's dimension labels are not in this text (its first column, at the page's right edge)".to_string()
        };
        return Err(problem(&display, what, RIGHT_TO_LEFT_LAYOUT));
    }
    let mut meta = manuscript.meta.clone();
    if meta.doi.is_empty() {
        meta.doi = doi_in(&manuscript.paragraphs).unwrap_or_default();
    }
    let files = files::files(&study, &meta, &display);
    let calls = study
        .calls
        .iter()
        .map(|c| {
            if c.note_en.is_empty() {
                c.note.clone()
            } else {
                c.note_en.clone()
            }
        })
        .collect();
    Ok(Read {
        format: manuscript.format,
        files,
        found: study.found.clone(),
        calls,
        tables: manuscript.tables.len(),
        base_themes: study
            .dimensions
            .iter()
            .flat_map(|d| &d.components)
            .map(|c| c.themes.len())
            .sum(),
        interviewees: study.interviewees.len(),
    })
}

//! The coded study as a codebook directory: the scheme's dimensions, components and base
//! themes with the documents that match each as its source codes; one interviewee per document
//! (its findings: the base themes coded in it); `segments.csv` with every segment;
//! `study.toml` saying how it was coded (the findings are the coding: no second record);
//! `evidence.md`, every segment in context by base theme; and, unless left out, each
//! document's text as read under `sources/`, which the offsets point into.
//!
//! Not for coding (`mod.rs`) nor for where the files go (`write`, through the CLI).

use super::{Coded, Options, Scheme, Summary, Unit};
use crate::codebook;
use crate::import::written::{toml_string, Csv};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// What was coded, for the coded study's notes.
pub struct Provenance<'a> {
    pub scheme: &'a str,
    pub documents: usize,
}

/// The folder of the documents' texts.
pub const SOURCES: &str = "sources";
/// The evidence report.
pub const EVIDENCE: &str = "evidence.md";

/// Where a document's text as read is kept: `sources/NAME`, `.txt` added to a name that is not
/// a text file's (a Word document's text is not the document).
pub fn source_file(name: &str) -> String {
    if name.to_ascii_lowercase().ends_with(".txt") {
        format!("{SOURCES}/{name}")
    } else {
        format!("{SOURCES}/{name}.txt")
    }
}

fn list(codes: &[crate::case_id::CaseId]) -> String {
    let written: Vec<String> = codes.iter().map(|c| c.written().into_owned()).collect();
    if codes.iter().all(|c| !c.is_text()) {
        written.join("-")
    } else {
        written.join(", ")
    }
}

fn color(c: Option<crate::model::Color>) -> String {
    c.map_or(String::new(), |c| c.to_string())
}

/// Whether the study reads right to left (its labels mostly in Arabic script).
fn persian(scheme: &Scheme) -> bool {
    match scheme.language {
        Some(l) => l == crate::lang::Lang::Fa,
        None => crate::persian::mostly_arabic_script(
            scheme.themes.iter().map(|t| t.label.printed.as_str()),
        ),
    }
}

/// `segments.csv`, written a document at a time (a corpus's segments do not fit in memory).
pub struct SegmentsFile {
    writer: csv::Writer<std::io::BufWriter<std::fs::File>>,
    path: std::path::PathBuf,
}

impl SegmentsFile {
    pub fn create(path: &std::path::Path) -> std::io::Result<SegmentsFile> {
        let file = std::fs::File::create(path)?;
        let mut writer = csv::Writer::from_writer(std::io::BufWriter::new(file));
        writer.write_record(codebook::SEGMENT_COLUMNS)?;
        Ok(SegmentsFile {
            writer,
            path: path.to_path_buf(),
        })
    }

    /// A document's segments.
    pub fn write(&mut self, scheme: &Scheme, doc: &Coded) -> std::io::Result<()> {
        let code = doc.code.written();
        for s in &doc.segments {
            let t = &scheme.themes[s.theme];
            self.writer.write_record([
                doc.name.as_str(),
                &code,
                &s.start.to_string(),
                &s.end.to_string(),
                &s.text,
                &t.dimension.printed,
                &t.component.printed,
                &t.label.printed,
                &s.terms.join("; "),
                &s.negation,
            ])?;
        }
        Ok(())
    }

    /// Flushed to disk; its path.
    pub fn finish(mut self) -> std::io::Result<std::path::PathBuf> {
        self.writer.flush()?;
        Ok(self.path)
    }
}

/// The coded study's files but `segments.csv` and `sources/` (written as the documents are
/// coded), by path in the directory.
pub fn files(
    scheme: &Scheme,
    summary: &Summary,
    options: &Options,
    provenance: &Provenance,
) -> Vec<(String, Vec<u8>)> {
    let fa = persian(scheme);
    // Per base theme: the documents coded with it, in document order.
    let mut raised: Vec<Vec<crate::case_id::CaseId>> = vec![Vec::new(); scheme.themes.len()];
    for doc in &summary.documents {
        for &t in &doc.counted {
            raised[t].push(doc.code);
        }
    }
    let mut dimensions = Csv::new(&["dimension", "dimension_en", "note", "color"]);
    let mut components = Csv::new(&["dimension", "component", "component_en", "note", "color"]);
    let mut themes = Csv::new(&[
        "dimension",
        "component",
        "base_theme",
        "base_theme_en",
        "source_codes",
        "note",
        "color",
    ]);
    let mut seen_d = BTreeSet::new();
    let mut seen_c = BTreeSet::new();
    for (i, t) in scheme.themes.iter().enumerate() {
        if seen_d.insert(t.dimension.printed.clone()) {
            dimensions.row(&[
                &t.dimension.printed,
                &t.dimension.english,
                &t.notes[0],
                &color(t.colors[0]),
            ]);
        }
        if seen_c.insert((t.dimension.printed.clone(), t.component.printed.clone())) {
            components.row(&[
                &t.dimension.printed,
                &t.component.printed,
                &t.component.english,
                &t.notes[1],
                &color(t.colors[1]),
            ]);
        }
        themes.row(&[
            &t.dimension.printed,
            &t.component.printed,
            &t.label.printed,
            &t.label.english,
            &list(&raised[i]),
            &t.notes[2],
            &color(t.colors[2]),
        ]);
    }
    let mut interviewees = Csv::new(&["code", "name", "findings"]);
    let separator = if fa { "، " } else { ", " };
    for doc in &summary.documents {
        let findings: Vec<&str> = doc
            .counted
            .iter()
            .map(|&t| scheme.themes[t].label.printed.as_str())
            .collect();
        // A base theme's label that holds the separator goes one a line.
        let cell = if findings.iter().any(|f| f.contains([',', '،', ';', '؛'])) {
            let mut cell = findings.join("\n");
            if findings.len() == 1 {
                cell.push('\n');
            }
            cell
        } else {
            findings.join(separator)
        };
        interviewees.row(&[&doc.code.written(), &doc.name, &cell]);
    }
    let total: usize = summary.documents.iter().map(|d| d.segments).sum();
    let negated: usize = summary.documents.iter().map(|d| d.negated).sum();
    let mut toml = format!(
        "# Coded by thematic code: {} document(s) with the terms of {}.\n# Unit: {}; {} segment(s), {negated} of them negated ({}).\n",
        provenance.documents,
        provenance.scheme,
        match options.unit {
            Unit::Match => "the match",
            Unit::Sentence => "the sentence",
            Unit::Paragraph => "the paragraph",
        },
        total,
        if options.skip_negated {
            "not counted: --skip-negated"
        } else {
            "counted, flagged in segments.csv"
        }
    );
    if options.speakers.is_some() {
        toml.push_str(
            "# Only the interviewees' turns coded (--speaker); the interviewer's never.\n",
        );
    }
    toml.push_str(&format!(
        "title = {}\n",
        toml_string(&if fa {
            format!("{} (کدگذاری‌شده با thematic)", scheme.title)
        } else {
            format!("{} (coded by thematic)", scheme.title)
        })
    ));
    toml.push_str(&format!(
        "language = \"{}\"\n",
        if fa { "fa" } else { "en" }
    ));
    toml.push_str("# The roster's findings are the coding itself: no second record to compare them with.\nfindings = \"derived\"\n");
    vec![
        (codebook::DIMENSIONS.to_string(), dimensions.bytes()),
        (codebook::COMPONENTS.to_string(), components.bytes()),
        (codebook::BASE_THEMES.to_string(), themes.bytes()),
        (codebook::INTERVIEWEES.to_string(), interviewees.bytes()),
        (codebook::study::STUDY.to_string(), toml.into_bytes()),
        (
            EVIDENCE.to_string(),
            evidence(scheme, summary, fa).into_bytes(),
        ),
    ]
}

/// The segments a base theme shows in the evidence (the rest: segments.csv, which holds every
/// one): a reader checks a sample, not a hundred thousand.
pub const EVIDENCE_SHOWN: usize = 50;

/// Markdown special characters escaped in running text.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '|' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Every segment in context, by base theme in the scheme's order.
fn evidence(scheme: &Scheme, summary: &Summary, fa: bool) -> String {
    let mut out = String::new();
    let (title, none, negated) = if fa {
        ("# شواهد کدگذاری", "در هیچ سندی", "منفی")
    } else {
        ("# Evidence of the coding", "in no document", "negated")
    };
    let _ = writeln!(out, "{title}\n");
    let _ = writeln!(
        out,
        "{}\n",
        if fa {
            "هر بخش کدگذاری‌شده در بافتش: سند، جای آن (نویسه‌ها از آغاز متن سند)، و واژه‌ای که با آن جور شد."
        } else {
            "Every coded segment in its context: the document, where it is (characters from the start of the document's text), and the term that matched."
        }
    );
    let mut dimension = String::new();
    let mut component = String::new();
    for (i, t) in scheme.themes.iter().enumerate() {
        if t.dimension.printed != dimension {
            dimension = t.dimension.printed.clone();
            component.clear();
            let _ = writeln!(out, "## {}\n", md(&dimension));
        }
        if t.component.printed != component {
            component = t.component.printed.clone();
            let _ = writeln!(out, "### {}\n", md(&component));
        }
        let theme = &summary.themes[i];
        let label = if t.label.english.is_empty() || fa {
            md(&t.label.printed)
        } else {
            format!("{} ({})", md(&t.label.printed), md(&t.label.english))
        };
        if theme.segments == 0 {
            let _ = writeln!(out, "#### {label}: {none}\n");
            continue;
        }
        let counted = if fa {
            format!(
                "{} سند، {} بخش",
                crate::persian::to_persian_digits(theme.documents as u64),
                crate::persian::to_persian_digits(theme.segments as u64)
            )
        } else {
            format!(
                "{} document(s), {} segment(s)",
                theme.documents, theme.segments
            )
        };
        let _ = writeln!(out, "#### {label}: {counted}\n");
        let more = theme.segments - theme.shown.len();
        for (name, s) in &theme.shown {
            let hit: String = s.text.clone();
            let line = if s.start == s.hit.0 && s.end == s.hit.1 {
                format!("…{}**{}**{}…", md(&s.context.0), md(&hit), md(&s.context.1))
            } else {
                md(&hit)
            };
            let flag = if s.negation.is_empty() {
                String::new()
            } else {
                format!(" ({negated}: {})", md(&s.negation))
            };
            let _ = writeln!(
                out,
                "- {} {}–{} «{}»{flag}: {line}",
                md(name),
                s.start,
                s.end,
                md(&s.terms.join("; "))
            );
        }
        if more > 0 {
            let _ = writeln!(
                out,
                "- {}",
                if fa {
                    format!(
                        "… و {} بخش دیگر: همه در segments.csv",
                        crate::persian::to_persian_digits(more as u64)
                    )
                } else {
                    format!("… and {more} more: every segment is in segments.csv")
                }
            );
        }
        out.push('\n');
    }
    out
}

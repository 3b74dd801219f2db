//! The codebook directory a reading writes: dimensions, components and base themes with
//! every printed number as printed, the roster, `readings.csv` with every call the reading
//! made (its alternative beside it), and `study.toml` with what the manuscript says of itself.
//!
//! Not for finding anything (`find`) nor for checking the result: the codebook loader does
//! that when the directory is used.

use super::find::{Study, Subject};
use super::Meta;
use crate::codebook;
use crate::import::written::{toml_string, Csv};

/// A subject's file and the label (or code) that names its row.
fn row_of(study: &Study, subject: Subject) -> Option<(&'static str, String)> {
    let dims = &study.dimensions;
    Some(match subject {
        Subject::Dimension(d) => (codebook::DIMENSIONS, dims.get(d)?.label.clone()),
        Subject::Component(d, c) => (
            codebook::COMPONENTS,
            dims.get(d)?.components.get(c)?.label.clone(),
        ),
        Subject::BaseTheme(d, c, b) => (
            codebook::BASE_THEMES,
            dims.get(d)?.components.get(c)?.themes.get(b)?.label.clone(),
        ),
        Subject::Interviewee(i) => (
            codebook::INTERVIEWEES,
            study.interviewees.get(i)?.code.clone(),
        ),
    })
}

/// The interviewees: the roster read, or (when the manuscript prints none) every code the
/// theme table names, in order, each its own name.
fn roster(study: &Study) -> Vec<super::find::Interviewee> {
    if !study.interviewees.is_empty() {
        return study.interviewees.clone();
    }
    let mut codes = std::collections::BTreeSet::new();
    for theme in study
        .dimensions
        .iter()
        .flat_map(|d| &d.components)
        .flat_map(|c| &c.themes)
    {
        if let Ok(list) = codebook::source_codes::parse_source_codes(&theme.codes) {
            codes.extend(list);
        }
    }
    codes
        .into_iter()
        .map(|c| super::find::Interviewee {
            code: c.written().into_owned(),
            name: c.written().into_owned(),
            ..Default::default()
        })
        .collect()
}

/// The files, by name, with their bytes.
pub fn files(study: &Study, meta: &Meta, display: &str) -> Vec<(&'static str, Vec<u8>)> {
    let mut dimensions = Csv::new(&["dimension", "printed_frequency", "printed_percent"]);
    let mut components = Csv::new(&[
        "dimension",
        "component",
        "printed_frequency",
        "printed_percent",
    ]);
    let mut themes = Csv::new(&[
        "dimension",
        "component",
        "base_theme",
        "source_codes",
        "printed_frequency",
        "printed_percent",
    ]);
    for d in &study.dimensions {
        dimensions.row(&[&d.label, &d.printed.frequency, &d.printed.percent]);
        for c in &d.components {
            components.row(&[&d.label, &c.label, &c.printed.frequency, &c.printed.percent]);
            for b in &c.themes {
                themes.row(&[
                    &d.label,
                    &c.label,
                    &b.label,
                    &b.codes,
                    &b.printed.frequency,
                    &b.printed.percent,
                ]);
            }
        }
    }
    let mut interviewees = Csv::new(&["code", "name", "role", "year", "topics", "findings"]);
    for p in roster(study) {
        // A roster without names (an ID and a role) names each interviewee by the code.
        let name = if p.name.is_empty() { &p.code } else { &p.name };
        interviewees.row(&[&p.code, name, &p.role, &p.year, &p.topics, &p.findings]);
    }
    let mut files = vec![
        (codebook::DIMENSIONS, dimensions.bytes()),
        (codebook::COMPONENTS, components.bytes()),
        (codebook::BASE_THEMES, themes.bytes()),
        (codebook::INTERVIEWEES, interviewees.bytes()),
    ];
    if !study.calls.is_empty() {
        let mut readings = Csv::new(&[
            "id",
            "file",
            "subject",
            "column",
            "chosen",
            "chosen_en",
            "alternative",
            "alternative_en",
            "note",
            "note_en",
        ]);
        for (i, call) in study.calls.iter().enumerate() {
            let id = format!("R{}", i + 1);
            for (j, cell) in call.cells.iter().enumerate() {
                // Every subject is a row the reading wrote; a cell that is not is left out
                // rather than written about a row that does not exist.
                let Some((file, subject)) = row_of(study, cell.subject) else {
                    debug_assert!(false, "a call about a row not read: {:?}", cell.subject);
                    continue;
                };
                // The note once, on the reading's first row.
                let (note, note_en) = if j == 0 {
                    (call.note.as_str(), call.note_en.as_str())
                } else {
                    ("", "")
                };
                readings.row(&[
                    &id,
                    file,
                    &subject,
                    cell.column,
                    &cell.chosen.0,
                    &cell.chosen.1,
                    &cell.alternative.0,
                    &cell.alternative.1,
                    note,
                    note_en,
                ]);
            }
        }
        files.push((codebook::READINGS, readings.bytes()));
    }
    let name = std::path::Path::new(display)
        .file_name()
        .map_or(display.to_string(), |n| n.to_string_lossy().into_owned());
    let mut toml = format!("# Read by thematic read from {name}: the numbers as printed, every judgement of the reading in readings.csv.\n");
    let language = if study.persian { "fa" } else { "en" };
    toml.push_str(&format!("read_from = {}\n", toml_string(&name)));
    toml.push_str(&format!("language = {}\n", toml_string(language)));
    if !meta.authors.is_empty() {
        let names: Vec<String> = meta.authors.iter().map(|a| toml_string(a)).collect();
        toml.push_str(&format!("authors = [{}]\n", names.join(", ")));
    }
    if let Ok(year) = meta.year.trim().parse::<i64>() {
        toml.push_str(&format!("year = {year}\n"));
    }
    if !meta.journal.is_empty() {
        toml.push_str(&format!("journal = {}\n", toml_string(&meta.journal)));
    }
    if !meta.doi.is_empty() {
        toml.push_str(&format!("doi = {}\n", toml_string(&meta.doi)));
    }
    if !meta.title.is_empty() {
        toml.push_str(&format!("title = {}\n", toml_string(&meta.title)));
    }
    files.push((codebook::study::STUDY, toml.into_bytes()));
    files
}

//! A table as text cells: what the CSV and Markdown renderers both write. The tables by name
//! (the names of files and of `--table`), each table's columns and rows, and the size
//! estimates that schedule rendering.
//!
//! Not for formatting: no quoting, escaping or alignment here.

use crate::case_id::CaseId;
use crate::tables::Tables;

/// The tables, by the name used for files and `--table`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableName {
    BaseThemes,
    Components,
    Dimensions,
    Interviewees,
    CaseMatrix,
    Cooccurrence,
}

impl TableName {
    /// Every table, in the order reports and `run` write them.
    pub fn all() -> &'static [TableName] {
        <TableName as clap::ValueEnum>::value_variants()
    }

    /// File stem, e.g. `base_themes`.
    pub fn stem(self) -> &'static str {
        match self {
            TableName::BaseThemes => "base_themes",
            TableName::Components => "components",
            TableName::Dimensions => "dimensions",
            TableName::Interviewees => "interviewees",
            TableName::CaseMatrix => "case_matrix",
            TableName::Cooccurrence => "cooccurrence",
        }
    }
}

/// A table as text cells: what CSV and Markdown both render. Rows are produced as they are
/// read, so a ten-million-row table is never held as strings all at once.
pub struct Grid<'a> {
    pub headers: Vec<String>,
    /// Whether each column holds numbers (an empty cell: no value), for formats that type
    /// their cells (the spreadsheet).
    pub numeric: Vec<bool>,
    /// Number of rows `rows` yields.
    pub len: usize,
    pub rows: Box<dyn Iterator<Item = Vec<String>> + 'a>,
}

/// A report is for reading (`tables.md`, `report.html`): a longer table shows its first rows
/// and a wider one is left out, each with a note pointing to the CSV, which has everything.
pub const READABLE_ROWS: usize = 1000;
pub const READABLE_COLUMNS: usize = 100;

/// A table for reading (the report, Markdown, Word, LaTeX) lists at most this many of a base
/// theme's source codes, then how many more; CSV, JSON and the workbook list them all. The
/// paper's longest list has 12 and interview studies rarely pass a hundred interviewees, so
/// their tables stay whole; a coded corpus of a million documents can list 10,000 a theme.
pub const READABLE_CODES: usize = 100;

/// A finding's evidence for reading (the audit's text, Markdown and Word, the report) names at
/// most this many interviewees, then how many more; `audit.json` names them all. The paper's
/// findings name at most 16; five hundred findings of a large study naming a hundred each
/// made most of a 5 MB report.
pub const READABLE_EVIDENCE: usize = 30;

/// Most cells a case × code matrix is written dense with (one column per base theme); above,
/// it is written in long form (one row per interviewee and base theme that lists them). The
/// paper's is 16 × 23; a million interviewees by a thousand themes would be a gigabyte dense.
pub const DENSE_CASE_MATRIX_MAX_CELLS: usize = 1_000_000;

/// Roughly how many cells rendering `name` writes: to render the largest tables first when
/// rendering in parallel.
pub fn estimated_cells(tables: &Tables, name: TableName) -> usize {
    let themes = tables.base_themes.len();
    match name {
        TableName::BaseThemes => tables.base_themes.iter().map(|t| t.codes.len() + 10).sum(),
        TableName::Components => tables.components.len() * 11,
        TableName::Dimensions => tables.dimensions.len() * 10,
        TableName::Interviewees => tables.interviewees.len() * 7,
        TableName::CaseMatrix if case_matrix_is_long(tables) => tables.case_matrix.filled() * 2,
        TableName::CaseMatrix => tables.interviewees.len() * (themes + 3),
        TableName::Cooccurrence => themes * (themes + 2),
    }
}

/// Columns of the case × code matrix in long form: one row per interviewee and base theme.
pub const LONG_CASE_MATRIX_HEADERS: [&str; 2] = ["code", "base_theme_number"];

/// Whether the case × code matrix of `tables` is written in long form.
pub fn case_matrix_is_long(tables: &Tables) -> bool {
    tables
        .interviewees
        .len()
        .saturating_mul(tables.base_themes.len())
        > DENSE_CASE_MATRIX_MAX_CELLS
}

fn count(n: Option<u32>) -> String {
    n.map_or_else(String::new, |n| n.to_string())
}

fn pct(x: f64) -> String {
    format!("{x:.2}")
}

fn codes(codes: &[CaseId]) -> String {
    crate::codebook::source_codes::format_source_codes(codes)
}

/// A code as written: numbers in ASCII digits, identifiers as the study writes them.
fn id(code: CaseId) -> String {
    code.written().into_owned()
}

/// Whether every interviewee's code is a number: only then is a code column numeric (a
/// spreadsheet would read `007` as 7 and `1E5` as 100000).
fn numbered(tables: &Tables) -> bool {
    tables.interviewees.iter().all(|i| !i.code.is_text())
}

fn strings<const N: usize>(items: [&str; N]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The cells of one table, complete (CSV, the workbook).
pub fn grid(tables: &Tables, name: TableName) -> Grid<'_> {
    cells(tables, name, None)
}

/// The cells of one table for reading in `lang` (Markdown): source-code lists shortened to
/// [`READABLE_CODES`] and how many more.
pub fn readable_grid(tables: &Tables, name: TableName, lang: crate::lang::Lang) -> Grid<'_> {
    cells(tables, name, Some(lang))
}

/// `codes` as the codebook writes them (ASCII digits), the first [`READABLE_CODES`] only and
/// how many more when there are more (in `lang`'s words).
pub fn readable_codes(codes: &[CaseId], lang: crate::lang::Lang) -> String {
    super::findings::shown_codes(codes, crate::lang::Digits::Latin, ", ", lang)
}

fn cells(tables: &Tables, name: TableName, readable: Option<crate::lang::Lang>) -> Grid<'_> {
    match name {
        TableName::BaseThemes => Grid {
            len: tables.base_themes.len(),
            // Source codes are a list, not a number.
            numeric: vec![
                true, false, false, false, false, false, true, true, true, true, true,
            ],
            headers: strings([
                "number",
                "dimension",
                "component",
                "base_theme",
                "base_theme_en",
                "source_codes",
                "listed",
                "distinct",
                "printed",
                "share_percent",
                "codebook_line",
            ]),
            rows: Box::new(tables.base_themes.iter().map(move |r| {
                vec![
                    r.number.to_string(),
                    r.dimension.clone(),
                    r.component.clone(),
                    r.theme.clone(),
                    r.theme_en.clone(),
                    match readable {
                        Some(lang) => readable_codes(&r.codes, lang),
                        None => codes(&r.codes),
                    },
                    r.listed.to_string(),
                    r.distinct.to_string(),
                    count(r.printed),
                    pct(r.share),
                    r.line.to_string(),
                ]
            })),
        },
        TableName::Components | TableName::Dimensions => {
            let components = name == TableName::Components;
            let mut headers = vec!["dimension".to_string()];
            if components {
                headers.extend(strings(["component", "component_en"]));
            } else {
                headers.push("dimension_en".into());
            }
            headers.extend(strings([
                "base_themes",
                "sum",
                "union",
                "printed",
                "share_sum_percent",
                "share_union_percent",
                "share_printed_percent",
                "codebook_line",
            ]));
            let rows = if components {
                &tables.components
            } else {
                &tables.dimensions
            };
            Grid {
                numeric: headers
                    .iter()
                    .map(|h| {
                        !matches!(
                            h.as_str(),
                            "dimension" | "component" | "component_en" | "dimension_en"
                        )
                    })
                    .collect(),
                headers,
                len: rows.len(),
                rows: Box::new(rows.iter().map(move |r| {
                    let mut cells = vec![r.dimension.clone()];
                    if components {
                        cells.push(r.component.clone());
                    }
                    cells.extend([
                        r.label_en.clone(),
                        r.base_themes.to_string(),
                        r.sum.to_string(),
                        r.union.to_string(),
                        count(r.printed),
                        pct(r.share_sum),
                        pct(r.share_union),
                        r.share_printed.map_or_else(String::new, pct),
                        r.line.to_string(),
                    ]);
                    cells
                })),
            }
        }
        TableName::Interviewees => Grid {
            len: tables.interviewees.len(),
            numeric: vec![numbered(tables), false, false, true, true, true, true],
            headers: strings([
                "code",
                "name",
                "in_roster",
                "base_themes",
                "listings",
                "components",
                "dimensions",
            ]),
            rows: Box::new(tables.interviewees.iter().map(|r| {
                vec![
                    id(r.code),
                    r.name.clone(),
                    if r.in_roster { "yes" } else { "no" }.to_string(),
                    r.base_themes.to_string(),
                    r.listings.to_string(),
                    r.components.to_string(),
                    r.dimensions.to_string(),
                ]
            })),
        },
        // Names are left to interviewees.csv: repeated on every row they would double the file.
        TableName::CaseMatrix if case_matrix_is_long(tables) => Grid {
            headers: strings(LONG_CASE_MATRIX_HEADERS),
            numeric: vec![numbered(tables), true],
            len: tables.case_matrix.filled(),
            rows: Box::new(
                tables
                    .interviewees
                    .iter()
                    .enumerate()
                    .flat_map(|(i, person)| {
                        tables
                            .case_matrix
                            .row(i)
                            .iter()
                            .map(move |&t| vec![id(person.code), (t + 1).to_string()])
                    }),
            ),
        },
        TableName::CaseMatrix => {
            let mut headers = strings(["code", "name"]);
            headers.extend(tables.base_themes.iter().map(|t| t.number.to_string()));
            headers.push("total".into());
            let columns = tables.base_themes.len();
            let mut numeric = vec![true; headers.len()];
            numeric[0] = numbered(tables);
            numeric[1] = false;
            Grid {
                headers,
                numeric,
                len: tables.interviewees.len(),
                rows: Box::new(
                    tables
                        .interviewees
                        .iter()
                        .enumerate()
                        .map(move |(i, person)| {
                            let mut row = vec![id(person.code), person.name.clone()];
                            row.extend(
                                tables
                                    .case_matrix
                                    .dense_row(i, columns)
                                    .iter()
                                    .map(u8::to_string),
                            );
                            row.push(tables.case_matrix.row(i).len().to_string());
                            row
                        }),
                ),
            }
        }
        TableName::Cooccurrence => {
            let mut headers = strings(["number", "base_theme"]);
            headers.extend(tables.base_themes.iter().map(|t| t.number.to_string()));
            let mut numeric = vec![true; headers.len()];
            numeric[1] = false;
            Grid {
                headers,
                numeric,
                len: tables.base_themes.len(),
                rows: Box::new(tables.base_themes.iter().zip(&tables.cooccurrence).map(
                    |(theme, cells)| {
                        let mut row = vec![theme.number.to_string(), theme.theme.clone()];
                        row.extend(cells.iter().map(u32::to_string));
                        row
                    },
                )),
            }
        }
    }
}

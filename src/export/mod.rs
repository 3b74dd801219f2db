//! Renderers: pure functions from computed [`Tables`] to bytes, one module per format.
//! Adding a format touches one new file and [`Format`].

pub mod audit;
pub mod csv;
pub mod json;
pub mod markdown;

use crate::tables::Tables;

/// The output formats of `thematic tables`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Md,
    Json,
}

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
    pub const ALL: [TableName; 6] = [
        TableName::BaseThemes,
        TableName::Components,
        TableName::Dimensions,
        TableName::Interviewees,
        TableName::CaseMatrix,
        TableName::Cooccurrence,
    ];

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

    pub fn title(self) -> &'static str {
        match self {
            TableName::BaseThemes => "Base themes",
            TableName::Components => "Components (organizing themes)",
            TableName::Dimensions => "Dimensions (global themes)",
            TableName::Interviewees => "Interviewees",
            TableName::CaseMatrix => "Interviewee × base theme (case × code)",
            TableName::Cooccurrence => "Base-theme co-occurrence (interviewees shared)",
        }
    }
}

/// A table as text cells: what CSV and Markdown both render.
pub struct Grid {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn count(n: Option<u32>) -> String {
    n.map_or_else(String::new, |n| n.to_string())
}

fn pct(x: f64) -> String {
    format!("{x:.2}")
}

fn codes(codes: &[u32]) -> String {
    crate::codebook::source_codes::format_source_codes(codes)
}

fn strings<const N: usize>(items: [&str; N]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// The cells of one table.
pub fn grid(tables: &Tables, name: TableName) -> Grid {
    match name {
        TableName::BaseThemes => Grid {
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
            rows: tables
                .base_themes
                .iter()
                .map(|r| {
                    vec![
                        r.number.to_string(),
                        r.dimension.clone(),
                        r.component.clone(),
                        r.theme.clone(),
                        r.theme_en.clone(),
                        codes(&r.codes),
                        r.listed.to_string(),
                        r.distinct.to_string(),
                        count(r.printed),
                        pct(r.share),
                        r.line.to_string(),
                    ]
                })
                .collect(),
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
                headers,
                rows: rows
                    .iter()
                    .map(|r| {
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
                    })
                    .collect(),
            }
        }
        TableName::Interviewees => Grid {
            headers: strings([
                "code",
                "name",
                "in_roster",
                "base_themes",
                "listings",
                "components",
                "dimensions",
            ]),
            rows: tables
                .interviewees
                .iter()
                .map(|r| {
                    vec![
                        r.code.to_string(),
                        r.name.clone(),
                        if r.in_roster { "yes" } else { "no" }.to_string(),
                        r.base_themes.to_string(),
                        r.listings.to_string(),
                        r.components.to_string(),
                        r.dimensions.to_string(),
                    ]
                })
                .collect(),
        },
        TableName::CaseMatrix => {
            let mut headers = strings(["code", "name"]);
            headers.extend(tables.base_themes.iter().map(|t| t.number.to_string()));
            headers.push("total".into());
            Grid {
                headers,
                rows: tables
                    .interviewees
                    .iter()
                    .zip(&tables.case_matrix)
                    .map(|(person, cells)| {
                        let mut row = vec![person.code.to_string(), person.name.clone()];
                        row.extend(cells.iter().map(u8::to_string));
                        row.push(cells.iter().map(|&c| u32::from(c)).sum::<u32>().to_string());
                        row
                    })
                    .collect(),
            }
        }
        TableName::Cooccurrence => {
            let mut headers = strings(["number", "base_theme"]);
            headers.extend(tables.base_themes.iter().map(|t| t.number.to_string()));
            Grid {
                headers,
                rows: tables
                    .base_themes
                    .iter()
                    .zip(&tables.cooccurrence)
                    .map(|(theme, cells)| {
                        let mut row = vec![theme.number.to_string(), theme.theme.clone()];
                        row.extend(cells.iter().map(u32::to_string));
                        row
                    })
                    .collect(),
            }
        }
    }
}

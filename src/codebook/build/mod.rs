//! Building the model from parsed rows, file by file, with every cell's meaning validated:
//! numbers, non-empty labels, parents that exist, duplicates, findings-map and readings
//! targets. Each problem is located at file:line:column with a fix.
//!
//! Not for reading bytes or headers ([`super::table`]) nor for properties of the data that
//! the audit reports (repeated or unknown codes load as they are).
//!
//! This file builds the scheme (dimensions, components, base themes with their source codes);
//! `roster` the interviewees; `links` the optional files that point into the scheme.

mod damage;
mod links;
mod roster;

use super::schema::*;
use super::source_codes;
use super::spreadsheet::{self, keep_as_text};
use super::table::Table;
use super::Problems;
use crate::case_id::{CaseId, IdError};
use crate::model::{
    BaseTheme, Color, Component, Dimension, Interviewee, IntervieweeDetails, Label, Origin,
};
use crate::persian::{match_key, parse_number, NumberError};
use indexmap::IndexMap;
use std::collections::HashMap;

const SOURCE_CODES_FIX: &str = "write the roster codes of the interviewees who raised it, separated by `,`, `،` or spaces (numbers may also be joined by `-`), e.g. `1-2-5`, `۱-۲-۵` or `P01, P03, Int-04`; leave the cell empty when nobody raised it";

/// What a code of the roster may be, for fixes.
const CODE_FIX: &str = "write the code source-code lists use for this interviewee: a number (7 or ۷) or a short ID of letters and digits (P01, Int-04, م۱)";

/// Read a cell that refers to a roster code: `None` when empty.
fn roster_code(text: &str) -> Result<Option<CaseId>, IdError> {
    match CaseId::parse(text) {
        Ok(code) => Ok(Some(code)),
        Err(IdError::Empty) => Ok(None),
        Err(why) => Err(why),
    }
}

const FREQUENCY_FIX: &str = "write a whole number of interviewees (e.g. 12 or ۱۲), or leave the cell empty where nothing is printed";

fn printed_frequency<T>(
    t: &Table<T>,
    line: u64,
    text: &str,
    problems: &mut Problems,
) -> Option<u32> {
    match parse_number(text) {
        Ok(n) => Some(n as u32),
        Err(NumberError::Empty) => None,
        Err(why) => {
            problems.push(match spreadsheet::damage(text) {
                Some(damage) => t.problem(
                    line,
                    "printed_frequency",
                    format!(
                        "the printed frequency `{text}` is not a count: the cell {}",
                        damage.explain("a count")
                    ),
                    &format!(
                        "{}; then re-enter the count as printed",
                        keep_as_text("printed_frequency", "12")
                    ),
                ),
                None => t.problem(
                    line,
                    "printed_frequency",
                    format!("the printed frequency `{text}` is not a count: {why}"),
                    FREQUENCY_FIX,
                ),
            });
            None
        }
    }
}

fn printed_percent<T>(
    t: &Table<T>,
    line: u64,
    text: &str,
    problems: &mut Problems,
) -> Option<crate::model::PrintedPercent> {
    match crate::persian::parse_percent(text) {
        Ok((digits, decimals)) => Some(crate::model::PrintedPercent { digits, decimals }),
        Err(NumberError::Empty) => None,
        Err(why) => {
            problems.push(t.problem(
                line,
                "printed_percent",
                format!("the printed percentage `{text}` is not a percentage: {why}"),
                "write it as printed, e.g. 54.07 or ۵۴٫۰۷, or leave the cell empty",
            ));
            None
        }
    }
}

/// The file name alone: outputs must not depend on where the codebook lives, so that the same
/// codebook gives the same bytes from any directory (and the built-in copy the same as the files).
/// An optional colour cell: `#RRGGBB`, `#RRGGBBAA` or `R,G,B`.
fn color<T>(t: &Table<T>, line: u64, text: &str, problems: &mut Problems) -> Option<Color> {
    if text.trim().is_empty() {
        return None;
    }
    let parsed = Color::parse(text);
    if parsed.is_none() {
        problems.push(t.problem(
            line,
            "color",
            format!("the colour `{text}` cannot be read"),
            "write it as #RRGGBB (e.g. #1F77B4) or R,G,B (e.g. 31,119,180), or leave the cell empty",
        ));
    }
    parsed
}

fn origin<T>(t: &Table<T>, line: u64) -> Origin {
    Origin { file: t.name, line }
}

/// Whether `label` is what a spreadsheet's totals row is labelled with.
fn is_totals_label(label: &str) -> bool {
    const TOTALS: [&str; 9] = [
        "total",
        "totals",
        "grand total",
        "sum",
        "جمع",
        "جمع کل",
        "مجموع",
        "کل",
        "جمع کل فراوانی",
    ];
    // Normalised once, not per row and label.
    static KEYS: std::sync::LazyLock<Vec<String>> =
        std::sync::LazyLock::new(|| TOTALS.iter().map(|t| match_key(t)).collect());
    // No totals label is longer than this: a long label is not one, and is not normalised.
    if label.chars().count() > 40 {
        return false;
    }
    KEYS.contains(&match_key(label))
}

/// A totals row at the bottom of a table ("Total", «جمع») is not one more row of the level: it
/// is refused with its line, not read as a dimension or a base theme. Returns whether the row is
/// one.
fn totals_row<T>(
    t: &Table<T>,
    line: u64,
    labels: &[(&str, &String)],
    problems: &mut Problems,
) -> bool {
    let Some((column, label)) = labels.iter().find(|(_, l)| is_totals_label(l)) else {
        return false;
    };
    problems.push(t.problem(
        line,
        column,
        format!(
            "this row looks like a totals row («{label}»): it would be read as one more row of the table, and thematic recomputes every total itself"
        ),
        "delete the row (a printed total belongs in the printed_frequency of its dimension or component)",
    ));
    true
}

fn non_empty<T>(
    t: &Table<T>,
    line: u64,
    column: &str,
    value: &str,
    problems: &mut Problems,
) -> bool {
    if value.is_empty() {
        problems.push(t.problem(
            line,
            column,
            format!("the `{column}` cell is empty"),
            "fill it in, or delete the row",
        ));
        false
    } else {
        true
    }
}

/// Builds the model file by file; labels are matched by their normalised key, so that a
/// ZWNJ typed as a space or an Arabic yeh for a Persian one still finds its parent.
#[derive(Default)]
pub(super) struct Builder {
    pub(super) dimensions: IndexMap<String, Dimension>,
    pub(super) interviewees: crate::model::Roster,
    dimension_keys: HashMap<String, String>,
    /// (dimension key, component key) → component label.
    component_keys: HashMap<(String, String), String>,
    /// component key → dimension labels it is defined under (for "did you mean" messages).
    component_homes: HashMap<String, Vec<String>>,
    /// (dimension, component, base theme) keys → the line that defined the base theme.
    theme_lines: HashMap<(String, String, String), u64>,
    /// Whether some source-code list holds an identifier with a hyphen (`P01-P03`, `Int-04`):
    /// only then can a code be several joined (a pass over every code otherwise).
    hyphenated_ids: bool,
    pub(super) findings_map: Vec<crate::model::FindingLink>,
    pub(super) readings: Vec<crate::model::Reading>,
    pub(super) citations: Vec<crate::model::Citation>,
    pub(super) segments: Vec<crate::model::Segment>,
}

/// Where a base theme is: its labels and its component's match key.
struct Place {
    dimension: String,
    component: String,
    component_key: String,
    base_theme: String,
}

/// Labels in backticks, separated by commas; the first ten of a longer list, then how many in
/// all (a fix that lists a million dimensions helps nobody).
fn quoted_list<S: AsRef<str>>(labels: impl ExactSizeIterator<Item = S>) -> String {
    const SHOWN: usize = 10;
    let count = labels.len();
    let mut out: Vec<String> = labels
        .take(SHOWN)
        .map(|l| format!("`{}`", l.as_ref()))
        .collect();
    if count > SHOWN {
        out.push(format!("… ({count} in all)"));
    }
    out.join(", ")
}

impl Builder {
    /// Every base theme by its match key, with where it is: built once for the files that
    /// refer to base themes, so that looking one up does not scan the network per row.
    fn theme_places(&self) -> HashMap<String, Vec<Place>> {
        let mut places: HashMap<String, Vec<Place>> = HashMap::new();
        for d in self.dimensions.values() {
            for c in d.components.values() {
                let component_key = match_key(&c.label.printed);
                for b in c.base_themes.values() {
                    places
                        .entry(match_key(&b.label.printed))
                        .or_default()
                        .push(Place {
                            dimension: d.label.printed.clone(),
                            component: c.label.printed.clone(),
                            component_key: component_key.clone(),
                            base_theme: b.label.printed.clone(),
                        });
                }
            }
        }
        places
    }

    pub(super) fn dimensions(&mut self, t: &Table<DimensionRow>, problems: &mut Problems) {
        for row in &t.rows {
            let r = &row.value;
            if totals_row(t, row.line, &[("dimension", &r.dimension)], problems) {
                continue;
            }
            if !non_empty(t, row.line, "dimension", &r.dimension, problems) {
                continue;
            }
            let printed_frequency = printed_frequency(t, row.line, &r.printed_frequency, problems);
            let key = match_key(&r.dimension);
            if let Some(first) = self.dimension_keys.get(&key) {
                let first_line = self.dimensions[first].origin.line;
                problems.push(t.problem(
                    row.line,
                    "dimension",
                    format!(
                        "the dimension `{}` is defined twice (first on line {first_line})",
                        r.dimension
                    ),
                    "delete one of the rows, or give the dimensions different labels",
                ));
                continue;
            }
            self.dimension_keys.insert(key, r.dimension.clone());
            self.dimensions.insert(
                r.dimension.clone(),
                Dimension {
                    label: Label {
                        printed: r.dimension.clone(),
                        english: r.dimension_en.clone(),
                    },
                    printed_frequency,
                    printed_percent: printed_percent(t, row.line, &r.printed_percent, problems),
                    note: r.note.clone(),
                    color: color(t, row.line, &r.color, problems),
                    components: IndexMap::new(),
                    origin: origin(t, row.line),
                },
            );
        }
    }

    fn find_dimension<T>(
        &self,
        t: &Table<T>,
        line: u64,
        label: &str,
        problems: &mut Problems,
    ) -> Option<String> {
        let found = self.dimension_keys.get(&match_key(label)).cloned();
        if found.is_none() {
            problems.push(t.problem(
                line,
                "dimension",
                format!("the dimension `{label}` is not in {DIMENSIONS}"),
                &format!(
                    "use one of {}, or add a row for it to {DIMENSIONS}",
                    quoted_list(self.dimensions.keys())
                ),
            ));
        }
        found
    }

    pub(super) fn components(&mut self, t: &Table<ComponentRow>, problems: &mut Problems) {
        for row in &t.rows {
            let r = &row.value;
            let labels = [("dimension", &r.dimension), ("component", &r.component)];
            if totals_row(t, row.line, &labels, problems) {
                continue;
            }
            if !non_empty(t, row.line, "dimension", &r.dimension, problems)
                | !non_empty(t, row.line, "component", &r.component, problems)
            {
                continue;
            }
            let printed_frequency = printed_frequency(t, row.line, &r.printed_frequency, problems);
            let Some(dimension) = self.find_dimension(t, row.line, &r.dimension, problems) else {
                continue;
            };
            let key = (match_key(&dimension), match_key(&r.component));
            if let Some(first) = self.component_keys.get(&key) {
                let first_line = self.dimensions[&dimension].components[first].origin.line;
                problems.push(t.problem(
                    row.line,
                    "component",
                    format!(
                        "the component `{}` is defined twice in dimension `{dimension}` (first on line {first_line})",
                        r.component
                    ),
                    "delete one of the rows, or give the components different labels",
                ));
                continue;
            }
            self.component_keys.insert(key.clone(), r.component.clone());
            self.component_homes
                .entry(key.1)
                .or_default()
                .push(dimension.clone());
            self.dimensions[&dimension].components.insert(
                r.component.clone(),
                Component {
                    label: Label {
                        printed: r.component.clone(),
                        english: r.component_en.clone(),
                    },
                    printed_frequency,
                    printed_percent: printed_percent(t, row.line, &r.printed_percent, problems),
                    note: r.note.clone(),
                    color: color(t, row.line, &r.color, problems),
                    base_themes: IndexMap::new(),
                    origin: origin(t, row.line),
                },
            );
        }
    }

    /// Consumes the table's rows: their cells move into the codebook (a large study's
    /// source-code cells are most of its bytes; a copy of them was a tenth of reading's peak).
    pub(super) fn base_themes(&mut self, t: &mut Table<BaseThemeRow>, problems: &mut Problems) {
        for row in std::mem::take(&mut t.rows) {
            let r = row.value;
            let labels = [
                ("dimension", &r.dimension),
                ("component", &r.component),
                ("base_theme", &r.base_theme),
            ];
            if totals_row(t, row.line, &labels, problems) {
                continue;
            }
            let filled = [
                ("dimension", &r.dimension),
                ("component", &r.component),
                ("base_theme", &r.base_theme),
            ]
            .map(|(column, value)| non_empty(t, row.line, column, value, problems));
            let printed_frequency = printed_frequency(t, row.line, &r.printed_frequency, problems);
            let codes = match source_codes::parse_source_codes(&r.source_codes) {
                Ok(codes) => {
                    self.hyphenated_ids |= r.source_codes.contains(['-', '‐', '‑', '–', '—', '−'])
                        && codes.iter().any(|c| c.is_text());
                    Some(codes)
                }
                Err(why) => {
                    // A list ending «… and 1280 more» was copied from a table for reading
                    // (thematic's own report, Word and LaTeX tables shorten long lists).
                    let shortened = r
                        .source_codes
                        .find('…')
                        .map(|at| r.source_codes[at..].trim().to_string());
                    problems.push(match spreadsheet::damage(&r.source_codes) {
                        _ if shortened.is_some() => t.problem(
                            row.line,
                            "source_codes",
                            format!(
                                "the source codes `{}` cannot be read: the list is shortened (it ends `{}`), as a table for reading shows a long one",
                                r.source_codes,
                                shortened.as_deref().unwrap_or_default()
                            ),
                            "take the whole list from the study's complete data (base_themes.csv or tables.json list every code), not from a report or a table for print",
                        ),
                        Some(damage) => t.problem(
                            row.line,
                            "source_codes",
                            format!(
                                "the source codes `{}` cannot be read: the cell {}",
                                r.source_codes,
                                damage.explain(damage::LIST)
                            ),
                            &format!(
                                "{}; then re-enter the list as the study prints it",
                                keep_as_text("source_codes", "3-8")
                            ),
                        ),
                        None => t.problem(
                            row.line,
                            "source_codes",
                            format!(
                                "the source codes `{}` cannot be read: {why}",
                                r.source_codes
                            ),
                            SOURCE_CODES_FIX,
                        ),
                    });
                    None
                }
            };
            if filled.contains(&false) {
                continue;
            }
            let Some(dimension) = self.find_dimension(t, row.line, &r.dimension, problems) else {
                continue;
            };
            let component_key = match_key(&r.component);
            let Some(component) = self
                .component_keys
                .get(&(match_key(&dimension), component_key.clone()))
                .cloned()
            else {
                let fix = match self.component_homes.get(&component_key) {
                    Some(homes) => format!(
                        "{COMPONENTS} puts this component under {}; make the two files agree",
                        quoted_list(homes.iter())
                    ),
                    None => format!("use a component of `{dimension}` listed in {COMPONENTS}, or add a row for it there"),
                };
                problems.push(t.problem(
                    row.line,
                    "component",
                    format!(
                        "the component `{}` is not in dimension `{dimension}`",
                        r.component
                    ),
                    &fix,
                ));
                continue;
            };
            let key = (
                match_key(&dimension),
                match_key(&component),
                match_key(&r.base_theme),
            );
            if let Some(first_line) = self.theme_lines.get(&key) {
                problems.push(t.problem(
                    row.line,
                    "base_theme",
                    format!(
                        "the base theme `{}` appears twice in component `{component}` (first on line {first_line})",
                        r.base_theme
                    ),
                    "merge the two rows (join their source codes) or give them different labels",
                ));
                continue;
            }
            self.theme_lines.insert(key, row.line);
            let Some(codes) = codes else { continue };
            let themes = &mut self.dimensions[&dimension].components[&component].base_themes;
            themes.insert(
                r.base_theme.clone(),
                BaseTheme {
                    label: Label {
                        printed: r.base_theme.clone(),
                        english: r.base_theme_en.clone(),
                    },
                    source_codes: codes,
                    source_codes_text: r.source_codes,
                    printed_frequency,
                    printed_percent: printed_percent(t, row.line, &r.printed_percent, problems),
                    note: r.note.clone(),
                    color: color(t, row.line, &r.color, problems),
                    origin: origin(t, row.line),
                },
            );
        }
    }

    /// A dimension with no component, or a component with no base theme, has nothing to count:
    /// refused at its row. Called only when every row was read (a refused base-theme row would
    /// leave its component looking empty).
    pub(super) fn empty_groups(
        &self,
        dimensions: &Table<DimensionRow>,
        components: &Table<ComponentRow>,
        problems: &mut Problems,
    ) {
        for d in self.dimensions.values() {
            if d.components.is_empty() {
                problems.push(dimensions.problem(
                    d.origin.line,
                    "dimension",
                    format!(
                        "the dimension `{}` has no component in {COMPONENTS}",
                        d.label.printed
                    ),
                    &format!("add its components to {COMPONENTS}, or delete the row"),
                ));
            }
            for c in d.components.values() {
                if c.base_themes.is_empty() {
                    problems.push(components.problem(
                        c.origin.line,
                        "component",
                        format!(
                            "the component `{}` has no base theme in {BASE_THEMES}",
                            c.label.printed
                        ),
                        &format!("add its base themes to {BASE_THEMES} (a base theme nobody raised has an empty source_codes cell), or delete the row"),
                    ));
                }
            }
        }
    }

    /// Codes joined by hyphens that the roster shows to be several (`P01-P03`), split:
    /// [`source_codes::split_joined`].
    pub(super) fn split_joined_codes(&mut self) {
        if !self.hyphenated_ids {
            return;
        }
        let roster = &self.interviewees;
        for d in self.dimensions.values_mut() {
            for c in d.components.values_mut() {
                for b in c.base_themes.values_mut() {
                    if let Some(split) = source_codes::split_joined(&b.source_codes, |code| {
                        roster.contains_key(&code)
                    }) {
                        b.source_codes = split;
                    }
                }
            }
        }
    }
}

//! The tables as a journal prints them, for documents a researcher pastes into a paper: the
//! roster (Table 1), the coding table with the printed frequency of each level beside the
//! recomputed ones (Table 2), and the dimension and component tables. Each has a numbered
//! caption, column heads grouped under a common head, cells merged down a dimension or a
//! component, and a mark on every recomputed value that differs from the printed one.
//! The Word and LaTeX renderers lay these out.
//!
//! Not for the flat tables of scripts and spreadsheets (that is `grid`: one value per cell,
//! nothing merged) and not for layout: nothing here knows about twips or TeX.

use super::grid::{TableName, READABLE_ROWS};
use crate::lang::{capitalise, Digits, Lang};
use crate::model::Study;
use crate::study::Terms;
use crate::tables::{GroupRow, Tables};
use std::collections::HashMap;

/// How a document writes what the tables say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub lang: Lang,
    pub digits: Digits,
    /// The font a document asks for; `None`: [`Options::font`] chooses one.
    pub font: Option<String>,
}

impl Options {
    /// Options that follow the language: its digits and the default font.
    pub fn new(lang: Lang) -> Options {
        Options {
            lang,
            digits: Digits::of(lang),
            font: None,
        }
    }

    /// The font asked for, or one Word ships on Windows and macOS that has Arabic script,
    /// Persian letters and Persian digits.
    pub fn font(&self) -> &str {
        self.font.as_deref().unwrap_or("Times New Roman")
    }

    /// A number in the document's digits.
    pub fn number(&self, n: impl std::fmt::Display) -> String {
        self.digits.apply(&n.to_string())
    }

    fn pick<'a>(&self, en: &'a str, fa: &'a str) -> &'a str {
        match self.lang {
            Lang::En => en,
            Lang::Fa => fa,
        }
    }
}

/// The mark after a recomputed value that differs from the printed one.
pub const MARK: &str = "†";

/// One cell of a table body.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    /// Rows the cell covers downwards: 1, more at the top of a merged run, 0 for a cell a run
    /// above covers (its text is empty).
    pub span: usize,
    /// A number (centred), not a label.
    pub number: bool,
    /// A recomputed value that differs from the printed one: marked with [`MARK`].
    pub differs: bool,
}

impl Cell {
    fn text(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            span: 1,
            number: false,
            differs: false,
        }
    }

    fn number(text: String) -> Cell {
        Cell {
            number: true,
            ..Cell::text(text)
        }
    }

    /// A recomputed value, marked when there is a printed one and it differs.
    fn recomputed(value: u32, printed: Option<u32>, options: &Options) -> Cell {
        Cell {
            differs: printed.is_some_and(|p| p != value),
            ..Cell::number(options.number(value))
        }
    }
}

/// A column: its head, and the head it sits under (an index into [`Table::groups`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub head: String,
    pub group: Option<usize>,
}

/// One table of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Which table it is (its name in files and labels).
    pub id: TableName,
    /// The whole caption, numbered: `Table 2: …`, `جدول ۲: …`.
    pub caption: String,
    /// Heads over runs of columns (a second header row); empty when there is one header row.
    pub groups: Vec<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// Notes under the table: the legend of the mark, what the rules mean, a cut.
    pub notes: Vec<String>,
}

impl Table {
    /// Whether the heads take two rows.
    pub fn grouped(&self) -> bool {
        self.columns.iter().any(|c| c.group.is_some())
    }

    /// How wide each column should be, relative to the others: its longest cell, or its
    /// head's longest word (heads wrap between words), within bounds so that a long label
    /// wraps rather than squeezing the numbers.
    pub fn weights(&self) -> Vec<usize> {
        (0..self.columns.len())
            .map(|i| {
                let head = self.columns[i]
                    .head
                    .split_whitespace()
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(0);
                let cells = self
                    .rows
                    .iter()
                    .take(200)
                    .map(|row| row[i].text.chars().count())
                    .max()
                    .unwrap_or(0);
                (head.max(cells) + 3).clamp(6, 34)
            })
            .collect()
    }

    /// Runs of the head row over the columns: `(group, first column, columns)`, a column
    /// without a group being a run of its own.
    pub fn head_runs(&self) -> Vec<(Option<usize>, usize, usize)> {
        let mut runs: Vec<(Option<usize>, usize, usize)> = Vec::new();
        for (i, column) in self.columns.iter().enumerate() {
            match runs.last_mut() {
                Some((group, _, len)) if column.group.is_some() && *group == column.group => {
                    *len += 1
                }
                _ => runs.push((column.group, i, 1)),
            }
        }
        runs
    }
}

/// Whether a paper prints `table` (the roster, the coding table, the dimensions and the
/// components); the matrices are for analysis, in the CSV and the spreadsheet.
pub fn prints(table: TableName) -> bool {
    !matches!(table, TableName::CaseMatrix | TableName::Cooccurrence)
}

/// The document's tables: the roster, the coding table, the dimensions and the components.
pub fn tables(tables: &Tables, study: &Study, options: &Options) -> Vec<Table> {
    let terms = study.terms(options.lang);
    // A table the study numbers keeps its number; the others are numbered after them.
    let mut next = [&terms.roster, &terms.coding_table]
        .iter()
        .filter_map(|n| n.as_deref().and_then(number_in))
        .max()
        .unwrap_or(0);
    let mut caption = |own: &Option<String>, title: String| {
        let label = match own {
            Some(own) => options.digits.apply(own),
            None => {
                next += 1;
                format!("{} {}", options.pick("Table", "جدول"), options.number(next))
            }
        };
        format!("{label}: {title}")
    };
    let roster_caption = caption(&terms.roster, roster_title(options, &terms));
    let coding_caption = caption(&terms.coding_table, coding_title(options, &terms));
    let dimensions_caption = caption(&None, capitalise(&terms.names.dimensions));
    let components_caption = caption(&None, capitalise(&terms.names.components));
    vec![
        roster(tables, options, &terms, roster_caption),
        coding(tables, options, &terms, coding_caption),
        groups(tables, options, &terms, false, dimensions_caption),
        groups(tables, options, &terms, true, components_caption),
    ]
}

/// The number in a study's own table numbering (`Table 2`, `جدول ۲`).
fn number_in(label: &str) -> Option<u32> {
    let digits: String = Digits::Latin
        .apply(label)
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

fn roster_title(options: &Options, terms: &Terms) -> String {
    match options.lang {
        Lang::En => format!(
            "The {} and the {} each raised",
            terms.names.cases, terms.names.base_themes
        ),
        Lang::Fa => format!(
            "{} و {} که هر یک مطرح کرده است",
            terms.names.cases, terms.names.base_themes
        ),
    }
}

fn coding_title(options: &Options, terms: &Terms) -> String {
    let n = &terms.names;
    match options.lang {
        Lang::En => format!(
            "Coding of the {} with their frequencies, printed and recomputed",
            n.base_themes
        ),
        Lang::Fa => format!(
            "کدگذاری {} و فراوانی‌ها، چاپ‌شده و بازمحاسبه‌شده",
            n.base_themes
        ),
    }
}

/// The words of the two counting rules, for heads and legends.
fn rule_names(options: &Options) -> (&str, &str) {
    (
        options.pick("sum rule", "قاعدهٔ جمع"),
        options.pick("union rule", "قاعدهٔ اجتماع"),
    )
}

/// The legend under a table with recomputed columns.
fn legend(options: &Options, terms: &Terms) -> Vec<String> {
    let n = &terms.names;
    match options.lang {
        Lang::En => vec![
            format!("{MARK} differs from the printed value. — not printed."),
            format!(
                "Sum rule: the sum of the base frequencies below (mentions, as QualCoder, MAXQDA and NVivo add codes). Union rule: the distinct {} below (coverage, never more than the number of {}). A {}'s frequency is its distinct {}.",
                n.cases, n.cases, n.base_theme, n.cases
            ),
        ],
        Lang::Fa => vec![
            format!("{MARK} با عدد چاپ‌شده مطابقت ندارد. — چاپ‌نشده."),
            format!(
                "قاعدهٔ جمع: جمع فراوانی‌های پایهٔ زیرمجموعه (اشاره‌ها، همان‌گونه که QualCoder، MAXQDA و NVivo کدها را جمع می‌زنند). قاعدهٔ اجتماع: شمار {} متمایز زیرمجموعه (پوشش، هرگز بیش از شمار {} نیست). فراوانی هر {} شمار {} متمایز آن است.",
                n.cases, n.cases, n.base_theme, n.cases
            ),
        ],
    }
}

/// What a printed value not printed shows.
const NOT_PRINTED: &str = "—";

fn printed(value: Option<u32>, options: &Options) -> Cell {
    Cell::number(value.map_or_else(|| NOT_PRINTED.to_string(), |v| options.number(v)))
}

/// A note under a table cut to its first rows.
fn cut_note(options: &Options, shown: usize, all: usize) -> String {
    match options.lang {
        Lang::En => format!(
            "The first {} of {} rows; the CSV and the spreadsheet have all of them.",
            options.number(shown),
            options.number(all)
        ),
        Lang::Fa => format!(
            "{} ردیف نخست از {} ردیف؛ فایل CSV و صفحه‌گسترده همه را دارند.",
            options.number(shown),
            options.number(all)
        ),
    }
}

fn roster(tables: &Tables, options: &Options, terms: &Terms, caption: String) -> Table {
    let n = &terms.names;
    let groups = vec![options.pick("Recomputed", "بازمحاسبه‌شده").to_string()];
    let recomputed = |head: String| Column {
        head,
        group: Some(0),
    };
    let plain = |head: &str| Column {
        head: head.to_string(),
        group: None,
    };
    let columns = vec![
        plain(options.pick("Code", "کد")),
        plain(&capitalise(&n.case)),
        plain(options.pick("Role", "سمت")),
        plain(options.pick("Year", "سال")),
        plain(options.pick("Topics", "حوزه‌ها")),
        recomputed(capitalise(&n.base_themes)),
        recomputed(capitalise(&n.components)),
        recomputed(capitalise(&n.dimensions)),
    ];
    let rows = tables
        .interviewees
        .iter()
        .take(READABLE_ROWS)
        .map(|r| {
            let name = if r.in_roster {
                label(&r.name, &r.roster().name_en, options)
            } else {
                options
                    .pick("(not on the roster)", "(در فهرست نیست)")
                    .to_string()
            };
            vec![
                Cell::number(options.digits.id(r.code)),
                Cell::text(name),
                Cell::text(label(&r.roster().role, &r.roster().role_en, options)),
                Cell::number(options.digits.apply(&r.roster().year)),
                Cell::text(label(&r.roster().topics, &r.roster().topics_en, options)),
                Cell::number(options.number(r.base_themes)),
                Cell::number(options.number(r.components)),
                Cell::number(options.number(r.dimensions)),
            ]
        })
        .collect();
    let mut notes = Vec::new();
    if tables.interviewees.len() > READABLE_ROWS {
        notes.push(cut_note(options, READABLE_ROWS, tables.interviewees.len()));
    }
    Table {
        id: TableName::Interviewees,
        caption,
        groups,
        columns,
        rows,
        notes,
    }
}

/// Rows of `level` by (dimension, component) label.
fn by_label(level: &[GroupRow]) -> HashMap<(&str, &str), &GroupRow> {
    level
        .iter()
        .map(|r| ((r.dimension.as_str(), r.component.as_str()), r))
        .collect()
}

/// Spans of runs of equal keys: the first row of a run gets the run's length, the rest 0.
fn spans<K: PartialEq>(keys: &[K]) -> Vec<usize> {
    let mut spans = vec![0; keys.len()];
    let mut start = 0;
    for i in 1..=keys.len() {
        if i == keys.len() || keys[i] != keys[start] {
            spans[start] = i - start;
            start = i;
        }
    }
    spans
}

/// `cell` covering `span` rows; a covered cell keeps no text.
fn spanned(mut cell: Cell, span: usize) -> Cell {
    if span == 0 {
        cell.text.clear();
        cell.differs = false;
    }
    cell.span = span;
    cell
}

/// A label in the document's language: English where the codebook gives it, as printed
/// otherwise.
fn label(printed: &str, english: &str, options: &Options) -> String {
    if options.lang == Lang::En && !english.is_empty() {
        english.to_string()
    } else {
        printed.to_string()
    }
}

fn coding(tables: &Tables, options: &Options, terms: &Terms, caption: String) -> Table {
    let n = &terms.names;
    let (sum, union) = rule_names(options);
    let groups = vec![
        options
            .pick("Frequency as printed", "فراوانی چاپ‌شده")
            .to_string(),
        options.pick("Recomputed", "بازمحاسبه‌شده").to_string(),
    ];
    let column = |head: String, group: Option<usize>| Column { head, group };
    let columns = vec![
        column(capitalise(&n.dimension), None),
        column(capitalise(&n.component), None),
        column(capitalise(&n.base_theme), None),
        column(options.pick("Source codes", "کدهای منبع").to_string(), None),
        column(capitalise(&n.base_theme), Some(0)),
        column(capitalise(&n.component), Some(0)),
        column(capitalise(&n.dimension), Some(0)),
        column(capitalise(&n.base_theme), Some(1)),
        column(format!("{}, {sum}", capitalise(&n.component)), Some(1)),
        column(format!("{}, {union}", capitalise(&n.component)), Some(1)),
        column(format!("{}, {sum}", capitalise(&n.dimension)), Some(1)),
        column(format!("{}, {union}", capitalise(&n.dimension)), Some(1)),
    ];
    let components = by_label(&tables.components);
    let dimensions = by_label(&tables.dimensions);
    let shown = &tables.base_themes[..tables.base_themes.len().min(READABLE_ROWS)];
    let dimension_spans = spans(&shown.iter().map(|t| &t.dimension).collect::<Vec<_>>());
    let component_spans = spans(
        &shown
            .iter()
            .map(|t| (&t.dimension, &t.component))
            .collect::<Vec<_>>(),
    );
    let rows = shown
        .iter()
        .enumerate()
        .map(|(i, theme)| {
            let component = components.get(&(theme.dimension.as_str(), theme.component.as_str()));
            let dimension = dimensions.get(&(theme.dimension.as_str(), ""));
            let (d, c) = (dimension_spans[i], component_spans[i]);
            let group_cells = |row: Option<&&GroupRow>, span: usize| -> [Cell; 3] {
                match row {
                    Some(r) => [
                        spanned(printed(r.printed, options), span),
                        spanned(Cell::recomputed(r.sum, r.printed, options), span),
                        spanned(Cell::recomputed(r.union, r.printed, options), span),
                    ],
                    None => std::array::from_fn(|_| spanned(Cell::number(String::new()), span)),
                }
            };
            let [c_printed, c_sum, c_union] = group_cells(component, c);
            let [d_printed, d_sum, d_union] = group_cells(dimension, d);
            vec![
                spanned(
                    Cell::text(label(
                        &theme.dimension,
                        dimension.map_or("", |r| &r.label_en),
                        options,
                    )),
                    d,
                ),
                spanned(
                    Cell::text(label(
                        &theme.component,
                        component.map_or("", |r| &r.label_en),
                        options,
                    )),
                    c,
                ),
                Cell::text(label(&theme.theme, &theme.theme_en, options)),
                Cell::number(super::findings::shown_codes(
                    &theme.codes,
                    options.digits,
                    options.pick(", ", "، "),
                    options.lang,
                )),
                printed(theme.printed, options),
                c_printed,
                d_printed,
                Cell::recomputed(theme.distinct, theme.printed, options),
                c_sum,
                c_union,
                d_sum,
                d_union,
            ]
        })
        .collect();
    let mut notes = legend(options, terms);
    if tables.base_themes.len() > shown.len() {
        notes.push(cut_note(options, shown.len(), tables.base_themes.len()));
    }
    Table {
        id: TableName::BaseThemes,
        caption,
        groups,
        columns,
        rows,
        notes,
    }
}

/// The dimension table, or (`components`) the component table.
fn groups(
    tables: &Tables,
    options: &Options,
    terms: &Terms,
    components: bool,
    caption: String,
) -> Table {
    let n = &terms.names;
    let (sum, union) = rule_names(options);
    let level = if components {
        &tables.components
    } else {
        &tables.dimensions
    };
    let shown = &level[..level.len().min(READABLE_ROWS)];
    let groups = vec![
        options.pick("Printed", "چاپ‌شده").to_string(),
        options.pick("Recomputed", "بازمحاسبه‌شده").to_string(),
    ];
    let column = |head: String, group: Option<usize>| Column { head, group };
    let share = options.pick("share", "سهم");
    let mut columns = vec![column(capitalise(&n.dimension), None)];
    if components {
        columns.push(column(capitalise(&n.component), None));
    }
    columns.extend([
        column(capitalise(&n.base_themes), None),
        column(options.pick("Frequency", "فراوانی").to_string(), Some(0)),
        column(capitalise(share), Some(0)),
        column(capitalise(sum), Some(1)),
        column(format!("{} ({share})", capitalise(sum)), Some(1)),
        column(capitalise(union), Some(1)),
        column(format!("{} ({share})", capitalise(union)), Some(1)),
    ]);
    let dimension_spans = if components {
        spans(&shown.iter().map(|r| &r.dimension).collect::<Vec<_>>())
    } else {
        vec![1; shown.len()]
    };
    let dimension_en: HashMap<&str, &str> = tables
        .dimensions
        .iter()
        .map(|d| (d.dimension.as_str(), d.label_en.as_str()))
        .collect();
    let percent = |x: f64| {
        let text = options.digits.decimal(x, 1);
        match options.digits {
            Digits::Persian => format!("{text}٪"),
            Digits::Latin => format!("{text}%"),
        }
    };
    let rows = shown
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut row = vec![spanned(
                Cell::text(label(
                    &r.dimension,
                    dimension_en
                        .get(r.dimension.as_str())
                        .copied()
                        .unwrap_or(""),
                    options,
                )),
                dimension_spans[i],
            )];
            if components {
                row.push(Cell::text(label(&r.component, &r.label_en, options)));
            }
            row.extend([
                Cell::number(options.number(r.base_themes)),
                printed(r.printed, options),
                Cell::number(r.share_printed.map_or_else(|| NOT_PRINTED.into(), percent)),
                Cell::recomputed(r.sum, r.printed, options),
                Cell::number(percent(r.share_sum)),
                Cell::recomputed(r.union, r.printed, options),
                Cell::number(percent(r.share_union)),
            ]);
            row
        })
        .collect();
    let mut notes = legend(options, terms);
    if level.len() > shown.len() {
        notes.push(cut_note(options, shown.len(), level.len()));
    }
    Table {
        id: if components {
            TableName::Components
        } else {
            TableName::Dimensions
        },
        caption,
        groups,
        columns,
        rows,
        notes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_equal_keys_span_down_from_their_first_row() {
        assert_eq!(spans(&["a", "a", "b", "c", "c", "c"]), [2, 0, 1, 3, 0, 0]);
        assert_eq!(spans::<&str>(&[]), Vec::<usize>::new());
    }

    #[test]
    fn a_study_numbering_is_read_in_either_digits() {
        assert_eq!(number_in("Table 2"), Some(2));
        assert_eq!(number_in("جدول ۱۲"), Some(12));
        assert_eq!(number_in("Roster"), None);
    }
}

//! Finding the thematic table and the roster among a manuscript's tables, and reading them
//! into a study: which rows are heads, what each column holds, which rows belong to which
//! dimension and component, and every judgement the reading makes on the way (a [`Call`],
//! with the other reading it could have made).
//!
//! Works on grids of cells (`import::grid`) whatever the format; the formats' own quirks stay
//! in their readers, except the two that only extracted text has and a table shows in its
//! heads: columns in visual right-to-left order, and page breaks (a head repeated, merged
//! cells left blank, a row broken in two).
//!
//! Not for writing the codebook (`files`) nor for parsing any format.

use super::heads::{self, Field, Level, Role};
use super::Manuscript;
use crate::import::grid::Grid;

/// A value as printed (digits and marks kept), or empty where nothing is printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Printed {
    pub frequency: String,
    pub percent: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BaseTheme {
    pub label: String,
    pub codes: String,
    pub printed: Printed,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Component {
    pub label: String,
    pub printed: Printed,
    pub themes: Vec<BaseTheme>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dimension {
    pub label: String,
    pub printed: Printed,
    pub components: Vec<Component>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Interviewee {
    pub code: String,
    pub name: String,
    pub role: String,
    pub year: String,
    pub topics: String,
    pub findings: String,
}

/// The row a call is about, by place (labels are settled only at the end).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Dimension(usize),
    Component(usize, usize),
    BaseTheme(usize, usize, usize),
    Interviewee(usize),
}

/// One cell a call moves: its row, its column (empty: not one value), the two readings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub subject: Subject,
    pub column: &'static str,
    pub chosen: (String, String),
    pub alternative: (String, String),
    /// The chosen value is this row's label once labels are settled (a dimension the table
    /// does not name).
    pub chosen_label_of: Option<Subject>,
}

impl Moved {
    /// A cell's value as read and as it could also be read (values need no English).
    fn value(subject: Subject, column: &'static str, chosen: &str, alternative: &str) -> Moved {
        Moved {
            subject,
            column,
            chosen: (chosen.to_string(), String::new()),
            alternative: (alternative.to_string(), String::new()),
            chosen_label_of: None,
        }
    }

    /// A reading in words (`a base theme of …` / `a new component`).
    fn words(subject: Subject, chosen: (String, String), alternative: (String, String)) -> Moved {
        Moved {
            subject,
            column: "",
            chosen,
            alternative,
            chosen_label_of: None,
        }
    }
}

/// A judgement the reading made, in the study's language and in English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Call {
    pub cells: Vec<Moved>,
    pub note: String,
    pub note_en: String,
}

/// What was read from a manuscript.
#[derive(Debug, Clone, Default)]
pub struct Study {
    pub dimensions: Vec<Dimension>,
    pub interviewees: Vec<Interviewee>,
    pub calls: Vec<Call>,
    /// One line per table used or passed over: where it is and what it was read as.
    pub found: Vec<String>,
    /// Whether the labels are in Persian (Arabic script).
    pub persian: bool,
}

/// Why no study could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotFound {
    pub tables: usize,
}

impl std::fmt::Display for NotFound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no thematic table found among its {} table(s): looked for a table whose heads name base themes (basic theme, code, category, مضامین پایه …) with a column of source codes (participants, interviewees, کد منابع …) or frequencies (f, n, frequency, فراوانی …)", self.tables)
    }
}

/// A slot of a placed table, as the reading sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Value {
    text: String,
    /// Covered by a cell that starts on a row above (a vertical merge).
    from_above: bool,
}

impl Value {
    /// Text that starts here (not a merge carried down).
    fn own(&self) -> Option<&str> {
        (!self.from_above && !self.text.is_empty()).then_some(self.text.as_str())
    }
}

/// A placed table: rows of values, the place of each row, whether the format marked it a head.
struct Placed {
    rows: Vec<Vec<Value>>,
    places: Vec<String>,
    marked_head: Vec<bool>,
    place: String,
}

fn place(grid: &Grid) -> Placed {
    let slots = grid.slots();
    let rows = slots
        .iter()
        .map(|line| {
            line.iter()
                .map(|slot| match slot {
                    Some(s) => Value {
                        text: one_line(grid.text(*s)),
                        from_above: !s.first_row,
                    },
                    None => Value::default(),
                })
                .collect()
        })
        .collect();
    Placed {
        rows,
        places: grid.rows.iter().map(|r| r.place.clone()).collect(),
        marked_head: grid.rows.iter().map(|r| r.head).collect(),
        place: grid.place.clone(),
    }
}

/// A cell's text on one line: lines joined with a space, except after a hyphen or comma that
/// ends a line inside a list of codes (`1-2-…-14-` / `15-16`).
pub fn one_line(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() && !out.ends_with(['-', '–', ',', '،', '/']) {
            out.push(' ');
        }
        out.push_str(line);
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A printed number or share as printed, without the marks a table puts beside it
/// (`57*`, `57†`) and with a dash for "not printed" read as nothing.
pub fn printed(text: &str) -> String {
    let t: String = text
        .trim()
        .trim_end_matches(['*', '†', '‡', '§', '¹', '²', '³', 'ᵃ', 'ᵇ'])
        .trim()
        .to_string();
    if matches!(t.as_str(), "—" | "–" | "-" | "−" | "") {
        String::new()
    } else {
        t
    }
}

/// Whether `text` is a list of source codes (not a label that happens to hold a digit).
fn is_code_list(text: &str) -> bool {
    let t = text.trim();
    // Codes hold digits (`3`, `P01`, `۱۲`); a word alone is an identifier only in a roster.
    if !t.chars().any(|c| crate::persian::digit(c).is_some())
        || t.chars().filter(|c| c.is_alphabetic()).count() > t.chars().count() / 2 + 2
    {
        return false;
    }
    crate::codebook::source_codes::parse_source_codes(t).is_ok_and(|c| !c.is_empty())
}

fn code_count(text: &str) -> usize {
    crate::codebook::source_codes::parse_source_codes(text).map_or(0, |c| c.len())
}

fn number(text: &str) -> Option<u64> {
    crate::persian::parse_number(text.trim()).ok()
}

/// Where the head rows end: leading rows the format marks, or whose cells are all head words.
fn head_rows(t: &Placed) -> usize {
    let mut n = 0;
    for (r, row) in t.rows.iter().enumerate().take(4) {
        if t.marked_head[r] || is_head_row(row) {
            n = r + 1;
        } else {
            break;
        }
    }
    n
}

/// The head of each column: the head rows' texts joined top to bottom. A blank cell of an upper
/// head row over a filled one below takes the text of the nearest upper cell that also has a
/// filled cell below (a head spanning columns, as text extraction leaves it).
fn column_heads(rows: &[Vec<Value>]) -> Vec<String> {
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    let cell = |r: usize, c: usize| rows[r].get(c).map_or("", |v| v.text.as_str());
    let mut heads = vec![String::new(); width];
    for r in 0..rows.len() {
        let below = |c: usize| r + 1 < rows.len() && !cell(r + 1, c).is_empty();
        for (c, head) in heads.iter_mut().enumerate() {
            let mut text = cell(r, c).to_string();
            if text.is_empty() && below(c) {
                let spanning = |c2: usize| !cell(r, c2).is_empty() && below(c2);
                let left = (0..c)
                    .rev()
                    .take_while(|&c2| below(c2))
                    .find(|&c2| spanning(c2));
                let right = (c + 1..width)
                    .take_while(|&c2| below(c2))
                    .find(|&c2| spanning(c2));
                let nearest = match (left, right) {
                    (Some(l), Some(rt)) => Some(if c - l <= rt - c { l } else { rt }),
                    (l, rt) => l.or(rt),
                };
                if let Some(n) = nearest {
                    text = cell(r, n).to_string();
                }
            }
            if !text.is_empty() && !head.ends_with(&text) {
                if !head.is_empty() {
                    head.push(' ');
                }
                head.push_str(&text);
            }
        }
    }
    heads
}

/// Whether a row is a head (or a head repeated on a page): no number or list of codes in it,
/// and head words in at least half its filled cells.
fn is_head_row(row: &[Value]) -> bool {
    let filled: Vec<&str> = row
        .iter()
        .map(|v| v.text.as_str())
        .filter(|t| !t.is_empty())
        .collect();
    !filled.is_empty()
        && !filled
            .iter()
            .any(|t| is_code_list(t) || number(t).is_some())
        && filled.iter().filter(|t| heads::is_head(t)).count() * 2 >= filled.len()
}

/// The body rows up to the next head (a page whose columns may run the other way).
fn until_head(rows: &[Vec<Value>]) -> &[Vec<Value>] {
    let end = rows
        .iter()
        .position(|r| is_head_row(r))
        .unwrap_or(rows.len());
    &rows[..end]
}

/// What a table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Themes,
    Roster,
    /// Printed totals of one level, its labels in a column.
    Summary(Level, usize),
    Other,
}

/// The columns of a theme table (or a summary), each level's labels, codes, numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Columns {
    label: [Option<usize>; 3],
    frequency: [Option<usize>; 3],
    percent: [Option<usize>; 3],
    codes: Option<usize>,
    /// The label columns with the level their heads name (`None`: a bare "theme").
    named: Vec<(usize, Option<Level>)>,
}

fn index(level: Level) -> usize {
    match level {
        Level::Dimension => 0,
        Level::Component => 1,
        Level::Base => 2,
    }
}

/// The theme-table columns of `roles`, with bare and missing levels placed: the lowest label
/// column is the base themes, the next the components, the next the dimensions; frequencies
/// and shares without a level take the missing levels from the base up, in column order.
fn theme_columns(roles: &[Role], body: &[Vec<Value>]) -> Columns {
    let mut cols = Columns::default();
    let mut labels: Vec<(usize, Option<Level>)> = Vec::new();
    let list_share = |c: usize| {
        let cells: Vec<&str> = body
            .iter()
            .filter_map(|r| r.get(c).and_then(Value::own))
            .collect();
        // Lists of two or more codes: a lone number is as likely a frequency.
        let lists = cells
            .iter()
            .filter(|t| is_code_list(t) && code_count(t) > 1)
            .count();
        !cells.is_empty() && lists * 2 > cells.len()
    };
    // Numbers under a label's head ("Base themes": how many) count, they do not name.
    let numeric = |c: usize| {
        let cells: Vec<&str> = body
            .iter()
            .filter_map(|r| r.get(c).and_then(Value::own))
            .collect();
        !cells.is_empty()
            && cells
                .iter()
                .all(|t| number(&printed(t)).is_some() || printed(t).is_empty())
    };
    for (c, role) in roles.iter().enumerate() {
        match *role {
            Role::Codes if cols.codes.is_none() => cols.codes = Some(c),
            Role::Label(level) => {
                // "Code(s)" over lists of interviewees is the source codes, not a label.
                if cols.codes.is_none() && list_share(c) {
                    cols.codes = Some(c);
                } else if !numeric(c) {
                    labels.push((c, level));
                }
            }
            _ => {}
        }
    }
    cols.named = labels.clone();
    if cols.codes.is_none() {
        cols.codes = (0..roles.len()).find(|&c| roles[c] == Role::Other && list_share(c));
    }
    // Bottom up: explicit levels keep their order, bare ones sit above the explicit ones.
    labels.sort_by_key(|&(c, level)| (level.map_or(0, |l| index(l) + 1), c));
    for (i, &(c, _)) in labels.iter().rev().take(3).enumerate() {
        cols.label[2 - i] = Some(c);
    }
    for (kind, slot) in [(0, &mut cols.frequency), (1, &mut cols.percent)] {
        let mut open: Vec<usize> = Vec::new();
        for (c, role) in roles.iter().enumerate() {
            let level = match (kind, role) {
                (0, Role::Frequency(level) | Role::CountShare(level))
                | (1, Role::Percent(level) | Role::CountShare(level)) => level,
                _ => continue,
            };
            match level {
                Some(l) if slot[index(*l)].is_none() => slot[index(*l)] = Some(c),
                None => open.push(c),
                _ => {}
            }
        }
        for c in open {
            if let Some(i) = (0..3).rev().find(|&i| slot[i].is_none()) {
                slot[i] = Some(c);
            }
        }
    }
    cols
}

fn kind_of(roster_roles: &[Role], cols: &Columns) -> Kind {
    let has_numbers = cols
        .frequency
        .iter()
        .chain(&cols.percent)
        .any(Option::is_some);
    let person = |f: Field| roster_roles.contains(&Role::Person(f));
    if cols.label[2].is_some() && (cols.codes.is_some() || has_numbers) {
        // A summary names one level above the base themes and prints its numbers; a theme
        // table lists base themes.
        let explicit_base = cols
            .named
            .iter()
            .any(|(_, l)| matches!(l, Some(Level::Base) | None));
        if cols.codes.is_none() && !explicit_base {
            let lowest = cols.named.iter().filter_map(|&(c, l)| Some((l?, c))).max();
            if let Some((level, column)) = lowest {
                return Kind::Summary(level, column);
            }
        }
        return Kind::Themes;
    }
    if person(Field::Code)
        && (person(Field::Name) || person(Field::Findings) || person(Field::Role))
    {
        return Kind::Roster;
    }
    Kind::Other
}

/// A table's reading of its head: roles in logical order and whether its columns came out
/// reversed (visual right-to-left order, which only extracted text has).
struct Head {
    cols: Columns,
    kind: Kind,
    reversed: bool,
    roster: Vec<Role>,
}

fn read_head(rows: &[Vec<Value>], body: &[Vec<Value>], width: usize, may_reverse: bool) -> Head {
    let mut heads = column_heads(rows);
    heads.resize(width, String::new());
    let roles: Vec<Role> = heads.iter().map(|h| heads::role(h, false)).collect();
    let roster: Vec<Role> = heads.iter().map(|h| heads::role(h, true)).collect();
    let cols = theme_columns(&roles, body);
    let kind = kind_of(&roster, &cols);
    // A table prints its levels from the most general to the most specific in reading
    // order; base themes before their dimension means the columns came out reversed.
    let order: Vec<usize> = cols.label.iter().flatten().copied().collect();
    let reversed = may_reverse
        && kind != Kind::Other
        && order.len() >= 2
        && order.windows(2).all(|w| w[0] > w[1]);
    let reversed = reversed
        || may_reverse
            && kind == Kind::Roster
            && roster.iter().position(|r| *r == Role::Person(Field::Code))
                > roster.iter().position(|r| *r == Role::Person(Field::Name));
    if reversed {
        let flip = |rows: &[Vec<Value>]| -> Vec<Vec<Value>> {
            rows.iter()
                .map(|r| {
                    let mut r = r.clone();
                    r.resize(width, Value::default());
                    r.reverse();
                    r
                })
                .collect()
        };
        let mut head = read_head(&flip(rows), &flip(body), width, false);
        head.reversed = true;
        return head;
    }
    Head {
        cols,
        kind,
        reversed: false,
        roster,
    }
}

/// Reading state over the body rows of one theme table (and its continuations).
struct Reader<'a> {
    study: &'a mut Study,
    /// Rows whose group has no label yet: they join the first label that comes.
    unlabelled: [bool; 2],
    /// For each page (a repeated head): the dimension and component count where it began.
    page_starts: Vec<(usize, usize)>,
    last_row: Option<(usize, usize, usize)>,
    roster_size: usize,
    persian: bool,
}

fn say(persian: bool, fa: String, en: String) -> (String, String) {
    if persian {
        (fa, en)
    } else {
        (en, String::new())
    }
}

impl Reader<'_> {
    fn dims(&mut self) -> &mut Vec<Dimension> {
        &mut self.study.dimensions
    }

    fn new_dimension(&mut self, label: &str) {
        self.dims().push(Dimension {
            label: label.to_string(),
            ..Dimension::default()
        });
        self.unlabelled[0] = label.is_empty();
    }

    fn new_component(&mut self, label: &str) {
        if self.study.dimensions.is_empty() {
            self.new_dimension("");
        }
        let d = self.study.dimensions.last_mut().expect("a dimension");
        d.components.push(Component {
            label: label.to_string(),
            ..Component::default()
        });
        self.unlabelled[1] = label.is_empty();
    }

    fn place_now(&self) -> (usize, usize) {
        let d = self.study.dimensions.len().saturating_sub(1);
        let c = self
            .study
            .dimensions
            .last()
            .map_or(0, |d| d.components.len().saturating_sub(1));
        (d, c)
    }

    fn row(&mut self, row: &[Value], cols: &Columns, where_: &str) {
        let get = |c: Option<usize>| c.and_then(|c| row.get(c)).cloned().unwrap_or_default();
        if row.iter().all(|v| v.text.is_empty() || v.from_above) {
            return;
        }
        let mut base = get(cols.label[2]);
        let mut codes = get(cols.codes);
        let key = crate::persian::match_key;
        let same = |v: &Value, label: Option<&str>| {
            v.own()
                .is_some_and(|t| label.is_some_and(|l| !l.is_empty() && key(t) == key(l)))
        };
        let mut dim = get(cols.label[0]);
        let current = self.study.dimensions.last();
        // A label repeated on every row of its group (no merged cell) is the same group.
        if same(&dim, current.map(|d| d.label.as_str())) {
            dim.from_above = true;
        }
        let mut comp = get(cols.label[1]);
        if dim.own().is_none()
            && same(
                &comp,
                current
                    .and_then(|d| d.components.last())
                    .map(|c| c.label.as_str()),
            )
        {
            comp.from_above = true;
        }
        let mut shifted = false;
        // A row shifted one column towards the start: its base theme in the component column,
        // its codes in the base theme column, nothing where the codes belong.
        if cols.label[1].is_some()
            && cols.codes.is_some()
            && codes.text.is_empty()
            && base.own().is_some_and(is_code_list)
            && comp.own().is_some()
        {
            codes = base;
            base = comp;
            comp = Value::default();
            shifted = true;
        }
        let base_label = base.own().map(str::to_string);
        if base_label.is_none() {
            // No base theme: the rest of the row above, broken by a page (or nothing at all).
            if let (Some((d, c, b)), Some(more)) = (self.last_row, codes.own()) {
                let theme = &mut self.study.dimensions[d].components[c].themes[b];
                let before = theme.codes.clone();
                theme.codes = one_line(&format!("{}\n{}", theme.codes, more));
                let after = theme.codes.clone();
                let (note, note_en) = say(self.persian, format!("{where_}: ردیفی بی مضمون پایه ادامهٔ ردیف پیشین خوانده شد (ردیفی که صفحه شکسته است)"), format!("{where_}: a row without a base theme read as the rest of the row above (a row broken by a page)"));
                self.study.calls.push(Call {
                    cells: vec![Moved::value(
                        Subject::BaseTheme(d, c, b),
                        "source_codes",
                        &after,
                        &before,
                    )],
                    note,
                    note_en,
                });
            }
            return;
        }
        if let Some(label) = dim.own() {
            if self.unlabelled[0] && !self.study.dimensions.is_empty() {
                // Rows above had no dimension: the label sits on a middle row of its group.
                self.study.dimensions.last_mut().expect("a dimension").label = label.to_string();
                self.unlabelled[0] = false;
                let d = self.study.dimensions.len() - 1;
                self.middle_row_label(Subject::Dimension(d), where_);
            } else {
                self.new_dimension(label);
                if comp.own().is_none() {
                    self.new_component("");
                }
            }
        } else if self.study.dimensions.is_empty() {
            self.new_dimension("");
        }
        if let Some(label) = comp.own() {
            let current = self
                .study
                .dimensions
                .last()
                .and_then(|d| d.components.last());
            if self.unlabelled[1] && current.is_some_and(|c| c.label.is_empty()) {
                let (d, c) = self.place_now();
                self.study.dimensions[d].components[c].label = label.to_string();
                self.unlabelled[1] = false;
                self.middle_row_label(Subject::Component(d, c), where_);
            } else if dim.own().is_none()
                || !self.study.dimensions.last().is_some_and(|d| {
                    d.components.len() == 1
                        && d.components[0].label.is_empty()
                        && d.components[0].themes.is_empty()
                })
            {
                self.new_component(label);
            } else {
                let (d, c) = self.place_now();
                self.study.dimensions[d].components[c].label = label.to_string();
                self.unlabelled[1] = false;
            }
        } else if self
            .study
            .dimensions
            .last()
            .is_some_and(|d| d.components.is_empty())
        {
            self.new_component("");
        }
        let (d, c) = self.place_now();
        let label = base_label.expect("checked above");
        let codes_text = codes.own().unwrap_or("").to_string();
        let themes = &mut self.study.dimensions[d].components[c].themes;
        themes.push(BaseTheme {
            label: label.clone(),
            codes: codes_text.clone(),
            printed: Printed::default(),
        });
        let b = themes.len() - 1;
        self.last_row = Some((d, c, b));
        if shifted {
            let component = self.study.dimensions[d].components[c].label.clone();
            let persian = self.persian;
            let (note, note_en) = say(persian, format!("{where_}: ردیف یک ستون جابه‌جا آمده است (مضمون پایه در ستون مؤلفه، کدها در ستون مضمون پایه)؛ به جای خودش خوانده شد"), format!("{where_}: the row is one column out of place (its base theme in the component column, its codes in the base theme column); read where it belongs"));
            self.study.calls.push(Call {
                cells: vec![Moved::words(
                    Subject::BaseTheme(d, c, b),
                    say(
                        persian,
                        format!("مضمون پایهٔ مؤلفهٔ {component}"),
                        format!("a base theme of {component}"),
                    ),
                    say(persian, "مؤلفه‌ای تازه".into(), "a new component".into()),
                )],
                note,
                note_en,
            });
        }
        self.numbers(row, cols, (d, c, b), code_count(&codes_text), where_);
    }

    /// The call for a dimension's or component's label printed on a middle row of its group:
    /// the rows above it, which had none, are read as part of it.
    fn middle_row_label(&mut self, subject: Subject, where_: &str) {
        let persian = self.persian;
        let (fa, en, fa_alt, en_alt) = match subject {
            Subject::Dimension(_) => (
                "بُعد",
                "dimension",
                "بُعدی بی‌برچسب",
                "an unlabelled dimension",
            ),
            _ => (
                "مؤلفه",
                "component",
                "مؤلفه‌ای بی‌برچسب",
                "an unlabelled component",
            ),
        };
        let (note, note_en) = say(
            persian,
            format!("{where_}: برچسب {fa} روی ردیفی میانی از گروهش آمده است؛ ردیف‌های بالای آن هم از این {fa} خوانده شدند"),
            format!("{where_}: the {en} label sits on a middle row of its group; the rows above it are read as part of it"),
        );
        self.study.calls.push(Call {
            cells: vec![Moved::words(
                subject,
                say(
                    persian,
                    "برچسب برای همهٔ ردیف‌های گروه".into(),
                    "the label for every row of its group".into(),
                ),
                say(
                    persian,
                    format!("{fa_alt} برای ردیف‌های بالا"),
                    format!("{en_alt} for the rows above"),
                ),
            )],
            note,
            note_en,
        });
    }

    /// The printed numbers of a row, each given to the group of its level that holds the row.
    fn numbers(
        &mut self,
        row: &[Value],
        cols: &Columns,
        at: (usize, usize, usize),
        codes: usize,
        where_: &str,
    ) {
        let (d, c, b) = at;
        let own = |col: Option<usize>| {
            col.and_then(|c| row.get(c))
                .and_then(Value::own)
                .map(printed)
                .unwrap_or_default()
        };
        let mut freq: [String; 3] = [
            own(cols.frequency[0]),
            own(cols.frequency[1]),
            own(cols.frequency[2]),
        ];
        let mut pct: [String; 3] = [
            own(cols.percent[0]),
            own(cols.percent[1]),
            own(cols.percent[2]),
        ];
        for i in 0..3 {
            split_count_share(&mut freq[i], &mut pct[i]);
        }
        // Frequencies one column short of where they belong: a base theme printed more often
        // than it has source codes, the dimension's column empty, the component's filled.
        let too_many = number(&freq[2]).is_some_and(|n| {
            codes > 0 && n > codes as u64 && n as usize > self.roster_size.max(codes)
        });
        if too_many && freq[0].is_empty() && !freq[1].is_empty() && cols.frequency[0].is_some() {
            let extracted = freq.clone();
            freq = [extracted[1].clone(), extracted[2].clone(), String::new()];
            let persian = self.persian;
            let (note, note_en) = say(persian, format!("{where_}: {} و {} یک ستون کوتاه‌تر از جایی آمده‌اند که خوانده شدند (یک مضمون پایه با {} کد نمی‌تواند {} بار آمده باشد)؛ خوانش دیگر آن‌ها را همان‌جا که استخراج شده‌اند نگه می‌دارد", extracted[2], extracted[1], codes, extracted[2]), format!("{where_}: {} and {} are one column short of where they are read (a base theme with {codes} source codes cannot have been raised {} times); the alternative keeps them where extracted", extracted[2], extracted[1], extracted[2]));
            let cell = |subject, chosen: &str, alternative: &str| {
                Moved::value(subject, "printed_frequency", chosen, alternative)
            };
            self.study.calls.push(Call {
                cells: vec![
                    cell(Subject::BaseTheme(d, c, b), "", &extracted[2]),
                    cell(Subject::Component(d, c), &freq[1], &extracted[1]),
                    cell(Subject::Dimension(d), &freq[0], ""),
                ],
                note,
                note_en,
            });
        }
        let dims = &mut self.study.dimensions;
        set(
            &mut dims[d].components[c].themes[b].printed,
            &freq[2],
            &pct[2],
        );
        set(&mut dims[d].components[c].printed, &freq[1], &pct[1]);
        if !freq[0].is_empty()
            && !dims[d].printed.frequency.is_empty()
            && dims[d].printed.frequency != freq[0]
        {
            self.second_total(freq[0].clone(), pct[0].clone(), where_);
        } else {
            set(&mut self.study.dimensions[d].printed, &freq[0], &pct[0]);
        }
    }

    /// A dimension printing a second total: a new dimension whose label is not printed began
    /// where the page (the repeated head) began, or failing that with the current component.
    fn second_total(&mut self, frequency: String, percent: String, where_: &str) {
        let (d, c) = self.place_now();
        let split = self
            .page_starts
            .iter()
            .rev()
            .find(|&&(pd, pc)| pd == d && pc > 0 && pc <= c)
            .map_or(c, |&(_, pc)| pc);
        let moved: Vec<Component> = self.study.dimensions[d].components.split_off(split);
        let first = moved.first().map(|m| m.label.clone()).unwrap_or_default();
        let previous = self.study.dimensions[d].label.clone();
        self.study.dimensions.push(Dimension {
            label: String::new(),
            printed: Printed {
                frequency: frequency.clone(),
                percent,
            },
            components: moved,
        });
        let nd = d + 1;
        // Calls made before the split name the moved components by their new place.
        let moved_to = |c: usize| (c >= split).then(|| c - split);
        for call in &mut self.study.calls {
            for cell in &mut call.cells {
                cell.subject = match cell.subject {
                    Subject::Component(cd, c) if cd == d => {
                        moved_to(c).map_or(cell.subject, |c| Subject::Component(nd, c))
                    }
                    Subject::BaseTheme(cd, c, b) if cd == d => {
                        moved_to(c).map_or(cell.subject, |c| Subject::BaseTheme(nd, c, b))
                    }
                    other => other,
                };
            }
        }
        if let Some((ld, lc, lb)) = self.last_row {
            if ld == d && lc >= split {
                self.last_row = Some((nd, lc - split, lb));
            }
        }
        let persian = self.persian;
        let (note, note_en) = say(persian, format!("{where_}: بُعد «{previous}» پیش‌تر فراوانی چاپ‌شده‌ای داشت و {frequency} دومی است؛ بُعدی تازه از «{first}» آغاز شد (جایی که صفحه یا مؤلفه آغاز می‌شود)"), format!("{where_}: the dimension «{previous}» already printed a total and {frequency} is a second one; a new dimension is read from «{first}» on (where the page or the component begins)"));
        self.study.calls.push(Call {
            cells: vec![Moved {
                subject: Subject::Component(nd, 0),
                column: "dimension",
                chosen: (String::new(), String::new()),
                alternative: (previous, String::new()),
                chosen_label_of: Some(Subject::Dimension(nd)),
            }],
            note,
            note_en,
        });
    }
}

/// A count and its share printed in one cell (`57 (34.1%)`, «۱۶۶(۵۴٫۱٪)») in either column:
/// the count to the frequency, the share to the percentage, where each is empty.
fn split_count_share(frequency: &mut String, percent: &mut String) {
    let split = |cell: &str| -> Option<(String, String)> {
        let (count, rest) = cell.split_once('(')?;
        let share = rest.trim().strip_suffix(')')?.trim();
        let count = count.trim();
        (number(count).is_some() && !share.is_empty())
            .then(|| (count.to_string(), share.to_string()))
    };
    let one_cell = !frequency.is_empty() && frequency == percent;
    for cell in [frequency.clone(), percent.clone()] {
        if let Some((count, share)) = split(&cell) {
            *frequency = count;
            if percent.is_empty() || *percent == cell {
                *percent = share;
            }
            return;
        }
    }
    // One column for both, holding a count alone: no share printed.
    if one_cell && !percent.contains(['%', '٪']) {
        percent.clear();
    }
}

/// Fills what is empty; a second, different value of a component or base theme is kept out
/// (the first printed stays).
fn set(p: &mut Printed, frequency: &str, percent: &str) {
    if p.frequency.is_empty() {
        p.frequency = frequency.to_string();
    }
    if p.percent.is_empty() {
        p.percent = percent.to_string();
    }
}

/// Role openers: where a roster cell that holds a name and a role together turns to the role.
const ROLE_OPENERS: &[&str] = &[
    "وزیر",
    "سفیر",
    "معاون",
    "رئیس",
    "رییس",
    "عضو",
    "نماینده",
    "مدیر",
    "کارشناس",
    "استاد",
    "دانشیار",
    "استادیار",
    "پژوهشگر",
    "مشاور",
    "دبیر",
    "فعال",
    "امام",
    "از",
    "یکی",
    "سرکنسول",
    "Former",
    "former",
    "Professor",
    "professor",
    "Ambassador",
    "ambassador",
    "Minister",
    "minister",
    "Director",
    "director",
    "Head",
    "head",
    "Member",
    "member",
    "Researcher",
    "researcher",
    "Lecturer",
    "lecturer",
    "Manager",
    "manager",
    "Teacher",
    "teacher",
    "Nurse",
    "nurse",
    "Officer",
    "officer",
    "Advisor",
    "advisor",
    "Adviser",
    "adviser",
];

/// A name and a role printed in one cell, split: at the first comma, else before the first
/// word that opens a role (after at least two words of name).
fn split_name_role(cell: &str) -> Option<(String, String)> {
    if let Some((name, role)) = cell.split_once(['،', ',']) {
        let (name, role) = (name.trim(), role.trim());
        if !name.is_empty() && !role.is_empty() {
            return Some((name.to_string(), role.to_string()));
        }
    }
    let words: Vec<&str> = cell.split_whitespace().collect();
    let at = (2..words.len()).find(|&i| {
        ROLE_OPENERS.iter().any(|o| {
            words[i] == *o
                || words[i].starts_with(o) && words[i].chars().count() > 3 && o.chars().count() >= 4
        })
    })?;
    Some((words[..at].join(" "), words[at..].join(" ")))
}

fn read_roster(study: &mut Study, body: &[(Vec<Value>, String)], roles: &[Role]) {
    let col = |f: Field| roles.iter().position(|r| *r == Role::Person(f));
    let (code, name, role) = (col(Field::Code), col(Field::Name), col(Field::Role));
    let (year, topics, findings) = (col(Field::Year), col(Field::Topics), col(Field::Findings));
    let mut split = Vec::new();
    for (row, _) in body {
        let get = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .and_then(Value::own)
                .unwrap_or("")
                .to_string()
        };
        let id = get(code);
        if id.is_empty() {
            // The rest of the row above, broken by a page.
            if let Some(last) = study.interviewees.last_mut() {
                for (c, field) in [
                    (name, &mut last.name),
                    (year, &mut last.year),
                    (topics, &mut last.topics),
                    (findings, &mut last.findings),
                ] {
                    let more = get(c);
                    if !more.is_empty() {
                        *field = one_line(&format!("{field}\n{more}"));
                    }
                }
            }
            continue;
        }
        // thematic's own tables list the codes a theme names that the roster does not, so
        // marked: they are no interviewees of the roster.
        let name_cell = get(name);
        if crate::case_id::CaseId::parse(&id).is_err()
            || matches!(
                name_cell.as_str(),
                "(not on the roster)" | "(در فهرست نیست)"
            )
        {
            continue;
        }
        let mut person = Interviewee {
            code: id,
            name: get(name),
            role: get(role),
            year: get(year),
            topics: get(topics),
            findings: get(findings),
        };
        if role.is_none() {
            if let Some((n, r)) = split_name_role(&person.name) {
                split.push(Moved::value(
                    Subject::Interviewee(study.interviewees.len()),
                    "name",
                    &n,
                    &person.name,
                ));
                person.name = n;
                person.role = r;
            }
        }
        study.interviewees.push(person);
    }
    let persian = study.persian;
    if !split.is_empty() {
        let (note, note_en) = say(persian, "نام و سمت هر مصاحبه‌شونده در یک خانه آمده‌اند؛ هر خانه در نخستین ویرگول، یا پیش از واژه‌ای که سمت را آغاز می‌کند (سفیر، وزیر، رئیس …)، جدا شد".into(), "each interviewee's name and role are printed in one cell; each cell is split at its first comma, or before the word that opens the role (Former, Professor, Ambassador …)".into());
        study.calls.push(Call {
            cells: split,
            note,
            note_en,
        });
    }
}

/// Findings of the roster that are two phrases printed elsewhere on their own (as a finding,
/// or as a base theme), run together (a comma lost in extraction): split, each a moved cell,
/// all in one call.
fn split_run_together(study: &mut Study) {
    let separators = ['،', ','];
    let key = |s: &str| crate::persian::match_key(s);
    let mut alone: std::collections::HashMap<String, usize> = Default::default();
    for p in &study.interviewees {
        for f in p.findings.split(separators) {
            *alone.entry(key(f)).or_default() += 1;
        }
    }
    for theme in study
        .dimensions
        .iter()
        .flat_map(|d| &d.components)
        .flat_map(|c| &c.themes)
    {
        *alone.entry(key(&theme.label)).or_default() += 2;
    }
    let mut moved = Vec::new();
    let mut split_one: Vec<(usize, usize, String)> = Vec::new();
    for i in 0..study.interviewees.len() {
        let cell = study.interviewees[i].findings.clone();
        let mut items: Vec<String> = Vec::new();
        let mut changed = false;
        for f in cell.split(separators) {
            let words: Vec<&str> = f.split_whitespace().collect();
            let elsewhere = |w: &[&str]| alone.get(&key(&w.join(" "))).copied().unwrap_or(0) > 0;
            // Never beside a conjunction: «A و B» is one finding that names two things.
            let conjunction = |w: &str| matches!(w, "و" | "یا" | "and" | "or" | "&");
            let cut = (1..words.len()).find(|&at| {
                !conjunction(words[at - 1])
                    && !conjunction(words[at])
                    && elsewhere(&words[..at])
                    && elsewhere(&words[at..])
            });
            // Only one side printed elsewhere, the other two words or more: perhaps two
            // findings, kept as printed with the split as the alternative.
            let half = || {
                (1..words.len()).find(|&at| {
                    !conjunction(words[at - 1])
                        && !conjunction(words[at])
                        && (elsewhere(&words[..at]) && words.len() - at >= 2
                            || elsewhere(&words[at..]) && at >= 2)
                })
            };
            match (cut, cut.is_none().then(half).flatten()) {
                (Some(at), _) => {
                    items.push(words[..at].join(" "));
                    items.push(words[at..].join(" "));
                    changed = true;
                }
                (None, Some(at)) => {
                    items.push(f.trim().to_string());
                    split_one.push((i, at, f.trim().to_string()));
                }
                (None, None) => items.push(f.trim().to_string()),
            }
        }
        if changed {
            let comma = if cell.contains('،') { "، " } else { ", " };
            let new = items.join(comma);
            moved.push(Moved::value(
                Subject::Interviewee(i),
                "findings",
                &new,
                &cell,
            ));
            study.interviewees[i].findings = new;
        }
    }
    if !moved.is_empty() {
        let (note, note_en) = say(study.persian, "دو یافته بی ویرگول میانشان به هم پیوسته آمده‌اند؛ هر کدام جای دیگری به تنهایی آمده است (یافته‌ای دیگر یا مضمونی پایه) و جدا خوانده شدند".into(), "two findings are printed run together, without the comma between them; each is printed on its own elsewhere (as a finding or a base theme), and they are read apart".into());
        study.calls.push(Call {
            cells: moved,
            note,
            note_en,
        });
    }
    let maybe: Vec<Moved> = split_one
        .into_iter()
        .map(|(i, at, finding)| {
            let cell = study.interviewees[i].findings.clone();
            let words: Vec<&str> = finding.split_whitespace().collect();
            let comma = if cell.contains('،') { "، " } else { ", " };
            let apart = format!("{}{comma}{}", words[..at].join(" "), words[at..].join(" "));
            Moved::value(
                Subject::Interviewee(i),
                "findings",
                &cell,
                &cell.replacen(&finding, &apart, 1),
            )
        })
        .collect();
    if !maybe.is_empty() {
        let (note, note_en) = say(study.persian, "یافته‌ای که بخشی از آن جای دیگری به تنهایی آمده است: شاید دو یافته بی ویرگول به هم پیوسته باشند؛ همان‌گونه که چاپ شده خوانده شد".into(), "a finding part of which is printed on its own elsewhere: perhaps two findings run together without their comma; read as printed".into());
        study.calls.push(Call {
            cells: maybe,
            note,
            note_en,
        });
    }
}

/// The printed numbers of a summary table, given to the dimensions or components it names.
fn read_summary(
    study: &mut Study,
    body: &[(Vec<Value>, String)],
    cols: &Columns,
    level: Level,
    column: usize,
) {
    let label_col = Some(column);
    let key = crate::persian::match_key;
    for (row, _) in body {
        let get = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .and_then(Value::own)
                .map(printed)
                .unwrap_or_default()
        };
        let label = label_col
            .and_then(|c| row.get(c))
            .and_then(Value::own)
            .unwrap_or("");
        let (mut f, mut p) = (get(cols.frequency[2]), get(cols.percent[2]));
        split_count_share(&mut f, &mut p);
        for d in &mut study.dimensions {
            if level == Level::Dimension && key(&d.label) == key(label) {
                set(&mut d.printed, &f, &p);
            }
            for c in &mut d.components {
                if level == Level::Component && key(&c.label) == key(label) {
                    set(&mut c.printed, &f, &p);
                }
            }
        }
    }
}

/// Words that the running text names beside the known labels (`A and B`, `A، B و C`): the
/// candidates for a label the table does not print, most often named first.
fn named_beside(paragraphs: &[String], known: &[String]) -> Vec<String> {
    let mut counts: indexmap::IndexMap<String, usize> = indexmap::IndexMap::new();
    let known_keys: Vec<String> = known.iter().map(|k| crate::persian::match_key(k)).collect();
    let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    for p in paragraphs {
        let words: Vec<&str> = p.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            let k = crate::persian::match_key(&clean(w));
            if k.is_empty() || !known_keys.contains(&k) {
                continue;
            }
            let joins = |w: &str| matches!(w, "و" | "and" | "or" | "یا" | "&");
            // After: `A و B`, `A, B`.
            let after = match words.get(i + 1) {
                Some(j) if joins(j) => words.get(i + 2),
                _ if w.ends_with(['،', ',']) => words.get(i + 1),
                _ => None,
            };
            // Before: `B، A`, `B و A`.
            let before = match i.checked_sub(1).map(|j| words[j]) {
                Some(j) if joins(j) => i.checked_sub(2).map(|j| words[j]),
                Some(j) if j.ends_with(['،', ',']) => Some(j),
                _ => None,
            };
            for candidate in [after.copied(), before].into_iter().flatten() {
                let c = clean(candidate);
                let ck = crate::persian::match_key(&c);
                if c.chars().count() > 2
                    && !known_keys.contains(&ck)
                    && !ck.chars().any(|ch| ch.is_ascii_digit())
                {
                    *counts.entry(c).or_default() += 1;
                }
            }
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
    ranked.into_iter().map(|(w, _)| w).collect()
}

/// Labels for the groups the table does not name: from the running text where it names
/// them beside the others, else a numbered placeholder; each a call.
fn settle_labels(study: &mut Study, manuscript: &Manuscript) {
    let persian = study.persian;
    for d in 0..study.dimensions.len() {
        if !study.dimensions[d].label.is_empty() {
            continue;
        }
        let known: Vec<String> = study
            .dimensions
            .iter()
            .map(|d| d.label.clone())
            .filter(|l| !l.is_empty())
            .collect();
        let candidates = named_beside(&manuscript.paragraphs, &known);
        let placeholder = if persian {
            format!("بُعد {}", crate::persian::to_persian_digits(d as u64 + 1))
        } else {
            format!("Dimension {}", d + 1)
        };
        let (label, alternative, note, note_en) = match candidates.first() {
            Some(c) => {
                let alt = candidates.get(1).cloned().unwrap_or(placeholder.clone());
                let (n, e) = say(persian, format!("برچسب این بُعد در جدول چاپ نشده است؛ متن «{c}» را کنار «{}» نام می‌برد", known.join("، ")), format!("the table does not print this dimension's label; the text names «{c}» beside «{}»", known.join(", ")));
                (c.clone(), alt, n, e)
            }
            None => {
                let (n, e) = say(
                    persian,
                    "برچسب این بُعد در جدول چاپ نشده است و متن هم نامی برایش نمی‌آورد".into(),
                    "the table does not print this dimension's label, and the text gives none"
                        .into(),
                );
                (placeholder, String::new(), n, e)
            }
        };
        study.dimensions[d].label = label.clone();
        study.calls.push(Call {
            cells: vec![Moved::value(
                Subject::Dimension(d),
                "",
                &label,
                &alternative,
            )],
            note,
            note_en,
        });
    }
    for d in 0..study.dimensions.len() {
        for c in 0..study.dimensions[d].components.len() {
            if study.dimensions[d].components[c].label.is_empty() {
                // A table without components: one component named after its dimension.
                study.dimensions[d].components[c].label = study.dimensions[d].label.clone();
            }
        }
    }
    for call in &mut study.calls {
        for cell in &mut call.cells {
            if let Some(Subject::Dimension(d)) = cell.chosen_label_of {
                cell.chosen.0 = study.dimensions[d].label.clone();
            }
        }
    }
}

/// The study a manuscript's tables hold.
pub fn read(manuscript: &Manuscript) -> Result<Study, NotFound> {
    let may_reverse = manuscript.visual_order;
    let mut study = Study {
        persian: manuscript
            .tables
            .iter()
            .flat_map(|g| g.rows.iter().flat_map(|r| r.cells.iter()))
            .flat_map(|c| c.text.chars())
            .filter(|c| c.is_alphabetic())
            .take(2000)
            .filter(|&c| crate::persian::is_arabic_script(c))
            .count()
            > 200,
        ..Study::default()
    };
    // Every table placed and its head read once: the roster is chosen among all of them
    // before the thematic table is read.
    let placed: Vec<(Placed, usize, usize, Head)> = manuscript
        .tables
        .iter()
        .map(|grid| {
            let t = place(grid);
            let width = t.rows.iter().map(Vec::len).max().unwrap_or(0);
            let heads = head_rows(&t);
            let head = read_head(
                &t.rows[..heads],
                until_head(&t.rows[heads..]),
                width,
                may_reverse,
            );
            (t, width, heads, head)
        })
        .collect();
    // The roster: of the tables that read as one, the one naming the most of its columns
    // (a matrix of codes against themes has a code and a name too, and nothing else).
    let roster_at = placed
        .iter()
        .enumerate()
        .filter(|(_, (_, _, heads, head))| *heads > 0 && head.kind == Kind::Roster)
        .map(|(i, (_, _, _, head))| {
            let fields: std::collections::HashSet<&Role> = head
                .roster
                .iter()
                .filter(|r| matches!(r, Role::Person(_)))
                .collect();
            (fields.len(), std::cmp::Reverse(i))
        })
        .max()
        .map(|(_, std::cmp::Reverse(i))| i);
    let mut themes_read = false;
    let mut summaries = Vec::new();
    let mut previous_themes = false;
    for (index, (t, width, heads, head)) in placed.into_iter().enumerate() {
        if heads == 0 {
            previous_themes = false;
            continue;
        }
        let mut head = head;
        let first = t.place.clone();
        match head.kind {
            Kind::Themes if !themes_read || previous_themes => {
                let continued = themes_read;
                themes_read = true;
                let roster_size = study.interviewees.len();
                let mut reader = Reader {
                    study: &mut study,
                    unlabelled: [false; 2],
                    page_starts: Vec::new(),
                    last_row: None,
                    roster_size,
                    persian: false,
                };
                reader.persian = reader.study.persian;
                if continued {
                    let (d, c) = reader.place_now();
                    reader.page_starts.push((d, c + 1));
                }
                let mut r = heads;
                // Pages whose columns came out right to left, the first head's among them.
                let mut reversed_pages = usize::from(head.reversed);
                while r < t.rows.len() {
                    let row = &t.rows[r];
                    if is_head_row(row) {
                        // A head repeated on a new page: its own direction, and a page start.
                        let mut end = r;
                        while end < t.rows.len() && end - r < 4 && is_head_row(&t.rows[end]) {
                            end += 1;
                        }
                        let again = read_head(
                            &t.rows[r..end],
                            until_head(&t.rows[end..]),
                            width,
                            may_reverse,
                        );
                        if again.kind == Kind::Themes {
                            head = again;
                            let (d, c) = reader.place_now();
                            reader.page_starts.push((d, c + 1));
                            if head.reversed {
                                reversed_pages += 1;
                            }
                        }
                        r = end;
                        continue;
                    }
                    let mut row = row.clone();
                    if head.reversed {
                        row.resize(width, Value::default());
                        row.reverse();
                    }
                    let where_ = t.places.get(r).cloned().unwrap_or_default();
                    let where_ = if where_.is_empty() {
                        format!("{} row {}", t.place, r + 1)
                    } else {
                        where_
                    };
                    reader.row(&row, &head.cols, &where_);
                    r += 1;
                }
                let themes: usize = study
                    .dimensions
                    .iter()
                    .flat_map(|d| &d.components)
                    .map(|c| c.themes.len())
                    .sum();
                study.found.push(format!(
                    "{first}: the thematic table{}{}, {themes} base theme(s) so far",
                    if continued { " (continued)" } else { "" },
                    if reversed_pages > 0 {
                        format!(
                            ", {} page(s) with columns read right to left",
                            reversed_pages
                        )
                    } else {
                        String::new()
                    }
                ));
                if reversed_pages > 0 {
                    let persian = study.persian;
                    let (note, note_en) = say(persian, format!("{}: ستون‌های {} صفحه از جدول به ترتیب دیداری راست به چپ استخراج شده‌اند و وارونه خوانده شدند", t.place, crate::persian::to_persian_digits(reversed_pages as u64)), format!("{}: the columns of {} page(s) of the table came out in visual right-to-left order and were read reversed", t.place, reversed_pages));
                    let last = study.dimensions.len() - 1;
                    study.calls.push(Call {
                        cells: vec![Moved::words(
                            Subject::Dimension(last),
                            say(persian, "ستون‌ها وارونه".into(), "columns reversed".into()),
                            say(
                                persian,
                                "ستون‌ها همان‌گونه که استخراج شده‌اند".into(),
                                "columns as extracted".into(),
                            ),
                        )],
                        note,
                        note_en,
                    });
                }
                previous_themes = true;
            }
            Kind::Roster if roster_at == Some(index) => {
                let body: Vec<(Vec<Value>, String)> = t.rows[heads..]
                    .iter()
                    .enumerate()
                    .filter(|(_, row)| !is_head_row(row))
                    .map(|(i, row)| {
                        let mut row = row.clone();
                        if head.reversed {
                            row.resize(width, Value::default());
                            row.reverse();
                        }
                        let where_ = t
                            .places
                            .get(heads + i)
                            .cloned()
                            .filter(|p| !p.is_empty())
                            .unwrap_or_else(|| format!("{} row {}", t.place, heads + i + 1));
                        (row, where_)
                    })
                    .collect();
                let before = study.interviewees.len();
                read_roster(&mut study, &body, &head.roster);
                study.found.push(format!(
                    "{first}: the roster, {} interviewee(s)",
                    study.interviewees.len() - before
                ));
                previous_themes = false;
            }
            Kind::Summary(level, column) => {
                let body: Vec<(Vec<Value>, String)> = t.rows[heads..]
                    .iter()
                    .map(|r| (r.clone(), String::new()))
                    .collect();
                summaries.push((body, head.cols.clone(), level, column, first));
                previous_themes = false;
            }
            _ => previous_themes = false,
        }
    }
    if !themes_read || study.dimensions.is_empty() {
        return Err(NotFound {
            tables: manuscript.tables.len(),
        });
    }
    for (body, cols, level, column, first) in summaries {
        read_summary(&mut study, &body, &cols, level, column);
        study.found.push(format!(
            "{first}: printed {} totals",
            if level == Level::Dimension {
                "dimension"
            } else {
                "component"
            }
        ));
    }
    split_run_together(&mut study);
    settle_labels(&mut study, manuscript);
    Ok(study)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed() -> Study {
        let text = include_str!("../../../tests/fixtures/manuscripts/masoumi2025-extracted.txt");
        read(&super::super::text::read("x", text).unwrap()).unwrap()
    }

    #[test]
    fn the_papers_extraction_reads_with_its_traps_each_a_call() {
        let study = seed();
        let labels: Vec<&str> = study.dimensions.iter().map(|d| d.label.as_str()).collect();
        // The fixture holds the tables only: the second dimension's label is nowhere.
        assert_eq!(labels, ["انگیزشی", "بُعد ۲"]);
        let components: Vec<usize> = study
            .dimensions
            .iter()
            .map(|d| d.components.len())
            .collect();
        assert_eq!(components, [2, 4]);
        let social = &study.dimensions[0].components[1];
        assert_eq!(social.label, "ساختارهای اجتماعی");
        // The shifted row is a base theme of its component, with its codes.
        let media = social.themes.last().unwrap();
        assert_eq!(media.label, "استفاده از ظرفیت رسانه و خبرگزاری ها");
        assert_eq!(media.codes, "۱-۲-۷-۹-۱۰-۱۱-۱۲-۱۳-۱۵");
        // 57 and 166 read one column up: the component's and the dimension's.
        assert_eq!(study.dimensions[0].components[0].printed.frequency, "۵۷");
        assert_eq!(study.dimensions[0].printed.frequency, "۱۶۶");
        assert_eq!(
            study.dimensions[0].components[0].themes[0]
                .printed
                .frequency,
            ""
        );
        // The reversed page: its base themes carry their printed numbers.
        assert_eq!(
            study.dimensions[1].components[0].themes[0]
                .printed
                .frequency,
            "۱۵"
        );
        assert_eq!(study.dimensions[1].printed.frequency, "۱۴۱");
        assert_eq!(study.interviewees.len(), 16);
        assert_eq!(study.interviewees[0].name, "دکتر محمدجواد ظریف");
        let notes: Vec<&str> = study.calls.iter().map(|c| c.note_en.as_str()).collect();
        for needle in [
            "one column short",
            "one column out of place",
            "second one",
            "right-to-left",
            "run together",
            "name and role",
        ] {
            assert!(
                notes.iter().any(|n| n.contains(needle)),
                "no call about {needle}: {notes:#?}"
            );
        }
    }

    #[test]
    fn a_dimension_the_table_does_not_name_takes_the_name_the_text_gives_beside_the_others() {
        let named = named_beside(
            &[
                "the motivational and environmental dimensions".into(),
                "Motivational, cognitive".into(),
            ],
            &["motivational".into()],
        );
        assert_eq!(named, ["environmental", "cognitive"]);
    }

    #[test]
    fn a_name_and_a_role_in_one_cell_split_at_the_comma_or_the_role_word() {
        assert_eq!(
            split_name_role("Jane Doe, nurse"),
            Some(("Jane Doe".into(), "nurse".into()))
        );
        assert_eq!(
            split_name_role("محسن پاک آیین سفیر سابق"),
            Some(("محسن پاک آیین".into(), "سفیر سابق".into()))
        );
        assert_eq!(split_name_role("Jane Doe"), None);
    }

    #[test]
    fn printed_values_lose_their_marks_and_dashes_mean_nothing_printed() {
        assert_eq!(printed(" 57† "), "57");
        assert_eq!(printed("—"), "");
        assert_eq!(one_line("1-2-3-\n4-5\nand more"), "1-2-3-4-5 and more");
    }
}

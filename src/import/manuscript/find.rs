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

mod labels;
mod roster;
mod rows;

use labels::{doubtful_letters, settle_labels};
use roster::{read_roster, split_run_together};
use rows::{set, split_count_share, Reader};

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
    /// Rows read as the rest of the row above (a row broken by a page).
    pub rows_joined: usize,
    /// Dimensions the table prints no label for.
    pub unlabelled_dimensions: usize,
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

/// A cell's text on one line: lines joined with a space, except after a hyphen or slash that
/// ends a line inside a list of codes (`1-2-…-14-` / `15-16`).
pub fn one_line(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !out.is_empty() && !out.ends_with(['-', '–', '/']) {
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
                // "Code(s)" over lists of interviewees is the source codes, not a label (a
                // column headed as dimensions or components is labels, whatever they look
                // like: «بعد ۱» reads as two codes).
                let named_above = matches!(level, Some(Level::Dimension | Level::Component));
                if cols.codes.is_none() && !named_above && list_share(c) {
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
    /// Two level heads printed run together and read apart: (as read, first, second).
    parted: Option<(String, String, String)>,
}

/// A column with cells and no head, beside a head of two levels run together («مؤلفه‌ها
/// مضامین پایه» over one column, the component column beside it headless: two narrow head
/// cells as text extraction writes them): each column gets its level, the more general on
/// the side the table's other levels have theirs. Gives the head as read and its two parts.
fn part_run_together(
    heads: &mut [String],
    body: &[Vec<Value>],
) -> Option<(String, String, String)> {
    let filled = |c: usize| body.iter().any(|r| r.get(c).and_then(Value::own).is_some());
    let level_of = |h: &str| match heads::role(h, false) {
        Role::Label(level) => level,
        _ => None,
    };
    for c in 0..heads.len() {
        if !heads[c].is_empty() || !filled(c) {
            continue;
        }
        for n in [c.checked_sub(1), Some(c + 1)].into_iter().flatten() {
            let Some((a, b)) = heads.get(n).and_then(|h| heads::run_together(h)) else {
                continue;
            };
            let (lo, hi) = (c.min(n), c.max(n));
            let (la, lb) = (level_of(&a), level_of(&b));
            let (general, specific) = if la <= lb { (a, b) } else { (b, a) };
            let most_general = la.min(lb);
            // Reversed when a more general level than both stands after them, none before.
            let more_general =
                |o: usize| level_of(&heads[o]).is_some_and(|l| Some(l) < most_general);
            let reversed = (hi + 1..heads.len()).any(more_general) && !(0..lo).any(more_general);
            let whole = std::mem::take(&mut heads[n]);
            let (first, second) = if reversed {
                (specific, general)
            } else {
                (general, specific)
            };
            heads[lo] = first;
            heads[hi] = second;
            return Some((whole, heads[lo].clone(), heads[hi].clone()));
        }
    }
    None
}

fn read_head(rows: &[Vec<Value>], body: &[Vec<Value>], width: usize, may_reverse: bool) -> Head {
    let mut heads = column_heads(rows);
    heads.resize(width, String::new());
    let parted = part_run_together(&mut heads, body);
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
        parted,
    }
}

/// A note in the study's language and its English gloss (an English study needs none).
fn say(persian: bool, fa: String, en: String) -> (String, String) {
    if persian {
        (place_in_persian(&fa), en)
    } else {
        (en, String::new())
    }
}

/// A Persian note's place (what comes before its first colon, as the readers write it:
/// "table 2 (page 1 to 2) row 5", "line 47 (page 1)") in Persian words and digits.
fn place_in_persian(note: &str) -> String {
    let Some((place, rest)) = note.split_once(": ") else {
        return note.to_string();
    };
    if !place.is_ascii() {
        return note.to_string();
    }
    let words: Vec<String> = place
        .split(' ')
        .map(|w| {
            let (open, w) = w.strip_prefix('(').map_or(("", w), |w| ("(", w));
            let (w, close) = w.strip_suffix(')').map_or((w, ""), |w| (w, ")"));
            let word = match w {
                "table" => "جدول".to_string(),
                "page" => "صفحهٔ".to_string(),
                "line" => "سطر".to_string(),
                "lines" => "سطرهای".to_string(),
                "row" => "ردیف".to_string(),
                "to" => "تا".to_string(),
                other => other
                    .chars()
                    .map(|c| match c.to_digit(10) {
                        Some(d) => char::from_u32(0x06F0 + d).unwrap_or(c),
                        None => c,
                    })
                    .collect(),
            };
            format!("{open}{word}{close}")
        })
        .collect();
    format!("{}: {rest}", words.join(" "))
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
    // The head of the roster when the table before was the roster.
    let mut previous_roster: Option<Vec<Vec<Value>>> = None;
    for (index, (t, width, heads, head)) in placed.into_iter().enumerate() {
        if heads == 0 {
            previous_themes = false;
            previous_roster = None;
            continue;
        }
        let roster_before = previous_roster.take();
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
                    after_head: false,
                    roster_size,
                    persian: false,
                    cells_may_shift: may_reverse,
                };
                reader.persian = reader.study.persian;
                if continued {
                    let (d, c) = reader.place_now();
                    reader.page_starts.push((d, c + 1));
                }
                let mut r = heads;
                // Pages whose columns came out right to left, the first head's among them.
                let mut reversed_pages = usize::from(head.reversed);
                let mut parted: Vec<(String, String, String)> =
                    head.parted.iter().cloned().collect();
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
                        // The head repeated word for word is the same head: its columns are
                        // the first page's, not guessed again from a page whose top level
                        // prints no label (a dimension carried over from the page before).
                        let same = end - r == heads && t.rows[r..end] == t.rows[..heads];
                        if same && head.kind == Kind::Themes {
                            let (d, c) = reader.place_now();
                            reader.page_starts.push((d, c + 1));
                            reader.after_head = true;
                            if head.reversed {
                                reversed_pages += 1;
                            }
                        } else if again.kind == Kind::Themes {
                            head = again;
                            if let Some(p) = head.parted.clone().filter(|p| !parted.contains(p)) {
                                parted.push(p);
                            }
                            let (d, c) = reader.place_now();
                            reader.page_starts.push((d, c + 1));
                            reader.after_head = true;
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
                for (whole, first, second) in parted {
                    let persian = study.persian;
                    let (note, note_en) = say(
                        persian,
                        format!("{}: سر ستون «{whole}» دو سر ستون به هم پیوسته خوانده شد، «{first}» و «{second}»، هر کدام بر ستونی (ستون کنارش سری نداشت)", t.place),
                        format!("{}: the head «{whole}» was read as two heads run together, «{first}» and «{second}», one over each column (the column beside it had none)", t.place),
                    );
                    study.calls.push(Call {
                        cells: vec![Moved::words(
                            Subject::Dimension(0),
                            say(
                                persian,
                                format!("«{first}» و «{second}»"),
                                format!("«{first}» and «{second}»"),
                            ),
                            say(
                                persian,
                                format!("«{whole}» بر یک ستون، ستون کنارش بی سر"),
                                format!("«{whole}» over one column, the column beside it unheaded"),
                            ),
                        )],
                        note,
                        note_en,
                    });
                }
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
            // The roster, and the next table when it repeats the roster's head word for word
            // (a roster continued on the next page, its columns laid out again there).
            Kind::Roster
                if roster_at == Some(index)
                    || roster_before.as_deref() == Some(&t.rows[..heads]) =>
            {
                let continued = roster_at != Some(index);
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
                    "{first}: the roster{}, {} interviewee(s)",
                    if continued { " (continued)" } else { "" },
                    study.interviewees.len() - before
                ));
                previous_themes = false;
                previous_roster = Some(t.rows[..heads].to_vec());
                continue;
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
    doubtful_letters(&mut study, manuscript);
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
    fn a_code_run_into_the_names_cell_is_the_next_interviewee_and_a_call() {
        let roster = |rows: &str| -> Study {
            let text = format!(
                "Table 1\nCode\tName\tFindings\n{rows}\n\nTable 2\n\
                 Dimension\tComponent\tBasic theme\tParticipants\tf\n\
                 Barriers\tInfrastructure\tUnstable internet\tP1, P2\t2\n"
            );
            read(&super::super::text::read("x", &text).unwrap()).unwrap()
        };
        let study = roster(
            "P1\tAnn Lee, nurse\tUnstable internet\n\
             \tP2 Bo Chan, nurse\tUnstable internet\n\
             \tward 14\t\n\
             \t12 years on the ward\t",
        );
        let people: Vec<(&str, &str)> = study
            .interviewees
            .iter()
            .map(|p| (p.code.as_str(), p.name.as_str()))
            .collect();
        // The next code starts a row; a name's later lines, numbers and all, do not.
        assert_eq!(
            people,
            [
                ("P1", "Ann Lee"),
                ("P2", "Bo Chan ward 14 12 years on the ward")
            ]
        );
        assert!(study
            .calls
            .iter()
            .any(|c| c.note.contains("code is printed in the name's cell")
                && c.cells[0].chosen.0 == "P2"));
        let study = read(
            &super::super::text::read(
                "x",
                "جدول ۱\nردیف\tمصاحبه‌شوندگان\tیافته‌های مصاحبه\n\
                 ۱\tمریم احمدی، آموزگار\tنبود تعامل\n\
                 \t۲زهرا کریمی، مدیر\tنبود تعامل\n\n\
                 جدول ۲\nابعاد\tمؤلفه‌ها\tمضامین پایه\tکد منابع\tفراوانی\n\
                 موانع\tفرسودگی\tنبود تعامل\t۱-۲\t۲\n",
            )
            .unwrap(),
        )
        .unwrap();
        let people: Vec<(&str, &str)> = study
            .interviewees
            .iter()
            .map(|p| (p.code.as_str(), p.name.as_str()))
            .collect();
        assert_eq!(people, [("۱", "مریم احمدی"), ("۲", "زهرا کریمی")]);
    }

    #[test]
    fn two_level_heads_run_together_over_one_column_are_read_apart_as_a_call() {
        let text = "Table 2\n\
                    Dimension\t\tOrganizing theme Basic theme\tParticipants\tf\n\
                    Barriers\tInfrastructure\tUnstable internet\t1-2-5\t3\n\
                    \t\tShared device\t6\t1\n\
                    \tBurnout\tScreen fatigue\t1-4\t2\n";
        let study = read(&super::super::text::read("x", text).unwrap()).unwrap();
        let d = &study.dimensions[0];
        assert_eq!(d.label, "Barriers");
        let components: Vec<&str> = d.components.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(components, ["Infrastructure", "Burnout"]);
        assert_eq!(d.components[0].themes[1].label, "Shared device");
        let call = study
            .calls
            .iter()
            .find(|c| c.note.contains("two heads run together"))
            .expect("a call");
        assert_eq!(
            call.cells[0].alternative.0,
            "«Organizing theme Basic theme» over one column, the column beside it unheaded"
        );
        // A headless column beside one head is not two heads' («Basic theme» names one level).
        let text = "Table 2\n\
                    Dimension\t\tBasic theme\tParticipants\tf\n\
                    Barriers\tInfrastructure\tUnstable internet\t1-2-5\t3\n";
        let study = read(&super::super::text::read("x", text).unwrap()).unwrap();
        assert!(!study.calls.iter().any(|c| c.note.contains("run together")));
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
    fn a_persian_notes_place_is_in_persian() {
        assert_eq!(
            place_in_persian("table 2 (page 1 to 2) row 5: ردیف"),
            "جدول ۲ (صفحهٔ ۱ تا ۲) ردیف ۵: ردیف"
        );
        assert_eq!(
            place_in_persian("line 47 (page 1): x"),
            "سطر ۴۷ (صفحهٔ ۱): x"
        );
        assert_eq!(place_in_persian("بُعد: x"), "بُعد: x");
    }

    #[test]
    fn printed_values_lose_their_marks_and_dashes_mean_nothing_printed() {
        assert_eq!(printed(" 57† "), "57");
        assert_eq!(printed("—"), "");
        assert_eq!(one_line("1-2-3-\n4-5\nand more"), "1-2-3-4-5 and more");
    }
}

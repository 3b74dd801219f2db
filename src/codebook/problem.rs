//! A problem found in a codebook: where (file, line, column), what is wrong, how to fix it.
//!
//! Not for the audit's findings: a problem stops the computation, a finding does not.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the user would name it (e.g. `codebooks/masoumi2025/base_themes.csv`).
    pub file: String,
    /// 1-based line, where the problem has one.
    pub line: Option<u64>,
    /// 1-based column and its header name, where the problem has one.
    pub column: Option<(usize, String)>,
    pub message: String,
    pub fix: String,
}

impl Problem {
    pub fn file(file: &str, message: impl Into<String>, fix: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            line: None,
            column: None,
            message: message.into(),
            fix: fix.into(),
        }
    }

    pub fn at_line(mut self, line: u64) -> Problem {
        self.line = Some(line);
        self
    }

    pub fn at_column(mut self, column: usize, name: &str) -> Problem {
        self.column = Some((column, name.to_string()));
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some((column, _)) = &self.column {
                write!(f, ":{column}")?;
            }
        }
        // A CSV problem names its column's header; a TOML one names its key in the message.
        if let Some((_, name)) = self.column.as_ref().filter(|(_, name)| !name.is_empty()) {
            write!(f, "{}", printable(&format!(" (column `{name}`)")))?;
        }
        write!(f, ": {}", printable(&self.message))?;
        if !self.fix.is_empty() {
            write!(f, "\n  fix: {}", printable(&self.fix))?;
        }
        Ok(())
    }
}

/// How many problems of one kind are shown in full; the rest are counted.
pub const FIRST_OF_KIND: usize = 5;
/// How many problems are shown in full in all; the rest are counted.
pub const MAX_SHOWN: usize = 50;
/// A quoted value longer than this many characters is shown by its start and its length.
const LONGEST_QUOTED: usize = 160;

/// The problems found in a codebook, capped so that a broken million-row file gives a short
/// message: the first [`FIRST_OF_KIND`] problems of each kind with their positions (at most
/// [`MAX_SHOWN`] in all), and for the rest only how many there are.
///
/// Two problems are of one kind when they are in the same file and their messages differ only
/// in quoted values and numbers (`the component `Cx1` is not in dimension `D1``).
#[derive(Debug, Default)]
pub struct Problems {
    shown: Vec<Problem>,
    /// Per kind: how many are shown and how many more were found.
    kinds: std::collections::HashMap<String, Counted>,
    /// Problems of kinds first met after [`MAX_SHOWN`] were shown.
    other: usize,
    total: usize,
}

#[derive(Debug, Default, Clone, Copy)]
struct Counted {
    shown: usize,
    more: usize,
}

impl Problems {
    pub fn new() -> Problems {
        Problems::default()
    }

    pub fn push(&mut self, problem: Problem) {
        self.total += 1;
        let key = kind(&problem);
        let room = self.shown.len() < MAX_SHOWN;
        match self.kinds.get_mut(&key) {
            Some(c) if room && c.shown < FIRST_OF_KIND => {
                c.shown += 1;
                self.shown.push(problem);
            }
            Some(c) => c.more += 1,
            // New kinds are remembered only while there is room to show them: the table of
            // kinds stays small whatever the input.
            None if room => {
                self.kinds.insert(key, Counted { shown: 1, more: 0 });
                self.shown.push(problem);
            }
            None => self.other += 1,
        }
    }

    /// Add the problems another collector found, counts included.
    pub fn append(&mut self, other: Problems) {
        for problem in other.shown {
            self.push(problem);
        }
        for (key, counted) in other.kinds {
            if counted.more == 0 {
                continue;
            }
            self.total += counted.more;
            match self.kinds.get_mut(&key) {
                Some(c) => c.more += counted.more,
                None => self.other += counted.more,
            }
        }
        self.total += other.other;
        self.other += other.other;
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// How many problems were found, shown or not.
    pub fn len(&self) -> usize {
        self.total
    }

    /// The problems shown in full.
    pub fn shown(&self) -> &[Problem] {
        &self.shown
    }

    /// Put the shown problems in an order (reading order, for the loader).
    pub fn sort_by_key<K: Ord>(&mut self, key: impl FnMut(&Problem) -> K) {
        self.shown.sort_by_key(key);
    }

    /// One problem where several would say the same (a missing directory for every file).
    pub fn dedup_by(&mut self, same: impl FnMut(&mut Problem, &mut Problem) -> bool) {
        let before = self.shown.len();
        self.shown.dedup_by(same);
        let removed = before - self.shown.len();
        self.total -= removed;
        // The shown counts only guard the caps; recount them from what is left.
        for c in self.kinds.values_mut() {
            c.shown = 0;
        }
        for p in &self.shown {
            if let Some(c) = self.kinds.get_mut(&kind(p)) {
                c.shown += 1;
            }
        }
    }
}

impl From<Problem> for Problems {
    fn from(problem: Problem) -> Problems {
        let mut problems = Problems::new();
        problems.push(problem);
        problems
    }
}

impl Extend<Problem> for Problems {
    fn extend<I: IntoIterator<Item = Problem>>(&mut self, iter: I) {
        for problem in iter {
            self.push(problem);
        }
    }
}

impl IntoIterator for Problems {
    type Item = Problem;
    type IntoIter = std::vec::IntoIter<Problem>;
    /// The problems shown in full.
    fn into_iter(self) -> Self::IntoIter {
        self.shown.into_iter()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.total;
        write!(
            f,
            "the codebook has {} problem{} to fix before anything can be computed",
            thousands(count),
            if count == 1 { "" } else { "s" }
        )?;
        if count > self.shown.len() {
            write!(f, " (the first of each kind are shown)")?;
        }
        write!(f, ":")?;
        let mut seen: std::collections::HashMap<String, usize> = Default::default();
        for p in &self.shown {
            write!(f, "\n\n{p}")?;
            let key = kind(p);
            let n = seen.entry(key.clone()).or_default();
            *n += 1;
            if let Some(c) = self.kinds.get(&key).filter(|c| c.more > 0 && c.shown == *n) {
                write!(f, "\n  … and {} more like this", thousands(c.more))?;
            }
        }
        if self.other > 0 {
            write!(
                f,
                "\n\n… and {} more problem{} of other kinds, shown when these are fixed",
                thousands(self.other),
                if self.other == 1 { "" } else { "s" }
            )?;
        }
        Ok(())
    }
}

/// `1234567` as `1,234,567`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The kind of a problem: its file and its message with quoted values and numbers left out.
fn kind(problem: &Problem) -> String {
    let mut key = String::with_capacity(problem.file.len() + problem.message.len().min(200) + 1);
    key.push_str(&problem.file);
    key.push('\n');
    let mut quote: Option<char> = None;
    let mut in_number = false;
    for c in problem.message.chars() {
        match (quote, c) {
            (None, '`') | (None, '«') => {
                quote = Some(if c == '`' { '`' } else { '»' });
                key.push('…');
            }
            (Some(close), c) if c == close => quote = None,
            (Some(_), _) => {}
            (None, c) if c.is_numeric() => {
                if !in_number {
                    key.push('#');
                }
            }
            (None, c) => key.push(c),
        }
        in_number = quote.is_none() && c.is_numeric();
    }
    key
}

/// `text` as a message shows it: long quoted values shortened, and control characters from a
/// cell written as escapes (`\u{1b}`), never sent raw to the terminal.
fn printable(text: &str) -> std::borrow::Cow<'_, str> {
    let text = shorten_quoted(text);
    if !text.chars().any(char::is_control) {
        return text;
    }
    text.chars()
        .map(|c| match c {
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        })
        .collect::<String>()
        .into()
}

/// `text` with every quoted value (between backticks or « ») longer than [`LONGEST_QUOTED`]
/// characters shortened to its start and its length, so that one 100 KB label does not make a
/// 100 KB message.
fn shorten_quoted(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= LONGEST_QUOTED {
        return text.into();
    }
    let mut out = String::with_capacity(text.len().min(4 * LONGEST_QUOTED));
    let mut rest = text;
    while let Some(open) = rest.find(['`', '«']) {
        let close = if rest[open..].starts_with('`') {
            '`'
        } else {
            '»'
        };
        let start = open + rest[open..].chars().next().map_or(1, char::len_utf8);
        let Some(len) = rest[start..].find(close) else {
            break;
        };
        let value = &rest[start..start + len];
        out.push_str(&rest[..start]);
        let chars = value.chars().count();
        if chars > LONGEST_QUOTED {
            out.extend(value.chars().take(LONGEST_QUOTED / 2));
            out.push('…');
            out.push(close);
            out.push_str(&format!(" ({} characters)", thousands(chars)));
            rest = &rest[start + len + close.len_utf8()..];
        } else {
            out.push_str(value);
            rest = &rest[start + len..];
            out.push(close);
            rest = &rest[close.len_utf8()..];
        }
    }
    out.push_str(rest);
    out.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u64, message: String) -> Problem {
        Problem::file("cb/base_themes.csv", message, "fix it").at_line(line)
    }

    #[test]
    fn problems_of_a_kind_are_shown_up_to_the_cap_then_counted() {
        let mut problems = Problems::new();
        for i in 0..1000u64 {
            problems.push(at(
                i + 2,
                format!("the component `C{i}` is not in dimension `D1`"),
            ));
        }
        problems.push(at(5000, "the `base_theme` cell is empty".into()));
        assert_eq!(problems.len(), 1001);
        assert_eq!(problems.shown().len(), FIRST_OF_KIND + 1);
        let text = problems.to_string();
        assert!(
            text.starts_with("the codebook has 1,001 problems"),
            "{text}"
        );
        assert!(
            text.contains("cb/base_themes.csv:6: the component `C4`"),
            "{text}"
        );
        assert!(!text.contains("`C5`"), "{text}");
        assert!(text.contains("\n  … and 995 more like this\n"), "{text}");
        assert!(
            text.ends_with("the `base_theme` cell is empty\n  fix: fix it"),
            "{text}"
        );
    }

    #[test]
    fn at_most_max_shown_in_all_and_the_rest_counted() {
        let mut problems = Problems::new();
        // Every message a kind of its own (no quoted values, no numbers to leave out).
        let words = |i: usize| -> String {
            format!("{}", i)
                .chars()
                .map(|d| (b'a' + d.to_digit(10).unwrap() as u8) as char)
                .collect()
        };
        for i in 0..10_000 {
            problems.push(at(2, format!("problem {}", words(i))));
        }
        assert_eq!(problems.shown().len(), MAX_SHOWN);
        assert!(problems.kinds.len() <= MAX_SHOWN);
        let text = problems.to_string();
        assert!(
            text.ends_with("… and 9,950 more problems of other kinds, shown when these are fixed"),
            "{text}"
        );
    }

    #[test]
    fn appending_keeps_the_counts() {
        let (mut a, mut b) = (Problems::new(), Problems::new());
        for i in 0..8 {
            a.push(at(i, format!("bad `{i}`")));
            b.push(at(i, format!("bad `{i}`")));
        }
        a.append(b);
        assert_eq!(a.len(), 16);
        assert_eq!(a.shown().len(), FIRST_OF_KIND);
        assert!(a.to_string().contains("… and 11 more like this"));
    }

    #[test]
    fn long_quoted_values_are_shown_by_their_start_and_length() {
        let label = "ب".repeat(100_000);
        let p = Problem::file("f.csv", format!("the label `{label}` is odd"), "")
            .at_line(2)
            .at_column(3, &label);
        let text = p.to_string();
        assert!(text.len() < 1_000, "{}", text.len());
        assert!(text.starts_with("f.csv:2:3 (column `ببب"), "{text}");
        assert!(text.contains("ببب…` (100,000 characters)): the"), "{text}");
        assert!(
            text.ends_with("ببب…` (100,000 characters) is odd"),
            "{text}"
        );
        let control = Problem::file("f.csv", "the label `a\u{1b}[2Jb\0` is odd", "");
        assert_eq!(
            control.to_string(),
            "f.csv: the label `a\\u{1b}[2Jb\\u{0}` is odd"
        );
        let short = Problem::file("f.csv", "the label `ب` and «x» are fine", "");
        assert_eq!(short.to_string(), "f.csv: the label `ب` and «x» are fine");
    }
}

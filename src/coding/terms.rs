//! The terms documents are coded with: `terms.csv` beside a scheme's CSV files, or a dictionary
//! researchers already have (LIWC `.dic`, Lexicoder `.lc3`, quanteda YAML, WordStat `.cat`),
//! each read into one shape: categories (a path of names) with their terms.
//!
//! A dictionary can be the scheme itself (its tree: three levels are dimension, component and
//! base theme; fewer are named after the level above), or give the terms of a scheme's base
//! themes, a category to the base theme of its name.
//!
//! Not for matching (`matcher`) nor for the scheme's CSV files (`codebook`).

use crate::codebook::Problem;
use crate::persian::match_key;

/// How a term matches a word of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Match {
    /// The term as a word, with the inflections of its script (the default).
    Word,
    /// The term as a word, as written (after normalising).
    Exact,
    /// Words that begin with the term (`econom*`).
    Prefix,
}

impl Match {
    pub fn name(self) -> &'static str {
        match self {
            Match::Word => "word",
            Match::Exact => "exact",
            Match::Prefix => "prefix",
        }
    }
}

/// One term: the text, how it matches, where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub mode: Match,
    /// `file:line`, for messages.
    pub origin: String,
}

/// A category of a dictionary: its path of names (top first) and its terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Category {
    pub path: Vec<String>,
    pub terms: Vec<Term>,
}

/// A term as written: a trailing `*` makes it a prefix; `match` (terms.csv) may say so too.
fn term(written: &str, mode: Option<Match>, origin: String) -> Option<Term> {
    let written = written.split_whitespace().collect::<Vec<_>>().join(" ");
    let (text, star) = match written.strip_suffix('*') {
        Some(t) => (t.trim_end_matches('*').trim().to_string(), true),
        None => (written, false),
    };
    if text.is_empty() {
        return None;
    }
    Some(Term {
        text,
        mode: if star {
            Match::Prefix
        } else {
            mode.unwrap_or(Match::Word)
        },
        origin,
    })
}

/// The text of a dictionary file: UTF-8 (a BOM dropped), else Windows-1252 as LIWC and WordStat
/// write it.
fn text(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => bytes.iter().map(|&b| windows_1252(b)).collect(),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        b => char::from(b),
    }
}

/// The dictionary formats read, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Liwc,
    Lexicoder,
    Yaml,
    WordStat,
}

impl Format {
    pub fn of(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "dic" => Format::Liwc,
            "lc3" => Format::Lexicoder,
            "yml" | "yaml" => Format::Yaml,
            "cat" => Format::WordStat,
            _ => return None,
        })
    }
}

/// A dictionary file's categories, in file order.
pub fn dictionary(display: &str, format: Format, bytes: &[u8]) -> Result<Vec<Category>, Problem> {
    let text = text(bytes);
    let categories = match format {
        Format::Liwc => liwc(display, &text)?,
        Format::Lexicoder => lexicoder(display, &text)?,
        Format::Yaml => yaml(display, &text)?,
        Format::WordStat => wordstat(display, &text),
    };
    if categories.iter().all(|c| c.terms.is_empty()) {
        return Err(Problem::file(
            display,
            "the dictionary holds no terms",
            "check that this is the dictionary file, in the format its extension names (.dic LIWC, .lc3 Lexicoder, .yml quanteda, .cat WordStat)",
        ));
    }
    Ok(categories)
}

/// Leading tabs (or runs of four spaces): a line's depth in a tab-indented tree.
fn depth(line: &str) -> (usize, &str) {
    let mut depth = 0;
    let mut rest = line;
    loop {
        if let Some(r) = rest.strip_prefix('\t') {
            rest = r;
        } else if let Some(r) = rest.strip_prefix("    ") {
            rest = r;
        } else {
            break;
        }
        depth += 1;
    }
    (depth, rest)
}

/// LIWC `.dic`: a legend of `id<TAB>name` between two `%` lines (tab-indented for a hierarchy,
/// as LIWC2015 writes it), then `term<TAB>id…`. Conditional entries (`<of>`, `(02 134)125/464`)
/// keep their plain ids.
fn liwc(display: &str, text: &str) -> Result<Vec<Category>, Problem> {
    let mut lines = text.lines().enumerate().peekable();
    while lines.peek().is_some_and(|(_, l)| l.trim().is_empty()) {
        lines.next();
    }
    match lines.next() {
        Some((_, l)) if l.trim() == "%" => {}
        other => {
            return Err(Problem::file(
                display,
                "a LIWC dictionary starts with a line `%` and its category legend",
                "give a LIWC .dic file (`%`, lines `1<TAB>name`, `%`, then `term<TAB>1`), or name the dictionary's format by its extension",
            )
            .at_line(other.map_or(1, |(n, _)| n as u64 + 1)))
        }
    }
    let mut categories: Vec<Category> = Vec::new();
    let mut ids: Vec<(String, usize)> = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    let mut closed = false;
    for (n, line) in lines.by_ref() {
        if line.trim() == "%" {
            closed = true;
            break;
        }
        if line.trim().is_empty() {
            continue;
        }
        let (d, rest) = depth(line);
        let mut parts = rest.split_whitespace();
        let (Some(id), name) = (parts.next(), parts.collect::<Vec<_>>().join(" ")) else {
            continue;
        };
        if name.is_empty() {
            return Err(Problem::file(
                display,
                format!("the legend line `{}` names no category", line.trim()),
                "write the category's id and name, parted by a tab: `1<TAB>posemo`",
            )
            .at_line(n as u64 + 1));
        }
        stack.truncate(d);
        stack.push(name);
        ids.push((id.to_string(), categories.len()));
        categories.push(Category {
            path: stack.clone(),
            terms: Vec::new(),
        });
    }
    if !closed {
        return Err(Problem::file(
            display,
            "the category legend is not closed by a second `%` line",
            "end the legend with a line holding `%` alone",
        ));
    }
    for (n, line) in lines {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let mut fields = line.split('\t').map(str::trim).filter(|f| !f.is_empty());
        let Some(written) = fields.next() else {
            continue;
        };
        let origin = format!("{display}:{}", n + 1);
        let Some(t) = term(written, None, origin) else {
            continue;
        };
        for field in fields {
            // `(02 134)125/464` and `<of>`: the ids it names outside the condition.
            let plain: String = field
                .split(['(', ')', '/', '<', '>', ' '])
                .filter(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
                .collect::<Vec<_>>()
                .join(" ");
            for id in plain.split(' ') {
                if let Some((_, at)) = ids.iter().find(|(i, _)| i == id) {
                    if !categories[*at].terms.contains(&t) {
                        categories[*at].terms.push(t.clone());
                    }
                }
            }
        }
    }
    Ok(categories)
}

/// Lexicoder `.lc3`: `+category` (a `#RRGGBB` colour after the name dropped), then its terms.
fn lexicoder(display: &str, text: &str) -> Result<Vec<Category>, Problem> {
    let mut categories: Vec<Category> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('+') {
            let name = match name.rfind('#') {
                Some(at) if name[at + 1..].len() == 6 => &name[..at],
                _ => name,
            };
            categories.push(Category {
                path: vec![name.trim().to_string()],
                terms: Vec::new(),
            });
            continue;
        }
        let Some(last) = categories.last_mut() else {
            return Err(Problem::file(
                display,
                format!("the term `{line}` comes before any category"),
                "start each category with a line `+name`, its terms on the lines after it",
            )
            .at_line(n as u64 + 1));
        };
        if let Some(t) = term(line, None, format!("{display}:{}", n + 1)) {
            last.terms.push(t);
        }
    }
    Ok(categories)
}

/// WordStat `.cat`: tab-indented categories; a line ending in ` (n)` is a term of the category
/// above it.
fn wordstat(display: &str, text: &str) -> Vec<Category> {
    let mut categories: Vec<Category> = Vec::new();
    let mut stack: Vec<String> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let (d, rest) = depth(line);
        let rest = rest.trim();
        let weighted = rest
            .rfind(" (")
            .filter(|&at| {
                rest.ends_with(')') && rest[at + 2..rest.len() - 1].parse::<f64>().is_ok()
            })
            .map(|at| &rest[..at]);
        match weighted {
            Some(written) => {
                if categories.last().map(|c| &c.path) != Some(&stack) {
                    categories.push(Category {
                        path: stack.clone(),
                        terms: Vec::new(),
                    });
                }
                if let Some(t) = term(written, None, format!("{display}:{}", n + 1)) {
                    categories.last_mut().expect("pushed").terms.push(t);
                }
            }
            None => {
                stack.truncate(d);
                stack.push(rest.to_string());
            }
        }
    }
    categories.retain(|c| !c.path.is_empty());
    categories
}

/// quanteda's YAML: `KEY: [a, b*]`, `KEY: term`, `KEY:` over a nested map or a `- term` list.
/// Only that part of YAML (what `quanteda::dictionary()` writes); anything else is refused
/// with its line.
fn yaml(display: &str, text: &str) -> Result<Vec<Category>, Problem> {
    let mut categories: Vec<Category> = Vec::new();
    // (indent, name) of the open keys.
    let mut open: Vec<(usize, String)> = Vec::new();
    let unquote = |s: &str| -> String {
        let s = s.trim();
        s.strip_prefix('"')
            .and_then(|s| s.strip_suffix('"'))
            .or_else(|| s.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')))
            .unwrap_or(s)
            .to_string()
    };
    let path_of = |open: &[(usize, String)]| -> Vec<String> {
        open.iter()
            .map(|(_, k)| k.clone())
            .filter(|k| !k.is_empty() && k != "__")
            .collect()
    };
    for (n, raw) in text.lines().enumerate() {
        let origin = format!("{display}:{}", n + 1);
        let line = match raw.find(" #") {
            Some(at) => &raw[..at],
            None if raw.trim_start().starts_with('#') => "",
            None => raw,
        };
        if line.trim().is_empty() || line.trim() == "---" {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let body = line.trim();
        let mut add = |open: &[(usize, String)], terms: Vec<String>| {
            let path = path_of(open);
            if path.is_empty() {
                return;
            }
            let at = match categories.iter().position(|c| c.path == path) {
                Some(at) => at,
                None => {
                    categories.push(Category {
                        path,
                        terms: Vec::new(),
                    });
                    categories.len() - 1
                }
            };
            for t in terms {
                if let Some(t) = term(&t, None, origin.clone()) {
                    categories[at].terms.push(t);
                }
            }
        };
        if let Some(item) = body.strip_prefix("- ") {
            while open.last().is_some_and(|(i, _)| *i >= indent) {
                open.pop();
            }
            add(&open, vec![unquote(item)]);
            continue;
        }
        let Some((key, value)) = body.split_once(':') else {
            return Err(Problem::file(
                display,
                format!("`{body}` is neither `KEY: [terms]` nor `- term`"),
                "write each category as `NAME: [term, term*]`, or `NAME:` with its terms as `- term` lines under it",
            )
            .at_line(n as u64 + 1));
        };
        while open.last().is_some_and(|(i, _)| *i >= indent) {
            open.pop();
        }
        open.push((indent, unquote(key)));
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        let terms: Vec<String> = match value.strip_prefix('[') {
            Some(list) => {
                let Some(list) = list.strip_suffix(']') else {
                    return Err(Problem::file(
                        display,
                        format!("the list of `{}` is not closed on its line", unquote(key)),
                        "close the list with `]` on the same line",
                    )
                    .at_line(n as u64 + 1));
                };
                list.split(',')
                    .map(unquote)
                    .filter(|t| !t.is_empty())
                    .collect()
            }
            None => vec![unquote(value)],
        };
        add(&open, terms);
        open.pop();
    }
    Ok(categories)
}

/// `terms.csv`: a row per term (`base_theme`, `term`, optional `component` and `match`).
pub struct TermRow {
    pub base_theme: String,
    pub component: String,
    pub term: Term,
    pub line: u64,
}

pub use crate::codebook::TERMS;

pub fn terms_csv(display: &str, bytes: &[u8]) -> Result<Vec<TermRow>, Problem> {
    let text =
        std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)).map_err(|e| {
            Problem::file(
                display,
                format!("not UTF-8 text (byte {})", e.valid_up_to() + 1),
                "save the file as UTF-8",
            )
        })?;
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader
        .headers()
        .map_err(|e| {
            Problem::file(
                display,
                format!("cannot read its header: {e}"),
                "write the header `base_theme,term,match`",
            )
        })?
        .clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let known = ["base_theme", "term", "match", "component", "note"];
    if let Some((i, h)) = headers
        .iter()
        .enumerate()
        .find(|(_, h)| !known.contains(&h.trim()))
    {
        return Err(Problem::file(
            display,
            format!("unknown column `{h}`"),
            "terms.csv has the columns base_theme, term, and optionally match (word, exact or prefix), component, note",
        )
        .at_line(1)
        .at_column(i + 1, h));
    }
    let (Some(theme), Some(term_at)) = (col("base_theme"), col("term")) else {
        return Err(Problem::file(
            display,
            "the columns `base_theme` and `term` are required",
            "write the header `base_theme,term,match`",
        )
        .at_line(1));
    };
    let (match_at, component_at) = (col("match"), col("component"));
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Problem::file(
                display,
                format!("cannot read the row: {e}"),
                "give every row as many cells as the header",
            )
            .at_line(line)
        })?;
        let line = record.position().map_or(0, |p| p.line());
        let get = |i: Option<usize>| i.and_then(|i| record.get(i)).unwrap_or("").trim();
        let mode = match get(match_at) {
            "" | "word" => None,
            "exact" => Some(Match::Exact),
            "prefix" => Some(Match::Prefix),
            other => {
                return Err(Problem::file(
                    display,
                    format!("`{other}` is not a way to match"),
                    "write word (the term as a word with its inflections), exact, or prefix",
                )
                .at_line(line)
                .at_column(match_at.unwrap_or(0) + 1, "match"))
            }
        };
        let written = get(Some(term_at));
        let Some(t) = term(
            written,
            mode.or(Some(Match::Word)),
            format!("{display}:{line}"),
        ) else {
            return Err(Problem::file(
                display,
                "the term is empty",
                "write the term, or remove the row",
            )
            .at_line(line)
            .at_column(term_at + 1, "term"));
        };
        if get(Some(theme)).is_empty() {
            return Err(Problem::file(
                display,
                "the base theme is empty",
                "write the base theme the term stands for, as base_themes.csv labels it",
            )
            .at_line(line)
            .at_column(theme + 1, "base_theme"));
        }
        rows.push(TermRow {
            base_theme: get(Some(theme)).to_string(),
            component: get(component_at).to_string(),
            term: t,
            line,
        });
    }
    Ok(rows)
}

/// Whether a dictionary category's name is a base theme's (by label key).
pub fn same_name(a: &str, b: &str) -> bool {
    match_key(a) == match_key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(c: &[Category]) -> Vec<(String, Vec<String>)> {
        c.iter()
            .map(|c| {
                (
                    c.path.join("/"),
                    c.terms
                        .iter()
                        .map(|t| format!("{}:{}", t.text, t.mode.name()))
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn the_four_dictionary_formats_read_into_categories_and_terms() {
        let liwc = "%\n1\tEconomy\n2\tCulture\n\t3\tReligion\n%\ntrade\t1\neconom*\t1\t2\nmosque\t3\ncommon heritage\t2\n";
        assert_eq!(
            names(&dictionary("d.dic", Format::Liwc, liwc.as_bytes()).unwrap()),
            [
                (
                    "Economy".into(),
                    vec!["trade:word".into(), "econom:prefix".into()]
                ),
                (
                    "Culture".into(),
                    vec!["econom:prefix".into(), "common heritage:word".into()]
                ),
                ("Culture/Religion".into(), vec!["mosque:word".into()]),
            ]
        );
        let lc3 = "+Economy#AA0000\ntrade\neconom*\n+فرهنگ\nمسجد\n";
        assert_eq!(
            names(&dictionary("d.lc3", Format::Lexicoder, lc3.as_bytes()).unwrap())[1],
            ("فرهنگ".into(), vec!["مسجد:word".into()])
        );
        let cat = "ECONOMY\n\tTRADE\n\t\ttrade (1)\n\t\texport* (1)\nCULTURE\n\tRELIGION\n\t\tmosque (1)\n";
        assert_eq!(
            names(&dictionary("d.cat", Format::WordStat, cat.as_bytes()).unwrap()),
            [
                (
                    "ECONOMY/TRADE".into(),
                    vec!["trade:word".into(), "export:prefix".into()]
                ),
                ("CULTURE/RELIGION".into(), vec!["mosque:word".into()]),
            ]
        );
        let yml = "ECONOMY:\n  TRADE: [trade, 'export*']\n  ENERGY:\n    - gas\n    - oil\nCULTURE: [mosque]\n";
        assert_eq!(
            names(&dictionary("d.yml", Format::Yaml, yml.as_bytes()).unwrap()),
            [
                (
                    "ECONOMY/TRADE".into(),
                    vec!["trade:word".into(), "export:prefix".into()]
                ),
                (
                    "ECONOMY/ENERGY".into(),
                    vec!["gas:word".into(), "oil:word".into()]
                ),
                ("CULTURE".into(), vec!["mosque:word".into()]),
            ]
        );
    }

    #[test]
    fn a_broken_dictionary_or_terms_file_says_where() {
        let e = dictionary("d.dic", Format::Liwc, b"trade\t1\n").unwrap_err();
        assert!(
            e.message.contains("starts with a line `%`"),
            "{}",
            e.message
        );
        let e = dictionary("d.lc3", Format::Lexicoder, b"trade\n+Economy\n").unwrap_err();
        assert_eq!(e.line, Some(1));
        let e = dictionary("d.yml", Format::Yaml, b"A: [x, y\n").unwrap_err();
        assert!(e.message.contains("not closed"), "{}", e.message);
        let e = terms_csv("terms.csv", b"base_theme,term,match\nTrade,trade,fuzzy\n")
            .err()
            .unwrap();
        assert_eq!(
            (e.line, e.column.map(|c| c.1)),
            (Some(2), Some("match".into()))
        );
        let e = terms_csv("terms.csv", b"base_theme,term,weight\n")
            .err()
            .unwrap();
        assert!(e.message.contains("unknown column `weight`"));
    }
}

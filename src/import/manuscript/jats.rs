//! JATS XML (PubMed Central, SciELO, journal archives): each `<table-wrap>`'s table as a grid,
//! XHTML-style (`<tr>`, `<th>`, `<td>` with `rowspan`/`colspan`) or CALS (`<oasis:row>`,
//! `<oasis:entry>` with `morerows`, `namest`/`nameend`, `colname`); the label and caption as
//! its caption; `<article-meta>` for what the paper says of itself.
//!
//! The `<!DOCTYPE>` a JATS file carries names a DTD on the web: it is skipped, nothing is
//! fetched and no entity is expanded (so no entity bomb); the named entities JATS files use
//! (`&nbsp;`, `&ndash;` …) are read from the HTML set, an unknown one kept as written.
//!
//! Not for what the tables mean (`find`).

use super::{parse_xml, Manuscript, Meta};
use crate::codebook::Problem;
use crate::import::grid::{Cell, Grid, Row};
use roxmltree::Node;

/// The named entities JATS articles use, beyond XML's five.
const ENTITIES: &[(&str, char)] = &[
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("hellip", '…'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("times", '×'),
    ("minus", '−'),
    ("plusmn", '±'),
    ("deg", '°'),
    ("thinsp", '\u{2009}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("zwnj", '\u{200c}'),
    ("zwj", '\u{200d}'),
    ("lrm", '\u{200e}'),
    ("rlm", '\u{200f}'),
    ("middot", '·'),
    ("bull", '•'),
    ("dagger", '†'),
    ("Dagger", '‡'),
    ("sect", '§'),
    ("para", '¶'),
    ("copy", '©'),
    ("reg", '®'),
    ("le", '≤'),
    ("ge", '≥'),
    ("lt", '<'),
    ("gt", '>'),
    ("amp", '&'),
    ("quot", '"'),
    ("apos", '\''),
    ("percnt", '%'),
];

/// `text` without its DOCTYPE (internal subset and all) and with named entities replaced.
fn without_doctype(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    if let Some(at) = rest.find("<!DOCTYPE") {
        out.push_str(&rest[..at]);
        let mut depth = 0i32;
        let mut quote: Option<char> = None;
        let mut end = rest.len();
        for (i, c) in rest[at..].char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '[') => depth += 1,
                (None, ']') => depth -= 1,
                (None, '>') if depth <= 0 => {
                    end = at + i + 1;
                    break;
                }
                _ => {}
            }
        }
        rest = &rest[end..];
    }
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let name_end = rest[1..].find(';').map(|i| i + 1);
        let name = name_end
            .map(|e| &rest[1..e])
            .filter(|n| !n.is_empty() && n.len() < 32);
        match name {
            Some(n) if n.starts_with('#') || matches!(n, "amp" | "lt" | "gt" | "quot" | "apos") => {
                let e = name_end.expect("checked");
                out.push_str(&rest[..=e]);
                rest = &rest[e + 1..];
            }
            Some(n) if n.chars().all(|c| c.is_ascii_alphanumeric()) => {
                let e = name_end.expect("checked");
                match ENTITIES.iter().find(|(name, _)| *name == n) {
                    Some((_, c)) => out.push(*c),
                    None => out.push_str(&format!("&amp;{n};")),
                }
                rest = &rest[e + 1..];
            }
            _ => {
                out.push_str("&amp;");
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

fn attr<'a>(node: &Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

/// Text under a node, tables inside it left out, `<break/>` and paragraphs as new lines.
fn text_of(node: Node) -> String {
    let mut out = String::new();
    let mut stack: Vec<(Node, bool)> = node.children().rev().map(|n| (n, false)).collect();
    while let Some((n, closing)) = stack.pop() {
        if closing {
            if is(&n, "p") && !out.ends_with('\n') {
                out.push('\n');
            }
            continue;
        }
        if n.is_text() {
            out.push_str(n.text().unwrap_or(""));
            continue;
        }
        if !n.is_element() {
            continue;
        }
        match n.tag_name().name() {
            "table" | "tgroup" | "table-wrap" => continue,
            "break" => out.push('\n'),
            _ => {}
        }
        stack.push((n, true));
        stack.extend(n.children().rev().map(|c| (c, false)));
    }
    out.trim().to_string()
}

fn number(node: &Node, name: &str) -> Option<usize> {
    attr(node, name).and_then(|v| v.trim().parse().ok())
}

/// Rows of a table element in order, with whether each is in the head.
fn rows<'a, 'i>(table: Node<'a, 'i>) -> Vec<(Node<'a, 'i>, bool)> {
    let mut out = Vec::new();
    let mut stack: Vec<(Node, bool)> = table.children().rev().map(|n| (n, false)).collect();
    while let Some((n, head)) = stack.pop() {
        if !n.is_element() {
            continue;
        }
        match n.tag_name().name() {
            "tr" | "row" => out.push((n, head)),
            "thead" | "tbody" | "tfoot" | "tgroup" => {
                let head = head || is(&n, "thead");
                stack.extend(n.children().rev().map(|c| (c, head)));
            }
            _ => {}
        }
    }
    out
}

fn grid(table: Node, place: String) -> Grid {
    // CALS: column names to positions.
    let colspecs: Vec<String> = table
        .descendants()
        .filter(|n| is(n, "colspec"))
        .enumerate()
        .map(|(i, n)| attr(&n, "colname").map_or(format!("#{i}"), str::to_string))
        .collect();
    let position = |name: Option<&str>| name.and_then(|n| colspecs.iter().position(|c| c == n));
    let mut grid = Grid {
        place: place.clone(),
        ..Grid::default()
    };
    for (r, (tr, head)) in rows(table).into_iter().enumerate() {
        let mut row = Row {
            head,
            place: format!("{place} row {}", r + 1),
            ..Row::default()
        };
        let mut col = 0;
        let mut all_th = true;
        for cell in tr.children().filter(|n| n.is_element()) {
            let name = cell.tag_name().name();
            if !matches!(name, "td" | "th" | "entry") {
                continue;
            }
            all_th &= name == "th";
            let (rows, cols) = if name == "entry" {
                let start = position(attr(&cell, "namest").or(attr(&cell, "colname")));
                let end = position(attr(&cell, "nameend"));
                if let Some(start) = start {
                    if start > col {
                        row.cells.push(Cell::spanning("", 1, start - col));
                        col = start;
                    }
                }
                let cols = match (start, end) {
                    (Some(s), Some(e)) if e >= s => e - s + 1,
                    _ => 1,
                };
                (number(&cell, "morerows").unwrap_or(0) + 1, cols)
            } else {
                (
                    number(&cell, "rowspan").unwrap_or(1).max(1),
                    number(&cell, "colspan").unwrap_or(1).max(1),
                )
            };
            row.cells.push(Cell::spanning(text_of(cell), rows, cols));
            col += cols;
        }
        row.head |= all_th && !row.cells.is_empty();
        grid.rows.push(row);
    }
    grid
}

fn meta(doc: &roxmltree::Document) -> Meta {
    let mut meta = Meta::default();
    let root = doc.root_element();
    meta.language = root
        .attributes()
        .find(|a| a.name() == "lang")
        .map(|a| a.value().to_string())
        .unwrap_or_default();
    let Some(article) = doc.descendants().find(|n| is(n, "article-meta")) else {
        return meta;
    };
    for n in article.descendants() {
        match n.tag_name().name() {
            "article-title" if meta.title.is_empty() && n.is_element() => meta.title = text_of(n),
            "article-id" if attr(&n, "pub-id-type") == Some("doi") => meta.doi = text_of(n),
            "contrib" if attr(&n, "contrib-type").is_none_or(|t| t == "author") => {
                let part = |name: &str| {
                    n.descendants()
                        .find(|d| is(d, name))
                        .map(text_of)
                        .unwrap_or_default()
                };
                let (surname, given) = (part("surname"), part("given-names"));
                let name = match (surname.is_empty(), given.is_empty()) {
                    (false, false) => format!("{surname}, {given}"),
                    (false, true) => surname,
                    _ => part("string-name"),
                };
                if !name.is_empty() {
                    meta.authors.push(name);
                }
            }
            "year" if meta.year.is_empty() && n.parent().is_some_and(|p| is(&p, "pub-date")) => {
                meta.year = text_of(n)
            }
            _ => {}
        }
    }
    if let Some(journal) = doc.descendants().find(|n| is(n, "journal-title")) {
        meta.journal = text_of(journal);
    }
    meta
}

pub fn read(display: &str, text: &str) -> Result<Manuscript, Problem> {
    let text = without_doctype(text);
    let doc = parse_xml(display, &text, false)?;
    let mut manuscript = Manuscript {
        meta: meta(&doc),
        ..Manuscript::default()
    };
    for n in doc.descendants() {
        if is(&n, "table-wrap") {
            let label = n
                .children()
                .find(|c| is(c, "label"))
                .map(text_of)
                .unwrap_or_default();
            let caption = n
                .children()
                .find(|c| is(c, "caption"))
                .map(text_of)
                .unwrap_or_default();
            let number = manuscript.tables.len() + 1;
            let place = if label.is_empty() {
                format!("table {number}")
            } else {
                label.clone()
            };
            for table in n.descendants().filter(|d| {
                is(d, "table") || is(d, "tgroup") && !d.parent().is_some_and(|p| is(&p, "table"))
            }) {
                let mut g = grid(table, place.clone());
                g.caption = format!("{label} {caption}").trim().to_string();
                manuscript.tables.push(g);
            }
        } else if is(&n, "p") && !n.ancestors().any(|a| is(&a, "table-wrap")) {
            let t = text_of(n).split_whitespace().collect::<Vec<_>>().join(" ");
            if !t.is_empty() {
                manuscript.paragraphs.push(t);
            }
        }
    }
    Ok(manuscript)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_doctype_is_skipped_and_named_entities_are_read() {
        let article = r#"<?xml version="1.0"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Archiving and Interchange DTD v1.3 20210610//EN" "JATS-archivearticle1-3.dtd" [<!ENTITY lol "lol">]>
<article xml:lang="en"><front><article-meta><title-group><article-title>Themes&nbsp;of trade</article-title></title-group>
<contrib-group><contrib contrib-type="author"><name><surname>Doe</surname><given-names>J.</given-names></name></contrib></contrib-group>
<article-id pub-id-type="doi">10.1/x</article-id><pub-date><year>2024</year></pub-date></article-meta></front>
<body><p>Text &unknown; and &lol;</p><table-wrap><label>Table 2</label><caption><p>Themes</p></caption><table><thead><tr><th colspan="2">Frequency</th></tr></thead><tbody><tr><td rowspan="2">a</td><td>1</td></tr></tbody></table></table-wrap></body></article>"#;
        let m = read("t.xml", article).unwrap();
        assert_eq!(m.meta.title, "Themes\u{a0}of trade");
        assert_eq!(m.meta.authors, vec!["Doe, J."]);
        assert_eq!(
            (
                m.meta.doi.as_str(),
                m.meta.year.as_str(),
                m.meta.language.as_str()
            ),
            ("10.1/x", "2024", "en")
        );
        assert_eq!(m.paragraphs, vec!["Text &unknown; and &lol;"]);
        let g = &m.tables[0];
        assert_eq!(g.place, "Table 2");
        assert!(g.rows[0].head);
        assert_eq!(g.rows[0].cells[0], Cell::spanning("Frequency", 1, 2));
        assert_eq!(g.rows[1].cells[0], Cell::spanning("a", 2, 1));
    }

    #[test]
    fn cals_tables_place_entries_by_column_name() {
        let article = r#"<article><body><table-wrap><oasis:table xmlns:oasis="http://www.niso.org/standards/z39-96/ns/oasis-exchange/table"><oasis:tgroup cols="3"><oasis:colspec colname="c1"/><oasis:colspec colname="c2"/><oasis:colspec colname="c3"/>
<oasis:thead><oasis:row><oasis:entry>Theme</oasis:entry><oasis:entry namest="c2" nameend="c3">Frequency</oasis:entry></oasis:row></oasis:thead>
<oasis:tbody><oasis:row><oasis:entry morerows="1">a</oasis:entry><oasis:entry colname="c3">2</oasis:entry></oasis:row></oasis:tbody></oasis:tgroup></oasis:table></table-wrap></body></article>"#;
        let m = read("t.xml", article).unwrap();
        let g = &m.tables[0];
        assert_eq!(g.rows[0].cells[1], Cell::spanning("Frequency", 1, 2));
        assert_eq!(
            g.rows[1].cells,
            vec![Cell::spanning("a", 2, 1), Cell::new(""), Cell::new("2")]
        );
    }
}

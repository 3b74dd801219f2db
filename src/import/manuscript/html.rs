//! HTML (a journal's full text, thematic's own report, a page saved from a browser): parsed
//! as a browser parses it (html5ever, through scraper), every `<table>` a grid with its
//! `rowspan`/`colspan` (placed by `Grid::slots` as a browser places them), `<thead>` rows and
//! rows of `<th>` only as heads; the citation `<meta>` tags journals write (Highwire's
//! `citation_title`, `citation_author`, `citation_doi` …) for what the paper says of itself.
//!
//! The DOM is in logical order (`dir="rtl"` only changes the display), so nothing is
//! reversed. Every walk is iterative: a page nested thousands deep is walked, not recursed.
//!
//! Not for what the tables mean (`find`).

use super::{Manuscript, Meta};
use crate::codebook::Problem;
use crate::import::grid::{Cell, Grid, Row, MAX_ROWSPAN};
use ego_tree::NodeRef;
use scraper::{Html, Node};

fn element<'a>(node: &NodeRef<'a, Node>) -> Option<&'a scraper::node::Element> {
    node.value().as_element()
}

fn named(node: &NodeRef<Node>, name: &str) -> bool {
    element(node).is_some_and(|e| e.name() == name)
}

/// A cell's or paragraph's text: tables inside it left out, line breaks and blocks as new
/// lines, scripts and styles skipped.
fn text_of(node: NodeRef<Node>) -> String {
    let mut out = String::new();
    let mut stack: Vec<(NodeRef<Node>, bool)> = node.children().rev().map(|n| (n, false)).collect();
    while let Some((n, closing)) = stack.pop() {
        let block = |n: &NodeRef<Node>| {
            element(n).is_some_and(|e| {
                matches!(
                    e.name(),
                    "p" | "div" | "li" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "tr"
                )
            })
        };
        if closing {
            if block(&n) && !out.ends_with('\n') {
                out.push('\n');
            }
            continue;
        }
        match n.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                match e.name() {
                    "table" | "script" | "style" | "template" => continue,
                    "br" => out.push('\n'),
                    _ => {}
                }
                stack.push((n, true));
                stack.extend(n.children().rev().map(|c| (c, false)));
            }
            _ => {}
        }
    }
    out.trim().to_string()
}

fn span(e: &scraper::node::Element, name: &str) -> usize {
    e.attr(name)
        .and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
}

/// The rows of a table (its own, not those of a table inside a cell), each with whether it is
/// in the `<thead>`.
fn rows<'a>(table: NodeRef<'a, Node>) -> Vec<(NodeRef<'a, Node>, bool)> {
    let mut out = Vec::new();
    let mut stack: Vec<(NodeRef<Node>, bool)> =
        table.children().rev().map(|n| (n, false)).collect();
    while let Some((n, head)) = stack.pop() {
        let Some(e) = element(&n) else { continue };
        match e.name() {
            "tr" => out.push((n, head)),
            "thead" | "tbody" | "tfoot" => {
                let head = head || e.name() == "thead";
                stack.extend(n.children().rev().map(|c| (c, head)));
            }
            _ => {}
        }
    }
    out
}

fn grid<'a>(table: NodeRef<'a, Node>, number: usize, nested: &mut Vec<NodeRef<'a, Node>>) -> Grid {
    let mut grid = Grid {
        place: format!("table {number}"),
        ..Grid::default()
    };
    let all = rows(table);
    let height = all.len();
    for (r, (tr, thead)) in all.into_iter().enumerate() {
        let mut row = Row {
            head: thead,
            place: format!("table {number} row {}", r + 1),
            ..Row::default()
        };
        let mut all_th = true;
        for cell in tr.children() {
            let Some(e) = element(&cell) else { continue };
            if !matches!(e.name(), "td" | "th") {
                continue;
            }
            all_th &= e.name() == "th";
            // rowspan="0" runs to the end of the table.
            let rows = match span(e, "rowspan") {
                0 => (height - r).min(MAX_ROWSPAN),
                n => n,
            };
            let cols = span(e, "colspan").max(1);
            row.cells.push(Cell::spanning(text_of(cell), rows, cols));
            let mut stack: Vec<NodeRef<Node>> = cell.children().collect();
            while let Some(n) = stack.pop() {
                if named(&n, "table") {
                    nested.push(n);
                } else {
                    stack.extend(n.children());
                }
            }
        }
        row.head |= all_th && !row.cells.is_empty();
        grid.rows.push(row);
    }
    if let Some(caption) = table.children().find(|n| named(n, "caption")) {
        grid.caption = text_of(caption);
    }
    grid
}

fn meta(html: &Html) -> Meta {
    let mut meta = Meta::default();
    let root = html.root_element();
    meta.language = root.value().attr("lang").unwrap_or("").to_string();
    for node in html.tree.root().descendants() {
        let Some(e) = element(&node) else { continue };
        match e.name() {
            "title" if meta.title.is_empty() => meta.title = text_of(node),
            "meta" => {
                let (Some(name), Some(content)) = (e.attr("name"), e.attr("content")) else {
                    continue;
                };
                let content = content.trim().to_string();
                match name.to_ascii_lowercase().as_str() {
                    "citation_title" | "dc.title" => meta.title = content,
                    "citation_author" | "dc.creator" => meta.authors.push(content),
                    "citation_doi" => meta.doi = content,
                    "dc.identifier" if content.starts_with("10.") => meta.doi = content,
                    "citation_journal_title" => meta.journal = content,
                    "citation_publication_date" | "citation_date" | "citation_year" | "dc.date"
                        if meta.year.is_empty() =>
                    {
                        meta.year = content
                            .chars()
                            .filter(char::is_ascii_digit)
                            .take(4)
                            .collect();
                    }
                    "citation_language" | "dc.language" => meta.language = content,
                    _ => {}
                }
            }
            _ => {}
        }
    }
    meta
}

pub fn read(_display: &str, text: &str) -> Result<Manuscript, Problem> {
    let html = Html::parse_document(text);
    let mut manuscript = Manuscript {
        meta: meta(&html),
        ..Manuscript::default()
    };
    let mut last_text = String::new();
    let mut stack: Vec<NodeRef<Node>> = vec![html.tree.root()];
    while let Some(n) = stack.pop() {
        let Some(e) = element(&n) else {
            stack.extend(n.children().rev());
            continue;
        };
        match e.name() {
            "table" => {
                let mut queue = vec![n];
                while let Some(table) = queue.pop() {
                    let number = manuscript.tables.len() + 1;
                    let mut nested = Vec::new();
                    let mut g = grid(table, number, &mut nested);
                    if g.caption.is_empty() && last_text.chars().count() < 300 {
                        g.caption = last_text.clone();
                    }
                    manuscript.tables.push(g);
                    queue.extend(nested.into_iter().rev());
                }
            }
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "figcaption" => {
                let t = text_of(n).split_whitespace().collect::<Vec<_>>().join(" ");
                if !t.is_empty() {
                    manuscript.paragraphs.push(t.clone());
                    last_text = t;
                }
            }
            "script" | "style" | "template" | "head" => {}
            _ => stack.extend(n.children().rev()),
        }
    }
    Ok(manuscript)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_heads_captions_and_citation_tags() {
        let page = r#"<html lang="en"><head><meta name="citation_title" content="A study"><meta name="citation_author" content="Doe, J."><meta name="citation_doi" content="10.1/x"><meta name="citation_publication_date" content="2024/05/01"></head><body>
        <p>Table 2. Themes</p>
        <table><thead><tr><th rowspan="2">Theme</th><th colspan="2">Frequency</th></tr><tr><th>n</th><th>%</th></tr></thead>
        <tbody><tr><td rowspan="0">Trade<br>ties</td><td>3</td><td>50</td></tr><tr><td>2</td><td>33</td></tr></tbody></table></body></html>"#;
        let m = read("t.html", page).unwrap();
        assert_eq!(m.meta.title, "A study");
        assert_eq!(m.meta.authors, vec!["Doe, J."]);
        assert_eq!(
            (
                m.meta.doi.as_str(),
                m.meta.year.as_str(),
                m.meta.language.as_str()
            ),
            ("10.1/x", "2024", "en")
        );
        let g = &m.tables[0];
        assert_eq!(g.caption, "Table 2. Themes");
        assert!(g.rows[0].head && g.rows[1].head && !g.rows[2].head);
        assert_eq!(g.rows[0].cells[1], Cell::spanning("Frequency", 1, 2));
        assert_eq!(g.rows[2].cells[0], Cell::spanning("Trade\nties", 2, 1));
    }

    #[test]
    fn a_page_nested_ten_thousand_deep_is_walked_without_recursion() {
        let deep = format!(
            "{}<table><tr><td>x</td></tr></table>{}",
            "<div>".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let m = read("t.html", &deep).unwrap();
        assert_eq!(m.tables.len(), 1);
    }
}

//! Word (`.docx`): the tables of `word/document.xml` as grids, the paragraphs as running text,
//! the title and authors from `docProps/core.xml`.
//!
//! WordprocessingML keeps a right-to-left table (`w:bidiVisual`) in logical order, so nothing
//! is reversed here. Merges: `w:gridSpan` spans columns; `w:vMerge="restart"` opens a
//! vertical merge that cells with `w:vMerge` (bare or `continue`) in the same grid column
//! extend; `w:gridBefore` skips columns; `w:tblHeader` marks head rows. Deleted text
//! (`w:del`) is left out, inserted text (`w:ins`) kept. A table inside a cell is a table of
//! its own.
//!
//! Not for what the tables mean (`find`).

use super::{parse_xml, problem, Manuscript, Meta};
use crate::codebook::Problem;
use crate::import::grid::{Cell, Grid, Row};
use roxmltree::Node;
use std::io::Read;

fn is(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|n| is(n, name))
}

/// The `w:val` of an element (any prefix).
fn val<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == "val")
        .map(|a| a.value())
}

fn number_val(node: Option<Node>) -> Option<usize> {
    node.and_then(val).and_then(|v| v.parse().ok())
}

fn on(node: Option<Node>) -> bool {
    node.is_some_and(|n| !matches!(val(n), Some("0" | "false" | "off")))
}

/// The text of a paragraph-holding element, tables inside it left out (they are read on
/// their own), paragraphs and breaks as new lines.
fn text_of<'a, 'i>(node: Node<'a, 'i>, nested: &mut Vec<Node<'a, 'i>>) -> String {
    let mut out = String::new();
    let mut stack: Vec<(Node, bool)> = node.children().rev().map(|n| (n, false)).collect();
    while let Some((n, closing)) = stack.pop() {
        if closing {
            if is(&n, "p") && !out.ends_with('\n') {
                out.push('\n');
            }
            continue;
        }
        if !n.is_element() {
            continue;
        }
        match n.tag_name().name() {
            "tbl" => {
                nested.push(n);
                continue;
            }
            "del" | "delText" | "instrText" | "rPr" | "pPr" => continue,
            "t" => out.push_str(n.text().unwrap_or("")),
            "tab" => out.push(' '),
            "br" | "cr" => out.push('\n'),
            "noBreakHyphen" => out.push('-'),
            _ => {}
        }
        stack.push((n, true));
        stack.extend(n.children().rev().map(|c| (c, false)));
    }
    out.trim().to_string()
}

/// One `w:tbl` as a grid; tables in its cells are pushed to `nested`.
fn table<'a, 'i>(tbl: Node<'a, 'i>, nested: &mut Vec<Node<'a, 'i>>, number: usize) -> Grid {
    let mut grid = Grid {
        place: format!("table {number}"),
        ..Grid::default()
    };
    // Grid column → the cell (row, index) a vertical merge there started at.
    let mut open: std::collections::HashMap<usize, (usize, usize)> = Default::default();
    for tr in tbl.children().filter(|n| is(n, "tr")) {
        let r = grid.rows.len();
        let pr = child(tr, "trPr");
        let mut row = Row {
            head: on(pr.and_then(|p| child(p, "tblHeader"))),
            place: format!("table {number} row {}", r + 1),
            ..Row::default()
        };
        let mut col = 0;
        if let Some(before) = number_val(pr.and_then(|p| child(p, "gridBefore"))) {
            if before > 0 {
                row.cells.push(Cell::spanning("", 1, before));
                col += before;
            }
        }
        // Cells may sit inside content controls (w:sdt/w:sdtContent).
        let mut cells = Vec::new();
        let mut stack: Vec<Node> = tr.children().rev().collect();
        while let Some(n) = stack.pop() {
            if is(&n, "tc") {
                cells.push(n);
            } else if is(&n, "sdt") || is(&n, "sdtContent") || is(&n, "customXml") {
                stack.extend(n.children().rev());
            }
        }
        for tc in cells {
            let pr = child(tc, "tcPr");
            let span = number_val(pr.and_then(|p| child(p, "gridSpan")))
                .unwrap_or(1)
                .max(1);
            let merge = pr.and_then(|p| child(p, "vMerge"));
            let text = text_of(tc, nested);
            match merge.map(|m| val(m).unwrap_or("continue")) {
                Some("restart") => {
                    for c in col..col + span {
                        open.remove(&c);
                    }
                    open.insert(col, (r, row.cells.len()));
                    row.cells.push(Cell::spanning(text, 1, span));
                }
                Some(_) => match open.get(&col).copied() {
                    Some((or, oi)) if grid.rows[or].cells[oi].cols == span => {
                        grid.rows[or].cells[oi].rows += 1;
                    }
                    _ => row.cells.push(Cell::spanning(text, 1, span)),
                },
                None => {
                    for c in col..col + span {
                        open.remove(&c);
                    }
                    row.cells.push(Cell::spanning(text, 1, span));
                }
            }
            col += span;
        }
        grid.rows.push(row);
    }
    grid
}

/// Text of the first element named `name` in a small XML part.
fn first(doc: &roxmltree::Document, name: &str) -> Vec<String> {
    doc.descendants()
        .filter(|n| is(n, name))
        .filter_map(|n| n.text())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// An archive member, read through the manuscript cap.
fn member(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    display: &str,
    name: &str,
) -> Result<Option<String>, Problem> {
    let Ok(entry) = zip.by_name(name) else {
        return Ok(None);
    };
    let size = entry.size();
    let bytes = crate::input::read_capped(
        entry.take(crate::input::MANUSCRIPT.bytes + 1),
        size,
        crate::input::MANUSCRIPT,
    )
    .map_err(|r| super::refused(&format!("{display} ({name})"), r))?;
    let bytes = bytes
        .strip_prefix(b"\xEF\xBB\xBF")
        .map(<[u8]>::to_vec)
        .unwrap_or(bytes);
    String::from_utf8(bytes).map(Some).map_err(|_| {
        problem(
            &format!("{display} ({name})"),
            "this part of the Word file is not UTF-8 XML",
            "save the manuscript again from Word or LibreOffice (File › Save As › .docx)",
        )
    })
}

pub fn read(display: &str, bytes: &[u8]) -> Result<Manuscript, Problem> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        problem(
            display,
            format!("this is not a readable Word file (.docx is a ZIP archive): {e}"),
            "save the manuscript again from Word or LibreOffice (File › Save As › Word .docx)",
        )
    })?;
    let Some(document) = member(&mut zip, display, "word/document.xml")? else {
        return Err(problem(
            display,
            "this ZIP archive has no word/document.xml, so it is not a Word document",
            "give the .docx the word processor saved",
        ));
    };
    let doc = parse_xml(&format!("{display} (word/document.xml)"), &document, false)?;
    let mut manuscript = Manuscript::default();
    let body = doc.descendants().find(|n| is(n, "body"));
    let mut queue: Vec<Node> = Vec::new();
    if let Some(body) = body {
        let mut last_paragraph = String::new();
        let mut stack: Vec<Node> = body.children().rev().collect();
        while let Some(n) = stack.pop() {
            if is(&n, "p") {
                let mut nested = Vec::new();
                let text = text_of(n, &mut nested);
                if !text.is_empty() {
                    manuscript.paragraphs.push(text.replace('\n', " "));
                    last_paragraph = text;
                }
            } else if is(&n, "tbl") {
                queue.clear();
                queue.push(n);
                while let Some(tbl) = queue.pop() {
                    let number = manuscript.tables.len() + 1;
                    let mut nested = Vec::new();
                    let mut grid = table(tbl, &mut nested, number);
                    if last_paragraph.chars().count() < 300 {
                        grid.caption = last_paragraph.clone();
                    }
                    manuscript.tables.push(grid);
                    queue.extend(nested.into_iter().rev());
                }
            } else if is(&n, "sdt") || is(&n, "sdtContent") || is(&n, "customXml") {
                stack.extend(n.children().rev());
            }
        }
    }
    if let Some(core) = member(&mut zip, display, "docProps/core.xml")? {
        if let Ok(core) = parse_xml(&format!("{display} (docProps/core.xml)"), &core, false) {
            manuscript.meta = Meta {
                title: first(&core, "title").into_iter().next().unwrap_or_default(),
                authors: first(&core, "creator")
                    .iter()
                    .flat_map(|c| c.split(';'))
                    .map(|a| a.trim().to_string())
                    .filter(|a| !a.is_empty())
                    .collect(),
                language: first(&core, "language")
                    .into_iter()
                    .next()
                    .unwrap_or_default(),
                ..Meta::default()
            };
        }
    }
    Ok(manuscript)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docx(body: &str) -> Vec<u8> {
        use std::io::Write;
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        let options = zip::write::SimpleFileOptions::default();
        zip.start_file("word/document.xml", options).unwrap();
        write!(zip, r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#).unwrap();
        zip.finish().unwrap();
        out.into_inner()
    }

    fn tc(text: &str, pr: &str) -> String {
        format!("<w:tc><w:tcPr>{pr}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>")
    }

    #[test]
    fn vertical_merges_bare_or_continue_extend_the_cell_that_restarted_them() {
        let body = format!(
            "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
            tc("D", r#"<w:vMerge w:val="restart"/>"#),
            tc("a", ""),
            tc("", r#"<w:vMerge w:val="continue"/>"#),
            tc("b", ""),
            tc("", "<w:vMerge/>"),
            tc("c", "")
        );
        let m = read("t.docx", &docx(&body)).unwrap();
        let g = &m.tables[0];
        assert_eq!(g.rows[0].cells[0], Cell::spanning("D", 3, 1));
        assert_eq!(g.rows[1].cells, vec![Cell::new("b")]);
        assert_eq!(g.rows[2].cells, vec![Cell::new("c")]);
    }

    #[test]
    fn grid_spans_grid_before_header_rows_deleted_text_and_nested_tables() {
        let body = format!(
            r#"<w:p><w:r><w:t>Table 2. Themes</w:t></w:r></w:p><w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>{}</w:tr><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:p><w:r><w:t>kept</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del><w:ins><w:r><w:t> too</w:t></w:r></w:ins></w:p><w:tbl><w:tr>{}</w:tr></w:tbl></w:tc></w:tr></w:tbl>"#,
            tc("Frequency", r#"<w:gridSpan w:val="2"/>"#),
            tc("inner", "")
        );
        let m = read("t.docx", &docx(&body)).unwrap();
        assert_eq!(m.tables.len(), 2);
        let g = &m.tables[0];
        assert!(g.rows[0].head && !g.rows[1].head);
        assert_eq!(g.rows[0].cells[0], Cell::spanning("Frequency", 1, 2));
        assert_eq!(
            g.rows[1].cells,
            vec![Cell::spanning("", 1, 1), Cell::new("kept too")]
        );
        assert_eq!(g.caption, "Table 2. Themes");
        assert_eq!(m.tables[1].rows[0].cells, vec![Cell::new("inner")]);
    }

    #[test]
    fn a_zip_without_a_document_and_bytes_that_are_no_zip_are_refused() {
        let not_zip = read("t.docx", b"PK\x03\x04 truncated").unwrap_err();
        assert!(
            not_zip.message.contains("not a readable Word file"),
            "{}",
            not_zip.message
        );
        let mut out = std::io::Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        zip.start_file("other.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.finish().unwrap();
        let empty = read("t.docx", &out.into_inner()).unwrap_err();
        assert!(empty.message.contains("no word/document.xml"));
    }
}

//! Text extracted from a PDF by any tool. A line with tabs is a table row, its cells between
//! the tabs (as the paper's own extraction, `seeds/`, has them); runs of lines with tabs are a
//! table, blank lines inside it allowed (a page break). Text without tabs is text aligned with
//! spaces (`pdftotext -layout`): its words at their character columns, read as a page's
//! words are (`layout`, text mode: a line a unit down, pages at form feeds). Form feeds
//! (`pdftotext`) count pages. Bidirectional controls (U+202A–U+202E, U+2066–U+2069) are
//! dropped: they only steer display.
//!
//! The cells of a tabbed line may be in visual order: [`Manuscript::visual_order`] is set so
//! that `find` can tell a right-to-left page by its head.
//!
//! Right-to-left text aligned with spaces is refused: poppler's `-layout` output of a Persian
//! table loses letters at the page's edge («وانع» for «موانع»), swaps lam-alef («سالمت» for
//! «سلامت») and puts a number's † on a line of its own (measured on the fixtures in
//! `tests/fixtures/manuscripts/pdf/`), so no reading of it is cell for cell, and the message
//! points at the PDF, which `pdf` reads glyph by glyph.
//!
//! Not for what the tables mean (`find`).

use super::layout::{self, Page, Scale};
use super::Manuscript;
use crate::codebook::Problem;
use crate::import::grid::{Cell, Grid, Row};

fn is_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

pub fn read(display: &str, text: &str) -> Result<Manuscript, Problem> {
    if text.contains('\t') {
        return tabbed(display, text);
    }
    if mostly_right_to_left(text) {
        return Err(Problem::file(
            display,
            "this is right-to-left text aligned with spaces (as pdftotext -layout writes it), which thematic does not read: poppler drops letters at the page's edge, swaps lam-alef and moves a number's † to a line of its own, so its cells cannot be read as printed",
            "give thematic the PDF itself (it reads the glyphs), or text whose table cells are parted by tabs",
        ));
    }
    Ok(laid_out(text))
}

/// Whether most of the letters of a text are of a right-to-left script (Arabic, Hebrew).
fn mostly_right_to_left(text: &str) -> bool {
    let (mut rtl, mut letters) = (0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        {
            rtl += 1;
        }
    }
    rtl * 2 > letters
}

/// Text aligned with spaces (`pdftotext -layout`): words at their character columns, a line
/// a unit down, pages at form feeds.
fn laid_out(text: &str) -> Manuscript {
    let scale = Scale {
        line: 0.5,
        // Rows parted by a blank line are two lines apart.
        row_gap: 2.5,
        cell_gap: 2.0,
        gutter: 1.0,
        snap: 0.5,
        tolerance: 0.6,
        visual_words: false,
        chain_lines: true,
    };
    let mut pages = Vec::new();
    for (p, page) in text.split('\u{c}').enumerate() {
        let mut words = Vec::new();
        for (y, raw) in page.split('\n').enumerate() {
            let chars: Vec<char> = raw
                .chars()
                .filter(|&c| !is_control(c) && c != '\r')
                .map(|c| if c.is_whitespace() { ' ' } else { c })
                .collect();
            words.extend(layout::text_words(&chars, y as f64));
        }
        pages.push(Page {
            number: p + 1,
            words,
            rulings: Vec::new(),
            scale,
        });
    }
    let laid = layout::lay_out(pages);
    Manuscript {
        tables: laid.tables,
        paragraphs: laid.paragraphs,
        ..Manuscript::default()
    }
}

/// Text whose table rows are lines with tabs.
fn tabbed(_display: &str, text: &str) -> Result<Manuscript, Problem> {
    let mut manuscript = Manuscript {
        visual_order: true,
        ..Manuscript::default()
    };
    let mut page = 1;
    let mut grid: Option<Grid> = None;
    let mut first_line = 0;
    let mut last_prose = String::new();
    let finish =
        |grid: &mut Option<Grid>, manuscript: &mut Manuscript, first: usize, last: usize| {
            if let Some(mut g) = grid.take() {
                let n = manuscript.tables.len() + 1;
                g.place = format!("table {n} (lines {first}-{last})");
                manuscript.tables.push(g);
            }
        };
    let mut last_table_line = 0;
    for (i, raw) in text.split('\n').enumerate() {
        let number = i + 1;
        page += raw.matches('\u{c}').count();
        let line: String = raw
            .chars()
            .filter(|&c| !is_control(c) && c != '\u{c}' && c != '\r')
            .collect();
        if line.contains('\t') {
            if grid.is_none() {
                first_line = number;
                grid = Some(Grid {
                    caption: last_prose.clone(),
                    ..Grid::default()
                });
            }
            let cells = line.split('\t').map(|c| Cell::new(c.trim())).collect();
            grid.as_mut().expect("a table").rows.push(Row {
                cells,
                head: false,
                place: format!("line {number} (page {page})"),
            });
            last_table_line = number;
        } else if line.trim().is_empty() {
            continue;
        } else {
            finish(&mut grid, &mut manuscript, first_line, last_table_line);
            let prose = line.trim().to_string();
            manuscript.paragraphs.push(prose.clone());
            last_prose = prose;
        }
    }
    finish(&mut grid, &mut manuscript, first_line, last_table_line);
    Ok(manuscript)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_with_tabs_are_rows_and_blank_lines_do_not_end_a_table() {
        let m = read("t.txt", "Table 2\na\tb\n\n \n\u{202B}c\u{202C}\td\nprose\n").unwrap();
        assert_eq!(m.tables.len(), 1);
        let g = &m.tables[0];
        assert_eq!(g.caption, "Table 2");
        assert_eq!(g.rows.len(), 2);
        assert_eq!(g.rows[1].cells[0].text, "c");
        assert_eq!(g.place, "table 1 (lines 2-5)");
        assert_eq!(m.paragraphs, vec!["Table 2", "prose"]);
    }

    /// thematic's English Word tables of the paper through LibreOffice and `pdftotext -layout`
    /// (tests/fixtures/manuscripts/pdf/make.sh): the thematic table over two pages is one
    /// table, its head repeated on the second in the first page's columns, and each base
    /// theme's label and source codes come out on one row, in order.
    #[test]
    fn space_aligned_text_gives_each_base_theme_its_row() {
        let text = include_str!("../../../tests/fixtures/manuscripts/pdf/paper_en.txt");
        let codebook = include_str!("../../../codebooks/masoumi2025/base_themes.csv");
        let m = laid_out(text);
        let table = m
            .tables
            .iter()
            .find(|t| t.caption.starts_with("Table 2"))
            .expect("table 2");
        let slots = table.slots();
        let cell = |r: usize, c: usize| {
            slots[r][c]
                .map(|s| table.text(s).replace('\n', " "))
                .unwrap_or_default()
        };
        // Its head: the group row ("Frequency as printed" over three columns), the column
        // heads, the heads without a group over both rows.
        assert_eq!(cell(0, 4), "Frequency as printed");
        assert_eq!(cell(0, 6), "Frequency as printed");
        assert_eq!(cell(0, 7), "Recomputed");
        assert_eq!(cell(1, 2), "Base theme");
        assert_eq!(cell(1, 3), "Source codes");
        let mut reader = csv::Reader::from_reader(codebook.as_bytes());
        let themes: Vec<(String, String)> = reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                let codes: String = r[4]
                    .chars()
                    .map(|c| match crate::persian::digit(c) {
                        Some((d, _)) => char::from_digit(d, 10).expect("a digit"),
                        None => c,
                    })
                    .collect();
                (r[3].to_string(), codes)
            })
            .collect();
        let body: Vec<usize> = (2..slots.len())
            .filter(|&r| cell(r, 0) != "Dimension")
            .collect();
        assert_eq!(body.len(), themes.len(), "one row a base theme");
        for (&r, (label, codes)) in body.iter().zip(&themes) {
            assert_eq!(&cell(r, 2), label, "row {r}");
            assert_eq!(cell(r, 3).replace(' ', ""), *codes, "row {r}");
        }
    }
}

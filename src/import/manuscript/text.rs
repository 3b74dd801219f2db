//! Text extracted from a PDF by any tool: a line with tabs is a table row, its cells between
//! the tabs (as the paper's own extraction, `seeds/`, has them); runs of lines with tabs are a
//! table, blank lines inside it allowed (a page break). Form feeds (`pdftotext`) count pages.
//! Every other line is running text. Bidirectional controls (U+202A–U+202E, U+2066–U+2069)
//! are dropped: they only steer display.
//!
//! The cells of such a line may be in visual order: [`Manuscript::visual_order`] is set so
//! that `find` can tell a right-to-left page by its head.
//!
//! Text without tabs is read as `pdftotext -layout` writes it: cells aligned with spaces, a
//! character a column, a line a line; `layout` finds its tables as in a PDF (right-to-left
//! tables in reading order, so `visual_order` is not set).
//!
//! Not for what the tables mean (`find`).

use super::layout::{self, Page, Scale, Word};
use super::Manuscript;
use crate::codebook::Problem;
use crate::import::grid::{Cell, Grid, Row};

fn is_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

pub fn read(display: &str, text: &str) -> Result<Manuscript, Problem> {
    if !text.contains('\t') {
        return Ok(laid_out(text));
    }
    tabbed(display, text)
}

/// Text aligned with spaces (`pdftotext -layout`): words at their character columns, pages
/// at form feeds.
fn laid_out(text: &str) -> Manuscript {
    let scale = Scale {
        line: 0.5,
        row_gap: 1.5,
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
            let mut x = 0;
            while x < chars.len() {
                if chars[x] == ' ' {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < chars.len() && chars[x] != ' ' {
                    x += 1;
                }
                words.push(Word {
                    x0: start as f64,
                    x1: x as f64,
                    baseline: y as f64,
                    size: 1.0,
                    text: chars[start..x].iter().collect(),
                });
            }
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
}

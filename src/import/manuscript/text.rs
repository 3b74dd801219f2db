//! Text extracted from a PDF by any tool: a line with tabs is a table row, its cells between
//! the tabs (as the paper's own extraction, `seeds/`, has them); runs of lines with tabs are a
//! table, blank lines inside it allowed (a page break). Form feeds (`pdftotext`) count pages.
//! Every other line is running text. Bidirectional controls (U+202A–U+202E, U+2066–U+2069)
//! are dropped: they only steer display.
//!
//! The cells of such a line may be in visual order: [`Manuscript::visual_order`] is set so
//! that `find` can tell a right-to-left page by its head.
//!
//! Text aligned with spaces (`pdftotext -layout`) is not read as tables yet: poppler parts
//! cells by a single space where a column is narrow and moves columns from line to line, and
//! reading it by gutters gave wrong codebooks that load (measured on the fixtures). Such text
//! finds no table, and the message points at the PDF itself.
//!
//! Not for what the tables mean (`find`).

use super::Manuscript;
use crate::codebook::Problem;
use crate::import::grid::{Cell, Grid, Row};

fn is_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

pub fn read(display: &str, text: &str) -> Result<Manuscript, Problem> {
    tabbed(display, text)
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

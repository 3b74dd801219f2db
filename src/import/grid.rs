//! A table as every manuscript format gives it: rows of cells, each cell with the rows and
//! columns it spans, and where it was found. The Word, HTML, JATS, text and PDF readers each
//! build a [`Grid`]; [`Grid::slots`] places the cells on a rectangle as a browser does
//! (the WHATWG "forming a table" algorithm: a cell takes the first column its row leaves
//! free, spans are capped), so that finding the thematic table works on one shape.
//!
//! Not for what the cells mean (`manuscript::find`) nor for any format's syntax.

/// The most columns one cell may span (HTML's cap, 1,000).
pub const MAX_COLSPAN: usize = 1000;
/// The most rows one cell may span (HTML's cap, 65,534).
pub const MAX_ROWSPAN: usize = 65534;
/// The widest table placed: no real table is wider; a hostile `colspan` is not allocated.
pub const MAX_COLUMNS: usize = 1000;

/// A cell as the format wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    pub rows: usize,
    pub cols: usize,
}

impl Cell {
    pub fn new(text: impl Into<String>) -> Cell {
        Cell {
            text: text.into(),
            rows: 1,
            cols: 1,
        }
    }

    pub fn spanning(text: impl Into<String>, rows: usize, cols: usize) -> Cell {
        Cell {
            text: text.into(),
            rows: rows.clamp(1, MAX_ROWSPAN),
            cols: cols.clamp(1, MAX_COLSPAN),
        }
    }
}

/// One row: its cells, whether the format marks it a head row, and where it is (a page, a
/// line) for messages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Row {
    pub cells: Vec<Cell>,
    pub head: bool,
    pub place: String,
}

/// A table: its rows, a caption if the format gives one, where it is, and whether its columns
/// came out in visual right-to-left order (text extracted from a PDF).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grid {
    pub rows: Vec<Row>,
    pub caption: String,
    /// "table 2", "table 2 (page 4)", "lines 298-330".
    pub place: String,
}

/// One slot of the placed rectangle: which cell covers it (row and index in that row) and
/// whether this slot is the cell's first row and first column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    pub row: usize,
    pub cell: usize,
    pub first_row: bool,
    pub first_col: bool,
}

impl Grid {
    /// The rectangle of slots, `None` where no cell reaches. A cell spanning past the last row
    /// stops there; a row's cells never overlap a span from above, they move right of it.
    pub fn slots(&self) -> Vec<Vec<Option<Slot>>> {
        let mut placed: Vec<Vec<Option<Slot>>> = vec![Vec::new(); self.rows.len()];
        let height = self.rows.len();
        for (r, row) in self.rows.iter().enumerate() {
            let mut col = 0;
            for (i, cell) in row.cells.iter().enumerate() {
                while placed[r].get(col).is_some_and(Option::is_some) {
                    col += 1;
                }
                if col >= MAX_COLUMNS {
                    break;
                }
                let width = cell.cols.min(MAX_COLUMNS - col);
                let last = (r + cell.rows).min(height);
                for (rr, line) in placed.iter_mut().enumerate().take(last).skip(r) {
                    if line.len() < col + width {
                        line.resize(col + width, None);
                    }
                    for (c, slot) in line.iter_mut().enumerate().skip(col).take(width) {
                        // A span from above keeps its slot (browsers let it overlap; the
                        // earlier cell wins here so that no label is lost).
                        if slot.is_none() {
                            *slot = Some(Slot {
                                row: r,
                                cell: i,
                                first_row: rr == r,
                                first_col: c == col,
                            });
                        }
                    }
                }
                col += width;
            }
        }
        let width = placed.iter().map(Vec::len).max().unwrap_or(0);
        for line in &mut placed {
            line.resize(width, None);
        }
        placed
    }

    /// The text of the cell a slot holds.
    pub fn text(&self, slot: Slot) -> &str {
        &self.rows[slot.row].cells[slot.cell].text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: Vec<Vec<Cell>>) -> Grid {
        Grid {
            rows: rows
                .into_iter()
                .map(|cells| Row {
                    cells,
                    ..Row::default()
                })
                .collect(),
            ..Grid::default()
        }
    }

    fn texts(g: &Grid) -> Vec<Vec<String>> {
        g.slots()
            .iter()
            .map(|line| {
                line.iter()
                    .map(|s| match s {
                        Some(s) if s.first_row && s.first_col => g.text(*s).to_string(),
                        Some(s) => format!("^{}", g.text(*s)),
                        None => "·".into(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_rowspan_pushes_the_next_rows_cells_right() {
        let g = grid(vec![
            vec![Cell::spanning("D", 2, 1), Cell::new("a"), Cell::new("1")],
            vec![Cell::new("b"), Cell::new("2")],
        ]);
        assert_eq!(texts(&g), [["D", "a", "1"], ["^D", "b", "2"]]);
    }

    #[test]
    fn a_colspan_covers_its_columns_and_short_rows_are_padded() {
        let g = grid(vec![
            vec![Cell::new("x"), Cell::spanning("Frequency", 1, 3)],
            vec![Cell::new("y")],
        ]);
        assert_eq!(
            texts(&g),
            [
                ["x", "Frequency", "^Frequency", "^Frequency"],
                ["y", "·", "·", "·"]
            ]
        );
    }

    #[test]
    fn a_span_past_the_end_stops_at_the_last_row_and_hostile_spans_are_capped() {
        let g = grid(vec![vec![Cell::spanning("big", 1_000_000, 1_000_000)]]);
        let slots = g.slots();
        assert_eq!(slots.len(), 1);
        assert_eq!(slots[0].len(), MAX_COLSPAN);
    }
}

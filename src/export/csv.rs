//! CSV: one file per table, UTF-8 without BOM, `\n` line ends, header first.
//!
//! Not for the audit (its findings are prose with evidence: text, Markdown, JSON).

use super::grid::{case_matrix_is_long, grid, Grid, TableName, LONG_CASE_MATRIX_HEADERS};
use crate::tables::Tables;
use std::io::Write;

/// One table as CSV.
pub fn table(tables: &Tables, name: TableName) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail.
    write_table(tables, name, &mut bytes).expect("write to memory");
    bytes
}

/// One table as CSV, written to `out` row by row (the same bytes as [`table`]): a large
/// study's tables are never held whole.
pub fn write_table(tables: &Tables, name: TableName, out: impl Write) -> std::io::Result<()> {
    if name == TableName::CaseMatrix && case_matrix_is_long(tables) {
        return long_case_matrix(tables, out);
    }
    write_grid(grid(tables, name), out)
}

fn write_grid(grid: Grid, out: impl Write) -> std::io::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    writer.write_record(&grid.headers)?;
    for row in grid.rows {
        writer.write_record(&row)?;
    }
    writer.flush()
}

/// The long case × code matrix, written number by number: it has a row per coding (ten million
/// in a large study), and two integers need no quoting or a string per cell. The same cells as
/// the grid's rows (a unit test compares them).
fn long_case_matrix(tables: &Tables, out: impl Write) -> std::io::Result<()> {
    use crate::codebook::source_codes::{push_code, push_decimal};
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut rows = LONG_CASE_MATRIX_HEADERS.join(",");
    rows.push('\n');
    let mut code = String::new();
    for (i, person) in tables.interviewees.iter().enumerate() {
        code.clear();
        // An identifier holds letters, digits, `-` and `_`: nothing CSV quotes.
        push_code(&mut code, person.code);
        for &t in tables.case_matrix.row(i) {
            rows.push_str(&code);
            rows.push(',');
            push_decimal(&mut rows, t + 1);
            rows.push('\n');
        }
        if rows.len() >= 1 << 16 {
            out.write_all(rows.as_bytes())?;
            rows.clear();
        }
    }
    out.write_all(rows.as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::{generate, Spec};

    #[test]
    fn the_fast_long_case_matrix_equals_the_grid() {
        let study = generate(&Spec {
            dimensions: 2,
            components: 3,
            base_themes: 30,
            interviewees: 40_000,
            codings: 60_000,
            error_rate: 0.1,
            seed: 3,
            ids: None,
        });
        let codebook = study.load().expect("synthetic study loads");
        let tables = crate::tables::compute(&codebook).expect("tables");
        assert!(case_matrix_is_long(&tables));
        let (mut via_grid, mut fast) = (Vec::new(), Vec::new());
        write_grid(grid(&tables, TableName::CaseMatrix), &mut via_grid).unwrap();
        long_case_matrix(&tables, &mut fast).unwrap();
        assert_eq!(
            String::from_utf8_lossy(&fast),
            String::from_utf8_lossy(&via_grid)
        );
    }
}

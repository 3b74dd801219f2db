//! CSV: one file per table, UTF-8 without BOM, `\n` line ends, header first.
//!
//! Not for the audit (its findings are prose with evidence: text, Markdown, JSON).

use super::grid::{case_matrix_is_long, grid, Grid, TableName, LONG_CASE_MATRIX_HEADERS};
use crate::tables::Tables;

/// One table as CSV.
pub fn table(tables: &Tables, name: TableName) -> Vec<u8> {
    if name == TableName::CaseMatrix && case_matrix_is_long(tables) {
        return long_case_matrix(tables);
    }
    write_grid(grid(tables, name))
}

fn write_grid(grid: Grid) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    writer.write_record(&grid.headers).expect("write to memory");
    for row in grid.rows {
        writer.write_record(&row).expect("write to memory");
    }
    writer.into_inner().expect("flush to memory")
}

/// The long case × code matrix, written number by number: it has a row per coding (ten million
/// in a large study), and two integers need no quoting or a string per cell. The same cells as
/// the grid's rows (a unit test compares them).
fn long_case_matrix(tables: &Tables) -> Vec<u8> {
    use crate::codebook::source_codes::{push_code, push_decimal};
    let mut out = String::with_capacity(tables.case_matrix.filled() * 12 + 64);
    out.push_str(&LONG_CASE_MATRIX_HEADERS.join(","));
    out.push('\n');
    for (i, person) in tables.interviewees.iter().enumerate() {
        let mut code = String::new();
        // An identifier holds letters, digits, `-` and `_`: nothing CSV quotes.
        push_code(&mut code, person.code);
        for &t in tables.case_matrix.row(i) {
            out.push_str(&code);
            out.push(',');
            push_decimal(&mut out, t + 1);
            out.push('\n');
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codebook::{load, Source};
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
        let dir = tempfile::tempdir().expect("temporary directory");
        for (name, text) in [
            ("dimensions.csv", &study.dimensions),
            ("components.csv", &study.components),
            ("base_themes.csv", &study.base_themes),
            ("interviewees.csv", &study.interviewees),
        ] {
            std::fs::write(dir.path().join(name), text).expect("write codebook");
        }
        let codebook = load(&Source::Dir(dir.path().to_path_buf())).expect("synthetic study loads");
        let tables = crate::tables::compute(&codebook).expect("tables");
        assert!(case_matrix_is_long(&tables));
        let via_grid = write_grid(grid(&tables, TableName::CaseMatrix));
        assert_eq!(
            String::from_utf8_lossy(&long_case_matrix(&tables)),
            String::from_utf8_lossy(&via_grid)
        );
    }
}

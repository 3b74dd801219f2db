//! CSV: one file per table, UTF-8 without BOM, `\n` line ends, header first.

use super::{grid, TableName};
use crate::tables::Tables;

pub fn table(tables: &Tables, name: TableName) -> Vec<u8> {
    let grid = grid(tables, name);
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    writer.write_record(&grid.headers).expect("write to memory");
    for row in &grid.rows {
        writer.write_record(row).expect("write to memory");
    }
    writer.into_inner().expect("flush to memory")
}

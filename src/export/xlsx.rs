//! `tables.xlsx`: every table on a sheet of its own, with the CSV's columns (so a formula or a
//! script reads either), and the audit's findings on one more: numbers as numbers, the header
//! row frozen, an autofilter, column widths from the content, and a conditional format that
//! marks every recomputed value differing from the printed one (a formula, so it follows the
//! user's edits). Sheets read right to left for a right-to-left language.
//!
//! Not for a table as a journal prints it (merged cells break sorting and filtering: that is
//! the Word document) and not for what the columns mean (`grid`).

use super::findings::{evidence, severity, subject};
use super::grid::{grid, Grid, TableName};
use super::publication::Options;
use crate::audit::Audit;
use crate::error::{Error, Result};
use crate::model::Study;
use crate::tables::Tables;
use rust_xlsxwriter::{
    ConditionalFormatFormula, DocProperties, ExcelDateTime, Format, FormatAlign, Workbook,
    Worksheet, XlsxError,
};

/// Rows and columns a sheet can have (Excel's limits).
const SHEET_ROWS: usize = 1_048_576;
const SHEET_COLUMNS: usize = 16_384;

/// Most cells written to one sheet: a table larger is cut to its first rows, with a note
/// pointing to the CSV (which holds everything). Real studies are far below it (the paper's
/// largest sheet, the co-occurrence matrix, has 675 cells); a synthetic study of a million
/// codings filled six sheets of a million cells each and tripled `run`'s time (0.9 → 3.1 s)
/// and memory (0.4 → 1.1 GB).
pub const MAX_SHEET_CELLS: usize = 250_000;

/// The fill of a recomputed value that differs from the printed one.
const DIFFERS_FILL: u32 = 0xFBE3D6;

/// Most characters (UTF-16 units) a cell holds in Excel.
const CELL_CHARACTERS: usize = 32_767;

/// `text` as a cell can hold it: a longer text is cut, and says so and where the whole is.
fn cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.len() <= CELL_CHARACTERS || text.encode_utf16().count() <= CELL_CHARACTERS {
        return text.into();
    }
    let mut units = 0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        units += c.len_utf16();
        if units > CELL_CHARACTERS - 100 {
            break;
        }
        end = i + c.len_utf8();
    }
    format!(
        "{}… (cut: {} characters in all; the CSV has the whole text)",
        &text[..end],
        text.chars().count()
    )
    .into()
}

fn failed(e: XlsxError) -> Error {
    Error::Document {
        file: "tables.xlsx",
        message: e.to_string(),
    }
}

/// The workbook: one sheet per table in [`TableName::all`] order, then `findings`.
pub fn tables(tables: &Tables, study: &Study, audit: &Audit, options: &Options) -> Result<Vec<u8>> {
    let mut workbook = Workbook::new();
    // A fixed creation date: the same tables give the same bytes.
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(failed)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(&tables.study)
            .set_author(format!("thematic {}", env!("CARGO_PKG_VERSION")))
            .set_creation_datetime(&created),
    );
    let head = Format::new()
        .set_bold()
        .set_background_color(0xE7E6E6)
        .set_text_wrap()
        .set_align(FormatAlign::Top);
    let share = Format::new().set_num_format("0.00");
    let differs = Format::new().set_background_color(DIFFERS_FILL);
    for &name in TableName::all() {
        let sheet = workbook.add_worksheet();
        sheet.set_name(name.stem()).map_err(failed)?;
        let grid = grid(tables, name);
        let headers = grid.headers.clone();
        let rows = write_grid(sheet, grid, &head, &share, options).map_err(failed)?;
        mark_mismatches(sheet, &headers, name, rows, &differs).map_err(failed)?;
    }
    let sheet = workbook.add_worksheet();
    sheet.set_name("findings").map_err(failed)?;
    write_findings(sheet, audit, study, options, &head).map_err(failed)?;
    workbook.save_to_buffer().map_err(failed)
}

/// Sheet settings every sheet has: direction, a frozen header row, an autofilter.
fn frame(
    sheet: &mut Worksheet,
    options: &Options,
    rows: usize,
    columns: usize,
) -> std::result::Result<(), XlsxError> {
    sheet.set_right_to_left(options.lang.is_rtl());
    // Printed: landscape, as wide as the page.
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_freeze_panes(1, 0)?;
    if columns > 0 {
        sheet.autofilter(0, 0, rows as u32, (columns - 1) as u16)?;
    }
    Ok(())
}

/// Column width in characters for the longest text seen, within bounds (a long label wraps in
/// its cell rather than pushing the numbers off screen).
fn width(chars: usize) -> f64 {
    (chars as f64 + 2.0).clamp(6.0, 50.0)
}

/// Writes `grid`; returns the number of data rows written.
fn write_grid(
    sheet: &mut Worksheet,
    grid: Grid,
    head: &Format,
    share: &Format,
    options: &Options,
) -> std::result::Result<usize, XlsxError> {
    let columns = grid.headers.len();
    if columns > SHEET_COLUMNS {
        sheet.write_string(
            0,
            0,
            format!(
                "{} columns: more than a sheet holds ({SHEET_COLUMNS}); see the CSV.",
                columns
            ),
        )?;
        return Ok(0);
    }
    let limit = (MAX_SHEET_CELLS / columns.max(1)).min(SHEET_ROWS - 2);
    let mut widths: Vec<usize> = grid.headers.iter().map(|h| h.chars().count()).collect();
    for (c, h) in grid.headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, self::cell(h), head)?;
    }
    let shares: Vec<bool> = grid
        .headers
        .iter()
        .map(|h| h.starts_with("share"))
        .collect();
    let mut written = 0;
    for (r, row) in grid.rows.take(limit).enumerate() {
        let r = (r + 1) as u32;
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let col = c as u16;
            match cell.parse::<f64>() {
                Ok(x) if grid.numeric[c] && shares[c] => {
                    sheet.write_number_with_format(r, col, x, share)?;
                }
                Ok(x) if grid.numeric[c] => {
                    sheet.write_number(r, col, x)?;
                }
                _ => {
                    sheet.write_string(r, col, self::cell(cell))?;
                }
            }
            if r <= 1000 {
                widths[c] = widths[c].max(cell.chars().count());
            }
        }
        written += 1;
    }
    if grid.len > written {
        let note = match options.lang {
            crate::lang::Lang::En => format!(
                "The first {written} of {} rows (a sheet holds at most {MAX_SHEET_CELLS} cells here); the CSV has all of them.",
                grid.len
            ),
            crate::lang::Lang::Fa => format!(
                "{written} ردیف نخست از {} ردیف (هر برگه در اینجا دست‌بالا {MAX_SHEET_CELLS} خانه دارد)؛ فایل CSV همه را دارد.",
                grid.len
            ),
        };
        sheet.write_string((written + 2) as u32, 0, note)?;
    }
    for (c, w) in widths.iter().enumerate() {
        sheet.set_column_width(c as u16, width(*w))?;
    }
    frame(sheet, options, written, columns)?;
    Ok(written)
}

/// Excel's name for column `c` (0-based): A, …, Z, AA, …
fn column_letter(mut c: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Conditional formats: a recomputed value (the base frequency, a sum or a union) that differs
/// from the printed one in its row, when one is printed.
fn mark_mismatches(
    sheet: &mut Worksheet,
    headers: &[String],
    name: TableName,
    rows: usize,
    differs: &Format,
) -> std::result::Result<(), XlsxError> {
    if rows == 0 {
        return Ok(());
    }
    let column = |h: &str| headers.iter().position(|x| x == h);
    let recomputed: &[&str] = match name {
        TableName::BaseThemes => &["distinct"],
        TableName::Components | TableName::Dimensions => &["sum", "union"],
        _ => return Ok(()),
    };
    let Some(printed) = column("printed") else {
        return Ok(());
    };
    let p = column_letter(printed);
    for h in recomputed {
        let Some(c) = column(h) else { continue };
        let x = column_letter(c);
        let rule = ConditionalFormatFormula::new()
            .set_rule(format!("=AND(${p}2<>\"\",${x}2<>${p}2)").as_str())
            .set_format(differs);
        sheet.add_conditional_format(1, c as u16, rows as u32, c as u16, &rule)?;
    }
    Ok(())
}

/// The audit's findings, one per row, numbered as in `audit.json`.
fn write_findings(
    sheet: &mut Worksheet,
    audit: &Audit,
    study: &Study,
    options: &Options,
    head: &Format,
) -> std::result::Result<(), XlsxError> {
    let lang = options.lang;
    let terms = study.terms(lang);
    let headers = [
        "finding",
        "severity",
        "rule",
        "level",
        "subject",
        "message",
        "printed",
        "recomputed",
        "evidence",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(0, c as u16, *h, head)?;
    }
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let shown = audit.findings.len().min(SHEET_ROWS - 1);
    for (i, f) in audit.findings.iter().take(shown).enumerate() {
        let r = (i + 1) as u32;
        sheet.write_number(r, 0, (i + 1) as f64)?;
        sheet.write_string(r, 1, severity(f.severity, lang))?;
        sheet.write_string(r, 2, f.rule)?;
        sheet.write_string(r, 3, format!("{:?}", f.level).to_lowercase())?;
        sheet.write_string(r, 4, cell(&subject(audit, f, lang)))?;
        sheet.write_string_with_format(r, 5, cell(&f.message), &wrap)?;
        if let Some(p) = f.printed {
            sheet.write_number(r, 6, p as f64)?;
        }
        if let Some(x) = f.recomputed {
            sheet.write_number(r, 7, x as f64)?;
        }
        sheet.write_string_with_format(r, 8, cell(&evidence(f, lang, &terms).join("\n")), &wrap)?;
    }
    for (c, w) in [8.0, 10.0, 18.0, 12.0, 30.0, 60.0, 9.0, 11.0, 60.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, *w)?;
    }
    frame(sheet, options, shown, headers.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_longer_than_a_cell_holds_is_cut_and_says_so() {
        let short = "ارتباطات";
        assert_eq!(cell(short), short);
        // Astral characters take two UTF-16 units each, as Excel counts.
        let long = "😀".repeat(20_000);
        let cut = cell(&long);
        assert!(cut.encode_utf16().count() <= CELL_CHARACTERS);
        assert!(cut.ends_with("(cut: 20000 characters in all; the CSV has the whole text)"));
    }

    #[test]
    fn columns_are_lettered_as_excel_does() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }
}

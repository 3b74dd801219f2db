//! Reading one codebook CSV file: encoding, header and row shape, with every problem located.
//!
//! What spreadsheets produce is accepted: UTF-8 with or without a byte-order mark, CRLF line
//! ends, quoted cells. The header is matched by name, so columns may come in any order. What a
//! cell means is not decided here: that is the loader's job (`codebook::load`).

use super::problem::{Problem, Problems};
use csv::StringRecord;
use serde::de::DeserializeOwned;

/// Columns of free text, where a line break inside a cell is allowed.
const MULTILINE: [&str; 5] = ["findings", "note", "role", "topics", "role_en"];

/// One column a codebook file may have.
pub struct ColumnSpec {
    pub name: &'static str,
    pub required: bool,
}

/// One codebook file: its name and its columns.
pub struct FileSpec {
    pub name: &'static str,
    /// What a row of the file is, for messages ("one row per base theme").
    pub rows_are: &'static str,
    pub columns: &'static [ColumnSpec],
    /// A file that may hold no rows: saved with its header only, it holds nothing (no links, no
    /// readings, no interviewees yet in a scheme to code with), which is no problem.
    pub optional: bool,
}

impl FileSpec {
    fn header_line(&self) -> String {
        self.columns
            .iter()
            .map(|c| c.name)
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// A row, deserialised, with its line and the column numbers of the header.
pub struct Row<T> {
    pub line: u64,
    pub value: T,
}

/// A read file: its rows and a way to name a column's position.
pub struct Table<T> {
    /// The file's name within a codebook (`base_themes.csv`).
    pub name: &'static str,
    pub display: String,
    pub headers: Vec<String>,
    pub rows: Vec<Row<T>>,
}

impl<T> Table<T> {
    /// A problem located at a row and a column (by name).
    pub fn problem(&self, line: u64, column: &str, message: String, fix: &str) -> Problem {
        let problem = Problem::file(&self.display, message, fix).at_line(line);
        match self.headers.iter().position(|h| h == column) {
            Some(i) => problem.at_column(i + 1, column),
            None => problem,
        }
    }
}

/// What a file that is not UTF-8 text is, when its bytes say so for certain: a ZIP archive
/// (an .xlsx or .ods workbook), or UTF-16 text (with a byte-order mark, or with every other byte
/// zero, as ASCII-range text in UTF-16 is).
fn not_utf8_text(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(b"PK\x03\x04") {
        return Some(
            "this is a ZIP archive, not text: an Excel (.xlsx) or LibreOffice (.ods) workbook saved \
             under a .csv name"
                .into(),
        );
    }
    if bytes.starts_with(b"\xFF\xFE") {
        return Some("this is UTF-16 text (little-endian, with a byte-order mark), as Excel's \"Unicode Text\" writes, not UTF-8".into());
    }
    if bytes.starts_with(b"\xFE\xFF") {
        return Some("this is UTF-16 text (big-endian, with a byte-order mark), not UTF-8".into());
    }
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() >= 4 {
        let zero = |parity: usize| {
            head.iter()
                .skip(parity)
                .step_by(2)
                .filter(|&&b| b == 0)
                .count()
        };
        let half = head.len() / 2;
        let (even, odd) = (zero(0), zero(1));
        // Every other byte zero, the others not: ASCII-range text in UTF-16.
        if odd * 10 >= half * 9 && even * 10 <= half {
            return Some(
                "this is UTF-16 text (little-endian, without a byte-order mark), not UTF-8".into(),
            );
        }
        if even * 10 >= half * 9 && odd * 10 <= half {
            return Some(
                "this is UTF-16 text (big-endian, without a byte-order mark), not UTF-8".into(),
            );
        }
    }
    None
}

/// How to make any of these files a codebook file.
const SAVE_AS_UTF8: &str =
    "open it in the spreadsheet and save it as \"CSV UTF-8\" (Excel: Save As, \
                            CSV UTF-8; LibreOffice: Save As, Text CSV, character set UTF-8)";

/// Decode bytes as UTF-8 text, dropping a leading BOM; say what the file is when it is not.
fn decode<'a>(display: &str, bytes: &'a [u8]) -> Result<&'a str, Problem> {
    if let Some(what) = not_utf8_text(bytes) {
        return Err(Problem::file(display, what, SAVE_AS_UTF8));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = 1 + good.iter().filter(|&&b| b == b'\n').count() as u64;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = 1 + String::from_utf8_lossy(&good[line_start..]).chars().count();
            Err(Problem {
                file: display.to_string(),
                line: Some(line),
                column: None,
                // Single-byte encodings cannot be told apart for certain: the message names the
                // likely families and does not pick one.
                message: format!(
                    "the file is not UTF-8 text: byte 0x{:02X} at character {column} of the line \
                     cannot be read (a single-byte encoding such as Windows-1256, Persian and \
                     Arabic, or Windows-1252, Western)",
                    bytes[e.valid_up_to()]
                ),
                fix: SAVE_AS_UTF8.into(),
            })
        }
    }
}

/// Read and check one codebook file. On success every row deserialised into `T`; otherwise all
/// problems of the file that can be found without guessing.
pub fn read<T: DeserializeOwned>(
    spec: &FileSpec,
    display: &str,
    bytes: &[u8],
) -> Result<Table<T>, Problems> {
    let text = decode(display, bytes).map_err(Problems::from)?;
    if let Some(offset) = text.find('\u{FEFF}') {
        let line = 1 + text[..offset].matches('\n').count() as u64;
        return Err(Problems::from(Problem::file(
            display,
            "a byte-order mark (U+FEFF) stands in the middle of the file (two files pasted together?)",
            "delete the invisible character at the start of that line, or re-save the file as CSV UTF-8",
        )
        .at_line(line)));
    }
    if text.trim().is_empty() {
        return Err(Problems::from(Problem::file(
            display,
            format!(
                "the file is empty; it should hold a header line and {}",
                spec.rows_are
            ),
            format!(
                "start the file with the header line `{}`",
                spec.header_line()
            ),
        )));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|s| s.trim().to_string()).collect(),
        Err(e) => {
            return Err(Problems::from(Problem::file(
                display,
                format!("cannot read the header: {e}"),
                "",
            )))
        }
    };
    check_header(spec, display, &headers)?;
    let header_record = StringRecord::from(headers.clone());

    let mut problems = Problems::new();
    let mut rows = Vec::new();
    let mut record = StringRecord::new();
    let mut lines = LineCounter::new(text);
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line());
                let mut p = Problem::file(display, format!("cannot read the row: {e}"), "");
                p.line = line;
                problems.push(p);
                break;
            }
        }
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if record.iter().all(|f| f.trim().is_empty()) {
            continue; // blank lines and rows of empty cells, as spreadsheets leave them
        }
        if record.len() != headers.len() {
            problems.push(
                Problem::file(
                    display,
                    format!(
                        "this row has {} cells but the header has {} columns",
                        record.len(),
                        headers.len()
                    ),
                    "put a cell that contains a comma or a line break in double quotes, \
                     and check for a missing or extra comma",
                )
                .at_line(line),
            );
            continue;
        }
        // A column without a header may be in the file only empty.
        for (i, cell) in record.iter().enumerate() {
            if headers[i].is_empty() && !cell.trim().is_empty() {
                problems.push(
                    Problem::file(
                        display,
                        format!(
                            "column {} has no header but holds `{}` on this row",
                            i + 1,
                            cell.trim()
                        ),
                        "give the column its header, or delete it",
                    )
                    .at_line(line)
                    .at_column(i + 1, ""),
                );
            }
        }
        // A line break inside a label or a number is an accident (Alt+Enter in a spreadsheet);
        // free-text columns may hold them.
        for (i, cell) in record.iter().enumerate() {
            let line_break = memchr::memchr2(b'\n', b'\r', cell.as_bytes()).is_some();
            if line_break && !MULTILINE.contains(&headers[i].as_str()) {
                problems.push(
                    Problem::file(
                        display,
                        format!("the `{}` cell holds a line break", headers[i]),
                        "remove the line break inside the quoted cell (in a spreadsheet: Alt+Enter made it)",
                    )
                    .at_line(line)
                    .at_column(i + 1, &headers[i]),
                );
            }
        }
        // Control characters (NUL, ESC, …) come from damaged files or pastes out of other
        // programs; no spreadsheet shows them, and no label should carry them into a chart.
        for (i, cell) in record.iter().enumerate() {
            if let Some((at, c)) = control_character(cell) {
                problems.push(
                    Problem::file(
                        display,
                        format!(
                            "the `{}` cell holds the control character {} at character {at} \
                             of the cell",
                            headers[i],
                            control_name(c)
                        ),
                        "delete it: it is invisible in a spreadsheet (Excel's =CLEAN() removes \
                         such characters), or re-save the file as CSV UTF-8 if it is damaged",
                    )
                    .at_line(line)
                    .at_column(i + 1, &headers[i]),
                );
            }
        }
        // Cells are read trimmed; a record copied only when one has spaces to trim (a large
        // study's source-code cells are most of its bytes).
        let padded = record.iter().any(|f| f.len() != f.trim().len());
        let trimmed: StringRecord;
        let cells = if padded {
            trimmed = record.iter().map(str::trim).collect();
            &trimmed
        } else {
            &record
        };
        match cells.deserialize::<T>(Some(&header_record)) {
            Ok(value) => rows.push(Row { line, value }),
            Err(e) => problems.push(
                Problem::file(display, format!("cannot read the row: {e}"), "").at_line(line),
            ),
        }
    }
    if problems.is_empty() && rows.is_empty() && !spec.optional {
        problems.push(Problem::file(
            display,
            format!(
                "the file has a header but no rows; it should hold {}",
                spec.rows_are
            ),
            "add the rows under the header, or check that you saved the right sheet",
        ));
    }
    if problems.is_empty() {
        Ok(Table {
            name: spec.name,
            display: display.to_string(),
            headers,
            rows,
        })
    } else {
        Err(problems)
    }
}

/// The first control character in a cell and its 1-based position in characters: C0 controls
/// other than tab, CR and LF (line breaks are checked on their own), DEL and C1 controls.
fn control_character(cell: &str) -> Option<(usize, char)> {
    // Most cells have none: one pass over the bytes decides.
    let suspect = cell
        .bytes()
        .any(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F || b == 0xC2);
    if !suspect {
        return None;
    }
    cell.chars()
        .enumerate()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        .map(|(i, c)| (i + 1, c))
}

/// How a message names a control character: its code point and, for the common ones, its name.
fn control_name(c: char) -> String {
    let name = match c {
        '\0' => " (NUL)",
        '\u{7}' => " (bell)",
        '\u{8}' => " (backspace)",
        '\u{B}' => " (vertical tab)",
        '\u{C}' => " (form feed)",
        '\u{1B}' => " (escape)",
        '\u{7F}' => " (delete)",
        _ => "",
    };
    format!("U+{:04X}{name}", u32::from(c))
}

/// Editor's line numbers of records, counted incrementally: the csv crate's own line count
/// skips blank lines and counts CRLF ends one short. A record's position may point at the line
/// ends before it, which belong to no record.
struct LineCounter<'a> {
    text: &'a [u8],
    byte: usize,
    newlines: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> LineCounter<'a> {
        LineCounter {
            text: text.as_bytes(),
            byte: 0,
            newlines: 0,
        }
    }

    /// Line of the record starting at `byte` (records come in increasing order). A line ends
    /// at LF, CRLF or a lone CR (old Mac files; files with mixed endings), as the CSV reader
    /// ends records.
    fn line_at(&mut self, byte: u64) -> u64 {
        let byte = (byte as usize).min(self.text.len());
        if byte >= self.byte {
            self.newlines += line_breaks(self.text, self.byte..byte);
        } else {
            self.newlines = line_breaks(self.text, 0..byte);
        }
        self.byte = byte;
        // Blank lines before the record's first cell.
        let run = self.text[byte..]
            .iter()
            .take_while(|&&b| b == b'\n' || b == b'\r')
            .count();
        1 + (self.newlines + line_breaks(self.text, byte..byte + run)) as u64
    }
}

/// Line breaks in `text[range]`: each LF, and each CR not followed by LF (CRLF is one).
fn line_breaks(text: &[u8], range: std::ops::Range<usize>) -> usize {
    let start = range.start;
    text[range]
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' || (b == b'\r' && text.get(start + i + 1) != Some(&b'\n')))
        .count()
}

fn check_header(spec: &FileSpec, display: &str, headers: &[String]) -> Result<(), Problems> {
    let mut problems = Problems::new();
    let header_problem =
        |message: String, fix: String| Problem::file(display, message, fix).at_line(1);
    if headers.len() == 1 {
        for (delimiter, name) in [(';', "semicolons"), ('\t', "tabs"), ('|', "bars")] {
            if headers[0].contains(delimiter) {
                return Err(Problems::from(header_problem(
                    format!("the file separates its columns with {name}, not commas"),
                    "save it as CSV with comma as the field delimiter \
                     (LibreOffice: Save As, Edit filter settings; Excel: CSV UTF-8)"
                        .into(),
                )));
            }
        }
    }
    let mut seen = std::collections::HashSet::new();
    for (i, name) in headers.iter().enumerate() {
        // Spreadsheets add columns without a header at the right; their cells are checked to be
        // empty row by row.
        if name.is_empty() {
            continue;
        }
        if !seen.insert(name.as_str()) {
            problems.push(
                header_problem(
                    format!("the column `{name}` appears twice"),
                    "delete one of them".into(),
                )
                .at_column(i + 1, name),
            );
        } else if !spec.columns.iter().any(|c| c.name == name) {
            let fix = match closest(name, spec.columns.iter().map(|c| c.name)) {
                Some(known) => format!("rename it `{known}`"),
                None => format!(
                    "delete the column; {} has the columns {}",
                    spec.name,
                    spec.columns
                        .iter()
                        .map(|c| format!("`{}`", c.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            problems.push(
                header_problem(format!("unknown column `{name}`"), fix).at_column(i + 1, name),
            );
        }
    }
    for column in spec.columns.iter().filter(|c| c.required) {
        if !headers.iter().any(|h| h == column.name) {
            problems.push(header_problem(
                format!("the required column `{}` is missing", column.name),
                format!(
                    "add a column headed `{}` (the full header is `{}`)",
                    column.name,
                    spec.header_line()
                ),
            ));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

/// The known name a misspelt header most likely meant: same letters ignoring case, spaces,
/// `-` and `_`, or at most two edits away.
fn closest<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-'))
            .flat_map(char::to_lowercase)
            .collect()
    };
    let target = squash(name);
    known
        .map(|k| (strsim::levenshtein(&squash(k), &target), k))
        .filter(|&(d, _)| d <= 2)
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    struct Pair {
        a: String,
        #[serde(default)]
        b: String,
    }

    const SPEC: FileSpec = FileSpec {
        optional: false,
        name: "pairs.csv",
        rows_are: "one row per pair",
        columns: &[
            ColumnSpec {
                name: "a",
                required: true,
            },
            ColumnSpec {
                name: "b",
                required: false,
            },
        ],
    };

    fn lines(r: Result<Table<Pair>, Problems>) -> Vec<(Option<u64>, String)> {
        r.err()
            .unwrap()
            .into_iter()
            .map(|p| (p.line, p.message))
            .collect()
    }

    #[test]
    fn bom_crlf_and_column_order_are_accepted() {
        let t: Table<Pair> = read(
            &SPEC,
            "p.csv",
            b"\xEF\xBB\xBFb,a\r\nx,1\r\n\r\ny,\"2,3\"\r\n",
        )
        .unwrap();
        let got: Vec<_> = t
            .rows
            .iter()
            .map(|r| (r.line, r.value.a.as_str(), r.value.b.as_str()))
            .collect();
        assert_eq!(got, [(2, "1", "x"), (4, "2,3", "y")]);
    }

    #[test]
    fn lines_end_at_lf_crlf_and_lone_cr() {
        let text = "a\rb\r\nc\nd\r\re";
        let mut lines = LineCounter::new(text);
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(lines.line_at(2), 2);
        assert_eq!(lines.line_at(5), 3);
        assert_eq!(lines.line_at(7), 4);
        // `e` after an empty line ended by a lone CR.
        assert_eq!(lines.line_at(10), 6);
    }

    #[test]
    fn line_counter_counts_incrementally_across_blank_lines_and_crlf() {
        let text = "h\r\na\r\n\r\nb\nc\n";
        let mut lines = LineCounter::new(text);
        assert_eq!(lines.line_at(0), 1);
        assert_eq!(lines.line_at(3), 2); // "a"
        assert_eq!(lines.line_at(6), 4); // points at the blank line before "b"
        assert_eq!(lines.line_at(10), 5); // "c"
        assert_eq!(lines.line_at(3), 2); // going back recounts
    }

    #[test]
    fn control_characters_are_refused_where_they_stand() {
        let problems = read::<Pair>(
            &SPEC,
            "p.csv",
            "a,b\nok,fine\nx\0y,\"tab\there\"\nz,\"ق\u{1B}\"\nw,\u{85}\n".as_bytes(),
        )
        .err()
        .unwrap();
        let messages: Vec<_> = problems.shown().iter().map(|p| p.to_string()).collect();
        assert_eq!(messages.len(), 3, "{messages:#?}");
        assert!(messages[0].starts_with("p.csv:3:1 (column `a`): the `a` cell holds the control character U+0000 (NUL) at character 2"), "{}", messages[0]);
        assert!(messages[1].starts_with("p.csv:4:2 (column `b`): the `b` cell holds the control character U+001B (escape) at character 2"), "{}", messages[1]);
        assert!(
            messages[2].contains("U+0085 at character 1"),
            "{}",
            messages[2]
        );
        assert!(control_character("plain, ordinary; ق ک ی «»\t").is_none());
    }

    #[test]
    fn optional_columns_may_be_absent() {
        let t: Table<Pair> = read(&SPEC, "p.csv", b"a\n1\n").unwrap();
        assert_eq!(t.rows[0].value.b, "");
    }

    #[test]
    fn header_problems_are_all_reported() {
        let problems = read::<Pair>(&SPEC, "p.csv", b"A_,c,c\n1,2,3\n")
            .err()
            .unwrap();
        let messages: Vec<_> = problems.shown().iter().map(|p| p.to_string()).collect();
        assert_eq!(messages.len(), 4, "{messages:#?}");
        assert!(
            messages[0].contains("unknown column `A_`") && messages[0].contains("rename it `a`")
        );
        assert!(messages[1].contains("p.csv:1:2") && messages[1].contains("unknown column `c`"));
        assert!(messages[2].contains("appears twice"));
        assert!(messages[3].contains("required column `a` is missing"));
    }

    #[test]
    fn shape_and_encoding_problems_are_located() {
        assert_eq!(
            lines(read(&SPEC, "p.csv", b"a,b\n1,2\n3\n4,5,6\n")),
            [
                (
                    Some(3),
                    "this row has 1 cells but the header has 2 columns".to_string()
                ),
                (
                    Some(4),
                    "this row has 3 cells but the header has 2 columns".to_string()
                ),
            ]
        );
        let bad = lines(read(&SPEC, "p.csv", b"a,b\n1,\xe1\xed\n"));
        assert_eq!(bad[0].0, Some(2));
        assert!(bad[0].1.contains("not UTF-8"));
        let mid_bom = lines(read(&SPEC, "p.csv", "a,b\n1,2\n\u{FEFF}a,b\n".as_bytes()));
        assert_eq!(mid_bom[0].0, Some(3));
        assert!(lines(read(&SPEC, "p.csv", b""))[0].1.contains("empty"));
        assert!(lines(read(&SPEC, "p.csv", b"a,b\n"))[0]
            .1
            .contains("no rows"));
        assert!(lines(read(&SPEC, "p.csv", b"a;b\n1;2\n"))[0]
            .1
            .contains("semicolons"));
        assert!(lines(read(&SPEC, "p.csv", b"a\tb\n1\t2\n"))[0]
            .1
            .contains("tabs"));
    }
}

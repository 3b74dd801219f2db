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
//! Right-to-left text aligned with spaces (poppler's `-layout` of a Persian table) holds its
//! cells in visual order, each cell's text in logical order inside bidirectional embeddings.
//! Each line is mirrored (every embedded run to the mirror of its columns) so that it reads
//! as a left-to-right table in logical column order; the pieces of a left-to-right embedding
//! are put in the order written; a number's † that poppler set on a line of its own goes
//! back to its number. What poppler loses stays lost: it writes the lam-alef ligature (لا) as
//! ال, so every word with ال is a call (`Manuscript::doubtful`), and what lies past the
//! page's edge is dropped («وانع» for «موانع»), so a table there is not found and the
//! message points at the PDF, which `pdf` reads glyph by glyph (measured on the fixtures in
//! `tests/fixtures/manuscripts/pdf/`).
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
    let right_to_left = mostly_right_to_left(text);
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
        mirrored: right_to_left,
    };
    // The page's right edge: the longest line, in visible characters.
    let width = text
        .split(['\n', '\u{c}'])
        .map(|l| l.chars().filter(|&c| !is_control(c) && c != '\r').count())
        .max()
        .unwrap_or(0);
    let mut pages = Vec::new();
    for (p, page) in text.split('\u{c}').enumerate() {
        let mut words = Vec::new();
        for (y, raw) in page.split('\n').enumerate() {
            let chars: Vec<char> = if right_to_left {
                mirrored(raw, width)
            } else {
                raw.chars()
                    .filter(|&c| !is_control(c) && c != '\r')
                    .map(|c| if c.is_whitespace() { ' ' } else { c })
                    .collect()
            };
            words.extend(layout::text_words(&chars, y as f64));
        }
        if right_to_left {
            marks_to_their_numbers(&mut words);
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
        mirrored: right_to_left,
        // The lam-alef ligature's ToUnicode is (lam, alef) and poppler turns it round with
        // the rest of the right-to-left run (measured: «سالمت» for «سلامت»), while a printed
        // alef-lam comes out the same: every ال may have been لا.
        doubtful: if right_to_left {
            vec![("ال", "لا")]
        } else {
            Vec::new()
        },
        ..Manuscript::default()
    }
}

/// A line of right-to-left text aligned with spaces, mirrored so that it reads as a
/// left-to-right table in logical column order: each run poppler wrapped in an embedding
/// (U+202B … U+202C, its text in logical order) and each other word moves to the mirror of
/// its columns, its text kept as it is.
fn mirrored(raw: &str, width: usize) -> Vec<char> {
    let mut runs: Vec<(usize, Vec<char>)> = Vec::new();
    let (mut column, mut depth) = (0usize, 0usize);
    let mut current: Option<(usize, Vec<char>)> = None;
    for c in embeddings_in_reading_order(raw)
        .into_iter()
        .filter(|&c| c != '\r')
    {
        match c {
            // An embedding's ends close the run outside it (a run is one outermost embedding).
            c if is_control(c) => {
                if depth == 0 {
                    runs.extend(current.take());
                }
                if matches!(c, '\u{202C}' | '\u{2069}') {
                    depth = depth.saturating_sub(1);
                } else {
                    depth += 1;
                }
                if depth == 0 {
                    runs.extend(current.take());
                }
                continue;
            }
            c if c.is_whitespace() && depth == 0 => runs.extend(current.take()),
            c => {
                let c = if c.is_whitespace() { ' ' } else { c };
                current
                    .get_or_insert_with(|| (column, Vec::new()))
                    .1
                    .push(c);
            }
        }
        column += 1;
    }
    runs.extend(current);
    let mut line = vec![' '; width.max(column)];
    let width = line.len();
    for (start, text) in runs {
        // A run's own spaces at its ends would move its words off their columns.
        let at = width - start - text.len();
        line[at..at + text.len()].copy_from_slice(&text);
    }
    line
}

/// A line with the pieces of each left-to-right embedding (U+202A … U+202C) in the order
/// written. poppler writes such a run in visual order, which is the order written for a
/// number or a Latin word but not for the spaces and punctuation beside it, which belong to
/// the right-to-left text around: ` :۲` is «۲: », ` /` is «/ », `masoumi2025 :` is
/// «: masoumi2025». So the run's pieces (each word with the punctuation inside it, each other
/// character) are put in reverse order, each piece kept as it is.
fn embeddings_in_reading_order(raw: &str) -> Vec<char> {
    let chars: Vec<char> = raw.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\u{202A}' {
            if let Some(len) = chars[i + 1..].iter().position(|&c| is_control(c)) {
                if chars[i + 1 + len] == '\u{202C}' {
                    out.push(chars[i]);
                    for piece in pieces(&chars[i + 1..i + 1 + len]).iter().rev() {
                        out.extend_from_slice(piece);
                    }
                    out.push(chars[i + 1 + len]);
                    i += len + 2;
                    continue;
                }
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

/// A left-to-right run's pieces: each word (letters and digits, with the punctuation between
/// two of them and a percent sign after one: `۱-۲-۳`, `۵۰٫۰٪`, `ANAS`), and each other
/// character on its own.
fn pieces(run: &[char]) -> Vec<&[char]> {
    let inside = |i: usize| {
        let c = run[i];
        c.is_alphanumeric()
            || (matches!(c, '%' | '٪') && i > 0 && run[i - 1].is_alphanumeric())
            || (!c.is_whitespace()
                && i > 0
                && i + 1 < run.len()
                && run[i - 1].is_alphanumeric()
                && run[i + 1].is_alphanumeric())
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < run.len() {
        let start = i;
        if inside(i) {
            while i < run.len() && inside(i) {
                i += 1;
            }
        } else {
            i += 1;
        }
        out.push(&run[start..i]);
    }
    out
}

/// The most columns poppler leaves between a number and its mark (two spaces, measured on
/// the fixtures; cells are at least three apart).
const MARK_GAP: f64 = 3.0;

/// Marks (†, ‡, *, §) that poppler set apart from the number they follow (a superscript of
/// right-to-left text, on a line of its own or beside another cell's value), joined to that
/// number: the one nearest the mark's columns, on the mark's line or the nearest line above
/// or below that is not only marks. A mark printed raised cannot be below its number's line:
/// when poppler put the number above its mark, the number goes to the first line under the mark
/// that is not only marks (where the row's other cells are). Lines this leaves empty close up.
fn marks_to_their_numbers(words: &mut Vec<layout::Word>) {
    let is_mark = |t: &str| t.chars().all(|c| matches!(c, '†' | '‡' | '*' | '§'));
    let is_number = |t: &str| {
        t.chars().any(|c| crate::persian::digit(c).is_some())
            && t.chars()
                .all(|c| crate::persian::digit(c).is_some() || matches!(c, '.' | '٫' | '%' | '٪'))
    };
    let before: std::collections::BTreeSet<i64> = words.iter().map(|w| w.baseline as i64).collect();
    // Lines with a word that is not a mark: where numbers are (lines of marks are skipped).
    let with_words: std::collections::BTreeSet<i64> = words
        .iter()
        .filter(|w| !is_mark(&w.text))
        .map(|w| w.baseline as i64)
        .collect();
    let above = |y: i64| with_words.range(..y).next_back().copied();
    let below = |y: i64| with_words.range(y + 1..).next().copied();
    let mut joined = vec![false; words.len()];
    for m in 0..words.len() {
        if !is_mark(&words[m].text) {
            continue;
        }
        let (x0, x1, y) = (words[m].x0, words[m].x1, words[m].baseline);
        let lines = [Some(y as i64), above(y as i64), below(y as i64)];
        // Columns between the mark and a number (0: they touch or overlap).
        let gap = |n: &layout::Word| (n.x0 - x1).max(x0 - n.x1).max(0.0);
        let near = (0..words.len())
            .filter(|&n| {
                !joined[n]
                    && lines.contains(&Some(words[n].baseline as i64))
                    && is_number(&words[n].text)
                    && gap(&words[n]) <= MARK_GAP
            })
            .min_by(|&a, &b| {
                let d = |n: usize| (gap(&words[n]), (words[n].baseline - y).abs());
                let (da, db) = (d(a), d(b));
                da.0.total_cmp(&db.0).then(da.1.total_cmp(&db.1))
            });
        if let Some(n) = near {
            let mark = words[m].text.clone();
            words[n].text.push_str(&mark);
            if words[n].baseline < y {
                words[n].baseline = below(y as i64).map_or(y + 1.0, |b| b as f64);
            }
            joined[m] = true;
        }
    }
    // A mark with no number near, on a line of marks, is only a raised sign poppler moved
    // away from its number: a value is read without its marks anyway (`find::printed`).
    for m in 0..words.len() {
        if is_mark(&words[m].text) && !with_words.contains(&(words[m].baseline as i64)) {
            joined[m] = true;
        }
    }
    let mut i = 0;
    words.retain(|_| {
        i += 1;
        !joined[i - 1]
    });
    let after: std::collections::BTreeSet<i64> = words.iter().map(|w| w.baseline as i64).collect();
    let gone: Vec<i64> = before.difference(&after).copied().collect();
    for w in words.iter_mut() {
        let above = gone.iter().filter(|&&g| g < w.baseline as i64).count();
        w.baseline -= above as f64;
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

    fn line(chars: &[char]) -> String {
        chars.iter().collect::<String>().trim_end().to_string()
    }

    #[test]
    fn a_right_to_left_line_is_mirrored_run_by_run_each_runs_text_kept() {
        // poppler: the cells right first, each in an embedding, its text in logical order.
        let raw = "\u{202B}\u{202A}۳\u{202C}\u{202C}   \u{202B}اینترنت ناپایدار\u{202C}";
        assert_eq!(line(&mirrored(raw, 24)), "    اینترنت ناپایدار   ۳");
    }

    #[test]
    fn spaces_and_punctuation_poppler_embedded_left_to_right_come_in_the_order_written() {
        let read = |raw: &str| -> String {
            embeddings_in_reading_order(raw)
                .into_iter()
                .filter(|&c| !is_control(c))
                .collect()
        };
        assert_eq!(
            read("\u{202B}دیپلماسی \u{202A} /\u{202C}سیاسی\u{202C}"),
            "دیپلماسی / سیاسی"
        );
        assert_eq!(
            read("\u{202B}جدول \u{202A} :۲\u{202C}کدگذاری\u{202C}"),
            "جدول ۲: کدگذاری"
        );
        assert_eq!(
            read("\u{202B}فراوانی\u{202A}masoumi2025 :\u{202C}\u{202C}"),
            "فراوانی: masoumi2025"
        );
        // A number's inner punctuation and its percent sign stay with it.
        assert_eq!(read("\u{202A}۱-۲-۳ ۵۰٫۰٪\u{202C}"), "۵۰٫۰٪ ۱-۲-۳");
    }

    fn word(text: &str, x0: f64, y: f64) -> layout::Word {
        layout::Word {
            x0,
            x1: x0 + text.chars().count() as f64,
            baseline: y,
            size: 1.0,
            text: text.into(),
        }
    }

    #[test]
    fn a_mark_on_a_line_of_its_own_goes_back_to_its_number_and_the_line_closes_up() {
        // 13 set a line above its mark, 38 a line under its own: both belong to line 2.
        let mut words = vec![
            word("۱۳", 20.0, 0.0),
            word("†", 10.0, 1.0),
            word("†", 21.0, 1.0),
            word("تعامل", 0.0, 2.0),
            word("۳۸", 10.0, 2.0),
            word("بعد", 0.0, 3.0),
        ];
        marks_to_their_numbers(&mut words);
        let at: Vec<(&str, f64)> = words
            .iter()
            .map(|w| (w.text.as_str(), w.baseline))
            .collect();
        assert_eq!(
            at,
            [("۱۳†", 0.0), ("تعامل", 0.0), ("۳۸†", 0.0), ("بعد", 1.0)]
        );
    }

    #[test]
    fn right_to_left_text_aligned_with_spaces_doubts_its_alef_lams() {
        let text = include_str!("../../../tests/fixtures/manuscripts/pdf/paper_fa.txt");
        let m = read("t.txt", text).unwrap();
        assert_eq!(m.doubtful, [("ال", "لا")]);
        let en = include_str!("../../../tests/fixtures/manuscripts/pdf/paper_en.txt");
        assert!(read("t.txt", en).unwrap().doubtful.is_empty());
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

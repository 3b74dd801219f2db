//! The tables for Word, Excel and LaTeX, read back as their readers would and compared cell by
//! cell with the CSV tables of the same run: the .docx unzipped and its WordprocessingML
//! parsed (grid, merges, direction, digits), the .xlsx opened with calamine (values and
//! types) and its sheet XML checked for direction, frozen panes, filters and conditional
//! formats, the LaTeX fragments checked for their rules, merges and escapes. (How the
//! documents look is checked by LibreOffice in `.ci/documents.sh`.)

use crate::workdir::Workdir;
use calamine::{Data, Reader};
use std::collections::BTreeMap;
use std::io::Read;

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Every entry of a ZIP archive, by name.
pub fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).unwrap();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            (entry.name().unwrap().to_string(), content)
        })
        .collect()
}

/// The XML parts of a .docx or .xlsx, as text.
pub fn parts(bytes: &[u8]) -> Vec<(String, String)> {
    unzip(bytes)
        .into_iter()
        .filter(|(name, _)| name.ends_with(".xml") || name.ends_with(".rels"))
        .map(|(name, content)| (name, String::from_utf8(content).unwrap()))
        .collect()
}

/// A table of a Word document as a reader sees it: merged cells repeated in every row and
/// column they cover.
#[derive(Debug)]
struct WordTable {
    caption: String,
    right_to_left: bool,
    grid_columns: usize,
    rows: Vec<Vec<String>>,
    /// Cells that start a vertical merge.
    merges: usize,
}

fn w<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<roxmltree::Node<'a, 'a>> {
    node.children().find(|c| c.has_tag_name((W, name)))
}

fn text_of(node: roxmltree::Node) -> String {
    node.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            p.descendants()
                .filter(|t| t.has_tag_name((W, "t")))
                .filter_map(|t| t.text())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn word_tables(docx: &[u8]) -> Vec<WordTable> {
    let files = unzip(docx);
    let xml = String::from_utf8(files["word/document.xml"].clone()).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let body = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name((W, "body")))
        .unwrap();
    let mut tables = Vec::new();
    let mut last_paragraph = String::new();
    for node in body.children().filter(|n| n.is_element()) {
        if node.has_tag_name((W, "p")) {
            last_paragraph = text_of(node);
            continue;
        }
        if !node.has_tag_name((W, "tbl")) {
            continue;
        }
        let properties = w(node, "tblPr").unwrap();
        let grid_columns = w(node, "tblGrid")
            .unwrap()
            .children()
            .filter(|c| c.is_element())
            .count();
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut merges = 0;
        for tr in node.children().filter(|n| n.has_tag_name((W, "tr"))) {
            let mut row = Vec::new();
            for tc in tr.children().filter(|n| n.has_tag_name((W, "tc"))) {
                let tc_pr = w(tc, "tcPr").unwrap();
                let span = w(tc_pr, "gridSpan")
                    .and_then(|s| s.attribute((W, "val")))
                    .map_or(1, |v| v.parse::<usize>().unwrap());
                let merge =
                    w(tc_pr, "vMerge").map(|m| m.attribute((W, "val")).unwrap_or("continue"));
                let text = match merge {
                    Some("continue") => rows.last().unwrap()[row.len()].clone(),
                    Some("restart") => {
                        merges += 1;
                        text_of(tc)
                    }
                    _ => text_of(tc),
                };
                for _ in 0..span {
                    row.push(text.clone());
                }
            }
            assert_eq!(row.len(), grid_columns, "a row that does not fill the grid");
            rows.push(row);
        }
        tables.push(WordTable {
            caption: last_paragraph.clone(),
            right_to_left: w(properties, "bidiVisual").is_some(),
            grid_columns,
            rows,
            merges,
        });
    }
    tables
}

/// A CSV table of a run: its header and rows.
fn csv_table(wd: &Workdir, relative: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut reader = csv::Reader::from_path(wd.path().join(relative)).unwrap();
    let headers = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (headers, rows)
}

fn column(headers: &[String], name: &str) -> usize {
    headers.iter().position(|h| h == name).unwrap()
}

/// ASCII digits made Persian (written here independently of the code under test).
fn persian(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => "۰۱۲۳۴۵۶۷۸۹".chars().nth(c as usize - '0' as usize).unwrap(),
            c => c,
        })
        .collect()
}

/// Merged runs the coding table should have: each dimension and each component with more than
/// one base theme merges its label and its printed, sum and union cells (four each); the head
/// merges its four ungrouped columns down its two rows.
fn expected_merges(headers: &[String], themes: &[Vec<String>]) -> usize {
    let runs_longer_than_one = |key: &dyn Fn(&Vec<String>) -> String| {
        let keys: Vec<String> = themes.iter().map(key).collect();
        let mut runs = Vec::new();
        for k in keys {
            match runs.last_mut() {
                Some((last, n)) if *last == k => *n += 1,
                _ => runs.push((k, 1)),
            }
        }
        runs.iter().filter(|(_, n)| *n > 1).count()
    };
    let (d, c) = (column(headers, "dimension"), column(headers, "component"));
    let dimensions = runs_longer_than_one(&|t| t[d].clone());
    let components = runs_longer_than_one(&|t| format!("{}/{}", t[d], t[c]));
    4 + 4 * dimensions + 4 * components
}

#[test]
fn the_word_coding_table_holds_every_base_theme_with_printed_and_recomputed_values() {
    let wd = Workdir::new();
    wd.run(&["run", "--out", "o"]).ok();
    let docx = std::fs::read(wd.path().join("o/tables.docx")).unwrap();
    let tables = word_tables(&docx);
    assert_eq!(
        tables.len(),
        4,
        "roster, coding table, dimensions, components"
    );
    for t in &tables {
        assert!(
            t.right_to_left,
            "a Persian table must be laid out right to left"
        );
    }
    let coding = &tables[1];
    assert!(coding.caption.starts_with("جدول ۲: "), "{}", coding.caption);
    assert_eq!(coding.grid_columns, 12);
    let (h, themes) = csv_table(&wd, "o/base_themes.csv");
    let (ch, components) = csv_table(&wd, "o/components.csv");
    let (dh, dimensions) = csv_table(&wd, "o/dimensions.csv");
    // Two head rows, then one row per base theme in codebook order.
    let body = &coding.rows[2..];
    assert_eq!(body.len(), themes.len());
    let dash = |s: &str| {
        if s.is_empty() {
            "—".to_string()
        } else {
            persian(s)
        }
    };
    let marked = |recomputed: &str, printed: &str| {
        if !printed.is_empty() && printed != recomputed {
            format!("{}†", persian(recomputed))
        } else {
            persian(recomputed)
        }
    };
    for (row, theme) in body.iter().zip(&themes) {
        let dimension = &theme[column(&h, "dimension")];
        let component = &theme[column(&h, "component")];
        let c = components
            .iter()
            .find(|c| {
                &c[column(&ch, "dimension")] == dimension
                    && &c[column(&ch, "component")] == component
            })
            .unwrap();
        let d = dimensions
            .iter()
            .find(|d| &d[column(&dh, "dimension")] == dimension)
            .unwrap();
        let printed = &theme[column(&h, "printed")];
        let (c_printed, d_printed) = (&c[column(&ch, "printed")], &d[column(&dh, "printed")]);
        let expected = [
            dimension.clone(),
            component.clone(),
            theme[column(&h, "base_theme")].clone(),
            persian(&theme[column(&h, "source_codes")]),
            dash(printed),
            dash(c_printed),
            dash(d_printed),
            marked(&theme[column(&h, "distinct")], printed),
            marked(&c[column(&ch, "sum")], c_printed),
            marked(&c[column(&ch, "union")], c_printed),
            marked(&d[column(&dh, "sum")], d_printed),
            marked(&d[column(&dh, "union")], d_printed),
        ];
        assert_eq!(row, &expected);
    }
    assert_eq!(coding.merges, expected_merges(&h, &themes));
    // Persian digits only: no ASCII digit in any cell of the tables.
    for t in &tables {
        for cell in t.rows.iter().flatten() {
            assert!(
                !cell.chars().any(|c| c.is_ascii_digit()),
                "ASCII digit in {cell:?}"
            );
        }
    }
    // The legend of the mark is under the table.
    let xml = String::from_utf8(unzip(&docx)["word/document.xml"].clone()).unwrap();
    assert!(xml.contains("† با عدد چاپ‌شده مطابقت ندارد"));
    assert!(xml.contains("<w:bidi/>") && xml.contains("<w:rtl/>"));
}

#[test]
fn the_word_roster_lists_every_interviewee_and_english_documents_read_left_to_right() {
    let wd = Workdir::new();
    wd.run(&[
        "tables",
        "--format",
        "docx",
        "--lang",
        "en",
        "--digits",
        "latin",
        "--font-name",
        "Georgia",
        "--out",
        "o",
    ])
    .ok();
    wd.run(&["tables", "--format", "csv", "--out", "csv"]).ok();
    let docx = std::fs::read(wd.path().join("o/tables.docx")).unwrap();
    let tables = word_tables(&docx);
    let roster = &tables[0];
    assert!(
        roster.caption.starts_with("Table 1: "),
        "{}",
        roster.caption
    );
    assert!(!roster.right_to_left);
    let (h, interviewees) = csv_table(&wd, "csv/interviewees.csv");
    let body = &roster.rows[2..];
    assert_eq!(body.len(), interviewees.len());
    for (row, person) in body.iter().zip(&interviewees) {
        assert_eq!(row[0], person[column(&h, "code")]);
        assert_eq!(row[5], person[column(&h, "base_themes")]);
        assert_eq!(row[6], person[column(&h, "components")]);
        assert_eq!(row[7], person[column(&h, "dimensions")]);
    }
    // English labels everywhere, and no right-to-left markup.
    let files = unzip(&docx);
    let xml = String::from_utf8(files["word/document.xml"].clone()).unwrap();
    assert!(
        !xml.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
        "Arabic script in an English document"
    );
    assert!(!xml.contains("bidi"));
    assert!(xml.contains("Zarif"));
    let styles = String::from_utf8(files["word/styles.xml"].clone()).unwrap();
    assert!(styles.contains(r#"w:cs="Georgia""#));
}

#[test]
fn the_review_letter_has_every_finding_of_the_audit() {
    let wd = Workdir::new();
    let run = wd
        .command(&["check", "--format", "docx", "--fail-on", "never"])
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let audit = wd
        .run(&["check", "--format", "json", "--fail-on", "never"])
        .json();
    let findings = audit["findings"].as_array().unwrap();
    let tables = word_tables(&run.stdout);
    // One row per finding across the letter's tables (and a head row each).
    let rows: usize = tables.iter().map(|t| t.rows.len() - 1).sum();
    assert_eq!(rows, findings.len());
    for t in &tables {
        assert!(t.right_to_left);
        assert_eq!(t.rows[0], ["شدت", "قاعده", "موضوع", "مورد ممیزی", "شواهد"]);
    }
    let messages: Vec<&str> = tables
        .iter()
        .flat_map(|t| t.rows[1..].iter().map(|r| r[3].as_str()))
        .collect();
    for f in findings {
        assert!(
            messages.contains(&f["message"].as_str().unwrap()),
            "missing {}",
            f["message"]
        );
    }
}

#[test]
fn the_spreadsheet_holds_every_table_cell_by_cell_with_numbers_as_numbers() {
    let wd = Workdir::new();
    wd.run(&["run", "--out", "o"]).ok();
    let bytes = std::fs::read(wd.path().join("o/tables.xlsx")).unwrap();
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.clone())).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "base_themes",
            "components",
            "dimensions",
            "interviewees",
            "case_matrix",
            "cooccurrence",
            "findings"
        ]
    );
    for sheet in [
        "base_themes",
        "components",
        "dimensions",
        "interviewees",
        "case_matrix",
        "cooccurrence",
    ] {
        let (headers, rows) = csv_table(&wd, &format!("o/{sheet}.csv"));
        let range = book.worksheet_range(sheet).unwrap();
        let got: Vec<Vec<Data>> = range.rows().map(|r| r.to_vec()).collect();
        assert_eq!(got.len(), rows.len() + 1, "{sheet}");
        for (c, h) in headers.iter().enumerate() {
            assert_eq!(got[0][c], Data::String(h.clone()), "{sheet} head");
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let value = got[r + 1].get(c).cloned().unwrap_or(Data::Empty);
                match value {
                    Data::Empty => assert!(cell.is_empty(), "{sheet} {r} {c}: {cell:?} left out"),
                    Data::Float(x) => {
                        assert_eq!(x, cell.parse::<f64>().unwrap(), "{sheet} {r} {c}")
                    }
                    Data::String(s) => {
                        assert_eq!(&s, cell);
                        assert!(
                            cell.parse::<f64>().is_err()
                                || headers[c] == "source_codes"
                                || headers[c] == "name",
                            "{sheet} {}: number {cell} as text",
                            headers[c]
                        );
                    }
                    other => panic!("{sheet} {r} {c}: {other:?}"),
                }
            }
        }
    }
    let audit: serde_json::Value = serde_json::from_str(&wd.read("o/audit.json")).unwrap();
    let findings = book.worksheet_range("findings").unwrap();
    let findings: Vec<Vec<Data>> = findings.rows().map(|r| r.to_vec()).collect();
    assert_eq!(
        findings.len(),
        audit["findings"].as_array().unwrap().len() + 1
    );
    for (row, f) in findings[1..]
        .iter()
        .zip(audit["findings"].as_array().unwrap())
    {
        assert_eq!(row[2], Data::String(f["rule"].as_str().unwrap().into()));
        assert_eq!(row[5], Data::String(f["message"].as_str().unwrap().into()));
    }
    // Right to left, the header frozen, filters, and the mismatches marked.
    let files = unzip(&bytes);
    for i in 1..=7 {
        let sheet =
            String::from_utf8(files[&format!("xl/worksheets/sheet{i}.xml")].clone()).unwrap();
        assert!(sheet.contains(r#"rightToLeft="1""#), "sheet {i}");
        assert!(sheet.contains(r#"state="frozen""#), "sheet {i}");
        assert!(sheet.contains("<autoFilter"), "sheet {i}");
    }
    let base_themes = String::from_utf8(files["xl/worksheets/sheet1.xml"].clone()).unwrap();
    assert!(base_themes.contains("<conditionalFormatting"));
    assert!(base_themes.contains(r#"AND($I2&lt;&gt;"",$H2&lt;&gt;$I2)"#));
}

#[test]
fn latex_fragments_have_rules_merges_and_every_row() {
    let wd = Workdir::new();
    wd.run(&["tables", "--format", "latex", "--lang", "en", "--out", "o"])
        .ok();
    wd.run(&["tables", "--format", "csv", "--out", "csv"]).ok();
    let (h, themes) = csv_table(&wd, "csv/base_themes.csv");
    let coding = wd.read("o/latex/base_themes.tex");
    assert!(coding.starts_with("% Table 2: "));
    assert!(coding.contains(r"\usepackage{booktabs,multirow,array,rotating}"));
    for rule in [
        r"\toprule",
        r"\midrule",
        r"\bottomrule",
        r"\begin{sidewaystable}",
    ] {
        assert!(coding.contains(rule), "{rule}");
    }
    // Head rows (two) and a row per base theme, each ending in \\; a \multirow per merged group.
    let rows = coding.lines().filter(|l| l.ends_with(r" \\")).count();
    assert_eq!(rows, 2 + themes.len());
    assert_eq!(
        coding.matches(r"\multirow{").count(),
        expected_merges(&h, &themes)
    );
    assert_eq!(
        wd.read("o/tables.tex").matches(r"\begin{tabular}").count(),
        4
    );
    assert!(coding.contains(r"\textsuperscript{\dag}"));
    // One fragment per printed table only.
    let mut files: Vec<String> = std::fs::read_dir(wd.path().join("o/latex"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    assert_eq!(
        files,
        [
            "base_themes.tex",
            "components.tex",
            "dimensions.tex",
            "interviewees.tex"
        ]
    );
}

#[test]
fn latex_escapes_what_a_label_holds() {
    let wd = Workdir::new();
    wd.paper_codebook("cb");
    wd.edit(
        "cb/base_themes.csv",
        "Transport cooperation",
        r"Transport & 100% {costs} #1 $_~^\",
    );
    let run = wd.run(&[
        "tables",
        "--codebook",
        "cb",
        "--format",
        "latex",
        "--lang",
        "en",
        "--table",
        "base-themes",
    ]);
    let fragment = run.ok();
    assert!(
        fragment.contains(r"Transport \& 100\% \{costs\} \#1 \$\_\textasciitilde{}\textasciicircum{}\textbackslash{}"),
        "{fragment}"
    );
}

#[test]
fn documents_are_the_same_bytes_every_time() {
    let wd = Workdir::new();
    wd.run(&["run", "--out", "a"]).ok();
    wd.run(&["run", "--out", "b"]).ok();
    for file in ["tables.docx", "audit.docx", "tables.xlsx", "tables.tex"] {
        let a = std::fs::read(wd.path().join("a").join(file)).unwrap();
        let b = std::fs::read(wd.path().join("b").join(file)).unwrap();
        assert!(a == b, "{file} differs between two runs");
    }
    // No clock in the archives: every entry carries the same fixed time.
    for file in ["tables.docx", "tables.xlsx"] {
        let bytes = std::fs::read(wd.path().join("a").join(file)).unwrap();
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for i in 0..archive.len() {
            let entry = archive.by_index(i).unwrap();
            let time = entry.last_modified().unwrap();
            assert_eq!(
                (time.year(), time.month(), time.day()),
                (1980, 1, 1),
                "{file} {}",
                entry.name().unwrap()
            );
        }
    }
}

#[test]
fn formats_that_hold_every_table_refuse_one_table() {
    let wd = Workdir::new();
    let message = wd
        .run(&[
            "tables",
            "--format",
            "docx",
            "--table",
            "components",
            "--out",
            "o",
        ])
        .failed();
    assert!(message.contains("drop --table"), "{message}");
    let message = wd
        .run(&["tables", "--format", "latex", "--table", "case-matrix"])
        .failed();
    assert!(message.contains("not a table a paper prints"), "{message}");
    let message = wd.run(&["run", "--out", "o", "--font-name", ""]).failed();
    assert!(message.contains("--font-name"), "{message}");
}

#[test]
fn the_english_dimension_table_in_latex() {
    let wd = Workdir::new();
    let fragment = wd
        .run(&[
            "tables",
            "--format",
            "latex",
            "--table",
            "dimensions",
            "--lang",
            "en",
        ])
        .ok();
    insta::assert_snapshot!(fragment);
}

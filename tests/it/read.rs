//! `thematic read` through the real binary: the paper's own extraction read into the committed
//! codebook (every difference a recorded reading), round trips of thematic's own Word tables
//! and HTML report for the paper, an English study and a synthetic one, made-up manuscripts of
//! other studies written by other programs, and broken or hostile manuscripts.

use crate::workdir::Workdir;
use std::collections::BTreeMap;
use std::path::Path;

/// A codebook file as rows of column → value.
fn rows(dir: &Path, file: &str) -> Vec<BTreeMap<String, String>> {
    let Ok(mut reader) = csv::Reader::from_path(dir.join(file)) else {
        return Vec::new();
    };
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            headers
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// What the eye compares: the label key, without the spaces and ZWNJs that text extraction
/// drops or adds (`برنامههای` for `برنامه‌های`).
fn key(text: &str) -> String {
    thematic::persian::match_key(text).replace([' ', '\u{200c}'], "")
}

/// A printed number as a number where it is one (digits of any script).
fn number(text: &str) -> String {
    let t = text.trim().trim_end_matches(['%', '٪']);
    thematic::persian::parse_number(t).map_or(key(text), |n| n.to_string())
}

/// The original's value of `column` in `lang`: the `_en` column for English where it has one.
fn label(row: &BTreeMap<String, String>, column: &str, english: bool) -> String {
    if english {
        if let Some(en) = row.get(&format!("{column}_en")).filter(|v| !v.is_empty()) {
            return en.clone();
        }
    }
    row.get(column).cloned().unwrap_or_default()
}

/// Every cell where the read codebook differs from the original, as `file row column: read ≠
/// original`: labels and grouping, source codes, printed frequencies, the roster's codes
/// and names.
fn differences(original: &Path, read: &Path, english: bool) -> Vec<String> {
    let mut out = Vec::new();
    // The parents' English labels are in their own files.
    let mut english_of: BTreeMap<(String, String), String> = BTreeMap::new();
    for (file, column) in [
        ("dimensions.csv", "dimension"),
        ("components.csv", "component"),
    ] {
        for row in rows(original, file) {
            english_of.insert(
                (column.to_string(), row[column].clone()),
                label(&row, column, true),
            );
        }
    }
    let roster: Vec<thematic::case_id::CaseId> = rows(original, "interviewees.csv")
        .iter()
        .filter_map(|r| thematic::case_id::CaseId::parse(&r["code"]).ok())
        .collect();
    let codes = |text: &str| -> Vec<String> {
        let Ok(list) = thematic::codebook::source_codes::parse_source_codes(text) else {
            return vec![format!("unparsed: {text}")];
        };
        let list = thematic::codebook::source_codes::split_joined(&list, |c| roster.contains(&c))
            .unwrap_or(list);
        list.iter().map(|c| c.written().into_owned()).collect()
    };
    let files: [(&str, &[&str], &[&str]); 4] = [
        ("dimensions.csv", &["dimension"], &["printed_frequency"]),
        (
            "components.csv",
            &["dimension", "component"],
            &["printed_frequency"],
        ),
        (
            "base_themes.csv",
            &["dimension", "component", "base_theme"],
            &["printed_frequency"],
        ),
        ("interviewees.csv", &["name"], &[]),
    ];
    for (file, labels, numbers) in files {
        let (a, b) = (rows(original, file), rows(read, file));
        if a.len() != b.len() {
            out.push(format!(
                "{file}: {} rows read, {} in the original",
                b.len(),
                a.len()
            ));
        }
        for (i, (o, r)) in a.iter().zip(&b).enumerate() {
            let subject = r.get(labels[labels.len() - 1]).cloned().unwrap_or_default();
            for column in labels.iter() {
                let mut want = label(o, column, english);
                if english
                    && file != "dimensions.csv"
                    && (*column == "dimension"
                        || *column == "component" && file == "base_themes.csv")
                {
                    if let Some(en) = english_of.get(&(column.to_string(), o[*column].clone())) {
                        want = en.clone();
                    }
                }
                let got = r.get(*column).cloned().unwrap_or_default();
                if key(&want) != key(&got) {
                    out.push(format!(
                        "{file} row {} {column} [{subject}]: {got} ≠ {want}",
                        i + 1
                    ));
                }
            }
            let shares = ["printed_percent"];
            let shares = if o.get("printed_percent").is_some_and(|p| !p.is_empty()) {
                &shares[..]
            } else {
                &[]
            };
            for column in numbers.iter().chain(shares) {
                let (want, got) = (
                    o.get(*column).cloned().unwrap_or_default(),
                    r.get(*column).cloned().unwrap_or_default(),
                );
                if number(&want) != number(&got) {
                    out.push(format!(
                        "{file} row {} {column} [{subject}]: {got} ≠ {want}",
                        i + 1
                    ));
                }
            }
            if file == "base_themes.csv" && codes(&o["source_codes"]) != codes(&r["source_codes"]) {
                out.push(format!(
                    "{file} row {} source_codes [{subject}]: {} ≠ {}",
                    i + 1,
                    r["source_codes"],
                    o["source_codes"]
                ));
            }
            if file == "interviewees.csv" && codes(&o["code"]) != codes(&r["code"]) {
                out.push(format!(
                    "{file} row {} code: {} ≠ {}",
                    i + 1,
                    r["code"],
                    o["code"]
                ));
            }
        }
    }
    out
}

/// The synthetic study of 100 base themes the round trips use (the PDF fixture `synth100` was
/// made from it: tests/fixtures/manuscripts/pdf/make.sh), as `synth/`.
fn synth100(wd: &Workdir) {
    wd.run(&[
        "synth",
        "--themes",
        "100",
        "--interviewees",
        "40",
        "--codings",
        "600",
        "--components",
        "10",
        "--dimensions",
        "3",
        "--out",
        "synth",
    ])
    .ok();
}

fn read(wd: &Workdir, paper: &str, out: &str) -> String {
    wd.run_within(60, &["read", paper, "--out", out]).ok()
}

/// Tables as `thematic tables --format docx` writes them, read back.
fn docx_round_trip(wd: &Workdir, codebook: &str, lang: &str) -> Vec<String> {
    let tables = format!("tables-{lang}");
    wd.run(&[
        "tables",
        "--codebook",
        codebook,
        "--format",
        "docx",
        "--lang",
        lang,
        "--out",
        &tables,
    ])
    .ok();
    let back = format!("back-{lang}");
    let said = read(wd, &format!("{tables}/tables.docx"), &back);
    assert!(said.contains("found table 2: the thematic table"), "{said}");
    assert!(said.contains("no judgement calls"), "{said}");
    differences(
        &wd.path().join(codebook),
        &wd.path().join(back),
        lang == "en",
    )
}

#[test]
fn the_papers_word_tables_read_back_into_the_paper_in_both_languages() {
    let wd = Workdir::new();
    wd.paper_codebook("paper");
    for lang in ["fa", "en"] {
        let diff = docx_round_trip(&wd, "paper", lang);
        assert!(diff.is_empty(), "{lang}: {diff:#?}");
    }
}

#[test]
fn an_english_study_with_p_ids_and_a_synthetic_one_read_back_from_word() {
    let wd = Workdir::new();
    wd.fixture("ids_en", "ids");
    let diff = docx_round_trip(&wd, "ids", "en");
    assert!(diff.is_empty(), "{diff:#?}");
    synth100(&wd);
    let diff = docx_round_trip(&wd, "synth", "en");
    assert!(diff.is_empty(), "{diff:#?}");
}

#[test]
fn the_papers_html_report_reads_back_into_the_paper() {
    let wd = Workdir::new();
    wd.paper_codebook("paper");
    wd.run(&["report", "--codebook", "paper", "--out", "report"])
        .ok();
    let said = read(&wd, "report/report.html", "back");
    assert!(said.contains("the thematic table"), "{said}");
    // The report prints the base themes' printed numbers, the totals and the roster's codes
    // and names; its theme table repeats each label on every row instead of merging cells.
    let diff = differences(&wd.path().join("paper"), &wd.path().join("back"), false);
    assert!(diff.is_empty(), "{diff:#?}");
}

#[test]
fn the_papers_extraction_reads_into_the_committed_codebook_every_difference_a_reading() {
    let wd = Workdir::new();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/manuscripts/masoumi2025-extracted.txt");
    let said = read(&wd, fixture.to_str().unwrap(), "read");
    assert!(
        said.contains("16 interviewee(s)") && said.contains("25 base theme(s)"),
        "{said}"
    );
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("codebooks/masoumi2025");
    let unrecorded = differences_without_a_reading(&committed, &wd.path().join("read"), false);
    // The findings are compared on their own below (the roster's names are in `differences`).
    assert!(
        unrecorded.is_empty(),
        "differences without a reading: {unrecorded:#?}"
    );
    let findings = |dir: &Path| -> Vec<Vec<String>> {
        rows(dir, "interviewees.csv")
            .iter()
            .map(|r| r["findings"].split(['،', ',']).map(key).collect())
            .collect()
    };
    let (ours, theirs) = (findings(&wd.path().join("read")), findings(&committed));
    let codes: Vec<String> = rows(&wd.path().join("read"), "interviewees.csv")
        .iter()
        .map(|r| r["code"].clone())
        .collect();
    let readings = rows(&wd.path().join("read"), "readings.csv");
    for (i, (a, b)) in ours.iter().zip(&theirs).enumerate() {
        if a != b {
            assert!(
                readings.iter().any(|r| r["file"] == "interviewees.csv"
                    && key(&r["subject"]) == key(&codes[i])
                    && r["column"] == "findings"),
                "findings of {} differ without a reading",
                codes[i]
            );
        }
    }
}

fn fixture_path(name: &str) -> String {
    // `.ci/pdf.sh` makes the PDFs afresh with this machine's LibreOffice and points here.
    if let (Some(pdf), Some(dir)) = (
        name.strip_prefix("pdf/"),
        std::env::var_os("THEMATIC_PDF_FIXTURES"),
    ) {
        let fresh = Path::new(&dir).join(pdf);
        if fresh.exists() {
            return fresh.display().to_string();
        }
    }
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/manuscripts")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn check_run_and_report_take_a_paper_and_audit_it_in_one_step() {
    let wd = Workdir::new();
    let paper = fixture_path("masoumi2025-extracted.txt");
    let check = wd.run_within(
        60,
        &[
            "check", "--paper", &paper, "--format", "json", "--lang", "en",
        ],
    );
    assert_eq!(check.code(), 1, "{}", check.stderr());
    let audit: serde_json::Value =
        serde_json::from_str(&check.stdout()).expect("stdout is the audit alone");
    let rules: Vec<&str> = audit["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"ambiguous-reading") && rules.contains(&"base-count-mismatch"),
        "{rules:?}"
    );
    assert!(
        check.stderr().contains("read: found table 2"),
        "{}",
        check.stderr()
    );

    wd.run_within(120, &["run", "--paper", &paper, "--out", "out"])
        .ok();
    // The codebook read is written beside the outputs, and runs as it is.
    for file in [
        "dimensions.csv",
        "base_themes.csv",
        "interviewees.csv",
        "readings.csv",
        "study.toml",
    ] {
        assert!(
            wd.path().join("out/codebook").join(file).is_file(),
            "no codebook/{file}"
        );
    }
    assert!(wd
        .read("out/codebook/study.toml")
        .contains("read_from = \"masoumi2025-extracted.txt\""));
    wd.run_within(
        120,
        &[
            "report", "--paper", &paper, "--out", "report", "--lang", "en",
        ],
    )
    .ok();
    let page = wd.read("report/report.html");
    assert!(
        page.contains("Where the numbers come from"),
        "no method paragraph"
    );
    assert!(page.contains("read from the manuscript"));
    // --paper and --codebook name two codebooks: refused.
    let both = wd.run(&["check", "--paper", &paper, "--codebook", "x"]);
    assert_eq!(both.code(), 2);
}

#[test]
fn several_manuscripts_are_read_each_into_its_own_codebook_with_a_summary() {
    let wd = Workdir::new();
    wd.paper_codebook("paper");
    wd.run(&[
        "tables",
        "--codebook",
        "paper",
        "--format",
        "docx",
        "--out",
        "t",
    ])
    .ok();
    std::fs::copy(wd.path().join("t/tables.docx"), wd.path().join("a.docx")).unwrap();
    std::fs::copy(
        fixture_path("masoumi2025-extracted.txt"),
        wd.path().join("b.txt"),
    )
    .unwrap();
    wd.write("c.docx", "not a zip");
    let run = wd.run_within(
        60,
        &["read", "a.docx", "b.txt", "c.docx", "--out", "papers"],
    );
    assert_eq!(
        run.code(),
        2,
        "one manuscript cannot be read: {}",
        run.stdout()
    );
    assert!(
        run.stderr()
            .contains("1 of 3 manuscript(s) could not be read"),
        "{}",
        run.stderr()
    );
    let summary = rows(&wd.path().join("papers"), "summary.csv");
    assert_eq!(summary.len(), 3);
    assert_eq!(
        (
            summary[0]["base_themes"].as_str(),
            summary[0]["readings"].as_str()
        ),
        ("25", "0")
    );
    assert_eq!(summary[1]["interviewees"], "16");
    assert!(
        summary[2]["problem"].contains("not a Word file"),
        "{:?}",
        summary[2]
    );
    assert!(!summary[0]["audit_errors"].is_empty());
    assert!(
        wd.path().join("papers/a/base_themes.csv").is_file()
            && wd.path().join("papers/b/base_themes.csv").is_file()
    );
}

#[test]
fn a_manuscript_without_a_theme_table_or_a_hostile_one_exits_2_quickly_with_a_message() {
    let wd = Workdir::new();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("plain.txt", b"An essay with no table at all.\n".to_vec(), "no thematic table found among its 0 table(s)"),
        ("other.html", b"<table><tr><th>Year</th><th>GDP</th></tr><tr><td>2020</td><td>3</td></tr></table>".to_vec(), "no thematic table found among its 1 table(s)"),
        ("notzip.docx", b"plain text named .docx".to_vec(), "not a Word file"),
        ("truncated.docx", b"PK\x03\x04\x14\x00\x00\x00".to_vec(), "not a readable Word file"),
        ("old.doc", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 rest".to_vec(), "Word 97-2003"),
        ("latin1.txt", b"caf\xe9\tx\n".to_vec(), "not UTF-8"),
        ("deep.xml", format!("<?xml version=\"1.0\"?><article>{}</article>", "<sec>".repeat(10_000) + &"</sec>".repeat(10_000)).into_bytes(), "nested more than 4096 elements deep"),
        ("big.html", format!("<html><body>{}</body></html>", "<p>words and words</p>".repeat(500_000)).into_bytes(), "no thematic table found"),
        ("nested.html", format!("{}x{}", "<table><tr><td>".repeat(10_000), "</td></tr></table>".repeat(10_000)).into_bytes(), "no thematic table found"),
        ("bomb.xml", b"<?xml version=\"1.0\"?><!DOCTYPE article [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><article><body><p>&c;&c;&c;</p></body></article>".to_vec(), "no thematic table found"),
    ];
    let fixture = |name: &str| std::fs::read(fixture_path(name)).unwrap();
    let mut cases = cases;
    cases.extend([
        (
            "truncated.pdf",
            fixture("pdf/nurses.pdf")[..20_000].to_vec(),
            "the PDF cannot be read",
        ),
        (
            "not-a-pdf.pdf",
            b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec(),
            "the PDF cannot be read",
        ),
        (
            "self-drawing.pdf",
            fixture("hostile/self-drawing.pdf"),
            "a form XObject that calls itself",
        ),
        ("scan.pdf", fixture("hostile/no-text.pdf"), "no text in it"),
        (
            "layout.txt",
            fixture("pdf/teachers_fa_past_edge.txt"),
            "right-to-left text aligned with spaces",
        ),
    ]);
    for (name, bytes, message) in cases {
        wd.write(name, bytes);
        let started = std::time::Instant::now();
        let run = wd.run_within(90, &["read", name, "--out", "out"]);
        assert_eq!(run.code(), 2, "{name}: {}", run.stdout());
        assert!(run.stderr().contains(message), "{name}: {}", run.stderr());
        assert!(
            run.stderr().contains(name),
            "{name}: the message names the file: {}",
            run.stderr()
        );
        assert!(!run.stderr().contains("panicked"), "{name}");
        // Not a benchmark (BENCHMARKS.md has those): a guard against reading that does not
        // end or grows faster than the input. A debug build with both cores busy took 21 s
        // on the 10 MB page; what this guards against would take hours.
        assert!(
            started.elapsed().as_secs() < 90,
            "{name} took {:?}",
            started.elapsed()
        );
        assert!(!wd.path().join("out").exists(), "{name}: nothing written");
    }
}

/// A made-up manuscript read into the codebook its study is (`expected/`), cell for cell.
fn reads_as_expected(paper: &str, expected: &str, english: bool) -> String {
    let wd = Workdir::new();
    let said = read(&wd, &fixture_path(paper), "read");
    let expected = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/manuscripts/expected")
        .join(expected);
    let diff = differences(&expected, &wd.path().join("read"), english);
    assert!(diff.is_empty(), "{paper}: {diff:#?}\n{said}");
    // Roles and the roster's other columns, where the study prints them.
    for (want, got) in rows(&expected, "interviewees.csv")
        .iter()
        .zip(rows(&wd.path().join("read"), "interviewees.csv"))
    {
        for column in ["role", "year", "topics", "findings"] {
            if let Some(w) = want.get(column) {
                assert_eq!(
                    key(w),
                    key(&got[column]),
                    "{paper}: {column} of {}",
                    want["code"]
                );
            }
        }
    }
    said
}

#[test]
fn an_english_paper_in_html_word_and_jats_reads_cell_for_cell() {
    // Frequencies and shares before the participants; P1…P14; merged global and organizing
    // themes (rowspan in HTML and JATS, vMerge in the Word file LibreOffice wrote from it); the
    // roster a CALS table in JATS.
    for paper in ["nurses.html", "nurses.docx", "nurses.xml"] {
        let said = reads_as_expected(paper, "nurses", true);
        assert!(said.contains("no judgement calls"), "{said}");
        assert!(said.contains("14 interviewee(s)"), "{said}");
    }
    let wd = Workdir::new();
    read(&wd, &fixture_path("nurses.xml"), "read");
    let study = wd.read("read/study.toml");
    for line in [
        "doi = \"10.5555/nights.2024.014\"",
        "year = 2024",
        "authors = [\"Okafor, A.\", \"Lindqvist, M.\"]",
        "language = \"en\"",
    ] {
        assert!(study.contains(line), "{line} in {study}");
    }
}

#[test]
fn a_persian_paper_laid_out_as_the_papers_table_reads_cell_for_cell_from_html_and_word() {
    // Right to left, a head of two lines (فراوانی over three columns), every level's number in
    // a merged cell, the roster's name and role in one cell (split, a recorded call).
    for paper in ["teachers_fa.html", "teachers_fa.docx"] {
        let said = reads_as_expected(paper, "teachers_fa", false);
        assert!(
            said.contains("name and role are printed in one cell"),
            "{said}"
        );
    }
}

/// A fixture of `tests/fixtures/manuscripts/pdf/` (made by its make.sh: LibreOffice to PDF,
/// pdftotext -layout to text) read, and every cell where it differs from `original`.
/// The differences between a study and its reading (`differences`) that no call of the
/// reading's `readings.csv` accounts for: one about the same row and column (or the row's
/// label) whose alternative is the study's value. A dimension label the manuscript does not
/// print is accounted for by the dimension's own call.
fn differences_without_a_reading(original: &Path, read: &Path, english: bool) -> Vec<String> {
    let readings = if read.join("readings.csv").exists() {
        rows(read, "readings.csv")
    } else {
        Vec::new()
    };
    let recorded = |file: &str, subject: &str, column: &str, original: Option<&str>| {
        readings.iter().any(|r| {
            r["file"] == file
                && key(&r["subject"]) == key(subject)
                && (r["column"] == column || r["column"].is_empty())
                && original.is_none_or(|o| key(&r["alternative"]) == key(o))
        })
    };
    let mut unrecorded = Vec::new();
    for d in differences(original, read, english) {
        // `file row N column [subject]: read ≠ original`
        let (place, values) = d.split_once(": ").unwrap();
        let file = place.split(' ').next().unwrap();
        let column = place.split(' ').nth(3).unwrap_or("");
        let subject = place
            .split_once('[')
            .map_or("", |(_, s)| s.trim_end_matches(']'));
        let (read_value, original_value) = values.split_once(" ≠ ").unwrap_or((values, ""));
        // A label is its row's subject: the call names the row as read, its alternative the
        // label as printed.
        let ok = recorded(file, subject, column, Some(original_value))
            || column == "dimension" && recorded("dimensions.csv", read_value, "", None);
        if !ok {
            unrecorded.push(d);
        }
    }
    unrecorded
}

fn pdf_differences(
    wd: &Workdir,
    file: &str,
    original: &Path,
    english: bool,
) -> (Vec<String>, String) {
    let out = format!("back-{}", file.replace('.', "-"));
    let said = read(wd, &fixture_path(&format!("pdf/{file}")), &out);
    (differences(original, &wd.path().join(&out), english), said)
}

#[test]
fn thematics_word_tables_through_libreoffice_to_pdf_read_back_into_their_studies() {
    let wd = Workdir::new();
    wd.paper_codebook("paper");
    wd.fixture("ids_en", "ids");
    synth100(&wd);
    for (stem, codebook, english) in [
        ("paper_fa", "paper", false),
        ("paper_en", "paper", true),
        ("ids_en", "ids", true),
        ("synth100", "synth", true),
    ] {
        let file = format!("{stem}.pdf");
        let (diff, said) = pdf_differences(&wd, &file, &wd.path().join(codebook), english);
        assert!(diff.is_empty(), "{file}: {diff:#?}\n{said}");
    }
}

#[test]
fn thematics_word_tables_through_pdftotext_layout_read_back_into_their_studies() {
    // The same PDFs through `pdftotext -layout`: tables over pages whose columns poppler moved,
    // merged groups cut by a page break (the label printed at the top of what the first page
    // holds), a roster over two pages, empty columns.
    let wd = Workdir::new();
    wd.paper_codebook("paper");
    wd.fixture("ids_en", "ids");
    synth100(&wd);
    for (stem, codebook) in [
        ("paper_en", "paper"),
        ("ids_en", "ids"),
        ("synth100", "synth"),
    ] {
        let file = format!("{stem}.txt");
        let (diff, said) = pdf_differences(&wd, &file, &wd.path().join(codebook), true);
        assert!(diff.is_empty(), "{file}: {diff:#?}\n{said}");
        assert!(said.contains("(text)"), "{said}");
    }
    // The Persian tables: each line mirrored into logical column order, a number's † that
    // poppler set on a line of its own put back, the codes, every printed number and the
    // grouping as printed. poppler writes لا as ال, so a label can differ: each such word
    // is a call whose alternative is the label as printed.
    let (diff, said) = pdf_differences(&wd, "paper_fa.txt", &wd.path().join("paper"), false);
    assert_eq!(diff.len(), 1, "{diff:#?}\n{said}");
    assert!(diff[0].contains("سالمت"), "{diff:#?}");
    let unrecorded = differences_without_a_reading(
        &wd.path().join("paper"),
        &wd.path().join("back-paper_fa-txt"),
        false,
    );
    assert!(unrecorded.is_empty(), "{unrecorded:#?}\n{said}");
    assert!(said.contains("«سالمت» may be «سلامت»"), "{said}");
    // The made-up Persian manuscript with its table past the page's edge, where poppler
    // drops the letters («وانع» for «موانع», «اد» for the head «ابعاد»): refused, pointing at
    // the PDF, which reads cell for cell. (The same manuscript fitted to the page reads: see
    // `made_up_manuscripts_read_from_ruled_and_unruled_pdfs_cell_for_cell`.)
    for (stem, said) in [(
        "teachers_fa_past_edge",
        "dimension labels are not in this text",
    )] {
        let run = wd.run_within(
            60,
            &[
                "read",
                &fixture_path(&format!("pdf/{stem}.txt")),
                "--out",
                stem,
            ],
        );
        assert_eq!(run.code(), 2, "{stem}: {}", run.stdout());
        for said in [
            said,
            "right-to-left text aligned with spaces",
            "past the page's edge",
            "give thematic the PDF itself",
        ] {
            assert!(run.stderr().contains(said), "{stem}: {}", run.stderr());
        }
        assert!(!wd.path().join(stem).exists(), "{stem}: nothing written");
    }
}

#[test]
fn made_up_manuscripts_read_from_ruled_and_unruled_pdfs_cell_for_cell() {
    let wd = Workdir::new();
    let expected =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/manuscripts/expected");
    for (file, study, english) in [
        ("nurses.pdf", "nurses", true),
        ("nurses_html.pdf", "nurses", true),
        ("teachers_fa.pdf", "teachers_fa", false),
        // Their pdftotext -layout text: a narrow table whose cells a single space parts and
        // whose columns move from line to line, a row broken by the page (a recorded call).
        ("nurses.txt", "nurses", true),
        ("nurses_html.txt", "nurses", true),
        // The Persian one's: poppler counts a joined word's letters, not its width, so its
        // narrow cells run into each other's columns: heads centred over counts at the cell's
        // side, a head over both head rows on a line of its own, two heads run together
        // (a recorded call), codes run into the names' column (a recorded call).
        ("teachers_fa.txt", "teachers_fa", false),
    ] {
        let original = expected.join(study);
        let (diff, said) = pdf_differences(&wd, file, &original, english);
        // The roster's other columns too, where the study prints them.
        assert!(diff.is_empty(), "{file}: {diff:#?}\n{said}");
        if file == "teachers_fa.txt" {
            for call in [
                "«مؤلفه‌ها مضامین پایه» was read as two heads run together",
                "the interviewee's code is printed in the name's cell",
            ] {
                assert!(said.contains(call), "{file}: {said}");
            }
        }
        let back = wd.path().join(format!("back-{}", file.replace('.', "-")));
        for (want, got) in rows(&original, "interviewees.csv")
            .iter()
            .zip(rows(&back, "interviewees.csv"))
        {
            for column in ["role", "year", "topics", "findings"] {
                if let Some(w) = want.get(column) {
                    assert_eq!(
                        key(w),
                        key(&got[column]),
                        "{file}: {column} of {}",
                        want["code"]
                    );
                }
            }
        }
    }
    // A table over four pages whose last page prints no dimension label (it carries over):
    // the repeated head keeps its columns (`bench/read.sh`'s study 103, 110 base themes).
    let said = read(
        &wd,
        &fixture_path("pdf/synth110_last_page.pdf"),
        "last-page",
    );
    assert!(said.contains("110 base theme(s)"), "{said}");
    assert!(said.contains("no judgement calls"), "{said}");
    // One command from the PDF to the verdict.
    let run = wd.run_within(
        60,
        &[
            "check",
            "--paper",
            &fixture_path("pdf/teachers_fa.pdf"),
            "--fail-on",
            "never",
        ],
    );
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stdout().contains("«موانع»"), "{}", run.stdout());
    assert!(
        run.stderr()
            .contains("read: found table 2 (page 1): the thematic table"),
        "{}",
        run.stderr()
    );
}

/// One of `bench/read.sh`'s synthetic studies as `study/`: its base themes, interviewees,
/// codings, components and seed.
fn bench_study(wd: &Workdir, [themes, people, codings, components, seed]: [&str; 5]) {
    wd.run(&[
        "synth",
        "--themes",
        themes,
        "--interviewees",
        people,
        "--codings",
        codings,
        "--components",
        components,
        "--dimensions",
        "3",
        "--seed",
        seed,
        "--out",
        "study",
    ])
    .ok();
}

/// A laid-out table can print a base theme more often than it has source codes and than the
/// roster has interviewees (synthetic study 109 of `bench/read.sh` prints 40 for 37): the
/// count is read where printed, not moved a column as a cell-by-cell extraction's would be.
#[test]
fn a_count_above_the_roster_in_a_word_table_stays_where_printed() {
    let wd = Workdir::new();
    bench_study(&wd, ["59", "37", "727", "7", "109"]);
    let printed = rows(&wd.path().join("study"), "base_themes.csv");
    let over = printed.iter().any(|r| {
        r["printed_frequency"]
            .parse::<usize>()
            .is_ok_and(|n| n > 37 && n > r["source_codes"].split('-').count())
    });
    assert!(over, "the study prints a count above its roster");
    let diff = docx_round_trip(&wd, "study", "en");
    assert!(diff.is_empty(), "{diff:#?}");
}

/// A Persian Word table whose labels end in a number («بعد ۱», «مؤلفه ۲») reads as labels under
/// heads that name their level: such a label also parses as a list of two codes, and the first
/// column of them was once taken for the source codes (every Persian study of `bench/read.sh`).
#[test]
fn persian_labels_that_look_like_codes_stay_labels_under_their_heads() {
    let wd = Workdir::new();
    bench_study(&wd, ["36", "26", "312", "4", "10"]);
    let dims = rows(&wd.path().join("study"), "dimensions.csv");
    assert!(dims[0]["dimension"].ends_with('۱'), "{dims:?}");
    let diff = docx_round_trip(&wd, "study", "fa");
    assert!(diff.is_empty(), "{diff:#?}");
}

/// A synthetic study of 120 base themes through LibreOffice and `pdftotext -layout`
/// (tests/fixtures/manuscripts/pdf/make.sh): a dimension's long group places its bound a row
/// off where the shorter components under it place theirs right, so the two levels' bounds
/// are chosen together.
#[test]
fn a_dimensions_bound_in_space_aligned_text_is_chosen_with_its_components() {
    let wd = Workdir::new();
    bench_study(&wd, ["120", "25", "1000", "15", "59"]);
    let (diff, said) = pdf_differences(&wd, "synth120_seed59.txt", &wd.path().join("study"), true);
    assert!(diff.is_empty(), "{diff:#?}\n{said}");
}

/// A synthetic study of 56 base themes, as above: a page's last dimension, going on over the
/// break, is printed at the top of its rows, which is also the centre of longer ones; the
/// components under it tell which.
#[test]
fn a_last_label_at_the_top_of_its_rows_or_the_centre_of_longer_ones_is_told_by_the_level_under() {
    let wd = Workdir::new();
    bench_study(&wd, ["56", "36", "672", "7", "13"]);
    let (diff, said) = pdf_differences(&wd, "synth56_seed13.txt", &wd.path().join("study"), true);
    assert!(diff.is_empty(), "{diff:#?}\n{said}");
}

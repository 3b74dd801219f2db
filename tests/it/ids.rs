//! Any study's shape: interviewee codes as the study writes them (`P01`, `م۱`, `Int-04`), base
//! themes nobody raised, and only independent records compared. Fixtures: `ids_en` (English,
//! P01 … P12), `ids_fa` (Persian, م۱ … م۸), `ids_hyphen` (Int-01 … Int-10); REFI-QDA projects
//! `codes-only.qdpx` (a code system before coding) and `participants-as-sources.qdpx`.

use crate::documents::unzip;
use crate::refi::fixture as refi;
use crate::workdir::Workdir;
use calamine::{Data, Reader};

/// The first column of a CSV output, header left out.
fn first_column(text: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().get(0).unwrap().to_string())
        .collect()
}

fn document_xml(wd: &Workdir, relative: &str) -> String {
    let bytes = std::fs::read(wd.path().join(relative)).unwrap();
    String::from_utf8(unzip(&bytes)["word/document.xml"].clone()).unwrap()
}

#[test]
fn an_english_study_with_p01_ids_runs_end_to_end_and_shows_them_as_written() {
    let wd = Workdir::new();
    wd.fixture("ids_en", "study");
    wd.run(&["run", "--codebook", "study", "--out", "out"]).ok();
    // The roster in its order, then the codes off the roster in natural order.
    let mut expected: Vec<String> = (1..=12).map(|i| format!("P{i:02}")).collect();
    expected.extend(["P1O".to_string(), "P99".to_string()]);
    assert_eq!(first_column(&wd.read("out/interviewees.csv")), expected);
    assert_eq!(first_column(&wd.read("out/case_matrix.csv")), expected);
    let themes = wd.read("out/base_themes.csv");
    // `P01-P03`: the roster has P01 and P03 and no `P01-P03`, so it is those two.
    assert!(
        themes.contains(r#"No training,,"P01, P03",2,2,3"#),
        "{themes}"
    );
    // A base theme nobody raised is a row at 0, not a gap in the numbering.
    assert!(
        themes.contains("5,Barriers,Workload,Longer hours,,,0,0,,0.00,6"),
        "{themes}"
    );

    // JSON: identifiers are strings (numbers stay numbers: the paper's tests).
    let json: serde_json::Value = serde_json::from_str(&wd.read("out/tables.json")).unwrap();
    assert_eq!(json["interviewees"][0]["code"], "P01");
    assert_eq!(json["base_themes"][0]["codes"][0], "P01");
    assert_eq!(json["case_matrix"]["interviewees"][13], "P99");

    // The audit names a code off the roster as written, with the near miss it may be.
    let audit = wd.read("out/audit.txt");
    assert!(
        audit.contains("code P1O is listed but no interviewee on the roster has it"),
        "{audit}"
    );
    assert!(audit.contains("did you mean P10?"), "{audit}");
    assert!(
        audit.contains("code P99 is listed but no interviewee on the roster has it"),
        "{audit}"
    );
    assert!(audit.contains("unraised-theme: Longer hours"), "{audit}");
    // Printed 2 for a theme with no source codes: a mismatch, not a note.
    assert!(
        audit.contains("Informal chats: printed 2, but its source codes list 0 distinct"),
        "{audit}"
    );
    let findings: serde_json::Value = serde_json::from_str(&wd.read("out/audit.json")).unwrap();
    let unknown: Vec<&serde_json::Value> = findings["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "unknown-code")
        .collect();
    assert_eq!(unknown[0]["interviewees"][0], "P1O");

    let report = wd.read("out/report.html");
    assert!(
        report.contains("P01, P03, P07, P10"),
        "report lists codes as written"
    );
    assert!(report.contains("P1O"));

    // Word, Excel and LaTeX show the codes as written; Excel keeps them as text.
    let docx = document_xml(&wd, "out/tables.docx");
    assert!(docx.contains("P01, P03, P07, P10"), "{docx}");
    assert!(docx.contains(">P12<"), "the roster table lists P12");
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook(wd.path().join("out/tables.xlsx")).unwrap();
    let sheet = book
        .worksheet_range("interviewees")
        .expect("an interviewees sheet");
    assert_eq!(sheet.get((1, 0)), Some(&Data::String("P01".into())));
    let latex = wd.read("out/tables.tex");
    assert!(latex.contains("P01, P03, P07, P10"), "{latex}");
    assert!(latex.contains("P12"));

    // Charts name the items by their labels: an English study needs no `*_en` columns.
    let chart = wd.read("out/charts/base_themes.svg");
    assert!(chart.contains("Unreliable connection"), "{chart}");
    assert!(!chart.contains("Base theme 1"), "{chart}");

    // `check` exits 1 (errors found) and says the same.
    let check = wd.run(&["check", "--codebook", "study"]);
    assert_eq!(check.code(), 1, "{}", check.stderr());
    assert!(check.stdout().contains("did you mean P10?"));
}

#[test]
fn a_persian_study_with_mim_ids_reads_either_digit_script_and_shows_persian_digits() {
    let wd = Workdir::new();
    wd.fixture("ids_fa", "study");
    wd.run(&["run", "--codebook", "study", "--out", "out"]).ok();
    let codes = first_column(&wd.read("out/interviewees.csv"));
    assert_eq!(&codes[..3], ["م۱", "م۲", "م۳"]);
    // `م5` in a list is roster row `م۵`; `م۹` is off the roster.
    assert_eq!(codes.last().unwrap(), "م۹");
    assert_eq!(codes.len(), 9);
    let themes = wd.read("out/base_themes.csv");
    assert!(themes.contains("م۱, م۳, م۵"), "{themes}");
    let audit = wd.read("out/audit.txt");
    assert!(audit.contains("کد م۹ آمده است"), "{audit}");
    assert!(
        audit.contains("unraised-theme: گفت‌وگوهای غیررسمی"),
        "{audit}"
    );
    let report = wd.read("out/report.html");
    assert!(!report.contains("جدول ۱") && !report.contains("جدول ۲"));
    // The Persian Word table separates identifiers with the Persian comma.
    let docx = document_xml(&wd, "out/tables.docx");
    assert!(docx.contains("م۱، م۳، م۵"), "{docx}");
}

#[test]
fn hyphenated_ids_are_read_whole_and_a_padding_slip_is_named() {
    let wd = Workdir::new();
    wd.fixture("ids_hyphen", "study");
    wd.run(&["run", "--codebook", "study", "--out", "out"]).ok();
    let themes = wd.read("out/base_themes.csv");
    assert!(
        themes.contains(r#""Int-01, Int-02, Int-05, Int-10",4,4,4"#),
        "{themes}"
    );
    assert!(themes.contains(r#""Int-03, Int-04",2,2,2"#), "{themes}");
    let audit = wd.read("out/audit.txt");
    assert!(audit.contains("code Int-1 is listed"), "{audit}");
    assert!(audit.contains("did you mean Int-01?"), "{audit}");
    // Printed 0 and nobody raised it: a note, not a mismatch.
    assert!(audit.contains("unraised-theme: Childcare swaps"), "{audit}");
    assert!(!audit.contains("Childcare swaps: printed"), "{audit}");
}

#[test]
fn diff_and_agree_match_interviewees_by_id() {
    let wd = Workdir::new();
    wd.fixture("ids_en", "a");
    wd.fixture("ids_en", "b");
    wd.edit(
        "b/base_themes.csv",
        r#""P01, P03, P07, P10",4"#,
        r#""P01, P03, P10, P11",4"#,
    );
    let diff = wd.run(&["diff", "a", "b"]);
    assert!(
        diff.stdout()
            .contains("«Unreliable connection»: codes added P11; codes removed P07"),
        "{}",
        diff.stdout()
    );
    let agree = wd.run(&["agree", "a", "b"]).ok();
    assert!(agree.contains("Cells the coders disagree on: 2"), "{agree}");
    assert!(
        agree.contains("interviewee P07 · «Unreliable connection»"),
        "{agree}"
    );
    assert!(
        agree.contains("interviewee P11 · «Unreliable connection»"),
        "{agree}"
    );
}

#[test]
fn export_then_import_keeps_the_ids_and_gives_the_same_project_back() {
    let wd = Workdir::new();
    wd.fixture("ids_en", "study");
    wd.run(&[
        "export",
        "--codebook",
        "study",
        "--format",
        "qdpx",
        "--out",
        "a.qdpx",
    ])
    .ok();
    let report = wd.run(&["import", "a.qdpx", "--out", "back"]).ok();
    assert!(report.contains("the cases' `code` variable"), "{report}");
    assert_eq!(
        first_column(&wd.read("back/interviewees.csv")),
        (1..=12).map(|i| format!("P{i:02}")).collect::<Vec<_>>()
    );
    // The tables are the same, codes off the roster (kept in the description) included.
    let table = |dir: &str| {
        wd.run(&[
            "tables",
            "--codebook",
            dir,
            "--format",
            "csv",
            "--table",
            "base-themes",
        ])
        .ok()
    };
    assert_eq!(table("study"), table("back"));
    // The codes' variable is text, and a second export is the same bytes.
    let qde = String::from_utf8(
        unzip(&std::fs::read(wd.path().join("a.qdpx")).unwrap())["project.qde"].clone(),
    )
    .unwrap();
    assert!(
        qde.contains(r#"name="code" typeOfVariable="Text""#),
        "{qde}"
    );
    wd.run(&[
        "export",
        "--codebook",
        "back",
        "--format",
        "qdpx",
        "--out",
        "b.qdpx",
    ])
    .ok();
    assert_eq!(
        std::fs::read(wd.path().join("a.qdpx")).unwrap(),
        std::fs::read(wd.path().join("b.qdpx")).unwrap()
    );
    // Its findings came from the paper-like roster, not from the codings: still two records.
    assert!(!wd.read("back/study.toml").contains("derived"));
}

#[test]
fn a_code_system_exported_before_coding_imports_and_runs_every_code_a_row() {
    let wd = Workdir::new();
    let report = wd
        .run(&["import", &refi("codes-only.qdpx"), "--out", "scheme"])
        .ok();
    assert!(
        report.contains("next: thematic run --codebook scheme"),
        "{report}"
    );
    assert!(!report.contains("left out"), "{report}");
    let themes = wd.read("scheme/base_themes.csv");
    assert_eq!(themes.lines().count(), 6, "{themes}");
    assert!(themes.contains("Devices shared at home,,,,,One laptop for the family.,#E41A1C"));
    wd.run(&["run", "--codebook", "scheme", "--out", "out"])
        .ok();
    let table = wd.read("out/base_themes.csv");
    assert_eq!(table.lines().count(), 6, "{table}");
    let audit = wd.read("out/audit.txt");
    // One finding for all five.
    assert!(
        audit.contains("unraised-theme: Unreliable connection, Devices shared at home, \u{2068}موانع فنی\u{2069}, Shared lesson plans, Informal chats:"),
        "{audit}"
    );
    // A scheme has no roster findings: nothing to compare, no agreement figure.
    let json: serde_json::Value = serde_json::from_str(&wd.read("out/audit.json")).unwrap();
    assert!(json.get("agreement").is_none_or(|a| a.is_null()), "{json}");
}

#[test]
fn an_imported_project_whose_findings_are_its_codings_reports_no_agreement() {
    let wd = Workdir::new();
    let report = wd
        .run(&[
            "import",
            &refi("participants-as-sources.qdpx"),
            "--out",
            "p",
        ])
        .ok();
    assert!(
        report.contains("interviewee codes: the sources' names"),
        "{report}"
    );
    assert_eq!(
        first_column(&wd.read("p/interviewees.csv")),
        ["P01", "P02", "P03", "P04", "P05", "P06"]
    );
    assert!(wd.read("p/study.toml").contains("findings = \"derived\""));
    let themes = wd.read("p/base_themes.csv");
    assert!(
        themes.contains(r#"Unreliable connection,,"P01, P03""#),
        "{themes}"
    );
    assert!(themes.contains("Informal chats,,,"), "{themes}");
    let run = wd.run(&["run", "--codebook", "p", "--out", "out"]).ok();
    assert!(!run.contains("κ"), "{run}");
    let audit = wd.read("out/audit.txt");
    assert!(audit.contains("no-second-record"), "{audit}");
    assert!(!audit.contains("cross-table-agreement"), "{audit}");
    assert!(!audit.contains("100.0%"), "{audit}");
    let json: serde_json::Value = serde_json::from_str(&wd.read("out/audit.json")).unwrap();
    assert!(json.get("agreement").is_none_or(|a| a.is_null()), "{json}");
    // The same study without the key: the comparison is made (and agrees by construction).
    wd.edit("p/study.toml", "findings = \"derived\"", "");
    wd.run(&["run", "--codebook", "p", "--out", "out2"]).ok();
    assert!(wd.read("out2/audit.txt").contains("cross-table-agreement"));
}

#[test]
fn synth_writes_p0001_style_ids_that_run() {
    let wd = Workdir::new();
    wd.run(&[
        "synth",
        "--interviewees",
        "150",
        "--themes",
        "12",
        "--codings",
        "300",
        "--components",
        "4",
        "--dimensions",
        "2",
        "--ids",
        "P",
        "--out",
        "s",
    ])
    .ok();
    assert!(wd
        .read("s/interviewees.csv")
        .contains("\nP001,Interviewee P001,,\n"));
    wd.run(&["run", "--codebook", "s", "--out", "out"]).ok();
    let codes = first_column(&wd.read("out/interviewees.csv"));
    assert_eq!(codes[0], "P001");
    assert_eq!(codes[149], "P150");
    // Its English headline names "Dimension 2" once, not "the Dimension 2 dimension"; counts
    // agree with their nouns.
    let check = wd
        .run(&["check", "--codebook", "s", "--lang", "en"])
        .stdout();
    assert!(check.contains("survive"), "{check}");
    for d in 1..=2 {
        assert!(
            !check.contains(&format!("Dimension {d} dimension")),
            "{check}"
        );
    }
    let one = wd
        .run(&[
            "synth",
            "--dimensions",
            "1",
            "--components",
            "1",
            "--themes",
            "2",
            "--interviewees",
            "3",
            "--codings",
            "3",
            "--out",
            "one",
        ])
        .ok();
    assert!(
        one.starts_with(
            "synthetic study: 1 dimension, 1 component, 2 base themes, 3 interviewees, 3 codings"
        ),
        "{one}"
    );
    let refused = wd.run(&["synth", "--ids", "P#", "--out", "t"]);
    assert_eq!(refused.code(), 2);
}

#[test]
fn a_component_without_base_themes_is_still_refused() {
    let wd = Workdir::new();
    wd.fixture("ids_hyphen", "study");
    wd.edit(
        "study/components.csv",
        "Strain,Family,\n",
        "Strain,Family,\nStrain,Money,\n",
    );
    let stderr = wd.run(&["validate", "--codebook", "study"]).failed();
    assert!(
        stderr.contains("components.csv:4:2 (column `component`): the component `Money` has no base theme in base_themes.csv"),
        "{stderr}"
    );
}

#[test]
fn a_project_without_a_single_code_says_there_is_nothing_to_run() {
    let wd = Workdir::new();
    wd.write(
        "empty.qdc",
        "<?xml version=\"1.0\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\"><Codes/></CodeBook>\n",
    );
    let report = wd.run(&["import", "empty.qdc", "--out", "e"]).ok();
    assert!(
        report.contains("next: the project has no codes"),
        "{report}"
    );
    assert!(!report.contains("next: thematic run"), "{report}");
    // And the advice not given would indeed fail.
    assert_eq!(
        wd.run(&["run", "--codebook", "e", "--out", "out"]).code(),
        2
    );
}

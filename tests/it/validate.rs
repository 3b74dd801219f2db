//! Validation: what makes computation impossible is an error (exit 2) that names the file, the
//! line and the column, says what is wrong and how to fix it, and leaves the output alone;
//! properties of the data (codes listed twice, unknown codes, order) load and are noted.

use crate::workdir::{snapshot_dir, Workdir};

/// A working directory with the tiny codebook copied to `cb/`, one file replaced.
fn with(file: &str, contents: &str) -> Workdir {
    let wd = Workdir::new();
    wd.fixture("tiny", "cb");
    wd.write(&format!("cb/{file}"), contents);
    wd
}

#[test]
fn the_tiny_codebook_is_valid_and_its_quirks_are_noted() {
    let wd = Workdir::new();
    wd.fixture("tiny", "cb");
    let out = wd.run(&["validate", "--codebook", "cb"]).ok();
    assert_eq!(
        out,
        "cb: valid (2 dimensions, 3 components, 5 base themes, 4 interviewees)\n\
         \x20 note: 1 code listed twice within a base theme\n\
         \x20 note: 2 source-code lists out of ascending order\n\
         \x20 note: code not on the roster: 5\n"
    );
}

#[test]
fn all_problems_of_all_files_are_reported_together_with_positions() {
    let wd = Workdir::new();
    wd.fixture("tiny", "cb");
    wd.write(
        "cb/base_themes.csv",
        "base_theme,dimension,component,source_codes,printed_frequency\n\
         T1,D1,C1,1-x,2\n\
         T2,D1,C9,1,\n\
         T3,D1,C1,,-1\n\
         T1,D1,C1,2,\n\
         T5,D7,C3,1,2.5\n",
    );
    wd.write("cb/interviewees.csv", "code,name\n1,Ann\n1,Bob\nfoo,Cid\n");
    let stderr = wd.run(&["validate", "--codebook", "cb"]).failed();
    insta::assert_snapshot!(stderr);
}

#[test]
fn missing_and_misspelt_columns_name_the_fix() {
    let wd = with(
        "components.csv",
        "dimension,componnent,printed_frequency\nD1,C1,5\n",
    );
    let stderr = wd.run(&["validate", "--codebook", "cb"]).failed();
    assert!(
        stderr.contains("cb/components.csv:1:2 (column `componnent`): unknown column `componnent`"),
        "{stderr}"
    );
    assert!(stderr.contains("fix: rename it `component`"), "{stderr}");
    assert!(
        stderr.contains("the required column `component` is missing"),
        "{stderr}"
    );
}

#[test]
fn a_component_under_the_wrong_dimension_says_where_it_is() {
    let wd = with(
        "base_themes.csv",
        "dimension,component,base_theme,source_codes\nD2,C1,T1,1\n",
    );
    let stderr = wd.run(&["validate", "--codebook", "cb"]).failed();
    assert!(stderr.contains("cb/base_themes.csv:2:2 (column `component`): the component `C1` is not in dimension `D2`"), "{stderr}");
    assert!(
        stderr.contains("components.csv puts this component under `D1`"),
        "{stderr}"
    );
}

#[test]
fn labels_match_across_files_despite_zwnj_and_arabic_letters() {
    let wd = Workdir::new();
    wd.write("cb/dimensions.csv", "dimension\nمحیطی\n");
    wd.write(
        "cb/components.csv",
        "dimension,component\nمحیطی,برنامه‌های فرهنگی\n",
    );
    // Arabic yeh in the dimension, a space for the ZWNJ in the component.
    wd.write(
        "cb/base_themes.csv",
        "dimension,component,base_theme,source_codes\nمحيطی,برنامه های فرهنگی,شعر,۱-۲\n",
    );
    wd.write("cb/interviewees.csv", "code,name\n1,a\n2,b\n");
    wd.run(&["validate", "--codebook", "cb"]).ok();
}

#[test]
fn missing_directory_file_and_encoding_problems() {
    let wd = Workdir::new();
    let stderr = wd.run(&["validate", "--codebook", "nowhere"]).failed();
    assert!(
        stderr.contains("nowhere: the codebook directory does not exist"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("does not exist").count(),
        1,
        "one problem, not four: {stderr}"
    );

    let wd = Workdir::new();
    wd.fixture("tiny", "cb");
    std::fs::remove_file(wd.path().join("cb/interviewees.csv")).unwrap();
    let stderr = wd.run(&["validate", "--codebook", "cb"]).failed();
    assert!(
        stderr.contains("cb/interviewees.csv: the file is missing"),
        "{stderr}"
    );

    // Windows-1256 bytes for «شعر».
    let wd = Workdir::new();
    wd.fixture("tiny", "cb");
    wd.write(
        "cb/dimensions.csv",
        b"dimension\nD1\n\xd4\xda\xd1\n".as_slice(),
    );
    let stderr = wd.run(&["validate", "--codebook", "cb"]).failed();
    assert!(
        stderr.contains("cb/dimensions.csv:3: the file is not UTF-8"),
        "{stderr}"
    );
    assert!(stderr.contains("CSV UTF-8"), "{stderr}");

    let wd = with("dimensions.csv", "dimension;printed_frequency\nD1;9\n");
    let stderr = wd.run(&["validate", "--codebook", "cb"]).failed();
    assert!(
        stderr.contains("separates its columns with semicolons"),
        "{stderr}"
    );
}

#[test]
fn a_failed_run_leaves_the_previous_output_untouched() {
    let wd = Workdir::new();
    wd.fixture("tiny", "cb");
    wd.run(&["run", "--codebook", "cb", "--out", "out"]).ok();
    let before = snapshot_dir(&wd.path().join("out"));
    assert_eq!(
        before.len(),
        12 + 8 + 18 + 1,
        "tables, audit, report, the documents (Word ×2, Excel, LaTeX ×5), 6 charts (no agreement chart without a findings map) and 3 network figures × 2 formats, the manifest"
    );
    wd.write(
        "cb/base_themes.csv",
        "dimension,component,base_theme,source_codes\nD1,C1,T1,1--2\n",
    );
    let stderr = wd
        .run(&["run", "--codebook", "cb", "--out", "out"])
        .failed();
    assert!(stderr.contains("code 2 of the list is empty"), "{stderr}");
    assert_eq!(snapshot_dir(&wd.path().join("out")), before);
    // Nothing was staged beside it either.
    let entries: Vec<_> = std::fs::read_dir(wd.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries.len(), 2, "{entries:?}");
}

#[test]
fn whole_numbers_written_with_a_zero_decimal_part_are_counts() {
    // pandas and Excel export whole numbers as 5.0.
    let wd = Workdir::new();
    wd.fixture("tiny", "cb");
    wd.edit(
        "cb/components.csv",
        "D1,C1,Comp one,5",
        "D1,C1,Comp one,5.0",
    );
    wd.run(&["validate", "--codebook", "cb"]).ok();
    let json = wd
        .run(&["tables", "--codebook", "cb", "--format", "json"])
        .json();
    assert_eq!(json["components"][0]["printed"], 5);
}

#[test]
fn what_excel_adds_harmlessly_is_accepted() {
    let wd = Workdir::new();
    wd.fixture("tiny", "cb");
    // Empty columns without a header at the right, and a row of only commas.
    wd.write(
        "cb/dimensions.csv",
        "dimension,dimension_en,printed_frequency,,\nD1,First,9,,\nD2,Second,,,\n,,,,\n,,,,\n",
    );
    // Optional files saved with their header only: none.
    wd.write("cb/findings_map.csv", "phrase,base_theme\n");
    wd.write("cb/readings.csv", "id,file,subject\n");
    let out = wd.run(&["validate", "--codebook", "cb"]).ok();
    assert!(out.starts_with("cb: valid (2 dimensions,"), "{out}");
}

#[test]
fn invisible_characters_around_codes_and_numbers_are_ignored() {
    let wd = Workdir::new();
    wd.fixture("tiny", "cb");
    // A right-to-left mark and an Arabic letter mark around a printed frequency, no-break and
    // zero-width spaces and bidi isolates around codes and separators.
    wd.edit(
        "cb/components.csv",
        "D1,C1,Comp one,5",
        "D1,C1,Comp one,\u{200F}5\u{061C}",
    );
    wd.edit(
        "cb/base_themes.csv",
        "T4,D2,C3,5,",
        "T4,D2,C3,\u{2067}5\u{2069}\u{00A0}-\u{200B}3,",
    );
    wd.run(&["validate", "--codebook", "cb"]).ok();
    let json = wd
        .run(&["tables", "--codebook", "cb", "--format", "json"])
        .json();
    assert_eq!(json["components"][0]["printed"], 5);
    assert_eq!(json["base_themes"][3]["codes"], serde_json::json!([5, 3]));
}

/// A source-code list copied from a table for reading (shortened, in either language) is
/// refused with what it is and where the whole list is.
#[test]
fn a_shortened_list_of_source_codes_says_so() {
    for cell in ["1-2 … and 5 more", "۱-۲ … و ۵ کد دیگر"] {
        let wd = with(
            "base_themes.csv",
            &format!(
                "base_theme,dimension,component,source_codes,printed_frequency,base_theme_en\nT1,D1,C1,{cell},2,theme one\n"
            ),
        );
        let stderr = wd.run(&["validate", "--codebook", "cb"]).failed();
        assert!(
            stderr.contains("cb/base_themes.csv:2:4 (column `source_codes`)")
                && stderr.contains("the list is shortened (it ends `…")
                && stderr.contains("base_themes.csv or tables.json list every code"),
            "{stderr}"
        );
    }
}

//! The tables on a small codebook whose every number was computed by hand
//! (`tests/fixtures/tiny`, see its README for what it exercises).
//!
//! Base themes and their distinct interviewees: T1 {1,2} (listed 1-2-2), T2 {1,3}, T3 {2,4},
//! T4 {5} (5 is not on the roster), T5 {1,4}. Components: C1 = T1+T2, C2 = T3, C3 = T4+T5;
//! dimensions: D1 = C1+C2, D2 = C3.

use crate::workdir::Workdir;
use serde_json::{json, Value};

fn tiny_tables() -> Value {
    let wd = Workdir::new();
    wd.fixture("tiny", "tiny");
    wd.run(&["tables", "--codebook", "tiny", "--format", "json"])
        .json()
}

fn column(rows: &Value, key: &str) -> Vec<Value> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r[key].clone())
        .collect()
}

#[test]
fn base_themes_count_distinct_interviewees_and_keep_listed_codes() {
    let t = tiny_tables();
    let b = &t["base_themes"];
    assert_eq!(
        column(b, "theme"),
        [
            json!("T1"),
            json!("T2"),
            json!("T3"),
            json!("T4"),
            json!("T5")
        ]
    );
    assert_eq!(
        column(b, "codes"),
        [
            json!([1, 2, 2]),
            json!([3, 1]),
            json!([2, 4]),
            json!([5]),
            json!([4, 1])
        ]
    );
    assert_eq!(
        column(b, "listed"),
        [json!(3), json!(2), json!(2), json!(1), json!(2)]
    );
    assert_eq!(
        column(b, "distinct"),
        [json!(2), json!(2), json!(2), json!(1), json!(2)]
    );
    assert_eq!(
        column(b, "printed"),
        [json!(2), json!(3), Value::Null, Value::Null, json!(2)]
    );
    // distinct over 9 = 2+2+2+1+2
    assert_eq!(
        column(b, "share"),
        [
            json!(22.22),
            json!(22.22),
            json!(22.22),
            json!(11.11),
            json!(22.22)
        ]
    );
    assert_eq!(
        column(b, "component"),
        [
            json!("C1"),
            json!("C1"),
            json!("C2"),
            json!("C3"),
            json!("C3")
        ]
    );
    assert_eq!(
        column(b, "dimension"),
        [
            json!("D1"),
            json!("D1"),
            json!("D1"),
            json!("D2"),
            json!("D2")
        ]
    );
    // Rows of base_themes.csv: header on line 1.
    assert_eq!(
        column(b, "codebook_line"),
        [json!(2), json!(3), json!(4), json!(5), json!(6)]
    );
}

#[test]
fn components_under_the_sum_and_the_union_rule() {
    let t = tiny_tables();
    let c = &t["components"];
    assert_eq!(
        column(c, "component"),
        [json!("C1"), json!("C2"), json!("C3")]
    );
    assert_eq!(column(c, "base_themes"), [json!(2), json!(1), json!(2)]);
    // sum: C1 = 2+2, C2 = 2, C3 = 1+2
    assert_eq!(column(c, "sum"), [json!(4), json!(2), json!(3)]);
    // union: C1 = {1,2,3}, C2 = {2,4}, C3 = {1,4,5}
    assert_eq!(column(c, "union"), [json!(3), json!(2), json!(3)]);
    // printed as written: 5, Persian ۴, Arabic-Indic ٣
    assert_eq!(column(c, "printed"), [json!(5), json!(4), json!(3)]);
    // shares: of 9 (sum), of 8 (union), of 12 (printed)
    assert_eq!(
        column(c, "share_sum"),
        [json!(44.44), json!(22.22), json!(33.33)]
    );
    assert_eq!(
        column(c, "share_union"),
        [json!(37.5), json!(25.0), json!(37.5)]
    );
    assert_eq!(
        column(c, "share_printed"),
        [json!(41.67), json!(33.33), json!(25.0)]
    );
}

#[test]
fn dimensions_under_both_rules_and_no_printed_share_when_a_value_is_missing() {
    let t = tiny_tables();
    let d = &t["dimensions"];
    assert_eq!(column(d, "dimension"), [json!("D1"), json!("D2")]);
    assert!(d[0].get("component").is_none());
    assert_eq!(column(d, "sum"), [json!(6), json!(3)]);
    // D1 = {1,2,3,4}, D2 = {1,4,5}
    assert_eq!(column(d, "union"), [json!(4), json!(3)]);
    assert_eq!(column(d, "printed"), [json!(9), Value::Null]);
    assert_eq!(column(d, "share_sum"), [json!(66.67), json!(33.33)]);
    assert_eq!(column(d, "share_union"), [json!(57.14), json!(42.86)]);
    assert_eq!(column(d, "share_printed"), [Value::Null, Value::Null]);
}

#[test]
fn interviewee_totals_cover_the_roster_and_unknown_codes() {
    let t = tiny_tables();
    let i = &t["interviewees"];
    assert_eq!(
        column(i, "code"),
        [json!(1), json!(2), json!(3), json!(4), json!(5)]
    );
    assert_eq!(
        column(i, "in_roster"),
        [
            json!(true),
            json!(true),
            json!(true),
            json!(true),
            json!(false)
        ]
    );
    assert_eq!(
        column(i, "base_themes"),
        [json!(3), json!(2), json!(1), json!(2), json!(1)]
    );
    assert_eq!(
        column(i, "listings"),
        [json!(3), json!(3), json!(1), json!(2), json!(1)]
    );
    assert_eq!(
        column(i, "components"),
        [json!(2), json!(2), json!(1), json!(2), json!(1)]
    );
    assert_eq!(
        column(i, "dimensions"),
        [json!(2), json!(1), json!(1), json!(2), json!(1)]
    );
}

#[test]
fn case_matrix_and_cooccurrence() {
    let t = tiny_tables();
    assert_eq!(t["case_matrix"]["interviewees"], json!([1, 2, 3, 4, 5]));
    assert_eq!(
        t["case_matrix"]["matrix"],
        json!([
            [1, 1, 0, 0, 1],
            [1, 0, 1, 0, 0],
            [0, 1, 0, 0, 0],
            [0, 0, 1, 0, 1],
            [0, 0, 0, 1, 0],
        ])
    );
    assert_eq!(
        t["cooccurrence"],
        json!([
            [2, 1, 1, 0, 1],
            [1, 2, 0, 0, 1],
            [1, 0, 2, 0, 1],
            [0, 0, 0, 1, 0],
            [1, 1, 1, 0, 2],
        ])
    );
}

#[test]
fn csv_and_markdown_carry_the_same_numbers() {
    let wd = Workdir::new();
    wd.fixture("tiny", "tiny");
    let csv = wd
        .run(&[
            "tables",
            "--codebook",
            "tiny",
            "--format",
            "csv",
            "--table",
            "components",
        ])
        .ok();
    assert_eq!(
        csv,
        "dimension,component,component_en,base_themes,sum,union,printed,share_sum_percent,share_union_percent,share_printed_percent,codebook_line\n\
         D1,C1,Comp one,2,4,3,5,44.44,37.50,41.67,2\n\
         D1,C2,Comp two,1,2,2,4,22.22,25.00,33.33,3\n\
         D2,C3,Comp three,2,3,3,3,33.33,37.50,25.00,4\n"
    );
    let md = wd
        .run(&[
            "tables",
            "--codebook",
            "tiny",
            "--format",
            "md",
            "--table",
            "dimensions",
        ])
        .ok();
    assert!(
        md.contains("| D1 | First | 3 | 6 | 4 | 9 | 66.67 | 57.14 | — | 2 |"),
        "{md}"
    );
    assert!(
        md.contains("| D2 | Second | 2 | 3 | 3 | — | 33.33 | 42.86 | — | 3 |"),
        "{md}"
    );
    let matrix = wd
        .run(&[
            "tables",
            "--codebook",
            "tiny",
            "--format",
            "csv",
            "--table",
            "case-matrix",
        ])
        .ok();
    assert_eq!(
        matrix,
        "code,name,1,2,3,4,5,total\n1,Ann,1,1,0,0,1,3\n2,Bob,1,0,1,0,0,2\n3,Cid,0,1,0,0,0,1\n4,Dee,0,0,1,0,1,2\n5,,0,0,0,1,0,1\n"
    );
}

/// A table large enough to be written to disk as it is rendered (the interviewees of 300,000)
/// comes out byte for byte as the one printed from memory, and no scratch file stays behind.
#[test]
fn a_streamed_table_is_the_table_held_in_memory() {
    let wd = crate::workdir::Workdir::new();
    wd.run(&[
        "synth",
        "--out",
        "big",
        "--themes",
        "20",
        "--components",
        "4",
        "--dimensions",
        "2",
        "--interviewees",
        "300000",
        "--codings",
        "400000",
    ])
    .ok();
    wd.run(&[
        "tables",
        "--codebook",
        "big",
        "--format",
        "csv",
        "--out",
        "t",
    ])
    .ok();
    let printed = wd
        .run(&[
            "tables",
            "--codebook",
            "big",
            "--format",
            "csv",
            "--table",
            "interviewees",
        ])
        .ok();
    let streamed = wd.read("t/interviewees.csv");
    assert_eq!(streamed.lines().count(), 300_001);
    assert!(streamed == printed, "the streamed table differs");
    wd.run(&[
        "tables",
        "--codebook",
        "big",
        "--format",
        "json",
        "--out",
        "j",
    ])
    .ok();
    let json = wd
        .run(&["tables", "--codebook", "big", "--format", "json"])
        .ok();
    assert!(
        wd.read("j/tables.json") == json,
        "the streamed JSON differs"
    );
    let left: Vec<String> = std::fs::read_dir(wd.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("scratch") || name.starts_with('.'))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

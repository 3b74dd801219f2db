//! `thematic diff OLD NEW`: hand-made pairs of the tiny codebook (a rename, a move, a code
//! change, a printed change), the paper against an edited copy, and no difference at all.

use crate::workdir::Workdir;
use serde_json::Value;

/// The tiny codebook at `old/` and at `new/`, with `edit` applied to `new/FILE`.
fn pair(file: &str, edit: impl Fn(&str) -> String) -> Workdir {
    let wd = Workdir::new();
    wd.fixture("tiny", "old");
    wd.fixture("tiny", "new");
    let path = format!("new/{file}");
    let text = wd.read(&path);
    wd.write(&path, edit(&text));
    wd
}

fn diff(wd: &Workdir, format: &str) -> (i32, String) {
    let run = wd.run(&["diff", "old", "new", "--format", format, "--lang", "en"]);
    (run.code(), run.stdout())
}

fn changes(wd: &Workdir) -> Vec<Value> {
    let (code, out) = diff(wd, "json");
    assert_eq!(code, 1, "{out}");
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["differs"], true);
    doc["changes"].as_array().unwrap().clone()
}

#[test]
fn the_same_codebook_differs_in_nothing() {
    let wd = pair("dimensions.csv", str::to_string);
    let (code, out) = diff(&wd, "text");
    assert_eq!(code, 0);
    assert_eq!(out, "Differences from old to new\n\nNo difference.\n");
}

#[test]
fn a_code_change_is_reported_with_every_count_and_share_it_moves() {
    // T5 lists 4 and 1; now 4 and 3.
    let wd = pair("base_themes.csv", |t| {
        t.replace("T5,D2,C3,\"4,1\"", "T5,D2,C3,\"4,3\"")
    });
    let changes = changes(&wd);
    assert_eq!(changes[0]["subject"], "T5");
    assert_eq!(changes[0]["kind"], "codes");
    assert_eq!(changes[0]["added"], serde_json::json!([3]));
    assert_eq!(changes[0]["removed"], serde_json::json!([1]));
    let (_, text) = diff(&wd, "text");
    assert!(
        text.contains("  base theme «theme five»: codes added 3; codes removed 1\n"),
        "{text}"
    );
    // The distinct count is the same (two interviewees): no count line for T5, and the union
    // of D2 is the same too; the findings about interviewee 1 and 3 change.
    assert!(
        !text.contains("base theme «theme five»: distinct"),
        "{text}"
    );
}

#[test]
fn a_printed_change_a_rename_and_a_move() {
    let wd = pair("base_themes.csv", |t| {
        t.replace("T3,D1,C2,۲ ۴,,", "T3,D1,C2,۲ ۴,2,")
            .replace("T4,D2,C3,5,,", "T4,D1,C1,5,,")
    });
    let (_, text) = diff(&wd, "text");
    assert!(
        text.contains("  base theme «theme four» moved from «Comp three» to «Comp one»\n"),
        "{text}"
    );
    assert!(
        text.contains("  base theme «theme three»: printed none → 2\n"),
        "{text}"
    );
    assert!(
        text.contains("  component «Comp one»: sum rule 4 → 5, union rule 3 → 4\n"),
        "{text}"
    );
    assert!(
        text.contains("  dimension «First»: share by the sum rule"),
        "{text}"
    );
    // Renamed: the same label after Persian normalisation (Arabic kaf and yeh for Persian).
    let wd = pair("components.csv", str::to_string);
    for (dir, label) in [("old", "کتابی"), ("new", "كتابي")] {
        for file in ["components.csv", "base_themes.csv"] {
            wd.edit(&format!("{dir}/{file}"), "D1,C2,", &format!("D1,{label},"));
        }
    }
    let (_, text) = diff(&wd, "text");
    assert!(
        text.contains("  component \u{2068}«کتابی»\u{2069} renamed \u{2068}«كتابي»\u{2069}\n"),
        "{text}"
    );
    let (_, md) = diff(&wd, "md");
    assert!(md.starts_with("# Differences from `old` to `new`\n\n## The codebook\n\n- component \u{2068}«کتابی»\u{2069} renamed \u{2068}«كتابي»\u{2069}\n"), "{md}");
}

#[test]
fn the_paper_against_an_edited_copy() {
    let wd = Workdir::new();
    wd.paper_codebook("new");
    // One repeated code corrected as Table 1 suggests: 15-15 becomes 12-15.
    wd.edit("new/base_themes.csv", "۱۱-۱۵-۱۵-۱۶", "۱۱-۱۲-۱۵-۱۶");
    let run = wd.run(&["diff", "built-in", "new", "--lang", "en"]);
    assert_eq!(run.code(), 1);
    let out = run.stdout();
    assert!(
        out.contains("  base theme «Using the capacity of women»: codes added 12\n"),
        "{out}"
    );
    assert!(
        out.contains("  dimension «Motivational»: sum rule 90 → 91\n"),
        "{out}"
    );
    // The duplicate code and the disagreement with Table 1 are resolved.
    let resolved = out
        .split("Findings that are resolved")
        .nth(1)
        .expect("a resolved section");
    assert!(
        resolved.contains("[duplicate-code] Using the capacity of women"),
        "{resolved}"
    );
    assert!(
        resolved.contains("[cross-table-disagreement] Using the capacity of women"),
        "{resolved}"
    );
}

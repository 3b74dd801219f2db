//! The paper's codebook (Masoumi 2025): it loads with its quirks intact, its tables are the
//! ones read against the printed page (snapshot), and the committed `output/` is exactly what a
//! fresh run produces.

mod workdir;

use std::path::Path;
use workdir::{snapshot_dir, Workdir};

#[test]
fn the_paper_codebook_loads_with_its_quirks_intact() {
    let wd = Workdir::new();
    wd.paper_codebook("codebooks/masoumi2025");
    let out = wd.run(&["validate"]).ok();
    assert_eq!(
        out,
        "codebooks/masoumi2025: valid (2 dimensions, 6 components, 25 base themes, 16 interviewees)\n\
         \x20 note: 2 code(s) listed twice within a base theme\n\
         \x20 note: 4 source-code list(s) out of ascending order\n"
    );
}

#[test]
fn the_paper_tables_as_read_against_the_printed_page() {
    let wd = Workdir::new();
    let report = wd.run(&["tables", "--format", "md"]).ok();
    insta::assert_snapshot!(report);
}

#[test]
fn a_fresh_run_reproduces_the_committed_output_byte_for_byte() {
    let wd = Workdir::new();
    wd.paper_codebook("codebooks/masoumi2025");
    wd.run(&["run"]).ok();
    let fresh = snapshot_dir(&wd.path().join("output"));
    let committed = snapshot_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("output"));
    assert_eq!(
        fresh.keys().collect::<Vec<_>>(),
        committed.keys().collect::<Vec<_>>(),
        "the set of files differs: run `cargo run --release -- run` and commit output/"
    );
    for (path, bytes) in &fresh {
        assert!(
            committed[path] == *bytes,
            "output/{} differs from a fresh run: run `cargo run --release -- run` and commit output/",
            path.display()
        );
    }
}

#[test]
fn without_a_codebooks_directory_the_built_in_copy_is_used_and_gives_the_same_tables() {
    let elsewhere = Workdir::new();
    let summary = elsewhere.run(&["run", "--out", "o"]).ok();
    assert!(
        summary.starts_with("codebook: the built-in copy of codebooks/masoumi2025"),
        "{summary}"
    );

    let here = Workdir::new();
    here.paper_codebook("codebooks/masoumi2025");
    let summary = here.run(&["run", "--out", "o"]).ok();
    assert!(
        summary.starts_with("codebook: codebooks/masoumi2025 ("),
        "{summary}"
    );
    assert_eq!(
        snapshot_dir(&elsewhere.path().join("o")),
        snapshot_dir(&here.path().join("o"))
    );
}

#[test]
fn the_json_contract() {
    let wd = Workdir::new();
    let doc = wd.run(&["tables", "--format", "json"]).json();
    let themes = doc["base_themes"].as_array().unwrap();
    assert_eq!(themes.len(), 25);
    for key in [
        "dimension",
        "component",
        "theme",
        "codes",
        "distinct",
        "printed",
    ] {
        assert!(
            themes.iter().all(|t| t.get(key).is_some()),
            "base theme key {key}"
        );
    }
    // Table 2, row 8: ۱۵ is listed twice; row 1's printed cell is empty (reading R1).
    let women = &themes[7];
    assert_eq!(women["theme"], "استفاده از ظرفیت زنان");
    assert_eq!(
        women["codes"],
        serde_json::json!([1, 2, 3, 4, 5, 6, 8, 9, 11, 15, 15, 16])
    );
    assert_eq!(women["distinct"], 11);
    assert_eq!(themes[0]["printed"], serde_json::Value::Null);
    for (level, keys) in [
        (
            "components",
            &["dimension", "component", "sum", "union", "printed"][..],
        ),
        ("dimensions", &["dimension", "sum", "union", "printed"][..]),
    ] {
        for row in doc[level].as_array().unwrap() {
            for key in keys {
                assert!(row.get(*key).is_some(), "{level} key {key}");
            }
        }
    }
    assert_eq!(doc["dimensions"][0]["printed"], 166);
    assert_eq!(doc["dimensions"][1]["printed"], 141);
}

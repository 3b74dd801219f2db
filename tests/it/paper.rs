//! The paper's codebook (Masoumi 2025): it loads with its quirks intact, its tables are the
//! ones read against the printed page (snapshot), and the committed `output/` is exactly what a
//! fresh run produces.

use crate::workdir::{snapshot_dir, Workdir};
use std::path::Path;

#[test]
fn the_paper_codebook_loads_with_its_quirks_intact() {
    let wd = Workdir::new();
    wd.paper_codebook("codebooks/masoumi2025");
    let out = wd.run(&["validate"]).ok();
    assert_eq!(
        out,
        "codebooks/masoumi2025: valid (2 dimensions, 6 components, 25 base themes, 16 interviewees)\n\
         \x20 note: 2 codes listed twice within a base theme\n\
         \x20 note: 4 source-code lists out of ascending order\n"
    );
}

#[test]
fn the_paper_tables_as_read_against_the_printed_page() {
    let wd = Workdir::new();
    // Read against the page in English; output/tables.md holds the Persian one.
    let report = wd.run(&["tables", "--format", "md", "--lang", "en"]).ok();
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
    // Every file is the same but the report and the review letter, which name where the
    // codebook was read from; the SHA-256 of the codebook's files they give is the same, as
    // the bytes are.
    let mut built_in = snapshot_dir(&elsewhere.path().join("o"));
    let mut files = snapshot_dir(&here.path().join("o"));
    let (built_in_report, files_report) = (
        built_in
            .remove(std::path::Path::new("report.html"))
            .unwrap(),
        files.remove(std::path::Path::new("report.html")).unwrap(),
    );
    let letter = |files: &mut std::collections::BTreeMap<std::path::PathBuf, Vec<u8>>| {
        let docx = files.remove(std::path::Path::new("audit.docx")).unwrap();
        let (_, xml) = crate::documents::parts(&docx)
            .into_iter()
            .find(|(name, _)| name == "word/document.xml")
            .unwrap();
        // After "SHA-256" and, in Persian, a colon and the isolate around the digest.
        let at = xml.find("SHA-256").expect("the letter names the digest") + 7;
        let rest = &xml.as_bytes()[at..];
        let start = (0..rest.len().saturating_sub(64))
            .find(|&i| rest[i..i + 64].iter().all(u8::is_ascii_hexdigit))
            .expect("a 64-digit digest after SHA-256");
        String::from_utf8(rest[start..start + 64].to_vec()).unwrap()
    };
    assert_eq!(letter(&mut built_in), letter(&mut files));
    assert_eq!(built_in, files);
    let digest = |page: &[u8]| {
        let page = String::from_utf8_lossy(page);
        let at = page
            .find("class=\"digest\">")
            .expect("the report names the digest")
            + 15;
        page[at..at + 64].to_string()
    };
    assert_eq!(digest(&built_in_report), digest(&files_report));
    assert!(digest(&files_report).chars().all(|c| c.is_ascii_hexdigit()));
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

/// Rows of a CSV file of the repository, header dropped.
fn rows(relative: &str) -> Vec<Vec<String>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(relative);
    csv::Reader::from_path(&path)
        .unwrap()
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect()
}

#[test]
fn the_codebook_has_not_drifted_from_the_transcription_as_printed() {
    use thematic::persian::match_key;
    let printed = rows("seeds/masoumi2025/table2_as_printed.csv");
    let codebook = rows("codebooks/masoumi2025/base_themes.csv");
    assert_eq!(printed.len(), codebook.len());
    for (p, c) in printed.iter().zip(&codebook) {
        // seeds: page, row, dimension, component, base theme, codes, base, component, dimension
        // codebook: dimension, component, base_theme, base_theme_en, source_codes, printed_frequency
        assert_eq!(match_key(&p[4]), match_key(&c[2]), "row {}", p[1]);
        assert_eq!(p[5], c[4], "source codes of row {}", p[1]);
        assert_eq!(p[6], c[5], "printed base frequency of row {}", p[1]);
        if !p[3].is_empty() {
            assert_eq!(p[3], c[1], "component label on row {}", p[1]);
        }
    }
    // Every printed component and dimension frequency of the page is in the codebook, once.
    let mut page: Vec<String> = printed
        .iter()
        .flat_map(|p| [p[7].clone(), p[8].clone()])
        .filter(|v| !v.is_empty())
        .collect();
    let mut carried: Vec<String> = rows("codebooks/masoumi2025/components.csv")
        .into_iter()
        .map(|r| r[3].clone())
        .chain(
            rows("codebooks/masoumi2025/dimensions.csv")
                .into_iter()
                .map(|r| r[2].clone()),
        )
        .filter(|v| !v.is_empty())
        .collect();
    page.sort();
    carried.sort();
    assert_eq!(page, carried);
    // The roster: 16 rows, codes and years as printed.
    let roster_printed = rows("seeds/masoumi2025/table1_as_printed.csv");
    let roster = rows("codebooks/masoumi2025/interviewees.csv");
    assert_eq!(roster_printed.len(), 16);
    for (p, c) in roster_printed.iter().zip(&roster) {
        assert_eq!((&p[0], &p[2], &p[3]), (&c[0], &c[5], &c[6]));
        assert!(
            match_key(&p[1]).starts_with(&match_key(&c[1])),
            "name of {}",
            p[0]
        );
    }
}

#[test]
fn every_reading_of_the_transcription_notes_is_in_the_codebook() {
    let noted: std::collections::BTreeSet<String> = rows("seeds/masoumi2025/readings.csv")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    let carried: std::collections::BTreeSet<String> = rows("codebooks/masoumi2025/readings.csv")
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(noted, carried);
}

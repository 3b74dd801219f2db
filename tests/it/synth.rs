//! `thematic synth`: deterministic synthetic studies in the normal codebook format, and the
//! tables of such studies checked against a naive recount written here from the CSV alone.

use crate::workdir::{snapshot_dir, Workdir};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

fn synth(wd: &Workdir, out: &str, extra: &[&str]) {
    let mut args = vec!["synth", "--out", out];
    args.extend_from_slice(extra);
    wd.run(&args).ok();
}

/// A base theme as the CSV lists it: dimension, component, label, codes, printed frequency.
struct Row {
    dimension: String,
    component: String,
    theme: String,
    codes: Vec<u32>,
    printed: u32,
}

fn rows(wd: &Workdir, dir: &str) -> Vec<Row> {
    let text = wd.read(&format!("{dir}/base_themes.csv"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.expect("a CSV record");
            Row {
                dimension: r[0].to_string(),
                component: r[1].to_string(),
                theme: r[2].to_string(),
                codes: r[4]
                    .split('-')
                    .filter(|c| !c.is_empty())
                    .map(|c| c.parse().expect("a code"))
                    .collect(),
                printed: r[5].parse().expect("a printed frequency"),
            }
        })
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_files_and_another_seed_other_files() {
    let wd = Workdir::new();
    let sizes = [
        "--interviewees",
        "300",
        "--themes",
        "40",
        "--codings",
        "2500",
    ];
    synth(&wd, "a", &sizes);
    synth(&wd, "b", &sizes);
    synth(&wd, "c", &[&sizes[..], &["--seed", "2"]].concat());
    let (a, b, c) = (
        snapshot_dir(&wd.path().join("a")),
        snapshot_dir(&wd.path().join("b")),
        snapshot_dir(&wd.path().join("c")),
    );
    assert_eq!(a, b);
    assert_ne!(
        a.get(std::path::Path::new("base_themes.csv")),
        c.get(std::path::Path::new("base_themes.csv"))
    );
}

#[test]
fn sizes_are_as_asked_and_frequencies_are_skewed() {
    let wd = Workdir::new();
    synth(
        &wd,
        "s",
        &[
            "--interviewees",
            "500",
            "--themes",
            "60",
            "--codings",
            "4000",
            "--components",
            "7",
            "--dimensions",
            "3",
            "--error-rate",
            "0",
        ],
    );
    let rows = rows(&wd, "s");
    assert_eq!(rows.len(), 60);
    let components: BTreeSet<&str> = rows.iter().map(|r| r.component.as_str()).collect();
    let dimensions: BTreeSet<&str> = rows.iter().map(|r| r.dimension.as_str()).collect();
    assert_eq!((components.len(), dimensions.len()), (7, 3));
    let distinct: Vec<usize> = rows
        .iter()
        .map(|r| r.codes.iter().collect::<BTreeSet<_>>().len())
        .collect();
    assert_eq!(distinct.iter().sum::<usize>(), 4000);
    assert!(rows
        .iter()
        .flat_map(|r| &r.codes)
        .all(|&c| (1..=500).contains(&c)));
    let mut sorted = distinct.clone();
    sorted.sort_unstable();
    assert!(sorted[59] >= 8 * sorted[30], "not skewed: {sorted:?}");
    // With no errors asked for, every printed frequency is the distinct count.
    assert!(rows
        .iter()
        .zip(&distinct)
        .all(|(r, &d)| r.printed as usize == d));
    assert_eq!(wd.read("s/interviewees.csv").lines().count(), 501);
}

#[test]
fn the_audit_flags_exactly_the_planted_base_frequency_errors() {
    let wd = Workdir::new();
    synth(
        &wd,
        "s",
        &[
            "--interviewees",
            "200",
            "--themes",
            "80",
            "--codings",
            "3000",
            "--error-rate",
            "0.3",
            "--seed",
            "11",
        ],
    );
    let planted: BTreeSet<String> = rows(&wd, "s")
        .iter()
        .filter(|r| r.printed as usize != r.codes.iter().collect::<BTreeSet<_>>().len())
        .map(|r| r.theme.clone())
        .collect();
    assert!(
        planted.len() >= 10,
        "too few errors planted: {}",
        planted.len()
    );
    let run = wd.run(&["check", "--codebook", "s", "--format", "json"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let audit: Value = serde_json::from_str(&run.stdout()).expect("audit JSON");
    let flagged: BTreeSet<String> = audit["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "base-count-mismatch")
        .map(|f| f["subject"].as_str().expect("subject").to_string())
        .collect();
    assert_eq!(flagged, planted);
}

#[test]
fn tables_of_a_synthetic_study_agree_with_a_naive_recount() {
    let wd = Workdir::new();
    synth(
        &wd,
        "s",
        &[
            "--interviewees",
            "400",
            "--themes",
            "45",
            "--codings",
            "5000",
            "--components",
            "6",
            "--dimensions",
            "2",
            "--error-rate",
            "0.2",
            "--seed",
            "5",
        ],
    );
    let rows = rows(&wd, "s");
    let tables = wd
        .run(&["tables", "--codebook", "s", "--format", "json"])
        .json();

    // Base themes: distinct interviewees and listings.
    let sets: Vec<BTreeSet<u32>> = rows
        .iter()
        .map(|r| r.codes.iter().copied().collect())
        .collect();
    for (i, (row, set)) in rows.iter().zip(&sets).enumerate() {
        let t = &tables["base_themes"][i];
        assert_eq!(t["theme"], row.theme.as_str());
        assert_eq!(t["distinct"], set.len());
        assert_eq!(t["listed"], row.codes.len());
    }

    // Components and dimensions: sum and union rules.
    let check_level = |key: &str, label: &dyn Fn(&Row) -> &str| {
        let mut groups: BTreeMap<&str, (usize, BTreeSet<u32>)> = BTreeMap::new();
        for (row, set) in rows.iter().zip(&sets) {
            let g = groups.entry(label(row)).or_default();
            g.0 += set.len();
            g.1.extend(set);
        }
        let level = tables[key].as_array().expect("a level");
        assert_eq!(level.len(), groups.len());
        for group in level {
            let name = group[if key == "components" {
                "component"
            } else {
                "dimension"
            }]
            .as_str()
            .expect("label");
            let (sum, union) = &groups[name];
            assert_eq!(group["sum"], *sum, "{key} {name}");
            assert_eq!(group["union"], union.len(), "{key} {name}");
        }
    };
    check_level("components", &|r| &r.component);
    check_level("dimensions", &|r| &r.dimension);

    // Co-occurrence: interviewees shared by each pair of base themes.
    for a in 0..sets.len() {
        for b in 0..sets.len() {
            let shared = sets[a].intersection(&sets[b]).count();
            assert_eq!(tables["cooccurrence"][a][b], shared, "themes {a} and {b}");
        }
    }

    // Interviewees: base themes, listings, components and dimensions that list them.
    let people = tables["interviewees"].as_array().expect("interviewees");
    assert_eq!(people.len(), 400);
    for person in people {
        let code = person["code"].as_u64().expect("code") as u32;
        let themes: Vec<usize> = (0..rows.len())
            .filter(|&t| sets[t].contains(&code))
            .collect();
        let listings: usize = rows
            .iter()
            .map(|r| r.codes.iter().filter(|&&c| c == code).count())
            .sum();
        let components: BTreeSet<&str> =
            themes.iter().map(|&t| rows[t].component.as_str()).collect();
        let dimensions: BTreeSet<&str> =
            themes.iter().map(|&t| rows[t].dimension.as_str()).collect();
        assert_eq!(person["base_themes"], themes.len(), "interviewee {code}");
        assert_eq!(person["listings"], listings, "interviewee {code}");
        assert_eq!(person["components"], components.len(), "interviewee {code}");
        assert_eq!(person["dimensions"], dimensions.len(), "interviewee {code}");
        // The dense case × code row says the same.
        let row = people.iter().position(|p| p["code"] == code).expect("row");
        let cells: Vec<usize> = tables["case_matrix"]["matrix"][row]
            .as_array()
            .expect("a dense row")
            .iter()
            .enumerate()
            .filter(|(_, v)| **v == 1)
            .map(|(t, _)| t)
            .collect();
        assert_eq!(cells, themes, "case row of {code}");
    }
}

#[test]
fn a_large_case_matrix_is_written_in_long_form() {
    let wd = Workdir::new();
    // 2,000 interviewees × 600 themes = 1.2 million cells: above the dense limit.
    synth(
        &wd,
        "s",
        &[
            "--interviewees",
            "2000",
            "--themes",
            "600",
            "--codings",
            "20000",
            "--components",
            "20",
        ],
    );
    let csv = wd
        .run(&[
            "tables",
            "--codebook",
            "s",
            "--format",
            "csv",
            "--table",
            "case-matrix",
        ])
        .ok();
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("code,base_theme_number"));
    let cells: BTreeSet<(u32, u32)> = lines
        .map(|l| {
            let (code, theme) = l.split_once(',').expect("two columns");
            (code.parse().expect("code"), theme.parse().expect("theme"))
        })
        .collect();
    let expected: BTreeSet<(u32, u32)> = rows(&wd, "s")
        .iter()
        .enumerate()
        .flat_map(|(t, r)| r.codes.iter().map(move |&c| (c, t as u32 + 1)))
        .collect();
    assert_eq!(cells, expected);
    let json = wd
        .run(&["tables", "--codebook", "s", "--format", "json"])
        .json();
    assert_eq!(json["case_matrix"]["form"], "long");
    assert!(json["case_matrix"].get("matrix").is_none());
    let listed: usize = json["case_matrix"]["base_themes"]
        .as_array()
        .expect("long rows")
        .iter()
        .map(|r| r.as_array().expect("a row").len())
        .sum();
    assert_eq!(listed, expected.len());
    // A synthetic study is Persian (its study.toml says so); the notes are read in English.
    let report = wd.run(&["tables", "--codebook", "s", "--lang", "en"]).ok();
    assert!(
        report.contains("Long form"),
        "the report says the matrix is long"
    );
    assert!(report.contains("all of them are in `case_matrix.csv`"));
}

#[test]
fn impossible_sizes_are_refused_with_exit_2() {
    let wd = Workdir::new();
    for (args, says) in [
        (
            vec!["--themes", "3", "--components", "5"],
            "--themes 3 is fewer than --components 5",
        ),
        (
            vec![
                "--themes",
                "10",
                "--interviewees",
                "5",
                "--codings",
                "51",
                "--components",
                "3",
            ],
            "more than --themes × --interviewees = 50",
        ),
        (vec!["--error-rate", "1.5"], "not a fraction"),
        (
            vec!["--components", "2", "--dimensions", "3"],
            "fewer than --dimensions",
        ),
    ] {
        let mut all = vec!["synth", "--out", "x"];
        all.extend(args);
        let run = wd.run(&all);
        assert_eq!(run.code(), 2, "{all:?}");
        assert!(run.stderr().contains(says), "{all:?}: {}", run.stderr());
        assert!(!wd.path().join("x").exists(), "nothing written");
    }
}

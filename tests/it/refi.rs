//! REFI-QDA import and export through the real binary: the paper's round trip (same tables,
//! same audit), deterministic exports, fixtures shaped like real tools' projects (and ATLAS.ti's
//! own export), the mapping of trees that are not three deep, and the corpus of broken archives
//! and XML (`tests/bad_inputs_refi/`).

use crate::documents::unzip;
use crate::workdir::{snapshot_dir, Workdir};
use std::path::Path;

/// A REFI-QDA fixture's path (`tests/fixtures/refi/NAME`).
pub fn fixture(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/refi")
        .join(name)
        .display()
        .to_string()
}

/// Every finding of `check --format json`, without the codebook's name and row numbers'
/// file (which differ between two directories of the same codebook by design).
fn findings(wd: &Workdir, codebook: &str) -> serde_json::Value {
    let run = wd.run(&[
        "check",
        "--codebook",
        codebook,
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let json: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    json["findings"].clone()
}

#[test]
fn the_paper_survives_a_round_trip_through_a_qdpx() {
    let wd = Workdir::new();
    wd.paper_codebook("paper");
    wd.run(&[
        "export",
        "--codebook",
        "paper",
        "--format",
        "qdpx",
        "--out",
        "paper.qdpx",
    ])
    .ok();
    let report = wd.run(&["import", "paper.qdpx", "--out", "back"]).ok();
    assert!(
        report.contains("25 base theme(s), 16 interviewee(s)"),
        "{report}"
    );
    for (codebook, out) in [("paper", "t1"), ("back", "t2")] {
        wd.run(&[
            "tables",
            "--codebook",
            codebook,
            "--format",
            "csv",
            "--out",
            out,
        ])
        .ok();
    }
    let (before, after) = (
        snapshot_dir(&wd.path().join("t1")),
        snapshot_dir(&wd.path().join("t2")),
    );
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    for (file, bytes) in &before {
        if file.extension().is_some_and(|e| e == "csv") {
            assert_eq!(
                String::from_utf8_lossy(bytes),
                String::from_utf8_lossy(&after[file]),
                "{}",
                file.display()
            );
        }
    }
    let (a, mut b) = (findings(&wd, "paper"), findings(&wd, "back"));
    assert!(a.as_array().unwrap().len() > 50);
    // The import adds evidence: findings that name interviewees cite their coded segments.
    let cited = b
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .filter_map(|f| f.as_object_mut().unwrap().remove("segments"))
        .count();
    assert!(cited > 10, "{cited} findings cite segments");
    assert_eq!(a, b);
    // Table 1's evidence travelled as coded selections: one segment per mapped phrase.
    let segments = wd.read("back/segments.csv");
    assert!(segments.lines().count() > 100, "{segments}");
    assert!(segments.contains("دکتر محمدجواد ظریف,1,0,16,ارتباطات اقتصادی,انگیزشی,تعامل در امور اقتصادی,فرصت‌های سرمایه گذاری و اقتصادی"));
    // And it goes back out as it came in: the re-export is the first export, byte for byte
    // (phrases Table 1 prints twice stay twice; a note shared by a phrase's links is one note).
    wd.run(&[
        "export",
        "--codebook",
        "back",
        "--format",
        "qdpx",
        "--out",
        "back.qdpx",
    ])
    .ok();
    assert!(
        std::fs::read(wd.path().join("paper.qdpx")).unwrap()
            == std::fs::read(wd.path().join("back.qdpx")).unwrap(),
        "the re-export differs from the first export"
    );
}

#[test]
fn exports_are_byte_identical_and_share_their_guids() {
    let wd = Workdir::new();
    wd.paper_codebook("paper");
    for out in ["a.qdpx", "b.qdpx", "a.qdc", "b.qdc"] {
        let format = out.rsplit('.').next().unwrap();
        wd.run(&[
            "export",
            "--codebook",
            "paper",
            "--format",
            format,
            "--out",
            out,
        ])
        .ok();
    }
    let read = |f: &str| std::fs::read(wd.path().join(f)).unwrap();
    assert_eq!(read("a.qdpx"), read("b.qdpx"));
    assert_eq!(read("a.qdc"), read("b.qdc"));
    let parts = unzip(&read("a.qdpx"));
    assert!(parts.contains_key("project.qde") && parts.keys().any(|k| k.starts_with("sources/")));
    let project = String::from_utf8(parts["project.qde"].clone()).unwrap();
    let codebook = String::from_utf8(read("a.qdc")).unwrap();
    let guids = |xml: &str| -> Vec<String> {
        let doc = roxmltree::Document::parse(xml).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("Code"))
            .map(|n| n.attribute("guid").unwrap().to_string())
            .collect()
    };
    let codes = guids(&codebook);
    assert_eq!(codes.len(), 2 + 6 + 25);
    assert_eq!(codes, guids(&project));
    // Dimensions and components are groups; base themes are the codable leaves.
    let doc = roxmltree::Document::parse(&codebook).unwrap();
    for code in doc.descendants().filter(|n| n.has_tag_name("Code")) {
        let leaf = !code.children().any(|c| c.has_tag_name("Code"));
        assert_eq!(
            code.attribute("isCodable"),
            Some(if leaf { "true" } else { "false" })
        );
    }
    assert!(codebook.contains("English: Transport cooperation"));
    // A case per interviewee, with the base themes Table 2 says they raised.
    let doc = roxmltree::Document::parse(&project).unwrap();
    let cases: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("Case"))
        .collect();
    assert_eq!(cases.len(), 16);
    let zarif_refs = cases[0]
        .children()
        .filter(|n| n.has_tag_name("CodeRef"))
        .count();
    let zarif_rows = wd
        .read("paper/base_themes.csv")
        .lines()
        .skip(1)
        .filter(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            cells[4].split('-').any(|c| c == "۱")
        })
        .count();
    assert_eq!(zarif_refs, zarif_rows);
}

#[test]
fn a_qdc_imports_as_a_scheme_that_runs_every_theme_at_zero() {
    let wd = Workdir::new();
    wd.paper_codebook("paper");
    wd.run(&[
        "export",
        "--codebook",
        "paper",
        "--format",
        "qdc",
        "--out",
        "scheme.qdc",
    ])
    .ok();
    let report = wd.run(&["import", "scheme.qdc", "--out", "scheme"]).ok();
    assert!(report.contains("no coding to read"), "{report}");
    assert!(
        report.contains("next: thematic run --codebook scheme"),
        "{report}"
    );
    let themes = wd.read("scheme/base_themes.csv");
    assert_eq!(themes.lines().count(), 26);
    assert!(
        themes.contains("همکاری در حوزه حمل و نقل,Transport cooperation,,"),
        "{themes}"
    );
    // The advice is true: the scheme validates and runs, every base theme a row at 0.
    wd.run(&["validate", "--codebook", "scheme"]).ok();
    wd.run(&["run", "--codebook", "scheme", "--out", "out"])
        .ok();
    let table = wd.read("out/base_themes.csv");
    let rows: Vec<&str> = table.lines().skip(1).collect();
    assert_eq!(rows.len(), 25, "{table}");
    let header: Vec<&str> = table.lines().next().unwrap().split(',').collect();
    let distinct = header.iter().position(|h| *h == "distinct").unwrap();
    for row in rows {
        let cells: Vec<&str> = row.split(',').collect();
        assert_eq!(cells[distinct], "0", "{row}");
    }
    let audit = wd.read("out/audit.txt");
    assert!(audit.contains("unraised-theme"), "{audit}");
}

#[test]
fn a_project_without_cases_makes_each_source_an_interviewee() {
    let wd = Workdir::new();
    let report = wd
        .run(&["import", &fixture("no-cases.qdpx"), "--out", "ports"])
        .ok();
    for expected in [
        "3 source(s), one each",
        "the number in each of the sources' names",
        "1 coding(s) apply a code that has sub-codes: not counted",
        "ignored: Notes (1), Sets (1), Users (1)",
    ] {
        assert!(report.contains(expected), "{expected}\n{report}");
    }
    let themes = wd.read("ports/base_themes.csv");
    assert!(
        themes.contains("Ports study,Economy,Trade,,1,,,,#0A141E"),
        "{themes}"
    );
    assert!(
        themes.contains("Ports study,Economy,Rail,,1-2,,,,#0A0B0C"),
        "{themes}"
    );
    assert!(
        themes.contains("Ports study,Ports study,Tourism,,2,"),
        "{themes}"
    );
    assert!(wd
        .read("ports/components.csv")
        .contains("Ports study,Economy,Economy,,,Trade and transport.,#AABBCC"));
    // Offsets count characters: the Persian sentence after a BOM-led text.
    let segments = wd.read("ports/segments.csv");
    assert!(
        segments.contains("Interview 1,1,46,68,تجارت از راه بندر است.,Ports study,Economy,Trade"),
        "{segments}"
    );
    assert!(
        segments.contains("Interview 2,2,13,20,tourism,"),
        "{segments}"
    );
    wd.run(&["run", "--codebook", "ports", "--out", "out", "--lang", "en"])
        .ok();
    assert!(wd.read("out/base_themes.csv").contains("Rail"));
}

#[test]
fn cases_count_their_sources_and_selections_and_levels_choose_the_tree() {
    let wd = Workdir::new();
    let report = wd
        .run(&["import", &fixture("cases.qdpx"), "--out", "default"])
        .ok();
    assert!(
        report.contains("«Borders / Sea»") && report.contains("«Gender»"),
        "{report}"
    );
    let themes = wd.read("default/base_themes.csv");
    assert!(
        themes.contains("Environmental,Geopolitics,Security,,7,"),
        "{themes}"
    );
    assert!(
        themes.contains("Environmental,Geopolitics,Borders / Land,,7-9,"),
        "{themes}"
    );
    assert!(
        themes.contains("Motivational,Culture,Language,,7,"),
        "{themes}"
    );
    assert!(wd
        .read("default/interviewees.csv")
        .contains("7,Ambassador,ambassador,"));
    assert!(wd
        .read("default/segments.csv")
        .contains("Loose notes,,0,10,Sea lanes."));
    wd.run(&[
        "import",
        &fixture("cases.qdpx"),
        "--out",
        "deeper",
        "--levels",
        "1,3",
    ])
    .ok();
    let themes = wd.read("deeper/base_themes.csv");
    assert!(
        themes.contains("Environmental,Borders,Land,,7-9,"),
        "{themes}"
    );
    assert!(
        themes.contains("Environmental,Environmental,Geopolitics / Security,,7,"),
        "{themes}"
    );
    let bad = wd.run(&[
        "import",
        &fixture("cases.qdpx"),
        "--out",
        "x",
        "--levels",
        "2,1",
    ]);
    assert_eq!(bad.code(), 2);
    assert!(
        bad.stderr().contains("above the component level"),
        "{}",
        bad.stderr()
    );
    // A second import into the same directory replaces the codebook whole.
    wd.run(&[
        "import",
        &fixture("atlas-two-codes.qdpx"),
        "--out",
        "default",
    ])
    .ok();
    assert!(!wd.path().join("default/segments.csv").exists());
}

#[test]
fn taguette_s_own_codebook_imports_as_a_flat_scheme() {
    // Taguette writes every tag as a top-level code (a dot in a tag's name is not a level in
    // REFI-QDA) and an empty `<Sets/>`, which the schema does not allow.
    let wd = Workdir::new();
    let report = wd
        .run(&["import", &fixture("taguette-1.5.2.qdc"), "--out", "tags"])
        .ok();
    assert!(
        report.contains("codebook from Taguette 1.5.2: 4 codes, 1 level(s) deep"),
        "{report}"
    );
    assert!(report.contains("ignored: Sets (1)"), "{report}");
    assert_eq!(
        wd.read("tags/base_themes.csv")
            .lines()
            .skip(1)
            .collect::<Vec<_>>(),
        [
            "taguette-1.5.2,taguette-1.5.2,economy,,,,,,",
            "taguette-1.5.2,taguette-1.5.2,economy.trade,,,,,,",
            "taguette-1.5.2,taguette-1.5.2,تجارت و کریدور,,,,,,",
            "taguette-1.5.2,taguette-1.5.2,interesting quote,,,,,,",
        ]
    );
    // A scheme to code with: it validates and runs, each tag a base theme at 0.
    wd.run(&["validate", "--codebook", "tags"]).ok();
    wd.run(&["run", "--codebook", "tags", "--out", "out"]).ok();
    assert_eq!(wd.read("out/base_themes.csv").lines().count(), 5);
}

#[test]
fn atlas_ti_s_own_export_imports_as_a_scheme() {
    let wd = Workdir::new();
    let report = wd
        .run(&["import", &fixture("atlas-two-codes.qdpx"), "--out", "atlas"])
        .ok();
    assert!(
        report.contains("from ATLAS.ti for Windows 23.2.3.27778"),
        "{report}"
    );
    assert_eq!(
        wd.read("atlas/base_themes.csv")
            .lines()
            .skip(1)
            .collect::<Vec<_>>(),
        [
            "target-atlas-project,Commits,2022-05-10T02:05:59Z 19e4dce,,,,,,",
            "target-atlas-project,Commits,2022-02-11T10:39:25Z cdbfd92,,,,,,"
        ]
    );
}

/// A project whose codes nest `depth` deep: each a code inside the one before.
fn deep_codes(depth: usize) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project name=\"deep\" xmlns=\"urn:QDA-XML:project:1.0\">\n<CodeBook><Codes>\n",
    );
    for i in 0..depth {
        xml.push_str(&format!(
            "<Code guid=\"00000000-0000-4000-8000-{:012x}\" name=\"code {i}\" isCodable=\"true\">\n",
            i + 1
        ));
    }
    xml.push_str(&"</Code>\n".repeat(depth));
    xml.push_str("</Codes></CodeBook>\n</Project>\n");
    xml
}

/// Make the case's input in the work directory (`setup:` in its case.txt): a tree nested
/// deep, a pipe, a link, a directory or a sparse file of the size given.
fn set_up(wd: &Workdir, file: &str, setup: &str) -> std::path::PathBuf {
    let path = wd.path().join(file);
    match setup.split_once(':') {
        Some(("deep-codes", depth)) => {
            let xml = deep_codes(depth.parse().unwrap());
            if file.ends_with(".qdpx") {
                let out = std::fs::File::create(&path).unwrap();
                let mut zip = zip::ZipWriter::new(out);
                zip.start_file("project.qde", zip::write::SimpleFileOptions::default())
                    .unwrap();
                std::io::Write::write_all(&mut zip, xml.as_bytes()).unwrap();
                zip.finish().unwrap();
            } else {
                std::fs::write(&path, xml).unwrap();
            }
        }
        Some(("link", target)) => std::os::unix::fs::symlink(target, &path).unwrap(),
        Some(("sparse", bytes)) => std::fs::File::create(&path)
            .unwrap()
            .set_len(bytes.parse().unwrap())
            .unwrap(),
        None if setup == "fifo" => {
            let made = std::process::Command::new("mkfifo")
                .arg(&path)
                .status()
                .unwrap();
            assert!(made.success());
        }
        None if setup == "dir" => std::fs::create_dir(&path).unwrap(),
        _ => panic!("unknown setup {setup}"),
    }
    path
}

#[test]
fn a_code_tree_three_thousand_deep_still_imports() {
    let wd = Workdir::new();
    std::fs::write(wd.path().join("deep.qde"), deep_codes(3_000)).unwrap();
    let report = wd
        .run_within(60, &["import", "deep.qde", "--out", "cb"])
        .ok();
    assert!(report.contains("base theme"), "{report}");
    // The deepest code is the one base theme, under its two nearest ancestors.
    let themes = wd.read("cb/base_themes.csv");
    assert_eq!(themes.lines().count(), 2, "{themes}");
    assert!(themes.contains("code 2999"), "{themes}");
    wd.run(&["validate", "--codebook", "cb"]).ok();
}

#[test]
fn every_broken_archive_and_xml_is_refused_clearly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs_refi");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 24);
    let mut messages = String::new();
    for dir in dirs {
        let text = std::fs::read_to_string(dir.join("case.txt")).unwrap();
        let field = |key: &str| {
            text.lines()
                .find_map(|l| l.strip_prefix(&format!("{key}: ")))
                .map(String::from)
        };
        let wd = Workdir::new();
        let file = match field("setup") {
            None => dir.join(field("file").unwrap()),
            Some(setup) => set_up(&wd, &field("file").unwrap(), &setup),
        };
        // A previous import that the failed one must leave alone.
        wd.run(&["import", &fixture("no-cases.qdpx"), "--out", "cb"])
            .ok();
        let before = snapshot_dir(&wd.path().join("cb"));
        let run = wd.run_within(60, &["import", &file.display().to_string(), "--out", "cb"]);
        let stderr = run.stderr();
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        assert_eq!(run.code(), 2, "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{name}: {stderr}");
        let place = match field("at") {
            // `!entry` names a place inside the archive.
            Some(at) if at.starts_with('!') => format!("{}{at}", file.display()),
            Some(at) => format!("{}:{at}", file.display()),
            None => file.display().to_string(),
        };
        assert!(
            stderr.contains(&place),
            "{name}: does not name {place}\n{stderr}"
        );
        assert!(stderr.contains(&field("says").unwrap()), "{name}: {stderr}");
        assert!(stderr.contains("\n  fix: "), "{name}: {stderr}");
        assert_eq!(snapshot_dir(&wd.path().join("cb")), before, "{name}");
        // Where the case's file lives differs by machine; the snapshot names it INPUT.
        let stderr = stderr.replace(&file.display().to_string(), "INPUT");
        messages.push_str(&format!(
            "=== {name} ({})\n{stderr}\n",
            field("what").unwrap()
        ));
    }
    insta::assert_snapshot!(messages);
}

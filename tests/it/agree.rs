//! `thematic agree`: coders' codebooks of one scheme matched cell by cell, the coefficients
//! against hand computations, mismatches reported as missing ratings, deterministic intervals,
//! and the files of `--out`.

use crate::workdir::Workdir;
use serde_json::Value;

/// The paper twice: coder 2 also raised "Using the capacity of women" for interviewee 12.
fn two_coders(wd: &Workdir) {
    wd.paper_codebook("a");
    wd.paper_codebook("b");
    wd.edit(
        "b/base_themes.csv",
        "۱-۲-۳-۴-۵-۶-۸-۹-۱۱-۱۵-۱۵-۱۶",
        "۱-۲-۳-۴-۵-۶-۸-۹-۱۱-۱۲-۱۵-۱۶",
    );
}

fn theme<'a>(json: &'a Value, english: &str) -> &'a Value {
    json["base_themes_agreement"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["base_theme"] == english)
        .unwrap_or_else(|| panic!("no base theme {english}"))
}

fn close(v: &Value, expected: f64) {
    let got = v.as_f64().unwrap_or_else(|| panic!("{v} is not a number"));
    assert!((got - expected).abs() < 1e-12, "{got} is not {expected}");
}

#[test]
fn one_changed_cell_is_found_and_its_kappa_is_the_hand_computed_one() {
    let wd = Workdir::new();
    two_coders(&wd);
    let json = wd
        .run(&["agree", "a", "b", "--format", "json", "--lang", "en"])
        .json();
    assert_eq!(json["interviewees"], 16);
    assert_eq!(json["base_themes"], 25);
    assert_eq!(json["overall"]["cells"], 400);
    let disagreements = json["disagreements"].as_array().unwrap();
    assert_eq!(disagreements.len(), 1, "{disagreements:?}");
    assert_eq!(disagreements[0]["interviewee"], 12);
    assert_eq!(disagreements[0]["raised_by"], serde_json::json!([2]));
    // Both raised it for 11 interviewees, coder 2 alone for one, neither for four:
    // p_o = 15/16, p_e = (11·12 + 5·4)/256 = 152/256, κ = (240 − 152)/(256 − 152) = 88/104.
    let women = theme(&json, "Using the capacity of women");
    close(&women["cohen_kappa"]["value"], 88.0 / 104.0);
    close(&women["percent_agreement"]["value"], 15.0 / 16.0);
    assert_eq!(women["raised"], serde_json::json!([11, 12]));
    // Every other base theme agrees perfectly: 1, or undefined where nobody varied.
    for t in json["base_themes_agreement"].as_array().unwrap() {
        if t["base_theme"] != "Using the capacity of women" {
            close(&t["percent_agreement"]["value"], 1.0);
            let alpha = &t["krippendorff_alpha"];
            assert!(alpha["value"].is_null() || alpha["value"] == 1.0, "{t}");
        }
    }
    // Intervals hold their value, and the run is deterministic for a seed.
    let low = women["krippendorff_alpha"]["low"].as_f64().unwrap();
    let high = women["krippendorff_alpha"]["high"].as_f64().unwrap();
    let value = women["krippendorff_alpha"]["value"].as_f64().unwrap();
    assert!(low <= value && value <= high, "{low} {value} {high}");
    let again = wd
        .run(&["agree", "a", "b", "--format", "json", "--lang", "en"])
        .json();
    assert_eq!(json, again);
    let other_seed = wd
        .run(&["agree", "a", "b", "--format", "json", "--seed", "9"])
        .json();
    assert_ne!(
        json["overall"]["krippendorff_alpha"]["low"],
        other_seed["overall"]["krippendorff_alpha"]["low"]
    );
    let none = wd
        .run(&["agree", "a", "b", "--format", "json", "--bootstrap", "0"])
        .json();
    assert!(none["overall"]["krippendorff_alpha"]["low"].is_null());
}

#[test]
fn the_text_report_reads_right() {
    let wd = Workdir::new();
    two_coders(&wd);
    let text = wd
        .run(&["agree", "a", "b", "--lang", "en", "--bootstrap", "200"])
        .ok();
    insta::assert_snapshot!(text.replace(&wd.path().display().to_string(), "<dir>"));
}

#[test]
fn what_does_not_match_is_missing_and_reported() {
    let wd = Workdir::new();
    two_coders(&wd);
    // Coder 2 did not code interviewee 16, and added a base theme of their own. (Their copy of
    // the paper's reference list cites interviewee 16: it goes too.)
    std::fs::remove_file(wd.path().join("b/citations.csv")).unwrap();
    let roster = wd.read("b/interviewees.csv");
    let kept: Vec<&str> = roster
        .lines()
        .filter(|l| !l.starts_with("۱۶,") && !l.starts_with("16,"))
        .collect();
    assert_eq!(kept.len(), roster.lines().count() - 1, "{roster}");
    wd.write("b/interviewees.csv", kept.join("\n") + "\n");
    let mut reader = csv::Reader::from_path(wd.path().join("b/base_themes.csv")).unwrap();
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer.write_record(reader.headers().unwrap()).unwrap();
    let column = reader
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "source_codes")
        .unwrap();
    for row in reader.records() {
        let mut row: Vec<String> = row.unwrap().iter().map(String::from).collect();
        let kept: Vec<&str> = row[column].split('-').filter(|c| *c != "۱۶").collect();
        row[column] = kept.join("-");
        writer.write_record(&row).unwrap();
    }
    let mut themes = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    themes.push_str("انگیزشی,ساختارهای اجتماعی,مضمون تازه,A new theme,۱-۲,\n");
    wd.write("b/base_themes.csv", themes);
    let json = wd
        .run(&["agree", "a", "b", "--format", "json", "--lang", "en"])
        .json();
    let unmatched = &json["unmatched"];
    assert_eq!(
        unmatched["interviewees"],
        serde_json::json!([{"interviewee": 16, "on_roster_of": [1]}])
    );
    assert_eq!(unmatched["base_themes"][0]["base_theme"], "A new theme");
    assert_eq!(
        unmatched["base_themes"][0]["coded_by"],
        serde_json::json!([2])
    );
    // 26 base themes × 16 interviewees, less interviewee 16 (one rating each) and the new
    // theme (coder 2's ratings only): 25 × 15 cells rated twice.
    assert_eq!(json["base_themes"], 26);
    assert_eq!(json["overall"]["cells"], 375);
    let new = theme(&json, "A new theme");
    assert_eq!(new["cells"], 0);
    assert_eq!(
        new["krippendorff_alpha"]["undefined"],
        "no_cell_rated_twice"
    );
    let text = wd.run(&["agree", "a", "b", "--lang", "en"]).ok();
    assert!(
        text.contains("interviewee 16 is not on the roster of coder 2"),
        "{text}"
    );
    assert!(
        text.contains(
            "base theme «A new theme» (Social structures) is not in the scheme of coder 1"
        ),
        "{text}"
    );
}

#[test]
fn out_writes_every_format_and_the_chart_and_never_into_a_codebook() {
    let wd = Workdir::new();
    two_coders(&wd);
    let listed = wd
        .run(&["agree", "a", "b", "--out", "agreement", "--bootstrap", "50"])
        .ok();
    for file in [
        "agreement.txt",
        "agreement.md",
        "agreement.json",
        "agreement.csv",
        "disagreements.csv",
        "charts/agreement_alpha.svg",
        "charts/agreement_alpha.png",
        "report.html",
    ] {
        assert!(listed.contains(file), "{listed}");
        assert!(wd.path().join("agreement").join(file).is_file(), "{file}");
    }
    let csv = wd.read("agreement/agreement.csv");
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("level,dimension,component,base_theme,cells,raised_coder_1,raised_coder_2,percent_agreement,percent_agreement_low"), "{header}");
    assert_eq!(csv.lines().count(), 1 + 1 + 2 + 6 + 25);
    assert_eq!(
        wd.read("agreement/disagreements.csv")
            .lines()
            .nth(1)
            .unwrap(),
        "انگیزشی,ساختارهای اجتماعی,استفاده از ظرفیت زنان,12,2,1"
    );
    let svg = wd.read("agreement/charts/agreement_alpha.svg");
    assert!(svg.contains("<svg"), "{svg}");
    // The report has the section, with the one disagreement and the chart.
    let page = wd.read("agreement/report.html");
    assert!(page.contains("id=\"coders\""), "no coders section");
    assert!(page.contains("href=\"#coders\""), "not in the contents");
    assert!(page.contains("id=\"chart-coders\""), "no chart");
    let plain = wd.read("a/base_themes.csv");
    assert!(!plain.is_empty());
    let without = wd.run(&["report", "--codebook", "a", "--out", "r"]).ok();
    assert!(without.contains("report.html"));
    assert!(!wd.read("r/report.html").contains("id=\"coders\""));
    let refused = wd.run(&["agree", "a", "b", "--out", "b"]);
    assert_eq!(refused.code(), 2, "{}", refused.stderr());
}

#[test]
fn synthetic_coders_with_no_disagreement_agree_perfectly() {
    let wd = Workdir::new();
    wd.run(&[
        "synth",
        "--interviewees",
        "30",
        "--themes",
        "10",
        "--codings",
        "80",
        "--components",
        "4",
        "--dimensions",
        "2",
        "--coders",
        "3",
        "--disagreement",
        "0",
        "--out",
        "s",
    ])
    .ok();
    let json = wd
        .run(&[
            "agree",
            "s/coder-1",
            "s/coder-2",
            "s/coder-3",
            "--format",
            "json",
        ])
        .json();
    assert!(json["disagreements"].as_array().unwrap().is_empty());
    close(&json["overall"]["krippendorff_alpha"]["value"], 1.0);
    close(&json["overall"]["fleiss_kappa"]["value"], 1.0);
    assert_eq!(
        json["overall"]["cohen_kappa"]["undefined"],
        "not_two_coders"
    );
    // With disagreement, two coders part on about 2p(1 − p) of the cells.
    wd.run(&[
        "synth",
        "--interviewees",
        "200",
        "--themes",
        "50",
        "--codings",
        "2000",
        "--coders",
        "2",
        "--disagreement",
        "0.1",
        "--out",
        "t",
    ])
    .ok();
    let json = wd
        .run(&[
            "agree",
            "t/coder-1",
            "t/coder-2",
            "--format",
            "json",
            "--bootstrap",
            "0",
        ])
        .json();
    let agreement = json["overall"]["percent_agreement"]["value"]
        .as_f64()
        .unwrap();
    assert!((agreement - 0.82).abs() < 0.01, "{agreement}");
    let bad = wd.run(&[
        "synth",
        "--coders",
        "2",
        "--disagreement",
        "1.5",
        "--out",
        "u",
    ]);
    assert_eq!(bad.code(), 2);
    assert!(
        bad.stderr()
            .contains("--disagreement 1.5 is not a fraction"),
        "{}",
        bad.stderr()
    );
}

#[test]
fn bad_inputs_are_refused_with_exit_2() {
    let wd = Workdir::new();
    wd.paper_codebook("a");
    let missing = wd.run(&["agree", "a", "nowhere"]);
    assert_eq!(missing.code(), 2);
    assert!(missing.stderr().contains("nowhere"), "{}", missing.stderr());
    let one = wd.run(&["agree", "a"]);
    assert_eq!(one.code(), 2);
    let many = wd.run(&["agree", "a", "a", "--bootstrap", "1000000"]);
    assert_eq!(many.code(), 2);
    assert!(
        many.stderr().contains("at most 100000"),
        "{}",
        many.stderr()
    );
    // A broken coder's codebook says which file and line.
    wd.paper_codebook("b");
    wd.edit("b/base_themes.csv", "۱-۲-۳-۴-۵-۶-۸-۹-۱۱-۱۵-۱۵-۱۶", "۱، (۲)");
    let broken = wd.run(&["agree", "a", "b"]);
    assert_eq!(broken.code(), 2);
    assert!(
        broken.stderr().contains("b/base_themes.csv:9"),
        "{}",
        broken.stderr()
    );
}

#[test]
fn the_text_and_markdown_follow_the_language() {
    let wd = Workdir::new();
    two_coders(&wd);
    let fa = wd
        .run(&["agree", "a", "b", "--lang", "fa", "--bootstrap", "0"])
        .ok();
    assert!(
        fa.starts_with("توافق میان کدگذاران: ۲ کدگذار، ۱۶ مصاحبه‌شونده، ۲۵ مضمون پایه"),
        "{fa}"
    );
    assert!(
        fa.contains("کدگذار ۲ آن را ثبت کرده است و کدگذار ۱ نه"),
        "{fa}"
    );
    assert!(fa.contains("بی بازهٔ اطمینان"), "{fa}");
    let md = wd
        .run(&[
            "agree",
            "a",
            "b",
            "--lang",
            "fa",
            "--format",
            "md",
            "--bootstrap",
            "0",
        ])
        .ok();
    assert!(md.starts_with("# توافق میان کدگذاران\n"), "{md}");
    assert!(
        md.contains("| سطح | بُعد | مؤلفه | مضمون پایه | خانه‌ها |"),
        "{md}"
    );
    let en = wd
        .run(&[
            "agree",
            "a",
            "b",
            "--lang",
            "en",
            "--format",
            "md",
            "--bootstrap",
            "0",
        ])
        .ok();
    assert!(en.starts_with("# Intercoder agreement\n\n2 coders, 16 interviewees, 25 base themes: 400 cells rated by two coders or more.\n"), "{en}");
    assert!(
        !en.chars().any(|c| matches!(c, '\u{06F0}'..='\u{06F9}')),
        "{en}"
    );
}

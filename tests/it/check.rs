//! The audit, rule by rule: for each rule a small codebook that triggers it and the clean one
//! that must not; exit codes; `--explain`; the paper's audit as checked against the printed page.
//!
//! The clean codebook: interviewees 1 Ann, 2 Bob, 3 Cid. D1 → C1 → T1 {1,2} printed 2, T2 {2,3}
//! printed 2; C1 printed 4 (sum rule), D1 printed 4. Findings: Ann «p1», Bob «p1، p2», Cid «p2»;
//! the map sends p1 → T1 and p2 → T2, so Table 1 agrees with Table 2 everywhere.

use crate::workdir::Workdir;
use serde_json::{json, Value};

struct Study {
    dimensions: String,
    components: String,
    base_themes: String,
    interviewees: String,
    findings_map: String,
    readings: Option<String>,
}

fn clean() -> Study {
    Study {
        dimensions: "dimension,printed_frequency\nD1,4\n".into(),
        components: "dimension,component,printed_frequency\nD1,C1,4\n".into(),
        base_themes: "dimension,component,base_theme,source_codes,printed_frequency\nD1,C1,T1,1-2,2\nD1,C1,T2,2-3,2\n".into(),
        interviewees: "code,name,findings\n1,Ann,p1\n2,Bob,\"p1، p2\"\n3,Cid,p2\n".into(),
        findings_map: "phrase,base_theme\np1,T1\np2,T2\n".into(),
        readings: None,
    }
}

impl Study {
    fn with(mut self, edit: impl FnOnce(&mut Study)) -> Study {
        edit(&mut self);
        self
    }

    /// Run `check --format json` and return (exit code, findings).
    fn check(&self) -> (i32, Vec<Value>) {
        let wd = Workdir::new();
        self.write_to(&wd);
        wd.write("cb/findings_map.csv", &self.findings_map);
        if let Some(r) = &self.readings {
            wd.write("cb/readings.csv", r);
        }
        let run = wd.run(&["check", "--codebook", "cb", "--format", "json"]);
        let doc: Value =
            serde_json::from_str(&run.stdout()).unwrap_or_else(|e| panic!("{e}: {}", run.stderr()));
        (run.code(), doc["findings"].as_array().unwrap().clone())
    }

    /// Write the four required files into `cb/`.
    fn write_to(&self, wd: &Workdir) {
        for (file, text) in [
            ("dimensions.csv", &self.dimensions),
            ("components.csv", &self.components),
            ("base_themes.csv", &self.base_themes),
            ("interviewees.csv", &self.interviewees),
        ] {
            wd.write(&format!("cb/{file}"), text);
        }
    }

    fn findings_of(&self, rule: &str) -> Vec<Value> {
        self.check()
            .1
            .into_iter()
            .filter(|f| f["rule"] == rule)
            .collect()
    }
}

fn only(findings: Vec<Value>) -> Value {
    assert_eq!(findings.len(), 1, "{findings:#?}");
    findings.into_iter().next().unwrap()
}

#[test]
fn the_clean_codebook_has_no_warning_or_error() {
    let (code, findings) = clean().check();
    let rules: Vec<&str> = findings
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        [
            "total-rule",
            "total-rule",
            "printed-explained",
            "printed-explained",
            "cross-table-agreement"
        ]
    );
    assert_eq!(code, 0);
    assert_eq!(findings[0]["rule_matched"], "sum");
    assert_eq!(
        findings[2]["message"],
        "printed 4 is reproduced by the sum of the printed values of its base themes (2 + 2); and by the sum rule"
    );
    assert!(findings[4]["message"]
        .as_str()
        .unwrap()
        .contains("agreement 100.0%, κ = 1.00"));
}

#[test]
fn base_count_mismatch() {
    let f = only(
        clean()
            .with(|s| s.base_themes = s.base_themes.replace("T1,1-2,2", "T1,1-2,3"))
            .findings_of("base-count-mismatch"),
    );
    assert_eq!(f["severity"], "error");
    assert_eq!(f["level"], "base");
    assert_eq!(f["subject"], "T1");
    assert_eq!(
        (f["printed"].clone(), f["recomputed"].clone()),
        (json!(3), json!(2))
    );
    assert_eq!(f["interviewees"], json!([1, 2]));
    assert_eq!(f["source"], "base_themes.csv:2");
    // A repeat that the printed value counted is named.
    let f = only(
        clean()
            .with(|s| s.base_themes = s.base_themes.replace("T1,1-2,2", "T1,1-2-2,3"))
            .findings_of("base-count-mismatch"),
    );
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("the printed value counts the repeat"),
        "{f}"
    );
}

#[test]
fn totals_name_the_rule_they_match_or_that_they_match_neither() {
    let union = only(
        clean()
            .with(|s| s.components = s.components.replace("C1,4", "C1,3"))
            .findings_of("total-rule")
            .into_iter()
            .filter(|f| f["level"] == "component")
            .collect(),
    );
    assert_eq!(union["rule_matched"], "union");
    let f = only(
        clean()
            .with(|s| s.components = s.components.replace("C1,4", "C1,5"))
            .findings_of("total-mismatch"),
    );
    assert_eq!(f["level"], "component");
    assert_eq!(f["rule_matched"], Value::Null);
    assert_eq!(
        (f["printed"].clone(), f["recomputed"].clone()),
        (json!(5), json!(4))
    );
    assert!(f["message"]
        .as_str()
        .unwrap()
        .contains("the sum rule gives 4 and the union rule 3"));
    assert!(clean().findings_of("total-mismatch").is_empty());
}

#[test]
fn printed_parts_mismatch() {
    let f = only(
        clean()
            .with(|s| s.dimensions = "dimension,printed_frequency\nD1,5\n".into())
            .findings_of("printed-parts-mismatch"),
    );
    assert_eq!(f["level"], "dimension");
    assert_eq!(
        (f["printed"].clone(), f["recomputed"].clone()),
        (json!(5), json!(4))
    );
    // Component against its base themes' printed values.
    let f = only(
        clean()
            .with(|s| {
                s.components = s.components.replace("C1,4", "C1,3");
                s.dimensions = "dimension,printed_frequency\nD1,3\n".into();
            })
            .findings_of("printed-parts-mismatch")
            .into_iter()
            .filter(|f| f["level"] == "component")
            .collect(),
    );
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("matches the union rule, which is not a sum"),
        "{f}"
    );
    assert!(clean().findings_of("printed-parts-mismatch").is_empty());
}

#[test]
fn printed_missing() {
    let f = only(
        clean()
            .with(|s| s.base_themes = s.base_themes.replace("T2,2-3,2", "T2,2-3,"))
            .findings_of("printed-missing"),
    );
    assert_eq!(f["subject"], "T2");
    assert_eq!(f["severity"], "warning");
    // A level that prints nothing at all is not flagged.
    let none_printed = clean().with(|s| {
        s.base_themes = s
            .base_themes
            .replace("T1,1-2,2", "T1,1-2,")
            .replace("T2,2-3,2", "T2,2-3,");
        s.components = s.components.replace("C1,4", "C1,");
    });
    assert!(none_printed.findings_of("printed-missing").is_empty());
    assert!(clean().findings_of("printed-missing").is_empty());
}

#[test]
fn impossible_count() {
    let f = only(
        clean()
            .with(|s| s.base_themes = s.base_themes.replace("T1,1-2,2", "T1,1-2,4"))
            .findings_of("impossible-count"),
    );
    assert!(f["message"]
        .as_str()
        .unwrap()
        .contains("more than the 3 interviewees"));
    assert!(clean().findings_of("impossible-count").is_empty());
}

#[test]
fn impossible_percent() {
    let with_percent = |t1: &str| {
        let t1 = t1.to_string();
        clean().with(move |s| {
            s.base_themes = format!(
                "dimension,component,base_theme,source_codes,printed_frequency,printed_percent\nD1,C1,T1,1-2,2,{t1}\nD1,C1,T2,2-3,2,\n"
            )
        })
    };
    // Out of 3 interviewees: 0, 33.33, 66.67, 100; of the printed total 4: 0, 25, 50, 75, 100.
    assert!(with_percent("50")
        .findings_of("impossible-percent")
        .is_empty());
    assert!(with_percent("66.67")
        .findings_of("impossible-percent")
        .is_empty());
    let f = only(with_percent("45").findings_of("impossible-percent"));
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("no whole count out of 3 or 4"),
        "{f}"
    );
    let f = only(with_percent("۶۶٫۶").findings_of("impossible-percent"));
    assert!(f["message"].as_str().unwrap().contains("66.6%"), "{f}");
}

#[test]
fn duplicate_code_with_a_typo_suggestion_from_table_1() {
    // T1 lists 1 twice; Table 1 says Bob (2) raised T1 too.
    let f = only(
        clean()
            .with(|s| s.base_themes = s.base_themes.replace("T1,1-2,2", "T1,1-1,2"))
            .findings_of("duplicate-code"),
    );
    assert_eq!(f["interviewees"], json!([1]));
    assert_eq!(
        f["suggestion"]
            .as_str()
            .unwrap()
            .split(" (")
            .next()
            .unwrap(),
        // The fixture prints no tables of its own: the roster is named, not numbered.
        "code 1 listed twice; the roster's findings suggest one of them should be 2"
    );
    // Without specific evidence, no suggestion.
    let f = only(
        clean()
            .with(|s| s.base_themes = s.base_themes.replace("T1,1-2,2", "T1,1-2-2,2"))
            .findings_of("duplicate-code"),
    );
    assert!(f.get("suggestion").is_none(), "{f}");
    assert!(clean().findings_of("duplicate-code").is_empty());
}

#[test]
fn unknown_code_and_never_cited() {
    let f = only(
        clean()
            .with(|s| s.base_themes = s.base_themes.replace("T1,1-2,2", "T1,1-2-9,2"))
            .findings_of("unknown-code"),
    );
    assert_eq!(f["interviewees"], json!([9]));
    assert_eq!(f["severity"], "error");
    let f = only(
        clean()
            .with(|s| s.interviewees.push_str("4,Dee,\n"))
            .findings_of("never-cited"),
    );
    assert_eq!(f["level"], "interviewee");
    assert_eq!(f["interviewees"], json!([4]));
    assert!(clean().findings_of("unknown-code").is_empty());
    assert!(clean().findings_of("never-cited").is_empty());
}

#[test]
fn codes_out_of_order() {
    let f = only(
        clean()
            .with(|s| s.base_themes = s.base_themes.replace("T1,1-2,2", "T1,2-1,2"))
            .findings_of("codes-out-of-order"),
    );
    assert_eq!(f["severity"], "info");
    assert!(clean().findings_of("codes-out-of-order").is_empty());
}

#[test]
fn same_person_after_persian_normalisation() {
    // ZWNJ against space, Persian yeh against Arabic yeh.
    let study = clean().with(|s| {
        s.interviewees.push_str("4,علی‌رضا,\n5,علي رضا,\n");
        s.base_themes.push_str("D1,C1,T3,4-5,\n");
    });
    let f = only(study.findings_of("same-person"));
    assert_eq!(f["interviewees"], json!([4, 5]));
    assert!(f["message"].as_str().unwrap().contains("spelling"), "{f}");
    assert!(clean().findings_of("same-person").is_empty());
}

#[test]
fn cross_table_disagreement_with_agreement_and_kappa() {
    // Cid's findings also name T1, which does not list 3.
    let study =
        clean().with(|s| s.interviewees = s.interviewees.replace("3,Cid,p2", "3,Cid,\"p2، p1\""));
    let f = only(study.findings_of("cross-table-disagreement"));
    assert_eq!(f["subject"], "T1");
    assert_eq!(f["interviewees"], json!([3]));
    // Over 3 interviewees: both 2, Table 1 only 1, neither 0: po = 2/3, pe = 1·(2/3) + 0 = 2/3, κ = 0.
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            // The fixture prints no tables of its own: the records are named, not numbered.
            .ends_with("in the roster's findings only: 3 («p1»); in the source codes only: none; agreement 66.7%, κ = 0.00"),
        "{f}"
    );
    assert!(clean().findings_of("cross-table-disagreement").is_empty());
}

#[test]
fn unmapped_themes_and_findings_are_listed() {
    let study = clean().with(|s| {
        s.findings_map = "phrase,base_theme\np1,T1\n".into();
        s.interviewees = s.interviewees.replace("3,Cid,p2", "3,Cid,\"p2، p9\"");
    });
    let theme = only(study.findings_of("unmapped-theme"));
    assert_eq!(theme["subject"], "T2");
    let phrases: Vec<Value> = study
        .findings_of("unmapped-finding")
        .into_iter()
        .map(|f| f["subject"].clone())
        .collect();
    assert_eq!(phrases, [json!("p2"), json!("p9")]);
    assert!(clean().findings_of("unmapped-finding").is_empty());
    // Without a findings map there is no cross-table finding at all.
    let no_map = clean().with(|s| s.findings_map = "phrase,base_theme\n".into());
    let wd = Workdir::new();
    wd.write("cb/dimensions.csv", &no_map.dimensions);
    wd.write("cb/components.csv", &no_map.components);
    wd.write("cb/base_themes.csv", &no_map.base_themes);
    wd.write("cb/interviewees.csv", &no_map.interviewees);
    let doc = wd
        .run(&["check", "--codebook", "cb", "--format", "json"])
        .json();
    assert!(doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["level"] != "cross-table"));
    assert_eq!(doc["summary"]["agreement"], Value::Null);
}

#[test]
fn ambiguous_reading_reports_totals_under_the_alternative() {
    let study = clean().with(|s| {
        s.components.push_str("D1,C2,\n");
        s.base_themes.push_str("D1,C2,T3,1,\n");
        s.findings_map.push_str("p1,T3\n");
        s.readings = Some(
            "id,file,subject,column,chosen,alternative,note\nR1,base_themes.csv,T2,component,C1,C2,label on the wrong row?\n".into(),
        );
    });
    let f = only(study.findings_of("ambiguous-reading"));
    assert_eq!(f["level"], "codebook");
    let message = f["message"].as_str().unwrap();
    // C1 loses T2 ({2,3}): sum 4 → 2, union 3 → 2; C2 gains it: sum 1 → 3, union 1 → 3.
    assert!(
        message.contains("«C1» sum 4 → 2, union 3 → 2; «C2» sum 1 → 3, union 1 → 3"),
        "{message}"
    );
    assert!(clean().findings_of("ambiguous-reading").is_empty());
}

#[test]
fn exit_codes_follow_fail_on() {
    let wd = Workdir::new();
    wd.fixture("tiny", "cb");
    assert_eq!(wd.run(&["check", "--codebook", "cb"]).code(), 1);
    assert_eq!(
        wd.run(&["check", "--codebook", "cb", "--fail-on", "never"])
            .code(),
        0
    );
    // run writes the audit and exits 0 unless --strict.
    assert_eq!(wd.run(&["run", "--codebook", "cb", "--out", "o"]).code(), 0);
    assert_eq!(
        wd.run(&["run", "--codebook", "cb", "--out", "o", "--strict"])
            .code(),
        1
    );
    assert!(wd.read("o/audit.txt").starts_with("Audit of cb\n"));
    // Unusable input is 2, whatever the audit would say.
    wd.write("cb/base_themes.csv", "nonsense\n");
    wd.run(&["check", "--codebook", "cb"]).failed();
}

#[test]
fn explain_describes_every_rule() {
    let wd = Workdir::new();
    for rule in [
        "share-shift",
        "rank-change",
        "inherited-total",
        "printed-explained",
        "cited-not-on-roster",
        "cited-twice",
        "never-referenced",
        "base-count-mismatch",
        "total-mismatch",
        "total-rule",
        "printed-parts-mismatch",
        "printed-missing",
        "impossible-count",
        "impossible-percent",
        "duplicate-code",
        "unknown-code",
        "never-cited",
        "codes-out-of-order",
        "same-person",
        "cross-table-disagreement",
        "cross-table-agreement",
        "unmapped-theme",
        "unmapped-finding",
        "ambiguous-reading",
    ] {
        let text = wd.run(&["check", "--explain", rule]).ok();
        // Heading, summary, then the explanation after a blank line.
        let (head, explanation) = text.split_once("\n\n").expect("an explanation");
        assert!(head.starts_with(&format!("{rule} (")), "{text}");
        assert!(
            head.lines().count() == 2 && explanation.len() > 80,
            "{text}"
        );
    }
    let stderr = wd.run(&["check", "--explain", "nope"]).failed();
    assert!(
        stderr.contains("the rules are: share-shift, rank-change, base-count-mismatch"),
        "{stderr}"
    );
    // A partial or mistyped name gets the rules it may mean.
    for (given, meant) in [
        ("inherited", "`inherited-total`"),
        ("rank-chnage", "`rank-change`"),
        ("Unraised", "`unraised-theme`"),
    ] {
        let stderr = wd.run(&["check", "--explain", given]).failed();
        assert!(
            stderr.contains(&format!("did you mean {meant}?")),
            "{stderr}"
        );
    }
    // An English study that maps no printed tables gets explanations in words.
    wd.fixture("ids_en", "en");
    let text = wd
        .run(&[
            "check",
            "--explain",
            "cross-table-agreement",
            "--codebook",
            "en",
        ])
        .ok();
    assert!(
        text.contains("between the roster and the coding table"),
        "{text}"
    );
}

#[test]
fn the_paper_audit_as_checked_against_the_printed_page() {
    let wd = Workdir::new();
    let run = wd.run(&["check", "--lang", "en"]);
    assert_eq!(run.code(), 1);
    insta::assert_snapshot!(run.stdout());
}

/// The same audit in the paper's own language, its default: the same findings, counts and
/// evidence (the English one is checked against the page; this one is read for its Persian).
#[test]
fn the_paper_audit_in_persian() {
    let wd = Workdir::new();
    let run = wd.run(&["check"]);
    assert_eq!(run.code(), 1);
    let persian = run.stdout();
    let english = wd.run(&["check", "--lang", "en"]).stdout();
    let lines = |text: &str| text.lines().count();
    assert_eq!(lines(&persian), lines(&english), "one line for one line");
    assert!(persian.starts_with("ممیزی معصومی (۲۰۲۵)\n"));
    insta::assert_snapshot!(persian);
}

#[test]
fn the_paper_audit_json_summary() {
    let wd = Workdir::new();
    let run = wd.run(&["check", "--format", "json"]);
    let doc: Value = serde_json::from_str(&run.stdout()).unwrap();
    let s = &doc["summary"];
    assert_eq!(s["verdict"]["printed_base"], 16);
    assert_eq!(s["verdict"]["printed_base_mismatched"], 16);
    assert_eq!(s["verdict"]["totals_matching_neither"], 7);
    assert_eq!(s["by_rule"]["duplicate-code"], 2);
    assert_eq!(s["by_rule"]["same-person"], 1);
    let a = &s["agreement"];
    assert_eq!(
        (
            a["both"].clone(),
            a["table1_only"].clone(),
            a["table2_only"].clone()
        ),
        (json!(226), json!(6), json!(5))
    );
}

/// Two dimensions of one component and one base theme each, printed D1 30 and D2 10; by the
/// source codes D1 has 1 interviewee and D2 3.
fn reversed() -> Study {
    Study {
        dimensions: "dimension,printed_frequency\nD1,30\nD2,10\n".into(),
        components: "dimension,component\nD1,C1\nD2,C2\n".into(),
        base_themes: "dimension,component,base_theme,source_codes\nD1,C1,T1,1\nD2,C2,T2,1-2-3\n"
            .into(),
        ..clean()
    }
}

#[test]
fn the_order_and_shares_of_a_level_are_compared_with_the_source_codes() {
    let study = reversed();
    let rank = only(study.findings_of("rank-change"));
    assert_eq!(rank["level"], "dimension");
    let message = rank["message"].as_str().unwrap();
    assert!(
        message.starts_with("by the sum rule (mentions): «D1» leads by the printed values (30) but «D2» leads by the source codes (3 against 1)"),
        "{message}"
    );
    // 30 and 10 are above the 3 interviewees: not counts of interviewees, no union comparison.
    assert!(!message.contains("union"));
    let shifts = study.findings_of("share-shift");
    assert_eq!(shifts.len(), 2, "{shifts:#?}");
    assert!(shifts[0]["message"]
        .as_str()
        .unwrap()
        .contains("«D1» is 75.0% of its level; by the source codes 25.0% under the sum rule"));
    // The headline opens the verdict.
    let wd = Workdir::new();
    study.write_to(&wd);
    let text = wd.run(&["check", "--codebook", "cb"]).stdout();
    assert!(
        text.contains("Verdict: The printed ranking of the dimensions does not survive the recomputation: by the printed totals the D1 dimension is 75.0% of all mentions and by the source codes 25.0% (the D2 dimension leads with 75.0%)."),
        "{text}"
    );
    // A level in the same order with shares within the threshold: nothing to say.
    assert!(clean().findings_of("rank-change").is_empty());
    assert!(clean().findings_of("share-shift").is_empty());
    let unchanged =
        reversed().with(|s| s.dimensions = "dimension,printed_frequency\nD1,1\nD2,3\n".into());
    assert!(unchanged.findings_of("rank-change").is_empty());
    assert!(unchanged.findings_of("share-shift").is_empty());
}

#[test]
fn a_total_that_adds_up_wrong_printed_parts_is_inherited_not_independent() {
    // T1 and T2 each list 2 interviewees but print 3; C1 prints their sum, 6; D1 prints C1's 6.
    let study = clean().with(|s| {
        s.base_themes = s
            .base_themes
            .replace("T1,1-2,2", "T1,1-2,3")
            .replace("T2,2-3,2", "T2,2-3,3");
        s.components = "dimension,component,printed_frequency\nD1,C1,6\n".into();
        s.dimensions = "dimension,printed_frequency\nD1,6\n".into();
    });
    let (_, findings) = study.check();
    let rules: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f["rule"].as_str().unwrap(), f["subject"].as_str().unwrap()))
        .collect();
    assert!(
        !rules.iter().any(|(r, _)| *r == "total-mismatch"),
        "{rules:?}"
    );
    let inherited: Vec<&str> = rules
        .iter()
        .filter(|(r, _)| *r == "inherited-total")
        .map(|(_, s)| *s)
        .collect();
    assert_eq!(inherited, ["C1", "D1"]);
    let c1 = findings
        .iter()
        .find(|f| f["rule"] == "inherited-total")
        .unwrap();
    assert!(c1["message"]
        .as_str()
        .unwrap()
        .starts_with("printed 6 is the sum of the printed frequencies of its 2 base themes (3 + 3), and all of them are themselves wrong"));
    assert_eq!(c1["severity"], "warning");
    // Right parts make a right total: the sum rule, not an inherited error.
    assert!(clean().findings_of("inherited-total").is_empty());
}

/// D1 = C1, C2, C3 and D2 = C4, C5, every component printed (5, 6, 7, 8, 9) and each with one
/// base theme of one interviewee (so that no rule reproduces the dimension totals).
fn five_components(d1: u32, d2: u32) -> Study {
    let mut components = String::from("dimension,component,printed_frequency\n");
    let mut themes = String::from("dimension,component,base_theme,source_codes\n");
    for (i, (d, printed)) in [("D1", 5), ("D1", 6), ("D1", 7), ("D2", 8), ("D2", 9)]
        .iter()
        .enumerate()
    {
        components.push_str(&format!("{d},C{},{printed}\n", i + 1));
        themes.push_str(&format!("{d},C{},T{},1\n", i + 1, i + 1));
    }
    Study {
        dimensions: format!("dimension,printed_frequency\nD1,{d1}\nD2,{d2}\n"),
        components,
        base_themes: themes,
        findings_map: "phrase,base_theme\np1,T1\n".into(),
        ..clean()
    }
}

fn explained(study: &Study, subject: &str) -> String {
    study
        .findings_of("printed-explained")
        .into_iter()
        .find(|f| f["subject"] == subject)
        .unwrap_or_else(|| panic!("no printed-explained for {subject}"))["message"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn a_total_printed_across_a_shifted_boundary_is_found_with_its_effect() {
    // The boundary drawn one component late: D1 printed C1 + C2, D2 printed C3 + C4 + C5.
    let study = five_components(11, 24);
    let d2 = explained(&study, "D2");
    assert!(
        d2.starts_with("printed 24 is reproduced by the sum of the printed values of the contiguous run «C3», «C4» and «C5» (7 + 8 + 9), which starts one component before the group does; under that grouping the source codes give, by the sum rule, «D1» 2 (40.0%), «D2» 3 (60.0%)"),
        "{d2}"
    );
    let d1 = explained(&study, "D1");
    assert!(
        d1.contains("«C1» and «C2» (5 + 6), which ends one component before the group does"),
        "{d1}"
    );
    // No subset is reported beside the run it equals.
    assert!(!d1.contains("subset"), "{d1}");
}

#[test]
fn a_total_that_is_a_subset_sum_of_its_printed_parts_is_found() {
    // 12 = C1 + C3 (5 + 7), not contiguous.
    let study = five_components(12, 17);
    let d1 = explained(&study, "D1");
    assert_eq!(
        d1,
        "printed 12 is reproduced by the sum of the printed values of «C1» and «C3» (5 + 7)"
    );
    // 17 = 8 + 9, D2's own parts: the plain sum of its printed parts.
    assert_eq!(
        explained(&study, "D2"),
        "printed 17 is reproduced by the sum of the printed values of its components (8 + 9)"
    );
    // Nothing simple: 100.
    let nothing = explained(&five_components(100, 17), "D1");
    assert!(
        nothing.starts_with("nothing simple reproduces printed 100: not the sum of its printed parts (18), the sum rule (3), the union rule (1), the codes as listed (3)"),
        "{nothing}"
    );
}

#[test]
fn a_pattern_across_a_block_of_base_frequencies_is_named() {
    // Every printed base frequency of C1 is the distinct count plus 2.
    let study = clean().with(|s| {
        s.base_themes = s
            .base_themes
            .replace("T1,1-2,2", "T1,1-2,4")
            .replace("T2,2-3,2", "T2,2-3,4");
    });
    let pattern = study
        .findings_of("printed-explained")
        .into_iter()
        .find(|f| f["level"] == "base")
        .expect("a base-level pattern");
    assert_eq!(
        pattern["message"],
        "every printed base frequency of its 2 base themes is the number of distinct interviewees plus 2"
    );
    assert!(!clean()
        .findings_of("printed-explained")
        .iter()
        .any(|f| f["level"] == "base"));
}

#[test]
fn findings_with_one_cause_are_one_finding_listing_their_subjects() {
    // No base frequency printed on any row of page 1 of the paper: one finding, nine subjects.
    let wd = Workdir::new();
    let doc: Value =
        serde_json::from_str(&wd.run(&["check", "--format", "json"]).stdout()).unwrap();
    let missing: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "printed-missing" && f["level"] == "base")
        .collect();
    assert_eq!(missing.len(), 1, "{missing:#?}");
    let subjects = missing[0]["subjects"].as_array().expect("subjects");
    assert_eq!(subjects.len(), 9);
    assert_eq!(
        missing[0]["subject"], subjects[0],
        "subject stays the first, for old scripts"
    );
    assert_eq!(
        missing[0]["source"],
        "base_themes.csv:2, 3, 4, 5, 6, 7, 8, 9, 10"
    );
    // Findings that differ are not grouped: each base-count-mismatch has its own numbers.
    let mismatches = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == "base-count-mismatch")
        .count();
    assert_eq!(mismatches, 16);
}

#[test]
fn the_roster_against_the_reference_list() {
    let wd = Workdir::new();
    let study = clean();
    study.write_to(&wd);
    // Ann cited twice, Bob once, Cid never; Dee cited but not on the roster.
    wd.write(
        "cb/citations.csv",
        "cited,year,code,note\nAnn,2020,1,\nAnn A.,2021,1,\nBob,2020,2,\nDee,2020,,\n",
    );
    let doc: Value = serde_json::from_str(
        &wd.run(&["check", "--codebook", "cb", "--format", "json"])
            .stdout(),
    )
    .unwrap();
    let of = |rule: &str| -> Vec<String> {
        doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["rule"] == rule)
            .map(|f| {
                format!(
                    "{}: {}",
                    f["subject"].as_str().unwrap(),
                    f["message"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(
        of("cited-not-on-roster"),
        ["Dee: the reference list cites an interview with «Dee» (2020) but the roster has no row for them: it is not among the interviewees whose codes the counts use"]
    );
    assert_eq!(
        of("cited-twice"),
        ["Ann: the reference list cites interviewee 1 2 times: «Ann» (2020) (line 2); «Ann A.» (2021) (line 3)"]
    );
    assert_eq!(
        of("never-referenced"),
        ["Cid: interviewee 3 is on the roster but no citation of the reference list refers to them"]
    );
    // Without citations.csv the rules are silent.
    let (_, findings) = clean().check();
    assert!(!findings
        .iter()
        .any(|f| f["rule"].as_str().unwrap().contains("cite") || f["rule"] == "never-referenced"));
    // A citation of a code the roster does not have is a codebook error, with its position.
    wd.write("cb/citations.csv", "cited,year,code\nZed,2020,9\n");
    let stderr = wd.run(&["check", "--codebook", "cb"]).failed();
    assert!(stderr.contains("cb/citations.csv:2:3 (column `code`): the citation refers to code 9, which is not on the roster"), "{stderr}");
}

#[test]
fn a_rank_change_lists_the_first_reversed_pairs_and_counts_the_rest() {
    // Twelve components printed 1..12 whose source codes run the other way: 66 pairs reverse.
    let mut components = String::from("dimension,component,printed_frequency\n");
    let mut themes = String::from("dimension,component,base_theme,source_codes\n");
    let mut roster = String::from("code,name\n");
    for i in 1..=12 {
        components.push_str(&format!("D1,C{i},{i}\n"));
        let codes: Vec<String> = (1..=13 - i).map(|c| c.to_string()).collect();
        themes.push_str(&format!("D1,C{i},T{i},{}\n", codes.join("-")));
        roster.push_str(&format!("{i},P{i}\n"));
    }
    let study = Study {
        dimensions: "dimension\nD1\n".into(),
        components,
        base_themes: themes,
        interviewees: roster,
        findings_map: "phrase,base_theme\n-,T1\n".into(),
        readings: None,
    };
    // The printed values (1..12) could count the 12 interviewees: both rules are compared.
    let ranks = study.findings_of("rank-change");
    assert_eq!(ranks.len(), 2);
    let message = ranks[0]["message"].as_str().unwrap();
    assert!(message.starts_with("by the sum rule (mentions): «C12» leads by the printed values (12) but «C1» leads by the source codes (12 against 1); order reversed: "), "{message}");
    assert!(
        message.ends_with("; and 56 more pairs like these"),
        "{message}"
    );
    assert_eq!(message.matches("above").count(), 10);
}

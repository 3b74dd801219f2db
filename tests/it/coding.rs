//! `thematic code`: made-up documents in both languages coded with a small scheme, every
//! expected document × base theme found and no distractor, every segment's offsets giving its
//! text in the document as read, negations flagged, a transcript's interviewer never coded,
//! the coded study run and carried through REFI-QDA and back.

use crate::workdir::Workdir;
use std::collections::BTreeSet;
use std::path::Path;

fn fixture(p: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/coding")
        .join(p)
        .display()
        .to_string()
}

fn rows(dir: &Path, file: &str) -> Vec<csv::StringRecord> {
    let mut r = csv::Reader::from_path(dir.join(file)).unwrap();
    r.records().map(Result::unwrap).collect()
}

/// (document, base theme English label, negation cue) of every segment, and each segment's
/// offsets checked against the document's text kept in sources/.
fn segments(dir: &Path) -> Vec<(String, String, String)> {
    let themes: Vec<(String, String)> = rows(dir, "base_themes.csv")
        .iter()
        .map(|r| (r[2].to_string(), r[3].to_string()))
        .collect();
    let english = |label: &str| {
        themes
            .iter()
            .find(|(fa, _)| fa == label)
            .map(|(_, en)| en.clone())
            .unwrap()
    };
    rows(dir, "segments.csv")
        .iter()
        .map(|r| {
            let text = std::fs::read_to_string(dir.join("sources").join(&r[0])).unwrap();
            let chars: Vec<char> = text.chars().collect();
            let (s, e): (usize, usize) = (r[2].parse().unwrap(), r[3].parse().unwrap());
            let there: String = chars[s..e].iter().collect();
            assert_eq!(there, &r[4], "{}: {s}-{e}", &r[0]);
            (r[0].to_string(), english(&r[7]), r[9].to_string())
        })
        .collect()
}

/// `thematic code` of the made-up documents with the made-up scheme into `out`.
fn code_docs(wd: &Workdir, out: &str, more: &[&str]) -> crate::workdir::Run {
    let (docs, scheme) = (fixture("docs"), fixture("scheme"));
    let mut args = vec!["code", &docs, "--codebook", &scheme, "--out", out];
    args.extend_from_slice(more);
    let run = wd.run(&args);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    run
}

#[test]
fn documents_in_both_languages_are_coded_at_their_words_with_exact_offsets() {
    let wd = Workdir::new();
    code_docs(&wd, "coded", &[]);
    let got = segments(&wd.path().join("coded"));
    let pairs: BTreeSet<(&str, &str)> = got
        .iter()
        .map(|(d, t, _)| (d.as_str(), t.as_str()))
        .collect();
    let want: BTreeSet<(&str, &str)> = [
        // Plural, possessive, case, a prefix, a phrase, digits of another script.
        ("P01.txt", "Trade"),
        ("P01.txt", "River"),
        ("P01.txt", "Investment"),
        ("P01.txt", "Economic cooperation"),
        ("P01.txt", "Cooperation"),
        ("P01.txt", "Women"),
        ("P01.txt", "The year 1403"),
        // Negated: flagged, still coded.
        ("P03.txt", "Trade"),
        ("P03.txt", "Sport"),
        // Suffixes joined, after a ZWNJ and after a space; Arabic yeh and kaf; tatweel;
        // Arabic-Indic digits.
        ("P05.txt", "Cooperation"),
        ("P05.txt", "Economic cooperation"),
        ("P05.txt", "Trade"),
        ("P05.txt", "Investment"),
        ("P05.txt", "Women"),
        ("P05.txt", "River"),
        ("P05.txt", "The year 1403"),
        ("P07.txt", "Cooperation"),
        ("P07.txt", "Economic cooperation"),
        ("P07.txt", "Trade"),
    ]
    .into();
    // P02 and P06 hold only words that contain a term (riverbank, sportsmanship, trademarked,
    // womenswear; زنجان، رودخانه، رودکی، ورزشکاران، تجارتخانه): nothing.
    assert_eq!(pairs, want);
    let surface: BTreeSet<String> = rows(&wd.path().join("coded"), "segments.csv")
        .iter()
        .map(|r| r[4].to_string())
        .collect();
    for form in [
        "همكاري‌هاي",
        "همکاری ها",
        "تـجـارت",
        "سرمایه گذاری‌ها",
        "١٤٠٣",
        "rivers",
        "Investors",
        "Women",
    ] {
        assert!(surface.contains(form), "{form}: {surface:?}");
    }
    let negated: BTreeSet<(&str, &str, &str)> = got
        .iter()
        .filter(|(_, _, n)| !n.is_empty())
        .map(|(d, t, n)| (d.as_str(), t.as_str(), n.as_str()))
        .collect();
    assert_eq!(
        negated,
        [
            ("P03.txt", "Sport", "never"),
            ("P03.txt", "Trade", "no"),
            ("P07.txt", "Cooperation", "نشده"),
            ("P07.txt", "Economic cooperation", "نشده"),
            ("P07.txt", "Trade", "بدون"),
        ]
        .into()
    );
    // Negated segments count unless --skip-negated.
    let themes = rows(&wd.path().join("coded"), "base_themes.csv");
    let sport = themes.iter().find(|r| &r[3] == "Sport").unwrap();
    assert_eq!(&sport[4], "P03");
    code_docs(&wd, "skipped", &["--skip-negated"]);
    let themes = rows(&wd.path().join("skipped"), "base_themes.csv");
    let trade = themes.iter().find(|r| &r[3] == "Trade").unwrap();
    assert_eq!(&trade[4], "P01, P05");
    // The coded study runs: every output, and no second record to compare the roster with.
    let run = wd.run(&["run", "--codebook", "coded", "--out", "out"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    // The report shows the evidence: each base theme's segments, where and what.
    let report = wd.read("out/report.html");
    let evidence = &report[report.find("id=\"evidence\"").expect("an evidence section")..];
    assert!(evidence.contains("<bdi>تـجـارت</bdi>"), "{evidence}");
    assert!(evidence.contains("(منفی: <bdi>بدون</bdi>)"), "{evidence}");
    let check = wd.run(&["check", "--codebook", "coded", "--lang", "en"]);
    assert!(
        check.stdout().contains("no-second-record"),
        "{}",
        check.stdout()
    );
    let evidence = wd.read("coded/evidence.md");
    assert!(
        evidence.contains("…There was no **trade** at all."),
        "{evidence}"
    );
    assert!(evidence.contains("(منفی: بدون)"), "{evidence}");
}

#[test]
fn a_transcript_codes_the_interviewees_turns_and_never_the_interviewers() {
    let wd = Workdir::new();
    let run = wd.run(&[
        "code",
        &fixture("transcripts"),
        "--codebook",
        &fixture("scheme"),
        "--out",
        "coded",
        "--speaker",
        r"^(P\d+|Interviewer|مصاحبه‌گر):",
        "--unit",
        "sentence",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let got = segments(&wd.path().join("coded"));
    let pairs: Vec<(&str, &str)> = got
        .iter()
        .map(|(d, t, _)| (d.as_str(), t.as_str()))
        .collect();
    // The interviewer asks about trade, sport and rivers; only the answers are coded.
    assert_eq!(
        pairs,
        [
            ("P04.txt", "Women"),
            ("P04.txt", "Sport"),
            ("P08.txt", "Women")
        ]
    );
    let texts: Vec<String> = rows(&wd.path().join("coded"), "segments.csv")
        .iter()
        .map(|r| r[4].to_string())
        .collect();
    assert_eq!(
        texts,
        [
            "We talk about women a lot.",
            "Mostly our sport clubs.",
            "درباره زنان حرف زدیم."
        ]
    );
}

#[test]
fn a_coded_study_goes_to_refi_qda_and_back_with_the_same_coding() {
    let wd = Workdir::new();
    code_docs(&wd, "coded", &[]);
    let run = wd.run(&[
        "export",
        "--codebook",
        "coded",
        "--format",
        "qdpx",
        "--out",
        "coded.qdpx",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let run = wd.run(&["import", "coded.qdpx", "--out", "back"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let coding = |dir: &str| -> Vec<Vec<String>> {
        rows(&wd.path().join(dir), "base_themes.csv")
            .iter()
            .map(|r| r.iter().take(5).map(str::to_string).collect())
            .collect()
    };
    assert_eq!(coding("coded"), coding("back"));
    let selections = |dir: &str| -> BTreeSet<Vec<String>> {
        rows(&wd.path().join(dir), "segments.csv")
            .iter()
            .map(|r| {
                [0, 1, 2, 3, 4, 7]
                    .iter()
                    .map(|&i| r[i].to_string())
                    .collect()
            })
            .collect()
    };
    assert_eq!(selections("coded"), selections("back"));
    // The machine's coding against a person's of the same documents: `agree` compares them.
    wd.fixture("coding/scheme", "person");
    wd.edit("person/base_themes.csv", "Trade,", "Trade,\"P01, P05\"");
    wd.write(
        "person/interviewees.csv",
        "code,name\nP01,P01.txt\nP02,P02.txt\nP03,P03.txt\nP05,P05.txt\nP06,P06.txt\nP07,P07.txt\n",
    );
    let agree = wd.run(&["agree", "coded", "person", "--lang", "en"]);
    assert_eq!(agree.code(), 0, "{}", agree.stderr());
    assert!(
        agree
            .stdout()
            .contains("2 coders, 6 interviewees, 8 base themes"),
        "{}",
        agree.stdout()
    );
}

#[test]
fn a_dictionary_is_a_scheme_or_the_terms_of_one_and_bad_input_says_where() {
    let wd = Workdir::new();
    wd.write(
        "themes.cat",
        "ECONOMY\n\tMARKETS\n\t\tTRADE\n\t\t\ttrade (1)\n\t\t\tتجارت (1)\n\t\tINVESTMENT\n\t\t\tinvest* (1)\n",
    );
    let run = wd.run(&[
        "code",
        &fixture("docs"),
        "--codebook",
        "themes.cat",
        "--out",
        "coded",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let themes = rows(&wd.path().join("coded"), "base_themes.csv");
    let got: Vec<(String, String, String, String)> = themes
        .iter()
        .map(|r| {
            (
                r[0].to_string(),
                r[1].to_string(),
                r[2].to_string(),
                r[4].to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "ECONOMY".into(),
                "MARKETS".into(),
                "TRADE".into(),
                "P01, P03, P05, P07".into()
            ),
            (
                "ECONOMY".into(),
                "MARKETS".into(),
                "INVESTMENT".into(),
                "P01".into()
            ),
        ]
    );
    // A quanteda YAML as the terms of the scheme, its categories named by base theme.
    wd.write("terms.yml", "Women: [women, زن]\nNobody: [nothing]\n");
    let run = code_docs(&wd, "women", &["--terms", "terms.yml"]);
    assert!(
        run.stdout().contains("not used: Nobody"),
        "{}",
        run.stdout()
    );
    let themes = rows(&wd.path().join("women"), "base_themes.csv");
    let women = themes.iter().find(|r| &r[3] == "Women").unwrap();
    assert_eq!(&women[4], "P01, P05");
    // A term naming no base theme, a document that is not text: exit 2, where and why.
    wd.write("bad.csv", "base_theme,term\nTrade,trade\nNo such theme,x\n");
    let run = wd.run(&[
        "code",
        &fixture("docs"),
        "--codebook",
        &fixture("scheme"),
        "--terms",
        "bad.csv",
        "--out",
        "x",
    ]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("bad.csv:3"), "{}", run.stderr());
    assert!(
        run.stderr().contains("`No such theme` is no base theme"),
        "{}",
        run.stderr()
    );
    wd.write("binary.txt", [0xFFu8, 0xFE, 0x00, 0x41]);
    let run = wd.run(&[
        "code",
        "binary.txt",
        "--codebook",
        &fixture("scheme"),
        "--out",
        "y",
    ]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().contains("binary.txt") && run.stderr().contains("not UTF-8"),
        "{}",
        run.stderr()
    );
    assert!(!wd.path().join("y").exists());
}

#[test]
fn a_document_of_one_10_mb_line_codes_cleanly() {
    let wd = Workdir::new();
    // Ten megabytes without a line break: words that hold terms, and a match in every
    // thousandth stretch.
    let stretch = "riverbank and sportsmanship, trademarked womenswear ".repeat(20);
    let line = format!("{stretch}trade ").repeat(10_000);
    assert!(line.len() > 10_000_000);
    wd.write("long/one.txt", &line);
    let run = wd.run_within(
        120,
        &[
            "code",
            "long",
            "--codebook",
            &fixture("scheme"),
            "--out",
            "coded",
            "--no-sources",
        ],
    );
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(
        run.stdout().contains("10000 segment(s)"),
        "{}",
        run.stdout()
    );
    assert!(!wd.path().join("coded/sources").exists());
    // The evidence shows a sample of each base theme, segments.csv every segment (the
    // scheme's labels are Persian: so is the evidence).
    let evidence = wd.read("coded/evidence.md");
    assert!(
        evidence.contains("… و ۹۹۵۰ بخش دیگر: همه در segments.csv"),
        "{evidence}"
    );
    assert_eq!(rows(&wd.path().join("coded"), "segments.csv").len(), 10_000);
}

#[test]
fn word_html_and_pdf_documents_are_coded_in_the_text_their_reader_gives() {
    let wd = Workdir::new();
    let manuscripts = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/manuscripts");
    for f in ["nurses.docx", "nurses.html", "pdf/nurses.pdf"] {
        let name = Path::new(f)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        std::fs::copy(manuscripts.join(f), wd.path().join("docs").join(&name))
            .or_else(|_| {
                std::fs::create_dir_all(wd.path().join("docs"))?;
                std::fs::copy(manuscripts.join(f), wd.path().join("docs").join(&name))
            })
            .unwrap();
    }
    wd.write("nights.yml", "Night work: [night*]\nNurses: [nurse]\n");
    let run = wd.run(&["code", "docs", "--codebook", "nights.yml", "--out", "coded"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let dir = wd.path().join("coded");
    let mut sources = BTreeSet::new();
    for r in rows(&dir, "segments.csv") {
        let text = std::fs::read_to_string(dir.join(format!("sources/{}.txt", &r[0]))).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let (s, e): (usize, usize) = (r[2].parse().unwrap(), r[3].parse().unwrap());
        assert_eq!(chars[s..e].iter().collect::<String>(), &r[4], "{}", &r[0]);
        sources.insert(r[0].to_string());
    }
    assert_eq!(
        sources,
        ["nurses.docx", "nurses.html", "nurses.pdf"]
            .map(String::from)
            .into()
    );
}

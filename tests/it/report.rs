//! `thematic report`: the page read back with an HTML5 parser (what a browser builds): every
//! level's labels and every finding are on it, every internal link has its target, nothing is
//! fetched from outside the file, tables and charts carry what assistive technology reads.
//! (Layout, overflow and direction are checked in a real browser by `.ci/browser.sh`.)

use crate::workdir::Workdir;
use scraper::{Html, Selector};
use std::collections::HashSet;

fn select<'a>(page: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    page.select(&Selector::parse(css).unwrap()).collect()
}

fn text(e: &scraper::ElementRef) -> String {
    e.text().collect::<String>()
}

/// The report of the paper in `lang`, and the audit's findings as JSON.
fn paper_report(lang: &str) -> (Html, serde_json::Value, serde_json::Value) {
    let wd = Workdir::new();
    wd.run(&["run", "--out", "o", "--lang", lang]).ok();
    let page = Html::parse_document(&wd.read("o/report.html"));
    let audit: serde_json::Value = serde_json::from_str(&wd.read("o/audit.json")).unwrap();
    let tables: serde_json::Value = serde_json::from_str(&wd.read("o/tables.json")).unwrap();
    (page, audit, tables)
}

fn check_structure(page: &Html) {
    check_links(page);
    assert!(
        select(page, "[src]").is_empty(),
        "something is loaded from elsewhere"
    );
    assert!(select(page, "link").is_empty());
    // Tables: a caption and column heads with a scope.
    for table in select(page, "table") {
        let caption = Selector::parse("caption").unwrap();
        assert!(
            table.select(&caption).next().is_some(),
            "a table without a caption"
        );
        let heads = Selector::parse("thead th").unwrap();
        assert!(table
            .select(&heads)
            .all(|th| th.value().attr("scope") == Some("col")));
    }
    // Charts: inline SVG, each with a title that names it.
    let svgs = select(page, "figure svg");
    assert_eq!(
        svgs.len(),
        7 + 3,
        "every chart of the paper, three network figures among them"
    );
    let title = Selector::parse("title").unwrap();
    for svg in svgs {
        let t = svg.select(&title).next().expect("an SVG without a title");
        assert!(!text(&t).trim().is_empty());
        assert_eq!(svg.value().attr("role"), Some("img"));
    }
}

#[test]
fn the_persian_report_shows_every_label_and_finding_and_links_them() {
    let (page, audit, tables) = paper_report("fa");
    let html = select(&page, "html")[0];
    assert_eq!(html.value().attr("lang"), Some("fa"));
    assert_eq!(html.value().attr("dir"), Some("rtl"));
    check_structure(&page);

    let body = text(&select(&page, "body")[0]);
    for level in ["base_themes", "components", "dimensions"] {
        for row in tables[level].as_array().unwrap() {
            let label = match level {
                "base_themes" => row["theme"].as_str(),
                "components" => row["component"].as_str(),
                _ => row["dimension"].as_str(),
            }
            .unwrap();
            assert!(body.contains(label), "{level}: {label} is not on the page");
        }
    }
    // Every finding, once, numbered as in audit.json.
    let findings = audit["findings"].as_array().unwrap();
    let articles = select(&page, "article.finding");
    assert_eq!(articles.len(), findings.len());
    for (i, f) in findings.iter().enumerate() {
        let article = select(&page, &format!("#finding-{}", i + 1));
        assert_eq!(article.len(), 1, "finding {}", i + 1);
        assert_eq!(
            article[0].value().attr("data-severity"),
            f["severity"].as_str()
        );
        // The page writes the message's isolates (U+2068…U+2069) as <bdi> elements.
        let message = f["message"]
            .as_str()
            .unwrap()
            .replace(['\u{2068}', '\u{2069}'], "");
        assert!(text(&article[0]).contains(&message), "{message}");
    }
    // A base theme's row links to its findings, and the finding links back to the row.
    let row = select(&page, "#theme-10")[0];
    let links: Vec<&str> = row
        .select(&Selector::parse("a").unwrap())
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert!(!links.is_empty(), "theme 10 has findings");
    for link in links {
        let finding = select(&page, link)[0];
        let back = Selector::parse("a[href=\"#theme-10\"]").unwrap();
        assert!(
            finding.select(&back).next().is_some(),
            "{link} does not link back"
        );
    }
    // Persian digits and words; the rule's explanation in Persian.
    assert!(body.contains("جمع‌بندی") && body.contains("۱۶"));
    assert!(body.contains("فراوانی یک مضمون پایه شمار مصاحبه‌شوندگان متمایزی است"));
    // A mismatch is marked by a symbol and words, not only colour.
    let differs = select(&page, "tr.differs .mark.differs");
    assert!(!differs.is_empty());
    assert!(differs.iter().all(|m| text(m).contains('✗')));
}

#[test]
fn the_english_report_is_in_english_with_english_labels() {
    let (page, _, tables) = paper_report("en");
    let html = select(&page, "html")[0];
    assert_eq!(html.value().attr("lang"), Some("en"));
    assert_eq!(html.value().attr("dir"), Some("ltr"));
    check_structure(&page);
    let heads: Vec<String> = select(&page, "h2").iter().map(text).collect();
    assert_eq!(
        heads,
        [
            "Verdict",
            "Dimensions and components",
            "Base themes",
            "The audit's findings",
            "Table 1 against Table 2",
            "Matrices and the other charts",
            "Method"
        ]
    );
    let row_heads: Vec<String> = select(&page, "#base-themes tbody th")
        .iter()
        .map(text)
        .collect();
    for row in tables["base_themes"].as_array().unwrap() {
        let english = row["theme_en"].as_str().unwrap();
        assert!(row_heads.iter().any(|h| h == english), "{english}");
    }
    // The tables' cells name dimensions and components in English too (findings quote the
    // printed label beside the English one, on purpose: they are left out here).
    for cell in select(&page, "table td").iter().map(text) {
        assert!(
            !cell.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c)),
            "Arabic script in a table cell of the English report: {cell}"
        );
    }
}

#[test]
fn a_large_study_is_cut_and_says_so() {
    let wd = Workdir::new();
    wd.run(&[
        "synth",
        "--out",
        "big",
        "--themes",
        "1200",
        "--interviewees",
        "300",
        "--codings",
        "6000",
        "--seed",
        "3",
    ])
    .ok();
    wd.run(&["report", "--codebook", "big", "--out", "o", "--lang", "en"])
        .ok();
    let html = wd.read("o/report.html");
    let page = Html::parse_document(&html);
    assert_eq!(select(&page, "#base-themes tbody tr").len(), 1000);
    let notes: Vec<String> = select(&page, "p.note").iter().map(text).collect();
    assert!(
        notes
            .iter()
            .any(|n| n == "The first 1000 of 1200 rows; all of them are in base_themes.csv."),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.contains("too wide to read on a page; see case_matrix.csv")),
        "{notes:?}"
    );
    check_links(&page);
}

/// Every link is internal and has its target (a cut page must not link to rows it left out).
fn check_links(page: &Html) {
    let ids: HashSet<String> = select(page, "[id]")
        .iter()
        .map(|e| e.value().attr("id").unwrap().to_string())
        .collect();
    for a in select(page, "[href]") {
        let href = a.value().attr("href").unwrap();
        let target = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("a link out of the file: {href}"));
        assert!(ids.contains(target), "#{target} has no target");
    }
}

#[test]
fn the_report_alone_is_written_by_report_and_is_the_one_run_writes() {
    let wd = Workdir::new();
    wd.run(&["run", "--out", "a"]).ok();
    let summary = wd.run(&["report", "--out", "b"]).ok();
    assert!(summary.ends_with("wrote:\n  b/report.html\n"), "{summary}");
    assert_eq!(wd.read("a/report.html"), wd.read("b/report.html"));
    assert!(wd.read("a/report.html").len() < 2_000_000);
}

/// A base theme raised by thousands: every output for reading lists its first codes and says
/// how many more (in its language); the CSV and JSON list them all.
#[test]
fn long_code_lists_are_shortened_where_people_read_them() {
    let wd = Workdir::new();
    wd.run(&[
        "synth",
        "--out",
        "big",
        "--themes",
        "6",
        "--components",
        "2",
        "--dimensions",
        "1",
        "--interviewees",
        "3000",
        "--codings",
        "9000",
    ])
    .ok();
    wd.run(&["run", "--codebook", "big", "--out", "en", "--lang", "en"])
        .ok();
    wd.run(&["run", "--codebook", "big", "--out", "fa", "--lang", "fa"])
        .ok();
    let csv = wd.read("en/base_themes.csv");
    let first = csv.lines().nth(1).unwrap();
    let listed: usize = first.split(',').nth(6).unwrap().parse().unwrap();
    let in_csv = first.split(',').nth(5).unwrap().split('-').count();
    assert_eq!(in_csv, listed, "the CSV lists every code");
    assert!(listed > 1000, "{listed}");
    let more = listed - 100;
    let json = wd.read("en/tables.json");
    assert!(
        json.matches(',').count() > listed,
        "the JSON lists every code"
    );
    let en = format!("… and {more} more");
    let fa = format!("… و {} کد دیگر", persian_digits(more));
    for (dir, phrase) in [("en", &en), ("fa", &fa)] {
        for file in ["tables.md", "report.html", "tables.tex"] {
            let text = wd.read(&format!("{dir}/{file}"));
            assert!(
                text.contains(phrase.as_str()),
                "{dir}/{file} lacks {phrase}"
            );
        }
        let docx = std::fs::read(wd.path().join(format!("{dir}/tables.docx"))).unwrap();
        let body = crate::documents::parts(&docx)
            .into_iter()
            .find(|(part, _)| part == "word/document.xml")
            .unwrap()
            .1;
        assert!(
            body.contains(phrase.as_str()),
            "{dir}/tables.docx lacks {phrase}"
        );
    }
    // 100 codes shown before the phrase in the Markdown row.
    let md = wd.read("en/tables.md");
    let row = md.lines().find(|l| l.contains(&en)).unwrap();
    let cell = row.split('|').find(|c| c.contains(&en)).unwrap();
    let shown = cell.trim().trim_end_matches(en.as_str()).trim();
    assert_eq!(shown.split('-').count(), 100, "{shown}");
}

fn persian_digits(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(0x06F0 + c.to_digit(10).unwrap()).unwrap())
        .collect()
}

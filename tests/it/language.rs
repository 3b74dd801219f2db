//! Every output in its reader's language: an English audit of a Persian study names its items
//! in English and shows no Persian digit; Persian prose holds no English word outside what is
//! quoted (labels, file names, rule ids, addresses); a finding is explained by its number.

use crate::workdir::Workdir;

/// The counting and conclusion rules, whose messages an English reader must be able to read
/// whole.
const COUNTING_RULES: [&str; 8] = [
    "rank-change",
    "share-shift",
    "total-mismatch",
    "base-count-mismatch",
    "inherited-total",
    "printed-explained",
    "printed-missing",
    "printed-parts-mismatch",
];

/// The paper's audit in English, as `audit.json` has it: its findings.
fn english_findings(wd: &Workdir) -> Vec<serde_json::Value> {
    let run = wd.run(&["check", "--format", "json", "--lang", "en"]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    json["findings"].as_array().unwrap().clone()
}

fn persian_digits(text: &str) -> Vec<char> {
    text.chars()
        .filter(|c| matches!(c, '\u{06F0}'..='\u{06F9}' | '\u{0660}'..='\u{0669}'))
        .collect()
}

#[test]
fn the_english_audit_of_the_paper_names_its_items_in_english() {
    let wd = Workdir::new();
    let findings = english_findings(&wd);
    let mut read = 0;
    for f in findings {
        let rule = f["rule"].as_str().unwrap();
        if !COUNTING_RULES.contains(&rule) {
            continue;
        }
        read += 1;
        let message = f["message"].as_str().unwrap();
        assert!(
            !message.chars().any(thematic::lang::is_arabic_script),
            "{rule}: {message}"
        );
    }
    assert!(read >= 30, "{read} findings of the counting rules");
}

#[test]
fn the_english_letter_shows_no_persian_digit() {
    let wd = Workdir::new();
    wd.run(&["run", "--lang", "en", "--out", "o"]).ok();
    for file in ["audit.txt", "audit.md", "audit.json", "report.html"] {
        let text = wd.read(&format!("o/{file}"));
        assert!(
            persian_digits(&text).is_empty(),
            "{file}: {:?}",
            persian_digits(&text)
        );
    }
    let docx = std::fs::read(wd.path().join("o/audit.docx")).unwrap();
    let xml: String = crate::documents::parts(&docx)
        .into_iter()
        .map(|(_, xml)| xml)
        .collect();
    assert!(persian_digits(&xml).is_empty());
    // A Persian label in an English sentence is quoted in isolation, in the text and in Word
    // (a run of its own, right to left), so that its guillemets stay where they are.
    let text = wd.read("o/audit.txt");
    assert!(text.contains("Shared sea and land border (\u{2068}«ساحل مشترک آبی و خاکی»\u{2069})"));
    assert!(xml.contains(
        "<w:rtl/></w:rPr><w:t xml:space=\"preserve\">\u{2068}«ساحل مشترک آبی و خاکی»\u{2069}</w:t>"
    ));
    let html = wd.read("o/report.html");
    assert!(html.contains("the roster lists <bdi>«ابراهیم عیوض اف»</bdi> under codes"));
    assert!(
        !html.contains('\u{2068}'),
        "the page writes isolates as <bdi>"
    );
}

/// Persian prose with what may be Latin taken out: isolated runs (labels, names, file names of
/// the other script), runs between left-to-right marks (an option, a formula), code (in
/// backticks; `<code>` and `<bdi>` in HTML), rule ids, file names, addresses, and the names of
/// tools and tests.
fn latin_words_left(text: &str) -> Vec<String> {
    let mut kept = String::new();
    let mut depth = 0usize;
    let (mut ltr, mut code) = (false, false);
    for c in text.chars() {
        match c {
            '\u{2068}' => depth += 1,
            '\u{2069}' => depth = depth.saturating_sub(1),
            '\u{200E}' => ltr = !ltr,
            '`' => code = !code,
            c if depth == 0 && !ltr && !code => kept.push(c),
            _ => {}
        }
    }
    let mut rules: Vec<&str> = thematic::audit::rules().iter().map(|r| r.id).collect();
    rules.sort_by_key(|r| std::cmp::Reverse(r.len()));
    for id in rules {
        kept = kept.replace(id, " ");
    }
    kept.split(|c: char| c.is_whitespace() || "()«»،؛,;[]|*#".contains(c))
        .map(|word| word.trim_end_matches([':', '.']))
        .filter(|word| word.chars().any(|c| c.is_ascii_alphabetic()))
        .filter(|word| {
            let file = [
                ".csv", ".toml", ".json", ".md", ".txt", ".docx", ".xlsx", ".tex", ".html", ".svg",
                ".png",
            ]
            .iter()
            .any(|ext| word.ends_with(ext) || word.contains(&format!("{ext}:")));
            let address =
                word.starts_with("doi:") || word.starts_with("http") || word.starts_with("--");
            let tool = [
                "thematic",
                "QualCoder",
                "MAXQDA",
                "NVivo",
                "SHA-256",
                "GRIM",
                "AC1",
                "REFI-QDA",
            ]
            .contains(word);
            let hash = word.len() >= 7 && word.chars().all(|c| c.is_ascii_hexdigit());
            !(file || address || tool || hash)
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn persian_prose_holds_no_english_word() {
    let wd = Workdir::new();
    wd.run(&["run", "--out", "o"]).ok();
    // Nor a symbol whose meaning turns with the direction (an arrow, `<`, `>`).
    let turning = |text: &str| text.contains(['→', '←', '<', '>']);
    for file in ["audit.txt", "audit.md"] {
        let text = wd.read(&format!("o/{file}"));
        let left = latin_words_left(&text);
        assert!(left.is_empty(), "{file}: {left:?}");
        assert!(!turning(&text), "{file}");
    }
    for rule in thematic::audit::rules() {
        let text = wd
            .run(&["check", "--explain", rule.id, "--lang", "fa"])
            .ok();
        let left = latin_words_left(&text);
        assert!(left.is_empty(), "--explain {}: {left:?}", rule.id);
        assert!(!turning(&text), "--explain {}", rule.id);
    }
    // What changed, in Persian: from one value to the other in words.
    wd.paper_codebook("edited");
    wd.edit("edited/components.csv", ",۵۷\n", ",۵۸\n");
    let diff = wd
        .run(&["diff", "built-in", "edited", "--lang", "fa"])
        .stdout();
    assert!(diff.contains("عدد چاپ‌شده از ۵۷ به ۵۸ رسیده است"), "{diff}");
    assert!(
        !turning(&diff) && latin_words_left(&diff).is_empty(),
        "{diff}"
    );
    // The report's visible text: tags, scripts and styles out; `<code>` and `<bdi>` hold rule
    // ids, file names and labels.
    let html = wd.read("o/report.html");
    let body = &html[html.find("<body").unwrap()..];
    let mut visible = String::new();
    let mut rest = body;
    while let Some(at) = rest.find('<') {
        visible.push_str(&rest[..at]);
        visible.push(' ');
        let tag = &rest[at..];
        let skip_to = ["script", "style", "code", "bdi", "svg", "title"]
            .iter()
            .find(|t| {
                tag.starts_with(&format!("<{t}")) && tag[1 + t.len()..].starts_with([' ', '>'])
            })
            .and_then(|t| tag.find(&format!("</{t}>")).map(|end| end + t.len() + 3));
        let end = skip_to.unwrap_or_else(|| tag.find('>').map_or(tag.len(), |e| e + 1));
        rest = &tag[end..];
    }
    visible.push_str(rest);
    let visible = visible
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"");
    let left = latin_words_left(&visible);
    assert!(left.is_empty(), "report.html: {left:?}");
}

#[test]
fn an_english_study_without_printed_tables_names_no_table_numbers() {
    let wd = Workdir::new();
    wd.fixture("remote_learning", "rl");
    wd.run(&["run", "--codebook", "rl", "--out", "o"]).ok();
    for file in ["report.html", "audit.txt", "audit.md"] {
        let text = wd.read(&format!("o/{file}"));
        assert!(
            !text.contains("Table 1") && !text.contains("Table 2"),
            "{file}"
        );
    }
}

#[test]
fn a_finding_is_explained_by_its_number() {
    let wd = Workdir::new();
    let findings = english_findings(&wd);
    let n = 1 + findings
        .iter()
        .position(|f| f["rule"] == "duplicate-code")
        .unwrap();
    for asked in [n.to_string(), format!("#{n}")] {
        let text = wd.run(&["check", "--explain", &asked]).ok();
        assert!(
            text.starts_with(&format!(
                "Finding #{n} · duplicate-code (warning) · Base themes\n"
            )),
            "{text}"
        );
        assert!(
            text.contains("code 15 is listed twice in «1-2-3-4-5-6-8-9-11-15-15-16»"),
            "{text}"
        );
        assert!(text.contains("What the rule checks: "), "{text}");
    }
    let persian_number: String = n
        .to_string()
        .chars()
        .map(|d| char::from_u32(0x06F0 + d.to_digit(10).unwrap()).unwrap())
        .collect();
    let fa = wd
        .run(&["check", "--explain", &persian_number, "--lang", "fa"])
        .ok();
    assert!(
        fa.starts_with(&format!(
            "مورد ممیزی #{persian_number} · duplicate-code (هشدار) · مضامین پایه\n"
        )),
        "{fa}"
    );
    assert!(
        fa.contains("کد ۱۵ دو بار در «۱-۲-۳-۴-۵-۶-۸-۹-۱۱-۱۵-۱۵-۱۶» آمده است"),
        "{fa}"
    );
    let none = wd.run(&["check", "--explain", "999"]);
    assert_eq!(none.code(), 2);
    assert!(
        none.stderr()
            .contains("there is no finding #999: the audit of masoumi2025 has 70 findings"),
        "{}",
        none.stderr()
    );
}

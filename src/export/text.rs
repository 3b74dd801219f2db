//! Plain text for the terminal: the audit (`thematic check`, `audit.txt`) in the output's
//! language, and the summaries `run` and `validate` print (English, as every message the tool
//! itself prints is, in the study's English words: terminals rarely lay out right-to-left text).
//!
//! Not for files meant to be parsed: scripts read the JSON.

use super::findings::{
    answering, by_level, citation_line, corrections, detail_title, evidence, headline, level_title,
    severity, study_name, subject, verdict, Question,
};
use crate::audit::Audit;
use crate::lang::Lang;
use crate::model::Study;
use crate::study::Terms;
use crate::tables::Tables;
use std::path::{Path, PathBuf};

/// The audit: the headline, the three questions a reviewer asks (does the conclusion survive;
/// how was each printed number made; what must be corrected), the detail by level with each
/// finding's evidence, then the verdict.
pub fn audit(audit: &Audit, study: &Study, lang: Lang) -> String {
    let terms = study.terms(lang);
    let (title, verdict_label) = match lang {
        Lang::En => ("Audit of", "Verdict"),
        Lang::Fa => ("ممیزی", "جمع‌بندی"),
    };
    let mut out = format!(
        "{title} {}\n{}",
        study_name(audit, study, lang),
        citation_line(study, lang)
    );
    if let Some(headline) = headline(audit, lang, &terms) {
        out.push_str(&format!("\n{headline}\n"));
    }
    let line = |out: &mut String, f: &crate::audit::Finding| {
        out.push_str(&format!(
            "  {:<7} {}: {}: {}\n",
            severity(f.severity, lang),
            f.rule,
            subject(audit, f, lang),
            f.message
        ));
        for line in evidence(f, lang, &terms) {
            out.push_str(&format!("          {line}\n"));
        }
    };
    for question in [Question::Conclusion, Question::Made] {
        let findings = answering(audit, question);
        if findings.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}\n", question.title(lang)));
        for f in findings {
            line(&mut out, f);
        }
    }
    let corrections = corrections(audit, lang);
    if !corrections.is_empty() {
        out.push_str(&format!("\n{}\n", Question::Corrected.title(lang)));
        let separator = match lang {
            Lang::En => ", ",
            Lang::Fa => "، ",
        };
        for (sev, rule, subjects) in corrections {
            out.push_str(&format!(
                "  {:<7} {rule} ×{}: {}\n",
                severity(sev, lang),
                lang.digits(&subjects.len().to_string()),
                subjects.join(separator)
            ));
        }
    }
    out.push_str(&format!("\n{}\n", detail_title(lang)));
    for (level, findings) in by_level(audit) {
        let findings: Vec<_> = findings
            .into_iter()
            .filter(|f| Question::of(f.rule) == Question::Corrected)
            .collect();
        if findings.is_empty() {
            continue;
        }
        out.push_str(&format!("\n{}\n", level_title(level, lang, &terms)));
        for f in findings {
            line(&mut out, f);
        }
    }
    out.push_str(&format!(
        "\n{verdict_label}: {}\n",
        verdict(audit, lang, &terms)
    ));
    out
}

/// What `run` prints: the codebook, each dimension under both rules, the audit's verdict and
/// the files written.
pub fn run_summary(
    location: &str,
    tables: &Tables,
    audit: &Audit,
    study: &Study,
    out: &Path,
    written: &[PathBuf],
) -> String {
    let terms = study.terms(Lang::En);
    let mut summary = format!("codebook: {location} ({})\n", sizes(tables, &terms));
    for d in &tables.dimensions {
        let printed = d
            .printed
            .map_or_else(|| "not printed".to_string(), |p| format!("printed {p}"));
        summary.push_str(&format!(
            "  {}: sum rule {}, union rule {}, {printed}\n",
            d.dimension, d.sum, d.union
        ));
    }
    summary.push_str(&format!("audit: {}\n", verdict(audit, Lang::En, &terms)));
    summary.push_str(&format!(
        "wrote {} to {}:\n",
        crate::lang::count(written.len() as u64, "file", "files"),
        out.display()
    ));
    summary.push_str(&file_list(written));
    summary
}

/// `watch`'s line for a re-run after `trigger` changed: what differs from the last good run, in
/// the output's language (as `diff` writes it), and where the outputs went.
pub fn watch_run(
    run: usize,
    trigger: &str,
    d: &crate::difference::Difference,
    (lang, terms): (Lang, &Terms),
    out: &Path,
    seconds: f64,
) -> String {
    let changes = super::changes::brief(d, lang, terms, 3);
    let n = |x: usize| lang.digits(&x.to_string());
    match lang {
        Lang::En => format!(
            "run {run} after {trigger}: {changes}; wrote {} in {} s\n",
            out.display(),
            lang.decimal(seconds, 2)
        ),
        Lang::Fa => format!(
            "اجرای {} پس از {trigger}: {changes}؛ {} در {} ثانیه نوشته شد\n",
            n(run),
            out.display(),
            lang.decimal(seconds, 2)
        ),
    }
}

/// `watch`'s lines for run `run`, after the files `trigger` changed (`None` for the first run),
/// when the codebook cannot be used: what is wrong, and that the outputs of the last good run
/// (if any) stay.
pub fn watch_broken(
    run: usize,
    trigger: Option<&str>,
    error: &str,
    last_good: Option<usize>,
    out: &Path,
    lang: Lang,
) -> String {
    let n = |x: usize| lang.digits(&x.to_string());
    let held = match (last_good, lang) {
        (Some(good), Lang::En) => format!("{} still holds run {good}", out.display()),
        (None, Lang::En) => "nothing is written until it can be".to_string(),
        (Some(good), Lang::Fa) => format!("{} همچنان خروجی اجرای {} است", out.display(), n(good)),
        (None, Lang::Fa) => "تا درست نشود چیزی نوشته نمی‌شود".to_string(),
    };
    let head = match (trigger, lang) {
        (Some(files), Lang::En) => format!("run {run} after {files}"),
        (None, Lang::En) => format!("run {run}"),
        (Some(files), Lang::Fa) => format!("اجرای {} پس از {files}", n(run)),
        (None, Lang::Fa) => format!("اجرای {}", n(run)),
    };
    match lang {
        Lang::En => format!("{head}: the codebook cannot be used; {held}\n{error}\n"),
        Lang::Fa => format!("{head}: کدنامه را نمی‌توان به کار برد؛ {held}\n{error}\n"),
    }
}

/// `watch`'s line for its first run: what it wrote and where.
pub fn watch_first(written: usize, out: &Path, seconds: f64, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "run 1: wrote {} to {} in {} s\n",
            crate::lang::count(written as u64, "file", "files"),
            out.display(),
            lang.decimal(seconds, 2)
        ),
        Lang::Fa => format!(
            "اجرای ۱: {} پرونده در {} در {} ثانیه نوشته شد\n",
            lang.digits(&written.to_string()),
            out.display(),
            lang.decimal(seconds, 2)
        ),
    }
}

/// `watch`'s line once it follows `dir` (and serves `out` at `url`, when it does).
pub fn watch_started(dir: &Path, served: Option<(&Path, &str, bool)>, lang: Lang) -> String {
    let mut text = String::new();
    if let Some((out, url, loopback)) = served {
        text.push_str(&match (lang, loopback) {
            (Lang::En, true) => format!(
                "serving {} at {url}; the page reloads after each good run\n",
                out.display()
            ),
            (Lang::En, false) => format!(
                "serving {} at {url} (not the loopback: other machines on the network can read it); the page reloads after each good run\n",
                out.display()
            ),
            (Lang::Fa, true) => format!(
                "{} در {url} در دسترس است؛ صفحه پس از هر اجرای درست دوباره بارگذاری می‌شود\n",
                out.display()
            ),
            (Lang::Fa, false) => format!(
                "{} در {url} در دسترس است (نه فقط روی همین رایانه: رایانه‌های دیگر شبکه هم آن را می‌خوانند)؛ صفحه پس از هر اجرای درست دوباره بارگذاری می‌شود\n",
                out.display()
            ),
        });
    }
    text.push_str(&match lang {
        Lang::En => format!("watching {} for changes (Ctrl-C ends)\n", dir.display()),
        Lang::Fa => format!("پوشهٔ {} زیر نظر است (Ctrl-C پایان می‌دهد)\n", dir.display()),
    });
    text
}

/// `watch`'s last line: how many runs, and which one the output holds.
pub fn watch_ended(runs: usize, held: Option<usize>, out: &Path, lang: Lang) -> String {
    let n = |x: usize| lang.digits(&x.to_string());
    match (lang, held) {
        (Lang::En, Some(good)) => format!(
            "watch ended after {}; {} holds run {good}\n",
            crate::lang::count(runs as u64, "run", "runs"),
            out.display()
        ),
        (Lang::En, None) => format!(
            "watch ended after {}; none could be used\n",
            crate::lang::count(runs as u64, "run", "runs")
        ),
        (Lang::Fa, Some(good)) => format!(
            "پایان پس از {} اجرا؛ {} خروجی اجرای {} است\n",
            n(runs),
            out.display(),
            n(good)
        ),
        (Lang::Fa, None) => format!("پایان پس از {} اجرا؛ هیچ‌یک به کار نیامد\n", n(runs)),
    }
}

/// What a command that writes files says of them: `wrote 1 file:` and the list.
pub fn wrote(written: &[PathBuf]) -> String {
    format!(
        "wrote {}:\n{}",
        crate::lang::count(written.len() as u64, "file", "files"),
        file_list(written)
    )
}

/// The paths a command wrote, one indented line each.
pub fn file_list(written: &[PathBuf]) -> String {
    written
        .iter()
        .map(|p| format!("  {}\n", p.display()))
        .collect()
}

/// What `validate` prints: whether the codebook can be computed, and counts of the data's
/// properties that the audit reports in detail (read from the tables and the audit, which
/// decide them).
pub fn validation(location: &str, tables: &Tables, audit: &Audit, study: &Study) -> String {
    let terms = study.terms(Lang::En);
    let mut out = format!("{location}: valid ({})\n", sizes(tables, &terms));
    let repeated: u32 = tables
        .base_themes
        .iter()
        .map(|t| t.listed - t.distinct)
        .sum();
    let findings_of = |rule: &str| audit.findings.iter().filter(|f| f.rule == rule).count();
    let unordered = findings_of("codes-out-of-order");
    let never_cited = findings_of("never-cited");
    let unknown: Vec<String> = tables
        .interviewees
        .iter()
        .filter(|i| !i.in_roster)
        .map(|i| i.code.written().into_owned())
        .collect();
    let mut notes = Vec::new();
    if repeated > 0 {
        notes.push(format!(
            "{} listed twice within a {}",
            crate::lang::count(repeated, "code", "codes"),
            terms.names.base_theme
        ));
    }
    if unordered > 0 {
        notes.push(format!(
            "{} out of ascending order",
            crate::lang::count(unordered as u64, "source-code list", "source-code lists")
        ));
    }
    if !unknown.is_empty() {
        let codes = if unknown.len() == 1 { "code" } else { "codes" };
        notes.push(format!("{codes} not on the roster: {}", unknown.join(", ")));
    }
    if never_cited > 0 {
        notes.push(format!(
            "{} never cited",
            crate::lang::count(
                never_cited as u64,
                &format!("roster {}", terms.names.case),
                &format!("roster {}", terms.names.cases)
            )
        ));
    }
    for note in notes {
        out.push_str(&format!("  note: {note}\n"));
    }
    out
}

/// `2 dimensions, 6 components, 25 base themes, 16 interviewees`, in the study's words.
fn sizes(tables: &Tables, terms: &Terms) -> String {
    let n = &terms.names;
    let count = |k: usize, one: &str, many: &str| crate::lang::count(k as u64, one, many);
    [
        count(tables.dimensions.len(), &n.dimension, &n.dimensions),
        count(tables.components.len(), &n.component, &n.components),
        count(tables.base_themes.len(), &n.base_theme, &n.base_themes),
        count(tables.roster_size, &n.case, &n.cases),
    ]
    .join(", ")
}

/// `thematic diff`: what differs between two versions of a codebook, section by section.
pub fn diff(
    d: &crate::difference::Difference,
    (old, new): (&str, &str),
    lang: Lang,
    terms: &Terms,
) -> String {
    let mut out = format!("{}\n", super::changes::title(lang, (old, new), ""));
    let sections = super::changes::sections(d, lang, terms);
    if sections.is_empty() {
        out.push_str(&format!("\n{}\n", super::changes::none(lang)));
    }
    for (heading, lines) in sections {
        out.push_str(&format!("\n{heading}\n"));
        for line in lines {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn wrote_agrees_with_its_count() {
        let written = [std::path::PathBuf::from("a/b.csv")];
        assert_eq!(super::wrote(&written), "wrote 1 file:\n  a/b.csv\n");
    }

    /// `watch`'s line for the README's edit (57 → 38 for a component), in both languages.
    #[test]
    fn a_watch_line_says_what_the_edit_changed() {
        use crate::codebook::{load, Source};
        use crate::lang::Lang;
        let before = load(&Source::BuiltIn).unwrap();
        use crate::codebook::schema;
        let files: Vec<(String, Vec<u8>)> = schema::FILES
            .iter()
            .chain(schema::OPTIONAL_FILES.iter())
            .map(|&name| {
                let text = crate::codebook::source::builtin::file(name);
                let text = if name == "components.csv" {
                    text.replace(",۵۷\n", ",۳۸\n")
                } else {
                    text.to_string()
                };
                (name.to_string(), text.into_bytes())
            })
            .filter(|(_, bytes)| !bytes.is_empty())
            .collect();
        let after = load(&Source::Memory(files)).unwrap();
        for (lang, expected) in [
            (
                Lang::En,
                "run 2 after components.csv: component «Interaction in economic affairs»: printed 57 → 38; findings: 1 appears, 3 change, 1 resolved; wrote out in 0.11 s\n",
            ),
            (
                Lang::Fa,
                "اجرای ۲ پس از components.csv: مؤلفهٔ «تعامل در امور اقتصادی»: عدد چاپ‌شده از ۵۷ به ۳۸ رسیده است؛ موارد ممیزی: ۱ تازه، ۳ تغییرکرده، ۱ برطرف؛ out در ۰٫۱۱ ثانیه نوشته شد\n",
            ),
        ] {
            let settings = crate::audit::Settings::new(lang);
            let computed = |c: &crate::model::Codebook| {
                let tables = crate::tables::compute(c).unwrap();
                let audit = crate::audit::audit(c, &tables, &settings);
                (tables, audit)
            };
            let (b, a) = (computed(&before), computed(&after));
            let d = crate::difference::difference((&b.0, &b.1), (&a.0, &a.1));
            let terms = after.study.terms(lang);
            let line = super::watch_run(
                2,
                "components.csv",
                &d,
                (lang, &terms),
                std::path::Path::new("out"),
                0.114,
            );
            assert_eq!(line, expected);
            let unchanged = crate::difference::difference((&a.0, &a.1), (&a.0, &a.1));
            let line = super::watch_run(3, "x", &unchanged, (lang, &terms), "out".as_ref(), 0.1);
            assert!(line.contains(if lang == Lang::En { "no difference" } else { "تفاوتی نیست" }));
        }
    }
}

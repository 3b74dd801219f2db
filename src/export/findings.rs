//! The audit in words, shared by the renderers that write prose (text, Markdown): findings
//! grouped by level, most severe first; level headings and severities in the output's
//! language and the study's words; the evidence lines of a finding; the verdict a reviewer
//! could paste; the citation line under a title.
//!
//! Not a format: each renderer lays these out its own way.

use crate::audit::{Audit, Finding, Level, Severity};
use crate::lang::{capitalise, Lang};
use crate::model::Study;
use crate::study::Terms;

/// The three questions a reviewer asks, which the reports answer first, and the detail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Question {
    /// Does the conclusion survive? (shares and order)
    Conclusion,
    /// How was each printed number made?
    Made,
    /// What must be corrected? (everything else, in detail by level)
    Corrected,
}

impl Question {
    pub fn of(rule: &str) -> Question {
        match rule {
            "rank-change" | "share-shift" => Question::Conclusion,
            "printed-explained" | "inherited-total" | "total-rule" => Question::Made,
            _ => Question::Corrected,
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Question::Conclusion, Lang::En) => "Does the conclusion survive?",
            (Question::Conclusion, Lang::Fa) => "آیا نتیجه‌گیری مقاله معتبر می‌ماند؟",
            (Question::Made, Lang::En) => "How was each printed number made?",
            (Question::Made, Lang::Fa) => "هر عدد چاپ‌شده چگونه به دست آمده است؟",
            (Question::Corrected, Lang::En) => "What must be corrected?",
            (Question::Corrected, Lang::Fa) => "چه چیزی باید اصلاح شود؟",
        }
    }
}

/// The heading of the detail that follows the three questions.
pub(super) fn detail_title(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Detail",
        Lang::Fa => "جزئیات",
    }
}

/// The findings that answer `question`, by level, most severe first.
pub(super) fn answering(audit: &Audit, question: Question) -> Vec<&Finding> {
    by_level(audit)
        .into_iter()
        .flat_map(|(_, findings)| findings)
        .filter(|f| Question::of(f.rule) == question)
        .collect()
}

/// What must be corrected, in brief: per rule with errors or warnings among the detail's, how
/// many findings and their subjects named in `lang` (a rule's id stands for its explanation:
/// `--explain`).
pub(super) fn corrections(audit: &Audit, lang: Lang) -> Vec<(Severity, &'static str, Vec<String>)> {
    let mut out: Vec<(Severity, &'static str, Vec<String>)> = Vec::new();
    for f in audit
        .findings
        .iter()
        .filter(|f| Question::of(f.rule) == Question::Corrected && f.severity > Severity::Info)
    {
        let names = f
            .subjects()
            .into_iter()
            .map(|s| audit.labels.shown(s, lang));
        match out.iter_mut().find(|(_, rule, _)| *rule == f.rule) {
            Some((_, _, subjects)) => subjects.extend(names),
            None => out.push((f.severity, f.rule, names.collect())),
        }
    }
    out.sort_by_key(|(severity, _, _)| std::cmp::Reverse(*severity));
    out
}

/// Findings of one level, most severe first (stable: rule order, then codebook order).
pub(super) fn by_level(audit: &Audit) -> Vec<(Level, Vec<&Finding>)> {
    Level::ALL
        .iter()
        .filter_map(|&level| {
            let mut findings: Vec<&Finding> =
                audit.findings.iter().filter(|f| f.level == level).collect();
            findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
            (!findings.is_empty()).then_some((level, findings))
        })
        .collect()
}

/// A finding's subject as shown: its subjects, when it stands for several, named in `lang`;
/// in English a single subject with an English label keeps its printed label after it, to be
/// found on the page.
pub(super) fn subject(audit: &Audit, f: &Finding, lang: Lang) -> String {
    let english = audit.labels.name(&f.subject, lang);
    if f.subjects.is_empty() && english != f.subject {
        return format!("{} ({})", english, lang.quote(&f.subject));
    }
    f.subjects()
        .into_iter()
        .map(|s| audit.labels.shown(s, lang))
        .collect::<Vec<_>>()
        .join(match lang {
            Lang::En => ", ",
            Lang::Fa => "، ",
        })
}

/// A level's heading, in the study's words.
pub(super) fn level_title(level: Level, lang: Lang, terms: &Terms) -> String {
    let n = &terms.names;
    let numbered = terms.roster.as_ref().zip(terms.coding_table.as_ref());
    match (level, lang) {
        (Level::Codebook, Lang::En) => "Readings of the source".into(),
        (Level::Codebook, Lang::Fa) => "خوانش‌های منبع".into(),
        (Level::Base, _) => capitalise(&n.base_themes),
        (Level::Component, _) => capitalise(&n.components),
        (Level::Dimension, _) => capitalise(&n.dimensions),
        (Level::Interviewee, _) => capitalise(&n.cases),
        (Level::CrossTable, Lang::En) => match numbered {
            Some((roster, coding)) => format!("{roster} against {coding}"),
            None => "The roster's findings against the source codes".into(),
        },
        (Level::CrossTable, Lang::Fa) => match numbered {
            Some((roster, coding)) => format!("{roster} در برابر {coding}"),
            None => format!("یافته‌های فهرست {} در برابر کدهای منبع", n.cases),
        },
    }
}

/// A severity's name in the output's language.
pub(super) fn severity(severity: Severity, lang: Lang) -> &'static str {
    match (severity, lang) {
        (_, Lang::En) => severity.name(),
        (Severity::Error, Lang::Fa) => "خطا",
        (Severity::Warning, Lang::Fa) => "هشدار",
        (Severity::Info, Lang::Fa) => "یادداشت",
    }
}

/// The study's one-line citation under a report's title, when `study.toml` gives one.
/// What an audit is titled by: the study as a sentence names it (`Masoumi (2025)`), else the
/// codebook's name (its folder).
pub(super) fn study_name(audit: &Audit, study: &Study, lang: Lang) -> String {
    study
        .short_name(lang)
        .unwrap_or_else(|| lang.isolate(&audit.study))
}

pub(super) fn citation_line(study: &Study, lang: Lang) -> String {
    let label = match lang {
        Lang::En => "Study",
        Lang::Fa => "پژوهش",
    };
    study
        .citation(lang)
        .map_or_else(String::new, |c| format!("{label}: {c}\n"))
}

/// The note under a table a report cuts: how many rows it shows, and where all of them are.
/// A base theme's source codes as a table for reading shows them, in `digits` joined as the
/// codebook joins them: the first [`READABLE_CODES`](super::grid::READABLE_CODES), then how
/// many more (`1-2-3 … and 9412 more`).
pub(super) fn shown_codes(
    codes: &[crate::case_id::CaseId],
    digits: crate::lang::Digits,
    comma: &str,
    lang: Lang,
) -> String {
    let shown = &codes[..codes.len().min(super::grid::READABLE_CODES)];
    let mut text = digits.codes(shown, comma);
    let more = codes.len() - shown.len();
    if more > 0 {
        text.push_str(&match lang {
            Lang::En => format!(" … and {more} more"),
            Lang::Fa => format!(" … و {} کد دیگر", lang.digits(&more.to_string())),
        });
    }
    text
}

pub(super) fn first_rows(lang: Lang, shown: usize, all: usize, file: &str) -> String {
    let d = |n: usize| lang.digits(&n.to_string());
    match lang {
        Lang::En => format!(
            "The first {} of {} rows; all of them are in {file}.",
            d(shown),
            d(all)
        ),
        Lang::Fa => format!(
            "{} ردیف نخست از {} ردیف؛ همه در {file} هستند.",
            d(shown),
            d(all)
        ),
    }
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The closing paragraph a reviewer could paste: the headline first, then the counts.
pub fn verdict(audit: &Audit, lang: Lang, terms: &Terms) -> String {
    let counts = verdict_counts(audit, lang, terms);
    match headline(audit, lang, terms) {
        Some(headline) => format!("{headline} {counts}"),
        None => counts,
    }
}

/// The verdict without its headline: the counts of findings and of printed numbers.
pub(super) fn verdict_counts(audit: &Audit, lang: Lang, terms: &Terms) -> String {
    match lang {
        Lang::En => verdict_en(audit, terms),
        Lang::Fa => verdict_fa(audit, terms),
    }
}

/// Whether the top level's shares and order survive the recomputation, with the numbers.
pub fn headline(audit: &Audit, lang: Lang, terms: &Terms) -> Option<String> {
    let h = audit.headline.as_ref()?;
    let n = &terms.names;
    let (one, many, chart) = match h.level {
        Level::Dimension => (&n.dimension, &n.dimensions, &terms.dimensions_chart),
        _ => (&n.component, &n.components, &terms.components_chart),
    };
    let p = |x: f64| lang.percent(x);
    // English prose names an item by its English label when it has one, as "the Motivational
    // dimension"; a label that says its level already ("Dimension 1") is not given it twice.
    let name = |(printed, english): (&String, &String)| {
        let label = match lang {
            Lang::En if !english.is_empty() => english.clone(),
            _ => printed.clone(),
        };
        if lang == Lang::Fa {
            lang.quote(&label)
        } else if label.to_lowercase().contains(&one.to_lowercase()) {
            lang.isolate(&label)
        } else {
            format!("the {} {one}", lang.isolate(&label))
        }
    };
    let leader = name((&h.printed_leader.0, &h.printed_leader.1));
    Some(match lang {
        Lang::En => {
            let subject = chart
                .clone()
                .unwrap_or_else(|| format!("The printed ranking of the {many}"));
            if h.survives {
                format!(
                    "{subject} survives the recomputation: {leader} leads by the printed totals ({}) and by the source codes ({}).",
                    p(h.printed_share),
                    p(h.sum_share)
                )
            } else if let (Some((a, b, printed, sum)), true) = (
                &h.largest_shift,
                h.sum_leader
                    .as_ref()
                    .is_some_and(|l| l.0 == h.printed_leader.0),
            ) {
                format!(
                    "{subject} keeps its leader, {leader}, but not its shares: by the printed totals {} is {} of all mentions and by the source codes {}.",
                    name((a, b)),
                    p(*printed),
                    p(*sum)
                )
            } else {
                let mut aside = Vec::new();
                match &h.sum_leader {
                    Some((a, b, share)) if *a != h.printed_leader.0 => {
                        aside.push(format!("{} leads with {}", name((a, b)), p(*share)))
                    }
                    None => aside.push("the lead is tied".to_string()),
                    _ => {}
                }
                if let Some(union) = h.union_tie {
                    aside.push(format!(
                        "under the union rule the {many} tie, at {union} {} each",
                        n.cases
                    ));
                }
                let aside = if aside.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", aside.join("; "))
                };
                format!(
                    "{subject} does not survive the recomputation: by the printed totals {leader} is {} of all mentions and by the source codes {}{aside}.",
                    p(h.printed_share),
                    p(h.sum_share)
                )
            }
        }
        Lang::Fa => {
            let subject = chart
                .clone()
                .unwrap_or_else(|| format!("رتبه‌بندی چاپ‌شدهٔ {many}"));
            if h.survives {
                format!(
                    "{subject} با بازمحاسبه تأیید می‌شود: {one} {leader} هم بر پایهٔ فراوانی‌های چاپ‌شده ({}) و هم بر پایهٔ کدهای منبع ({}) در صدر است.",
                    p(h.printed_share),
                    p(h.sum_share)
                )
            } else if let (Some((a, b, printed, sum)), true) = (
                &h.largest_shift,
                h.sum_leader
                    .as_ref()
                    .is_some_and(|l| l.0 == h.printed_leader.0),
            ) {
                format!(
                    "{subject} صدرنشین خود، {one} {leader}، را نگه می‌دارد اما سهم‌ها را نه: بر پایهٔ فراوانی‌های چاپ‌شده سهم {one} {} {} از همهٔ اشاره‌هاست و بر پایهٔ کدهای منبع {}.",
                    name((a, b)),
                    p(*printed),
                    p(*sum)
                )
            } else {
                let mut aside = Vec::new();
                match &h.sum_leader {
                    Some((a, b, share)) if *a != h.printed_leader.0 => aside.push(format!(
                        "{one} {} با {} در صدر است",
                        name((a, b)),
                        p(*share)
                    )),
                    None => aside.push("صدر میان چند مورد مشترک است".to_string()),
                    _ => {}
                }
                if let Some(union) = h.union_tie {
                    aside.push(format!(
                        "طبق قاعدهٔ اجتماع {many} برابرند: هر یک {} {}",
                        lang.digits(&union.to_string()),
                        n.case
                    ));
                }
                let aside = if aside.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", aside.join("؛ "))
                };
                format!(
                    "{subject} با بازمحاسبه تأیید نمی‌شود: بر پایهٔ فراوانی‌های چاپ‌شده سهم {one} {leader} {} از همهٔ اشاره‌هاست و بر پایهٔ کدهای منبع {}{aside}.",
                    p(h.printed_share),
                    p(h.sum_share)
                )
            }
        }
    })
}

fn verdict_en(audit: &Audit, terms: &Terms) -> String {
    let n = &terms.names;
    let v = &audit.verdict;
    let mut out = format!(
        "{}, {}, {}.",
        plural(audit.count(Severity::Error), "error"),
        plural(audit.count(Severity::Warning), "warning"),
        plural(audit.count(Severity::Info), "note")
    );
    let verb = |n: usize, one: &'static str, many: &'static str| if n == 1 { one } else { many };
    if v.printed_base > 0 {
        let (wrong, all, cases) = (v.printed_base_mismatched, v.printed_base, &n.cases);
        out.push_str(&match (wrong, all) {
            (0, 1) => format!(" The one printed base frequency equals the number of distinct {cases} in its source codes."),
            (1, 1) => format!(" The one printed base frequency differs from the number of distinct {cases} in its source codes."),
            (0, all) => format!(" All {all} printed base frequencies equal the number of distinct {cases} in their source codes."),
            (w, all) if w == all => format!(" All {all} printed base frequencies differ from the number of distinct {cases} in their source codes."),
            (w, all) => format!(
                " {w} of the {all} printed base frequencies {} from the number of distinct {cases} in their source codes.",
                verb(w, "differs", "differ")
            ),
        });
    }
    if v.printed_totals > 0 {
        out.push_str(&if v.printed_totals == 1 {
            let what = if v.totals_matching_sum == 1 {
                "matches the sum rule"
            } else if v.totals_matching_union == 1 {
                "matches the union rule"
            } else {
                "matches neither the sum rule nor the union rule"
            };
            format!(" The one printed {} or {} frequency {what}.", n.component, n.dimension)
        } else if v.totals_matching_neither == v.printed_totals {
            format!(
                " None of the {} printed {} and {} frequencies matches the sum rule or the union rule.",
                v.printed_totals, n.component, n.dimension
            )
        } else {
            format!(
                " Of the {} printed {} and {} frequencies, {} {} the sum rule, {} the union rule and {} neither.",
                v.printed_totals,
                n.component,
                n.dimension,
                v.totals_matching_sum,
                verb(v.totals_matching_sum, "matches", "match"),
                v.totals_matching_union,
                v.totals_matching_neither
            )
        });
        if v.totals_inherited > 0 {
            out.pop();
            out.push_str(&format!(
                "; {} of those add up printed values one level down that are themselves wrong, so {} inherited, not independent.",
                v.totals_inherited,
                verb(v.totals_inherited, "its error is", "their errors are")
            ));
        }
    }
    if let Some(a) = audit.agreement.as_ref().map(|a| &a.overall) {
        let kappa = a
            .kappa
            .map_or_else(|| "undefined".to_string(), |k| format!("{k:.2}"));
        let (roster, coding) = match (&terms.roster, &terms.coding_table) {
            (Some(r), Some(c)) => (format!(" ({r})"), format!(" ({c})")),
            _ => (String::new(), String::new()),
        };
        out.push_str(&format!(
            " The {} findings{roster} and the source codes{coding} agree on {:.1}% of {}–theme pairs (Cohen's κ = {kappa}).",
            terms.cases_possessive(),
            a.percent,
            n.case
        ));
    }
    out
}

fn verdict_fa(audit: &Audit, terms: &Terms) -> String {
    let n = &terms.names;
    let v = &audit.verdict;
    let d = |x: usize| Lang::Fa.digits(&x.to_string());
    let mut out = format!(
        "{} خطا، {} هشدار، {} یادداشت.",
        d(audit.count(Severity::Error)),
        d(audit.count(Severity::Warning)),
        d(audit.count(Severity::Info))
    );
    if v.printed_base > 0 {
        let (all, wrong) = (d(v.printed_base), v.printed_base_mismatched);
        let about = format!("با شمار {} متمایز در کدهای منبع خود", n.cases);
        out.push_str(&if wrong == 0 {
            format!(" هر {all} فراوانی پایهٔ چاپ‌شده {about} برابر است.")
        } else if wrong == v.printed_base {
            format!(" هیچ‌یک از {all} فراوانی پایهٔ چاپ‌شده {about} برابر نیست.")
        } else {
            format!(
                " {} فراوانی از {all} فراوانی پایهٔ چاپ‌شده {about} برابر نیست.",
                d(wrong)
            )
        });
    }
    if v.printed_totals > 0 {
        let totals = format!(
            "{} فراوانی چاپ‌شدهٔ {} و {}",
            d(v.printed_totals),
            n.components,
            n.dimensions
        );
        let clauses: Vec<String> = [
            (v.totals_matching_sum, "با قاعدهٔ جمع مطابقت دارد"),
            (v.totals_matching_union, "با قاعدهٔ اجتماع مطابقت دارد"),
            (v.totals_matching_neither, "با هیچ‌یک مطابقت ندارد"),
        ]
        .into_iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, what)| format!("{} مورد {what}", d(count)))
        .collect();
        out.push_str(&if v.totals_matching_neither == v.printed_totals {
            format!(" هیچ‌یک از {totals} نه با قاعدهٔ جمع مطابقت دارد و نه با قاعدهٔ اجتماع.")
        } else {
            format!(
                " از {totals}، {}.",
                crate::lang::and_list(Lang::Fa, &clauses)
            )
        });
        if v.totals_inherited > 0 {
            out.pop();
            out.push_str(&format!(
                "؛ {} مورد از این‌ها جمع عددهای چاپ‌شدهٔ یک سطح پایین‌ترند که خود نادرست‌اند، پس خطایشان به ارث رسیده و مستقل نیست.",
                d(v.totals_inherited)
            ));
        }
    }
    if let Some(a) = audit.agreement.as_ref().map(|a| &a.overall) {
        let kappa = a
            .kappa
            .map_or_else(|| "تعریف‌نشده".to_string(), |k| Lang::Fa.decimal(k, 2));
        let (roster, coding) = match (&terms.roster, &terms.coding_table) {
            (Some(r), Some(c)) => (format!(" ({r})"), format!(" ({c})")),
            _ => (String::new(), String::new()),
        };
        out.push_str(&format!(
            " یافته‌های {}{roster} و کدهای منبع{coding} در {} از جفت‌های {}–مضمون هم‌خوان‌اند (کاپای کوهن = {kappa}).",
            n.cases,
            Lang::Fa.percent(a.percent),
            n.case
        ));
    }
    out
}

pub(super) fn evidence(f: &Finding, lang: Lang, terms: &Terms) -> Vec<String> {
    let (suggestion, codebook, separator) = match lang {
        Lang::En => ("suggestion", "codebook", ", "),
        Lang::Fa => ("پیشنهاد", "کدنامه", "، "),
    };
    let mut lines = Vec::new();
    if !f.interviewees.is_empty() {
        // A finding about a large study can name a hundred thousand: the first ones and how
        // many more (audit.json has them all).
        let limit = super::grid::READABLE_EVIDENCE;
        let codes: Vec<String> = f
            .interviewees
            .iter()
            .take(limit)
            .map(|&c| lang.id(c))
            .collect();
        let noun = if f.interviewees.len() == 1 {
            &terms.names.case
        } else {
            &terms.names.cases
        };
        let mut line = format!("{noun}: {}", codes.join(separator));
        let more = f.interviewees.len().saturating_sub(limit);
        if more > 0 {
            line.push_str(&match lang {
                Lang::En => format!(" … and {more} more"),
                Lang::Fa => format!(" … و {} مورد دیگر", lang.digits(&more.to_string())),
            });
        }
        lines.push(line);
    }
    for s in &f.segments {
        let (who, at) = (
            lang.id(s.interviewee),
            lang.digits(&format!("{}–{}", s.start, s.end)),
        );
        let text: String = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
        lines.push(match lang {
            Lang::En => format!(
                "segment ({} {who}, {} {at}): {}",
                terms.names.case,
                lang.quote(&s.source),
                lang.quote(&text)
            ),
            Lang::Fa => format!(
                "بخش کدگذاری‌شده ({} {who}، {} {at}): {}",
                terms.names.case,
                lang.quote(&s.source),
                lang.quote(&text)
            ),
        });
    }
    if let Some(s) = &f.suggestion {
        lines.push(format!("{suggestion}: {s}"));
    }
    if let Some(s) = &f.source {
        lines.push(format!("{codebook}: {}", source_words(s, lang)));
    }
    lines
}

/// Where in the codebook, as a reader of `lang` reads it: `base_themes.csv:2, 3` in English;
/// in Persian `سطرهای ۲ و ۳ پروندهٔ base_themes.csv`, the file name isolated, so that no Latin
/// digit or comma sits in the Persian line.
pub(super) fn source_words(source: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return source.to_string();
    }
    source
        .split("; ")
        .map(|place| match place.rsplit_once(':') {
            Some((file, lines)) => {
                let lines: Vec<String> = lines.split(", ").map(|l| lang.digits(l)).collect();
                let noun = if lines.len() == 1 {
                    "سطر"
                } else {
                    "سطرهای"
                };
                format!(
                    "{noun} {} پروندهٔ {}",
                    crate::lang::and_list(lang, &lines),
                    lang.isolate(file)
                )
            }
            None => lang.isolate(place),
        })
        .collect::<Vec<_>>()
        .join("؛ ")
}

/// A rule's heading for `check --explain`: its id and severity in `lang` (not a level: a rule
/// such as `rank-change` reports at more than one).
pub fn rule_heading(rule: &crate::audit::Rule, lang: Lang) -> String {
    format!("{} ({})", rule.id, severity(rule.severity, lang))
}

/// One finding explained (`check --explain N`, `N` its number as the report and `audit.json`
/// show it): what it says with its own numbers and evidence, then what its rule checks and
/// why. `None` when the audit has no such finding.
pub fn explain_finding(audit: &Audit, number: usize, lang: Lang, terms: &Terms) -> Option<String> {
    let f = audit.findings.get(number.checked_sub(1)?)?;
    let rule = crate::audit::rule(f.rule)?;
    let (finding, about, printed, recomputed, checks) = match lang {
        Lang::En => (
            "Finding",
            "About",
            "printed",
            "recomputed",
            "What the rule checks",
        ),
        Lang::Fa => (
            "مورد ممیزی",
            "موضوع",
            "عدد چاپ‌شده",
            "بازمحاسبه",
            "این قاعده چه می‌سنجد",
        ),
    };
    let mut out = format!(
        "{finding} #{} · {} · {}\n{about}: {}\n{}\n",
        lang.digits(&number.to_string()),
        rule_heading(rule, lang),
        level_title(f.level, lang, terms),
        subject(audit, f, lang),
        f.message
    );
    if let Some(p) = f.printed {
        out.push_str(&format!("  {printed}: {}\n", lang.digits(&p.to_string())));
    }
    if let Some(r) = f.recomputed {
        out.push_str(&format!(
            "  {recomputed}: {}\n",
            lang.digits(&r.to_string())
        ));
    }
    for line in evidence(f, lang, terms) {
        out.push_str(&format!("  {line}\n"));
    }
    out.push_str(&format!(
        "\n{checks}: {}\n\n{}\n",
        rule.summary_for(lang, terms),
        rule.explain_for(lang, terms)
    ));
    Some(out)
}

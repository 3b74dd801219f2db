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
            (Question::Conclusion, Lang::Fa) => "آیا نتیجه پابرجا می‌ماند؟",
            (Question::Made, Lang::En) => "How was each printed number made?",
            (Question::Made, Lang::Fa) => "هر عدد چاپ‌شده چگونه ساخته شده است؟",
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
/// many findings and their subjects (a rule's id stands for its explanation: `--explain`).
pub(super) fn corrections(audit: &Audit) -> Vec<(Severity, &'static str, Vec<&str>)> {
    let mut out: Vec<(Severity, &'static str, Vec<&str>)> = Vec::new();
    for f in audit
        .findings
        .iter()
        .filter(|f| Question::of(f.rule) == Question::Corrected && f.severity > Severity::Info)
    {
        match out.iter_mut().find(|(_, rule, _)| *rule == f.rule) {
            Some((_, _, subjects)) => subjects.extend(f.subjects()),
            None => out.push((f.severity, f.rule, f.subjects())),
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

/// A finding's subject as shown: its subjects, when it stands for several.
pub(super) fn subject(f: &Finding, lang: Lang) -> String {
    f.subjects().join(match lang {
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
        if lang == Lang::En && label.to_lowercase().contains(&one.to_lowercase()) {
            label
        } else if lang == Lang::En {
            format!("the {label} {one}")
        } else {
            label
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
                    "{subject} در بازمحاسبه پابرجا می‌ماند: {one} «{leader}» هم با فراوانی‌های چاپ‌شده ({}) و هم با کدهای منبع ({}) پیش است.",
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
                    "{subject} صدرنشین خود، {one} «{leader}»، را نگه می‌دارد اما سهم‌ها را نه: با فراوانی‌های چاپ‌شده {one} «{}» {} از همه اشاره‌هاست و با کدهای منبع {}.",
                    name((a, b)),
                    p(*printed),
                    p(*sum)
                )
            } else {
                let mut aside = Vec::new();
                match &h.sum_leader {
                    Some((a, b, share)) if *a != h.printed_leader.0 => {
                        aside.push(format!("{one} «{}» با {} پیش است", name((a, b)), p(*share)))
                    }
                    None => aside.push("صدر میان چند مورد مشترک است".to_string()),
                    _ => {}
                }
                if let Some(union) = h.union_tie {
                    aside.push(format!(
                        "به قاعده اجتماع {many} برابرند: هر یک {} {}",
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
                    "{subject} در بازمحاسبه پابرجا نمی‌ماند: با فراوانی‌های چاپ‌شده {one} «{leader}» {} از همه اشاره‌هاست و با کدهای منبع {}{aside}.",
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
        out.push_str(&format!(
            " {} of the {} printed base frequencies {} from the number of distinct {} in their source codes.",
            v.printed_base_mismatched,
            v.printed_base,
            verb(v.printed_base_mismatched, "differs", "differ"),
            n.cases
        ));
    }
    if v.printed_totals > 0 {
        out.push_str(&format!(
            " Of the {} printed {} and {} frequencies, {} {} the sum rule, {} the union rule and {} neither.",
            v.printed_totals,
            n.component,
            n.dimension,
            v.totals_matching_sum,
            verb(v.totals_matching_sum, "matches", "match"),
            v.totals_matching_union,
            v.totals_matching_neither
        ));
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
        out.push_str(&format!(
            " {} از {} فراوانی پایهٔ چاپ‌شده با شمار {} متمایز در کدهای منبعشان نمی‌خواند.",
            d(v.printed_base_mismatched),
            d(v.printed_base),
            n.cases
        ));
    }
    if v.printed_totals > 0 {
        out.push_str(&format!(
            " از {} فراوانی چاپ‌شدهٔ {} و {}، {} با قاعده جمع می‌خواند، {} با قاعده اجتماع و {} با هیچ‌کدام.",
            d(v.printed_totals),
            n.components,
            n.dimensions,
            d(v.totals_matching_sum),
            d(v.totals_matching_union),
            d(v.totals_matching_neither)
        ));
        if v.totals_inherited > 0 {
            out.pop();
            out.push_str(&format!(
                "؛ {} تا از این‌ها جمع عددهای چاپ‌شدهٔ یک سطح پایین‌ترند که خود نادرست‌اند، پس خطایشان به ارث رسیده و مستقل نیست.",
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
        let codes: Vec<String> = f.interviewees.iter().map(|&c| lang.id(c)).collect();
        lines.push(format!("{}: {}", terms.names.cases, codes.join(separator)));
    }
    for s in &f.segments {
        let (who, at) = (
            lang.id(s.interviewee),
            lang.digits(&format!("{}–{}", s.start, s.end)),
        );
        let text: String = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
        lines.push(match lang {
            Lang::En => format!(
                "segment ({} {who}, «{}» {at}): «{text}»",
                terms.names.case, s.source
            ),
            Lang::Fa => format!(
                "بخش کدگذاری‌شده ({} {who}، «{}» {at}): «{text}»",
                terms.names.case, s.source
            ),
        });
    }
    if let Some(s) = &f.suggestion {
        lines.push(format!("{suggestion}: {s}"));
    }
    if let Some(s) = &f.source {
        lines.push(format!("{codebook}: {s}"));
    }
    lines
}

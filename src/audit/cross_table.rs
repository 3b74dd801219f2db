//! Table 1 against Table 2: who raised each base theme according to the roster's findings
//! (through the codebook's findings map), against the source codes, with percent agreement and
//! Cohen's κ per base theme and over the whole table.
//!
//! Not for agreement between coders of the same scheme: this compares two records of one
//! study (its roster's findings and its coding table).

use super::{Context, Finding, Level, Rule, Severity};
use crate::case_id::CaseId;
use crate::lang::Lang;
use crate::model::Codebook;
use crate::persian::match_key;
use crate::reliability::Tally;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

pub const RULES: &[Rule] = &[
    Rule {
        id: "no-second-record",
        severity: Severity::Info,
        level: Level::CrossTable,
        summary: "the roster's findings and the source codes come from the same codings: no agreement between them is computed",
        explain: "Comparing the roster's findings (Table 1) with the source codes (Table 2) measures something \
                  only when they are two records: a paper's roster table and its coding table, written \
                  apart. A project imported from a QDA tool, or documents coded by thematic, has one \
                  record: its findings are the coded segments that also make its source codes, and the \
                  two would agree perfectly by construction. `findings = \"derived\"` in study.toml (which \
                  `thematic import` writes) says so; the cross-table rules then report this instead of an \
                  agreement figure.",
        summary_fa: "یافته‌های فهرست و کدهای منبع از همان کدگذاری‌ها آمده‌اند: هم‌خوانی میان آن دو حساب نمی‌شود",
        explain_fa: "سنجیدن یافته‌های فهرست (جدول ۱) بر پایهٔ کدهای منبع (جدول ۲) تنها وقتی معنا دارد که دو گزارش جدا باشند: جدول فهرست مصاحبه‌شوندگان یک مقاله و جدول کدگذاری آن، که جدا از هم نوشته شده‌اند. پروژه‌ای که از یک ابزار تحلیل کیفی وارد شده، یا سندهایی که thematic کدگذاری کرده، یک گزارش دارد: یافته‌هایش همان بخش‌های کدگذاری‌شده‌ای است که کدهای منبعش را هم می‌سازد، و آن دو به حکم ساختشان کاملاً هم‌خوان‌اند. ‎findings = \"derived\"‎ در study.toml (که ‎thematic import‎ می‌نویسد) همین را می‌گوید؛ آن‌گاه قاعده‌های میان‌جدولی به جای رقم هم‌خوانی همین را گزارش می‌کنند.",
        check: no_second_record,
    },
    Rule {
        id: "cross-table-disagreement",
        severity: Severity::Warning,
        level: Level::CrossTable,
        summary: "the roster's findings (Table 1) and the source codes (Table 2) name different interviewees for a base theme",
        explain: "Table 1 lists each interviewee's findings; the findings map says which base theme each \
                  phrase stands for. That gives a second, independent record of who raised each theme. \
                  The finding lists who is in Table 1 only (with the phrases their evidence rests on, so \
                  that the mapping can be checked) and in Table 2 only, with percent agreement and \
                  Cohen's κ over the roster (κ is undefined when both records name everyone or no one). \
                  Codes not on the roster are left out here (see `unknown-code`).",
        summary_fa: "یافته‌های فهرست مصاحبه‌شوندگان (جدول ۱) و کدهای منبع (جدول ۲) برای یک مضمون پایه مصاحبه‌شوندگان متفاوتی را نام می‌برند",
        explain_fa: "جدول ۱ یافته‌های هر مصاحبه‌شونده را می‌آورد؛ جدول تطبیق یافته‌ها می‌گوید هر عبارت نمایندهٔ کدام مضمون پایه است. این دومین گزارش مستقل از این است که چه کسی هر مضمون را مطرح کرده است. مورد ممیزی کسانی را که تنها در جدول ۱ هستند (با عبارت‌هایی که شاهدشان است، تا تطبیق سنجیده شود) و کسانی را که تنها در جدول ۲ هستند می‌آورد، با درصد هم‌خوانی و کاپای کوهن برای فهرست (وقتی هر دو گزارش همه یا هیچ‌کس را نام می‌برند، کاپا تعریف‌نشده است). کدهایی که در فهرست نیستند این‌جا کنار گذاشته می‌شوند (unknown-code را ببینید).",
        check: disagreement,
    },
    Rule {
        id: "cross-table-agreement",
        severity: Severity::Info,
        level: Level::CrossTable,
        summary: "overall agreement between Table 1 and Table 2",
        explain: "Pooled over every (interviewee, base theme) pair of the base themes that the findings map \
                  covers: percent agreement and Cohen's κ.",
        summary_fa: "هم‌خوانی کلی جدول ۱ و جدول ۲",
        explain_fa: "برای همهٔ جفت‌های (مصاحبه‌شونده، مضمون پایه) از مضامینی که جدول تطبیق یافته‌ها پوشش می‌دهد: درصد هم‌خوانی و کاپای کوهن.",
        check: overall,
    },
    Rule {
        id: "unmapped-theme",
        severity: Severity::Info,
        level: Level::CrossTable,
        summary: "no findings phrase is mapped to a base theme, so Table 1 cannot confirm it",
        explain: "A base theme that no phrase of the roster's findings stands for has no second record. It is \
                  left out of the agreement figures rather than counted as total disagreement.",
        summary_fa: "هیچ عبارتی از یافته‌ها با یک مضمون پایه تطبیق داده نشده است، پس جدول ۱ نمی‌تواند آن را تأیید کند",
        explain_fa: "مضمون پایه‌ای که هیچ عبارتی از یافته‌های فهرست نمایندهٔ آن نیست گزارش دومی ندارد. به جای آن‌که ناهم‌خوانی کامل شمرده شود، از رقم‌های هم‌خوانی کنار گذاشته می‌شود.",
        check: unmapped_theme,
    },
    Rule {
        id: "unmapped-finding",
        severity: Severity::Info,
        level: Level::CrossTable,
        summary: "a findings phrase of the roster that maps to no base theme",
        explain: "Phrases the findings map does not cover are listed, not silently dropped: either the map \
                  lacks a line, or the interview raised something the coding table does not carry.",
        summary_fa: "عبارتی از یافته‌های فهرست که با هیچ مضمون پایه‌ای تطبیق داده نشده است",
        explain_fa: "عبارت‌هایی که جدول تطبیق یافته‌ها پوشش نمی‌دهد فهرست می‌شوند، نه این‌که بی‌اعلام حذف شوند: یا جدول تطبیق سطری کم دارد، یا مصاحبه چیزی را مطرح کرده که جدول کدگذاری ندارد.",
        check: unmapped_finding,
    },
];

/// Agreement between two binary records over the same interviewees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Agreement {
    /// Pairs in both records, in Table 1 only, in Table 2 only, in neither.
    pub both: u32,
    pub table1_only: u32,
    pub table2_only: u32,
    pub neither: u32,
    /// Percent of pairs on which the records agree.
    pub percent: f64,
    /// Cohen's κ; `None` when chance agreement is 1 (both records constant and equal).
    pub kappa: Option<f64>,
}

impl Agreement {
    /// Percent agreement and Cohen's κ from the 2 × 2 counts, computed by
    /// [`crate::reliability`] (the one place κ is computed; `thematic agree` uses it too).
    pub fn from_counts(both: u32, table1_only: u32, table2_only: u32, neither: u32) -> Agreement {
        let mut tally = Tally::new(2);
        for (count, table1, table2) in [
            (both, 1, 1),
            (table1_only, 1, 0),
            (table2_only, 0, 1),
            (neither, 0, 0),
        ] {
            let mut one = Tally::new(2);
            one.add_unit(&[Some(table1), Some(table2)]);
            tally.add_scaled(&one, f64::from(count));
        }
        let coefficients = tally.coefficients(2);
        Agreement {
            both,
            table1_only,
            table2_only,
            neither,
            percent: coefficients.percent.map_or(0.0, |p| p * 100.0),
            kappa: coefficients.cohen.ok(),
        }
    }

    fn describe(&self, lang: Lang) -> String {
        match lang {
            Lang::Fa => {
                let kappa = self.kappa.map_or_else(
                    || "تعریف‌نشده".to_string(),
                    |k| lang.digits(&format!("{k:.2}")).replace('.', "٫"),
                );
                let percent = lang
                    .digits(&format!("{:.1}", self.percent))
                    .replace('.', "٫");
                format!("هم‌خوانی {percent}٪، κ = {kappa}")
            }
            Lang::En => {
                let kappa = self
                    .kappa
                    .map_or_else(|| "undefined".to_string(), |k| format!("{k:.2}"));
                format!("agreement {:.1}%, κ = {kappa}", self.percent)
            }
        }
    }
}

/// Who raised each base theme according to the roster's findings.
#[derive(Debug, Clone, PartialEq)]
pub struct Table1 {
    /// Per base theme (codebook order): interviewees whose findings map to it.
    pub raised: Vec<BTreeSet<CaseId>>,
    /// Per base theme: whether any phrase is mapped to it.
    pub mapped: Vec<bool>,
    /// Phrases that map to nothing, with who said them (in roster order of first use).
    pub unmapped: Vec<(String, Vec<CaseId>)>,
    /// Per base theme: for each interviewee whose findings map to it, the phrases that do (the
    /// evidence a reader checks the mapping by).
    pub phrases: Vec<BTreeMap<CaseId, Vec<String>>>,
}

impl Table1 {
    /// `None` when the codebook has no findings map.
    pub fn derive(codebook: &Codebook) -> Option<Table1> {
        if codebook.findings_map.is_empty() {
            return None;
        }
        let index: BTreeMap<(String, String, String), usize> = codebook
            .base_themes()
            .enumerate()
            .map(|(i, r)| {
                (
                    (
                        r.dimension.label.printed.clone(),
                        r.component.label.printed.clone(),
                        r.theme.label.printed.clone(),
                    ),
                    i,
                )
            })
            .collect();
        let mut phrase_themes: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let mut mapped = vec![false; index.len()];
        for link in &codebook.findings_map {
            let key = (
                link.dimension.clone(),
                link.component.clone(),
                link.base_theme.clone(),
            );
            if let Some(&t) = index.get(&key) {
                phrase_themes
                    .entry(match_key(&link.phrase))
                    .or_default()
                    .push(t);
                mapped[t] = true;
            }
        }
        let mut raised = vec![BTreeSet::new(); index.len()];
        let mut phrases: Vec<BTreeMap<CaseId, Vec<String>>> = vec![BTreeMap::new(); index.len()];
        let mut unmapped: Vec<(String, Vec<CaseId>)> = Vec::new();
        for person in codebook.interviewees.values() {
            for phrase in &person.details().findings {
                match phrase_themes.get(&match_key(phrase)) {
                    Some(themes) => {
                        for &t in themes {
                            raised[t].insert(person.code);
                            let said = phrases[t].entry(person.code).or_default();
                            if !said.contains(phrase) {
                                said.push(phrase.clone());
                            }
                        }
                    }
                    None => match unmapped
                        .iter_mut()
                        .find(|(p, _)| match_key(p) == match_key(phrase))
                    {
                        Some((_, who)) => {
                            if !who.contains(&person.code) {
                                who.push(person.code);
                            }
                        }
                        None => unmapped.push((phrase.clone(), vec![person.code])),
                    },
                }
            }
        }
        Some(Table1 {
            raised,
            mapped,
            unmapped,
            phrases,
        })
    }

    /// Agreement for one base theme over the roster.
    pub fn theme_agreement(
        &self,
        codebook: &Codebook,
        t: usize,
        listed: &BTreeSet<CaseId>,
    ) -> Agreement {
        let (mut both, mut one, mut two, mut neither) = (0, 0, 0, 0);
        for &code in codebook.interviewees.keys() {
            match (self.raised[t].contains(&code), listed.contains(&code)) {
                (true, true) => both += 1,
                (true, false) => one += 1,
                (false, true) => two += 1,
                (false, false) => neither += 1,
            }
        }
        Agreement::from_counts(both, one, two, neither)
    }

    /// Agreement per base theme over the roster (`None` where no phrase is mapped), and
    /// pooled over the base themes that the map covers.
    pub fn agreements(&self, codebook: &Codebook) -> Agreements {
        let themes: Vec<Option<Agreement>> = codebook
            .base_themes()
            .enumerate()
            .map(|(t, r)| {
                self.mapped[t].then(|| {
                    let listed: BTreeSet<CaseId> = r.theme.source_codes.iter().copied().collect();
                    self.theme_agreement(codebook, t, &listed)
                })
            })
            .collect();
        let (mut both, mut one, mut two, mut neither) = (0, 0, 0, 0);
        for a in themes.iter().flatten() {
            both += a.both;
            one += a.table1_only;
            two += a.table2_only;
            neither += a.neither;
        }
        Agreements {
            overall: Agreement::from_counts(both, one, two, neither),
            themes,
        }
    }
}

/// Table 1 against Table 2: pooled, and per base theme.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreements {
    /// Over every (interviewee, base theme) pair of the base themes the map covers.
    pub overall: Agreement,
    /// Per base theme, codebook order; `None` where no findings phrase is mapped to it.
    pub themes: Vec<Option<Agreement>>,
}

/// The roster as the study numbers it (`Table 1`), or in words.
fn roster(cx: &Context) -> String {
    cx.terms.roster.clone().unwrap_or_else(|| match cx.lang {
        Lang::Fa => format!("یافته‌های فهرست {}", cx.terms.names.cases),
        Lang::En => "the roster's findings".into(),
    })
}

/// The coding table as the study numbers it (`Table 2`), or in words.
fn coding_table(cx: &Context) -> String {
    cx.terms
        .coding_table
        .clone()
        .unwrap_or_else(|| match cx.lang {
            Lang::Fa => "کدهای منبع".into(),
            Lang::En => "the source codes".into(),
        })
}

/// Codes, each with the findings phrases its evidence rests on: `14 («توریست سلامت»)`.
fn with_phrases(cx: &Context, codes: &[CaseId], phrases: &BTreeMap<CaseId, Vec<String>>) -> String {
    if codes.is_empty() {
        return list(cx, codes);
    }
    let separator = match cx.lang {
        Lang::Fa => "، ",
        Lang::En => ", ",
    };
    codes
        .iter()
        .map(|c| match phrases.get(c) {
            Some(said) => format!(
                "{} ({})",
                cx.id(*c),
                said.iter()
                    .map(|p| cx.quote(p))
                    .collect::<Vec<_>>()
                    .join(separator)
            ),
            None => cx.id(*c),
        })
        .collect::<Vec<_>>()
        .join(separator)
}

fn list(cx: &Context, codes: &[CaseId]) -> String {
    if codes.is_empty() {
        match cx.lang {
            Lang::Fa => "هیچ‌کس".into(),
            Lang::En => "none".into(),
        }
    } else {
        cx.codes(codes)
    }
}

fn no_second_record(rule: &Rule, cx: &Context) -> Vec<Finding> {
    if !cx.codebook.study.findings_derived {
        return Vec::new();
    }
    let message = match cx.lang {
        Lang::Fa => format!(
            "یافته‌های فهرست {} و کدهای منبع از همان کدگذاری‌ها آمده‌اند (‎findings = \"derived\"‎ در study.toml): گزارش دومی برای سنجیدن نیست، پس هم‌خوانی میان آن دو گزارش نمی‌شود",
            cx.terms.names.cases
        ),
        Lang::En => "the roster's findings and the source codes come from the same codings (findings = \"derived\" in study.toml): there is no second record to compare them with, so no agreement between them is reported".to_string(),
    };
    vec![Finding::new(rule, &cx.codebook.name, message)]
}

fn disagreement(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let Some(table1) = &cx.table1 else {
        return Vec::new();
    };
    let mut findings = Vec::new();
    for (t, r) in cx.codebook.base_themes().enumerate() {
        if !table1.mapped[t] {
            continue;
        }
        let listed: BTreeSet<CaseId> = r
            .theme
            .source_codes
            .iter()
            .copied()
            .filter(|c| cx.codebook.interviewees.contains_key(c))
            .collect();
        let only1: Vec<CaseId> = table1.raised[t].difference(&listed).copied().collect();
        let only2: Vec<CaseId> = listed.difference(&table1.raised[t]).copied().collect();
        if only1.is_empty() && only2.is_empty() {
            continue;
        }
        // Mapped themes have their agreement computed (once, for the whole audit).
        let Some(agreement) = cx.agreement.as_ref().and_then(|a| a.themes[t]) else {
            continue;
        };
        let mut involved: Vec<CaseId> = only1.iter().chain(&only2).copied().collect();
        involved.sort();
        findings.push(
            Finding::new(
                rule,
                &r.theme.label.printed,
                match cx.lang {
                    Lang::Fa => format!(
                        "فقط در {}: {}؛ فقط در {}: {}؛ {}",
                        roster(cx),
                        with_phrases(cx, &only1, &table1.phrases[t]),
                        coding_table(cx),
                        list(cx, &only2),
                        agreement.describe(cx.lang)
                    ),
                    Lang::En => format!(
                        "in {} only: {}; in {} only: {}; {}",
                        roster(cx),
                        with_phrases(cx, &only1, &table1.phrases[t]),
                        coding_table(cx),
                        list(cx, &only2),
                        agreement.describe(cx.lang)
                    ),
                },
            )
            .interviewees(involved)
            .source(&r.theme.origin),
        );
    }
    findings
}

fn overall(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let Some(table1) = &cx.table1 else {
        return Vec::new();
    };
    let covered = table1.mapped.iter().filter(|&&m| m).count();
    let Some(a) = cx.agreement.as_ref().map(|a| a.overall) else {
        return Vec::new();
    };
    // The subject is the two records, not the study's directory: two versions of a study
    // (thematic diff) have the same finding about them.
    let subject = match cx.lang {
        Lang::En => format!("{} against {}", roster(cx), coding_table(cx)),
        Lang::Fa => format!("{} در برابر {}", roster(cx), coding_table(cx)),
    };
    vec![Finding::new(
        rule,
        &subject,
        match cx.lang {
            Lang::Fa => format!(
                "برای {} {} که جدول تطبیق یافته‌ها پوشش می‌دهد و {} {} فهرست: \
                 {} جفت در هر دو جدول، {} فقط در {}، {} فقط در {}، {} در هیچ‌کدام؛ {}",
                cx.n(covered),
                crate::lang::indefinite(cx.lang, &cx.terms.names.base_theme),
                cx.n(cx.codebook.interviewees.len()),
                crate::lang::ezafe(cx.lang, &cx.terms.names.case),
                cx.n(a.both),
                cx.n(a.table1_only),
                roster(cx),
                cx.n(a.table2_only),
                coding_table(cx),
                cx.n(a.neither),
                a.describe(cx.lang)
            ),
            Lang::En => format!(
                "over the {covered} {} the findings map covers and the {} {} on the roster: \
                 {} pairs in both tables, {} in {} only, {} in {} only, {} in neither; {}",
                cx.terms.names.base_themes,
                cx.codebook.interviewees.len(),
                cx.terms.names.cases,
                a.both,
                a.table1_only,
                roster(cx),
                a.table2_only,
                coding_table(cx),
                a.neither,
                a.describe(cx.lang)
            ),
        },
    )]
}

fn unmapped_theme(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let Some(table1) = &cx.table1 else {
        return Vec::new();
    };
    let unmapped: Vec<_> = cx
        .codebook
        .base_themes()
        .enumerate()
        .filter(|(t, _)| !table1.mapped[*t])
        .map(|(_, r)| r)
        .collect();
    let Some(first) = unmapped.first() else {
        return Vec::new();
    };
    // One finding for them all, its words agreeing with how many there are.
    let names = &cx.terms.names;
    let n = unmapped.len();
    let message = match (cx.lang, n) {
        (Lang::Fa, 1) => format!(
            "هیچ عبارتی از یافته‌های فهرست با این {} تطبیق داده نشده است، پس {} نمی‌تواند کدهای منبع آن را تأیید کند",
            names.base_theme,
            roster(cx)
        ),
        (Lang::Fa, n) => format!(
            "هیچ عبارتی از یافته‌های فهرست با این {} {} تطبیق داده نشده است، پس {} نمی‌تواند کدهای منبع آن‌ها را تأیید کند",
            if n == 2 { "دو".to_string() } else { cx.n(n) },
            names.base_theme,
            roster(cx)
        ),
        (Lang::En, 1) => format!(
            "no phrase of the roster's findings is mapped to this {}, so {} cannot confirm its source codes",
            names.base_theme,
            roster(cx)
        ),
        (Lang::En, n) => format!(
            "no phrase of the roster's findings is mapped to these {n} {}, so {} cannot confirm their source codes",
            names.base_themes,
            roster(cx)
        ),
    };
    let mut f = Finding::new(rule, &first.theme.label.printed, message).source(&first.theme.origin);
    if n > 1 {
        f.subjects = unmapped
            .iter()
            .map(|r| r.theme.label.printed.clone())
            .collect();
        f.source = Some(
            unmapped[1..]
                .iter()
                .fold(first.theme.origin.to_string(), |acc, r| {
                    super::merge_sources(&acc, &r.theme.origin.to_string())
                }),
        );
    }
    vec![f]
}

fn unmapped_finding(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let Some(table1) = &cx.table1 else {
        return Vec::new();
    };
    table1
        .unmapped
        .iter()
        .map(|(phrase, who)| {
            Finding::new(
                rule,
                phrase,
                match cx.lang {
                    Lang::Fa => format!(
                        "عبارت {} از یافته‌های فهرست ({} {}) با هیچ {} تطبیق داده نشده است",
                        cx.quote(phrase),
                        if who.len() == 1 {
                            &cx.terms.names.case
                        } else {
                            &cx.terms.names.cases
                        },
                        crate::lang::and_list(
                            cx.lang,
                            &who.iter().map(|&c| cx.id(c)).collect::<Vec<_>>()
                        ),
                        crate::lang::indefinite(cx.lang, &cx.terms.names.base_theme)
                    ),
                    Lang::En => format!(
                        "the roster's finding {} ({} {}) maps to no {}",
                        cx.quote(phrase),
                        if who.len() == 1 {
                            &cx.terms.names.case
                        } else {
                            &cx.terms.names.cases
                        },
                        list(cx, who),
                        cx.terms.names.base_theme
                    ),
                },
            )
            .interviewees(who.iter().copied())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn kappa_against_hand_computed_values() {
        // 16 interviewees: both 10, Table 1 only 2, Table 2 only 1, neither 3.
        // po = 13/16 = 0.8125; p1 = 12/16, p2 = 11/16;
        // pe = 0.75·0.6875 + 0.25·0.3125 = 0.515625 + 0.078125 = 0.59375;
        // κ = (0.8125 − 0.59375) / (1 − 0.59375) = 0.21875 / 0.40625 = 0.538461…
        let a = Agreement::from_counts(10, 2, 1, 3);
        assert!(close(a.percent, 81.25));
        assert!(close(a.kappa.unwrap(), 0.21875 / 0.40625));
        // Perfect agreement with both classes present: κ = 1.
        assert!(close(
            Agreement::from_counts(5, 0, 0, 11).kappa.unwrap(),
            1.0
        ));
        // Agreement no better than chance: po = 0.5, p1 = p2 = 0.5, pe = 0.5, κ = 0.
        assert!(close(
            Agreement::from_counts(1, 1, 1, 1).kappa.unwrap(),
            0.0
        ));
        // Complete disagreement: po = 0, pe = 0.5, κ = −1.
        assert!(close(
            Agreement::from_counts(0, 2, 2, 0).kappa.unwrap(),
            -1.0
        ));
    }

    #[test]
    fn kappa_is_undefined_when_both_records_name_everyone() {
        let a = Agreement::from_counts(16, 0, 0, 0);
        assert!(close(a.percent, 100.0));
        assert_eq!(a.kappa, None);
    }
}

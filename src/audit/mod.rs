//! The audit: every inconsistency between the printed counts and what the codebook shows.
//!
//! The audit is a list of [`Rule`]s. Each is small, named (a stable kebab-case id), documented
//! (`thematic check --explain RULE`) and returns [`Finding`]s with their evidence: the printed
//! value, the recomputed one, the interviewees involved, the codebook row, and a suggestion
//! when the evidence is specific. Rules never adjust their arithmetic toward a printed number;
//! where the source is ambiguous, the finding says so.

mod citations;
mod codes;
pub mod conclusions;
mod counts;
pub mod cross_table;
mod explained;
mod readings;

use crate::case_id::CaseId;
use crate::lang::Lang;
use crate::model::Codebook;
use crate::study::Terms;
use crate::tables::Tables;
use serde::Serialize;

/// How much a finding matters. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    Codebook,
    Base,
    Component,
    Dimension,
    Interviewee,
    CrossTable,
}

impl Level {
    pub const ALL: [Level; 6] = [
        Level::Base,
        Level::Component,
        Level::Dimension,
        Level::Interviewee,
        Level::CrossTable,
        Level::Codebook,
    ];
}

/// The counting rule a printed total matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CountingRule {
    Sum,
    Union,
}

/// One thing the audit found, with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub level: Level,
    /// The label of the theme, component, dimension or interviewee, as in the codebook (the
    /// first, when the finding stands for several).
    pub subject: String,
    /// Every subject, when one cause fires on several rows alike (the same rule, message and
    /// evidence): one finding listing them all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subjects: Vec<String>,
    /// One plain sentence.
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub printed: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recomputed: Option<u32>,
    /// Present (possibly null) on findings about printed totals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule_matched: Option<Option<CountingRule>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub interviewees: Vec<CaseId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
    /// The codebook row the finding is about (`file:line`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Coded segments (`segments.csv`) of the interviewees the finding names for its base
    /// theme: the evidence to open in the QDA tool.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<SegmentCite>,
}

/// A coded segment an audit finding cites.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SegmentCite {
    pub interviewee: CaseId,
    pub source: String,
    pub start: u64,
    pub end: u64,
    pub text: String,
}

/// Segments cited per interviewee and base theme, and per finding: enough to check by, short
/// enough to read (`segments.csv` has them all).
const SEGMENTS_PER_INTERVIEWEE: usize = 2;
const SEGMENTS_PER_FINDING: usize = 10;

/// Cite, under each finding about base themes that names interviewees, their coded segments
/// of that theme.
fn cite_segments(codebook: &Codebook, findings: &mut [Finding]) {
    if codebook.segments.is_empty() {
        return;
    }
    let mut index: std::collections::HashMap<(String, CaseId), Vec<&crate::model::Segment>> =
        std::collections::HashMap::new();
    for segment in &codebook.segments {
        if let Some(who) = segment.interviewee {
            index
                .entry((crate::persian::match_key(&segment.base_theme), who))
                .or_default()
                .push(segment);
        }
    }
    for finding in findings.iter_mut() {
        if !matches!(finding.level, Level::Base | Level::CrossTable)
            || finding.interviewees.is_empty()
        {
            continue;
        }
        let mut cites = Vec::new();
        for subject in finding.subjects() {
            let key = crate::persian::match_key(subject);
            for &who in &finding.interviewees {
                let found = index
                    .get(&(key.clone(), who))
                    .map_or(&[][..], Vec::as_slice);
                cites.extend(
                    found
                        .iter()
                        .take(SEGMENTS_PER_INTERVIEWEE)
                        .map(|s| SegmentCite {
                            interviewee: who,
                            source: s.source.clone(),
                            start: s.start,
                            end: s.end,
                            text: s.text.clone(),
                        }),
                );
            }
        }
        cites.truncate(SEGMENTS_PER_FINDING);
        finding.segments = cites;
    }
}

impl Finding {
    /// The finding's subjects: the one, or the several it stands for.
    pub fn subjects(&self) -> Vec<&str> {
        if self.subjects.is_empty() {
            vec![self.subject.as_str()]
        } else {
            self.subjects.iter().map(String::as_str).collect()
        }
    }

    fn new(rule: &Rule, subject: impl Into<String>, message: impl Into<String>) -> Finding {
        Finding {
            rule: rule.id,
            severity: rule.severity,
            level: rule.level,
            subject: subject.into(),
            subjects: Vec::new(),
            message: message.into(),
            printed: None,
            recomputed: None,
            rule_matched: None,
            interviewees: Vec::new(),
            suggestion: None,
            source: None,
            segments: Vec::new(),
        }
    }

    fn source(mut self, origin: &crate::model::Origin) -> Finding {
        self.source = Some(origin.to_string());
        self
    }

    fn counts(mut self, printed: Option<u32>, recomputed: Option<u32>) -> Finding {
        self.printed = printed;
        self.recomputed = recomputed;
        self
    }

    fn interviewees(mut self, codes: impl IntoIterator<Item = CaseId>) -> Finding {
        self.interviewees = codes.into_iter().collect();
        self
    }

    fn suggest(mut self, suggestion: impl Into<String>) -> Finding {
        self.suggestion = Some(suggestion.into());
        self
    }
}

/// Everything a rule may look at.
pub struct Context<'a> {
    pub codebook: &'a Codebook,
    pub tables: &'a Tables,
    /// Who raised each base theme according to the roster's findings (Table 1), when the
    /// codebook has a findings map.
    pub table1: Option<cross_table::Table1>,
    /// Table 1 against Table 2, computed once from `table1`.
    pub agreement: Option<cross_table::Agreements>,
    /// The language findings are written in.
    pub lang: Lang,
    /// The study's words in that language, and its printed numbering.
    pub terms: Terms,
    /// Percentage points a share must move to be reported.
    pub share_threshold: f64,
    /// Printed totals (level, label) whose error is inherited from their printed parts.
    pub inherited: Vec<(Level, String)>,
    /// English labels by printed label: [`Labels`].
    pub labels: &'a Labels,
}

impl Context<'_> {
    /// An item (dimension, component, base theme) by its name in the audit's language:
    /// [`Labels::name`].
    pub fn name<'b>(&'b self, printed: &'b str) -> &'b str {
        self.labels.name(printed, self.lang)
    }

    /// An item named in the audit's language, quoted: `«Common border»`.
    pub fn q(&self, printed: &str) -> String {
        self.lang.quote(self.name(printed))
    }

    /// Source text quoted as printed (a phrase of the roster, a name, a list of codes), in the
    /// audit's digits and isolated from the sentence around it.
    pub fn quote(&self, text: &str) -> String {
        self.lang.quote(text)
    }

    /// A source-codes cell quoted: whole when short (every list of the paper), else its start
    /// and how many codes it lists, so that a finding about a list of ten thousand codes is a
    /// line to read, not 40 KB of it (the codes are in `base_themes.csv`).
    pub fn quote_codes(&self, cell: &str, codes: usize) -> String {
        const SHOWN: usize = 160;
        if cell.chars().count() <= SHOWN {
            return self.quote(cell);
        }
        let head: String = cell.chars().take(SHOWN).collect();
        // End at a separator, so that no code is cut in two.
        let end = head
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(head.len());
        let shown = format!("{}…", head[..end].trim_end());
        match self.lang {
            Lang::En => format!("{} (a list of {codes} codes)", self.quote(&shown)),
            Lang::Fa => format!("{} (فهرستی از {} کد)", self.quote(&shown), self.n(codes)),
        }
    }

    /// `x` in the audit language's digits.
    pub fn n(&self, x: impl std::fmt::Display) -> String {
        self.lang.digits(&x.to_string())
    }

    /// An interviewee's code in the audit's language (a number in its digits, an ID as
    /// written).
    pub fn id(&self, code: CaseId) -> String {
        self.lang.id(code)
    }

    /// Codes as a list in the audit's language (`1, 2, 5`, `۱، ۲، ۵` or `P01, P03`).
    pub fn codes(&self, codes: &[CaseId]) -> String {
        let separator = match self.lang {
            Lang::Fa => "، ",
            Lang::En => ", ",
        };
        codes
            .iter()
            .map(|&c| self.id(c))
            .collect::<Vec<_>>()
            .join(separator)
    }
}

/// The English labels of the codebook's items (dimensions, components, base themes) by
/// printed label, so that an English audit names them in English. A printed label used twice
/// (in two levels) keeps the first English label found, dimensions first.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Labels(std::collections::HashMap<String, String>);

impl Labels {
    pub fn of(codebook: &Codebook) -> Labels {
        let mut map = std::collections::HashMap::new();
        let mut add = |label: &crate::model::Label| {
            if !label.english.trim().is_empty() {
                map.entry(label.printed.clone())
                    .or_insert_with(|| label.english.clone());
            }
        };
        for d in codebook.dimensions.values() {
            add(&d.label);
        }
        for c in codebook
            .dimensions
            .values()
            .flat_map(|d| d.components.values())
        {
            add(&c.label);
        }
        for d in codebook.dimensions.values() {
            for t in d.components.values().flat_map(|c| c.base_themes.values()) {
                add(&t.label);
            }
        }
        Labels(map)
    }

    /// [`Labels::name`], isolated when its script runs the other way from `lang`'s: how a
    /// renderer shows an item outside quotes.
    pub fn shown(&self, printed: &str, lang: Lang) -> String {
        lang.isolate(self.name(printed, lang))
    }

    /// These labels, and `other`'s for what these lack.
    pub fn or(&self, other: &Labels) -> Labels {
        let mut map = self.0.clone();
        for (printed, english) in &other.0 {
            map.entry(printed.clone())
                .or_insert_with(|| english.clone());
        }
        Labels(map)
    }

    /// The name of an item for a reader of `lang`: its English label in English where it has
    /// one, else the label as printed.
    pub fn name<'a>(&'a self, printed: &'a str, lang: Lang) -> &'a str {
        match lang {
            Lang::En => self.0.get(printed).map_or(printed, String::as_str),
            Lang::Fa => printed,
        }
    }
}

/// A named check.
pub struct Rule {
    pub id: &'static str,
    pub severity: Severity,
    pub level: Level,
    /// One line: what the rule flags.
    pub summary: &'static str,
    /// Why it matters and how it decides.
    pub explain: &'static str,
    /// `summary` and `explain` in Persian.
    pub summary_fa: &'static str,
    pub explain_fa: &'static str,
    pub check: fn(&Rule, &Context) -> Vec<Finding>,
}

impl Rule {
    /// What the rule flags, in `lang`.
    pub fn summary_in(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.summary,
            Lang::Fa => self.summary_fa,
        }
    }

    /// Why it matters and how it decides, in `lang`.
    pub fn explain_in(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.explain,
            Lang::Fa => self.explain_fa,
        }
    }

    /// What the rule flags, in `lang`, naming the study's own tables: [`in_study_words`].
    pub fn summary_for(&self, lang: Lang, terms: &Terms) -> String {
        in_study_words(self.summary_in(lang), lang, terms)
    }

    /// Why it matters and how it decides, naming the study's own tables.
    pub fn explain_for(&self, lang: Lang, terms: &Terms) -> String {
        in_study_words(self.explain_in(lang), lang, terms)
    }
}

/// A rule's text with the paper's table numbers (`Table 1`, the roster; `Table 2`, the coding
/// table: the texts are written for it) replaced by the study's own (`[printed]` in study.toml),
/// or, where the study maps none, by words: a parenthetical `(Table 1)` is dropped, a bare
/// `Table 1` becomes "the roster" (`Table 2`: "the coding table").
pub fn in_study_words(text: &str, lang: Lang, terms: &Terms) -> String {
    let (roster, coding, roster_words, coding_words) = match lang {
        Lang::En => ("Table 1", "Table 2", "the roster", "the coding table"),
        Lang::Fa => ("جدول ۱", "جدول ۲", "فهرست مصاحبه‌شوندگان", "جدول کدگذاری"),
    };
    if !text.contains(roster) && !text.contains(coding) {
        return text.to_string();
    }
    // Both numbers are marked first, so that a study whose roster is its Table 2 is not then
    // renamed again as the coding table.
    const ROSTER: &str = "\u{E000}";
    const CODING: &str = "\u{E001}";
    let mut out = text.replace(roster, ROSTER).replace(coding, CODING);
    for (mark, named, words) in [
        (ROSTER, &terms.roster, roster_words),
        (CODING, &terms.coding_table, coding_words),
    ] {
        out = match named {
            Some(name) => out.replace(mark, name),
            None => {
                let out = out.replace(&format!(" ({mark})"), "");
                let capital = crate::lang::capitalise(words);
                let out = match out.strip_prefix(mark) {
                    Some(rest) => format!("{capital}{rest}"),
                    None => out,
                };
                out.replace(&format!(". {mark}"), &format!(". {capital}"))
                    .replace(mark, words)
            }
        };
    }
    out
}

/// Every rule, in the order findings are reported within a level.
pub fn rules() -> Vec<&'static Rule> {
    conclusions::RULES
        .iter()
        .chain(counts::RULES)
        .chain(explained::RULES)
        .chain(codes::RULES)
        .chain(citations::RULES)
        .chain(cross_table::RULES)
        .chain(readings::RULES)
        .collect()
}

pub fn rule(id: &str) -> Option<&'static Rule> {
    rules().into_iter().find(|r| r.id == id)
}

/// The result of an audit.
#[derive(Debug, Clone, PartialEq)]
pub struct Audit {
    pub study: String,
    pub findings: Vec<Finding>,
    /// Table 1 against Table 2, overall and per base theme, when the codebook has a findings
    /// map (charts and renderers read these figures; nothing recomputes them).
    pub agreement: Option<cross_table::Agreements>,
    /// Headline counts for the verdict.
    pub verdict: Verdict,
    /// Whether the top level's shares and order survive the recomputation: the verdict's first
    /// sentence.
    pub headline: Option<conclusions::Headline>,
    /// The items' English labels, for renderers naming a finding's subjects.
    pub labels: Labels,
}

/// The numbers a reviewer quotes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Verdict {
    pub printed_base: usize,
    pub printed_base_mismatched: usize,
    pub printed_totals: usize,
    pub totals_matching_sum: usize,
    pub totals_matching_union: usize,
    pub totals_matching_neither: usize,
    /// Of those matching neither, the ones that add up printed parts that are themselves wrong
    /// (`inherited-total`): not independent errors.
    pub totals_inherited: usize,
}

impl Audit {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Whether any finding is at or above `level`.
    pub fn fails(&self, level: Severity) -> bool {
        self.findings.iter().any(|f| f.severity >= level)
    }
}

/// Findings with one cause, one finding: consecutive findings of a rule that say the same
/// thing with the same evidence about different rows (no base frequency printed on any row of
/// a page) become one that lists its subjects and their codebook rows.
fn group(findings: Vec<Finding>) -> Vec<Finding> {
    let alike = |a: &Finding, b: &Finding| {
        (
            a.rule,
            a.severity,
            a.level,
            &a.message,
            &a.suggestion,
            &a.interviewees,
        ) == (
            b.rule,
            b.severity,
            b.level,
            &b.message,
            &b.suggestion,
            &b.interviewees,
        ) && (a.printed, a.recomputed, a.rule_matched) == (b.printed, b.recomputed, b.rule_matched)
    };
    let mut out: Vec<Finding> = Vec::new();
    for f in findings {
        match out.last_mut() {
            Some(last) if alike(last, &f) => {
                if last.subjects.is_empty() {
                    last.subjects.push(last.subject.clone());
                }
                last.subjects.push(f.subject);
                last.source = match (last.source.take(), f.source) {
                    (Some(a), Some(b)) => Some(merge_sources(&a, &b)),
                    (a, b) => a.or(b),
                };
            }
            _ => out.push(f),
        }
    }
    out
}

/// `base_themes.csv:2` and `base_themes.csv:3` as `base_themes.csv:2, 3`.
fn merge_sources(a: &str, b: &str) -> String {
    let file = |s: &str| s.rsplit_once(':').map(|(f, _)| f.to_string());
    match (file(a), b.rsplit_once(':')) {
        (Some(fa), Some((fb, line))) if fa == fb => format!("{a}, {line}"),
        _ => format!("{a}; {b}"),
    }
}

/// How an audit is run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Settings {
    /// The language findings are written in.
    pub lang: Lang,
    /// Percentage points a share must move to be reported (`share-shift`).
    pub share_threshold: f64,
}

impl Settings {
    pub fn new(lang: Lang) -> Settings {
        Settings {
            lang,
            share_threshold: 5.0,
        }
    }
}

/// Run every rule.
pub fn audit(codebook: &Codebook, tables: &Tables, settings: &Settings) -> Audit {
    let lang = settings.lang;
    // Findings made from the same codings as the source codes are no second record: nothing
    // downstream compares them (no agreement figure, no suggestion drawn from them).
    let table1 = if codebook.study.findings_derived {
        None
    } else {
        cross_table::Table1::derive(codebook)
    };
    let agreement = table1.as_ref().map(|t| t.agreements(codebook));
    let labels = Labels::of(codebook);
    let context = Context {
        codebook,
        tables,
        table1,
        agreement,
        lang,
        terms: codebook.study.terms(lang),
        share_threshold: settings.share_threshold,
        inherited: explained::inherited_totals(tables),
        labels: &labels,
    };
    let mut findings = Vec::new();
    for rule in rules() {
        findings.extend(group((rule.check)(rule, &context)));
    }
    cite_segments(codebook, &mut findings);
    Audit {
        study: codebook.name.clone(),
        verdict: counts::verdict(tables, &context.inherited),
        headline: conclusions::headline(tables, settings.share_threshold),
        findings,
        agreement: context.agreement,
        labels,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_texts_name_the_study_s_own_tables_or_none() {
        let rule = rule("cross-table-disagreement").unwrap();
        let paper = Terms {
            roster: Some("Table 1".into()),
            coding_table: Some("Table 2".into()),
            ..crate::model::Study::default().terms(Lang::En)
        };
        assert_eq!(rule.explain_for(Lang::En, &paper), rule.explain);
        let unmapped = crate::model::Study::default().terms(Lang::En);
        let text = rule.explain_for(Lang::En, &unmapped);
        assert!(!text.contains("Table"), "{text}");
        assert!(text.starts_with("The roster lists"), "{text}");
        assert_eq!(
            rule.summary_for(Lang::En, &unmapped),
            "the roster's findings and the source codes name different interviewees for a base theme"
        );
        let swapped = Terms {
            roster: Some("Table 2".into()),
            coding_table: Some("Table 3".into()),
            ..crate::model::Study::default().terms(Lang::En)
        };
        assert!(rule
            .summary_for(Lang::En, &swapped)
            .contains("(Table 2) and the source codes (Table 3)"));
        let fa = crate::model::Study::default().terms(Lang::Fa);
        let text = rule.explain_for(Lang::Fa, &fa);
        assert!(
            !text.contains("جدول ۱") && !text.contains("جدول ۲"),
            "{text}"
        );
    }

    #[test]
    fn every_rule_is_explained_in_persian_too() {
        for rule in rules() {
            for text in [rule.summary_fa, rule.explain_fa] {
                let persian = text
                    .chars()
                    .filter(|&c| crate::lang::is_arabic_script(c))
                    .count();
                assert!(
                    persian * 2 > text.chars().filter(|c| c.is_alphabetic()).count(),
                    "{}: {text}",
                    rule.id
                );
            }
            assert!(rule.explain_fa.len() > rule.summary_fa.len(), "{}", rule.id);
        }
    }
}

//! The audit in words, shared by the renderers that write prose (text, Markdown): findings
//! grouped by level, most severe first; the evidence lines of a finding; the verdict a
//! reviewer could paste.
//!
//! Not a format: each renderer lays these out its own way.

use crate::audit::{Audit, Finding, Level, Severity};
use crate::lang::capitalise;
use crate::study::Terms;

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

/// A level's heading, in the study's words.
pub(super) fn level_title(level: Level, terms: &Terms) -> String {
    let n = &terms.names;
    match level {
        Level::Codebook => "Readings of the source".into(),
        Level::Base => capitalise(&n.base_themes),
        Level::Component => capitalise(&n.components),
        Level::Dimension => capitalise(&n.dimensions),
        Level::Interviewee => capitalise(&n.cases),
        Level::CrossTable => match (&terms.roster, &terms.coding_table) {
            (Some(roster), Some(coding)) => format!("{roster} against {coding}"),
            _ => "The roster's findings against the source codes".into(),
        },
    }
}

/// The study's one-line citation under a report's title, when `study.toml` gives one.
pub(super) fn citation_line(study: &crate::model::Study) -> String {
    study
        .citation(crate::lang::Lang::En)
        .map_or_else(String::new, |c| format!("Study: {c}\n"))
}

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The closing paragraph a reviewer could paste.
pub fn verdict(audit: &Audit, terms: &Terms) -> String {
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

pub(super) fn evidence(f: &Finding, terms: &Terms) -> Vec<String> {
    let mut lines = Vec::new();
    if !f.interviewees.is_empty() {
        let codes: Vec<String> = f.interviewees.iter().map(u32::to_string).collect();
        lines.push(format!("{}: {}", terms.names.cases, codes.join(", ")));
    }
    if let Some(s) = &f.suggestion {
        lines.push(format!("suggestion: {s}"));
    }
    if let Some(s) = &f.source {
        lines.push(format!("codebook: {s}"));
    }
    lines
}

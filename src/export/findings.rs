//! The audit in words, shared by the renderers that write prose (text, Markdown): findings
//! grouped by level, most severe first; the evidence lines of a finding; the verdict a
//! reviewer could paste.
//!
//! Not a format: each renderer lays these out its own way.

use crate::audit::{Audit, Finding, Level, Severity};

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

fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The closing paragraph a reviewer could paste.
pub fn verdict(audit: &Audit) -> String {
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
            " {} of the {} printed base frequencies {} from the number of distinct interviewees in their source codes.",
            v.printed_base_mismatched,
            v.printed_base,
            verb(v.printed_base_mismatched, "differs", "differ")
        ));
    }
    if v.printed_totals > 0 {
        out.push_str(&format!(
            " Of the {} printed component and dimension frequencies, {} {} the sum rule, {} the union rule and {} neither.",
            v.printed_totals,
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
        out.push_str(&format!(
            " The interviewees' findings (Table 1) and the source codes (Table 2) agree on {:.1}% of interviewee–theme pairs (Cohen's κ = {kappa}).",
            a.percent
        ));
    }
    out
}

pub(super) fn evidence(f: &Finding) -> Vec<String> {
    let mut lines = Vec::new();
    if !f.interviewees.is_empty() {
        let codes: Vec<String> = f.interviewees.iter().map(u32::to_string).collect();
        lines.push(format!("interviewees: {}", codes.join(", ")));
    }
    if let Some(s) = &f.suggestion {
        lines.push(format!("suggestion: {s}"));
    }
    if let Some(s) = &f.source {
        lines.push(format!("codebook: {s}"));
    }
    lines
}

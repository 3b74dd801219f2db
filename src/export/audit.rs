//! Renderers for the audit: plain text for the terminal, Markdown for a review letter, JSON for
//! scripts. Findings are grouped by level, most severe first, and end with a verdict.

use crate::audit::{rules, Audit, Finding, Level, Severity};
use serde::Serialize;
use std::collections::BTreeMap;

/// Findings of one level, most severe first (stable: rule order, then codebook order).
fn by_level(audit: &Audit) -> Vec<(Level, Vec<&Finding>)> {
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
    if let Some(a) = &audit.agreement {
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

fn evidence(f: &Finding) -> Vec<String> {
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

pub fn text(audit: &Audit) -> String {
    let mut out = format!("Audit of {}\n", audit.study);
    for (level, findings) in by_level(audit) {
        out.push_str(&format!("\n{}\n", level.title()));
        for f in findings {
            out.push_str(&format!(
                "  {:<7} {}: {}: {}\n",
                f.severity.name(),
                f.rule,
                f.subject,
                f.message
            ));
            for line in evidence(f) {
                out.push_str(&format!("          {line}\n"));
            }
        }
    }
    out.push_str(&format!("\nVerdict: {}\n", verdict(audit)));
    out
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

pub fn markdown(audit: &Audit) -> String {
    let mut out = format!(
        "# Audit of {}\n\n**Verdict.** {}\n",
        audit.study,
        verdict(audit)
    );
    for (level, findings) in by_level(audit) {
        out.push_str(&format!("\n## {}\n\n| severity | rule | subject | finding | evidence |\n|---|---|---|---|---|\n", level.title()));
        for f in findings {
            out.push_str(&format!(
                "| {} | `{}` | {} | {} | {} |\n",
                f.severity.name(),
                f.rule,
                cell(&f.subject),
                cell(&f.message),
                cell(&evidence(f).join("; "))
            ));
        }
    }
    out.push_str("\nRules: `thematic check --explain RULE` says what each rule checks and why.\n");
    out
}

#[derive(Serialize)]
struct Summary<'a> {
    by_severity: BTreeMap<&'static str, usize>,
    by_rule: BTreeMap<&'static str, usize>,
    verdict: &'a crate::audit::Verdict,
    agreement: Option<&'a crate::audit::cross_table::Agreement>,
}

#[derive(Serialize)]
struct Document<'a> {
    study: &'a str,
    findings: &'a [Finding],
    summary: Summary<'a>,
}

pub fn json(audit: &Audit) -> Vec<u8> {
    let mut by_rule: BTreeMap<&'static str, usize> = rules().iter().map(|r| (r.id, 0)).collect();
    for f in &audit.findings {
        *by_rule.entry(f.rule).or_default() += 1;
    }
    let by_severity = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|s| (s.name(), audit.count(s)))
        .collect();
    let doc = Document {
        study: &audit.study,
        findings: &audit.findings,
        summary: Summary {
            by_severity,
            by_rule,
            verdict: &audit.verdict,
            agreement: audit.agreement.as_ref(),
        },
    };
    // Plain data: serialisation cannot fail.
    let mut bytes = serde_json::to_vec_pretty(&doc).expect("serialise audit");
    bytes.push(b'\n');
    bytes
}

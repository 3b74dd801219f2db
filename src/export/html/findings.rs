//! The report's audit section: each finding as a card (its number, severity, rule, subject
//! linked to its row, message, evidence and the rule's explanation), the findings of each
//! question and level, and the links from a table row to its findings.
//!
//! Not for the tables or the agreement sections (`mod.rs`, `agreement`).

use super::bdi::Isolated;
use super::Page;
use crate::audit::{CountingRule, Finding, Severity};
use crate::export::findings::{
    answering, by_level, corrections, evidence, level_title, severity, Question,
};
use crate::export::grid::READABLE_ROWS;
use crate::lang::Lang;
use maud::{html, Markup};

/// Findings shown per level in the detail; the rest are counted (a synthetic study with a
/// million interviewees can have tens of thousands).
const MAX_FINDINGS: usize = 500;

/// The findings a level's detail shows: the first [`MAX_FINDINGS`].
pub(super) fn detail(findings: Vec<&Finding>) -> (Vec<&Finding>, usize) {
    let detail: Vec<&Finding> = findings
        .into_iter()
        .filter(|f| Question::of(f.rule) == Question::Corrected)
        .collect();
    let all = detail.len();
    (detail.into_iter().take(MAX_FINDINGS).collect(), all)
}

/// The symbol shown with a severity, so that it is never told by colour alone.
fn symbol(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✖",
        Severity::Warning => "⚠",
        Severity::Info => "ℹ",
    }
}

impl Page<'_> {
    pub(super) fn finding_links(&self, number: usize) -> Markup {
        let Some(found) = self.findings_of_theme.get(&number) else {
            return html! {};
        };
        html! {
            @for (k, i) in found.iter().enumerate() {
                @if k > 0 { " " }
                @let f = &self.audit.findings[*i];
                a href=(format!("#finding-{}", i + 1)) title=(f.rule) {
                    (symbol(f.severity)) "\u{a0}" (self.n(i + 1))
                }
            }
        }
    }

    pub(super) fn finding(&self, f: &Finding) -> Markup {
        let index = self.number(f);
        let sev = f.severity.name();
        let w = &self.w;
        let themes = self.themes_of(f);
        let rule = crate::audit::rule(f.rule);
        html! {
            article.finding class=(sev) #(format!("finding-{index}")) data-severity=(sev) {
                p {
                    span.number { "#" (self.n(index)) } " "
                    span class=(format!("badge {sev}")) { (symbol(f.severity)) " " (severity(f.severity, self.lang)) }
                    code { (f.rule) } " · "
                    span.subject {
                        @if themes.is_empty() {
                            (Isolated(&self.subject(f)))
                        } @else {
                            @for (k, &number) in themes.iter().enumerate() {
                                @if k > 0 { (if self.lang == Lang::Fa { "، " } else { ", " }) }
                                @let row = &self.tables.base_themes[number - 1];
                                @let label = self.label(&row.theme, &row.theme_en);
                                // Rows past the page's cut have no anchor to link to.
                                @if number <= READABLE_ROWS {
                                    a href=(format!("#theme-{number}")) { bdi { (label) } }
                                } @else {
                                    bdi { (label) }
                                }
                            }
                        }
                    }
                }
                p { (Isolated(&f.message)) }
                @let lines = evidence(f, self.lang, &w.terms);
                @if f.printed.is_some() || f.recomputed.is_some() || !lines.is_empty() {
                    dl.evidence {
                        @if let Some(p) = f.printed { dt { (w.printed()) } dd { (self.n(p)) } }
                        @if let Some(r) = f.recomputed {
                            dt { (w.recomputed()) }
                            dd {
                                (self.n(r))
                                @if let Some(Some(rule)) = f.rule_matched {
                                    " (" (match rule { CountingRule::Sum => w.sum(), CountingRule::Union => w.union() }) ")"
                                }
                            }
                        }
                        @for line in &lines {
                            @if let Some((key, value)) = line.split_once(": ") {
                                dt { (crate::lang::capitalise(key)) } dd { (Isolated(value)) }
                            }
                        }
                    }
                }
                @if let Some(rule) = rule {
                    details {
                        summary { (w.why()) }
                        p { (Isolated(&rule.summary_for(self.lang, &self.w.terms))) }
                        p { (Isolated(&rule.explain_for(self.lang, &self.w.terms))) }
                    }
                }
            }
        }
    }

    pub(super) fn findings(&self) -> Markup {
        let w = &self.w;
        let made = answering(self.audit, Question::Made);
        let corrections = corrections(self.audit, self.lang);
        let list = if self.lang == Lang::Fa { "، " } else { ", " };
        let present: Vec<Severity> = [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .filter(|s| self.audit.count(*s) > 0)
            .collect();
        html! {
            section #findings aria-labelledby="findings-h" {
                h2 #findings-h { (w.findings()) }
                @if self.audit.findings.is_empty() {
                    p { (w.no_findings()) }
                }
                div.filters #severity-filters hidden {
                    span { (w.severity_filter()) }
                    @for s in &present {
                        template data-severity=(s.name()) data-label=(format!("{} {}", symbol(*s), severity(*s, self.lang))) {}
                    }
                }
                @if !made.is_empty() {
                    h3 { (Question::Made.title(self.lang)) }
                    @for f in made { (self.finding(f)) }
                }
                @if !corrections.is_empty() {
                    h3 { (Question::Corrected.title(self.lang)) }
                    ul {
                        @for (sev, rule, subjects) in &corrections {
                            li {
                                span class=(format!("badge {}", sev.name())) { (symbol(*sev)) " " (severity(*sev, self.lang)) }
                                code { (rule) } " ×" (self.n(subjects.len())) ": " (Isolated(&subjects.join(list)))
                            }
                        }
                    }
                }
                @for (level, findings) in by_level(self.audit) {
                    @let (detail, all) = detail(findings);
                    @if !detail.is_empty() {
                        h3 { (level_title(level, self.lang, &w.terms)) }
                        @for f in &detail { (self.finding(f)) }
                        @if all > detail.len() {
                            p.note { (w.more_findings(all - detail.len())) }
                        }
                    }
                }
            }
        }
    }
}

//! `report.html`: one self-contained page a reviewer reads, in Persian (right to left) or
//! English: the verdict, the printed tables beside the recomputed ones, the audit's evidence
//! and the charts inline. Inline CSS and a few lines of inline script; nothing is fetched.
//!
//! Written with maud: the markup is checked when the crate compiles and every value is escaped
//! unless marked as already markup (only our own CSS, script and chart SVG are). Not for
//! computing anything: it reads `Tables`, `Audit` and the charts' drawings.

mod bdi;
mod words;

use super::findings::{
    answering, by_level, corrections, evidence, first_rows, headline, level_title, severity,
    subject, verdict_counts, Question,
};
use super::grid::{grid, TableName, READABLE_COLUMNS, READABLE_ROWS};
use super::Results;
use crate::audit::{Audit, CountingRule, Finding, Severity};
use crate::charts::{ChartKind, Drawing};
use crate::lang::Lang;
use crate::tables::{GroupRow, Tables};
use bdi::Isolated;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use std::collections::HashMap;
use words::{Status, Words};

const CSS: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// Findings shown per level in the detail; the rest are counted (a synthetic study with a
/// million interviewees can have tens of thousands).
const MAX_FINDINGS: usize = 500;

/// The whole page.
pub fn report(results: &Results, audit: &Audit, drawings: &[(ChartKind, &Drawing)]) -> String {
    let page = Page::new(results, audit, drawings);
    page.render().into_string()
}

struct Page<'a> {
    results: &'a Results<'a>,
    tables: &'a Tables,
    audit: &'a Audit,
    lang: Lang,
    w: Words,
    drawings: &'a [(ChartKind, &'a Drawing)],
    /// Base theme row number by codebook line, to link a finding to its row.
    theme_by_line: HashMap<u64, usize>,
    /// Base theme row numbers by label (a grouped finding names its subjects by label).
    theme_by_label: HashMap<&'a str, usize>,
    /// Each finding's number (its 1-based place in `audit.findings`, as in `audit.json`), by
    /// address: the prose helpers hand findings out by reference, grouped and sorted.
    numbers: HashMap<*const Finding, usize>,
    /// Finding anchors (indices into `audit.findings`) per base theme row number, of the
    /// findings the page shows.
    findings_of_theme: HashMap<usize, Vec<usize>>,
}

/// The findings a level's detail shows: the first [`MAX_FINDINGS`].
fn detail(findings: Vec<&Finding>) -> (Vec<&Finding>, usize) {
    let detail: Vec<&Finding> = findings
        .into_iter()
        .filter(|f| Question::of(f.rule) == Question::Corrected)
        .collect();
    let all = detail.len();
    (detail.into_iter().take(MAX_FINDINGS).collect(), all)
}

impl<'a> Page<'a> {
    fn new(
        results: &'a Results<'a>,
        audit: &'a Audit,
        drawings: &'a [(ChartKind, &'a Drawing)],
    ) -> Page<'a> {
        let tables = results.tables;
        let terms = results.study.terms(results.lang);
        let theme_by_line = tables
            .base_themes
            .iter()
            .map(|t| (t.line, t.number))
            .collect();
        let mut theme_by_label = HashMap::new();
        for t in &tables.base_themes {
            theme_by_label.entry(t.theme.as_str()).or_insert(t.number);
        }
        let mut page = Page {
            results,
            tables,
            audit,
            lang: results.lang,
            w: Words {
                lang: results.lang,
                terms,
            },
            drawings,
            theme_by_line,
            theme_by_label,
            numbers: audit
                .findings
                .iter()
                .enumerate()
                .map(|(i, f)| (f as *const Finding, i + 1))
                .collect(),
            findings_of_theme: HashMap::new(),
        };
        // Only findings on the page are linked to (a level's detail may be cut).
        let mut shown: Vec<usize> = answering(audit, Question::Conclusion)
            .into_iter()
            .chain(answering(audit, Question::Made))
            .chain(by_level(audit).into_iter().flat_map(|(_, f)| detail(f).0))
            .map(|f| page.number(f) - 1)
            .collect();
        shown.sort_unstable();
        let mut findings_of_theme: HashMap<usize, Vec<usize>> = HashMap::new();
        for i in shown {
            for number in page.themes_of(&audit.findings[i]) {
                findings_of_theme.entry(number).or_default().push(i);
            }
        }
        page.findings_of_theme = findings_of_theme;
        page
    }

    /// A finding's number, as in `audit.json` and the anchors.
    fn number(&self, f: &Finding) -> usize {
        self.numbers[&(f as *const Finding)]
    }

    /// The base theme rows a finding is about: by its codebook row, else by its subjects'
    /// labels (only for findings about base themes or their agreement).
    fn themes_of(&self, f: &Finding) -> Vec<usize> {
        use crate::audit::Level;
        if !matches!(f.level, Level::Base | Level::CrossTable) {
            return Vec::new();
        }
        let by_line = f
            .source
            .as_deref()
            .and_then(|s| s.strip_prefix("base_themes.csv:"))
            .and_then(|line| line.parse::<u64>().ok())
            .and_then(|line| self.theme_by_line.get(&line).copied());
        match by_line {
            Some(n) if f.subjects.is_empty() => vec![n],
            _ => f
                .subjects()
                .iter()
                .filter_map(|s| self.theme_by_label.get(s).copied())
                .collect(),
        }
    }

    /// A finding's subjects, named in the page's language.
    fn subject(&self, f: &Finding) -> String {
        subject(self.audit, f, self.lang)
    }

    fn n(&self, x: impl ToString) -> String {
        self.lang.digits(&x.to_string())
    }

    /// An interviewee's code: a number in the page's digits, an identifier as written.
    fn id(&self, code: crate::case_id::CaseId) -> String {
        self.lang.id(code)
    }

    fn opt(&self, x: Option<u32>) -> String {
        x.map_or_else(|| "—".into(), |x| self.n(x))
    }

    fn percent(&self, x: f64) -> String {
        self.lang.percent(x)
    }

    /// A label in the page's language: the English label on an English page when there is one.
    fn label<'s>(&self, printed: &'s str, english: &'s str) -> &'s str {
        match self.lang {
            Lang::En if !english.is_empty() => english,
            _ => printed,
        }
    }

    fn render(&self) -> Markup {
        let lang = self.lang;
        let title = self.title();
        html! {
            (DOCTYPE)
            html lang=(lang.code()) dir=(if lang.is_rtl() { "rtl" } else { "ltr" }) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    meta name="generator" content=(format!("thematic {}", env!("CARGO_PKG_VERSION")));
                    title { (title) }
                    style { (PreEscaped(CSS)) }
                }
                body {
                    a.skip href="#verdict" { (self.w.skip_to_content()) }
                    (self.header(&title))
                    (self.contents())
                    main {
                        (self.verdict())
                        (self.levels())
                        (self.base_themes())
                        (self.findings())
                        (self.agreement())
                        (self.coders())
                        (self.matrices())
                        (self.method())
                    }
                    footer {
                        (self.w.made_with()) " thematic " (env!("CARGO_PKG_VERSION"))
                    }
                    script { (PreEscaped(SCRIPT)) }
                }
            }
        }
    }

    fn title(&self) -> String {
        let name = self
            .results
            .study
            .short_name(self.lang)
            .unwrap_or_else(|| self.tables.study.clone());
        format!("{}: {name}", self.w.report_title())
    }

    fn header(&self, title: &str) -> Markup {
        let p = self.results.provenance;
        html! {
            header {
                h1 { bdi { (title) } }
                @if let Some(citation) = self.results.study.citation(self.lang) {
                    p.citation { (self.w.study()) ": " bdi { (citation) } }
                }
                dl.meta {
                    dt { (self.w.codebook()) }
                    dd { bdi { (Isolated(&crate::codebook::source::location_in(p.location, self.lang))) } }
                    dt { (self.w.digest()) }
                    dd { span.digest { (p.digest) } }
                    dt { (self.w.made_with()) }
                    dd { "thematic " (env!("CARGO_PKG_VERSION")) }
                }
            }
        }
    }

    fn sections(&self) -> Vec<(&'static str, String)> {
        let mut sections = vec![
            ("verdict", self.w.verdict().to_string()),
            ("levels", self.w.levels()),
            ("base-themes", self.w.base_themes()),
            ("findings", self.w.findings().to_string()),
            ("agreement", self.w.agreement()),
        ];
        if self.results.coders.is_some() {
            sections.push(("coders", self.w.coders().to_string()));
        }
        sections.extend([
            ("matrices", self.w.matrices().to_string()),
            ("method", self.w.method().to_string()),
        ]);
        sections
    }

    fn contents(&self) -> Markup {
        html! {
            nav aria-label=(self.w.contents()) {
                ol {
                    @for (id, heading) in self.sections() {
                        li { a href=(format!("#{id}")) { (heading) } }
                    }
                }
            }
        }
    }

    fn verdict(&self) -> Markup {
        let terms = &self.w.terms;
        let conclusion = answering(self.audit, Question::Conclusion);
        html! {
            section #verdict aria-labelledby="verdict-h" {
                h2 #verdict-h { (self.w.verdict()) }
                @if let Some(h) = headline(self.audit, self.lang, terms) {
                    p.headline { (h) }
                }
                p { (verdict_counts(self.audit, self.lang, terms)) }
                @if !conclusion.is_empty() {
                    h3 { (Question::Conclusion.title(self.lang)) }
                    @for f in conclusion {
                        (self.finding(f))
                    }
                }
            }
        }
    }

    fn chart(&self, kind: ChartKind) -> Markup {
        let Some((_, drawing)) = self.drawings.iter().find(|(k, _)| *k == kind) else {
            return html! {};
        };
        let title = crate::charts::title(kind, self.lang, self.results.study);
        self.figure(drawing, &format!("chart-{}", kind.stem()), &title)
    }

    /// A drawing as a figure: inline SVG with a title for screen readers, and a caption.
    fn figure(&self, drawing: &Drawing, id: &str, title: &str) -> Markup {
        // The chart's SVG is our own, escaped when drawn; it gets a title and a description
        // for screen readers.
        let svg = drawing.svg();
        let accessible = html! {
            title id=(format!("{id}-title")) { (title) }
        }
        .into_string();
        let svg = svg.replacen(
            "<svg ",
            &format!("<svg role=\"img\" aria-labelledby=\"{id}-title\" "),
            1,
        );
        let svg = match svg.find('>') {
            Some(end) => format!("{}{accessible}{}", &svg[..=end], &svg[end + 1..]),
            None => svg,
        };
        html! {
            figure #(id) {
                (PreEscaped(svg))
                figcaption { (title) }
            }
        }
    }

    /// A value's share of its level, after the value.
    fn share(&self, share: Option<f64>) -> Markup {
        html! {
            @if let Some(s) = share { " " span.share { "(" (self.percent(s)) ")" } }
        }
    }

    fn status(&self, printed: Option<u32>, values: &[(u32, &'static str)]) -> Status {
        match printed {
            None => Status::NotPrinted,
            Some(p) => values
                .iter()
                .find(|(v, _)| *v == p)
                .map_or(Status::Differs, |(_, rule)| Status::Matches(rule)),
        }
    }

    fn mark(&self, status: Status) -> Markup {
        let (class, symbol) = match status {
            Status::Matches(_) => ("matches", "✓"),
            Status::Differs => ("differs", "✗"),
            Status::NotPrinted => ("not-printed", "–"),
        };
        html! {
            span class=(format!("mark {class}")) { (symbol) " " (self.w.status_text(status)) }
        }
    }

    fn group_table(&self, rows: &[GroupRow], dimension_level: bool, caption: &str) -> Markup {
        let w = &self.w;
        let first = if dimension_level {
            w.dimension()
        } else {
            w.component()
        };
        let union = w.union_rule();
        html! {
            div.scroll role="region" tabindex="0" aria-label=(caption) {
                table.sortable {
                    caption { (caption) }
                    thead { tr {
                        @if !dimension_level { th scope="col" { (w.dimension()) } }
                        th scope="col" { (first) }
                        th.num scope="col" { (w.base_theme_count()) }
                        th.num scope="col" { (w.printed()) (w.share_note()) }
                        th.num scope="col" { (w.sum_rule()) (w.share_note()) }
                        th.num scope="col" { (union) (w.share_note()) }
                        th scope="col" { (w.status()) }
                    } }
                    tbody {
                        @for r in rows {
                            @let status = self.status(r.printed, &[(r.sum, w.sum()), (r.union, w.union())]);
                            @let label = if dimension_level { &r.dimension } else { &r.component };
                            tr class=[(status == Status::Differs).then_some("differs")] {
                                @if !dimension_level { td { (r.dimension) } }
                                th scope="row" { (self.label(label, &r.label_en)) }
                                td.num { (self.n(r.base_themes)) }
                                td.num { (self.opt(r.printed)) (self.share(r.share_printed)) }
                                td.num { (self.n(r.sum)) (self.share(Some(r.share_sum))) }
                                td.num { (self.n(r.union)) (self.share(Some(r.share_union))) }
                                td { (self.mark(status)) }
                            }
                        }
                    }
                }
            }
        }
    }

    fn levels(&self) -> Markup {
        let names = &self.w.terms.names;
        html! {
            section #levels aria-labelledby="levels-h" {
                h2 #levels-h { (self.w.levels()) }
                (self.group_table(&self.tables.dimensions, true, &crate::lang::capitalise(&names.dimensions)))
                (self.group_table(&self.tables.components, false, &crate::lang::capitalise(&names.components)))
                div.charts {
                    (self.chart(ChartKind::Dimensions))
                    (self.chart(ChartKind::Components))
                }
            }
        }
    }

    fn finding_links(&self, number: usize) -> Markup {
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

    fn base_themes(&self) -> Markup {
        let w = &self.w;
        let rows = &self.tables.base_themes;
        let caption = w.base_themes();
        let separator = match self.lang {
            Lang::En => ", ",
            Lang::Fa => "، ",
        };
        html! {
            section #base-themes aria-labelledby="base-themes-h" {
                h2 #base-themes-h { (caption) }
                div.scroll role="region" tabindex="0" aria-label=(caption) {
                    table.sortable {
                        caption { (caption) }
                        thead { tr {
                            th.num scope="col" { (w.number()) }
                            th scope="col" { (w.dimension()) }
                            th scope="col" { (w.component()) }
                            th scope="col" { (w.base_theme()) }
                            th scope="col" { (w.source_codes()) }
                            th.num scope="col" { (w.listed()) }
                            th.num scope="col" { (w.distinct()) }
                            th.num scope="col" { (w.printed()) }
                            th scope="col" { (w.status()) }
                            th scope="col" { (w.its_findings()) }
                        } }
                        tbody {
                            @for r in rows.iter().take(READABLE_ROWS) {
                                @let status = self.status(r.printed, &[(r.distinct, w.distinct_rule())]);
                                tr #(format!("theme-{}", r.number)) class=[(status == Status::Differs).then_some("differs")] {
                                    td.num { (self.n(r.number)) }
                                    td { (r.dimension) }
                                    td { (r.component) }
                                    th scope="row" { (self.label(&r.theme, &r.theme_en)) }
                                    // As the page prints them (numbers joined by hyphens), the form the findings quote.
                                    td.codes { (crate::lang::Digits::of(self.lang).codes(&r.codes, separator)) }
                                    td.num { (self.n(r.listed)) }
                                    td.num { (self.n(r.distinct)) }
                                    td.num { (self.opt(r.printed)) }
                                    td { (self.mark(status)) }
                                    td { (self.finding_links(r.number)) }
                                }
                            }
                        }
                    }
                }
                @if rows.len() > READABLE_ROWS {
                    p.note { (first_rows(self.lang, READABLE_ROWS, rows.len(), "base_themes.csv")) }
                }
                div.charts { (self.chart(ChartKind::BaseThemes)) }
            }
        }
    }

    fn finding(&self, f: &Finding) -> Markup {
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

    fn findings(&self) -> Markup {
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

    fn agreement(&self) -> Markup {
        let w = &self.w;
        let Some(agreements) = &self.audit.agreement else {
            return html! {
                section #agreement aria-labelledby="agreement-h" {
                    h2 #agreement-h { (w.agreement()) }
                    p { (w.no_findings_map()) }
                }
            };
        };
        let kappa = |k: Option<f64>| k.map_or_else(|| "—".into(), |k| self.lang.decimal(k, 2));
        let o = agreements.overall;
        html! {
            section #agreement aria-labelledby="agreement-h" {
                h2 #agreement-h { (w.agreement()) }
                div.scroll role="region" tabindex="0" aria-label=(w.agreement()) {
                    table.sortable {
                        caption { (w.agreement()) }
                        thead { tr {
                            th.num scope="col" { (w.number()) }
                            th scope="col" { (w.base_theme()) }
                            th.num scope="col" { (w.both()) }
                            th.num scope="col" { (w.roster_only()) }
                            th.num scope="col" { (w.coding_only()) }
                            th.num scope="col" { (w.neither()) }
                            th.num scope="col" { (w.agreement_percent()) }
                            th.num scope="col" { (w.kappa()) }
                        } }
                        tbody {
                            @for (r, a) in self.tables.base_themes.iter().zip(&agreements.themes).take(READABLE_ROWS) {
                                tr {
                                    td.num { (self.n(r.number)) }
                                    th scope="row" { a href=(format!("#theme-{}", r.number)) { (self.label(&r.theme, &r.theme_en)) } }
                                    @if let Some(a) = a {
                                        td.num { (self.n(a.both)) }
                                        td.num { (self.n(a.table1_only)) }
                                        td.num { (self.n(a.table2_only)) }
                                        td.num { (self.n(a.neither)) }
                                        td.num { (self.percent(a.percent)) }
                                        td.num { (kappa(a.kappa)) }
                                    } @else {
                                        td colspan="6" { span.note { (w.not_mapped()) } }
                                    }
                                }
                            }
                        }
                        tfoot {
                            tr {
                                td {}
                                th scope="row" { (w.overall()) }
                                td.num { (self.n(o.both)) }
                                td.num { (self.n(o.table1_only)) }
                                td.num { (self.n(o.table2_only)) }
                                td.num { (self.n(o.neither)) }
                                td.num { (self.percent(o.percent)) }
                                td.num { (kappa(o.kappa)) }
                            }
                        }
                    }
                }
                div.charts { (self.chart(ChartKind::Agreement)) }
            }
        }
    }

    /// Agreement between coders (`thematic report --agree`): the overall figures, a row per
    /// base theme with α and its interval, what did not match, and the α chart.
    fn coders(&self) -> Markup {
        use crate::agree::Coefficient;
        use crate::reliability::Band;
        let Some(a) = self.results.coders else {
            return html! {};
        };
        let w = &self.w;
        let lang = self.lang;
        let value = |e: &crate::agree::Estimate, percent: bool| -> String {
            match e.value {
                Ok(v) if percent => lang.percent(v * 100.0),
                Ok(v) => lang.decimal(v, 3),
                Err(_) => "—".into(),
            }
        };
        let interval = |e: &crate::agree::Estimate| -> String {
            match e.interval {
                // "0.346 to 1.000": brackets and a comma between two numbers reorder in a
                // right-to-left line; words do not.
                Some((lo, hi)) if e.value.is_ok() => {
                    format!("{} {} {}", lang.decimal(lo, 3), w.to(), lang.decimal(hi, 3))
                }
                _ => String::new(),
            }
        };
        let kappa = if a.coders.len() == 2 {
            Coefficient::Cohen
        } else {
            Coefficient::Fleiss
        };
        let verdict = |s: &crate::agree::Scope| -> String {
            s.get(Coefficient::Alpha)
                .value
                .ok()
                .map_or_else(|| "—".to_string(), |v| Band::of(v).name(lang).to_string())
        };
        let label =
            |l: &crate::model::Label| -> String { self.label(&l.printed, &l.english).to_string() };
        let o = &a.overall;
        let drawing = crate::charts::reliability(a, self.results.study, self.results.charts);
        let title = w.coders_chart();
        let mismatched_themes: Vec<String> =
            a.unmatched_themes().map(|(_, t)| label(&t.label)).collect();
        let mismatched_people: Vec<String> = a
            .unmatched_interviewees()
            .map(|(code, _)| self.id(code))
            .collect();
        html! {
            section #coders aria-labelledby="coders-h" {
                h2 #coders-h { (w.coders()) }
                p { (w.coders_intro(a.coders.len(), a.settings.bootstrap)) }
                ol {
                    @for name in &a.coders {
                        li { bdi { (name) } }
                    }
                }
                p {
                    (w.overall()) ": α = " (value(o.get(Coefficient::Alpha), false)) " ("
                    (interval(o.get(Coefficient::Alpha))) (w.comma()) (verdict(o)) ")" (w.semicolon())
                    (w.agreement_percent()) " " (value(o.get(Coefficient::Percent), true)) (w.semicolon())
                    (w.kappa_name(kappa)) " " (value(o.get(kappa), false)) (w.semicolon()) "AC1 "
                    (value(o.get(Coefficient::Ac1), false)) (w.semicolon())
                    (w.disagreeing_cells()) ": " (self.n(a.disagreements.len()))
                }
                @if !mismatched_themes.is_empty() {
                    p.note { (w.unmatched_themes()) ": " (mismatched_themes.join(w.comma())) }
                }
                @if !mismatched_people.is_empty() {
                    p.note { (w.unmatched_interviewees()) ": " (mismatched_people.join(w.comma())) }
                }
                div.scroll role="region" tabindex="0" aria-label=(w.coders()) {
                    table.sortable {
                        caption { (w.coders()) }
                        thead { tr {
                            th scope="col" { (w.base_theme()) }
                            th.num scope="col" { (w.cells()) }
                            th.num scope="col" { (w.agreement_percent()) }
                            th.num scope="col" { (w.kappa_name(kappa)) }
                            th.num scope="col" { "α" }
                            th.num scope="col" { (w.interval()) }
                            th.num scope="col" { "AC1" }
                            th scope="col" { (w.verdict_on_alpha()) }
                        } }
                        tbody {
                            @for (t, s) in a.themes.iter().zip(&a.by_theme).take(READABLE_ROWS) {
                                tr {
                                    th scope="row" { bdi { (label(&t.label)) } }
                                    td.num { (self.n(s.cells)) }
                                    td.num { (value(s.get(Coefficient::Percent), true)) }
                                    td.num { (value(s.get(kappa), false)) }
                                    td.num { (value(s.get(Coefficient::Alpha), false)) }
                                    td.num { (interval(s.get(Coefficient::Alpha))) }
                                    td.num { (value(s.get(Coefficient::Ac1), false)) }
                                    td { (verdict(s)) }
                                }
                            }
                        }
                    }
                }
                div.charts { (self.figure(&drawing, "chart-coders", &title)) }
            }
        }
    }

    /// A table of `grid` (the CSV's cells), cut as the Markdown report cuts it.
    fn grid_table(&self, name: TableName, caption: &str) -> Markup {
        let g = grid(self.tables, name);
        let file = format!("{}.csv", name.stem());
        if g.headers.len() > READABLE_COLUMNS {
            return html! { p.note { (self.w.too_wide(g.len, g.headers.len(), &file)) } };
        }
        let len = g.len;
        // Columns of labels, named in the page's language; the rest are numbers.
        let labels: Vec<usize> = g
            .headers
            .iter()
            .enumerate()
            .filter(|(_, h)| matches!(h.as_str(), "base_theme" | "name"))
            .map(|(k, _)| k)
            .collect();
        html! {
            div.scroll role="region" tabindex="0" aria-label=(caption) {
                table.sortable {
                    caption { (caption) }
                    thead { tr { @for h in &g.headers { th scope="col" { (self.w.column(h)) } } } }
                    tbody {
                        @for row in g.rows.take(READABLE_ROWS) {
                            tr {
                                @for (k, cell) in row.iter().enumerate() {
                                    @if labels.contains(&k) {
                                        th scope="row" { (Isolated(&self.lang.isolate(self.audit.labels.name(cell, self.lang)))) }
                                    } @else {
                                        td { (self.n(cell)) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if len > READABLE_ROWS {
                p.note { (first_rows(self.lang, READABLE_ROWS, len, &file)) }
            }
        }
    }

    fn matrices(&self) -> Markup {
        let names = &self.w.terms.names;
        let (case_matrix, cooccurrence) = match self.lang {
            Lang::En => (
                format!(
                    "{} × {}",
                    crate::lang::capitalise(&names.case),
                    names.base_theme
                ),
                format!(
                    "{} co-occurrence ({} shared)",
                    crate::lang::capitalise(&names.base_theme),
                    names.cases
                ),
            ),
            Lang::Fa => (
                format!("{} × {}", names.case, names.base_theme),
                format!("هم‌رخدادی {} ({} مشترک)", names.base_themes, names.cases),
            ),
        };
        html! {
            section #matrices aria-labelledby="matrices-h" {
                h2 #matrices-h { (self.w.matrices()) }
                (self.grid_table(TableName::CaseMatrix, &case_matrix))
                (self.grid_table(TableName::Cooccurrence, &cooccurrence))
                div.charts {
                    (self.chart(ChartKind::CaseMatrix))
                    (self.chart(ChartKind::Cooccurrence))
                    (self.chart(ChartKind::DimensionsPie))
                }
            }
        }
    }

    fn method(&self) -> Markup {
        let w = &self.w;
        html! {
            section #method aria-labelledby="method-h" {
                h2 #method-h { (w.method()) }
                h3 { (w.counting_rules()) }
                @for p in w.method_paragraphs() { p { (p) } }
                h3 { (w.audit_rules()) }
                dl {
                    @for rule in crate::audit::rules() {
                        dt { code { (rule.id) } " · " (severity(rule.severity, self.lang)) }
                        dd {
                            (Isolated(&rule.summary_for(self.lang, &w.terms)))
                            details {
                                summary { (w.why()) }
                                p { (Isolated(&rule.explain_for(self.lang, &w.terms))) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The symbol shown with a severity, so that it is never told by colour alone.
fn symbol(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "✖",
        Severity::Warning => "⚠",
        Severity::Info => "ℹ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A colour variable of the stylesheet, as linear RGB.
    fn colour(name: &str) -> [f64; 3] {
        let at = CSS.find(&format!("--{name}: #")).expect(name) + name.len() + 5;
        let hex = &CSS[at..at + 6];
        let channel = |i: usize| {
            let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        [channel(0), channel(2), channel(4)]
    }

    /// WCAG 2 contrast ratio of two colours.
    fn contrast(a: [f64; 3], b: [f64; 3]) -> f64 {
        let l = |c: [f64; 3]| 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
        let (x, y) = (l(a) + 0.05, l(b) + 0.05);
        x.max(y) / x.min(y)
    }

    #[test]
    fn every_text_colour_has_a_contrast_of_at_least_4_5_to_1() {
        let white = [1.0, 1.0, 1.0];
        for (text, background) in [
            ("text", None),
            ("muted", None),
            ("link", None),
            ("ok", None),
            ("text", Some("band")),
            ("muted", Some("band")),
            ("text", Some("error-bg")),
            ("muted", Some("error-bg")),
            ("ok", Some("error-bg")),
            ("error", Some("error-bg")),
            ("warning", Some("warning-bg")),
            ("info", Some("info-bg")),
            ("error", None),
            ("link", Some("error-bg")),
        ] {
            let bg = background.map_or(white, colour);
            let ratio = contrast(colour(text), bg);
            assert!(ratio >= 4.5, "{text} on {background:?}: {ratio:.2}");
        }
    }
}

//! `report.html`: one self-contained page a reviewer reads, in Persian (right to left) or
//! English: the verdict, the printed tables beside the recomputed ones, the audit's evidence
//! and the charts inline. Inline CSS and a few lines of inline script; nothing is fetched.
//!
//! Written with maud: the markup is checked when the crate compiles and every value is escaped
//! unless marked as already markup (only our own CSS, script and chart SVG are). Not for
//! computing anything: it reads `Tables`, `Audit` and the charts' drawings.
//!
//! This file holds the page and its tables; the audit's cards are in `findings`, the two
//! agreement sections in `agreement`, isolated text in `bdi` and the page's words in `words`.

mod agreement;
mod bdi;
mod findings;
mod words;

use super::findings::{
    answering, by_level, first_rows, headline, severity, subject, verdict_counts, Question,
};
use super::grid::{grid, TableName, READABLE_COLUMNS, READABLE_ROWS};
use super::Results;
use crate::audit::{Audit, Finding};
use crate::charts::{ChartKind, Drawing, Figure};
use crate::lang::Lang;
use crate::tables::{GroupRow, Tables};
use bdi::Isolated;
use findings::detail;
use maud::{html, Markup, PreEscaped, DOCTYPE};
use std::collections::HashMap;
use words::{Status, Words};

/// The segments a base theme shows in the report's evidence (the rest: segments.csv, which
/// holds every one).
const EVIDENCE_SHOWN: usize = 5;

const CSS: &str = include_str!("report.css");
const SCRIPT: &str = include_str!("report.js");

/// The whole page.
pub fn report(results: &Results, audit: &Audit, drawings: &[(ChartKind, &Figure)]) -> String {
    let page = Page::new(results, audit, drawings);
    page.render().into_string()
}

struct Page<'a> {
    results: &'a Results<'a>,
    tables: &'a Tables,
    audit: &'a Audit,
    lang: Lang,
    w: Words,
    drawings: &'a [(ChartKind, &'a Figure)],
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

impl<'a> Page<'a> {
    fn new(
        results: &'a Results<'a>,
        audit: &'a Audit,
        drawings: &'a [(ChartKind, &'a Figure)],
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

    /// A dimension's label in the page's language, by its printed label.
    fn dimension_label<'s>(&'s self, printed: &'s str) -> &'s str {
        let english = self
            .tables
            .dimensions
            .iter()
            .find(|d| d.dimension == printed)
            .map_or("", |d| d.label_en.as_str());
        self.label(printed, english)
    }

    /// A component's label in the page's language, by its dimension's and its printed labels.
    fn component_label<'s>(&'s self, dimension: &str, printed: &'s str) -> &'s str {
        let english = self
            .tables
            .components
            .iter()
            .find(|c| c.dimension == dimension && c.component == printed)
            .map_or("", |c| c.label_en.as_str());
        self.label(printed, english)
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
                        (self.evidence())
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
        ];
        if !self.tables.evidence.is_empty() {
            sections.push(("evidence", self.w.evidence().to_string()));
        }
        sections.extend([
            ("findings", self.w.findings().to_string()),
            ("agreement", self.w.agreement()),
        ]);
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

    /// Every figure of a chart (the network has one a dimension besides the study's), each with
    /// its title.
    fn chart(&self, kind: ChartKind) -> Markup {
        html! {
            @for (_, figure) in self.drawings.iter().filter(|(k, _)| *k == kind) {
                (self.figure(&figure.drawing, &format!("chart-{}", figure.stem), &figure.title))
            }
        }
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
                                @if !dimension_level { td { (self.dimension_label(&r.dimension)) } }
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
                    (self.chart(ChartKind::Network))
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
                                    td { (self.dimension_label(&r.dimension)) }
                                    td { (self.component_label(&r.dimension, &r.component)) }
                                    th scope="row" { (self.label(&r.theme, &r.theme_en)) }
                                    // As the page prints them (numbers joined by hyphens), the form the findings quote.
                                    td.codes { (super::findings::shown_codes(&r.codes, crate::lang::Digits::of(self.lang), separator, self.lang)) }
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

    /// The segments behind each base theme's source codes (a coded or imported study): a
    /// few a theme, where each is and the text, the rest counted and left to segments.csv.
    fn evidence(&self) -> Markup {
        let ev = &self.tables.evidence;
        if ev.is_empty() {
            return html! {};
        }
        let rows = &self.tables.base_themes;
        let mut by_theme: Vec<Vec<&crate::tables::Evidence>> = vec![Vec::new(); rows.len()];
        for e in ev {
            if let Some(list) = by_theme.get_mut(e.theme) {
                list.push(e);
            }
        }
        let (negated, more, term) = match self.lang {
            Lang::En => ("negated", "more: every segment is in segments.csv", "term"),
            Lang::Fa => ("منفی", "بخش دیگر: همه در segments.csv", "واژه"),
        };
        html! {
            section #evidence aria-labelledby="evidence-h" {
                h2 #evidence-h { (self.w.evidence()) }
                @for (i, list) in by_theme.iter().enumerate().filter(|(_, l)| !l.is_empty()).take(READABLE_ROWS) {
                    @let r = &rows[i];
                    h3 { bdi { (self.label(&r.theme, &r.theme_en)) } " (" (self.n(list.len())) ")" }
                    ul.evidence {
                        @for e in list.iter().take(EVIDENCE_SHOWN) {
                            li {
                                bdi.source { (e.source) } " " span.num { (self.n(e.start as usize)) "–" (self.n(e.end as usize)) } ": "
                                q { bdi { (e.text) } }
                                @if !e.term.is_empty() { " (" (term) ": " bdi { (e.term) } ")" }
                                @if !e.negation.is_empty() { " " span.differs { "(" (negated) ": " bdi { (e.negation) } ")" } }
                            }
                        }
                        @if list.len() > EVIDENCE_SHOWN {
                            li.note { "… " (self.n(list.len() - EVIDENCE_SHOWN)) " " (more) }
                        }
                    }
                }
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
                @if let Some(paper) = &self.results.study.read_from {
                    @let calls: Vec<&crate::audit::Finding> = self
                        .audit
                        .findings
                        .iter()
                        .filter(|f| f.rule == "ambiguous-reading")
                        .collect();
                    h3 { (w.read_from_heading()) }
                    p { (Isolated(&w.read_from(paper, calls.len()))) }
                    @if !calls.is_empty() {
                        ul {
                            @for f in calls { li { (Isolated(&f.message)) } }
                        }
                    }
                }
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

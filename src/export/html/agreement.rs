//! The report's agreement sections: Table 1 (the roster's findings) against the source codes,
//! and other coders' codebooks against this one (`report --agree`).
//!
//! Not for computing agreement (`audit::cross_table`, `agree`) nor for its charts.

use super::Page;
use crate::charts::ChartKind;
use crate::export::grid::READABLE_ROWS;
use maud::{html, Markup};

impl Page<'_> {
    pub(super) fn agreement(&self) -> Markup {
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
    pub(super) fn coders(&self) -> Markup {
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
}

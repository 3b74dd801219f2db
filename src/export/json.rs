//! JSON: the contract for scripts. The tables document (`tables.json`: one object with
//! `base_themes`, `components`, `dimensions`, `interviewees`, `case_matrix`, `cooccurrence`)
//! and the audit document (`audit.json`). Keys are documented in docs/outputs.md and kept stable;
//! new keys may be added, none removed or renamed.
//!
//! Not for people: the Markdown and text renderers are.

use super::grid::case_matrix_is_long;
use crate::audit::{rules, Audit, Finding, Severity};
use crate::case_id::CaseId;
use crate::tables::{GroupRow, Tables};
use serde::Serialize;
use serde_json::value::RawValue;
use std::collections::BTreeMap;

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[derive(Serialize)]
struct Document<'a> {
    study: &'a str,
    roster_size: usize,
    base_themes: Lazy<'a, BaseTheme<'a>>,
    components: Vec<Group<'a>>,
    dimensions: Vec<Group<'a>>,
    interviewees: Lazy<'a, Interviewee<'a>>,
    case_matrix: CaseMatrix<'a>,
    cooccurrence: Lazy<'a, Box<RawValue>>,
}

/// A list serialised item by item as it is made, never collected: a large study's document
/// has a million interviewees, and collecting them (and the whole document as bytes) held
/// hundreds of megabytes for no reader.
struct Lazy<'a, T>(Box<dyn Fn() -> Box<dyn Iterator<Item = T> + 'a> + 'a>);

impl<'a, T: Serialize> Lazy<'a, T> {
    fn of<I: Iterator<Item = T> + 'a>(make: impl Fn() -> I + 'a) -> Lazy<'a, T> {
        Lazy(Box::new(move || Box::new(make())))
    }
}

impl<T: Serialize> Serialize for Lazy<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// A list of numbers as compact JSON, so that the pretty document keeps it on one line
/// (pretty-printing puts every number of a ten-million-code study on a line of its own).
fn inline<T: Serialize + ?Sized>(value: &T) -> Box<RawValue> {
    // Numbers and lists of numbers always serialise.
    serde_json::value::to_raw_value(value).expect("serialise numbers")
}

#[derive(Serialize)]
struct BaseTheme<'a> {
    number: usize,
    dimension: &'a str,
    component: &'a str,
    theme: &'a str,
    theme_en: &'a str,
    codes: Box<RawValue>,
    listed: u32,
    distinct: u32,
    printed: Option<u32>,
    share: f64,
    codebook_line: u64,
}

#[derive(Serialize)]
struct Group<'a> {
    dimension: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    component: Option<&'a str>,
    label_en: &'a str,
    base_themes: u32,
    sum: u32,
    union: u32,
    printed: Option<u32>,
    share_sum: f64,
    share_union: f64,
    share_printed: Option<f64>,
    codebook_line: u64,
}

#[derive(Serialize)]
struct Interviewee<'a> {
    code: CaseId,
    name: &'a str,
    in_roster: bool,
    base_themes: u32,
    listings: u32,
    components: u32,
    dimensions: u32,
}

#[derive(Serialize)]
struct CaseMatrix<'a> {
    /// "dense" (`matrix`) or "long" (`base_themes`), as in `case_matrix.csv`.
    form: &'static str,
    interviewees: Lazy<'a, CaseId>,
    /// Dense: row i is interviewee `interviewees[i]`; column t is base theme number t+1.
    #[serde(skip_serializing_if = "Option::is_none")]
    matrix: Option<Lazy<'a, Box<RawValue>>>,
    /// Long: entry i lists the numbers of the base themes whose source codes include
    /// interviewee `interviewees[i]`.
    #[serde(skip_serializing_if = "Option::is_none")]
    base_themes: Option<Lazy<'a, Box<RawValue>>>,
}

fn group(r: &GroupRow, with_component: bool) -> Group<'_> {
    Group {
        dimension: &r.dimension,
        component: with_component.then_some(r.component.as_str()),
        label_en: &r.label_en,
        base_themes: r.base_themes,
        sum: r.sum,
        union: r.union,
        printed: r.printed,
        share_sum: round2(r.share_sum),
        share_union: round2(r.share_union),
        share_printed: r.share_printed.map(round2),
        codebook_line: r.line,
    }
}

fn case_matrix(tables: &Tables) -> CaseMatrix<'_> {
    let rows = 0..tables.interviewees.len();
    let long = case_matrix_is_long(tables);
    let themes = tables.base_themes.len();
    CaseMatrix {
        form: if long { "long" } else { "dense" },
        interviewees: Lazy::of(|| tables.interviewees.iter().map(|r| r.code)),
        matrix: (!long).then(|| {
            let rows = rows.clone();
            Lazy::of(move || {
                rows.clone()
                    .map(move |i| inline(&tables.case_matrix.dense_row(i, themes)))
            })
        }),
        base_themes: long.then(|| {
            Lazy::of(move || {
                rows.clone().map(|i| {
                    let numbers: Vec<u32> =
                        tables.case_matrix.row(i).iter().map(|t| t + 1).collect();
                    inline(&numbers)
                })
            })
        }),
    }
}

/// The tables document.
pub fn tables(tables: &Tables) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing to memory cannot fail, nor can serialising strings and numbers.
    write_tables(tables, &mut bytes).expect("serialise tables");
    bytes
}

/// The tables document, written to `out` as it is serialised (the same bytes as [`tables`]).
pub fn write_tables(tables: &Tables, out: impl std::io::Write) -> std::io::Result<()> {
    let doc = Document {
        study: &tables.study,
        roster_size: tables.roster_size,
        base_themes: Lazy::of(|| {
            tables.base_themes.iter().map(|r| BaseTheme {
                number: r.number,
                dimension: &r.dimension,
                component: &r.component,
                theme: &r.theme,
                theme_en: &r.theme_en,
                codes: inline(&r.codes),
                listed: r.listed,
                distinct: r.distinct,
                printed: r.printed,
                share: round2(r.share),
                codebook_line: r.line,
            })
        }),
        components: tables.components.iter().map(|r| group(r, true)).collect(),
        dimensions: tables.dimensions.iter().map(|r| group(r, false)).collect(),
        interviewees: Lazy::of(|| {
            tables.interviewees.iter().map(|r| Interviewee {
                code: r.code,
                name: &r.name,
                in_roster: r.in_roster,
                base_themes: r.base_themes,
                listings: r.listings,
                components: r.components,
                dimensions: r.dimensions,
            })
        }),
        case_matrix: case_matrix(tables),
        cooccurrence: Lazy::of(|| tables.cooccurrence.iter().map(inline)),
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    serde_json::to_writer_pretty(&mut out, &doc).map_err(std::io::Error::other)?;
    std::io::Write::write_all(&mut out, b"\n")?;
    std::io::Write::flush(&mut out)
}

#[derive(Serialize)]
struct AuditSummary<'a> {
    by_severity: BTreeMap<&'static str, usize>,
    by_rule: BTreeMap<&'static str, usize>,
    verdict: &'a crate::audit::Verdict,
    /// Whether the top level's printed ranking and shares survive (absent when no level has
    /// every value printed).
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'a crate::audit::conclusions::Headline>,
    agreement: Option<&'a crate::audit::cross_table::Agreement>,
}

#[derive(Serialize)]
struct AuditDocument<'a> {
    study: &'a str,
    findings: &'a [Finding],
    summary: AuditSummary<'a>,
}

/// The audit document: every finding, and a summary by severity and rule with the verdict
/// counts and the overall agreement.
pub fn audit(audit: &Audit) -> Vec<u8> {
    let mut by_rule: BTreeMap<&'static str, usize> = rules().iter().map(|r| (r.id, 0)).collect();
    for f in &audit.findings {
        *by_rule.entry(f.rule).or_default() += 1;
    }
    let by_severity = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .map(|s| (s.name(), audit.count(s)))
        .collect();
    let doc = AuditDocument {
        study: &audit.study,
        findings: &audit.findings,
        summary: AuditSummary {
            by_severity,
            by_rule,
            verdict: &audit.verdict,
            headline: audit.headline.as_ref(),
            agreement: audit.agreement.as_ref().map(|a| &a.overall),
        },
    };
    // Plain data: serialisation cannot fail.
    let mut bytes = serde_json::to_vec_pretty(&doc).expect("serialise audit");
    bytes.push(b'\n');
    bytes
}

#[derive(Serialize)]
struct DiffDocument<'a> {
    old: &'a str,
    new: &'a str,
    differs: bool,
    #[serde(flatten)]
    difference: &'a crate::difference::Difference,
}

/// `thematic diff --format json`: `old`, `new`, `differs`, and `changes`, `shares`,
/// `appeared`, `resolved` (findings as in the audit document).
pub fn diff(d: &crate::difference::Difference, (old, new): (&str, &str)) -> Vec<u8> {
    let doc = DiffDocument {
        old,
        new,
        differs: !d.is_empty(),
        difference: d,
    };
    // Plain data: serialisation cannot fail.
    let mut bytes = serde_json::to_vec_pretty(&doc).expect("serialise the difference");
    bytes.push(b'\n');
    bytes
}

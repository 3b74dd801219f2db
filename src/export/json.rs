//! JSON: the contract for scripts. One object with `base_themes`, `components`, `dimensions`
//! (and `interviewees`, `case_matrix`, `cooccurrence`). Keys are documented in the README and
//! kept stable; new keys may be added, none removed or renamed.

use crate::tables::{GroupRow, Tables};
use serde::Serialize;

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[derive(Serialize)]
struct Document<'a> {
    study: &'a str,
    roster_size: usize,
    base_themes: Vec<BaseTheme<'a>>,
    components: Vec<Group<'a>>,
    dimensions: Vec<Group<'a>>,
    interviewees: Vec<Interviewee<'a>>,
    case_matrix: CaseMatrix<'a>,
    cooccurrence: &'a [Vec<u32>],
}

#[derive(Serialize)]
struct BaseTheme<'a> {
    number: usize,
    dimension: &'a str,
    component: &'a str,
    theme: &'a str,
    theme_en: &'a str,
    codes: &'a [u32],
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
    code: u32,
    name: &'a str,
    in_roster: bool,
    base_themes: u32,
    listings: u32,
    components: u32,
    dimensions: u32,
}

#[derive(Serialize)]
struct CaseMatrix<'a> {
    /// Row i is interviewee `interviewees[i]`; column t is base theme number t+1.
    interviewees: Vec<u32>,
    matrix: &'a [Vec<u8>],
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

pub fn document(tables: &Tables) -> Vec<u8> {
    let doc = Document {
        study: &tables.study,
        roster_size: tables.roster_size,
        base_themes: tables
            .base_themes
            .iter()
            .map(|r| BaseTheme {
                number: r.number,
                dimension: &r.dimension,
                component: &r.component,
                theme: &r.theme,
                theme_en: &r.theme_en,
                codes: &r.codes,
                listed: r.listed,
                distinct: r.distinct,
                printed: r.printed,
                share: round2(r.share),
                codebook_line: r.line,
            })
            .collect(),
        components: tables.components.iter().map(|r| group(r, true)).collect(),
        dimensions: tables.dimensions.iter().map(|r| group(r, false)).collect(),
        interviewees: tables
            .interviewees
            .iter()
            .map(|r| Interviewee {
                code: r.code,
                name: &r.name,
                in_roster: r.in_roster,
                base_themes: r.base_themes,
                listings: r.listings,
                components: r.components,
                dimensions: r.dimensions,
            })
            .collect(),
        case_matrix: CaseMatrix {
            interviewees: tables.interviewees.iter().map(|r| r.code).collect(),
            matrix: &tables.case_matrix,
        },
        cooccurrence: &tables.cooccurrence,
    };
    // Serialising plain structs of strings and numbers cannot fail.
    let mut bytes = serde_json::to_vec_pretty(&doc).expect("serialise tables");
    bytes.push(b'\n');
    bytes
}

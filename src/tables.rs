//! The frequency tables, recomputed from a codebook with Polars.
//!
//! The source codes are exploded to one row per (base theme, listed code); every count is a
//! group-by over that frame:
//! - **base frequency**: distinct interviewees among a base theme's codes (a code listed twice
//!   counts once; `listed` keeps the raw length so the difference shows);
//! - **sum rule**: a component's (dimension's) frequency is the sum of its base themes' base
//!   frequencies: mentions, as QualCoder, MAXQDA and NVivo aggregate;
//! - **union rule**: the number of distinct interviewees across its base themes: coverage, never
//!   more than the number of interviewees;
//! - **share**: a value divided by the total of its level and column, as a percentage.
//!
//! The result, [`Tables`], is a plain value: renderers, the audit and charts read it without
//! touching Polars. This module is the only one that calls Polars.

use crate::model::Codebook;
use polars::prelude::*;
use std::collections::BTreeMap;

/// One row of the base-theme table.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseThemeRow {
    /// 1-based position in the codebook.
    pub number: usize,
    pub dimension: String,
    pub component: String,
    pub theme: String,
    pub theme_en: String,
    /// Codes as listed, duplicates kept.
    pub codes: Vec<u32>,
    pub listed: u32,
    pub distinct: u32,
    pub printed: Option<u32>,
    /// `distinct` as a percentage of the sum of all base themes' `distinct`.
    pub share: f64,
    /// Codebook line the row comes from.
    pub line: u64,
}

/// One row of the component or the dimension table.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupRow {
    pub dimension: String,
    /// Empty in the dimension table.
    pub component: String,
    pub label_en: String,
    pub base_themes: u32,
    pub sum: u32,
    pub union: u32,
    pub printed: Option<u32>,
    pub share_sum: f64,
    pub share_union: f64,
    /// `printed` as a share of the level's printed total; `None` unless every row of the level
    /// has a printed value (a share of an incomplete total would mislead).
    pub share_printed: Option<f64>,
    pub line: u64,
}

/// Per-interviewee totals, over the roster and any code cited without a roster row.
#[derive(Debug, Clone, PartialEq)]
pub struct IntervieweeRow {
    pub code: u32,
    pub name: String,
    pub in_roster: bool,
    /// Distinct base themes whose source codes list this interviewee.
    pub base_themes: u32,
    /// Listings including repeats within one base theme.
    pub listings: u32,
    pub components: u32,
    pub dimensions: u32,
}

/// All recomputed tables of one codebook.
#[derive(Debug, Clone, PartialEq)]
pub struct Tables {
    pub study: String,
    pub roster_size: usize,
    pub base_themes: Vec<BaseThemeRow>,
    pub components: Vec<GroupRow>,
    pub dimensions: Vec<GroupRow>,
    /// Roster order, then cited codes missing from the roster in ascending order.
    pub interviewees: Vec<IntervieweeRow>,
    /// Case × code: `case_matrix[i][t]` is 1 when interviewee `interviewees[i]` is among the
    /// source codes of base theme `base_themes[t]`.
    pub case_matrix: Vec<Vec<u8>>,
    /// `cooccurrence[a][b]`: interviewees shared by base themes `a` and `b` (diagonal: the base
    /// frequency).
    pub cooccurrence: Vec<Vec<u32>>,
}

fn percent(part: u32, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        f64::from(part) * 100.0 / total as f64
    }
}

/// Read a column as u64 values (nulls as 0), whatever unsigned type Polars chose.
fn u64s(df: &DataFrame, name: &str) -> PolarsResult<Vec<u64>> {
    let column = df.column(name)?.cast(&DataType::UInt64)?;
    Ok(column.u64()?.iter().map(|v| v.unwrap_or(0)).collect())
}

/// Map a grouped frame (`key` column plus value columns) to `key → values`.
fn keyed(df: &DataFrame, key: &str, values: &[&str]) -> PolarsResult<BTreeMap<u64, Vec<u64>>> {
    let keys = u64s(df, key)?;
    let columns = values
        .iter()
        .map(|v| u64s(df, v))
        .collect::<PolarsResult<Vec<_>>>()?;
    Ok(keys
        .into_iter()
        .enumerate()
        .map(|(i, k)| (k, columns.iter().map(|c| c[i]).collect()))
        .collect())
}

/// Recompute every table of a codebook.
pub fn compute(codebook: &Codebook) -> PolarsResult<Tables> {
    let themes: Vec<_> = codebook.base_themes().collect();
    let mut theme_ids = Vec::with_capacity(themes.len());
    let mut component_ids = Vec::with_capacity(themes.len());
    let mut dimension_ids = Vec::with_capacity(themes.len());
    let mut code_lists = Vec::with_capacity(themes.len());
    let mut component_index = 0u32;
    for (d, dimension) in codebook.dimensions.values().enumerate() {
        for component in dimension.components.values() {
            for theme in component.base_themes.values() {
                theme_ids.push(theme_ids.len() as u32);
                component_ids.push(component_index);
                dimension_ids.push(d as u32);
                code_lists.push(Series::new("".into(), theme.source_codes.as_slice()));
            }
            component_index += 1;
        }
    }
    let frame = DataFrame::new_infer_height(vec![
        Column::new("theme".into(), theme_ids),
        Column::new("component".into(), component_ids),
        Column::new("dimension".into(), dimension_ids),
        Column::new("interviewee".into(), code_lists),
    ])?;
    // One row per (base theme, listed code): the frame every count below groups.
    let codings = frame.lazy().explode(
        by_name(["interviewee"], true, false),
        ExplodeOptions {
            empty_as_null: false,
            keep_nulls: false,
        },
    );
    let distinct_pairs = codings
        .clone()
        .unique_stable(None, UniqueKeepStrategy::First);

    let per_theme = codings.clone().group_by([col("theme")]).agg([
        len().alias("listed"),
        col("interviewee").n_unique().alias("distinct"),
    ]);
    let group_counts = |level: &str| {
        per_theme
            .clone()
            .join(
                distinct_pairs
                    .clone()
                    .select([col("theme"), col(level)])
                    .unique(None, UniqueKeepStrategy::First),
                [col("theme")],
                [col("theme")],
                JoinArgs::new(JoinType::Inner),
            )
            .group_by([col(level)])
            .agg([col("distinct").sum().alias("sum"), len().alias("themes")])
            .join(
                codings
                    .clone()
                    .group_by([col(level)])
                    .agg([col("interviewee").n_unique().alias("union")]),
                [col(level)],
                [col(level)],
                JoinArgs::new(JoinType::Inner),
            )
    };
    let per_component = group_counts("component");
    let per_dimension = group_counts("dimension");
    let per_interviewee = codings.clone().group_by([col("interviewee")]).agg([
        col("theme").n_unique().alias("themes"),
        len().alias("listings"),
        col("component").n_unique().alias("components"),
        col("dimension").n_unique().alias("dimensions"),
    ]);
    let themes_by_interviewee = distinct_pairs
        .select([col("interviewee"), col("theme")])
        .sort(["interviewee", "theme"], SortMultipleOptions::default());

    // Collected together so that Polars computes the shared `codings` plan once.
    let opt_state = per_theme.get_current_optimizations();
    let plans = [
        per_theme,
        per_component,
        per_dimension,
        per_interviewee,
        themes_by_interviewee,
    ]
    .map(|lf| lf.logical_plan)
    .to_vec();
    let [per_theme, per_component, per_dimension, per_interviewee, pairs]: [DataFrame; 5] =
        LazyFrame::collect_all_with_engine(plans, Engine::Auto, opt_state)?
            .try_into()
            .map_err(
                |_| polars_err!(ComputeError: "collect_all returned the wrong number of frames"),
            )?;

    let theme_counts = keyed(&per_theme, "theme", &["listed", "distinct"])?;
    let component_counts = keyed(&per_component, "component", &["sum", "union", "themes"])?;
    let dimension_counts = keyed(&per_dimension, "dimension", &["sum", "union", "themes"])?;
    let interviewee_counts = keyed(
        &per_interviewee,
        "interviewee",
        &["themes", "listings", "components", "dimensions"],
    )?;

    // Base themes.
    let total_distinct: u64 = theme_counts.values().map(|v| v[1]).sum();
    let base_themes: Vec<BaseThemeRow> = themes
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let counts = theme_counts
                .get(&(i as u64))
                .cloned()
                .unwrap_or_else(|| vec![0, 0]);
            let distinct = counts[1] as u32;
            BaseThemeRow {
                number: i + 1,
                dimension: r.dimension.label.printed.clone(),
                component: r.component.label.printed.clone(),
                theme: r.theme.label.printed.clone(),
                theme_en: r.theme.label.english.clone(),
                codes: r.theme.source_codes.clone(),
                listed: counts[0] as u32,
                distinct,
                printed: r.theme.printed_frequency,
                share: percent(distinct, total_distinct),
                line: r.theme.origin.line,
            }
        })
        .collect();

    // Components and dimensions.
    let components = group_rows(
        codebook.components().map(|(d, c)| {
            (
                d.label.printed.clone(),
                c.label.printed.clone(),
                c.label.english.clone(),
                c.printed_frequency,
                c.origin.line,
            )
        }),
        &component_counts,
    );
    let dimensions = group_rows(
        codebook.dimensions.values().map(|d| {
            (
                d.label.printed.clone(),
                String::new(),
                d.label.english.clone(),
                d.printed_frequency,
                d.origin.line,
            )
        }),
        &dimension_counts,
    );

    // Interviewees: the roster in its order, then codes cited but not on the roster.
    let mut codes: Vec<(u32, String, bool)> = codebook
        .interviewees
        .values()
        .map(|i| (i.code, i.name.printed.clone(), true))
        .collect();
    for &code in interviewee_counts.keys() {
        if !codebook.interviewees.contains_key(&(code as u32)) {
            codes.push((code as u32, String::new(), false));
        }
    }
    let interviewees: Vec<IntervieweeRow> = codes
        .into_iter()
        .map(|(code, name, in_roster)| {
            let c = interviewee_counts
                .get(&u64::from(code))
                .cloned()
                .unwrap_or_else(|| vec![0; 4]);
            IntervieweeRow {
                code,
                name,
                in_roster,
                base_themes: c[0] as u32,
                listings: c[1] as u32,
                components: c[2] as u32,
                dimensions: c[3] as u32,
            }
        })
        .collect();

    // Case × code matrix and co-occurrence, from the distinct (interviewee, theme) pairs sorted
    // by interviewee: each interviewee's themes are counted pairwise straight into the matrix
    // (a self-join would build every pair as a row first).
    let n = base_themes.len();
    let row_of: BTreeMap<u32, usize> = interviewees
        .iter()
        .enumerate()
        .map(|(i, r)| (r.code, i))
        .collect();
    let mut case_matrix = vec![vec![0u8; n]; interviewees.len()];
    let mut cooccurrence = vec![vec![0u32; n]; n];
    let pair_interviewees = u64s(&pairs, "interviewee")?;
    let pair_themes = u64s(&pairs, "theme")?;
    let mut start = 0;
    while start < pair_interviewees.len() {
        let code = pair_interviewees[start];
        let end = start
            + pair_interviewees[start..]
                .iter()
                .take_while(|&&c| c == code)
                .count();
        let cited = &pair_themes[start..end];
        if let Some(&row) = row_of.get(&(code as u32)) {
            for &t in cited {
                case_matrix[row][t as usize] = 1;
            }
        }
        for (k, &a) in cited.iter().enumerate() {
            for &b in &cited[k..] {
                cooccurrence[a as usize][b as usize] += 1;
                if a != b {
                    cooccurrence[b as usize][a as usize] += 1;
                }
            }
        }
        start = end;
    }

    Ok(Tables {
        study: codebook.name.clone(),
        roster_size: codebook.interviewees.len(),
        base_themes,
        components,
        dimensions,
        interviewees,
        case_matrix,
        cooccurrence,
    })
}

type GroupLabel = (String, String, String, Option<u32>, u64);

fn group_rows(
    labels: impl Iterator<Item = GroupLabel>,
    counts: &BTreeMap<u64, Vec<u64>>,
) -> Vec<GroupRow> {
    let mut rows: Vec<GroupRow> = labels
        .enumerate()
        .map(|(i, (dimension, component, label_en, printed, line))| {
            let c = counts
                .get(&(i as u64))
                .cloned()
                .unwrap_or_else(|| vec![0, 0, 0]);
            GroupRow {
                dimension,
                component,
                label_en,
                base_themes: c[2] as u32,
                sum: c[0] as u32,
                union: c[1] as u32,
                printed,
                share_sum: 0.0,
                share_union: 0.0,
                share_printed: None,
                line,
            }
        })
        .collect();
    let total_sum: u64 = rows.iter().map(|r| u64::from(r.sum)).sum();
    let total_union: u64 = rows.iter().map(|r| u64::from(r.union)).sum();
    let all_printed: Option<Vec<u32>> = rows.iter().map(|r| r.printed).collect();
    let total_printed: Option<u64> = all_printed.map(|p| p.into_iter().map(u64::from).sum());
    for row in &mut rows {
        row.share_sum = percent(row.sum, total_sum);
        row.share_union = percent(row.union, total_union);
        row.share_printed = match (row.printed, total_printed) {
            (Some(p), Some(total)) => Some(percent(p, total)),
            _ => None,
        };
    }
    rows
}

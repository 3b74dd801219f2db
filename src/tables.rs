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
    /// Case × code: row i lists the base themes (indices into `base_themes`) whose source
    /// codes include interviewee `interviewees[i]`.
    pub case_matrix: CaseMatrix,
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

/// Spread a grouped frame (`index` column of small dense indices plus value columns) into one
/// vector per value column, indexed by `index` (0 where a group is absent).
fn by_index(
    df: &DataFrame,
    index: &str,
    values: &[&str],
    size: usize,
) -> PolarsResult<Vec<Vec<u64>>> {
    let indices = u64s(df, index)?;
    values
        .iter()
        .map(|name| {
            let mut out = vec![0; size];
            for (i, v) in indices.iter().zip(u64s(df, name)?) {
                if let Some(slot) = out.get_mut(*i as usize) {
                    *slot = v;
                }
            }
            Ok(out)
        })
        .collect()
}

/// Bits of an interviewee code above a base theme's index in the pair key.
const KEY_SHIFT: u64 = 1 << 32;

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
    let (n_themes, n_components, n_dimensions) = (
        themes.len(),
        component_index as usize,
        codebook.dimensions.len(),
    );
    let frame = DataFrame::new_infer_height(vec![
        Column::new("theme".into(), theme_ids),
        Column::new("component".into(), component_ids.clone()),
        Column::new("dimension".into(), dimension_ids.clone()),
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
    // Per base theme, component and dimension: distinct interviewees (n_unique) and listings.
    // Grouping by one small integer column each, over the exploded codings: no deduplicated
    // frame and no joins (measured on 10^7 codings: a row-wise unique over the four columns and
    // two joins took ten times longer).
    let per_theme = codings.clone().group_by([col("theme")]).agg([
        len().alias("listed"),
        col("interviewee").n_unique().alias("distinct"),
    ]);
    let union_per = |level: &str| {
        codings
            .clone()
            .group_by([col(level)])
            .agg([col("interviewee").n_unique().alias("union")])
    };
    let per_component = union_per("component");
    let per_dimension = union_per("dimension");
    // Every listing as one u64 key, interviewee in the high bits and base theme in the low,
    // sorted: each interviewee's base themes then lie together, in codebook order, repeats
    // side by side. Sorting one integer column is the cheapest way Polars has to bring them
    // together (a group-by over a million interviewees took three times as long).
    let sorted_keys = codings
        .select([(col("interviewee").cast(DataType::UInt64) * lit(KEY_SHIFT)
            + col("theme").cast(DataType::UInt64))
        .alias("key")])
        .sort(["key"], SortMultipleOptions::default());

    // Collected together so that Polars computes the shared `codings` plan once.
    let opt_state = per_theme.get_current_optimizations();
    let plans = [per_theme, per_component, per_dimension, sorted_keys]
        .map(|lf| lf.logical_plan)
        .to_vec();
    let [per_theme, per_component, per_dimension, sorted_keys]: [DataFrame; 4] =
        LazyFrame::collect_all_with_engine(plans, Engine::Auto, opt_state)?
            .try_into()
            .map_err(
                |_| polars_err!(ComputeError: "collect_all returned the wrong number of frames"),
            )?;

    let [listed, distinct]: [Vec<u64>; 2] =
        by_index(&per_theme, "theme", &["listed", "distinct"], n_themes)?
            .try_into()
            .map_err(|_| polars_err!(ComputeError: "two columns expected"))?;
    // The sum rule adds base frequencies; the union rule is the grouped n_unique above.
    let group_counts = |level_of: &[u32], size: usize, unions: &DataFrame, level: &str| {
        let mut sum = vec![0u64; size];
        let mut themes = vec![0u64; size];
        for (t, &group) in level_of.iter().enumerate() {
            sum[group as usize] += distinct[t];
            themes[group as usize] += 1;
        }
        let [union]: [Vec<u64>; 1] = by_index(unions, level, &["union"], size)?
            .try_into()
            .map_err(|_| polars_err!(ComputeError: "one column expected"))?;
        PolarsResult::Ok(vec![sum, union, themes])
    };
    let component_counts = group_counts(&component_ids, n_components, &per_component, "component")?;
    let dimension_counts = group_counts(&dimension_ids, n_dimensions, &per_dimension, "dimension")?;

    // Base themes.
    let total_distinct: u64 = distinct.iter().sum();
    let base_themes: Vec<BaseThemeRow> = themes
        .iter()
        .enumerate()
        .map(|(i, r)| BaseThemeRow {
            number: i + 1,
            dimension: r.dimension.label.printed.clone(),
            component: r.component.label.printed.clone(),
            theme: r.theme.label.printed.clone(),
            theme_en: r.theme.label.english.clone(),
            codes: r.theme.source_codes.clone(),
            listed: listed[i] as u32,
            distinct: distinct[i] as u32,
            printed: r.theme.printed_frequency,
            share: percent(distinct[i] as u32, total_distinct),
            line: r.theme.origin.line,
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
    let keys = sorted_keys.column("key")?.u64()?;
    let keys: Vec<u64> = keys.into_no_null_iter().collect();
    let mut interviewees: Vec<IntervieweeRow> = codebook
        .interviewees
        .values()
        .map(|i| IntervieweeRow::new(i.code, i.name.printed.clone(), true))
        .collect();
    // Roster rows by code: runs arrive in ascending code order, so a cursor walking this
    // sorted list finds each row (a hash lookup per interviewee cost more than the rest of
    // the pass on a million interviewees).
    let mut roster_by_code: Vec<(u32, usize)> = interviewees
        .iter()
        .enumerate()
        .map(|(row, i)| (i.code, row))
        .collect();
    roster_by_code.sort_unstable();
    let mut cursor = 0;
    // One pass over each interviewee's listings (a run of sorted keys): their counts and
    // their distinct base themes, for the case × code rows and the co-occurrence.
    let mut runs: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    // Each run's distinct base themes, runs one after another.
    let mut themes_of: Vec<u32> = Vec::with_capacity(keys.len());
    let mut start = 0;
    while start < keys.len() {
        let code = (keys[start] / KEY_SHIFT) as u32;
        let mut end = start;
        let first = themes_of.len();
        while end < keys.len() && (keys[end] / KEY_SHIFT) as u32 == code {
            let theme = (keys[end] % KEY_SHIFT) as u32;
            if themes_of.len() == first || themes_of.last() != Some(&theme) {
                themes_of.push(theme);
            }
            end += 1;
        }
        while cursor < roster_by_code.len() && roster_by_code[cursor].0 < code {
            cursor += 1;
        }
        let row = match roster_by_code.get(cursor) {
            Some(&(roster_code, row)) if roster_code == code => row,
            _ => {
                // Cited but not on the roster; codes arrive in ascending order.
                interviewees.push(IntervieweeRow::new(code, String::new(), false));
                interviewees.len() - 1
            }
        };
        let cited = &themes_of[first..];
        let person = &mut interviewees[row];
        person.listings = (end - start) as u32;
        person.base_themes = cited.len() as u32;
        // Components and dimensions are numbered in codebook order, as the themes are, so
        // they change monotonically along a sorted run.
        let changes = |level: &[u32]| {
            1 + cited
                .windows(2)
                .filter(|w| level[w[0] as usize] != level[w[1] as usize])
                .count() as u32
        };
        person.components = changes(&component_ids);
        person.dimensions = changes(&dimension_ids);
        runs.push((row, first..themes_of.len()));
        start = end;
    }
    let cooccurrence = count_cooccurrence(n_themes, &themes_of, &runs);
    let case_matrix = CaseMatrix::from_runs(interviewees.len(), &runs, &mut themes_of);

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

/// Co-occurrence: each interviewee's base themes counted pairwise straight into the theme ×
/// theme matrix (a self-join would first build every pair as a row: 40 s and 6 GB on 10^7
/// codings). The increments are most of the cost of the tables at scale, so the interviewees
/// are split over the cores, each counting into a matrix of its own, summed at the end.
fn count_cooccurrence(
    n: usize,
    themes_of: &[u32],
    runs: &[(usize, std::ops::Range<usize>)],
) -> Vec<Vec<u32>> {
    let count = |runs: &[(usize, std::ops::Range<usize>)]| {
        let mut matrix = vec![0u32; n * n];
        for (_, run) in runs {
            let cited = &themes_of[run.clone()];
            for (k, &a) in cited.iter().enumerate() {
                // Themes are ascending within a run: this fills the upper triangle.
                let row = &mut matrix[a as usize * n..(a as usize + 1) * n];
                for &b in &cited[k..] {
                    row[b as usize] += 1;
                }
            }
        }
        matrix
    };
    // One matrix per thread: worth it only when the matrices are small beside the work.
    let threads = std::thread::available_parallelism().map_or(1, usize::from);
    let matrix_bytes = n * n * 4;
    let work: usize = runs.iter().map(|(_, r)| r.len() * (r.len() + 1) / 2).sum();
    let upper = if threads > 1 && matrix_bytes <= 64 << 20 && work > 4 * n * n {
        // Split where the pairwise work (not the number of interviewees) is halved.
        let share = work.div_ceil(threads);
        let mut chunks = Vec::new();
        let (mut from, mut acc) = (0, 0);
        for (i, (_, r)) in runs.iter().enumerate() {
            acc += r.len() * (r.len() + 1) / 2;
            if acc >= share {
                chunks.push(&runs[from..=i]);
                (from, acc) = (i + 1, 0);
            }
        }
        chunks.push(&runs[from..]);
        let partial: Vec<Vec<u32>> = std::thread::scope(|scope| {
            let workers: Vec<_> = chunks
                .iter()
                .map(|chunk| scope.spawn(|| count(chunk)))
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
        let mut total = vec![0u32; n * n];
        for matrix in partial {
            for (t, v) in total.iter_mut().zip(matrix) {
                *t += v;
            }
        }
        total
    } else {
        count(runs)
    };
    // Mirror the upper triangle.
    (0..n)
        .map(|a| (0..n).map(|b| upper[a.min(b) * n + a.max(b)]).collect())
        .collect()
}

impl IntervieweeRow {
    fn new(code: u32, name: String, in_roster: bool) -> IntervieweeRow {
        IntervieweeRow {
            code,
            name,
            in_roster,
            base_themes: 0,
            listings: 0,
            components: 0,
            dimensions: 0,
        }
    }
}

/// Case × code, sparse: for each interviewee (in the order of [`Tables::interviewees`]) the
/// base themes (0-based, ascending) whose source codes list them. A million interviewees by a
/// thousand themes is a gigabyte dense and tens of megabytes this way.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaseMatrix {
    /// Row i's themes are `themes[offsets[i]..offsets[i + 1]]`.
    offsets: Vec<usize>,
    themes: Vec<u32>,
}

impl CaseMatrix {
    /// From runs of `themes` (one run per interviewee row, rows in any order).
    fn from_runs(
        rows: usize,
        runs: &[(usize, std::ops::Range<usize>)],
        themes: &mut Vec<u32>,
    ) -> CaseMatrix {
        let mut lengths = vec![0usize; rows];
        for (row, run) in runs {
            lengths[*row] = run.len();
        }
        let mut offsets = Vec::with_capacity(rows + 1);
        offsets.push(0);
        for length in &lengths {
            offsets.push(offsets.last().copied().unwrap_or(0) + length);
        }
        // Runs partition `themes`; if each starts where its row does, it is already in row order
        // (the usual case: a roster in ascending code order).
        let themes = if runs.iter().all(|(row, run)| offsets[*row] == run.start) {
            std::mem::take(themes)
        } else {
            let mut placed = vec![0u32; themes.len()];
            for (row, run) in runs {
                placed[offsets[*row]..offsets[*row] + run.len()]
                    .copy_from_slice(&themes[run.clone()]);
            }
            placed
        };
        CaseMatrix { offsets, themes }
    }

    /// Number of rows (interviewees).
    pub fn rows(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// The base themes (0-based, ascending) that list interviewee row `row`.
    pub fn row(&self, row: usize) -> &[u32] {
        &self.themes[self.offsets[row]..self.offsets[row + 1]]
    }

    /// Number of (interviewee, base theme) cells that are 1.
    pub fn filled(&self) -> usize {
        self.themes.len()
    }

    /// Row `row` as a dense 0/1 vector over `columns` base themes.
    pub fn dense_row(&self, row: usize, columns: usize) -> Vec<u8> {
        let mut cells = vec![0u8; columns];
        for &t in self.row(row) {
            if let Some(cell) = cells.get_mut(t as usize) {
                *cell = 1;
            }
        }
        cells
    }
}

type GroupLabel = (String, String, String, Option<u32>, u64);

/// `counts`: the columns sum, union and themes, indexed by the group's position.
fn group_rows(labels: impl Iterator<Item = GroupLabel>, counts: &[Vec<u64>]) -> Vec<GroupRow> {
    let count = |column: usize, i: usize| counts[column].get(i).copied().unwrap_or(0) as u32;
    let mut rows: Vec<GroupRow> = labels
        .enumerate()
        .map(
            |(i, (dimension, component, label_en, printed, line))| GroupRow {
                dimension,
                component,
                label_en,
                base_themes: count(2, i),
                sum: count(0, i),
                union: count(1, i),
                printed,
                share_sum: 0.0,
                share_union: 0.0,
                share_printed: None,
                line,
            },
        )
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

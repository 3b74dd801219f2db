//! Computing [`Tables`] from a codebook, in named steps:
//!
//! 1. [`Layout::of`]: the codebook as columns: each base theme's index, component, dimension
//!    and source codes;
//! 2. [`Counts::of`]: one Polars plan, collected at once: the source codes exploded to one row
//!    per (base theme, listed code), grouped per base theme (listed, distinct), per component
//!    and per dimension (union); and every listing as one sorted `u64` key (sorted in place);
//! 3. [`base_theme_rows`] and [`group_rows`]: the base-theme, component and dimension tables
//!    (the sum rule adds base frequencies, the union rule is the grouped count);
//! 4. [`Runs::walk`]: one pass over the sorted keys, a run per interviewee: per-interviewee
//!    counts and each interviewee's distinct base themes;
//! 5. co-occurrence and the case × code matrix from those runs.
//!
//! This is the only module that calls Polars. Not for presentation: rows carry numbers and
//! labels, never formatted text.

use super::cooccurrence::count_cooccurrence;
use super::{BaseThemeRow, CaseMatrix, GroupRow, IntervieweeRow, RosterColumns, Tables};
use crate::case_id::CaseId;
use crate::model::Codebook;
use polars::prelude::*;

/// Recompute every table of a codebook.
pub fn compute(codebook: &Codebook) -> PolarsResult<Tables> {
    let mut layout = Layout::of(codebook);
    let counts = Counts::of(&layout)?;
    // The codes' columns are counted and keyed; freed, their memory is the walk's.
    layout.codes = Vec::new();
    let base_themes = base_theme_rows(codebook, &counts);
    let components = group_rows(
        codebook.components().map(|(d, c)| GroupLabel {
            dimension: d.label.printed.clone(),
            component: c.label.printed.clone(),
            label_en: c.label.english.clone(),
            printed: c.printed_frequency,
            line: c.origin.line,
        }),
        &counts.component,
    );
    let dimensions = group_rows(
        codebook.dimensions.values().map(|d| GroupLabel {
            dimension: d.label.printed.clone(),
            component: String::new(),
            label_en: d.label.english.clone(),
            printed: d.printed_frequency,
            line: d.origin.line,
        }),
        &counts.dimension,
    );
    let mut runs = Runs::walk(codebook, &layout, &counts.sorted_keys);
    let cooccurrence = count_cooccurrence(layout.themes(), &runs.themes_of, &runs.runs);
    let case_matrix =
        CaseMatrix::from_runs(runs.interviewees.len(), &runs.runs, &mut runs.themes_of);
    let at: std::collections::HashMap<(&str, &str, &str), usize> = base_themes
        .iter()
        .enumerate()
        .map(|(i, r)| {
            (
                (r.dimension.as_str(), r.component.as_str(), r.theme.as_str()),
                i,
            )
        })
        .collect();
    let evidence = codebook
        .segments
        .iter()
        .filter_map(|s| {
            let theme = *at.get(&(
                s.dimension.as_str(),
                s.component.as_str(),
                s.base_theme.as_str(),
            ))?;
            Some(super::Evidence {
                theme,
                source: s.source.clone(),
                start: s.start,
                end: s.end,
                text: s.text.clone(),
                term: s.term.clone(),
                negation: s.negation.clone(),
            })
        })
        .collect();
    Ok(Tables {
        study: codebook.name.clone(),
        roster_size: codebook.interviewees.len(),
        base_themes,
        components,
        dimensions,
        interviewees: runs.interviewees,
        case_matrix,
        cooccurrence,
        evidence,
    })
}

/// Step 1: the codebook as columns, one entry per base theme in codebook order.
struct Layout {
    component_of: Vec<u32>,
    dimension_of: Vec<u32>,
    codes: Vec<Series>,
    components: usize,
    dimensions: usize,
}

impl Layout {
    fn of(codebook: &Codebook) -> Layout {
        let n = codebook.base_theme_count();
        let mut layout = Layout {
            component_of: Vec::with_capacity(n),
            dimension_of: Vec::with_capacity(n),
            codes: Vec::with_capacity(n),
            components: 0,
            dimensions: codebook.dimensions.len(),
        };
        for (d, dimension) in codebook.dimensions.values().enumerate() {
            for component in dimension.components.values() {
                for theme in component.base_themes.values() {
                    layout.component_of.push(layout.components as u32);
                    layout.dimension_of.push(d as u32);
                    // Straight into the column: no intermediate vector of a million codes.
                    let raw = theme.source_codes.iter().map(|c| c.raw());
                    layout
                        .codes
                        .push(UInt32Chunked::from_iter_values("".into(), raw).into_series());
                }
                layout.components += 1;
            }
        }
        layout
    }

    fn themes(&self) -> usize {
        self.component_of.len()
    }
}

/// Bits of an interviewee code above a base theme's index in the pair key.
const KEY_SHIFT: u64 = 1 << 32;

/// Step 2: what Polars counts.
struct Counts {
    /// Per base theme: codes listed (repeats included) and distinct interviewees.
    listed: Vec<u64>,
    distinct: Vec<u64>,
    /// Per component and per dimension: sum, union and number of base themes.
    component: GroupCounts,
    dimension: GroupCounts,
    /// Every listing as `interviewee << 32 | base theme`, ascending.
    sorted_keys: Vec<u64>,
}

/// Per group (component or dimension), indexed by its position in the codebook.
struct GroupCounts {
    sum: Vec<u64>,
    union: Vec<u64>,
    themes: Vec<u64>,
}

impl Counts {
    fn of(layout: &Layout) -> PolarsResult<Counts> {
        // Base theme, component and dimension ascend in codebook order, and say so: Polars then
        // groups each as slices of the exploded codings (a start and a length a group) rather
        // than a list of row numbers per group, 40 MB a group-by at 10^7 codings.
        let ascending = |name: &str, values: Vec<u32>| {
            debug_assert!(values.is_sorted(), "{name} in codebook order ascends");
            let mut column = Column::new(name.into(), values);
            column.set_sorted_flag(polars::series::IsSorted::Ascending);
            column
        };
        let frame = DataFrame::new_infer_height(vec![
            ascending("theme", (0..layout.themes() as u32).collect()),
            ascending("component", layout.component_of.clone()),
            ascending("dimension", layout.dimension_of.clone()),
            Column::new("interviewee".into(), layout.codes.clone()),
        ])?;
        // One row per (base theme, listed code): the frame every count below groups.
        let codings = frame.lazy().explode(
            by_name(["interviewee"], true, false),
            ExplodeOptions {
                empty_as_null: false,
                keep_nulls: false,
            },
        );
        // Per base theme, component and dimension: distinct interviewees (n_unique) and
        // listings. Grouping by one small integer column each, over the exploded codings: no
        // deduplicated frame and no joins (measured on 10^7 codings: a row-wise unique over the
        // four columns and two joins took ten times longer).
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
        // Collected together so that Polars computes the shared `codings` plan once.
        let opt_state = per_theme.get_current_optimizations();
        let plans = [per_theme, per_component, per_dimension]
            .map(|lf| lf.logical_plan)
            .to_vec();
        let [per_theme, per_component, per_dimension]: [DataFrame; 3] =
            LazyFrame::collect_all_with_engine(plans, Engine::Auto, opt_state)?
                .try_into()
                .map_err(
                    |_| polars_err!(ComputeError: "collect_all returned the wrong number of frames"),
                )?;

        let n = layout.themes();
        let listed = by_index(&per_theme, "theme", "listed", n)?;
        let distinct = by_index(&per_theme, "theme", "distinct", n)?;
        // The sum rule adds base frequencies; the union rule is the grouped n_unique above.
        let group = |level_of: &[u32], size: usize, unions: &DataFrame, level: &str| {
            let mut sum = vec![0u64; size];
            let mut themes = vec![0u64; size];
            for (t, &group) in level_of.iter().enumerate() {
                sum[group as usize] += distinct[t];
                themes[group as usize] += 1;
            }
            let union = by_index(unions, level, "union", size)?;
            PolarsResult::Ok(GroupCounts { sum, union, themes })
        };
        let component = group(
            &layout.component_of,
            layout.components,
            &per_component,
            "component",
        )?;
        let dimension = group(
            &layout.dimension_of,
            layout.dimensions,
            &per_dimension,
            "dimension",
        )?;
        let sorted_keys = sorted_keys(layout)?;
        Ok(Counts {
            listed,
            distinct,
            component,
            dimension,
            sorted_keys,
        })
    }
}

/// Every listing as one u64 key, interviewee in the high bits and base theme in the low,
/// sorted: each interviewee's base themes then lie together, in codebook order, repeats side by
/// side. Built and sorted in place (on all cores) rather than in Polars: its expression for the
/// key materialised three intermediate columns of the key's size (cast, multiply, add) and the
/// sorted column was copied out again, 400 MB at 10^7 codings for what is one 80 MB vector.
fn sorted_keys(layout: &Layout) -> PolarsResult<Vec<u64>> {
    use rayon::slice::ParallelSliceMut;
    let mut keys = Vec::with_capacity(layout.codes.iter().map(|codes| codes.len()).sum());
    for (theme, codes) in layout.codes.iter().enumerate() {
        let theme = theme as u64;
        keys.extend(
            codes
                .u32()?
                .into_no_null_iter()
                .map(|code| u64::from(code) * KEY_SHIFT + theme),
        );
    }
    keys.par_sort_unstable();
    Ok(keys)
}

/// Read a column as u64 values (nulls as 0), whatever unsigned type Polars chose.
fn u64s(df: &DataFrame, name: &str) -> PolarsResult<Vec<u64>> {
    let column = df.column(name)?.cast(&DataType::UInt64)?;
    Ok(column.u64()?.iter().map(|v| v.unwrap_or(0)).collect())
}

/// Spread a value column of a grouped frame into a vector indexed by its `index` column of
/// small dense indices (0 where a group is absent).
fn by_index(df: &DataFrame, index: &str, value: &str, size: usize) -> PolarsResult<Vec<u64>> {
    let mut out = vec![0; size];
    for (i, v) in u64s(df, index)?.iter().zip(u64s(df, value)?) {
        if let Some(slot) = out.get_mut(*i as usize) {
            *slot = v;
        }
    }
    Ok(out)
}

fn percent(part: u32, total: u64) -> f64 {
    if total == 0 {
        0.0
    } else {
        f64::from(part) * 100.0 / total as f64
    }
}

/// Step 3a: the base-theme table.
fn base_theme_rows(codebook: &Codebook, counts: &Counts) -> Vec<BaseThemeRow> {
    let total_distinct: u64 = counts.distinct.iter().sum();
    codebook
        .base_themes()
        .enumerate()
        .map(|(i, r)| BaseThemeRow {
            number: i + 1,
            dimension: r.dimension.label.printed.clone(),
            component: r.component.label.printed.clone(),
            theme: r.theme.label.printed.clone(),
            theme_en: r.theme.label.english.clone(),
            codes: r.theme.source_codes.clone(),
            listed: counts.listed[i] as u32,
            distinct: counts.distinct[i] as u32,
            printed: r.theme.printed_frequency,
            share: percent(counts.distinct[i] as u32, total_distinct),
            line: r.theme.origin.line,
        })
        .collect()
}

/// A component's or dimension's labels, as the codebook has them.
struct GroupLabel {
    dimension: String,
    /// Empty for a dimension.
    component: String,
    label_en: String,
    printed: Option<u32>,
    line: u64,
}

/// Step 3b: the component or the dimension table, with each column's shares.
fn group_rows(labels: impl Iterator<Item = GroupLabel>, counts: &GroupCounts) -> Vec<GroupRow> {
    let count = |column: &[u64], i: usize| column.get(i).copied().unwrap_or(0) as u32;
    let mut rows: Vec<GroupRow> = labels
        .enumerate()
        .map(|(i, label)| GroupRow {
            dimension: label.dimension,
            component: label.component,
            label_en: label.label_en,
            base_themes: count(&counts.themes, i),
            sum: count(&counts.sum, i),
            union: count(&counts.union, i),
            printed: label.printed,
            share_sum: 0.0,
            share_union: 0.0,
            share_printed: None,
            line: label.line,
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

/// Step 4: the interviewee table, and each interviewee's distinct base themes.
struct Runs {
    /// The roster in its order, then codes cited but not on the roster, ascending.
    interviewees: Vec<IntervieweeRow>,
    /// (row in `interviewees`, range of `themes_of`) per interviewee cited at least once.
    runs: Vec<(usize, std::ops::Range<usize>)>,
    /// Each run's distinct base themes (ascending), runs one after another.
    themes_of: Vec<u32>,
}

impl Runs {
    fn walk(codebook: &Codebook, layout: &Layout, keys: &[u64]) -> Runs {
        let mut interviewees: Vec<IntervieweeRow> = codebook
            .interviewees
            .values()
            .map(|i| {
                let mut row = IntervieweeRow::new(i.code, i.name.printed.clone(), true);
                let d = i.details();
                let columns = RosterColumns {
                    name_en: i.name.english.clone(),
                    role: d.role.printed.clone(),
                    role_en: d.role.english.clone(),
                    year: d.year.clone(),
                    topics: d.topics.printed.clone(),
                    topics_en: d.topics.english.clone(),
                };
                row.roster_columns =
                    (columns != RosterColumns::default()).then(|| Box::new(columns));
                row
            })
            .collect();
        // Roster rows by code: runs arrive in ascending code order, so a cursor walking this
        // sorted list finds each row (a hash lookup per interviewee cost more than the rest of
        // the pass on a million interviewees).
        let mut roster_by_code: Vec<(u32, usize)> = interviewees
            .iter()
            .enumerate()
            .map(|(row, i)| (i.code.raw(), row))
            .collect();
        roster_by_code.sort_unstable();
        let mut cursor = 0;
        let mut runs = Vec::new();
        let mut themes_of: Vec<u32> = Vec::with_capacity(keys.len());
        let mut start = 0;
        while start < keys.len() {
            let code = (keys[start] / KEY_SHIFT) as u32;
            let id = CaseId::from_raw(code);
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
                    interviewees.push(IntervieweeRow::new(id, String::new(), false));
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
            person.components = changes(&layout.component_of);
            person.dimensions = changes(&layout.dimension_of);
            runs.push((row, first..themes_of.len()));
            start = end;
        }
        let mut walked = Runs {
            interviewees,
            runs,
            themes_of,
        };
        walked.order_unlisted(codebook.interviewees.len());
        walked
    }

    /// Codes cited without a roster row arrive in handle order, which for identifiers is the
    /// order they were first read; put them in natural order (`P2` before `P10`).
    fn order_unlisted(&mut self, roster: usize) {
        if self.interviewees[roster..]
            .iter()
            .all(|i| !i.code.is_text())
        {
            return;
        }
        let mut unlisted: Vec<(usize, IntervieweeRow)> = self
            .interviewees
            .drain(roster..)
            .enumerate()
            .map(|(i, row)| (roster + i, row))
            .collect();
        unlisted.sort_by_key(|(_, row)| row.code);
        let mut new_row: Vec<usize> = (0..roster + unlisted.len()).collect();
        for (place, (old, row)) in unlisted.into_iter().enumerate() {
            new_row[old] = roster + place;
            self.interviewees.push(row);
        }
        for (row, _) in &mut self.runs {
            *row = new_row[*row];
        }
    }
}

impl IntervieweeRow {
    fn new(code: CaseId, name: String, in_roster: bool) -> IntervieweeRow {
        IntervieweeRow {
            code,
            name,
            in_roster,
            roster_columns: None,
            base_themes: 0,
            listings: 0,
            components: 0,
            dimensions: 0,
        }
    }
}

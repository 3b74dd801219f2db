//! The recomputed frequency tables of one codebook, as plain values: what every renderer, the
//! audit and the charts read (none of them touches Polars or the codebook's files).
//!
//! The counting rules, named as the audit and the outputs name them:
//! - **base frequency**: distinct interviewees among a base theme's codes (a code listed twice
//!   counts once; `listed` keeps the raw length so the difference shows);
//! - **sum rule**: a component's (dimension's) frequency is the sum of its base themes' base
//!   frequencies: mentions, as QualCoder, MAXQDA and NVivo aggregate;
//! - **union rule**: the number of distinct interviewees across its base themes: coverage, never
//!   more than the number of interviewees;
//! - **share**: a value divided by the total of its level and column, as a percentage.
//!
//! How they are computed is [`compute`] (Polars group-bys and one sorted key column; the only
//! module that calls Polars) and `cooccurrence` (pairs counted straight into a matrix).
//! Comparing two sets of tables is the `compare` room, above this one.

use crate::case_id::CaseId;

mod compute;
mod cooccurrence;

pub use compute::compute;

/// One row of the base-theme table.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseThemeRow {
    /// 1-based position in the codebook.
    pub number: usize,
    pub dimension: String,
    pub component: String,
    pub theme: String,
    pub theme_en: String,
    /// Codes as listed, duplicates kept; empty for a base theme nobody raised.
    pub codes: Vec<CaseId>,
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
    pub code: CaseId,
    pub name: String,
    pub in_roster: bool,
    /// The roster's other columns, as printed and in English (`None` when all are empty, as for
    /// a code cited without a roster row): what a journal's Table 1 prints beside the name.
    /// Boxed: a study of a million interviewees has no such columns, and six empty strings a
    /// row were 140 MB. Read them with [`IntervieweeRow::roster`].
    pub roster_columns: Option<Box<RosterColumns>>,
    /// Distinct base themes whose source codes list this interviewee.
    pub base_themes: u32,
    /// Listings including repeats within one base theme.
    pub listings: u32,
    pub components: u32,
    pub dimensions: u32,
}

impl IntervieweeRow {
    /// The roster's other columns (all empty when it has none).
    pub fn roster(&self) -> &RosterColumns {
        static NONE: RosterColumns = RosterColumns {
            name_en: String::new(),
            role: String::new(),
            role_en: String::new(),
            year: String::new(),
            topics: String::new(),
            topics_en: String::new(),
        };
        self.roster_columns.as_deref().unwrap_or(&NONE)
    }
}

/// A roster row's columns besides the code and the printed name.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RosterColumns {
    pub name_en: String,
    pub role: String,
    pub role_en: String,
    /// Year of the interview, as printed.
    pub year: String,
    pub topics: String,
    pub topics_en: String,
}

/// All recomputed tables of one codebook.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Tables {
    pub study: String,
    pub roster_size: usize,
    pub base_themes: Vec<BaseThemeRow>,
    pub components: Vec<GroupRow>,
    pub dimensions: Vec<GroupRow>,
    /// Roster order, then cited codes missing from the roster in natural order.
    pub interviewees: Vec<IntervieweeRow>,
    /// Case × code: row i lists the base themes (indices into `base_themes`) whose source
    /// codes include interviewee `interviewees[i]`.
    pub case_matrix: CaseMatrix,
    /// `cooccurrence[a][b]`: interviewees shared by base themes `a` and `b` (diagonal: the base
    /// frequency).
    pub cooccurrence: Vec<Vec<u32>>,
    /// The coded segments behind the source codes (a coded or imported study), in the
    /// codebook's order: what the report shows as evidence. Empty for a paper's codebook.
    pub evidence: Vec<Evidence>,
}

/// A coded segment, as the report shows it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evidence {
    /// Its base theme: an index into [`Tables::base_themes`].
    pub theme: usize,
    pub source: String,
    pub start: u64,
    pub end: u64,
    pub text: String,
    pub term: String,
    pub negation: String,
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
    pub(super) fn from_runs(
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

//! Large studies: which base themes and interviewees a chart shows when it cannot show them
//! all (those with the most codings), and the notes that say what was left out.
//!
//! Not for drawing: a chart asks which rows to show and gets the note to print.

use super::shapes::{HRow, GREY};
use super::Chart;

/// Most rows and columns a heatmap draws: 200 rows of at least 10 px, 100 columns of 16 px on
/// the default width. A larger study's heatmaps show the rows and columns with the most codings
/// and say in the title what share of the codings lies outside.
pub(super) const MAX_HEATMAP_ROWS: usize = 200;
pub(super) const MAX_HEATMAP_COLUMNS: usize = 100;
/// Most base themes the base-theme chart draws (26 px a bar); a larger study shows those with
/// the most interviewees and sums up the others in a last row.
pub(super) const MAX_BARS: usize = 100;

/// Indices `0..len` of the `n` largest `key`s (ties to the earlier index), in index order.
pub(super) fn top_indices(len: usize, n: usize, key: impl Fn(usize) -> u32) -> Vec<usize> {
    let mut chosen: Vec<usize> = (0..len).collect();
    if len > n {
        chosen.sort_by_key(|&i| (std::cmp::Reverse(key(i)), i));
        chosen.truncate(n);
        chosen.sort_unstable();
    }
    chosen
}

/// Percentage of `all` codings not among the `shown` ones.
pub(super) fn hidden_share(shown: usize, all: usize) -> f64 {
    if all == 0 {
        0.0
    } else {
        (all - shown.min(all)) as f64 * 100.0 / all as f64
    }
}

impl Chart<'_> {
    /// A bar chart's title, with a note when it shows only the `shown` base themes with the
    /// most interviewees.
    pub(super) fn top_note(&self, title: &str, shown: usize) -> String {
        let all = self.tables.base_themes.len();
        if shown == all {
            return title.to_string();
        }
        let separator = if title.contains('\n') { " · " } else { "\n" };
        format!("{title}{separator}{}", self.words.top_note(shown, all))
    }

    /// The last rows of a bar chart that shows only the `chosen` base themes: what the others
    /// hold.
    pub(super) fn not_shown(&self, chosen: &[usize]) -> Vec<HRow> {
        let themes = &self.tables.base_themes;
        if chosen.len() == themes.len() {
            return Vec::new();
        }
        let w = self.words;
        let others: Vec<usize> = (0..themes.len())
            .filter(|t| chosen.binary_search(t).is_err())
            .collect();
        let codings =
            |ts: &[usize]| -> usize { ts.iter().map(|&t| themes[t].distinct as usize).sum() };
        let hidden = codings(&others);
        let share = hidden_share(codings(chosen), codings(chosen) + hidden);
        let most = others
            .iter()
            .map(|&t| themes[t].distinct)
            .max()
            .unwrap_or(0);
        vec![
            HRow::header(w.not_shown().into()),
            HRow {
                label: w.other_base_themes(others.len()),
                value: None,
                marker: None,
                color: GREY,
                note: w.others_hold(hidden, share, most),
                header: false,
            },
        ]
    }

    /// The `n` base themes with the most distinct interviewees (all of them when there are no
    /// more), in codebook order.
    pub(super) fn top_themes(&self, n: usize) -> Vec<usize> {
        let themes = &self.tables.base_themes;
        top_indices(themes.len(), n, |t| themes[t].distinct)
    }

    /// A title with a note of what a large study's chart leaves out: (shown, all) rows and
    /// columns, and the share of the codings outside the chart.
    pub(super) fn shown(
        &self,
        title: &str,
        rows: (usize, usize),
        columns: (usize, usize),
        hidden: f64,
    ) -> String {
        if rows.0 == rows.1 && columns.0 == columns.1 {
            return title.to_string();
        }
        let separator = if title.contains('\n') { " · " } else { "\n" };
        format!(
            "{title}{separator}{}",
            self.words.shown_note(rows, columns, hidden)
        )
    }
}

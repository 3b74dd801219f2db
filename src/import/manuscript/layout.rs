//! Tables out of positioned words: what a PDF's glyphs and `pdftotext -layout` text both come
//! to. Lines by baseline; a table ruled with lines is cut into cells by its rulings (a merged
//! cell is one without the ruling inside it); an unruled one by its gutters (x ranges no word
//! crosses), its rows by the column that has the most cells, and a value centred on a run of
//! rows (a merged cell) found by the midpoint rule: its centre is the midpoint between the top
//! of the run's first row and the bottom of its last. A table carried over a page break is one
//! table. Columns are given in reading order: right to left for a table in Arabic script.
//!
//! Not for glyphs or text syntax (`pdf`, `text`), nor for what the cells mean (`find`).

use crate::import::grid::{Cell, Grid, Row};

mod spaced;

/// A word where it is printed: its x range, its baseline (y grows downwards) and its height,
/// its text in logical order.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    pub x0: f64,
    pub x1: f64,
    pub baseline: f64,
    pub size: f64,
    pub text: String,
}

impl Word {
    fn top(&self) -> f64 {
        self.baseline - 0.75 * self.size
    }
    fn bottom(&self) -> f64 {
        self.baseline + 0.25 * self.size
    }
    fn centre_x(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
}

/// The words of a line of text at their character columns (a character a unit wide, the line
/// `y` units down), parted by spaces: what `pdftotext -layout` text comes to.
pub fn text_words(chars: &[char], y: f64) -> Vec<Word> {
    let mut words = Vec::new();
    let mut x = 0;
    while x < chars.len() {
        if chars[x] == ' ' {
            x += 1;
            continue;
        }
        let start = x;
        while x < chars.len() && chars[x] != ' ' {
            x += 1;
        }
        words.push(Word {
            x0: start as f64,
            x1: x as f64,
            baseline: y,
            size: 1.0,
            text: chars[start..x].iter().collect(),
        });
    }
    words
}

/// A ruling line: horizontal at y = `at` from x `from` to `to`, or vertical at x = `at`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ruling {
    pub horizontal: bool,
    pub at: f64,
    pub from: f64,
    pub to: f64,
}

/// The distances that tell a page's structure apart, in the page's units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scale {
    /// Baselines closer than this are one line.
    pub line: f64,
    /// Lines of one cell are at most this far apart (baseline to baseline).
    pub row_gap: f64,
    /// A gap this wide between two words of a line parts two cells.
    pub cell_gap: f64,
    /// A gutter between columns is at least this wide.
    pub gutter: f64,
    /// Rulings closer than this are one.
    pub snap: f64,
    /// The midpoint rule's tolerance.
    pub tolerance: f64,
    /// Whether the words of a right-to-left line come in visual order (a PDF's glyphs) or
    /// in logical order within each cell (pdftotext's text).
    pub visual_words: bool,
    /// Whether a cell's lines may have other cells' lines between them at the same spacing
    /// (text, where a line is a line; a value centred on a two-line cell gets the middle
    /// line). In a PDF the baselines tell.
    pub chain_lines: bool,
    /// Whether right-to-left lines were mirrored into logical column order before they came
    /// here (pdftotext's text: `text::mirrored`), so that every line reads left to right.
    pub mirrored: bool,
}

/// One page: its number, words, rulings and scale.
#[derive(Debug, Clone)]
pub struct Page {
    pub number: usize,
    pub words: Vec<Word>,
    pub rulings: Vec<Ruling>,
    pub scale: Scale,
}

/// What the pages hold: tables and the running text, a paragraph each.
#[derive(Debug, Clone, Default)]
pub struct Laid {
    pub tables: Vec<Grid>,
    pub paragraphs: Vec<String>,
}

/// Whether a character is written right to left.
fn rtl_char(c: char) -> bool {
    use unicode_bidi::BidiClass::{AL, R};
    matches!(unicode_bidi::bidi_class(c), R | AL)
}

fn has_rtl(text: &str) -> bool {
    text.chars().any(rtl_char)
}

fn has_ltr(text: &str) -> bool {
    use unicode_bidi::BidiClass::L;
    text.chars().any(|c| unicode_bidi::bidi_class(c) == L)
}

/// A line of words sorted by x.
#[derive(Debug, Clone)]
struct Line {
    words: Vec<Word>,
    baseline: f64,
    page: usize,
}

impl Line {
    fn x0(&self) -> f64 {
        self.words.first().map_or(0.0, |w| w.x0)
    }
    fn x1(&self) -> f64 {
        self.words.iter().map(|w| w.x1).fold(f64::MIN, f64::max)
    }
    fn top(&self) -> f64 {
        self.words.iter().map(Word::top).fold(f64::MAX, f64::min)
    }
    /// Its words in groups parted by gaps of at least `cell_gap`.
    fn segments(&self, cell_gap: f64) -> Vec<&[Word]> {
        let mut out = Vec::new();
        let mut start = 0;
        for i in 1..self.words.len() {
            if self.words[i].x0 - self.words[i - 1].x1 >= cell_gap {
                out.push(&self.words[start..i]);
                start = i;
            }
        }
        if !self.words.is_empty() {
            out.push(&self.words[start..]);
        }
        out
    }
}

fn lines_of(words: Vec<Word>, scale: &Scale, page: usize) -> Vec<Line> {
    let mut words = words;
    words.sort_by(|a, b| {
        a.baseline
            .total_cmp(&b.baseline)
            .then(a.x0.total_cmp(&b.x0))
    });
    let mut lines: Vec<Line> = Vec::new();
    for w in words {
        match lines.last_mut() {
            Some(l) if (w.baseline - l.baseline).abs() <= scale.line => l.words.push(w),
            _ => lines.push(Line {
                baseline: w.baseline,
                words: vec![w],
                page,
            }),
        }
    }
    for l in &mut lines {
        l.words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
    }
    lines
}

/// Words in reading order, joined with spaces. Visual right-to-left words run from right to
/// left, except runs of left-to-right words (numbers, Latin) inside them, which keep theirs.
fn reading(words: &[&Word], rtl: bool, scale: &Scale) -> String {
    if !rtl {
        return join(words.iter().copied());
    }
    if !scale.visual_words {
        // Logical within a cell; the cells of a line come in visual order: right first.
        let mut segments: Vec<Vec<&Word>> = Vec::new();
        for (i, w) in words.iter().enumerate() {
            if i == 0 || w.x0 - words[i - 1].x1 >= scale.cell_gap {
                segments.push(Vec::new());
            }
            segments.last_mut().expect("a segment").push(w);
        }
        return segments
            .iter()
            .rev()
            .map(|s| join(s.iter().copied()))
            .collect::<Vec<_>>()
            .join(" ");
    }
    let mut runs: Vec<Vec<&Word>> = Vec::new();
    let mut last_ltr = false;
    for w in words {
        let ltr = !has_rtl(&w.text);
        if ltr && last_ltr {
            runs.last_mut().expect("a run").push(w);
        } else {
            runs.push(vec![w]);
        }
        last_ltr = ltr;
    }
    runs.iter()
        .rev()
        .map(|r| join(r.iter().copied()))
        .collect::<Vec<_>>()
        .join(" ")
}

fn join<'a>(words: impl Iterator<Item = &'a Word>) -> String {
    words.map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")
}

/// Whether most words of these lines are in Arabic script.
fn mostly_rtl<'a>(words: impl Iterator<Item = &'a Word>) -> bool {
    let (mut r, mut l) = (0, 0);
    for w in words {
        if has_rtl(&w.text) {
            r += 1;
        } else if has_ltr(&w.text) {
            l += 1;
        }
    }
    r > l
}

/// A cell's text: its lines top to bottom, each in reading order.
fn cell_text(words: &[&Word], rtl: bool, scale: &Scale) -> String {
    let mut words: Vec<&Word> = words.to_vec();
    words.sort_by(|a, b| {
        a.baseline
            .total_cmp(&b.baseline)
            .then(a.x0.total_cmp(&b.x0))
    });
    let mut lines: Vec<Vec<&Word>> = Vec::new();
    let mut last = f64::MIN;
    for w in words {
        if lines.is_empty() || (w.baseline - last).abs() > scale.line {
            lines.push(Vec::new());
            last = w.baseline;
        }
        lines.last_mut().expect("a line").push(w);
    }
    lines
        .iter_mut()
        .map(|l| {
            l.sort_by(|a, b| a.x0.total_cmp(&b.x0));
            reading(l, rtl, scale)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A table as laid out before it becomes a grid: each slot's owner (a cell), each cell's
/// words, the row bands' pages.
struct Layout {
    /// owner[row][column] in visual column order.
    owner: Vec<Vec<usize>>,
    cells: Vec<Vec<Word>>,
    row_pages: Vec<usize>,
    /// How many of its rows are its head (known for space-aligned text; 0 otherwise).
    head_rows: usize,
}

impl Layout {
    fn grid(&self, rtl: bool, scale: &Scale) -> Grid {
        let width = self.owner.first().map_or(0, Vec::len);
        let mut seen = vec![false; self.cells.len()];
        let mut rows = Vec::new();
        for (r, line) in self.owner.iter().enumerate() {
            let order: Vec<usize> = if rtl {
                (0..width).rev().collect()
            } else {
                (0..width).collect()
            };
            let mut cells = Vec::new();
            for c in order {
                let id = line[c];
                if seen[id] {
                    continue;
                }
                seen[id] = true;
                let height = self.owner[r..].iter().take_while(|l| l[c] == id).count();
                let wide = line.iter().filter(|&&o| o == id).count();
                let words: Vec<&Word> = self.cells[id].iter().collect();
                cells.push(Cell::spanning(cell_text(&words, rtl, scale), height, wide));
            }
            rows.push(Row {
                cells,
                head: false,
                place: format!("page {}", self.row_pages[r]),
            });
        }
        Grid {
            rows,
            ..Grid::default()
        }
    }
}

/// Coordinates within `snap` of each other as one (sorted, the mean of each cluster).
fn clusters(mut values: Vec<f64>, snap: f64) -> Vec<f64> {
    values.sort_by(f64::total_cmp);
    let mut out: Vec<(f64, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((sum, n)) if v - *sum / *n as f64 <= snap => {
                *sum += v;
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
    }
    out.into_iter().map(|(s, n)| s / n as f64).collect()
}

/// The boxes drawn by rulings on a page: y extent and x extent of each set of vertical
/// rulings that overlap, with at least two of them.
fn ruled_boxes(rulings: &[Ruling], snap: f64) -> Vec<[f64; 4]> {
    let mut verticals: Vec<&Ruling> = rulings.iter().filter(|r| !r.horizontal).collect();
    verticals.sort_by(|a, b| a.from.total_cmp(&b.from));
    let mut boxes: Vec<[f64; 4]> = Vec::new();
    let mut members: Vec<Vec<f64>> = Vec::new();
    for v in verticals {
        match boxes.last_mut() {
            Some(b) if v.from <= b[1] + snap => {
                b[1] = b[1].max(v.to);
                b[2] = b[2].min(v.at);
                b[3] = b[3].max(v.at);
                members.last_mut().expect("members").push(v.at);
            }
            _ => {
                boxes.push([v.from, v.to, v.at, v.at]);
                members.push(vec![v.at]);
            }
        }
    }
    boxes
        .into_iter()
        .zip(members)
        .filter(|(b, m)| clusters(m.clone(), snap).len() >= 2 && b[1] - b[0] > snap)
        .map(|(b, _)| b)
        .collect()
}

/// Whether a word is in a box: its middle within the box's height and some of it within its
/// width (text can overflow the last column, or the page).
fn inside(w: &Word, b: &[f64; 4]) -> bool {
    let y = (w.top() + w.bottom()) / 2.0;
    y >= b[0] && y <= b[1] && w.x1 > b[2] && w.x0 < b[3]
}

/// A ruled table: cells between the rulings, merged where a ruling is missing.
fn ruled(b: &[f64; 4], words: Vec<Word>, rulings: &[Ruling], page: usize, snap: f64) -> Layout {
    let within = |r: &&Ruling| {
        if r.horizontal {
            r.at >= b[0] - snap && r.at <= b[1] + snap && r.to > b[2] && r.from < b[3]
        } else {
            r.at >= b[2] - snap && r.at <= b[3] + snap && r.to > b[0] && r.from < b[1]
        }
    };
    let mine: Vec<&Ruling> = rulings.iter().filter(within).collect();
    let xs = clusters(
        mine.iter()
            .filter(|r| !r.horizontal)
            .map(|r| r.at)
            .collect(),
        snap,
    );
    let mut ys = clusters(
        mine.iter()
            .filter(|r| r.horizontal)
            .map(|r| r.at)
            .chain([b[0], b[1]])
            .collect(),
        snap,
    );
    ys.dedup_by(|a, b| (*a - *b).abs() <= snap);
    let (nc, nr) = (xs.len().saturating_sub(1), ys.len().saturating_sub(1));
    let covers = |horizontal: bool, at: f64, mid: f64| {
        mine.iter().any(|r| {
            r.horizontal == horizontal
                && (r.at - at).abs() <= snap
                && r.from - snap <= mid
                && r.to + snap >= mid
        })
    };
    let mut owner = vec![vec![usize::MAX; nc]; nr];
    let mut cells: Vec<Vec<Word>> = Vec::new();
    for r in 0..nr {
        for c in 0..nc {
            if owner[r][c] != usize::MAX {
                continue;
            }
            let id = cells.len();
            cells.push(Vec::new());
            let ymid = |r: usize| (ys[r] + ys[r + 1]) / 2.0;
            let xmid = |c: usize| (xs[c] + xs[c + 1]) / 2.0;
            let mut right = c + 1;
            while right < nc && owner[r][right] == usize::MAX && !covers(false, xs[right], ymid(r))
            {
                right += 1;
            }
            let mut down = r + 1;
            while down < nr
                && (c..right)
                    .all(|cc| owner[down][cc] == usize::MAX && !covers(true, ys[down], xmid(cc)))
            {
                down += 1;
            }
            for line in owner.iter_mut().take(down).skip(r) {
                for slot in line.iter_mut().take(right).skip(c) {
                    *slot = id;
                }
            }
        }
    }
    for w in words {
        let (x, y) = (w.centre_x(), (w.top() + w.bottom()) / 2.0);
        let c = xs
            .windows(2)
            .position(|p| x >= p[0] && x <= p[1])
            .or_else(|| (nc > 0).then(|| if x < xs[0] { 0 } else { nc - 1 }));
        let r = ys.windows(2).position(|p| y >= p[0] && y <= p[1]);
        if let (Some(r), Some(c)) = (r, c) {
            cells[owner[r][c]].push(w);
        }
    }
    Layout {
        owner,
        cells,
        row_pages: vec![page; nr],
        head_rows: 0,
    }
}

/// The columns of an unruled table: the x ranges between its gutters. A gutter is a range no
/// word crosses (one spanning head word in eight lines allowed), at least `gutter` wide, where
/// most lines that have words on both sides part them by a cell's gap, not a word's.
fn columns(lines: &[Line], scale: &Scale) -> Vec<(f64, f64)> {
    // In text a head over several columns ("Frequency as printed") is not parted where they
    // are: the lines above the first value with fewer than three cells do not draw gutters.
    let kept: Vec<Line>;
    let all = lines;
    let lines = if scale.chain_lines {
        let first_value = spaced::first_value_line(lines);
        kept = lines
            .iter()
            .enumerate()
            .filter(|(i, l)| *i >= first_value || l.segments(scale.cell_gap).len() >= 3)
            .map(|(_, l)| l.clone())
            .collect();
        if kept.is_empty() {
            lines
        } else {
            &kept[..]
        }
    } else {
        lines
    };
    let mut edges: Vec<f64> = lines
        .iter()
        .flat_map(|l| l.words.iter().flat_map(|w| [w.x0, w.x1]))
        .collect();
    edges.sort_by(f64::total_cmp);
    edges.dedup();
    // A spanning head word in eight lines may cross a gutter (a PDF's; text's spanning heads
    // are left out above, and a sparse column's words cross no gutter there).
    let allowed = if lines.len() >= 8 && !scale.chain_lines {
        lines.len() / 8
    } else {
        0
    };
    // In text a head's words are parted by single spaces wherever its columns are narrow
    // ("Component Dimension" over two columns of counts): only the body's lines cross.
    let body_from = if scale.chain_lines {
        spaced::first_value_line(lines)
    } else {
        0
    };
    let crossing = |x: f64| {
        lines[body_from..]
            .iter()
            .filter(|l| l.words.iter().any(|w| w.x0 < x && w.x1 > x))
            .count()
    };
    let (lo, hi) = (edges[0], *edges.last().expect("edges"));
    // Runs of x that at most `allowed` lines cross; within a run, the stretches that the
    // fewest lines cross (a sparse column, a merged cell's few lines, is not a gutter).
    let mut runs: Vec<Vec<(f64, f64, usize)>> = Vec::new();
    let mut last_end = f64::NAN;
    for pair in edges.windows(2) {
        let n = crossing((pair[0] + pair[1]) / 2.0);
        if n > allowed {
            last_end = f64::NAN;
            continue;
        }
        match runs.last_mut() {
            Some(run) if last_end == pair[0] => run.push((pair[0], pair[1], n)),
            _ => runs.push(vec![(pair[0], pair[1], n)]),
        }
        last_end = pair[1];
    }
    let mut gutters: Vec<(f64, f64)> = Vec::new();
    for run in runs {
        let least = run.iter().map(|p| p.2).min().unwrap_or(0);
        let mut open: Option<(f64, f64)> = None;
        for (a, b, n) in run {
            match (&mut open, n == least) {
                (Some(g), true) => g.1 = b,
                (None, true) => open = Some((a, b)),
                (Some(_), false) => gutters.extend(open.take()),
                (None, false) => {}
            }
        }
        gutters.extend(open);
    }
    // In text a column that is empty in the body ("Role" on a roster that prints none) has a
    // head inside a gutter of the body: the head stands for its column, so the gutter is cut
    // around it.
    if scale.chain_lines {
        let heads: Vec<(f64, f64)> = lines[..body_from]
            .iter()
            .flat_map(|l| l.segments(scale.cell_gap))
            .map(|s| (s[0].x0, s[s.len() - 1].x1))
            .collect();
        let mut cut: Vec<(f64, f64)> = Vec::with_capacity(gutters.len());
        for g in gutters {
            let mut inside: Vec<(f64, f64)> = heads
                .iter()
                .copied()
                .filter(|h| h.0 >= g.0 + scale.gutter && h.1 <= g.1 - scale.gutter)
                .collect();
            inside.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut from = g.0;
            for h in inside {
                if h.0 > from {
                    cut.push((from, h.0));
                }
                from = from.max(h.1);
            }
            cut.push((from, g.1));
        }
        gutters = cut;
    }
    // A head word over x: in the lines above the first with a value (all of them: a head
    // line of single spaces, "f % Participants", draws no gutter but heads its columns).
    let head_lines = &all[..spaced::first_value_line(all)];
    let headed = |x: f64| {
        head_lines
            .iter()
            .any(|l| l.words.iter().any(|w| w.x0 >= x - 1e-9 && w.x0 < x + 3.0))
    };
    // A head word over any of x0..x1.
    let headed_over = |x0: f64, x1: f64| {
        head_lines
            .iter()
            .any(|l| l.words.iter().any(|w| w.x0 < x1 && w.x1 > x0))
    };
    // Where the words parted by single spaces that end with `last` begin on its line.
    let run_start = |l: &Line, last: &Word| {
        let mut x0 = last.x0;
        let mut before: Vec<&Word> = l.words.iter().filter(|w| w.x1 <= last.x0).collect();
        before.sort_by(|a, b| b.x1.total_cmp(&a.x1));
        for w in before {
            if x0 - w.x1 >= scale.cell_gap {
                break;
            }
            x0 = w.x0;
        }
        x0
    };
    let real = |g: &(f64, f64)| {
        if g.1 - g.0 < scale.gutter || g.0 <= lo || g.1 >= hi {
            return false;
        }
        let (mut wide, mut narrow) = (0, 0);
        for l in lines {
            // In text a word over a gutter of a single space says it is not one (the body's
            // lines alone drew it: "Physical toll" under "Organizing theme"); a wider one a
            // head may cross ("Component Dimension" over two columns of counts).
            if scale.chain_lines
                && g.1 - g.0 < scale.cell_gap
                && l.words.iter().any(|w| w.x0 < g.1 && w.x1 > g.0)
            {
                narrow += 1;
                continue;
            }
            let left = l
                .words
                .iter()
                .filter(|w| w.x1 <= g.0 + 1e-9)
                .max_by(|a, b| a.x1.total_cmp(&b.x1));
            let right = l
                .words
                .iter()
                .filter(|w| w.x0 >= g.1 - 1e-9)
                .min_by(|a, b| a.x0.total_cmp(&b.x0));
            if let (Some(left), Some(right)) = (left, right) {
                // In text, a line whose words on both sides are far from the gutter says
                // nothing of it (they are other columns' words, across a sparse one).
                if scale.chain_lines
                    && left.x1 < g.0 - 2.0 * scale.gutter
                    && right.x0 > g.1 + 2.0 * scale.gutter
                {
                    continue;
                }
                // In text a single space can part two cells: a count from a label, a share
                // from a count, a list of codes from a share.
                // A count after a label needs a head of its own ("f") over it, and the label
                // one over it too, or it is the label's own number ("Base theme 12",
                // "Interviewee 1" under a head centred over the count).
                let (a, b) = (spaced::kind(&left.text), spaced::kind(&right.text));
                let kinds = scale.chain_lines
                    && a != b
                    && (a != spaced::Kind::Word
                        || b != spaced::Kind::Count
                        || headed(g.1) && headed_over(run_start(l, left), left.x1));
                if right.x0 - left.x1 >= scale.cell_gap || kinds {
                    wide += 1;
                } else {
                    narrow += 1;
                }
            }
        }
        wide >= narrow
    };
    let mut bounds = vec![lo];
    for g in gutters.iter().filter(|g| real(g)) {
        bounds.push((g.0 + g.1) / 2.0);
    }
    bounds.push(hi);
    if scale.chain_lines {
        spaced::join_lone_columns(&mut bounds, lines, scale.cell_gap);
        spaced::join_heads_to_bodies(&mut bounds, lines);
    }
    bounds.windows(2).map(|p| (p[0], p[1])).collect()
}

/// The rows of an unruled table and their cells: the densest column's blocks of lines make
/// the rows; every other column's blocks go to the row they sit in, or span the run of rows
/// they are centred on.
/// `carried`: the table began on a page before whose levels ended so (its first rows may
/// belong to a group carried over); `goes_on`: it goes on over the next page. With the layout,
/// where its levels end (space-aligned text only).
fn unruled(
    lines: Vec<Line>,
    scale: &Scale,
    carried: Option<&spaced::Ends>,
    goes_on: bool,
) -> (Layout, spaced::Ends) {
    let mut lines = lines;
    let mut cols = columns(&lines, scale);
    if scale.chain_lines {
        // A note under the table ("† differs from the printed value"): a last line of words
        // parted by single spaces, across columns or opened by a note's mark, is prose.
        let across = |l: &Line| {
            let marked = l.words.first().is_some_and(|w| {
                w.text.starts_with(['†', '‡', '*', '§'])
                    || matches!(w.text.as_str(), "Note:" | "Notes:" | "Note." | "یادداشت:")
            });
            l.segments(scale.cell_gap).len() == 1
                && !spaced::values_after_words(&l.words)
                && (marked || cols.iter().any(|c| c.0 > l.x0() && c.0 < l.x1()))
        };
        let before = lines.len();
        while lines.len() > 2 && lines.last().is_some_and(across) {
            lines.pop();
        }
        if lines.len() != before {
            cols = columns(&lines, scale);
        }
        if let Some(laid) = spaced::layout(&lines, &cols, carried, goes_on) {
            return laid;
        }
    }
    let nc = cols.len();
    let column_of = |w: &Word| {
        let x = w.centre_x();
        cols.iter()
            .position(|c| x <= c.1)
            .unwrap_or(nc.saturating_sub(1))
    };
    // Each column's blocks: its words on consecutive lines closer than a row's gap.
    struct Block {
        words: Vec<Word>,
        top: f64,
        bottom: f64,
        first: f64,
        last: f64,
        chain: usize,
        page: usize,
        wide: (usize, usize),
    }
    let mut blocks: Vec<Vec<Block>> = (0..nc).map(|_| Vec::new()).collect();
    // The row whose band (up to the midpoints between rows) holds y on its page.
    let row_of = |rows: &[(f64, f64, usize)], page: usize, y: f64| -> usize {
        let on_page: Vec<usize> = (0..rows.len()).filter(|&i| rows[i].2 == page).collect();
        let Some(&first) = on_page.first() else {
            return rows.iter().rposition(|r| r.2 < page).unwrap_or(0);
        };
        let mut best = first;
        for &i in &on_page {
            if rows[i].0 <= y {
                best = i;
            }
        }
        match on_page.iter().find(|&&i| i == best + 1) {
            Some(&next) if y > (rows[best].1 + rows[next].0) / 2.0 => next,
            _ => best,
        }
    };
    // Text: a line is a line, so a cell's lines can be two apart with a centred value
    // between them, and rows need not be parted by a blank line. The rows are the full lines
    // (words in at least half the columns any line fills); every other line belongs to the
    // nearest full line's row, and a cell is a column's words within one row.
    let full_rows: Vec<(f64, f64, usize)> = if scale.chain_lines {
        let filled: Vec<usize> = lines
            .iter()
            .map(|l| {
                let mut seen = vec![false; nc];
                for w in &l.words {
                    seen[column_of(w)] = true;
                }
                seen.iter().filter(|&&s| s).count()
            })
            .collect();
        let most = filled.iter().copied().max().unwrap_or(0);
        let full = most.div_ceil(2).max(2);
        lines
            .iter()
            .zip(&filled)
            .filter(|(_, &f)| f >= full)
            .map(|(l, _)| {
                let top = l.words.iter().map(Word::top).fold(f64::MAX, f64::min);
                let bottom = l.words.iter().map(Word::bottom).fold(f64::MIN, f64::max);
                (top, bottom, l.page)
            })
            .collect()
    } else {
        Vec::new()
    };
    let chains: Vec<usize> = lines
        .iter()
        .map(|l| {
            let size = l.words.iter().map(|w| w.size).fold(0.0, f64::max);
            row_of(&full_rows, l.page, l.baseline - 0.25 * size)
        })
        .collect();
    for (n, line) in lines.iter().enumerate() {
        let mut by_col: Vec<Vec<Word>> = vec![Vec::new(); nc];
        let mut spans: Vec<(usize, usize)> = vec![(usize::MAX, 0); nc];
        for w in &line.words {
            let first = cols.iter().position(|c| w.x0 < c.1).unwrap_or(0);
            let last = cols
                .iter()
                .rposition(|c| w.x1 > c.0)
                .unwrap_or(first)
                .max(first);
            let c = if last > first { first } else { column_of(w) };
            spans[c] = (spans[c].0.min(first), spans[c].1.max(last));
            by_col[c].push(w.clone());
        }
        for (c, words) in by_col.into_iter().enumerate() {
            if words.is_empty() {
                continue;
            }
            let top = words.iter().map(Word::top).fold(f64::MAX, f64::min);
            let bottom = words.iter().map(Word::bottom).fold(f64::MIN, f64::max);
            let wide = (spans[c].0.min(c), spans[c].1.max(c));
            let list = &mut blocks[c];
            match list.last_mut() {
                Some(b)
                    if b.page == line.page
                        && b.wide == wide
                        && if scale.chain_lines {
                            b.chain == chains[n]
                        } else {
                            line.baseline - b.last <= scale.row_gap
                        } =>
                {
                    b.bottom = b.bottom.max(bottom);
                    b.last = line.baseline;
                    b.words.extend(words);
                }
                _ => list.push(Block {
                    words,
                    top,
                    bottom,
                    first: line.baseline,
                    last: line.baseline,
                    chain: chains[n],
                    page: line.page,
                    wide,
                }),
            }
        }
    }
    let dense = (0..nc)
        .max_by_key(|&c| (blocks[c].len(), usize::MAX - c))
        .unwrap_or(0);
    // Rows: the dense column's blocks, in order; other columns' blocks that overlap two rows
    // join them (a row whose cells wrap further than the dense column's).
    let mut rows: Vec<(f64, f64, usize)> = if scale.chain_lines {
        full_rows.clone()
    } else {
        blocks[dense]
            .iter()
            .map(|b| (b.top, b.bottom, b.page))
            .collect()
    };
    rows.sort_by(|a, b| a.2.cmp(&b.2).then(a.0.total_cmp(&b.0)));
    if rows.is_empty() {
        return (
            Layout {
                owner: Vec::new(),
                cells: Vec::new(),
                row_pages: Vec::new(),
                head_rows: 0,
            },
            spaced::Ends::new(),
        );
    }
    let nr = rows.len();
    let mut owner = vec![vec![usize::MAX; nc]; nr];
    let mut cells: Vec<Vec<Word>> = Vec::new();
    for (c, list) in blocks.into_iter().enumerate() {
        let placed: Vec<(usize, usize, Block)> = list
            .into_iter()
            .map(|b| {
                let size = b.words.iter().map(|w| w.size).fold(0.0, f64::max);
                let a = row_of(&rows, b.page, b.first - 0.25 * size);
                let z = row_of(&rows, b.page, b.last - 0.25 * size).max(a);
                (a, z, b)
            })
            .collect();
        // The midpoint rule, for a block alone on its rows: the run of rows from the row after
        // the previous block's to one whose midpoint is its centre.
        let mut free_from = 0;
        for i in 0..placed.len() {
            let (mut a, mut z, ref b) = placed[i];
            let next = placed.get(i + 1).map_or(nr, |p| p.0);
            if c != dense && a == z {
                let centre = (b.top + b.bottom) / 2.0;
                let (row_a, page) = (a, b.page);
                let fits = (free_from..=row_a)
                    .flat_map(|start| (row_a..next).map(move |end| (start, end)))
                    .find(|&(start, end)| {
                        end > start
                            && rows[start].2 == page
                            && rows[end].2 == page
                            && ((rows[start].0 + rows[end].1) / 2.0 - centre).abs()
                                <= scale.tolerance
                    });
                if let Some((start, end)) = fits {
                    a = start;
                    z = end;
                }
            }
            let (x0, x1) = b.wide;
            let taken = (a..=z).any(|r| (x0..=x1).any(|cc| owner[r][cc] != usize::MAX));
            let id = cells.len();
            cells.push(b.words.clone());
            if taken {
                // Overlaps a cell already placed: its words join that cell.
                let other = (a..=z)
                    .flat_map(|r| (x0..=x1).map(move |cc| (r, cc)))
                    .map(|(r, cc)| owner[r][cc])
                    .find(|&o| o != usize::MAX)
                    .expect("taken");
                let words = cells.pop().expect("pushed");
                cells[other].extend(words);
                continue;
            }
            for line in owner.iter_mut().take(z + 1).skip(a) {
                for slot in line.iter_mut().take(x1 + 1).skip(x0) {
                    *slot = id;
                }
            }
            free_from = z + 1;
        }
    }
    for line in owner.iter_mut() {
        for slot in line.iter_mut() {
            if *slot == usize::MAX {
                *slot = cells.len();
                cells.push(Vec::new());
            }
        }
    }
    (
        Layout {
            owner,
            cells,
            row_pages: rows.iter().map(|r| r.2).collect(),
            head_rows: 0,
        },
        spaced::Ends::new(),
    )
}

/// A block of a page: a table's lines or a ruled table, or running text.
enum Block {
    Unruled(Vec<Line>),
    Ruled(Layout, bool),
    Text(Vec<Line>),
}

/// Lay out the pages: their tables (a table continued over a page break joined) and text.
pub fn lay_out(pages: Vec<Page>) -> Laid {
    let mut blocks: Vec<(Block, Scale, usize)> = Vec::new();
    for page in pages {
        let scale = page.scale;
        let boxes = ruled_boxes(&page.rulings, scale.snap);
        let mut rest = Vec::new();
        let mut inside_box: Vec<Vec<Word>> = vec![Vec::new(); boxes.len()];
        for w in page.words {
            match boxes.iter().position(|b| inside(&w, b)) {
                Some(i) => inside_box[i].push(w),
                None => rest.push(w),
            }
        }
        let mut page_blocks: Vec<(f64, Block)> = Vec::new();
        for (b, words) in boxes.iter().zip(inside_box) {
            if words.is_empty() {
                continue;
            }
            let rtl = !scale.mirrored && mostly_rtl(words.iter());
            let layout = ruled(b, words, &page.rulings, page.number, scale.snap);
            page_blocks.push((b[0], Block::Ruled(layout, rtl)));
        }
        // The text above, between and under the ruled tables is read apart, so that a caption
        // under one table is the next one's (not the last line of the text above the first).
        let mut tops: Vec<f64> = boxes.iter().map(|b| b[0]).collect();
        tops.sort_by(f64::total_cmp);
        let mut apart: Vec<Vec<Line>> = vec![Vec::new(); tops.len() + 1];
        for line in lines_of(rest, &scale, page.number) {
            apart[tops.iter().filter(|&&t| t < line.baseline).count()].push(line);
        }
        for lines in apart.into_iter().filter(|l| !l.is_empty()) {
            for (top, block) in regions(lines, &scale) {
                page_blocks.push((top, block));
            }
        }
        page_blocks.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (_, b) in page_blocks {
            blocks.push((b, scale, page.number));
        }
    }
    join_pages(blocks)
}

/// Running text and unruled tables: a table is a run of lines with cells (two words parted
/// by a cell's gap), with the short lines between them (a cell broken over lines).
fn regions(lines: Vec<Line>, scale: &Scale) -> Vec<(f64, Block)> {
    let width = lines.iter().map(Line::x1).fold(f64::MIN, f64::max)
        - lines.iter().map(Line::x0).fold(f64::MAX, f64::min);
    // In text a caption («Table 2: …», «جدول دوم: …») starts a table: it never ends one's
    // rows (a PDF's regions are told apart by the spacing the glyphs keep).
    let caption: Vec<bool> = lines
        .iter()
        .map(|l| scale.chain_lines && is_caption(l))
        .collect();
    let tabular: Vec<bool> = lines
        .iter()
        .zip(&caption)
        .map(|(l, &caption)| {
            !caption
                && (l.segments(scale.cell_gap).len() >= 2
                    || scale.chain_lines && spaced::values_after_words(&l.words))
        })
        .collect();
    let short = |l: &Line| l.x1() - l.x0() < 0.5 * width;
    // Short lines between a caption (or the page's top) and the first line with cells: a
    // head's top lines (a group head over columns, a head centred on the lines under it).
    // A caption's own next lines follow it directly from where it starts.
    let continues = |c: usize, j: usize| {
        j == c
            || lines[j].baseline - lines[j - 1].baseline < 1.5 * scale.line.max(1.0)
                && (lines[j].x0() - lines[c].x0()).abs() <= scale.cell_gap
    };
    let head_under_caption = |i: usize| {
        let above = (0..i)
            .rev()
            .find(|&c| caption[c] || tabular[c] || !short(&lines[c]));
        // Under a caption (not the caption's own next line), or at the top of the page (a
        // table continued there, its head repeated).
        let under = match above {
            Some(c) => caption[c] && !(c + 1..=i).all(|j| continues(c, j)),
            None => scale.chain_lines,
        };
        under
            && short(&lines[i])
            && !caption[i]
            && (i + 1..lines.len())
                .take_while(|&j| lines[j].baseline - lines[j - 1].baseline <= 2.0 * scale.row_gap)
                .find(|&j| tabular[j] || caption[j] || !short(&lines[j]))
                .is_some_and(|j| tabular[j])
    };
    let mut out: Vec<(f64, Block)> = Vec::new();
    let mut text: Vec<Line> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !tabular[i] && !head_under_caption(i) {
            text.push(lines[i].clone());
            i += 1;
            continue;
        }
        let mut end = i + 1;
        let mut last_tab = i;
        while end < lines.len() {
            let gap = lines[end].baseline - lines[end - 1].baseline;
            if caption[end] {
                break;
            }
            if tabular[end] && gap <= 3.0 * scale.row_gap {
                last_tab = end;
                end += 1;
            } else if !tabular[end] && short(&lines[end]) && gap <= 2.0 * scale.row_gap {
                end += 1;
            } else {
                break;
            }
        }
        // Short lines after the last line with cells stay in the table only if close to it.
        let mut stop = last_tab + 1;
        while stop < end && lines[stop].baseline - lines[stop - 1].baseline <= scale.row_gap {
            stop += 1;
        }
        let rows: Vec<Line> = lines[i..stop].to_vec();
        if rows
            .iter()
            .filter(|l| l.segments(scale.cell_gap).len() >= 2)
            .count()
            >= 2
        {
            if !text.is_empty() {
                out.push((text[0].top(), Block::Text(std::mem::take(&mut text))));
            }
            out.push((rows[0].top(), Block::Unruled(rows)));
        } else {
            text.extend(rows);
        }
        i = stop;
    }
    if !text.is_empty() {
        out.push((text[0].top(), Block::Text(text)));
    }
    out
}

/// Whether a line is a table's caption: «Table» or «جدول» and then its number (in any
/// digits, a Roman numeral, or a Persian ordinal: «جدول دوم», «جدول شماره ۲»).
fn is_caption(line: &Line) -> bool {
    let mut words = line
        .words
        .iter()
        .map(|w| w.text.trim_matches([':', '.', '،']));
    let (Some(first), Some(second)) = (words.next(), words.next()) else {
        return false;
    };
    let named = first.eq_ignore_ascii_case("table") || first == "جدول";
    let numbered = second.chars().next().is_some_and(|c| c.is_numeric())
        || second.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
        || second == "شماره"
        || [
            "اول",
            "یک",
            "دوم",
            "سوم",
            "چهارم",
            "پنجم",
            "ششم",
            "هفتم",
            "هشتم",
            "نهم",
            "دهم",
        ]
        .contains(&second);
    named && numbered
}

/// Whether lines are only a page's furniture (a page number, a running head): short, and
/// not a table's caption.
fn furniture(lines: &[Line]) -> bool {
    lines.len() <= 2 && lines.iter().all(|l| l.words.len() <= 6 && !is_caption(l))
}

fn join_pages(blocks: Vec<(Block, Scale, usize)>) -> Laid {
    let mut laid = Laid::default();
    // Tables in progress: unruled lines (joined over pages) or ruled grids.
    enum Open {
        Unruled(Vec<Vec<Line>>, Scale),
        Ruled(Grid),
    }
    let mut open: Option<Open> = None;
    let mut caption = String::new();
    let mut captions: Vec<String> = Vec::new();
    let mut last_page = 0;
    let close = |open: &mut Option<Open>, laid: &mut Laid, captions: &mut Vec<String>| {
        let Some(o) = open.take() else { return };
        let grids = match o {
            Open::Ruled(g) => vec![g],
            Open::Unruled(pages, scale) => {
                let rtl =
                    !scale.mirrored && mostly_rtl(pages.iter().flatten().flat_map(|l| &l.words));
                unruled_pages(pages, rtl, &scale)
            }
        };
        let caption = captions.pop().unwrap_or_default();
        for mut grid in grids {
            if grid.rows.is_empty() {
                continue;
            }
            let n = laid.tables.len() + 1;
            let first = grid
                .rows
                .first()
                .map(|r| r.place.clone())
                .unwrap_or_default();
            let last = grid
                .rows
                .last()
                .map(|r| r.place.clone())
                .unwrap_or_default();
            grid.place = if first == last {
                format!("table {n} ({first})")
            } else {
                format!(
                    "table {n} ({first} to {})",
                    last.trim_start_matches("page ")
                )
            };
            grid.caption = caption.clone();
            laid.tables.push(grid);
        }
    };
    for (block, scale, page) in blocks {
        let new_page = page != last_page;
        last_page = page;
        match block {
            Block::Text(lines) => {
                if furniture(&lines) {
                    continue;
                }
                close(&mut open, &mut laid, &mut captions);
                for p in paragraphs(&lines, &scale) {
                    caption = p.clone();
                    laid.paragraphs.push(p);
                }
            }
            Block::Unruled(lines) => match &mut open {
                Some(Open::Unruled(old, _)) if new_page => old.push(lines),
                _ => {
                    close(&mut open, &mut laid, &mut captions);
                    captions.push(std::mem::take(&mut caption));
                    open = Some(Open::Unruled(vec![lines], scale));
                }
            },
            Block::Ruled(layout, rtl) => {
                let grid = layout.grid(rtl, &scale);
                match &mut open {
                    Some(Open::Ruled(old)) if new_page => old.rows.extend(grid.rows),
                    _ => {
                        close(&mut open, &mut laid, &mut captions);
                        captions.push(std::mem::take(&mut caption));
                        open = Some(Open::Ruled(grid));
                    }
                }
            }
        }
    }
    close(&mut open, &mut laid, &mut captions);
    laid
}

/// An unruled table over pages. A PDF's pages share their geometry, so their lines are laid
/// out as one; a text's pages do not (a line's words move with the characters before them, page
/// by page), so each page is laid out alone: the pages are one table when their columns agree,
/// and tables of their own otherwise (a head repeated on the next page tells `find` that they
/// continue).
fn unruled_pages(pages: Vec<Vec<Line>>, rtl: bool, scale: &Scale) -> Vec<Grid> {
    if scale.chain_lines && pages.len() > 1 {
        // Page by page, each told where the page before left its levels.
        let mut layouts: Vec<Layout> = Vec::with_capacity(pages.len());
        let mut ends: Option<spaced::Ends> = None;
        for (i, lines) in pages.iter().enumerate() {
            let (layout, end) = unruled(lines.clone(), scale, ends.as_ref(), i + 1 < pages.len());
            layouts.push(layout);
            ends = Some(end);
        }
        // A page that repeats the first page's head takes its columns.
        for i in 1..layouts.len() {
            if let Some(mapped) = spaced::continue_columns(&layouts[0], &layouts[i]) {
                layouts[i] = mapped;
            }
        }
        let grids: Vec<Grid> = layouts.iter().map(|l| l.grid(rtl, scale)).collect();
        let width = |l: &Layout| l.owner.first().map_or(0, Vec::len);
        let first = width(&layouts[0]);
        if layouts.iter().all(|l| width(l) == first) {
            let mut joined = Grid::default();
            for g in grids {
                joined.rows.extend(g.rows);
            }
            return vec![joined];
        }
        return grids;
    }
    vec![
        unruled(pages.into_iter().flatten().collect(), scale, None, false)
            .0
            .grid(rtl, scale),
    ]
}

/// Running text in paragraphs: lines further apart than a line and a half part them.
fn paragraphs(lines: &[Line], scale: &Scale) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut last: Option<&Line> = None;
    for l in lines {
        let rtl = !scale.mirrored && mostly_rtl(l.words.iter());
        let words: Vec<&Word> = l.words.iter().collect();
        let text = reading(&words, rtl, scale);
        let apart = last.is_none_or(|p| l.baseline - p.baseline > 1.5 * scale.row_gap / 1.3);
        match out.last_mut() {
            Some(p) if !apart => {
                p.push(' ');
                p.push_str(&text);
            }
            _ => out.push(text),
        }
        last = Some(l);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF page's scale in points (the rulings and words below are in points).
    fn pdf_scale() -> Scale {
        Scale {
            line: 2.0,
            row_gap: 12.0,
            cell_gap: 6.0,
            gutter: 4.0,
            snap: 1.5,
            tolerance: 1.5,
            visual_words: true,
            chain_lines: false,
            mirrored: false,
        }
    }

    #[test]
    fn a_caption_is_table_or_jadval_and_its_number() {
        let line = |t: &str| Line {
            words: text_words(&t.chars().collect::<Vec<_>>(), 0.0),
            baseline: 0.0,
            page: 1,
        };
        for caption in [
            "Table 2. Themes",
            "TABLE IV: Codes",
            "جدول ۲: مضامین",
            "جدول دوم: کدگذاری",
        ] {
            assert!(is_caption(&line(caption)), "{caption}");
        }
        for text in [
            "Tables show the themes",
            "جدول زیر مضامین را نشان می‌دهد",
            "Table",
        ] {
            assert!(!is_caption(&line(text)), "{text}");
        }
    }

    const TEXT: Scale = Scale {
        line: 0.5,
        row_gap: 2.5,
        cell_gap: 2.0,
        gutter: 1.0,
        snap: 0.5,
        tolerance: 0.6,
        visual_words: false,
        chain_lines: true,
        mirrored: false,
    };

    /// Words of text lines at their character columns (one line = one unit down).
    fn page(text: &str) -> Page {
        let mut words = Vec::new();
        for (y, line) in text.lines().enumerate() {
            let chars: Vec<char> = line.chars().collect();
            words.extend(text_words(&chars, y as f64));
        }
        Page {
            number: 1,
            words,
            rulings: Vec::new(),
            scale: TEXT,
        }
    }

    fn cells(g: &Grid) -> Vec<Vec<String>> {
        g.slots()
            .iter()
            .map(|line| {
                line.iter()
                    .map(|s| match s {
                        Some(s) if s.first_row && s.first_col => g.text(*s).replace('\n', "/"),
                        Some(_) => "^".into(),
                        None => "·".into(),
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_narrow_tables_cells_parted_by_single_spaces_are_told_by_what_they_are() {
        // Poppler's text of a narrow Word table (page 2 of nurses.pdf): the count, share and
        // codes of a row moved from line to line, so that no gutter parts them, and single
        // spaces between them.
        let laid = lay_out(vec![page(
            "Global Organizing        Basic\n\
             \x20                                 f % Participants\n\
             theme    theme          theme\n\
             \n\
             \x20                                          P5, P7, P9,\n\
             \x20                     sleep\n\
             \x20                                          P12\n\
             \n\
             \x20                     Back pain\n\
             \x20        toll         from      3 21.4 P3, P6, P8\n\
             \x20                     lifting\n\
             \n\
             \x20                     Skipped              P2, P10, P11,\n\
             \x20                                 4 28.6\n\
             \x20                     meals                P14\n\
             \n\
             \x20                     Isolation\n\
             \x20                                          P1, P3, P5,\n\
             \x20                     on the      4 28.6\n\
             \x20                                          P13\n\
             \x20                     ward\n\
             \x20        Emotional\n\
             \x20        load\n\
             \x20                     Fear of\n\
             \x20                                          P2, P4, P6,\n\
             \x20                     making      6 42.9\n\
             \x20                                          P8, P10, P12\n\
             \x20                     errors\n\
             \n\
             \x20                     Handover\n\
             \x20                              3 21.4 P1, P5, P9\n\
             \x20                     rituals\n\
             \x20        Team\n\
             \x20        support      Covering\n\
             \x20                                       P4, P7, P11,\n\
             \x20                     for        5 35.7\n\
             \x20                                       P13, P14\n\
             \x20                     colleagues\n\
             \n\
             Coping                Napping\n\
             \x20                               3 21.4 P3, P8, P12\n\
             \x20                     on breaks\n\
             \n\
             \x20        Personal                          P2, P6, P9,\n\
             \x20                     Caffeine    5 35.7\n\
             \x20        strategies                        P10\n\
             \n\
             \x20                     Family\n\
             \x20                                 2 14.3 P5, P11\n\
             \x20                     routines\n",
        )]);
        // The base themes' side of each row (the merged groups of a page read alone are not
        // this test's: the page is the second of its table).
        let rows: Vec<Vec<String>> = cells(&laid.tables[0])
            .into_iter()
            .map(|row| row[2..].to_vec())
            .collect();
        assert_eq!(
            rows,
            vec![
                vec!["Basic/theme", "f", "%", "Participants"],
                vec!["sleep", "", "", "P5, P7, P9,/P12"],
                vec!["Back pain/from/lifting", "3", "21.4", "P3, P6, P8"],
                vec!["Skipped/meals", "4", "28.6", "P2, P10, P11,/P14"],
                vec!["Isolation/on the/ward", "4", "28.6", "P1, P3, P5,/P13"],
                vec![
                    "Fear of/making/errors",
                    "6",
                    "42.9",
                    "P2, P4, P6,/P8, P10, P12"
                ],
                vec!["Handover/rituals", "3", "21.4", "P1, P5, P9"],
                vec![
                    "Covering/for/colleagues",
                    "5",
                    "35.7",
                    "P4, P7, P11,/P13, P14"
                ],
                vec!["Napping/on breaks", "3", "21.4", "P3, P8, P12"],
                vec!["Caffeine", "5", "35.7", "P2, P6, P9,/P10"],
                vec!["Family/routines", "2", "14.3", "P5, P11"],
            ]
        );
    }

    #[test]
    fn a_narrow_tables_heads_go_over_their_columns_whatever_line_they_come_out_on() {
        // A narrow table as text: the heads of the label columns and of the codes printed over
        // both head rows, so on lines above the counts' heads; the counts' heads centred over
        // their cells and the counts at the cells' side, a gutter between; two heads run
        // together over one column. (The Persian one: `teachers_fa.txt`, tests/it/read.rs.)
        let laid = lay_out(vec![page(
            "\x20                                                                          Frequency\n\
             \x20                                               Participants\n\
             Dimension                     Component Basic theme\n\
             \x20                                               of basic  Basic            Organizing         Global\n\
             \x20                                                         themes           themes             themes\n\
             \n\
             \x20                             Unstable internet   1-2-5               3\n\
             \x20            Infrastructure   Shared                                                    4\n\
             \x20                             family                  6               1\n\
             \x20                             device\n\
             Barriers                                                                                                  9\n\
             \x20                             Screen\n\
             \x20                                                   1-4               2\n\
             \x20                             fatigue\n\
             \x20            Burnout                                                                    5\n\
             \x20                             No interaction      2-3-6               3\n\
             \n\
             \x20                             Peer groups           4-5               2\n\
             Strategies   Teamwork                                                                   4                 4\n\
             \x20                             Head's support        3-5               2\n",
        )]);
        let rows = cells(&laid.tables[0]);
        assert_eq!(
            rows[..3],
            [
                vec![
                    "Dimension",
                    "",
                    "Component Basic theme",
                    "Participants/of basic",
                    "Frequency",
                    "^",
                    "^"
                ],
                vec![
                    "^",
                    "",
                    "^",
                    "^",
                    "Basic/themes",
                    "Organizing/themes",
                    "Global/themes"
                ],
                vec![
                    "Barriers",
                    "Infrastructure",
                    "Unstable internet",
                    "1-2-5",
                    "3",
                    "4",
                    "9"
                ],
            ]
        );
    }

    #[test]
    fn a_column_the_body_leaves_empty_keeps_its_head() {
        // A roster that prints no role, year or topics: their heads stand in the gutter between
        // the names and the counts; a name's number is the name's, under a head centred on it.
        let laid = lay_out(vec![page(
            "  Code          Interviewee        Role     Year    Topics      Base themes\n\
             \x20  1      Interviewee 1                                          15\n\
             \x20  2      Interviewee 2                                          16\n\
             \x20  3      Interviewee 3                                          18\n",
        )]);
        assert_eq!(
            cells(&laid.tables[0]),
            vec![
                vec![
                    "Code",
                    "Interviewee",
                    "Role",
                    "Year",
                    "Topics",
                    "Base themes"
                ],
                vec!["1", "Interviewee 1", "", "", "", "15"],
                vec!["2", "Interviewee 2", "", "", "", "16"],
                vec!["3", "Interviewee 3", "", "", "", "18"],
            ]
        );
    }

    #[test]
    fn gutters_part_columns_and_a_cell_broken_over_lines_is_one_cell() {
        let laid = lay_out(vec![page(
            "Some running text that is wide enough to be a paragraph of prose.\n\
             \n\
             ID    Role           Ward\n\
             \n\
             P1    Staff nurse    Surgery\n\
             \n\
             \x20     Healthcare\n\
             P5                   Medicine\n\
             \x20     assistant\n\
             \n\
             P11 Staff nurse      Intensive care\n",
        )]);
        assert_eq!(laid.paragraphs.len(), 1);
        assert_eq!(laid.tables.len(), 1);
        assert_eq!(
            cells(&laid.tables[0]),
            [
                ["ID", "Role", "Ward"],
                ["P1", "Staff nurse", "Surgery"],
                ["P5", "Healthcare/assistant", "Medicine"],
                ["P11", "Staff nurse", "Intensive care"],
            ]
        );
        assert_eq!(
            laid.tables[0].caption,
            "Some running text that is wide enough to be a paragraph of prose."
        );
    }

    #[test]
    fn a_label_centred_on_its_rows_spans_them_and_the_last_covers_the_rows_left() {
        // In text, a column of merged cells covers every row: the last label's group goes on
        // to the table's end (or over the page break).
        let laid = lay_out(vec![page(
            "Dim    Theme    n\n\
             \n\
             \x20      a        1\n\
             \n\
             D1     b        2\n\
             \n\
             \x20      c        3\n\
             \n\
             D2     d        4\n\
             \n\
             \x20      e        5\n",
        )]);
        assert_eq!(
            cells(&laid.tables[0]),
            [
                ["Dim", "Theme", "n"],
                ["D1", "a", "1"],
                ["^", "b", "2"],
                ["^", "c", "3"],
                ["D2", "d", "4"],
                ["^", "e", "5"],
            ]
        );
    }

    #[test]
    fn right_to_left_columns_come_in_reading_order() {
        let laid = lay_out(vec![page(
            "ن    کد منابع    مضامین پایه\n\
             \n\
             ۲    ۱-۳         الف\n\
             \n\
             ۱    ۲           ب\n",
        )]);
        assert_eq!(
            cells(&laid.tables[0]),
            [
                ["مضامین پایه", "کد منابع", "ن"],
                ["الف", "۱-۳", "۲"],
                ["ب", "۲", "۱"],
            ]
        );
    }

    #[test]
    fn a_ruled_table_is_cut_by_its_rulings_and_a_missing_ruling_merges() {
        // Two columns, three rows; no ruling between rows 2 and 3 in column 1.
        let h = |at: f64, from: f64, to: f64| Ruling {
            horizontal: true,
            at,
            from,
            to,
        };
        let v = |at: f64| Ruling {
            horizontal: false,
            at,
            from: 0.0,
            to: 30.0,
        };
        let word = |x0: f64, baseline: f64, text: &str| Word {
            x0,
            x1: x0 + 5.0,
            baseline,
            size: 8.0,
            text: text.into(),
        };
        let scale = pdf_scale();
        let page = Page {
            number: 3,
            words: vec![
                word(2.0, 8.0, "Dim"),
                word(22.0, 8.0, "Theme"),
                word(2.0, 24.0, "D"),
                word(22.0, 18.0, "a"),
                word(22.0, 28.0, "b"),
            ],
            rulings: vec![
                h(0.0, 0.0, 40.0),
                h(10.0, 0.0, 40.0),
                h(20.0, 20.0, 40.0),
                h(30.0, 0.0, 40.0),
                v(0.0),
                v(20.0),
                v(40.0),
            ],
            scale,
        };
        let laid = lay_out(vec![page]);
        assert_eq!(
            cells(&laid.tables[0]),
            [["Dim", "Theme"], ["D", "a"], ["^", "b"]]
        );
        assert_eq!(laid.tables[0].place, "table 1 (page 3)");
    }

    #[test]
    fn a_caption_under_a_ruled_table_is_the_next_pages_tables_not_the_first_ones() {
        // Page 1: a caption, a ruled table, the next table's caption at the page's foot;
        // page 2: that table. Two tables, each with its caption.
        let scale = pdf_scale();
        let ruled = |top: f64| {
            let h = |at: f64| Ruling {
                horizontal: true,
                at,
                from: 0.0,
                to: 40.0,
            };
            let v = |at: f64| Ruling {
                horizontal: false,
                at,
                from: top,
                to: top + 20.0,
            };
            vec![
                h(top),
                h(top + 10.0),
                h(top + 20.0),
                v(0.0),
                v(20.0),
                v(40.0),
            ]
        };
        let word = |x0: f64, baseline: f64, text: &str| Word {
            x0,
            x1: x0 + 5.0 * text.len() as f64,
            baseline,
            size: 8.0,
            text: text.into(),
        };
        let line = |baseline: f64, text: &str| -> Vec<Word> {
            let mut x = 0.0;
            text.split(' ')
                .map(|t| {
                    let w = word(x, baseline, t);
                    x = w.x1 + 2.0;
                    w
                })
                .collect()
        };
        let mut first = line(-20.0, "Table 1. People");
        first.extend([
            word(2.0, 8.0, "ID"),
            word(22.0, 8.0, "Ward"),
            word(2.0, 18.0, "P1"),
            word(22.0, 18.0, "Surgery"),
        ]);
        first.extend(line(40.0, "Table 2. The themes of the study"));
        let second = vec![
            word(2.0, 8.0, "Theme"),
            word(22.0, 8.0, "f"),
            word(2.0, 18.0, "Sleep"),
            word(22.0, 18.0, "7"),
        ];
        let laid = lay_out(vec![
            Page {
                number: 1,
                words: first,
                rulings: ruled(0.0),
                scale,
            },
            Page {
                number: 2,
                words: second,
                rulings: ruled(0.0),
                scale,
            },
        ]);
        let captions: Vec<&str> = laid.tables.iter().map(|t| t.caption.as_str()).collect();
        assert_eq!(
            captions,
            ["Table 1. People", "Table 2. The themes of the study"]
        );
        assert_eq!(cells(&laid.tables[1]), [["Theme", "f"], ["Sleep", "7"]]);
    }
}

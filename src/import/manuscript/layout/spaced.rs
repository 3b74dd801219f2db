//! The rows of a table in space-aligned text (`pdftotext -layout`), once its columns are known.
//! A line of such text is one baseline of the page, not one row of the table: a value centred
//! on a two-line cell gets a line of its own between the cell's lines, so rows cannot be told
//! by full lines or by the distance between lines. What can be told: a column of values (counts,
//! percentages, lists of codes) holds one value a row, a list broken over lines ends with its
//! separator, and a merged cell is centred on its run of rows. So the rows are the values of the
//! column that has the most; every other column's lines go to the row nearest them; a column
//! with fewer cells than rows is a column of merged cells, and its runs of rows are those whose
//! centres best fit its cells' (least squares over the whole column, so that a misplaced line
//! on one group does not move the others).
//!
//! Not for the columns (`layout::columns`) nor for what the cells mean (`find`).

use super::{Layout, Line, Word};

/// A column's text on one line.
#[derive(Clone)]
struct Entry {
    line: usize,
    words: Vec<Word>,
}

impl Entry {
    fn text(&self) -> String {
        self.words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A value rather than words: a number, a share, a dash for nothing printed, a code or a list
/// of codes (`P1,`, `1-2-3-`, `۱۴۰۰`, `38†`).
fn is_value(text: &str) -> bool {
    text.split_whitespace().all(|t| {
        let digits = t.chars().filter(|c| c.is_numeric()).count();
        let letters = t.chars().filter(|c| c.is_alphabetic()).count();
        (digits > 0 && letters <= 2) || matches!(t, "—" | "–" | "-" | "−")
    })
}

/// What a word of a table is, for telling cells apart where a single space parts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Word,
    Count,
    Share,
    Codes,
    Dash,
}

pub(super) fn kind(word: &str) -> Kind {
    let t = word.trim_end_matches(['†', '*', ',', '،']);
    if matches!(t, "—" | "–" | "-" | "−") {
        return Kind::Dash;
    }
    if !is_value(t) || t.is_empty() {
        return Kind::Word;
    }
    if t.chars().all(|c| c.is_numeric()) {
        Kind::Count
    } else if t
        .chars()
        .all(|c| c.is_numeric() || matches!(c, '.' | '%' | '٪' | '٫' | '/'))
    {
        Kind::Share
    } else {
        Kind::Codes
    }
}

/// The first line with a value in it (a count, a share, codes, a dash): the lines above are
/// a table's head. 0 when no line has one.
pub(super) fn first_value_line(lines: &[Line]) -> usize {
    lines
        .iter()
        .position(|l| l.words.iter().any(|w| kind(&w.text) != Kind::Word))
        .unwrap_or(0)
}

/// Whether a line parted by single spaces reads as a row: words, then values to its end, two
/// or more with a count or a share among them (`Back pain from lifting 3 21.4 P3, P6`), which
/// prose seldom prints (a citation's `14(4), 113-141.` has no bare number).
pub(super) fn values_after_words(words: &[Word]) -> bool {
    let kinds: Vec<Kind> = words.iter().map(|w| kind(&w.text)).collect();
    let Some(last_word) = kinds.iter().rposition(|&k| k == Kind::Word) else {
        return false;
    };
    let values = &kinds[last_word + 1..];
    values.len() >= 2
        && values
            .iter()
            .any(|&k| matches!(k, Kind::Count | Kind::Share))
}

/// A column of head words with no body beside a column of body with no head is one column:
/// its head centred over the cell and its values at the cell's side, parted by a gutter in
/// text where the head's letters are counted wider than they print (right-to-left text,
/// `pdftotext -layout`: «مضامین پایه» over counts at the cell's left). The bound between them
/// goes; a bodiless head between two headless bodies joins the nearer.
pub(super) fn join_heads_to_bodies(bounds: &mut Vec<f64>, lines: &[Line]) {
    let body_from = first_value_line(lines);
    if body_from == 0 {
        return;
    }
    loop {
        let n = bounds.len() - 1;
        // Each column's words above and below the head's end: (head, body, x0, x1).
        let spread: Vec<(bool, bool, f64, f64)> = (0..n)
            .map(|c| {
                let mut out = (false, false, f64::MAX, f64::MIN);
                for (i, l) in lines.iter().enumerate() {
                    for w in &l.words {
                        let x = w.centre_x();
                        if x >= bounds[c] && x < bounds[c + 1] {
                            if i < body_from {
                                out.0 = true;
                            } else {
                                out.1 = true;
                            }
                            out.2 = out.2.min(w.x0);
                            out.3 = out.3.max(w.x1);
                        }
                    }
                }
                out
            })
            .collect();
        let head_only = |c: usize| spread[c].0 && !spread[c].1;
        let body_only = |c: usize| !spread[c].0 && spread[c].1;
        let join = (0..n).filter(|&c| head_only(c)).find_map(|c| {
            let gap = |o: usize| {
                if spread[o].3 <= spread[c].2 {
                    spread[c].2 - spread[o].3
                } else {
                    spread[o].2 - spread[c].3
                }
            };
            let left = (c > 0 && body_only(c - 1)).then(|| gap(c - 1));
            let right = (c + 1 < n && body_only(c + 1)).then(|| gap(c + 1));
            match (left, right) {
                (Some(l), Some(r)) if l <= r => Some(c),
                (Some(_), None) => Some(c),
                (_, Some(_)) => Some(c + 1),
                _ => None,
            }
        });
        let Some(bound) = join else { return };
        bounds.remove(bound);
    }
}

/// A column that holds one line's words only (a head's word parted from the rest of its
/// head by a gutter of the body) is not a column: its bound to the side whose words are
/// further goes. One whose words stand a cell's gap (`apart`) from every other column's is the
/// head of a column the body leaves empty, and stays.
pub(super) fn join_lone_columns(bounds: &mut Vec<f64>, lines: &[Line], apart: f64) {
    if lines.len() < 3 {
        return;
    }
    loop {
        let n = bounds.len() - 1;
        let in_column = |c: usize, b: &[f64]| -> Vec<(usize, f64, f64, String)> {
            lines
                .iter()
                .enumerate()
                .flat_map(|(i, l)| l.words.iter().map(move |w| (i, w)))
                .filter(|(_, w)| {
                    let x = w.centre_x();
                    x >= b[c] && x < b[c + 1]
                })
                .map(|(i, w)| (i, w.x0, w.x1, w.text.clone()))
                .collect()
        };
        let gaps = |c: usize| -> (f64, f64) {
            let words = in_column(c, bounds);
            let (x0, x1) = (
                words.iter().map(|w| w.1).fold(f64::MAX, f64::min),
                words.iter().map(|w| w.2).fold(f64::MIN, f64::max),
            );
            let gap = |other: usize| -> f64 {
                let ws = in_column(other, bounds);
                ws.iter()
                    .map(|w| if w.2 <= x0 { x0 - w.2 } else { w.1 - x1 })
                    .fold(f64::MAX, f64::min)
            };
            let left = if c > 0 { gap(c - 1) } else { f64::MAX };
            let right = if c + 1 < n { gap(c + 1) } else { f64::MAX };
            (left, right)
        };
        // (A value alone, a total printed once on the page, is a column.)
        let lone = (0..n).find(|&c| {
            let words = in_column(c, bounds);
            let first = words.first().map(|w| w.0);
            !words.is_empty()
                && words.iter().all(|w| Some(w.0) == first)
                && words.iter().all(|w| kind(&w.3) == Kind::Word)
                && {
                    let (left, right) = gaps(c);
                    left.min(right) < apart
                }
        });
        let Some(c) = lone else { return };
        let (left, right) = gaps(c);
        if left == f64::MAX && right == f64::MAX {
            return;
        }
        // Join the nearer neighbour: drop the bound between them.
        if left <= right {
            bounds.remove(c);
        } else {
            bounds.remove(c + 1);
        }
    }
}

/// The runs of columns a line of group heads covers: each head's run holds the columns its
/// words are over, the runs follow one another from the first head to the last column, and
/// their centres are as near the heads' as can be (the least total distance, every choice
/// tried: a head line has a few heads).
fn group_runs(cols: &[(f64, f64)], own: &[(usize, usize)], centres: &[f64]) -> Vec<(usize, usize)> {
    fn search(
        cols: &[(f64, f64)],
        own: &[(usize, usize)],
        centres: &[f64],
        i: usize,
        free_from: usize,
    ) -> (f64, Vec<(usize, usize)>) {
        if i == own.len() {
            return (0.0, Vec::new());
        }
        let (first, last) = own[i];
        let until = own
            .get(i + 1)
            .map_or(cols.len() - 1, |n| n.0.saturating_sub(1))
            .max(last);
        let mut best = (f64::MAX, Vec::new());
        // From the first head on, the heads cover every column to the table's end: a column
        // between two group heads is under one of them.
        let starts = if i == 0 {
            free_from.min(first)..=first
        } else {
            free_from..=free_from
        };
        let ends = if i + 1 == own.len() {
            cols.len() - 1..=cols.len() - 1
        } else {
            last..=until
        };
        for a in starts {
            if a > first {
                continue;
            }
            for b in ends.clone() {
                let off = ((cols[a].0 + cols[b].1) / 2.0 - centres[i]).abs();
                let (rest, mut runs) = search(cols, own, centres, i + 1, b + 1);
                if off + rest < best.0 {
                    runs.insert(0, (a, b));
                    best = (off + rest, runs);
                }
            }
        }
        best
    }
    if own.len() > 6 {
        return own.to_vec();
    }
    let (cost, runs) = search(cols, own, centres, 0, 0);
    if cost == f64::MAX || runs.len() != own.len() {
        // Heads over the same columns (a page whose columns came out too few): as they are.
        return own.to_vec();
    }
    runs
}

/// A list broken over lines ends with its separator.
fn continues(text: &str) -> bool {
    text.ends_with(['-', '–', ',', '،', ';', '؛', '/'])
}

/// A row: its lines from `top` to `bottom` (line indices).
#[derive(Clone, Copy)]
struct Band {
    top: usize,
    bottom: usize,
}

impl Band {
    fn centre(&self) -> f64 {
        (self.top + self.bottom) as f64 / 2.0
    }
    fn distance(&self, line: usize) -> f64 {
        if line < self.top {
            (self.top - line) as f64
        } else if line > self.bottom {
            (line - self.bottom) as f64
        } else {
            0.0
        }
    }
}

/// Where each level of merged cells stood at the foot of a page: by the heads of its columns,
/// how much better its last cell fits printed at the top of what the page holds of its group
/// (as LibreOffice prints a cell the break cuts: the group goes on) than centred on its rows
/// (the group ends there); below zero where centred fits better. A level not in it is not
/// known.
pub(super) type Ends = std::collections::BTreeMap<String, f64>;

/// The table's layout, or `None` when no column holds values a row (a table of words only:
/// the caller reads it by its full lines), with where its levels stand at its foot.
/// `carried`: the table began on a page before, whose levels ended as these; `goes_on`: it goes
/// on over the next.
pub(super) fn layout(
    lines: &[Line],
    cols: &[(f64, f64)],
    carried: Option<&Ends>,
    goes_on: bool,
) -> Option<(Layout, Ends)> {
    let continued = carried.is_some();
    let (cols, assigned) = typed_columns(lines, cols);
    let cols = &cols[..];
    let nc = cols.len();
    if nc < 2 {
        return None;
    }
    // Each column's entries, line by line.
    let mut entries: Vec<Vec<Entry>> = vec![Vec::new(); nc];
    for (n, line) in lines.iter().enumerate() {
        let mut by_col: Vec<Option<Entry>> = vec![None; nc];
        // A word over a column's bound is in the column that holds most of it: in text a word
        // is pushed over a bound by the characters before it, it does not span (heads over
        // several columns are read from their own lines, below).
        for (i, w) in line.words.iter().enumerate() {
            let c = assigned[n][i];
            let e = by_col[c].get_or_insert_with(|| Entry {
                line: n,
                words: Vec::new(),
            });
            e.words.push(w.clone());
        }
        for (c, e) in by_col.into_iter().enumerate() {
            if let Some(e) = e {
                entries[c].push(e);
            }
        }
    }
    // Each column's values, a list broken over lines joined: (first line, last line).
    let values = |list: &[Entry]| -> Vec<Band> {
        let mut out: Vec<Band> = Vec::new();
        let mut open = false;
        for e in list {
            let text = e.text();
            if !is_value(&text) {
                open = false;
                continue;
            }
            match out.last_mut() {
                Some(b) if open => b.bottom = e.line,
                _ => out.push(Band {
                    top: e.line,
                    bottom: e.line,
                }),
            }
            open = continues(&text);
        }
        out
    };
    // The head ends with the last words (not values) above the first value in any column of
    // values: "Base / themes" over a column of counts.
    let valued: Vec<usize> = (0..nc)
        .filter(|&c| {
            // Its head's words above its first value do not count.
            let list = &entries[c];
            let from = list
                .iter()
                .position(|e| is_value(&e.text()))
                .unwrap_or(list.len());
            let n = list.len() - from;
            let v = list[from..].iter().filter(|e| is_value(&e.text())).count();
            // A page of a table over pages may hold one row of it (the rest on the next).
            let least = if continued || goes_on { 1 } else { 2 };
            v >= least && v * 5 >= n * 4
        })
        .collect();
    if valued.is_empty() {
        return None;
    }
    let mut head_end: Option<usize> = None;
    for &c in &valued {
        let first_value = entries[c]
            .iter()
            .find(|e| is_value(&e.text()))
            .map(|e| e.line);
        for e in &entries[c] {
            if Some(e.line) >= first_value {
                break;
            }
            head_end = Some(head_end.map_or(e.line, |h: usize| h.max(e.line)));
        }
    }
    let mut body_from = head_end.map_or(0, |h| h + 1);
    // A head's last lines of words only ("theme theme theme" under "f % Participants"),
    // parted from the body by a blank line: text prints one between a table's head and body
    // where its rows are parted so, never inside a row.
    if let Some(first_value) = (body_from..lines.len())
        .find(|&n| lines[n].words.iter().any(|w| kind(&w.text) != Kind::Word))
    {
        let blank_before = |n: usize| n > 0 && lines[n].baseline - lines[n - 1].baseline > 1.5;
        if first_value > body_from
            && blank_before(first_value)
            && !(body_from + 1..first_value).any(blank_before)
        {
            body_from = first_value;
        }
    }
    // The rows: the values of the column with the most (the one whose values cover the most
    // lines where two have as many).
    let anchor = valued
        .iter()
        .copied()
        .max_by_key(|&c| {
            let v: Vec<Band> = values(&entries[c])
                .into_iter()
                .filter(|b| b.top >= body_from)
                .collect();
            let covered: usize = v.iter().map(|b| b.bottom - b.top + 1).sum();
            (v.len(), covered, usize::MAX - c)
        })
        .expect("a column of values");
    let bands: Vec<Band> = values(&entries[anchor])
        .into_iter()
        .filter(|b| b.top >= body_from)
        .collect();
    if bands.len() < 2 && !(continued || goes_on) || bands.is_empty() {
        return None;
    }
    let nearest = |line: usize| -> usize {
        let mut best = 0;
        for (i, b) in bands.iter().enumerate() {
            let (d, bd) = (b.distance(line), bands[best].distance(line));
            if d < bd
                || d == bd
                    && (b.centre() - line as f64).abs() < (bands[best].centre() - line as f64).abs()
            {
                best = i;
            }
        }
        best
    };

    // The head's rows: lines above the first with words in half the columns (a head over
    // several columns: "Frequency as printed") and the column heads themselves.
    let head_lines: Vec<usize> = (0..body_from).collect();
    let filled = |n: usize| {
        (0..nc)
            .filter(|&c| entries[c].iter().any(|e| e.line == n))
            .count()
    };
    let full_from = head_lines
        .iter()
        .copied()
        .find(|&n| filled(n) * 2 >= nc)
        .unwrap_or(0);
    let group_row = full_from > 0;
    let head_rows = usize::from(group_row) + usize::from(!head_lines.is_empty());
    let nr = head_rows + bands.len();
    let mut owner = vec![vec![usize::MAX; nc]; nr];
    let mut cells: Vec<Vec<Word>> = Vec::new();
    let place = |owner: &mut Vec<Vec<usize>>,
                 cells: &mut Vec<Vec<Word>>,
                 rows: (usize, usize),
                 span: (usize, usize),
                 words: Vec<Word>| {
        let taken = (rows.0..=rows.1)
            .flat_map(|r| (span.0..=span.1).map(move |c| (r, c)))
            .map(|(r, c)| owner[r][c])
            .find(|&o| o != usize::MAX);
        if let Some(other) = taken {
            cells[other].extend(words);
            return;
        }
        let id = cells.len();
        cells.push(words);
        for line in owner.iter_mut().take(rows.1 + 1).skip(rows.0) {
            for slot in line.iter_mut().take(span.1 + 1).skip(span.0) {
                *slot = id;
            }
        }
    };
    /// A column's body cut into cells, each with its rows.
    struct Placed<'a> {
        column: usize,
        body: Vec<&'a Entry>,
        cut: Vec<((usize, usize), (usize, usize))>,
        centres: Vec<f64>,
        tops: Vec<f64>,
        merged: bool,
    }
    let mut columns: Vec<Placed> = Vec::new();
    // A column's head, as its words read: what names a level from page to page.
    let head_of = |c: usize| -> String {
        entries[c]
            .iter()
            .filter(|e| e.line >= full_from && e.line < body_from)
            .map(Entry::text)
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut ends = Ends::new();
    // The head's group row: each run of words parted by two spaces or more is a cell over the
    // columns it covers ("Frequency as printed").
    // A group head is centred over its columns ("Recomputed" over four): it takes the run of
    // columns, between its neighbours, whose centre is nearest its own.
    // Only a head over columns with heads of their own under it groups them, and a group head
    // is centred over its columns. A column's head printed over both head rows, centred, can
    // come out on a line above the column heads beside it («ابعاد» beside «فراوانی» over
    // «مضامین پایه»), and so can the first line of a column's head over two lines («کد منابع»
    // over «مضامین پایه»): each is that column's head, not a group's.
    let sub_headed = |c: usize| {
        entries[c]
            .iter()
            .any(|e| e.line >= full_from && e.line < body_from)
    };
    if group_row {
        let column_at = |x: f64| cols.iter().position(|c| x < c.1).unwrap_or(nc - 1);
        // (line, words, own columns, columns touched) of every segment over a column with
        // heads under it; a segment is over the columns that hold a third of it, or that it
        // covers a third of (in text a head is pushed over a bound by the characters before
        // it). Where a group's run starts is told by the columns it touches.
        #[allow(clippy::type_complexity)]
        let mut segments: Vec<(usize, &[Word], (usize, usize), (usize, usize))> = Vec::new();
        for (n, line) in lines[..full_from].iter().enumerate() {
            for s in line.segments(2.0) {
                let (x0, x1) = (s[0].x0, s[s.len() - 1].x1);
                let over = |c: usize| (x1.min(cols[c].1) - x0.max(cols[c].0)).max(0.0);
                let holds =
                    |c: usize| over(c) * 3.0 >= (x1 - x0) || over(c) * 3.0 >= cols[c].1 - cols[c].0;
                let touched = column_at(x0);
                let touched = (
                    touched,
                    cols.iter()
                        .rposition(|c| x1 > c.0)
                        .unwrap_or(touched)
                        .max(touched),
                );
                let (mut first, mut last) = touched;
                while first < last && !holds(first) {
                    first += 1;
                }
                while last > first && !holds(last) {
                    last -= 1;
                }
                if (first..=last).any(sub_headed) {
                    segments.push((n, s, (first, last), touched));
                }
            }
        }
        // A group head's columns: the widest run of columns with heads under them, around
        // its own and no other head's, whose centre is its centre (within half its narrowest
        // column). A head over one column only is not a group's.
        let owned = |c: usize, except: usize| {
            segments
                .iter()
                .enumerate()
                .any(|(i, sg)| i != except && (sg.2 .0..=sg.2 .1).contains(&c))
        };
        let free =
            |c: usize, except: usize| (sub_headed(c) || entries[c].is_empty()) && !owned(c, except);
        let grouping: Vec<bool> = segments
            .iter()
            .enumerate()
            .map(|(i, (_, s, (first, last), _))| {
                let centre = (s[0].x0 + s[s.len() - 1].x1) / 2.0;
                let mut from = *first;
                while from > 0 && free(from - 1, i) {
                    from -= 1;
                }
                let mut to = *last;
                while to + 1 < nc && free(to + 1, i) {
                    to += 1;
                }
                (from..=*first).any(|a| {
                    (*last..=to).any(|b| {
                        let narrowest = (a..=b)
                            .map(|c| cols[c].1 - cols[c].0)
                            .fold(f64::MAX, f64::min);
                        let off = ((cols[a].0 + cols[b].1) / 2.0 - centre).abs();
                        let heads_under = (a..=b).filter(|&c| sub_headed(c)).count();
                        heads_under >= 2 && off <= narrowest / 2.0
                    })
                })
            })
            .collect();
        // A column whose head is its own (no group over it) is never in a group's run.
        let mut own_head: Vec<bool> = (0..nc)
            .map(|c| !sub_headed(c) && entries[c].iter().any(|e| e.line < full_from))
            .collect();
        for (i, sg) in segments.iter().enumerate() {
            if !grouping[i] {
                own_head[sg.2 .0..=sg.2 .1].fill(true);
            }
        }
        for n in 0..full_from {
            let on_line: Vec<usize> = (0..segments.len())
                .filter(|&i| segments[i].0 == n && grouping[i])
                .collect();
            if on_line.is_empty() {
                continue;
            }
            let own: Vec<(usize, usize)> = on_line.iter().map(|&i| segments[i].3).collect();
            let centres: Vec<f64> = on_line
                .iter()
                .map(|&i| {
                    let s = segments[i].1;
                    (s[0].x0 + s[s.len() - 1].x1) / 2.0
                })
                .collect();
            let runs = group_runs(cols, &own, &centres);
            for (&i, mut run) in on_line.iter().zip(runs) {
                while run.0 < run.1 && own_head[run.0] {
                    run.0 += 1;
                }
                while run.1 > run.0 && own_head[run.1] {
                    run.1 -= 1;
                }
                place(&mut owner, &mut cells, (0, 0), run, segments[i].1.to_vec());
            }
        }
    }
    for (c, list) in entries.iter().enumerate() {
        // The column heads: a cell a column.
        if !head_lines.is_empty() {
            let r = usize::from(group_row);
            // A column no group head is over: its head takes both rows, as printed, and the
            // words over it on the group's lines are its own.
            let ungrouped = group_row && owner[0][c] == usize::MAX;
            let from = if ungrouped { 0 } else { full_from };
            let words: Vec<Word> = list
                .iter()
                .filter(|e| e.line >= from && e.line < body_from)
                .flat_map(|e| e.words.clone())
                .collect();
            let top = if ungrouped { 0 } else { r };
            if !words.is_empty() {
                place(&mut owner, &mut cells, (top, r), (c, c), words);
            }
        }
        // The body: the column's lines in cells, and the rows each cell takes.
        let body: Vec<&Entry> = list.iter().filter(|e| e.line >= body_from).collect();
        if body.is_empty() {
            continue;
        }
        let ys: Vec<usize> = body.iter().map(|e| e.line).collect();
        let nearest_rows: std::collections::BTreeSet<usize> =
            ys.iter().map(|&y| nearest(y)).collect();
        let merged = c != anchor && nearest_rows.len() * 3 < bands.len() * 2;
        let cut = if merged {
            merged_cells(&bands, &ys, continued)
        } else {
            row_cells(&bands, &ys)
        };
        let centres: Vec<f64> = cut
            .iter()
            .map(|(l, _)| (ys[l.0] + ys[l.1]) as f64 / 2.0)
            .collect();
        let tops: Vec<f64> = cut.iter().map(|(l, _)| ys[l.0] as f64).collect();
        columns.push(Placed {
            column: c,
            body,
            cut,
            centres,
            tops,
            merged,
        });
    }
    // Where the rows are on the page: a row is as high as its tallest cell, and the lines of
    // a row with a value centred between a cell's two lines are three for two (poppler gives
    // the value a line of its own), so text lines are mapped to printed lines.
    let n = bands.len();
    let mut extent: Vec<(usize, usize)> = bands.iter().map(|b| (b.top, b.bottom)).collect();
    let mut height = vec![1usize; n];
    for p in columns.iter().filter(|p| !p.merged) {
        for ((i, j), (a, _)) in &p.cut {
            let (t, b) = (p.body[*i].line, p.body[*j].line);
            extent[*a] = (extent[*a].0.min(t), extent[*a].1.max(b));
            height[*a] = height[*a].max(j - i + 1);
        }
    }
    let mut printed: Vec<(f64, f64)> = Vec::with_capacity(n);
    let mut y = 0.0;
    for &h in &height {
        printed.push((y, y + h as f64 + PADDING));
        y += h as f64 + PADDING;
    }
    let to_printed = |line: f64| -> f64 {
        let centre_of = |r: usize, line: f64| {
            let (t, b) = (extent[r].0 as f64, extent[r].1 as f64);
            let within = if b > t { (line - t) / (b - t) } else { 0.0 };
            printed[r].0 + PADDING / 2.0 + 0.5 + within * (height[r] as f64 - 1.0)
        };
        if line < extent[0].0 as f64 {
            return centre_of(0, extent[0].0 as f64) - (extent[0].0 as f64 - line);
        }
        for r in 0..n {
            let (t, b) = (extent[r].0 as f64, extent[r].1 as f64);
            if line <= b {
                if line >= t {
                    return centre_of(r, line);
                }
                // Between two rows: between the last line of one and the first of the next.
                let (from, to) = (centre_of(r - 1, extent[r - 1].1 as f64), centre_of(r, t));
                let (lb, lt) = (extent[r - 1].1 as f64, t);
                return from + (line - lb) / (lt - lb) * (to - from);
            }
        }
        centre_of(n - 1, extent[n - 1].1 as f64) + (line - extent[n - 1].1 as f64)
    };
    // A level's merged columns (its labels and its printed totals: as many cells, centred
    // alike) take their runs together, from the mean of their centres.
    let merged: Vec<usize> = (0..columns.len()).filter(|&i| columns[i].merged).collect();
    let mut done = vec![false; columns.len()];
    let mut levels: Vec<Vec<usize>> = Vec::new();
    for &i in &merged {
        if done[i] {
            continue;
        }
        let level: Vec<usize> = merged
            .iter()
            .copied()
            .filter(|&j| {
                !done[j]
                    && columns[j].centres.len() == columns[i].centres.len()
                    && columns[j]
                        .centres
                        .iter()
                        .zip(&columns[i].centres)
                        .all(|(a, b)| (a - b).abs() <= 2.0)
            })
            .collect();
        for &j in &level {
            done[j] = true;
        }
        levels.push(level);
    }
    // The levels nest: a level with fewer cells holds those with more (a dimension its
    // components), so it takes its runs first and no run of a level under it crosses its bounds.
    levels.sort_by_key(|level| columns[level[0]].centres.len());
    // Each level's cells: their centres and tops in printed lines, and what the page before
    // says of its first rows.
    struct Level {
        columns: Vec<usize>,
        centres: Vec<f64>,
        tops: Vec<f64>,
        carry: Carry,
    }
    let levels: Vec<Level> = levels
        .into_iter()
        .map(|level| {
            let k = columns[level[0]].centres.len();
            let mean = |of: &dyn Fn(&Placed, usize) -> f64, n: usize| {
                level.iter().map(|&j| of(&columns[j], n)).sum::<f64>() / level.len() as f64
            };
            let centres: Vec<f64> = (0..k)
                .map(|n| mean(&|p: &Placed, n| to_printed(p.centres[n]), n))
                .collect();
            let tops: Vec<f64> = (0..k)
                .map(|n| mean(&|p: &Placed, n| to_printed(p.tops[n]) - 0.5, n))
                .collect();
            let carry = match carried {
                None => Carry::None,
                Some(ends) => match ends.get(&head_of(columns[level[0]].column)) {
                    Some(&d) if d.abs() >= TELLS => Carry::After(d),
                    _ => Carry::Unknown,
                },
            };
            Level {
                columns: level,
                centres,
                tops,
                carry,
            }
        })
        .collect();
    let mut bounds: Vec<(usize, usize)> = Vec::new();
    for (i, level) in levels.iter().enumerate() {
        let k = level.centres.len();
        // Only the bounds of a level with fewer cells than this one hold it.
        let holding: Vec<usize> = bounds.iter().filter(|b| b.1 < k).map(|b| b.0).collect();
        let (mut runs, mut end) = runs_for(
            &printed,
            &level.centres,
            &level.tops,
            &holding,
            level.carry,
            goes_on,
        );
        // A level's long groups place its bounds less surely than the shorter groups under
        // it: its bounds moved by up to two rows each, the runs whose cost and the cost of the
        // level under them is least.
        if let Some(under) = levels.get(i + 1).filter(|u| u.centres.len() > k && k <= 4) {
            let total = |runs: &[(usize, usize)]| -> f64 {
                let own = runs_cost(
                    &printed,
                    &level.centres,
                    &level.tops,
                    runs,
                    level.carry,
                    goes_on,
                );
                let mut held = holding.clone();
                held.extend(runs.iter().filter(|r| r.0 > 0).map(|r| r.0));
                own + fit(
                    &printed,
                    &under.centres,
                    &under.tops,
                    &held,
                    under.carry,
                    goes_on,
                )
                .map_or(f64::INFINITY, |f| f.2)
            };
            let n = printed.len();
            let starts: Vec<usize> = runs.iter().map(|r| r.0).collect();
            let mut best = (total(&runs), runs.clone());
            let shifts = 5usize.pow(starts.len() as u32);
            for code in 0..shifts {
                let mut moved = starts.clone();
                let mut c = code;
                for m in moved.iter_mut() {
                    let delta = (c % 5) as isize - 2;
                    c /= 5;
                    *m = (*m as isize + delta).max(0) as usize;
                }
                let ordered = moved.windows(2).all(|w| w[0] < w[1]);
                let first_ok = !matches!(level.carry, Carry::None) || moved[0] == 0;
                if !ordered || !first_ok || moved.last().is_some_and(|&m| m >= n) || moved == starts
                {
                    continue;
                }
                let candidate: Vec<(usize, usize)> = (0..moved.len())
                    .map(|q| (moved[q], moved.get(q + 1).map_or(n, |&e| e) - 1))
                    .collect();
                let crosses = candidate
                    .iter()
                    .any(|&(a, z)| holding.iter().any(|&h| a < h && h <= z));
                if crosses {
                    continue;
                }
                let cost = total(&candidate);
                if cost + 1e-9 < best.0 {
                    best = (cost, candidate);
                }
            }
            // A last cell at the top of its rows can also be the centre of longer ones (a
            // label on the 23rd of 34 rows is both): each placement's runs, and the level
            // under them says which.
            if goes_on {
                for last in [Last::Top, Last::Centred] {
                    let Some((placed, _, _)) = fit_placing(
                        &printed,
                        &level.centres,
                        &level.tops,
                        &holding,
                        level.carry,
                        goes_on,
                        last,
                    ) else {
                        continue;
                    };
                    let cost = total(&placed);
                    if cost + 1e-9 < best.0 {
                        best = (cost, placed);
                    }
                }
            }
            if best.1 != runs {
                runs = best.1;
                end = goes_on.then(|| {
                    let &(a, z) = runs.last().expect("runs");
                    let j = runs.len() - 1;
                    let centred = ((printed[a].0 + printed[z].1) / 2.0 - level.centres[j]).powi(2);
                    centred - (printed[a].0 - level.tops[j]).powi(2)
                });
            }
        }
        if let Some(end) = end {
            for &j in &level.columns {
                ends.insert(head_of(columns[j].column), end);
            }
        }
        bounds.extend(runs.iter().filter(|r| r.0 > 0).map(|r| (r.0, k)));
        for &j in &level.columns {
            for (n, run) in runs.iter().enumerate() {
                columns[j].cut[n].1 = *run;
            }
        }
    }
    for p in columns {
        for (lines, (a, z)) in p.cut {
            let words: Vec<Word> = p.body[lines.0..=lines.1]
                .iter()
                .flat_map(|e| e.words.clone())
                .collect();
            place(
                &mut owner,
                &mut cells,
                (head_rows + a, head_rows + z),
                (p.column, p.column),
                words,
            );
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
    let page = lines.first().map_or(1, |l| l.page);
    Some((
        Layout {
            owner,
            cells,
            row_pages: vec![page; nr],
            head_rows,
        },
        ends,
    ))
}

/// What a typed column's slot holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Words,
    Counts,
    Shares,
    Codes,
}

fn class(kind: Kind) -> Option<Class> {
    match kind {
        Kind::Word => Some(Class::Words),
        Kind::Count => Some(Class::Counts),
        Kind::Share => Some(Class::Shares),
        Kind::Codes => Some(Class::Codes),
        Kind::Dash => None,
    }
}

fn typed_columns(lines: &[Line], cols: &[(f64, f64)]) -> (Vec<(f64, f64)>, Vec<Vec<usize>>) {
    let (bounds, mut out) = slotted_columns(lines, cols);
    keep_head_runs(lines, &bounds, &mut out);
    (bounds, out)
}

/// Words of a head parted by single spaces are one cell's: a run pushed over a bound by less
/// than a third of its width («کد منابع» where right-to-left letters are counted wider than
/// they print) is the column's that holds the rest of it. A run split more evenly ("f %" in a
/// narrow table) keeps its words where they are.
fn keep_head_runs(lines: &[Line], bounds: &[(f64, f64)], out: &mut [Vec<usize>]) {
    for (n, l) in lines.iter().enumerate().take(first_value_line(lines)) {
        let mut start = 0;
        for end in 1..=l.words.len() {
            if end < l.words.len() && l.words[end].x0 - l.words[end - 1].x1 < 2.0 {
                continue;
            }
            let run = start..end;
            start = end;
            let (x0, x1) = (l.words[run.start].x0, l.words[run.end - 1].x1);
            let over = |j: usize| (x1.min(bounds[j].1) - x0.max(bounds[j].0)).max(0.0);
            let mut held: Vec<usize> = out[n][run.clone()].to_vec();
            held.dedup();
            if held.len() < 2 {
                continue;
            }
            let most = held
                .iter()
                .copied()
                .max_by(|&a, &b| over(a).total_cmp(&over(b)))
                .expect("two columns");
            if over(most) * 3.0 > (x1 - x0) * 2.0 {
                out[n][run].fill(most);
            }
        }
    }
}

/// The columns of a table with each column whose body lines print values of two kinds side by
/// side (`3 21.4 P3, P6, P8`: poppler parted a narrow table's cells by single spaces and moved
/// them from line to line, so no gutter parts them) cut by what its words are: labels, counts,
/// shares, codes, in the order its lines print them. With each line's words' columns.
fn slotted_columns(lines: &[Line], cols: &[(f64, f64)]) -> (Vec<(f64, f64)>, Vec<Vec<usize>>) {
    let nc = cols.len();
    let column_of = |w: &Word| {
        let x = w.centre_x();
        cols.iter()
            .position(|c| x <= c.1)
            .unwrap_or(nc.saturating_sub(1))
    };
    let body_from = first_value_line(lines);
    let base: Vec<Vec<usize>> = lines
        .iter()
        .map(|l| l.words.iter().map(column_of).collect())
        .collect();
    // Each column's slots: its classes in the order its lines print them.
    let mut slots: Vec<Vec<Class>> = vec![Vec::new(); nc];
    for (c, slot) in slots.iter_mut().enumerate() {
        let sequences: Vec<Vec<Class>> = lines[body_from..]
            .iter()
            .zip(&base[body_from..])
            .map(|(l, cs)| {
                let mut seq: Vec<Class> = Vec::new();
                for (w, _) in l.words.iter().zip(cs).filter(|(_, &k)| k == c) {
                    if let Some(k) = class(kind(&w.text)) {
                        if seq.last() != Some(&k) {
                            seq.push(k);
                        }
                    }
                }
                seq
            })
            .collect();
        let mixed = sequences
            .iter()
            .filter(|seq| seq.iter().filter(|&&k| k != Class::Words).count() >= 2)
            .count();
        if mixed == 0 {
            continue;
        }
        // The order: each class after the classes printed before it on some line; a column
        // whose lines disagree (codes before counts here, after them there) is left whole.
        let mut order: Vec<Class> = Vec::new();
        for seq in &sequences {
            for &k in seq {
                if !order.contains(&k) {
                    order.push(k);
                }
            }
        }
        // Each class after as many others as some line prints before it.
        let classes = order.clone();
        order.sort_by_key(|k| {
            classes
                .iter()
                .filter(|&o| {
                    o != k
                        && sequences.iter().any(|seq| {
                            let (a, b) = (
                                seq.iter().position(|x| x == o),
                                seq.iter().position(|x| x == k),
                            );
                            matches!((a, b), (Some(a), Some(b)) if a < b)
                        })
                })
                .count()
        });
        let agrees = |seq: &Vec<Class>| {
            let at: Vec<usize> = seq
                .iter()
                .map(|k| order.iter().position(|x| x == k).unwrap_or(0))
                .collect();
            at.windows(2).all(|p| p[0] < p[1])
        };
        let disagreeing = sequences.iter().filter(|seq| !agrees(seq)).count();
        if disagreeing * 10 > sequences.len() {
            continue;
        }
        *slot = order;
    }
    if slots.iter().all(Vec::is_empty) {
        return (cols.to_vec(), base);
    }
    // The new columns: a column's slots in order, or the column itself.
    let mut first_of = vec![0usize; nc];
    let mut total = 0;
    for c in 0..nc {
        first_of[c] = total;
        total += slots[c].len().max(1);
    }
    let mut out: Vec<Vec<usize>> = base.clone();
    // Where each slot's words sit, for a head's words (and a lone count between counts and
    // codes): their mean centre.
    let mut sums = vec![(0.0f64, 0usize); total];
    for (n, l) in lines.iter().enumerate().skip(body_from) {
        let mut at = vec![0usize; nc];
        for (i, w) in l.words.iter().enumerate() {
            let c = base[n][i];
            if slots[c].is_empty() {
                out[n][i] = first_of[c];
                continue;
            }
            let k = class(kind(&w.text));
            let from = at[c];
            let found = match k {
                Some(k) => slots[c][from..]
                    .iter()
                    .position(|&s| s == k)
                    .map(|q| from + q),
                // A dash stands for a number not printed: the next value's slot.
                None => slots[c][from..]
                    .iter()
                    .position(|&s| s != Class::Words)
                    .map(|q| from + q),
            };
            let q = found.unwrap_or(from);
            at[c] = q;
            out[n][i] = first_of[c] + q;
            sums[first_of[c] + q].0 += w.centre_x();
            sums[first_of[c] + q].1 += 1;
        }
    }
    let mean = |j: usize| (sums[j].1 > 0).then(|| sums[j].0 / sums[j].1 as f64);
    // A count alone on its line where a column prints counts and codes of one number each:
    // the slot whose words are nearer.
    for (n, l) in lines.iter().enumerate().skip(body_from) {
        let own: Vec<usize> = (0..l.words.len())
            .filter(|&i| !slots[base[n][i]].is_empty())
            .collect();
        if own.len() != 1 {
            continue;
        }
        let i = own[0];
        let c = base[n][i];
        let w = &l.words[i];
        if kind(&w.text) != Kind::Count {
            continue;
        }
        let slot_of = |k: Class| {
            slots[c]
                .iter()
                .position(|&s| s == k)
                .map(|q| first_of[c] + q)
        };
        if let (Some(a), Some(b)) = (slot_of(Class::Counts), slot_of(Class::Codes)) {
            if let (Some(ma), Some(mb)) = (mean(a), mean(b)) {
                let x = w.centre_x();
                out[n][i] = if (x - mb).abs() < (x - ma).abs() {
                    b
                } else {
                    a
                };
            }
        }
    }
    // The new columns' bounds: between the means of neighbouring slots.
    let mut bounds: Vec<(f64, f64)> = Vec::with_capacity(total);
    for c in 0..nc {
        let k = slots[c].len();
        if k == 0 {
            bounds.push(cols[c]);
            continue;
        }
        let centres: Vec<f64> = (0..k)
            .map(|q| mean(first_of[c] + q).unwrap_or(cols[c].0))
            .collect();
        let mut left = cols[c].0;
        for q in 0..k {
            let right = if q + 1 < k {
                ((centres[q] + centres[q + 1]) / 2.0).clamp(left, cols[c].1)
            } else {
                cols[c].1
            };
            bounds.push((left, right));
            left = right;
        }
    }
    // A head's words, and a body word left out above, by where they are.
    for (n, l) in lines.iter().enumerate().take(body_from) {
        for (i, w) in l.words.iter().enumerate() {
            let c = base[n][i];
            if slots[c].is_empty() {
                out[n][i] = first_of[c];
                continue;
            }
            let x = w.centre_x();
            let k = slots[c].len();
            out[n][i] = (0..k)
                .map(|q| first_of[c] + q)
                .find(|&j| x <= bounds[j].1)
                .unwrap_or(first_of[c] + k - 1);
        }
    }
    (bounds, out)
}

/// What a column holds in its body: labels, lists of codes or numbers; whether its cells
/// span rows; where it is.
#[derive(Debug, Clone, Copy)]
struct Signature {
    class: u8,
    merged: bool,
    cells: usize,
    x: f64,
}

fn signatures(layout: &Layout) -> Vec<Option<Signature>> {
    let width = layout.owner.first().map_or(0, Vec::len);
    let rows = layout.owner.len();
    (0..width)
        .map(|c| {
            let mut ids: Vec<usize> = Vec::new();
            for r in layout.head_rows..rows {
                let id = layout.owner[r][c];
                if !layout.cells[id].is_empty() && !ids.contains(&id) {
                    ids.push(id);
                }
            }
            if ids.is_empty() {
                return None;
            }
            let (mut classes, mut xs) = ([0usize; 3], Vec::new());
            for &id in &ids {
                for w in &layout.cells[id] {
                    let class = match kind(&w.text) {
                        Kind::Word => 0,
                        Kind::Codes => 1,
                        _ => 2,
                    };
                    classes[class] += 1;
                    xs.push(w.centre_x());
                }
            }
            let class = (0..3).max_by_key(|&k| (classes[k], 3 - k)).unwrap_or(0) as u8;
            let merged = ids.iter().any(|&id| {
                (layout.head_rows..rows)
                    .filter(|&r| layout.owner[r][c] == id)
                    .count()
                    > 1
            });
            Some(Signature {
                class,
                merged,
                cells: ids.len(),
                x: xs.iter().sum::<f64>() / xs.len() as f64,
            })
        })
        .collect()
}

/// The words of a layout's head, sorted: a head repeated on a page has the same.
fn head_words(layout: &Layout) -> Vec<String> {
    let mut ids: Vec<usize> = layout.owner[..layout.head_rows]
        .iter()
        .flatten()
        .copied()
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let mut words: Vec<String> = ids
        .iter()
        .flat_map(|&id| layout.cells[id].iter().map(|w| w.text.clone()))
        .collect();
    words.sort();
    words
}

/// The words of a layout's column heads (head cells over one column), by text, each text's
/// centres from left to right.
fn column_heads(layout: &Layout) -> std::collections::BTreeMap<String, Vec<f64>> {
    let mut columns_of: std::collections::BTreeMap<usize, std::collections::BTreeSet<usize>> =
        std::collections::BTreeMap::new();
    for line in &layout.owner[..layout.head_rows] {
        for (c, &id) in line.iter().enumerate() {
            columns_of.entry(id).or_default().insert(c);
        }
    }
    let mut out: std::collections::BTreeMap<String, Vec<f64>> = std::collections::BTreeMap::new();
    for (id, columns) in columns_of {
        if columns.len() == 1 {
            for w in &layout.cells[id] {
                out.entry(w.text.clone()).or_default().push(w.centre_x());
            }
        }
    }
    for xs in out.values_mut() {
        xs.sort_by(f64::total_cmp);
    }
    out
}

/// A page whose head repeats the first page's word for word, laid out in the first page's
/// columns: poppler moves a page's columns, and a column empty on this page draws no gutter,
/// so the page's own columns are matched to the first page's in order, labels to labels,
/// codes to codes, numbers to numbers, merged to merged (the nearest where several fit). The
/// head rows become the first page's. `None` when the heads differ or the columns do not match.
pub(super) fn continue_columns(first: &Layout, page: &Layout) -> Option<Layout> {
    if first.head_rows == 0 || page.head_rows == 0 || head_words(first) != head_words(page) {
        return None;
    }
    let (a, b) = (signatures(page), signatures(first));
    let used: Vec<usize> = (0..a.len()).filter(|&j| a[j].is_some()).collect();
    let (p, q) = (used.len(), b.len());
    // Where a column of this page would be on the first: poppler moves each column by its own
    // amount, so a column is placed by the head word nearest it, which both pages print.
    let (ours, theirs) = (column_heads(page), column_heads(first));
    let pairs: Vec<(f64, f64)> = ours
        .iter()
        .flat_map(|(text, xs)| {
            let other = theirs.get(text).map_or(&[][..], Vec::as_slice);
            xs.iter().copied().zip(other.iter().copied())
        })
        .collect();
    let on_first = |x: f64| -> f64 {
        pairs
            .iter()
            .min_by(|u, v| (u.0 - x).abs().total_cmp(&(v.0 - x).abs()))
            .map_or(x, |&(here, there)| x - here + there)
    };
    let fits = |sa: Signature, sb: Option<Signature>| -> Option<f64> {
        let sb = sb?;
        let merged_ok = sa.merged == sb.merged || sa.cells <= 1;
        (sa.class == sb.class && merged_ok).then(|| (on_first(sa.x) - sb.x).abs())
    };
    // best[i][k]: the least cost of the first i used columns in the first k of `first`.
    let mut best = vec![vec![f64::INFINITY; q + 1]; p + 1];
    let mut took = vec![vec![false; q + 1]; p + 1];
    for row in best.iter_mut().take(1) {
        row.iter_mut().for_each(|v| *v = 0.0);
    }
    for i in 1..=p {
        for k in 1..=q {
            let skip = best[i][k - 1];
            let take = fits(a[used[i - 1]].expect("used"), b[k - 1])
                .map_or(f64::INFINITY, |c| best[i - 1][k - 1] + c);
            if take < skip {
                best[i][k] = take;
                took[i][k] = true;
            } else {
                best[i][k] = skip;
            }
        }
    }
    if best[p][q].is_infinite() {
        return None;
    }
    let mut to = vec![usize::MAX; a.len()];
    let (mut i, mut k) = (p, q);
    while i > 0 {
        if took[i][k] {
            to[used[i - 1]] = k - 1;
            i -= 1;
        }
        k -= 1;
    }
    // The first page's head, then this page's body in its columns.
    let mut cells: Vec<Vec<Word>> = Vec::new();
    let mut owner: Vec<Vec<usize>> = Vec::new();
    let mut copied: Vec<Option<usize>> = vec![None; first.cells.len()];
    for line in &first.owner[..first.head_rows] {
        owner.push(
            line.iter()
                .map(|&id| {
                    *copied[id].get_or_insert_with(|| {
                        cells.push(first.cells[id].clone());
                        cells.len() - 1
                    })
                })
                .collect(),
        );
    }
    let offset = cells.len();
    cells.extend(page.cells.iter().cloned());
    for line in &page.owner[page.head_rows..] {
        let mut out = vec![usize::MAX; q];
        for (j, &id) in line.iter().enumerate() {
            if to[j] != usize::MAX {
                out[to[j]] = offset + id;
            }
        }
        owner.push(out);
    }
    for line in owner.iter_mut() {
        for slot in line.iter_mut() {
            if *slot == usize::MAX {
                *slot = cells.len();
                cells.push(Vec::new());
            }
        }
    }
    let page_number = page.row_pages.first().copied().unwrap_or(1);
    let rows = owner.len();
    Some(Layout {
        owner,
        cells,
        row_pages: vec![page_number; rows],
        head_rows: first.head_rows,
    })
}

/// How far a cell of lines `ys[i..=j]` is from being centred on rows `a..=z`.
/// The cell's centre off the run's, and each line off the run.
fn cost(rows: &[Band], ys: &[usize], (i, j): (usize, usize), (a, z): (usize, usize)) -> f64 {
    let cell = (ys[i] + ys[j]) as f64 / 2.0;
    let run = Band {
        top: rows[a].top,
        bottom: rows[z].bottom,
    };
    let off: f64 = ys[i..=j].iter().map(|&y| run.distance(y).powi(2)).sum();
    (cell - run.centre()).powi(2) + off
}

/// The last merged cell of a page is centred on its rows, or, where its group goes on over
/// the page break, printed at the top of what the page holds of it.
fn last_cost(rows: &[Band], ys: &[usize], (i, j): (usize, usize), (a, z): (usize, usize)) -> f64 {
    let run = Band {
        top: rows[a].top,
        bottom: rows[z].bottom,
    };
    let off: f64 = ys[i..=j].iter().map(|&y| run.distance(y).powi(2)).sum();
    let centred = ((ys[i] + ys[j]) as f64 / 2.0 - run.centre()).powi(2);
    let top = (ys[i] as f64 - run.top as f64).powi(2);
    centred.min(top) + off
}

/// What leaving a continued page's first rows to the group carried over from the page before
/// costs when nothing says whether a group goes on (as a label √2 lines off its centre, however
/// many rows it leaves): enough that a label a line off does not give up its first row.
const CARRIED: f64 = 2.0;

/// The most that going against the page before costs: a page whose level's last cell was
/// printed at the top of its rows (its group goes on) that starts a group of its own on its
/// first row, or one whose last cell was centred that leaves rows to it. It costs what the
/// other placement cost more there, up to a label two lines off its centre.
const AGAINST: f64 = 4.0;

/// How much better one placement of a page's last cell must fit than the other to say
/// anything of the next page (a group of one row fits both alike).
const TELLS: f64 = 0.25;

/// What the page before says of a level's first rows.
#[derive(Debug, Clone, Copy)]
enum Carry {
    /// The table begins on this page.
    None,
    /// It began before; nothing says whether its last cell there goes on.
    Unknown,
    /// It began before, where its last cell fit this much better at the top of its rows than
    /// centred ([`Ends`]).
    After(f64),
}

/// Runs of rows for merged cells already cut, centred on `centres` (the mean of the columns
/// that share these cells: a level's label and its printed totals) with their first lines at
/// `tops`; the runs cover every row, but a continued page's first rows may be left to the group
/// carried over (`carry`). Where the table goes on over the next page, the last cell may be
/// printed at the top of what this page holds of its group (LibreOffice does so with a cell the
/// break cuts); how much better it fits there than centred is the second value.
/// No run crosses a row of `bounds` (the first rows of the runs of the level above): a run
/// may begin there, not hold it inside; where no runs can keep to them, they are let go.
fn runs_for(
    rows: &[(f64, f64)],
    centres: &[f64],
    tops: &[f64],
    bounds: &[usize],
    carry: Carry,
    goes_on: bool,
) -> (Vec<(usize, usize)>, Option<f64>) {
    fit(rows, centres, tops, bounds, carry, goes_on)
        .or_else(|| fit(rows, centres, tops, &[], carry, goes_on))
        .map_or((Vec::new(), None), |(runs, end, _)| (runs, end))
}

/// What the first rows left to a carried group cost, and a page's first group beginning on
/// its first row.
fn carry_costs(carry: Carry) -> (f64, f64) {
    match carry {
        Carry::None => (0.0, f64::INFINITY),
        Carry::Unknown => (0.0, CARRIED),
        Carry::After(d) => (d.clamp(0.0, AGAINST), (-d).clamp(0.0, AGAINST)),
    }
}

/// The cost of given runs (as [`fit`] counts it).
fn runs_cost(
    rows: &[(f64, f64)],
    centres: &[f64],
    tops: &[f64],
    runs: &[(usize, usize)],
    carry: Carry,
    goes_on: bool,
) -> f64 {
    let (none, some) = carry_costs(carry);
    let mut cost = match runs.first() {
        Some(r) if r.0 > 0 => some,
        _ => none,
    };
    for (j, &(a, z)) in runs.iter().enumerate() {
        let (top, bottom) = (rows[a].0, rows[z].1);
        let centred = ((top + bottom) / 2.0 - centres[j]).powi(2);
        cost += if j + 1 == runs.len() && goes_on {
            centred.min((top - tops[j]).powi(2))
        } else {
            centred
        };
    }
    cost
}

/// A level's runs, how its last cell fits ([`runs_for`]) and what they cost.
type Fit = (Vec<(usize, usize)>, Option<f64>, f64);

/// [`runs_for`] keeping to `bounds`, with its cost; `None` where no runs can.
fn fit(
    rows: &[(f64, f64)],
    centres: &[f64],
    tops: &[f64],
    bounds: &[usize],
    carry: Carry,
    goes_on: bool,
) -> Option<Fit> {
    fit_placing(rows, centres, tops, bounds, carry, goes_on, Last::Either)
}

/// Where the last cell of a page whose table goes on is placed on its run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    /// Centred or at the top, whichever fits better.
    Either,
    Centred,
    Top,
}

/// [`fit`] with the last cell's placement given.
fn fit_placing(
    rows: &[(f64, f64)],
    centres: &[f64],
    tops: &[f64],
    bounds: &[usize],
    carry: Carry,
    goes_on: bool,
    last: Last,
) -> Option<Fit> {
    let crosses = |r: usize, s: usize| bounds.iter().any(|&b| r < b && b < s);
    let (n, k) = (rows.len(), centres.len());
    let mut best = vec![vec![f64::INFINITY; n + 1]; k + 1];
    let mut from = vec![vec![0usize; n + 1]; k + 1];
    let (none, some) = carry_costs(carry);
    best[0][0] = none;
    for (s, cost) in best[0].iter_mut().enumerate().take(n).skip(1) {
        *cost = if crosses(0, s) { f64::INFINITY } else { some };
    }
    // The last cell's two placements on its run.
    let placements = |j: usize, (top, bottom): (f64, f64)| {
        let centred = ((top + bottom) / 2.0 - centres[j]).powi(2);
        (centred, (top - tops[j]).powi(2))
    };
    for j in 1..=k {
        for r in 0..n {
            if best[j - 1][r].is_infinite() {
                continue;
            }
            for s in r + 1..=n {
                if crosses(r, s) {
                    break;
                }
                let (centred, top) = placements(j - 1, (rows[r].0, rows[s - 1].1));
                let c = match (j == k && goes_on, last) {
                    (true, Last::Either) => centred.min(top),
                    (true, Last::Top) => top,
                    _ => centred,
                };
                if best[j - 1][r] + c < best[j][s] {
                    best[j][s] = best[j - 1][r] + c;
                    from[j][s] = r;
                }
            }
        }
    }
    if best[k][n].is_infinite() {
        return None;
    }
    let mut out = vec![(0, 0); k];
    let mut s = n;
    for j in (1..=k).rev() {
        let r = from[j][s];
        out[j - 1] = (r, s - 1);
        s = r;
    }
    let end = match out.last() {
        Some(&(a, z)) if goes_on => {
            let (centred, top) = placements(k - 1, (rows[a].0, rows[z].1));
            Some(centred - top)
        }
        _ => None,
    };
    Some((out, end, best[k][n]))
}

/// A row's padding above and below its lines, in lines (a table cell's margins): what makes
/// a label centred on its group fall on the first line of a two-line row in its middle, not
/// on the line between (measured on LibreOffice's tables through poppler).
const PADDING: f64 = 0.6;

/// The longest cell considered, in lines.
const CELL_LINES: usize = 8;

/// A column with a cell a row: its lines (`ys`, ascending) cut into cells, each on one row,
/// cells and rows in order, rows without a cell allowed; the cut whose cells sit nearest the
/// centres of their rows (least squares over the column).
fn row_cells(rows: &[Band], ys: &[usize]) -> Vec<((usize, usize), (usize, usize))> {
    let (m, n) = (ys.len(), rows.len());
    // best[i][r]: the least cost of lines ..i in cells on rows ..r (the last cell's on r - 1).
    let mut best = vec![vec![f64::INFINITY; n + 1]; m + 1];
    let mut from = vec![vec![(0usize, 0usize); n + 1]; m + 1];
    best[0][0] = 0.0;
    // The least of best[i][..=r] and where, so that each step looks back once.
    for j in 1..=m {
        for i in (j.saturating_sub(CELL_LINES)..j).rev() {
            // A cell's lines are at most a line apart (a value centred between two of them).
            if i + 1 < j && ys[i + 1] - ys[i] > 2 {
                break;
            }
            let mut least = (f64::INFINITY, 0usize);
            for r in 0..n {
                if best[i][r] < least.0 {
                    least = (best[i][r], r);
                }
                let c = least.0 + cost(rows, ys, (i, j - 1), (r, r));
                if c < best[j][r + 1] {
                    best[j][r + 1] = c;
                    from[j][r + 1] = (i, least.1);
                }
            }
        }
    }
    let mut r = (1..=n)
        .min_by(|&a, &b| best[m][a].total_cmp(&best[m][b]))
        .unwrap_or(1);
    let mut j = m;
    let mut out = Vec::new();
    while j > 0 {
        let (i, prev) = from[j][r];
        out.push(((i, j - 1), (r - 1, r - 1)));
        j = i;
        r = prev;
    }
    out.reverse();
    out
}

/// A column of merged cells: its lines cut into cells and the rows into runs, one run a cell,
/// the runs covering every row; the cut whose cells sit nearest the centres of their runs.
fn merged_cells(
    rows: &[Band],
    ys: &[usize],
    continued: bool,
) -> Vec<((usize, usize), (usize, usize))> {
    let (m, n) = (ys.len(), rows.len());
    let mut best = vec![vec![f64::INFINITY; n + 1]; m + 1];
    let mut from = vec![vec![(0usize, 0usize); n + 1]; m + 1];
    best[0][0] = 0.0;
    if continued {
        for cost in best[0].iter_mut().take(n).skip(1) {
            *cost = CARRIED;
        }
    }
    for j in 1..=m {
        for i in (j.saturating_sub(CELL_LINES)..j).rev() {
            // A cell's lines are at most a line apart (a value centred between two of them).
            if i + 1 < j && ys[i + 1] - ys[i] > 2 {
                break;
            }
            for r in 0..n {
                if best[i][r].is_infinite() {
                    continue;
                }
                for s in r + 1..=n {
                    let c = best[i][r]
                        + if j == m {
                            last_cost(rows, ys, (i, j - 1), (r, s - 1))
                        } else {
                            cost(rows, ys, (i, j - 1), (r, s - 1))
                        };
                    if c < best[j][s] {
                        best[j][s] = c;
                        from[j][s] = (i, r);
                    }
                }
            }
        }
    }
    if best[m][n].is_infinite() {
        return row_cells(rows, ys);
    }
    let (mut j, mut s) = (m, n);
    let mut out = Vec::new();
    while j > 0 {
        let (i, r) = from[j][s];
        out.push(((i, j - 1), (r, s - 1)));
        j = i;
        s = r;
    }
    out.reverse();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(top: usize, bottom: usize) -> Band {
        Band { top, bottom }
    }

    /// Rows as the paper's first components print them in text: four rows over lines 58-64,
    /// five over 67-76, two over 78-81.
    fn rows() -> Vec<Band> {
        vec![
            band(58, 58),
            band(59, 59),
            band(60, 62),
            band(64, 64),
            band(67, 67),
            band(70, 70),
            band(73, 73),
            band(74, 74),
            band(76, 76),
            band(78, 80),
            band(81, 81),
        ]
    }

    #[test]
    fn a_levels_cells_take_the_runs_that_fit_them_best_over_the_whole_column() {
        // The first component's label on line 60 and its totals on 61 (mean 60.75), the
        // second's on 72, the last centred on rows 78-81: the first alone fits rows 0-2 best, but 0-3 and 4-8
        // fit the column best. The last covers the rows left.
        let printed: Vec<(f64, f64)> = rows()
            .iter()
            .map(|b| (b.top as f64, b.bottom as f64 + 1.0))
            .collect();
        assert_eq!(
            runs_for(
                &printed,
                &[61.25, 72.5, 80.0],
                &[61.25, 72.0, 79.0],
                &[],
                Carry::None,
                true
            )
            .0,
            vec![(0, 3), (4, 8), (9, 10)]
        );
        // A label over two lines with a line between them is one cell.
        let cut = merged_cells(&rows(), &[60, 71, 73, 81], false);
        assert_eq!(cut.len(), 3);
        assert_eq!(cut[1].0, (1, 2));
    }

    /// Page 4 of the synthetic study's table through pdftotext -layout: its first row is the
    /// last of a component carried over, and its components sit in two dimensions.
    fn page_four() -> Vec<(f64, f64)> {
        let lines = [
            3, 1, 1, 4, 4, 1, 1, 1, 1, 4, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2,
        ];
        let mut y = 0.0;
        lines
            .iter()
            .map(|&n| {
                let row = (y, y + n as f64 + PADDING);
                y = row.1;
                row
            })
            .collect()
    }

    #[test]
    fn a_page_after_a_group_that_went_on_leaves_it_its_first_rows_within_the_level_above() {
        let rows = page_four();
        let (centres, tops) = ([15.2, 36.6, 45.4], [14.7, 36.1, 44.9]);
        // Alone, the labels fit runs that carry nothing over and cross the dimension's bound.
        let (alone, _) = runs_for(&rows, &centres, &tops, &[], Carry::Unknown, true);
        assert_eq!(alone, vec![(0, 11), (12, 20), (21, 23)]);
        // The page before printed its last component at the top of its rows (it goes on), and
        // the dimension above begins on row 11: the first row is the carried component's, the
        // last label at the top of its rows says it goes on in turn.
        let (runs, end) = runs_for(&rows, &centres, &tops, &[11], Carry::After(4.3), true);
        assert_eq!(runs, vec![(1, 10), (11, 20), (21, 23)]);
        assert!(end.is_some_and(|d| d > TELLS), "{end:?}");
        // A page before whose last cell was centred leaves it nothing.
        let (ended, _) = runs_for(&rows, &centres, &tops, &[11], Carry::After(-4.3), true);
        assert_eq!(ended[0].0, 0);
    }

    #[test]
    fn a_cell_a_row_each_on_the_row_it_is_centred_on() {
        // "Using the capacity of women" on 74; "… of media / and news agencies" on 75 and 77
        // around its codes on 76: line 75 is as near 74 as 76, and goes with 77.
        let rows = [band(73, 73), band(74, 74), band(76, 76), band(79, 79)];
        assert_eq!(
            row_cells(&rows, &[73, 74, 75, 77]),
            vec![((0, 0), (0, 0)), ((1, 1), (1, 1)), ((2, 3), (2, 2))]
        );
    }

    #[test]
    fn values_and_lists_broken_over_lines() {
        assert!(is_value("1-2-3-4-5-6-8-10-12-13-14-"));
        assert!(is_value("P1, P2, P4,"));
        assert!(is_value("38†"));
        assert!(is_value("—"));
        assert!(is_value("۱۴۰۰"));
        assert!(!is_value("Base"));
        assert!(!is_value("Shared language"));
        assert!(continues("1-2-3-"));
        assert!(continues("P1, P2,"));
        assert!(!continues("15-16"));
    }
}

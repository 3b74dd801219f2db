//! The thematic network (Attride-Stirling 2001) as a figure: a dimension (global theme) at the
//! centre, its components (organizing themes) on a ring around it, its base themes at the rim,
//! edges along the hierarchy; one figure per dimension and one of the whole study (the
//! interviewees at the centre, the dimensions on the first ring). Every node carries its
//! number of distinct interviewees, the printed value beside it (◆), and a black ring where
//! the printed value is not what the source codes give.
//!
//! The layout is a radial tree in leaf-weighted wedges (each component's wedge in proportion
//! to the base themes it shows, as QualCoder's radial layout and the "Drawing Trees" handbook
//! chapter place them): closed-form, deterministic, and with the hierarchy's order kept around
//! the circle, which force-directed layouts do not keep. Persian runs clockwise from the top
//! (its reader starts down the right column), English counter-clockwise (down the left). Labels are never placed where they could overlap:
//! - base themes' labels stand upright in two columns beside the circle, spread apart
//!   vertically with a leader line to their node (labels set around the rim would collide
//!   above and below it);
//! - inner labels sit in boxes, moved apart along their ring; where boxes would still touch,
//!   or a label would have to be cut, the boxes carry numbers and a key under the figure
//!   names them.
//!
//! A large study shows, in each component, the base themes with the most interviewees and a
//! "+N more" row for the rest ([`MAX_RIM`] rows a figure).
//!
//! Not for which numbers the tables hold (`tables`) or their words (`words`).

use super::canvas::{Align, Canvas, Color, Drawing};
use super::shapes::{BLACK, GREY, LIGHT, PALETTE, SMALL};
use super::{Chart, Lang};
use std::collections::HashMap;
use std::f64::consts::{FRAC_PI_2, PI};

/// Most rows one figure's rim shows: base themes and "+N more" rows (two columns of 24 rows
/// of one or two lines fit a page).
pub(super) const MAX_RIM: usize = 48;
/// Most components (or dimensions) one ring shows; the rest are one "+N more" row.
pub(super) const MAX_RING: usize = 24;

/// The printed value where it differs from the recomputed one (with the black ring, so colour
/// is never the only sign): Okabe–Ito vermilion.
const DIFFERS: Color = Color(213, 94, 0);
const WHITE: Color = Color(255, 255, 255);
/// Label type: the rim's and the boxes' lines.
const LABEL: f64 = SMALL + 1.0;
const LINE: f64 = 18.0;
const ROW_GAP: f64 = 6.0;
/// No base theme sits this close (radians) to the top or bottom of the circle, where the two
/// label columns meet.
const POLE: f64 = 0.24;
/// Where the figure's content starts, below the title, its note and the legend.
const TOP: f64 = 120.0;

/// One node of the tree drawn.
struct Node {
    label: String,
    /// Distinct interviewees; `None` for a "+N more" row.
    count: Option<u32>,
    printed: Option<u32>,
    /// The printed value is not one the source codes give.
    differs: bool,
    color: Color,
    children: Vec<Node>,
}

impl Node {
    fn more(label: String) -> Node {
        Node {
            label,
            count: None,
            printed: None,
            differs: false,
            color: GREY,
            children: Vec::new(),
        }
    }
}

/// A box on the canvas: x0, y0, x1, y1.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rect(pub f64, pub f64, pub f64, pub f64);

impl Rect {
    fn around(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect(x - w / 2.0, y - h / 2.0, x + w / 2.0, y + h / 2.0)
    }

    pub(super) fn overlaps(&self, other: &Rect, margin: f64) -> bool {
        self.0 < other.2 + margin
            && other.0 < self.2 + margin
            && self.1 < other.3 + margin
            && other.1 < self.3 + margin
    }
}

/// Indices of each group's children to show, in their order: all of them when they fit in
/// `budget` rows, else the `m` largest of each group (ties to the earlier), with `m` the most
/// that fits when every group that leaves some out takes a row more for them.
fn keep_largest(groups: &[Vec<u32>], budget: usize) -> Vec<Vec<usize>> {
    let total: usize = groups.iter().map(Vec::len).sum();
    let rows = |m: usize| -> usize {
        groups
            .iter()
            .map(|g| g.len().min(m) + usize::from(g.len() > m))
            .sum()
    };
    let most = groups.iter().map(Vec::len).max().unwrap_or(0);
    let m = if total <= budget {
        most
    } else {
        (1..=most).rev().find(|&m| rows(m) <= budget).unwrap_or(1)
    };
    groups
        .iter()
        .map(|sizes| super::trim::top_indices(sizes.len(), m, |i| sizes[i]))
        .collect()
}

/// Tops of rows `heights` tall, in order, each as near the centre it asks for (`ideal`,
/// ascending) as rows that may not overlap allow, all within `lo..hi` where they fit: runs of
/// rows that would overlap are set one under the other, centred on their mean wish.
fn spread(ideal: &[f64], heights: &[f64], gap: f64, lo: f64, hi: f64) -> Vec<f64> {
    let n = ideal.len();
    // Offset of each row's top from the top of a run that starts at row 0.
    let mut offset = vec![0.0; n + 1];
    for i in 0..n {
        offset[i + 1] = offset[i] + heights[i] + gap;
    }
    let place = |a: usize, b: usize| -> f64 {
        let wish: f64 = (a..b)
            .map(|j| ideal[j] - heights[j] / 2.0 - (offset[j] - offset[a]))
            .sum::<f64>()
            / (b - a) as f64;
        let tall = offset[b] - offset[a] - gap;
        wish.min(hi - tall).max(lo)
    };
    let mut runs: Vec<(usize, usize, f64)> = Vec::new();
    for i in 0..n {
        let mut run = (i, i + 1, place(i, i + 1));
        while let Some(&(a, b, top)) = runs.last() {
            if top + (offset[b] - offset[a]) <= run.2 {
                break;
            }
            runs.pop();
            run = (a, run.1, place(a, run.1));
        }
        runs.push(run);
    }
    let mut tops = vec![0.0; n];
    for (a, b, top) in runs {
        for j in a..b {
            tops[j] = top + offset[j] - offset[a];
        }
    }
    tops
}

/// A node placed: its position, and the box its label takes (inner nodes) or the dot.
struct Placed {
    x: f64,
    y: f64,
    depth: usize,
    parent: Option<usize>,
    /// Angle on the circle (radians, unwrapped: increasing around from the top).
    angle: f64,
}

/// What an inner node's box shows.
struct BoxText {
    lines: Vec<String>,
    /// The label was cut to fit (a numbered box shows it whole in the key instead).
    cut: bool,
    bold: bool,
    w: f64,
    h: f64,
}

impl Chart<'_> {
    /// Every network figure: the whole study's (`network`), then each dimension's
    /// (`network_1`, `network_2`, …), as (file stem, title, drawing).
    pub(super) fn networks(&self) -> Vec<(String, String, Drawing)> {
        let mut figures = Vec::new();
        let title = self.words.network_title(None);
        figures.push((
            "network".to_string(),
            title.clone(),
            self.network(&title, None),
        ));
        for d in 0..self.tables.dimensions.len() {
            let title = self.words.network_title(Some(&self.dimension_label(d)));
            figures.push((
                format!("network_{}", d + 1),
                title.clone(),
                self.network(&title, Some(d)),
            ));
        }
        figures
    }

    /// One figure, the largest that fits: fewer rows at the rim when `--height` leaves no room
    /// for more.
    fn network(&self, title: &str, dimension: Option<usize>) -> Drawing {
        let mut drawn = None;
        for budget in [MAX_RIM, 36, 24, 16, 10, 6] {
            let (root, shown, all) = self.network_tree(dimension, budget);
            let (drawing, fits) = self.draw_network(title, &root, dimension.is_none(), shown, all);
            let last = fits || budget == 6;
            drawn = Some(drawing);
            if last {
                break;
            }
        }
        drawn.expect("at least one budget is tried")
    }

    fn theme_node(&self, t: usize, color: Color) -> Node {
        let r = &self.tables.base_themes[t];
        Node {
            label: format!(
                "{}. {}",
                self.words.int(r.number as u64),
                self.theme_label(t)
            ),
            count: Some(r.distinct),
            printed: r.printed,
            differs: r.printed.is_some_and(|p| p != r.distinct),
            color,
            children: Vec::new(),
        }
    }

    /// A component's or dimension's node: the union rule's count; its printed value differs
    /// when neither rule gives it.
    fn group_node(&self, row: &crate::tables::GroupRow, label: String, color: Color) -> Node {
        Node {
            label,
            count: Some(row.union),
            printed: row.printed,
            differs: row.printed.is_some_and(|p| p != row.union && p != row.sum),
            color,
            children: Vec::new(),
        }
    }

    /// The tree of one figure with at most `budget` rows at the rim, and how many of the
    /// figure's base themes it shows of all.
    fn network_tree(&self, dimension: Option<usize>, budget: usize) -> (Node, usize, usize) {
        let tables = self.tables;
        let words = self.words;
        let component_of: HashMap<(&str, &str), usize> = tables
            .components
            .iter()
            .enumerate()
            .map(|(i, c)| ((c.dimension.as_str(), c.component.as_str()), i))
            .collect();
        let mut themes_of: Vec<Vec<usize>> = vec![Vec::new(); tables.components.len()];
        for (t, r) in tables.base_themes.iter().enumerate() {
            if let Some(&c) = component_of.get(&(r.dimension.as_str(), r.component.as_str())) {
                themes_of[c].push(t);
            }
        }
        let dimensions: Vec<usize> = match dimension {
            Some(d) => vec![d],
            None => (0..tables.dimensions.len()).collect(),
        };
        // The dimensions (whole study) and components each ring shows.
        let dimension_kept = if dimension.is_none() && dimensions.len() > MAX_RING {
            let sizes: Vec<u32> = dimensions
                .iter()
                .map(|&d| tables.dimensions[d].union)
                .collect();
            keep_largest(&[sizes], MAX_RING)
                .remove(0)
                .into_iter()
                .map(|i| dimensions[i])
                .collect()
        } else {
            dimensions.clone()
        };
        let components_of: Vec<Vec<usize>> = dimension_kept
            .iter()
            .map(|&d| {
                let label = &tables.dimensions[d].dimension;
                (0..tables.components.len())
                    .filter(|&c| &tables.components[c].dimension == label)
                    .collect()
            })
            .collect();
        let component_sizes: Vec<Vec<u32>> = components_of
            .iter()
            .map(|cs| cs.iter().map(|&c| tables.components[c].union).collect())
            .collect();
        let component_kept = keep_largest(&component_sizes, MAX_RING);
        // Rows the rim spends on "+N more" components or dimensions.
        let stand_ins = component_kept
            .iter()
            .zip(&components_of)
            .filter(|(kept, all)| kept.len() < all.len())
            .count()
            + usize::from(dimension_kept.len() < dimensions.len());
        let shown_components: Vec<usize> = component_kept
            .iter()
            .zip(&components_of)
            .flat_map(|(kept, all)| kept.iter().map(|&i| all[i]))
            .collect();
        let theme_sizes: Vec<Vec<u32>> = shown_components
            .iter()
            .map(|&c| {
                themes_of[c]
                    .iter()
                    .map(|&t| tables.base_themes[t].distinct)
                    .collect()
            })
            .collect();
        let theme_kept = keep_largest(&theme_sizes, budget.saturating_sub(stand_ins).max(1));
        let all: usize = dimensions
            .iter()
            .map(|&d| {
                let label = &tables.dimensions[d].dimension;
                tables
                    .base_themes
                    .iter()
                    .filter(|r| &r.dimension == label)
                    .count()
            })
            .sum();
        let mut shown = 0;
        let mut next_component = 0;
        let mut dimension_nodes = Vec::new();
        for (k, &d) in dimension_kept.iter().enumerate() {
            let color = PALETTE[d % PALETTE.len()];
            let mut node = self.group_node(&tables.dimensions[d], self.dimension_label(d), color);
            for &i in &component_kept[k] {
                let c = components_of[k][i];
                let mut component =
                    self.group_node(&tables.components[c], self.component_label(c), color);
                let kept = &theme_kept[next_component];
                next_component += 1;
                shown += kept.len();
                for &j in kept {
                    component
                        .children
                        .push(self.theme_node(themes_of[c][j], color));
                }
                if kept.len() < themes_of[c].len() {
                    component.children.push(Node::more(
                        words.more_base_themes(themes_of[c].len() - kept.len()),
                    ));
                }
                node.children.push(component);
            }
            if component_kept[k].len() < components_of[k].len() {
                node.children.push(Node::more(
                    words.more_groups(components_of[k].len() - component_kept[k].len(), false),
                ));
            }
            dimension_nodes.push(node);
        }
        let root = match dimension {
            Some(_) => dimension_nodes.remove(0),
            None => {
                let raised = tables
                    .interviewees
                    .iter()
                    .filter(|r| r.base_themes > 0)
                    .count() as u64;
                let mut root = Node::more(words.network_centre(raised));
                root.color = BLACK;
                root.children = dimension_nodes;
                if dimension_kept.len() < dimensions.len() {
                    root.children.push(Node::more(
                        words.more_groups(dimensions.len() - dimension_kept.len(), true),
                    ));
                }
                root
            }
        };
        (root, shown, all)
    }

    /// The figure of `root`'s tree, and whether its rows fit the height it has.
    fn draw_network(
        &self,
        title: &str,
        root: &Node,
        whole: bool,
        shown: usize,
        all: usize,
    ) -> (Drawing, bool) {
        let (drawing, _, fits) = self.network_layout(title, root, whole, shown, all);
        (drawing, fits)
    }

    /// The figure, every label's box (for the tests: none may overlap), and whether it fits.
    fn network_layout(
        &self,
        title: &str,
        root: &Node,
        whole: bool,
        shown: usize,
        all: usize,
    ) -> (Drawing, Vec<Rect>, bool) {
        let font = &self.options.font;
        let words = self.words;
        let w = self.w();
        // Flatten the tree, depth first: the leaves in order around the circle.
        let mut nodes: Vec<(&Node, usize, Option<usize>)> = Vec::new();
        let mut stack = vec![(root, 0usize, None::<usize>)];
        while let Some((node, depth, parent)) = stack.pop() {
            let index = nodes.len();
            nodes.push((node, depth, parent));
            for child in node.children.iter().rev() {
                stack.push((child, depth + 1, Some(index)));
            }
        }
        let leaves: Vec<usize> = (1..nodes.len())
            .filter(|&i| nodes[i].0.children.is_empty())
            .collect();
        let top_ancestor = |mut i: usize| {
            while let Some(p) = nodes[i].2 {
                if p == 0 {
                    return i;
                }
                i = p;
            }
            i
        };
        // Slots: half a slot between siblings' groups, one between the dimensions' (whole).
        let mut slots = Vec::with_capacity(leaves.len());
        let mut s = 0.0f64;
        for (k, &leaf) in leaves.iter().enumerate() {
            if k > 0 {
                let previous = leaves[k - 1];
                if top_ancestor(previous) != top_ancestor(leaf) && whole {
                    s += 1.0;
                } else if nodes[previous].2 != nodes[leaf].2 {
                    s += 0.5;
                }
            }
            slots.push(s);
            s += 1.0;
        }
        let total = s.max(1.0);
        // Geometry: two label columns beside the circle.
        let column = (w * if whole { 0.23 } else { 0.27 }).clamp(150.0, 620.0);
        let radius = (w / 2.0 - column - 80.0).max(100.0);
        // Each reader's first column starts at the top with the first base theme: Persian runs
        // clockwise from the top (down the right column), English counter-clockwise (down the
        // left one).
        let mirror = if words.lang == Lang::Fa { 1.0 } else { -1.0 };
        let angle_at = |u: f64| -> f64 {
            // The right arc (top to bottom), then the left (bottom to top); none at the poles.
            if u < 0.5 {
                -FRAC_PI_2 + POLE + u * 2.0 * (PI - 2.0 * POLE)
            } else {
                FRAC_PI_2 + POLE + (u - 0.5) * 2.0 * (PI - 2.0 * POLE)
            }
        };
        let counts_w = leaves
            .iter()
            .filter_map(|&i| nodes[i].0.count)
            .map(|n| font.width(&words.int(u64::from(n)), LABEL) * 1.08)
            .fold(0.0, f64::max);
        let printed_w = leaves
            .iter()
            .filter_map(|&i| nodes[i].0.printed)
            .map(|p| font.width(&words.printed_mark(p), LABEL) * 1.08)
            .fold(0.0, f64::max);
        let name_x = counts_w
            + if printed_w > 0.0 {
                printed_w + 10.0
            } else {
                0.0
            }
            + 10.0;
        let name_w = (column - name_x).max(60.0);
        // Each rim row's lines and height.
        let rows: Vec<(Vec<String>, f64)> = leaves
            .iter()
            .map(|&i| {
                let lines = font.wrap(&nodes[i].0.label, LABEL, name_w, 2);
                let h = lines.len().max(1) as f64 * LINE;
                (lines, h)
            })
            .collect();
        let angles: Vec<f64> = slots.iter().map(|&s| angle_at((s + 0.5) / total)).collect();
        let side_of = |k: usize| angles[k] < FRAC_PI_2; // the first arc
        let side_height = |first: bool| -> f64 {
            let hs: Vec<f64> = (0..leaves.len())
                .filter(|&k| side_of(k) == first)
                .map(|k| rows[k].1)
                .collect();
            hs.iter().sum::<f64>() + ROW_GAP * hs.len().saturating_sub(1) as f64
        };
        let labels_h = side_height(true).max(side_height(false));
        let natural_extent = (2.0 * radius + 60.0).max(labels_h + 20.0);
        // Numbered boxes, if it comes to that, need a key below; laid out after the boxes.
        let key_lines = |count: usize| -> f64 {
            if count == 0 {
                0.0
            } else {
                let columns = if w >= 900.0 { 2 } else { 1 };
                40.0 + count.div_ceil(columns) as f64 * 22.0
            }
        };
        let inner: Vec<usize> = (1..nodes.len())
            .filter(|&i| !nodes[i].0.children.is_empty())
            .collect();
        // Lay the inner boxes out, labelled in place first, numbered if they do not fit.
        let mut numbered = false;
        let mut placed: Vec<Placed>;
        let mut texts: Vec<BoxText>;
        let mut extent;
        let mut cy;
        let cx = w / 2.0;
        let ring = |depth: usize| -> f64 {
            match (whole, depth) {
                (true, 1) => 0.40 * radius,
                (true, _) => 0.74 * radius,
                (false, _) => 0.60 * radius,
            }
        };
        loop {
            // Height available for the content: the natural one, or what `--height` leaves.
            let key_h = if numbered {
                key_lines(inner.len())
            } else {
                0.0
            };
            let content = self.content_height(TOP + natural_extent + key_h + 30.0);
            extent = (content - TOP - key_h - 30.0)
                .min(natural_extent)
                .max(100.0);
            cy = TOP + extent / 2.0;
            let r = radius.min(extent / 2.0 - 30.0).max(60.0);
            let rim = |k: usize| -> (f64, f64) {
                (cx + mirror * r * angles[k].cos(), cy + r * angles[k].sin())
            };
            placed = (0..nodes.len())
                .map(|i| Placed {
                    x: cx,
                    y: cy,
                    depth: nodes[i].1,
                    parent: nodes[i].2,
                    angle: 0.0,
                })
                .collect();
            for (k, &leaf) in leaves.iter().enumerate() {
                let (x, y) = rim(k);
                placed[leaf].x = x;
                placed[leaf].y = y;
                placed[leaf].angle = angles[k];
            }
            // Inner nodes: at the middle of their leaves' wedge, deepest first.
            for &i in inner.iter().rev() {
                let span: Vec<f64> = leaves
                    .iter()
                    .enumerate()
                    .filter(|(_, &leaf)| {
                        let mut a = Some(leaf);
                        while let Some(n) = a {
                            if n == i {
                                return true;
                            }
                            a = nodes[n].2;
                        }
                        false
                    })
                    .map(|(k, _)| angles[k])
                    .collect();
                let (first, last) = (span[0], span[span.len() - 1]);
                placed[i].angle = (first + last) / 2.0;
            }
            texts = (0..nodes.len())
                .map(|i| self.box_text(i, nodes[i].0, numbered, whole, &inner, r))
                .collect();
            let place_at = |placed: &mut Vec<Placed>, i: usize| {
                // The ring's radius, scaled with the circle when the height made it smaller.
                let rr = (ring(placed[i].depth) * r / radius).min(r - 40.0);
                placed[i].x = cx + mirror * rr * placed[i].angle.cos();
                placed[i].y = cy + rr * placed[i].angle.sin();
            };
            for &i in &inner {
                place_at(&mut placed, i);
            }
            // Move boxes of one ring apart along it.
            for depth in 1..=2 {
                let on_ring: Vec<usize> = inner
                    .iter()
                    .copied()
                    .filter(|&i| placed[i].depth == depth)
                    .collect();
                if on_ring.len() < 2 {
                    continue;
                }
                let step = 0.004;
                for _ in 0..800 {
                    let mut moved = false;
                    for k in 0..on_ring.len() {
                        let (a, b) = (on_ring[k], on_ring[(k + 1) % on_ring.len()]);
                        let ra = Rect::around(placed[a].x, placed[a].y, texts[a].w, texts[a].h);
                        let rb = Rect::around(placed[b].x, placed[b].y, texts[b].w, texts[b].h);
                        if ra.overlaps(&rb, 6.0) {
                            placed[a].angle -= step;
                            placed[b].angle += step;
                            place_at(&mut placed, a);
                            place_at(&mut placed, b);
                            moved = true;
                        }
                    }
                    if !moved {
                        break;
                    }
                }
            }
            let boxes: Vec<Rect> = std::iter::once(0)
                .chain(inner.iter().copied())
                .map(|i| Rect::around(placed[i].x, placed[i].y, texts[i].w, texts[i].h))
                .collect();
            let dots: Vec<Rect> = leaves
                .iter()
                .map(|&i| Rect::around(placed[i].x, placed[i].y, 28.0, 28.0))
                .collect();
            let clash = boxes.iter().enumerate().any(|(a, ra)| {
                boxes[a + 1..].iter().any(|rb| ra.overlaps(rb, 4.0))
                    || dots.iter().any(|d| ra.overlaps(d, 2.0))
            });
            let cut = inner.iter().any(|&i| texts[i].cut);
            if numbered || !(clash || cut) {
                break;
            }
            numbered = true;
        }
        let r = radius.min(extent / 2.0 - 30.0).max(60.0);
        let key_h = if numbered {
            key_lines(inner.len())
        } else {
            0.0
        };
        let content = self.content_height(TOP + natural_extent + key_h + 30.0);
        let fits = labels_h + 20.0 <= extent + 1e-6;
        let mut c = self.canvas(content);
        let mut boxes = Vec::new();
        let mut heading = title.to_string();
        if shown < all {
            heading = format!("{heading}\n{}", words.network_note(shown, all));
        }
        self.title(&mut c, &heading);
        self.network_legend(&mut c, 88.0);
        // Edges along the hierarchy, under everything.
        for i in 1..nodes.len() {
            let p = placed[i].parent.unwrap_or(0);
            let leaf = nodes[i].0.children.is_empty();
            let color = if nodes[i].0.count.is_none() {
                LIGHT
            } else {
                nodes[i].0.color
            };
            c.line(
                &[(placed[p].x, placed[p].y), (placed[i].x, placed[i].y)],
                color,
                if leaf { 1 } else { 2 },
            );
        }
        // Rim rows: spread apart on each side, a leader from each node.
        let largest = leaves
            .iter()
            .filter_map(|&i| nodes[i].0.count)
            .max()
            .unwrap_or(1)
            .max(1);
        for first in [true, false] {
            let mut side: Vec<usize> = (0..leaves.len()).filter(|&k| side_of(k) == first).collect();
            side.sort_by(|&a, &b| placed[leaves[a]].y.total_cmp(&placed[leaves[b]].y));
            let ideal: Vec<f64> = side.iter().map(|&k| placed[leaves[k]].y).collect();
            let heights: Vec<f64> = side.iter().map(|&k| rows[k].1).collect();
            let tops = spread(&ideal, &heights, ROW_GAP, TOP, TOP + extent);
            let right = mirror * if first { 1.0 } else { -1.0 } > 0.0;
            let sign = if right { 1.0 } else { -1.0 };
            let x0 = cx + sign * (r + 40.0);
            // Labels start on the reader's side: a Persian column right of the circle ends its
            // labels at one right edge, so that each starts there (and English on the left
            // starts them at one left edge, next to the counts).
            let against = (words.lang == Lang::Fa) == right;
            let column_w = side
                .iter()
                .flat_map(|&k| rows[k].0.iter())
                .map(|line| font.width(line, LABEL))
                .fold(0.0, f64::max);
            for (n, &k) in side.iter().enumerate() {
                let leaf = leaves[k];
                let node = nodes[leaf].0;
                let (lines, h) = &rows[k];
                let top = tops[n];
                let first_line = top + LINE / 2.0;
                let (nx, ny) = (placed[leaf].x, placed[leaf].y);
                let elbow = (
                    cx + mirror * (r + 14.0) * placed[leaf].angle.cos(),
                    cy + (r + 14.0) * placed[leaf].angle.sin(),
                );
                c.line(&[(nx, ny), elbow, (x0 - sign * 4.0, first_line)], LIGHT, 1);
                let dot = match node.count {
                    Some(n) => 4.0 + 9.0 * (f64::from(n) / f64::from(largest)).sqrt(),
                    None => 4.0,
                };
                if node.differs {
                    c.circle(nx, ny, dot + 3.5, BLACK);
                    c.circle(nx, ny, dot + 1.5, WHITE);
                }
                c.circle(nx, ny, dot, node.color);
                let at = |dx: f64| x0 + sign * dx;
                let mut width = name_x;
                if let Some(count) = node.count {
                    let align = if right { Align::Right } else { Align::Left };
                    c.bold_text(
                        at(counts_w),
                        first_line,
                        &words.int(u64::from(count)),
                        LABEL,
                        align,
                        BLACK,
                    );
                }
                if let Some(p) = node.printed {
                    let color = if node.differs { DIFFERS } else { GREY };
                    let align = if right { Align::Left } else { Align::Right };
                    let text = words.printed_mark(p);
                    if node.differs {
                        // Bold where it differs, a second sign besides the colour.
                        c.bold_text(at(counts_w + 8.0), first_line, &text, LABEL, align, color);
                    } else {
                        c.text(at(counts_w + 8.0), first_line, &text, LABEL, align, color);
                    }
                }
                let (align, name_at) = match (right, against) {
                    (true, false) => (Align::Left, at(name_x)),
                    (false, false) => (Align::Right, at(name_x)),
                    (true, true) => (Align::Right, at(name_x + column_w)),
                    (false, true) => (Align::Left, at(name_x + column_w)),
                };
                let color = if node.count.is_some() { BLACK } else { GREY };
                for (l, line) in lines.iter().enumerate() {
                    let whole_label = if lines.len() == 1 || l + 1 == lines.len() {
                        node.label.as_str()
                    } else {
                        line.as_str()
                    };
                    c.shortened_text(
                        name_at,
                        first_line + l as f64 * LINE,
                        (line, whole_label),
                        LABEL,
                        align,
                        color,
                        false,
                    );
                    width = width.max(if against {
                        name_x + column_w
                    } else {
                        name_x + font.width(line, LABEL)
                    });
                }
                let (a, b) = (at(0.0), at(width));
                boxes.push(Rect(a.min(b), top, a.max(b), top + h));
            }
        }
        // Inner boxes (the centre last, on top).
        let mut key = Vec::new();
        for &i in inner.iter().chain(std::iter::once(&0)) {
            let node = nodes[i].0;
            let text = &texts[i];
            let rect = Rect::around(placed[i].x, placed[i].y, text.w, text.h);
            if node.differs {
                c.rect(
                    rect.0 - 3.0,
                    rect.1 - 3.0,
                    rect.2 + 3.0,
                    rect.3 + 3.0,
                    BLACK,
                );
            }
            c.outlined_rect(rect.0, rect.1, rect.2, rect.3, WHITE, node.color);
            let mut y = rect.1 + 5.0 + LINE / 2.0;
            for line in &text.lines {
                let whole_label = if text.cut { node.label.as_str() } else { line };
                c.shortened_text(
                    placed[i].x,
                    y,
                    (line, whole_label),
                    LABEL,
                    Align::Center,
                    BLACK,
                    text.bold,
                );
                y += LINE;
            }
            match node.count {
                Some(count) if !(numbered && i != 0) => {
                    self.count_line(&mut c, placed[i].x, y, count, node.printed, node.differs);
                }
                _ => {}
            }
            boxes.push(rect);
            if numbered && i != 0 {
                key.push(i);
            }
        }
        // The key to numbered boxes.
        if !key.is_empty() {
            let columns = if w >= 900.0 { 2 } else { 1 };
            let key_top = TOP + extent + 30.0;
            // From the reader's side: right to left in Persian.
            let (x, align, dir) = match words.lang {
                Lang::Fa => (w - 20.0, Align::Right, -1.0),
                Lang::En => (20.0, Align::Left, 1.0),
            };
            c.bold_text(x, key_top + 10.0, words.network_key(), LABEL, align, BLACK);
            let heading_w = font.width(words.network_key(), LABEL) * 1.1;
            let (a, b) = (x, x + dir * heading_w);
            boxes.push(Rect(a.min(b), key_top, a.max(b), key_top + 20.0));
            let column_w = (w - 40.0) / columns as f64;
            let per_column = key.len().div_ceil(columns);
            for (n, &i) in key.iter().enumerate() {
                let node = nodes[i].0;
                let (col, row) = (n / per_column, n % per_column);
                let y = key_top + 40.0 + row as f64 * 22.0;
                let x = x + dir * col as f64 * column_w;
                let mut entry = format!("{}. {}", self.box_number(i, &inner), node.label);
                if let Some(count) = node.count {
                    entry.push_str(&format!(" — {}", words.int(u64::from(count))));
                }
                if let Some(p) = node.printed {
                    entry.push_str(&format!(" · {}", words.printed_mark(p)));
                }
                let shown = font.fit(&entry, LABEL, column_w - 20.0);
                let color = if node.differs { DIFFERS } else { BLACK };
                c.shortened_text(x, y, (&shown, &entry), LABEL, align, color, false);
                let width = font.width(&shown, LABEL);
                boxes.push(Rect(
                    if dir > 0.0 { x } else { x - width },
                    y - LINE / 2.0,
                    if dir > 0.0 { x + width } else { x },
                    y + LINE / 2.0,
                ));
            }
        }
        (self.finish(c), boxes, fits)
    }

    /// Its number in the key: the inner nodes in order, in the chart's digits.
    fn box_number(&self, i: usize, inner: &[usize]) -> String {
        let n = inner.iter().position(|&j| j == i).map_or(0, |p| p + 1);
        self.words.int(n as u64)
    }

    /// What node `i`'s box shows and its size: its label wrapped (or its number), and a line
    /// for its count.
    fn box_text(
        &self,
        i: usize,
        node: &Node,
        numbered: bool,
        whole: bool,
        inner: &[usize],
        radius: f64,
    ) -> BoxText {
        let font = &self.options.font;
        let count_w = node.count.map_or(0.0, |n| {
            let count = self.words.int(u64::from(n));
            let printed = node.printed.map_or(0.0, |p| {
                8.0 + font.width(&self.words.printed_mark(p), LABEL)
            });
            font.width(&count, LABEL) * 1.08 + printed
        });
        let numbered_here = numbered && i != 0;
        // A numbered box is its number alone: the key gives its counts.
        let (count_w, count_h) = match (node.count, numbered_here) {
            (Some(_), false) => (count_w, LINE),
            _ => (0.0, 0.0),
        };
        let (lines, cut, bold) = if i == 0 && whole {
            // The whole study's centre: the interviewees who raised anything, one line.
            (vec![node.label.clone()], false, true)
        } else if numbered && i != 0 {
            (vec![self.box_number(i, inner)], false, true)
        } else {
            let max = match (i, whole) {
                (0, _) => 0.50 * radius,
                (_, true) => 0.33 * radius,
                (_, false) => 0.60 * radius,
            };
            let lines = font.wrap(&node.label, LABEL, max, 3);
            let cut = lines.last().is_some_and(|l| l.ends_with('…')) && !node.label.ends_with('…');
            (lines, cut, i == 0)
        };
        let text_w = lines
            .iter()
            .map(|l| font.width(l, LABEL) * if bold { 1.1 } else { 1.0 })
            .fold(count_w, f64::max);
        BoxText {
            w: text_w + 16.0,
            h: lines.len() as f64 * LINE + count_h + 10.0,
            lines,
            cut,
            bold,
        }
    }

    /// A box's count line, centred on `x`: the count (bold), then the printed value, in
    /// reading order.
    fn count_line(
        &self,
        c: &mut Canvas,
        x: f64,
        y: f64,
        count: u32,
        printed: Option<u32>,
        differs: bool,
    ) {
        let font = &self.options.font;
        let count = self.words.int(u64::from(count));
        let Some(p) = printed else {
            c.bold_text(x, y, &count, LABEL, Align::Center, BLACK);
            return;
        };
        let printed = self.words.printed_mark(p);
        let (cw, pw) = (
            font.width(&count, LABEL) * 1.08,
            font.width(&printed, LABEL),
        );
        let start = x - (cw + 8.0 + pw) / 2.0;
        let color = if differs { DIFFERS } else { GREY };
        let (count_x, printed_x) = match self.words.lang {
            Lang::En => (start, start + cw + 8.0),
            Lang::Fa => (start + pw + 8.0, start),
        };
        c.bold_text(count_x, y, &count, LABEL, Align::Left, BLACK);
        if differs {
            c.bold_text(printed_x, y, &printed, LABEL, Align::Left, color);
        } else {
            c.text(printed_x, y, &printed, LABEL, Align::Left, color);
        }
    }

    /// The legend under the title: a node and its number, the printed mark, the ring.
    fn network_legend(&self, c: &mut Canvas, y: f64) {
        let font = &self.options.font;
        let [size, printed, ring] = self.words.network_legend();
        let rtl = self.words.lang == Lang::Fa;
        let sign = if rtl { -1.0 } else { 1.0 };
        let mut x = if rtl { self.w() - 20.0 } else { 20.0 };
        let room = self.w() / 3.0 - 50.0;
        for (k, text) in [size, printed, ring].iter().enumerate() {
            let swatch = x + sign * 8.0;
            match k {
                // Grey: the legend is for every dimension's colour.
                0 => c.circle(swatch, y, 7.0, GREY),
                1 => {}
                _ => {
                    c.circle(swatch, y, 10.5, BLACK);
                    c.circle(swatch, y, 8.5, WHITE);
                    c.circle(swatch, y, 7.0, GREY);
                }
            }
            let text_x = if k == 1 { x } else { x + sign * 22.0 };
            let shown = font.fit(text, LABEL, room);
            let align = if rtl { Align::Right } else { Align::Left };
            c.shortened_text(text_x, y, (&shown, text), LABEL, align, BLACK, false);
            x = text_x + sign * (font.width(&shown, LABEL) + 40.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::charts::{ChartOptions, Words};
    use crate::codebook::{load, Source};

    /// Every figure of a codebook's network, with its label boxes and whether it fit.
    fn figures(
        codebook: &crate::model::Codebook,
        options: &ChartOptions,
    ) -> Vec<(Drawing, Vec<Rect>, bool)> {
        let tables = crate::tables::compute(codebook).expect("tables");
        let words = Words::new(options.lang, &codebook.study);
        let chart = Chart {
            tables: &tables,
            agreement: None,
            options,
            words: &words,
        };
        let mut out = Vec::new();
        for dimension in std::iter::once(None).chain((0..tables.dimensions.len()).map(Some)) {
            let (root, shown, all) = chart.network_tree(dimension, MAX_RIM);
            out.push(chart.network_layout("t", &root, dimension.is_none(), shown, all));
        }
        out
    }

    fn synthetic(dimensions: usize, components: usize, themes: usize) -> crate::model::Codebook {
        let study = crate::synth::generate(&crate::synth::Spec {
            dimensions,
            components,
            base_themes: themes,
            interviewees: 300,
            codings: (themes as u64 * 20).min(300 * themes as u64 / 2),
            error_rate: 0.2,
            seed: 3,
            ids: None,
        });
        study.load().expect("a synthetic study loads")
    }

    /// No two labels' boxes touch, and every one is on the canvas.
    fn assert_legible(figures: &[(Drawing, Vec<Rect>, bool)], what: &str) {
        for (n, (drawing, boxes, fits)) in figures.iter().enumerate() {
            assert!(fits, "{what}, figure {n}: the rows do not fit");
            let (w, h) = (f64::from(drawing.width), f64::from(drawing.height));
            for (a, ra) in boxes.iter().enumerate() {
                assert!(
                    ra.0 >= 0.0 && ra.1 >= 0.0 && ra.2 <= w && ra.3 <= h,
                    "{what}, figure {n}: {ra:?} is off the {w}×{h} canvas"
                );
                for rb in &boxes[a + 1..] {
                    assert!(
                        !ra.overlaps(rb, 0.0),
                        "{what}, figure {n}: {ra:?} overlaps {rb:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_papers_networks_show_every_label_apart_in_both_languages() {
        let codebook = load(&Source::BuiltIn).unwrap();
        for lang in [Lang::Fa, Lang::En] {
            let options = ChartOptions::new(lang);
            let figures = figures(&codebook, &options);
            assert_eq!(figures.len(), 1 + codebook.dimensions.len());
            assert_legible(&figures, &format!("the paper ({lang:?})"));
            let whole = figures[0].0.svg();
            // Every base theme, component and dimension label is drawn whole, or kept whole
            // in the <title> of the line that shows its end.
            for dimension in codebook.dimensions.values() {
                for component in dimension.components.values() {
                    for theme in component.base_themes.values() {
                        let label = match lang {
                            Lang::Fa => theme.label.printed.clone(),
                            Lang::En => theme.label.english.clone(),
                        };
                        assert!(whole.contains(&crate::xml::escape(&label)), "{label}");
                    }
                }
            }
            // The printed values that differ are drawn in their colour: all 16 of the base
            // themes with a printed value differ, and so do the component and dimension totals.
            let differing = whole.matches("fill=\"#D55E00\"").count();
            assert!(differing >= 16, "{differing}");
        }
    }

    #[test]
    fn large_and_odd_studies_stay_legible() {
        for (dimensions, components, themes) in [
            (3, 12, 1000),
            (2, 4, 6),
            (1, 1, 1),
            (2, 60, 300),
            (30, 30, 90),
            (4, 200, 2000),
        ] {
            let codebook = synthetic(dimensions, components, themes);
            for lang in [Lang::Fa, Lang::En] {
                let options = ChartOptions::new(lang);
                let figures = figures(&codebook, &options);
                assert_legible(
                    &figures,
                    &format!("{dimensions}/{components}/{themes} ({lang:?})"),
                );
            }
        }
    }

    #[test]
    fn the_largest_of_each_group_are_kept_with_a_row_for_the_rest() {
        // Fits: all of them.
        assert_eq!(
            keep_largest(&[vec![3, 1], vec![2]], 3),
            vec![vec![0, 1], vec![0]]
        );
        // 4 + 1 + 3 themes in 5 rows: two of the first (and a row for the other two), the one,
        // and one of the last (and a row): 2 + 1 + 1 + 1 + 1 = 6 > 5, so one each: 1+1+1+1+1 = 5.
        let kept = keep_largest(&[vec![1, 5, 2, 9], vec![4], vec![2, 7, 7]], 5);
        assert_eq!(kept, vec![vec![3], vec![0], vec![1]]);
        let rows: usize = kept.iter().map(Vec::len).sum::<usize>() + 2;
        assert_eq!(rows, 5);
    }

    #[test]
    fn rows_are_spread_apart_in_order_and_within_bounds() {
        let tops = spread(&[100.0, 101.0, 102.0, 400.0], &[18.0; 4], 6.0, 0.0, 500.0);
        for k in 1..4 {
            assert!(tops[k] >= tops[k - 1] + 24.0 - 1e-9, "{tops:?}");
        }
        // The three that asked for one place are centred on it; the fourth is where it asked.
        assert!((tops[1] + 9.0 - 101.0).abs() < 1e-9, "{tops:?}");
        assert!((tops[3] + 9.0 - 400.0).abs() < 1e-9);
        // Against the bottom: pushed up, still apart.
        let tops = spread(&[490.0, 495.0], &[18.0; 2], 6.0, 0.0, 500.0);
        assert!(tops[1] + 18.0 <= 500.0 + 1e-9 && tops[1] - tops[0] >= 24.0 - 1e-9);
    }

    #[test]
    fn overlapping_boxes() {
        let a = Rect(0.0, 0.0, 10.0, 10.0);
        assert!(a.overlaps(&Rect(9.0, 9.0, 20.0, 20.0), 0.0));
        assert!(!a.overlaps(&Rect(11.0, 0.0, 20.0, 10.0), 0.0));
        assert!(a.overlaps(&Rect(11.0, 0.0, 20.0, 10.0), 2.0));
    }
}

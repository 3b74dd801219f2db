//! How each printed number was made: for every printed total, the arithmetic that reproduces
//! it (the sum of its printed parts, the sum or union rule, the codes as listed, a subset of
//! its printed parts, a run of rows that crosses its group's printed boundary), and, at the
//! base level, a pattern shared by a whole block. A printed total that adds up printed parts
//! that are themselves wrong is an inherited error, reported as such so that a reader can count
//! independent mistakes.
//!
//! Not for deciding which reading is right: the findings say what reproduces a number; the
//! codebook's readings record the judgement.
//!
//! One idea, long because every sentence is written in English and in Persian and the searches
//! are tested here.

use super::{Context, Finding, Level, Rule, Severity};
use crate::lang::Lang;
use crate::tables::Tables;

pub const RULES: &[Rule] = &[
    Rule {
        id: "inherited-total",
        severity: Severity::Warning,
        level: Level::Component,
        summary: "a printed total that adds up printed parts which are themselves wrong: an inherited error, not a new one",
        explain: "When every part of a component (or dimension) has a printed frequency and the printed \
                  total is their sum, the total is as right as its parts. If the parts are wrong (a base \
                  frequency that differs from its source codes), the total is wrong for the same reason: \
                  it is reported here, pointing at the parts, instead of as one more `total-mismatch`, so \
                  that the errors can be counted once.",
        summary_fa: "جمع چاپ‌شده‌ای که اجزای چاپ‌شدهٔ نادرست را جمع می‌زند: خطایی به ارث رسیده، نه خطایی تازه",
        explain_fa: "وقتی همهٔ اجزای یک مؤلفه (یا بُعد) فراوانی چاپ‌شده دارند و جمع چاپ‌شده مجموع آن‌هاست، جمع به اندازهٔ اجزایش درست است. اگر اجزا نادرست باشند (فراوانی پایه‌ای که بر پایهٔ کدهای منبعش فرق دارد)، جمع به همان دلیل نادرست است: به جای یک total-mismatch دیگر، این‌جا با اشاره به اجزا گزارش می‌شود تا خطاها یک بار شمرده شوند.",
        check: inherited_total,
    },
    Rule {
        id: "printed-explained",
        severity: Severity::Info,
        level: Level::Component,
        summary: "the arithmetic that reproduces a printed total, or that nothing simple does",
        explain: "For every printed component and dimension frequency the rule tries: the sum of the \
                  printed values one level down; the sum rule; the union rule; the sum of the codes as \
                  listed (repeats counted); a subset of the printed values one level down (the smallest; \
                  when several fit, it proves little and says so); and a contiguous run of rows one level \
                  down that crosses the group's printed boundary (a merged cell read on the wrong row, or \
                  a boundary drawn one row off), with the totals the source codes give under that \
                  grouping. At the base level it looks for a pattern across a component's block (every \
                  printed value the distinct count plus the same number, or the codes as listed). The \
                  subset search tries every subset of groups of at most 20 printed parts.",
        summary_fa: "حسابی که یک جمع چاپ‌شده را بازتولید می‌کند، یا این‌که هیچ حساب ساده‌ای نمی‌کند",
        explain_fa: "برای هر فراوانی چاپ‌شدهٔ مؤلفه و بُعد، این قاعده می‌آزماید: جمع عددهای چاپ‌شدهٔ یک سطح پایین‌تر؛ قاعدهٔ جمع؛ قاعدهٔ اجتماع؛ جمع کدهای فهرست‌شده (با تکرارها)؛ زیرمجموعه‌ای از عددهای چاپ‌شدهٔ یک سطح پایین‌تر (کوچک‌ترینش؛ وقتی چند زیرمجموعه با آن سازگارند، اعتبار چندانی ندارد و همین را می‌گوید)؛ و ردیف‌های پیوسته‌ای از یک سطح پایین‌تر که از مرز چاپ‌شدهٔ گروه می‌گذرند (خانهٔ ادغام‌شده‌ای که در ردیف اشتباه خوانده شده، یا مرزی که یک ردیف جابه‌جا کشیده شده) همراه با جمع‌هایی که کدهای منبع با آن گروه‌بندی می‌دهند. در سطح پایه الگویی را در بلوک یک مؤلفه می‌جوید (هر عدد چاپ‌شده برابر شمار متمایز به‌اضافهٔ عددی ثابت، یا کدهای فهرست‌شده). جست‌وجوی زیرمجموعه برای گروه‌هایی با حداکثر ۲۰ جزء چاپ‌شده انجام می‌شود.",
        check: printed_explained,
    },
];

/// One level's groups (components or dimensions) over their parts (base themes or components).
struct Grouping {
    level: Level,
    /// Each group: label, printed total, range of its parts, sum rule, union rule, codes listed.
    groups: Vec<Group>,
    /// Each part's printed value and its value by the source codes (sum rule), in codebook order.
    parts: Vec<Part>,
}

struct Group {
    label: String,
    printed: Option<u32>,
    range: std::ops::Range<usize>,
    sum: u32,
    union: u32,
    listed: u32,
}

struct Part {
    label: String,
    printed: Option<u32>,
    recomputed: u32,
    /// Whether the part's own printed value is wrong (an error of its own level).
    wrong: bool,
}

/// Consecutive runs of equal keys: the ranges of `keys`.
fn runs<K: PartialEq>(keys: &[K]) -> Vec<std::ops::Range<usize>> {
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (i, key) in keys.iter().enumerate() {
        match out.last_mut() {
            Some(run) if keys[run.start] == *key => run.end = i + 1,
            _ => out.push(i..i + 1),
        }
    }
    out
}

fn groupings(tables: &Tables) -> [Grouping; 2] {
    let themes = &tables.base_themes;
    let keys: Vec<(&str, &str)> = themes
        .iter()
        .map(|t| (t.dimension.as_str(), t.component.as_str()))
        .collect();
    let component_ranges = runs(&keys);
    let components = Grouping {
        level: Level::Component,
        groups: tables
            .components
            .iter()
            .map(|c| {
                // Components without base themes have an empty range.
                let range = component_ranges
                    .iter()
                    .find(|r| keys[r.start] == (c.dimension.as_str(), c.component.as_str()))
                    .cloned()
                    .unwrap_or(0..0);
                Group {
                    label: c.component.clone(),
                    printed: c.printed,
                    listed: themes[range.clone()].iter().map(|t| t.listed).sum(),
                    range,
                    sum: c.sum,
                    union: c.union,
                }
            })
            .collect(),
        parts: themes
            .iter()
            .map(|t| Part {
                label: t.theme.clone(),
                printed: t.printed,
                recomputed: t.distinct,
                wrong: t.printed.is_some_and(|p| p != t.distinct),
            })
            .collect(),
    };
    let dimension_keys: Vec<&str> = tables
        .components
        .iter()
        .map(|c| c.dimension.as_str())
        .collect();
    let dimension_ranges = runs(&dimension_keys);
    let dimensions = Grouping {
        level: Level::Dimension,
        groups: tables
            .dimensions
            .iter()
            .map(|d| {
                let range = dimension_ranges
                    .iter()
                    .find(|r| dimension_keys[r.start] == d.dimension)
                    .cloned()
                    .unwrap_or(0..0);
                Group {
                    label: d.dimension.clone(),
                    printed: d.printed,
                    listed: themes
                        .iter()
                        .filter(|t| t.dimension == d.dimension)
                        .map(|t| t.listed)
                        .sum(),
                    range,
                    sum: d.sum,
                    union: d.union,
                }
            })
            .collect(),
        parts: tables
            .components
            .iter()
            .map(|c| Part {
                label: c.component.clone(),
                printed: c.printed,
                recomputed: c.sum,
                wrong: c.printed.is_some_and(|p| p != c.sum && p != c.union),
            })
            .collect(),
    };
    [components, dimensions]
}

/// The printed values of a group's parts, when every part has one.
fn printed_parts(g: &Grouping, group: &Group) -> Option<Vec<u32>> {
    g.parts[group.range.clone()]
        .iter()
        .map(|p| p.printed)
        .collect::<Option<Vec<u32>>>()
        .filter(|parts| !parts.is_empty())
}

/// The printed totals (level, label) that add up printed parts which are themselves wrong:
/// computed once per audit, read by `total-mismatch` and the verdict.
pub(super) fn inherited_totals(tables: &Tables) -> Vec<(Level, String)> {
    groupings(tables)
        .iter()
        .flat_map(|g| {
            g.groups
                .iter()
                .filter(|group| inherited(g, group))
                .map(|group| (g.level, group.label.clone()))
        })
        .collect()
}

fn inherited(g: &Grouping, group: &Group) -> bool {
    let Some(total) = group.printed else {
        return false;
    };
    printed_parts(g, group).is_some_and(|parts| {
        parts.iter().sum::<u32>() == total && g.parts[group.range.clone()].iter().any(|p| p.wrong)
    })
}

fn plus(cx: &Context, values: &[u32]) -> String {
    values
        .iter()
        .map(|v| cx.n(v))
        .collect::<Vec<_>>()
        .join(" + ")
}

fn inherited_total(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for g in groupings(cx.tables) {
        for group in &g.groups {
            if !inherited(&g, group) {
                continue;
            }
            let total = group.printed.unwrap_or(0);
            let parts = printed_parts(&g, group).unwrap_or_default();
            let wrong = g.parts[group.range.clone()]
                .iter()
                .filter(|p| p.wrong)
                .count();
            let names = &cx.terms.names;
            let (one, many) = match g.level {
                Level::Component => (&names.base_theme, &names.base_themes),
                _ => (&names.component, &names.components),
            };
            let message = match cx.lang {
                Lang::En => format!(
                    "printed {total} is the sum of the printed frequencies of its {} {} ({}), and {}: the error is inherited from them, not a new one; by the source codes the sum rule gives {}",
                    parts.len(),
                    if parts.len() == 1 { one } else { many },
                    plus(cx, &parts),
                    match (wrong, parts.len()) {
                        (1, 1) => "it is itself wrong".to_string(),
                        (w, n) if w == n => "all of them are themselves wrong".to_string(),
                        (1, _) => "1 of them is itself wrong".to_string(),
                        (w, _) => format!("{w} of them are themselves wrong"),
                    },
                    group.sum
                ),
                Lang::Fa => format!(
                    "عدد چاپ‌شدهٔ {} جمع فراوانی‌های چاپ‌شدهٔ {} {} آن است ({})، و {}: این خطا از آن‌ها به ارث رسیده و خطای تازه‌ای نیست؛ بر پایهٔ کدهای منبع، طبق قاعدهٔ جمع {} به دست می‌آید",
                    cx.n(total),
                    cx.n(parts.len()),
                    crate::lang::ezafe(cx.lang, one),
                    plus(cx, &parts),
                    if wrong == parts.len() {
                        "همهٔ آن‌ها خود نادرست‌اند".to_string()
                    } else {
                        format!("{} مورد از آن‌ها خود نادرست است", cx.n(wrong))
                    },
                    cx.n(group.sum)
                ),
            };
            let mut f =
                Finding::new(rule, &group.label, message).counts(Some(total), Some(group.sum));
            f.level = g.level;
            f.rule_matched = Some(None);
            findings.push(f);
        }
    }
    findings
}

/// A way a printed total is reproduced.
enum Recipe {
    PrintedParts(Vec<u32>),
    SumRule,
    UnionRule,
    Listed,
    /// The smallest subset of the printed parts (indices into the level's parts), and how many
    /// subsets fit.
    Subset(Vec<usize>, u64),
    /// A run of parts crossing the group's boundary, and the groups' totals by the source codes
    /// under it (label, sum rule, share).
    Shifted(std::ops::Range<usize>, Vec<(String, u32, f64)>),
}

/// Subsets of `values` that sum to `target`: the smallest (fewest items, then earliest) and
/// how many there are. `None` when none does, or when there are more than
/// [`MAX_SUBSET_PARTS`] values (every subset is tried: 2^20 is about a million).
fn subset_sum(values: &[u32], target: u32) -> Option<(Vec<usize>, u64)> {
    if values.len() > MAX_SUBSET_PARTS || target == 0 {
        return None;
    }
    let mut count = 0u64;
    let mut best: Option<Vec<usize>> = None;
    for mask in 1u32..(1u32 << values.len()) {
        let chosen: Vec<usize> = (0..values.len()).filter(|i| mask & (1 << i) != 0).collect();
        let sum: u64 = chosen.iter().map(|&i| u64::from(values[i])).sum();
        if sum != u64::from(target) {
            continue;
        }
        count += 1;
        // Fewest items first; among equals, the earliest indices.
        if best
            .as_ref()
            .is_none_or(|b| (chosen.len(), &chosen) < (b.len(), b))
        {
            best = Some(chosen);
        }
    }
    best.map(|b| (b, count))
}

/// Most rows a shifted run's ends may lie from its group's printed boundary.
const MAX_SHIFT: usize = 2;

/// Most parts the subset search tries every subset of.
const MAX_SUBSET_PARTS: usize = 20;

/// Runs of parts that cross `group`'s boundary, every part printed, summing to its printed
/// total; the nearest first.
fn shifted_run(g: &Grouping, group: &Group, total: u32) -> Option<std::ops::Range<usize>> {
    let (gs, ge) = (group.range.start, group.range.end);
    // A boundary drawn a row or two off, not a regrouping of the whole level.
    let reach = MAX_SHIFT;
    let mut best: Option<(usize, std::ops::Range<usize>)> = None;
    for start in gs.saturating_sub(reach)..=(gs + reach).min(g.parts.len()) {
        for end in (start + 1).max(ge.saturating_sub(reach))..=(ge + reach).min(g.parts.len()) {
            let run = start..end;
            // It must overlap the group and differ from it.
            if run == group.range || end <= gs || start >= ge {
                continue;
            }
            let values: Option<Vec<u32>> = g.parts[run.clone()].iter().map(|p| p.printed).collect();
            if values.is_some_and(|v| v.iter().sum::<u32>() == total) {
                let distance = start.abs_diff(gs) + end.abs_diff(ge);
                if best.as_ref().is_none_or(|(d, _)| distance < *d) {
                    best = Some((distance, run));
                }
            }
        }
    }
    best.map(|(_, run)| run)
}

/// The groups' totals by the source codes (sum rule) when `group` takes exactly the parts of
/// `run`: parts it gives up go to the neighbouring group on their side, parts it takes leave
/// theirs. Only the groups that change, with their share of the level.
fn regrouped(g: &Grouping, index: usize, run: &std::ops::Range<usize>) -> Vec<(String, u32, f64)> {
    let mut owner: Vec<usize> = vec![0; g.parts.len()];
    for (i, group) in g.groups.iter().enumerate() {
        for p in group.range.clone() {
            owner[p] = i;
        }
    }
    let group = &g.groups[index];
    let mut new_owner = owner.clone();
    for (p, slot) in new_owner.iter_mut().enumerate() {
        if run.contains(&p) {
            *slot = index;
        } else if group.range.contains(&p) {
            // Given up: to the neighbour on that side (before the run or after it).
            let neighbour = if p < run.start {
                g.groups
                    .iter()
                    .rposition(|o| o.range.end <= group.range.start && !o.range.is_empty())
            } else {
                g.groups
                    .iter()
                    .position(|o| o.range.start >= group.range.end && !o.range.is_empty())
            };
            if let Some(n) = neighbour {
                *slot = n;
            }
        }
    }
    let total: u32 = g.parts.iter().map(|p| p.recomputed).sum();
    g.groups
        .iter()
        .enumerate()
        .filter(|(i, _)| (0..g.parts.len()).any(|p| (owner[p] == *i) != (new_owner[p] == *i)))
        .map(|(i, o)| {
            let sum: u32 = (0..g.parts.len())
                .filter(|&p| new_owner[p] == i)
                .map(|p| g.parts[p].recomputed)
                .sum();
            let share = if total == 0 {
                0.0
            } else {
                f64::from(sum) * 100.0 / f64::from(total)
            };
            (o.label.clone(), sum, share)
        })
        .collect()
}

fn recipes(g: &Grouping, index: usize) -> Vec<Recipe> {
    let group = &g.groups[index];
    let Some(total) = group.printed else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let all_printed = printed_parts(g, group);
    if let Some(parts) = &all_printed {
        if parts.iter().sum::<u32>() == total {
            found.push(Recipe::PrintedParts(parts.clone()));
        }
    }
    if group.sum == total {
        found.push(Recipe::SumRule);
    }
    if group.union == total {
        found.push(Recipe::UnionRule);
    }
    if group.listed == total && group.listed != group.sum {
        found.push(Recipe::Listed);
    }
    // A subset or a shifted run is a coincidence worth reporting only when nothing simpler
    // reproduces the total.
    if !found.is_empty() {
        return found;
    }
    // A proper subset of the printed parts (the whole set is the first recipe).
    let printed: Vec<(usize, u32)> = group
        .range
        .clone()
        .filter_map(|p| g.parts[p].printed.map(|v| (p, v)))
        .collect();
    let values: Vec<u32> = printed.iter().map(|(_, v)| *v).collect();
    let run = shifted_run(g, group, total);
    if let Some((subset, count)) = subset_sum(&values, total) {
        let subset: Vec<usize> = subset.iter().map(|&i| printed[i].0).collect();
        // A subset that is the shifted run says nothing more than the run.
        let is_run = run
            .as_ref()
            .is_some_and(|r| count == 1 && subset == r.clone().collect::<Vec<_>>());
        if !is_run && (subset.len() < values.len() || all_printed.is_none()) {
            found.push(Recipe::Subset(subset, count));
        }
    }
    if let Some(run) = run {
        let effect = regrouped(g, index, &run);
        found.push(Recipe::Shifted(run, effect));
    }
    found
}

fn printed_explained(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for g in groupings(cx.tables) {
        for (index, group) in g.groups.iter().enumerate() {
            let Some(total) = group.printed else {
                continue;
            };
            let found = recipes(&g, index);
            let message = describe(cx, &g, group, total, &found);
            let mut f = Finding::new(rule, &group.label, message).counts(Some(total), None);
            f.level = g.level;
            findings.push(f);
        }
        if g.level == Level::Component {
            findings.extend(base_patterns(rule, cx, &g));
        }
    }
    findings
}

fn describe(cx: &Context, g: &Grouping, group: &Group, total: u32, found: &[Recipe]) -> String {
    let names = &cx.terms.names;
    let (part, parts_name) = match g.level {
        Level::Component => (&names.base_theme, &names.base_themes),
        _ => (&names.component, &names.components),
    };
    let labels = |range: &[usize]| -> String {
        let quoted: Vec<String> = range.iter().map(|&p| cx.q(&g.parts[p].label)).collect();
        crate::lang::and_list(cx.lang, &quoted)
    };
    let fa = cx.lang == Lang::Fa;
    let said: Vec<String> = found
        .iter()
        .map(|recipe| match recipe {
            Recipe::PrintedParts(parts) if fa => format!(
                "جمع عددهای چاپ‌شدهٔ {} آن ({})",
                crate::lang::ezafe(cx.lang, parts_name),
                plus(cx, parts)
            ),
            Recipe::PrintedParts(parts) => format!(
                "the sum of the printed values of its {parts_name} ({})",
                plus(cx, parts)
            ),
            Recipe::SumRule if fa => "قاعدهٔ جمع".into(),
            Recipe::SumRule => "the sum rule".into(),
            Recipe::UnionRule if fa => "قاعدهٔ اجتماع".into(),
            Recipe::UnionRule => "the union rule".into(),
            Recipe::Listed if fa => "جمع کدهای فهرست‌شده با تکرارها".into(),
            Recipe::Listed => "the codes as listed, repeats counted".into(),
            Recipe::Subset(subset, count) => {
                let values: Vec<u32> = subset.iter().filter_map(|&p| g.parts[p].printed).collect();
                let several = match (*count > 1, fa) {
                    (true, true) => format!(" ({} زیرمجموعه با آن سازگار است، پس گواه چندانی نیست)", cx.n(count)),
                    (true, false) => format!(" ({count} subsets fit, so it proves little)"),
                    _ => String::new(),
                };
                if fa {
                    format!(
                        "جمع عددهای چاپ‌شدهٔ {} ({}){several}",
                        labels(subset),
                        plus(cx, &values)
                    )
                } else {
                    format!(
                        "the sum of the printed values of {} ({}){several}",
                        labels(subset),
                        plus(cx, &values)
                    )
                }
            }
            Recipe::Shifted(run, effect) => {
                let indices: Vec<usize> = run.clone().collect();
                let values: Vec<u32> = indices.iter().filter_map(|&p| g.parts[p].printed).collect();
                let (gs, ge) = (group.range.start, group.range.end);
                let boundary = shift_words(
                    cx,
                    (part, parts_name),
                    (run.start as isize - gs as isize, run.end as isize - ge as isize),
                );
                let under: Vec<String> = effect
                    .iter()
                    .map(|(label, sum, share)| format!("{} {} ({})", cx.q(label), cx.n(sum), cx.lang.percent(*share)))
                    .collect();
                if fa {
                    format!(
                        "جمع عددهای چاپ‌شدهٔ ردیف‌های پیوستهٔ {} ({})، که {boundary}؛ با این گروه‌بندی، طبق قاعدهٔ جمع بر پایهٔ کدهای منبع این عددها به دست می‌آید: {}",
                        labels(&indices),
                        plus(cx, &values),
                        under.join("، ")
                    )
                } else {
                    format!(
                        "the sum of the printed values of the contiguous run {} ({}), which {boundary}; under that grouping the source codes give, by the sum rule, {}",
                        labels(&indices),
                        plus(cx, &values),
                        under.join(", ")
                    )
                }
            }
        })
        .collect();
    if !said.is_empty() {
        return match cx.lang {
            Lang::En => format!(
                "printed {total} is reproduced by {}",
                said.join("; and by ")
            ),
            Lang::Fa => format!(
                "عدد چاپ‌شدهٔ {} این‌گونه بازتولید می‌شود: {}",
                cx.n(total),
                said.join("؛ و نیز ")
            ),
        };
    }
    let parts_sum = printed_parts(g, group).map(|p| p.iter().sum::<u32>());
    let parts_text = parts_sum.map_or_else(
        || match cx.lang {
            Lang::En => "not every part is printed".to_string(),
            Lang::Fa => "برخی اجزا عدد چاپ‌شده ندارند".to_string(),
        },
        |s| cx.n(s),
    );
    match cx.lang {
        Lang::En => format!(
            "nothing simple reproduces printed {total}: not the sum of its printed parts ({parts_text}), the sum rule ({}), the union rule ({}), the codes as listed ({}), a subset of its printed parts, nor a run of {parts_name} across its boundary",
            group.sum, group.union, group.listed
        ),
        Lang::Fa => format!(
            "هیچ حساب ساده‌ای عدد چاپ‌شدهٔ {} را بازتولید نمی‌کند: نه جمع اجزای چاپ‌شده ({parts_text})، نه قاعدهٔ جمع ({})، نه قاعدهٔ اجتماع ({})، نه کدهای فهرست‌شده ({})، نه زیرمجموعه‌ای از اجزای چاپ‌شده، و نه ردیف‌های پیوسته‌ای از {parts_name} که از مرز آن بگذرد",
            cx.n(total),
            cx.n(group.sum),
            cx.n(group.union),
            cx.n(group.listed)
        ),
    }
}

/// How a run's ends differ from its group's: `(start shift, end shift)` in rows.
fn shift_words(cx: &Context, (part, parts): (&str, &str), (start, end): (isize, isize)) -> String {
    let side = |shift: isize, at_start: bool| -> Option<String> {
        if shift == 0 {
            return None;
        }
        let count = shift.unsigned_abs();
        let rows = match (cx.lang, count) {
            (Lang::En, 1) => format!("one {part}"),
            (Lang::En, n) => format!("{n} {parts}"),
            (Lang::Fa, 1) => "یک".to_string(),
            (Lang::Fa, n) => cx.n(n),
        };
        Some(match (cx.lang, at_start, shift > 0) {
            (Lang::En, true, true) => format!("starts {rows} after the group does"),
            (Lang::En, true, false) => format!("starts {rows} before the group does"),
            (Lang::En, false, true) => format!("ends {rows} after the group does"),
            (Lang::En, false, false) => format!("ends {rows} before the group does"),
            (Lang::Fa, true, true) => format!("{rows} {part} پایین‌تر از مرز گروه آغاز می‌شود"),
            (Lang::Fa, true, false) => format!("{rows} {part} بالاتر از مرز گروه آغاز می‌شود"),
            (Lang::Fa, false, true) => format!("{rows} {part} پایین‌تر از مرز گروه پایان می‌یابد"),
            (Lang::Fa, false, false) => format!("{rows} {part} بالاتر از مرز گروه پایان می‌یابد"),
        })
    };
    let sides: Vec<String> = [side(start, true), side(end, false)]
        .into_iter()
        .flatten()
        .collect();
    sides.join(match cx.lang {
        Lang::En => " and ",
        Lang::Fa => " و ",
    })
}

/// A pattern shared by every printed base frequency of a component's block: the distinct count
/// plus the same number, or the codes as listed.
fn base_patterns(rule: &Rule, cx: &Context, g: &Grouping) -> Vec<Finding> {
    let mut findings = Vec::new();
    for group in &g.groups {
        let themes = &cx.tables.base_themes[group.range.clone()];
        if themes.len() < 2 || themes.iter().any(|t| t.printed.is_none()) {
            continue;
        }
        let offsets: Vec<i64> = themes
            .iter()
            .map(|t| i64::from(t.printed.unwrap_or(0)) - i64::from(t.distinct))
            .collect();
        let constant = offsets.windows(2).all(|w| w[0] == w[1]) && offsets[0] != 0;
        let listed = themes.iter().all(|t| t.printed == Some(t.listed))
            && themes.iter().any(|t| t.listed != t.distinct);
        let n = &cx.terms.names;
        let message = match (constant, listed, cx.lang) {
            (true, _, Lang::En) => format!(
                "every printed base frequency of its {} {} is the number of distinct {} plus {}",
                themes.len(),
                n.base_themes,
                n.cases,
                offsets[0]
            ),
            (true, _, Lang::Fa) => format!(
                "هر فراوانی پایهٔ چاپ‌شدهٔ {} {} آن برابر شمار {} متمایز به‌علاوهٔ {} است",
                cx.n(themes.len()),
                crate::lang::ezafe(cx.lang, &n.base_theme),
                n.cases,
                cx.n(offsets[0])
            ),
            (false, true, Lang::En) => format!(
                "every printed base frequency of its {} {} is the number of codes as listed, repeats counted",
                themes.len(),
                n.base_themes
            ),
            (false, true, Lang::Fa) => format!(
                "هر فراوانی پایهٔ چاپ‌شدهٔ {} {} آن برابر شمار کدهای فهرست‌شده با تکرارهاست",
                cx.n(themes.len()),
                crate::lang::ezafe(cx.lang, &n.base_theme)
            ),
            _ => continue,
        };
        let mut f = Finding::new(rule, &group.label, message);
        f.level = Level::Base;
        findings.push(f);
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_smallest_subset_and_the_number_that_fit() {
        // 141 = 53 + 39 + 49 only.
        assert_eq!(subset_sum(&[58, 53, 39, 49], 141), Some((vec![1, 2, 3], 1)));
        // 5 = 5 = 2 + 3: the single item is the smallest; two subsets fit.
        assert_eq!(subset_sum(&[2, 3, 5], 5), Some((vec![2], 2)));
        assert_eq!(subset_sum(&[2, 3], 4), None);
        assert_eq!(subset_sum(&[1; 21], 3), None, "too many parts to search");
        // Among equally small subsets, the earliest: 4 = 1 + 3 (indices 0, 2) before 2 + 2.
        assert_eq!(subset_sum(&[1, 2, 3, 2], 4), Some((vec![0, 2], 2)));
    }

    #[test]
    fn a_shifted_run_stays_within_two_rows_of_the_boundary() {
        let part = |v: u32| Part {
            label: String::new(),
            printed: Some(v),
            recomputed: v,
            wrong: false,
        };
        let group = |range: std::ops::Range<usize>| Group {
            label: String::new(),
            printed: None,
            range,
            sum: 0,
            union: 0,
            listed: 0,
        };
        let g = Grouping {
            level: Level::Component,
            groups: vec![group(0..6), group(6..8)],
            // Powers of two: every run has a sum of its own.
            parts: [1, 2, 4, 8, 16, 32, 64, 128]
                .into_iter()
                .map(part)
                .collect(),
        };
        // 7 = rows 0..3, whose end lies three rows before the group's.
        assert_eq!(shifted_run(&g, &g.groups[0], 7), None);
        // 62 = rows 1..6: the boundary one row later at the start.
        assert_eq!(shifted_run(&g, &g.groups[0], 62), Some(1..6));
        // 127 = rows 0..7: the group and the next group's first row.
        assert_eq!(shifted_run(&g, &g.groups[0], 127), Some(0..7));
    }

    #[test]
    fn runs_of_equal_keys() {
        assert_eq!(runs(&["a", "a", "b", "c", "c"]), vec![0..2, 2..3, 3..5]);
        assert!(runs::<&str>(&[]).is_empty());
    }
}

//! Conclusion-level rules: does what a reader takes from the printed table, each dimension's and
//! component's share and their order, survive the recomputation? statcheck's "decision
//! errors" are the model: a recomputed value that changes the conclusion matters more than one
//! that does not. Also the headline: the verdict's first sentence.
//!
//! Not for single counts (that is `counts`): these rules compare shares and orders of a level.

use super::{Context, Finding, Level, Rule, Severity};
use crate::lang::Lang;
use crate::tables::{GroupRow, Tables};

pub const RULES: &[Rule] = &[
    Rule {
        id: "share-shift",
        severity: Severity::Warning,
        level: Level::Dimension,
        summary: "a dimension's or component's share of its level moves between the printed and the recomputed values",
        explain: "A table of frequencies is read as shares: which dimension carries most of the material. \
                  When every item of a level has a printed value, each item's printed share of the level's \
                  printed total is compared with its share under the sum rule (mentions) and the union rule \
                  (interviewees). A move of at least --share-threshold percentage points (default 5) is \
                  reported with all three shares.",
        summary_fa: "سهم یک بُعد یا مؤلفه از سطح خود میان عددهای چاپ‌شده و بازمحاسبه جابه‌جا می‌شود",
        explain_fa: "جدول فراوانی‌ها را به صورت سهم می‌خوانند: کدام بُعد بیشترین بخش داده‌ها را دارد. وقتی همهٔ اعضای یک سطح عدد چاپ‌شده دارند، سهم چاپ‌شدهٔ هر عضو از جمع چاپ‌شدهٔ سطح با سهم آن طبق قاعدهٔ جمع (اشاره‌ها) و طبق قاعدهٔ اجتماع (مصاحبه‌شوندگان) سنجیده می‌شود. جابه‌جایی دست‌کم به اندازهٔ ‎--share-threshold‎ واحد درصد (پیش‌فرض ۵) با هر سه سهم گزارش می‌شود.",
        check: share_shift,
    },
    Rule {
        id: "rank-change",
        severity: Severity::Error,
        level: Level::Dimension,
        summary: "the order of a level's items by the printed values differs from their order by the source codes",
        explain: "The order of the printed values is what a chart of them shows and what a paper concludes \
                  from it. Among the items of a level that have a printed value, the rule compares the \
                  printed order with the order under the sum rule, and under the union rule when the \
                  printed values could be counts of interviewees (none above the roster): it reports when \
                  the largest item changes (or ties) and every pair whose order reverses. A tie by the \
                  source codes is not a reversal.",
        summary_fa: "ترتیب اعضای یک سطح بر پایهٔ عددهای چاپ‌شده با ترتیب آن‌ها بر پایهٔ کدهای منبع فرق دارد",
        explain_fa: "ترتیب عددهای چاپ‌شده همان است که نمودارشان نشان می‌دهد و مقاله از آن نتیجه می‌گیرد. این قاعده در میان اعضای یک سطح که عدد چاپ‌شده دارند، ترتیب چاپ‌شده را با ترتیب طبق قاعدهٔ جمع می‌سنجد، و طبق قاعدهٔ اجتماع هم وقتی عددهای چاپ‌شده می‌توانند شمار مصاحبه‌شوندگان باشند (هیچ‌کدام بیش از شمار مصاحبه‌شوندگان فهرست نیست): اگر بزرگ‌ترین عضو عوض شود (یا با دیگری برابر شود) گزارش می‌شود، و نیز هر جفتی که ترتیبش وارونه شود. تساوی بر پایهٔ کدهای منبع وارونگی به شمار نمی‌آید.",
        check: rank_change,
    },
];

/// An item of a level with what the rules compare.
struct Item<'a> {
    row: &'a GroupRow,
    label: &'a str,
}

/// The items of a level that have a printed value, with the level's name and findings' level.
fn levels<'a>(cx: &'a Context) -> [(Level, Vec<Item<'a>>); 2] {
    let items = |rows: &'a [GroupRow], component: bool| -> Vec<Item<'a>> {
        rows.iter()
            .filter(|r| r.printed.is_some())
            .map(|r| Item {
                row: r,
                label: if component {
                    &r.component
                } else {
                    &r.dimension
                },
            })
            .collect()
    };
    [
        (Level::Dimension, items(&cx.tables.dimensions, false)),
        (Level::Component, items(&cx.tables.components, true)),
    ]
}

fn share_shift(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (level, items) in levels(cx) {
        for item in items {
            // Shares of an incomplete printed total would mislead: only when all are printed.
            let Some(printed) = item.row.share_printed else {
                continue;
            };
            let (sum, union) = (item.row.share_sum, item.row.share_union);
            let shift = (printed - sum).abs().max((printed - union).abs());
            if shift < cx.share_threshold {
                continue;
            }
            let p = |x| cx.lang.percent(x);
            let message = match cx.lang {
                Lang::En => format!(
                    "by the printed values {} is {} of its level; by the source codes {} under the sum rule (mentions) and {} under the union rule ({}): a shift of up to {:.1} percentage points",
                    cx.q(item.label),
                    p(printed),
                    p(sum),
                    p(union),
                    cx.terms.names.cases,
                    shift
                ),
                Lang::Fa => format!(
                    "بر پایهٔ عددهای چاپ‌شده سهم {} از سطح خود {} است؛ بر پایهٔ کدهای منبع {} طبق قاعدهٔ جمع (اشاره‌ها) و {} طبق قاعدهٔ اجتماع ({}): جابه‌جایی تا {} واحد درصد",
                    cx.q(item.label),
                    p(printed),
                    p(sum),
                    p(union),
                    cx.terms.names.cases,
                    cx.lang.decimal(shift, 1)
                ),
            };
            let mut f = Finding::new(rule, item.label, message)
                .counts(item.row.printed, Some(item.row.sum));
            f.level = level;
            findings.push(f);
        }
    }
    findings
}

/// Indices of `values`' unique largest value, or `None` on a tie.
fn leader(values: &[u32]) -> Option<usize> {
    let max = *values.iter().max()?;
    let mut at = values.iter().enumerate().filter(|(_, &v)| v == max);
    let first = at.next()?.0;
    at.next().is_none().then_some(first)
}

fn rank_change(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (level, items) in levels(cx) {
        if items.len() < 2 {
            continue;
        }
        let printed: Vec<u32> = items.iter().map(|i| i.row.printed.unwrap_or(0)).collect();
        // Printed values above the roster cannot be counts of interviewees: the union rule is
        // then no reading of them, and its order is not compared.
        let roster = cx.tables.roster_size as u32;
        let union_possible = printed.iter().all(|&p| p <= roster);
        let mut readings = vec![(
            RuleName::Sum,
            items.iter().map(|i| i.row.sum).collect::<Vec<_>>(),
        )];
        if union_possible {
            readings.push((RuleName::Union, items.iter().map(|i| i.row.union).collect()));
        }
        for (rule_name, recomputed) in readings {
            let mut parts = Vec::new();
            let printed_leader = leader(&printed);
            let recomputed_leader = leader(&recomputed);
            if let Some(p) = printed_leader {
                if recomputed_leader != Some(p) {
                    parts.push(lead_sentence(cx, &items, p, recomputed_leader, &recomputed));
                }
            }
            let reversed: Vec<(usize, usize)> = (0..items.len())
                .flat_map(|a| (0..items.len()).map(move |b| (a, b)))
                .filter(|&(a, b)| printed[a] > printed[b] && recomputed[a] < recomputed[b])
                .collect();
            if !reversed.is_empty() {
                parts.push(reversals_sentence(
                    cx,
                    &items,
                    &reversed,
                    &printed,
                    &recomputed,
                ));
            }
            if parts.is_empty() {
                continue;
            }
            let (title, rule_words) = level_and_rule(cx, level, rule_name);
            let separator = match cx.lang {
                Lang::En => "; ",
                Lang::Fa => "؛ ",
            };
            let message = format!("{rule_words}: {}", parts.join(separator));
            let mut f = Finding::new(rule, title, message);
            f.level = level;
            findings.push(f);
        }
    }
    findings
}

#[derive(Clone, Copy, PartialEq)]
enum RuleName {
    Sum,
    Union,
}

/// The level's name and the counting rule, in words.
fn level_and_rule(cx: &Context, level: Level, rule: RuleName) -> (String, &'static str) {
    let names = &cx.terms.names;
    let title = match level {
        Level::Dimension => crate::lang::capitalise(&names.dimensions),
        _ => crate::lang::capitalise(&names.components),
    };
    let rule = match (rule, cx.lang) {
        (RuleName::Sum, Lang::En) => "by the sum rule (mentions)",
        (RuleName::Union, Lang::En) => "by the union rule",
        (RuleName::Sum, Lang::Fa) => "طبق قاعدهٔ جمع (اشاره‌ها)",
        (RuleName::Union, Lang::Fa) => "طبق قاعدهٔ اجتماع",
    };
    (title, rule)
}

fn lead_sentence(
    cx: &Context,
    items: &[Item],
    printed: usize,
    recomputed: Option<usize>,
    values: &[u32],
) -> String {
    let n = |x: u32| cx.n(x);
    let first = &items[printed];
    match (recomputed, cx.lang) {
        (Some(r), Lang::En) => format!(
            "{} leads by the printed values ({}) but {} leads by the source codes ({} against {})",
            cx.q(first.label),
            first.row.printed.unwrap_or(0),
            cx.q(items[r].label),
            values[r],
            values[printed]
        ),
        (Some(r), Lang::Fa) => format!(
            "بر پایهٔ عددهای چاپ‌شده {} در صدر است ({}) اما بر پایهٔ کدهای منبع {} در صدر است ({} در برابر {})",
            cx.q(first.label),
            n(first.row.printed.unwrap_or(0)),
            cx.q(items[r].label),
            n(values[r]),
            n(values[printed])
        ),
        (None, Lang::En) => format!(
            "{} leads by the printed values ({}) but ties for the lead by the source codes ({})",
            cx.q(first.label),
            first.row.printed.unwrap_or(0),
            values[printed]
        ),
        (None, Lang::Fa) => format!(
            "بر پایهٔ عددهای چاپ‌شده {} در صدر است ({}) اما بر پایهٔ کدهای منبع با عضوی دیگر هم‌تراز در صدر است ({})",
            cx.q(first.label),
            n(first.row.printed.unwrap_or(0)),
            n(values[printed])
        ),
    }
}

fn reversals_sentence(
    cx: &Context,
    items: &[Item],
    reversed: &[(usize, usize)],
    printed: &[u32],
    recomputed: &[u32],
) -> String {
    // A large level can reverse thousands of pairs: the first few say it, the count says how far.
    let pairs: Vec<String> = reversed
        .iter()
        .take(MAX_PAIRS)
        .map(|&(a, b)| match cx.lang {
            Lang::En => format!(
                "{} above {} by the printed values ({} > {}), below by the source codes ({} < {})",
                cx.q(items[a].label), cx.q(items[b].label), printed[a], printed[b], recomputed[a], recomputed[b]
            ),
            Lang::Fa => format!(
                "{} بر پایهٔ عددهای چاپ‌شده بالاتر از {} است ({} در برابر {}) و بر پایهٔ کدهای منبع پایین‌تر ({} در برابر {})",
                cx.q(items[a].label),
                cx.q(items[b].label),
                cx.n(printed[a]),
                cx.n(printed[b]),
                cx.n(recomputed[a]),
                cx.n(recomputed[b])
            ),
        })
        .collect();
    let more = reversed.len().saturating_sub(MAX_PAIRS);
    match (cx.lang, more) {
        (Lang::En, 0) => format!("order reversed: {}", pairs.join("; ")),
        (Lang::Fa, 0) => format!("ترتیب وارونه شده است: {}", pairs.join("؛ ")),
        (Lang::En, more) => format!(
            "order reversed: {}; and {more} more pairs like these",
            pairs.join("; ")
        ),
        (Lang::Fa, more) => format!(
            "ترتیب وارونه شده است: {}؛ و {} جفت دیگر مانند این‌ها",
            pairs.join("؛ "),
            cx.n(more)
        ),
    }
}

/// Most reversed pairs a `rank-change` finding lists.
const MAX_PAIRS: usize = 10;

/// What the verdict's first sentence says: whether the top level's shares and order survive
/// the recomputation (under the sum rule, the rule a total of mentions follows).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Headline {
    /// `dimension` or `component`: the first level with every item printed.
    pub level: Level,
    /// Whether the leader by the printed values also leads by the source codes (sum rule) and
    /// no share moves by the threshold or more.
    pub survives: bool,
    /// The leader by the printed values (printed label, English label).
    pub printed_leader: (String, String),
    pub printed_share: f64,
    /// The same item's shares by the source codes.
    pub sum_share: f64,
    pub union_share: f64,
    /// Who leads by the source codes under the sum rule, with its share; `None` on a tie.
    pub sum_leader: Option<(String, String, f64)>,
    /// The union rule's count when it is the same for every item of the level (a tie), e.g.
    /// every dimension covering all 16 interviewees.
    pub union_tie: Option<u32>,
    /// The item whose share moves most between the printed values and the sum rule, when it
    /// moves by the threshold or more: labels, printed share, share by the source codes.
    pub largest_shift: Option<(String, String, f64, f64)>,
}

/// The headline, from the first level (dimensions, then components) whose every item has a
/// printed value; `None` when no level does.
pub fn headline(tables: &Tables, threshold: f64) -> Option<Headline> {
    for (level, rows, component) in [
        (Level::Dimension, &tables.dimensions, false),
        (Level::Component, &tables.components, true),
    ] {
        if rows.len() < 2 || rows.iter().any(|r| r.share_printed.is_none()) {
            continue;
        }
        let label = |r: &GroupRow| {
            let printed = if component {
                &r.component
            } else {
                &r.dimension
            };
            (printed.clone(), r.label_en.clone())
        };
        let printed: Vec<u32> = rows.iter().map(|r| r.printed.unwrap_or(0)).collect();
        let sums: Vec<u32> = rows.iter().map(|r| r.sum).collect();
        let Some(p) = leader(&printed) else { continue };
        let s = leader(&sums);
        let shift = |r: &GroupRow| (r.share_printed.unwrap_or(0.0) - r.share_sum).abs();
        let largest_shift = rows
            .iter()
            .filter(|r| shift(r) >= threshold)
            .max_by(|a, b| shift(a).total_cmp(&shift(b)))
            .map(|r| {
                let (a, b) = label(r);
                (a, b, r.share_printed.unwrap_or(0.0), r.share_sum)
            });
        let lead = &rows[p];
        return Some(Headline {
            level,
            survives: s == Some(p) && largest_shift.is_none(),
            largest_shift,
            printed_leader: label(lead),
            printed_share: lead.share_printed.unwrap_or(0.0),
            sum_share: lead.share_sum,
            union_share: lead.share_union,
            sum_leader: s.map(|s| {
                let (a, b) = label(&rows[s]);
                (a, b, rows[s].share_sum)
            }),
            union_tie: rows
                .windows(2)
                .all(|w| w[0].union == w[1].union)
                .then_some(rows[0].union),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_leader_is_unique_or_none() {
        assert_eq!(leader(&[3, 9, 2]), Some(1));
        assert_eq!(leader(&[9, 9, 2]), None);
        assert_eq!(leader(&[]), None);
    }
}

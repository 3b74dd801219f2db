//! Comparing two sets of tables of one study, before and after a change (an alternative reading
//! of the source, an edited codebook). Below the audit: its readings rule uses it to say what an
//! alternative reading changes; the `difference` room adds the audits' findings for `diff`.
//!
//! Rows are matched by label, not position: a base theme by its label (in the same component
//! when it is there, so that a theme moved to another component is still the same theme),
//! a component by its dimension and label, a dimension by its label. Not for wording: a
//! [`Change`] holds numbers; renderers and rules phrase them.

use crate::case_id::CaseId;
use crate::persian::match_key;
use crate::tables::{BaseThemeRow, GroupRow, Tables};
use serde::Serialize;

/// The level of the thematic network a change is at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    BaseTheme,
    Component,
    Dimension,
}

/// A number of a table row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Quantity {
    /// The printed frequency (`None`: not printed).
    Printed,
    /// Distinct interviewees (base themes).
    Distinct,
    /// Codes listed, repeats included (base themes).
    Listed,
    /// The sum rule (components, dimensions).
    Sum,
    /// The union rule (components, dimensions).
    Union,
}

impl Quantity {
    pub fn name(self) -> &'static str {
        match self {
            Quantity::Printed => "printed",
            Quantity::Distinct => "distinct",
            Quantity::Listed => "listed",
            Quantity::Sum => "sum",
            Quantity::Union => "union",
        }
    }
}

/// One row whose numbers differ, or that is only in one of the two results.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub level: Level,
    /// The row's label (the base theme's, component's or dimension's).
    pub subject: String,
    #[serde(flatten)]
    pub kind: ChangeKind,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum ChangeKind {
    /// The row is in both; these numbers differ (in the order of [`Quantity`]). `unchanged`
    /// holds the row's other numbers, for context.
    Values {
        #[serde(serialize_with = "values_json")]
        changed: Vec<(Quantity, Option<u32>, Option<u32>)>,
        #[serde(skip)]
        unchanged: Vec<(Quantity, Option<u32>)>,
    },
    /// The row is in both, under another parent (a base theme's component, a component's
    /// dimension): (before, after). Its numbers may have changed too (a separate change).
    Moved { from: String, to: String },
    /// The row is in both, its label written differently (the same after Persian
    /// normalisation: a ZWNJ, a yeh, a digit script): (before, after).
    Renamed { from: String, to: String },
    /// The row's English label changed (its printed label did not): (before, after); either
    /// may be empty (no English label).
    Translated { from: String, to: String },
    /// A base theme's source codes gained or lost interviewees: (added, removed), ascending.
    Codes {
        added: Vec<CaseId>,
        removed: Vec<CaseId>,
    },
    /// Only in the second result.
    Added,
    /// Only in the first result.
    Removed,
}

/// `[{"quantity": …, "before": …, "after": …}]` for the JSON of a difference.
fn values_json<S: serde::Serializer>(
    changed: &[(Quantity, Option<u32>, Option<u32>)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Value {
        quantity: Quantity,
        before: Option<u32>,
        after: Option<u32>,
    }
    serializer.collect_seq(changed.iter().map(|&(quantity, before, after)| Value {
        quantity,
        before,
        after,
    }))
}

/// Every row of `before` and `after` whose numbers differ: base themes, then components, then
/// dimensions, each in `before`'s order, rows only in `after` last.
pub fn tables(before: &Tables, after: &Tables) -> Vec<Change> {
    let mut out = Vec::new();
    let theme_key = |r: &BaseThemeRow| match_key(&r.theme);
    let mut matched = vec![false; after.base_themes.len()];
    for row in &before.base_themes {
        let key = theme_key(row);
        let candidates = || {
            after
                .base_themes
                .iter()
                .enumerate()
                .filter(|(_, r)| theme_key(r) == key)
        };
        let found = candidates()
            .find(|(_, r)| r.component == row.component && r.dimension == row.dimension)
            .or_else(|| candidates().find(|(i, _)| !matched[*i]));
        match found {
            Some((i, other)) => {
                matched[i] = true;
                if other.theme != row.theme {
                    out.push(Change {
                        level: Level::BaseTheme,
                        subject: row.theme.clone(),
                        kind: ChangeKind::Renamed {
                            from: row.theme.clone(),
                            to: other.theme.clone(),
                        },
                    });
                }
                if other.theme_en != row.theme_en {
                    out.push(Change {
                        level: Level::BaseTheme,
                        subject: row.theme.clone(),
                        kind: ChangeKind::Translated {
                            from: row.theme_en.clone(),
                            to: other.theme_en.clone(),
                        },
                    });
                }
                let (added, removed) = code_changes(&row.codes, &other.codes);
                if !added.is_empty() || !removed.is_empty() {
                    out.push(Change {
                        level: Level::BaseTheme,
                        subject: row.theme.clone(),
                        kind: ChangeKind::Codes { added, removed },
                    });
                }
                let parent = |r: &BaseThemeRow| (match_key(&r.dimension), match_key(&r.component));
                if parent(other) != parent(row) {
                    out.push(Change {
                        level: Level::BaseTheme,
                        subject: row.theme.clone(),
                        kind: ChangeKind::Moved {
                            from: row.component.clone(),
                            to: other.component.clone(),
                        },
                    });
                }
                out.extend(values(
                    Level::BaseTheme,
                    &row.theme,
                    &base_numbers(row),
                    &base_numbers(other),
                ));
            }
            None => out.push(Change {
                level: Level::BaseTheme,
                subject: row.theme.clone(),
                kind: ChangeKind::Removed,
            }),
        }
    }
    let added_themes: Vec<Change> = after
        .base_themes
        .iter()
        .zip(&matched)
        .filter(|(_, m)| !**m)
        .map(|(r, _)| Change {
            level: Level::BaseTheme,
            subject: r.theme.clone(),
            kind: ChangeKind::Added,
        })
        .collect();
    let components = groups(
        Level::Component,
        &before.components,
        &after.components,
        |r| match_key(&r.component),
        |r| &r.component,
    );
    let dimensions = groups(
        Level::Dimension,
        &before.dimensions,
        &after.dimensions,
        |r| match_key(&r.dimension),
        |r| &r.dimension,
    );
    out.extend(components.0);
    out.extend(dimensions.0);
    out.extend(added_themes);
    out.extend(components.1);
    out.extend(dimensions.1);
    out
}

/// Interviewees in `after`'s codes and not in `before`'s, and the reverse, ascending.
fn code_changes(before: &[CaseId], after: &[CaseId]) -> (Vec<CaseId>, Vec<CaseId>) {
    let set = |codes: &[CaseId]| {
        codes
            .iter()
            .copied()
            .collect::<std::collections::BTreeSet<CaseId>>()
    };
    let (before, after) = (set(before), set(after));
    (
        after.difference(&before).copied().collect(),
        before.difference(&after).copied().collect(),
    )
}

/// A share of a level that changed, by one counting rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ShareChange {
    pub level: Level,
    pub subject: String,
    /// `Sum`, `Union` or `Printed`.
    pub rule: Quantity,
    pub before: Option<f64>,
    pub after: Option<f64>,
}

/// Every component's and dimension's share that changes by at least a hundredth of a point
/// (shares are printed with two decimals), under the sum rule, the union rule and as printed.
pub fn shares(before: &Tables, after: &Tables) -> Vec<ShareChange> {
    let mut out = Vec::new();
    let levels = [
        (
            Level::Component,
            &before.components,
            &after.components,
            true,
        ),
        (
            Level::Dimension,
            &before.dimensions,
            &after.dimensions,
            false,
        ),
    ];
    for (level, old, new, component) in levels {
        let label = |r: &GroupRow| {
            if component {
                r.component.clone()
            } else {
                r.dimension.clone()
            }
        };
        for row in old {
            let key = match_key(&label(row));
            let Some(other) = new.iter().find(|r| match_key(&label(r)) == key) else {
                continue;
            };
            for (rule, a, b) in [
                (Quantity::Sum, Some(row.share_sum), Some(other.share_sum)),
                (
                    Quantity::Union,
                    Some(row.share_union),
                    Some(other.share_union),
                ),
                (Quantity::Printed, row.share_printed, other.share_printed),
            ] {
                let differs = match (a, b) {
                    (Some(a), Some(b)) => (a - b).abs() >= 0.005,
                    (None, None) => false,
                    _ => true,
                };
                if differs {
                    out.push(ShareChange {
                        level,
                        subject: label(row),
                        rule,
                        before: a,
                        after: b,
                    });
                }
            }
        }
    }
    out
}

fn base_numbers(r: &BaseThemeRow) -> Vec<(Quantity, Option<u32>)> {
    vec![
        (Quantity::Printed, r.printed),
        (Quantity::Distinct, Some(r.distinct)),
        (Quantity::Listed, Some(r.listed)),
    ]
}

fn group_numbers(r: &GroupRow) -> Vec<(Quantity, Option<u32>)> {
    vec![
        (Quantity::Sum, Some(r.sum)),
        (Quantity::Union, Some(r.union)),
        (Quantity::Printed, r.printed),
    ]
}

/// A `Values` change when any number differs.
fn values(
    level: Level,
    subject: &str,
    before: &[(Quantity, Option<u32>)],
    after: &[(Quantity, Option<u32>)],
) -> Option<Change> {
    let mut changed = Vec::new();
    let mut unchanged = Vec::new();
    for (&(q, a), &(_, b)) in before.iter().zip(after) {
        if a == b {
            unchanged.push((q, a));
        } else {
            changed.push((q, a, b));
        }
    }
    (!changed.is_empty()).then(|| Change {
        level,
        subject: subject.to_string(),
        kind: ChangeKind::Values { changed, unchanged },
    })
}

/// Changed, moved and removed rows of one group level, then the added ones. Rows match by
/// label, under the same parent when the label is there, else under another (moved).
fn groups(
    level: Level,
    before: &[GroupRow],
    after: &[GroupRow],
    key: impl Fn(&GroupRow) -> String,
    label: impl Fn(&GroupRow) -> &String,
) -> (Vec<Change>, Vec<Change>) {
    let mut out = Vec::new();
    let mut matched = vec![false; after.len()];
    let parent = |r: &GroupRow| match_key(&r.dimension);
    for row in before {
        let k = key(row);
        let candidates = || {
            after
                .iter()
                .enumerate()
                .filter(|(i, r)| !matched[*i] && key(r) == k)
        };
        let found = candidates()
            .find(|(_, r)| parent(r) == parent(row))
            .or_else(|| candidates().next());
        match found {
            Some((i, other)) => {
                matched[i] = true;
                if label(other) != label(row) {
                    out.push(Change {
                        level,
                        subject: label(row).clone(),
                        kind: ChangeKind::Renamed {
                            from: label(row).clone(),
                            to: label(other).clone(),
                        },
                    });
                }
                if other.label_en != row.label_en {
                    out.push(Change {
                        level,
                        subject: label(row).clone(),
                        kind: ChangeKind::Translated {
                            from: row.label_en.clone(),
                            to: other.label_en.clone(),
                        },
                    });
                }
                if level == Level::Component && parent(other) != parent(row) {
                    out.push(Change {
                        level,
                        subject: label(row).clone(),
                        kind: ChangeKind::Moved {
                            from: row.dimension.clone(),
                            to: other.dimension.clone(),
                        },
                    });
                }
                out.extend(values(
                    level,
                    label(row),
                    &group_numbers(row),
                    &group_numbers(other),
                ));
            }
            None => out.push(Change {
                level,
                subject: label(row).clone(),
                kind: ChangeKind::Removed,
            }),
        }
    }
    let added = after
        .iter()
        .zip(&matched)
        .filter(|(_, m)| !**m)
        .map(|(r, _)| Change {
            level,
            subject: label(r).clone(),
            kind: ChangeKind::Added,
        })
        .collect();
    (out, added)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codebook::{load, Source};

    fn paper() -> (crate::model::Codebook, Tables) {
        let codebook = load(&Source::BuiltIn).expect("the built-in codebook loads");
        let tables = crate::tables::compute(&codebook).expect("tables");
        (codebook, tables)
    }

    #[test]
    fn identical_results_have_no_changes() {
        let (codebook, tables) = paper();
        let _ = codebook;
        assert!(super::tables(&tables, &tables).is_empty());
    }

    #[test]
    fn a_changed_printed_value_and_a_moved_theme_are_reported_as_such() {
        let (mut codebook, before) = paper();
        // Move the first base theme of the first component into the last component, and
        // change the first dimension's printed frequency.
        let first = codebook.dimensions[0].components[0]
            .base_themes
            .shift_remove_index(0)
            .expect("a base theme");
        let last_dimension = codebook.dimensions.len() - 1;
        let dimension = &mut codebook.dimensions[last_dimension];
        let last_component = dimension.components.len() - 1;
        dimension.components[last_component]
            .base_themes
            .insert(first.0.clone(), first.1);
        codebook.dimensions[0].printed_frequency = Some(1);
        let after = crate::tables::compute(&codebook).expect("tables");
        let changes = super::tables(&before, &after);
        // The theme is the same theme (matched by label): it moved, its numbers did not change.
        let theme: Vec<&Change> = changes
            .iter()
            .filter(|c| c.level == Level::BaseTheme)
            .collect();
        assert!(
            matches!(
                theme.as_slice(),
                [Change {
                    kind: ChangeKind::Moved { .. },
                    ..
                }]
            ),
            "{changes:?}"
        );
        let first_dimension = changes
            .iter()
            .find(|c| c.level == Level::Dimension && c.subject == before.dimensions[0].dimension)
            .expect("the first dimension changed");
        let ChangeKind::Values { changed, .. } = &first_dimension.kind else {
            panic!("{first_dimension:?}");
        };
        assert!(changed.contains(&(Quantity::Printed, before.dimensions[0].printed, Some(1))));
        assert!(changed.iter().any(|(q, _, _)| *q == Quantity::Sum));
        // Nothing was added or removed.
        assert!(changes
            .iter()
            .all(|c| !matches!(c.kind, ChangeKind::Added | ChangeKind::Removed)));
    }
}

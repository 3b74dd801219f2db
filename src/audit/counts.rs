//! Rules on the printed counts: base frequencies against the source codes, printed totals
//! against the sum and the union rule and against their printed parts, missing and impossible
//! values, and printed percentages no count can produce (GRIM-style).
//!
//! Not for computing the counts (that is [`crate::tables`]): rules compare, they never count.
//!
//! One idea (the printed counts against the recomputed ones), long because every finding is
//! written in English and in Persian.

use super::{Context, CountingRule, Finding, Level, Rule, Severity, Verdict};
use crate::lang::Lang;
use crate::model::{Origin, PrintedPercent};
use crate::tables::{GroupRow, Tables};

pub const RULES: &[Rule] = &[
    Rule {
        id: "base-count-mismatch",
        severity: Severity::Error,
        level: Level::Base,
        summary: "a printed base frequency differs from the number of distinct interviewees in its source codes",
        explain: "A base theme's frequency is the number of different interviewees whose codes are listed \
                  for it. When the printed number differs, either the list or the number is wrong. \
                  The finding gives both, the listed codes, and says when the printed number equals the \
                  length of the list with a repeated code counted twice.",
        summary_fa: "فراوانی پایهٔ چاپ‌شده با شمار مصاحبه‌شوندگان متمایز در کدهای منبع آن فرق دارد",
        explain_fa: "فراوانی یک مضمون پایه شمار مصاحبه‌شوندگان متمایزی است که کدشان برای آن فهرست شده است. وقتی عدد چاپ‌شده فرق دارد، یا فهرست نادرست است یا عدد. مورد ممیزی هر دو و کدهای فهرست‌شده را می‌آورد، و اگر عدد چاپ‌شده با دو بار شمردن کد تکراری برابر شمار کدهای فهرست شود، این را هم یادآوری می‌کند.",
        check: base_count_mismatch,
    },
    Rule {
        id: "unraised-theme",
        severity: Severity::Info,
        level: Level::Base,
        summary: "a base theme no interviewee raised: its source codes are empty",
        explain: "A base theme with no source codes is a row of the scheme that nobody raised (yet): a \
                  deductive codebook, a coder's share of a common scheme, a code system exported before \
                  coding. It counts 0 in every table and chart and adds nothing to its component or \
                  dimension. One finding lists them all; where a printed frequency other than 0 says \
                  someone did raise it, `base-count-mismatch` reports that instead.",
        summary_fa: "مضمون پایه‌ای که هیچ مصاحبه‌شونده‌ای مطرح نکرده است: کدهای منبع آن خالی است",
        explain_fa: "مضمون پایه‌ای که کد منبعی ندارد ردیفی از طرح است که (هنوز) کسی آن را مطرح نکرده است: کدنامه‌ای قیاسی، سهم یک کدگذار از طرحی مشترک، یا نظام کدی که پیش از کدگذاری برون‌بری شده است. در همهٔ جدول‌ها و نمودارها ۰ شمرده می‌شود و چیزی به مؤلفه یا بُعد خود نمی‌افزاید. یک مورد ممیزی همه را فهرست می‌کند؛ جایی که فراوانی چاپ‌شده‌ای جز ۰ می‌گوید کسی آن را مطرح کرده است، base-count-mismatch آن را گزارش می‌کند.",
        check: unraised_theme,
    },
    Rule {
        id: "total-mismatch",
        severity: Severity::Error,
        level: Level::Component,
        summary: "a printed component or dimension frequency matches neither the sum rule nor the union rule",
        explain: "An organizing or global theme's frequency is either the sum of its base themes' frequencies \
                  (mentions: the sum rule) or the number of distinct interviewees across them (coverage: \
                  the union rule). A printed value that is neither cannot be reproduced from the codebook. \
                  Both recomputed values are given; `recomputed` is the sum rule's.",
        summary_fa: "فراوانی چاپ‌شدهٔ یک مؤلفه یا بُعد نه با قاعدهٔ جمع مطابقت دارد و نه با قاعدهٔ اجتماع",
        explain_fa: "فراوانی یک مؤلفه (مضمون سازمان‌دهنده) یا بُعد (مضمون فراگیر) یا جمع فراوانی‌های مضامین پایهٔ آن است (اشاره‌ها: قاعدهٔ جمع) یا شمار مصاحبه‌شوندگان متمایز در آن‌ها (مصاحبه‌شوندگان: قاعدهٔ اجتماع). عدد چاپ‌شده‌ای که هیچ‌یک از این دو نباشد از کدنامه بازتولیدشدنی نیست. هر دو مقدار بازمحاسبه‌شده آورده می‌شوند؛ مقدار «بازمحاسبه» همان قاعدهٔ جمع است.",
        check: total_mismatch,
    },
    Rule {
        id: "total-rule",
        severity: Severity::Info,
        level: Level::Component,
        summary: "which counting rule a printed component or dimension frequency follows",
        explain: "When a printed total equals the sum rule or the union rule, the finding names the rule, so \
                  that a reader knows whether the number counts mentions or interviewees.",
        summary_fa: "فراوانی چاپ‌شدهٔ یک مؤلفه یا بُعد از کدام قاعده شمارش پیروی می‌کند",
        explain_fa: "وقتی جمع چاپ‌شده با قاعدهٔ جمع یا قاعدهٔ اجتماع برابر است، مورد ممیزی قاعده را نام می‌برد تا خواننده بداند عدد اشاره‌ها را می‌شمارد یا مصاحبه‌شوندگان را.",
        check: total_rule,
    },
    Rule {
        id: "printed-parts-mismatch",
        severity: Severity::Warning,
        level: Level::Dimension,
        summary: "a printed total differs from the sum of the printed values one level down",
        explain: "When every child of a component or dimension has a printed frequency, a total counted by \
                  the sum rule must equal their sum. A difference is an inconsistency inside the printed \
                  table itself, whatever the codebook says (a total counted by the union rule is not \
                  expected to match; the message says so when it does not).",
        summary_fa: "جمع چاپ‌شده با جمع عددهای چاپ‌شدهٔ یک سطح پایین‌تر فرق دارد",
        explain_fa: "وقتی همهٔ زیرمجموعه‌های یک مؤلفه یا بُعد فراوانی چاپ‌شده دارند، جمعی که طبق قاعدهٔ جمع شمرده شده باید با مجموع آن‌ها برابر باشد. اختلاف، صرف‌نظر از کدنامه، ناسازگاری درون خود جدول چاپ‌شده است (از جمعی که طبق قاعدهٔ اجتماع شمرده شده انتظار برابری نمی‌رود و پیام در این حالت همین را یادآوری می‌کند).",
        check: printed_parts_mismatch,
    },
    Rule {
        id: "printed-missing",
        severity: Severity::Warning,
        level: Level::Base,
        summary: "no frequency is printed for a row although its level prints one elsewhere",
        explain: "A table that prints frequencies for some rows of a level and not for others cannot be \
                  checked, or summed, for the missing rows. Levels that print no frequency at all are \
                  not flagged.",
        summary_fa: "برای ردیفی فراوانی چاپ نشده است، در حالی که برای دیگر ردیف‌های همان سطح چاپ شده است",
        explain_fa: "جدولی که برای برخی ردیف‌های یک سطح فراوانی چاپ می‌کند و برای برخی نه، برای ردیف‌های بی‌عدد نه سنجیدنی است و نه جمع‌زدنی. سطح‌هایی که هیچ فراوانی‌ای چاپ نمی‌کنند گزارش نمی‌شوند.",
        check: printed_missing,
    },
    Rule {
        id: "impossible-count",
        severity: Severity::Error,
        level: Level::Base,
        summary: "a base frequency larger than the number of interviewees",
        explain: "A base frequency counts interviewees, so it can never exceed the roster. (A component or \
                  dimension total can, under the sum rule; `total-mismatch` says so.) Negative and \
                  fractional counts are rejected when the codebook is read.",
        summary_fa: "فراوانی پایه‌ای بزرگ‌تر از شمار مصاحبه‌شوندگان",
        explain_fa: "فراوانی پایه مصاحبه‌شوندگان را می‌شمارد، پس هرگز از شمار مصاحبه‌شوندگان فهرست بیشتر نمی‌شود. (جمع یک مؤلفه یا بُعد طبق قاعدهٔ جمع می‌تواند بیشتر شود؛ total-mismatch همین را می‌گوید.) شمارش منفی یا کسری هنگام خواندن کدنامه پذیرفته نمی‌شود.",
        check: impossible_count,
    },
    Rule {
        id: "impossible-percent",
        severity: Severity::Error,
        level: Level::Base,
        summary: "a printed percentage that no whole count can produce at its printed precision (GRIM)",
        explain: "A share of N interviewees, or of the level's printed total, can only take the values \
                  100·k/N. A printed percentage that no whole k produces at the printed number of decimals \
                  cannot be right for either denominator. Only codebooks with a `printed_percent` column \
                  are checked.",
        summary_fa: "درصد چاپ‌شده‌ای که هیچ عدد صحیحی با دقت چاپ‌شده‌اش آن را نمی‌سازد (آزمون GRIM)",
        explain_fa: "سهمی از شمار مصاحبه‌شوندگان، یا از جمع چاپ‌شدهٔ سطح، تنها می‌تواند صد برابرِ کسری با همین مخرج و صورتی صحیح باشد. درصدی که هیچ صورت صحیحی با همان شمار رقم اعشار آن را نمی‌سازد، با هیچ‌یک از دو مخرج درست نیست. تنها کدنامه‌هایی که ستون ‎printed_percent‎ دارند سنجیده می‌شوند.",
        check: impossible_percent,
    },
];

fn unraised_theme(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let names = &cx.terms.names;
    let message = match cx.lang {
        Lang::Fa => format!(
            "کد منبعی ندارد: هیچ‌یک از {} آن را مطرح نکرده و فراوانی پایهٔ آن {} است",
            names.cases,
            cx.n(0)
        ),
        Lang::En => format!(
            "no source codes: raised by no {}, so a base frequency of 0",
            names.case
        ),
    };
    cx.codebook
        .base_themes()
        .zip(&cx.tables.base_themes)
        .filter(|(_, row)| row.codes.is_empty() && row.printed.unwrap_or(0) == 0)
        .map(|(r, _)| {
            Finding::new(rule, &r.theme.label.printed, message.clone()).source(&r.theme.origin)
        })
        .collect()
}

fn base_count_mismatch(rule: &Rule, cx: &Context) -> Vec<Finding> {
    cx.codebook
        .base_themes()
        .zip(&cx.tables.base_themes)
        .filter_map(|(r, row)| {
            let printed = row.printed?;
            if printed == row.distinct {
                return None;
            }
            let mut distinct = row.codes.clone();
            crate::case_id::sort_natural(&mut distinct);
            distinct.dedup();
            let names = &cx.terms.names;
            let mut message = match cx.lang {
                Lang::Fa => format!(
                    "فراوانی چاپ‌شده {} است، اما کدهای منبع آن {} {} متمایز را نام می‌برند",
                    cx.n(printed),
                    cx.n(row.distinct),
                    crate::lang::ezafe(cx.lang, &names.case)
                ),
                Lang::En => format!(
                    "printed {printed}, but its source codes list {} distinct {}",
                    row.distinct,
                    if row.distinct == 1 {
                        &names.case
                    } else {
                        &names.cases
                    }
                ),
            };
            if row.listed != row.distinct && printed == row.listed {
                message.push_str(&match cx.lang {
                    Lang::Fa => format!(
                        " ({} کد با یک تکرار: عدد چاپ‌شده تکرار را هم شمرده است)",
                        cx.n(row.listed)
                    ),
                    Lang::En => format!(
                        " ({} codes with a repeat: the printed value counts the repeat)",
                        row.listed
                    ),
                });
            }
            Some(
                Finding::new(rule, &row.theme, message)
                    .counts(Some(printed), Some(row.distinct))
                    .interviewees(distinct)
                    .source(&r.theme.origin),
            )
        })
        .collect()
}

/// Component rows then dimension rows, with their level.
fn totals(tables: &Tables) -> impl Iterator<Item = (Level, &GroupRow)> {
    tables
        .components
        .iter()
        .map(|r| (Level::Component, r))
        .chain(tables.dimensions.iter().map(|r| (Level::Dimension, r)))
}

/// The same rows with the codebook row each comes from.
fn totals_with_origin<'a>(
    cx: &'a Context,
) -> impl Iterator<Item = (Level, &'a GroupRow, &'a Origin)> {
    let component_origins = cx.codebook.components().map(|(_, c)| &c.origin);
    let dimension_origins = cx.codebook.dimensions.values().map(|d| &d.origin);
    totals(cx.tables)
        .zip(component_origins.chain(dimension_origins))
        .map(|((level, row), origin)| (level, row, origin))
}

fn subject(level: Level, row: &GroupRow) -> &str {
    if level == Level::Component {
        &row.component
    } else {
        &row.dimension
    }
}

fn matched(row: &GroupRow) -> Option<CountingRule> {
    match row.printed {
        Some(p) if p == row.sum => Some(CountingRule::Sum),
        Some(p) if p == row.union => Some(CountingRule::Union),
        _ => None,
    }
}

fn total_mismatch(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let roster = cx.tables.roster_size as u32;
    totals_with_origin(cx)
        .filter(|(_, row, _)| row.printed.is_some() && matched(row).is_none())
        // A total that adds up wrong printed parts is reported once, as inherited.
        .filter(|(level, row, _)| !is_inherited(&cx.inherited, *level, subject(*level, row)))
        .map(|(level, row, origin)| {
            let printed = row.printed.unwrap_or_default();
            let mut message = match cx.lang {
                Lang::Fa => format!(
                    "عدد چاپ‌شده {} است؛ طبق قاعدهٔ جمع {} و طبق قاعدهٔ اجتماع {} به دست می‌آید: با هیچ‌یک مطابقت ندارد",
                    cx.n(printed),
                    cx.n(row.sum),
                    cx.n(row.union)
                ),
                Lang::En => format!(
                    "printed {printed}; the sum rule gives {} and the union rule {}: it matches neither",
                    row.sum, row.union
                ),
            };
            if printed > roster && roster > 0 {
                let cases = &cx.terms.names.cases;
                message.push_str(&match cx.lang {
                    Lang::Fa => format!(
                        " (و چون از شمار {} {} بیشتر است، نمی‌تواند شمار {cases} باشد)",
                        cx.n(roster),
                        cx.terms.names.case
                    ),
                    Lang::En => {
                        format!(" (and, being above the {roster} {cases}, it cannot count {cases})")
                    }
                });
            }
            let mut f = Finding::new(rule, subject(level, row), message).counts(row.printed, Some(row.sum));
            f.level = level;
            f.rule_matched = Some(None);
            f.source(origin)
        })
        .collect()
}

fn total_rule(rule: &Rule, cx: &Context) -> Vec<Finding> {
    totals_with_origin(cx)
        .filter_map(|(level, row, origin)| {
            let rule_matched = matched(row)?;
            let cases = &cx.terms.names.cases;
            let (name, value) = match (rule_matched, cx.lang) {
                (CountingRule::Sum, Lang::En) if row.sum == row.union => (
                    "both the sum rule and the union rule, which coincide here".to_string(),
                    row.sum,
                ),
                (CountingRule::Sum, Lang::Fa) if row.sum == row.union => (
                    "هم قاعدهٔ جمع و هم قاعدهٔ اجتماع، که اینجا یکی‌اند".to_string(),
                    row.sum,
                ),
                (CountingRule::Sum, Lang::En) => ("the sum rule (mentions)".to_string(), row.sum),
                (CountingRule::Sum, Lang::Fa) => ("قاعدهٔ جمع (اشاره‌ها)".to_string(), row.sum),
                (CountingRule::Union, Lang::En) => {
                    (format!("the union rule (distinct {cases})"), row.union)
                }
                (CountingRule::Union, Lang::Fa) => {
                    (format!("قاعدهٔ اجتماع ({cases} متمایز)"), row.union)
                }
            };
            let message = match cx.lang {
                Lang::Fa => format!("عدد چاپ‌شدهٔ {} با {name} مطابقت دارد", cx.n(value)),
                Lang::En => format!("printed {value} matches {name}"),
            };
            let mut f =
                Finding::new(rule, subject(level, row), message).counts(row.printed, Some(value));
            f.level = level;
            f.rule_matched = Some(Some(rule_matched));
            Some(f.source(origin))
        })
        .collect()
}

fn printed_parts_mismatch(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut component_index = 0;
    for (d, dimension) in cx.codebook.dimensions.values().enumerate() {
        // Components: against their base themes' printed values.
        for component in dimension.components.values() {
            let row = &cx.tables.components[component_index];
            component_index += 1;
            let parts: Option<Vec<u32>> = component
                .base_themes
                .values()
                .map(|b| b.printed_frequency)
                .collect();
            if let (Some(total), Some(parts)) = (component.printed_frequency, parts) {
                let sum: u32 = parts.iter().sum();
                if !parts.is_empty() && sum != total {
                    let mut f = parts_finding(
                        rule,
                        cx,
                        &component.label.printed,
                        (total, &parts),
                        Level::Base,
                        row,
                    );
                    f.level = Level::Component;
                    findings.push(f.source(&component.origin));
                }
            }
        }
        // Dimensions: against their components' printed values.
        let parts: Option<Vec<u32>> = dimension
            .components
            .values()
            .map(|c| c.printed_frequency)
            .collect();
        if let (Some(total), Some(parts)) = (dimension.printed_frequency, parts) {
            let sum: u32 = parts.iter().sum();
            if !parts.is_empty() && sum != total {
                let row = &cx.tables.dimensions[d];
                findings.push(
                    parts_finding(
                        rule,
                        cx,
                        &dimension.label.printed,
                        (total, &parts),
                        Level::Component,
                        row,
                    )
                    .source(&dimension.origin),
                );
            }
        }
    }
    findings
}

/// A printed total against its printed `parts`, the values of its children at level `children`.
fn parts_finding(
    rule: &Rule,
    cx: &Context,
    subject: &str,
    (total, parts): (u32, &[u32]),
    children: Level,
    row: &GroupRow,
) -> Finding {
    let (sum, n): (u32, usize) = (parts.iter().sum(), parts.len());
    let names = &cx.terms.names;
    // Persian counts with the singular.
    let one = n == 1 || cx.lang == Lang::Fa;
    let children = match (children, one) {
        (Level::Base, true) => &names.base_theme,
        (Level::Base, false) => &names.base_themes,
        (_, true) => &names.component,
        (_, false) => &names.components,
    };
    let mut message = match cx.lang {
        Lang::Fa => format!(
            "عدد چاپ‌شده {} است، اما فراوانی‌های چاپ‌شدهٔ {} {} آن جمعاً {} می‌شود",
            cx.n(total),
            cx.n(n),
            crate::lang::ezafe(cx.lang, children),
            cx.n(sum)
        ),
        Lang::En => format!(
            "printed {total}, but the printed frequencies of its {n} {children} add up to {sum}"
        ),
    };
    if row.union == total {
        message.push_str(match cx.lang {
            Lang::Fa => " (عدد چاپ‌شده با قاعدهٔ اجتماع مطابقت دارد، که جمع نیست)",
            Lang::En => " (the printed total matches the union rule, which is not a sum)",
        });
    }
    Finding::new(rule, subject, message).counts(Some(total), Some(sum))
}

fn printed_missing(rule: &Rule, cx: &Context) -> Vec<Finding> {
    // A base theme nobody raised prints nothing for a reason: `unraised-theme` reports it.
    let themes = cx
        .codebook
        .base_themes()
        .filter(|r| !r.theme.source_codes.is_empty())
        .map(|r| {
            (
                &r.theme.label.printed,
                r.theme.printed_frequency,
                &r.theme.origin,
            )
        });
    let components = cx
        .codebook
        .components()
        .map(|(_, c)| (&c.label.printed, c.printed_frequency, &c.origin));
    let dimensions = cx
        .codebook
        .dimensions
        .values()
        .map(|d| (&d.label.printed, d.printed_frequency, &d.origin));
    // "base" frequency is the tool's term for a base theme's count, whatever the study calls
    // its base themes.
    let n = &cx.terms.names;
    // Persian counts with the singular (۱۶ از ۲۵ مضمون پایه).
    let counted = |one: &str, many: &str| match cx.lang {
        Lang::Fa => one.to_string(),
        Lang::En => many.to_string(),
    };
    let base = match cx.lang {
        Lang::Fa => "پایه",
        Lang::En => "base",
    };
    let mut findings = missing_in_level(
        rule,
        cx,
        Level::Base,
        (base, &counted(&n.base_theme, &n.base_themes)),
        themes.collect(),
    );
    findings.extend(missing_in_level(
        rule,
        cx,
        Level::Component,
        (&n.component, &counted(&n.component, &n.components)),
        components.collect(),
    ));
    findings.extend(missing_in_level(
        rule,
        cx,
        Level::Dimension,
        (&n.dimension, &counted(&n.dimension, &n.dimensions)),
        dimensions.collect(),
    ));
    findings
}

/// Rows of one level without a printed value, when the level prints one for some other row.
fn missing_in_level(
    rule: &Rule,
    cx: &Context,
    level: Level,
    (noun, plural): (&str, &str),
    rows: Vec<(&String, Option<u32>, &Origin)>,
) -> Vec<Finding> {
    let printed = rows.iter().filter(|(_, p, _)| p.is_some()).count();
    if printed == 0 {
        return Vec::new();
    }
    rows.iter()
        .filter(|(_, p, _)| p.is_none())
        .map(|(label, _, origin)| {
            let mut f = Finding::new(
                rule,
                label.as_str(),
                match cx.lang {
                    Lang::Fa => format!(
                        "فراوانی {noun} چاپ نشده است، در حالی که {} مورد از {} {plural} فراوانی چاپ‌شده دارند",
                        cx.n(printed),
                        cx.n(rows.len())
                    ),
                    Lang::En => format!(
                        "no {noun} frequency is printed, while {printed} of the {} {plural} have one",
                        rows.len()
                    ),
                },
            )
            .source(origin);
            f.level = level;
            f
        })
        .collect()
}

fn impossible_count(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let roster = cx.tables.roster_size as u32;
    if roster == 0 {
        return Vec::new();
    }
    let mut findings = Vec::new();
    for (r, row) in cx.codebook.base_themes().zip(&cx.tables.base_themes) {
        if let Some(printed) = row.printed.filter(|&p| p > roster) {
            findings.push(
                Finding::new(
                    rule,
                    &row.theme,
                    match cx.lang {
                        Lang::Fa => format!(
                            "فراوانی چاپ‌شده {} است، بیش از شمار {} {} فهرست",
                            cx.n(printed),
                            cx.n(roster),
                            cx.terms.names.case
                        ),
                        Lang::En => format!(
                            "printed {printed}, more than the {} on the roster",
                            crate::lang::count(roster, &cx.terms.names.case, &cx.terms.names.cases)
                        ),
                    },
                )
                .counts(Some(printed), Some(row.distinct))
                .source(&r.theme.origin),
            );
        }
        if row.distinct > roster {
            findings.push(
                Finding::new(
                    rule,
                    &row.theme,
                    match cx.lang {
                        Lang::Fa => format!(
                            "کدهای منبع آن {} {} متمایز را نام می‌برند، بیش از {} نفرِ فهرست",
                            cx.n(row.distinct),
                            cx.terms.names.case,
                            cx.n(roster)
                        ),
                        Lang::En => format!(
                            "its source codes name {} distinct {}, more than the {roster} on the roster",
                            row.distinct, cx.terms.names.cases
                        ),
                    },
                )
                .counts(row.printed, Some(row.distinct))
                .source(&r.theme.origin),
            );
        }
    }
    findings
}

/// Whether some whole k in 0..=denominator gives `percent` when 100·k/denominator is rounded
/// half up to the printed decimals. Exact integer arithmetic.
pub fn percent_possible(percent: PrintedPercent, denominator: u64) -> bool {
    if denominator == 0 {
        return false;
    }
    let scale = 10u64.pow(percent.decimals);
    (0..=denominator).any(|k| {
        // round(100·k·scale / d) half up = floor((200·k·scale + d) / 2d)
        (200 * k * scale + denominator) / (2 * denominator) == percent.digits
    })
}

fn impossible_percent(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let roster = cx.tables.roster_size as u64;
    let mut findings = Vec::new();
    let mut check = |level: Level,
                     subject: &str,
                     percent: Option<PrintedPercent>,
                     level_total: Option<u64>,
                     origin: &Origin| {
        let Some(percent) = percent else { return };
        let denominators: Vec<u64> = [Some(roster), level_total]
            .into_iter()
            .flatten()
            .filter(|&d| d > 0)
            .collect();
        if denominators.is_empty() || denominators.iter().any(|&d| percent_possible(percent, d)) {
            return;
        }
        let against: Vec<String> = denominators.iter().map(|d| cx.n(d)).collect();
        let message = match cx.lang {
            Lang::Fa => format!(
                "درصد چاپ‌شده {} است، که هیچ عدد صحیحی از {} با {} رقم اعشار به آن نمی‌رسد",
                cx.n(percent).replace('.', "٫").replace('%', "٪"),
                against.join(" یا "),
                cx.n(percent.decimals)
            ),
            Lang::En => format!(
                "printed {percent}, which no whole count out of {} gives at {} decimal{}",
                against.join(" or "),
                percent.decimals,
                if percent.decimals == 1 { "" } else { "s" }
            ),
        };
        let mut f = Finding::new(rule, subject, message).source(origin);
        f.level = level;
        findings.push(f);
    };
    let printed_total = |values: Vec<Option<u32>>| -> Option<u64> {
        values.into_iter().map(|v| v.map(u64::from)).sum()
    };
    let themes: Vec<_> = cx.codebook.base_themes().collect();
    let base_total = printed_total(themes.iter().map(|r| r.theme.printed_frequency).collect());
    for r in &themes {
        check(
            Level::Base,
            &r.theme.label.printed,
            r.theme.printed_percent,
            base_total,
            &r.theme.origin,
        );
    }
    let components: Vec<_> = cx.codebook.components().collect();
    let component_total = printed_total(
        components
            .iter()
            .map(|(_, c)| c.printed_frequency)
            .collect(),
    );
    for (_, c) in &components {
        check(
            Level::Component,
            &c.label.printed,
            c.printed_percent,
            component_total,
            &c.origin,
        );
    }
    let dimension_total = printed_total(
        cx.codebook
            .dimensions
            .values()
            .map(|d| d.printed_frequency)
            .collect(),
    );
    for d in cx.codebook.dimensions.values() {
        check(
            Level::Dimension,
            &d.label.printed,
            d.printed_percent,
            dimension_total,
            &d.origin,
        );
    }
    findings
}

/// Headline counts for the verdict.
/// Whether (level, label) is among the `inherited` totals.
fn is_inherited(inherited: &[(Level, String)], level: Level, label: &str) -> bool {
    inherited.iter().any(|(l, s)| *l == level && s == label)
}

pub fn verdict(tables: &Tables, inherited: &[(Level, String)]) -> Verdict {
    let printed_base: Vec<_> = tables
        .base_themes
        .iter()
        .filter(|r| r.printed.is_some())
        .collect();
    let printed_totals: Vec<&GroupRow> = totals(tables)
        .map(|(_, r)| r)
        .filter(|r| r.printed.is_some())
        .collect();
    Verdict {
        printed_base: printed_base.len(),
        printed_base_mismatched: printed_base
            .iter()
            .filter(|r| r.printed != Some(r.distinct))
            .count(),
        printed_totals: printed_totals.len(),
        totals_matching_sum: printed_totals
            .iter()
            .filter(|r| matched(r) == Some(CountingRule::Sum))
            .count(),
        totals_matching_union: printed_totals
            .iter()
            .filter(|r| matched(r) == Some(CountingRule::Union))
            .count(),
        totals_matching_neither: printed_totals
            .iter()
            .filter(|r| matched(r).is_none())
            .count(),
        totals_inherited: totals(tables)
            .filter(|(level, r)| {
                r.printed.is_some()
                    && matched(r).is_none()
                    && is_inherited(inherited, *level, subject(*level, r))
            })
            .count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pct(digits: u64, decimals: u32) -> PrintedPercent {
        PrintedPercent { digits, decimals }
    }

    #[test]
    fn grim_accepts_what_a_count_can_produce() {
        // 166 / 307 = 54.07%; 7 / 16 = 43.75%; 1 / 3 = 33.33%.
        assert!(percent_possible(pct(5407, 2), 307));
        assert!(percent_possible(pct(4375, 2), 16));
        assert!(percent_possible(pct(3333, 2), 3));
        assert!(percent_possible(pct(44, 0), 16)); // 7/16 = 43.75 → 44
        assert!(percent_possible(pct(0, 0), 16));
        assert!(percent_possible(pct(100, 0), 16));
    }

    #[test]
    fn grim_rejects_what_no_count_can_produce() {
        // Out of 16 the shares step by 6.25%: 43.75, 50.00; nothing rounds to 45.
        assert!(!percent_possible(pct(45, 0), 16));
        assert!(!percent_possible(pct(4400, 2), 16));
        // Out of 3: 0, 33.33, 66.67, 100.
        assert!(!percent_possible(pct(500, 1), 3));
        assert!(!percent_possible(pct(101, 0), 16));
        assert!(!percent_possible(pct(50, 0), 0));
    }
}

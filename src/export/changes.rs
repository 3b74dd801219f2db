//! A difference between two versions of a codebook in words (`thematic diff`), shared by the
//! text and Markdown renderers: one line per change, in the output's language and the study's
//! words, grouped under headings.
//!
//! Not a comparison: what differs is decided by [`crate::compare`].

use crate::compare::{Change, ChangeKind, Level, Quantity, ShareChange};
use crate::difference::Difference;
use crate::lang::Lang;
use crate::study::Terms;

/// The title of a difference report, with the two versions' names as `quote` writes them.
pub(super) fn title(lang: Lang, (old, new): (&str, &str), quote: &str) -> String {
    match lang {
        Lang::En => format!("Differences from {quote}{old}{quote} to {quote}{new}{quote}"),
        Lang::Fa => format!(
            "تفاوت‌ها از {quote}{}{quote} تا {quote}{}{quote}",
            crate::codebook::source::location_in(old, lang),
            crate::codebook::source::location_in(new, lang)
        ),
    }
}

/// What a report of no difference says.
pub(super) fn none(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "No difference.",
        Lang::Fa => "تفاوتی نیست.",
    }
}

/// The difference as (heading, lines) sections, empty sections left out.
pub(super) fn sections(d: &Difference, lang: Lang, terms: &Terms) -> Vec<(String, Vec<String>)> {
    let (codebook, counts, shares, appeared, changed, resolved) = match lang {
        Lang::En => (
            "The codebook",
            "Recomputed and printed counts",
            "Shares of each level",
            "Findings that appear",
            "Findings that change (as they now read)",
            "Findings that are resolved",
        ),
        Lang::Fa => (
            "کدنامه",
            "عددهای بازمحاسبه‌شده و چاپ‌شده",
            "سهم‌ها در هر سطح",
            "موارد ممیزیِ تازه",
            "موارد ممیزیِ دگرگون‌شده (آن‌گونه که اکنون هستند)",
            "موارد ممیزیِ برطرف‌شده",
        ),
    };
    let finding = |f: &crate::audit::Finding| {
        let subjects: Vec<String> = f
            .subjects()
            .iter()
            .map(|s| d.labels.shown(s, lang))
            .collect();
        let separator = if lang == Lang::Fa { "، " } else { ", " };
        format!("[{}] {}: {}", f.rule, subjects.join(separator), f.message)
    };
    let structural = |c: &&Change| !matches!(c.kind, ChangeKind::Values { .. });
    let out: Vec<(String, Vec<String>)> = vec![
        (
            codebook.to_string(),
            d.changes
                .iter()
                .filter(structural)
                .map(|c| change(d, c, lang, terms))
                .collect(),
        ),
        (
            counts.to_string(),
            d.changes
                .iter()
                .filter(|c| !structural(c))
                .map(|c| change(d, c, lang, terms))
                .collect(),
        ),
        (
            shares.to_string(),
            d.shares.iter().map(|s| share(d, s, lang, terms)).collect(),
        ),
        (
            appeared.to_string(),
            d.appeared.iter().map(finding).collect(),
        ),
        (changed.to_string(), d.changed.iter().map(finding).collect()),
        (
            resolved.to_string(),
            d.resolved.iter().map(finding).collect(),
        ),
    ];
    out.into_iter()
        .filter(|(_, lines)| !lines.is_empty())
        .collect()
}

/// The difference on one line, for `watch`: the first `most` changes of the codebook and its
/// counts, how many more, and how many findings appear, change and are resolved.
pub(super) fn brief(d: &Difference, lang: Lang, terms: &Terms, most: usize) -> String {
    if d.is_empty() {
        return match lang {
            Lang::En => "no difference".into(),
            Lang::Fa => "تفاوتی نیست".into(),
        };
    }
    let separator = match lang {
        Lang::En => "; ",
        Lang::Fa => "؛ ",
    };
    let changes: Vec<String> = d
        .changes
        .iter()
        .map(|c| change(d, c, lang, terms))
        .collect();
    let mut parts: Vec<String> = changes.iter().take(most).cloned().collect();
    let more = changes.len().saturating_sub(most);
    if more > 0 {
        parts.push(match lang {
            Lang::En => format!(
                "{more} more {}",
                if more == 1 { "change" } else { "changes" }
            ),
            Lang::Fa => format!("{} تغییر دیگر", lang.digits(&more.to_string())),
        });
    }
    if changes.is_empty() && !d.shares.is_empty() {
        parts.push(match lang {
            Lang::En => crate::lang::count(d.shares.len() as u64, "share moved", "shares moved"),
            Lang::Fa => format!("{} سهم جابه‌جا شد", lang.digits(&d.shares.len().to_string())),
        });
    }
    // (how many, English for one, for more, Persian)
    let tally = [
        (d.appeared.len(), "appears", "appear", "تازه"),
        (d.changed.len(), "changes", "change", "تغییرکرده"),
        (d.resolved.len(), "resolved", "resolved", "برطرف"),
    ];
    let found: Vec<String> = tally
        .iter()
        .filter(|t| t.0 > 0)
        .map(|&(n, one, many, fa)| match lang {
            Lang::En => format!("{n} {}", if n == 1 { one } else { many }),
            Lang::Fa => format!("{} {fa}", lang.digits(&n.to_string())),
        })
        .collect();
    if !found.is_empty() {
        parts.push(match lang {
            Lang::En => format!("findings: {}", found.join(", ")),
            Lang::Fa => format!("موارد ممیزی: {}", found.join("، ")),
        });
    }
    parts.join(separator)
}

fn level_name(level: Level, terms: &Terms) -> &str {
    let n = &terms.names;
    match level {
        Level::BaseTheme => &n.base_theme,
        Level::Component => &n.component,
        Level::Dimension => &n.dimension,
    }
}

fn quantity(q: Quantity, lang: Lang) -> &'static str {
    match lang {
        Lang::En => match q {
            Quantity::Printed => "printed",
            Quantity::Distinct => "distinct",
            Quantity::Listed => "listed",
            Quantity::Sum => "sum rule",
            Quantity::Union => "union rule",
        },
        Lang::Fa => match q {
            Quantity::Printed => "عدد چاپ‌شده",
            Quantity::Distinct => "شمار متمایز",
            Quantity::Listed => "شمار فهرست‌شده",
            Quantity::Sum => "قاعدهٔ جمع",
            Quantity::Union => "قاعدهٔ اجتماع",
        },
    }
}

fn number(n: Option<u32>, lang: Lang) -> String {
    match (n, lang) {
        (Some(n), _) => lang.digits(&n.to_string()),
        (None, Lang::En) => "none".into(),
        (None, Lang::Fa) => "چاپ‌نشده".into(),
    }
}

fn codes(codes: &[crate::case_id::CaseId], lang: Lang) -> String {
    let separator = match lang {
        Lang::En => ", ",
        Lang::Fa => "، ",
    };
    codes
        .iter()
        .map(|&c| lang.id(c))
        .collect::<Vec<_>>()
        .join(separator)
}

fn change(d: &Difference, c: &Change, lang: Lang, terms: &Terms) -> String {
    let q = |printed: &str| lang.quote(d.labels.name(printed, lang));
    // A rename is of the printed label: both are quoted as printed.
    let subject = match &c.kind {
        ChangeKind::Renamed { .. } => lang.quote(&c.subject),
        _ => q(&c.subject),
    };
    let what = format!(
        "{} {subject}",
        crate::lang::ezafe(lang, level_name(c.level, terms))
    );
    match (&c.kind, lang) {
        (ChangeKind::Added, Lang::En) => format!("{what} added"),
        (ChangeKind::Added, Lang::Fa) => format!("{what} افزوده شد"),
        (ChangeKind::Removed, Lang::En) => format!("{what} removed"),
        (ChangeKind::Removed, Lang::Fa) => format!("{what} حذف شد"),
        (ChangeKind::Renamed { to, .. }, Lang::En) => format!("{what} renamed {}", lang.quote(to)),
        (ChangeKind::Renamed { to, .. }, Lang::Fa) => {
            format!("نام {what} به {} تغییر کرد", lang.quote(to))
        }
        (ChangeKind::Translated { from, to }, Lang::En) => {
            let english = |l: &str| {
                if l.is_empty() {
                    "none".to_string()
                } else {
                    lang.quote(l)
                }
            };
            format!("{what}: English label {} → {}", english(from), english(to))
        }
        (ChangeKind::Translated { from, to }, Lang::Fa) => {
            let english = |l: &str| {
                if l.is_empty() {
                    "هیچ".to_string()
                } else {
                    lang.quote(l)
                }
            };
            format!(
                "برچسب انگلیسی {what} از {} به {} تغییر کرد",
                english(from),
                english(to)
            )
        }
        (ChangeKind::Moved { from, to }, Lang::En) => {
            format!("{what} moved from {} to {}", q(from), q(to))
        }
        (ChangeKind::Moved { from, to }, Lang::Fa) => {
            format!("{what} از {} به {} منتقل شد", q(from), q(to))
        }
        (ChangeKind::Codes { added, removed }, _) => {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(match lang {
                    Lang::En => format!("codes added {}", codes(added, lang)),
                    Lang::Fa => format!("کدهای افزوده: {}", codes(added, lang)),
                });
            }
            if !removed.is_empty() {
                parts.push(match lang {
                    Lang::En => format!("codes removed {}", codes(removed, lang)),
                    Lang::Fa => format!("کدهای حذف‌شده: {}", codes(removed, lang)),
                });
            }
            let separator = match lang {
                Lang::En => "; ",
                Lang::Fa => "؛ ",
            };
            format!("{what}: {}", parts.join(separator))
        }
        (ChangeKind::Values { changed, .. }, _) => {
            let parts: Vec<String> = changed
                .iter()
                .map(|(q, a, b)| {
                    from_to(
                        quantity(*q, lang),
                        &number(*a, lang),
                        &number(*b, lang),
                        lang,
                    )
                })
                .collect();
            let separator = match lang {
                Lang::En => ", ",
                Lang::Fa => "، ",
            };
            format!("{what}: {}", parts.join(separator))
        }
    }
}

/// `printed 57 → 58` in English; in Persian words instead of the arrow, which right-to-left
/// text turns round: `چاپ‌شده از ۵۷ به ۵۸`.
fn from_to(what: &str, before: &str, after: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{what} {before} → {after}"),
        Lang::Fa => format!("{what} از {before} به {after} رسیده است"),
    }
}

fn share(d: &Difference, s: &ShareChange, lang: Lang, terms: &Terms) -> String {
    // Two decimals, as the tables print shares: a change can be smaller than a tenth.
    let value = |x: Option<f64>| {
        x.map_or_else(
            || number(None, lang),
            |x| match lang {
                Lang::En => format!("{}%", lang.decimal(x, 2)),
                Lang::Fa => format!("{}٪", lang.decimal(x, 2)),
            },
        )
    };
    let rule = match (s.rule, lang) {
        (Quantity::Printed, Lang::En) => "printed share",
        (Quantity::Printed, Lang::Fa) => "سهم چاپ‌شده",
        (Quantity::Union, Lang::En) => "share by the union rule",
        (Quantity::Union, Lang::Fa) => "سهم طبق قاعدهٔ اجتماع",
        (_, Lang::En) => "share by the sum rule",
        (_, Lang::Fa) => "سهم طبق قاعدهٔ جمع",
    };
    format!(
        "{} {}: {}",
        crate::lang::ezafe(lang, level_name(s.level, terms)),
        lang.quote(d.labels.name(&s.subject, lang)),
        from_to(rule, &value(s.before), &value(s.after), lang)
    )
}

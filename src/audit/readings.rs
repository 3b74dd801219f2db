//! Readings of the source that the codebook records as uncertain (`readings.csv`), reported
//! with what changes under the alternative: the counts are recomputed with the alternative
//! applied, so a reader sees whether the choice matters.
//!
//! Not for deciding a reading: the codebook's choice stands; this shows what the other changes
//! (through [`crate::compare`]).

use super::{Context, Finding, Level, Rule, Severity};
use crate::codebook::{BASE_THEMES, COMPONENTS, DIMENSIONS, INTERVIEWEES};
use crate::compare::{self, ChangeKind, Quantity};
use crate::lang::{ezafe, Lang};
use crate::model::{Codebook, Reading};
use crate::persian::{match_key, parse_number};
use crate::tables::{self, Tables};

pub const RULES: &[Rule] = &[Rule {
    id: "ambiguous-reading",
    severity: Severity::Info,
    level: Level::Codebook,
    summary: "a reading of the source that the transcription records as uncertain, with the totals under each reading",
    explain: "Printed tables lose structure in extraction: merged cells, shifted columns, labels that are \
              not printed. The codebook's `readings.csv` records each uncertain reading: the cell, what the \
              codebook chose and the alternative. Where the alternative is a different component for a \
              base theme, a different dimension for a component or a different printed frequency, the \
              tables are recomputed with it applied and the finding lists every total that changes.",
    summary_fa: "خوانشی از منبع که رونویسی آن را نامطمئن ثبت کرده، با جمع‌ها در هر خوانش",
    explain_fa: "جدول‌های چاپ‌شده هنگام استخراج ساختار خود را از دست می‌دهند: خانه‌های ادغام‌شده، ستون‌های جابه‌جا، برچسب‌هایی که چاپ نشده‌اند. پروندهٔ readings.csv کدنامه هر خوانش نامطمئن را ثبت می‌کند: خانه، آنچه کدنامه برگزیده و خوانش دیگر. جایی که خوانش دیگر مؤلفهٔ دیگری برای یک مضمون پایه، بُعد دیگری برای یک مؤلفه یا فراوانی چاپ‌شدهٔ دیگری است، جدول‌ها با آن بازمحاسبه می‌شوند و مورد ممیزی هر جمعی را که تغییر می‌کند می‌آورد.",
    check: ambiguous_reading,
}];

/// Apply one cell of an alternative reading; false when the cell is not one the tables use.
fn apply(codebook: &mut Codebook, reading: &Reading) -> bool {
    let subject = match_key(&reading.subject);
    let printed = || {
        parse_number(&reading.alternative.printed)
            .ok()
            .map(|n| n as u32)
    };
    match (reading.file.as_str(), reading.column.as_str()) {
        (BASE_THEMES, "component") => {
            let target = match_key(&reading.alternative.printed);
            let mut moved = None;
            for d in codebook.dimensions.values_mut() {
                for c in d.components.values_mut() {
                    if let Some(key) = c
                        .base_themes
                        .keys()
                        .find(|k| match_key(k) == subject)
                        .cloned()
                    {
                        moved = c.base_themes.shift_remove(&key).map(|t| (key, t));
                    }
                }
            }
            let Some((key, theme)) = moved else {
                return false;
            };
            for d in codebook.dimensions.values_mut() {
                for c in d.components.values_mut() {
                    if match_key(&c.label.printed) == target {
                        c.base_themes.insert(key, theme);
                        return true;
                    }
                }
            }
            false
        }
        (BASE_THEMES, "printed_frequency") => {
            for d in codebook.dimensions.values_mut() {
                for c in d.components.values_mut() {
                    for t in c.base_themes.values_mut() {
                        if match_key(&t.label.printed) == subject {
                            t.printed_frequency = printed();
                            return true;
                        }
                    }
                }
            }
            false
        }
        (COMPONENTS, "printed_frequency") => {
            for d in codebook.dimensions.values_mut() {
                for c in d.components.values_mut() {
                    if match_key(&c.label.printed) == subject {
                        c.printed_frequency = printed();
                        return true;
                    }
                }
            }
            false
        }
        (COMPONENTS, "dimension") => {
            let target = match_key(&reading.alternative.printed);
            let mut moved = None;
            for d in codebook.dimensions.values_mut() {
                if let Some(key) = d
                    .components
                    .keys()
                    .find(|k| match_key(k) == subject)
                    .cloned()
                {
                    moved = d.components.shift_remove(&key).map(|c| (key, c));
                    break;
                }
            }
            let Some((key, component)) = moved else {
                return false;
            };
            match codebook
                .dimensions
                .values_mut()
                .find(|d| match_key(&d.label.printed) == target)
            {
                Some(d) => {
                    d.components.insert(key, component);
                    true
                }
                None => false,
            }
        }
        (DIMENSIONS, "printed_frequency") => {
            for d in codebook.dimensions.values_mut() {
                if match_key(&d.label.printed) == subject {
                    d.printed_frequency = printed();
                    return true;
                }
            }
            false
        }
        _ => false,
    }
}

/// A value that changes between the readings: `printed 57 → none` in English; in Persian with
/// words instead of an arrow, which right-to-left text would turn round.
fn change_words(cx: &Context, q: Quantity, a: Option<u32>, b: Option<u32>) -> String {
    let name = quantity(cx, q);
    match (cx.lang, a, b) {
        (Lang::En, _, _) => format!("{name} {} → {}", show(cx, a), show(cx, b)),
        (Lang::Fa, None, Some(b)) => {
            format!(
                "{name} {} می‌شود (در خوانش برگزیده عددی چاپ نشده است)",
                cx.n(b)
            )
        }
        (Lang::Fa, Some(a), None) => {
            format!("عدد چاپ‌شده‌ای نخواهد داشت (در خوانش برگزیده {})", cx.n(a))
        }
        (Lang::Fa, _, _) => format!("{name} از {} به {} می‌رسد", show(cx, a), show(cx, b)),
    }
}

fn show(cx: &Context, value: Option<u32>) -> String {
    match (value, cx.lang) {
        (Some(v), _) => cx.n(v),
        (None, Lang::Fa) => "هیچ".into(),
        (None, Lang::En) => "none".into(),
    }
}

/// A quantity's name in the audit's language.
fn quantity(cx: &Context, q: Quantity) -> &'static str {
    match cx.lang {
        Lang::En => q.name(),
        Lang::Fa => match q {
            Quantity::Printed => "عدد چاپ‌شده",
            Quantity::Distinct => "شمار متمایز",
            Quantity::Listed => "شمار فهرست‌شده",
            Quantity::Sum => "جمع",
            Quantity::Union => "اجتماع",
        },
    }
}

/// Every total (and printed value) that differs between the two sets of tables, in words.
fn changes(cx: &Context, chosen: &Tables, alternative: &Tables) -> Vec<String> {
    let names = &cx.terms.names;
    let fa = cx.lang == Lang::Fa;
    compare::tables(chosen, alternative)
        .into_iter()
        // The reading itself says what moved; what it changes is the numbers.
        .filter(|change| {
            !matches!(
                change.kind,
                ChangeKind::Moved { .. }
                    | ChangeKind::Renamed { .. }
                    | ChangeKind::Translated { .. }
                    | ChangeKind::Codes { .. }
            )
        })
        .map(|change| {
            let subject = match change.level {
                compare::Level::BaseTheme => {
                    format!(
                        "{} {}",
                        ezafe(cx.lang, &names.base_theme),
                        cx.q(&change.subject)
                    )
                }
                _ => cx.q(&change.subject),
            };
            match change.kind {
                ChangeKind::Moved { .. }
                | ChangeKind::Renamed { .. }
                | ChangeKind::Translated { .. }
                | ChangeKind::Codes { .. } => String::new(),
                ChangeKind::Added if fa => format!("{subject} تنها در خوانش دیگر"),
                ChangeKind::Added => format!("{subject} only under the alternative"),
                ChangeKind::Removed if fa => format!("{subject} تنها در خوانش برگزیده"),
                ChangeKind::Removed => format!("{subject} only under the chosen reading"),
                ChangeKind::Values { changed, unchanged } => {
                    let parts: Vec<String> = changed
                        .iter()
                        .map(|(q, a, b)| change_words(cx, *q, *a, *b))
                        .collect();
                    let context = unchanged
                        .iter()
                        .find(|(q, _)| *q == Quantity::Distinct)
                        .map(|(_, d)| {
                            if fa {
                                format!(
                                    " ({} {} متمایز)",
                                    show(cx, *d),
                                    ezafe(cx.lang, &names.case)
                                )
                            } else {
                                format!(" (distinct {} {})", names.cases, show(cx, *d))
                            }
                        })
                        .unwrap_or_default();
                    let separator = if fa { "، " } else { ", " };
                    match cx.lang {
                        Lang::Fa => format!("{subject}: {}{context}", parts.join(separator)),
                        Lang::En => format!("{subject} {}{context}", parts.join(separator)),
                    }
                }
            }
        })
        .collect()
}

fn ambiguous_reading(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let fa = cx.lang == Lang::Fa;
    let mut ids: Vec<&str> = Vec::new();
    for r in &cx.codebook.readings {
        if !ids.contains(&r.id.as_str()) {
            ids.push(&r.id);
        }
    }
    ids.into_iter()
        .map(|id| {
            let cells: Vec<&Reading> = cx.codebook.readings.iter().filter(|r| r.id == id).collect();
            let first = cells[0];
            let describe = |r: &Reading| {
                let cell = match column_words(cx, &r.column) {
                    Some(column) if fa => format!("{}، {column}", cell_subject(cx, r)),
                    Some(column) => format!("{}, {column}", cell_subject(cx, r)),
                    None => cell_subject(cx, r),
                };
                let value = |l: &crate::model::Label| match (l.in_lang(cx.lang), fa) {
                    ("", true) => "(خالی)".to_string(),
                    ("", false) => "(empty)".to_string(),
                    (text, _) => cx.quote(text),
                };
                if fa {
                    format!(
                        "{cell}: خوانش برگزیده {} و خوانش دیگر {}",
                        value(&r.chosen),
                        value(&r.alternative)
                    )
                } else {
                    format!(
                        "{cell}: chosen {}, alternative {}",
                        value(&r.chosen),
                        value(&r.alternative)
                    )
                }
            };
            let described: Vec<String> = cells.iter().map(|r| describe(r)).collect();
            let mut message = if fa {
                format!("خوانش {}: {}", cx.lang.isolate(id), described.join("؛ "))
            } else {
                format!("reading {id}: {}", described.join("; "))
            };
            let note = cells
                .iter()
                .map(|r| r.note.in_lang(cx.lang))
                .find(|n| !n.is_empty());
            if let Some(note) = note {
                message.push_str(&format!(" ({})", cx.lang.isolate(&cx.lang.digits(note))));
            }
            let mut alternative = cx.codebook.clone();
            let applied = cells.iter().filter(|r| apply(&mut alternative, r)).count();
            if applied > 0 {
                message.push_str(&match (tables::compute(&alternative), fa) {
                    (Ok(alt), _) => {
                        let changed = changes(cx, cx.tables, &alt);
                        match (changed.is_empty(), fa) {
                            (true, true) => "؛ در خوانش دیگر هیچ جمعی تغییر نمی‌کند".to_string(),
                            (true, false) => "; under the alternative no total changes".to_string(),
                            (false, true) => format!("؛ در خوانش دیگر: {}", changed.join("؛ ")),
                            (false, false) => {
                                format!("; under the alternative: {}", changed.join("; "))
                            }
                        }
                    }
                    (Err(e), true) => format!("؛ جمع‌ها در خوانش دیگر محاسبه‌پذیر نبودند: {e}"),
                    (Err(e), false) => {
                        format!("; the totals under the alternative could not be computed: {e}")
                    }
                });
            }
            let subject = match first.file.as_str() {
                INTERVIEWEES => cell_subject(cx, first),
                _ => first.subject.clone(),
            };
            Finding::new(rule, subject, message).source(&first.origin)
        })
        .collect()
}

/// The row a reading is about, in words: `base theme «…»`, `interviewee 5`.
fn cell_subject(cx: &Context, r: &Reading) -> String {
    let names = &cx.terms.names;
    let noun = match r.file.as_str() {
        BASE_THEMES => &names.base_theme,
        COMPONENTS => &names.component,
        DIMENSIONS => &names.dimension,
        INTERVIEWEES => {
            return format!("{} {}", ezafe(cx.lang, &names.case), cx.n(&r.subject));
        }
        _ => return cx.q(&r.subject),
    };
    format!("{} {}", ezafe(cx.lang, noun), cx.q(&r.subject))
}

/// A codebook column in words, for the columns a reading can be about; `None` for none.
fn column_words(cx: &Context, column: &str) -> Option<String> {
    let names = &cx.terms.names;
    let fa = cx.lang == Lang::Fa;
    Some(match column {
        "" => return None,
        "printed_frequency" if fa => "فراوانی چاپ‌شده".into(),
        "printed_frequency" => "printed frequency".into(),
        "printed_percent" if fa => "درصد چاپ‌شده".into(),
        "printed_percent" => "printed percentage".into(),
        "source_codes" if fa => "کدهای منبع".into(),
        "source_codes" => "source codes".into(),
        "component" => names.component.clone(),
        "dimension" => names.dimension.clone(),
        "findings" if fa => "یافته‌ها".into(),
        "name" if fa => "نام".into(),
        "role" if fa => "نقش".into(),
        "year" if fa => "سال".into(),
        "topics" if fa => "حوزه‌ها".into(),
        "findings" | "name" | "role" | "year" | "topics" => column.to_string(),
        other if fa => format!("ستون {}", cx.lang.isolate(other)),
        other => format!("column {other}"),
    })
}

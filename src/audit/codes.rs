//! Rules on source codes and the roster: repeated codes, codes with no interviewee, interviewees
//! never cited, lists out of order, and one person listed twice.

use super::{Context, Finding, Level, Rule, Severity};
use crate::case_id::CaseId;
use crate::lang::Lang;
use crate::persian::match_key;
use std::collections::{BTreeMap, BTreeSet};

pub const RULES: &[Rule] = &[
    Rule {
        id: "duplicate-code",
        severity: Severity::Warning,
        level: Level::Base,
        summary: "an interviewee code listed twice in one base theme",
        explain: "A code listed twice is one interviewee, so the base frequency counts it once. A repeat \
                  is usually a typo for another code: when the roster's findings (Table 1) name exactly \
                  one interviewee for this theme that the list lacks, the finding suggests that code.",
        summary_fa: "کد یک مصاحبه‌شونده که در یک مضمون پایه دو بار آمده است",
        explain_fa: "کدی که دو بار آمده یک مصاحبه‌شونده است، پس فراوانی پایه آن را یک بار می‌شمارد. تکرار معمولاً غلط تایپی کد دیگری است: وقتی یافته‌های فهرست مصاحبه‌شوندگان (جدول ۱) برای این مضمون دقیقاً یک مصاحبه‌شونده را نام می‌برند که در فهرست کدها نیست، مورد ممیزی همان کد را پیشنهاد می‌کند.",
        check: duplicate_code,
    },
    Rule {
        id: "unknown-code",
        severity: Severity::Error,
        level: Level::Base,
        summary: "a source code with no interviewee on the roster",
        explain: "Every source code should be the number of a roster row. A code without one cannot be \
                  checked against the interviewee's findings and inflates the counts if it is a typo.",
        summary_fa: "کد منبعی که در فهرست مصاحبه‌شوندگان مصاحبه‌شونده‌ای ندارد",
        explain_fa: "هر کد منبع باید شمارهٔ یک ردیف فهرست مصاحبه‌شوندگان باشد. کدی که ردیفی ندارد با یافته‌های مصاحبه‌شونده سنجیدنی نیست و اگر غلط تایپی باشد شمارش‌ها را بیش از اندازه نشان می‌دهد.",
        check: unknown_code,
    },
    Rule {
        id: "never-cited",
        severity: Severity::Warning,
        level: Level::Interviewee,
        summary: "a roster interviewee whose code no base theme lists",
        explain: "An interviewee who raised no base theme at all is unusual; often the code was mistyped \
                  as another one somewhere.",
        summary_fa: "مصاحبه‌شونده‌ای از فهرست که کدش در هیچ مضمون پایه‌ای نیامده است",
        explain_fa: "مصاحبه‌شونده‌ای که هیچ مضمون پایه‌ای را مطرح نکرده غیرعادی است؛ اغلب کد او جایی به اشتباه به جای کد دیگری نوشته شده است.",
        check: never_cited,
    },
    Rule {
        id: "codes-out-of-order",
        severity: Severity::Info,
        level: Level::Base,
        summary: "a source-code list not in ascending order",
        explain: "Lists are usually written in roster order. One out of order is not wrong, but it is often \
                  the trace of a hand edit worth a second look.",
        summary_fa: "فهرست کدهای منبعی که به ترتیب صعودی نیست",
        explain_fa: "فهرست‌ها معمولاً به ترتیب فهرست مصاحبه‌شوندگان نوشته می‌شوند. یک کد نابه‌جا نادرست نیست، اما اغلب ردّ یک ویرایش دستی است و ارزش بازبینی دارد.",
        check: codes_out_of_order,
    },
    Rule {
        id: "same-person",
        severity: Severity::Warning,
        level: Level::Interviewee,
        summary: "two roster rows with the same name (compared after Persian normalisation)",
        explain: "If one person was interviewed once and listed twice, every count that depends on \
                  distinct interviewees (base frequencies, the union rule, agreement) counts them twice. \
                  Names are compared after folding ZWNJ and spaces, Arabic and Persian yeh and kaf, \
                  digits and diacritics; the finding shows what differs between the rows.",
        summary_fa: "دو ردیف فهرست مصاحبه‌شوندگان با یک نام (پس از یکسان‌سازی نوشتار فارسی)",
        explain_fa: "اگر یک نفر یک بار مصاحبه شده و دو بار در فهرست آمده باشد، هر شمارشی که به مصاحبه‌شوندگان متمایز وابسته است (فراوانی‌های پایه، قاعدهٔ اجتماع، هم‌خوانی) دو بار شمرده می‌شود. نام‌ها پس از یکسان کردن نیم‌فاصله و فاصله، یای و کاف عربی و فارسی، رقم‌ها و اعراب سنجیده می‌شوند؛ مورد ممیزی نشان می‌دهد دو ردیف در چه با هم فرق دارند.",
        check: same_person,
    },
];

fn duplicate_code(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (t, r) in cx.codebook.base_themes().enumerate() {
        // Sorted copy: repeats sit side by side (a map per theme is slow on million-code lists).
        let mut sorted = r.theme.source_codes.clone();
        crate::case_id::sort_natural(&mut sorted);
        if sorted.windows(2).all(|w| w[0] != w[1]) {
            continue;
        }
        let mut runs: Vec<(CaseId, u32)> = Vec::new();
        for &code in &sorted {
            match runs.last_mut() {
                Some((last, times)) if *last == code => *times += 1,
                _ => runs.push((code, 1)),
            }
        }
        for &(code, times) in runs.iter().filter(|(_, n)| *n > 1) {
            let mut f = Finding::new(
                rule,
                &r.theme.label.printed,
                match cx.lang {
                    Lang::Fa => format!(
                        "کد {} {} در {} آمده است",
                        cx.id(code),
                        crate::lang::times(Lang::Fa, times),
                        cx.quote_codes(&r.theme.source_codes_text, r.theme.source_codes.len())
                    ),
                    Lang::En => format!(
                        "code {} is listed {} in {}",
                        cx.id(code),
                        crate::lang::times(Lang::En, times),
                        cx.quote_codes(&r.theme.source_codes_text, r.theme.source_codes.len())
                    ),
                },
            )
            .interviewees([code])
            .source(&r.theme.origin);
            if let Some(table1) = &cx.table1 {
                if table1.mapped[t] {
                    let listed: BTreeSet<CaseId> = runs.iter().map(|&(c, _)| c).collect();
                    let missing: Vec<CaseId> =
                        table1.raised[t].difference(&listed).copied().collect();
                    if let [other] = missing.as_slice() {
                        let case = &cx.terms.names.case;
                        f = f.suggest(match cx.lang {
                            Lang::Fa => {
                                let by = cx.terms.roster.as_ref().map_or_else(
                                    || format!("یافته‌های فهرست {}", cx.terms.names.cases),
                                    String::clone,
                                );
                                format!(
                                    "کد {} دو بار آمده است؛ به گواهی {by} یکی از آن دو احتمالاً {} بوده است \
                                     ({} {} تنها کسی است که یافته‌هایش این مضمون را نام می‌برد و کدش نیامده است)",
                                    cx.id(code),
                                    cx.id(*other),
                                    crate::lang::ezafe(cx.lang, &cx.terms.names.case),
                                    cx.id(*other)
                                )
                            }
                            Lang::En => {
                                let by = cx.terms.roster.as_ref().map_or_else(
                                    || "the roster's findings suggest".to_string(),
                                    |roster| format!("{roster} suggests"),
                                );
                                format!(
                                    "code {} listed twice; {by} one of them should be {} \
                                     (the only {case} whose findings name this theme but whose code is not listed)",
                                    cx.id(code),
                                    cx.id(*other)
                                )
                            }
                        });
                    }
                }
            }
            findings.push(f);
        }
    }
    findings
}

fn unknown_code(rule: &Rule, cx: &Context) -> Vec<Finding> {
    // The tables already hold every cited code not on the roster, with the base themes that
    // list it: no roster lookup per listed code.
    let tables = cx.tables;
    let mut unknown: Vec<(usize, CaseId)> = tables
        .interviewees
        .iter()
        .enumerate()
        .filter(|(_, person)| !person.in_roster)
        .flat_map(|(row, person)| {
            tables
                .case_matrix
                .row(row)
                .iter()
                .map(move |&t| (t as usize, person.code))
        })
        .collect();
    // Base themes in codebook order, codes in natural order within each.
    unknown.sort();
    let themes: Vec<_> = cx.codebook.base_themes().collect();
    // The roster folded once, and only when some code is off it.
    let slips = (!unknown.is_empty()).then(|| {
        let roster: Vec<CaseId> = cx.codebook.interviewees.keys().copied().collect();
        crate::case_id::Slips::of(&roster)
    });
    unknown
        .into_iter()
        .map(|(t, code)| {
            let r = &themes[t];
            let finding = Finding::new(
                rule,
                &r.theme.label.printed,
                match cx.lang {
                    Lang::Fa => format!(
                        "کد {} آمده است، اما در فهرست {} چنین کدی نیست",
                        cx.id(code),
                        cx.terms.names.cases
                    ),
                    Lang::En => format!(
                        "code {} is listed but no {} on the roster has it",
                        cx.id(code),
                        cx.terms.names.case
                    ),
                },
            )
            .interviewees([code])
            .source(&r.theme.origin);
            let near = slips.as_ref().map_or_else(Vec::new, |s| s.near(code));
            match near.as_slice() {
                [] => finding,
                near => {
                    let shown: Vec<String> = near.iter().map(|&c| cx.id(c)).collect();
                    finding.suggest(match cx.lang {
                        Lang::Fa => format!(
                            "آیا منظور {} است؟ کد را همان‌گونه بنویسید که در فهرست آمده است",
                            shown.join(" یا ")
                        ),
                        Lang::En => format!(
                            "did you mean {}? Write the code as the roster writes it",
                            shown.join(" or ")
                        ),
                    })
                }
            }
        })
        .collect()
}

fn never_cited(rule: &Rule, cx: &Context) -> Vec<Finding> {
    // Roster rows come first in the tables' interviewees, in roster order.
    cx.codebook
        .interviewees
        .values()
        .zip(&cx.tables.interviewees)
        .filter(|(_, counts)| counts.base_themes == 0)
        .map(|(i, _)| {
            Finding::new(
                rule,
                &i.name.printed,
                match cx.lang {
                    Lang::Fa => format!(
                        "{} {} در فهرست هست، اما هیچ {} کد او را نیاورده است",
                        cx.terms.names.case,
                        cx.id(i.code),
                        cx.terms.names.base_theme
                    ),
                    Lang::En => format!(
                        "{} {} is on the roster but no {} lists their code",
                        cx.terms.names.case,
                        cx.id(i.code),
                        cx.terms.names.base_theme
                    ),
                },
            )
            .interviewees([i.code])
            .source(&i.origin)
        })
        .collect()
}

fn codes_out_of_order(rule: &Rule, cx: &Context) -> Vec<Finding> {
    cx.codebook
        .base_themes()
        .filter(|r| r.theme.source_codes.windows(2).any(|w| w[0] > w[1]))
        .map(|r| {
            let codes = &r.theme.source_codes;
            let at = codes.windows(2).position(|w| w[0] > w[1]).unwrap_or(0);
            Finding::new(
                rule,
                &r.theme.label.printed,
                match cx.lang {
                    Lang::Fa => format!(
                        "کدهای منبع {} به ترتیب صعودی نیستند (کد {} پس از کد {} آمده است)",
                        cx.quote_codes(&r.theme.source_codes_text, r.theme.source_codes.len()),
                        cx.id(codes[at + 1]),
                        cx.id(codes[at])
                    ),
                    Lang::En => format!(
                        "the source codes {} are not in ascending order ({} comes after {})",
                        cx.quote_codes(&r.theme.source_codes_text, r.theme.source_codes.len()),
                        cx.id(codes[at + 1]),
                        cx.id(codes[at])
                    ),
                },
            )
            .source(&r.theme.origin)
        })
        .collect()
}

fn same_person(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let mut by_name: BTreeMap<String, Vec<&crate::model::Interviewee>> = BTreeMap::new();
    for i in cx.codebook.interviewees.values() {
        by_name
            .entry(match_key(&i.name.printed))
            .or_default()
            .push(i);
    }
    let mut groups: Vec<_> = by_name.into_values().filter(|g| g.len() > 1).collect();
    groups.sort_by_key(|g| g[0].origin.line);
    groups
        .into_iter()
        .map(|group| {
            let first = group[0];
            let codes: Vec<CaseId> = group.iter().map(|i| i.code).collect();
            let fa = cx.lang == Lang::Fa;
            let mut differences = Vec::new();
            for other in &group[1..] {
                let (a, b) = (first.details(), other.details());
                let mut differs = Vec::new();
                let (vs, role, year, topics, spelling) = if fa {
                    ("در برابر", "نقش", "سال", "حوزه‌ها", "نگارش")
                } else {
                    ("vs", "role", "year", "topics", "spelling")
                };
                if a.role.printed != b.role.printed {
                    differs.push(format!("{role} {} {vs} {}", cx.quote(&a.role.printed), cx.quote(&b.role.printed)));
                }
                if a.year != b.year {
                    differs.push(format!("{year} {} {vs} {}", cx.n(&a.year), cx.n(&b.year)));
                }
                if a.topics.printed != b.topics.printed {
                    differs.push(format!("{topics} {} {vs} {}", cx.quote(&a.topics.printed), cx.quote(&b.topics.printed)));
                }
                if a.findings != b.findings {
                    differs.push(if fa {
                        format!(
                            "یافته‌ها ({} و {} عبارت)",
                            cx.n(a.findings.len()),
                            cx.n(b.findings.len())
                        )
                    } else {
                        format!(
                            "findings ({} and {} phrases)",
                            a.findings.len(),
                            b.findings.len()
                        )
                    });
                }
                if first.name.printed != other.name.printed {
                    differs.push(format!("{spelling} {} {vs} {}", cx.quote(&first.name.printed), cx.quote(&other.name.printed)));
                }
                let separator = if fa { "؛ " } else { "; " };
                differences.push(if fa {
                    if differs.is_empty() {
                        format!("کد {} و کد {} در هیچ‌چیز فرق ندارند", cx.id(first.code), cx.id(other.code))
                    } else {
                        // The values follow in the codes' order: the first code's, then the other's.
                        format!(
                            "کد {} و کد {} در این‌ها فرق دارند: {}",
                            cx.id(first.code),
                            cx.id(other.code),
                            differs.join(separator)
                        )
                    }
                } else {
                    format!(
                        "codes {} and {} differ in {}",
                        cx.id(first.code),
                        cx.id(other.code),
                        if differs.is_empty() { "nothing".to_string() } else { differs.join(separator) }
                    )
                });
            }
            let rows: Vec<String> = group
                .iter()
                .map(|i| {
                    if fa {
                        cx.id(i.code)
                    } else {
                        format!("{} (line {})", cx.id(i.code), i.origin.line)
                    }
                })
                .collect();
            let lines: Vec<String> = group.iter().map(|i| cx.n(i.origin.line)).collect();
            let cases = &cx.terms.names.cases;
            let (message, suggestion) = if fa {
                (
                    format!(
                        "فهرست {} {} را با کدهای {} آورده است (سطرهای {} پروندهٔ {}): {}",
                        cx.terms.names.cases,
                        cx.quote(&first.name.printed),
                        rows.join(" و "),
                        lines.join(" و "),
                        cx.lang.isolate(first.origin.file),
                        differences.join("؛ ")
                    ),
                    format!(
                        "اگر این یک نفر است، به هر دو ردیف یک کد بدهید: اکنون در شمار {cases} متمایز دو بار شمرده می‌شود"
                    ),
                )
            } else {
                (
                    format!(
                        "the roster lists {} under codes {}: {}",
                        cx.quote(&first.name.printed),
                        rows.join(" and "),
                        differences.join("; ")
                    ),
                    format!(
                        "if this is one person, give both rows one code: counts of distinct {cases} now count them twice"
                    ),
                )
            };
            let message = message + &references(cx, &codes);
            Finding::new(rule, &first.name.printed, message)
                .interviewees(codes)
                .source(&first.origin)
                .suggest(suggestion)
        })
        .collect()
}

/// What the reference list (`citations.csv`) says of roster rows that may be one person: how
/// each is cited, so that a reader can judge; empty without citations.
fn references(cx: &Context, codes: &[CaseId]) -> String {
    if cx.codebook.citations.is_empty() {
        return String::new();
    }
    let fa = cx.lang == Lang::Fa;
    let cited: Vec<String> = codes
        .iter()
        .map(|code| {
            let of: Vec<String> = cx
                .codebook
                .citations
                .iter()
                .filter(|c| c.code == Some(*code))
                .map(|c| {
                    let note = match c.note.in_lang(cx.lang) {
                        "" => String::new(),
                        note if fa => format!("، {}", cx.lang.isolate(&cx.n(note))),
                        note => format!(", {}", cx.lang.isolate(&cx.n(note))),
                    };
                    format!("{} ({}){note}", cx.quote(&c.cited), cx.n(&c.year))
                })
                .collect();
            match (of.is_empty(), fa) {
                (true, true) => format!("{} استنادی ندارد", cx.id(*code)),
                (true, false) => format!("{} is not cited", cx.id(*code)),
                (false, true) => format!("{}: {}", cx.id(*code), of.join("؛ ")),
                (false, false) => format!("{}: {}", cx.id(*code), of.join("; ")),
            }
        })
        .collect();
    if fa {
        format!(". فهرست منابع: {}", cited.join("؛ "))
    } else {
        format!(". The reference list: {}", cited.join("; "))
    }
}

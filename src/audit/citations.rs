//! The roster against the reference list: interviews are cited in a paper's references too, and
//! the codebook's optional `citations.csv` says which roster row each citation is of. Names cited
//! but absent from the roster, roster rows cited twice, and roster rows never cited are reported.
//!
//! Not for reading the citations (that is the codebook's loader) nor for deciding whether two
//! rows are one person (`same-person` says what the roster shows; these rules add what the
//! references show).

use super::{Context, Finding, Level, Rule, Severity};
use crate::lang::Lang;
use crate::model::Citation;

pub const RULES: &[Rule] = &[
    Rule {
        id: "cited-not-on-roster",
        severity: Severity::Warning,
        level: Level::Interviewee,
        summary: "an interview the reference list cites that has no row in the roster",
        explain: "A paper that cites an interview in its references and leaves the interviewee out of its \
                  roster either coded an interview it does not count, or cites one it did not code. The \
                  codebook's citations.csv lists the cited interviews with the roster code each is of; a \
                  citation without a code is reported here.",
        summary_fa: "مصاحبه‌ای که فهرست منابع به آن ارجاع می‌دهد اما در فهرست مصاحبه‌شوندگان ردیفی ندارد",
        explain_fa: "مقاله‌ای که در منابع خود به مصاحبه‌ای ارجاع می‌دهد و مصاحبه‌شونده را در فهرست مصاحبه‌شوندگان نمی‌آورد، یا مصاحبه‌ای را کدگذاری کرده که نمی‌شمارد، یا به مصاحبه‌ای ارجاع داده که کدگذاری نکرده است. پروندهٔ citations.csv کدنامه مصاحبه‌های ارجاع‌شده را با کد ردیف فهرست هر یک می‌آورد؛ ارجاعی که کد ندارد این‌جا گزارش می‌شود.",
        check: cited_not_on_roster,
    },
    Rule {
        id: "cited-twice",
        severity: Severity::Info,
        level: Level::Interviewee,
        summary: "a roster row the reference list cites more than once",
        explain: "Two citations of one roster row: two interviews with one person, or one interview cited \
                  twice. The finding lists the citations as the references print them, which bears on \
                  whether two roster rows are one person (see same-person).",
        summary_fa: "ردیفی از فهرست مصاحبه‌شوندگان که فهرست منابع بیش از یک بار به آن ارجاع می‌دهد",
        explain_fa: "دو ارجاع به یک ردیف فهرست: یا دو مصاحبه با یک نفر، یا یک مصاحبه که دو بار آمده است. مورد ممیزی ارجاع‌ها را همان‌گونه که در منابع چاپ شده‌اند می‌آورد؛ این به این پرسش کمک می‌کند که آیا دو ردیف فهرست یک نفرند (قاعدهٔ same-person را ببینید).",
        check: cited_twice,
    },
    Rule {
        id: "never-referenced",
        severity: Severity::Warning,
        level: Level::Interviewee,
        summary: "a roster row no citation of the reference list refers to",
        explain: "When the codebook has citations.csv, every interviewee of the roster should be cited: an \
                  interview coded but not referenced cannot be checked by a reader.",
        summary_fa: "ردیفی از فهرست مصاحبه‌شوندگان که هیچ ارجاعی در فهرست منابع به آن نیست",
        explain_fa: "وقتی کدنامه citations.csv دارد، به هر مصاحبه‌شوندهٔ فهرست باید ارجاعی باشد: مصاحبه‌ای که کدگذاری شده اما در منابع نیامده، برای خواننده قابل بررسی نیست.",
        check: never_referenced,
    },
];

/// A citation as the references print it: the name, and the year when there is one.
fn cited(cx: &Context, c: &Citation) -> String {
    if c.year.is_empty() {
        cx.quote(&c.cited)
    } else {
        format!("{} ({})", cx.quote(&c.cited), cx.n(&c.year))
    }
}

fn cited_not_on_roster(rule: &Rule, cx: &Context) -> Vec<Finding> {
    cx.codebook
        .citations
        .iter()
        .filter(|c| c.code.is_none())
        .map(|c| {
            let message = match cx.lang {
                Lang::En => format!(
                    "the reference list cites an interview with {} but the roster has no row for them: it is not among the {} whose codes the counts use",
                    cited(cx, c),
                    cx.terms.names.cases
                ),
                Lang::Fa => format!(
                    "فهرست منابع به مصاحبه با {} استناد می‌کند، اما فهرست {} ردیفی برای او ندارد: او در شمارش‌ها نیست",
                    cited(cx, c),
                    cx.terms.names.cases
                ),
            };
            Finding::new(rule, &c.cited, message).source(&c.origin)
        })
        .collect()
}

fn cited_twice(rule: &Rule, cx: &Context) -> Vec<Finding> {
    let mut findings = Vec::new();
    for (code, person) in &cx.codebook.interviewees {
        let citations: Vec<&Citation> = cx
            .codebook
            .citations
            .iter()
            .filter(|c| c.code == Some(*code))
            .collect();
        if citations.len() < 2 {
            continue;
        }
        let listed: Vec<String> = citations
            .iter()
            .map(|c| {
                let line = c.origin.line.to_string();
                match cx.lang {
                    Lang::En => format!("{} (line {line})", cited(cx, c)),
                    Lang::Fa => format!("{} (سطر {})", cited(cx, c), cx.n(line)),
                }
            })
            .collect();
        let message = match cx.lang {
            Lang::En => format!(
                "the reference list cites {} {} {} times: {}",
                cx.terms.names.case,
                cx.id(*code),
                citations.len(),
                listed.join("; ")
            ),
            Lang::Fa => format!(
                "فهرست منابع {} {} را {} بار آورده است: {}",
                cx.terms.names.case,
                cx.id(*code),
                cx.n(citations.len()),
                listed.join("؛ ")
            ),
        };
        findings.push(
            Finding::new(rule, &person.name.printed, message)
                .interviewees([*code])
                .source(&citations[0].origin),
        );
    }
    findings
}

fn never_referenced(rule: &Rule, cx: &Context) -> Vec<Finding> {
    if cx.codebook.citations.is_empty() {
        return Vec::new();
    }
    cx.codebook
        .interviewees
        .values()
        .filter(|i| !cx.codebook.citations.iter().any(|c| c.code == Some(i.code)))
        .map(|i| {
            let message = match cx.lang {
                Lang::En => format!(
                    "{} {} is on the roster but no citation of the reference list refers to them",
                    cx.terms.names.case,
                    cx.id(i.code)
                ),
                Lang::Fa => format!(
                    "{} {} در فهرست هست، اما هیچ استنادی در فهرست منابع به او برنمی‌گردد",
                    cx.terms.names.case,
                    cx.id(i.code)
                ),
            };
            Finding::new(rule, &i.name.printed, message)
                .interviewees([i.code])
                .source(&i.origin)
        })
        .collect()
}

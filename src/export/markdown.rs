//! Markdown for people: the tables report (`tables.md`), one table (`thematic tables --table`),
//! and the audit (`audit.md`), all through one table writer with one escaping rule.
//!
//! Not for scripts (they read the JSON) and not for the terminal's plain text (`text`).

use super::findings::{
    answering, by_level, citation_line, corrections, detail_title, evidence, first_rows,
    level_title, severity, study_name, subject, verdict, Question,
};
use super::grid::{case_matrix_is_long, readable_grid, TableName, READABLE_COLUMNS, READABLE_ROWS};
use crate::audit::Audit;
use crate::lang::{capitalise, Lang};
use crate::model::Study;
use crate::study::Terms;
use crate::tables::Tables;

/// A cell's text in a Markdown table: a `|` would end the cell and a line break the row.
fn escape(cell: &str) -> String {
    cell.replace('|', "\\|").replace('\n', " ")
}

/// What an empty cell of the tables shows: a value that is not there (a frequency not
/// printed), written so that it reads as missing rather than as a gap.
const MISSING: &str = "—";

/// A Markdown table: header, separator, rows. `empty` is what an empty cell shows.
fn write_table<R: AsRef<[String]>>(
    out: &mut String,
    headers: &[String],
    rows: impl Iterator<Item = R>,
    empty: &str,
) {
    write_row(out, headers, empty);
    out.push('|');
    for _ in headers {
        out.push_str("---|");
    }
    out.push('\n');
    for row in rows {
        write_row(out, row.as_ref(), empty);
    }
}

fn write_row(out: &mut String, cells: &[String], empty: &str) {
    out.push('|');
    for cell in cells {
        if cell.is_empty() {
            out.push_str(&format!(" {empty} |"));
        } else {
            out.push_str(&format!(" {} |", escape(cell)));
        }
    }
    out.push('\n');
}

/// One table as a Markdown section, in `lang` and the study's words.
pub fn table(tables: &Tables, name: TableName, study: &Study, lang: Lang) -> String {
    let terms = study.terms(lang);
    let grid = readable_grid(tables, name, lang);
    let mut out = format!("## {}\n\n", title(name, lang, &terms));
    out.push_str(&explanation(tables, name, lang, &terms));
    let stem = name.stem();
    let (rows, columns) = (lang.digits(&grid.len.to_string()), grid.headers.len());
    if columns > READABLE_COLUMNS {
        out.push_str(&match lang {
            Lang::En => format!("{rows} rows × {columns} columns: too wide to read as Markdown; see `{stem}.csv`.\n"),
            Lang::Fa => format!(
                "{rows} ردیف × {} ستون: برای خواندن در مارک‌داون بیش از اندازه پهن است؛ `{stem}.csv` را ببینید.\n",
                lang.digits(&columns.to_string())
            ),
        });
        return out;
    }
    write_table(
        &mut out,
        &grid.headers,
        grid.rows.take(READABLE_ROWS),
        MISSING,
    );
    if grid.len > READABLE_ROWS {
        let file = format!("`{stem}.csv`");
        out.push_str(&format!(
            "\n{}\n",
            first_rows(lang, READABLE_ROWS, grid.len, &file)
        ));
    }
    out
}

/// What a table's columns mean, in the study's words.
fn explanation(tables: &Tables, name: TableName, lang: Lang, terms: &Terms) -> String {
    let n = &terms.names;
    let (theme, themes, case, cases) = (&n.base_theme, &n.base_themes, &n.case, &n.cases);
    let long = case_matrix_is_long(tables);
    match lang {
        Lang::En => {
            let hyphenated = theme.replace(' ', "-");
            match name {
                TableName::BaseThemes => format!("`listed`: codes as printed, repeats included; `distinct`: distinct {cases} (the base frequency); `printed`: the printed frequency; `share_percent`: `distinct` over the sum of all {themes}' `distinct`.\n\n"),
                TableName::Components | TableName::Dimensions => format!("`sum`: sum of the base frequencies below (mentions); `union`: distinct {cases} below (coverage); `printed`: as printed; shares are percentages of the level's total in each column (printed shares only when every row has a printed value).\n\n"),
                TableName::Interviewees => format!("`base_themes`: {themes} whose source codes list the {case}; `listings`: the same with repeats; `in_roster`: whether the code has a row in the roster.\n\n"),
                TableName::CaseMatrix if long => format!("Long form (the dense matrix would be too large): one row per {case} and {theme} whose source codes list them.\n\n"),
                TableName::CaseMatrix => format!("1 when the {case} is among the {theme}'s source codes. Columns are {hyphenated} numbers (see the {hyphenated} table).\n\n"),
                TableName::Cooccurrence => format!("{} shared by two {themes}; the diagonal is each {theme}'s distinct count. Columns are {hyphenated} numbers.\n\n", capitalise(cases)),
            }
        }
        Lang::Fa => match name {
            TableName::BaseThemes => format!("`listed`: کدها همان‌گونه که چاپ شده‌اند، با تکرارها؛ `distinct`: {cases} متمایز (فراوانی پایه)؛ `printed`: فراوانی چاپ‌شده؛ `share_percent`: `distinct` بخش بر جمع `distinct` همه {themes}.\n\n"),
            TableName::Components | TableName::Dimensions => format!("`sum`: جمع فراوانی‌های پایهٔ زیرمجموعه (اشاره‌ها)؛ `union`: {cases} متمایز زیرمجموعه (پوشش)؛ `printed`: همان‌گونه که چاپ شده؛ سهم‌ها درصدِ جمع هر ستون در این سطح‌اند (سهم چاپ‌شده تنها وقتی که همهٔ ردیف‌ها عدد چاپ‌شده دارند).\n\n"),
            TableName::Interviewees => format!("`base_themes`: شمار {themes} که کد این {case} در کدهای منبعشان آمده است؛ `listings`: همان با تکرارها؛ `in_roster`: آیا این کد در فهرست ردیفی دارد.\n\n"),
            TableName::CaseMatrix if long => format!("شکل بلند (ماتریس کامل بیش از اندازه بزرگ است): یک ردیف برای هر {case} و هر {theme} که کدهای منبعش او را دارد.\n\n"),
            TableName::CaseMatrix => format!("۱ یعنی {case} در کدهای منبع این {theme} هست. ستون‌ها شماره‌های {themes} هستند (جدول {themes} را ببینید).\n\n"),
            TableName::Cooccurrence => format!("{cases} مشترک میان دو {theme}؛ قطر اصلی شمار متمایز هر {theme} است. ستون‌ها شماره‌های {themes} هستند.\n\n"),
        },
    }
}

/// A table's heading in the study's words; a level the study names otherwise keeps the
/// thematic-network term beside it.
fn title(name: TableName, lang: Lang, terms: &Terms) -> String {
    let n = &terms.names;
    if lang == Lang::Fa {
        return match name {
            TableName::BaseThemes => n.base_themes.clone(),
            TableName::Components => n.components.clone(),
            TableName::Dimensions => n.dimensions.clone(),
            TableName::Interviewees => n.cases.clone(),
            TableName::CaseMatrix => format!("{} × {} (مورد × کد)", n.case, n.base_theme),
            TableName::Cooccurrence => format!("هم‌رخدادی {} ({} مشترک)", n.base_themes, n.cases),
        };
    }
    let level = |own: &str, network: &str| {
        if own == network {
            capitalise(own)
        } else {
            format!("{} ({network})", capitalise(own))
        }
    };
    match name {
        TableName::BaseThemes => level(&n.base_themes, "basic themes")
            .replace(" (basic themes)", "")
            .to_string(),
        TableName::Components => level(&n.components, "organizing themes"),
        TableName::Dimensions => level(&n.dimensions, "global themes"),
        TableName::Interviewees => capitalise(&n.cases),
        TableName::CaseMatrix => {
            format!("{} × {} (case × code)", capitalise(&n.case), n.base_theme)
        }
        TableName::Cooccurrence => format!(
            "{} co-occurrence ({} shared)",
            capitalise(&n.base_theme.replace(' ', "-")),
            n.cases
        ),
    }
}

/// Every table, in one report.
pub fn report(tables: &Tables, study: &Study, lang: Lang) -> String {
    let n = study.names(lang);
    let d = |x: usize| lang.digits(&x.to_string());
    let (themes, components, dimensions, roster) = (
        d(tables.base_themes.len()),
        d(tables.components.len()),
        d(tables.dimensions.len()),
        d(tables.roster_size),
    );
    let mut out = match lang {
        Lang::En => format!(
            "# Recomputed frequency tables: {}\n\n{}{themes} {}, {components} {}, {dimensions} {}, {roster} {} on the roster.\nGenerated by `thematic`; every number traces to a codebook row (`codebook_line`) and a counting rule.\n",
            tables.study,
            citation_line(study, lang),
            n.base_themes,
            n.components,
            n.dimensions,
            n.cases
        ),
        Lang::Fa => format!(
            "# جدول‌های فراوانیِ بازمحاسبه‌شده: {}\n\n{}{themes} {}، {components} {}، {dimensions} {}، {roster} {} در فهرست.\nساخته‌شده با `thematic`؛ هر عدد به یک سطر کدنامه (`codebook_line`) و یک قاعده شمارش برمی‌گردد.\n",
            tables.study,
            citation_line(study, lang),
            n.base_theme,
            n.component,
            n.dimension,
            n.case
        ),
    };
    for &name in TableName::all() {
        out.push('\n');
        out.push_str(&table(tables, name, study, lang));
    }
    out
}

/// The audit: the verdict first, then a table of findings per level.
pub fn audit(audit: &Audit, study: &Study, lang: Lang) -> String {
    let terms = study.terms(lang);
    let citation = citation_line(study, lang);
    let (title, verdict_label, headers, separator, footer) = match lang {
        Lang::En => (
            "Audit of",
            "Verdict.",
            ["severity", "rule", "subject", "finding", "evidence"],
            "; ",
            "Rules: `thematic check --explain RULE` says what each rule checks and why.",
        ),
        Lang::Fa => (
            "ممیزی",
            "جمع‌بندی.",
            ["شدت", "قاعده", "موضوع", "مورد ممیزی", "شواهد"],
            "؛ ",
            "قاعده‌ها: `thematic check --explain RULE` می‌گوید هر قاعده چه چیزی را می‌سنجد و چرا.",
        ),
    };
    let mut out = format!(
        "# {title} {}\n\n{citation}{}**{verdict_label}** {}\n",
        study_name(audit, study, lang),
        if citation.is_empty() { "" } else { "\n" },
        verdict(audit, lang, &terms)
    );
    let headers = headers.map(String::from);
    let row = |f: &crate::audit::Finding| {
        [
            severity(f.severity, lang).to_string(),
            format!("`{}`", f.rule),
            subject(audit, f, lang),
            f.message.clone(),
            evidence(f, lang, &terms).join(separator),
        ]
    };
    for question in [Question::Conclusion, Question::Made] {
        let findings = answering(audit, question);
        if findings.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {}\n\n", question.title(lang)));
        write_table(&mut out, &headers, findings.into_iter().map(row), "");
    }
    let corrections = corrections(audit, lang);
    if !corrections.is_empty() {
        out.push_str(&format!("\n## {}\n\n", Question::Corrected.title(lang)));
        let list = match lang {
            Lang::En => ", ",
            Lang::Fa => "، ",
        };
        for (sev, rule, subjects) in corrections {
            out.push_str(&format!(
                "- {} `{rule}` ×{}: {}\n",
                severity(sev, lang),
                lang.digits(&subjects.len().to_string()),
                escape(&subjects.join(list))
            ));
        }
    }
    out.push_str(&format!("\n## {}\n", detail_title(lang)));
    for (level, findings) in by_level(audit) {
        let findings: Vec<_> = findings
            .into_iter()
            .filter(|f| Question::of(f.rule) == Question::Corrected)
            .collect();
        if findings.is_empty() {
            continue;
        }
        out.push_str(&format!("\n### {}\n\n", level_title(level, lang, &terms)));
        // A finding without evidence leaves its cell empty: nothing is missing.
        write_table(&mut out, &headers, findings.into_iter().map(row), "");
    }
    out.push_str(&format!("\n{footer}\n"));
    out
}

/// `thematic diff --format md`: the differences as Markdown sections of bullet points.
pub fn diff(
    d: &crate::difference::Difference,
    (old, new): (&str, &str),
    lang: Lang,
    terms: &Terms,
) -> String {
    let mut out = format!("# {}\n", super::changes::title(lang, (old, new), "`"));
    let sections = super::changes::sections(d, lang, terms);
    if sections.is_empty() {
        out.push_str(&format!("\n{}\n", super::changes::none(lang)));
    }
    for (heading, lines) in sections {
        out.push_str(&format!("\n## {heading}\n\n"));
        for line in lines {
            out.push_str(&format!("- {}\n", line.replace('\n', " ")));
        }
    }
    out
}

//! Markdown for people: the tables report (`tables.md`), one table (`thematic tables --table`),
//! and the audit (`audit.md`), all through one table writer with one escaping rule.
//!
//! Not for scripts (they read the JSON) and not for the terminal's plain text (`text`).

use super::findings::{by_level, citation_line, evidence, level_title, verdict};
use super::grid::{case_matrix_is_long, grid, TableName};
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

/// One table as a Markdown section.
pub fn table(tables: &Tables, name: TableName, study: &Study) -> String {
    let terms = study.terms(Lang::En);
    let n = &terms.names;
    let grid = grid(tables, name);
    let mut out = format!("## {}\n\n", title(name, &terms));
    let (theme, themes, case, cases) = (&n.base_theme, &n.base_themes, &n.case, &n.cases);
    let hyphenated = theme.replace(' ', "-");
    out.push_str(&match name {
        TableName::BaseThemes => format!("`listed`: codes as printed, repeats included; `distinct`: distinct {cases} (the base frequency); `printed`: the printed frequency; `share_percent`: `distinct` over the sum of all {themes}' `distinct`.\n\n"),
        TableName::Components | TableName::Dimensions => format!("`sum`: sum of the base frequencies below (mentions); `union`: distinct {cases} below (coverage); `printed`: as printed; shares are percentages of the level's total in each column (printed shares only when every row has a printed value).\n\n"),
        TableName::Interviewees => format!("`base_themes`: {themes} whose source codes list the {case}; `listings`: the same with repeats; `in_roster`: whether the code has a row in the roster.\n\n"),
        TableName::CaseMatrix if case_matrix_is_long(tables) => format!("Long form (the dense matrix would be too large): one row per {case} and {theme} whose source codes list them.\n\n"),
        TableName::CaseMatrix => format!("1 when the {case} is among the {theme}'s source codes. Columns are {hyphenated} numbers (see the {hyphenated} table).\n\n"),
        TableName::Cooccurrence => format!("{} shared by two {themes}; the diagonal is each {theme}'s distinct count. Columns are {hyphenated} numbers.\n\n", capitalise(cases)),
    });
    if grid.headers.len() > MAX_COLUMNS {
        out.push_str(&format!(
            "{} rows × {} columns: too wide to read as Markdown; see `{}.csv`.\n",
            grid.len,
            grid.headers.len(),
            name.stem()
        ));
        return out;
    }
    write_table(&mut out, &grid.headers, grid.rows.take(MAX_ROWS), MISSING);
    if grid.len > MAX_ROWS {
        out.push_str(&format!(
            "\nThe first {MAX_ROWS} of {} rows; all of them are in `{}.csv`.\n",
            grid.len,
            name.stem()
        ));
    }
    out
}

/// A report is for reading: longer or wider tables are cut (rows) or left out (columns), with a
/// note that points to the CSV, which always has everything.
const MAX_ROWS: usize = 1000;
const MAX_COLUMNS: usize = 100;

/// A table's heading in the study's words; a level the study names otherwise keeps the
/// thematic-network term beside it.
fn title(name: TableName, terms: &Terms) -> String {
    let n = &terms.names;
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
pub fn report(tables: &Tables, study: &Study) -> String {
    let n = study.names(Lang::En);
    let mut out = format!(
        "# Recomputed frequency tables: {}\n\n{}{} {}, {} {}, {} {}, {} {} on the roster.\nGenerated by `thematic`; every number traces to a codebook row (`codebook_line`) and a counting rule.\n",
        tables.study,
        citation_line(study),
        tables.base_themes.len(),
        n.base_themes,
        tables.components.len(),
        n.components,
        tables.dimensions.len(),
        n.dimensions,
        tables.roster_size,
        n.cases
    );
    for &name in TableName::all() {
        out.push('\n');
        out.push_str(&table(tables, name, study));
    }
    out
}

/// The audit: the verdict first, then a table of findings per level.
pub fn audit(audit: &Audit, study: &Study) -> String {
    let terms = study.terms(Lang::En);
    let citation = citation_line(study);
    let mut out = format!(
        "# Audit of {}\n\n{citation}{}**Verdict.** {}\n",
        audit.study,
        if citation.is_empty() { "" } else { "\n" },
        verdict(audit, &terms)
    );
    for (level, findings) in by_level(audit) {
        out.push_str(&format!("\n## {}\n\n", level_title(level, &terms)));
        let headers = ["severity", "rule", "subject", "finding", "evidence"].map(String::from);
        let rows = findings.iter().map(|f| {
            [
                f.severity.name().to_string(),
                format!("`{}`", f.rule),
                f.subject.clone(),
                f.message.clone(),
                evidence(f, &terms).join("; "),
            ]
        });
        // A finding without evidence leaves its cell empty: nothing is missing.
        write_table(&mut out, &headers, rows, "");
    }
    out.push_str("\nRules: `thematic check --explain RULE` says what each rule checks and why.\n");
    out
}

//! LaTeX fragments of the paper's tables ([`super::publication`]): `booktabs` rules,
//! `\multirow` for cells merged down a dimension or component, `\multicolumn` for grouped
//! heads, every special character escaped. Each fragment opens with a comment saying which
//! packages it needs. English fragments compile with pdfLaTeX; Persian ones are written for
//! XeLaTeX with `xepersian`, which lays the table out right to left.
//!
//! Not for what the tables say (`publication`) nor for a whole document: a fragment is
//! `\input` into the author's paper.

use super::grid::TableName;
use super::publication::{self, Options};
use crate::lang::Lang;
use crate::model::Study;
use crate::tables::Tables;

/// A table whose columns want more characters than this across is set sideways (a page of
/// its own, landscape) in a smaller size; a portrait line holds about eighty.
const SIDEWAYS_WIDTH: usize = 80;

/// Every table of the document, one fragment after another.
pub fn all(tables: &Tables, study: &Study, options: &Options) -> String {
    let fragments: Vec<String> = publication::tables(tables, study, options)
        .iter()
        .map(|t| fragment(t, options))
        .collect();
    fragments.join("\n")
}

/// The fragment of one table, or `None` for a table a paper does not print (the matrices).
pub fn one(tables: &Tables, study: &Study, options: &Options, name: TableName) -> Option<String> {
    publication::tables(tables, study, options)
        .iter()
        .find(|t| t.id == name)
        .map(|t| fragment(t, options))
}

/// `text` safe in LaTeX text mode: the ten special characters, and the few others the
/// default fonts would print as something else.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            '<' => out.push_str("\\textless{}"),
            '>' => out.push_str("\\textgreater{}"),
            '|' => out.push_str("\\textbar{}"),
            '†' => out.push_str("\\dag{}"),
            '—' => out.push_str("---"),
            '–' => out.push_str("--"),
            '×' => out.push_str("\\texttimes{}"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

fn header(table: &publication::Table, options: &Options, sideways: bool) -> String {
    let mut packages = vec!["booktabs", "multirow", "array"];
    if sideways {
        packages.push("rotating");
    }
    let packages = packages.join(",");
    let mut out = format!(
        "% {}\n% Written by thematic {}. Needs \\usepackage{{{packages}}} (multirow 2.0 or later).\n",
        escape_comment(&table.caption),
        env!("CARGO_PKG_VERSION"),
    );
    let arabic_script = std::iter::once(&table.caption)
        .chain(table.columns.iter().map(|c| &c.head))
        .chain(table.rows.iter().flatten().map(|c| &c.text))
        .any(|t| t.chars().any(crate::lang::is_arabic_script));
    match options.lang {
        Lang::En if !arabic_script => {
            out.push_str("% Compiles with pdfLaTeX, XeLaTeX or LuaLaTeX.\n")
        }
        Lang::En => out.push_str(
            "% Holds Arabic-script labels (the codebook gives no English for them): compile with XeLaTeX and a font that has them (e.g. with polyglossia or bidi).\n",
        ),
        Lang::Fa => out.push_str(&format!(
            "% Persian: compile with XeLaTeX, loading xepersian after every other package:\n%   \\usepackage{{xepersian}} \\settextfont{{{}}}\n% xepersian sets the table right to left; the cells below are in reading order.\n",
            options.font.as_deref().unwrap_or("Vazirmatn")
        )),
    }
    out
}

/// A comment line holds no line break.
fn escape_comment(text: &str) -> String {
    text.replace(['\n', '\r'], " ")
}

/// Column widths as fractions of the line ([`publication::Table::weights`]).
fn fractions(table: &publication::Table) -> Vec<f64> {
    let weights = table.weights();
    let total = weights.iter().sum::<usize>().max(1) as f64;
    weights.iter().map(|&w| w as f64 / total).collect()
}

fn fragment(table: &publication::Table, options: &Options) -> String {
    let columns = table.columns.len();
    let sideways = table.weights().iter().sum::<usize>() > SIDEWAYS_WIDTH;
    let (environment, size) = if sideways {
        (
            "sidewaystable",
            "\\footnotesize\n\\setlength{\\tabcolsep}{3pt}",
        )
    } else {
        ("table", "\\small")
    };
    let mut out = header(table, options, sideways);
    let spec: String = fractions(table)
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let align = if table.rows.first().is_some_and(|r| r[i].number) {
                ">{\\centering\\arraybackslash}"
            } else {
                ">{\\raggedright\\arraybackslash}"
            };
            // A share of the line left after every column's padding.
            format!(
                "{align}p{{{f:.3}\\dimexpr\\linewidth-{}\\tabcolsep\\relax}}",
                2 * columns
            )
        })
        .collect::<Vec<_>>()
        .join("");
    let label = format!("tab:thematic-{}", table.id.stem().replace('_', "-"));
    out.push_str(&format!(
        "\\begin{{{environment}}}[htbp]\n\\centering\n{size}\n\\caption{{{}}}\n\\label{{{label}}}\n\\begin{{tabular}}{{@{{}}{spec}@{{}}}}\n\\toprule\n",
        escape(caption_text(&table.caption))
    ));
    // Heads: a grouped head spans its columns; the others span both head rows.
    if table.grouped() {
        let mut first = Vec::new();
        let mut rules = String::new();
        for (group, start, len) in table.head_runs() {
            match group {
                Some(g) => {
                    first.push(format!(
                        "\\multicolumn{{{len}}}{{c}}{{{}}}",
                        escape(&table.groups[g])
                    ));
                    rules.push_str(&format!("\\cmidrule(lr){{{}-{}}}", start + 1, start + len));
                }
                None => first.push(format!(
                    "\\multirow{{2}}{{=}}{{{}}}",
                    escape(&table.columns[start].head)
                )),
            }
        }
        out.push_str(&format!("{} \\\\\n{rules}\n", first.join(" & ")));
        let second: Vec<String> = table
            .columns
            .iter()
            .map(|c| match c.group {
                Some(_) => escape(&c.head),
                None => String::new(),
            })
            .collect();
        out.push_str(&format!("{} \\\\\n", second.join(" & ")));
    } else {
        let heads: Vec<String> = table.columns.iter().map(|c| escape(&c.head)).collect();
        out.push_str(&format!("{} \\\\\n", heads.join(" & ")));
    }
    out.push_str("\\midrule\n");
    // A thin rule between the groups of a merged first column (dimensions).
    let merged = table.rows.iter().any(|row| row[0].span != 1);
    for (r, row) in table.rows.iter().enumerate() {
        if merged && r > 0 && row[0].span > 0 {
            out.push_str(&format!("\\cmidrule(lr){{1-{columns}}}\n"));
        }
        let cells: Vec<String> = row
            .iter()
            .map(|cell| {
                let text = match cell.differs {
                    true => format!("{}\\textsuperscript{{\\dag}}", escape(&cell.text)),
                    false => escape(&cell.text),
                };
                match cell.span {
                    0 | 1 => text,
                    n => format!("\\multirow{{{n}}}{{=}}{{{text}}}"),
                }
            })
            .collect();
        out.push_str(&format!("{} \\\\\n", cells.join(" & ")));
    }
    out.push_str("\\bottomrule\n\\end{tabular}\n");
    if !table.notes.is_empty() {
        out.push_str("\n\\smallskip\n\\footnotesize\n");
        let notes: Vec<String> = table.notes.iter().map(|n| escape(n)).collect();
        out.push_str(&notes.join("\\\\\n"));
        out.push('\n');
    }
    out.push_str(&format!("\\end{{{environment}}}\n"));
    out
}

/// The caption without its number: LaTeX numbers its own tables (`Table 2: ` is dropped).
fn caption_text(caption: &str) -> &str {
    caption.split_once(": ").map_or(caption, |(_, text)| text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_special_character_is_escaped() {
        assert_eq!(
            escape(r"a\b&c%d$e#f_g{h}i~j^k<l>m|n"),
            r"a\textbackslash{}b\&c\%d\$e\#f\_g\{h\}i\textasciitilde{}j\textasciicircum{}k\textless{}l\textgreater{}m\textbar{}n"
        );
        assert_eq!(escape("line\nbreak"), "line break");
        assert_eq!(escape("ارتباطات ۱۲"), "ارتباطات ۱۲");
    }

    #[test]
    fn the_caption_loses_its_number() {
        assert_eq!(caption_text("Table 2: Coding"), "Coding");
        assert_eq!(caption_text("جدول ۲: کدگذاری"), "کدگذاری");
        assert_eq!(caption_text("Coding"), "Coding");
    }
}

//! `thematic check`: audit the printed counts and report every inconsistency, with evidence.
//! Exit 0 when no finding is at or above `--fail-on`, 1 when there is one, 2 for unusable input.

use super::CodebookArgs;
use crate::audit::{self, Severity};
use crate::charts::ChartOptions;
use crate::error::{Error, Result};
use crate::outputs::Output;
use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AuditFormat {
    Text,
    Md,
    Json,
    /// A review letter for Word (binary: redirect it to a file).
    Docx,
}

/// The lowest severity that makes the command fail (exit 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    pub fn severity(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    codebook: CodebookArgs,
    /// Report format.
    #[arg(long, value_enum, default_value = "text")]
    format: AuditFormat,
    /// Exit 1 when a finding has this severity or a higher one.
    #[arg(long, value_enum, default_value = "error")]
    fail_on: FailOn,
    /// Explain what a rule checks and why it matters, or what a finding of the audit means
    /// (its number, as the report shows it: `--explain 17`), and exit.
    #[arg(long, value_name = "RULE|N")]
    explain: Option<String>,
    #[command(flatten)]
    lang: super::LangArg,
    /// Percentage points a dimension's or component's share must move between the printed and
    /// the recomputed values to be reported (share-shift).
    #[arg(long, value_name = "POINTS", default_value_t = 5.0)]
    share_threshold: f64,
    #[command(flatten)]
    document: super::DocumentArgs,
}

/// A rule's explanation, in English unless `--lang` asks for another language, naming the
/// tables of the codebook's study (the paper's, by default); a codebook that does not load is
/// no reason to withhold an explanation: its tables are then named in words.
fn explain(
    id: &str,
    lang: crate::lang::Lang,
    codebook: &CodebookArgs,
    share_threshold: f64,
) -> Result<()> {
    if let Some(number) = finding_number(id) {
        return explain_finding(number, lang, codebook, share_threshold);
    }
    let terms = codebook
        .load()
        .map_or_else(|_| crate::model::Study::default(), |c| c.study)
        .terms(lang);
    let Some(rule) = audit::rule(id) else {
        let near = nearest_rules(id);
        let ids: Vec<&str> = audit::rules().iter().map(|r| r.id).collect();
        return Err(Error::Usage(if near.is_empty() {
            format!("there is no rule `{id}`; the rules are: {} (or give a finding's number, as the report shows it: `--explain 17`)", ids.join(", "))
        } else {
            format!(
                "there is no rule `{id}`; did you mean {}? (`thematic check --explain RULE`; every rule is listed in docs/audit.md)",
                near.iter().map(|r| format!("`{r}`")).collect::<Vec<_>>().join(" or ")
            )
        }));
    };
    super::print(
        format!(
            "{}\n{}\n\n{}\n",
            crate::export::rule_heading(rule, lang),
            rule.summary_for(lang, &terms),
            rule.explain_for(lang, &terms)
        )
        .as_bytes(),
    )
}

/// A finding's number as the report and `audit.json` show it: `17`, `#17`, `۱۷`.
fn finding_number(id: &str) -> Option<usize> {
    let digits = id.trim().trim_start_matches('#');
    if digits.is_empty() || !digits.chars().all(|c| crate::persian::digit(c).is_some()) {
        return None;
    }
    crate::persian::parse_number(digits)
        .ok()
        .and_then(|n| usize::try_from(n).ok())
}

/// `check --explain N`: the codebook's audit, in `lang`, and its finding `N` explained.
fn explain_finding(
    number: usize,
    lang: crate::lang::Lang,
    codebook: &CodebookArgs,
    share_threshold: f64,
) -> Result<()> {
    let codebook = codebook.load()?;
    let tables = crate::tables::compute(&codebook)?;
    let settings = super::audit_settings(lang, share_threshold)?;
    let audit = audit::audit(&codebook, &tables, &settings);
    let terms = codebook.study.terms(lang);
    match crate::export::explain_finding(&audit, number, lang, &terms) {
        Some(text) => super::print(text.as_bytes()),
        None => Err(Error::Usage(format!(
            "there is no finding #{number}: the audit of {} has {} (numbered from 1, as in the report and audit.json)",
            codebook.name,
            crate::lang::count(audit.findings.len() as u64, "finding", "findings")
        ))),
    }
}

/// The rules a mistyped or partial name may mean: those whose id holds it (`inherited` →
/// `inherited-total`), else the ones a few edits away (`rank-chnage`); at most three.
fn nearest_rules(id: &str) -> Vec<&'static str> {
    let id = id.trim().to_lowercase();
    let ids: Vec<&'static str> = audit::rules().iter().map(|r| r.id).collect();
    let mut near: Vec<&'static str> = if id.len() >= 3 {
        ids.iter().copied().filter(|r| r.contains(&id)).collect()
    } else {
        Vec::new()
    };
    if near.is_empty() {
        let mut scored: Vec<(usize, &'static str)> = ids
            .iter()
            .map(|r| (strsim::damerau_levenshtein(&id, r), *r))
            .filter(|&(d, r)| d <= 3.max(r.len() / 4))
            .collect();
        scored.sort();
        near = scored.into_iter().map(|(_, r)| r).collect();
    }
    near.truncate(3);
    near
}

/// Returns whether the audit failed at `--fail-on`.
pub fn run(args: &CheckArgs) -> Result<bool> {
    if let Some(id) = &args.explain {
        explain(
            id,
            args.lang.given().unwrap_or(crate::lang::Lang::En),
            &args.codebook,
            args.share_threshold,
        )?;
        return Ok(false);
    }
    let chosen = [match args.format {
        AuditFormat::Text => Output::AuditText,
        AuditFormat::Md => Output::AuditMarkdown,
        AuditFormat::Json => Output::AuditJson,
        AuditFormat::Docx => Output::AuditDocx,
    }];
    if args.format == AuditFormat::Docx {
        super::refuse_binary_on_terminal(
            "audit.docx",
            "redirect it, e.g. `thematic check --format docx > review.docx`",
        )?;
    }
    let codebook = args.codebook.load()?;
    // What --paper's reading found goes to stderr: stdout is the audit (JSON with --format json).
    eprint!("{}", args.codebook.reading_summary());
    let charts = ChartOptions::new(args.lang.resolve(&codebook));
    let settings = super::audit_settings(charts.lang, args.share_threshold)?;
    let document = args.document.options(charts.lang)?;
    let rendered = super::compute_and_render(
        &codebook,
        &chosen,
        &charts,
        &settings,
        &document,
        "rendering",
    )?;
    super::print(&rendered.files[0].bytes)?;
    Ok(args
        .fail_on
        .severity()
        .is_some_and(|s| rendered.audit.as_ref().is_some_and(|a| a.fails(s))))
}

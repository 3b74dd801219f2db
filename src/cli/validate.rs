//! `thematic validate`: load the codebook and say whether it can be computed. Properties of
//! the data that are not errors (codes listed twice, out of order, not on the roster) are
//! counted so that the user knows the audit has something to say.

use super::CodebookArgs;
use crate::error::Result;
use crate::model::Codebook;
use clap::Args;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    codebook: CodebookArgs,
}

/// Counts of data properties that the audit reports in detail.
fn properties(codebook: &Codebook) -> Vec<String> {
    let mut repeated = 0;
    let mut unordered = 0;
    // Sorting beats a set per theme by far on million-code lists.
    let mut cited: Vec<u32> = Vec::new();
    for r in codebook.base_themes() {
        let codes = &r.theme.source_codes;
        if codes.windows(2).any(|w| w[0] > w[1]) {
            unordered += 1;
        }
        let mut distinct = codes.clone();
        distinct.sort_unstable();
        distinct.dedup();
        repeated += codes.len() - distinct.len();
        cited.extend(distinct);
    }
    cited.sort_unstable();
    cited.dedup();
    let mut roster: Vec<u32> = codebook.interviewees.keys().copied().collect();
    roster.sort_unstable();
    let unknown: Vec<u32> = cited
        .iter()
        .copied()
        .filter(|c| roster.binary_search(c).is_err())
        .collect();
    let never_cited = roster
        .iter()
        .filter(|c| cited.binary_search(c).is_err())
        .count();
    let mut notes = Vec::new();
    if repeated > 0 {
        notes.push(format!(
            "{repeated} code(s) listed twice within a base theme"
        ));
    }
    if unordered > 0 {
        notes.push(format!(
            "{unordered} source-code list(s) out of ascending order"
        ));
    }
    if !unknown.is_empty() {
        let list: Vec<String> = unknown.iter().map(u32::to_string).collect();
        notes.push(format!("code(s) not on the roster: {}", list.join(", ")));
    }
    if never_cited > 0 {
        notes.push(format!("{never_cited} roster interviewee(s) never cited"));
    }
    notes
}

pub fn run(args: &ValidateArgs) -> Result<()> {
    let codebook = args.codebook.load()?;
    let mut out = format!(
        "{}: valid ({} dimensions, {} components, {} base themes, {} interviewees)\n",
        codebook.location,
        codebook.dimensions.len(),
        codebook.component_count(),
        codebook.base_theme_count(),
        codebook.interviewees.len()
    );
    for note in properties(&codebook) {
        out.push_str(&format!("  note: {note}\n"));
    }
    super::print(out.as_bytes())
}

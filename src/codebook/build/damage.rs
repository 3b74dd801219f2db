//! Source codes off the roster that a spreadsheet made: a list saved as a date (`8-Mar`, or
//! its day count `45359`), and IDs whose leading zeros one of the two files lost (`007` in the
//! lists, `7` on the roster). Checked once the roster is known, since only codes the roster
//! lacks can be damage (a study may well have an interviewee `45359`).
//!
//! Not for cells that do not read at all: those are refused where they are read, with
//! [`super::super::spreadsheet::damage`] naming the cause.

use super::super::schema::{BaseThemeRow, BASE_THEMES, INTERVIEWEES};
use super::super::spreadsheet::{self, keep_as_text, Damage};
use super::super::table::Table;
use super::super::Problems;
use super::Builder;
use crate::case_id::CaseId;
use std::collections::HashMap;

/// What a damaged source-code cell held, for [`Damage::explain`].
pub(super) const LIST: &str = "a list such as `3-8`";

/// An all-digit ID without its leading zeros (`007` → `7`); `None` for anything else.
fn unpadded(code: CaseId) -> Option<String> {
    let written = code.written();
    (written.bytes().all(|b| b.is_ascii_digit()) && !written.is_empty())
        .then(|| written.trim_start_matches('0').to_string())
}

impl Builder {
    pub(in super::super) fn spreadsheet_damage(
        &self,
        t: &Table<BaseThemeRow>,
        problems: &mut Problems,
    ) {
        let roster = &self.interviewees;
        // The roster's all-digit codes by their digits without leading zeros.
        let mut by_digits: HashMap<String, CaseId> = HashMap::new();
        let mut largest = 0;
        for code in roster.keys() {
            largest = largest.max(code.as_number().unwrap_or(0));
            if let Some(digits) = unpadded(*code) {
                by_digits.entry(digits).or_insert(*code);
            }
        }
        for d in self.dimensions.values() {
            for c in d.components.values() {
                for b in c.base_themes.values() {
                    let mut off: Vec<CaseId> = Vec::new();
                    for code in &b.source_codes {
                        if !roster.contains_key(code) && !off.contains(code) {
                            off.push(*code);
                        }
                    }
                    if off.is_empty() {
                        continue;
                    }
                    let cell = &b.source_codes_text;
                    let line = b.origin.line;
                    let damage = spreadsheet::damage(cell).or_else(|| match off.as_slice() {
                        // A day count only where the roster's numbers are nowhere near it.
                        [one] if b.source_codes.len() == 1 && largest < 25_569 => one
                            .as_number()
                            .and_then(spreadsheet::serial_date)
                            .map(Damage::DateSerial),
                        _ => None,
                    });
                    if let Some(damage) = damage {
                        problems.push(t.problem(
                            line,
                            "source_codes",
                            format!(
                                "the source codes `{cell}` are not on the roster: the cell {}",
                                damage.explain(LIST)
                            ),
                            &format!(
                                "{}; then re-enter the list as the study prints it",
                                keep_as_text("source_codes", "3-8")
                            ),
                        ));
                        continue;
                    }
                    for code in off {
                        let Some(on_roster) = unpadded(code).and_then(|d| by_digits.get(&d)) else {
                            continue;
                        };
                        let (listed, kept) = (code.written(), on_roster.written());
                        let roster_line = roster[on_roster].origin.line;
                        let (who, fix) = if listed.len() > kept.len() {
                            (
                                format!("the roster ({INTERVIEWEES}) lost its codes' leading zeros"),
                                format!(
                                    "in {INTERVIEWEES}, {}; then re-enter the codes as the study writes them (`{listed}`)",
                                    keep_as_text("code", &listed)
                                ),
                            )
                        } else {
                            (
                                format!("the source codes in {BASE_THEMES} lost their leading zeros"),
                                format!(
                                    "in {BASE_THEMES}, {}; then re-enter the lists with the codes as the roster writes them (`{kept}`)",
                                    keep_as_text("source_codes", &kept)
                                ),
                            )
                        };
                        problems.push(t.problem(
                            line,
                            "source_codes",
                            format!(
                                "the source code `{listed}` is not on the roster, but `{kept}` is ({INTERVIEWEES} line {roster_line}): {who} (a spreadsheet reads `{}` as the number {})",
                                if listed.len() > kept.len() { &listed } else { &kept },
                                listed.trim_start_matches('0')
                            ),
                            &fix,
                        ));
                    }
                }
            }
        }
    }
}

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
        let on_roster = RosterCodes::of(roster);
        // The roster's all-digit codes by their digits without leading zeros, and its largest
        // number: built only for a list with a code off the roster (most codebooks have none,
        // and for a million interviewees the map took a fifth of reading them).
        let mut by_digits: Option<(HashMap<String, CaseId>, u32)> = None;
        for d in self.dimensions.values() {
            for c in d.components.values() {
                for b in c.base_themes.values() {
                    let mut off: Vec<CaseId> = Vec::new();
                    for code in &b.source_codes {
                        if !on_roster.has(*code) && !off.contains(code) {
                            off.push(*code);
                        }
                    }
                    if off.is_empty() {
                        continue;
                    }
                    let (by_digits, largest) = &*by_digits.get_or_insert_with(|| {
                        let mut map = HashMap::new();
                        let mut largest = 0;
                        for code in roster.keys() {
                            largest = largest.max(code.as_number().unwrap_or(0));
                            if let Some(digits) = unpadded(*code) {
                                map.entry(digits).or_insert(*code);
                            }
                        }
                        (map, largest)
                    });
                    let largest = *largest;
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

/// Whether a code is on the roster, asked ten million times for a large study: a bit per
/// number when the roster is numbered (each lookup in a map of a million codes was a cache
/// miss or two), else the roster itself.
pub(in crate::codebook) enum RosterCodes<'r> {
    Numbers(Vec<u64>),
    Map(&'r crate::model::Roster),
}

impl<'r> RosterCodes<'r> {
    pub(in crate::codebook) fn of(roster: &'r crate::model::Roster) -> RosterCodes<'r> {
        let largest = roster
            .keys()
            .map(|c| c.as_number())
            .try_fold(0u32, |m, n| n.map(|n| m.max(n)));
        match largest {
            // Numbers up to a few per interviewee: the bits stay a small fraction of the roster.
            Some(largest) if (largest as usize) <= 64 * roster.len().max(1024) => {
                let mut bits = vec![0u64; largest as usize / 64 + 1];
                for n in roster.keys().filter_map(|c| c.as_number()) {
                    bits[n as usize / 64] |= 1 << (n % 64);
                }
                RosterCodes::Numbers(bits)
            }
            _ => RosterCodes::Map(roster),
        }
    }

    pub(in crate::codebook) fn has(&self, code: CaseId) -> bool {
        match self {
            RosterCodes::Numbers(bits) => code.as_number().is_some_and(|n| {
                bits.get(n as usize / 64)
                    .is_some_and(|word| word & (1 << (n % 64)) != 0)
            }),
            RosterCodes::Map(roster) => roster.contains_key(&code),
        }
    }
}

//! Source-code lists: the interviewee codes of one base theme, as a researcher writes them.
//!
//! Codes are numbers in ASCII, Persian or Arabic-Indic digits, or identifiers (`P01`, `Int-04`,
//! `م۱`: see [`crate::case_id`]). They are separated by `,`, `،` or white space; `-`
//! (and the dashes spreadsheets substitute for it) separates numbers (`۱-۲-۳`). In a code with a
//! letter a hyphen is part of the code (`Int-04`); the loader splits such a code at its hyphens
//! afterwards only when it is not on the roster and every piece is (`P01-P03`). A list of
//! hyphenated identifiers is written with commas: `Int-04, Int-07`.
//!
//! An empty list is a base theme nobody raised. Order and duplicates are kept: they are
//! properties of the data that the audit reports, not errors.
//!
//! Not for the roster: whether a code has an interviewee is the audit's question.

use crate::case_id::{CaseId, IdError};

/// Why a source-code list cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceCodeError {
    /// A list that starts with a separator (a negative code, or a stray dash).
    LeadingSeparator,
    TrailingSeparator,
    /// Two separators with nothing between them; the 1-based position of the empty code.
    EmptyCode(usize),
    /// The n-th code (1-based) cannot be read.
    BadCode {
        position: usize,
        code: String,
        why: IdError,
    },
    /// The n-th code is 0; codes that are numbers are roster numbers and start at 1.
    Zero(usize),
}

impl std::fmt::Display for SourceCodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SourceCodeError::LeadingSeparator => {
                write!(f, "the list starts with a separator (a negative code?)")
            }
            SourceCodeError::TrailingSeparator => write!(f, "the list ends with a separator"),
            SourceCodeError::EmptyCode(n) => {
                write!(f, "code {n} of the list is empty (two separators in a row)")
            }
            SourceCodeError::BadCode {
                position,
                code,
                why: IdError::Number(why),
            } => {
                write!(
                    f,
                    "code {position} of the list, `{code}`, is not a number: {why}"
                )
            }
            SourceCodeError::BadCode {
                position,
                code,
                why,
            } => write!(
                f,
                "code {position} of the list, `{code}`, cannot be a code: {why}"
            ),
            SourceCodeError::Zero(n) => write!(
                f,
                "code {n} of the list is 0, but interviewee codes start at 1"
            ),
        }
    }
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑' | '–' | '—' | '−')
}

fn is_comma(c: char) -> bool {
    matches!(c, ',' | '،')
}

/// Other invisible characters (bidi marks, zero-width space) are not separators: a code's
/// parser ignores them, so that `1‏-2` is 1 and 2 and `1‎2` is 12, as the eye reads them.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200C}'
}

/// One piece of a list: a code, or a separator (hard: a comma or a dash between numbers; soft:
/// white space).
enum Piece<'a> {
    Code(&'a str),
    Hard,
    Soft,
}

/// Split a list into codes and separators. A word (between commas and spaces) with a letter is
/// one code, hyphens and all; a word without one is split at its dashes.
fn pieces(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if is_comma(c) || is_space(c) {
            out.push(if is_comma(c) {
                Piece::Hard
            } else {
                Piece::Soft
            });
            rest = &rest[c.len_utf8()..];
            continue;
        }
        let end = rest
            .char_indices()
            .find(|&(_, c)| is_comma(c) || is_space(c))
            .map_or(rest.len(), |(i, _)| i);
        let word = &rest[..end];
        if word.chars().any(char::is_alphabetic) {
            out.push(Piece::Code(word));
        } else {
            let mut part = word;
            while !part.is_empty() {
                let cut = part.char_indices().find(|&(_, c)| is_dash(c));
                match cut {
                    Some((0, d)) => {
                        out.push(Piece::Hard);
                        part = &part[d.len_utf8()..];
                    }
                    Some((i, _)) => {
                        out.push(Piece::Code(&part[..i]));
                        part = &part[i..];
                    }
                    None => {
                        out.push(Piece::Code(part));
                        part = "";
                    }
                }
            }
        }
        rest = &rest[end..];
    }
    out
}

/// Parse a source-code list. Order and duplicates are kept; an empty list is a base theme
/// nobody raised.
pub fn parse_source_codes(text: &str) -> Result<Vec<CaseId>, SourceCodeError> {
    let mut codes = Vec::new();
    let mut hard_separators = 0usize;
    for piece in pieces(text) {
        let token = match piece {
            Piece::Hard => {
                hard_separators += 1;
                continue;
            }
            Piece::Soft => continue,
            Piece::Code(token) => token,
        };
        // A word of invisible marks only is no code (they are ignored, like spaces).
        if token.chars().all(crate::persian::is_invisible) {
            continue;
        }
        if codes.is_empty() && hard_separators > 0 {
            return Err(SourceCodeError::LeadingSeparator);
        }
        if hard_separators > 1 {
            return Err(SourceCodeError::EmptyCode(codes.len() + 1));
        }
        hard_separators = 0;
        let position = codes.len() + 1;
        let code = CaseId::parse(token).map_err(|why| match why {
            IdError::Zero => SourceCodeError::Zero(position),
            why => SourceCodeError::BadCode {
                position,
                // Shown as the eye sees it, without the invisible marks around it.
                code: token
                    .chars()
                    .filter(|&c| !crate::persian::is_invisible(c))
                    .collect(),
                why,
            },
        })?;
        codes.push(code);
    }
    if codes.is_empty() {
        return if hard_separators > 0 {
            Err(SourceCodeError::LeadingSeparator)
        } else {
            Ok(codes)
        };
    }
    if hard_separators > 0 {
        return Err(SourceCodeError::TrailingSeparator);
    }
    Ok(codes)
}

/// `codes` with each code that has a hyphen and is not on the roster read as the roster codes
/// it joins, when it joins any: `P01-P03` is P01 and P03, `Int-04-Int-07` is Int-04 and
/// Int-07, and `P01-p03-P07` is P01, `p03` and P07 (so that the slip is one `unknown-code`
/// with its near miss, not the whole list). The pieces between hyphens are grouped so that as
/// few groups as possible are off the roster, then as many as possible are on it; a code none
/// of whose groups is on the roster (`Int-4`) stays whole. `None` when no code changes.
pub fn split_joined(codes: &[CaseId], on_roster: impl Fn(CaseId) -> bool) -> Option<Vec<CaseId>> {
    let split = |code: CaseId| -> Option<Vec<CaseId>> {
        if !code.is_text() || on_roster(code) {
            return None;
        }
        let written = code.written();
        if !written.contains('-') {
            return None;
        }
        let pieces: Vec<&str> = written.split('-').collect();
        let n = pieces.len();
        // best[i]: the best grouping of pieces[..i]: its cost (groups off the roster, minus
        // the groups on it) and its groups (each with whether it is on the roster).
        type Grouping = ((usize, isize), Vec<(CaseId, bool)>);
        let mut best: Vec<Option<Grouping>> = vec![None; n + 1];
        best[0] = Some(((0, 0), Vec::new()));
        for end in 1..=n {
            for start in 0..end {
                let Some((cost, groups)) = best[start].clone() else {
                    continue;
                };
                let Ok(group) = CaseId::parse(&pieces[start..end].join("-")) else {
                    continue;
                };
                let known = on_roster(group);
                let cost = (cost.0 + usize::from(!known), cost.1 - isize::from(known));
                if best[end].as_ref().is_none_or(|(c, _)| cost < *c) {
                    let mut groups = groups;
                    groups.push((group, known));
                    best[end] = Some((cost, groups));
                }
            }
        }
        let (_, groups) = best[n].take()?;
        (groups.len() > 1 && groups.iter().any(|&(_, known)| known))
            .then(|| groups.into_iter().map(|(c, _)| c).collect())
    };
    if !codes.iter().any(|&code| split(code).is_some()) {
        return None;
    }
    Some(
        codes
            .iter()
            .flat_map(|&code| split(code).unwrap_or_else(|| vec![code]))
            .collect(),
    )
}

/// Write a list the canonical way, which `parse_source_codes` reads back: numbers in ASCII
/// digits joined by `-` (`3-1-40`, as the paper prints them); a list with an identifier joined
/// by `, ` so that a hyphen inside a code stays one (`P01, Int-04`).
pub fn format_source_codes(codes: &[CaseId]) -> String {
    let separator = crate::case_id::list_separator(codes, ", ");
    // One buffer rather than a string per code: a large study's lists hold millions of codes.
    let mut out = String::with_capacity(codes.len() * 7);
    for (i, &code) in codes.iter().enumerate() {
        if i > 0 {
            out.push_str(separator);
        }
        push_code(&mut out, code);
    }
    out
}

/// Append a code as written (a number in ASCII digits).
pub fn push_code(out: &mut String, code: CaseId) {
    match code.as_number() {
        Some(n) => push_decimal(out, n),
        None => out.push_str(&code.written()),
    }
}

/// Append `n` in ASCII decimal digits (what `n.to_string()` gives, without allocating).
pub fn push_decimal(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::persian::NumberError;

    fn n(codes: &[u32]) -> Vec<CaseId> {
        codes.iter().map(|&c| CaseId::number(c)).collect()
    }

    fn ids(codes: &[&str]) -> Vec<CaseId> {
        codes.iter().map(|c| CaseId::parse(c).unwrap()).collect()
    }

    #[test]
    fn invisible_characters_around_codes_and_separators_are_ignored() {
        assert_eq!(
            parse_source_codes("\u{200F}1\u{200F}-\u{200E}2\u{00A0}-\u{061C}۳\u{2069}"),
            Ok(n(&[1, 2, 3]))
        );
        assert_eq!(parse_source_codes("1\u{200B},\u{FEFF}5"), Ok(n(&[1, 5])));
    }

    #[test]
    fn push_decimal_writes_what_to_string_writes() {
        for n in [
            0,
            1,
            9,
            10,
            99,
            100,
            12345,
            999_999_999,
            1_000_000_000,
            u32::MAX,
        ] {
            let mut s = String::from("x");
            push_decimal(&mut s, n);
            assert_eq!(s, format!("x{n}"));
        }
        assert_eq!(format_source_codes(&n(&[3, 1, 3, 40])), "3-1-3-40");
        assert_eq!(format_source_codes(&[]), "");
        assert_eq!(
            format_source_codes(&ids(&["P01", "Int-04", "3"])),
            "P01, Int-04, 3"
        );
    }

    #[test]
    fn paper_lists_keep_order_and_duplicates() {
        assert_eq!(
            parse_source_codes("۱-۲-۳-۴-۸-۱۶-۶-۵"),
            Ok(n(&[1, 2, 3, 4, 8, 16, 6, 5]))
        );
        assert_eq!(
            parse_source_codes("۱-۲-۳-۴-۵-۶-۸-۹-۱۱-۱۵-۱۵-۱۶"),
            Ok(n(&[1, 2, 3, 4, 5, 6, 8, 9, 11, 15, 15, 16]))
        );
    }

    #[test]
    fn identifiers_with_the_separators_of_numbers() {
        let expected = Ok(ids(&["P01", "P03", "P07"]));
        for text in [
            "P01, P03, P07",
            "P01,P03,P07",
            "P01 P03 P07",
            "P01، P03، P07",
            "P01 - P03 - P07",
        ] {
            assert_eq!(parse_source_codes(text), expected, "{text:?}");
        }
        // A hyphen next to a letter belongs to the code; the loader splits `P01-P03` later
        // when the roster has P01 and P03 but no `P01-P03`.
        assert_eq!(
            parse_source_codes("Int-04, Int-07"),
            Ok(ids(&["Int-04", "Int-07"]))
        );
        assert_eq!(parse_source_codes("P01-P03"), Ok(ids(&["P01-P03"])));
        assert_eq!(parse_source_codes("م۱-۲، م۳"), Ok(ids(&["م۱-۲", "م۳"])));
        assert_eq!(parse_source_codes("1-2, P3"), Ok(ids(&["1", "2", "P3"])));
        assert_eq!(
            parse_source_codes("P1,,P2"),
            Err(SourceCodeError::EmptyCode(2))
        );
        assert!(matches!(
            parse_source_codes("P1, -P2"),
            Err(SourceCodeError::BadCode {
                why: IdError::Edge('-'),
                ..
            })
        ));
    }

    #[test]
    fn every_separator_and_digit_script() {
        let expected = Ok(n(&[1, 12, 3]));
        for text in [
            "1-12-3",
            "1,12,3",
            "1، 12، 3",
            "1 12 3",
            "1 - 12 - 3",
            "١-١٢-٣",
            "۱,۱۲,۳",
            " 1–12—3 ",
            "1, 12 ,3",
            "1\t12\n3",
        ] {
            assert_eq!(parse_source_codes(text), expected, "{text:?}");
        }
        // One code per cell is a list too.
        assert_eq!(parse_source_codes("۷"), Ok(n(&[7])));
    }

    #[test]
    fn errors_name_the_bad_code() {
        assert_eq!(parse_source_codes(""), Ok(vec![]));
        assert_eq!(parse_source_codes("   "), Ok(vec![]));
        assert_eq!(
            parse_source_codes("-"),
            Err(SourceCodeError::LeadingSeparator)
        );
        assert_eq!(
            parse_source_codes("-3-4"),
            Err(SourceCodeError::LeadingSeparator)
        );
        assert_eq!(
            parse_source_codes("3-4-"),
            Err(SourceCodeError::TrailingSeparator)
        );
        assert_eq!(
            parse_source_codes("3--4"),
            Err(SourceCodeError::EmptyCode(2))
        );
        assert_eq!(
            parse_source_codes("3,,4"),
            Err(SourceCodeError::EmptyCode(2))
        );
        assert_eq!(parse_source_codes("3-0"), Err(SourceCodeError::Zero(2)));
        assert!(matches!(
            parse_source_codes("1, x(2)"),
            Err(SourceCodeError::BadCode { position: 2, ref code, why: IdError::NotAllowed('(') }) if code == "x(2)"
        ));
        assert!(matches!(
            parse_source_codes("1-2.5"),
            Err(SourceCodeError::BadCode {
                why: IdError::Number(NumberError::Fraction),
                ..
            })
        ));
        assert!(matches!(
            parse_source_codes("1-1۲"),
            Err(SourceCodeError::BadCode {
                why: IdError::Number(NumberError::MixedScripts(..)),
                ..
            })
        ));
        assert!(matches!(
            parse_source_codes("1-99999999999"),
            Err(SourceCodeError::BadCode {
                why: IdError::Number(NumberError::TooLarge),
                ..
            })
        ));
    }

    #[test]
    fn print_then_parse_is_identity() {
        for codes in [
            n(&[1]),
            n(&[3, 1, 2, 2]),
            n(&[16, 15, 16, 1000]),
            ids(&["P01", "P10", "P2", "P01"]),
            ids(&["Int-04", "7", "م۱", "007"]),
        ] {
            assert_eq!(parse_source_codes(&format_source_codes(&codes)), Ok(codes));
        }
    }
}

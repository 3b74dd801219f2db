//! Source-code lists: the interviewee numbers of one base theme, as a researcher writes them.
//!
//! Accepted: ASCII, Persian or Arabic-Indic digits; codes separated by `-`, `,`, `،` or white
//! space (and the dashes spreadsheets substitute for `-`). Order and duplicates are kept: they
//! are properties of the data that the audit reports, not errors.
//!
//! Not for the roster: whether a code has an interviewee is the audit's question.

use crate::persian::{parse_number, NumberError};

/// Why a source-code list cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SourceCodeError {
    Empty,
    /// A list that starts with a separator (a negative code, or a stray dash).
    LeadingSeparator,
    TrailingSeparator,
    /// Two separators with nothing between them; the 1-based position of the empty code.
    EmptyCode(usize),
    /// The n-th code (1-based) is not a number.
    BadCode {
        position: usize,
        code: String,
        why: NumberError,
    },
    /// The n-th code is 0; codes are roster numbers and start at 1.
    Zero(usize),
}

impl std::fmt::Display for SourceCodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SourceCodeError::Empty => write!(f, "the list of source codes is empty"),
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
                why,
            } => {
                write!(
                    f,
                    "code {position} of the list, `{code}`, is not a number: {why}"
                )
            }
            SourceCodeError::Zero(n) => write!(
                f,
                "code {n} of the list is 0, but interviewee codes start at 1"
            ),
        }
    }
}

fn is_hard_separator(c: char) -> bool {
    matches!(c, '-' | ',' | '،' | '‐' | '‑' | '–' | '—' | '−')
}

/// Other invisible characters (bidi marks, zero-width space) are not separators: a number's
/// parser ignores them, so that `1‏-2` is 1 and 2 and `1‎2` is 12, as the eye reads them.
fn is_separator(c: char) -> bool {
    is_hard_separator(c) || c.is_whitespace() || c == '\u{200C}'
}

/// Parse a source-code list. Order and duplicates are kept.
pub fn parse_source_codes(text: &str) -> Result<Vec<u32>, SourceCodeError> {
    let mut codes = Vec::new();
    let mut rest = text;
    let mut hard_separators = 0usize;
    loop {
        // Consume one run of separators, counting the hard ones.
        let sep_len = rest
            .char_indices()
            .find(|&(_, c)| !is_separator(c))
            .map_or(rest.len(), |(i, _)| i);
        hard_separators += rest[..sep_len]
            .chars()
            .filter(|&c| is_hard_separator(c))
            .count();
        rest = &rest[sep_len..];
        if rest.is_empty() {
            break;
        }
        if codes.is_empty() && hard_separators > 0 {
            return Err(SourceCodeError::LeadingSeparator);
        }
        if hard_separators > 1 {
            return Err(SourceCodeError::EmptyCode(codes.len() + 1));
        }
        hard_separators = 0;
        let token_len = rest
            .char_indices()
            .find(|&(_, c)| is_separator(c))
            .map_or(rest.len(), |(i, _)| i);
        let token = &rest[..token_len];
        let position = codes.len() + 1;
        let value = parse_number(token).map_err(|why| SourceCodeError::BadCode {
            position,
            // Shown as the eye sees it, without the invisible marks around it.
            code: token
                .chars()
                .filter(|&c| !crate::persian::is_invisible(c))
                .collect(),
            why,
        })?;
        if value == 0 {
            return Err(SourceCodeError::Zero(position));
        }
        // parse_number caps values far below u32::MAX.
        codes.push(value as u32);
        rest = &rest[token_len..];
    }
    if codes.is_empty() {
        return Err(if hard_separators > 0 {
            SourceCodeError::LeadingSeparator
        } else {
            SourceCodeError::Empty
        });
    }
    if hard_separators > 0 {
        return Err(SourceCodeError::TrailingSeparator);
    }
    Ok(codes)
}

/// Write a list the canonical way (ASCII digits, `-`); `parse_source_codes` reads it back.
pub fn format_source_codes(codes: &[u32]) -> String {
    // One buffer rather than a string per code: a large study's lists hold millions of codes.
    let mut out = String::with_capacity(codes.len() * 7);
    for (i, &code) in codes.iter().enumerate() {
        if i > 0 {
            out.push('-');
        }
        push_decimal(&mut out, code);
    }
    out
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

    #[test]
    fn invisible_characters_around_codes_and_separators_are_ignored() {
        assert_eq!(
            parse_source_codes("\u{200F}1\u{200F}-\u{200E}2\u{00A0}-\u{061C}۳\u{2069}"),
            Ok(vec![1, 2, 3])
        );
        assert_eq!(parse_source_codes("1\u{200B},\u{FEFF}5"), Ok(vec![1, 5]));
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
        assert_eq!(format_source_codes(&[3, 1, 3, 40]), "3-1-3-40");
        assert_eq!(format_source_codes(&[]), "");
    }

    #[test]
    fn paper_lists_keep_order_and_duplicates() {
        assert_eq!(
            parse_source_codes("۱-۲-۳-۴-۸-۱۶-۶-۵"),
            Ok(vec![1, 2, 3, 4, 8, 16, 6, 5])
        );
        assert_eq!(
            parse_source_codes("۱-۲-۳-۴-۵-۶-۸-۹-۱۱-۱۵-۱۵-۱۶"),
            Ok(vec![1, 2, 3, 4, 5, 6, 8, 9, 11, 15, 15, 16])
        );
    }

    #[test]
    fn every_separator_and_digit_script() {
        let expected = Ok(vec![1, 12, 3]);
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
        assert_eq!(parse_source_codes("۷"), Ok(vec![7]));
    }

    #[test]
    fn errors_name_the_bad_code() {
        assert_eq!(parse_source_codes(""), Err(SourceCodeError::Empty));
        assert_eq!(parse_source_codes("   "), Err(SourceCodeError::Empty));
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
            parse_source_codes("1-x2"),
            Err(SourceCodeError::BadCode { position: 2, ref code, .. }) if code == "x2"
        ));
        assert!(matches!(
            parse_source_codes("1-2.5"),
            Err(SourceCodeError::BadCode {
                why: NumberError::Fraction,
                ..
            })
        ));
        assert!(matches!(
            parse_source_codes("1-1۲"),
            Err(SourceCodeError::BadCode {
                why: NumberError::MixedScripts(..),
                ..
            })
        ));
        assert!(matches!(
            parse_source_codes("1-99999999999"),
            Err(SourceCodeError::BadCode {
                why: NumberError::TooLarge,
                ..
            })
        ));
    }

    #[test]
    fn print_then_parse_is_identity() {
        for codes in [vec![1], vec![3, 1, 2, 2], vec![16, 15, 16, 1000]] {
            assert_eq!(parse_source_codes(&format_source_codes(&codes)), Ok(codes));
        }
    }
}

//! Persian-aware text handling: digits in three scripts, and a normalised matching key.
//!
//! Researchers type codes with ASCII, Persian (۰-۹) or Arabic-Indic (٠-٩) digits, and labels
//! pasted from a PDF or typed on different keyboards differ in invisible ways (ZWNJ or space,
//! Arabic or Persian yeh and kaf, presentation forms). Labels are always displayed as written;
//! [`match_key`] is only for deciding whether two labels are the same.

use unicode_normalization::UnicodeNormalization;

/// Which digit script a digit belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DigitScript {
    Ascii,
    Persian,
    ArabicIndic,
}

impl DigitScript {
    pub fn name(self) -> &'static str {
        match self {
            DigitScript::Ascii => "ASCII",
            DigitScript::Persian => "Persian",
            DigitScript::ArabicIndic => "Arabic-Indic",
        }
    }
}

/// The value and script of a decimal digit, or `None` for any other character.
pub fn digit(c: char) -> Option<(u32, DigitScript)> {
    match c {
        '0'..='9' => Some((c as u32 - '0' as u32, DigitScript::Ascii)),
        '۰'..='۹' => Some((c as u32 - '۰' as u32, DigitScript::Persian)),
        '٠'..='٩' => Some((c as u32 - '٠' as u32, DigitScript::ArabicIndic)),
        _ => None,
    }
}

/// Why a cell is not a non-negative whole number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    Empty,
    Negative,
    Fraction,
    /// A thousands separator (`1,234`): counts are written without one.
    ThousandsSeparator(char),
    /// A character that is not a digit, with its character index in the trimmed text.
    NotADigit(char),
    MixedScripts(DigitScript, DigitScript),
    TooLarge,
}

impl std::fmt::Display for NumberError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NumberError::Empty => write!(f, "it is empty"),
            NumberError::Negative => write!(f, "it is negative"),
            NumberError::Fraction => write!(f, "it is not a whole number"),
            NumberError::ThousandsSeparator(c) => write!(
                f,
                "{c:?} (U+{:04X}) separates thousands here; counts are written without a \
                 thousands separator",
                *c as u32
            ),
            NumberError::NotADigit(c) => write!(f, "{:?} (U+{:04X}) is not a digit", c, *c as u32),
            NumberError::MixedScripts(a, b) => {
                write!(f, "it mixes {} and {} digits", a.name(), b.name())
            }
            NumberError::TooLarge => write!(f, "it is too large"),
        }
    }
}

/// Largest number accepted as a code or a count: far above any real study, far below overflow.
pub const MAX_NUMBER: u64 = 1_000_000_000;

/// Whether `c` is an invisible formatting character that spreadsheets and Persian keyboards
/// leave around codes, separators and numbers: bidi marks and isolates, zero-width characters,
/// the word joiner, the soft hyphen, a stray byte-order mark. Ignored in numbers and code lists.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{061C}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// Parse a non-negative whole number written in one digit script (surrounding spaces and
/// invisible formatting characters ignored).
/// A decimal part of zeros is the whole number (`4.0`, `۴٫۰`: how pandas and Excel export whole
/// numbers); any other decimal part is refused. A thousands separator (`1,234`, `1٬234`) is
/// refused with a message of its own: in a codebook a comma also separates codes, and a count
/// of interviewees never needs one.
pub fn parse_number(text: &str) -> Result<u64, NumberError> {
    // Invisible characters are all outside ASCII: most cells skip the copy.
    let visible: String;
    let text = if !text.is_ascii() && text.chars().any(is_invisible) {
        visible = text.chars().filter(|&c| !is_invisible(c)).collect();
        visible.trim()
    } else {
        text.trim()
    };
    if text.is_empty() {
        return Err(NumberError::Empty);
    }
    if let Some(i) = text.find(['.', '٫']) {
        let separator = text[i..].chars().next().map_or(1, char::len_utf8);
        let (whole, fraction) = (&text[..i], &text[i + separator..]);
        let zeros = !fraction.is_empty()
            && fraction
                .chars()
                .all(|c| digit(c).is_some_and(|(d, _)| d == 0));
        if zeros && !whole.is_empty() {
            return parse_number(whole);
        }
    }
    // Three digits after each separator: a thousands separator, not a list or a fraction.
    // Commas, the Arabic thousands separator, and the spaces (plain, no-break, narrow, thin)
    // and apostrophe that French, Swiss and Persian typesetting group digits with.
    for separator in [
        ',', '\u{066C}', ' ', '\u{00A0}', '\u{202F}', '\u{2009}', '\'',
    ] {
        if let Some((head, rest)) = text.split_once(separator) {
            let groups_of_three = rest
                .split(separator)
                .all(|g| g.chars().count() == 3 && g.chars().all(|c| digit(c).is_some()));
            if !head.is_empty() && head.chars().all(|c| digit(c).is_some()) && groups_of_three {
                return Err(NumberError::ThousandsSeparator(separator));
            }
        }
    }
    let mut value: u64 = 0;
    let mut script: Option<DigitScript> = None;
    for (i, c) in text.chars().enumerate() {
        match digit(c) {
            Some((d, s)) => {
                match script {
                    Some(first) if first != s => return Err(NumberError::MixedScripts(first, s)),
                    _ => script = Some(s),
                }
                value = value * 10 + u64::from(d);
                if value > MAX_NUMBER {
                    return Err(NumberError::TooLarge);
                }
            }
            None if i == 0 && matches!(c, '-' | '\u{2212}') => return Err(NumberError::Negative),
            None if matches!(c, '.' | '٫' | '/' | ',') && i > 0 => {
                return Err(NumberError::Fraction)
            }
            None => return Err(NumberError::NotADigit(c)),
        }
    }
    Ok(value)
}

/// Parse a printed percentage: digits in one script, an optional decimal separator (`.`, `٫`
/// or `/` as Persian typesetting uses), an optional `%` or `٪`. Returns (digits, decimals).
pub fn parse_percent(text: &str) -> Result<(u64, u32), NumberError> {
    let text = text.trim().trim_end_matches(['%', '٪']).trim();
    let (whole, fraction) = match text.find(['.', '٫', '/']) {
        Some(i) => {
            let separator_len = text[i..].chars().next().map_or(1, char::len_utf8);
            (&text[..i], Some(&text[i + separator_len..]))
        }
        None => (text, None),
    };
    let whole_value = if whole.is_empty() && fraction.is_some() {
        0
    } else {
        parse_number(whole)?
    };
    match fraction {
        None => Ok((whole_value, 0)),
        Some(f) => {
            let decimals = f.chars().count() as u32;
            if decimals == 0 || decimals > 6 {
                return Err(NumberError::Fraction);
            }
            let fraction_value = parse_number(f)?;
            Ok((whole_value * 10u64.pow(decimals) + fraction_value, decimals))
        }
    }
}

/// A key for comparing labels: NFKC; Arabic yeh/kaf and alef maksura to Persian; digits to
/// ASCII; tatweel and diacritics removed; ZWNJ, ZWJ and runs of white space folded to one space;
/// trimmed; Latin letters lower-cased.
pub fn match_key(text: &str) -> String {
    if text.is_ascii() {
        // What the general path does to ASCII (NFKC and NFC leave it as it is): collapse
        // whitespace, lower-case. A million English roster names normalise in milliseconds.
        let words: Vec<String> = text
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        return words.join(" ");
    }
    general_match_key(text)
}

fn general_match_key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkc() {
        let c = match c {
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            '\u{200C}' | '\u{200D}' | '\u{00A0}' => ' ',
            _ => c,
        };
        if c == '\u{0640}'
            || is_diacritic(c)
            || c == '\u{FEFF}'
            || c == '\u{200E}'
            || c == '\u{200F}'
        {
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match digit(c) {
            Some((d, _)) => out.push(char::from_digit(d, 10).unwrap_or(c)),
            None => out.extend(c.to_lowercase()),
        }
    }
    // Removing marks can leave the remaining ones out of canonical order; put them back in
    // order so that normalising again changes nothing (found by fuzzing).
    out.nfc().collect()
}

/// Arabic-script combining marks: harakat, tanwin, shadda, sukun, superscript alef, hamza marks.
pub fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// Whether most letters of `texts` are in Arabic script (a study's labels: it is Persian).
pub fn mostly_arabic_script<'a>(texts: impl IntoIterator<Item = &'a str>) -> bool {
    let (mut arabic, mut other) = (0usize, 0usize);
    for c in texts
        .into_iter()
        .flat_map(str::chars)
        .filter(|c| c.is_alphabetic())
    {
        if is_arabic_script(c) {
            arabic += 1;
        } else {
            other += 1;
        }
    }
    arabic > other
}

/// Whether `c` is in one of Unicode's Arabic-script blocks.
pub fn is_arabic_script(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
}

/// Write a number with Persian digits (as the paper prints them).
pub fn to_persian_digits(n: u64) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(c as u32 - '0' as u32 + '۰' as u32).unwrap_or(c))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn ascii_fast_path_agrees_with_the_general_path() {
        for text in [
            "",
            " ",
            "Ann",
            "  Dr  Ann\tLEE \n",
            "a\x0Bb",
            "x\x1Fy",
            "R2-D2 (7)",
            "~!@#$%^&*",
        ] {
            assert_eq!(
                super::match_key(text),
                super::general_match_key(text),
                "{text:?}"
            );
        }
        // Every ASCII string of up to three characters (2 million), with a space around.
        let ascii = || (0u8..128).map(char::from);
        for a in ascii() {
            for b in ascii() {
                for c in ascii() {
                    let text: String = [a, ' ', b, c].iter().collect();
                    assert_eq!(super::match_key(&text), super::general_match_key(&text));
                }
            }
        }
    }

    use super::*;

    #[test]
    fn numbers_in_each_script() {
        assert_eq!(parse_number("16"), Ok(16));
        assert_eq!(parse_number("۱۶"), Ok(16));
        assert_eq!(parse_number("١٦"), Ok(16));
        assert_eq!(parse_number(" ۱۴۱ "), Ok(141));
        assert_eq!(parse_number("0"), Ok(0));
    }

    #[test]
    fn invisible_characters_around_and_in_numbers_are_ignored() {
        assert_eq!(parse_number("\u{200F}12\u{200E}"), Ok(12));
        assert_eq!(parse_number("\u{00A0}۱۲\u{061C}"), Ok(12));
        assert_eq!(parse_number("1\u{200B}2"), Ok(12));
        assert_eq!(parse_number("\u{200F}"), Err(NumberError::Empty));
    }

    #[test]
    fn whole_numbers_as_spreadsheets_write_them() {
        assert_eq!(parse_number("4.0"), Ok(4));
        assert_eq!(parse_number("۴٫۰۰"), Ok(4));
        assert_eq!(parse_number("12.000"), Ok(12));
        assert_eq!(parse_number("4.5"), Err(NumberError::Fraction));
        assert_eq!(parse_number("4."), Err(NumberError::Fraction));
        assert_eq!(parse_number(".0"), Err(NumberError::NotADigit('.')));
        assert_eq!(
            parse_number("1,234"),
            Err(NumberError::ThousandsSeparator(','))
        );
        assert_eq!(
            parse_number("۱٬۲۳۴"),
            Err(NumberError::ThousandsSeparator('٬'))
        );
        for grouped in [
            "1 234",
            "1\u{00A0}234",
            "12\u{202F}345\u{202F}678",
            "1\u{2009}234",
            "1'234",
        ] {
            assert!(
                matches!(
                    parse_number(grouped),
                    Err(NumberError::ThousandsSeparator(_))
                ),
                "{grouped:?}"
            );
        }
        assert_eq!(parse_number("1 23"), Err(NumberError::NotADigit(' ')));
        assert_eq!(parse_number("1,2"), Err(NumberError::Fraction));
    }

    #[test]
    fn number_errors_say_what_is_wrong() {
        assert_eq!(parse_number(""), Err(NumberError::Empty));
        assert_eq!(parse_number("  "), Err(NumberError::Empty));
        assert_eq!(parse_number("-3"), Err(NumberError::Negative));
        assert_eq!(parse_number("2.5"), Err(NumberError::Fraction));
        assert_eq!(parse_number("۲٫۵"), Err(NumberError::Fraction));
        assert_eq!(parse_number("x1"), Err(NumberError::NotADigit('x')));
        assert_eq!(
            parse_number("1۲"),
            Err(NumberError::MixedScripts(
                DigitScript::Ascii,
                DigitScript::Persian
            ))
        );
        assert_eq!(
            parse_number("99999999999999999999999"),
            Err(NumberError::TooLarge)
        );
    }

    #[test]
    fn match_key_folds_yeh_kaf_zwnj_digits_and_diacritics() {
        // Arabic yeh and kaf against Persian ones.
        assert_eq!(match_key("كريدور شمالي"), match_key("کریدور شمالی"));
        // ZWNJ, space and a missing separator in the extraction all fold the same way when
        // the separator is present; a glued word stays different (it is a different string).
        assert_eq!(match_key("برنامه‌های"), match_key("برنامه های"));
        assert_eq!(match_key("  برنامه   های "), "برنامه های");
        // Digits.
        assert_eq!(match_key("جدول ۲"), match_key("جدول 2"));
        assert_eq!(match_key("جدول ٢"), "جدول 2");
        // Tatweel and diacritics.
        assert_eq!(match_key("شـعر"), "شعر");
        assert_eq!(match_key("شِعر"), "شعر");
        // Presentation forms (pasted from PDFs) go back to letters.
        assert_eq!(match_key("\u{FEB7}\u{FECC}\u{FEAE}"), "شعر");
    }

    #[test]
    fn match_key_is_idempotent_on_examples() {
        // The last one was found by cargo fuzz: marks left out of canonical order.
        let fuzzed = "ӿқ444444444444444\u{1b34}\u{5b4}\u{5a4}\u{5a4}\u{5a4}";
        for s in ["كريدور‌ شمالي", " ۱۲۳ شـِعر ", "ABC def", fuzzed] {
            let once = match_key(s);
            assert_eq!(match_key(&once), once);
        }
    }

    #[test]
    fn percentages_keep_their_printed_precision() {
        assert_eq!(parse_percent("54.07"), Ok((5407, 2)));
        assert_eq!(parse_percent("۵۴٫۰۷٪"), Ok((5407, 2)));
        assert_eq!(parse_percent("54%"), Ok((54, 0)));
        assert_eq!(parse_percent("12.5"), Ok((125, 1)));
        assert!(parse_percent("x").is_err());
        assert!(parse_percent("-3").is_err());
    }

    #[test]
    fn persian_digits_round_trip() {
        assert_eq!(to_persian_digits(166), "۱۶۶");
        assert_eq!(parse_number(&to_persian_digits(1403)), Ok(1403));
    }
}

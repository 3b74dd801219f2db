//! What a spreadsheet does to a cell it thinks it understands: `3-8` becomes 8 March and is
//! saved as «8-Mar» (or, formatted as a number, as the serial `45359`), a long number becomes
//! `1.2E+03`, a column formatted as percent gains a `%`, `3:8` becomes a time, and an ID's
//! leading zeros go (`007` → `7`). Recognising these lets a message say what happened and how
//! to keep the column as text, instead of "`Mar` is not a number".
//!
//! Not for reading any of them as a value: a damaged cell is refused, never repaired (the list
//! it was is not knowable: `8-Mar` was `3-8` in one locale and `8-3` in another).

use crate::persian::digit;

/// What a spreadsheet made of a cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Damage {
    /// A date, as the eye reads it (`8 March`, `8 March 2024`); empty for a date in numbers
    /// (`3/8/2024`, `1403/12/18`), which reads as itself.
    Date(String),
    /// A number that is a spreadsheet's day count for a date (`45359` = 8 March 2024).
    DateSerial(String),
    /// A time of day (`3:08`).
    Time,
    /// Scientific notation, with the number it stands for (`1.2E+03` = 1200).
    Scientific(String),
    /// A percentage (`38%`).
    Percent,
}

/// How to keep `column` as text in the three spreadsheets researchers use, for fixes, with an
/// example value (`3-8`) for the apostrophe that does it one cell at a time.
pub fn keep_as_text(column: &str, example: &str) -> String {
    format!(
        "format the `{column}` column as text before typing (Excel: Home › Number Format › Text; \
         LibreOffice Calc: Format › Cells › Numbers › Text; Google Sheets: Format › Number › \
         Plain text), or type an apostrophe before the value ('{example}), which none of them saves"
    )
}

impl Damage {
    /// What happened, after "the cell ": "reads as a date (8 March): …". `original` is what
    /// the cell held before, in words ("a list such as `3-8`", "a count").
    pub fn explain(&self, original: &str) -> String {
        match self {
            Damage::Date(date) if date.is_empty() => format!(
                "reads as a date: a spreadsheet took {original} for a date and saved the date"
            ),
            Damage::Date(date) => format!(
                "reads as a date ({date}): a spreadsheet took {original} for a date and saved the date"
            ),
            Damage::DateSerial(date) => format!(
                "is what a spreadsheet stores for the date {date}: it took {original} for a date, then the column was formatted as a number"
            ),
            Damage::Time => format!(
                "reads as a time of day: a spreadsheet took {original} for a time and saved the time"
            ),
            Damage::Scientific(value) => format!(
                "is a number in scientific notation ({value}): a spreadsheet shows a long number this way, and may have rounded it when saving"
            ),
            Damage::Percent => "is a percentage: the column was formatted as percent in a spreadsheet".into(),
        }
    }
}

const MONTHS_EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The Gregorian months as Persian writes them (a Persian-locale spreadsheet's dates).
const MONTHS_FA: [&str; 12] = [
    "ژانویه",
    "فوریه",
    "مارس",
    "آوریل",
    "مه",
    "ژوئن",
    "ژوئیه",
    "اوت",
    "سپتامبر",
    "اکتبر",
    "نوامبر",
    "دسامبر",
];

/// The months of the solar hijri calendar, as Iranian spreadsheets and phones write dates.
const MONTHS_SOLAR: [&str; 12] = [
    "فروردین",
    "اردیبهشت",
    "خرداد",
    "تیر",
    "مرداد",
    "شهریور",
    "مهر",
    "آبان",
    "آذر",
    "دی",
    "بهمن",
    "اسفند",
];

/// The month a word names (`Mar`, `march`, `مارس`, `اسفند`), as English writes it.
fn month(word: &str) -> Option<String> {
    let lower = word.to_lowercase();
    let lower = lower.trim_end_matches('.');
    if lower.len() >= 3 {
        if let Some(i) = MONTHS_EN.iter().position(|m| m.starts_with(lower)) {
            let name = MONTHS_EN[i];
            return Some(format!("{}{}", name[..1].to_uppercase(), &name[1..]));
        }
    }
    if let Some(i) = MONTHS_FA.iter().position(|m| *m == lower) {
        let name = MONTHS_EN[i];
        return Some(format!("{}{}", name[..1].to_uppercase(), &name[1..]));
    }
    MONTHS_SOLAR
        .iter()
        .find(|m| **m == lower)
        .map(|m| (*m).to_string())
}

/// The cell with its digits in ASCII and its invisible marks and outer spaces gone.
fn plain(cell: &str) -> String {
    cell.chars()
        .filter(|&c| !crate::persian::is_invisible(c))
        .map(|c| match digit(c) {
            Some((d, _)) => char::from_digit(d, 10).unwrap_or(c),
            None => c,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

fn number(part: &str) -> Option<u32> {
    (!part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit()))
        .then(|| part.parse().ok())
        .flatten()
}

/// `8 March`, `8 March 2024`: a day, a month, a year if there is one.
fn date_words(day: u32, month: &str, year: Option<u32>) -> String {
    match year {
        Some(y) => format!("{day} {month} {y}"),
        None => format!("{day} {month}"),
    }
}

/// A date written with a month's name: `8-Mar`, `Mar-08`, `08-Mar-24`, `March 8, 2024`, `۸ مارس`.
fn named_date(cell: &str) -> Option<String> {
    let parts: Vec<&str> = cell
        .split(['-', '/', ' ', ',', '،', '.', '–', '‐'])
        .filter(|p| !p.is_empty())
        .collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let at = parts.iter().position(|p| month(p).is_some())?;
    let name = month(parts[at])?;
    let numbers: Vec<u32> = parts
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != at)
        .map(|(_, p)| number(p))
        .collect::<Option<_>>()?;
    match numbers.as_slice() {
        [day] if (1..=31).contains(day) => Some(date_words(*day, &name, None)),
        // `Mar-24`: a month and a year.
        [year] => Some(format!("{name} {year}")),
        [day, year] | [year, day] if (1..=31).contains(day) && *year > 31 => {
            Some(date_words(*day, &name, Some(*year)))
        }
        [day, year] if (1..=31).contains(day) => Some(date_words(*day, &name, Some(*year))),
        _ => None,
    }
}

/// A date in numbers: `3/8/2024`, `8.3.24`, `2024-03-08`, `1403/12/18`. Hyphens only with a
/// four-digit year first (`1-2-3` is a list of codes).
fn numeric_date(cell: &str) -> Option<String> {
    let date = cell.split(' ').next()?;
    let separator = date.chars().find(|c| matches!(c, '/' | '.' | '-'))?;
    let parts: Vec<&str> = date.split(separator).collect();
    if parts.len() != 3 || parts.iter().any(|p| number(p).is_none()) {
        return None;
    }
    let n: Vec<u32> = parts.iter().filter_map(|p| number(p)).collect();
    let year_first = parts[0].len() == 4;
    if separator == '-' && !year_first {
        return None;
    }
    let (a, b) = if year_first {
        (n[1], n[2])
    } else {
        (n[0], n[1])
    };
    let year = if year_first { n[0] } else { n[2] };
    let plausible = (1..=31).contains(&a)
        && (1..=31).contains(&b)
        && (a <= 12 || b <= 12)
        && (parts[if year_first { 0 } else { 2 }].len() == 2 || (1300..=2100).contains(&year));
    plausible.then(String::new)
}

/// A time of day: `3:08`, `03:08:00`, `3:08 PM`, `۳:۰۸ ب.ظ`.
fn time(cell: &str) -> bool {
    let clock = cell
        .trim_end_matches(|c: char| c.is_alphabetic() || c == '.' || c == ' ')
        .trim();
    let parts: Vec<&str> = clock.split(':').collect();
    (2..=3).contains(&parts.len())
        && number(parts[0]).is_some_and(|h| h <= 24)
        && parts[1..]
            .iter()
            .all(|p| p.len() == 2 && number(p).is_some_and(|m| m <= 59))
}

/// Scientific notation: `1.2E+03`, `1,23457E+11`, `5e3`.
fn scientific(cell: &str) -> Option<String> {
    let lower = cell.to_lowercase();
    let (mantissa, exponent) = lower.split_once('e')?;
    let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
    let exponent: i32 = exponent.parse().ok()?;
    let mantissa = mantissa.replace([',', '٫'], ".");
    let value: f64 = mantissa.parse().ok()?;
    if !mantissa.bytes().next().is_some_and(|b| b.is_ascii_digit()) || exponent.abs() > 30 {
        return None;
    }
    let value = value * 10f64.powi(exponent);
    Some(if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{value:.0}")
    } else {
        format!("{value}")
    })
}

/// A percentage: `38%`, `12.5 %`, `۳۸٪`.
fn percent(cell: &str) -> bool {
    let Some(number) = cell.strip_suffix(['%', '٪']) else {
        return false;
    };
    let number = number.trim().replace([',', '٫'], ".");
    !number.is_empty() && number.parse::<f64>().is_ok()
}

/// What a spreadsheet made of `cell`, when the cell is unmistakably one of its formats.
pub fn damage(cell: &str) -> Option<Damage> {
    let cell = plain(cell);
    if cell.is_empty() {
        return None;
    }
    if percent(&cell) {
        return Some(Damage::Percent);
    }
    if let Some(value) = scientific(&cell) {
        return Some(Damage::Scientific(value));
    }
    if time(&cell) {
        return Some(Damage::Time);
    }
    if let Some(date) = named_date(&cell).or_else(|| numeric_date(&cell)) {
        return Some(Damage::Date(date));
    }
    None
}

/// The date a spreadsheet's day count stands for, for counts a spreadsheet would show as a
/// recent date (1 January 1970 to 31 December 2099): Excel, LibreOffice and Google Sheets all
/// count days from 30 December 1899.
pub fn serial_date(n: u32) -> Option<String> {
    if !(25_569..=73_050).contains(&n) {
        return None;
    }
    // Days since 1970-01-01, then the civil date (Howard Hinnant's algorithm).
    let z = i64::from(n) - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    let name = MONTHS_EN[(month - 1) as usize];
    Some(format!(
        "{day} {}{} {year}",
        name[..1].to_uppercase(),
        &name[1..]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<Damage> {
        Some(Damage::Date(s.into()))
    }

    #[test]
    fn dates_a_spreadsheet_writes_are_recognised_in_both_languages() {
        assert_eq!(damage("8-Mar"), date("8 March"));
        assert_eq!(damage("Mar-8"), date("8 March"));
        assert_eq!(damage("08-Mar-24"), date("8 March 24"));
        assert_eq!(damage("March 8, 2024"), date("8 March 2024"));
        assert_eq!(damage("۸-مارس"), date("8 March"));
        assert_eq!(damage("۱۸ اسفند"), date("18 اسفند"));
        for numeric in [
            "3/8/2024",
            "۱۴۰۲/۱۲/۱۸",
            "2024-03-08",
            "8.3.24",
            "3/8/2024 0:00",
        ] {
            assert_eq!(damage(numeric), date(""), "{numeric}");
        }
    }

    #[test]
    fn lists_of_codes_are_not_dates() {
        for list in [
            "1-2-3", "3-8", "1-2-2024", "P01-P03", "Int-04", "1, 2, 3", "۱-۲-۵", "M1", "Mar",
            "may", "12", "1/2", "40/50/60",
        ] {
            assert_eq!(damage(list), None, "{list}");
        }
    }

    #[test]
    fn times_scientific_notation_and_percentages() {
        assert_eq!(damage("3:08"), Some(Damage::Time));
        assert_eq!(damage("03:08:00"), Some(Damage::Time));
        assert_eq!(damage("3:08 PM"), Some(Damage::Time));
        assert_eq!(damage("۳:۰۸"), Some(Damage::Time));
        assert_eq!(damage("3:8"), None);
        assert_eq!(damage("1.2E+03"), Some(Damage::Scientific("1200".into())));
        assert_eq!(
            damage("1,23457E+11"),
            Some(Damage::Scientific("123457000000".into()))
        );
        assert_eq!(damage("E5"), None);
        assert_eq!(damage("38%"), Some(Damage::Percent));
        assert_eq!(damage("۱۲٫۵٪"), Some(Damage::Percent));
        assert_eq!(damage("%"), None);
    }

    #[test]
    fn day_counts_are_the_dates_spreadsheets_show() {
        assert_eq!(serial_date(45_359).as_deref(), Some("8 March 2024"));
        assert_eq!(serial_date(25_569).as_deref(), Some("1 January 1970"));
        assert_eq!(serial_date(45_292).as_deref(), Some("1 January 2024"));
        assert_eq!(serial_date(16), None);
    }
}

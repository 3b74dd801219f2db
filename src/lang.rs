//! The language outputs are written in, how it is chosen, and the study's words for its levels
//! and cases in each language.
//!
//! Which language a codebook's outputs take is the codebook's to say
//! (`Codebook::language`, in the model): this module knows languages, not codebooks. Not for
//! phrasing: each renderer has its own sentences; it takes the words for levels and cases from
//! [`Names`].

use serde::Deserialize;

/// A language thematic writes.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fa,
    En,
}

impl Lang {
    /// The ISO 639-1 code, as written in `study.toml` and on the command line.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fa => "fa",
            Lang::En => "en",
        }
    }

    /// Every language thematic writes.
    pub fn all() -> &'static [Lang] {
        <Lang as clap::ValueEnum>::value_variants()
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::all().iter().copied().find(|l| l.code() == code)
    }

    /// `x` with `places` decimals, in this language's digits and decimal separator (`٫`).
    pub fn decimal(self, x: f64, places: usize) -> String {
        Digits::of(self).decimal(x, places)
    }

    /// A percentage with one decimal (`54.1%`, `۵۴٫۱٪`).
    pub fn percent(self, x: f64) -> String {
        let number = self.decimal(x, 1);
        match self {
            Lang::Fa => format!("{number}٪"),
            Lang::En => format!("{number}%"),
        }
    }

    /// Whether text in this language reads right to left.
    pub fn is_rtl(self) -> bool {
        self == Lang::Fa
    }

    /// An interviewee's code in this language: a number in its digits, an identifier as
    /// written (`P01` stays `P01` in Persian).
    pub fn id(self, code: crate::case_id::CaseId) -> String {
        Digits::of(self).id(code)
    }

    /// `text` with its digits in this language's: ASCII made Persian in Persian, Persian and
    /// Arabic-Indic made ASCII in English (an English letter shows no Persian digit).
    pub fn digits(self, text: &str) -> String {
        Digits::of(self).apply(text)
    }

    /// `text` set apart in a sentence of this language when it holds letters of the other
    /// direction (a Persian label in English, a Latin one in Persian): between U+2068 and U+2069
    /// (first strong isolate … pop directional isolate), so that no punctuation around it flips.
    /// HTML writes the same as `<bdi>`.
    pub fn isolate(self, text: &str) -> String {
        let foreign = |c: char| {
            c.is_alphabetic()
                && match self {
                    Lang::En => is_arabic_script(c),
                    Lang::Fa => !is_arabic_script(c),
                }
        };
        if text.chars().any(foreign) {
            format!("{FSI}{text}{PDI}")
        } else {
            text.to_string()
        }
    }

    /// Source text quoted in a sentence of this language: in guillemets, [isolated](Lang::isolate)
    /// with them, in the language's digits: always
    /// in English (an English letter shows no Persian digit); in Persian unless the text has
    /// Latin letters (`P01` is written as it is).
    pub fn quote(self, text: &str) -> String {
        let latin = text
            .chars()
            .any(|c| c.is_alphabetic() && !is_arabic_script(c));
        let text = match self {
            Lang::Fa if latin => text.to_string(),
            _ => self.digits(text),
        };
        // The guillemets go inside the isolate: a renderer that mishandles the closing isolate
        // (LibreOffice) would otherwise give the closing guillemet the quote's direction and
        // turn it round; inside, both mirror together and read right in either direction.
        self.isolate(&format!("«{text}»"))
    }
}

/// First strong isolate: opens text whose direction is its own first letter's.
pub const FSI: char = '\u{2068}';
/// Pop directional isolate: closes [`FSI`].
pub const PDI: char = '\u{2069}';

/// The digits numbers are written in (`--digits`). A document follows its language unless the
/// journal asks otherwise (some Persian journals print Latin digits).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Digits {
    Persian,
    Latin,
}

impl Digits {
    /// The language's own digits.
    pub fn of(lang: Lang) -> Digits {
        match lang {
            Lang::Fa => Digits::Persian,
            Lang::En => Digits::Latin,
        }
    }

    /// `text` with its digits in these digits: ASCII digits made Persian, or Persian and
    /// Arabic-Indic digits made ASCII. Nothing else changes.
    pub fn apply(self, text: &str) -> String {
        text.chars()
            .map(|c| match (self, crate::persian::digit(c)) {
                (Digits::Persian, Some((d, crate::persian::DigitScript::Ascii))) => {
                    char::from_u32(0x06F0 + d).unwrap_or(c)
                }
                (Digits::Latin, Some((d, _))) => char::from_u32('0' as u32 + d).unwrap_or(c),
                _ => c,
            })
            .collect()
    }

    /// An interviewee's code: a number in these digits, an identifier as written.
    pub fn id(self, code: crate::case_id::CaseId) -> String {
        match code.as_number() {
            Some(n) => self.apply(&n.to_string()),
            None => code.written().into_owned(),
        }
    }

    /// A source-code list in these digits: numbers joined by `-` as the paper prints them
    /// (`۱-۲-۵`), a list with an identifier by `comma` (`P01, P03`; `م۱، م۳`) so that a hyphen
    /// inside a code stays one.
    pub fn codes(self, codes: &[crate::case_id::CaseId], comma: &str) -> String {
        codes
            .iter()
            .map(|&c| self.id(c))
            .collect::<Vec<_>>()
            .join(crate::case_id::list_separator(codes, comma))
    }

    /// `x` with `places` decimals in these digits, with the Persian decimal separator (`٫`)
    /// between Persian digits.
    pub fn decimal(self, x: f64, places: usize) -> String {
        let text = self.apply(&format!("{x:.places$}"));
        match self {
            Digits::Persian => text.replace('.', "٫"),
            Digits::Latin => text,
        }
    }
}

/// Whether `c` is in one of Unicode's Arabic-script blocks (kept in [`crate::persian`], which
/// the interviewee codes below this module use too).
pub use crate::persian::is_arabic_script;

/// What a study calls its levels and its cases, singular and plural, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Names {
    pub case: String,
    pub cases: String,
    pub dimension: String,
    pub dimensions: String,
    pub component: String,
    pub components: String,
    pub base_theme: String,
    pub base_themes: String,
}

impl Names {
    /// The words thematic uses when a study names nothing: a thematic network coded from
    /// interviews.
    pub fn defaults(lang: Lang) -> Names {
        let words = match lang {
            Lang::En => [
                "interviewee",
                "interviewees",
                "dimension",
                "dimensions",
                "component",
                "components",
                "base theme",
                "base themes",
            ],
            Lang::Fa => [
                "مصاحبه‌شونده",
                "مصاحبه‌شوندگان",
                "بُعد",
                "ابعاد",
                "مؤلفه",
                "مؤلفه‌ها",
                "مضمون پایه",
                "مضامین پایه",
            ],
        };
        let [case, cases, dimension, dimensions, component, components, base_theme, base_themes] =
            words.map(String::from);
        Names {
            case,
            cases,
            dimension,
            dimensions,
            component,
            components,
            base_theme,
            base_themes,
        }
    }
}

/// `n` and an English noun that agrees with it: `1 file`, `2 files`.
pub fn count(n: impl Into<u64>, one: &str, many: &str) -> String {
    let n = n.into();
    format!("{n} {}", if n == 1 { one } else { many })
}

/// How many times, in words for the small counts: `twice`, `3 times`; `دو بار`.
pub fn times(lang: Lang, n: u32) -> String {
    match (lang, n) {
        (Lang::En, 1) => "once".into(),
        (Lang::En, 2) => "twice".into(),
        (Lang::En, n) => format!("{n} times"),
        (Lang::Fa, 1..=5) => {
            let word = ["یک", "دو", "سه", "چهار", "پنج"][n as usize - 1];
            format!("{word} بار")
        }
        (Lang::Fa, n) => format!("{} بار", lang.digits(&n.to_string())),
    }
}

/// A Persian noun ready for the ezafe that follows it (`مضمون پایه` → `مضمون پایهٔ`); English
/// words unchanged.
pub fn ezafe(lang: Lang, noun: &str) -> String {
    match lang {
        Lang::Fa if noun.ends_with('ه') => format!("{noun}\u{654}"),
        _ => noun.to_string(),
    }
}

/// A Persian noun with the indefinite `ی` (`مضمون پایه` → `مضمون پایه‌ای`, `مؤلفه` →
/// `مؤلفه‌ای`, `بُعد` → `بُعدی`); English words unchanged.
pub fn indefinite(lang: Lang, noun: &str) -> String {
    match lang {
        Lang::Fa if noun.ends_with('ه') || noun.ends_with('ی') => format!("{noun}\u{200c}ای"),
        Lang::Fa => format!("{noun}ی"),
        Lang::En => noun.to_string(),
    }
}

/// Items joined as a sentence lists them: `a, b and c`; `الف، ب و ج`.
pub fn and_list(lang: Lang, items: &[String]) -> String {
    let (comma, and) = match lang {
        Lang::En => (", ", " and "),
        Lang::Fa => ("، ", " و "),
    };
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{}{and}{last}", init.join(comma)),
    }
}

/// `text` with its first letter in upper case (titles and sentence starts in English).
pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(count(1u64, "file", "files"), "1 file");
        assert_eq!(count(0u64, "file", "files"), "0 files");
        assert_eq!(count(25u64, "base theme", "base themes"), "25 base themes");
    }

    #[test]
    fn digits_convert_both_ways_and_leave_the_rest() {
        assert_eq!(Digits::Persian.apply("Table 12: 3-4"), "Table ۱۲: ۳-۴");
        assert_eq!(Digits::Latin.apply("جدول ۱۲ و ٣"), "جدول 12 و 3");
        assert_eq!(Digits::Persian.decimal(54.08, 1), "۵۴٫۱");
        assert_eq!(Digits::Latin.decimal(54.08, 1), "54.1");
        assert_eq!(Lang::Fa.digits("v0.1"), "v۰.۱");
    }
    #[test]
    fn digits_and_capitals() {
        assert_eq!(Lang::Fa.digits("14(4), 113-141"), "۱۴(۴), ۱۱۳-۱۴۱");
        assert_eq!(Lang::En.digits("2025"), "2025");
        assert_eq!(Lang::En.digits("۱-۲-۱۶"), "1-2-16");
        assert_eq!(Lang::Fa.percent(54.07), "۵۴٫۱٪");
        assert_eq!(Lang::En.decimal(0.9412, 2), "0.94");
        assert_eq!(capitalise("base themes"), "Base themes");
        assert_eq!(Lang::from_code("fa"), Some(Lang::Fa));
        assert_eq!(Lang::from_code("de"), None);
    }

    #[test]
    fn lists_and_times_read_as_sentences() {
        let items: Vec<String> = ["a", "b", "c"].map(String::from).to_vec();
        assert_eq!(and_list(Lang::En, &items), "a, b and c");
        assert_eq!(and_list(Lang::Fa, &items[..2]), "a و b");
        assert_eq!(times(Lang::En, 2), "twice");
        assert_eq!(times(Lang::Fa, 2), "دو بار");
        assert_eq!(times(Lang::Fa, 12), "۱۲ بار");
    }

    #[test]
    fn quotes_isolate_the_other_direction_only() {
        assert_eq!(Lang::En.quote("اشتراک ۲"), "\u{2068}«اشتراک 2»\u{2069}");
        assert_eq!(Lang::En.quote("shared border"), "«shared border»");
        assert_eq!(Lang::Fa.quote("P01 border"), "\u{2068}«P01 border»\u{2069}");
        assert_eq!(Lang::Fa.quote("اشتراک 2"), "«اشتراک ۲»");
        assert_eq!(Lang::Fa.isolate("۱-۲"), "۱-۲");
    }
}

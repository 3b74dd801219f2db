//! Reading `study.toml`: the study's citation, language, words and printed numbering, every
//! key checked, every problem located at file:line:column with a fix, as the CSV files are.
//!
//! Not for presenting the study (that is [`crate::study`]) nor for the CSV files.

use super::Problem;
use crate::lang::Lang;
use crate::model::{Localized, Printed, Study, WordOverrides};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use toml::Spanned;

/// The file's name in a codebook directory.
pub const STUDY: &str = "study.toml";

/// The keys of `study.toml`, as docs/codebook.md documents them.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StudyFile {
    title: Option<Localized<String>>,
    authors: Option<Localized<Vec<String>>>,
    year: Option<Spanned<i64>>,
    journal: Option<Localized<String>>,
    volume: Option<Number>,
    issue: Option<Number>,
    pages: Option<Number>,
    doi: Option<Spanned<String>>,
    language: Option<Spanned<String>>,
    words: Option<indexmap::IndexMap<Spanned<String>, WordsFile>>,
    printed: Option<PrintedFile>,
    /// `independent` (default) or `derived`: see [`Study::findings_derived`].
    findings: Option<Spanned<String>>,
    /// The manuscript `thematic read` read the codebook from.
    read_from: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WordsFile {
    case: Option<String>,
    cases: Option<String>,
    dimension: Option<String>,
    dimensions: Option<String>,
    component: Option<String>,
    components: Option<String>,
    base_theme: Option<String>,
    base_themes: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PrintedFile {
    roster: Option<Localized<String>>,
    coding_table: Option<Localized<String>>,
    dimensions_chart: Option<Localized<String>>,
    components_chart: Option<Localized<String>>,
}

/// A volume, issue or page range: written as a number or as text.
struct Number(String);

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Number, D::Error> {
        struct NumberVisitor;
        impl Visitor<'_> for NumberVisitor {
            type Value = Number;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number or a text, e.g. 14 or \"113-141\"")
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Number, E> {
                Ok(Number(v.to_string()))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Number, E> {
                Ok(Number(v.to_string()))
            }
        }
        deserializer.deserialize_any(NumberVisitor)
    }
}

/// A text for every language (`title = "…"`) or per language (`title.fa = "…"`, `title.en =
/// "…"`); the values may be lists (`authors`).
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Localized<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Localized<T>, D::Error> {
        struct LocalizedVisitor<T>(std::marker::PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for LocalizedVisitor<T> {
            type Value = Localized<T>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a value for every language, or a table of them by language code (e.g. en = \"…\")",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Localized<T>, E> {
                let value = T::deserialize(de::value::StrDeserializer::<E>::new(v))?;
                Ok(Localized {
                    any: Some(value),
                    by_lang: Vec::new(),
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Localized<T>, A::Error> {
                let value = T::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Localized {
                    any: Some(value),
                    by_lang: Vec::new(),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Localized<T>, A::Error> {
                let mut by_lang = Vec::new();
                while let Some(code) = map.next_key::<String>()? {
                    if !is_language_code(&code) {
                        return Err(de::Error::custom(format!(
                            "`{code}` is not a language code: write two or three lower-case letters, e.g. fa or en"
                        )));
                    }
                    by_lang.push((code, map.next_value()?));
                }
                Ok(Localized { any: None, by_lang })
            }
        }
        deserializer.deserialize_any(LocalizedVisitor(std::marker::PhantomData))
    }
}

/// ISO 639 codes: two or three lower-case letters.
fn is_language_code(code: &str) -> bool {
    (2..=3).contains(&code.len()) && code.chars().all(|c| c.is_ascii_lowercase())
}

/// Whether `doi` has the shape of a DOI: `10.`, a registrant code of digits (dots allowed),
/// `/`, and a suffix without spaces.
fn is_doi(doi: &str) -> bool {
    let Some((prefix, suffix)) = doi.split_once('/') else {
        return false;
    };
    let Some(registrant) = prefix.strip_prefix("10.") else {
        return false;
    };
    !registrant.is_empty()
        && registrant.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !suffix.is_empty()
        && !suffix.chars().any(char::is_whitespace)
}

/// 1-based line and column of byte `offset` in `text`.
fn position(text: &str, offset: usize) -> (u64, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() as u64 + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

const WORD_KEYS: &str =
    "case, cases, dimension, dimensions, component, components, base_theme, base_themes";

/// Read `study.toml`'s bytes. `display` names the file in problems.
pub fn read(display: &str, bytes: &[u8]) -> Result<Study, Vec<Problem>> {
    // The message names the key; a TOML file has no columns to name.
    let problem = |text: &str, offset: usize, message: String, fix: &str| {
        let (line, column) = position(text, offset);
        Problem {
            file: display.to_string(),
            line: Some(line),
            column: Some((column, String::new())),
            message,
            fix: fix.to_string(),
        }
    };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.strip_prefix('\u{feff}').unwrap_or(text),
        Err(e) => {
            let (line, _) = position(&String::from_utf8_lossy(bytes), e.valid_up_to());
            return Err(vec![Problem {
                file: display.to_string(),
                line: Some(line),
                column: None,
                message: "the file is not UTF-8 text".into(),
                fix: "save it as UTF-8 (any text editor can)".into(),
            }]);
        }
    };
    let file: StudyFile = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        // serde names Rust types; say what a researcher writes.
        let message = e
            .message()
            .trim_end()
            .replace("expected i64", "expected a whole number")
            .replace("expected u32", "expected a whole number");
        let fix = if message.starts_with("unknown field") {
            "remove the key or correct its spelling; the keys are documented in docs/codebook.md (study.toml)"
        } else if message.starts_with("invalid type") {
            "give the value the type docs/codebook.md documents for this key"
        } else {
            "correct the TOML here: each line is key = value, text in double quotes; the keys are documented in docs/codebook.md (study.toml)"
        };
        vec![problem(
            text,
            offset,
            message.clone(),
            fix,
        )]
    })?;
    let mut problems = Vec::new();
    let year = file.year.and_then(|y| match u32::try_from(*y.get_ref()) {
        Ok(year) if (1000..=9999).contains(&year) => Some(year),
        _ => {
            problems.push(problem(
                text,
                y.span().start,
                format!("the year {} is not a year", y.get_ref()),
                "write the year of publication with four digits, e.g. 2025",
            ));
            None
        }
    });
    let doi = file.doi.and_then(|d| {
        let given = d.get_ref().trim();
        // Accept the forms a DOI is pasted in; keep the bare DOI.
        let bare = given
            .strip_prefix("https://doi.org/")
            .or_else(|| given.strip_prefix("http://doi.org/"))
            .or_else(|| given.strip_prefix("doi:"))
            .unwrap_or(given)
            .trim();
        if is_doi(bare) {
            Some(bare.to_string())
        } else {
            problems.push(problem(
                text,
                d.span().start,
                format!("`{given}` does not have the shape of a DOI"),
                "write the DOI as 10.<registrant>/<suffix>, e.g. 10.22034/irr.2025.477975.2599 (https://doi.org/… is accepted too)",
            ));
            None
        }
    });
    let codes: Vec<&str> = Lang::all().iter().map(|l| l.code()).collect();
    let supported = || format!("thematic writes {}", codes.join(" and "));
    let language = file
        .language
        .and_then(|l| match Lang::from_code(l.get_ref()) {
            Some(lang) => Some(lang),
            None => {
                problems.push(problem(
                    text,
                    l.span().start,
                    format!(
                        "the language `{}` is not one thematic can write outputs in",
                        l.get_ref()
                    ),
                    &format!(
                        "{}: set language to one of them (the labels stay as the codebook writes them)",
                        supported()
                    ),
                ));
                None
            }
        });
    let mut words = Vec::new();
    if let Some(table) = file.words {
        for (code, w) in table {
            let Some(lang) = Lang::from_code(code.get_ref()) else {
                problems.push(problem(
                    text,
                    code.span().start,
                    format!(
                        "words are given for `{}`, a language thematic does not write",
                        code.get_ref()
                    ),
                    &format!(
                        "{}: give [words.fa] or [words.en] with {WORD_KEYS}",
                        supported()
                    ),
                ));
                continue;
            };
            let empty = [
                &w.case,
                &w.cases,
                &w.dimension,
                &w.dimensions,
                &w.component,
                &w.components,
                &w.base_theme,
                &w.base_themes,
            ]
            .iter()
            .any(|v| v.as_deref().is_some_and(|s| s.trim().is_empty()));
            if empty {
                problems.push(problem(
                    text,
                    code.span().start,
                    format!("a word of [words.{}] is empty", code.get_ref()),
                    "write the word, or remove the key to keep thematic's",
                ));
                continue;
            }
            words.push((
                lang,
                WordOverrides {
                    case: w.case,
                    cases: w.cases,
                    dimension: w.dimension,
                    dimensions: w.dimensions,
                    component: w.component,
                    components: w.components,
                    base_theme: w.base_theme,
                    base_themes: w.base_themes,
                },
            ));
        }
    }
    let findings_derived = match file.findings {
        None => false,
        Some(f) => match f.get_ref().as_str() {
            "independent" => false,
            "derived" => true,
            other => {
                problems.push(problem(
                    text,
                    f.span().start,
                    format!("`findings = \"{other}\"` is neither `independent` nor `derived`"),
                    "write findings = \"derived\" when the roster's findings were made from the same codings as the source codes (an imported project), or remove the key",
                ));
                false
            }
        },
    };
    if !problems.is_empty() {
        problems.sort_by_key(|p| (p.line, p.column.as_ref().map(|c| c.0)));
        return Err(problems);
    }
    let printed = file.printed.map_or_else(Printed::default, |p| Printed {
        roster: p.roster.unwrap_or_default(),
        coding_table: p.coding_table.unwrap_or_default(),
        dimensions_chart: p.dimensions_chart.unwrap_or_default(),
        components_chart: p.components_chart.unwrap_or_default(),
    });
    Ok(Study {
        title: file.title.unwrap_or_default(),
        authors: file.authors.unwrap_or_default(),
        year,
        journal: file.journal.unwrap_or_default(),
        volume: file.volume.map(|n| n.0),
        issue: file.issue.map(|n| n.0),
        pages: file.pages.map(|n| n.0),
        doi,
        language,
        words,
        printed,
        findings_derived,
        read_from: file
            .read_from
            .map(|r| r.into_inner())
            .filter(|r| !r.trim().is_empty()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> Vec<(Option<u64>, usize, String)> {
        read("s/study.toml", text.as_bytes())
            .expect_err("refused")
            .into_iter()
            .map(|p| (p.line, p.column.map_or(0, |c| c.0), p.message))
            .collect()
    }

    #[test]
    fn a_full_study_reads_with_its_languages() {
        let study = read(
            "study.toml",
            r#"
language = "fa"
authors = ["Masoumi, S. E."]
year = 2025
journal.en = "International Relations Researches"
volume = 14
issue = "4"
pages = "113-141"
doi = "https://doi.org/10.22034/irr.2025.477975.2599"

[title]
en = "Official diplomacy"
fa = "دیپلماسی رسمی"

[words.en]
case = "participant"

[printed]
dimensions_chart = "Chart 1"
"#
            .as_bytes(),
        )
        .expect("reads");
        assert_eq!(study.language, Some(Lang::Fa));
        assert_eq!(study.doi.as_deref(), Some("10.22034/irr.2025.477975.2599"));
        assert_eq!(study.volume.as_deref(), Some("14"));
        assert_eq!(
            study.title.get(Lang::Fa).map(String::as_str),
            Some("دیپلماسی رسمی")
        );
        assert_eq!(study.names(Lang::En).cases, "participants");
        assert_eq!(study.names(Lang::Fa).cases, "مصاحبه‌شوندگان");
        assert_eq!(
            Printed::numbering(&study.printed.dimensions_chart, Lang::Fa).as_deref(),
            Some("نمودار ۱")
        );
        assert_eq!(
            study.citation(Lang::En).as_deref(),
            Some("Masoumi, S. E. (2025). Official diplomacy. International Relations Researches 14(4), 113-141. doi:10.22034/irr.2025.477975.2599")
        );
        assert_eq!(
            study.short_name(Lang::En).as_deref(),
            Some("Masoumi (2025)")
        );
    }

    #[test]
    fn bad_files_are_refused_with_positions() {
        let unknown = messages("title = \"x\"\ntitel = \"y\"\n");
        assert_eq!(unknown[0].0, Some(2));
        assert!(
            unknown[0].2.contains("unknown field `titel`"),
            "{unknown:?}"
        );
        let wrong_type = messages("year = \"2025\"\n");
        assert_eq!(wrong_type[0].0, Some(1));
        assert!(wrong_type[0].2.contains("invalid type"), "{wrong_type:?}");
        let doi = messages("\ndoi = \"10.22034 irr\"\n");
        assert_eq!((doi[0].0, doi[0].1), (Some(2), 7));
        assert!(doi[0].2.contains("shape of a DOI"), "{doi:?}");
        let language = messages("language = \"de\"\nyear = 12\n");
        assert_eq!(language.len(), 2);
        assert!(language[0].2.contains("`de` is not one thematic can write"));
        assert!(language[1].2.contains("12 is not a year"));
        let words = messages("[words.de]\ncase = \"Teilnehmer\"\n");
        assert_eq!(words[0].0, Some(1));
        let code = messages("[title]\nenglish = \"x\"\n");
        assert!(code[0].2.contains("not a language code"), "{code:?}");
        let broken = messages("title = \"x\n");
        assert!(!broken[0].2.is_empty(), "{broken:?}");
    }
}

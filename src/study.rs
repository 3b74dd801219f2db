//! The study as outputs name it: its citation and short name, its words for levels and cases
//! in a language, and its own numbering of the tables and charts thematic redraws. Read from
//! [`Study`] (the codebook's `study.toml`).
//!
//! Not for reading `study.toml` (that is `codebook::study`) nor for choosing the language
//! ([`crate::lang`]).

use crate::lang::{Lang, Names};
use crate::model::{Localized, Printed, Study};

impl Printed {
    /// How the study numbers one of its tables or charts in `lang`: as given for that language,
    /// else as given, with `Table`, `Chart` and `Figure` and the digits put into Persian.
    pub fn numbering(field: &Localized<String>, lang: Lang) -> Option<String> {
        if let Some(given) = field.given(lang) {
            return Some(given.clone());
        }
        let text = field.get(lang)?;
        Some(match lang {
            Lang::En => text.clone(),
            Lang::Fa => {
                let (word, rest) = text.split_once(' ').unwrap_or((text.as_str(), ""));
                let word = match word {
                    "Table" => "جدول",
                    "Chart" => "نمودار",
                    "Figure" => "شکل",
                    other => other,
                };
                let joined = if rest.is_empty() {
                    word.to_string()
                } else {
                    format!("{word} {rest}")
                };
                lang.digits(&joined)
            }
        })
    }
}

impl Study {
    /// The study's words for its levels and cases in `lang`: its own where `study.toml` gives
    /// them, thematic's otherwise. A singular without a plural is made plural as the language
    /// does by default (English `-s`, Persian `‌ها`).
    pub fn names(&self, lang: Lang) -> Names {
        let mut names = Names::defaults(lang);
        let Some((_, own)) = self.words.iter().find(|(l, _)| *l == lang) else {
            return names;
        };
        let plural = |one: &str| match lang {
            Lang::En => format!("{one}s"),
            Lang::Fa => format!("{one}\u{200c}ها"),
        };
        let pairs: [(&Option<String>, &Option<String>, &mut String, &mut String); 4] = [
            (&own.case, &own.cases, &mut names.case, &mut names.cases),
            (
                &own.dimension,
                &own.dimensions,
                &mut names.dimension,
                &mut names.dimensions,
            ),
            (
                &own.component,
                &own.components,
                &mut names.component,
                &mut names.components,
            ),
            (
                &own.base_theme,
                &own.base_themes,
                &mut names.base_theme,
                &mut names.base_themes,
            ),
        ];
        for (one, many, name, names_of) in pairs {
            if let Some(one) = one {
                *name = one.clone();
                *names_of = many.clone().unwrap_or_else(|| plural(one));
            } else if let Some(many) = many {
                *names_of = many.clone();
            }
        }
        names
    }

    /// A reference to the study in `lang`, as a reference list would print it: authors (year).
    /// Title. Journal volume(issue), pages. doi. `None` when `study.toml` gives neither
    /// authors nor a title.
    pub fn citation(&self, lang: Lang) -> Option<String> {
        let authors = self.authors.get(lang).filter(|a| !a.is_empty());
        let title = self.title.get(lang);
        if authors.is_none() && title.is_none() {
            return None;
        }
        let (comma, and) = match lang {
            Lang::En => (", ", " & "),
            Lang::Fa => ("، ", " و "),
        };
        let mut out = String::new();
        if let Some(authors) = authors {
            match authors.as_slice() {
                [one] => out.push_str(one),
                [first @ .., last] => {
                    out.push_str(&first.join(comma));
                    out.push_str(and);
                    out.push_str(last);
                }
                [] => {}
            }
            if let Some(year) = self.year {
                out.push_str(&format!(" ({})", lang.digits(&year.to_string())));
            }
            out.push_str(". ");
        }
        if let Some(title) = title {
            out.push_str(title.trim_end_matches('.'));
            out.push_str(". ");
        }
        if let Some(journal) = self.journal.get(lang) {
            let mut source = journal.clone();
            if let Some(volume) = &self.volume {
                source.push_str(&format!(" {volume}"));
            }
            if let Some(issue) = &self.issue {
                source.push_str(&format!("({issue})"));
            }
            if let Some(pages) = &self.pages {
                source.push_str(&format!("{comma}{pages}"));
            }
            out.push_str(&lang.digits(&source));
            out.push_str(". ");
        }
        if let Some(doi) = &self.doi {
            out.push_str(&format!("doi:{doi}"));
        }
        Some(out.trim_end().to_string())
    }

    /// A short name for the study: `First author (year)`, else its title, else `None`.
    pub fn short_name(&self, lang: Lang) -> Option<String> {
        if let Some(first) = self.authors.get(lang).and_then(|a| a.first()) {
            let family = first.split([',', '،']).next().unwrap_or(first).trim();
            return Some(match self.year {
                Some(year) => format!("{family} ({})", lang.digits(&year.to_string())),
                None => family.to_string(),
            });
        }
        self.title.get(lang).cloned()
    }
}

/// How prose in one language refers to the study: its names for levels and cases, and its own
/// numbering of the roster and the coding table where it printed them.
#[derive(Debug, Clone, PartialEq)]
pub struct Terms {
    pub names: Names,
    /// e.g. `Table 1`; `None` when the study printed none (or says nothing).
    pub roster: Option<String>,
    /// e.g. `Table 2`.
    pub coding_table: Option<String>,
    /// e.g. `Chart 1`, `Chart 2`.
    pub dimensions_chart: Option<String>,
    pub components_chart: Option<String>,
}

impl Study {
    pub fn terms(&self, lang: Lang) -> Terms {
        Terms {
            names: self.names(lang),
            roster: Printed::numbering(&self.printed.roster, lang),
            coding_table: Printed::numbering(&self.printed.coding_table, lang),
            dimensions_chart: Printed::numbering(&self.printed.dimensions_chart, lang),
            components_chart: Printed::numbering(&self.printed.components_chart, lang),
        }
    }
}

impl Terms {
    /// `cases` as a possessive (`interviewees'`, `people's`).
    pub fn cases_possessive(&self) -> String {
        let cases = &self.names.cases;
        if cases.ends_with('s') {
            format!("{cases}'")
        } else {
            format!("{cases}'s")
        }
    }

    /// `n case` or `n cases`.
    pub fn count_cases(&self, n: u32) -> String {
        let word = if n == 1 {
            &self.names.case
        } else {
            &self.names.cases
        };
        format!("{n} {word}")
    }
}

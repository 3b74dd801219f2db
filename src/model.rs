//! The thematic network as plain data: dimensions (global themes) → components (organizing
//! themes) → base themes, each base theme with its source codes, and the interviewee roster.
//!
//! Nothing here reads files or knows about one paper: any study with any number of levels'
//! members and interviewees fits. Order is the codebook's order (the paper's order), kept by
//! `IndexMap`. Every element remembers the codebook row it came from, so that any number the
//! tool prints can be traced back to a line of a file.

use crate::case_id::CaseId;
use crate::lang::Lang;
use indexmap::IndexMap;

/// Where an element was defined: a codebook file (its name within the codebook directory) and
/// a 1-based line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// One of the codebook's file names; static, so that a million rows do not carry a
    /// million copies of it.
    pub file: &'static str,
    pub line: u64,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A label as printed (the study's language, e.g. Persian) with an optional English gloss.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Label {
    pub printed: String,
    pub english: String,
}

impl Label {
    /// The text for a reader of `lang`: the English gloss in English where there is one, else
    /// the text as printed.
    pub fn in_lang(&self, lang: crate::lang::Lang) -> &str {
        match lang {
            crate::lang::Lang::En if !self.english.trim().is_empty() => &self.english,
            _ => &self.printed,
        }
    }
}

/// A percentage as printed, kept exact: `54.07` is `hundredths… = 5407` with 2 decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PrintedPercent {
    /// The digits without the decimal separator.
    pub digits: u64,
    /// Number of decimals printed.
    pub decimals: u32,
}

impl std::fmt::Display for PrintedPercent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let scale = 10u64.pow(self.decimals);
        if self.decimals == 0 {
            write!(f, "{}%", self.digits)
        } else {
            write!(
                f,
                "{}.{:0width$}%",
                self.digits / scale,
                self.digits % scale,
                width = self.decimals as usize
            )
        }
    }
}

/// A colour a code carries in a CAQDAS tool (REFI-QDA `color`), kept so that a scheme taken in
/// and out again keeps its colours. Red, green, blue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Color(pub [u8; 3]);

impl Color {
    /// `#RRGGBB`, `#RGB`, `#RRGGBBAA` (the alpha is dropped: REFI-QDA has none) or `R,G,B`
    /// (0–255 each), the forms exporters write; `None` for anything else.
    pub fn parse(text: &str) -> Option<Color> {
        let text = text.trim();
        if let Some(hex) = text.strip_prefix('#') {
            if hex.len() == 3 && hex.is_ascii() {
                let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok().map(|d| d * 17);
                return Some(Color([digit(0)?, digit(1)?, digit(2)?]));
            }
            if !(hex.len() == 6 || hex.len() == 8) || !hex.is_ascii() {
                return None;
            }
            let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
            return Some(Color([byte(0)?, byte(2)?, byte(4)?]));
        }
        let parts: Vec<&str> = text.split(',').map(str::trim).collect();
        match parts.as_slice() {
            [r, g, b] => Some(Color([r.parse().ok()?, g.parse().ok()?, b.parse().ok()?])),
            _ => None,
        }
    }
}

impl std::fmt::Display for Color {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let [r, g, b] = self.0;
        write!(f, "#{r:02X}{g:02X}{b:02X}")
    }
}

/// A coded segment of a source document: the evidence that an interviewee raised a base theme
/// (`segments.csv`, written by `thematic import` from a REFI-QDA project).
#[derive(Debug, Clone)]
pub struct Segment {
    /// The source document's name in the project.
    pub source: String,
    /// The interviewee the source belongs to; `None` when the project does not say.
    pub interviewee: Option<CaseId>,
    /// Character offsets in the source's plain text (REFI-QDA `startPosition`, `endPosition`).
    pub start: u64,
    pub end: u64,
    pub text: String,
    /// Path of the base theme: (dimension, component, base theme) labels.
    pub dimension: String,
    pub component: String,
    pub base_theme: String,
    /// The term that matched, for a segment `thematic code` made (empty otherwise).
    pub term: String,
    /// The negation cue near the match, if any (`thematic code`).
    pub negation: String,
    pub origin: Origin,
}

/// The roster by interviewee code, hashed with foldhash (a fixed seed: the order is the
/// insertion order, never the hash's): ten million source codes are each looked up in it, and
/// SipHash spent a fifth of reading them.
pub type Roster = IndexMap<CaseId, Interviewee, foldhash::fast::FixedState>;

/// A whole coding scheme.
#[derive(Debug, Clone)]
pub struct Codebook {
    /// A short name for the study (the codebook directory's name).
    pub name: String,
    /// Where the codebook was read from, for the user ("codebooks/masoumi2025", "built-in …").
    pub location: String,
    /// SHA-256 of the codebook's files (names, lengths and bytes, in the order of
    /// `codebook::FILES` then `OPTIONAL_FILES`), in hex: which codebook a report was made from.
    pub digest: String,
    /// Global themes, keyed by their printed label.
    pub dimensions: IndexMap<String, Dimension>,
    /// The roster, keyed by interviewee code (as source-code lists write it).
    pub interviewees: Roster,
    /// Which roster findings phrase stands for which base theme (optional; may be empty).
    pub findings_map: Vec<FindingLink>,
    /// Readings of the source that the transcription records as uncertain (optional).
    pub readings: Vec<Reading>,
    /// The interviews the study's reference list cites (`citations.csv`; may be empty).
    pub citations: Vec<Citation>,
    /// What `study.toml` says about the study (all optional; empty without the file).
    pub study: Study,
    /// Coded segments, the evidence behind the source codes (optional; may be empty).
    pub segments: Vec<Segment>,
}

/// An interview as the study's reference list cites it.
#[derive(Debug, Clone)]
pub struct Citation {
    /// The interviewee as cited.
    pub cited: String,
    pub year: String,
    /// The roster code it refers to; `None` when the cited person has no roster row.
    pub code: Option<CaseId>,
    /// In the study's language, with an English gloss where given (`note_en`).
    pub note: Label,
    pub origin: Origin,
}

/// A text given once for every language, or per language (keyed by a language code such as
/// `fa` or `en`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Localized<T> {
    /// Given without a language.
    pub any: Option<T>,
    /// Given per language, in file order.
    pub by_lang: Vec<(String, T)>,
}

impl<T> Localized<T> {
    pub fn is_empty(&self) -> bool {
        self.any.is_none() && self.by_lang.is_empty()
    }

    /// The value for `lang`: given for it, else given without a language, else the first given.
    pub fn get(&self, lang: Lang) -> Option<&T> {
        self.given(lang)
            .or(self.any.as_ref())
            .or_else(|| self.by_lang.first().map(|(_, v)| v))
    }

    /// The value given for `lang` itself, if any.
    pub fn given(&self, lang: Lang) -> Option<&T> {
        self.by_lang
            .iter()
            .find(|(code, _)| code == lang.code())
            .map(|(_, v)| v)
    }
}

/// The study a codebook codes: its citation, its language, its words, and which of its printed
/// tables and charts correspond to thematic's (`study.toml`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Study {
    pub title: Localized<String>,
    /// As they are to be printed in a citation (e.g. `Masoumi, S. E.`), in order.
    pub authors: Localized<Vec<String>>,
    pub year: Option<u32>,
    pub journal: Localized<String>,
    pub volume: Option<String>,
    pub issue: Option<String>,
    pub pages: Option<String>,
    /// Bare, e.g. `10.22034/irr.2025.477975.2599`.
    pub doi: Option<String>,
    /// The language outputs are written in unless `--lang` says otherwise.
    pub language: Option<Lang>,
    /// What the study calls its levels and cases, per language (`None`: thematic's words).
    pub words: Vec<(Lang, WordOverrides)>,
    /// The study's own numbering of the tables and charts thematic redraws.
    pub printed: Printed,
    /// Whether the roster's findings were made from the same codings as the source codes (an
    /// imported project, a coded document set: `findings = "derived"`), so that comparing the
    /// two measures nothing; `false` for a second, independent record (a paper's roster table).
    pub findings_derived: bool,
    /// The manuscript `thematic read` read this study from (its file name), so that outputs
    /// say the numbers were read from it, not transcribed by a person.
    pub read_from: Option<String>,
}

/// A study's own words for its levels and cases in one language; unset ones keep thematic's.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct WordOverrides {
    pub case: Option<String>,
    pub cases: Option<String>,
    pub dimension: Option<String>,
    pub dimensions: Option<String>,
    pub component: Option<String>,
    pub components: Option<String>,
    pub base_theme: Option<String>,
    pub base_themes: Option<String>,
}

/// Which printed table or chart of a published study corresponds to one of thematic's, as the
/// study numbers it ("Table 1", "Chart 2"); empty when the study has none.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Printed {
    /// The roster of cases (the paper's Table 1).
    pub roster: Localized<String>,
    /// The coding table with source codes and frequencies (the paper's Table 2).
    pub coding_table: Localized<String>,
    /// The chart of the dimensions' frequencies (the paper's Chart 1).
    pub dimensions_chart: Localized<String>,
    /// The chart of the components' frequencies (the paper's Chart 2).
    pub components_chart: Localized<String>,
}

/// A roster findings phrase that stands for a base theme. A phrase may stand for several base
/// themes (one link each) and many phrases for one base theme.
#[derive(Debug, Clone)]
pub struct FindingLink {
    pub phrase: String,
    /// Path of the base theme: (dimension, component, base theme) labels.
    pub dimension: String,
    pub component: String,
    pub base_theme: String,
    pub note: String,
    pub origin: Origin,
}

/// One cell of the codebook whose reading of the source is uncertain: what the codebook says
/// (`chosen`) and what the source could also mean (`alternative`). Several cells may share an
/// id when one reading moves several values at once.
#[derive(Debug, Clone)]
pub struct Reading {
    pub id: String,
    /// The codebook file the cell is in (`base_themes.csv`, …).
    pub file: String,
    /// The row: a label, or an interviewee code.
    pub subject: String,
    /// The column, or empty when the reading is not about one cell's value.
    pub column: String,
    /// What the codebook holds, and the other reading: a cell's value as printed, or words
    /// (`a base theme of …`), each with an English gloss where given (`chosen_en`, …).
    pub chosen: Label,
    pub alternative: Label,
    pub note: Label,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Dimension {
    pub label: Label,
    pub printed_frequency: Option<u32>,
    /// A printed share (percent of the level's total), where the study prints one.
    pub printed_percent: Option<PrintedPercent>,
    /// The researcher's note (a code's description in a CAQDAS tool); may be empty.
    pub note: String,
    pub color: Option<Color>,
    /// Organizing themes, keyed by their printed label (unique within the dimension).
    pub components: IndexMap<String, Component>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Component {
    pub label: Label,
    pub printed_frequency: Option<u32>,
    pub printed_percent: Option<PrintedPercent>,
    pub note: String,
    pub color: Option<Color>,
    /// Base themes, keyed by their printed label (unique within the component).
    pub base_themes: IndexMap<String, BaseTheme>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct BaseTheme {
    pub label: Label,
    /// Interviewee codes in the order printed, duplicates kept so that they can be reported;
    /// empty for a base theme nobody raised.
    pub source_codes: Vec<CaseId>,
    /// The source codes as written in the codebook cell, for evidence.
    pub source_codes_text: String,
    pub printed_frequency: Option<u32>,
    pub printed_percent: Option<PrintedPercent>,
    pub note: String,
    pub color: Option<Color>,
    pub origin: Origin,
}

#[derive(Debug, Clone)]
pub struct Interviewee {
    pub code: CaseId,
    pub name: Label,
    /// The roster's other columns, `None` when all are empty: boxed, because a large study's
    /// roster is often a code and a name, and empty columns in every one of a million entries
    /// were 150 MB. Read them with [`Interviewee::details`].
    details: Option<Box<IntervieweeDetails>>,
    pub origin: Origin,
}

/// A roster row's columns besides the code and the name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IntervieweeDetails {
    pub role: Label,
    /// Year of the interview as printed (the paper uses the Solar Hijri calendar).
    pub year: String,
    pub topics: Label,
    /// The interview's findings, one phrase each, in the printed order.
    pub findings: Vec<String>,
}

impl Interviewee {
    pub fn new(code: CaseId, name: Label, details: IntervieweeDetails, origin: Origin) -> Self {
        Interviewee {
            code,
            name,
            details: (details != IntervieweeDetails::default()).then(|| Box::new(details)),
            origin,
        }
    }

    /// Role, year, topics and findings (all empty when the roster gives none).
    pub fn details(&self) -> &IntervieweeDetails {
        static NONE: IntervieweeDetails = IntervieweeDetails {
            role: Label {
                printed: String::new(),
                english: String::new(),
            },
            year: String::new(),
            topics: Label {
                printed: String::new(),
                english: String::new(),
            },
            findings: Vec::new(),
        };
        self.details.as_deref().unwrap_or(&NONE)
    }
}

/// One base theme seen with its place in the network.
#[derive(Debug, Clone, Copy)]
pub struct BaseThemeRef<'a> {
    pub dimension: &'a Dimension,
    pub component: &'a Component,
    pub theme: &'a BaseTheme,
}

impl Codebook {
    /// The outputs' language: `flag` (`--lang`), else the study's (`study.toml`), else detected
    /// from the labels.
    pub fn language(&self, flag: Option<crate::lang::Lang>) -> crate::lang::Lang {
        flag.or(self.study.language)
            .unwrap_or_else(|| self.detected_language())
    }

    /// Persian when most letters of the labels (dimensions, components, base themes) are in
    /// Arabic script, else English.
    pub fn detected_language(&self) -> crate::lang::Lang {
        let labels = self.dimensions.values().flat_map(|d| {
            std::iter::once(&d.label.printed).chain(d.components.values().flat_map(|c| {
                std::iter::once(&c.label.printed)
                    .chain(c.base_themes.values().map(|t| &t.label.printed))
            }))
        });
        if crate::persian::mostly_arabic_script(labels.map(String::as_str)) {
            crate::lang::Lang::Fa
        } else {
            crate::lang::Lang::En
        }
    }

    /// Every base theme in codebook order, with its dimension and component.
    pub fn base_themes(&self) -> impl Iterator<Item = BaseThemeRef<'_>> {
        self.dimensions.values().flat_map(|dimension| {
            dimension.components.values().flat_map(move |component| {
                component
                    .base_themes
                    .values()
                    .map(move |theme| BaseThemeRef {
                        dimension,
                        component,
                        theme,
                    })
            })
        })
    }

    /// Every component in codebook order, with its dimension.
    pub fn components(&self) -> impl Iterator<Item = (&Dimension, &Component)> {
        self.dimensions
            .values()
            .flat_map(|d| d.components.values().map(move |c| (d, c)))
    }

    pub fn base_theme_count(&self) -> usize {
        self.base_themes().count()
    }

    pub fn component_count(&self) -> usize {
        self.components().count()
    }
}

#[cfg(test)]
mod tests {
    use crate::codebook::{load, Source};
    use crate::lang::Lang;

    #[test]
    fn the_paper_is_detected_as_persian_and_the_flag_wins() {
        let mut codebook = load(&Source::BuiltIn).expect("the built-in codebook loads");
        codebook.study.language = None;
        assert_eq!(codebook.detected_language(), Lang::Fa);
        assert_eq!(codebook.language(Some(Lang::En)), Lang::En);
        for d in codebook.dimensions.values_mut() {
            d.label.printed = d.label.english.clone();
            for c in d.components.values_mut() {
                c.label.printed = c.label.english.clone();
                for t in c.base_themes.values_mut() {
                    t.label.printed = t.label.english.clone();
                }
            }
        }
        assert_eq!(codebook.detected_language(), Lang::En);
    }

    use super::*;

    fn origin() -> Origin {
        Origin {
            file: "t.csv",
            line: 2,
        }
    }

    fn label(s: &str) -> Label {
        Label {
            printed: s.into(),
            english: String::new(),
        }
    }

    #[test]
    fn iterates_base_themes_in_codebook_order_with_their_parents() {
        let theme = |name: &str| BaseTheme {
            label: label(name),
            source_codes: vec![CaseId::number(1)],
            source_codes_text: "1".into(),
            printed_frequency: None,
            printed_percent: None,
            note: String::new(),
            color: None,
            origin: origin(),
        };
        let component = |name: &str, themes: &[&str]| Component {
            label: label(name),
            printed_frequency: None,
            printed_percent: None,
            note: String::new(),
            color: None,
            base_themes: themes.iter().map(|t| (t.to_string(), theme(t))).collect(),
            origin: origin(),
        };
        let dimension = Dimension {
            label: label("D"),
            printed_frequency: None,
            printed_percent: None,
            note: String::new(),
            color: None,
            components: [component("C2", &["z", "a"]), component("C1", &["m"])]
                .into_iter()
                .map(|c| (c.label.printed.clone(), c))
                .collect(),
            origin: origin(),
        };
        let codebook = Codebook {
            name: "t".into(),
            location: "t".into(),
            digest: String::new(),
            dimensions: [("D".to_string(), dimension)].into_iter().collect(),
            interviewees: Roster::default(),
            findings_map: Vec::new(),
            readings: Vec::new(),
            citations: Vec::new(),
            study: Default::default(),
            segments: Vec::new(),
        };
        let seen: Vec<(&str, &str)> = codebook
            .base_themes()
            .map(|r| {
                (
                    r.component.label.printed.as_str(),
                    r.theme.label.printed.as_str(),
                )
            })
            .collect();
        assert_eq!(seen, [("C2", "z"), ("C2", "a"), ("C1", "m")]);
        assert_eq!(codebook.component_count(), 2);
    }

    #[test]
    fn reads_the_colour_forms_exporters_write() {
        assert_eq!(Color::parse("#f0A"), Some(Color([255, 0, 170])));
        for text in ["#1A2b3C", "#1A2B3CFF", "26,43,60", " 26, 43 ,60 "] {
            assert_eq!(Color::parse(text), Some(Color([26, 43, 60])), "{text}");
        }
        for text in ["", "#12345", "1A2B3C", "256,0,0", "1,2", "#ééé", "red"] {
            assert_eq!(Color::parse(text), None, "{text}");
        }
        assert_eq!(Color([26, 43, 60]).to_string(), "#1A2B3C");
    }
}

//! `thematic code`: documents coded deductively with a scheme's terms, every match kept as a
//! segment (document, exact character offsets, the text, the term, a negation cue), each
//! document a case, the source codes of each base theme the documents that match it.
//!
//! The scheme is a codebook directory (its base themes, with `terms.csv` beside them) or a
//! dictionary whose tree is the scheme. Documents are coded one at a time, on every core, with
//! all terms in one automaton; the coded study is written as a codebook directory
//! ([`files`]) that `run` audits like any other.
//!
//! Not for reading the documents' formats (`documents`, `import::manuscript`) nor for what a
//! codebook means (`codebook`, `tables`).

pub mod documents;
pub mod files;
pub mod key;
pub mod matcher;
pub mod negation;
pub mod terms;
pub mod units;

use crate::case_id::CaseId;
use crate::codebook::Problem;
use crate::model::{Codebook, Color, Label};
use documents::Document;
use rayon::prelude::*;
use terms::{Category, Term};

/// A base theme of the scheme and where it is.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    pub dimension: Label,
    pub component: Label,
    pub label: Label,
    /// Notes and colours of the three levels, carried into the coded study.
    pub notes: [String; 3],
    pub colors: [Option<Color>; 3],
}

/// The scheme documents are coded with: its base themes and their terms.
#[derive(Debug, Clone, Default)]
pub struct Scheme {
    pub themes: Vec<Theme>,
    /// (base theme index, term).
    pub terms: Vec<(usize, Term)>,
    /// The scheme's title and language, for the coded study.
    pub title: String,
    pub language: Option<crate::lang::Lang>,
    /// Dictionary categories that name no base theme of the scheme (not used).
    pub unused: Vec<String>,
    /// Where the terms came from, for the coded study's notes.
    pub terms_from: String,
}

impl Scheme {
    /// The scheme of a codebook, its terms from `terms.csv` rows or dictionary categories.
    pub fn of_codebook(codebook: &Codebook) -> Scheme {
        let mut themes = Vec::new();
        for d in codebook.dimensions.values() {
            for c in d.components.values() {
                for b in c.base_themes.values() {
                    themes.push(Theme {
                        dimension: d.label.clone(),
                        component: c.label.clone(),
                        label: b.label.clone(),
                        notes: [d.note.clone(), c.note.clone(), b.note.clone()],
                        colors: [d.color, c.color, b.color],
                    });
                }
            }
        }
        Scheme {
            themes,
            terms: Vec::new(),
            title: codebook
                .study
                .title
                .get(codebook.language(None))
                .cloned()
                .unwrap_or_else(|| codebook.name.clone()),
            language: codebook.study.language,
            unused: Vec::new(),
            terms_from: String::new(),
        }
    }

    /// Terms from `terms.csv` rows: each to the base theme it names (by label, and component
    /// where two components share the label).
    pub fn add_term_rows(
        &mut self,
        display: &str,
        rows: Vec<terms::TermRow>,
    ) -> Result<(), Problem> {
        for row in rows {
            let found: Vec<usize> = (0..self.themes.len())
                .filter(|&i| {
                    let t = &self.themes[i];
                    (terms::same_name(&t.label.printed, &row.base_theme)
                        || !t.label.english.is_empty()
                            && terms::same_name(&t.label.english, &row.base_theme))
                        && (row.component.is_empty()
                            || terms::same_name(&t.component.printed, &row.component)
                            || terms::same_name(&t.component.english, &row.component))
                })
                .collect();
            match found.as_slice() {
                [i] => self.terms.push((*i, row.term)),
                [] => {
                    return Err(Problem::file(
                        display,
                        format!("`{}` is no base theme of the scheme", row.base_theme),
                        "write a base theme as base_themes.csv labels it (or its English label)",
                    )
                    .at_line(row.line)
                    .at_column(1, "base_theme"))
                }
                _ => {
                    return Err(Problem::file(
                        display,
                        format!(
                            "`{}` is a base theme of {} components",
                            row.base_theme,
                            found.len()
                        ),
                        "name its component in the `component` column",
                    )
                    .at_line(row.line))
                }
            }
        }
        Ok(())
    }

    /// Terms from a dictionary's categories: each category to the base theme of its name (its
    /// last name, or its whole path). Categories that name none are listed in `unused`.
    pub fn add_categories(&mut self, categories: Vec<Category>) {
        for c in categories {
            let last = c.path.last().cloned().unwrap_or_default();
            let found = self.themes.iter().position(|t| {
                terms::same_name(&t.label.printed, &last)
                    || !t.label.english.is_empty() && terms::same_name(&t.label.english, &last)
            });
            match found {
                Some(i) => self.terms.extend(c.terms.into_iter().map(|t| (i, t))),
                None if !c.terms.is_empty() => self.unused.push(c.path.join("/")),
                None => {}
            }
        }
    }

    /// A dictionary as the scheme: three levels are dimension, component and base theme; two
    /// are a dimension and its base themes (one component named after the dimension); one is
    /// base themes under a dimension named `top`.
    pub fn of_dictionary(top: &str, categories: Vec<Category>) -> Scheme {
        let mut scheme = Scheme {
            title: top.to_string(),
            ..Scheme::default()
        };
        for c in categories.into_iter().filter(|c| !c.terms.is_empty()) {
            let label = |s: &str| Label {
                printed: s.to_string(),
                english: String::new(),
            };
            let p = &c.path;
            let (d, comp, b) = match p.len() {
                0 => continue,
                1 => (top.to_string(), top.to_string(), p[0].clone()),
                2 => (p[0].clone(), p[0].clone(), p[1].clone()),
                n => (p[n - 3].clone(), p[n - 2].clone(), p[n - 1].clone()),
            };
            let at = scheme.themes.iter().position(|t| {
                terms::same_name(&t.label.printed, &b)
                    && terms::same_name(&t.component.printed, &comp)
                    && terms::same_name(&t.dimension.printed, &d)
            });
            let i = at.unwrap_or_else(|| {
                scheme.themes.push(Theme {
                    dimension: label(&d),
                    component: label(&comp),
                    label: label(&b),
                    ..Theme::default()
                });
                scheme.themes.len() - 1
            });
            scheme.terms.extend(c.terms.into_iter().map(|t| (i, t)));
        }
        scheme
    }
}

/// What a segment is: the match, its sentence or its paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Unit {
    Match,
    Sentence,
    Paragraph,
}

/// How documents are coded.
pub struct Options {
    pub unit: Unit,
    pub speakers: Option<units::Speakers>,
    /// Negated segments are written (flagged) but do not make source codes.
    pub skip_negated: bool,
}

/// A coded segment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub theme: usize,
    /// Character offsets into the document's text as read.
    pub start: u32,
    pub end: u32,
    pub text: String,
    /// The terms that matched in it, as written in the terms (several: `; ` between).
    pub terms: Vec<String>,
    /// The negation cue, as written; empty when not negated.
    pub negation: String,
    /// The match itself, in characters, and up to [`CONTEXT`] characters of its paragraph on
    /// either side (the evidence's keyword in context).
    pub hit: (u32, u32),
    pub context: (String, String),
}

/// Characters of context either side of a match in the evidence.
pub const CONTEXT: usize = 50;

/// A document coded.
#[derive(Debug, Clone)]
pub struct Coded {
    pub name: String,
    pub code: CaseId,
    pub segments: Vec<Segment>,
}

/// Code one document's text.
pub fn code_text(
    text: &str,
    scheme: &Scheme,
    matcher: &matcher::Matcher,
    options: &Options,
) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut units_seen: std::collections::HashMap<(usize, u32, u32), usize> =
        std::collections::HashMap::new();
    for (part, _who) in units::parts(text, options.speakers.as_ref()) {
        for p in units::paragraphs(text, part) {
            let para = &text[p.bytes.0..p.bytes.1];
            let keyed = key::key(para);
            let hits = matcher.find(&keyed);
            if hits.is_empty() {
                continue;
            }
            let chars: Vec<char> = para.chars().collect();
            let sentences = if options.unit == Unit::Sentence {
                units::sentences(&chars)
            } else {
                Vec::new()
            };
            for h in hits {
                let (s, e) = (h.start as usize, h.end as usize);
                let persian = chars[s..e]
                    .iter()
                    .any(|&c| crate::persian::is_arabic_script(c));
                let negation = negation::cue(&chars, s, e, persian).unwrap_or_default();
                let (us, ue) = match options.unit {
                    Unit::Match => (h.start, h.end),
                    Unit::Paragraph => (0, chars.len() as u32),
                    Unit::Sentence => sentences
                        .iter()
                        .copied()
                        .find(|(a, b)| *a <= h.start && h.start < *b)
                        .unwrap_or((h.start, h.end)),
                };
                let term = scheme.terms[h.term].1.text.clone();
                // One segment per unit and base theme: the terms that matched in it gathered.
                let at = (h.theme, p.start + us, p.start + ue);
                if let Some(seg) = units_seen.get(&at).map(|&i| &mut out[i]) {
                    if !seg.terms.contains(&term) {
                        seg.terms.push(term);
                    }
                    // A unit is negated when every match in it is.
                    if negation.is_empty() {
                        seg.negation.clear();
                    }
                    continue;
                }
                units_seen.insert(at, out.len());
                out.push(Segment {
                    theme: h.theme,
                    start: p.start + us,
                    end: p.start + ue,
                    text: chars[us as usize..ue as usize].iter().collect(),
                    terms: vec![term],
                    negation,
                    hit: (p.start + h.start, p.start + h.end),
                    context: (
                        chars[s.saturating_sub(CONTEXT)..s].iter().collect(),
                        chars[e..(e + CONTEXT).min(chars.len())].iter().collect(),
                    ),
                });
            }
        }
    }
    out.sort_by_key(|s| (s.start, s.end, s.theme));
    out
}

/// What the coded study's files keep of a document once it is coded.
#[derive(Debug, Clone)]
pub struct DocumentSummary {
    pub name: String,
    pub code: CaseId,
    /// The base themes whose segments count (negated ones too, unless `skip_negated`).
    pub counted: std::collections::BTreeSet<usize>,
    pub segments: usize,
    pub negated: usize,
}

/// What the coded study's files keep of a base theme: how many documents and segments, and
/// the first [`files::EVIDENCE_SHOWN`] segments in document order (document name, segment).
#[derive(Debug, Clone, Default)]
pub struct ThemeSummary {
    pub documents: usize,
    pub segments: usize,
    pub shown: Vec<(String, Segment)>,
}

/// A corpus coded, as the small files need it (every segment went to the sink).
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub documents: Vec<DocumentSummary>,
    pub themes: Vec<ThemeSummary>,
}

/// Why coding stopped: a document that cannot be read, or the sink's own failure.
#[derive(Debug)]
pub enum Failed<E> {
    Document(Problem),
    Sink(E),
}

/// Code the documents at `paths` (codes as given), each read and coded on its own, a few at a
/// time on every core and handed to `sink` in order with its text as read; only a summary is
/// kept, so memory does not grow with the corpus.
pub fn code<E>(
    paths: &[std::path::PathBuf],
    codes: &[CaseId],
    scheme: &Scheme,
    options: &Options,
    mut sink: impl FnMut(&Coded, &str) -> Result<(), E>,
) -> Result<Summary, Failed<E>> {
    let matcher = matcher::Matcher::new(&scheme.terms);
    let mut summary = Summary {
        documents: Vec::with_capacity(paths.len()),
        themes: vec![ThemeSummary::default(); scheme.themes.len()],
    };
    let chunk = 4 * rayon::current_num_threads().max(1);
    for (paths, codes) in paths.chunks(chunk).zip(codes.chunks(chunk)) {
        let coded: Vec<(Coded, String)> = paths
            .par_iter()
            .zip(codes.par_iter())
            .map(|(path, code)| {
                let Document { name, text } = documents::read(path)?;
                let segments = code_text(&text, scheme, &matcher, options);
                Ok((
                    Coded {
                        name,
                        code: *code,
                        segments,
                    },
                    text,
                ))
            })
            .collect::<Result<_, Problem>>()
            .map_err(Failed::Document)?;
        for (doc, text) in coded {
            sink(&doc, &text).map_err(Failed::Sink)?;
            let mut counted = std::collections::BTreeSet::new();
            let mut seen = std::collections::BTreeSet::new();
            for s in &doc.segments {
                let theme = &mut summary.themes[s.theme];
                theme.segments += 1;
                if seen.insert(s.theme) {
                    theme.documents += 1;
                }
                if theme.shown.len() < files::EVIDENCE_SHOWN {
                    theme.shown.push((doc.name.clone(), s.clone()));
                }
                if !options.skip_negated || s.negation.is_empty() {
                    counted.insert(s.theme);
                }
            }
            summary.documents.push(DocumentSummary {
                name: doc.name.clone(),
                code: doc.code,
                counted,
                segments: doc.segments.len(),
                negated: doc
                    .segments
                    .iter()
                    .filter(|s| !s.negation.is_empty())
                    .count(),
            });
        }
    }
    Ok(summary)
}

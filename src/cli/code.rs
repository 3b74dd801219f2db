//! `thematic code`: documents coded with a scheme's terms into a codebook directory (the
//! documents as interviewees, every match a segment), which `run` audits like any other.

use crate::codebook::{self, Problem, Source};
use crate::coding::{self, documents, files, terms, units, Options, Scheme, Unit};
use crate::error::{Error, Result};
use crate::write::{self, Destination, Output};
use clap::Args;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct CodeArgs {
    /// The documents (.txt, .md, .docx, .html, .pdf), or directories of them.
    #[arg(value_name = "DOC", required = true, num_args = 1..)]
    documents: Vec<PathBuf>,
    /// The scheme: a codebook directory with terms.csv beside its CSV files, or a dictionary
    /// (.dic LIWC, .lc3 Lexicoder, .yml quanteda, .cat WordStat) whose tree is the scheme.
    /// Default: codebooks/masoumi2025 (the paper's scheme and its terms).
    #[arg(long, value_name = "SCHEME")]
    codebook: Option<PathBuf>,
    /// The terms, instead of the scheme's terms.csv: a terms.csv or a dictionary whose
    /// categories name the scheme's base themes.
    #[arg(long, value_name = "FILE")]
    terms: Option<PathBuf>,
    /// Codebook directory to write.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// What a segment is: the match itself, its sentence, or its paragraph.
    #[arg(long, value_enum, default_value = "match")]
    unit: Unit,
    /// A transcript's turns: a pattern at a line's start that opens a turn, its first group the
    /// speaker (e.g. '^(P\d+|Interviewer):'). Only the interviewees' turns are coded.
    #[arg(long, value_name = "PATTERN")]
    speaker: Option<String>,
    /// The speakers whose turns are never coded (comma-separated).
    #[arg(long, value_name = "NAMES", default_value = units::INTERVIEWER)]
    interviewer: String,
    /// Each document's interviewee code: a pattern in its file name, its first group the code
    /// (e.g. 'P\d+'). Default: the file's stem when it is a code, else 1, 2, 3 … in order.
    #[arg(long, value_name = "PATTERN")]
    id: Option<String>,
    /// Negated segments are written (flagged) but do not count as the document raising the
    /// base theme.
    #[arg(long)]
    skip_negated: bool,
    /// Do not copy each document's text into sources/ (for a large corpus: memory then does
    /// not grow with it; `export --format qdpx` needs the texts).
    #[arg(long)]
    no_sources: bool,
    #[command(flatten)]
    force: super::ForceArg,
}

fn pattern(flag: &str, written: &str) -> Result<regex::Regex> {
    regex::RegexBuilder::new(written)
        .multi_line(true)
        .size_limit(1 << 20)
        .build()
        .map_err(|e| Error::Usage(format!("{flag} `{written}` is not a pattern: {e}")))
}

/// A scheme's codebook: a directory without interviewees.csv is a scheme to code with, so it
/// loads with an empty roster.
fn load_scheme(source: &Source) -> std::result::Result<crate::model::Codebook, Error> {
    if let Source::Dir(dir) = source {
        if dir.is_dir() && !dir.join(codebook::INTERVIEWEES).exists() {
            let mut files = Vec::new();
            for name in codebook::FILES.iter().chain(&codebook::OPTIONAL_FILES) {
                if let Ok(bytes) = std::fs::read(dir.join(name)) {
                    files.push((name.to_string(), bytes));
                }
            }
            files.push((codebook::INTERVIEWEES.to_string(), b"code,name\n".to_vec()));
            let mut loaded = codebook::load(&Source::Memory(files)).map_err(Error::Codebook)?;
            loaded.name = dir
                .file_name()
                .map_or("scheme".into(), |n| n.to_string_lossy().into_owned());
            return Ok(loaded);
        }
    }
    codebook::load(source).map_err(Error::Codebook)
}

/// The scheme and its terms.
fn scheme(args: &CodeArgs) -> std::result::Result<Scheme, Error> {
    let given = args.codebook.clone();
    let dictionary = given.as_deref().and_then(terms::Format::of);
    let mut scheme = match (&given, dictionary) {
        (Some(path), Some(format)) => {
            let display = path.display().to_string();
            let bytes = std::fs::read(path).map_err(|e| {
                Error::Code(Problem::file(
                    &display,
                    format!("cannot read the dictionary: {e}"),
                    "check the path given to --codebook",
                ))
            })?;
            let categories = terms::dictionary(&display, format, &bytes).map_err(Error::Code)?;
            let top = path
                .file_stem()
                .map_or("dictionary".into(), |s| s.to_string_lossy().into_owned());
            let mut s = Scheme::of_dictionary(&top, categories);
            s.terms_from = display;
            s
        }
        _ => {
            let source = match &given {
                Some(dir) => Source::Dir(dir.clone()),
                None => Source::default_for(
                    &std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
                ),
            };
            let codebook = load_scheme(&source)?;
            let mut s = Scheme::of_codebook(&codebook);
            if args.terms.is_none() {
                let display = match &source {
                    Source::Dir(d) => d.join(terms::TERMS).display().to_string(),
                    other => format!("{} of {}", terms::TERMS, other.describe()),
                };
                let bytes = source.read_optional(terms::TERMS).map_err(Error::Code)?.ok_or_else(|| {
                    Error::Code(Problem::file(&display, "the scheme has no terms.csv", "write terms.csv beside base_themes.csv (base_theme,term,match), or give --terms FILE (a terms.csv or a dictionary)"))
                })?;
                let rows = terms::terms_csv(&display, &bytes).map_err(Error::Code)?;
                s.add_term_rows(&display, rows).map_err(Error::Code)?;
                s.terms_from = display;
            }
            s
        }
    };
    if let Some(path) = &args.terms {
        let display = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| {
            Error::Code(Problem::file(
                &display,
                format!("cannot read the terms: {e}"),
                "check the path given to --terms",
            ))
        })?;
        match terms::Format::of(path) {
            Some(format) => {
                let categories =
                    terms::dictionary(&display, format, &bytes).map_err(Error::Code)?;
                scheme.add_categories(categories);
            }
            None => {
                let rows = terms::terms_csv(&display, &bytes).map_err(Error::Code)?;
                scheme.add_term_rows(&display, rows).map_err(Error::Code)?;
            }
        }
        scheme.terms_from = display;
    }
    if scheme.terms.is_empty() {
        return Err(Error::Code(Problem::file(
            &scheme.terms_from,
            "no term names a base theme of the scheme",
            "write terms for the scheme's base themes (terms.csv), or name them in the dictionary's categories",
        )));
    }
    Ok(scheme)
}

pub fn run(args: &CodeArgs) -> Result<()> {
    let destination = Destination {
        out_dir: args.out.clone(),
        codebook_dir: None,
        force: args.force.force,
    };
    write::check(&destination)?;
    let scheme = scheme(args)?;
    let speakers = match &args.speaker {
        Some(p) => Some(units::Speakers {
            pattern: pattern("--speaker", p)?,
            interviewer: args
                .interviewer
                .split(',')
                .map(crate::persian::match_key)
                .filter(|k| !k.is_empty())
                .collect(),
        }),
        None => None,
    };
    let id = args.id.as_deref().map(|p| pattern("--id", p)).transpose()?;
    let paths = documents::files(&args.documents).map_err(Error::Code)?;
    let names: Vec<String> = paths
        .iter()
        .map(|p| {
            p.file_name().map_or(p.display().to_string(), |n| {
                n.to_string_lossy().into_owned()
            })
        })
        .collect();
    for (i, n) in names.iter().enumerate() {
        if let Some(j) = names[..i].iter().position(|m| m == n) {
            return Err(Error::Code(Problem::file(
                &paths[i].display().to_string(),
                format!(
                    "two documents are named {n} ({} and this one)",
                    paths[j].display()
                ),
                "rename one: a document's file name is its name in the coded study",
            )));
        }
    }
    let codes = documents::codes(&names, id.as_ref()).map_err(Error::Code)?;
    let options = Options {
        unit: args.unit,
        speakers,
        skip_negated: args.skip_negated,
    };
    // Segments and texts go to disk as each document is coded, beside the output directory,
    // and move in with the run's other files.
    let scratch = write::scratch(&destination)?;
    let result = code_and_write(
        args,
        &destination,
        &scratch,
        &paths,
        &codes,
        &scheme,
        &options,
    );
    let _ = std::fs::remove_dir_all(&scratch);
    let (summary, written) = result?;
    let coded = &summary.documents;
    let segments: usize = coded.iter().map(|d| d.segments).sum();
    let negated: usize = coded.iter().map(|d| d.negated).sum();
    let themes_found = summary.themes.iter().filter(|t| t.segments > 0).count();
    let mut text = format!(
        "coded {} document(s) with {} term(s) of {} base theme(s) ({}) into {}\n",
        coded.len(),
        scheme.terms.len(),
        scheme.themes.len(),
        scheme.terms_from,
        args.out.display()
    );
    text.push_str(&format!(
        "  {segments} segment(s), {negated} negated ({}); {themes_found} base theme(s) found\n",
        if args.skip_negated {
            "not counted"
        } else {
            "counted, flagged"
        }
    ));
    let none: Vec<&str> = coded
        .iter()
        .filter(|d| d.segments == 0)
        .map(|d| d.name.as_str())
        .collect();
    if !none.is_empty() {
        text.push_str(&format!(
            "  no match in {} document(s): {}\n",
            none.len(),
            shorten(&none)
        ));
    }
    if !scheme.unused.is_empty() {
        text.push_str(&format!(
            "  dictionary categories naming no base theme, not used: {}\n",
            shorten(&scheme.unused.iter().map(String::as_str).collect::<Vec<_>>())
        ));
    }
    text.push_str(&crate::export::text::wrote(&written));
    text.push_str(&format!(
        "next: thematic run --codebook {}\n",
        args.out.display()
    ));
    super::print(text.as_bytes())
}

/// Code the documents into `scratch` (segments.csv, sources/) and write the coded study.
fn code_and_write(
    args: &CodeArgs,
    destination: &Destination,
    scratch: &std::path::Path,
    paths: &[PathBuf],
    codes: &[crate::case_id::CaseId],
    scheme: &Scheme,
    options: &Options,
) -> Result<(coding::Summary, Vec<PathBuf>)> {
    let failed = |path: &std::path::Path| {
        let path = path.to_path_buf();
        move |source: std::io::Error| Error::Write { path, source }
    };
    let segments_path = scratch.join(codebook::SEGMENTS);
    let mut segments =
        files::SegmentsFile::create(&segments_path).map_err(failed(&segments_path))?;
    let mut sources: Vec<(String, PathBuf)> = Vec::new();
    let summary = super::progress::step("coding the documents", || {
        coding::code(paths, codes, scheme, options, |doc, text| -> Result<()> {
            segments
                .write(scheme, doc)
                .map_err(failed(&segments_path))?;
            if !args.no_sources {
                let relative = files::source_file(&doc.name);
                let path = scratch.join(&relative);
                if let Some(dir) = path.parent() {
                    std::fs::create_dir_all(dir).map_err(failed(dir))?;
                }
                std::fs::write(&path, text).map_err(failed(&path))?;
                sources.push((relative, path));
            }
            Ok(())
        })
        .map_err(|failed| match failed {
            coding::Failed::Document(problem) => Error::Code(problem),
            coding::Failed::Sink(error) => error,
        })
    })?;
    let segments_path = segments.finish().map_err(failed(&segments_path))?;
    let provenance = files::Provenance {
        scheme: &scheme.terms_from,
        documents: summary.documents.len(),
    };
    let mut outputs: Vec<Output> = files::files(scheme, &summary, options, &provenance)
        .into_iter()
        .map(|(name, bytes)| Output::new(name, bytes))
        .collect();
    outputs.push(Output::moved(codebook::SEGMENTS, segments_path));
    outputs.extend(
        sources
            .into_iter()
            .map(|(relative, path)| Output::moved(relative, path)),
    );
    // The last run's files go where this one writes none (its sources among them).
    let mut superseded: Vec<String> = codebook::FILES
        .iter()
        .chain(&codebook::OPTIONAL_FILES)
        .map(|s| s.to_string())
        .chain([files::EVIDENCE.to_string()])
        .collect();
    if let Ok(entries) = std::fs::read_dir(args.out.join(files::SOURCES)) {
        for e in entries.flatten() {
            superseded.push(format!(
                "{}/{}",
                files::SOURCES,
                e.file_name().to_string_lossy()
            ));
        }
    }
    let superseded: Vec<&str> = superseded.iter().map(String::as_str).collect();
    let written = write::write_replacing(destination, &outputs, &superseded)?;
    Ok((summary, written))
}

fn shorten(items: &[&str]) -> String {
    if items.len() <= 5 {
        items.join(", ")
    } else {
        format!("{} … and {} more", items[..5].join(", "), items.len() - 5)
    }
}

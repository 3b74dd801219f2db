//! `thematic read`: the printed tables of a manuscript (Word, HTML, JATS, text extracted from
//! a PDF) written as a codebook directory that `run` audits unchanged; several manuscripts at
//! once each into a directory of their own, with a summary table for screening them.

use crate::audit::Severity;
use crate::codebook::{self, Source};
use crate::error::{Error, Result};
use crate::import::manuscript::{self, Read};
use crate::write::{self, Destination, Output};
use clap::Args;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
pub struct ReadArgs {
    /// The manuscript(s): .docx, .html, JATS .xml, or text extracted from a PDF
    /// (`pdftotext paper.pdf`). Several: each is read into a directory of its own under --out.
    #[arg(value_name = "PAPER", required = true, num_args = 1..)]
    papers: Vec<PathBuf>,
    /// Codebook directory to write (for several manuscripts: the directory of their codebooks
    /// and summary.csv).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    #[command(flatten)]
    force: super::ForceArg,
}

/// One manuscript of several: read (with its audit's errors, or why the codebook does not
/// load), or why it could not be read.
type Outcome = std::result::Result<(Read, std::result::Result<usize, String>), codebook::Problem>;

/// Each manuscript read and audited, on as many threads as there are cores, each taking the
/// next file. Not on rayon's pool: the audit's Polars work waits on Polars' own pool, and a
/// rayon worker that waits there takes the next file on top of its stack, file after file
/// (200 manuscripts overflowed a debug build's stack so).
fn read_all(papers: &[PathBuf]) -> Vec<Outcome> {
    let next = std::sync::atomic::AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, usize::from)
        .min(papers.len().max(1));
    let mut done: Vec<(usize, Outcome)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                // The main thread's stack or more: the audit runs here, as it does there for one.
                std::thread::Builder::new()
                    .stack_size(64 << 20)
                    .spawn_scoped(scope, || {
                        let mut mine = Vec::new();
                        loop {
                            let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(p) = papers.get(i) else { break };
                            let outcome = manuscript::read_into_codebook(p).map(|r| {
                                let e = errors(&r);
                                (r, e)
                            });
                            mine.push((i, outcome));
                        }
                        mine
                    })
                    .expect("a reading thread")
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a reading thread"))
            .collect()
    });
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, o)| o).collect()
}

/// The audit's errors of a codebook read, or why it does not load.
fn errors(read: &Read) -> std::result::Result<usize, String> {
    let files = read
        .files
        .iter()
        .map(|(n, b)| (n.to_string(), b.clone()))
        .collect();
    let codebook = codebook::load(&Source::Memory(files)).map_err(|p| {
        format!(
            "the codebook read does not load ({} problem(s)): {}",
            p.len(),
            p.shown()
                .first()
                .map_or(String::new(), |p| p.message.clone())
        )
    })?;
    let tables = crate::tables::compute(&codebook).map_err(|e| e.to_string())?;
    let settings = crate::audit::Settings::new(crate::lang::Lang::En);
    let audit = crate::audit::audit(&codebook, &tables, &settings);
    Ok(audit
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count())
}

/// What `read` says of one manuscript: where each table was found, and each call.
fn describe(paper: &Path, out: &Path, read: &Read) -> String {
    let mut text = format!(
        "read {} ({}) into {}\n",
        paper.display(),
        read.format.name(),
        out.display()
    );
    for line in &read.found {
        text.push_str(&format!("  found {line}\n"));
    }
    text.push_str(&format!(
        "  {} base theme(s), {} interviewee(s) on the roster\n",
        read.base_themes, read.interviewees
    ));
    if read.interviewees == 0 {
        text.push_str(
            "  no roster table: the interviewees are the codes the thematic table names\n",
        );
    }
    if read.calls.is_empty() {
        text.push_str("  no judgement calls: every cell read as printed\n");
    } else {
        text.push_str(&format!(
            "  {} judgement call(s), each in readings.csv with its alternative:\n",
            read.calls.len()
        ));
        for (i, call) in read.calls.iter().enumerate() {
            text.push_str(&format!("    R{}: {call}\n", i + 1));
        }
    }
    text
}

/// A directory name for each manuscript: its file stem, with the extension where two share one.
fn names(papers: &[PathBuf]) -> Vec<String> {
    let stem = |p: &PathBuf| {
        p.file_stem()
            .map_or("paper".into(), |s| s.to_string_lossy().into_owned())
    };
    papers
        .iter()
        .map(|p| {
            let s = stem(p);
            if papers.iter().filter(|q| stem(q) == s).count() > 1 {
                p.file_name()
                    .map_or(s.clone(), |f| f.to_string_lossy().replace('.', "_"))
            } else {
                s
            }
        })
        .collect()
}

pub fn run(args: &ReadArgs) -> Result<()> {
    let destination = Destination {
        out_dir: args.out.clone(),
        codebook_dir: None,
        force: args.force.force,
    };
    write::check(&destination)?;
    let codebook_files: Vec<&str> = codebook::FILES
        .iter()
        .chain(&codebook::OPTIONAL_FILES)
        .copied()
        .collect();
    if let [paper] = args.papers.as_slice() {
        let read = super::progress::step("reading the manuscript", || {
            manuscript::read_into_codebook(paper)
        })
        .map_err(Error::Read)?;
        let outputs: Vec<Output> = read
            .files
            .iter()
            .map(|(name, bytes)| Output::new(*name, bytes.clone()))
            .collect();
        let written = write::write_replacing(&destination, &outputs, &codebook_files)?;
        let mut text = describe(paper, &args.out, &read);
        match errors(&read) {
            Ok(n) => text.push_str(&format!("  the audit finds {n} error(s)\n")),
            Err(why) => text.push_str(&format!("  {why}\n")),
        }
        text.push_str(&crate::export::text::wrote(&written));
        text.push_str(&format!(
            "next: thematic run --codebook {}\n",
            args.out.display()
        ));
        return super::print(text.as_bytes());
    }
    let names = names(&args.papers);
    let results = read_all(&args.papers);
    let mut outputs = Vec::new();
    let mut summary = crate::import::written::Csv::new(&[
        "file",
        "format",
        "codebook",
        "tables",
        "base_themes",
        "interviewees",
        "readings",
        "audit_errors",
        "problem",
    ]);
    let mut text = String::new();
    let mut failed = 0;
    for ((paper, name), result) in args.papers.iter().zip(&names).zip(&results) {
        let file = paper.display().to_string();
        match result {
            Ok((read, errors)) => {
                for (f, bytes) in &read.files {
                    outputs.push(Output::new(Path::new(name).join(f), bytes.clone()));
                }
                let (count, problem) = match errors {
                    Ok(n) => (n.to_string(), String::new()),
                    Err(why) => (String::new(), why.clone()),
                };
                summary.row(&[
                    &file,
                    read.format.name(),
                    name,
                    &read.tables.to_string(),
                    &read.base_themes.to_string(),
                    &read.interviewees.to_string(),
                    &read.calls.len().to_string(),
                    &count,
                    &problem,
                ]);
                text.push_str(&describe(paper, &args.out.join(name), read));
            }
            Err(problem) => {
                failed += 1;
                summary.row(&[&file, "", "", "", "", "", "", "", &problem.message]);
                text.push_str(&format!("could not read {file}:\n{problem}\n"));
            }
        }
    }
    outputs.push(Output::new("summary.csv", summary.bytes()));
    let superseded: Vec<String> = names
        .iter()
        .flat_map(|n| codebook_files.iter().map(move |f| format!("{n}/{f}")))
        .chain(["summary.csv".to_string()])
        .collect();
    let superseded: Vec<&str> = superseded.iter().map(String::as_str).collect();
    let written = write::write_replacing(&destination, &outputs, &superseded)?;
    text.push_str(&format!(
        "read {} of {} manuscript(s); summary: {}\n",
        args.papers.len() - failed,
        args.papers.len(),
        args.out.join("summary.csv").display()
    ));
    let _ = written;
    super::print(text.as_bytes())?;
    if failed > 0 {
        return Err(Error::Usage(format!(
            "{failed} of {} manuscript(s) could not be read (each is named above and in summary.csv)",
            args.papers.len()
        )));
    }
    Ok(())
}

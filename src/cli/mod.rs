//! The command line: clap definitions and dispatch. Each subcommand lives in its own file and
//! stays thin: parse the arguments, load the codebook, compute what the chosen outputs need
//! (asking [`crate::outputs`]), render, and write or print. Nothing here computes a count or
//! lays out a report.

mod agree;
mod charts;
pub mod check;
mod code;
mod diff;
mod export;
mod import;
mod progress;
mod read;
mod report;
mod run;
mod synth;
mod tables;
mod validate;
mod watch;

use crate::audit::{self, Audit};
use crate::charts::ChartOptions;
use crate::codebook::{self, Source};
use crate::error::{Error, Result};
use crate::export::Results;
use crate::lang::Lang;
use crate::model::Codebook;
use crate::outputs::{self, Needs, Output};
use crate::tables::Tables;
use clap::{Args, Parser, Subcommand};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Reproduce, audit and re-run the frequency tables of a thematic-analysis study.
#[derive(Debug, Parser)]
#[command(name = "thematic", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Validate the codebook, recompute every table and write them into the output directory.
    Run(run::RunArgs),
    /// Validate the codebook and report what is wrong with it, if anything.
    Validate(validate::ValidateArgs),
    /// Print the recomputed tables (or write them with --out).
    Tables(tables::TablesArgs),
    /// Audit the printed counts: every inconsistency, with evidence (exit 1 when found).
    Check(check::CheckArgs),
    /// Draw the charts (SVG and PNG) into the output directory's charts/ folder.
    Charts(charts::ChartsArgs),
    /// Write report.html: one self-contained page (verdict, tables, findings, charts) to read.
    Report(report::ReportArgs),
    /// What changed between two versions of a codebook (exit 1 when something did).
    Diff(diff::DiffArgs),
    /// Intercoder agreement between codebooks of one scheme (κ, α, AC1, with intervals).
    Agree(agree::AgreeArgs),
    /// Read a REFI-QDA project (.qdpx) or codebook (.qdc) from a QDA tool into a codebook directory.
    Import(import::ImportArgs),
    /// Read a manuscript's printed tables (Word, HTML, JATS, text from a PDF) into a codebook
    /// directory, every judgement of the reading recorded.
    Read(read::ReadArgs),
    /// Write the codebook as REFI-QDA: a .qdc codebook or a .qdpx project for QDA tools.
    Export(export::ExportArgs),
    /// Code documents (text, Word, HTML, PDF) with a scheme's terms into a codebook directory:
    /// each document an interviewee, every match a segment with its exact offsets.
    Code(code::CodeArgs),
    /// Write a synthetic study (a codebook directory of any size) for benchmarks and trials.
    Synth(synth::SynthArgs),
    /// Run, then run again whenever a file of the codebook changes, saying what each edit
    /// changed; --serve shows the report in a browser that reloads after each run.
    Watch(watch::WatchArgs),
}

/// Which codebook to read; shared by every subcommand.
#[derive(Debug, Args)]
pub struct CodebookArgs {
    /// Codebook directory (dimensions.csv, components.csv, base_themes.csv, interviewees.csv).
    /// Default: codebooks/masoumi2025 in the current directory if present, else the built-in
    /// copy of the paper's codebook.
    #[arg(long, value_name = "DIR")]
    codebook: Option<PathBuf>,
    /// A manuscript (.docx, .html, JATS .xml, text from a PDF) to read the codebook from, as
    /// `thematic read` does, instead of a codebook directory; `run` and `report` write the
    /// codebook read under --out (codebook/).
    #[arg(long, value_name = "PAPER", conflicts_with = "codebook")]
    paper: Option<PathBuf>,
    /// The reading of --paper, once read.
    #[arg(skip)]
    reading: std::sync::OnceLock<crate::import::manuscript::Read>,
}

impl CodebookArgs {
    fn source(&self) -> Source {
        match &self.codebook {
            Some(dir) => Source::Dir(dir.clone()),
            None => {
                Source::default_for(&std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")))
            }
        }
    }

    fn load(&self) -> Result<Codebook> {
        let Some(paper) = &self.paper else {
            return progress::step("reading the codebook", || codebook::load(&self.source()))
                .map_err(Error::Codebook);
        };
        let read = progress::step("reading the manuscript", || {
            crate::import::manuscript::read_into_codebook(paper)
        })
        .map_err(Error::Read)?;
        let files = read
            .files
            .iter()
            .map(|(name, bytes)| (name.to_string(), bytes.clone()))
            .collect();
        let mut codebook = codebook::load(&Source::Memory(files)).map_err(Error::Codebook)?;
        codebook.location = format!("{} (read by thematic read)", paper.display());
        codebook.name = paper
            .file_stem()
            .map_or("paper".into(), |s| s.to_string_lossy().into_owned());
        let _ = self.reading.set(read);
        Ok(codebook)
    }

    /// The codebook --paper was read into, as files to write under `codebook/` of the output
    /// directory (nothing without --paper).
    fn read_codebook_files(&self) -> Vec<crate::write::Output> {
        self.reading.get().map_or_else(Vec::new, |read| {
            read.files
                .iter()
                .map(|(name, bytes)| {
                    crate::write::Output::new(
                        std::path::Path::new("codebook").join(name),
                        bytes.clone(),
                    )
                })
                .collect()
        })
    }

    /// What the reading of --paper found, for the terminal (nothing without --paper).
    fn reading_summary(&self) -> String {
        self.reading.get().map_or_else(String::new, |read| {
            let mut text = String::new();
            for line in &read.found {
                text.push_str(&format!("read: found {line}\n"));
            }
            text.push_str(&format!(
                "read: {} judgement call(s) (readings.csv; the audit lists each as ambiguous-reading)\n",
                read.calls.len()
            ));
            text
        })
    }

    /// Where a command writes: `out`, never into this codebook's directory.
    fn destination(&self, out: &std::path::Path, force: &ForceArg) -> crate::write::Destination {
        crate::write::Destination {
            out_dir: out.to_path_buf(),
            codebook_dir: match self.source() {
                Source::Dir(dir) if self.paper.is_none() => Some(dir),
                _ => None,
            },
            force: force.force,
        }
    }
}

/// A codebook named on the command line (`diff`, `agree`, `report --agree`) by its directory,
/// or `built-in` for the paper's built-in copy.
fn load_named(path: &std::path::Path) -> Result<Codebook> {
    let source = if path == std::path::Path::new("built-in") {
        Source::BuiltIn
    } else {
        Source::Dir(path.to_path_buf())
    };
    progress::step("reading the codebook", || codebook::load(&source)).map_err(Error::Codebook)
}

/// Where a command writes, shared by the commands that write files.
#[derive(Debug, Args)]
pub struct ForceArg {
    /// Write into an output directory even if it holds files thematic did not write (they are
    /// kept). Never into the codebook directory or a repository root.
    #[arg(long)]
    force: bool,
}

/// The language of a command's outputs.
#[derive(Debug, Args)]
pub struct LangArg {
    /// Language of the outputs: the charts' words and labels, the labels of English studies.
    /// Default: the study's (`language` in study.toml), else Persian when most labels are in
    /// Arabic script, else English.
    #[arg(long, value_enum)]
    lang: Option<Lang>,
}

impl LangArg {
    /// The language asked for on the command line, if any.
    pub fn given(&self) -> Option<Lang> {
        self.lang
    }

    /// The language for `codebook`'s outputs.
    fn resolve(&self, codebook: &Codebook) -> Lang {
        codebook.language(self.lang)
    }
}

/// The audit's settings for a command, `--share-threshold` checked.
fn audit_settings(lang: Lang, share_threshold: f64) -> Result<audit::Settings> {
    if !(share_threshold.is_finite() && (0.0..=100.0).contains(&share_threshold)) {
        return Err(Error::Usage(format!(
            "--share-threshold {share_threshold} is out of range: give percentage points from 0 to 100, e.g. 5"
        )));
    }
    Ok(audit::Settings {
        share_threshold,
        ..audit::Settings::new(lang)
    })
}

/// How `run` and `report` render: the language, the audit's share threshold, the charts'
/// footnote.
#[derive(Debug, Args)]
pub struct RenderArgs {
    #[command(flatten)]
    lang: LangArg,
    /// Percentage points a dimension's or component's share must move between the printed and
    /// the recomputed values to be reported (share-shift).
    #[arg(long, value_name = "POINTS", default_value_t = 5.0)]
    share_threshold: f64,
    /// Leave out the line citing the study at the foot of each chart.
    #[arg(long)]
    no_footnote: bool,
}

impl RenderArgs {
    /// The charts' options and the audit's settings for `codebook`.
    fn options(&self, codebook: &Codebook) -> Result<(ChartOptions, audit::Settings)> {
        let charts = ChartOptions {
            footnote: !self.no_footnote,
            ..ChartOptions::new(self.lang.resolve(codebook))
        };
        let settings = audit_settings(charts.lang, self.share_threshold)?;
        Ok((charts, settings))
    }
}

/// How the Word and LaTeX documents write numbers, and their font.
#[derive(Debug, Args)]
pub struct DocumentArgs {
    /// Digits of the Word and LaTeX documents' numbers. Default: the language's (Persian for
    /// --lang fa).
    #[arg(long, value_enum)]
    digits: Option<crate::lang::Digits>,
    /// Font of the Word documents (every script) and of the Persian LaTeX fragments
    /// (xepersian's \settextfont). Default: Times New Roman in Word, which has Persian letters
    /// and digits; Vazirmatn for xepersian.
    #[arg(long, value_name = "NAME")]
    font_name: Option<String>,
}

impl DocumentArgs {
    /// The documents' options in `lang`, the font name checked.
    fn options(&self, lang: Lang) -> Result<crate::export::publication::Options> {
        if let Some(font) = &self.font_name {
            if font.trim().is_empty() || font.chars().any(char::is_control) || font.len() > 200 {
                return Err(Error::Usage(format!(
                    "--font-name {font:?} is not a font name: give the name Word shows in its font list, e.g. --font-name \"B Nazanin\""
                )));
            }
        }
        Ok(crate::export::publication::Options {
            lang,
            digits: self.digits.unwrap_or(crate::lang::Digits::of(lang)),
            font: self.font_name.as_ref().map(|f| f.trim().to_string()),
        })
    }
}

/// Refuse to print a binary document (a .docx, an .xlsx) to a terminal, where it would be
/// garbage: it goes to a file.
fn refuse_binary_on_terminal(file: &str, redirect: &str) -> Result<()> {
    use std::io::IsTerminal;
    if std::io::stdout().is_terminal() {
        return Err(Error::Usage(format!(
            "{file} is a binary file and standard output is a terminal: {redirect}"
        )));
    }
    Ok(())
}

/// What a command computed and rendered.
struct Rendered {
    tables: Tables,
    audit: Option<Audit>,
    files: Vec<crate::write::Output>,
}

/// Compute what `chosen` needs, each result once (the tables; the audit when an output needs
/// it), and render `chosen` in the language of `charts`; progress shows on a terminal for large
/// studies.
fn compute_and_render(
    codebook: &Codebook,
    chosen: &[Output],
    charts: &ChartOptions,
    settings: &audit::Settings,
    document: &crate::export::publication::Options,
    step: &str,
) -> Result<Rendered> {
    compute_and_render_with(
        codebook,
        chosen,
        charts,
        settings,
        document,
        step,
        Extra::default(),
    )
}

/// What some commands add to a render: other coders' agreement (the report's section), and a
/// scratch directory for outputs too large to hold ([`outputs::render_streaming`]).
#[derive(Default, Clone, Copy)]
struct Extra<'a> {
    coders: Option<&'a crate::agree::Agreement>,
    scratch: Option<&'a std::path::Path>,
}

/// [`compute_and_render`], with what a command adds ([`Extra`]).
fn compute_and_render_with(
    codebook: &Codebook,
    chosen: &[Output],
    charts: &ChartOptions,
    settings: &audit::Settings,
    document: &crate::export::publication::Options,
    step: &str,
    extra: Extra,
) -> Result<Rendered> {
    let Extra { coders, scratch } = extra;
    let tables = progress::step("computing the tables", || crate::tables::compute(codebook))?;
    let audit = (outputs::needs(chosen) >= Needs::Audit)
        .then(|| progress::step("auditing", || audit::audit(codebook, &tables, settings)));
    let results = Results {
        tables: &tables,
        study: &codebook.study,
        lang: charts.lang,
        audit: audit.as_ref(),
        charts,
        provenance: crate::export::Provenance {
            location: &codebook.location,
            digest: &codebook.digest,
        },
        document,
        coders,
    };
    let files = progress::step(step, || {
        outputs::render_streaming(chosen, &results, scratch)
    })?;
    Ok(Rendered {
        tables,
        audit,
        files,
    })
}

/// Write to stdout; a closed pipe (`| head`) is not an error.
fn print(bytes: &[u8]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Write {
            path: "<stdout>".into(),
            source: e,
        }),
        _ => Ok(()),
    }
}

/// Parse the command line, run, and map the outcome to an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    // Ok(true): ran and found something at the failing level (exit 1).
    let outcome = match cli.command {
        Command::Run(args) => run::run(&args),
        Command::Validate(args) => validate::run(&args).map(|()| false),
        Command::Tables(args) => tables::run(&args).map(|()| false),
        Command::Check(args) => check::run(&args),
        Command::Charts(args) => charts::run(&args).map(|()| false),
        Command::Report(args) => report::run(&args).map(|()| false),
        Command::Diff(args) => diff::run(&args),
        Command::Agree(args) => agree::run(&args).map(|()| false),
        Command::Synth(args) => synth::run(&args).map(|()| false),
        Command::Import(args) => import::run(&args).map(|()| false),
        Command::Read(args) => read::run(&args).map(|()| false),
        Command::Code(args) => code::run(&args).map(|()| false),
        Command::Export(args) => export::run(&args).map(|()| false),
        Command::Watch(args) => watch::run(&args).map(|()| false),
    };
    match outcome {
        Ok(false) => ExitCode::SUCCESS,
        Ok(true) => ExitCode::from(1),
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "error: {e}");
            ExitCode::from(e.exit_code())
        }
    }
}

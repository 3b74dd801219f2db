//! `thematic watch`: run, then run again whenever a file of the codebook changes, and say in one
//! line what the edit changed since the last good run (the comparison `diff` makes). A broken
//! edit prints its problems and leaves the last good output in place. `--serve` serves the
//! report on the loopback, and the page reloads itself after each good run. Ctrl-C (or
//! SIGTERM) ends it between runs; a second Ctrl-C ends it at once.
//!
//! Not for computing or writing anything itself: each run is `run`'s ([`super::run`]).

use super::run::{write_run, Ran};
use super::CodebookArgs;
use crate::codebook::{self, Source};
use crate::error::{Error, Result};
use crate::export;
use crate::serve::{self, Server};
use clap::Args;
use notify::{EventKind, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

/// How long the codebook's directory must be quiet before a run.
const QUIET: Duration = Duration::from_millis(150);

#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    codebook: CodebookArgs,
    /// Output directory.
    #[arg(long, value_name = "DIR", default_value = "output")]
    out: PathBuf,
    /// Serve the report at ADDR (default 127.0.0.1:8765, the loopback only; a port, or an IP
    /// address and port); the open page reloads itself after each good run.
    #[arg(long, value_name = "ADDR", num_args = 0..=1, default_missing_value = "")]
    serve: Option<String>,
    #[command(flatten)]
    render: super::RenderArgs,
    #[command(flatten)]
    document: super::DocumentArgs,
    #[command(flatten)]
    force: super::ForceArg,
}

/// The last good run, what the next one is compared with.
struct Good {
    /// Which run it was (1 is the first; broken edits count too).
    number: usize,
    ran: Ran,
}

pub fn run(args: &WatchArgs) -> Result<()> {
    if args.codebook.paper.is_some() {
        return Err(Error::Usage(
            "watch follows a codebook directory, not a manuscript: read it once with `thematic read PAPER --out DIR`, then `thematic watch --codebook DIR`".into(),
        ));
    }
    let Source::Dir(dir) = args.codebook.source() else {
        return Err(Error::Usage(format!(
            "watch needs a codebook directory to follow, and there is no {} here: give one with --codebook DIR (copy the paper's with `cp -r codebooks/masoumi2025 my-edit` in a checkout)",
            codebook::source::DEFAULT_DIR
        )));
    };
    if !dir.is_dir() {
        return Err(Error::Usage(format!(
            "--codebook {}: no such directory",
            dir.display()
        )));
    }
    // Ctrl-C sets the flag, and ends the process at once when it is already set.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register_conditional_shutdown(signal, 130, stop.clone())
            .and_then(|_| signal_hook::flag::register(signal, stop.clone()))
            .map_err(|e| Error::Usage(format!("cannot handle Ctrl-C: {e}")))?;
    }
    // Watch before the first run, so that an edit made during it is not missed. Opening a
    // file is no edit (each run opens them all).
    let (events, edits) = mpsc::channel::<notify::Result<PathBuf>>();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let _ = match event {
            Ok(event) if matches!(event.kind, EventKind::Access(_)) => Ok(()),
            Ok(event) => event.paths.into_iter().try_for_each(|p| events.send(Ok(p))),
            Err(e) => events.send(Err(e)),
        };
    })
    .and_then(|mut w| w.watch(&dir, RecursiveMode::NonRecursive).map(|()| w))
    .map_err(|e| Error::Usage(format!("cannot watch {}: {e}", dir.display())))?;
    let server = match &args.serve {
        Some(asked) => Some(Server::start(
            &serve::addresses(Some(asked))?,
            args.out.clone(),
        )?),
        None => None,
    };

    let mut good: Option<Good> = None;
    let mut runs = 0;
    attempt(args, &[], &mut good, &mut runs, server.as_ref())?;
    let url = server.as_ref().map(|s| {
        (
            format!("http://{}/", s.address),
            s.address.ip().is_loopback(),
        )
    });
    say(&export::text::watch_started(
        &dir,
        url.as_ref()
            .map(|(url, loopback)| (args.out.as_path(), url.as_str(), *loopback)),
        language(args, good.as_ref()),
    ))?;
    while !stop.load(Ordering::SeqCst) {
        let first = match edits.recv_timeout(Duration::from_millis(100)) {
            Ok(event) => event,
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => break,
        };
        // One save is often several events (write, rename, chmod), and some editors save
        // twice: wait until the directory has been quiet for a moment.
        let mut batch = vec![first];
        while let Ok(event) = edits.recv_timeout(QUIET) {
            batch.push(event);
        }
        let mut paths = Vec::new();
        for event in batch {
            match event {
                Ok(path) => paths.push(path),
                Err(e) => eprintln!("warning: watching {}: {e}", dir.display()),
            }
        }
        let changed = codebook_files(paths.iter().map(PathBuf::as_path));
        if changed.is_empty() {
            continue;
        }
        attempt(args, &changed, &mut good, &mut runs, server.as_ref())?;
    }
    drop(watcher.unwatch(&dir));
    if let Some(server) = server {
        server.stop();
    }
    say(&export::text::watch_ended(
        runs,
        good.as_ref().map(|g| g.number),
        &args.out,
        language(args, good.as_ref()),
    ))
}

/// The language of watch's lines: the outputs' (`--lang`, else the study's), English before
/// any run could read the study.
fn language(args: &WatchArgs, good: Option<&Good>) -> crate::lang::Lang {
    match good {
        Some(g) => args.render.lang.resolve(&g.ran.codebook),
        None => args.render.lang.given().unwrap_or(crate::lang::Lang::En),
    }
}

/// One run after the files `trigger` changed (none for the first): its line on stdout, the server told.
/// A codebook that cannot be used or an output that cannot be written is reported and the
/// watch goes on; a wrong command line ends it.
fn attempt(
    args: &WatchArgs,
    trigger: &[String],
    good: &mut Option<Good>,
    runs: &mut usize,
    server: Option<&Server>,
) -> Result<()> {
    let started = Instant::now();
    *runs += 1;
    let outcome = write_run(
        &args.codebook,
        &args.out,
        &args.render,
        &args.document,
        &args.force,
    );
    let seconds = started.elapsed().as_secs_f64();
    match outcome {
        Ok(ran) => {
            let number = *runs;
            let line = match good.as_ref() {
                None => export::text::watch_first(
                    ran.written.len(),
                    &args.out,
                    seconds,
                    args.render.lang.resolve(&ran.codebook),
                ),
                Some(last) => {
                    let lang = args.render.lang.resolve(&ran.codebook);
                    let difference = crate::difference::difference(
                        (&last.ran.tables, &last.ran.audit),
                        (&ran.tables, &ran.audit),
                    );
                    let terms = ran.codebook.study.terms(lang);
                    export::text::watch_run(
                        number,
                        &files(trigger, lang),
                        &difference,
                        (lang, &terms),
                        &args.out,
                        seconds,
                    )
                }
            };
            // The page first, so that whoever reads the line finds it up to date.
            if let Some(server) = server {
                server.update(|s| {
                    s.run = number;
                    s.ok = true;
                    s.message.clear();
                });
            }
            *good = Some(Good { number, ran });
            say(&line)
        }
        Err(e @ (Error::Codebook(_) | Error::Write { .. })) => {
            let error = format!("error: {e}");
            let lang = language(args, good.as_ref());
            let trigger = (!trigger.is_empty()).then(|| files(trigger, lang));
            let last = good.as_ref().map(|g| g.number);
            let lines = export::text::watch_broken(
                *runs,
                trigger.as_deref(),
                &error,
                last,
                &args.out,
                lang,
            );
            if let Some(server) = server {
                server.update(|s| {
                    s.ok = false;
                    s.message = error;
                });
            }
            say(&lines)
        }
        Err(e) => Err(e),
    }
}

/// The names of the codebook's files among `paths` (an editor's swap and backup files, and
/// anything else in the directory, are not the codebook), sorted, each once.
fn codebook_files<'a>(paths: impl Iterator<Item = &'a Path>) -> Vec<String> {
    let mut names: Vec<String> = paths
        .filter_map(|p| p.file_name()?.to_str())
        .filter(|name| {
            codebook::schema::FILES
                .iter()
                .chain(codebook::schema::OPTIONAL_FILES.iter())
                .any(|f| f == name)
        })
        .map(str::to_string)
        .collect();
    names.sort();
    names.dedup();
    names
}

/// File names as a list in `lang`.
fn files(names: &[String], lang: crate::lang::Lang) -> String {
    names.join(match lang {
        crate::lang::Lang::En => ", ",
        crate::lang::Lang::Fa => "، ",
    })
}

/// A line on stdout, flushed at once (a pipe or a log sees each run as it ends).
fn say(text: &str) -> Result<()> {
    super::print(text.as_bytes())
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_codebooks_files_trigger_a_run() {
        let paths = [
            "cb/components.csv",
            "cb/.components.csv.swp",
            "cb/4913",
            "cb/components.csv~",
            "cb/study.toml",
            "cb/components.csv",
        ];
        let names = super::codebook_files(paths.iter().map(std::path::Path::new));
        assert_eq!(names, ["components.csv", "study.toml"]);
    }
}

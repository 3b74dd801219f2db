//! Progress on stderr for steps that take a while (large studies): a spinner with the step's
//! name and elapsed time, shown only when stderr is a terminal and only once a step has run
//! for a second, so that fast runs, pipes and logs see nothing; when the step ends, the spinner
//! gives way to a line with the step's time. (A spinner rather than a bar: the steps are Polars
//! queries and file writes whose progress cannot be counted from outside.)
//!
//! With `THEMATIC_TIMINGS` set, each step also prints its wall time to stderr, whatever stderr
//! is, and, where the system says (Linux), the resident memory at its end and the process's
//! peak so far: the benchmark reads them to say where the time and the memory go.
//!
//! Not for output: stdout carries results only.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long a step runs before its spinner appears.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// Run `work`, with a spinner named `message` on stderr if it takes longer than [`QUIET_FOR`].
/// The spinner's line stays afterwards with the time the step took.
pub fn step<T>(message: &str, work: impl FnOnce() -> T) -> T {
    if std::env::var_os("THEMATIC_TIMINGS").is_some() {
        let started = Instant::now();
        let result = spinner(message, work);
        eprintln!(
            "timing: {message}: {:.3} s{}",
            started.elapsed().as_secs_f64(),
            memory().unwrap_or_default()
        );
        return result;
    }
    spinner(message, work)
}

/// ` (resident 412 MB, peak 530 MB)`, from `/proc/self/status`; `None` where there is none.
fn memory() -> Option<String> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb = |field: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(field))?;
        line[field.len()..]
            .trim()
            .trim_end_matches("kB")
            .trim()
            .parse()
            .ok()
    };
    Some(format!(
        " (resident {} MB, peak {} MB)",
        kb("VmRSS:")? / 1024,
        kb("VmHWM:")? / 1024
    ))
}

fn spinner<T>(message: &str, work: impl FnOnce() -> T) -> T {
    if !std::io::stderr().is_terminal() {
        return work();
    }
    let (done, finished) = mpsc::channel::<()>();
    let message = message.to_string();
    let started = Instant::now();
    let watcher = std::thread::spawn(move || {
        if finished.recv_timeout(QUIET_FOR) != Err(RecvTimeoutError::Timeout) {
            return;
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
            .with_elapsed(started.elapsed());
        // The template is a literal known to parse.
        let style =
            ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("valid template");
        bar.set_style(style);
        bar.set_message(message.clone());
        bar.enable_steady_tick(Duration::from_millis(120));
        // Returns when `done` is dropped, i.e. when the work is over.
        let _ = finished.recv();
        bar.finish_and_clear();
        // A line of its own, so that what the command prints next starts on a fresh line.
        eprintln!("  {message}: {:.1} s", started.elapsed().as_secs_f64());
    });
    let result = work();
    drop(done);
    // The watcher only draws; if it panicked, the work's result is still good.
    let _ = watcher.join();
    result
}

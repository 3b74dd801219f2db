//! The library's error type, and the one place that maps errors to exit codes.
//!
//! Not for the audit's findings (a run that finds inconsistencies succeeds) nor for the
//! codebook's problems one by one (`codebook::Problem`).

use crate::codebook::Problem;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The codebook cannot be used; every problem found, in file order.
    #[error("{}", render_problems(.0))]
    Codebook(Vec<Problem>),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Usage(String),
    /// A failure inside Polars: a bug in thematic, not a problem with the input.
    #[error("internal error while computing the tables (please report it): {0}")]
    Compute(#[from] polars::error::PolarsError),
}

fn render_problems(problems: &[Problem]) -> String {
    let count = problems.len();
    let mut out = format!(
        "the codebook has {count} problem{} to fix before anything can be computed:",
        if count == 1 { "" } else { "s" }
    );
    for p in problems {
        out.push_str("\n\n");
        out.push_str(&p.to_string());
    }
    out
}

impl Error {
    /// Exit code: 2 for every error (unusable input, unwritable output, internal failure);
    /// 1 is kept for "ran fine and found something" (the audit).
    pub fn exit_code(&self) -> u8 {
        2
    }
}

pub type Result<T> = std::result::Result<T, Error>;

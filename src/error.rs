//! The library's error type, and the one place that maps errors to exit codes.
//!
//! Not for the audit's findings (a run that finds inconsistencies succeeds) nor for the
//! codebook's problems one by one (`codebook::Problem`).

use crate::codebook::Problems;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The codebook cannot be used; every problem found, in file order (capped per kind).
    #[error("{0}")]
    Codebook(Problems),
    /// A REFI-QDA file that cannot be imported, and where.
    #[error("cannot import this file:\n\n{0}")]
    Import(crate::codebook::Problem),
    /// A manuscript that cannot be read, or holds no thematic table.
    #[error("cannot read this manuscript:\n\n{0}")]
    Read(crate::codebook::Problem),
    /// Documents, a scheme or terms that cannot be coded with, and where.
    #[error("cannot code these documents:\n\n{0}")]
    Code(crate::codebook::Problem),
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
    /// A failure of a document writer (ZIP, spreadsheet) writing into memory: a bug in thematic.
    #[error("internal error while writing {file} (please report it): {message}")]
    Document { file: &'static str, message: String },
}

impl Error {
    /// Exit code: 2 for every error (unusable input, unwritable output, internal failure);
    /// 1 is kept for "ran fine and found something" (the audit).
    pub fn exit_code(&self) -> u8 {
        2
    }
}

pub type Result<T> = std::result::Result<T, Error>;

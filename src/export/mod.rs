//! Renderers: pure functions from computed results ([`crate::tables::Tables`],
//! [`crate::audit::Audit`]) to bytes, one file per format, each rendering everything that
//! format can show:
//! - [`csv`]: each table, one file per table;
//! - [`markdown`]: the tables report, one table, and the audit, through one table writer;
//! - [`json`]: the tables document and the audit document, the contract for scripts;
//! - [`text`]: the audit for the terminal, and the summaries `run` and `validate` print.
//!
//! Shared by them: [`grid`] (a table as text cells, for CSV and Markdown), `findings` (the
//! audit in words) and `changes` (a `thematic diff` in words), for text and Markdown. Charts are renderers too ([`crate::charts`]).
//! Which renderer writes which file is the registry of outputs (above this room); writing files
//! is [`crate::write`].
//! Nothing here computes a count.

pub mod agreement;
mod changes;
pub mod csv;
pub mod docx;
mod findings;
pub mod grid;
pub mod html;
pub mod json;
pub mod latex;
pub mod markdown;
pub mod publication;
mod results;
pub mod text;
pub mod xlsx;

pub use findings::{explain_finding, rule_heading, verdict};
pub use grid::TableName;
pub use results::{Provenance, Results};

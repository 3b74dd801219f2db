//! The computed results a renderer reads: the tables, the audit, the study, the language and
//! the options of the run, each computed once per command. They live below both the registry
//! of outputs and the renderers, so that neither needs the other.
//!
//! Not for computing them (the command does) nor for choosing outputs.

use crate::audit::Audit;
use crate::charts::ChartOptions;
use crate::lang::Lang;
use crate::model::Study;
use crate::tables::Tables;

/// The computed results renderers read, each computed once per command.
pub struct Results<'a> {
    pub tables: &'a Tables,
    /// The study's citation, words and numbering (`study.toml`).
    pub study: &'a Study,
    /// The language every output is written in.
    pub lang: Lang,
    /// Present when an output needs it (see `needs` in the registry).
    pub audit: Option<&'a Audit>,
    pub charts: &'a ChartOptions,
    /// Which codebook the results come from.
    pub provenance: Provenance<'a>,
    /// Digits and font of the Word and LaTeX documents.
    pub document: &'a super::publication::Options,
    /// Agreement with other coders' codebooks (`report --agree`), for the report's section.
    pub coders: Option<&'a crate::agree::Agreement>,
}

/// Which codebook results come from, as a report names it.
#[derive(Debug, Clone, Copy)]
pub struct Provenance<'a> {
    /// The codebook directory as given, or the built-in copy.
    pub location: &'a str,
    /// SHA-256 of its files, in hex.
    pub digest: &'a str,
}

//! `thematic`: reproduce, audit and re-run the frequency tables of thematic-analysis studies.
//!
//! Data flows one way:
//!
//! ```text
//! codebook CSVs ─[codebook::load]→ model::Codebook ─[tables::compute]→ tables::Tables
//!                                        └──────────────[audit::audit]──────┴→ audit::Audit
//! Tables + Audit ─[outputs::render: export::* and charts]→ bytes ─[write]→ output/
//! ```
//!
//! - [`model`]: the thematic network as plain data; [`codebook`]: reading and validating it;
//!   [`import`]: other tools' files (REFI-QDA) turned into a codebook;
//! - [`tables`]: the counts (Polars); [`audit`]: the rules and their findings;
//!   [`compare`]: what differs between two sets of tables (below the audit);
//!   [`difference`]: that and the findings that changed (above it);
//! - [`outputs`]: the registry of every file a command writes; [`export`] and [`charts`]: the
//!   renderers, which read computed results only; [`write`]: the only code that writes files;
//! - [`cli`]: argument parsing and dispatch (`watch` re-runs on edits); [`serve`]: the report
//!   on the loopback for `watch --serve`; [`synth`]: synthetic studies;
//!   [`input`]: every file read from outside, regular files only and each read capped;
//!   [`persian`], [`xml`], [`error`]: shared helpers.

pub mod agree;
pub mod audit;
pub mod case_id;
pub mod charts;
pub mod cli;
pub mod codebook;
pub mod coding;
pub mod compare;
pub mod difference;
pub mod error;
pub mod export;
pub mod import;
pub mod input;
pub mod lang;
pub mod model;
pub mod outputs;
pub mod package;
pub mod persian;
pub mod random;
pub mod reliability;
pub mod serve;
pub mod study;
pub mod synth;
pub mod tables;
pub mod write;
pub mod xml;

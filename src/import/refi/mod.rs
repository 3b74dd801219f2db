//! REFI-QDA, the exchange standard of NVivo, ATLAS.ti, MAXQDA, QualCoder and Taguette: a
//! project (`.qdpx`, a ZIP holding `project.qde` and the sources) or a codebook (`.qdc`) read
//! into a codebook directory, and a codebook written out as either.
//!
//! The rooms: [`archive`] (a ZIP opened safely), [`read`] (XML to plain structs), [`levels`]
//! (which tree levels are dimensions and components), [`import`] (structs to codebook files),
//! [`description`] (the `Key: value` lines a code's description carries), [`export`] (the
//! codebook to `.qdc`/`.qdpx`). Not for the CSV codebook itself (`codebook`), which validates
//! what an import wrote when it is used.

pub mod archive;
pub mod description;
pub mod export;
pub mod import;
pub mod levels;
pub mod read;

pub use import::{import, Imported};
pub use levels::Levels;

/// thematic's folder in a `.qdpx`: the codebook files REFI-QDA has no place for.
pub const SIDECAR: &str = "thematic";

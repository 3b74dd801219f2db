//! The floor for inputs from other tools: each reader turns another tool's files into the same
//! codebook directory (or `model::Codebook`) that the CSV loader reads, so that nothing
//! downstream knows where a study came from. Today: REFI-QDA projects and codebooks
//! ([`refi`], which also writes them back for the QDA tools). Readers of manuscripts and of
//! documents to code join it here, and the pieces they share get one home each when they
//! land: a grid of cells with merges (`import::grid`), a text with offsets back to the original
//! (`import::text`), and Persian normalisation with an offset map beside the matching key in
//! `persian`.
//!
//! What every reader writes the same way (CSV in memory, TOML strings) is in [`written`].
//!
//! Not for the CSV codebook itself (`codebook`), which every reader's output is checked by.

pub mod grid;
pub mod manuscript;
pub mod refi;
pub mod written;

//! `thematic`: reproduce, audit and re-run the frequency tables of thematic-analysis studies.
//!
//! Data flows one way: codebook CSVs → [`codebook::load`] → [`model::Codebook`] →
//! [`tables::compute`] (Polars) → [`tables::Tables`] → renderers in [`export`] → [`write`].

pub mod audit;
pub mod charts;
pub mod cli;
pub mod codebook;
pub mod error;
pub mod export;
pub mod model;
pub mod parallel;
pub mod persian;
pub mod synth;
pub mod tables;
pub mod write;

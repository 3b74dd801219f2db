//! Integration tests, as one test crate with a module per area: each test binary links the
//! whole library (Polars included), and on two cores every extra link costs most of a minute.
//! The tests run the real binary (`workdir`) or the library's public interface.

mod agree;
mod architecture;
mod bad_inputs;
mod charts;
mod check;
mod cli;
mod coding;
mod diff;
mod docs;
mod documents;
mod ids;
mod language;
mod paper;
mod properties;
mod read;
mod refi;
mod reliability;
mod report;
mod study;
mod synth;
mod tables;
mod validate;
mod watch;
mod workdir;

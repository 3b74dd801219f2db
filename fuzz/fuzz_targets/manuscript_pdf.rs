//! `thematic read` of a PDF manuscript on arbitrary bytes: a codebook directory that loads, or a
//! problem with a short message; never a panic, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "manuscript_support.rs"]
mod support;

fuzz_target!(|data: &[u8]| {
    let bytes = support::manuscript_bytes("pdf", data);
    support::read_and_load(&bytes, "pdf");
});

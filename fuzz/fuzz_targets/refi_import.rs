//! The REFI-QDA importer on arbitrary files: the first byte chooses how the rest is named
//! (`.qdpx` archive, `.qdc` codebook, bare `.qde`). The import must end in a codebook or a
//! short problem, never a panic; what it writes must load (or be refused by the loader with
//! problems) and, when it loads, compute.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thematic::codebook::{load, Source};

fuzz_target!(|data: &[u8]| {
    let Some((&kind, rest)) = data.split_first() else { return };
    let name = match kind % 3 {
        0 => "input.qdpx",
        1 => "input.qdc",
        _ => "input.qde",
    };
    let dir = std::env::temp_dir().join(format!("thematic-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(name);
    std::fs::write(&path, rest).unwrap();
    match thematic::import::refi::import(&path, None) {
        Err(problem) => {
            let message = problem.to_string();
            assert!(message.len() < 64 * 1024, "{} bytes of message", message.len());
        }
        Ok(imported) => {
            let files = imported
                .files
                .iter()
                .map(|(name, bytes)| (name.to_string(), bytes.clone()))
                .collect();
            if let Ok(codebook) = load(&Source::Memory(files)) {
                thematic::tables::compute(&codebook).expect("a codebook that loads computes");
            }
        }
    }
});

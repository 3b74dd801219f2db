//! The codebook loader on arbitrary files: the input is split at 0xFF bytes (never valid in
//! UTF-8) into the six codebook files, so the fuzzer can reach cross-file validation.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thematic::codebook::{load, Source, FILES, OPTIONAL_FILES};

fuzz_target!(|data: &[u8]| {
    let names = FILES.iter().chain(OPTIONAL_FILES.iter());
    let files = data
        .split(|&b| b == 0xFF)
        .zip(names)
        .map(|(bytes, name)| (name.to_string(), bytes.to_vec()))
        .collect();
    if let Ok(codebook) = load(&Source::Memory(files)) {
        // A codebook that loads must also compute and audit.
        if let Ok(tables) = thematic::tables::compute(&codebook) {
            let _ = thematic::audit::audit(
                &codebook,
                &tables,
                &thematic::audit::Settings::new(thematic::lang::Lang::Fa),
            );
        }
    }
});

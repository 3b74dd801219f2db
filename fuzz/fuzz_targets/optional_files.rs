//! The optional codebook files (findings map, readings, citations, segments) on arbitrary
//! bytes, beside the paper's own scheme and roster, so that every row reaches the checks that
//! look across files. The first byte chooses the file. A codebook that loads must compute and
//! audit; a refusal stays short.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thematic::codebook::{load, source::builtin, Source, OPTIONAL_FILES};

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else { return };
    let optional = OPTIONAL_FILES[usize::from(which) % OPTIONAL_FILES.len()];
    let files = vec![
        ("dimensions.csv".to_string(), builtin::DIMENSIONS.as_bytes().to_vec()),
        ("components.csv".to_string(), builtin::COMPONENTS.as_bytes().to_vec()),
        ("base_themes.csv".to_string(), builtin::BASE_THEMES.as_bytes().to_vec()),
        ("interviewees.csv".to_string(), builtin::INTERVIEWEES.as_bytes().to_vec()),
        (optional.to_string(), bytes.to_vec()),
    ];
    match load(&Source::Memory(files)) {
        Err(problems) => {
            let message = problems.to_string();
            assert!(message.len() < 64 * 1024, "{} bytes of message", message.len());
        }
        Ok(codebook) => {
            let tables = thematic::tables::compute(&codebook).expect("a codebook that loads computes");
            let settings = thematic::audit::Settings::new(thematic::lang::Lang::En);
            thematic::audit::audit(&codebook, &tables, &settings);
        }
    }
});

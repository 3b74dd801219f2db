//! `study.toml` on arbitrary bytes: a study, or problems with short messages, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problems) = thematic::codebook::study::read("study.toml", data) {
        assert!(!problems.is_empty());
        for problem in problems {
            let message = problem.to_string();
            assert!(message.len() < 16 * 1024, "{} bytes of message", message.len());
        }
    }
});

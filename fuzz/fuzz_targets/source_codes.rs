//! The source-code parser and the Persian normaliser on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thematic::codebook::source_codes::{format_source_codes, parse_source_codes};

fuzz_target!(|text: &str| {
    if let Ok(codes) = parse_source_codes(text) {
        assert_eq!(parse_source_codes(&format_source_codes(&codes)), Ok(codes));
    }
    let key = thematic::persian::match_key(text);
    assert_eq!(thematic::persian::match_key(&key), key);
});

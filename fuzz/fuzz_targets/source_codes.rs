//! The source-code parser, the recogniser of what spreadsheets do to cells, and the Persian
//! normaliser on arbitrary text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thematic::codebook::source_codes::{format_source_codes, parse_source_codes};

fuzz_target!(|text: &str| {
    if let Ok(codes) = parse_source_codes(text) {
        assert_eq!(parse_source_codes(&format_source_codes(&codes)), Ok(codes));
    }
    // Naming what a spreadsheet did never panics, whatever the cell.
    let _ = thematic::codebook::spreadsheet::damage(text);
    if let Ok(n) = text.trim().parse::<u32>() {
        let _ = thematic::codebook::spreadsheet::serial_date(n);
    }
    let key = thematic::persian::match_key(text);
    assert_eq!(thematic::persian::match_key(&key), key);
});

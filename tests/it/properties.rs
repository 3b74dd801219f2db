//! Property tests: arbitrary input never panics the source-code parser, the Persian normaliser
//! or the codebook loader; printing then parsing a valid list gives it back; normalising twice
//! is normalising once.

use proptest::prelude::*;
use thematic::codebook::source_codes::{format_source_codes, parse_source_codes};
use thematic::codebook::{load, Source};
use thematic::persian::{match_key, parse_number};

const TINY: [(&str, &str); 4] = [
    ("dimensions.csv", "dimension,printed_frequency\nD1,4\n"),
    ("components.csv", "dimension,component,printed_frequency\nD1,C1,4\n"),
    ("base_themes.csv", "dimension,component,base_theme,source_codes,printed_frequency\nD1,C1,T1,1-2,2\nD1,C1,T2,2-3,2\n"),
    ("interviewees.csv", "code,name,findings\n1,Ann,p1\n2,Bob,\"p1، p2\"\n3,Cid,p2\n"),
];

fn memory(files: Vec<(&str, Vec<u8>)>) -> Source {
    Source::Memory(files.into_iter().map(|(n, b)| (n.to_string(), b)).collect())
}

proptest! {
    #[test]
    fn the_source_code_parser_never_panics(text in "\\PC*") {
        let _ = parse_source_codes(&text);
    }

    #[test]
    fn lists_of_separators_and_digits_never_panic(text in "[0-9۰-۹٠-٩ ,،\\-–]{0,40}") {
        if let Ok(codes) = parse_source_codes(&text) {
            prop_assert!(!codes.is_empty() && codes.iter().all(|&c| c > 0));
        }
    }

    #[test]
    fn print_then_parse_is_the_identity(codes in prop::collection::vec(1u32..=1_000_000_000, 1..60)) {
        prop_assert_eq!(parse_source_codes(&format_source_codes(&codes)), Ok(codes));
    }

    #[test]
    fn numbers_parse_in_every_digit_script(n in 0u64..=1_000_000_000, script in 0usize..3) {
        let zero = ['0', '۰', '٠'][script] as u32;
        let text: String = n.to_string().chars().map(|c| char::from_u32(zero + c.to_digit(10).unwrap()).unwrap()).collect();
        prop_assert_eq!(parse_number(&text), Ok(n));
    }

    #[test]
    fn normalising_twice_is_normalising_once(text in "\\PC*") {
        let once = match_key(&text);
        prop_assert_eq!(match_key(&once), once);
    }

    #[test]
    fn persian_like_text_normalises_idempotently(text in "[ آ-ی‌ ـًٌٍَُِّْيكى۰-۹٠-٩a-zA-Z]{0,30}") {
        let once = match_key(&text);
        prop_assert_eq!(match_key(&once), once);
    }

    #[test]
    fn the_loader_never_panics_on_arbitrary_bytes(
        which in 0usize..4,
        bytes in prop::collection::vec(any::<u8>(), 0..400),
    ) {
        let files: Vec<(&str, Vec<u8>)> = TINY
            .iter()
            .enumerate()
            .map(|(i, (name, text))| (*name, if i == which { bytes.clone() } else { text.as_bytes().to_vec() }))
            .collect();
        let _ = load(&memory(files));
    }

    #[test]
    fn the_loader_never_panics_on_mutated_codebooks(
        which in 0usize..4,
        position in any::<prop::sample::Index>(),
        insert in "[,\"\\n\\r\\-0-9a-zA-Zآ-ی،\u{FEFF}]{0,6}",
        delete in 0usize..6,
    ) {
        let files: Vec<(&str, Vec<u8>)> = TINY
            .iter()
            .enumerate()
            .map(|(i, (name, text))| {
                if i != which {
                    return (*name, text.as_bytes().to_vec());
                }
                let chars: Vec<char> = text.chars().collect();
                let at = position.index(chars.len() + 1);
                let end = (at + delete).min(chars.len());
                let mutated: String = chars[..at].iter().chain(insert.chars().collect::<Vec<_>>().iter()).chain(chars[end..].iter()).collect();
                (*name, mutated.into_bytes())
            })
            .collect();
        let _ = load(&memory(files));
    }
}

#[test]
fn the_unmutated_memory_codebook_loads() {
    let files = TINY
        .iter()
        .map(|(n, t)| (*n, t.as_bytes().to_vec()))
        .collect();
    let codebook = load(&memory(files)).unwrap();
    assert_eq!(codebook.base_theme_count(), 2);
}

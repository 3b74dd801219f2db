//! `thematic code`'s matcher and dictionary readers on arbitrary bytes: the first line is terms
//! (`|`-separated, `*` for a prefix), the rest a document; the whole input is also read as each
//! dictionary format and as terms.csv. Never a panic; every segment's offsets inside the text
//! and its text the text's characters there.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thematic::coding::{self, matcher::Matcher, terms, Options, Scheme, Theme, Unit};

fuzz_target!(|data: &[u8]| {
    for format in [
        terms::Format::Liwc,
        terms::Format::Lexicoder,
        terms::Format::Yaml,
        terms::Format::WordStat,
    ] {
        if let Ok(categories) = terms::dictionary("d", format, data) {
            let _ = Scheme::of_dictionary("d", categories);
        }
    }
    let _ = terms::terms_csv("terms.csv", data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (head, body) = text.split_once('\n').unwrap_or((text, ""));
    let mut scheme = Scheme::default();
    scheme.themes.push(Theme::default());
    for t in head.split('|').take(64) {
        let (t, mode) = match t.strip_suffix('*') {
            Some(t) => (t, terms::Match::Prefix),
            None => (t, terms::Match::Word),
        };
        scheme.terms.push((
            0,
            terms::Term {
                text: t.to_string(),
                mode,
                origin: String::new(),
            },
        ));
    }
    let matcher = Matcher::new(&scheme.terms);
    let chars: Vec<char> = body.chars().collect();
    for unit in [Unit::Match, Unit::Sentence, Unit::Paragraph] {
        let options = Options {
            unit,
            speakers: None,
            skip_negated: false,
        };
        for s in coding::code_text(body, &scheme, &matcher, &options) {
            assert!(s.start <= s.end && s.end as usize <= chars.len());
            let there: String = chars[s.start as usize..s.end as usize].iter().collect();
            assert_eq!(there, s.text);
        }
    }
});

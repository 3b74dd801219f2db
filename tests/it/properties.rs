//! Property tests: arbitrary input never panics the source-code parser, the Persian normaliser
//! or the codebook loader; printing then parsing a valid list gives it back; normalising twice
//! is normalising once.

use proptest::prelude::*;
use thematic::case_id::CaseId;
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
            // Numbers from 1, or zero-padded digit strings kept as identifiers (`01`).
            prop_assert!(codes
                .iter()
                .all(|c| c.as_number().is_some_and(|n| n > 0) || c.written().starts_with('0')));
        }
    }

    #[test]
    fn print_then_parse_is_the_identity(codes in prop::collection::vec(1u32..=1_000_000_000, 1..60)) {
        let codes: Vec<CaseId> = codes.into_iter().map(CaseId::number).collect();
        prop_assert_eq!(parse_source_codes(&format_source_codes(&codes)), Ok(codes));
    }

    #[test]
    fn print_then_parse_keeps_identifiers(written in prop::collection::vec("[A-Za-zم][A-Za-z0-9_۰-۹-]{0,6}[A-Za-z0-9]", 1..20)) {
        let codes: Vec<CaseId> = written.iter().filter_map(|w| CaseId::parse(w).ok()).collect();
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

/// Characters that have broken text layout elsewhere: controls, combining marks, bidi controls
/// and joiners, Arabic and Latin letters, wide and astral characters, spaces and line breaks.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        any::<char>(),
        prop::char::range('\0', '\u{1F}'),
        prop::char::range('\u{300}', '\u{36F}'),
        prop::sample::select(vec![
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{200E}', '\u{200F}', '\u{061C}', '\u{202A}',
            '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}',
            '\u{2069}', '\u{FEFF}', '\u{A0}', ' ', '\n', '\t', '&', '<', '>', '"', '\''
        ]),
        prop::char::range('آ', 'ی'),
        prop::char::range('a', 'z'),
        prop::char::range('\u{4E00}', '\u{4E40}'),
        prop::char::range('\u{1F600}', '\u{1F640}'),
    ]
}

/// A label: usually short, sometimes huge (up to 20,000 characters), sometimes empty.
fn hostile_label() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(hostile_char(), 0..30),
        prop_oneof![4 => Just(1usize), 1 => 1usize..700],
    )
        .prop_map(|(chars, times)| chars.into_iter().collect::<String>().repeat(times))
}

/// The paper's codebook with every label (dimensions, components, base themes, interviewees'
/// names, in both languages) replaced by the next of `labels`, the findings map following.
fn relabelled(labels: &[String]) -> thematic::model::Codebook {
    use indexmap::IndexMap;
    let mut next = labels.iter().cycle().cloned();
    let mut codebook = load(&Source::BuiltIn).unwrap();
    // Keys stay unique within their parent, as the loader guarantees.
    let mut unique = |taken: &mut std::collections::HashSet<String>| {
        let mut label = next.next().unwrap();
        while !taken.insert(label.clone()) {
            label.push('·');
        }
        label
    };
    let mut renamed = std::collections::HashMap::new();
    let mut dimensions = IndexMap::new();
    let mut taken_dimensions = Default::default();
    for (_, mut d) in std::mem::take(&mut codebook.dimensions) {
        let old_d = d.label.printed.clone();
        d.label.printed = unique(&mut taken_dimensions);
        d.label.english = unique(&mut Default::default());
        let mut components = IndexMap::new();
        let mut taken_components = Default::default();
        for (_, mut c) in std::mem::take(&mut d.components) {
            let old_c = c.label.printed.clone();
            c.label.printed = unique(&mut taken_components);
            c.label.english = unique(&mut Default::default());
            let mut themes = IndexMap::new();
            let mut taken_themes = Default::default();
            for (_, mut b) in std::mem::take(&mut c.base_themes) {
                let old_b = b.label.printed.clone();
                b.label.printed = unique(&mut taken_themes);
                b.label.english = unique(&mut Default::default());
                renamed.insert(
                    (old_d.clone(), old_c.clone(), old_b),
                    (
                        d.label.printed.clone(),
                        c.label.printed.clone(),
                        b.label.printed.clone(),
                    ),
                );
                themes.insert(b.label.printed.clone(), b);
            }
            c.base_themes = themes;
            components.insert(c.label.printed.clone(), c);
        }
        d.components = components;
        dimensions.insert(d.label.printed.clone(), d);
    }
    codebook.dimensions = dimensions;
    for link in &mut codebook.findings_map {
        let key = (
            link.dimension.clone(),
            link.component.clone(),
            link.base_theme.clone(),
        );
        (link.dimension, link.component, link.base_theme) = renamed[&key].clone();
    }
    for interviewee in codebook.interviewees.values_mut() {
        interviewee.name.printed = unique(&mut Default::default());
        interviewee.name.english = unique(&mut Default::default());
    }
    codebook
}

proptest! {
    // Each case renders every output of `run`, fourteen charts among them.
    #![proptest_config(ProptestConfig { cases: 16, ..ProptestConfig::default() })]

    #[test]
    fn every_chart_renders_whatever_the_labels(
        labels in prop::collection::vec(hostile_label(), 1..12),
        english in any::<bool>(),
    ) {
        use thematic::{audit, charts::ChartOptions, lang::Lang, outputs};
        let codebook = relabelled(&labels);
        let lang = if english { Lang::En } else { Lang::Fa };
        let tables = thematic::tables::compute(&codebook).unwrap();
        let audit = audit::audit(&codebook, &tables, &audit::Settings::new(lang));
        let results = thematic::export::Results {
            tables: &tables,
            study: &codebook.study,
            lang,
            audit: Some(&audit),
            charts: &ChartOptions::new(lang),
            provenance: thematic::export::Provenance { location: &codebook.location, digest: &codebook.digest },
            document: &thematic::export::publication::Options::new(lang),
            coders: None,
        };
        let written = outputs::render(&outputs::Output::for_run(), &results);
        prop_assert!(written.is_ok(), "{:?}", written.err());
        let written = written.unwrap();
        let charts = written.iter().filter(|o| o.relative.starts_with("charts")).count();
        // Every kind once, the network once more for each dimension, in two formats.
        let dimensions = codebook.dimensions.len();
        prop_assert_eq!(charts, 2 * (thematic::charts::ChartKind::all().len() + dimensions));
        // Every part of the Word documents is well-formed XML whatever the labels hold.
        for docx in written.iter().filter(|o| o.relative.extension().is_some_and(|e| e == "docx")) {
            for (part, xml) in crate::documents::parts(&docx.bytes) {
                let parsed = roxmltree::Document::parse(&xml);
                prop_assert!(parsed.is_ok(), "{} {part}: {:?}", docx.relative.display(), parsed.err());
            }
        }
    }
}

//! The codebook loader on arbitrary files: the input is split at 0xFF bytes (never valid in
//! UTF-8) into the codebook's files, so the fuzzer can reach cross-file validation. A codebook
//! that loads must compute, audit and render every table and audit output (charts are left to
//! the property test: rasterising is too slow for fuzzing), and a problem message stays short.
#![no_main]

use libfuzzer_sys::fuzz_target;
use thematic::codebook::{load, Source, FILES, OPTIONAL_FILES};
use thematic::outputs::{self, Output};

fuzz_target!(|data: &[u8]| {
    let names = FILES.iter().chain(OPTIONAL_FILES.iter());
    let files = data
        .split(|&b| b == 0xFF)
        .zip(names)
        .map(|(bytes, name)| (name.to_string(), bytes.to_vec()))
        .collect();
    let codebook = match load(&Source::Memory(files)) {
        Ok(codebook) => codebook,
        Err(problems) => {
            let message = problems.to_string();
            assert!(message.len() < 64 * 1024, "{} bytes of message", message.len());
            assert!(!message.chars().any(|c| c.is_control() && c != '\n'));
            return;
        }
    };
    let tables = thematic::tables::compute(&codebook).expect("a codebook that loads computes");
    let lang = thematic::lang::Lang::Fa;
    let audit = thematic::audit::audit(&codebook, &tables, &thematic::audit::Settings::new(lang));
    // Built once: loading the font for every input would be most of the fuzzer's time.
    static OPTIONS: std::sync::LazyLock<thematic::charts::ChartOptions> =
        std::sync::LazyLock::new(|| thematic::charts::ChartOptions::new(thematic::lang::Lang::Fa));
    let results = thematic::export::Results {
        tables: &tables,
        study: &codebook.study,
        lang,
        audit: Some(&audit),
        charts: &OPTIONS,
        provenance: thematic::export::Provenance {
            location: &codebook.location,
            digest: &codebook.digest,
        },
        document: &thematic::export::publication::Options::new(lang),
        coders: None,
    };
    let text: Vec<Output> = Output::for_run()
        .into_iter()
        .filter(|o| !matches!(o, Output::Chart(..)))
        .collect();
    outputs::render(&text, &results).expect("every output of a codebook that loads renders");
});

//! Codebooks on disk: four CSV files a researcher can open in a spreadsheet and hold beside the
//! printed tables, read and validated into a [`Codebook`].
//!
//! | file | one row per | columns |
//! |---|---|---|
//! | `dimensions.csv` | dimension | `dimension`, `dimension_en`, `printed_frequency`, `note`, `color` |
//! | `components.csv` | component | `dimension`, `component`, `component_en`, `printed_frequency`, `note`, `color` |
//! | `base_themes.csv` | base theme | `dimension`, `component`, `base_theme`, `base_theme_en`, `source_codes`, `printed_frequency`, `note`, `color` |
//! | `interviewees.csv` | interviewee | `code`, `name`, `role`, `name_en`, `role_en`, `year`, `topics`, `topics_en`, `findings` |
//! | `findings_map.csv` (optional) | link from a findings phrase to a base theme | `phrase`, `base_theme`, `component`, `note` |
//! | `readings.csv` (optional) | uncertain reading of one cell | `id`, `file`, `subject`, `column`, `chosen`, `alternative`, `note` |
//! | `citations.csv` (optional) | interview the study's reference list cites | `cited`, `year`, `code`, `note` |
//! | `segments.csv` (optional) | coded segment of a source document | `source`, `interviewee`, `start`, `end`, `text`, `dimension`, `component`, `base_theme` |
//! | `study.toml` (optional) | (TOML) the study: citation, language, words, printed numbering | see [`study`] |
//!
//! Validation separates what makes computation impossible (an error here: a missing column, a
//! code that is not a number, a base theme whose component does not exist, a duplicate id) from
//! properties of the data that the audit reports later (a code listed twice, a code with no
//! interviewee in the roster, codes out of order): the paper's own codebook loads with its
//! quirks intact. All problems of all files are reported together.
//!
//! The rooms: [`schema`] (files and columns), [`source`] (where bytes come from), `table`
//! (bytes to rows, with positions), `build` (rows to the model, with validation), [`study`]
//! (`study.toml`), and here [`load`], which runs them in order and gathers every problem.

mod build;
mod problem;
pub mod schema;
pub mod source;
pub mod source_codes;
pub mod spreadsheet;
pub mod study;
mod table;

pub use problem::{Problem, Problems, FIRST_OF_KIND, MAX_SHOWN};
pub use schema::{
    BASE_THEMES, CITATIONS, COMPONENTS, DIMENSIONS, FILES, FINDINGS_MAP, INTERVIEWEES,
    OPTIONAL_FILES, READINGS, SEGMENTS, SEGMENT_COLUMNS, TERMS,
};
pub use source::{builtin, Source, DEFAULT_DIR, MAX_FILE_BYTES};

use crate::model::Codebook;
use build::Builder;
use schema::*;
use table::{FileSpec, Table};

/// SHA-256 over the files read, each as its name, its length and its bytes.
#[derive(Default)]
struct Digest(sha2::Sha256);

impl Digest {
    fn file(&mut self, name: &str, bytes: &[u8]) {
        use sha2::Digest as _;
        self.0.update(name.as_bytes());
        self.0.update([0]);
        self.0.update((bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
    }

    fn hex(self) -> String {
        use sha2::Digest as _;
        self.0
            .finalize()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
}

/// Read and validate a codebook. On failure, every problem found in every file.
pub fn load(source: &Source) -> Result<Codebook, Problems> {
    let mut problems = Problems::new();
    let mut digest = Digest::default();
    let mut read = |spec: &FileSpec| -> Option<Vec<u8>> {
        match source.read(spec.name) {
            Ok(bytes) => {
                digest.file(spec.name, &bytes);
                Some(bytes)
            }
            Err(p) => {
                problems.push(p);
                None
            }
        }
    };
    let files = [
        &DIMENSIONS_SPEC,
        &COMPONENTS_SPEC,
        &BASE_THEMES_SPEC,
        &INTERVIEWEES_SPEC,
    ]
    .map(&mut read);
    // A missing or unusable directory is one problem, not four.
    problems.dedup_by(|a, b| a.file == b.file && a.message == b.message);
    let [dimension_bytes, component_bytes, theme_bytes, interviewee_bytes] = files;

    fn parse<T: serde::de::DeserializeOwned>(
        spec: &FileSpec,
        source: &Source,
        bytes: Option<Vec<u8>>,
        problems: &mut Problems,
    ) -> Option<Table<T>> {
        let bytes = bytes?;
        table::read(spec, &source.display_path(spec.name), &bytes)
            .map_err(|p| problems.append(p))
            .ok()
    }
    let mut optional = |name: &str| match source.read_optional(name) {
        Ok(bytes) => {
            if let Some(bytes) = &bytes {
                digest.file(name, bytes);
            }
            bytes
        }
        Err(p) => {
            problems.push(p);
            None
        }
    };
    let link_bytes = optional(FINDINGS_MAP);
    let reading_bytes = optional(READINGS);
    let citation_bytes = optional(CITATIONS);
    let segment_bytes = optional(SEGMENTS);
    let study_bytes = optional(study::STUDY);
    let dimensions =
        parse::<DimensionRow>(&DIMENSIONS_SPEC, source, dimension_bytes, &mut problems);
    let components =
        parse::<ComponentRow>(&COMPONENTS_SPEC, source, component_bytes, &mut problems);
    // The roster and the base themes, the two large files of a large study, are parsed and
    // built side by side (the roster depends on no other file); problems are sorted into
    // reading order below.
    let mut builder = Builder::default();
    let (themes, (interviewees, roster, interviewee_problems)) = std::thread::scope(|scope| {
        let interviewees = scope.spawn(|| {
            let mut problems = Problems::new();
            let mut table = parse::<IntervieweeRow>(
                &INTERVIEWEES_SPEC,
                source,
                interviewee_bytes,
                &mut problems,
            );
            let mut roster = Builder::default();
            if let Some(t) = &mut table {
                roster.interviewees(t, &mut problems);
            }
            (table.is_some(), roster.interviewees, problems)
        });
        let mut themes =
            parse::<BaseThemeRow>(&BASE_THEMES_SPEC, source, theme_bytes, &mut problems);
        // Cross-file checks need every file; rows of a file that did parse are still checked.
        if let Some(t) = &dimensions {
            builder.dimensions(t, &mut problems);
        }
        if let (Some(t), Some(_)) = (&components, &dimensions) {
            builder.components(t, &mut problems);
        }
        if let (Some(t), Some(_), Some(_)) = (&mut themes, &dimensions, &components) {
            builder.base_themes(t, &mut problems);
        }
        // A panic while parsing is a bug; carry it over to this thread.
        let interviewees = interviewees
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (themes, interviewees)
    });
    problems.append(interviewee_problems);
    builder.interviewees = roster;
    builder.split_joined_codes();
    if let (Some(t), true) = (&themes, interviewees) {
        builder.spreadsheet_damage(t, &mut problems);
    }
    // Only when everything else read: a row refused for another reason would leave its
    // component looking empty.
    if let (Some(d), Some(c), Some(_), true) =
        (&dimensions, &components, &themes, problems.is_empty())
    {
        builder.empty_groups(d, c, &mut problems);
    }
    let links = parse::<FindingLinkRow>(&FINDINGS_MAP_SPEC, source, link_bytes, &mut problems);
    let readings = parse::<ReadingRow>(&READINGS_SPEC, source, reading_bytes, &mut problems);
    let complete = dimensions.is_some() && components.is_some() && themes.is_some() && interviewees;
    if let (Some(t), true) = (&links, complete) {
        builder.findings_map(t, &mut problems);
    }
    if let (Some(t), true) = (&readings, complete) {
        builder.readings(t, &mut problems);
    }
    let citations = parse::<CitationRow>(&CITATIONS_SPEC, source, citation_bytes, &mut problems);
    if let (Some(t), true) = (&citations, complete) {
        builder.citations(t, &mut problems);
    }
    let segments = parse::<SegmentRow>(&SEGMENTS_SPEC, source, segment_bytes, &mut problems);
    if let (Some(t), true) = (&segments, complete) {
        builder.segments(t, &mut problems);
    }
    let study = match study_bytes {
        Some(bytes) => study::read(&source.display_path(study::STUDY), &bytes)
            .map_err(|p| problems.extend(p))
            .unwrap_or_default(),
        None => Default::default(),
    };
    // Report in reading order: file by file, line by line, column by column.
    let rank = |p: &Problem| {
        let file = FILES
            .iter()
            .chain(&OPTIONAL_FILES)
            .position(|f| p.file.ends_with(f))
            .unwrap_or(0);
        (
            file,
            p.line.unwrap_or(0),
            p.column.as_ref().map_or(0, |c| c.0),
        )
    };
    problems.sort_by_key(rank);
    if problems.is_empty() {
        Ok(Codebook {
            name: source.name(),
            location: source.describe(),
            digest: digest.hex(),
            dimensions: builder.dimensions,
            interviewees: builder.interviewees,
            findings_map: builder.findings_map,
            readings: builder.readings,
            citations: builder.citations,
            segments: builder.segments,
            study,
        })
    } else {
        Err(problems)
    }
}

//! The codebook's CSV schema: the file names, the columns of each file (which are required),
//! and the rows as serde reads them.
//!
//! What a cell means is not decided here (that is [`super::build`]); how bytes become rows is
//! [`super::table`]. A new column is added here and documented in the table of docs/codebook.md.

use super::table::{ColumnSpec, FileSpec};
use serde::Deserialize;

pub(super) const fn required(name: &'static str) -> ColumnSpec {
    ColumnSpec {
        name,
        required: true,
    }
}
pub(super) const fn optional(name: &'static str) -> ColumnSpec {
    ColumnSpec {
        name,
        required: false,
    }
}

pub const DIMENSIONS: &str = "dimensions.csv";
pub const COMPONENTS: &str = "components.csv";
pub const BASE_THEMES: &str = "base_themes.csv";
pub const INTERVIEWEES: &str = "interviewees.csv";
pub const FINDINGS_MAP: &str = "findings_map.csv";
pub const READINGS: &str = "readings.csv";
pub const CITATIONS: &str = "citations.csv";
pub const SEGMENTS: &str = "segments.csv";
/// The terms `thematic code` codes documents with, beside a scheme's files (not a codebook
/// file: the loader does not read it, its digest does not count it).
pub const TERMS: &str = "terms.csv";
/// The columns of `segments.csv` as the writers write them (`thematic import` writes the first
/// eight: a QDA tool's selections have no term or negation).
pub const SEGMENT_COLUMNS: [&str; 10] = [
    "source",
    "interviewee",
    "start",
    "end",
    "text",
    "dimension",
    "component",
    "base_theme",
    "term",
    "negation",
];
/// The required files of a codebook directory, in the order they are read.
pub const FILES: [&str; 4] = [DIMENSIONS, COMPONENTS, BASE_THEMES, INTERVIEWEES];
/// Files a codebook may have besides the required ones.
pub const OPTIONAL_FILES: [&str; 5] = [
    FINDINGS_MAP,
    READINGS,
    CITATIONS,
    SEGMENTS,
    super::study::STUDY,
];

pub(super) const DIMENSIONS_SPEC: FileSpec = FileSpec {
    optional: false,
    name: DIMENSIONS,
    rows_are: "one row per dimension (global theme)",
    columns: &[
        required("dimension"),
        optional("dimension_en"),
        optional("printed_frequency"),
        optional("printed_percent"),
        optional("note"),
        optional("color"),
    ],
};
pub(super) const COMPONENTS_SPEC: FileSpec = FileSpec {
    optional: false,
    name: COMPONENTS,
    rows_are: "one row per component (organizing theme)",
    columns: &[
        required("dimension"),
        required("component"),
        optional("component_en"),
        optional("printed_frequency"),
        optional("printed_percent"),
        optional("note"),
        optional("color"),
    ],
};
pub(super) const BASE_THEMES_SPEC: FileSpec = FileSpec {
    optional: false,
    name: BASE_THEMES,
    rows_are: "one row per base theme",
    columns: &[
        required("dimension"),
        required("component"),
        required("base_theme"),
        optional("base_theme_en"),
        required("source_codes"),
        optional("printed_frequency"),
        optional("printed_percent"),
        optional("note"),
        optional("color"),
    ],
};
pub(super) const INTERVIEWEES_SPEC: FileSpec = FileSpec {
    // A scheme to code with has no interviewees yet.
    optional: true,
    name: INTERVIEWEES,
    rows_are: "one row per interviewee",
    columns: &[
        required("code"),
        required("name"),
        optional("role"),
        optional("name_en"),
        optional("role_en"),
        optional("year"),
        optional("topics"),
        optional("topics_en"),
        optional("findings"),
    ],
};

pub(super) const FINDINGS_MAP_SPEC: FileSpec = FileSpec {
    optional: true,
    name: FINDINGS_MAP,
    rows_are: "one row per link from a findings phrase of interviewees.csv to a base theme",
    columns: &[
        required("phrase"),
        required("base_theme"),
        optional("component"),
        optional("note"),
    ],
};
pub(super) const READINGS_SPEC: FileSpec = FileSpec {
    optional: true,
    name: READINGS,
    rows_are: "one row per uncertain reading of a codebook cell",
    columns: &[
        required("id"),
        required("file"),
        required("subject"),
        optional("column"),
        optional("chosen"),
        optional("chosen_en"),
        optional("alternative"),
        optional("alternative_en"),
        optional("note"),
        optional("note_en"),
    ],
};

pub(super) const SEGMENTS_SPEC: FileSpec = FileSpec {
    optional: true,
    name: SEGMENTS,
        rows_are: "one row per coded segment of a source document (written by `thematic import` and `thematic code`)",
    columns: &[
        required("source"),
        optional("interviewee"),
        required("start"),
        required("end"),
        optional("text"),
        optional("dimension"),
        optional("component"),
        required("base_theme"),
        optional("term"),
        optional("negation"),
    ],
};

#[derive(Deserialize)]
pub(super) struct SegmentRow {
    pub(super) source: String,
    #[serde(default)]
    pub(super) interviewee: String,
    pub(super) start: String,
    pub(super) end: String,
    #[serde(default)]
    pub(super) text: String,
    // `dimension` is written for the reader; the base theme is found by component and label.
    #[serde(default)]
    pub(super) component: String,
    pub(super) base_theme: String,
    /// The term that matched (`thematic code`).
    #[serde(default)]
    pub(super) term: String,
    /// The negation cue near it, if any (`thematic code`).
    #[serde(default)]
    pub(super) negation: String,
}

#[derive(Deserialize)]
pub(super) struct FindingLinkRow {
    pub(super) phrase: String,
    pub(super) base_theme: String,
    #[serde(default)]
    pub(super) component: String,
    #[serde(default)]
    pub(super) note: String,
}

pub(super) const CITATIONS_SPEC: FileSpec = FileSpec {
    optional: true,
    name: CITATIONS,
    rows_are: "one row per interview the study's reference list cites",
    columns: &[
        required("cited"),
        optional("year"),
        optional("code"),
        optional("note"),
        optional("note_en"),
    ],
};

#[derive(Deserialize)]
pub(super) struct CitationRow {
    pub(super) cited: String,
    #[serde(default)]
    pub(super) year: String,
    #[serde(default)]
    pub(super) code: String,
    #[serde(default)]
    pub(super) note: String,
    #[serde(default)]
    pub(super) note_en: String,
}

#[derive(Deserialize)]
pub(super) struct ReadingRow {
    pub(super) id: String,
    pub(super) file: String,
    pub(super) subject: String,
    #[serde(default)]
    pub(super) column: String,
    #[serde(default)]
    pub(super) chosen: String,
    #[serde(default)]
    pub(super) chosen_en: String,
    #[serde(default)]
    pub(super) alternative: String,
    #[serde(default)]
    pub(super) alternative_en: String,
    #[serde(default)]
    pub(super) note: String,
    #[serde(default)]
    pub(super) note_en: String,
}

#[derive(Deserialize)]
pub(super) struct DimensionRow {
    pub(super) dimension: String,
    #[serde(default)]
    pub(super) dimension_en: String,
    #[serde(default)]
    pub(super) printed_frequency: String,
    #[serde(default)]
    pub(super) printed_percent: String,
    #[serde(default)]
    pub(super) note: String,
    #[serde(default)]
    pub(super) color: String,
}

#[derive(Deserialize)]
pub(super) struct ComponentRow {
    pub(super) dimension: String,
    pub(super) component: String,
    #[serde(default)]
    pub(super) component_en: String,
    #[serde(default)]
    pub(super) printed_frequency: String,
    #[serde(default)]
    pub(super) printed_percent: String,
    #[serde(default)]
    pub(super) note: String,
    #[serde(default)]
    pub(super) color: String,
}

#[derive(Deserialize)]
pub(super) struct BaseThemeRow {
    pub(super) dimension: String,
    pub(super) component: String,
    pub(super) base_theme: String,
    #[serde(default)]
    pub(super) base_theme_en: String,
    pub(super) source_codes: String,
    #[serde(default)]
    pub(super) printed_frequency: String,
    #[serde(default)]
    pub(super) printed_percent: String,
    #[serde(default)]
    pub(super) note: String,
    #[serde(default)]
    pub(super) color: String,
}

#[derive(Deserialize)]
pub(super) struct IntervieweeRow {
    pub(super) code: String,
    pub(super) name: String,
    #[serde(default)]
    pub(super) role: String,
    #[serde(default)]
    pub(super) name_en: String,
    #[serde(default)]
    pub(super) role_en: String,
    #[serde(default)]
    pub(super) year: String,
    #[serde(default)]
    pub(super) topics: String,
    #[serde(default)]
    pub(super) topics_en: String,
    #[serde(default)]
    pub(super) findings: String,
}

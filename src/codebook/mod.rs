//! Codebooks on disk: four CSV files a researcher can open in a spreadsheet and hold beside the
//! printed tables, read and validated into a [`Codebook`].
//!
//! | file | one row per | columns |
//! |---|---|---|
//! | `dimensions.csv` | dimension | `dimension`, `dimension_en`, `printed_frequency` |
//! | `components.csv` | component | `dimension`, `component`, `component_en`, `printed_frequency` |
//! | `base_themes.csv` | base theme | `dimension`, `component`, `base_theme`, `base_theme_en`, `source_codes`, `printed_frequency` |
//! | `interviewees.csv` | interviewee | `code`, `name`, `role`, `name_en`, `role_en`, `year`, `topics`, `topics_en`, `findings` |
//! | `findings_map.csv` (optional) | link from a findings phrase to a base theme | `phrase`, `base_theme`, `component`, `note` |
//! | `readings.csv` (optional) | uncertain reading of one cell | `id`, `file`, `subject`, `column`, `chosen`, `alternative`, `note` |
//!
//! Validation separates what makes computation impossible (an error here: a missing column, a
//! code that is not a number, a base theme whose component does not exist, a duplicate id) from
//! properties of the data that the audit reports later (a code listed twice, a code with no
//! interviewee in the roster, codes out of order): the paper's own codebook loads with its
//! quirks intact. All problems of all files are reported together.

mod problem;
pub mod source_codes;
mod table;

pub use problem::Problem;

use crate::model::{BaseTheme, Codebook, Component, Dimension, Interviewee, Label, Origin};
use crate::persian::{match_key, parse_number, NumberError};
use indexmap::IndexMap;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use table::{ColumnSpec, FileSpec, Table};

const fn required(name: &'static str) -> ColumnSpec {
    ColumnSpec {
        name,
        required: true,
    }
}
const fn optional(name: &'static str) -> ColumnSpec {
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
/// The required files of a codebook directory, in the order they are read.
pub const FILES: [&str; 4] = [DIMENSIONS, COMPONENTS, BASE_THEMES, INTERVIEWEES];
/// Files a codebook may have besides the required ones.
pub const OPTIONAL_FILES: [&str; 2] = [FINDINGS_MAP, READINGS];

const DIMENSIONS_SPEC: FileSpec = FileSpec {
    name: DIMENSIONS,
    rows_are: "one row per dimension (global theme)",
    columns: &[
        required("dimension"),
        optional("dimension_en"),
        optional("printed_frequency"),
        optional("printed_percent"),
    ],
};
const COMPONENTS_SPEC: FileSpec = FileSpec {
    name: COMPONENTS,
    rows_are: "one row per component (organizing theme)",
    columns: &[
        required("dimension"),
        required("component"),
        optional("component_en"),
        optional("printed_frequency"),
        optional("printed_percent"),
    ],
};
const BASE_THEMES_SPEC: FileSpec = FileSpec {
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
    ],
};
const INTERVIEWEES_SPEC: FileSpec = FileSpec {
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

const FINDINGS_MAP_SPEC: FileSpec = FileSpec {
    name: FINDINGS_MAP,
    rows_are: "one row per link from a findings phrase of interviewees.csv to a base theme",
    columns: &[
        required("phrase"),
        required("base_theme"),
        optional("component"),
        optional("note"),
    ],
};
const READINGS_SPEC: FileSpec = FileSpec {
    name: READINGS,
    rows_are: "one row per uncertain reading of a codebook cell",
    columns: &[
        required("id"),
        required("file"),
        required("subject"),
        optional("column"),
        optional("chosen"),
        optional("alternative"),
        optional("note"),
    ],
};

#[derive(Deserialize)]
struct FindingLinkRow {
    phrase: String,
    base_theme: String,
    #[serde(default)]
    component: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
struct ReadingRow {
    id: String,
    file: String,
    subject: String,
    #[serde(default)]
    column: String,
    #[serde(default)]
    chosen: String,
    #[serde(default)]
    alternative: String,
    #[serde(default)]
    note: String,
}

#[derive(Deserialize)]
struct DimensionRow {
    dimension: String,
    #[serde(default)]
    dimension_en: String,
    #[serde(default)]
    printed_frequency: String,
    #[serde(default)]
    printed_percent: String,
}

#[derive(Deserialize)]
struct ComponentRow {
    dimension: String,
    component: String,
    #[serde(default)]
    component_en: String,
    #[serde(default)]
    printed_frequency: String,
    #[serde(default)]
    printed_percent: String,
}

#[derive(Deserialize)]
struct BaseThemeRow {
    dimension: String,
    component: String,
    base_theme: String,
    #[serde(default)]
    base_theme_en: String,
    source_codes: String,
    #[serde(default)]
    printed_frequency: String,
    #[serde(default)]
    printed_percent: String,
}

#[derive(Deserialize)]
struct IntervieweeRow {
    code: String,
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    role_en: String,
    #[serde(default)]
    year: String,
    #[serde(default)]
    topics: String,
    #[serde(default)]
    topics_en: String,
    #[serde(default)]
    findings: String,
}

/// Where a codebook comes from.
#[derive(Debug, Clone)]
pub enum Source {
    /// A directory holding the four CSV files.
    Dir(PathBuf),
    /// The paper's codebook, compiled into the binary.
    BuiltIn,
    /// Files held in memory, by file name (for tests and fuzzing).
    Memory(Vec<(String, Vec<u8>)>),
}

/// The default codebook's directory, relative to the working directory.
pub const DEFAULT_DIR: &str = "codebooks/masoumi2025";

impl Source {
    /// The default: `codebooks/masoumi2025/` in the working directory when it is there (so that
    /// edits take effect), otherwise the copy built into the binary.
    pub fn default_for(cwd: &Path) -> Source {
        let dir = cwd.join(DEFAULT_DIR);
        if dir.is_dir() {
            Source::Dir(PathBuf::from(DEFAULT_DIR))
        } else {
            Source::BuiltIn
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Source::Dir(dir) => dir.display().to_string(),
            Source::BuiltIn => "the built-in copy of codebooks/masoumi2025 (Masoumi 2025)".into(),
            Source::Memory(_) => "<memory>".into(),
        }
    }

    fn name(&self) -> String {
        match self {
            Source::Dir(dir) => dir
                .canonicalize()
                .ok()
                .as_deref()
                .unwrap_or(dir)
                .file_name()
                .map_or_else(|| "codebook".into(), |n| n.to_string_lossy().into_owned()),
            Source::BuiltIn => "masoumi2025".into(),
            Source::Memory(_) => "memory".into(),
        }
    }

    fn display_path(&self, file: &str) -> String {
        match self {
            Source::Dir(dir) => dir.join(file).display().to_string(),
            Source::BuiltIn => format!("<built-in>/{file}"),
            Source::Memory(_) => format!("<memory>/{file}"),
        }
    }

    /// An optional file: `None` when the directory does not have it.
    fn read_optional(&self, file: &str) -> Result<Option<Vec<u8>>, Problem> {
        match self {
            Source::Dir(dir) if dir.is_dir() && !dir.join(file).exists() => Ok(None),
            Source::Dir(dir) if !dir.is_dir() => Ok(None),
            Source::Memory(files) if !files.iter().any(|(name, _)| name == file) => Ok(None),
            _ => self.read(file).map(Some),
        }
    }

    fn read(&self, file: &str) -> Result<Vec<u8>, Problem> {
        match self {
            Source::BuiltIn => Ok(builtin::file(file).as_bytes().to_vec()),
            Source::Memory(files) => files
                .iter()
                .find(|(name, _)| name == file)
                .map(|(_, bytes)| bytes.clone())
                .ok_or_else(|| Problem::file(&self.display_path(file), "the file is missing", "")),
            Source::Dir(dir) => read_file(dir, file),
        }
    }
}

/// Largest codebook file read: far above any real study (a synthetic study of 10 million
/// codings is about 80 MB), small enough to refuse a wrong file before reading it.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

fn read_file(dir: &Path, file: &str) -> Result<Vec<u8>, Problem> {
    let dir_display = dir.display().to_string();
    match std::fs::metadata(dir) {
        Err(e) if dir.symlink_metadata().is_ok() => {
            return Err(Problem::file(
                &dir_display,
                format!("the codebook directory is a symbolic link that cannot be followed ({e})"),
                "point --codebook at the real directory (a link loop?)",
            ))
        }
        Err(_) => {
            return Err(Problem::file(
                &dir_display,
                "the codebook directory does not exist",
                "check the path given to --codebook",
            ))
        }
        Ok(m) if !m.is_dir() => {
            return Err(Problem::file(
                &dir_display,
                "this is a file, not a codebook directory",
                format!(
                    "give --codebook the directory that holds {}",
                    FILES.join(", ")
                ),
            ))
        }
        Ok(_) => {}
    }
    let path = dir.join(file);
    let display = path.display().to_string();
    let metadata = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) => {
            let (message, fix) = match e.kind() {
                std::io::ErrorKind::NotFound if path.symlink_metadata().is_ok() => (
                    "the file is a symbolic link to nothing".to_string(),
                    "replace the link with the CSV file".to_string(),
                ),
                std::io::ErrorKind::NotFound => (
                    "the file is missing".to_string(),
                    format!("a codebook directory holds {}", FILES.join(", ")),
                ),
                _ if path
                    .symlink_metadata()
                    .is_ok_and(|m| m.file_type().is_symlink()) =>
                {
                    (
                        format!("the file is a symbolic link that cannot be followed ({e})"),
                        "replace the link with the CSV file (a link loop?)".to_string(),
                    )
                }
                _ => (
                    format!("cannot read the file: {e}"),
                    "check its permissions".to_string(),
                ),
            };
            return Err(Problem::file(&display, message, fix));
        }
    };
    if metadata.is_dir() {
        return Err(Problem::file(
            &display,
            "this is a directory, not a CSV file",
            "replace it with the CSV file",
        ));
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(Problem::file(
            &display,
            format!(
                "the file is {} MB; codebook files are read up to {} MB",
                metadata.len() / 1_000_000,
                MAX_FILE_BYTES / 1_000_000
            ),
            "check that this is the codebook file you meant; a study this large should be split into several codebooks",
        ));
    }
    std::fs::read(&path).map_err(|e| {
        Problem::file(
            &display,
            format!("cannot read the file: {e}"),
            "check its permissions",
        )
    })
}

/// The paper's codebook, embedded so that the binary works from any directory.
pub mod builtin {
    pub const DIMENSIONS: &str = include_str!("../../codebooks/masoumi2025/dimensions.csv");
    pub const COMPONENTS: &str = include_str!("../../codebooks/masoumi2025/components.csv");
    pub const BASE_THEMES: &str = include_str!("../../codebooks/masoumi2025/base_themes.csv");
    pub const INTERVIEWEES: &str = include_str!("../../codebooks/masoumi2025/interviewees.csv");
    pub const FINDINGS_MAP: &str = include_str!("../../codebooks/masoumi2025/findings_map.csv");
    pub const READINGS: &str = include_str!("../../codebooks/masoumi2025/readings.csv");

    pub fn file(name: &str) -> &'static str {
        match name {
            super::DIMENSIONS => DIMENSIONS,
            super::COMPONENTS => COMPONENTS,
            super::BASE_THEMES => BASE_THEMES,
            super::INTERVIEWEES => INTERVIEWEES,
            super::FINDINGS_MAP => FINDINGS_MAP,
            super::READINGS => READINGS,
            _ => "",
        }
    }
}

/// Read and validate a codebook. On failure, every problem found in every file.
pub fn load(source: &Source) -> Result<Codebook, Vec<Problem>> {
    let mut problems = Vec::new();
    let mut read = |spec: &FileSpec| -> Option<Vec<u8>> {
        match source.read(spec.name) {
            Ok(bytes) => Some(bytes),
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
        problems: &mut Vec<Problem>,
    ) -> Option<Table<T>> {
        let bytes = bytes?;
        table::read(spec, &source.display_path(spec.name), &bytes)
            .map_err(|p| problems.extend(p))
            .ok()
    }
    let mut optional = |name: &str| match source.read_optional(name) {
        Ok(bytes) => bytes,
        Err(p) => {
            problems.push(p);
            None
        }
    };
    let link_bytes = optional(FINDINGS_MAP);
    let reading_bytes = optional(READINGS);
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
            let mut problems = Vec::new();
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
        let themes = parse::<BaseThemeRow>(&BASE_THEMES_SPEC, source, theme_bytes, &mut problems);
        // Cross-file checks need every file; rows of a file that did parse are still checked.
        if let Some(t) = &dimensions {
            builder.dimensions(t, &mut problems);
        }
        if let (Some(t), Some(_)) = (&components, &dimensions) {
            builder.components(t, &mut problems);
        }
        if let (Some(t), Some(_), Some(_)) = (&themes, &dimensions, &components) {
            builder.base_themes(t, &mut problems);
        }
        // A panic while parsing is a bug; carry it over to this thread.
        let interviewees = interviewees
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (themes, interviewees)
    });
    problems.extend(interviewee_problems);
    builder.interviewees = roster;
    let links = parse::<FindingLinkRow>(&FINDINGS_MAP_SPEC, source, link_bytes, &mut problems);
    let readings = parse::<ReadingRow>(&READINGS_SPEC, source, reading_bytes, &mut problems);
    let complete = dimensions.is_some() && components.is_some() && themes.is_some() && interviewees;
    if let (Some(t), true) = (&links, complete) {
        builder.findings_map(t, &mut problems);
    }
    if let (Some(t), true) = (&readings, complete) {
        builder.readings(t, &mut problems);
    }
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
            dimensions: builder.dimensions,
            interviewees: builder.interviewees,
            findings_map: builder.findings_map,
            readings: builder.readings,
        })
    } else {
        Err(problems)
    }
}

const FREQUENCY_FIX: &str = "write a whole number of interviewees (e.g. 12 or ۱۲), or leave the cell empty where nothing is printed";

fn printed_frequency<T>(
    t: &Table<T>,
    line: u64,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Option<u32> {
    match parse_number(text) {
        Ok(n) => Some(n as u32),
        Err(NumberError::Empty) => None,
        Err(why) => {
            problems.push(t.problem(
                line,
                "printed_frequency",
                format!("the printed frequency `{text}` is not a count: {why}"),
                FREQUENCY_FIX,
            ));
            None
        }
    }
}

fn printed_percent<T>(
    t: &Table<T>,
    line: u64,
    text: &str,
    problems: &mut Vec<Problem>,
) -> Option<crate::model::PrintedPercent> {
    match crate::persian::parse_percent(text) {
        Ok((digits, decimals)) => Some(crate::model::PrintedPercent { digits, decimals }),
        Err(NumberError::Empty) => None,
        Err(why) => {
            problems.push(t.problem(
                line,
                "printed_percent",
                format!("the printed percentage `{text}` is not a percentage: {why}"),
                "write it as printed, e.g. 54.07 or ۵۴٫۰۷, or leave the cell empty",
            ));
            None
        }
    }
}

/// The file name alone: outputs must not depend on where the codebook lives, so that the same
/// codebook gives the same bytes from any directory (and the built-in copy the same as the files).
fn origin<T>(t: &Table<T>, line: u64) -> Origin {
    Origin { file: t.name, line }
}

fn non_empty<T>(
    t: &Table<T>,
    line: u64,
    column: &str,
    value: &str,
    problems: &mut Vec<Problem>,
) -> bool {
    if value.is_empty() {
        problems.push(t.problem(
            line,
            column,
            format!("the `{column}` cell is empty"),
            "fill it in, or delete the row",
        ));
        false
    } else {
        true
    }
}

/// Builds the model file by file; labels are matched by their normalised key, so that a
/// ZWNJ typed as a space or an Arabic yeh for a Persian one still finds its parent.
#[derive(Default)]
struct Builder {
    dimensions: IndexMap<String, Dimension>,
    interviewees: IndexMap<u32, Interviewee>,
    dimension_keys: HashMap<String, String>,
    /// (dimension key, component key) → component label.
    component_keys: HashMap<(String, String), String>,
    /// component key → dimension labels it is defined under (for "did you mean" messages).
    component_homes: HashMap<String, Vec<String>>,
    /// (dimension, component, base theme) keys → the line that defined the base theme.
    theme_lines: HashMap<(String, String, String), u64>,
    findings_map: Vec<crate::model::FindingLink>,
    readings: Vec<crate::model::Reading>,
}

impl Builder {
    fn dimensions(&mut self, t: &Table<DimensionRow>, problems: &mut Vec<Problem>) {
        for row in &t.rows {
            let r = &row.value;
            if !non_empty(t, row.line, "dimension", &r.dimension, problems) {
                continue;
            }
            let printed_frequency = printed_frequency(t, row.line, &r.printed_frequency, problems);
            let key = match_key(&r.dimension);
            if let Some(first) = self.dimension_keys.get(&key) {
                let first_line = self.dimensions[first].origin.line;
                problems.push(t.problem(
                    row.line,
                    "dimension",
                    format!(
                        "the dimension `{}` is defined twice (first on line {first_line})",
                        r.dimension
                    ),
                    "delete one of the rows, or give the dimensions different labels",
                ));
                continue;
            }
            self.dimension_keys.insert(key, r.dimension.clone());
            self.dimensions.insert(
                r.dimension.clone(),
                Dimension {
                    label: Label {
                        printed: r.dimension.clone(),
                        english: r.dimension_en.clone(),
                    },
                    printed_frequency,
                    printed_percent: printed_percent(t, row.line, &r.printed_percent, problems),
                    components: IndexMap::new(),
                    origin: origin(t, row.line),
                },
            );
        }
    }

    fn find_dimension<T>(
        &self,
        t: &Table<T>,
        line: u64,
        label: &str,
        problems: &mut Vec<Problem>,
    ) -> Option<String> {
        let found = self.dimension_keys.get(&match_key(label)).cloned();
        if found.is_none() {
            let known: Vec<String> = self.dimensions.keys().map(|k| format!("`{k}`")).collect();
            problems.push(t.problem(
                line,
                "dimension",
                format!("the dimension `{label}` is not in {DIMENSIONS}"),
                &format!(
                    "use one of {}, or add a row for it to {DIMENSIONS}",
                    known.join(", ")
                ),
            ));
        }
        found
    }

    fn components(&mut self, t: &Table<ComponentRow>, problems: &mut Vec<Problem>) {
        for row in &t.rows {
            let r = &row.value;
            if !non_empty(t, row.line, "dimension", &r.dimension, problems)
                | !non_empty(t, row.line, "component", &r.component, problems)
            {
                continue;
            }
            let printed_frequency = printed_frequency(t, row.line, &r.printed_frequency, problems);
            let Some(dimension) = self.find_dimension(t, row.line, &r.dimension, problems) else {
                continue;
            };
            let key = (match_key(&dimension), match_key(&r.component));
            if let Some(first) = self.component_keys.get(&key) {
                let first_line = self.dimensions[&dimension].components[first].origin.line;
                problems.push(t.problem(
                    row.line,
                    "component",
                    format!(
                        "the component `{}` is defined twice in dimension `{dimension}` (first on line {first_line})",
                        r.component
                    ),
                    "delete one of the rows, or give the components different labels",
                ));
                continue;
            }
            self.component_keys.insert(key.clone(), r.component.clone());
            self.component_homes
                .entry(key.1)
                .or_default()
                .push(dimension.clone());
            self.dimensions[&dimension].components.insert(
                r.component.clone(),
                Component {
                    label: Label {
                        printed: r.component.clone(),
                        english: r.component_en.clone(),
                    },
                    printed_frequency,
                    printed_percent: printed_percent(t, row.line, &r.printed_percent, problems),
                    base_themes: IndexMap::new(),
                    origin: origin(t, row.line),
                },
            );
        }
    }

    fn base_themes(&mut self, t: &Table<BaseThemeRow>, problems: &mut Vec<Problem>) {
        for row in &t.rows {
            let r = &row.value;
            let filled = [
                ("dimension", &r.dimension),
                ("component", &r.component),
                ("base_theme", &r.base_theme),
            ]
            .map(|(column, value)| non_empty(t, row.line, column, value, problems));
            let printed_frequency = printed_frequency(t, row.line, &r.printed_frequency, problems);
            let codes = match source_codes::parse_source_codes(&r.source_codes) {
                Ok(codes) => Some(codes),
                Err(source_codes::SourceCodeError::Empty) => {
                    problems.push(t.problem(
                        row.line,
                        "source_codes",
                        "the `source_codes` cell is empty: a base theme needs the code of at least one interviewee".into(),
                        "write the interviewee codes of the roster separated by `-`, `,`, `،` or spaces, e.g. `1-2-5`, or delete the row",
                    ));
                    None
                }
                Err(why) => {
                    problems.push(t.problem(
                        row.line,
                        "source_codes",
                        format!("the source codes `{}` cannot be read: {why}", r.source_codes),
                        "write the interviewee codes of the roster separated by `-`, `,`, `،` or spaces, e.g. `1-2-5` or `۱-۲-۵`",
                    ));
                    None
                }
            };
            if filled.contains(&false) {
                continue;
            }
            let Some(dimension) = self.find_dimension(t, row.line, &r.dimension, problems) else {
                continue;
            };
            let component_key = match_key(&r.component);
            let Some(component) = self
                .component_keys
                .get(&(match_key(&dimension), component_key.clone()))
                .cloned()
            else {
                let fix = match self.component_homes.get(&component_key) {
                    Some(homes) => format!(
                        "{COMPONENTS} puts this component under {}; make the two files agree",
                        homes.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ")
                    ),
                    None => format!("use a component of `{dimension}` listed in {COMPONENTS}, or add a row for it there"),
                };
                problems.push(t.problem(
                    row.line,
                    "component",
                    format!(
                        "the component `{}` is not in dimension `{dimension}`",
                        r.component
                    ),
                    &fix,
                ));
                continue;
            };
            let key = (
                match_key(&dimension),
                match_key(&component),
                match_key(&r.base_theme),
            );
            if let Some(first_line) = self.theme_lines.get(&key) {
                problems.push(t.problem(
                    row.line,
                    "base_theme",
                    format!(
                        "the base theme `{}` appears twice in component `{component}` (first on line {first_line})",
                        r.base_theme
                    ),
                    "merge the two rows (join their source codes) or give them different labels",
                ));
                continue;
            }
            self.theme_lines.insert(key, row.line);
            let Some(codes) = codes else { continue };
            let themes = &mut self.dimensions[&dimension].components[&component].base_themes;
            themes.insert(
                r.base_theme.clone(),
                BaseTheme {
                    label: Label {
                        printed: r.base_theme.clone(),
                        english: r.base_theme_en.clone(),
                    },
                    source_codes: codes,
                    source_codes_text: r.source_codes.clone(),
                    printed_frequency,
                    printed_percent: printed_percent(t, row.line, &r.printed_percent, problems),
                    origin: origin(t, row.line),
                },
            );
        }
    }

    fn findings_map(&mut self, t: &Table<FindingLinkRow>, problems: &mut Vec<Problem>) {
        for row in &t.rows {
            let r = &row.value;
            if !non_empty(t, row.line, "phrase", &r.phrase, problems)
                | !non_empty(t, row.line, "base_theme", &r.base_theme, problems)
            {
                continue;
            }
            let theme_key = match_key(&r.base_theme);
            let component_key = match_key(&r.component);
            let matches: Vec<(&str, &str, &str)> = self
                .dimensions
                .values()
                .flat_map(|d| d.components.values().map(move |c| (d, c)))
                .filter(|(_, c)| {
                    r.component.is_empty() || match_key(&c.label.printed) == component_key
                })
                .flat_map(|(d, c)| {
                    c.base_themes
                        .values()
                        .filter(|b| match_key(&b.label.printed) == theme_key)
                        .map(move |b| {
                            (
                                d.label.printed.as_str(),
                                c.label.printed.as_str(),
                                b.label.printed.as_str(),
                            )
                        })
                })
                .collect();
            match matches.as_slice() {
                [(dimension, component, base_theme)] => self.findings_map.push(crate::model::FindingLink {
                    phrase: r.phrase.clone(),
                    dimension: dimension.to_string(),
                    component: component.to_string(),
                    base_theme: base_theme.to_string(),
                    note: r.note.clone(),
                    origin: origin(t, row.line),
                }),
                [] => problems.push(t.problem(
                    row.line,
                    "base_theme",
                    format!("the phrase `{}` maps to the base theme `{}`, which is not in {BASE_THEMES}", r.phrase, r.base_theme),
                    &format!("write the base theme's label exactly as in {BASE_THEMES}, or add the base theme there"),
                )),
                _ => problems.push(t.problem(
                    row.line,
                    "base_theme",
                    format!("the base theme `{}` is in more than one component", r.base_theme),
                    "say which one in the `component` column",
                )),
            }
        }
    }

    fn readings(&mut self, t: &Table<ReadingRow>, problems: &mut Vec<Problem>) {
        for row in &t.rows {
            let r = &row.value;
            let filled = [("id", &r.id), ("file", &r.file), ("subject", &r.subject)]
                .map(|(column, value)| non_empty(t, row.line, column, value, problems));
            if filled.contains(&false) {
                continue;
            }
            let spec = [
                &DIMENSIONS_SPEC,
                &COMPONENTS_SPEC,
                &BASE_THEMES_SPEC,
                &INTERVIEWEES_SPEC,
            ]
            .into_iter()
            .find(|s| s.name == r.file);
            let Some(spec) = spec else {
                problems.push(t.problem(
                    row.line,
                    "file",
                    format!("`{}` is not a codebook file a reading can be about", r.file),
                    &format!("write one of {}", FILES.join(", ")),
                ));
                continue;
            };
            if !r.column.is_empty() && !spec.columns.iter().any(|c| c.name == r.column) {
                problems.push(t.problem(
                    row.line,
                    "column",
                    format!("{} has no column `{}`", r.file, r.column),
                    "name a column of that file, or leave the cell empty when the reading is not about one value",
                ));
                continue;
            }
            let key = match_key(&r.subject);
            let found = match r.file.as_str() {
                DIMENSIONS => self.dimensions.keys().any(|k| match_key(k) == key),
                COMPONENTS => self
                    .dimensions
                    .values()
                    .flat_map(|d| d.components.keys())
                    .any(|k| match_key(k) == key),
                BASE_THEMES => self
                    .dimensions
                    .values()
                    .flat_map(|d| d.components.values())
                    .flat_map(|c| c.base_themes.keys())
                    .any(|k| match_key(k) == key),
                _ => parse_number(&r.subject)
                    .is_ok_and(|n| self.interviewees.contains_key(&(n as u32))),
            };
            if !found {
                problems.push(t.problem(
                    row.line,
                    "subject",
                    format!(
                        "the reading is about `{}`, which is not a row of {}",
                        r.subject, r.file
                    ),
                    "write the row's label (or the interviewee's code) exactly as in that file",
                ));
                continue;
            }
            self.readings.push(crate::model::Reading {
                id: r.id.clone(),
                file: r.file.clone(),
                subject: r.subject.clone(),
                column: r.column.clone(),
                chosen: r.chosen.clone(),
                alternative: r.alternative.clone(),
                note: r.note.clone(),
                origin: origin(t, row.line),
            });
        }
    }

    /// Takes the table's rows: their strings move into the roster instead of being copied (a
    /// roster of a million rows).
    fn interviewees(&mut self, t: &mut Table<IntervieweeRow>, problems: &mut Vec<Problem>) {
        let rows = std::mem::take(&mut t.rows);
        self.interviewees.reserve(rows.len());
        for row in rows {
            let r = row.value;
            let code = match parse_number(&r.code) {
                Ok(0) => {
                    problems.push(t.problem(
                        row.line,
                        "code",
                        "the interviewee code is 0".into(),
                        "number interviewees from 1",
                    ));
                    None
                }
                Ok(n) => Some(n as u32),
                Err(why) => {
                    problems.push(t.problem(
                        row.line,
                        "code",
                        format!("the interviewee code `{}` is not a number: {why}", r.code),
                        "write the interviewee's row number (the code used in source-code lists), e.g. 7 or ۷",
                    ));
                    None
                }
            };
            let named = non_empty(t, row.line, "name", &r.name, problems);
            let Some(code) = code else { continue };
            if let Some(first) = self.interviewees.get(&code) {
                problems.push(t.problem(
                    row.line,
                    "code",
                    format!(
                        "the interviewee code {code} is used twice (first on line {})",
                        first.origin.line
                    ),
                    "give each interviewee a code of their own",
                ));
                continue;
            }
            if !named {
                continue;
            }
            let findings = r
                .findings
                .split(['،', ',', '؛', ';'])
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(String::from)
                .collect();
            self.interviewees.insert(
                code,
                Interviewee {
                    code,
                    name: Label {
                        printed: r.name,
                        english: r.name_en,
                    },
                    role: Label {
                        printed: r.role,
                        english: r.role_en,
                    },
                    year: r.year,
                    topics: Label {
                        printed: r.topics,
                        english: r.topics_en,
                    },
                    findings,
                    origin: origin(t, row.line),
                },
            );
        }
    }
}

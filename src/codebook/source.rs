//! Where a codebook's bytes come from: a directory, the built-in copy of the paper's codebook,
//! or files in memory; and the checks on a file before it is read (missing, a directory, a
//! link to nothing, too large), each a [`Problem`] with a fix.
//!
//! Not for parsing: the bytes go to [`super::table`] unread.

use super::schema::{
    BASE_THEMES, CITATIONS, COMPONENTS, DIMENSIONS, FILES, FINDINGS_MAP, INTERVIEWEES, READINGS,
};
use super::Problem;
use crate::input::{self, NotAFile, Refusal};
use std::path::{Path, PathBuf};

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

/// How [`Source::describe`] names the built-in copy.
pub const BUILT_IN: &str = "the built-in copy of codebooks/masoumi2025 (Masoumi 2025)";

/// A codebook's location (as [`Source::describe`] writes it) for a reader of `lang`: the
/// built-in copy in the reader's words, a path as it is, isolated in Persian.
pub fn location_in(location: &str, lang: crate::lang::Lang) -> String {
    match lang {
        crate::lang::Lang::Fa if location == BUILT_IN => {
            format!(
                "نسخهٔ درونیِ {} (معصومی، ۲۰۲۵)",
                lang.isolate("codebooks/masoumi2025")
            )
        }
        _ => lang.isolate(location),
    }
}

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

    /// Where the codebook was read from, in words (`codebooks/masoumi2025`; the built-in copy).
    pub fn describe(&self) -> String {
        match self {
            Source::Dir(dir) => dir.display().to_string(),
            Source::BuiltIn => BUILT_IN.into(),
            Source::Memory(_) => "<memory>".into(),
        }
    }

    pub(super) fn name(&self) -> String {
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

    pub(super) fn display_path(&self, file: &str) -> String {
        match self {
            Source::Dir(dir) => dir.join(file).display().to_string(),
            Source::BuiltIn => format!("<built-in>/{file}"),
            Source::Memory(_) => format!("<memory>/{file}"),
        }
    }

    /// An optional file: `None` when the directory does not have it.
    pub fn read_optional(&self, file: &str) -> Result<Option<Vec<u8>>, Problem> {
        match self {
            // A link to nothing is there (a problem to report), unlike a file not there.
            Source::Dir(dir) if dir.is_dir() && !input::exists(&dir.join(file)) => Ok(None),
            Source::Dir(dir) if !dir.is_dir() => Ok(None),
            Source::Memory(files) if !files.iter().any(|(name, _)| name == file) => Ok(None),
            // The paper's codebook has no segments.
            Source::BuiltIn if builtin::file(file).is_empty() => Ok(None),
            _ => self.read(file).map(Some),
        }
    }

    pub(super) fn read(&self, file: &str) -> Result<Vec<u8>, Problem> {
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

/// Largest codebook file read ([`input::CODEBOOK_FILE`]).
pub const MAX_FILE_BYTES: u64 = input::CODEBOOK_FILE.bytes;

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
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            return Err(Problem::file(
                &dir_display,
                "you have no permission to reach the codebook directory (a directory above it \
                 cannot be opened)",
                "ask the owner for access, or copy the codebook to a directory of yours",
            ))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Problem::file(
                &dir_display,
                "the codebook directory does not exist",
                "check the path given to --codebook",
            ))
        }
        Err(e) => {
            return Err(Problem::file(
                &dir_display,
                format!("the codebook directory cannot be opened: {e}"),
                "check the path given to --codebook",
            ))
        }
        Ok(m) if !m.is_dir() => {
            return Err(Problem::file(
                &dir_display,
                match input::check(dir) {
                    Err(Refusal::NotAFile { what, .. }) => {
                        format!("this is {}, not a codebook directory", what.describe())
                    }
                    _ => "this is a file, not a codebook directory".into(),
                },
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
    let cap = if file == super::study::STUDY {
        input::STUDY_FILE
    } else {
        input::CODEBOOK_FILE
    };
    input::read(&path, cap).map_err(|refusal| {
        let fix = match &refusal {
            // Looking a file up needs search permission on its directory only: the directory
            // stops every file, one problem about it.
            Refusal::NoPermission if std::fs::metadata(&path).is_err() => {
                return Problem::file(
                    &dir_display,
                    "you have no permission to open the codebook directory",
                    format!(
                        "give yourself read and search permission on it (chmod u+rx {dir_display}), \
                         or copy the codebook to a directory of yours"
                    ),
                );
            }
            Refusal::NoPermission => format!(
                "give yourself read permission on it (chmod u+r {display}), or copy the codebook \
                 to a directory of yours"
            ),
            Refusal::Missing => format!("a codebook directory holds {}", FILES.join(", ")),
            Refusal::DanglingLink => format!("replace the link with the {} file", kind_of(file)),
            Refusal::Unfollowable(_) => {
                format!("replace the link with the {} file (a link loop?)", kind_of(file))
            }
            Refusal::NotAFile {
                what: NotAFile::Directory,
                ..
            } => {
                return Problem::file(
                    &display,
                    format!("this is a directory, not a {} file", kind_of(file)),
                    format!("replace it with the {} file", kind_of(file)),
                )
            }
            Refusal::NotAFile { .. } => format!(
                "save the {} file itself at {display} (a copy, not a pipe, device or link to one)",
                kind_of(file)
            ),
            Refusal::TooLarge { .. } if kind_of(file) == "TOML" => "check that this is the study.toml you meant: it holds a title, the authors and a citation, a few hundred bytes".into(),
            Refusal::TooLarge { .. } => "check that this is the codebook file you meant; a study this large should be split into several codebooks".into(),
            Refusal::Io(_) => "check that the disk is readable, then try again".into(),
        };
        Problem::file(&display, refusal.to_string(), fix)
    })
}

/// What the file is, for fixes: "CSV" or "TOML".
fn kind_of(file: &str) -> &'static str {
    if file.ends_with(".toml") {
        "TOML"
    } else {
        "CSV"
    }
}

/// The paper's codebook, embedded so that the binary works from any directory.
pub mod builtin {
    pub const DIMENSIONS: &str = include_str!("../../codebooks/masoumi2025/dimensions.csv");
    pub const COMPONENTS: &str = include_str!("../../codebooks/masoumi2025/components.csv");
    pub const BASE_THEMES: &str = include_str!("../../codebooks/masoumi2025/base_themes.csv");
    pub const INTERVIEWEES: &str = include_str!("../../codebooks/masoumi2025/interviewees.csv");
    pub const FINDINGS_MAP: &str = include_str!("../../codebooks/masoumi2025/findings_map.csv");
    pub const READINGS: &str = include_str!("../../codebooks/masoumi2025/readings.csv");
    pub const STUDY: &str = include_str!("../../codebooks/masoumi2025/study.toml");
    pub const CITATIONS: &str = include_str!("../../codebooks/masoumi2025/citations.csv");
    /// The terms `thematic code` codes documents with.
    pub const TERMS: &str = include_str!("../../codebooks/masoumi2025/terms.csv");

    pub fn file(name: &str) -> &'static str {
        match name {
            super::DIMENSIONS => DIMENSIONS,
            super::COMPONENTS => COMPONENTS,
            super::BASE_THEMES => BASE_THEMES,
            super::INTERVIEWEES => INTERVIEWEES,
            super::FINDINGS_MAP => FINDINGS_MAP,
            super::READINGS => READINGS,
            super::super::study::STUDY => STUDY,
            super::CITATIONS => CITATIONS,
            super::super::schema::TERMS => TERMS,
            _ => "",
        }
    }
}

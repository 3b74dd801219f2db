//! A `.qdpx` archive opened safely: every entry's path checked before anything is read (no
//! `..`, no absolute path), the unpacked size capped (a ZIP bomb stops at the cap, whatever
//! its headers claim), `project.qde` found at the root or in one folder, and the text sources
//! read by their `internal://` names.
//!
//! Not for what the XML means ([`super::read`]) nor for writing archives.

use crate::codebook::Problem;
use crate::input::{self, NotAFile, Refusal};
use std::path::Path;

/// The most an archive may unpack to in all, and its `project.qde` alone: far beyond any
/// interview study (a project of thousands of transcripts is tens of megabytes), small enough
/// that a hostile archive cannot fill the disk or the memory.
pub const MAX_UNPACKED: u64 = 2 << 30;
pub const MAX_PROJECT_XML: u64 = input::PROJECT_XML.bytes;

pub struct Archive {
    zip: zip::ZipArchive<std::io::BufReader<std::fs::File>>,
    /// The archive as the user named it, for messages.
    display: String,
    /// The folder `project.qde` is in (`""` or `name/`): sources are under it.
    root: String,
    qde: String,
    /// Entry names by their lower-cased form, to find `sources/…` whatever the case.
    names: std::collections::HashMap<String, String>,
    /// Bytes unpacked so far.
    unpacked: u64,
}

fn problem(display: &str, message: impl Into<String>, fix: impl Into<String>) -> Problem {
    Problem::file(display, message, fix)
}

/// A project file that cannot be read at all, with what to do about it.
pub(super) fn refused(display: &str, refusal: Refusal) -> Problem {
    let fix = match &refusal {
        Refusal::Missing => "check the path; a REFI-QDA project is a .qdpx file exported by your QDA tool",
        Refusal::DanglingLink | Refusal::Unfollowable(_) => "point at the project file itself, not at a broken link",
        Refusal::NoPermission => "give yourself read permission on it (chmod u+r), or copy it to a directory of yours",
        Refusal::NotAFile { what: NotAFile::Directory, .. } => "give the .qdpx file (or .qdc, .qde) your QDA tool exported, not a folder",
        Refusal::NotAFile { .. } => "save the project to a file first (File › Export › REFI-QDA project) and import that file",
        Refusal::TooLarge { .. } => "refused for safety; if the project really is this large, export it without its audio, video and picture sources",
        Refusal::Io(_) => "check that the disk is readable, then try again",
    };
    problem(display, refusal.to_string(), fix)
}

/// Whether a ZIP entry name would leave the folder it is unpacked into.
fn escapes(name: &str) -> bool {
    let name = name.replace('\\', "/");
    name.starts_with('/')
        || name.as_bytes().get(1) == Some(&b':')
        || name.split('/').any(|part| part == "..")
}

impl Archive {
    pub fn open(path: &Path) -> Result<Archive, Problem> {
        let display = path.display().to_string();
        let (file, _) = input::open(path, input::PROJECT_ARCHIVE)
            .map_err(|refusal| refused(&display, refusal))?;
        let zip = zip::ZipArchive::new(std::io::BufReader::new(file)).map_err(|e| {
            problem(
                &display,
                format!("this is not a readable .qdpx (ZIP) archive: {e}"),
                "export the project again from your QDA tool (File › Export › REFI-QDA project)",
            )
        })?;
        let mut declared: u64 = 0;
        let mut names = std::collections::HashMap::new();
        let mut qde = Vec::new();
        for i in 0..zip.len() {
            let Some(Ok(name)) = zip.name_for_index(i).map(|n| n.map(|n| n.to_string())) else {
                return Err(problem(
                    &display,
                    format!(
                        "entry {} of the archive has a name that cannot be read",
                        i + 1
                    ),
                    "export the project again from your QDA tool",
                ));
            };
            if escapes(&name) {
                return Err(problem(
                    &display,
                    format!("the archive holds an entry whose path leaves the archive: `{name}`"),
                    "refused for safety (`..` or an absolute path); export the project again from your QDA tool",
                ));
            }
            let lower = name.to_lowercase();
            let depth = lower.trim_end_matches('/').matches('/').count();
            if lower.ends_with(".qde") && depth <= 1 {
                qde.push(name.clone());
            }
            names.insert(lower, name);
        }
        // Declared sizes first, so that an archive that says it is too big is refused before
        // anything is read; `read` counts what is really unpacked as well.
        let mut archive = Archive {
            zip,
            display,
            root: String::new(),
            qde: String::new(),
            names,
            unpacked: 0,
        };
        for i in 0..archive.zip.len() {
            if let Ok(entry) = archive.zip.by_index_raw(i) {
                declared = declared.saturating_add(entry.size());
            }
        }
        if declared > MAX_UNPACKED {
            return Err(archive.too_big(declared));
        }
        qde.sort();
        match qde.as_slice() {
            [one] => {
                archive.root = one.rsplit_once('/').map_or(String::new(), |(folder, _)| format!("{folder}/"));
                archive.qde = one.clone();
                Ok(archive)
            }
            [] => Err(problem(
                &archive.display,
                "the archive has no project.qde (at its root or in one folder)",
                "a .qdpx holds project.qde and a sources/ folder; export the project again from your QDA tool",
            )),
            many => Err(problem(
                &archive.display,
                format!("the archive has {} project files ({}); thematic reads one", many.len(), many.join(", ")),
                "export one project per archive",
            )),
        }
    }

    fn too_big(&self, size: u64) -> Problem {
        problem(
            &self.display,
            format!(
                "the archive unpacks to more than {} MiB ({} MiB or more)",
                MAX_UNPACKED >> 20,
                size >> 20
            ),
            "refused for safety; if the project really is this large, export it without its audio, video and picture sources",
        )
    }

    /// The archive's name and the entry, as messages name a place inside it.
    pub fn display(&self, entry: &str) -> String {
        format!("{}!{entry}", self.display)
    }

    pub fn project_name(&self) -> &str {
        &self.qde
    }

    /// The bytes of an entry, at most `cap` of them and within what is left of the archive's cap.
    fn read(&mut self, name: &str, cap: u64) -> Result<Vec<u8>, Problem> {
        let display = self.display(name);
        let left = MAX_UNPACKED.saturating_sub(self.unpacked).min(cap);
        let entry = self.zip.by_name(name).map_err(|e| {
            problem(
                &display,
                format!("cannot read this entry of the archive: {e}"),
                "export the project again from your QDA tool",
            )
        })?;
        let size = entry.size();
        let within = input::Cap {
            bytes: left,
            what: input::PROJECT_XML.what,
        };
        let bytes = match input::read_capped(entry, size, within) {
            Ok(bytes) => bytes,
            Err(Refusal::TooLarge { .. }) if left < cap => {
                return Err(self.too_big(MAX_UNPACKED + 1))
            }
            Err(Refusal::TooLarge { .. }) => {
                return Err(problem(
                    &display,
                    format!("this entry unpacks to more than {} MiB", cap >> 20),
                    "refused for safety",
                ))
            }
            Err(Refusal::Io(e)) => {
                return Err(problem(
                    &display,
                    format!("cannot unpack this entry: {e}"),
                    "the archive is damaged; export the project again from your QDA tool",
                ))
            }
            Err(other) => {
                return Err(problem(
                    &display,
                    other.to_string(),
                    "export the project again from your QDA tool",
                ))
            }
        };
        self.unpacked += bytes.len() as u64;
        Ok(bytes)
    }

    /// `project.qde`'s bytes.
    pub fn project_xml(&mut self) -> Result<Vec<u8>, Problem> {
        let name = self.qde.clone();
        self.read(&name, MAX_PROJECT_XML)
    }

    /// An entry of thematic's own folder in the archive (`thematic/NAME`: the codebook files
    /// REFI-QDA has no place for), when present.
    pub fn sidecar(&mut self, name: &str) -> Result<Option<Vec<u8>>, Problem> {
        let wanted = format!("{}{}/{name}", self.root, super::SIDECAR).to_lowercase();
        match self.names.get(&wanted).cloned() {
            Some(entry) => self.read(&entry, MAX_PROJECT_XML).map(Some),
            None => Ok(None),
        }
    }

    /// The text of a source stored in the archive (`internal://NAME` → `sources/NAME`), BOM
    /// removed; `Ok(None)` when the archive does not hold it. Text that is not UTF-8 is a
    /// problem for the caller to report.
    pub fn source_text(&mut self, internal: &str) -> Result<Option<String>, Problem> {
        let wanted = format!("{}sources/{internal}", self.root).to_lowercase();
        let Some(name) = self.names.get(&wanted).cloned() else {
            return Ok(None);
        };
        if escapes(internal) {
            return Ok(None);
        }
        let bytes = self.read(&name, MAX_PROJECT_XML)?;
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        String::from_utf8(bytes.to_vec()).map(Some).map_err(|e| {
            problem(
                &self.display(&name),
                format!(
                    "the source's plain text is not UTF-8 (byte {})",
                    e.utf8_error().valid_up_to()
                ),
                "REFI-QDA stores plain text as UTF-8; export the project again from your QDA tool",
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::escapes;

    #[test]
    fn paths_that_leave_the_folder_are_caught() {
        for bad in [
            "../x",
            "a/../../x",
            "/etc/passwd",
            "\\\\server\\x",
            "C:\\x",
            "sources/..\\..\\x",
        ] {
            assert!(escapes(bad), "{bad}");
        }
        for good in [
            "project.qde",
            "p/project.qde",
            "sources/a..b.txt",
            "sources/..hidden",
        ] {
            assert!(!escapes(good), "{good}");
        }
    }
}

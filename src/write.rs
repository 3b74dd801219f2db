//! The only code that writes outputs. Files are first written into a staging directory beside
//! the target and moved into place only when every file of the run has been written, so that a
//! failed run leaves the previous outputs as they were.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// One output: a path relative to the output directory, and its bytes.
pub struct Output {
    pub relative: PathBuf,
    pub bytes: Vec<u8>,
}

impl Output {
    pub fn new(relative: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Output {
        Output {
            relative: relative.into(),
            bytes: bytes.into(),
        }
    }
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Write every output into `out_dir`; returns the paths written, in the given order.
pub fn write_all(out_dir: &Path, outputs: &[Output]) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out_dir).map_err(io(out_dir))?;
    let parent = out_dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let stem = out_dir
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let staging = parent.join(format!(".{stem}.thematic-staging-{}", std::process::id()));
    let result = stage_and_move(&staging, out_dir, outputs);
    // Best effort: a leftover staging directory is harmless and named for what it is.
    let _ = std::fs::remove_dir_all(&staging);
    result
}

fn stage_and_move(staging: &Path, out_dir: &Path, outputs: &[Output]) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(staging).map_err(io(staging))?;
    for output in outputs {
        let path = staging.join(&output.relative);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        std::fs::write(&path, &output.bytes).map_err(io(&path))?;
    }
    let mut written = Vec::with_capacity(outputs.len());
    for output in outputs {
        let target = out_dir.join(&output.relative);
        if let Some(dir) = target.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        std::fs::rename(staging.join(&output.relative), &target).map_err(io(&target))?;
        written.push(target);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_files_and_leaves_no_staging_directory() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let written = write_all(
            &out,
            &[Output::new("a.csv", "x\n"), Output::new("sub/b.md", "y\n")],
        )
        .unwrap();
        assert_eq!(written, [out.join("a.csv"), out.join("sub/b.md")]);
        assert_eq!(
            std::fs::read_to_string(out.join("sub/b.md")).unwrap(),
            "y\n"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out"]);
    }

    #[test]
    fn overwrites_previous_outputs() {
        let dir = tempfile::tempdir().unwrap();
        write_all(dir.path(), &[Output::new("a.csv", "old")]).unwrap();
        write_all(dir.path(), &[Output::new("a.csv", "new")]).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("a.csv")).unwrap(),
            "new"
        );
    }
}

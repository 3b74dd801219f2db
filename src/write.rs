//! The only code that writes outputs.
//!
//! A run never leaves a half-written output directory: the new directory is assembled beside
//! the target (`.NAME.thematic-staging-PID`: the files of this run, plus hard links to the
//! files of the previous run that this one does not replace) and swapped in with one atomic
//! `renameat2(RENAME_EXCHANGE)`, so that a process killed at any moment leaves either the old
//! directory or the new one. The directory carries a manifest of the files `thematic` wrote
//! (`.thematic-outputs`); a directory holding anything else is refused unless `--force`, and
//! so are the codebook directory, anything inside it, and a repository root.

use crate::error::{Error, Result};
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// The list of files `thematic` wrote into an output directory, one relative path a line.
pub const MANIFEST: &str = ".thematic-outputs";

/// One output: a path relative to the output directory, and its bytes.
pub struct Output {
    pub relative: PathBuf,
    pub bytes: Vec<u8>,
    /// A file already written in full (too large to hold in memory: a coded corpus's
    /// segments), moved into place instead of `bytes`. It must sit on the output directory's
    /// file system, beside it ([`scratch`]), so that the move is a rename.
    pub from: Option<PathBuf>,
}

impl Output {
    pub fn new(relative: impl Into<PathBuf>, bytes: impl Into<Vec<u8>>) -> Output {
        Output {
            relative: relative.into(),
            bytes: bytes.into(),
            from: None,
        }
    }

    /// An output written to `from` already, moved to `relative` when the run's files go in.
    pub fn moved(relative: impl Into<PathBuf>, from: PathBuf) -> Output {
        Output {
            relative: relative.into(),
            bytes: Vec::new(),
            from: Some(from),
        }
    }
}

/// A scratch directory beside the output directory (the same file system), for outputs written
/// piece by piece before the run's files go in ([`Output::moved`]); the caller removes it.
pub fn scratch(dest: &Destination) -> Result<PathBuf> {
    let (parent, prefix) = staging_prefix(&dest.out_dir);
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let dir = parent.join(format!("{prefix}scratch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(io(&dir))?;
    Ok(dir)
}

/// Where a command may write, and what it must not touch.
pub struct Destination {
    pub out_dir: PathBuf,
    /// The codebook being read, when it is a directory: never written into.
    pub codebook_dir: Option<PathBuf>,
    /// Write into a directory that holds files `thematic` did not write (they are kept).
    pub force: bool,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Write {
        path: path.to_path_buf(),
        source,
    }
}

fn refuse(message: String) -> Error {
    Error::Usage(message)
}

/// `path` made absolute and free of `.`/`..`, resolving symlinks of the part that exists.
fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut existing = absolute.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        match Path::new(&name).components().next() {
            Some(Component::ParentDir) => {
                resolved.pop();
            }
            Some(Component::CurDir) | None => {}
            _ => resolved.push(name),
        }
    }
    resolved
}

/// Every file under `dir`, relative, not following symlinks.
fn files_under(dir: &Path) -> Result<BTreeSet<PathBuf>> {
    let mut files = BTreeSet::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        for entry in std::fs::read_dir(&current).map_err(io(&current))? {
            let entry = entry.map_err(io(&current))?;
            let kind = entry.file_type().map_err(io(&entry.path()))?;
            if kind.is_dir() {
                pending.push(entry.path());
            } else if let Ok(relative) = entry.path().strip_prefix(dir) {
                files.insert(relative.to_path_buf());
            }
        }
    }
    Ok(files)
}

fn read_manifest(dir: &Path) -> BTreeSet<PathBuf> {
    // Read like any input: a pipe or a device in its place is no manifest.
    crate::input::read(&dir.join(MANIFEST), crate::input::CODEBOOK_FILE)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .map(|text| {
            text.lines()
                .filter(|l| !l.is_empty())
                .map(PathBuf::from)
                .collect()
        })
        .unwrap_or_default()
}

/// Refuse a destination that would damage something: the codebook, a repository, a directory
/// of someone else's files.
pub fn check(dest: &Destination) -> Result<()> {
    let out = resolve(&dest.out_dir);
    if let Some(codebook) = &dest.codebook_dir {
        let codebook = resolve(codebook);
        if out.starts_with(&codebook) {
            return Err(refuse(format!(
                "refusing to write into {}: it is (inside) the codebook directory {}; choose another --out",
                dest.out_dir.display(),
                codebook.display()
            )));
        }
    }
    // A link to nothing exists as a link only: writing through it fails halfway.
    if !dest.out_dir.exists() && dest.out_dir.symlink_metadata().is_ok() {
        return Err(refuse(format!(
            "refusing to write into {}: it is a symbolic link to nothing; remove the link or choose another --out",
            dest.out_dir.display()
        )));
    }
    if !out.exists() {
        return Ok(());
    }
    if !out.is_dir() {
        return Err(refuse(format!(
            "refusing to write into {}: it is a file, not a directory; choose another --out",
            dest.out_dir.display()
        )));
    }
    if out.join(".git").exists() || out.join("Cargo.toml").exists() {
        return Err(refuse(format!(
            "refusing to write into {}: it looks like a repository root; choose an output directory such as {}/output",
            dest.out_dir.display(),
            dest.out_dir.display()
        )));
    }
    if !dest.force {
        let manifest = read_manifest(&out);
        let foreign: Vec<PathBuf> = files_under(&out)?
            .into_iter()
            .filter(|f| f != Path::new(MANIFEST) && !manifest.contains(f))
            .collect();
        if !foreign.is_empty() {
            let shown: Vec<String> = foreign
                .iter()
                .take(5)
                .map(|f| f.display().to_string())
                .collect();
            return Err(refuse(format!(
                "refusing to write into {}: it holds {} file{} thematic did not write ({}{}); choose another --out, move them away, or pass --force to write beside them",
                dest.out_dir.display(),
                foreign.len(),
                if foreign.len() == 1 { "" } else { "s" },
                shown.join(", "),
                if foreign.len() > 5 { ", …" } else { "" }
            )));
        }
    }
    Ok(())
}

fn staging_prefix(out: &Path) -> (PathBuf, String) {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf();
    let name = out
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    (parent, format!(".{name}.thematic-staging-"))
}

/// Remove staging directories left by runs that were killed (their process is gone).
fn remove_stale_staging(out: &Path) {
    let (parent, prefix) = staging_prefix(out);
    let Ok(entries) = std::fs::read_dir(&parent) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name.strip_prefix(&prefix) else {
            continue;
        };
        // A scratch directory of a live run is in use, this run's included.
        let (scratch, pid) = match rest.strip_prefix("scratch-") {
            Some(p) => (true, p),
            None => (false, rest),
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        let alive = Path::new("/proc").join(pid.to_string()).exists();
        if !alive || !scratch && pid == std::process::id() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Put `from` where `to` is, in one step where the system allows it.
fn swap_in(staging: &Path, out: &Path) -> Result<()> {
    if !out.exists() {
        return std::fs::rename(staging, out).map_err(io(out));
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        if renameat_with(CWD, staging, CWD, out, RenameFlags::EXCHANGE).is_ok() {
            return Ok(());
        }
    }
    // No atomic exchange (another system, or a file system without it): two renames.
    let (parent, prefix) = staging_prefix(out);
    let old = parent.join(format!("{prefix}old-{}", std::process::id()));
    std::fs::rename(out, &old).map_err(io(out))?;
    std::fs::rename(staging, out).map_err(io(out))?;
    std::fs::rename(&old, staging).map_err(io(staging))
}

/// Write every output into the destination; returns the paths written, in the given order.
/// Write one file atomically: into a temporary file beside it, then renamed over it, so that a
/// reader (or a process killed halfway) sees the old file or the new one, never a part.
pub fn file(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.is_dir() {
        return Err(refuse(format!(
            "refusing to write {}: it is a directory; give a file name, e.g. {}/study.qdpx",
            path.display(),
            path.display()
        )));
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let temporary = parent.join(format!(".{name}.thematic-{}", std::process::id()));
    let result = std::fs::write(&temporary, bytes)
        .map_err(io(&temporary))
        .and_then(|()| std::fs::rename(&temporary, path).map_err(io(path)));
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

pub fn write_all(dest: &Destination, outputs: &[Output]) -> Result<Vec<PathBuf>> {
    write_replacing(dest, outputs, &[])
}

/// [`write_all`], where the previous files named in `superseded` go too when this run does not
/// write them (an import that has no segments must not leave the last import's beside it).
pub fn write_replacing(
    dest: &Destination,
    outputs: &[Output],
    superseded: &[&str],
) -> Result<Vec<PathBuf>> {
    check(dest)?;
    let out = dest.out_dir.as_path();
    remove_stale_staging(out);
    let (parent, prefix) = staging_prefix(out);
    std::fs::create_dir_all(&parent).map_err(io(&parent))?;
    let staging = parent.join(format!("{prefix}{}", std::process::id()));
    let result = stage(&staging, out, outputs, superseded).and_then(|written| {
        swap_in(&staging, out)?;
        Ok(written)
    });
    // After a swap the staging path holds the previous directory; after a failure, the
    // partial new one. Either way it goes (a leftover would be harmless and is named for what
    // it is).
    let _ = std::fs::remove_dir_all(&staging);
    result
}

fn stage(
    staging: &Path,
    out: &Path,
    outputs: &[Output],
    superseded: &[&str],
) -> Result<Vec<PathBuf>> {
    let _ = std::fs::remove_dir_all(staging);
    std::fs::create_dir_all(staging).map_err(io(staging))?;
    let new: BTreeSet<&Path> = outputs.iter().map(|o| o.relative.as_path()).collect();
    let mut manifest: BTreeSet<PathBuf> = BTreeSet::new();
    if out.is_dir() {
        // Keep what this run does not replace: hard links cost no copying.
        let previous = read_manifest(out);
        for relative in files_under(out)? {
            if relative == Path::new(MANIFEST)
                || new.contains(relative.as_path())
                || superseded.iter().any(|s| relative == Path::new(s))
            {
                continue;
            }
            let (from, to) = (out.join(&relative), staging.join(&relative));
            if let Some(dir) = to.parent() {
                std::fs::create_dir_all(dir).map_err(io(dir))?;
            }
            if std::fs::hard_link(&from, &to).is_err() {
                std::fs::copy(&from, &to).map_err(io(&to))?;
            }
            if previous.contains(&relative) {
                manifest.insert(relative);
            }
        }
    }
    for output in outputs {
        let path = staging.join(&output.relative);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io(dir))?;
        }
        match &output.from {
            Some(from) => {
                if std::fs::rename(from, &path).is_err() {
                    std::fs::copy(from, &path).map_err(io(&path))?;
                }
            }
            None => std::fs::write(&path, &output.bytes).map_err(io(&path))?,
        }
        manifest.insert(output.relative.clone());
    }
    let listing: String = manifest
        .iter()
        .map(|p| format!("{}\n", p.display()))
        .collect();
    let manifest_path = staging.join(MANIFEST);
    std::fs::write(&manifest_path, listing).map_err(io(&manifest_path))?;
    Ok(outputs.iter().map(|o| out.join(&o.relative)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dest(out: &Path) -> Destination {
        Destination {
            out_dir: out.to_path_buf(),
            codebook_dir: None,
            force: false,
        }
    }

    #[test]
    fn writes_files_with_a_manifest_and_leaves_no_staging_directory() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let written = write_all(
            &dest(&out),
            &[Output::new("a.csv", "x\n"), Output::new("sub/b.md", "y\n")],
        )
        .unwrap();
        assert_eq!(written, [out.join("a.csv"), out.join("sub/b.md")]);
        assert_eq!(
            std::fs::read_to_string(out.join("sub/b.md")).unwrap(),
            "y\n"
        );
        assert_eq!(
            std::fs::read_to_string(out.join(MANIFEST)).unwrap(),
            "a.csv\nsub/b.md\n"
        );
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["out"]);
    }

    #[test]
    fn a_second_run_replaces_its_files_and_keeps_the_others() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_all(
            &dest(&out),
            &[
                Output::new("a.csv", "old"),
                Output::new("charts/c.svg", "c"),
            ],
        )
        .unwrap();
        write_all(&dest(&out), &[Output::new("a.csv", "new")]).unwrap();
        assert_eq!(std::fs::read_to_string(out.join("a.csv")).unwrap(), "new");
        assert_eq!(
            std::fs::read_to_string(out.join("charts/c.svg")).unwrap(),
            "c"
        );
        assert_eq!(
            std::fs::read_to_string(out.join(MANIFEST)).unwrap(),
            "a.csv\ncharts/c.svg\n"
        );
    }

    #[test]
    fn refuses_a_link_to_nothing() {
        let tmp = tempfile::tempdir().unwrap();
        let link = tmp.path().join("out");
        std::os::unix::fs::symlink(tmp.path().join("nowhere"), &link).unwrap();
        let message = check(&dest(&link)).unwrap_err().to_string();
        assert!(
            message.contains("it is a symbolic link to nothing"),
            "{message}"
        );
    }

    #[test]
    fn refuses_foreign_files_the_codebook_and_repository_roots() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        let e = write_all(&dest(&out), &[Output::new("a.csv", "x")])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("1 file thematic did not write (notes.txt)"),
            "{e}"
        );
        // --force writes beside them and keeps them.
        write_all(
            &Destination {
                force: true,
                ..dest(&out)
            },
            &[Output::new("a.csv", "x")],
        )
        .unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("notes.txt")).unwrap(),
            "mine"
        );

        let codebook = dir.path().join("cb");
        std::fs::create_dir_all(&codebook).unwrap();
        for target in [
            codebook.clone(),
            codebook.join("out"),
            codebook.join("sub/../out"),
        ] {
            let d = Destination {
                out_dir: target,
                codebook_dir: Some(codebook.clone()),
                force: true,
            };
            let e = write_all(&d, &[]).unwrap_err().to_string();
            assert!(e.contains("codebook directory"), "{e}");
        }
        let repo = dir.path().join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        let e = write_all(
            &Destination {
                force: true,
                ..dest(&repo)
            },
            &[],
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("repository root"), "{e}");
        let file = dir.path().join("file");
        std::fs::write(&file, "").unwrap();
        assert!(write_all(&dest(&file), &[])
            .unwrap_err()
            .to_string()
            .contains("is a file"));
    }
}

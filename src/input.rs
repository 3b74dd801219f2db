//! Every file thematic reads from outside, opened one way: links followed, then anything that
//! is not a regular file refused before a byte is read (a named pipe would wait forever for a
//! writer, `/dev/zero` would fill the memory), and every read capped at a size no real input
//! reaches, read through the cap so that a file that lies about its size (or grows) stops there.
//!
//! Not for what the bytes mean, nor for where a codebook's files are
//! (`codebook::source` names them and words the fixes); this room says what a path *is* and
//! why it cannot be read, in words any reader can put after the path.

use std::io::Read;
use std::path::Path;

/// The most bytes one kind of input may hold, and what the message calls that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cap {
    pub bytes: u64,
    /// Plural, as in "codebook files are read up to 128 MiB".
    pub what: &'static str,
}

/// A codebook CSV (and the optional ones): a synthetic study of ten million codings is about
/// 80 MB; a file past this is the wrong file or a study to split.
pub const CODEBOOK_FILE: Cap = Cap {
    bytes: 128 << 20,
    what: "codebook files",
};

/// `study.toml`: a title, some names, a citation. A megabyte is a thousand times the paper's.
pub const STUDY_FILE: Cap = Cap {
    bytes: 1 << 20,
    what: "study files",
};

/// A REFI-QDA project's XML (a bare `.qde`/`.qdc`, or `project.qde` in an archive) and each
/// text source in an archive: thousands of transcripts are tens of megabytes.
pub const PROJECT_XML: Cap = Cap {
    bytes: 512 << 20,
    what: "REFI-QDA project files",
};

/// A `.qdpx` archive on disk (read entry by entry, never whole): its audio and video sources
/// may be large, but not this large.
pub const PROJECT_ARCHIVE: Cap = Cap {
    bytes: 16 << 30,
    what: "REFI-QDA archives",
};

/// A manuscript `thematic read` reads (Word, HTML, JATS, text, PDF), and each part of a Word
/// file unpacked: a paper with its figures is tens of megabytes.
pub const MANUSCRIPT: Cap = Cap {
    bytes: 256 << 20,
    what: "manuscripts",
};

/// A font file the charts load.
pub const FONT_FILE: Cap = Cap {
    bytes: 64 << 20,
    what: "font files",
};

/// Why a path cannot be read. Each says what the path is, in a phrase that follows the path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    Missing,
    /// A symbolic link whose target is not there.
    DanglingLink,
    /// A link that cannot be followed (a loop, a target too deep).
    Unfollowable(String),
    /// Not permitted to open it (or to search its directory).
    NoPermission,
    /// Something other than a regular file, and the link that led there if one did.
    NotAFile {
        what: NotAFile,
        link: Option<String>,
    },
    /// Larger than the cap: what the file system says, or what was read past it.
    TooLarge {
        size: Option<u64>,
        cap: Cap,
    },
    /// Any other failure, as the system words it.
    Io(String),
}

/// What a path that is not a regular file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAFile {
    Directory,
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    Unknown,
}

impl NotAFile {
    fn of(file_type: std::fs::FileType) -> Option<NotAFile> {
        use std::os::unix::fs::FileTypeExt;
        Some(if file_type.is_file() {
            return None;
        } else if file_type.is_dir() {
            NotAFile::Directory
        } else if file_type.is_fifo() {
            NotAFile::Fifo
        } else if file_type.is_socket() {
            NotAFile::Socket
        } else if file_type.is_char_device() {
            NotAFile::CharDevice
        } else if file_type.is_block_device() {
            NotAFile::BlockDevice
        } else {
            NotAFile::Unknown
        })
    }

    /// What it is, with why thematic will not read it.
    pub fn describe(self) -> &'static str {
        match self {
            NotAFile::Directory => "a directory",
            NotAFile::Fifo => "a named pipe (FIFO), which would wait for a writer forever",
            NotAFile::Socket => "a socket",
            NotAFile::CharDevice => "a character device",
            NotAFile::BlockDevice => "a block device (a disk)",
            NotAFile::Unknown => "something other than a regular file",
        }
    }
}

/// Bytes as a person reads a size: `209 MB`, `1 MiB` for caps (which are powers of two).
fn mib(bytes: u64) -> String {
    if bytes >= 1 << 30 && bytes.is_multiple_of(1 << 30) {
        format!("{} GiB", bytes >> 30)
    } else if bytes >= 1 << 20 {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{} KiB", bytes >> 10)
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Missing => write!(f, "the file is missing"),
            Refusal::DanglingLink => write!(f, "the file is a symbolic link to nothing"),
            Refusal::Unfollowable(e) => {
                write!(f, "the file is a symbolic link that cannot be followed ({e})")
            }
            Refusal::NoPermission => write!(f, "you have no permission to read the file"),
            Refusal::NotAFile { what, link: None } => {
                write!(f, "this is not a file but {}", what.describe())
            }
            Refusal::NotAFile {
                what,
                link: Some(target),
            } => write!(
                f,
                "this is a symbolic link to {target}, which is not a file but {}",
                what.describe()
            ),
            Refusal::TooLarge {
                size: Some(size),
                cap,
            } => write!(
                f,
                "the file is {} MB; {} are read up to {}",
                size / 1_000_000,
                cap.what,
                mib(cap.bytes)
            ),
            Refusal::TooLarge { size: None, cap } => write!(
                f,
                "the file holds more than {}, the most {} are read up to (its size was not known before reading)",
                mib(cap.bytes),
                cap.what
            ),
            Refusal::Io(e) => write!(f, "cannot read the file: {e}"),
        }
    }
}

fn refusal(path: &Path, e: &std::io::Error) -> Refusal {
    match e.kind() {
        std::io::ErrorKind::NotFound if path.symlink_metadata().is_ok() => Refusal::DanglingLink,
        std::io::ErrorKind::NotFound => Refusal::Missing,
        std::io::ErrorKind::PermissionDenied => Refusal::NoPermission,
        _ if path
            .symlink_metadata()
            .is_ok_and(|m| m.file_type().is_symlink()) =>
        {
            Refusal::Unfollowable(e.to_string())
        }
        _ => Refusal::Io(e.to_string()),
    }
}

/// Whether `path` is there at all (a link to nothing is there: it is a problem, not an absence).
pub fn exists(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// A regular file's size; what `path` is when it is not one (links followed).
pub fn check(path: &Path) -> Result<u64, Refusal> {
    let metadata = std::fs::metadata(path).map_err(|e| refusal(path, &e))?;
    match NotAFile::of(metadata.file_type()) {
        Some(what) => Err(not_a_file(path, what)),
        None => Ok(metadata.len()),
    }
}

fn not_a_file(path: &Path, what: NotAFile) -> Refusal {
    // The link's final target, as the person would look for it.
    let link = (path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink()))
    .then(|| path.canonicalize().ok())
    .flatten()
    .map(|target| target.display().to_string());
    Refusal::NotAFile { what, link }
}

/// Open a regular file for reading, refusing anything else and anything over `cap` before a
/// byte is read. The file is opened without blocking and looked at again once open, so that a
/// pipe put in its place between the two looks is refused, not waited on.
pub fn open(path: &Path, cap: Cap) -> Result<(std::fs::File, u64), Refusal> {
    let size = check(path)?;
    if size > cap.bytes {
        return Err(Refusal::TooLarge {
            size: Some(size),
            cap,
        });
    }
    let file = open_nonblocking(path).map_err(|e| refusal(path, &e))?;
    let metadata = file.metadata().map_err(|e| refusal(path, &e))?;
    if let Some(what) = NotAFile::of(metadata.file_type()) {
        return Err(not_a_file(path, what));
    }
    Ok((file, metadata.len()))
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::File::open(path)
}

/// The whole of a regular file, at most `cap` bytes.
pub fn read(path: &Path, cap: Cap) -> Result<Vec<u8>, Refusal> {
    let (file, size) = open(path, cap)?;
    read_capped(file, size, cap)
}

/// All of `reader`, at most `cap` bytes: one byte past the cap is read to know it was passed,
/// never more. `size` is what the file claims (memory is reserved for that, within the cap).
pub fn read_capped(reader: impl Read, size: u64, cap: Cap) -> Result<Vec<u8>, Refusal> {
    let mut bytes = Vec::with_capacity(size.min(cap.bytes) as usize);
    reader
        .take(cap.bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Refusal::Io(e.to_string()))?;
    if bytes.len() as u64 > cap.bytes {
        return Err(Refusal::TooLarge { size: None, cap });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: Cap = Cap {
        bytes: 10,
        what: "test files",
    };

    fn temp(name: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("thematic-input-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_file_is_read_and_a_directory_is_not() {
        let dir = temp("file");
        std::fs::write(dir.join("a"), "hello").unwrap();
        assert_eq!(read(&dir.join("a"), SMALL).unwrap(), b"hello");
        assert_eq!(
            read(&dir, SMALL),
            Err(Refusal::NotAFile {
                what: NotAFile::Directory,
                link: None
            })
        );
        assert_eq!(read(&dir.join("b"), SMALL), Err(Refusal::Missing));
        std::os::unix::fs::symlink("b", dir.join("link")).unwrap();
        assert_eq!(read(&dir.join("link"), SMALL), Err(Refusal::DanglingLink));
        assert!(exists(&dir.join("link")) && !exists(&dir.join("b")));
    }

    #[test]
    fn devices_are_refused_through_links_and_never_read() {
        let dir = temp("device");
        std::os::unix::fs::symlink("/dev/zero", dir.join("zero")).unwrap();
        let refused = read(&dir.join("zero"), CODEBOOK_FILE).unwrap_err();
        assert_eq!(
            refused,
            Refusal::NotAFile {
                what: NotAFile::CharDevice,
                link: Some("/dev/zero".into())
            }
        );
        assert!(refused
            .to_string()
            .starts_with("this is a symbolic link to /dev/zero, which"));
    }

    #[test]
    fn a_pipe_is_refused_without_waiting() {
        let dir = temp("fifo");
        let fifo = dir.join("pipe");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
            0,
        )
        .unwrap();
        assert_eq!(
            read(&fifo, SMALL),
            Err(Refusal::NotAFile {
                what: NotAFile::Fifo,
                link: None
            })
        );
    }

    #[test]
    fn reads_stop_at_the_cap_whatever_the_size_claimed() {
        let dir = temp("cap");
        std::fs::write(dir.join("a"), "0123456789A").unwrap();
        assert_eq!(
            read(&dir.join("a"), SMALL),
            Err(Refusal::TooLarge {
                size: Some(11),
                cap: SMALL
            })
        );
        // A reader that never ends (as /dev/zero would) stops one byte past the cap.
        assert_eq!(
            read_capped(std::io::repeat(0), 0, SMALL),
            Err(Refusal::TooLarge {
                size: None,
                cap: SMALL
            })
        );
        assert_eq!(read_capped(&b"0123456789"[..], 3, SMALL).unwrap().len(), 10);
        assert_eq!(
            Refusal::TooLarge {
                size: Some(209_715_200),
                cap: CODEBOOK_FILE
            }
            .to_string(),
            "the file is 209 MB; codebook files are read up to 128 MiB"
        );
    }
}

//! The corpus of bad inputs (`tests/bad_inputs/NN-name/`: a `codebook/` with one thing wrong
//! and a `case.txt` saying what, where and what the message must say). For every case: exit
//! code 2, a message naming the file (and line and column where there is one), saying what is
//! wrong and how to fix it, no panic, no backtrace, and the previous `output/` exactly as it
//! was. Every message is snapshotted: changing one is a visible decision.

use crate::workdir::{copy_dir, snapshot_dir, Workdir};
use std::path::Path;

struct Case {
    name: String,
    what: String,
    file: String,
    at: Option<String>,
    says: String,
    setup: Option<String>,
    /// Where the codebook is put and `--codebook` points (`cb` unless the case says).
    path: String,
}

fn cases() -> Vec<(Case, std::path::PathBuf)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_inputs");
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let text = std::fs::read_to_string(dir.join("case.txt")).unwrap();
            let field = |key: &str| {
                text.lines()
                    .find_map(|l| {
                        l.strip_prefix(&format!("{key}: "))
                            .or_else(|| (l == format!("{key}:")).then_some(""))
                    })
                    .map(String::from)
            };
            let case = Case {
                name: dir.file_name().unwrap().to_string_lossy().into_owned(),
                what: field("what").expect("what:"),
                file: field("file").unwrap_or_default(),
                at: field("at"),
                says: field("says").expect("says:"),
                setup: field("setup"),
                path: field("path").unwrap_or_else(|| "cb".into()),
            };
            (case, dir)
        })
        .collect()
}

/// Build the case's codebook at `cb/` in the work directory.
fn set_up(wd: &Workdir, case: &Case, dir: &Path) {
    let cb = wd.path().join(&case.path);
    if dir.join("codebook").is_dir() {
        copy_dir(&dir.join("codebook"), &cb);
    }
    match case.setup.as_deref() {
        None => {}
        Some("codebook-file") => {
            wd.write(&case.path, "dimension\nD1\n");
        }
        // The codebook named is a named pipe.
        Some("fifo-codebook") => {
            let made = std::process::Command::new("mkfifo")
                .arg(&cb)
                .status()
                .unwrap();
            assert!(made.success());
        }
        Some("symlink-loop") => std::os::unix::fs::symlink(&case.path, &cb).unwrap(),
        // `dangling:FILE`: FILE is a symbolic link to a file that is not there.
        Some(s) if s.starts_with("dangling:") => {
            let link = cb.join(&s[9..]);
            std::fs::remove_file(&link).ok();
            std::os::unix::fs::symlink("gone.csv", &link).unwrap();
        }
        Some("missing") => {}
        Some(s) if s.starts_with("dir:") => std::fs::create_dir_all(cb.join(&s[4..])).unwrap(),
        Some(s) if s.starts_with("200mb:") => sparse(&cb.join(&s[6..]), 200 << 20),
        // `sparse:FILE:BYTES`: FILE replaced by one of BYTES zero bytes, no disk used.
        Some(s) if s.starts_with("sparse:") => {
            let (file, bytes) = s[7..].split_once(':').unwrap();
            sparse(&cb.join(file), bytes.parse().unwrap());
        }
        // `fifo:FILE`: FILE replaced by a named pipe nobody writes to (reading it would hang).
        Some(s) if s.starts_with("fifo:") => {
            let path = cb.join(&s[5..]);
            std::fs::remove_file(&path).ok();
            let made = std::process::Command::new("mkfifo")
                .arg(&path)
                .status()
                .unwrap();
            assert!(made.success());
        }
        // `socket:FILE`: FILE replaced by a listening Unix socket.
        Some(s) if s.starts_with("socket:") => {
            let path = cb.join(&s[7..]);
            std::fs::remove_file(&path).ok();
            // Left open for the test's life: the socket file stays either way.
            std::mem::forget(std::os::unix::net::UnixListener::bind(&path).unwrap());
        }
        // `link:FILE:TARGET`: FILE replaced by a symbolic link to TARGET (`/dev/zero`).
        Some(s) if s.starts_with("link:") => {
            let (file, target) = s[5..].split_once(':').unwrap();
            let path = cb.join(file);
            std::fs::remove_file(&path).ok();
            std::os::unix::fs::symlink(target, &path).unwrap();
        }
        // `wide-header:FILE:N`: N more columns in the header (extra0, extra1, …).
        Some(s) if s.starts_with("wide-header:") => {
            let (file, n) = s[12..].split_once(':').unwrap();
            let extra: String = (0..n.parse().unwrap())
                .map(|i| format!(",extra{i}"))
                .collect();
            edit_file(&cb.join(file), |text| {
                let (header, rest) = text.split_once('\n').unwrap();
                format!("{}{extra}\n{rest}", header.trim_end())
            });
        }
        // `repeat:FILE:N:LINE`: N more lines, `{i}` in LINE replaced by 0, 1, …
        Some(s) if s.starts_with("repeat:") => {
            let mut parts = s[7..].splitn(3, ':');
            let (file, n, line) = (
                parts.next().unwrap(),
                parts.next().unwrap(),
                parts.next().unwrap(),
            );
            let n: usize = n.parse().unwrap();
            edit_file(&cb.join(file), |text| {
                let mut out = String::with_capacity(text.len() + n * (line.len() + 8));
                out.push_str(text);
                for i in 0..n {
                    out.push_str(&line.replace("{i}", &i.to_string()));
                    out.push('\n');
                }
                out
            });
        }
        // `repeat-text:FILE:TEXT:N`: every TEXT in the file repeated N times.
        Some(s) if s.starts_with("repeat-text:") => {
            let mut parts = s[12..].splitn(3, ':');
            let (file, text, n) = (
                parts.next().unwrap(),
                parts.next().unwrap(),
                parts.next().unwrap(),
            );
            let long = text.repeat(n.parse().unwrap());
            edit_file(&cb.join(file), |t| t.replace(text, &long));
        }
        Some(other) => panic!("unknown setup {other}"),
    }
}

/// A file of `bytes` zero bytes that takes no disk: a loader must refuse it unread.
fn sparse(path: &Path, bytes: u64) {
    let file = std::fs::File::create(path).unwrap();
    file.set_len(bytes).unwrap();
}

fn edit_file(path: &Path, edit: impl FnOnce(&str) -> String) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, edit(&text)).unwrap();
}

/// However large or broken the input, a message stays short enough to read.
const MAX_MESSAGE_BYTES: usize = 64 * 1024;

#[test]
fn every_bad_input_is_refused_clearly_and_leaves_the_output_alone() {
    let cases = cases();
    assert!(cases.len() >= 80, "the corpus has {} cases", cases.len());
    let mut messages = String::new();
    for (case, dir) in &cases {
        let wd = Workdir::new();
        // A previous, good run's output that the bad run must not touch.
        wd.fixture("tiny", "good");
        wd.run(&["run", "--codebook", "good", "--out", "output"])
            .ok();
        let before = snapshot_dir(&wd.path().join("output"));
        set_up(&wd, case, dir);

        let run = wd.run_within(60, &["run", "--codebook", &case.path, "--out", "output"]);
        let stderr = run.stderr();
        assert_eq!(run.code(), 2, "{}: exit code\n{stderr}", case.name);
        assert!(
            stderr.len() < MAX_MESSAGE_BYTES,
            "{}: {} bytes of message",
            case.name,
            stderr.len()
        );
        assert!(
            !stderr.contains("panicked") && !stderr.contains("RUST_BACKTRACE"),
            "{}: {stderr}",
            case.name
        );
        let place = match (&case.file, &case.at) {
            (f, Some(at)) => format!("{}/{f}:{at}", case.path),
            (f, None) if f.is_empty() => format!("{}: ", case.path),
            (f, None) => format!("{}/{f}: ", case.path),
        };
        assert!(
            stderr.contains(&place),
            "{}: message does not name {place}\n{stderr}",
            case.name
        );
        assert!(
            stderr.contains(&case.says),
            "{}: message does not say «{}»\n{stderr}",
            case.name,
            case.says
        );
        assert!(
            stderr.contains("\n  fix: "),
            "{}: message has no fix\n{stderr}",
            case.name
        );
        assert_eq!(
            snapshot_dir(&wd.path().join("output")),
            before,
            "{}: output/ changed",
            case.name
        );
        let staged: Vec<_> = std::fs::read_dir(wd.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("staging"))
            .collect();
        assert!(staged.is_empty(), "{}: left {staged:?}", case.name);

        // validate and check say the same, with the same code.
        let validate = wd.run_within(60, &["validate", "--codebook", &case.path]);
        assert_eq!(
            (validate.code(), validate.stderr()),
            (2, stderr.clone()),
            "{}",
            case.name
        );
        messages.push_str(&format!("=== {} ({})\n{stderr}\n", case.name, case.what));
    }
    insta::assert_snapshot!(messages);
}

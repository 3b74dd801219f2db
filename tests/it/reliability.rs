//! Outputs are atomic and deterministic: a run killed at any moment leaves the previous output
//! or the new one, never a mixture; the same codebook gives the same bytes whatever the thread
//! count and locale; `thematic` never writes where it must not.

use crate::workdir::{snapshot_dir, Workdir};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

type Files = BTreeMap<PathBuf, Vec<u8>>;

/// The output of a complete run of the paper's codebook, edited or not.
fn complete(edited: bool) -> Files {
    let wd = Workdir::new();
    wd.paper_codebook("cb");
    if edited {
        edit(&wd);
    }
    wd.run(&["run", "--codebook", "cb", "--out", "o"]).ok();
    snapshot_dir(&wd.path().join("o"))
}

fn edit(wd: &Workdir) {
    let text = wd
        .read("cb/base_themes.csv")
        .replace("۱-۲-۳-۴-۵-۶-۸-۹-۱۱-۱۵-۱۵-۱۶", "۱-۲-۳-۴-۵-۶-۸-۹-۱۱-۱۲-۱۵-۱۶");
    wd.write("cb/base_themes.csv", text);
}

#[test]
fn a_run_killed_at_any_moment_leaves_the_old_output_or_the_new_one() {
    let old = complete(false);
    let new = complete(true);
    assert_ne!(old, new);
    let (mut saw_old, mut saw_new) = (0, 0);
    // Delays spread over a whole run (about a second in a debug build), densest near the end
    // where the files are written and swapped in.
    let delays: Vec<u64> = (0..6)
        .map(|i| i * 100)
        .chain((0..10).map(|i| 450 + i * 40))
        .collect();
    for delay in delays {
        let wd = Workdir::new();
        wd.paper_codebook("cb");
        wd.run(&["run", "--codebook", "cb", "--out", "o"]).ok();
        edit(&wd);
        let mut child = wd
            .command(&["run", "--codebook", "cb", "--out", "o"])
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot_dir(&wd.path().join("o"));
        if now == old {
            saw_old += 1;
        } else if now == new {
            saw_new += 1;
        } else {
            let differing: Vec<_> = now
                .keys()
                .filter(|k| old.get(*k) != now.get(*k) && new.get(*k) != now.get(*k))
                .collect();
            panic!("killed after {delay} ms: output/ is neither the old nor the new one ({differing:?})");
        }
        // The next run cleans up what the killed one left and succeeds.
        wd.run(&["run", "--codebook", "cb", "--out", "o"]).ok();
        assert_eq!(snapshot_dir(&wd.path().join("o")), new);
        let leftovers: Vec<String> = std::fs::read_dir(wd.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("staging"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
    assert!(saw_old > 0, "no kill landed before the swap");
    eprintln!("kills: {saw_old} left the old output, {saw_new} the new one");
}

#[test]
fn output_is_the_same_whatever_the_thread_count_and_locale() {
    let mut results = Vec::new();
    for (threads, locale) in [
        (None, "C"),
        (Some("1"), "C"),
        (Some("2"), "fa_IR.UTF-8"),
        (None, "de_DE.UTF-8"),
    ] {
        let wd = Workdir::new();
        let mut cmd = wd.command(&["run", "--out", "o"]);
        cmd.env("LC_ALL", locale).env("LANG", locale);
        match threads {
            Some(n) => cmd.env("POLARS_MAX_THREADS", n),
            None => cmd.env_remove("POLARS_MAX_THREADS"),
        };
        let out = cmd.output().unwrap();
        assert!(out.status.success());
        results.push(snapshot_dir(&wd.path().join("o")));
    }
    assert!(
        results.windows(2).all(|w| w[0] == w[1]),
        "outputs differ between thread counts or locales"
    );
}

#[test]
fn never_writes_into_the_codebook_a_repository_or_someone_elses_directory() {
    let wd = Workdir::new();
    wd.fixture("tiny", "cb");
    let codebook_before = snapshot_dir(&wd.path().join("cb"));
    for out in ["cb", "cb/output", "cb/../cb/x"] {
        let stderr = wd
            .run(&["run", "--codebook", "cb", "--out", out, "--force"])
            .failed();
        assert!(stderr.contains("the codebook directory"), "{stderr}");
    }
    wd.write("repo/Cargo.toml", "[package]\n");
    let stderr = wd
        .run(&["run", "--codebook", "cb", "--out", "repo", "--force"])
        .failed();
    assert!(stderr.contains("repository root"), "{stderr}");
    wd.write("mine/thesis.docx", "chapter one");
    let stderr = wd
        .run(&["run", "--codebook", "cb", "--out", "mine"])
        .failed();
    assert!(
        stderr.contains("holds 1 file thematic did not write (thesis.docx)"),
        "{stderr}"
    );
    assert!(stderr.contains("--force"), "{stderr}");
    // With --force it writes beside them and keeps them.
    wd.run(&["run", "--codebook", "cb", "--out", "mine", "--force"])
        .ok();
    assert_eq!(wd.read("mine/thesis.docx"), "chapter one");
    assert!(wd.path().join("mine/tables.md").exists());
    assert_eq!(
        snapshot_dir(&wd.path().join("cb")),
        codebook_before,
        "the codebook was touched"
    );
    // A directory thematic wrote is reused; charts and tables add to it.
    wd.run(&["run", "--codebook", "cb", "--out", "o"]).ok();
    wd.run(&[
        "charts",
        "--codebook",
        "cb",
        "--out",
        "o",
        "--only",
        "dimensions",
        "--lang",
        "en",
    ])
    .ok();
    wd.run(&["run", "--codebook", "cb", "--out", "o"]).ok();
}

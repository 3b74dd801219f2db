//! The binary end to end: the researcher's loop (edit a codebook, re-run, read the result),
//! output options, and usage errors.

use crate::workdir::Workdir;

#[test]
fn editing_the_default_codebook_changes_the_next_run() {
    let wd = Workdir::new();
    wd.paper_codebook("codebooks/masoumi2025");
    wd.run(&["run"]).ok();
    let before = wd.read("output/base_themes.csv");
    assert!(
        before.contains(",1-2-3-4-5-6-8-9-11-15-15-16,12,11,"),
        "{before}"
    );

    // The researcher corrects the repeated ۱۵ of Table 2 row 8 to ۱۳.
    let path = "codebooks/masoumi2025/base_themes.csv";
    let edited = wd
        .read(path)
        .replace("۱-۲-۳-۴-۵-۶-۸-۹-۱۱-۱۵-۱۵-۱۶", "۱-۲-۳-۴-۵-۶-۸-۹-۱۱-۱۳-۱۵-۱۶");
    wd.write(path, edited);
    let summary = wd.run(&["run"]).ok();
    assert!(
        summary.contains("انگیزشی: sum rule 91, union rule 16, printed 166"),
        "{summary}"
    );
    let after = wd.read("output/base_themes.csv");
    assert!(
        after.contains(",1-2-3-4-5-6-8-9-11-13-15-16,12,12,"),
        "{after}"
    );
}

#[test]
fn run_summary_lists_what_it_wrote() {
    let wd = Workdir::new();
    wd.fixture("tiny", "cb");
    let summary = wd
        .run(&["run", "--codebook", "cb", "--out", "results"])
        .ok();
    assert_eq!(
        summary,
        "codebook: cb (2 dimensions, 3 components, 5 base themes, 4 interviewees)\n\
         \x20 D1: sum rule 6, union rule 4, printed 9\n\
         \x20 D2: sum rule 3, union rule 3, not printed\n\
         audit: The printed ranking of the components keeps its leader, the Comp one component, but not its shares: by the printed totals the Comp two component is 33.3% of all mentions and by the source codes 22.2%. 4 errors, 7 warnings, 7 notes. 1 of the 3 printed base frequencies differs from the number \
         of distinct interviewees in their source codes. Of the 4 printed component and dimension \
         frequencies, 1 matches the sum rule, 0 the union rule and 3 neither; 2 of those add up printed values one level down that are themselves wrong, so their errors are inherited, not independent.\n\
         wrote 38 files to results:\n\
         \x20 results/base_themes.csv\n\
         \x20 results/components.csv\n\
         \x20 results/dimensions.csv\n\
         \x20 results/interviewees.csv\n\
         \x20 results/case_matrix.csv\n\
         \x20 results/cooccurrence.csv\n\
         \x20 results/tables.md\n\
         \x20 results/tables.json\n\
         \x20 results/audit.txt\n\
         \x20 results/audit.md\n\
         \x20 results/audit.json\n\
         \x20 results/audit.docx\n\
         \x20 results/report.html\n\
         \x20 results/tables.docx\n\
         \x20 results/tables.xlsx\n\
         \x20 results/tables.tex\n\
         \x20 results/latex/base_themes.tex\n\
         \x20 results/latex/components.tex\n\
         \x20 results/latex/dimensions.tex\n\
         \x20 results/latex/interviewees.tex\n\
         \x20 results/charts/base_themes.png\n\
         \x20 results/charts/base_themes.svg\n\
         \x20 results/charts/case_matrix.png\n\
         \x20 results/charts/case_matrix.svg\n\
         \x20 results/charts/components.png\n\
         \x20 results/charts/components.svg\n\
         \x20 results/charts/cooccurrence.png\n\
         \x20 results/charts/cooccurrence.svg\n\
         \x20 results/charts/dimensions.png\n\
         \x20 results/charts/dimensions.svg\n\
         \x20 results/charts/dimensions_pie.png\n\
         \x20 results/charts/dimensions_pie.svg\n\
         \x20 results/charts/network.png\n\
         \x20 results/charts/network.svg\n\
         \x20 results/charts/network_1.png\n\
         \x20 results/charts/network_1.svg\n\
         \x20 results/charts/network_2.png\n\
         \x20 results/charts/network_2.svg\n"
    );
}

#[test]
fn tables_writes_files_with_out() {
    let wd = Workdir::new();
    wd.fixture("tiny", "cb");
    let out = wd
        .run(&[
            "tables",
            "--codebook",
            "cb",
            "--format",
            "csv",
            "--out",
            "t",
        ])
        .ok();
    assert!(out.starts_with("wrote 6 files:"), "{out}");
    assert!(wd
        .read("t/cooccurrence.csv")
        .starts_with("number,base_theme,1,2,3,4,5\n1,T1,2,1,1,0,1\n"));
}

#[test]
fn usage_errors_exit_2_with_a_way_forward() {
    let wd = Workdir::new();
    let stderr = wd.run(&["tables", "--format", "csv"]).failed();
    assert!(stderr.contains("choose one with --table"), "{stderr}");
    let stderr = wd
        .run(&["tables", "--format", "json", "--table", "components"])
        .failed();
    assert!(stderr.contains("drop --table"), "{stderr}");
    let stderr = wd.run(&["tables", "--format", "xml"]).failed();
    assert!(stderr.contains("invalid value 'xml'"), "{stderr}");
}

#[test]
fn repeated_runs_are_byte_identical() {
    let wd = Workdir::new();
    wd.run(&["run", "--out", "a"]).ok();
    wd.run(&["run", "--out", "b"]).ok();
    assert_eq!(
        crate::workdir::snapshot_dir(&wd.path().join("a")),
        crate::workdir::snapshot_dir(&wd.path().join("b"))
    );
}

#[test]
fn progress_stays_off_pipes_and_timings_go_to_stderr_on_request() {
    let wd = Workdir::new();
    // stderr is a pipe here: no spinner, nothing on stderr.
    let quiet = wd.run(&["run", "--out", "out"]);
    assert_eq!(quiet.code(), 0);
    assert_eq!(quiet.stderr(), "");
    let timed = wd
        .command(&["run", "--out", "out"])
        .env("THEMATIC_TIMINGS", "1")
        .output()
        .expect("run thematic");
    let stderr = String::from_utf8_lossy(&timed.stderr);
    for step in [
        "reading the codebook",
        "computing the tables",
        "auditing",
        "rendering tables, audit and charts",
        "writing",
    ] {
        assert!(
            stderr.contains(&format!("timing: {step}: ")),
            "{step} missing from {stderr}"
        );
    }
    assert_eq!(String::from_utf8_lossy(&timed.stdout), quiet.stdout());
}

#[test]
fn paths_with_spaces_and_persian_letters_and_outs_that_cannot_be_written() {
    let wd = Workdir::new();
    wd.fixture("tiny", "پوشه من/کدنامه ۱");
    let cb = "پوشه من/کدنامه ۱";
    let out = wd
        .run(&["run", "--codebook", cb, "--out", "پوشه من/خروجی"])
        .ok();
    assert!(out.starts_with(&format!("codebook: {cb} (")), "{out}");
    assert!(wd.path().join("پوشه من/خروجی/tables.md").is_file());
    // --out a file, a link into the codebook, a link to nothing: refused before any work.
    wd.write("a file", "x");
    std::os::unix::fs::symlink(wd.path().join(cb), wd.path().join("into codebook")).unwrap();
    std::os::unix::fs::symlink(wd.path().join("nowhere"), wd.path().join("dangling")).unwrap();
    for (out, says) in [
        ("a file", "it is a file, not a directory"),
        ("into codebook", "it is (inside) the codebook directory"),
        ("dangling", "it is a symbolic link to nothing"),
    ] {
        let stderr = wd.run(&["run", "--codebook", cb, "--out", out]).failed();
        assert!(stderr.contains(says), "{out}: {stderr}");
    }
    assert_eq!(wd.read("a file"), "x");
}

/// Run `thematic` as an unprivileged user: root reads files whatever their permissions, so
/// permission errors can only be seen without it. `None` when running as root without
/// `setpriv` to drop privileges.
fn run_unprivileged(wd: &Workdir, args: &[&str]) -> Option<crate::workdir::Run> {
    let uid = std::process::Command::new("id").arg("-u").output().ok()?;
    if String::from_utf8_lossy(&uid.stdout).trim() != "0" {
        return Some(wd.run(args));
    }
    // The work directory (0700 from tempfile) must be reachable by the unprivileged user.
    std::fs::set_permissions(
        wd.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let output = std::process::Command::new("setpriv")
        .args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
        .arg(env!("CARGO_BIN_EXE_thematic"))
        .args(args)
        .current_dir(wd.path())
        .output()
        .ok()?;
    Some(crate::workdir::Run(output))
}

#[test]
fn unreadable_files_and_directories_are_named_with_a_fix() {
    use std::os::unix::fs::PermissionsExt;
    let wd = Workdir::new();
    wd.fixture("tiny", "cb");
    let file = wd.path().join("cb/base_themes.csv");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o000)).unwrap();
    let Some(run) = run_unprivileged(&wd, &["validate", "--codebook", "cb"]) else {
        eprintln!("skipped: running as root without setpriv, permissions cannot be tested");
        return;
    };
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("cb/base_themes.csv: you have no permission to read the file\n  fix: give yourself read permission on it (chmod u+r cb/base_themes.csv)"),
        "{}",
        run.stderr()
    );

    // A directory that cannot be searched: one problem, about the directory.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let dir = wd.path().join("cb");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    let run = run_unprivileged(&wd, &["run", "--codebook", "cb", "--out", "out"]).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("the codebook has 1 problem")
            && run
                .stderr()
                .contains("cb: you have no permission to open the codebook directory"),
        "{}",
        run.stderr()
    );
    assert!(!wd.path().join("out").exists());
}

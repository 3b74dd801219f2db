//! The docs a person reads stay true: every command they quote parses as the CLI defines it,
//! the paper's verdict they quote is the one the audit prints, the architecture page names
//! paths that exist, and the README stays short with its two commands first.

use crate::workdir::Workdir;
use clap::Parser;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The README and every page of the guide, with their text.
fn pages() -> Vec<(PathBuf, String)> {
    let mut pages = vec![root().join("README.md")];
    let mut guide: Vec<PathBuf> = std::fs::read_dir(root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    guide.sort();
    pages.extend(guide);
    pages
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p, text)
        })
        .collect()
}

/// A shell line's words: quotes ('…' and "…") hold spaces; nothing else is interpreted.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                started = true;
            }
            (None, c) if c.is_whitespace() => {
                if started || !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
                started = false;
            }
            (None, c) => word.push(c),
        }
    }
    if started || !word.is_empty() {
        out.push(word);
    }
    out
}

/// The thematic commands of a page's `sh` blocks, as argument lists (after `thematic`), cut
/// before a comment, a pipe, a redirection or a second command.
fn commands(text: &str) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_sh = !in_sh && line.trim() == "```sh";
            continue;
        }
        if !in_sh {
            continue;
        }
        let line = line.trim();
        let rest = if let Some(rest) = line.strip_prefix("thematic ") {
            rest
        } else if let Some(rest) = line.strip_prefix("cargo run --release -- ") {
            rest
        } else {
            continue;
        };
        let mut args = Vec::new();
        for word in words(rest) {
            if word.starts_with('#') || ["|", ">", "2>", "&&", "<"].contains(&word.as_str()) {
                break;
            }
            args.push(word);
        }
        out.push((line.to_string(), args));
    }
    out
}

#[test]
fn every_quoted_command_parses() {
    let mut parsed = 0;
    for (page, text) in pages() {
        for (line, args) in commands(&text) {
            let argv = std::iter::once("thematic".to_string()).chain(args);
            if let Err(e) = thematic::cli::Cli::try_parse_from(argv) {
                // Asking for help or the version is a command too.
                use clap::error::ErrorKind::{DisplayHelp, DisplayVersion};
                assert!(
                    matches!(e.kind(), DisplayHelp | DisplayVersion),
                    "{}: `{line}` does not parse: {e}",
                    page.display()
                );
            }
            parsed += 1;
        }
    }
    assert!(parsed >= 50, "only {parsed} commands quoted");
}

#[test]
fn the_quoted_verdict_is_the_one_the_audit_prints() {
    let audit = std::fs::read_to_string(root().join("docs/audit.md")).unwrap();
    let start = audit
        .find("For the paper the verdict reads: *")
        .expect("the verdict is quoted")
        + "For the paper the verdict reads: *".len();
    let quoted = &audit[start..start + audit[start..].find('*').unwrap()];
    let quoted = quoted.split_whitespace().collect::<Vec<_>>().join(" ");
    let wd = Workdir::new();
    let run = wd.run(&["check", "--lang", "en"]);
    let printed = run
        .stdout()
        .lines()
        .find_map(|l| l.strip_prefix("Verdict: ").map(str::to_string))
        .expect("a verdict");
    assert_eq!(quoted, printed);
}

#[test]
fn the_architecture_page_names_paths_that_exist() {
    let page = std::fs::read_to_string(root().join("docs/architecture.md")).unwrap();
    let mut named = 0;
    for quoted in page.split('`').skip(1).step_by(2) {
        let path = quoted.split([' ', ':']).next().unwrap();
        let path = path.trim_end_matches(['.', ',', ')']);
        if !(path.starts_with("src/") || path.starts_with("tests/") || path.starts_with("bench/"))
            || path.contains(['<', '*'])
        {
            continue;
        }
        assert!(
            root().join(path).exists(),
            "docs/architecture.md names {path}, which is not there"
        );
        named += 1;
    }
    // The layout's first column too: `src/write.rs   the only code …`.
    for line in page.lines() {
        let first = line
            .split_whitespace()
            .next()
            .unwrap_or("")
            .trim_end_matches(':');
        if (first.starts_with("src/") || first.starts_with("tests/")) && !first.contains('<') {
            assert!(
                root().join(first).exists(),
                "docs/architecture.md lists {first}, which is not there"
            );
            named += 1;
        }
    }
    assert!(named >= 20, "only {named} paths named");
}

#[test]
fn the_readme_is_short_and_opens_with_the_two_commands() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    assert!(
        readme.lines().count() <= 350,
        "{} lines",
        readme.lines().count()
    );
    let commands = readme
        .find("## The two commands")
        .expect("the two commands");
    assert!(readme[..commands].lines().count() < 20);
    assert!(readme[commands..].contains("cargo run --release -- run"));
    assert!(readme[commands..].contains("cargo test"));
    // Every page of the guide is linked from the README or the guide's index.
    let index = std::fs::read_to_string(root().join("docs/README.md")).unwrap();
    for (page, _) in pages().into_iter().skip(1) {
        let name = page.file_name().unwrap().to_string_lossy().to_string();
        if name != "README.md" {
            assert!(
                index.contains(&format!("({name})")),
                "docs/README.md does not link {name}"
            );
        }
    }
}

#[test]
fn shell_words_keep_quoted_spaces() {
    assert_eq!(
        words(r#"tables --font-name "B Nazanin" --out paper/"#),
        ["tables", "--font-name", "B Nazanin", "--out", "paper/"]
    );
    assert_eq!(words("diff a '' b"), ["diff", "a", "", "b"]);
}

#[test]
fn the_tour_does_what_the_readme_says() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    // The edit the tour makes, done here as its sed line does it.
    assert!(readme.contains("sed -i 's/,۵۷$/,۳۸/' my-edit/components.csv"));
    let wd = Workdir::new();
    wd.paper_codebook("my-edit");
    wd.edit("my-edit/components.csv", ",۵۷\n", ",۳۸\n");
    wd.run(&["run", "--codebook", "my-edit", "--out", "my-output"])
        .ok();
    let diff = wd
        .run(&["diff", "built-in", "my-edit", "--lang", "en"])
        .stdout();
    assert!(readme.contains("printed value (57 → 38)"));
    assert!(
        diff.contains("component «Interaction in economic affairs»: printed 57 → 38"),
        "{diff}"
    );
    assert!(readme.contains("*Chart 1 does not survive the recomputation*"));
    let check = wd.run(&["check", "--lang", "en"]).stdout();
    assert!(
        check.contains("Chart 1 does not survive the recomputation"),
        "{check}"
    );
}

#[test]
fn the_quoted_error_is_the_one_a_bad_codebook_gets() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme
        .find("```text\nerror: the codebook has 2 problems")
        .expect("the README quotes a refused codebook")
        + "```text\n".len();
    let quoted = &readme[start..start + readme[start..].find("```").unwrap()];
    // The codebook the quote is of: the tiny fixture with two cells broken.
    let wd = Workdir::new();
    wd.fixture("tiny", "cb");
    wd.edit("cb/base_themes.csv", "T3,D1,C2,۲ ۴,", "T3,D1,C2,1--2,");
    wd.edit("cb/base_themes.csv", "T5,D2,C3,", "T5,D7,C3,");
    let run = wd.run(&["run", "--codebook", "cb"]);
    assert_eq!(run.code(), 2);
    assert_eq!(run.stderr().trim_end(), quoted.trim_end());
}

//! A study in its own words: the outputs' language follows `--lang`, else `study.toml`, else
//! the labels' script; a study's names for its cases and levels replace thematic's; titles
//! carry the study's own numbering only where it has one; the citation goes where a figure or
//! table copied out of context needs it.

use crate::workdir::Workdir;
use std::path::Path;

fn arabic_script(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| thematic::lang::is_arabic_script(c))
        .collect()
}

/// Every file under `dir` that holds text (all but the PNGs, whose text is their SVG's), with
/// its contents; a Word document or a workbook by the XML of its parts.
fn text_files(dir: &Path) -> Vec<(String, String)> {
    crate::workdir::snapshot_dir(dir)
        .into_iter()
        .map(|(path, bytes)| (path.display().to_string(), bytes))
        .filter(|(name, _)| !name.ends_with(".png"))
        .map(|(name, bytes)| {
            let text = if name.ends_with(".docx") || name.ends_with(".xlsx") {
                crate::documents::parts(&bytes)
                    .into_iter()
                    .map(|(_, xml)| xml)
                    .collect()
            } else {
                String::from_utf8(bytes).expect("UTF-8 output")
            };
            (name, text)
        })
        .collect()
}

#[test]
fn an_english_study_without_study_toml_writes_english_with_no_arabic_script_anywhere() {
    let wd = Workdir::new();
    wd.fixture("remote_learning", "rl");
    let out = wd.run(&["run", "--codebook", "rl", "--out", "o"]).ok();
    assert!(arabic_script(&out).is_empty(), "{out}");
    let files = text_files(&wd.path().join("o"));
    assert!(files.len() >= 18, "{} text files", files.len());
    for (name, text) in &files {
        let found = arabic_script(text);
        assert!(found.is_empty(), "{name}: {found:?}");
    }
    // Seven charts, titled by subject: the study printed no Chart 1 of its own.
    let dimensions = wd.read("o/charts/dimensions.svg");
    assert!(dimensions.contains("Dimensions: relative frequency, printed and recomputed"));
    assert!(!dimensions.contains("Chart 1"));
    let agreement = wd.read("o/charts/agreement.svg");
    assert!(agreement.contains("Agreement of the roster&apos;s findings and the source codes"));
    assert!(!agreement.contains("Table 1"));
    // No study.toml, no citation: no footnote.
    assert!(!wd.read("o/audit.txt").contains("Study:"));
}

#[test]
fn a_persian_study_without_study_toml_writes_persian_charts_and_the_flag_overrides() {
    let wd = Workdir::new();
    let paper = wd.paper_codebook("p");
    std::fs::remove_file(paper.join("study.toml")).unwrap();
    wd.run(&[
        "charts",
        "--codebook",
        "p",
        "--out",
        "fa",
        "--format",
        "svg",
    ])
    .ok();
    let dimensions = wd.read("fa/charts/dimensions.svg");
    assert!(
        dimensions.contains("ابعاد: فراوانی نسبی، چاپ‌شده و بازمحاسبه"),
        "Persian, titled by subject (no numbering without study.toml)"
    );
    assert!(!dimensions.contains("نمودار ۱"));

    // --lang en: the paper has English labels, so nothing in Arabic script is left.
    wd.run(&[
        "charts",
        "--codebook",
        "p",
        "--out",
        "en",
        "--format",
        "svg",
        "--lang",
        "en",
    ])
    .ok();
    for (name, text) in text_files(&wd.path().join("en")) {
        let found = arabic_script(&text);
        assert!(found.is_empty(), "{name}: {found:?}");
    }

    // --lang fa on an English study: Persian words around the English labels.
    wd.fixture("remote_learning", "rl");
    wd.run(&[
        "charts",
        "--codebook",
        "rl",
        "--out",
        "rl-fa",
        "--format",
        "svg",
        "--lang",
        "fa",
    ])
    .ok();
    let components = wd.read("rl-fa/charts/components.svg");
    assert!(components.contains("مؤلفه‌ها: فراوانی، چاپ‌شده و بازمحاسبه"));
    assert!(components.contains("Devices and connection"));
}

#[test]
fn the_study_language_is_the_default_and_the_flag_wins() {
    let wd = Workdir::new();
    wd.fixture("remote_learning", "rl");
    wd.write("rl/study.toml", "language = \"fa\"\n");
    wd.run(&[
        "charts",
        "--codebook",
        "rl",
        "--out",
        "o",
        "--format",
        "svg",
    ])
    .ok();
    assert!(wd.read("o/charts/dimensions.svg").contains("چاپ‌شده"));
    wd.run(&[
        "charts",
        "--codebook",
        "rl",
        "--out",
        "o",
        "--format",
        "svg",
        "--lang",
        "en",
    ])
    .ok();
    assert!(arabic_script(&wd.read("o/charts/dimensions.svg")).is_empty());
}

#[test]
fn a_study_of_participants_never_reads_interviewees() {
    let wd = Workdir::new();
    wd.fixture("remote_learning", "rl");
    wd.write(
        "rl/study.toml",
        "[words.en]\ncase = \"participant\"\nbase_theme = \"basic theme\"\n",
    );
    let out = wd.run(&["run", "--codebook", "rl", "--out", "o"]).ok();
    // The list of files written names interviewees.csv: file names are part of the contract.
    let summary: String = out
        .lines()
        .filter(|l| !l.starts_with("  o/"))
        .map(|l| format!("{l}\n"))
        .collect();
    let mut read = vec![("stdout".to_string(), summary)];
    // What people read: the reports and the charts (CSV headers and JSON keys are a documented
    // contract and keep their names).
    read.extend(
        text_files(&wd.path().join("o"))
            .into_iter()
            .filter(|(name, _)| {
                [".md", ".txt", ".svg", ".docx", ".tex"]
                    .iter()
                    .any(|end| name.ends_with(end))
            }),
    );
    for (name, text) in &read {
        // A LaTeX label is named after its file (`\ref{tab:thematic-interviewees}`), as the
        // files are: an identifier, not something a reader sees.
        let text: String = text
            .lines()
            .filter(|l| !l.starts_with("\\label{"))
            .collect();
        assert!(
            !text.to_lowercase().contains("interviewee"),
            "{name} says interviewee:\n{text}"
        );
    }
    let audit = wd.read("o/audit.txt");
    assert!(audit.contains("distinct participants"), "{audit}");
    assert!(audit.contains("\n          participants: 2, 3"), "{audit}");
    assert!(wd.read("o/tables.md").contains("## Basic themes\n"));
    assert!(wd
        .read("o/charts/base_themes.svg")
        .contains("Basic themes: distinct participants in the source codes"));
}

#[test]
fn the_paper_is_cited_and_numbered_as_it_printed_itself() {
    let wd = Workdir::new();
    wd.paper_codebook("p");
    wd.run(&["run", "--codebook", "p", "--out", "o"]).ok();
    let dimensions = wd.read("o/charts/dimensions.svg");
    assert!(dimensions.contains("نمودار ۱: فراوانی نسبی ابعاد، چاپ‌شده و بازمحاسبه"));
    assert!(
        dimensions.contains("معصومی، سید ابراهیم (۲۰۲۵)"),
        "Persian footnote"
    );
    // The paper is Persian: its reports cite it in Persian, and in English when asked.
    let citation = "معصومی، سید ابراهیم (۲۰۲۵). دیپلماسی رسمی و همگرایی";
    for file in ["o/audit.txt", "o/audit.md", "o/tables.md"] {
        assert!(wd.read(file).contains(citation), "{file}");
    }
    let english = wd
        .run(&["check", "--codebook", "p", "--lang", "en"])
        .stdout();
    assert!(
        english.contains("Study: Masoumi, S. E. (2025). Official diplomacy towards convergence")
    );
    wd.run(&[
        "charts",
        "--codebook",
        "p",
        "--out",
        "n",
        "--format",
        "svg",
        "--lang",
        "en",
        "--no-footnote",
    ])
    .ok();
    let english = wd.read("n/charts/dimensions.svg");
    assert!(english.contains("Chart 1: relative frequency of the dimensions"));
    assert!(!english.contains("Masoumi"), "--no-footnote");
}

//! Charts: each SVG is parsed (labels, bars, values), each PNG decoded (size, not blank);
//! English charts carry no Arabic script; output is byte-identical run to run; a study of 60
//! base themes and 200 interviewees still draws with no label overlapping another or leaving
//! the canvas.

use crate::workdir::Workdir;
use std::collections::BTreeMap;
use thematic::charts::Font;

/// A `<text>` element: its box in pixels and its content without bidi controls.
#[derive(Debug)]
struct Label {
    text: String,
    x0: f64,
    x1: f64,
    y0: f64,
    y1: f64,
}

struct Svg {
    width: f64,
    height: f64,
    labels: Vec<Label>,
    /// Filled rectangles by fill colour.
    rects: BTreeMap<String, usize>,
    polygons: usize,
}

fn parse(svg: &str) -> Svg {
    let font = Font::builtin();
    let doc = roxmltree::Document::parse(svg).expect("the SVG parses as XML");
    let root = doc.root_element();
    let number =
        |n: roxmltree::Node, a: &str| n.attribute(a).unwrap_or("0").parse::<f64>().unwrap();
    let mut labels = Vec::new();
    let mut rects = BTreeMap::new();
    let mut polygons = 0;
    for node in root.descendants() {
        match node.tag_name().name() {
            "text" => {
                // The label's own text, not its `<title>` (the whole of a shortened label).
                let raw: String = node
                    .children()
                    .filter(|c| c.is_text())
                    .filter_map(|c| c.text())
                    .collect();
                let text: String = raw
                    .trim()
                    .chars()
                    .filter(|c| !matches!(c, '\u{2066}'..='\u{2069}'))
                    .collect();
                let size = number(node, "font-size");
                let width = font.width(&text, size);
                let x = number(node, "x");
                let (x0, x1) = match node.attribute("text-anchor") {
                    Some("end") => (x - width, x),
                    Some("middle") => (x - width / 2.0, x + width / 2.0),
                    _ => (x, x + width),
                };
                assert!(node.attribute("dy").is_none(), "dy left on {text}");
                let y = number(node, "y");
                labels.push(Label {
                    text,
                    x0,
                    x1,
                    y0: y - 0.76 * size,
                    y1: y + 0.24 * size,
                });
            }
            "rect" => {
                let fill = node.attribute("fill").unwrap_or("none");
                if fill != "none" {
                    *rects.entry(fill.to_string()).or_insert(0) += 1;
                }
            }
            "polygon" => polygons += 1,
            _ => {}
        }
    }
    Svg {
        width: number(root, "width"),
        height: number(root, "height"),
        labels,
        rects,
        polygons,
    }
}

impl Svg {
    fn has(&self, text: &str) -> bool {
        self.labels.iter().any(|l| l.text == text)
    }

    fn rects(&self, fill: &str) -> usize {
        self.rects.get(fill).copied().unwrap_or(0)
    }

    /// No two labels overlap and every label is inside the canvas.
    fn assert_readable(&self, name: &str) {
        for l in &self.labels {
            assert!(
                l.x0 >= -0.5 && l.x1 <= self.width + 0.5,
                "{name}: «{}» runs off the canvas: {l:?}",
                l.text
            );
            assert!(
                l.y0 >= -0.5 && l.y1 <= self.height + 0.5,
                "{name}: «{}» runs off the canvas: {l:?}",
                l.text
            );
        }
        for (i, a) in self.labels.iter().enumerate() {
            for b in &self.labels[i + 1..] {
                let overlap_x = a.x1.min(b.x1) - a.x0.max(b.x0);
                let overlap_y = a.y1.min(b.y1) - a.y0.max(b.y0);
                assert!(
                    overlap_x <= 0.5 || overlap_y <= 0.5,
                    "{name}: «{}» overlaps «{}»: {a:?} {b:?}",
                    a.text,
                    b.text
                );
            }
        }
    }
}

fn draw(wd: &Workdir, args: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let mut full = vec!["charts", "--out", "o"];
    full.extend_from_slice(args);
    wd.run(&full).ok();
    crate::workdir::snapshot_dir(&wd.path().join("o/charts"))
        .into_iter()
        .map(|(p, b)| (p.to_string_lossy().into_owned(), b))
        .collect()
}

fn svg_of(files: &BTreeMap<String, Vec<u8>>, stem: &str) -> Svg {
    parse(std::str::from_utf8(&files[&format!("{stem}.svg")]).unwrap())
}

#[test]
fn chart_1_dimensions_printed_against_both_rules() {
    let files = draw(&Workdir::new(), &["--lang", "en", "--only", "dimensions"]);
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        ["dimensions.png", "dimensions.svg"]
    );
    let svg = svg_of(&files, "dimensions");
    assert!(svg.has("Motivational") && svg.has("Environmental"));
    // 166 / 307 and 141 / 307 printed; 90 / 254 and 164 / 254 under the sum rule; 16 / 32 each
    // under the union rule.
    for value in ["54.1%", "45.9%", "35.4%", "64.6%", "50.0%"] {
        assert!(svg.has(value), "{value}");
    }
    // One bar per dimension and series, plus the legend swatch.
    assert_eq!(svg.rects("#0072B2"), 2 + 1);
    assert_eq!(svg.rects("#E69F00"), 2 + 1);
    assert_eq!(svg.rects("#000000"), 2 + 1);
    svg.assert_readable("dimensions");
}

#[test]
fn chart_2_components_grouped_by_dimension() {
    let files = draw(
        &Workdir::new(),
        &["--lang", "en", "--only", "components", "--format", "svg"],
    );
    assert_eq!(files.len(), 1);
    let svg = svg_of(&files, "components");
    for label in [
        "Interaction in economic affairs",
        "Social structures",
        "Historical commonalities",
        "Motivational",
        "Environmental",
    ] {
        assert!(svg.has(label), "{label}");
    }
    // Six components: five printed (one not), six sums, six unions.
    assert_eq!(svg.rects("#000000"), 5 + 1);
    assert_eq!(svg.rects("#0072B2"), 6 + 1);
    assert_eq!(svg.rects("#E69F00"), 6 + 1);
    assert!(svg.has("not printed"));
    for value in ["57", "38", "13", "52", "16", "58", "15", "164"]
        .iter()
        .take(7)
    {
        assert!(svg.has(value), "{value}");
    }
    svg.assert_readable("components");
}

#[test]
fn persian_charts_carry_the_printed_labels_and_persian_digits() {
    let files = draw(&Workdir::new(), &["--format", "svg"]);
    let svg = svg_of(&files, "components");
    assert!(svg.has("تعامل در امور اقتصادی"));
    assert!(svg.has("۵۷") && svg.has("چاپ‌نشده"));
    let raw = std::str::from_utf8(&files["components.svg"]).unwrap();
    assert!(
        raw.contains("\u{2067}تعامل در امور اقتصادی\u{2069}"),
        "RTL labels are isolated"
    );
    for (name, bytes) in &files {
        parse(std::str::from_utf8(bytes).unwrap()).assert_readable(name);
    }
    let base = svg_of(&files, "base_themes");
    // 25 bars in the two dimension colours (plus two legend swatches), 16 printed markers.
    assert_eq!(base.rects("#0072B2") + base.rects("#E69F00"), 25 + 2);
    assert_eq!(base.polygons, 16);
    let matrix = svg_of(&files, "case_matrix");
    // 16 × 25 cells: filled by the share of the maximum; 1s are the darkest blue.
    assert_eq!(matrix.rects("#08306B"), files_count_of_ones());
}

/// Ones in the paper's case × code matrix, counted from the committed CSV.
fn files_count_of_ones() -> usize {
    let csv = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("output/case_matrix.csv"),
    )
    .unwrap();
    csv.lines()
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            cells[2..cells.len() - 1]
                .iter()
                .filter(|c| **c == "1")
                .count()
        })
        .sum()
}

#[test]
fn english_charts_have_no_arabic_script() {
    let files = draw(&Workdir::new(), &["--lang", "en", "--format", "svg"]);
    assert_eq!(
        files.len(),
        7 + 3,
        "seven charts and the network of the study and of each dimension"
    );
    for (name, bytes) in &files {
        let text = std::str::from_utf8(bytes).unwrap();
        let arabic: Vec<char> = text.chars().filter(|c| matches!(c, '\u{0600}'..='\u{06FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')).collect();
        assert!(arabic.is_empty(), "{name}: {arabic:?}");
        parse(text).assert_readable(name);
    }
}

#[test]
fn pngs_decode_at_the_requested_size_and_are_not_blank() {
    let files = draw(
        &Workdir::new(),
        &[
            "--format", "png", "--width", "1000", "--height", "700", "--scale", "2",
        ],
    );
    assert_eq!(files.len(), 7 + 3);
    for (name, bytes) in &files {
        let pixmap =
            resvg::tiny_skia::Pixmap::decode_png(bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!((pixmap.width(), pixmap.height()), (2000, 1400), "{name}");
        let pixels = pixmap.pixels();
        let dark = pixels
            .iter()
            .filter(|p| u32::from(p.red()) + u32::from(p.green()) + u32::from(p.blue()) < 200)
            .count();
        let colours: std::collections::BTreeSet<(u8, u8, u8)> = pixels
            .iter()
            .map(|p| (p.red(), p.green(), p.blue()))
            .collect();
        assert!(
            dark > 1000 && colours.len() > 20,
            "{name}: {dark} dark pixels, {} colours",
            colours.len()
        );
    }
}

#[test]
fn the_same_codebook_gives_the_same_bytes() {
    let wd = Workdir::new();
    let first = draw(&wd, &[]);
    std::fs::remove_dir_all(wd.path().join("o")).unwrap();
    let second = draw(&wd, &[]);
    assert_eq!(first.len(), 2 * (7 + 3));
    assert!(first == second, "charts differ between two runs");
}

#[test]
fn bad_options_are_usage_errors() {
    let wd = Workdir::new();
    wd.write("not-a-font.ttf", "hello");
    let stderr = wd.run(&["charts", "--font", "not-a-font.ttf"]).failed();
    assert!(
        stderr.contains("not-a-font.ttf is not a usable font"),
        "{stderr}"
    );
    let stderr = wd.run(&["charts", "--scale", "0"]).failed();
    assert!(stderr.contains("--scale"), "{stderr}");
    wd.run(&["charts", "--width", "10"]).failed();
    wd.run(&["charts", "--only", "nope"]).failed();
    assert!(
        !wd.path().join("output").exists(),
        "nothing written on a usage error"
    );
}

#[test]
fn another_font_can_be_given() {
    // DejaVu Sans Mono stands in for a user's font: another family than the built-in face.
    let wd = Workdir::new();
    wd.write("Mono.ttf", dejavu::sans_mono::regular());
    let files = draw(
        &wd,
        &["--font", "Mono.ttf", "--only", "dimensions", "--lang", "en"],
    );
    let svg = std::str::from_utf8(&files["dimensions.svg"]).unwrap();
    assert!(svg.contains("font-family=\"DejaVu Sans Mono\""), "{svg}");
    let default = draw(&Workdir::new(), &["--only", "dimensions", "--lang", "en"]);
    assert_ne!(files["dimensions.png"], default["dimensions.png"]);
}

/// A study of `themes` base themes in 4 components of 2 dimensions and `people` interviewees,
/// with long labels, every interviewee citing a spread of themes.
fn write_large(wd: &Workdir, themes: usize, people: usize) {
    let mut dimensions = String::from("dimension,dimension_en\n");
    let mut components = String::from("dimension,component,component_en\n");
    let mut base = String::from("dimension,component,base_theme,base_theme_en,source_codes\n");
    for d in 0..2 {
        dimensions.push_str(&format!("بعد {d},Dimension {d}\n"));
        for c in 0..2 {
            components.push_str(&format!("بعد {d},مؤلفه‌ای با نامی بسیار طولانی برای آزمودن شکستن سطرها {d}-{c},A component with a rather long name to test wrapping {d}-{c}\n"));
        }
    }
    for t in 0..themes {
        let (d, c) = (t % 4 / 2, t % 2);
        let codes: Vec<String> = (1..=people)
            .filter(|p| (p * 7 + t * 3) % (2 + t % 5) == 0)
            .map(|p| p.to_string())
            .collect();
        let codes = if codes.is_empty() {
            "1".to_string()
        } else {
            codes.join("-")
        };
        base.push_str(&format!(
            "بعد {d},مؤلفه‌ای با نامی بسیار طولانی برای آزمودن شکستن سطرها {d}-{c},مضمون پایه شماره {t} با برچسبی که عمداً بسیار بسیار طولانی نوشته شده است تا از عرض ستون بیرون بزند,Base theme number {t} with a label written deliberately far too long to fit its column,{codes}\n"
        ));
    }
    let mut roster = String::from("code,name\n");
    for p in 1..=people {
        roster.push_str(&format!("{p},نفر {p}\n"));
    }
    wd.write("big/dimensions.csv", dimensions);
    wd.write("big/components.csv", components);
    wd.write("big/base_themes.csv", base);
    wd.write("big/interviewees.csv", roster);
}

#[test]
fn a_large_study_still_draws_readable_charts() {
    let wd = Workdir::new();
    write_large(&wd, 60, 200);
    for lang in ["fa", "en"] {
        let files = draw(
            &wd,
            &["--codebook", "big", "--lang", lang, "--format", "svg"],
        );
        assert_eq!(
            files.len(),
            6 + 1 + 2,
            "no agreement chart without a findings map; a network of the study and of each of its 2 dimensions"
        );
        for (name, bytes) in &files {
            let svg = parse(std::str::from_utf8(bytes).unwrap());
            svg.assert_readable(&format!("{lang}/{name}"));
        }
        let base = svg_of(&files, "base_themes");
        assert_eq!(base.rects("#0072B2") + base.rects("#E69F00"), 60 + 2);
        let matrix = svg_of(&files, "case_matrix");
        assert!(
            matrix.height >= 200.0 * 10.0,
            "one row of at least 10 px per interviewee"
        );
        std::fs::remove_dir_all(wd.path().join("o")).unwrap();
    }
}

#[test]
fn pie_cooccurrence_and_agreement_carry_their_numbers() {
    let files = draw(&Workdir::new(), &["--lang", "en", "--format", "svg"]);
    let pie = svg_of(&files, "dimensions_pie");
    assert_eq!(pie.polygons, 2, "one slice per dimension");
    assert!(pie.has("54.1%") && pie.has("45.9%"));
    assert!(pie.has("Motivational: 166") && pie.has("Environmental: 141"));

    let co = svg_of(&files, "cooccurrence");
    // 25 × 25 cells: one rect under them all in the empty cells' grey, then a filled rect for
    // each cell that is not empty; every other fill but the bands and the background belongs
    // to a cell.
    assert_eq!(co.rects("#F7F7F7"), 1);
    let cells: usize = co
        .rects
        .iter()
        .filter(|(fill, _)| !["#FFFFFF", "#F0F0F0", "#D7D7D7", "#F7F7F7"].contains(&fill.as_str()))
        .map(|(_, n)| n)
        .sum();
    let csv = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("output/cooccurrence.csv"),
    )
    .unwrap();
    let filled: usize = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').skip(2).filter(|c| *c != "0").count())
        .sum();
    assert_eq!(cells, filled);
    assert!(filled > 25 * 20, "{filled}");
    // The diagonal is each theme's distinct count: 14 for «Shared sea and land border».
    assert!(co.has("14"));

    let agreement = svg_of(&files, "agreement");
    // 23 mapped base themes get a bar, coloured by dimension (plus a legend swatch each).
    assert!(agreement.has("percent agreement over the roster, with Cohen's κ"));
    assert_eq!(
        agreement.rects("#0072B2") + agreement.rects("#E69F00"),
        23 + 2
    );
    assert_eq!(
        agreement
            .labels
            .iter()
            .filter(|l| l.text == "no Table 1 finding mapped")
            .count(),
        2
    );
    assert!(agreement.has("87.5%") && agreement.has("κ = 0.71"));
}

#[test]
fn a_study_too_large_to_draw_whole_shows_a_part_and_says_so() {
    let wd = Workdir::new();
    write_large(&wd, 210, 1100);
    let files = draw(
        &wd,
        &[
            "--codebook",
            "big",
            "--lang",
            "en",
            "--format",
            "svg",
            "--only",
            "case-matrix,cooccurrence",
        ],
    );
    let matrix = svg_of(&files, "case_matrix");
    assert!(
        matrix.labels.iter().any(|l| l.text.contains(
            "(showing the 200 of 1100 rows and 100 of 210 columns with the most codings;"
        )),
        "the title says what is left out"
    );
    assert!(matrix.height <= 200.0 * 30.0 + 300.0, "{}", matrix.height);
    matrix.assert_readable("case_matrix");
    let co = svg_of(&files, "cooccurrence");
    assert!(co.labels.iter().any(|l| l
        .text
        .contains("(showing the 100 of 210 rows and 100 of 210 columns with the most codings;")));
}

#[test]
fn a_study_with_many_base_themes_shows_the_most_frequent_and_sums_up_the_rest() {
    let wd = Workdir::new();
    write_large(&wd, 210, 300);
    let files = draw(
        &wd,
        &[
            "--codebook",
            "big",
            "--lang",
            "en",
            "--format",
            "svg",
            "--only",
            "base-themes",
        ],
    );
    let chart = svg_of(&files, "base_themes");
    chart.assert_readable("base_themes");
    // 100 bars (one fill per dimension colour) plus the legend's two swatches.
    assert_eq!(chart.rects("#0072B2") + chart.rects("#E69F00"), 100 + 2);
    assert!(chart.has("110 other base themes"));
    assert!(chart.labels.iter().any(|l| l.text.contains(
        "(showing the 100 of 210 base themes with the most interviewees; the others summed up in the last row)"
    )));
    // The summary row's count is the sum of the distinct counts the chart leaves out.
    let tables = wd
        .run(&["tables", "--codebook", "big", "--format", "json"])
        .json();
    let mut distinct: Vec<u64> = tables["base_themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["distinct"].as_u64().unwrap())
        .collect();
    distinct.sort_unstable_by(|a, b| b.cmp(a));
    let hidden: u64 = distinct[100..].iter().sum();
    assert!(
        chart
            .labels
            .iter()
            .any(|l| l.text.starts_with(&format!("{hidden} codings ("))),
        "summary row with {hidden} codings"
    );
}

/// The printed values of the committed tables that differ from what the source codes give: a
/// base theme's from its distinct interviewees, a component's or dimension's from both rules.
fn differing_printed(table: &str) -> usize {
    let csv = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("output/{table}.csv")),
    )
    .unwrap();
    let mut lines = csv.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    let column = |name: &str| head.iter().position(|h| *h == name).unwrap();
    lines
        .filter(|l| {
            let cells: Vec<&str> = l.split(',').collect();
            let printed = cells[column("printed")];
            if printed.is_empty() {
                return false;
            }
            if table == "base_themes" {
                printed != cells[column("distinct")]
            } else {
                printed != cells[column("sum")] && printed != cells[column("union")]
            }
        })
        .count()
}

#[test]
fn the_network_shows_every_theme_with_its_counts_and_mismatches() {
    let files = draw(
        &Workdir::new(),
        &["--only", "network", "--lang", "en", "--format", "svg"],
    );
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        ["network.svg", "network_1.svg", "network_2.svg"],
        "the whole study, then each dimension"
    );
    let whole = std::str::from_utf8(&files["network.svg"]).unwrap();
    let svg = parse(whole);
    svg.assert_readable("network.svg");
    // Every label is on the figure: whole, wrapped over lines that follow each other, or
    // shortened with the whole label in the `<title>`.
    let doc = roxmltree::Document::parse(whole).unwrap();
    let titles: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("title"))
        .filter_map(|n| n.text())
        .collect();
    let shown = svg
        .labels
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    let codebook = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("codebooks/masoumi2025");
    for (file, column) in [
        ("dimensions.csv", 1),
        ("components.csv", 2),
        ("base_themes.csv", 3),
    ] {
        let csv = std::fs::read_to_string(codebook.join(file)).unwrap();
        for line in csv.lines().skip(1) {
            let label = line.split(',').nth(column).unwrap();
            assert!(
                shown.contains(label) || titles.iter().any(|t| t.contains(label)),
                "{label} is not on the network"
            );
        }
    }
    assert!(
        svg.has("16 interviewees"),
        "the centre names the study's cases"
    );
    // Each printed value that differs is drawn in vermilion (and bold): 16 base themes, and
    // every printed component and dimension.
    let differing = whole
        .split("<text ")
        .filter(|t| t.contains("fill=\"#D55E00\" font-weight=\"bold\""))
        .filter(|t| t.contains('◆'))
        .count();
    let expected = differing_printed("base_themes")
        + differing_printed("components")
        + differing_printed("dimensions");
    assert_eq!(differing, expected);
    assert!(expected >= 16 + 6 + 2 - 2, "{expected}");
    // One dimension's figure has only its own components at the centre's ring.
    let first = parse(std::str::from_utf8(&files["network_1.svg"]).unwrap());
    first.assert_readable("network_1.svg");
    assert!(first.has("Motivational") && !first.has("Environmental"));
}

#[test]
fn a_thousand_base_themes_keep_the_network_legible() {
    let wd = Workdir::new();
    wd.run(&[
        "synth",
        "--dimensions",
        "3",
        "--components",
        "12",
        "--themes",
        "1000",
        "--interviewees",
        "200",
        "--codings",
        "20000",
        "--out",
        "big",
    ])
    .ok();
    for lang in ["en", "fa"] {
        let files = draw(
            &wd,
            &[
                "--codebook",
                "big",
                "--only",
                "network",
                "--lang",
                lang,
                "--format",
                "svg",
            ],
        );
        assert_eq!(files.len(), 1 + 3, "{lang}");
        for (name, bytes) in &files {
            let text = std::str::from_utf8(bytes).unwrap();
            let svg = parse(text);
            svg.assert_readable(&format!("{lang}/{name}"));
            // The largest base themes of each component shown, the rest counted.
            assert!(
                svg.labels
                    .iter()
                    .any(|l| l.text.contains("more") || l.text.contains("دیگر")),
                "{lang}/{name}: no \"+N more\" row"
            );
        }
        std::fs::remove_dir_all(wd.path().join("o")).unwrap();
    }
}

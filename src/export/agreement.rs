//! `thematic agree`'s outputs: text for the terminal and Markdown, in the output's language
//! (`--lang`); JSON (the documented contract) and CSV (one row per scope; the disagreements in
//! a second file), whose keys stay English.
//!
//! Not for computing agreement (`crate::agree`) nor for its chart (`crate::charts`).

use crate::agree::{Agreement, Coefficient, Estimate, Scope, COEFFICIENTS};
use crate::lang::Lang;
use crate::model::Label;
use crate::reliability::{Band, Undefined};
use serde_json::{json, Value};
use std::fmt::Write;

/// A label in the outputs' language: English where asked and given, else as printed.
fn label(l: &Label, lang: Lang) -> String {
    match lang {
        Lang::En if !l.english.is_empty() => l.english.clone(),
        _ => l.printed.clone(),
    }
}

/// `en` or `fa`, by the output's language.
fn pick(lang: Lang, en: &'static str, fa: &'static str) -> &'static str {
    match lang {
        Lang::En => en,
        Lang::Fa => fa,
    }
}

fn coefficient_name(c: Coefficient, lang: Lang) -> &'static str {
    match c {
        Coefficient::Percent => pick(lang, "agreement", "درصد توافق"),
        Coefficient::Cohen => pick(lang, "Cohen's κ", "کاپای کوهن"),
        Coefficient::Fleiss => pick(lang, "Fleiss' κ", "کاپای فلایس"),
        Coefficient::Alpha => pick(lang, "Krippendorff's α", "آلفای کریپندورف"),
        Coefficient::Ac1 => pick(lang, "Gwet's AC1", "ضریب AC1 گوِت"),
        Coefficient::BrennanPrediger => pick(lang, "Brennan–Prediger κ", "کاپای برنان–پردیگر"),
    }
}

fn undefined_key(u: Undefined) -> &'static str {
    match u {
        Undefined::NoPairs => "no_cell_rated_twice",
        Undefined::OneCategory => "one_category",
        Undefined::NotTwoCoders => "not_two_coders",
    }
}

/// A value as the tables show it, in the language's digits: percent with one decimal,
/// coefficients with three.
fn number(c: Coefficient, v: f64, lang: Lang) -> String {
    match c {
        Coefficient::Percent => lang.percent(v * 100.0),
        _ => lang.decimal(v, 3),
    }
}

fn estimate_text(c: Coefficient, e: &Estimate, lang: Lang) -> String {
    let separator = pick(lang, ", ", "، ");
    match e.value {
        Err(_) => "—".into(),
        Ok(v) => match e.interval {
            Some((lo, hi)) => format!(
                "{} [{}{separator}{}]",
                number(c, v, lang),
                bare(c, lo, lang),
                bare(c, hi, lang)
            ),
            None => number(c, v, lang),
        },
    }
}

/// An interval's end without the percent sign (the value before it carries it).
fn bare(c: Coefficient, v: f64, lang: Lang) -> String {
    number(c, v, lang).trim_end_matches(['%', '٪']).to_string()
}

/// A column's width in the text tables (characters; `—` and `κ` count one).
fn width(c: Coefficient) -> usize {
    match c {
        Coefficient::Percent => 6,
        Coefficient::Alpha => 22,
        _ => 8,
    }
}

fn band(scope: &Scope) -> Option<Band> {
    scope.get(Coefficient::Alpha).value.ok().map(Band::of)
}

/// The coefficients a table shows: Cohen's κ only for two coders.
fn shown(a: &Agreement) -> Vec<Coefficient> {
    COEFFICIENTS
        .iter()
        .copied()
        .filter(|&c| c != Coefficient::Cohen || a.coders.len() == 2)
        .collect()
}

/// Every scope as (level, dimension, component, base theme, scope), overall first.
fn rows(a: &Agreement, lang: Lang) -> Vec<(&'static str, String, String, String, &Scope)> {
    let mut rows = vec![(
        "overall",
        String::new(),
        String::new(),
        String::new(),
        &a.overall,
    )];
    for (d, s) in a.dimensions.iter().zip(&a.by_dimension) {
        rows.push((
            "dimension",
            label(&d.label, lang),
            String::new(),
            String::new(),
            s,
        ));
    }
    for (k, s) in a.components.iter().zip(&a.by_component) {
        let d = &a.dimensions[k.dimension];
        rows.push((
            "component",
            label(&d.label, lang),
            label(&k.label, lang),
            String::new(),
            s,
        ));
    }
    for (t, s) in a.themes.iter().zip(&a.by_theme) {
        rows.push((
            "base_theme",
            label(&a.dimensions[t.dimension].label, lang),
            label(&a.components[t.component].label, lang),
            label(&t.label, lang),
            s,
        ));
    }
    rows
}

fn coder_names(who: &[usize], lang: Lang) -> String {
    let names: Vec<String> = who.iter().map(|&c| coder(c, lang)).collect();
    crate::lang::and_list(lang, &names)
}

/// `coder 2`, `کدگذار ۲`.
fn coder(c: usize, lang: Lang) -> String {
    format!(
        "{} {}",
        pick(lang, "coder", "کدگذار"),
        lang.digits(&(c + 1).to_string())
    )
}

/// What did not match, in sentences.
fn unmatched(a: &Agreement, lang: Lang) -> Vec<String> {
    let mut out = Vec::new();
    for (_, t) in a.unmatched_themes() {
        let lacking: Vec<usize> = (0..a.coders.len()).filter(|&c| !t.coded_by[c]).collect();
        out.push(match lang {
            Lang::En => format!(
                "base theme {} ({}) is not in the scheme of {}: their ratings of it are missing",
                lang.quote(&label(&t.label, lang)),
                lang.isolate(&label(&a.components[t.component].label, lang)),
                coder_names(&lacking, lang)
            ),
            Lang::Fa => format!(
                "مضمون پایهٔ {} ({}) در طرح {} نیست: داوری آن‌ها دربارهٔ این مضمون در دست نیست",
                lang.quote(&label(&t.label, lang)),
                lang.isolate(&label(&a.components[t.component].label, lang)),
                coder_names(&lacking, lang)
            ),
        });
    }
    for (code, on) in a.unmatched_interviewees() {
        let lacking: Vec<usize> = (0..on.len()).filter(|&c| !on[c]).collect();
        out.push(match lang {
            Lang::En => format!(
                "interviewee {} is not on the roster of {}: their ratings of this interviewee are missing",
                lang.id(code),
                coder_names(&lacking, lang)
            ),
            Lang::Fa => format!(
                "مصاحبه‌شوندهٔ {} در فهرست {} نیست: داوری آن‌ها دربارهٔ این مصاحبه‌شونده در دست نیست",
                lang.id(code),
                coder_names(&lacking, lang)
            ),
        });
    }
    out
}

fn headline(a: &Agreement, lang: Lang) -> String {
    let d = |n: usize| lang.digits(&n.to_string());
    match lang {
        Lang::En => format!(
            "{}, {}, {}: {} rated by two coders or more",
            crate::lang::count(a.coders.len() as u64, "coder", "coders"),
            crate::lang::count(a.interviewees.len() as u64, "interviewee", "interviewees"),
            crate::lang::count(a.themes.len() as u64, "base theme", "base themes"),
            crate::lang::count(a.overall.cells, "cell", "cells")
        ),
        Lang::Fa => format!(
            "{} کدگذار، {} مصاحبه‌شونده، {} مضمون پایه: {} خانه را دست‌کم دو کدگذار داوری کرده‌اند",
            d(a.coders.len()),
            d(a.interviewees.len()),
            d(a.themes.len()),
            d(a.overall.cells as usize)
        ),
    }
}

fn method(a: &Agreement, lang: Lang) -> String {
    match (a.settings.bootstrap, lang) {
        (0, Lang::En) => "No intervals (--bootstrap 0).".into(),
        (0, Lang::Fa) => "بی بازهٔ اطمینان (‎--bootstrap 0‎).".into(),
        (n, Lang::En) => format!(
            "Intervals: 95% percentile bootstrap, {n} replicates resampling interviewees (seed {}). \
             Verdict on α (Krippendorff): 0.800 or more reliable, 0.667 to 0.800 tentative, below: not reliable. \
             — : undefined (every rating in one category, so chance agreement is 1; or no cell rated twice).",
            a.settings.seed
        ),
        (n, Lang::Fa) => format!(
            "بازه‌ها: بوت‌استرپ صدکی ۹۵٪ با {} بازنمونه‌گیری از مصاحبه‌شوندگان (بذر {}). \
             داوری بر پایهٔ آلفای کریپندورف: ۰٫۸۰۰ و بیشتر پایا، از ۰٫۶۶۷ تا ۰٫۸۰۰ موقت، کمتر از آن ناپایا. \
             — : تعریف‌نشده (همهٔ داوری‌ها در یک دسته‌اند و توافق تصادفی ۱ است، یا هیچ خانه‌ای دو بار داوری نشده است).",
            lang.digits(&n.to_string()),
            lang.digits(&a.settings.seed.to_string())
        ),
    }
}

/// For the terminal, in the output's language.
pub fn text(a: &Agreement, lang: Lang) -> String {
    let w = |en, fa| pick(lang, en, fa);
    let d = |n: usize| lang.digits(&n.to_string());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: {}",
        w("Intercoder agreement", "توافق میان کدگذاران"),
        headline(a, lang)
    );
    for (c, name) in a.coders.iter().enumerate() {
        let _ = writeln!(out, "  {}: {}", coder(c, lang), lang.isolate(name));
    }
    let mismatches = unmatched(a, lang);
    if !mismatches.is_empty() {
        let _ = writeln!(
            out,
            "\n{} ({}):",
            w("Not matched", "تطبیق‌نیافته"),
            d(mismatches.len())
        );
        for m in &mismatches {
            let _ = writeln!(out, "  - {m}");
        }
    }
    let _ = writeln!(out, "\n{}:", w("Overall", "جمع کل"));
    for &c in &shown(a) {
        let _ = writeln!(
            out,
            "  {:<20} {}",
            coefficient_name(c, lang),
            estimate_text(c, a.overall.get(c), lang)
        );
    }
    if let Some(b) = band(&a.overall) {
        let _ = writeln!(
            out,
            "  {}: {}",
            w("verdict on α", "داوری بر پایهٔ α"),
            b.name(lang)
        );
    }
    // One line a scope: the figures in fixed columns, the label last (Persian labels would
    // break the alignment of anything after them).
    let columns = shown(a);
    let mut head = format!("  {:>7}", w("cells", "خانه‌ها"));
    for &c in &columns {
        let name = match c {
            Coefficient::Percent => w("agree", "توافق"),
            Coefficient::Cohen => w("Cohen κ", "κ کوهن"),
            Coefficient::Fleiss => w("Fleiss κ", "κ فلایس"),
            Coefficient::Alpha => w("α [95% interval]", "α [بازهٔ ۹۵٪]"),
            Coefficient::Ac1 => "AC1",
            Coefficient::BrennanPrediger => w("BP κ", "κ برنان"),
        };
        let _ = write!(head, "  {name:<width$}", width = width(c));
    }
    let _ = write!(head, "  {:<12}  ", w("verdict on α", "داوری α"));
    let table = |out: &mut String, title: &str, rows: &[(String, &Scope)]| {
        let _ = writeln!(out, "\n{title}:\n{}", head.trim_end());
        for (name, scope) in rows {
            let mut line = format!("  {:>7}", d(scope.cells as usize));
            for &c in &columns {
                let e = scope.get(c);
                let cell = match (c, e.value) {
                    (_, Err(_)) => "—".to_string(),
                    (Coefficient::Alpha, Ok(_)) => estimate_text(c, e, lang),
                    (_, Ok(v)) => number(c, v, lang),
                };
                let _ = write!(line, "  {cell:<width$}", width = width(c));
            }
            let verdict = band(scope).map_or("—", |b| b.name(lang));
            let _ = writeln!(out, "{line}  {verdict:<12}  {name}");
        }
    };
    let all = rows(a, lang);
    let pick_level = |level: &str| -> Vec<(String, &Scope)> {
        all.iter()
            .filter(|r| r.0 == level)
            .map(|r| {
                let name = match level {
                    "dimension" => lang.isolate(&r.1),
                    "component" => format!("{} ({})", lang.isolate(&r.2), lang.isolate(&r.1)),
                    _ => format!(
                        "{} ({} · {})",
                        lang.isolate(&r.3),
                        lang.isolate(&r.2),
                        lang.isolate(&r.1)
                    ),
                };
                (name, r.4)
            })
            .collect()
    };
    table(
        &mut out,
        w("By dimension", "به تفکیک بُعد"),
        &pick_level("dimension"),
    );
    table(
        &mut out,
        w("By component", "به تفکیک مؤلفه"),
        &pick_level("component"),
    );
    table(
        &mut out,
        w("By base theme", "به تفکیک مضمون پایه"),
        &pick_level("base_theme"),
    );
    let _ = writeln!(
        out,
        "\n{}: {}",
        w(
            "Cells the coders disagree on",
            "خانه‌هایی که کدگذاران بر سرشان هم‌نظر نیستند"
        ),
        d(a.disagreements.len())
    );
    const SHOWN: usize = 100;
    for dis in a.disagreements.iter().take(SHOWN) {
        let theme = lang.quote(&label(&a.themes[dis.theme].label, lang));
        let (raised, not) = (
            coder_names(&dis.raised_by, lang),
            coder_names(&dis.not_raised_by, lang),
        );
        let _ = writeln!(
            out,
            "  {}",
            match lang {
                Lang::En => format!(
                    "interviewee {} · {theme}: raised by {raised}; not by {not}",
                    lang.id(dis.interviewee)
                ),
                Lang::Fa => format!(
                    "مصاحبه‌شوندهٔ {} · {theme}: {raised} آن را ثبت {} و {not} نه",
                    lang.id(dis.interviewee),
                    if dis.raised_by.len() == 1 {
                        "کرده است"
                    } else {
                        "کرده‌اند"
                    }
                ),
            }
        );
    }
    if a.disagreements.len() > SHOWN {
        let more = a.disagreements.len() - SHOWN;
        let _ = writeln!(
            out,
            "  {}",
            match lang {
                Lang::En =>
                    format!("… and {more} more (all of them: --format csv or json, or --out)"),
                Lang::Fa => format!(
                    "… و {} خانهٔ دیگر (همه در ‎--format csv‎ یا ‎json‎، یا با ‎--out‎)",
                    d(more)
                ),
            }
        );
    }
    let _ = writeln!(out, "\n{}", method(a, lang));
    out
}

fn md_escape(cell: &str) -> String {
    cell.replace('|', "\\|").replace('\n', " ")
}

/// Markdown: the same as the text, as tables, in the output's language.
pub fn markdown(a: &Agreement, lang: Lang) -> String {
    let w = |en, fa| pick(lang, en, fa);
    let d = |n: usize| lang.digits(&n.to_string());
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# {}\n\n{}.\n",
        w("Intercoder agreement", "توافق میان کدگذاران"),
        headline(a, lang)
    );
    for (c, name) in a.coders.iter().enumerate() {
        let _ = writeln!(out, "- {}: `{}`", coder(c, lang), name);
    }
    let mismatches = unmatched(a, lang);
    if !mismatches.is_empty() {
        let _ = writeln!(out, "\n## {}\n", w("Not matched", "تطبیق‌نیافته"));
        for m in &mismatches {
            let _ = writeln!(out, "- {}", md_escape(m));
        }
    }
    let columns = shown(a);
    let mut header = format!(
        "| {} | {} | {} | {} | {} |",
        w("level", "سطح"),
        w("dimension", "بُعد"),
        w("component", "مؤلفه"),
        w("base theme", "مضمون پایه"),
        w("cells", "خانه‌ها")
    );
    for &c in &columns {
        let _ = write!(header, " {} |", coefficient_name(c, lang));
    }
    let _ = write!(header, " {} |\n|", w("verdict on α", "داوری بر پایهٔ α"));
    for _ in 0..columns.len() + 6 {
        header.push_str("---|");
    }
    let _ = writeln!(out, "\n## {}\n\n{header}", w("Agreement", "توافق"));
    for (level, dim, k, t, scope) in rows(a, lang) {
        let level = match level {
            "overall" => w("overall", "جمع کل"),
            "dimension" => w("dimension", "بُعد"),
            "component" => w("component", "مؤلفه"),
            _ => w("base theme", "مضمون پایه"),
        };
        let mut line = format!(
            "| {} | {} | {} | {} | {} |",
            level,
            md_escape(&dim),
            md_escape(&k),
            md_escape(&t),
            d(scope.cells as usize)
        );
        for &c in &columns {
            let _ = write!(line, " {} |", estimate_text(c, scope.get(c), lang));
        }
        let _ = write!(line, " {} |", band(scope).map_or("—", |b| b.name(lang)));
        let _ = writeln!(out, "{line}");
    }
    let _ = writeln!(
        out,
        "\n## {}\n\n{}.\n",
        w("Disagreements", "ناهم‌نظری‌ها"),
        match lang {
            Lang::En => crate::lang::count(a.disagreements.len() as u64, "cell", "cells"),
            Lang::Fa => format!("{} خانه", d(a.disagreements.len())),
        }
    );
    if !a.disagreements.is_empty() {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |\n|---|---|---|---|",
            w("base theme", "مضمون پایه"),
            w("interviewee", "مصاحبه‌شونده"),
            w("raised by", "ثبت‌شده به دست"),
            w("not raised by", "ثبت‌نشده به دست")
        );
        for dis in &a.disagreements {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                md_escape(&label(&a.themes[dis.theme].label, lang)),
                lang.id(dis.interviewee),
                coder_names(&dis.raised_by, lang),
                coder_names(&dis.not_raised_by, lang)
            );
        }
    }
    let _ = writeln!(out, "\n{}", method(a, lang));
    out
}

fn estimate_json(e: &Estimate) -> Value {
    match e.value {
        Ok(v) => json!({
            "value": v,
            "low": e.interval.map(|i| i.0),
            "high": e.interval.map(|i| i.1),
            "replicates": e.replicates,
        }),
        Err(u) => json!({
            "value": Value::Null,
            "undefined": undefined_key(u),
            "low": e.interval.map(|i| i.0),
            "high": e.interval.map(|i| i.1),
            "replicates": e.replicates,
        }),
    }
}

fn scope_json(scope: &Scope) -> serde_json::Map<String, Value> {
    let mut m = serde_json::Map::new();
    m.insert("cells".into(), json!(scope.cells));
    m.insert("raised".into(), json!(scope.raised));
    for (c, e) in COEFFICIENTS.iter().zip(&scope.estimates) {
        m.insert(c.key().into(), estimate_json(e));
    }
    m.insert(
        "verdict".into(),
        band(scope).map_or(Value::Null, |b| json!(b.key())),
    );
    m
}

/// The coders (numbered from 1) whose flag is set.
fn numbered(flags: &[bool]) -> Vec<usize> {
    (0..flags.len())
        .filter(|&c| flags[c])
        .map(|c| c + 1)
        .collect()
}

/// JSON: the keys are documented in docs/agreement.md.
pub fn json(a: &Agreement, lang: Lang) -> Vec<u8> {
    // Dimensions, components and base themes: the rows every format shows, as objects.
    let mut levels: [Vec<Value>; 3] = Default::default();
    let mut coded_by = a.themes.iter().map(|t| numbered(&t.coded_by));
    for (level, dimension, component, base_theme, scope) in rows(a, lang).into_iter().skip(1) {
        let mut m = scope_json(scope);
        m.insert("dimension".into(), json!(dimension));
        let slot = match level {
            "dimension" => 0,
            "component" => 1,
            _ => 2,
        };
        if slot >= 1 {
            m.insert("component".into(), json!(component));
        }
        if slot == 2 {
            m.insert("base_theme".into(), json!(base_theme));
            m.insert("coded_by".into(), json!(coded_by.next()));
        }
        levels[slot].push(Value::Object(m));
    }
    let [dimensions, components, themes] = levels;
    let value = json!({
        "coders": a.coders,
        "interviewees": a.interviewees.len(),
        "base_themes": a.themes.len(),
        "bootstrap": {"replicates": a.settings.bootstrap, "seed": a.settings.seed, "confidence": 0.95},
        "unmatched": {
            "base_themes": a.unmatched_themes().map(|(_, t)| json!({
                "component": label(&a.components[t.component].label, lang),
                "base_theme": label(&t.label, lang),
                "coded_by": numbered(&t.coded_by),
            })).collect::<Vec<_>>(),
            "interviewees": a.unmatched_interviewees().map(|(code, on)| json!({
                "interviewee": code,
                "on_roster_of": numbered(on),
            })).collect::<Vec<_>>(),
        },
        "overall": Value::Object(scope_json(&a.overall)),
        "dimensions": dimensions,
        "components": components,
        "base_themes_agreement": themes,
    });
    // The disagreements can run to hundreds of thousands of cells: serialised from borrowed
    // rows, each label made once, not built as a tree of values.
    #[derive(serde::Serialize)]
    struct Cell<'a> {
        base_theme: &'a str,
        component: &'a str,
        interviewee: crate::case_id::CaseId,
        raised_by: Vec<usize>,
        not_raised_by: Vec<usize>,
    }
    #[derive(serde::Serialize)]
    struct Document<'a> {
        #[serde(flatten)]
        figures: Value,
        disagreements: Vec<Cell<'a>>,
    }
    let themes: Vec<String> = a.themes.iter().map(|t| label(&t.label, lang)).collect();
    let components: Vec<String> = a.components.iter().map(|k| label(&k.label, lang)).collect();
    let value = Document {
        figures: value,
        disagreements: a
            .disagreements
            .iter()
            .map(|d| Cell {
                base_theme: &themes[d.theme],
                component: &components[a.themes[d.theme].component],
                interviewee: d.interviewee,
                raised_by: d.raised_by.iter().map(|c| c + 1).collect(),
                not_raised_by: d.not_raised_by.iter().map(|c| c + 1).collect(),
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&value).expect("JSON of plain values");
    bytes.push(b'\n');
    bytes
}

fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new())
}

/// Full precision in CSV and JSON (`{}` prints the shortest text that reads back the same
/// f64), so that scripts and the peer check compare exactly.
fn full(v: Option<f64>) -> String {
    v.map_or(String::new(), |v| format!("{v}"))
}

/// CSV: one row per scope, overall first.
pub fn csv(a: &Agreement, lang: Lang) -> Vec<u8> {
    let mut w = csv_writer();
    let mut header: Vec<String> = ["level", "dimension", "component", "base_theme", "cells"]
        .map(String::from)
        .to_vec();
    for c in 0..a.coders.len() {
        header.push(format!("raised_coder_{}", c + 1));
    }
    for c in COEFFICIENTS {
        header.push(c.key().into());
        header.push(format!("{}_low", c.key()));
        header.push(format!("{}_high", c.key()));
    }
    header.push("verdict".into());
    w.write_record(&header).expect("write to memory");
    for (level, d, k, t, scope) in rows(a, lang) {
        let mut row = vec![level.to_string(), d, k, t, scope.cells.to_string()];
        row.extend(scope.raised.iter().map(u64::to_string));
        for e in &scope.estimates {
            row.push(full(e.value.ok()));
            row.push(full(e.interval.map(|i| i.0)));
            row.push(full(e.interval.map(|i| i.1)));
        }
        row.push(band(scope).map_or(String::new(), |b| b.key().into()));
        w.write_record(&row).expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

/// CSV of the cells the coders disagree on.
pub fn disagreements_csv(a: &Agreement, lang: Lang) -> Vec<u8> {
    let mut w = csv_writer();
    w.write_record([
        "dimension",
        "component",
        "base_theme",
        "interviewee",
        "raised_by",
        "not_raised_by",
    ])
    .expect("write to memory");
    for d in &a.disagreements {
        let t = &a.themes[d.theme];
        let list = |v: &[usize]| {
            v.iter()
                .map(|c| (c + 1).to_string())
                .collect::<Vec<_>>()
                .join(" ")
        };
        w.write_record([
            label(&a.dimensions[t.dimension].label, lang),
            label(&a.components[t.component].label, lang),
            label(&t.label, lang),
            d.interviewee.written().into_owned(),
            list(&d.raised_by),
            list(&d.not_raised_by),
        ])
        .expect("write to memory");
    }
    w.into_inner().expect("flush to memory")
}

//! A REFI-QDA project or codebook turned into the files of a codebook directory, so that
//! nothing downstream knows where the data came from (`thematic run --codebook DIR`).
//!
//! Who raised each base theme: a case's `CodeRef`s, plus every coding inside the sources and
//! selections the case refers to (`SourceRef`, `SelectionRef`); with no `Cases`, each source is
//! one interviewee. The interviewee's code is their `code` variable, else the one number in
//! every case's name, else their position. The texts of an interviewee's selections become
//! their findings (Table 1's evidence), each coded selection a line of the findings map and of
//! `segments.csv`. A source no case refers to, named like a case (or with its `code`), is read
//! as that case's evidence but not counted: the project's cases say who raised what.
//!
//! Not for reading XML or archives ([`super::read`], [`super::archive`]) nor for validating
//! the result: the codebook loader does that when the directory is used.
//!
//! This file maps the code tree onto dimensions, components and base themes; `cases` finds the
//! interviewees and what each raised; `files` writes the codebook directory.

mod cases;
mod files;

use cases::variable_key;
use files::shorten;

use super::archive::Archive;
use super::description;
use super::levels::{self, Leaf, Levels};
use super::read::{self, Code, Kind, Project};
use crate::case_id::CaseId;
use crate::codebook::{self, Problem};
use crate::input;
use crate::persian::match_key;
use indexmap::IndexMap;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

/// What the import wrote, and what it has to say about it.
pub struct Imported {
    /// Codebook files: (name in the directory, bytes).
    pub files: Vec<(&'static str, Vec<u8>)>,
    /// What was read, how it was mapped, and what was left out: one line each.
    pub report: Vec<String>,
    /// Base themes written: none when the project has no codes at all.
    pub base_themes: usize,
}

/// Import `path` (`.qdpx`, `.qdc`, or a bare `.qde`), with the levels given (default: by the
/// tree's depth).
pub fn import(path: &Path, levels: Option<Levels>) -> Result<Imported, Problem> {
    // The XML and the code tree are walked by recursion, up to `xml::MAX_DEPTH` levels.
    crate::xml::on_reader_stack(|| import_here(path, levels))
}

fn import_here(path: &Path, levels: Option<Levels>) -> Result<Imported, Problem> {
    let display = path.display().to_string();
    let mut head = [0u8; 4];
    // Nothing is opened before the path is known to be a regular file (a pipe would hang).
    input::check(path).map_err(|refusal| super::archive::refused(&display, refusal))?;
    let is_zip = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("qdpx"))
        || input::open(path, input::PROJECT_ARCHIVE)
            .ok()
            .and_then(|(mut f, _)| std::io::Read::read(&mut f, &mut head).ok())
            .is_some_and(|n| n >= 2 && head.starts_with(b"PK"));
    let (kind, project, mut archive, xml_display) = if is_zip {
        let mut archive = Archive::open(path)?;
        let xml = archive.project_xml()?;
        let xml_display = archive.display(archive.project_name());
        let (kind, project) = read::parse(&xml_display, &xml)?;
        (kind, project, Some(archive), xml_display)
    } else {
        let bytes = input::read(path, input::PROJECT_XML)
            .map_err(|refusal| super::archive::refused(&display, refusal))?;
        let (kind, project) = read::parse(&display, &bytes)?;
        (kind, project, None, display.clone())
    };
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut importer = Importer::new(&project, kind, &xml_display, levels, &stem)?;
    importer.interviewees(archive.as_mut())?;
    importer.finish(archive.as_mut(), &display)
}

/// The scheme being built: dimensions → components → base themes by match key.
#[derive(Default)]
struct Group<'a> {
    label: String,
    code: Option<&'a Code>,
    children: IndexMap<String, Group<'a>>,
    /// For a base theme: the leaf codes merged into it.
    leaves: Vec<&'a Code>,
}

impl<'a> Group<'a> {
    fn child(&mut self, label: &str, code: Option<&'a Code>) -> &mut Group<'a> {
        let entry = self
            .children
            .entry(match_key(label))
            .or_insert_with(|| Group {
                label: label.to_string(),
                code,
                ..Group::default()
            });
        if entry.code.is_none() {
            entry.code = code;
        }
        entry
    }
}

/// One interviewee: a case, or a source when the project has no cases.
struct Unit {
    code: CaseId,
    name: String,
    values: Vec<(String, String)>,
}

struct Importer<'a> {
    project: &'a Project,
    kind: Kind,
    display: String,
    root: Group<'a>,
    /// Leaf GUID → (dimension, component, base theme) indices.
    place: HashMap<String, (usize, usize, usize)>,
    /// GUIDs of codes that have sub-codes.
    parents: HashSet<String>,
    units: Vec<Unit>,
    /// Per base theme (by indices): who raised it.
    raised: BTreeMap<(usize, usize, usize), BTreeSet<CaseId>>,
    /// Per unit index: the findings, in source order.
    findings: Vec<Vec<String>>,
    links: IndexMap<(String, (usize, usize, usize)), String>,
    segments: Vec<[String; 8]>,
    report: Vec<String>,
    /// Whether a unit's findings came from a selection whose coding also counted as the unit
    /// raising the theme: then the roster's findings are no second record.
    findings_derived: bool,
    /// Codings that name a code with sub-codes, or no code of the codebook.
    on_parents: usize,
    unknown_codes: usize,
}

/// Whitespace runs as one space: a finding is one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl<'a> Importer<'a> {
    fn new(
        project: &'a Project,
        kind: Kind,
        display: &str,
        levels: Option<Levels>,
        stem: &str,
    ) -> Result<Importer<'a>, Problem> {
        let depth = levels::depth(&project.codes);
        let levels = match levels {
            Some(l) if l.component > depth.saturating_sub(1) && l.component != 0 => {
                return Err(Problem::file(
                    display,
                    format!("--levels {},{}: the code tree is only {depth} level(s) deep, and base themes are the leaves below the component level", l.dimension, l.component),
                    format!("choose levels above {depth}, e.g. --levels {}", if depth >= 3 { "1,2" } else { "0,1" }),
                ))
            }
            Some(l) => l,
            None => Levels::default_for(depth),
        };
        let mut report = vec![format!(
            "{} {}: {} codes, {depth} level(s) deep",
            if kind == Kind::Project {
                "project"
            } else {
                "codebook"
            },
            if project.origin.is_empty() {
                String::new()
            } else {
                format!("from {}", project.origin)
            },
            count_codes(&project.codes),
        )];
        let name = |level: usize, what: &str| match level {
            0 => format!(
                "{what}: {}",
                if what == "dimensions" {
                    "one, named after the project"
                } else {
                    "one per dimension, named after it"
                }
            ),
            n => format!("{what}: tree level {n}"),
        };
        report.push(format!(
            "levels (--levels {},{}): {}; {}; base themes: the leaves",
            levels.dimension,
            levels.component,
            name(levels.dimension, "dimensions"),
            name(levels.component, "components")
        ));
        let top = if project.name.is_empty() {
            stem.to_string()
        } else {
            project.name.clone()
        };
        let top = if top.trim().is_empty() {
            "codes".to_string()
        } else {
            top
        };
        let mut root = Group::default();
        let mut place = HashMap::new();
        let mut merged = 0;
        for Leaf {
            dimension,
            component,
            label,
            code,
        } in levels::leaves(&project.codes, levels)
        {
            let d_label = dimension
                .map_or(top.as_str(), |c| c.name.as_str())
                .to_string();
            let (di, dim) = {
                let entry = root.children.entry(match_key(&d_label));
                let di = entry.index();
                let dim = entry.or_insert_with(|| Group {
                    label: d_label.clone(),
                    code: dimension,
                    ..Group::default()
                });
                (di, dim)
            };
            let c_label = component
                .map_or(d_label.as_str(), |c| c.name.as_str())
                .to_string();
            let ci = dim
                .children
                .get_index_of(&match_key(&c_label))
                .unwrap_or(dim.children.len());
            let comp = dim.child(&c_label, component);
            let bi = comp
                .children
                .get_index_of(&match_key(&label))
                .unwrap_or(comp.children.len());
            let theme = comp.child(&label, None);
            if !theme.leaves.is_empty() {
                merged += 1;
            }
            theme.leaves.push(code);
            place.insert(code.guid.clone(), (di, ci, bi));
        }
        if merged > 0 {
            report.push(format!("{merged} code(s) share a name with another at the same place: merged into one base theme each"));
        }
        let mut parents = HashSet::new();
        fn walk(codes: &[Code], parents: &mut HashSet<String>) {
            for c in codes {
                if !c.children.is_empty() {
                    parents.insert(c.guid.clone());
                    walk(&c.children, parents);
                }
            }
        }
        walk(&project.codes, &mut parents);
        Ok(Importer {
            project,
            kind,
            display: display.to_string(),
            root,
            place,
            parents,
            units: Vec::new(),
            raised: BTreeMap::new(),
            findings: Vec::new(),
            links: IndexMap::new(),
            segments: Vec::new(),
            report,
            findings_derived: false,
            on_parents: 0,
            unknown_codes: 0,
        })
    }

    fn labels(&self, (d, c, b): (usize, usize, usize)) -> (String, String, String) {
        let dim = &self.root.children[d];
        let comp = &dim.children[c];
        (
            dim.label.clone(),
            comp.label.clone(),
            comp.children[b].label.clone(),
        )
    }
}

fn count_codes(codes: &[Code]) -> usize {
    codes.iter().map(|c| 1 + count_codes(&c.children)).sum()
}

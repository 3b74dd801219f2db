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

use super::archive::Archive;
use super::description;
use super::levels::{self, Leaf, Levels};
use super::read::{self, Code, Kind, Project};
use crate::case_id::CaseId;
use crate::codebook::{self, Problem};
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
    let display = path.display().to_string();
    let mut head = [0u8; 4];
    let is_zip = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("qdpx"))
        || std::fs::File::open(path)
            .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
            .is_ok_and(|n| n >= 2 && head.starts_with(b"PK"));
    let (kind, project, mut archive, xml_display) = if is_zip {
        let mut archive = Archive::open(path)?;
        let xml = archive.project_xml()?;
        let xml_display = archive.display(archive.project_name());
        let (kind, project) = read::parse(&xml_display, &xml)?;
        (kind, project, Some(archive), xml_display)
    } else {
        let bytes = std::fs::read(path).map_err(|e| {
            Problem::file(
                &display,
                format!("cannot read the file: {e}"),
                "check the path",
            )
        })?;
        if bytes.len() as u64 > super::archive::MAX_PROJECT_XML {
            return Err(Problem::file(
                &display,
                "the file is larger than 512 MiB",
                "refused for safety",
            ));
        }
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

    fn variable<'v>(&self, values: &'v [(String, String)], name: &str) -> Option<&'v str> {
        values.iter().find_map(|(guid, value)| {
            let var = self.project.variables.get(guid)?;
            (variable_key(var) == name).then_some(value.as_str())
        })
    }

    /// Codes for `units` (name, values): the `code` variable, else each name when every name
    /// is a code (`P01`, `T3`, `7`), else the one number in every name (`Interview 3`), else
    /// the position; always unique.
    fn number(&mut self, named: &[(String, Vec<(String, String)>)]) -> Vec<CaseId> {
        let by_variable: Option<Vec<CaseId>> = named
            .iter()
            .map(|(_, values)| {
                self.variable(values, "code")
                    .and_then(|v| CaseId::parse(v).ok())
            })
            .collect();
        // A file name's extension is not part of the code (`P01.txt`).
        let as_code = |name: &str| {
            let stem = match name.rsplit_once('.') {
                Some((stem, ext))
                    if !stem.is_empty()
                        && ext.chars().all(|c| c.is_ascii_alphanumeric())
                        && ext.chars().any(|c| c.is_ascii_alphabetic()) =>
                {
                    stem
                }
                _ => name,
            };
            CaseId::parse(stem).ok()
        };
        let by_whole_name: Option<Vec<CaseId>> =
            named.iter().map(|(name, _)| as_code(name)).collect();
        let by_name: Option<Vec<CaseId>> = named
            .iter()
            .map(|(name, _)| {
                let ascii: String = name
                    .chars()
                    .map(|c| {
                        crate::persian::digit(c).map_or(c, |(d, _)| char::from(b'0' + d as u8))
                    })
                    .collect();
                let numbers: Vec<&str> = ascii
                    .split(|c: char| !c.is_ascii_digit())
                    .filter(|s| !s.is_empty())
                    .collect();
                match numbers.as_slice() {
                    [one] => one
                        .parse::<u32>()
                        .ok()
                        .filter(|&n| n > 0 && u64::from(n) <= crate::persian::MAX_NUMBER)
                        .map(CaseId::number),
                    _ => None,
                }
            })
            .collect();
        let unique =
            |codes: &Vec<CaseId>| codes.iter().collect::<HashSet<_>>().len() == codes.len();
        let what = if self.project.cases.as_ref().is_some_and(|c| !c.is_empty()) {
            "cases"
        } else {
            "sources"
        };
        if named.is_empty() {
            Vec::new()
        } else if let Some(codes) = by_variable.filter(unique) {
            self.report
                .push(format!("interviewee codes: the {what}' `code` variable"));
            codes
        } else if let Some(codes) = by_whole_name.filter(unique) {
            self.report
                .push(format!("interviewee codes: the {what}' names"));
            codes
        } else if let Some(codes) = by_name.filter(unique) {
            self.report.push(format!(
                "interviewee codes: the number in each of the {what}' names"
            ));
            codes
        } else {
            self.report.push(format!("interviewee codes: the {what}' order (1, 2, …): no `code` variable or one number in every name"));
            (1..=named.len() as u32).map(CaseId::number).collect()
        }
    }

    fn count(&mut self, who: CaseId, code: &str) {
        match self.place.get(code) {
            Some(&at) => {
                self.raised.entry(at).or_default().insert(who);
            }
            None if self.parents.contains(code) => self.on_parents += 1,
            None => self.unknown_codes += 1,
        }
    }

    fn interviewees(&mut self, mut archive: Option<&mut Archive>) -> Result<(), Problem> {
        let project = self.project;
        let cases: &[read::Case] = project.cases.as_deref().unwrap_or(&[]);
        let by_case = !cases.is_empty();
        let named: Vec<(String, Vec<(String, String)>)> = if by_case {
            cases
                .iter()
                .map(|c| (c.name.clone(), c.values.clone()))
                .collect()
        } else {
            project
                .sources
                .iter()
                .map(|s| (s.name.clone(), s.values.clone()))
                .collect()
        };
        let codes = self.number(&named);
        self.units = named
            .into_iter()
            .zip(&codes)
            .map(|((name, values), &code)| Unit { code, name, values })
            .collect();
        self.findings = vec![Vec::new(); self.units.len()];
        if self.kind == Kind::Project {
            self.report.push(if by_case {
                format!("interviewees: {} case(s)", cases.len())
            } else {
                format!(
                    "interviewees: {} source(s), one each (the project has no cases)",
                    project.sources.len()
                )
            });
        }
        // Per source: the units it belongs to, and whether its codings count for them.
        let mut owners: Vec<Vec<(usize, bool)>> = vec![Vec::new(); project.sources.len()];
        let mut selection_owner: HashMap<&str, Vec<usize>> = HashMap::new();
        if by_case {
            let index: HashMap<&str, usize> = project
                .sources
                .iter()
                .enumerate()
                .map(|(i, s)| (s.guid.as_str(), i))
                .collect();
            for (u, case) in cases.iter().enumerate() {
                for code in &case.code_refs {
                    self.count(self.units[u].code, code);
                }
                for source in &case.source_refs {
                    if let Some(&i) = index.get(source.as_str()) {
                        owners[i].push((u, true));
                    }
                }
                for selection in &case.selection_refs {
                    selection_owner
                        .entry(selection.as_str())
                        .or_default()
                        .push(u);
                }
            }
            let by_name: HashMap<String, usize> = self
                .units
                .iter()
                .enumerate()
                .map(|(u, unit)| (match_key(&unit.name), u))
                .collect();
            let by_code: HashMap<CaseId, usize> = self
                .units
                .iter()
                .enumerate()
                .map(|(u, unit)| (unit.code, u))
                .collect();
            let mut evidence_only = 0;
            let mut nobody = 0;
            for (i, source) in project.sources.iter().enumerate() {
                if !owners[i].is_empty() {
                    continue;
                }
                let code = self
                    .variable(&source.values, "code")
                    .and_then(|v| CaseId::parse(v).ok());
                let owner = code
                    .and_then(|c| by_code.get(&c))
                    .or_else(|| by_name.get(&match_key(&source.name)));
                match owner {
                    Some(&u) => {
                        owners[i].push((u, false));
                        evidence_only += 1;
                    }
                    None => {
                        nobody += usize::from(
                            source.selections.iter().any(|s| !s.codes.is_empty())
                                || !source.codes.is_empty(),
                        )
                    }
                }
            }
            if evidence_only > 0 {
                self.report.push(format!("{evidence_only} source(s) belong to no case but carry a case's name or `code` variable: read as that case's findings (Table 1's evidence) and segments; their codings are not counted as the case raising a theme, which the case's own codes and sources say (to count them, add each source to its case in your QDA tool)"));
            }
            if nobody > 0 {
                self.report.push(format!("{nobody} coded source(s) belong to no case: their segments are kept without an interviewee, their codings not counted"));
            }
        } else {
            for (i, owner) in owners.iter_mut().enumerate() {
                owner.push((i, true));
            }
        }
        let mut unread = Vec::new();
        for (i, source) in project.sources.iter().enumerate() {
            for (u, counted) in owners[i].clone() {
                if counted {
                    for code in source.codes.iter().chain(&source.other_codes) {
                        self.count(self.units[u].code, code);
                    }
                }
            }
            if source.selections.is_empty() {
                continue;
            }
            let text = match (
                &source.inline_text,
                &source.text_path,
                archive.as_deref_mut(),
            ) {
                (Some(text), _, _) => Some(text.clone()),
                (None, Some(path), Some(archive)) => match path.strip_prefix("internal://") {
                    Some(name) => archive.source_text(name)?,
                    None => None,
                },
                _ => None,
            };
            if text.is_none() {
                unread.push(if source.name.is_empty() {
                    source.guid.clone()
                } else {
                    source.name.clone()
                });
            }
            // Character offsets → byte offsets, once per source.
            let text = text.unwrap_or_default();
            let bytes: Vec<usize> = text
                .char_indices()
                .map(|(b, _)| b)
                .chain([text.len()])
                .collect();
            let slice = |start: u64, end: u64| -> String {
                let at = |c: u64| bytes[(c as usize).min(bytes.len() - 1)];
                text[at(start)..at(end.max(start))].to_string()
            };
            // Two selections of one range (one per code, as some tools write them) are one
            // finding: selections are sorted, so the unit's last range is enough to tell.
            let mut last_range: Vec<Option<(usize, u64, u64)>> = vec![None; self.units.len()];
            let mut selections: Vec<&read::Selection> = source.selections.iter().collect();
            selections.sort_by_key(|s| (s.start, s.end));
            for selection in selections {
                let exact = slice(selection.start, selection.end);
                let phrase = one_line(&exact);
                let mut who: Vec<(usize, bool)> = owners[i].clone();
                for &u in selection_owner
                    .get(selection.guid.as_str())
                    .map_or(&[][..], Vec::as_slice)
                {
                    who.push((u, true));
                }
                // A unit reached twice (it owns the source and the selection) reads the phrase
                // once; the same phrase selected again elsewhere in the text is a second finding,
                // as Table 1 prints some phrases twice.
                let mut read_by: Vec<usize> = Vec::new();
                for &(u, counted) in &who {
                    if !phrase.is_empty()
                        && !read_by.contains(&u)
                        && last_range[u] != Some((i, selection.start, selection.end))
                    {
                        self.findings[u].push(phrase.clone());
                        self.findings_derived |= counted && !selection.codes.is_empty();
                    }
                    read_by.push(u);
                    last_range[u] = Some((i, selection.start, selection.end));
                    if counted {
                        for code in &selection.codes {
                            self.count(self.units[u].code, code);
                        }
                    }
                }
                for code in &selection.codes {
                    let Some(&at) = self.place.get(code) else {
                        continue;
                    };
                    if !phrase.is_empty() {
                        let note = one_line(&selection.description);
                        self.links.entry((phrase.clone(), at)).or_insert(note);
                    }
                    let interviewee = who.first().map_or(String::new(), |&(u, _)| {
                        self.units[u].code.written().into_owned()
                    });
                    self.segments.push([
                        if source.name.is_empty() {
                            source.guid.clone()
                        } else {
                            source.name.clone()
                        },
                        interviewee,
                        selection.start.to_string(),
                        selection.end.to_string(),
                        exact.clone(),
                        String::new(),
                        String::new(),
                        String::new(),
                    ]);
                    let n = self.segments.len() - 1;
                    let (d, c, b) = self.labels(at);
                    self.segments[n][5] = d;
                    self.segments[n][6] = c;
                    self.segments[n][7] = b;
                }
            }
        }
        if !unread.is_empty() {
            self.report.push(format!(
                "{} source(s) have selections but no text thematic can read (kept without their text): {}",
                unread.len(),
                shorten(&unread)
            ));
        }
        if self.on_parents > 0 {
            self.report.push(format!("{} coding(s) apply a code that has sub-codes: not counted (base themes are the leaves; move them to a sub-code, or choose --levels)", self.on_parents));
        }
        if self.unknown_codes > 0 {
            self.report.push(format!(
                "{} coding(s) apply a code that is not in the codebook: not counted",
                self.unknown_codes
            ));
        }
        Ok(())
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

    fn finish(
        mut self,
        mut archive: Option<&mut Archive>,
        display: &str,
    ) -> Result<Imported, Problem> {
        let roster: BTreeSet<CaseId> = self.units.iter().map(|u| u.code).collect();
        // A codebook, or a project in which nothing is coded, is a scheme to fill in.
        let scheme_only =
            self.kind == Kind::Codebook || (self.raised.is_empty() && self.units.is_empty());
        let mut dimensions = Csv::new(&[
            "dimension",
            "dimension_en",
            "printed_frequency",
            "printed_percent",
            "note",
            "color",
        ]);
        let mut components = Csv::new(&[
            "dimension",
            "component",
            "component_en",
            "printed_frequency",
            "printed_percent",
            "note",
            "color",
        ]);
        let mut themes = Csv::new(&[
            "dimension",
            "component",
            "base_theme",
            "base_theme_en",
            "source_codes",
            "printed_frequency",
            "printed_percent",
            "note",
            "color",
        ]);
        let fields = |code: Option<&Code>| {
            code.map(|c| description::read(&c.description))
                .unwrap_or_default()
        };
        let color = |code: Option<&Code>| {
            code.and_then(|c| c.color)
                .map_or(String::new(), |c| c.to_string())
        };
        let (mut written, mut unraised, mut disagree) = (0, Vec::new(), Vec::new());
        for (di, dim) in self.root.children.values().enumerate() {
            let f = fields(dim.code);
            dimensions.row(&[
                &dim.label,
                &f.english,
                &f.printed_frequency,
                &f.printed_percent,
                &f.note,
                &color(dim.code),
            ]);
            for (ci, comp) in dim.children.values().enumerate() {
                let f = fields(comp.code);
                components.row(&[
                    &dim.label,
                    &comp.label,
                    &f.english,
                    &f.printed_frequency,
                    &f.printed_percent,
                    &f.note,
                    &color(comp.code),
                ]);
                for (bi, theme) in comp.children.values().enumerate() {
                    let leaf = theme.leaves.first().copied();
                    let f = fields(leaf);
                    let raised = self.raised.get(&(di, ci, bi)).cloned().unwrap_or_default();
                    // Source codes a description prints (thematic's own export writes them).
                    let printed = (!f.source_codes.trim().is_empty())
                        .then(|| codebook::source_codes::parse_source_codes(&f.source_codes).ok())
                        .flatten()
                        .map(|codes| {
                            codebook::source_codes::split_joined(&codes, |c| roster.contains(&c))
                                .unwrap_or(codes)
                        });
                    // A scheme has no cases to check printed lists against: its lists stay
                    // empty for the researcher to fill in from the coding.
                    let agrees = !scheme_only
                        && printed.as_ref().is_some_and(|p| {
                            p.iter()
                                .filter(|c| roster.contains(c))
                                .copied()
                                .collect::<BTreeSet<CaseId>>()
                                == raised
                        });
                    let source_codes = if agrees {
                        f.source_codes.clone()
                    } else {
                        if printed.is_some() && !scheme_only {
                            disagree.push(theme.label.clone());
                        }
                        let raised: Vec<CaseId> = raised.iter().copied().collect();
                        codebook::source_codes::format_source_codes(&raised)
                    };
                    // Nobody raised it (yet): a row with empty source codes, as in a scheme.
                    if source_codes.is_empty() && !scheme_only {
                        unraised.push(theme.label.clone());
                    }
                    written += 1;
                    themes.row(&[
                        &dim.label,
                        &comp.label,
                        &theme.label,
                        &f.english,
                        &source_codes,
                        &f.printed_frequency,
                        &f.printed_percent,
                        &f.note,
                        &color(leaf),
                    ]);
                }
            }
        }

        let count = |g: &Group| g.children.len();
        self.report.push(format!(
            "wrote {} dimension(s), {} component(s), {written} base theme(s), {} interviewee(s), {} segment(s)",
            count(&self.root),
            self.root.children.values().map(count).sum::<usize>(),
            self.units.len(),
            self.segments.len()
        ));
        if !unraised.is_empty() {
            self.report.push(format!("{} base theme(s) no interviewee raised, written with empty source codes (each counts 0): {}", unraised.len(), shorten(&unraised)));
        }
        if !disagree.is_empty() {
            self.report.push(format!("{} base theme(s) have source codes as printed in their description that the coding does not bear out; the coding's are written: {}", disagree.len(), shorten(&disagree)));
        }
        if scheme_only {
            self.report.push("no coding to read: a scheme to code with. Every base theme has empty source codes and counts 0 until the coding is filled in (interviewees.csv and the source_codes of base_themes.csv)".into());
        }
        let mut interviewees = Csv::new(&[
            "code",
            "name",
            "role",
            "name_en",
            "role_en",
            "year",
            "topics",
            "topics_en",
            "findings",
        ]);
        let mut used_variables = BTreeSet::new();
        const ROSTER: [&str; 7] = [
            "code",
            "name_en",
            "role",
            "role_en",
            "year",
            "topics",
            "topics_en",
        ];
        for (u, unit) in self.units.iter().enumerate() {
            let get = |name: &str| {
                self.variable(&unit.values, name)
                    .unwrap_or_default()
                    .to_string()
            };
            for (guid, _) in &unit.values {
                if let Some(name) = self.project.variables.get(guid) {
                    used_variables.insert(name.clone());
                }
            }
            let name = if unit.name.is_empty() {
                unit.code.written().into_owned()
            } else {
                unit.name.clone()
            };
            let findings = &self.findings[u];
            // The printed form (`a، b`) unless a finding holds a separator itself: then one a
            // line (a single finding ends with a line break to say so).
            let separators = ['،', ',', '؛', ';'];
            let cell = if findings.iter().any(|f| f.contains(separators)) {
                let mut cell = findings.join("\n");
                if findings.len() == 1 {
                    cell.push('\n');
                }
                cell
            } else {
                findings.join(
                    if findings
                        .iter()
                        .any(|f| f.chars().any(crate::lang::is_arabic_script))
                    {
                        "، "
                    } else {
                        ", "
                    },
                )
            };
            interviewees.row(&[
                &unit.code.written(),
                &name,
                &get("role"),
                &get("name_en"),
                &get("role_en"),
                &get("year"),
                &get("topics"),
                &get("topics_en"),
                &cell,
            ]);
        }
        let unused: Vec<String> = used_variables
            .into_iter()
            .filter(|v| !ROSTER.contains(&variable_key(v).as_str()))
            .collect();
        if !unused.is_empty() {
            self.report.push(format!(
                "variables with no roster column, not carried: {}",
                shorten(&unused)
            ));
        }
        let mut files: Vec<(&'static str, Vec<u8>)> = vec![
            (codebook::DIMENSIONS, dimensions.bytes()),
            (codebook::COMPONENTS, components.bytes()),
            (codebook::BASE_THEMES, themes.bytes()),
            (codebook::INTERVIEWEES, interviewees.bytes()),
        ];
        if !self.links.is_empty() {
            let mut map = Csv::new(&["phrase", "base_theme", "component", "note"]);
            for ((phrase, at), note) in &self.links {
                let (_, c, b) = self.labels(*at);
                map.row(&[phrase, &b, &c, note]);
            }
            files.push((codebook::FINDINGS_MAP, map.bytes()));
        }
        if !self.segments.is_empty() {
            let mut segments = Csv::new(&[
                "source",
                "interviewee",
                "start",
                "end",
                "text",
                "dimension",
                "component",
                "base_theme",
            ]);
            for row in &self.segments {
                segments.row(&row.each_ref().map(String::as_str));
            }
            files.push((codebook::SEGMENTS, segments.bytes()));
        }
        // The files REFI-QDA has no place for, when thematic wrote the archive.
        let mut carried = Vec::new();
        for name in [
            codebook::READINGS,
            codebook::CITATIONS,
            codebook::study::STUDY,
        ] {
            if let Some(bytes) = archive
                .as_deref_mut()
                .map(|a| a.sidecar(name))
                .transpose()?
                .flatten()
            {
                files.push((name, bytes));
                carried.push(name);
            }
        }
        if !carried.is_empty() {
            self.report.push(format!(
                "carried in the archive's {}/ folder: {}",
                super::SIDECAR,
                carried.join(", ")
            ));
        }
        if !carried.contains(&codebook::study::STUDY) {
            let title = if self.project.name.is_empty() {
                None
            } else {
                Some(&self.project.name)
            };
            let mut toml = format!("# Imported by thematic from {display}.\n");
            if let Some(title) = title {
                toml.push_str(&format!("title = {}\n", toml_string(title)));
            }
            if scheme_only {
                toml.push_str("# A scheme only: fill in interviewees.csv and the source_codes of base_themes.csv.\n");
            }
            if self.findings_derived {
                toml.push_str("# The roster's findings are the coded segments, the same codings as the source codes:\n# no second record to compare them with.\nfindings = \"derived\"\n");
            }
            files.push((codebook::study::STUDY, toml.into_bytes()));
        }
        if !self.project.ignored.is_empty() {
            let list: Vec<String> = self
                .project
                .ignored
                .iter()
                .map(|(k, n)| format!("{k} ({n})"))
                .collect();
            self.report.push(format!(
                "elements thematic does not use, ignored: {}",
                list.join(", ")
            ));
        }
        let _ = &self.display;
        Ok(Imported {
            files,
            report: self.report,
            base_themes: written,
        })
    }
}

/// A variable's name as matched to a roster column: `Role`, `name en` and `name-en` alike.
fn variable_key(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

fn count_codes(codes: &[Code]) -> usize {
    codes.iter().map(|c| 1 + count_codes(&c.children)).sum()
}

/// The first few of a list, then how many in all.
fn shorten(items: &[String]) -> String {
    const SHOWN: usize = 8;
    let mut out: Vec<String> = items.iter().take(SHOWN).map(|s| format!("«{s}»")).collect();
    if items.len() > SHOWN {
        out.push(format!("… ({} in all)", items.len()));
    }
    out.join(", ")
}

/// A TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A CSV file in memory.
struct Csv(csv::Writer<Vec<u8>>);

impl Csv {
    fn new(headers: &[&str]) -> Csv {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(headers).expect("writing to memory");
        Csv(writer)
    }

    fn row(&mut self, cells: &[&str]) {
        self.0.write_record(cells).expect("writing to memory");
    }

    fn bytes(self) -> Vec<u8> {
        self.0.into_inner().expect("writing to memory")
    }
}

#[cfg(test)]
mod tests {
    use super::toml_string;

    #[test]
    fn titles_are_escaped_for_toml() {
        assert_eq!(
            toml_string("a \"b\" \\ c\n"),
            "\"a \\\"b\\\" \\\\ c\\u000A\""
        );
        let parsed: toml::Table = format!("t = {}", toml_string("دیپلماسی \"x\"\t"))
            .parse()
            .unwrap();
        assert_eq!(parsed["t"].as_str(), Some("دیپلماسی \"x\"\t"));
    }
}

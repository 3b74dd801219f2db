//! Who the interviewees of an imported project are and what each raised: cases (or sources,
//! with no cases), their codes (the `code` variable, else the number in every name, else
//! their position), their roster columns from variables, and the codings of their sources and
//! selections, with the selections' texts as their findings and segments.
//!
//! Not for the code tree's levels (`mod.rs`) nor for writing the files (`files`).

use super::*;

impl Importer<'_> {
    pub(super) fn variable<'v>(
        &self,
        values: &'v [(String, String)],
        name: &str,
    ) -> Option<&'v str> {
        values.iter().find_map(|(guid, value)| {
            let var = self.project.variables.get(guid)?;
            (variable_key(var) == name).then_some(value.as_str())
        })
    }

    /// Codes for `units` (name, values): the `code` variable, else each name when every name
    /// is a code (`P01`, `T3`, `7`), else the one number in every name (`Interview 3`), else
    /// the position; always unique.
    pub(super) fn number(&mut self, named: &[(String, Vec<(String, String)>)]) -> Vec<CaseId> {
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

    pub(super) fn count(&mut self, who: CaseId, code: &str) {
        match self.place.get(code) {
            Some(&at) => {
                self.raised.entry(at).or_default().insert(who);
            }
            None if self.parents.contains(code) => self.on_parents += 1,
            None => self.unknown_codes += 1,
        }
    }

    pub(super) fn interviewees(
        &mut self,
        mut archive: Option<&mut Archive>,
    ) -> Result<(), Problem> {
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
}

/// A variable's name as matched to a roster column: `Role`, `name en` and `name-en` alike.
pub(super) fn variable_key(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect()
}

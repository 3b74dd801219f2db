//! The optional files that point into the scheme, each row checked against it: the findings
//! map (a phrase to a base theme), segments (evidence of a coding), readings (an uncertain
//! cell and its alternative), citations (the reference list against the roster).
//!
//! Not for the scheme itself (`mod.rs`) nor the roster (`roster`).

use super::*;

impl Builder {
    pub(in crate::codebook) fn findings_map(
        &mut self,
        t: &Table<FindingLinkRow>,
        problems: &mut Problems,
    ) {
        let places = self.theme_places();
        for row in &t.rows {
            let r = &row.value;
            if !non_empty(t, row.line, "phrase", &r.phrase, problems)
                | !non_empty(t, row.line, "base_theme", &r.base_theme, problems)
            {
                continue;
            }
            if let Some(place) = self.place(
                &places,
                t,
                row.line,
                &r.base_theme,
                &r.component,
                &format!("the phrase `{}` maps to", r.phrase),
                problems,
            ) {
                self.findings_map.push(crate::model::FindingLink {
                    phrase: r.phrase.clone(),
                    dimension: place.dimension.clone(),
                    component: place.component.clone(),
                    base_theme: place.base_theme.clone(),
                    note: r.note.clone(),
                    origin: origin(t, row.line),
                });
            }
        }
    }

    /// The one base theme a row of another file refers to by its label (and, optionally, its
    /// component); otherwise a problem that says what is true: the theme is elsewhere, the
    /// component is unknown, the theme is nowhere, or it is in several components. `subject`
    /// starts the message ("the phrase `x` maps to").
    #[allow(clippy::too_many_arguments)]
    fn place<'p, T>(
        &self,
        places: &'p HashMap<String, Vec<Place>>,
        t: &Table<T>,
        line: u64,
        base_theme: &str,
        component: &str,
        subject: &str,
        problems: &mut Problems,
    ) -> Option<&'p Place> {
        let theme_key = match_key(base_theme);
        let component_key = match_key(component);
        let places = places.get(&theme_key).map_or(&[][..], Vec::as_slice);
        let matches: Vec<&Place> = places
            .iter()
            .filter(|p| component.is_empty() || p.component_key == component_key)
            .collect();
        match matches.as_slice() {
            [place] => return Some(place),
            [] => {
                // `places` are where the theme is (empty when it is nowhere).
                let homes = quoted_list(places.iter().map(|p| p.component.as_str()));
                let component_exists = self.component_homes.contains_key(&component_key);
                let (column, message, fix) = match (homes.is_empty(), component_exists) {
                    (true, _) => (
                        "base_theme",
                        format!("{subject} the base theme `{base_theme}`, which is not in {BASE_THEMES}"),
                        format!("write the base theme's label exactly as in {BASE_THEMES}, or add the base theme there"),
                    ),
                    (false, true) => (
                        "component",
                        format!("the base theme `{base_theme}` is not in the component `{component}`: {BASE_THEMES} puts it in {homes}"),
                        format!("write {homes} in the `component` column, or leave it empty"),
                    ),
                    (false, false) => (
                        "component",
                        format!("the component `{component}` is not in {COMPONENTS}; the base theme `{base_theme}` is in {homes}"),
                        format!("write {homes} in the `component` column, or leave it empty"),
                    ),
                };
                problems.push(t.problem(line, column, message, &fix));
            }
            _ => problems.push(t.problem(
                line,
                "base_theme",
                format!("the base theme `{base_theme}` is in more than one component"),
                "say which one in the `component` column",
            )),
        }
        None
    }

    pub(in crate::codebook) fn segments(&mut self, t: &Table<SegmentRow>, problems: &mut Problems) {
        let places = self.theme_places();
        for row in &t.rows {
            let r = &row.value;
            if !non_empty(t, row.line, "source", &r.source, problems)
                | !non_empty(t, row.line, "base_theme", &r.base_theme, problems)
            {
                continue;
            }
            let mut offset = |column: &str, text: &str| match parse_number(text) {
                Ok(n) => Some(n),
                Err(why) => {
                    problems.push(t.problem(
                        row.line,
                        column,
                        format!("the offset `{text}` is not a number: {why}"),
                        "write the position in characters from the start of the source's text, e.g. 120",
                    ));
                    None
                }
            };
            let (start, end) = (offset("start", &r.start), offset("end", &r.end));
            let interviewee = match roster_code(&r.interviewee) {
                Ok(None) => None,
                Ok(Some(code)) if self.interviewees.contains_key(&code) => Some(code),
                Ok(Some(code)) => {
                    problems.push(t.problem(
                        row.line,
                        "interviewee",
                        format!(
                            "the segment belongs to interviewee {}, who is not on the roster",
                            code.written()
                        ),
                        &format!("write a code of {INTERVIEWEES}, or leave the cell empty"),
                    ));
                    continue;
                }
                Err(why) => {
                    problems.push(t.problem(
                        row.line,
                        "interviewee",
                        format!("the interviewee `{}` is not a code: {why}", r.interviewee),
                        &format!("{CODE_FIX}, or leave the cell empty"),
                    ));
                    continue;
                }
            };
            let (Some(start), Some(end)) = (start, end) else {
                continue;
            };
            if end < start {
                problems.push(t.problem(
                    row.line,
                    "end",
                    format!("the segment ends ({end}) before it starts ({start})"),
                    "swap the two offsets",
                ));
                continue;
            }
            let subject = format!("the segment of `{}`", r.source);
            if let Some(place) = self.place(
                &places,
                t,
                row.line,
                &r.base_theme,
                &r.component,
                &format!("{subject} is coded with"),
                problems,
            ) {
                self.segments.push(crate::model::Segment {
                    source: r.source.clone(),
                    interviewee,
                    start,
                    end,
                    text: r.text.clone(),
                    dimension: place.dimension.clone(),
                    component: place.component.clone(),
                    base_theme: place.base_theme.clone(),
                    term: r.term.clone(),
                    negation: r.negation.clone(),
                    origin: origin(t, row.line),
                });
            }
        }
    }

    pub(in crate::codebook) fn readings(&mut self, t: &Table<ReadingRow>, problems: &mut Problems) {
        let places = self.theme_places();
        for row in &t.rows {
            let r = &row.value;
            let filled = [("id", &r.id), ("file", &r.file), ("subject", &r.subject)]
                .map(|(column, value)| non_empty(t, row.line, column, value, problems));
            if filled.contains(&false) {
                continue;
            }
            let spec = [
                &DIMENSIONS_SPEC,
                &COMPONENTS_SPEC,
                &BASE_THEMES_SPEC,
                &INTERVIEWEES_SPEC,
            ]
            .into_iter()
            .find(|s| s.name == r.file);
            let Some(spec) = spec else {
                problems.push(t.problem(
                    row.line,
                    "file",
                    format!("`{}` is not a codebook file a reading can be about", r.file),
                    &format!("write one of {}", FILES.join(", ")),
                ));
                continue;
            };
            if !r.column.is_empty() && !spec.columns.iter().any(|c| c.name == r.column) {
                problems.push(t.problem(
                    row.line,
                    "column",
                    format!("{} has no column `{}`", r.file, r.column),
                    "name a column of that file, or leave the cell empty when the reading is not about one value",
                ));
                continue;
            }
            let key = match_key(&r.subject);
            let found = match r.file.as_str() {
                DIMENSIONS => self.dimension_keys.contains_key(&key),
                COMPONENTS => self.component_homes.contains_key(&key),
                BASE_THEMES => places.contains_key(&key),
                _ => CaseId::parse(&r.subject).is_ok_and(|c| self.interviewees.contains_key(&c)),
            };
            if !found {
                problems.push(t.problem(
                    row.line,
                    "subject",
                    format!(
                        "the reading is about `{}`, which is not a row of {}",
                        r.subject, r.file
                    ),
                    "write the row's label (or the interviewee's code) exactly as in that file",
                ));
                continue;
            }
            self.readings.push(crate::model::Reading {
                id: r.id.clone(),
                file: r.file.clone(),
                subject: r.subject.clone(),
                column: r.column.clone(),
                chosen: crate::model::Label {
                    printed: r.chosen.clone(),
                    english: r.chosen_en.clone(),
                },
                alternative: crate::model::Label {
                    printed: r.alternative.clone(),
                    english: r.alternative_en.clone(),
                },
                note: crate::model::Label {
                    printed: r.note.clone(),
                    english: r.note_en.clone(),
                },
                origin: origin(t, row.line),
            });
        }
    }

    pub(in crate::codebook) fn citations(
        &mut self,
        t: &Table<CitationRow>,
        problems: &mut Problems,
    ) {
        for row in &t.rows {
            let r = &row.value;
            if !non_empty(t, row.line, "cited", &r.cited, problems) {
                continue;
            }
            let code = match roster_code(&r.code) {
                Ok(None) => None,
                Ok(Some(code)) if self.interviewees.contains_key(&code) => Some(code),
                Ok(Some(code)) => {
                    problems.push(t.problem(
                        row.line,
                        "code",
                        format!("the citation refers to code {}, which is not on the roster", code.written()),
                        &format!("write the code of the roster row in {INTERVIEWEES} the citation is of, or leave the cell empty when the cited person has none"),
                    ));
                    continue;
                }
                Err(why) => {
                    problems.push(t.problem(
                        row.line,
                        "code",
                        format!("the code `{}` is not a code: {why}", r.code),
                        &format!("{CODE_FIX}, or leave the cell empty"),
                    ));
                    continue;
                }
            };
            self.citations.push(crate::model::Citation {
                cited: r.cited.clone(),
                year: r.year.clone(),
                code,
                note: crate::model::Label {
                    printed: r.note.clone(),
                    english: r.note_en.clone(),
                },
                origin: origin(t, row.line),
            });
        }
    }
}

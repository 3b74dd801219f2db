//! The codebook directory an import writes: dimensions, components, base themes, the roster,
//! the findings map, segments, `study.toml`, and what the import has to say about them.
//!
//! Not for reading the project (`mod.rs`, `cases`) nor for validating the result: the codebook
//! loader does that when the directory is used.

use super::*;
use crate::import::written::{toml_string, Csv};

impl Importer<'_> {
    pub(super) fn finish(
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
            let mut segments = Csv::new(&codebook::SEGMENT_COLUMNS[..8]);
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
                super::super::SIDECAR,
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

/// The first few of a list, then how many in all.
pub(super) fn shorten(items: &[String]) -> String {
    const SHOWN: usize = 8;
    let mut out: Vec<String> = items.iter().take(SHOWN).map(|s| format!("«{s}»")).collect();
    if items.len() > SHOWN {
        out.push(format!("… ({} in all)", items.len()));
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use crate::import::written::toml_string;

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

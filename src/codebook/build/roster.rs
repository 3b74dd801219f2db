//! The roster (`interviewees.csv`): each row's code, name, role, year, topics and findings,
//! the code checked for shape and duplicates.
//!
//! Not for the codes source-code lists use (`source_codes`), which are checked against it.

use super::*;

impl Builder {
    /// Takes the table's rows: their strings move into the roster instead of being copied (a
    /// roster of a million rows).
    pub(in crate::codebook) fn interviewees(
        &mut self,
        t: &mut Table<IntervieweeRow>,
        problems: &mut Problems,
    ) {
        let rows = std::mem::take(&mut t.rows);
        self.interviewees.reserve(rows.len());
        for row in rows {
            let r = row.value;
            let code = match CaseId::parse(&r.code) {
                Ok(code) => Some(code),
                Err(IdError::Zero) => {
                    problems.push(t.problem(
                        row.line,
                        "code",
                        "the interviewee code is 0".into(),
                        "number interviewees from 1, or give them IDs such as P01",
                    ));
                    None
                }
                Err(IdError::Empty) => {
                    problems.push(t.problem(
                        row.line,
                        "code",
                        "the `code` cell is empty".into(),
                        CODE_FIX,
                    ));
                    None
                }
                Err(why) => {
                    problems.push(match spreadsheet::damage(&r.code) {
                        Some(damage) => t.problem(
                            row.line,
                            "code",
                            format!(
                                "the interviewee code `{}` cannot be read: the cell {}",
                                r.code,
                                damage.explain("a code")
                            ),
                            &format!(
                                "{}; then re-enter the code as the source-code lists write it",
                                keep_as_text("code", "007")
                            ),
                        ),
                        None => t.problem(
                            row.line,
                            "code",
                            format!("the interviewee code `{}` cannot be read: {why}", r.code),
                            CODE_FIX,
                        ),
                    });
                    None
                }
            };
            let named = non_empty(t, row.line, "name", &r.name, problems);
            let Some(code) = code else { continue };
            if let Some(first) = self.interviewees.get(&code) {
                problems.push(t.problem(
                    row.line,
                    "code",
                    format!(
                        "the interviewee code `{}` is used twice (first on line {})",
                        r.code.trim(),
                        first.origin.line
                    ),
                    "give each interviewee a code of their own",
                ));
                continue;
            }
            if !named {
                continue;
            }
            // One phrase a line when the cell has line breaks (a coded segment may hold
            // commas: `thematic import` writes them so), else the printed comma-separated list.
            let separators: &[char] = if r.findings.contains('\n') {
                &['\n']
            } else {
                &['،', ',', '؛', ';']
            };
            let findings = r
                .findings
                .split(separators)
                .map(str::trim)
                .filter(|f| !f.is_empty())
                .map(String::from)
                .collect();
            let details = IntervieweeDetails {
                role: Label {
                    printed: r.role,
                    english: r.role_en,
                },
                year: r.year,
                topics: Label {
                    printed: r.topics,
                    english: r.topics_en,
                },
                findings,
            };
            let name = Label {
                printed: r.name,
                english: r.name_en,
            };
            self.interviewees.insert(
                code,
                Interviewee::new(code, name, details, origin(t, row.line)),
            );
        }
    }
}

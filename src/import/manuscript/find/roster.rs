//! The roster read from its table: a row per interviewee, a row broken by a page joined to the
//! one above, a name and a role printed in one cell split, findings run together (a comma lost
//! in extraction) read apart; each judgement a call.
//!
//! Not for finding the roster among the tables (`find`) nor for writing it (`files`).

use super::*;

/// Role openers: where a roster cell that holds a name and a role together turns to the role.
const ROLE_OPENERS: &[&str] = &[
    "وزیر",
    "سفیر",
    "معاون",
    "رئیس",
    "رییس",
    "عضو",
    "نماینده",
    "مدیر",
    "کارشناس",
    "استاد",
    "دانشیار",
    "استادیار",
    "پژوهشگر",
    "مشاور",
    "دبیر",
    "فعال",
    "امام",
    "از",
    "یکی",
    "سرکنسول",
    "Former",
    "former",
    "Professor",
    "professor",
    "Ambassador",
    "ambassador",
    "Minister",
    "minister",
    "Director",
    "director",
    "Head",
    "head",
    "Member",
    "member",
    "Researcher",
    "researcher",
    "Lecturer",
    "lecturer",
    "Manager",
    "manager",
    "Teacher",
    "teacher",
    "Nurse",
    "nurse",
    "Officer",
    "officer",
    "Advisor",
    "advisor",
    "Adviser",
    "adviser",
];

/// A name and a role printed in one cell, split: at the first comma, else before the first
/// word that opens a role (after at least two words of name).
fn split_name_role(cell: &str) -> Option<(String, String)> {
    if let Some((name, role)) = cell.split_once(['،', ',']) {
        let (name, role) = (name.trim(), role.trim());
        if !name.is_empty() && !role.is_empty() {
            return Some((name.to_string(), role.to_string()));
        }
    }
    let words: Vec<&str> = cell.split_whitespace().collect();
    let at = (2..words.len()).find(|&i| {
        ROLE_OPENERS.iter().any(|o| {
            words[i] == *o
                || words[i].starts_with(o) && words[i].chars().count() > 3 && o.chars().count() >= 4
        })
    })?;
    Some((words[..at].join(" "), words[at..].join(" ")))
}

/// A code printed at the start of a name's cell, its own column empty (run into the next cell
/// in extraction: «۳ زهرا کریمی», `P3 Jane Doe`): the code and the rest, when the code is the
/// next after the row above's (`۲` → `۳`, `P2` → `P3`) and a name follows. Anything else
/// there (a name's second line, «۱۴ سال سابقه») is the rest of the row above.
fn code_run_into(cell: &str, so_far: &[Interviewee]) -> Option<(String, String)> {
    let first = cell.split_whitespace().next()?;
    // The code is the first word, or the digits a name is glued to («۳زهرا»).
    let digits = first
        .char_indices()
        .take_while(|(_, c)| c.is_numeric())
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8());
    let code = if digits > 0 {
        &first[..digits]
    } else if crate::case_id::CaseId::parse(first).is_ok() {
        first
    } else {
        return None;
    };
    let rest = cell.trim_start()[code.len()..].trim_start();
    let numbered = |written: &str| -> Option<(String, u64)> {
        let id = crate::case_id::CaseId::parse(written).ok()?;
        if let Some(n) = id.as_number() {
            return Some((String::new(), u64::from(n)));
        }
        let at = written.find(|c: char| c.is_numeric())?;
        let n = crate::persian::parse_number(&written[at..]).ok()?;
        Some((written[..at].to_lowercase(), n))
    };
    let (prefix, n) = numbered(code)?;
    let follows = match so_far.last() {
        Some(p) => numbered(&p.code).is_some_and(|(pp, pn)| pp == prefix && pn + 1 == n),
        None => true,
    };
    (follows && rest.chars().next().is_some_and(char::is_alphabetic))
        .then(|| (code.to_string(), rest.to_string()))
}

pub(super) fn read_roster(study: &mut Study, body: &[(Vec<Value>, String)], roles: &[Role]) {
    let col = |f: Field| roles.iter().position(|r| *r == Role::Person(f));
    let (code, name, role) = (col(Field::Code), col(Field::Name), col(Field::Role));
    let (year, topics, findings) = (col(Field::Year), col(Field::Topics), col(Field::Findings));
    let mut split = Vec::new();
    let mut run_in = Vec::new();
    for (row, _) in body {
        let get = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .and_then(Value::own)
                .unwrap_or("")
                .to_string()
        };
        let mut id = get(code);
        let mut name_cell = get(name);
        if id.is_empty() {
            if let Some((code, rest)) = code_run_into(&name_cell, &study.interviewees) {
                run_in.push(Moved::value(
                    Subject::Interviewee(study.interviewees.len()),
                    "code",
                    &code,
                    "",
                ));
                id = code;
                name_cell = rest;
            }
        }
        if id.is_empty() {
            // The rest of the row above, broken by a page.
            if let Some(last) = study.interviewees.last_mut() {
                for (c, field) in [
                    (name, &mut last.name),
                    (year, &mut last.year),
                    (topics, &mut last.topics),
                    (findings, &mut last.findings),
                ] {
                    let more = get(c);
                    if !more.is_empty() {
                        *field = one_line(&format!("{field}\n{more}"));
                    }
                }
            }
            continue;
        }
        // thematic's own tables list the codes a theme names that the roster does not, so
        // marked: they are no interviewees of the roster.
        if crate::case_id::CaseId::parse(&id).is_err()
            || matches!(
                name_cell.as_str(),
                "(not on the roster)" | "(در فهرست نیست)"
            )
        {
            continue;
        }
        let mut person = Interviewee {
            code: id,
            name: name_cell,
            role: get(role),
            year: get(year),
            topics: get(topics),
            findings: get(findings),
        };
        if role.is_none() {
            if let Some((n, r)) = split_name_role(&person.name) {
                split.push(Moved::value(
                    Subject::Interviewee(study.interviewees.len()),
                    "name",
                    &n,
                    &person.name,
                ));
                person.name = n;
                person.role = r;
            }
        }
        study.interviewees.push(person);
    }
    let persian = study.persian;
    if !run_in.is_empty() {
        let (note, note_en) = say(persian, "شمارهٔ مصاحبه‌شونده در خانهٔ نام آمده است (ستون شماره خالی است)؛ شماره جدا و ردیف یک مصاحبه‌شوندهٔ تازه خوانده شد، نه دنبالهٔ ردیف پیشین".into(), "the interviewee's code is printed in the name's cell (the code's column is empty); it is read as the code of a new interviewee, not as the rest of the row above".into());
        study.calls.push(Call {
            cells: run_in,
            note,
            note_en,
        });
    }
    if !split.is_empty() {
        let (note, note_en) = say(persian, "نام و سمت هر مصاحبه‌شونده در یک خانه آمده‌اند؛ هر خانه در نخستین ویرگول، یا پیش از واژه‌ای که سمت را آغاز می‌کند (سفیر، وزیر، رئیس …)، جدا شد".into(), "each interviewee's name and role are printed in one cell; each cell is split at its first comma, or before the word that opens the role (Former, Professor, Ambassador …)".into());
        study.calls.push(Call {
            cells: split,
            note,
            note_en,
        });
    }
}

/// Findings of the roster that are two phrases printed elsewhere on their own (as a finding,
/// or as a base theme), run together (a comma lost in extraction): split, each a moved cell,
/// all in one call.
pub(super) fn split_run_together(study: &mut Study) {
    let separators = ['،', ','];
    let key = |s: &str| crate::persian::match_key(s);
    let mut alone: std::collections::HashMap<String, usize> = Default::default();
    for p in &study.interviewees {
        for f in p.findings.split(separators) {
            *alone.entry(key(f)).or_default() += 1;
        }
    }
    for theme in study
        .dimensions
        .iter()
        .flat_map(|d| &d.components)
        .flat_map(|c| &c.themes)
    {
        *alone.entry(key(&theme.label)).or_default() += 2;
    }
    let mut moved = Vec::new();
    let mut split_one: Vec<(usize, usize, String)> = Vec::new();
    for i in 0..study.interviewees.len() {
        let cell = study.interviewees[i].findings.clone();
        let mut items: Vec<String> = Vec::new();
        let mut changed = false;
        for f in cell.split(separators) {
            let words: Vec<&str> = f.split_whitespace().collect();
            let elsewhere = |w: &[&str]| alone.get(&key(&w.join(" "))).copied().unwrap_or(0) > 0;
            // Never beside a conjunction: «A و B» is one finding that names two things.
            let conjunction = |w: &str| matches!(w, "و" | "یا" | "and" | "or" | "&");
            let cut = (1..words.len()).find(|&at| {
                !conjunction(words[at - 1])
                    && !conjunction(words[at])
                    && elsewhere(&words[..at])
                    && elsewhere(&words[at..])
            });
            // Only one side printed elsewhere, the other two words or more: perhaps two
            // findings, kept as printed with the split as the alternative.
            let half = || {
                (1..words.len()).find(|&at| {
                    !conjunction(words[at - 1])
                        && !conjunction(words[at])
                        && (elsewhere(&words[..at]) && words.len() - at >= 2
                            || elsewhere(&words[at..]) && at >= 2)
                })
            };
            match (cut, cut.is_none().then(half).flatten()) {
                (Some(at), _) => {
                    items.push(words[..at].join(" "));
                    items.push(words[at..].join(" "));
                    changed = true;
                }
                (None, Some(at)) => {
                    items.push(f.trim().to_string());
                    split_one.push((i, at, f.trim().to_string()));
                }
                (None, None) => items.push(f.trim().to_string()),
            }
        }
        if changed {
            let comma = if cell.contains('،') { "، " } else { ", " };
            let new = items.join(comma);
            moved.push(Moved::value(
                Subject::Interviewee(i),
                "findings",
                &new,
                &cell,
            ));
            study.interviewees[i].findings = new;
        }
    }
    if !moved.is_empty() {
        let (note, note_en) = say(study.persian, "دو یافته بی ویرگول میانشان به هم پیوسته آمده‌اند؛ هر کدام جای دیگری به تنهایی آمده است (یافته‌ای دیگر یا مضمونی پایه) و جدا خوانده شدند".into(), "two findings are printed run together, without the comma between them; each is printed on its own elsewhere (as a finding or a base theme), and they are read apart".into());
        study.calls.push(Call {
            cells: moved,
            note,
            note_en,
        });
    }
    let maybe: Vec<Moved> = split_one
        .into_iter()
        .map(|(i, at, finding)| {
            let cell = study.interviewees[i].findings.clone();
            let words: Vec<&str> = finding.split_whitespace().collect();
            let comma = if cell.contains('،') { "، " } else { ", " };
            let apart = format!("{}{comma}{}", words[..at].join(" "), words[at..].join(" "));
            Moved::value(
                Subject::Interviewee(i),
                "findings",
                &cell,
                &cell.replacen(&finding, &apart, 1),
            )
        })
        .collect();
    if !maybe.is_empty() {
        let (note, note_en) = say(study.persian, "یافته‌ای که بخشی از آن جای دیگری به تنهایی آمده است: شاید دو یافته بی ویرگول به هم پیوسته باشند؛ همان‌گونه که چاپ شده خوانده شد".into(), "a finding part of which is printed on its own elsewhere: perhaps two findings run together without their comma; read as printed".into());
        study.calls.push(Call {
            cells: maybe,
            note,
            note_en,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_and_a_role_in_one_cell_split_at_the_comma_or_the_role_word() {
        assert_eq!(
            split_name_role("Jane Doe, nurse"),
            Some(("Jane Doe".into(), "nurse".into()))
        );
        assert_eq!(
            split_name_role("محسن پاک آیین سفیر سابق"),
            Some(("محسن پاک آیین".into(), "سفیر سابق".into()))
        );
        assert_eq!(split_name_role("Jane Doe"), None);
    }
}

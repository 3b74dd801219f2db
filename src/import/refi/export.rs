//! The codebook written as REFI-QDA: a `.qdc` (the scheme) or a `.qdpx` project (the scheme,
//! the roster as cases with the base themes each raised, and each interviewee's Table 1
//! findings as a text source whose phrases are coded with the base themes the findings map
//! links them to).
//!
//! GUIDs are UUID v5 of the study and the label path, so the same codebook gives the same
//! bytes and a re-import matches codes up. Dimensions and components are `isCodable="false"`
//! codes, base themes codable leaves; the English label and the printed claims travel in each
//! code's `Description` ([`super::description`]). The files REFI-QDA has no place for
//! (`readings.csv`, `citations.csv`, `study.toml`) travel in the archive's `thematic/` folder,
//! which QDA tools leave alone on import.
//!
//! Not for reading REFI-QDA ([`super::import`]).

use super::description::{self, Fields};
use crate::error::Result;
use crate::model::{Codebook, Color, PrintedPercent};
use crate::persian::match_key;
use crate::xml::escape;
use std::collections::HashMap;
use std::fmt::Write as _;
use uuid::Uuid;

/// Deterministic GUIDs for one study.
struct Guids(Uuid);

impl Guids {
    fn new(codebook: &Codebook) -> Guids {
        let root = Uuid::new_v5(&Uuid::NAMESPACE_URL, b"https://thematic.invalid/refi-qda");
        let study = codebook
            .study
            .doi
            .clone()
            .unwrap_or_else(|| codebook.name.clone());
        Guids(Uuid::new_v5(&root, study.as_bytes()))
    }

    /// The GUID of the element of `kind` at `path` (labels, codes, positions).
    fn of(&self, kind: &str, path: &[&str]) -> String {
        let name = std::iter::once(kind)
            .chain(path.iter().copied())
            .collect::<Vec<_>>()
            .join("\u{1f}");
        Uuid::new_v5(&self.0, name.as_bytes())
            .hyphenated()
            .to_string()
            .to_uppercase()
    }
}

fn percent(p: Option<PrintedPercent>) -> String {
    p.map_or(String::new(), |p| {
        p.to_string().trim_end_matches('%').to_string()
    })
}

/// What a code's description says of a level's item.
fn described(
    label: &crate::model::Label,
    printed: Option<u32>,
    share: Option<PrintedPercent>,
    source_codes: &str,
    note: &str,
) -> Fields {
    Fields {
        english: label.english.clone(),
        printed_frequency: printed.map_or(String::new(), |n| n.to_string()),
        printed_percent: percent(share),
        source_codes: source_codes.to_string(),
        note: note.to_string(),
    }
}

fn code_open(
    out: &mut String,
    indent: usize,
    guid: &str,
    name: &str,
    codable: bool,
    color: Option<Color>,
    fields: &Fields,
) {
    let pad = "  ".repeat(indent);
    let color = color.map_or(String::new(), |c| format!(" color=\"{c}\""));
    let _ = write!(
        out,
        "{pad}<Code guid=\"{guid}\" name=\"{}\" isCodable=\"{codable}\"{color}>",
        escape(name)
    );
    let text = description::write(fields);
    if !text.is_empty() {
        let _ = write!(out, "\n{pad}  <Description>{}</Description>", escape(&text));
    }
    out.push('\n');
}

/// The `<Codes>` element, and each base theme's GUID by (dimension, component, base theme).
fn codes(
    codebook: &Codebook,
    guids: &Guids,
    indent: usize,
) -> (String, HashMap<(String, String, String), String>) {
    let mut out = String::new();
    let mut themes = HashMap::new();
    let pad = "  ".repeat(indent);
    let _ = writeln!(out, "{pad}<Codes>");
    for d in codebook.dimensions.values() {
        let dl = d.label.printed.as_str();
        let fields = described(
            &d.label,
            d.printed_frequency,
            d.printed_percent,
            "",
            &d.note,
        );
        code_open(
            &mut out,
            indent + 1,
            &guids.of("code", &[dl]),
            dl,
            false,
            d.color,
            &fields,
        );
        for c in d.components.values() {
            let cl = c.label.printed.as_str();
            let fields = described(
                &c.label,
                c.printed_frequency,
                c.printed_percent,
                "",
                &c.note,
            );
            code_open(
                &mut out,
                indent + 2,
                &guids.of("code", &[dl, cl]),
                cl,
                false,
                c.color,
                &fields,
            );
            for b in c.base_themes.values() {
                let bl = b.label.printed.as_str();
                let guid = guids.of("code", &[dl, cl, bl]);
                let fields = described(
                    &b.label,
                    b.printed_frequency,
                    b.printed_percent,
                    &b.source_codes_text,
                    &b.note,
                );
                code_open(&mut out, indent + 3, &guid, bl, true, b.color, &fields);
                let _ = writeln!(out, "{}</Code>", "  ".repeat(indent + 3));
                themes.insert((dl.to_string(), cl.to_string(), bl.to_string()), guid);
            }
            let _ = writeln!(out, "{}</Code>", "  ".repeat(indent + 2));
        }
        let _ = writeln!(out, "{}</Code>", "  ".repeat(indent + 1));
    }
    let _ = writeln!(out, "{pad}</Codes>");
    (out, themes)
}

fn origin() -> String {
    format!("thematic {}", env!("CARGO_PKG_VERSION"))
}

/// The scheme as a REFI-QDA codebook (`.qdc`).
pub fn codebook(codebook: &Codebook) -> Vec<u8> {
    let guids = Guids::new(codebook);
    let (codes, _) = codes(codebook, &guids, 1);
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<CodeBook xmlns=\"urn:QDA-XML:codebook:1.0\" origin=\"{}\">\n{codes}</CodeBook>\n",
        escape(&origin())
    )
    .into_bytes()
}

/// The roster's variables: (name, REFI-QDA type, the interviewee's value).
type Getter = fn(&crate::model::Interviewee) -> String;
const VARIABLES: [(&str, &str, Getter); 7] = [
    ("code", "Integer", |i| i.code.written().into_owned()),
    ("name_en", "Text", |i| i.name.english.clone()),
    ("role", "Text", |i| i.details().role.printed.clone()),
    ("role_en", "Text", |i| i.details().role.english.clone()),
    ("year", "Text", |i| i.details().year.clone()),
    ("topics", "Text", |i| i.details().topics.printed.clone()),
    ("topics_en", "Text", |i| i.details().topics.english.clone()),
];

fn value(out: &mut String, pad: &str, guid: &str, kind: &str, value: &str) {
    let element = if kind == "Integer" {
        "IntegerValue"
    } else {
        "TextValue"
    };
    let _ = writeln!(
        out,
        "{pad}<VariableValue><VariableRef targetGUID=\"{guid}\"/><{element}>{}</{element}></VariableValue>",
        escape(value)
    );
}

/// A selection's description: the notes of the links it codes, each once and in order. A
/// phrase linked to five base themes usually carries one note five times; writing it once
/// keeps the description readable and lets a re-import export the same bytes (the importer
/// gives every link of a selection its whole description).
fn selection_note(links: &[(&String, &str)]) -> String {
    let mut notes: Vec<&str> = Vec::new();
    for (_, note) in links {
        if !note.is_empty() && !notes.contains(note) {
            notes.push(note);
        }
    }
    notes.join("; ")
}

/// One text source: its phrases one a line, each a selection coded with the base themes its
/// links name. Returns the source's XML and its text.
fn source(
    guids: &Guids,
    name: &str,
    key: &str,
    phrases: &[(String, Vec<&String>, String)],
    variables: &str,
) -> (String, String, String) {
    let guid = guids.of("source", &[key]);
    let mut text = String::new();
    let mut xml = format!(
        "    <TextSource guid=\"{guid}\" name=\"{}\" plainTextPath=\"internal://{guid}.txt\">\n",
        escape(name)
    );
    let mut at = 0usize;
    for (i, (phrase, codes, note)) in phrases.iter().enumerate() {
        if i > 0 {
            text.push('\n');
            at += 1;
        }
        let length = phrase.chars().count();
        let selection = guids.of("selection", &[key, &i.to_string()]);
        let _ = write!(
            xml,
            "      <PlainTextSelection guid=\"{selection}\" name=\"{}\" startPosition=\"{at}\" endPosition=\"{}\">",
            escape(phrase),
            at + length
        );
        if !note.is_empty() {
            let _ = write!(xml, "<Description>{}</Description>", escape(note));
        }
        for code in codes {
            let coding = guids.of("coding", &[key, &i.to_string(), code]);
            let _ = write!(
                xml,
                "<Coding guid=\"{coding}\"><CodeRef targetGUID=\"{code}\"/></Coding>"
            );
        }
        xml.push_str("</PlainTextSelection>\n");
        text.push_str(phrase);
        at += length;
    }
    xml.push_str(variables);
    xml.push_str("    </TextSource>\n");
    (guid, xml, text)
}

/// A document a coded study's segments point into, as a text source: its whole text, each
/// segment a selection at its offsets coded with its base theme. Returns the source's XML.
fn document_source(
    guids: &Guids,
    name: &str,
    text: &str,
    selections: &[(u64, u64, &String)],
    variables: &str,
) -> (String, String) {
    let guid = guids.of("document", &[name]);
    let mut xml = format!(
        "    <TextSource guid=\"{guid}\" name=\"{}\" plainTextPath=\"internal://{guid}.txt\">\n",
        escape(name)
    );
    let chars: Vec<char> = text.chars().collect();
    for &(start, end, code) in selections {
        let (s, e) = (start as usize, (end as usize).min(chars.len()));
        let selected: String = chars[s.min(e)..e].iter().collect();
        let at = [name, &start.to_string(), &end.to_string(), code.as_str()];
        let _ = writeln!(
            xml,
            "      <PlainTextSelection guid=\"{}\" name=\"{}\" startPosition=\"{start}\" endPosition=\"{end}\"><Coding guid=\"{}\"><CodeRef targetGUID=\"{code}\"/></Coding></PlainTextSelection>",
            guids.of("selection", &at),
            escape(&selected.split_whitespace().collect::<Vec<_>>().join(" ")),
            guids.of("coding", &at),
        );
    }
    xml.push_str(variables);
    xml.push_str("    </TextSource>\n");
    (guid, xml)
}

/// The codebook as a REFI-QDA project (`.qdpx`). `carried`: the codebook files REFI-QDA has no
/// place for, as read (name, bytes), put in the archive's `thematic/` folder. `documents`: the
/// texts its segments point into (name, text; a coded study's `sources/`): each is a source
/// whose selections are the segments, in place of the interviewee's findings.
pub fn project(
    codebook: &Codebook,
    carried: &[(&str, Vec<u8>)],
    documents: &[(String, String)],
) -> Result<Vec<u8>> {
    let guids = Guids::new(codebook);
    let (codes, themes) = codes(codebook, &guids, 2);
    let mut xml = String::new();
    let title = codebook
        .study
        .title
        .get(codebook.study.language.unwrap_or(crate::lang::Lang::En))
        .cloned()
        .unwrap_or_else(|| codebook.name.clone());
    let _ = writeln!(
        xml,
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\" name=\"{}\" origin=\"{}\">",
        escape(&title),
        escape(&origin())
    );
    let _ = write!(xml, "  <CodeBook>\n{codes}  </CodeBook>\n");
    // Variables: the roster's columns that anyone has a value for (`code` always).
    let used: Vec<&(&str, &str, Getter)> = VARIABLES
        .iter()
        .filter(|(name, _, get)| {
            *name == "code"
                || codebook
                    .interviewees
                    .values()
                    .any(|i| !get(i).trim().is_empty())
        })
        .collect();
    // An ID such as P01 is text; a study numbered 1, 2, 3 keeps its Integer codes.
    let code_kind = if codebook.interviewees.keys().any(|c| c.is_text()) {
        "Text"
    } else {
        "Integer"
    };
    let used: Vec<(&str, &str, Getter)> = used
        .into_iter()
        .map(|&(name, kind, get)| (name, if name == "code" { code_kind } else { kind }, get))
        .collect();
    if !codebook.interviewees.is_empty() {
        xml.push_str("  <Variables>\n");
        for (name, kind, _) in &used {
            let _ = writeln!(
                xml,
                "    <Variable guid=\"{}\" name=\"{name}\" typeOfVariable=\"{kind}\"/>",
                guids.of("variable", &[name])
            );
        }
        xml.push_str("  </Variables>\n");
    }
    // Who raised what (Table 2).
    let mut raised: HashMap<crate::case_id::CaseId, Vec<&String>> = HashMap::new();
    for r in codebook.base_themes() {
        let guid = &themes[&(
            r.dimension.label.printed.clone(),
            r.component.label.printed.clone(),
            r.theme.label.printed.clone(),
        )];
        let mut seen = std::collections::BTreeSet::new();
        for &code in &r.theme.source_codes {
            if seen.insert(code) {
                raised.entry(code).or_default().push(guid);
            }
        }
    }
    // Which base themes each findings phrase stands for (Table 1's evidence).
    let mut links: HashMap<String, Vec<(&String, &str)>> = HashMap::new();
    for link in &codebook.findings_map {
        if let Some(guid) = themes.get(&(
            link.dimension.clone(),
            link.component.clone(),
            link.base_theme.clone(),
        )) {
            let entry = links.entry(match_key(&link.phrase)).or_default();
            if !entry.iter().any(|(g, _)| *g == guid) {
                entry.push((guid, link.note.as_str()));
            }
        }
    }
    let mut used_links = std::collections::HashSet::new();
    let mut sources = String::new();
    let mut texts: Vec<(String, String)> = Vec::new();
    if !codebook.interviewees.is_empty() {
        xml.push_str("  <Cases>\n");
    }
    for person in codebook.interviewees.values() {
        let code = person.code.written().into_owned();
        let _ = writeln!(
            xml,
            "    <Case guid=\"{}\" name=\"{}\">",
            guids.of("case", &[&code]),
            escape(&person.name.printed)
        );
        for guid in raised.get(&person.code).map_or(&[][..], Vec::as_slice) {
            let _ = writeln!(xml, "      <CodeRef targetGUID=\"{guid}\"/>");
        }
        let mut values = String::new();
        for (name, kind, get) in &used {
            let v = get(person);
            if !v.trim().is_empty() {
                value(
                    &mut values,
                    "      ",
                    &guids.of("variable", &[name]),
                    kind,
                    &v,
                );
            }
        }
        xml.push_str(&values);
        xml.push_str("    </Case>\n");
        // The interviewee's code, on each source of theirs.
        let mut variables = String::new();
        value(
            &mut variables,
            "      ",
            &guids.of("variable", &["code"]),
            code_kind,
            &code,
        );
        // The documents this interviewee's segments point into, when their texts are given.
        let mut own: Vec<&(String, String)> = documents
            .iter()
            .filter(|(name, _)| {
                codebook
                    .segments
                    .iter()
                    .any(|sg| sg.source == *name && sg.interviewee == Some(person.code))
            })
            .collect();
        own.dedup_by_key(|d| d.0.clone());
        if !own.is_empty() {
            for (name, text) in own {
                let mut selections: Vec<(u64, u64, &String)> = codebook
                    .segments
                    .iter()
                    .filter(|sg| sg.source == *name)
                    .filter_map(|sg| {
                        themes
                            .get(&(
                                sg.dimension.clone(),
                                sg.component.clone(),
                                sg.base_theme.clone(),
                            ))
                            .map(|g| (sg.start, sg.end, g))
                    })
                    .collect();
                selections.sort();
                selections.dedup();
                let (guid, source_xml) =
                    document_source(&guids, name, text, &selections, &variables);
                sources.push_str(&source_xml);
                texts.push((guid, text.clone()));
            }
            continue;
        }
        if person.details().findings.is_empty() {
            continue;
        }
        let phrases: Vec<(String, Vec<&String>, String)> = person
            .details()
            .findings
            .iter()
            .map(|phrase| {
                let key = match_key(phrase);
                let found = links.get(&key);
                if found.is_some() {
                    used_links.insert(key);
                }
                let codes = found.map_or(Vec::new(), |l| l.iter().map(|(g, _)| *g).collect());
                (
                    phrase.split_whitespace().collect::<Vec<_>>().join(" "),
                    codes,
                    found.map_or(String::new(), |l| selection_note(l)),
                )
            })
            .collect();
        let (guid, source_xml, text) =
            source(&guids, &person.name.printed, &code, &phrases, &variables);
        sources.push_str(&source_xml);
        texts.push((guid, text));
    }
    if !codebook.interviewees.is_empty() {
        xml.push_str("  </Cases>\n");
    }
    // Links no interviewee's findings use still say what a phrase stands for: one source
    // holds them, belonging to no case.
    let mut unused: Vec<(String, Vec<&String>, String)> = Vec::new();
    for link in &codebook.findings_map {
        let key = match_key(&link.phrase);
        if used_links.contains(&key) || unused.iter().any(|(p, _, _)| match_key(p) == key) {
            continue;
        }
        if let Some(l) = links.get(&key) {
            unused.push((
                link.phrase.split_whitespace().collect::<Vec<_>>().join(" "),
                l.iter().map(|(g, _)| *g).collect(),
                selection_note(l),
            ));
        }
    }
    if !unused.is_empty() {
        let (guid, source_xml, text) = source(
            &guids,
            "findings map (phrases no interviewee used)",
            "findings map",
            &unused,
            "",
        );
        sources.push_str(&source_xml);
        texts.push((guid, text));
    }
    if !sources.is_empty() {
        let _ = write!(xml, "  <Sources>\n{sources}  </Sources>\n");
    }
    if let Some(doi) = &codebook.study.doi {
        let _ = writeln!(
            xml,
            "  <Description>{}</Description>",
            escape(&format!("https://doi.org/{doi}"))
        );
    }
    xml.push_str("</Project>\n");
    let names: Vec<(String, &[u8])> = std::iter::once(("project.qde".to_string(), xml.as_bytes()))
        .chain(
            texts
                .iter()
                .map(|(guid, text)| (format!("sources/{guid}.txt"), text.as_bytes())),
        )
        .chain(
            carried
                .iter()
                .map(|(name, bytes)| (format!("{}/{name}", super::SIDECAR), bytes.as_slice())),
        )
        .collect();
    let parts: Vec<(&str, &[u8])> = names.iter().map(|(n, b)| (n.as_str(), *b)).collect();
    crate::package::zip("a REFI-QDA project", &parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_are_uuids_that_depend_on_the_study_and_the_path() {
        let mut codebook = crate::codebook::load(&crate::codebook::Source::BuiltIn).unwrap();
        let a = Guids::new(&codebook);
        let guid = a.of("code", &["x", "y"]);
        assert_eq!(Uuid::parse_str(&guid).unwrap().get_version_num(), 5);
        assert_eq!(guid, Guids::new(&codebook).of("code", &["x", "y"]));
        assert_ne!(guid, a.of("code", &["x y"]));
        codebook.study.doi = Some("10.1/other".into());
        assert_ne!(guid, Guids::new(&codebook).of("code", &["x", "y"]));
    }
}

//! REFI-QDA XML (`project.qde` or a `.qdc`) read into plain structs: the code tree, variables,
//! cases, and the sources with their selections and codings, each with its line and column.
//!
//! Accepts what real exporters write: namespace prefixes (elements are matched by local name),
//! a BOM, an empty `<Sets/>`, upper- or lower-case GUIDs with or without braces, and elements
//! thematic does not use (counted, for the import's report). Refuses a DTD (no entity
//! expansion, whatever the parser's own limits). Not for what the structs mean for a codebook
//! ([`super::import`]).

use crate::codebook::Problem;
use crate::model::Color;
use roxmltree::Node;
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
pub struct Code {
    pub guid: String,
    pub name: String,
    pub codable: bool,
    pub color: Option<Color>,
    pub description: String,
    pub children: Vec<Code>,
    pub line: u32,
}

#[derive(Debug, Clone, Default)]
pub struct Case {
    pub guid: String,
    pub name: String,
    pub line: u32,
    pub code_refs: Vec<String>,
    /// (variable GUID, value as text).
    pub values: Vec<(String, String)>,
    pub source_refs: Vec<String>,
    pub selection_refs: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Selection {
    pub guid: String,
    pub start: u64,
    pub end: u64,
    pub codes: Vec<String>,
    pub description: String,
}

#[derive(Debug, Clone, Default)]
pub struct Source {
    pub guid: String,
    pub name: String,
    /// `TextSource`, `PDFSource`, …
    pub kind: String,
    pub line: u32,
    /// `plainTextPath` of a text source.
    pub text_path: Option<String>,
    /// `PlainTextContent`, when the text is in the XML itself.
    pub inline_text: Option<String>,
    /// Codes applied to the whole source.
    pub codes: Vec<String>,
    /// Text selections (other kinds of selection carry their codes in `other_codes`).
    pub selections: Vec<Selection>,
    /// Codes applied to picture, PDF, audio or video selections: counted, no text.
    pub other_codes: Vec<String>,
    pub values: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct Project {
    /// `Project/@name`; empty for a codebook.
    pub name: String,
    pub origin: String,
    pub codes: Vec<Code>,
    /// Variable GUID → its name.
    pub variables: BTreeMap<String, String>,
    /// `None`: the project has no `Cases` element.
    pub cases: Option<Vec<Case>>,
    pub sources: Vec<Source>,
    /// Elements thematic does not read, by name, with how many there were.
    pub ignored: BTreeMap<String, usize>,
}

/// What kind of file the XML turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Project,
    Codebook,
}

/// A GUID as compared: lower case, braces removed (tools match them case-insensitively).
pub fn guid_key(guid: &str) -> String {
    guid.trim()
        .trim_start_matches('{')
        .trim_end_matches('}')
        .to_ascii_lowercase()
}

/// An attribute's text, trimmed; empty when it is absent (names and origins are optional).
fn attribute(node: Node, name: &str) -> String {
    node.attribute(name).unwrap_or_default().trim().to_string()
}

struct Reader<'a> {
    doc: &'a roxmltree::Document<'a>,
    display: &'a str,
    ignored: BTreeMap<String, usize>,
    /// Byte offsets of the text's line breaks: a node's line by binary search. (roxmltree's
    /// `text_pos_at` counts from the start of the text each time, which made a project of
    /// 5,000 sources take a minute and a half; it stays for the column of an error.)
    breaks: Vec<usize>,
}

impl Reader<'_> {
    fn line(&self, node: Node) -> u32 {
        let before = self.breaks.partition_point(|&b| b < node.range().start);
        u32::try_from(before + 1).unwrap_or(u32::MAX)
    }

    fn problem(&self, node: Node, message: String, fix: &str) -> Problem {
        let pos = self.doc.text_pos_at(node.range().start);
        Problem::file(self.display, message, fix)
            .at_line(u64::from(pos.row))
            .at_column(pos.col as usize, "")
    }

    fn ignore(&mut self, node: Node) {
        *self
            .ignored
            .entry(node.tag_name().name().to_string())
            .or_default() += 1;
    }

    fn required<'n>(&self, node: Node<'n, '_>, attribute: &str) -> Result<&'n str, Problem> {
        node.attribute(attribute).ok_or_else(|| {
            self.problem(
                node,
                format!("<{}> has no `{attribute}` attribute, which REFI-QDA requires", node.tag_name().name()),
                "export the project again from your QDA tool; if you edited the XML, add the attribute",
            )
        })
    }

    fn guid(&self, node: Node, attribute: &str) -> Result<String, Problem> {
        let value = self.required(node, attribute)?;
        let key = guid_key(value);
        let ok = key.len() == 36
            && key.char_indices().all(|(i, c)| {
                if [8, 13, 18, 23].contains(&i) {
                    c == '-'
                } else {
                    c.is_ascii_hexdigit()
                }
            });
        if !ok {
            return Err(self.problem(
                node,
                format!("`{value}` is not a GUID (attribute `{attribute}`)"),
                "a GUID looks like 3F2504E0-4F89-11D3-9A0C-0305E82C3301",
            ));
        }
        Ok(key)
    }

    /// Every `guid` attribute names one thing: a code, source, selection or case that shares
    /// its GUID with another would be read as the other (a coding would count twice, or for
    /// the wrong code). Refused, naming both.
    fn unique_guids(&self) -> Result<(), Problem> {
        let mut seen: std::collections::HashMap<String, Node> = std::collections::HashMap::new();
        for node in self.doc.descendants().filter(Node::is_element) {
            let Some(value) = node.attribute("guid") else {
                continue;
            };
            match seen.entry(guid_key(value)) {
                std::collections::hash_map::Entry::Vacant(entry) => {
                    entry.insert(node);
                }
                std::collections::hash_map::Entry::Occupied(first) => {
                    let first = *first.get();
                    return Err(self.problem(
                        node,
                        format!(
                            "<{}> has the GUID `{value}`, which <{}> on line {} has already; each GUID in a project names one thing",
                            node.tag_name().name(),
                            first.tag_name().name(),
                            self.line(first)
                        ),
                        "export the project again from your QDA tool; if you copied elements in the XML, give each copy a new GUID",
                    ));
                }
            }
        }
        Ok(())
    }

    fn text_of(node: Node) -> String {
        node.children().filter_map(|n| n.text()).collect()
    }

    fn code(&mut self, node: Node) -> Result<Code, Problem> {
        let name = self.required(node, "name")?.trim().to_string();
        if name.is_empty() {
            return Err(self.problem(
                node,
                "a code has an empty name".into(),
                "name the code in your QDA tool and export again",
            ));
        }
        let codable = match node.attribute("isCodable").map(str::trim) {
            Some("true") | Some("1") | None => true,
            Some("false") | Some("0") => false,
            Some(other) => {
                return Err(self.problem(
                    node,
                    format!("`isCodable` is `{other}`, which is not true or false"),
                    "write isCodable=\"true\" or isCodable=\"false\"",
                ))
            }
        };
        let color = match node.attribute("color") {
            None => None,
            Some(text) if text.trim().is_empty() => None,
            Some(text) => Some(Color::parse(text).ok_or_else(|| {
                self.problem(
                    node,
                    format!("the colour `{text}` cannot be read"),
                    "write it as #RRGGBB, #RRGGBBAA or R,G,B",
                )
            })?),
        };
        let mut code = Code {
            guid: self.guid(node, "guid")?,
            name,
            codable,
            color,
            description: String::new(),
            children: Vec::new(),
            line: self.line(node),
        };
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "Code" => code.children.push(self.code(child)?),
                "Description" => code.description = Self::text_of(child).trim().to_string(),
                _ => self.ignore(child),
            }
        }
        Ok(code)
    }

    fn codes(&mut self, node: Node) -> Result<Vec<Code>, Problem> {
        let mut codes = Vec::new();
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "Codes" => {
                    for code in child.children().filter(Node::is_element) {
                        match code.tag_name().name() {
                            "Code" => codes.push(self.code(code)?),
                            _ => self.ignore(code),
                        }
                    }
                }
                _ => self.ignore(child),
            }
        }
        Ok(codes)
    }

    /// `CodeRef/@targetGUID` of a `Coding`.
    fn coding(&mut self, node: Node) -> Result<Option<String>, Problem> {
        let mut target = None;
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "CodeRef" => target = Some(self.guid(child, "targetGUID")?),
                _ => self.ignore(child),
            }
        }
        Ok(target)
    }

    fn value(&mut self, node: Node) -> Result<Option<(String, String)>, Problem> {
        let mut variable = None;
        let mut value = String::new();
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "VariableRef" => variable = Some(self.guid(child, "targetGUID")?),
                "TextValue" | "BooleanValue" | "IntegerValue" | "FloatValue" | "DateValue"
                | "DateTimeValue" => value = Self::text_of(child).trim().to_string(),
                _ => self.ignore(child),
            }
        }
        Ok(variable.map(|v| (v, value)))
    }

    fn position(&self, node: Node, attribute: &str) -> Result<u64, Problem> {
        let text = self.required(node, attribute)?;
        text.trim().parse().map_err(|_| {
            self.problem(
                node,
                format!("`{attribute}` is `{text}`, which is not a whole number of characters"),
                "export the project again from your QDA tool",
            )
        })
    }

    fn source(&mut self, node: Node) -> Result<Source, Problem> {
        let kind = node.tag_name().name().to_string();
        let mut source = Source {
            guid: self.guid(node, "guid")?,
            name: attribute(node, "name"),
            line: self.line(node),
            text_path: node.attribute("plainTextPath").map(str::to_string),
            kind,
            ..Source::default()
        };
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "PlainTextContent" => source.inline_text = Some(Self::text_of(child)),
                "PlainTextSelection" => {
                    let start = self.position(child, "startPosition")?;
                    let end = self.position(child, "endPosition")?;
                    let (start, end) = (start.min(end), start.max(end));
                    let mut selection = Selection {
                        guid: self.guid(child, "guid")?,
                        start,
                        end,
                        codes: Vec::new(),
                        description: String::new(),
                    };
                    for grandchild in child.children().filter(Node::is_element) {
                        match grandchild.tag_name().name() {
                            "Coding" => selection.codes.extend(self.coding(grandchild)?),
                            "Description" => {
                                selection.description = Self::text_of(grandchild).trim().to_string()
                            }
                            _ => self.ignore(grandchild),
                        }
                    }
                    source.selections.push(selection);
                }
                "PictureSelection"
                | "PDFSelection"
                | "AudioSelection"
                | "VideoSelection"
                | "TranscriptSelection" => {
                    for coding in child
                        .descendants()
                        .filter(|n| n.tag_name().name() == "Coding")
                    {
                        source.other_codes.extend(self.coding(coding)?);
                    }
                    self.ignore(child);
                }
                "Coding" => source.codes.extend(self.coding(child)?),
                "VariableValue" => source.values.extend(self.value(child)?),
                _ => self.ignore(child),
            }
        }
        Ok(source)
    }

    fn case(&mut self, node: Node) -> Result<Case, Problem> {
        let mut case = Case {
            guid: self.guid(node, "guid")?,
            name: attribute(node, "name"),
            line: self.line(node),
            ..Case::default()
        };
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "CodeRef" => case.code_refs.push(self.guid(child, "targetGUID")?),
                "VariableValue" => case.values.extend(self.value(child)?),
                "SourceRef" => case.source_refs.push(self.guid(child, "targetGUID")?),
                "SelectionRef" => case.selection_refs.push(self.guid(child, "targetGUID")?),
                _ => self.ignore(child),
            }
        }
        Ok(case)
    }
}

/// Parse REFI-QDA XML. `display` names the file (or the archive entry) in messages.
pub fn parse(display: &str, bytes: &[u8]) -> Result<(Kind, Project), Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Problem::file(
            display,
            format!("the XML is not UTF-8 (byte {})", e.valid_up_to()),
            "REFI-QDA files are UTF-8; export the file again from your QDA tool",
        )
    })?;
    let options = roxmltree::ParsingOptions {
        allow_dtd: false,
        ..roxmltree::ParsingOptions::default()
    };
    let dtd_refused = || {
        Problem::file(
            display,
            "the XML declares a DTD (<!DOCTYPE …>), which REFI-QDA files never do",
            "refused for safety (entity expansion); export the file again from your QDA tool",
        )
    };
    // Before the tree is built: roxmltree recurses once per level.
    if let Err(deep) = crate::xml::check_depth(text, crate::xml::MAX_DEPTH) {
        let (line, column) = deep.line_column(text);
        return Err(Problem::file(
            display,
            format!(
                "<{}> here is nested more than {} elements deep; thematic reads XML up to that depth (a code system has a few levels, rarely ten)",
                deep.element,
                crate::xml::MAX_DEPTH
            ),
            "flatten the code tree in your QDA tool (a tree this deep is not a thematic network) and export again",
        )
        .at_line(line)
        .at_column(column, ""));
    }
    let doc = roxmltree::Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::DtdDetected => dtd_refused(),
        e => {
            let pos = e.pos();
            Problem::file(display, format!("the XML cannot be read: {e}"), "export the file again from your QDA tool; if you edited it, check the XML at this place")
                .at_line(u64::from(pos.row))
                .at_column(pos.col as usize, "")
        }
    })?;
    let root = doc.root_element();
    // roxmltree accepts an empty `<!DOCTYPE x>`; a REFI-QDA file has none at all.
    if text[..root.range().start].contains("<!DOCTYPE") {
        return Err(dtd_refused());
    }
    let mut reader = Reader {
        doc: &doc,
        display,
        ignored: BTreeMap::new(),
        breaks: text.match_indices('\n').map(|(at, _)| at).collect(),
    };
    reader.unique_guids()?;
    let kind = match root.tag_name().name() {
        "Project" => Kind::Project,
        "CodeBook" => Kind::Codebook,
        other => {
            return Err(reader.problem(
                root,
                format!("the root element is <{other}>, not a REFI-QDA <Project> or <CodeBook>"),
                "give thematic a .qdpx project or a .qdc codebook exported by a QDA tool",
            ))
        }
    };
    let mut project = Project {
        name: attribute(root, "name"),
        origin: attribute(root, "origin"),
        ..Project::default()
    };
    if kind == Kind::Codebook {
        project.codes = reader.codes(root)?;
    } else {
        for child in root.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "CodeBook" => project.codes = reader.codes(child)?,
                "Variables" => {
                    for variable in child.children().filter(Node::is_element) {
                        let guid = reader.guid(variable, "guid")?;
                        let name = reader.required(variable, "name")?.trim().to_string();
                        project.variables.insert(guid, name);
                    }
                }
                "Cases" => {
                    let mut cases = Vec::new();
                    for case in child.children().filter(Node::is_element) {
                        cases.push(reader.case(case)?);
                    }
                    project.cases = Some(cases);
                }
                "Sources" => {
                    for source in child.children().filter(Node::is_element) {
                        project.sources.push(reader.source(source)?);
                    }
                }
                _ => reader.ignore(child),
            }
        }
    }
    project.ignored = reader.ignored;
    Ok((kind, project))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_prefixed_elements_a_bom_and_braced_guids() {
        let xml = "\u{feff}<?xml version=\"1.0\"?>\n<q:CodeBook xmlns:q=\"urn:QDA-XML:codebook:1.0\"><q:Codes>\
                   <q:Code guid=\"{0000000A-0000-0000-0000-000000000001}\" name=\" Economy \" isCodable=\"false\" color=\"10,20,30\">\
                   <q:Description>Trade</q:Description><q:Code guid=\"0000000a-0000-0000-0000-000000000002\" name=\"Ports\" isCodable=\"true\"/>\
                   </q:Code></q:Codes><q:Sets/></q:CodeBook>";
        let (kind, project) = parse("t.qdc", xml.as_bytes()).unwrap();
        assert_eq!(kind, Kind::Codebook);
        let code = &project.codes[0];
        assert_eq!(
            (code.name.as_str(), code.codable, code.color),
            ("Economy", false, Some(Color([10, 20, 30])))
        );
        assert_eq!(code.guid, "0000000a-0000-0000-0000-000000000001");
        assert_eq!(code.description, "Trade");
        assert_eq!(
            code.children[0].guid,
            "0000000a-0000-0000-0000-000000000002"
        );
        assert_eq!(project.ignored.get("Sets"), Some(&1));
    }

    #[test]
    fn refuses_a_dtd_even_an_empty_one() {
        for xml in [
            "<!DOCTYPE CodeBook [<!ENTITY a \"aaaa\">]><CodeBook><Codes/></CodeBook>",
            "<!DOCTYPE CodeBook><CodeBook><Codes/></CodeBook>",
        ] {
            let problem = parse("x.qdc", xml.as_bytes()).unwrap_err();
            assert!(problem.message.contains("DTD"), "{problem}");
        }
    }

    #[test]
    fn codes_know_their_lines() {
        // Line 1 is the root; a code on line 2, its child on line 4 (after a blank line), and a
        // code on the last line with no line break after it.
        let xml = "<CodeBook><Codes>\n<Code guid=\"00000000-0000-0000-0000-000000000001\" name=\"a\">\n\n\
                   <Code guid=\"00000000-0000-0000-0000-000000000002\" name=\"b\"/></Code>\n\
                   <Code guid=\"00000000-0000-0000-0000-000000000003\" name=\"c\"/></Codes></CodeBook>";
        let (_, project) = parse("x.qdc", xml.as_bytes()).unwrap();
        let lines: Vec<u32> = [
            &project.codes[0],
            &project.codes[0].children[0],
            &project.codes[1],
        ]
        .iter()
        .map(|c| c.line)
        .collect();
        assert_eq!(lines, [2, 4, 5]);
    }

    #[test]
    fn says_where_a_guid_is_wrong() {
        let xml = "<CodeBook>\n<Codes>\n  <Code guid=\"nope\" name=\"a\" isCodable=\"true\"/></Codes></CodeBook>";
        let problem = parse("x.qdc", xml.as_bytes()).unwrap_err();
        assert_eq!(problem.line, Some(3));
        assert!(
            problem.message.contains("`nope` is not a GUID"),
            "{problem}"
        );
    }
}

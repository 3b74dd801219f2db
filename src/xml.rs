//! Escaping text for XML, shared by everything thematic writes as XML: the charts' SVG and the
//! Word document's WordprocessingML.
//!
//! Not an XML writer: each format builds its own markup.

/// XML text and attribute values, escaped as plotters escapes them. Characters XML 1.0 does
/// not allow at all (controls other than tab and line breaks, U+FFFE, U+FFFF) are left out:
/// they have no glyph, and one would make the whole document unreadable.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() && c < '\u{80}' || matches!(c, '\u{FFFE}' | '\u{FFFF}') => {}
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

/// The deepest nesting of elements read from any XML input (a REFI-QDA project now; Word,
/// HTML and JATS manuscripts next). Real documents nest tens deep (a code tree of ten levels,
/// a table in a table); a limit keeps every reader that walks the tree by recursion within its
/// stack, whatever the file.
pub const MAX_DEPTH: usize = 4_096;

/// The stack a reader of XML runs on ([`on_reader_stack`]): roxmltree's parser and the readers
/// that walk its tree recurse once per level, a few hundred bytes each in a release build and a
/// few kilobytes in a debug one; [`MAX_DEPTH`] levels of all of them fit with room to spare.
/// Only the pages touched are ever committed.
pub const READER_STACK: usize = 256 << 20;

/// Run `read` on a thread whose stack holds [`MAX_DEPTH`] levels of recursion, whichever
/// thread calls it (a test thread has 2 MiB). A panic in it is carried over to the caller.
pub fn on_reader_stack<T: Send>(read: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("xml reader".into())
            .stack_size(READER_STACK)
            .spawn_scoped(scope, read)
            .expect("a thread for the XML reader")
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// An element nested deeper than [`MAX_DEPTH`]: its name and the byte it starts at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TooDeep {
    pub element: String,
    pub offset: usize,
}

impl TooDeep {
    /// The element's line and column (1-based, in characters) in `text`, for messages.
    pub fn line_column(&self, text: &str) -> (u64, usize) {
        let before = &text[..self.offset];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line as u64, column)
    }
}

/// The first element nested deeper than `limit`, found by a streaming tokenizer (no tree, no
/// recursion), so that a tree-building parser is only given what it can walk. Text that does
/// not tokenize is left for that parser to refuse with its own message.
pub fn check_depth(text: &str, limit: usize) -> Result<(), TooDeep> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = false;
    let mut depth = 0usize;
    loop {
        let start = reader.buffer_position() as usize;
        match reader.read_event() {
            Ok(Event::Start(element)) => {
                depth += 1;
                if depth > limit {
                    return Err(TooDeep {
                        element: element.name().0.to_string(),
                        // The tokenizer's position is after the white space before the tag.
                        offset: start + text[start..].find('<').unwrap_or(0),
                    });
                }
            }
            Ok(Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(Event::Eof) | Err(_) => return Ok(()),
            Ok(_) => {}
        }
    }
}

#[cfg(test)]
mod depth_tests {
    use super::*;

    fn nested(depth: usize) -> String {
        format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth))
    }

    #[test]
    fn the_first_element_past_the_limit_is_found_without_recursion() {
        let deep = check_depth(&nested(100_000), MAX_DEPTH).unwrap_err();
        assert_eq!(
            deep,
            TooDeep {
                element: "a".into(),
                offset: MAX_DEPTH * 3
            }
        );
        assert_eq!(check_depth(&nested(3_000), MAX_DEPTH), Ok(()));
        // Empty elements, comments and CDATA do not nest; a `>` in an attribute is no tag.
        let text = format!(
            "<r>{}<!-- <a><a> --><![CDATA[<a><a>]]><b x='>'/></r>",
            "<e/>".repeat(10)
        );
        assert_eq!(check_depth(&text, 1), Ok(()));
        assert_eq!(
            check_depth("<r>\n  <s><t/></s></r>", 1).unwrap_err().offset,
            6
        );
    }

    #[test]
    fn the_tree_parser_walks_what_the_limit_lets_through() {
        // roxmltree recurses once per level; on the reader's stack the limit fits in a debug
        // build with room to spare: four times the limit still parses.
        let text = nested(4 * MAX_DEPTH);
        let count = on_reader_stack(|| {
            roxmltree::Document::parse(&text)
                .unwrap()
                .descendants()
                .count()
        });
        assert_eq!(count, 4 * MAX_DEPTH + 1);
    }
}

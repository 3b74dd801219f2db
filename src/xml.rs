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

//! Prose of the audit rendered as HTML: isolated runs (U+2068 … U+2069, as
//! [`crate::lang::Lang::isolate`] writes a Persian label in English or a Latin one in Persian)
//! each a `<bdi>`, so that the page isolates them as the text outputs do; a `name` in
//! backticks (a rule id, a column, a file in a rule's explanation) a `<code>`.
//!
//! Not for markup: everything else is escaped as maud escapes text.

use crate::lang::{FSI, PDI};

/// Prose whose isolated runs become `<bdi>` elements.
pub(super) struct Isolated<'a>(pub &'a str);

impl maud::Render for Isolated<'_> {
    fn render_to(&self, buffer: &mut String) {
        let mut open = 0usize;
        let mut code = false;
        for c in self.0.chars() {
            match c {
                '`' => {
                    buffer.push_str(if code { "</code>" } else { "<code>" });
                    code = !code;
                }
                FSI => {
                    open += 1;
                    buffer.push_str("<bdi>");
                }
                // A stray closer has nothing to close.
                PDI if open > 0 => {
                    open -= 1;
                    buffer.push_str("</bdi>");
                }
                PDI => {}
                '&' => buffer.push_str("&amp;"),
                '<' => buffer.push_str("&lt;"),
                '>' => buffer.push_str("&gt;"),
                '"' => buffer.push_str("&quot;"),
                c => buffer.push(c),
            }
        }
        if code {
            buffer.push_str("</code>");
        }
        for _ in 0..open {
            buffer.push_str("</bdi>");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use maud::Render;

    #[test]
    fn isolated_runs_become_bdi_and_the_rest_is_escaped() {
        let text = "a \u{2068}«ب»\u{2069} < c \u{2068}open";
        assert_eq!(
            Isolated(text).render().into_string(),
            "a <bdi>«ب»</bdi> &lt; c <bdi>open</bdi>"
        );
        assert_eq!(Isolated("x\u{2069}").render().into_string(), "x");
        assert_eq!(
            Isolated("see `total-mismatch`").render().into_string(),
            "see <code>total-mismatch</code>"
        );
    }
}

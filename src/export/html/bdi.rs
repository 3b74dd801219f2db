//! Text with isolated runs (U+2068 … U+2069, as [`crate::lang::Lang::isolate`] writes a Persian
//! label in English or a Latin one in Persian) rendered as HTML: each run a `<bdi>`, so that
//! the page isolates it as the text outputs do.
//!
//! Not for markup: everything else is escaped as maud escapes text.

use crate::lang::{FSI, PDI};

/// Prose whose isolated runs become `<bdi>` elements.
pub(super) struct Isolated<'a>(pub &'a str);

impl maud::Render for Isolated<'_> {
    fn render_to(&self, buffer: &mut String) {
        let mut open = 0usize;
        for c in self.0.chars() {
            match c {
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
    }
}

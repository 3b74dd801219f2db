//! The parts of a document that are coded and the units a segment can be: the turns of the
//! interviewees in a transcript (a speaker's label at a line's start, the interviewer's turns
//! left out), paragraphs (parted by blank lines) and sentences (ended by . ! ? ؟ … and the
//! paragraph's end). Every span is in characters of the document's text.
//!
//! Not for what is matched (`matcher`) nor for reading documents (`documents`).

use regex::Regex;

/// A span of the document's text, in characters, and its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: u32,
    pub end: u32,
    pub bytes: (usize, usize),
}

/// Who speaks in a transcript: the pattern that opens a turn and the interviewer's names.
pub struct Speakers {
    pub pattern: Regex,
    /// Match keys of the names whose turns are not coded.
    pub interviewer: Vec<String>,
}

/// The interviewer's names left out by default.
pub const INTERVIEWER: &str =
    "Interviewer,I,Q,Moderator,Facilitator,Researcher,مصاحبه‌گر,مصاحبه‌کننده,پرسشگر,پژوهشگر";

fn char_offsets(text: &str) -> impl Fn(usize) -> u32 + '_ {
    // Character index of a byte offset, counted from the start (spans come in order, so
    // callers count once by keeping their own position; this is for the few turn bounds).
    move |byte: usize| u32::try_from(text[..byte].chars().count()).unwrap_or(u32::MAX)
}

/// The parts of `text` to code: the whole text, or the interviewees' turns (each without its
/// speaker's label). The speaker of each part (empty for the whole text).
pub fn parts(text: &str, speakers: Option<&Speakers>) -> Vec<(Span, String)> {
    let chars = char_offsets(text);
    let Some(s) = speakers else {
        return vec![(
            Span {
                start: 0,
                end: chars(text.len()),
                bytes: (0, text.len()),
            },
            String::new(),
        )];
    };
    // Turn openings: the pattern at a line's start.
    let mut opens: Vec<(usize, usize, String)> = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        if let Some(m) = s.pattern.captures(line).and_then(|c| {
            let whole = c.get(0)?;
            (whole.start() == 0).then(|| {
                let who = c.get(1).map_or(whole.as_str(), |g| g.as_str());
                (
                    whole.end(),
                    who.trim().trim_end_matches(':').trim().to_string(),
                )
            })
        }) {
            opens.push((line_start, line_start + m.0, m.1));
        }
        line_start += line.len();
    }
    let mut out = Vec::new();
    for (i, (_, body, who)) in opens.iter().enumerate() {
        let end = opens.get(i + 1).map_or(text.len(), |n| n.0);
        if s.interviewer.contains(&crate::persian::match_key(who)) {
            continue;
        }
        out.push((
            Span {
                start: chars(*body),
                end: chars(end),
                bytes: (*body, end),
            },
            who.clone(),
        ));
    }
    out
}

/// The paragraphs of a part: runs of lines parted by blank lines, trimmed of white space.
pub fn paragraphs(text: &str, part: Span) -> Vec<Span> {
    let body = &text[part.bytes.0..part.bytes.1];
    let mut out = Vec::new();
    let mut char_at = part.start;
    let mut open: Option<(u32, usize)> = None;
    let mut last_end: (u32, usize) = (part.start, part.bytes.0);
    for line in body.split_inclusive('\n') {
        let byte_at = part.bytes.0 + (line.as_ptr() as usize - body.as_ptr() as usize);
        let n = u32::try_from(line.chars().count()).unwrap_or(u32::MAX);
        if line.trim().is_empty() {
            if let Some((s, b)) = open.take() {
                out.push(trimmed(text, s, b, last_end));
            }
        } else {
            if open.is_none() {
                open = Some((char_at, byte_at));
            }
            let content = line.trim_end();
            last_end = (
                char_at + u32::try_from(content.chars().count()).unwrap_or(0),
                byte_at + content.len(),
            );
        }
        char_at += n;
    }
    if let Some((s, b)) = open {
        out.push(trimmed(text, s, b, last_end));
    }
    out
}

/// A paragraph from its first line's start to its last character, leading spaces dropped.
fn trimmed(text: &str, start: u32, byte: usize, end: (u32, usize)) -> Span {
    let lead = &text[byte..end.1];
    let skipped = lead.len() - lead.trim_start().len();
    let skipped_chars = u32::try_from(lead[..skipped].chars().count()).unwrap_or(0);
    Span {
        start: start + skipped_chars,
        end: end.0,
        bytes: (byte + skipped, end.1),
    }
}

/// Whether `c` ends a sentence.
fn ends_sentence(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '؟' | '…' | '۔')
}

/// The sentences of a paragraph, as character spans relative to the paragraph's start: each
/// ends after its mark (a mark followed by white space or the paragraph's end), leading spaces
/// dropped.
pub fn sentences(paragraph: &[char]) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let n = paragraph.len();
    let mut i = 0;
    while i < n {
        if ends_sentence(paragraph[i]) {
            let mut j = i + 1;
            while j < n
                && (ends_sentence(paragraph[j]) || matches!(paragraph[j], '"' | '»' | ')' | '”'))
            {
                j += 1;
            }
            if j == n || paragraph[j].is_whitespace() {
                out.push((start, j));
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < n {
        out.push((start, n));
    }
    out.into_iter()
        .filter_map(|(s, e)| {
            let s = (s..e).find(|&k| !paragraph[k].is_whitespace())?;
            Some((s as u32, e as u32))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_sentences_are_exact_character_spans() {
        let text = "  First one. Second?\nstill second!\n\n\nسوم است؟ بله.\n";
        let whole = parts(text, None)[0].0;
        let chars: Vec<char> = text.chars().collect();
        let got: Vec<String> = paragraphs(text, whole)
            .iter()
            .map(|p| chars[p.start as usize..p.end as usize].iter().collect())
            .collect();
        assert_eq!(got, ["First one. Second?\nstill second!", "سوم است؟ بله."]);
        let p: Vec<char> = got[0].chars().collect();
        let s: Vec<String> = sentences(&p)
            .iter()
            .map(|(a, b)| p[*a as usize..*b as usize].iter().collect())
            .collect();
        assert_eq!(s, ["First one.", "Second?", "still second!"]);
        // 3.5 and e.g. do not end sentences.
        let p: Vec<char> = "It grew 3.5 times, e.g.in trade. Then".chars().collect();
        assert_eq!(sentences(&p).len(), 2);
    }

    #[test]
    fn only_the_interviewees_turns_are_parts_without_their_labels() {
        let speakers = Speakers {
            pattern: Regex::new(r"^(P\d+|Interviewer|مصاحبه‌گر):").unwrap(),
            interviewer: INTERVIEWER
                .split(',')
                .map(crate::persian::match_key)
                .collect(),
        };
        let text = "Header line\nInterviewer: Do you trade?\nP1: We trade a lot.\nMore from P1.\nInterviewer: And culture?\nP1: Culture too.\nمصاحبه‌گر: و دین؟\n";
        let chars: Vec<char> = text.chars().collect();
        let got: Vec<(String, String)> = parts(text, Some(&speakers))
            .iter()
            .map(|(s, who)| {
                (
                    chars[s.start as usize..s.end as usize].iter().collect(),
                    who.clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    " We trade a lot.\nMore from P1.\n".to_string(),
                    "P1".to_string()
                ),
                (" Culture too.\n".to_string(), "P1".to_string()),
            ]
        );
    }
}

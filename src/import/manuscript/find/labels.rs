//! Labels for the groups a table does not name: a dimension named from the running text where
//! it names it beside the others, else a numbered placeholder, each a call; a component named
//! after its dimension where the table has no components.
//!
//! And the words an extraction may have written with other letters than printed
//! (`Manuscript::doubtful`), each a call with the other letters as its alternative.
//!
//! Not for the labels a table prints (`find` reads those).

use super::*;

/// Words that the running text names beside the known labels (`A and B`, `A، B و C`): the
/// candidates for a label the table does not print, most often named first.
fn named_beside(paragraphs: &[String], known: &[String]) -> Vec<String> {
    let mut counts: indexmap::IndexMap<String, usize> = indexmap::IndexMap::new();
    let known_keys: Vec<String> = known.iter().map(|k| crate::persian::match_key(k)).collect();
    let clean = |w: &str| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string();
    for p in paragraphs {
        let words: Vec<&str> = p.split_whitespace().collect();
        for (i, w) in words.iter().enumerate() {
            let k = crate::persian::match_key(&clean(w));
            if k.is_empty() || !known_keys.contains(&k) {
                continue;
            }
            let joins = |w: &str| matches!(w, "و" | "and" | "or" | "یا" | "&");
            // After: `A و B`, `A, B`.
            let after = match words.get(i + 1) {
                Some(j) if joins(j) => words.get(i + 2),
                _ if w.ends_with(['،', ',']) => words.get(i + 1),
                _ => None,
            };
            // Before: `B، A`, `B و A`.
            let before = match i.checked_sub(1).map(|j| words[j]) {
                Some(j) if joins(j) => i.checked_sub(2).map(|j| words[j]),
                Some(j) if j.ends_with(['،', ',']) => Some(j),
                _ => None,
            };
            for candidate in [after.copied(), before].into_iter().flatten() {
                let c = clean(candidate);
                let ck = crate::persian::match_key(&c);
                if c.chars().count() > 2
                    && !known_keys.contains(&ck)
                    && !ck.chars().any(|ch| ch.is_ascii_digit())
                {
                    *counts.entry(c).or_default() += 1;
                }
            }
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.1));
    ranked.into_iter().map(|(w, _)| w).collect()
}

/// Labels for the groups the table does not name: from the running text where it names
/// them beside the others, else a numbered placeholder; each a call.
pub(super) fn settle_labels(study: &mut Study, manuscript: &Manuscript) {
    let persian = study.persian;
    for d in 0..study.dimensions.len() {
        if !study.dimensions[d].label.is_empty() {
            continue;
        }
        let known: Vec<String> = study
            .dimensions
            .iter()
            .map(|d| d.label.clone())
            .filter(|l| !l.is_empty())
            .collect();
        study.unlabelled_dimensions += 1;
        let candidates = named_beside(&manuscript.paragraphs, &known);
        let placeholder = if persian {
            format!("بُعد {}", crate::persian::to_persian_digits(d as u64 + 1))
        } else {
            format!("Dimension {}", d + 1)
        };
        let (label, alternative, note, note_en) = match candidates.first() {
            Some(c) => {
                let alt = candidates.get(1).cloned().unwrap_or(placeholder.clone());
                let (n, e) = say(persian, format!("برچسب این بُعد در جدول چاپ نشده است؛ متن «{c}» را کنار «{}» نام می‌برد", known.join("، ")), format!("the table does not print this dimension's label; the text names «{c}» beside «{}»", known.join(", ")));
                (c.clone(), alt, n, e)
            }
            None => {
                let (n, e) = say(
                    persian,
                    "برچسب این بُعد در جدول چاپ نشده است و متن هم نامی برایش نمی‌آورد".into(),
                    "the table does not print this dimension's label, and the text gives none"
                        .into(),
                );
                (placeholder, String::new(), n, e)
            }
        };
        study.dimensions[d].label = label.clone();
        study.calls.push(Call {
            cells: vec![Moved::value(
                Subject::Dimension(d),
                "",
                &label,
                &alternative,
            )],
            note,
            note_en,
        });
    }
    for d in 0..study.dimensions.len() {
        for c in 0..study.dimensions[d].components.len() {
            if study.dimensions[d].components[c].label.is_empty() {
                // A table without components: one component named after its dimension.
                study.dimensions[d].components[c].label = study.dimensions[d].label.clone();
            }
        }
    }
    for call in &mut study.calls {
        for cell in &mut call.cells {
            if let Some(Subject::Dimension(d)) = cell.chosen_label_of {
                cell.chosen.0 = study.dimensions[d].label.clone();
            }
        }
    }
}

/// Every word holding letters the extraction cannot tell apart, one call each: the cells
/// that hold it (labels, and the roster's names, roles, topics and findings), each with the
/// word written with the other letters as the alternative.
pub(super) fn doubtful_letters(study: &mut Study, manuscript: &Manuscript) {
    for &(written, maybe) in &manuscript.doubtful {
        let mut cells: Vec<(Subject, &'static str, String)> = Vec::new();
        for (d, dim) in study.dimensions.iter().enumerate() {
            cells.push((Subject::Dimension(d), "", dim.label.clone()));
            for (c, comp) in dim.components.iter().enumerate() {
                cells.push((Subject::Component(d, c), "", comp.label.clone()));
                for (t, theme) in comp.themes.iter().enumerate() {
                    cells.push((Subject::BaseTheme(d, c, t), "", theme.label.clone()));
                }
            }
        }
        for (i, p) in study.interviewees.iter().enumerate() {
            for (column, text) in [
                ("name", &p.name),
                ("role", &p.role),
                ("topics", &p.topics),
                ("findings", &p.findings),
            ] {
                cells.push((Subject::Interviewee(i), column, text.clone()));
            }
        }
        let mut words: indexmap::IndexMap<String, Vec<usize>> = indexmap::IndexMap::new();
        for (n, (_, _, text)) in cells.iter().enumerate() {
            for word in text.split(|c: char| !in_word(c)) {
                if word.contains(written) {
                    let at = words.entry(word.to_string()).or_default();
                    if at.last() != Some(&n) {
                        at.push(n);
                    }
                }
            }
        }
        for (word, at) in words {
            let other = word.replace(written, maybe);
            let moved = at
                .iter()
                .map(|&n| {
                    let (subject, column, text) = &cells[n];
                    Moved::value(*subject, column, text, &replace_word(text, &word, &other))
                })
                .collect();
            let (note, note_en) = say(
                study.persian,
                format!("«{word}» شاید «{other}» باشد: متن استخراج‌شده پیوند لام‌الف («{maybe}») را «{written}» می‌نویسد، همان‌گونه که «{written}» چاپ‌شده را"),
                format!("«{word}» may be «{other}»: the extracted text writes the lam-alef ligature («{maybe}») as «{written}», as it writes a printed «{written}»"),
            );
            study.calls.push(Call {
                cells: moved,
                note,
                note_en,
            });
        }
    }
}

/// Whether a character is part of a word (a letter, a digit, or a ZWNJ inside one).
fn in_word(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{200C}'
}

/// A text with each whole occurrence of a word replaced (not where it is part of another).
fn replace_word(text: &str, word: &str, by: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(word) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + word.len()..].chars().next();
        out.push_str(&rest[..at]);
        if before.is_some_and(in_word) || after.is_some_and(in_word) {
            out.push_str(word);
        } else {
            out.push_str(by);
        }
        rest = &rest[at + word.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dimension_the_table_does_not_name_takes_the_name_the_text_gives_beside_the_others() {
        let named = named_beside(
            &[
                "the motivational and environmental dimensions".into(),
                "Motivational, cognitive".into(),
            ],
            &["motivational".into()],
        );
        assert_eq!(named, ["environmental", "cognitive"]);
    }

    #[test]
    fn a_word_is_replaced_where_it_stands_alone_not_inside_another() {
        assert_eq!(
            replace_word("شمال، شمالی و شمال", "شمال", "شملا"),
            "شملا، شمالی و شملا"
        );
    }
}

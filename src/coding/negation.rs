//! Whether a match is negated: a cue near it in its clause, flagged on the segment (not
//! dropped). English and Persian cues before the term, up to three words back (NegEx counts
//! five, VADER three; three keeps "not only … but" cues out of the next clause less often);
//! and, in Persian, a negated verb after it up to the clause's end, where Persian (verb last)
//! puts the negation («… همکاری اقتصادی انجام نشده است»).
//!
//! Not for matching (`matcher`).

use super::key::key;

/// English cues before a term.
const ENGLISH: &[&str] = &[
    "not", "no", "never", "without", "nor", "neither", "cannot", "none", "lack", "lacks",
    "lacking", "absence",
];
/// Persian cues before a term («بی» is left out: written apart it is mostly «بی شک»,
/// undoubtedly; joined it is part of the word).
const PERSIAN_BEFORE: &[&str] = &["عدم", "بدون", "هیچ", "فاقد", "نه", "هرگز"];
/// Words after a cue that make it no negation (NegEx's pseudo-negations): «بدون شک», "no
/// doubt", "not only".
const PSEUDO: &[&str] = &["شک", "تردید", "doubt", "only", "just", "longer"];
/// Endings of a Persian verb after its stem (past or present): a word «ن» + stem + something
/// else is another word («نزدیک» is ن + زد + یک).
const VERB_ENDINGS: &[&str] = &["", "م", "ی", "د", "یم", "ید", "ند", "ه", "ن", "هاند", "هام"];
/// Persian negated verbs: the negative prefix (ن، نمی) on a verb stem, or «نیست».
const PERSIAN_STEMS: &[&str] = &[
    "دار",
    "داشت",
    "کرد",
    "کن",
    "شد",
    "شو",
    "بود",
    "باش",
    "خواه",
    "خواست",
    "توان",
    "توانست",
    "ده",
    "داد",
    "گیر",
    "گرفت",
    "رس",
    "رسید",
    "یاب",
    "یافت",
    "آمد",
    "آی",
    "رفت",
    "رو",
    "گذاشت",
    "گذار",
    "دید",
    "بین",
    "گفت",
    "گو",
    "ماند",
    "مان",
    "ساخت",
    "ساز",
    "بست",
    "بند",
    "افت",
    "افتاد",
    "زد",
    "زن",
];
/// Words that end the clause a Persian negated verb can close.
const CLAUSE_END: &[char] = &['.', '!', '?', '؟', ';', '؛', ',', '،', ':'];

/// Whether a Persian word (its key) is a negated verb.
fn negated_verb(word: &str) -> bool {
    if matches!(
        word,
        "نیست"
            | "نیستند"
            | "نیستیم"
            | "نیستم"
            | "نبود"
            | "نبودند"
            | "نباید"
            | "نشاید"
    ) {
        return true;
    }
    if let Some(rest) = word.strip_prefix("نمی") {
        return rest.chars().count() >= 2;
    }
    let Some(rest) = word.strip_prefix('ن') else {
        return false;
    };
    PERSIAN_STEMS.iter().any(|s| {
        rest.strip_prefix(s)
            .is_some_and(|ending| VERB_ENDINGS.contains(&ending))
    })
}

/// The words of `chars[from..to]` with their text, in order.
fn words(chars: &[char], from: usize, to: usize) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut i = from;
    while i < to {
        if chars[i].is_alphanumeric() || chars[i] == '\'' || chars[i] == '’' {
            let s = i;
            while i < to && !chars[i].is_whitespace() && !CLAUSE_END.contains(&chars[i]) {
                i += 1;
            }
            out.push((s, chars[s..i].iter().collect()));
        } else {
            if CLAUSE_END.contains(&chars[i]) {
                out.push((i, chars[i].to_string()));
            }
            i += 1;
        }
    }
    out
}

/// The cue that negates the match `[start, end)` of `paragraph`, as written, if any.
pub fn cue(paragraph: &[char], start: usize, end: usize, persian: bool) -> Option<String> {
    let before = words(paragraph, start.saturating_sub(80), start);
    let mut back = 0;
    for (i, (_, w)) in before.iter().enumerate().rev() {
        if w.chars().all(|c| CLAUSE_END.contains(&c)) {
            break;
        }
        back += 1;
        if back > 3 {
            break;
        }
        let k = key(w).key;
        let k = k.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
        let english = ENGLISH.contains(&k) || k.ends_with("n't");
        let pseudo = before
            .get(i + 1)
            .is_some_and(|(_, next)| PSEUDO.contains(&key(next).key.as_str()));
        if (english || PERSIAN_BEFORE.contains(&k)) && !pseudo {
            return Some(w.clone());
        }
    }
    if persian {
        let after = words(paragraph, end, (end + 120).min(paragraph.len()));
        for (_, w) in after.iter().take(8) {
            if w.chars().all(|c| CLAUSE_END.contains(&c)) {
                break;
            }
            if negated_verb(&key(w).key) {
                return Some(w.clone());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn negated(text: &str, term: &str) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        let s = text.find(term).unwrap();
        let start = text[..s].chars().count();
        let end = start + term.chars().count();
        cue(
            &chars,
            start,
            end,
            term.chars().any(crate::persian::is_arabic_script),
        )
    }

    #[test]
    fn cues_before_in_both_languages_and_a_persian_negated_verb_after() {
        assert_eq!(
            negated("There was no trade at all.", "trade").as_deref(),
            Some("no")
        );
        assert_eq!(
            negated("They didn't really trade.", "trade").as_deref(),
            Some("didn't")
        );
        assert_eq!(negated("Not a word. Trade grew.", "Trade"), None);
        assert_eq!(negated("No, but the trade grew.", "trade"), None);
        assert_eq!(
            negated("بدون همکاری اقتصادی", "همکاری").as_deref(),
            Some("بدون")
        );
        assert_eq!(
            negated("همکاری اقتصادی میان دو کشور انجام نشده است.", "همکاری").as_deref(),
            Some("نشده")
        );
        assert_eq!(
            negated("همکاری اقتصادی نمی‌تواند پیش برود", "همکاری").as_deref(),
            Some("نمی‌تواند")
        );
        // ن at a word's start that is no verb, and a negation past the clause's end.
        assert_eq!(negated("همکاری در نفت و نظر نامه", "همکاری"), None);
        assert_eq!(negated("همکاری گسترش یافت، اما تجارت نشد.", "همکاری"), None);
        // «نزدیک» (close) is ن + زد + یک, no verb; «بی شک» and "not only" negate nothing.
        assert_eq!(negated("همسایه نزدیک و دوست", "همسایه"), None);
        assert_eq!(negated("بی شک زبان مشترک", "زبان مشترک"), None);
        assert_eq!(negated("not only trade but culture", "trade"), None);
        assert_eq!(
            negated("تجارت رونق نیافت", "تجارت").as_deref(),
            Some("نیافت")
        );
    }
}

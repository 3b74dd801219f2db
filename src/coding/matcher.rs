//! Every term of a scheme in one automaton (aho-corasick), run over a text's match key, each
//! candidate then checked at word boundaries the way the term's script writes words: Persian
//! suffixes joined, after a ZWNJ (dropped from the key) or after a space (ها، های، ی، ای، ان،
//! ات، تر، ترین); English plural and possessive. A word that only contains a term (زنجان for
//! «زن», riverbank for "river") never matches.
//!
//! The automaton reports overlapping candidates (`find_overlapping_iter`), so a candidate that
//! fails its boundary check hides no other; of a base theme's overlapping matches the longest
//! is kept.
//!
//! Not for the key (`key`) nor for what a match is coded as (`mod.rs`).

use super::key::{in_word, Keyed};
use super::terms::{Match, Term};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// Suffixes a Persian word takes joined to it (or after a ZWNJ, which the key drops).
const JOINED: &[&str] = &[
    "ها", "های", "هایی", "ی", "ای", "یی", "ان", "ات", "تر", "ترین", "تری",
];
/// Suffixes a Persian word takes after a space.
const SPACED: &[&str] = &["ها", "های", "هایی", "ای", "تر", "ترین"];
/// Endings an English word takes (the possessive's apostrophe is a word's end already).
const ENGLISH: &[&str] = &["s", "es"];

struct Pattern {
    theme: usize,
    term: usize,
    mode: Match,
    persian: bool,
}

/// The compiled terms.
pub struct Matcher {
    automaton: Option<AhoCorasick>,
    patterns: Vec<Pattern>,
}

/// A match: the base theme and term (indices as given), its span in the key's text, in
/// characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub theme: usize,
    pub term: usize,
    pub start: u32,
    pub end: u32,
}

impl Matcher {
    /// Terms as (base theme index, term).
    pub fn new(terms: &[(usize, Term)]) -> Matcher {
        let mut keys: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        for (i, (theme, term)) in terms.iter().enumerate() {
            let k = super::key::key(&term.text).key;
            if k.is_empty() {
                continue;
            }
            let persian = k.chars().any(crate::persian::is_arabic_script);
            // An English word in -y takes -ies ("economy", "economies").
            if term.mode == Match::Word && !persian {
                if let Some(stem) = k.strip_suffix('y') {
                    if stem.chars().last().is_some_and(|c| !"aeiou".contains(c)) {
                        keys.push(format!("{stem}ies"));
                        patterns.push(Pattern {
                            theme: *theme,
                            term: i,
                            mode: Match::Exact,
                            persian,
                        });
                    }
                }
            }
            for variant in inner_plurals(&k, persian && term.mode == Match::Word) {
                keys.push(variant);
                patterns.push(Pattern {
                    theme: *theme,
                    term: i,
                    mode: term.mode,
                    persian,
                });
            }
        }
        let automaton = (!keys.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .build(&keys)
                .expect("terms small enough for an automaton")
        });
        Matcher {
            automaton,
            patterns,
        }
    }

    /// Every match in `keyed`, by start; a base theme's overlapping matches give its longest.
    pub fn find(&self, keyed: &Keyed) -> Vec<Hit> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let key = keyed.key.as_str();
        let mut hits: Vec<Hit> = Vec::new();
        for m in automaton.find_overlapping_iter(key) {
            let p = &self.patterns[m.pattern().as_usize()];
            let (s, e) = (m.start(), m.end());
            if key[..s].chars().next_back().is_some_and(in_word) {
                continue;
            }
            let Some(end) = word_end(key, e, p.mode, p.persian) else {
                continue;
            };
            let (start, end) = keyed.chars(s, end);
            hits.push(Hit {
                theme: p.theme,
                term: p.term,
                start,
                end,
            });
        }
        // Longest first at each start; then drop a theme's hits inside one already kept.
        hits.sort_by_key(|h| (h.theme, h.start, std::cmp::Reverse(h.end), h.term));
        let mut kept: Vec<Hit> = Vec::with_capacity(hits.len());
        for h in hits {
            if let Some(last) = kept.last() {
                if last.theme == h.theme && h.start < last.end {
                    continue;
                }
            }
            kept.push(h);
        }
        kept.sort_by_key(|h| (h.start, h.end, h.theme));
        kept
    }
}

/// A Persian phrase's key with each inner word also in its plural with ezafe («برنامه‌های
/// فرهنگی» for «برنامه فرهنگی»), joined (the key drops the ZWNJ) or after a space: the
/// phrase's last word takes its suffixes at the match's end. Phrases of up to four words (a
/// longer one is kept as written).
fn inner_plurals(key: &str, persian_word: bool) -> Vec<String> {
    let words: Vec<&str> = key.split(' ').collect();
    if !persian_word || words.len() < 2 || words.len() > 4 {
        return vec![key.to_string()];
    }
    let mut out = vec![String::new()];
    for (i, w) in words.iter().enumerate() {
        let last = i + 1 == words.len();
        let forms: Vec<String> = if last || w.ends_with("های") {
            vec![w.to_string()]
        } else {
            vec![w.to_string(), format!("{w}های"), format!("{w} های")]
        };
        out = out
            .iter()
            .flat_map(|prefix| {
                forms.iter().map(move |f| {
                    if prefix.is_empty() {
                        f.clone()
                    } else {
                        format!("{prefix} {f}")
                    }
                })
            })
            .collect();
    }
    out
}

/// Where a match ending at key byte `e` ends as a word, if it is one: at `e` itself, after a
/// suffix its script allows, or anywhere in the word for a prefix.
fn word_end(key: &str, e: usize, mode: Match, persian: bool) -> Option<usize> {
    let rest = &key[e..];
    let word_len = rest.find(|c: char| !in_word(c)).unwrap_or(rest.len());
    let tail = &rest[..word_len];
    match mode {
        Match::Prefix => Some(e + word_len),
        Match::Exact => tail.is_empty().then_some(e),
        Match::Word => {
            let suffixes = if persian { JOINED } else { ENGLISH };
            if !tail.is_empty() {
                return suffixes.contains(&tail).then_some(e + word_len);
            }
            // «همکاری ها»: a suffix after a space is the word's.
            if persian {
                if let Some(after) = rest.strip_prefix(' ') {
                    let n = after.find(|c: char| !in_word(c)).unwrap_or(after.len());
                    if SPACED.contains(&&after[..n]) {
                        return Some(e + 1 + n);
                    }
                }
            }
            Some(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::key::key;
    use super::*;

    fn term(text: &str, mode: Match) -> Term {
        Term {
            text: text.into(),
            mode,
            origin: String::new(),
        }
    }

    fn found(terms: &[(&str, Match)], text: &str) -> Vec<String> {
        let list: Vec<(usize, Term)> = terms
            .iter()
            .enumerate()
            .map(|(i, (t, m))| (i, term(t, *m)))
            .collect();
        let chars: Vec<char> = text.chars().collect();
        Matcher::new(&list)
            .find(&key(text))
            .iter()
            .map(|h| chars[h.start as usize..h.end as usize].iter().collect())
            .collect()
    }

    #[test]
    fn persian_words_match_with_their_suffixes_joined_after_a_zwnj_or_a_space() {
        let w = [("همکاری", Match::Word)];
        for text in ["همکاری", "همکاری‌ها", "همکاریهای", "همکاری های", "همكاري‌هاي"]
        {
            assert_eq!(found(&w, &format!("در {text} دو کشور")), [text], "{text}");
        }
        // A word that holds the term is another word.
        assert!(found(&[("زن", Match::Word)], "شهر زنجان و زنبور").is_empty());
        assert_eq!(found(&[("زن", Match::Word)], "زنان زنجان"), ["زنان"]);
        assert!(found(&[("زن", Match::Exact)], "زنان").is_empty());
        assert_eq!(found(&[("اقتصاد", Match::Prefix)], "اقتصادی"), ["اقتصادی"]);
        // A compound written with a ZWNJ is one word: its second part is not the term.
        assert!(found(&[("فروشی", Match::Word)], "کتاب‌فروشی").is_empty());
        // A phrase: its words in order, its last word inflected.
        assert_eq!(
            found(
                &[("همکاری اقتصادی", Match::Word)],
                "همکاری   اقتصادی‌ای بزرگ"
            ),
            ["همکاری   اقتصادی‌ای"]
        );
        // An inner word in its plural with ezafe, joined, after a ZWNJ or a space.
        for text in ["برنامه‌های فرهنگی", "برنامه های فرهنگی", "برنامههای فرهنگی"]
        {
            assert_eq!(
                found(&[("برنامه فرهنگی", Match::Word)], text),
                [text],
                "{text}"
            );
        }
        assert!(found(&[("برنامه فرهنگی", Match::Exact)], "برنامه‌های فرهنگی").is_empty());
    }

    #[test]
    fn english_words_match_whole_folded_for_case_with_plural_and_possessive() {
        let w = [("river", Match::Word)];
        assert_eq!(
            found(&w, "The River, rivers and the river's bank"),
            ["River", "rivers", "river"]
        );
        assert!(found(&w, "a riverbank").is_empty());
        assert!(found(&[("sport", Match::Word)], "sportsmanship").is_empty());
        assert_eq!(
            found(&[("economy", Match::Word)], "Economies grow"),
            ["Economies"]
        );
        assert_eq!(
            found(&[("econom", Match::Prefix)], "economic ties"),
            ["economic"]
        );
        assert_eq!(
            found(&[("ÉCONOMIE", Match::Word)], "l'économie"),
            ["économie"]
        );
    }

    #[test]
    fn a_themes_overlapping_matches_give_its_longest_and_two_themes_keep_theirs() {
        let list = vec![
            (0, term("new york", Match::Word)),
            (0, term("york", Match::Word)),
            (1, term("new york times", Match::Word)),
        ];
        let hits = Matcher::new(&list).find(&key("the New York Times"));
        let spans: Vec<(usize, u32, u32)> =
            hits.iter().map(|h| (h.theme, h.start, h.end)).collect();
        assert_eq!(spans, [(0, 4, 12), (1, 4, 18)]);
    }
}

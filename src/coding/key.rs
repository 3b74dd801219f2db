//! The match key of a text: a normalised copy that terms are matched on, with a map from every
//! byte of it back to the character of the original it came from, so that a match gives exact
//! offsets into the text as read.
//!
//! Folded: NFKC (presentation forms), Arabic yeh and kaf to Persian, teh marbuta and heh with
//! yeh to heh, tatweel, harakat and every other combining mark of Arabic script dropped,
//! ZWNJ and ZWJ dropped (so «همکاری‌ها», «همکاریها» read the same; a suffix after a space is
//! the matcher's), digits of any script to ASCII, letters to lower case (only Latin, Greek and
//! Cyrillic have case), curly apostrophes to `'`, every run of white space to one space.
//!
//! Not for matching (`matcher`) nor for labels (`persian::match_key`, which drops spaces and
//! keeps no offsets).

use unicode_normalization::UnicodeNormalization;

/// A text's key and, for each byte of the key, the index (in characters) of the original
/// character it came from.
#[derive(Debug, Clone, Default)]
pub struct Keyed {
    pub key: String,
    pub at: Vec<u32>,
}

impl Keyed {
    /// The original characters `[start, end)` a key byte span `[from, to)` covers.
    pub fn chars(&self, from: usize, to: usize) -> (u32, u32) {
        (self.at[from], self.at[to - 1] + 1)
    }
}

/// Whether `c` is dropped from the key: joiners, tatweel and the marks of Arabic script, which
/// spell the same word.
fn dropped(c: char) -> bool {
    matches!(
        c,
        '\u{200C}' | '\u{200D}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}' | '\u{00AD}' | '\u{0640}'
    ) || crate::persian::is_diacritic(c)
}

/// One character of the key as folded (after NFKC).
fn folded(c: char) -> Option<char> {
    Some(match c {
        'ي' | 'ى' | 'ۍ' | 'ې' => 'ی',
        'ك' | 'ڪ' => 'ک',
        'ة' | 'ۀ' | 'ە' | 'ھ' | 'ہ' => 'ه',
        '’' | '‘' | 'ʼ' | '`' => '\'',
        c if dropped(c) => return None,
        c => match crate::persian::digit(c) {
            Some((d, _)) => char::from_digit(d, 10).expect("a digit"),
            None => c,
        },
    })
}

/// The key of `text`.
pub fn key(text: &str) -> Keyed {
    let mut out = Keyed {
        key: String::with_capacity(text.len()),
        at: Vec::with_capacity(text.len()),
    };
    let mut space = false;
    let mut buf = [0u8; 4];
    for (i, c) in text.chars().enumerate() {
        let i = u32::try_from(i).unwrap_or(u32::MAX);
        if c.is_whitespace() {
            if !space && !out.key.is_empty() {
                out.key.push(' ');
                out.at.push(i);
            }
            space = true;
            continue;
        }
        let before = out.key.len();
        let mut push = |k: char| {
            for l in k.to_lowercase() {
                let s = l.encode_utf8(&mut buf);
                out.key.push_str(s);
                out.at.extend(std::iter::repeat_n(i, s.len()));
            }
        };
        if c.is_ascii() {
            push(c);
        } else {
            for n in std::iter::once(c).nfkc() {
                if n.is_whitespace() {
                    continue;
                }
                if let Some(k) = folded(n) {
                    push(k);
                }
            }
        }
        if out.key.len() > before {
            space = false;
        }
    }
    if out.key.ends_with(' ') {
        out.key.pop();
        out.at.pop();
    }
    out
}

/// A character of a word in the key: a letter or a digit (marks are dropped from the key).
pub fn in_word(c: char) -> bool {
    c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn variants_of_a_word_have_one_key_and_every_key_byte_its_character() {
        for (text, want) in [
            ("همکاری‌ها", "همکاریها"),
            ("همكاري‌ها", "همکاریها"),
            ("تـجـارت", "تجارت"),
            ("مقدّمهٔ", "مقدمه"),
            ("۱۴۰۳ و ١٤٠٣", "1403 و 1403"),
            ("Iran’s  ECONOMY\n", "iran's economy"),
            ("ﻫﻤﮑﺎﺭﯼ", "همکاری"),
        ] {
            assert_eq!(key(text).key, want, "{text}");
        }
        let text = "آن همکاری‌ها";
        let k = key(text);
        let at = k.key.find("همکاری").unwrap();
        let (s, e) = k.chars(at, at + "همکاریها".len());
        let chars: Vec<char> = text.chars().collect();
        assert_eq!(
            chars[s as usize..e as usize].iter().collect::<String>(),
            "همکاری‌ها"
        );
    }
}

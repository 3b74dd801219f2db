//! Interviewee codes (case IDs) as a study writes them: a number (`7` = `۷` = `٧`), or a short
//! identifier of letters and digits (`P01`, `T3`, `Int-04`, `م۱`).
//!
//! A [`CaseId`] is four bytes and `Copy`. A number is stored as itself, so a study numbered
//! 1, 2, 3 costs what it always did and shows the same bytes. An identifier is interned once per
//! process in a symbol table (rustc's `Symbol` is the model): the same identifier read from two
//! codebooks (two coders in `agree`, two versions in `diff`) is the same `CaseId`, with no table
//! to carry between them. Identifiers are compared by a key that ignores what the eye does not
//! see: invisible marks, digit scripts (`م1` = `م۱`), Arabic or Persian yeh and kaf, the dashes a
//! spreadsheet substitutes for `-`. Case is kept: `p01` is not `P01` (the audit suggests one for
//! the other). A digit string with a leading zero (`007`) is an identifier, kept as written, not
//! the number 7.
//!
//! Order is natural: numbers by value, then identifiers by their letters and the value of their
//! digit runs (`P2` before `P10`), whatever order they were interned in.
//!
//! Not for splitting a list of codes (the codebook's `source_codes`, above this room) nor for whether a code
//! has a roster row (the audit's question).

use crate::persian::{digit, is_invisible, DigitScript, NumberError, MAX_NUMBER};
use std::cmp::Ordering;
use std::sync::{LazyLock, PoisonError, RwLock};
use unicode_normalization::UnicodeNormalization;

/// One interviewee's code: a number or an interned identifier. Deliberately not `Display`: a
/// number takes the output's digits and an identifier does not, so every place that shows a
/// code says which it wants ([`CaseId::written`], or `Lang::id` and `Digits::id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CaseId(u32);

/// Handles at or above this are identifiers; below it, the number itself.
const TEXT: u32 = 1 << 31;

/// The longest identifier accepted, in characters: IDs are short; a longer cell is a phrase.
pub const MAX_ID_CHARS: usize = 32;

/// Why a code cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdError {
    Empty,
    /// The number 0 (codes that are numbers start at 1).
    Zero,
    /// A number that cannot be one (too large, mixed digit scripts).
    Number(NumberError),
    /// A character an identifier cannot hold.
    NotAllowed(char),
    /// An identifier that starts or ends with a joiner (`-`, `_`).
    Edge(char),
    /// Two joiners in a row (`P--1`).
    DoubleJoiner,
    TooLong(usize),
    MixedScripts(DigitScript, DigitScript),
}

impl std::fmt::Display for IdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IdError::Empty => write!(f, "it is empty"),
            IdError::Zero => write!(f, "it is 0, but codes that are numbers start at 1"),
            IdError::Number(why) => write!(f, "{why}"),
            IdError::NotAllowed(c) => write!(
                f,
                "{c:?} (U+{:04X}) cannot be part of a code (a code is letters and digits, joined by - or _)",
                *c as u32
            ),
            IdError::Edge(c) => write!(f, "it starts or ends with {c:?}"),
            IdError::DoubleJoiner => write!(f, "it has two joiners (- or _) in a row"),
            IdError::TooLong(n) => write!(
                f,
                "it is {n} characters long; a code is at most {MAX_ID_CHARS}"
            ),
            IdError::MixedScripts(a, b) => {
                write!(f, "it mixes {} and {} digits", a.name(), b.name())
            }
        }
    }
}

impl CaseId {
    /// The code of a numbered interviewee. `n` must be 1..=1,000,000,000 (what the parser takes).
    pub fn number(n: u32) -> CaseId {
        debug_assert!(n > 0 && u64::from(n) <= MAX_NUMBER);
        CaseId(n.min(TEXT - 1))
    }

    /// Read one code as written (surrounding spaces and invisible marks ignored).
    pub fn parse(written: &str) -> Result<CaseId, IdError> {
        // The common case, a number in ASCII digits, without a copy: a large study has
        // millions of codes.
        let trimmed = written.trim();
        if !trimmed.is_empty() && trimmed.len() <= 9 && trimmed.bytes().all(|b| b.is_ascii_digit())
        {
            let n: u32 = trimmed.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0'));
            return match n {
                0 => Err(IdError::Zero),
                _ if trimmed.starts_with('0') => Ok(intern(trimmed)),
                _ => Ok(CaseId::number(n)),
            };
        }
        // Invisible characters are all outside ASCII: most cells skip the copy.
        let visible: String;
        let text = if !written.is_ascii() && written.chars().any(is_invisible) {
            visible = written.chars().filter(|&c| !is_invisible(c)).collect();
            visible.trim()
        } else {
            trimmed
        };
        if text.is_empty() {
            return Err(IdError::Empty);
        }
        // Without a letter it is a number (with the number's errors: `2.5`, `1۲`), unless it
        // is a zero-padded digit string, which is an identifier kept as written.
        let padded = text.chars().all(|c| digit(c).is_some())
            && text
                .chars()
                .next()
                .and_then(digit)
                .is_some_and(|(d, _)| d == 0)
            && text.chars().any(|c| digit(c).is_some_and(|(d, _)| d != 0));
        // A cell with neither a letter nor a digit (`&`) is not a number gone wrong.
        let has_digit = text.chars().any(|c| digit(c).is_some());
        if !padded && has_digit && !text.chars().any(char::is_alphabetic) {
            return match crate::persian::parse_number(text) {
                Ok(0) => Err(IdError::Zero),
                Ok(n) => Ok(CaseId::number(n as u32)),
                Err(why) => Err(IdError::Number(why)),
            };
        }
        let key = identifier_key(text)?;
        // A key of digits only (`¹` is `1` once normalised) is the number it reads as, so
        // that the code is written back as something that reads the same (found by fuzzing).
        if !key.is_empty() && !key.starts_with('0') && key.bytes().all(|b| b.is_ascii_digit()) {
            return CaseId::parse(&key);
        }
        Ok(intern(&key))
    }

    /// The number, for a numbered interviewee.
    pub fn as_number(self) -> Option<u32> {
        (self.0 < TEXT).then_some(self.0)
    }

    /// Whether this is an identifier rather than a number.
    pub fn is_text(self) -> bool {
        self.0 >= TEXT
    }

    /// The identifier's key (digits in ASCII), for an identifier.
    fn key(self) -> Option<&'static str> {
        self.entry().map(|e| e.key)
    }

    /// The identifier's entry in the symbol table.
    fn entry(self) -> Option<Entry> {
        if self.0 < TEXT {
            return None;
        }
        let table = INTERNER.read().unwrap_or_else(PoisonError::into_inner);
        table.entries.get((self.0 - TEXT) as usize).copied()
    }

    /// The code as a study shows it: a number in ASCII digits; an identifier as written, its
    /// digits in the script of its letters (Persian for `م۱`, ASCII for `P01`).
    pub fn written(self) -> std::borrow::Cow<'static, str> {
        match self.key() {
            None => self.0.to_string().into(),
            Some(key) => shown(key),
        }
    }

    /// The handle, to pack into a sort key; [`CaseId::from_raw`] reads it back.
    pub(crate) fn raw(self) -> u32 {
        self.0
    }

    pub(crate) fn from_raw(raw: u32) -> CaseId {
        CaseId(raw)
    }
}

/// Natural order as bytes, so that comparing two identifiers is comparing two byte strings:
/// each run of letters as `1` and its bytes, each run of digits as `0`, its length without
/// leading zeros, and those digits (so that 9 < 10, and digits sort before letters, as in a
/// dictionary); first with letters lower-cased, then as written, then the key itself, so that
/// only equal keys are equal (`p3` between `P2` and `P10`; `P01` before `P1`).
fn natural_key(key: &str) -> Vec<u8> {
    let runs = |lower: bool, out: &mut Vec<u8>| {
        let mut rest = key;
        while let Some(c) = rest.chars().next() {
            let is_digit = c.is_ascii_digit();
            let end = rest
                .char_indices()
                .find(|&(_, d)| d.is_ascii_digit() != is_digit)
                .map_or(rest.len(), |(i, _)| i);
            let run = &rest[..end];
            if is_digit {
                let digits = run.trim_start_matches('0');
                out.push(0);
                out.push(digits.len().min(255) as u8);
                out.extend_from_slice(digits.as_bytes());
            } else {
                out.push(1);
                if lower {
                    out.extend_from_slice(run.to_lowercase().as_bytes());
                } else {
                    out.extend_from_slice(run.as_bytes());
                }
            }
            rest = &rest[end..];
        }
    };
    let mut out = Vec::with_capacity(key.len() * 3 + 8);
    runs(true, &mut out);
    // The parts above have equal lengths when equal, so what follows lines up.
    out.push(2);
    runs(false, &mut out);
    out.push(2);
    out.extend_from_slice(key.as_bytes());
    out
}

impl Ord for CaseId {
    fn cmp(&self, other: &CaseId) -> Ordering {
        if self.0 == other.0 {
            return Ordering::Equal;
        }
        match (self.entry(), other.entry()) {
            (None, None) => self.0.cmp(&other.0),
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (Some(a), Some(b)) => a.natural.cmp(b.natural),
        }
    }
}

impl PartialOrd for CaseId {
    fn partial_cmp(&self, other: &CaseId) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// JSON: a number stays a number; an identifier is a string.
impl serde::Serialize for CaseId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.as_number() {
            Some(n) => serializer.serialize_u32(n),
            None => serializer.serialize_str(&self.written()),
        }
    }
}

/// The identifier's key: NFKC, dashes as `-`, Arabic yeh and kaf as Persian, digits in ASCII;
/// validated (letters, digits, marks, `-` and `_` inside; one digit script; short).
fn identifier_key(text: &str) -> Result<std::borrow::Cow<'_, str>, IdError> {
    // ASCII is its own NFKC and has no dashes or yeh to fold: checked, not copied.
    if text.is_ascii() {
        if let Some(c) = text
            .chars()
            .find(|&c| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        {
            return Err(IdError::NotAllowed(c));
        }
        shape(text, text.len())?;
        return Ok(text.into());
    }
    let mut key = String::with_capacity(text.len());
    let mut script: Option<DigitScript> = None;
    let mut count = 0;
    for c in text.nfkc() {
        let c = match c {
            '‐' | '‑' | '–' | '—' | '−' => '-',
            'ي' | 'ى' => 'ی',
            'ك' => 'ک',
            _ => c,
        };
        count += 1;
        if let Some((d, s)) = digit(c) {
            match script {
                Some(first) if first != s => return Err(IdError::MixedScripts(first, s)),
                _ => script = Some(s),
            }
            key.push(char::from_digit(d, 10).unwrap_or(c));
        } else if c.is_alphanumeric() || c == '-' || c == '_' || is_mark(c) {
            key.push(c);
        } else {
            return Err(IdError::NotAllowed(c));
        }
    }
    shape(&key, count)?;
    Ok(key.into())
}

/// What every identifier's key must be, whatever its script: short, with joiners (`-`, `_`)
/// only inside and never two side by side. `chars` is its length in characters.
fn shape(key: &str, chars: usize) -> Result<(), IdError> {
    if chars > MAX_ID_CHARS {
        return Err(IdError::TooLong(chars));
    }
    let joiner = |c: char| c == '-' || c == '_';
    for edge in [key.chars().next(), key.chars().last()]
        .into_iter()
        .flatten()
    {
        if joiner(edge) {
            return Err(IdError::Edge(edge));
        }
    }
    let bytes = key.as_bytes();
    if bytes
        .windows(2)
        .any(|w| joiner(char::from(w[0])) && joiner(char::from(w[1])))
    {
        return Err(IdError::DoubleJoiner);
    }
    Ok(())
}

/// Combining marks an identifier in Arabic script may carry (harakat, hamza above).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// An identifier as shown: Persian digits when it is written in Arabic script.
fn shown(key: &'static str) -> std::borrow::Cow<'static, str> {
    let arabic_script = key
        .chars()
        .any(|c| c.is_alphabetic() && crate::persian::is_arabic_script(c));
    if !arabic_script || !key.bytes().any(|b| b.is_ascii_digit()) {
        return key.into();
    }
    key.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) if c.is_ascii_digit() => char::from_u32('۰' as u32 + d).unwrap_or(c),
            _ => c,
        })
        .collect::<String>()
        .into()
}

/// The process's identifiers: key → handle, handle → key and natural-order bytes. Leaked: a
/// study has at most millions, each interned once however many codebooks name it.
#[derive(Default)]
struct Interner {
    entries: Vec<Entry>,
    index: IdMap<&'static str, u32>,
}

#[derive(Clone, Copy)]
struct Entry {
    key: &'static str,
    natural: &'static [u8],
}

/// Keys to handles, hashed with foldhash (a fixed seed: nothing iterates the map).
type IdMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::FixedState>;

static INTERNER: LazyLock<RwLock<Interner>> = LazyLock::new(Default::default);

thread_local! {
    /// What this thread has interned or looked up: the roster and the source codes are read on
    /// two threads, and ten million lookups through one lock make them wait on each other.
    static SEEN: std::cell::RefCell<IdMap<&'static str, u32>> = Default::default();
}

/// The handle of `key`; no allocation when it is known already.
fn intern(key: &str) -> CaseId {
    if let Some(i) = SEEN.with(|seen| seen.borrow().get(key).copied()) {
        return CaseId(TEXT + i);
    }
    let (i, key) = intern_shared(key);
    SEEN.with(|seen| seen.borrow_mut().insert(key, i));
    CaseId(TEXT + i)
}

/// The handle of `key` in the process's table, and the table's copy of the key.
fn intern_shared(key: &str) -> (u32, &'static str) {
    if let Some((&k, &i)) = INTERNER
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .index
        .get_key_value(key)
    {
        return (i, k);
    }
    let mut table = INTERNER.write().unwrap_or_else(PoisonError::into_inner);
    if let Some((&k, &i)) = table.index.get_key_value(key) {
        return (i, k);
    }
    // 2^31 identifiers is far past any memory this process has; saturate rather than wrap.
    let i = (table.entries.len() as u32).min(TEXT - 1);
    let natural: &'static [u8] = Box::leak(natural_key(key).into_boxed_slice());
    let key: &'static str = Box::leak(key.to_string().into_boxed_str());
    table.entries.push(Entry { key, natural });
    table.index.insert(key, i);
    (i, key)
}

/// What separates the codes of a written list: `-` between numbers, as the paper prints them
/// (`۱-۲-۵`); `comma` (`, ` or `، `) once a code is an identifier, whose own hyphen must stay
/// one (`P01, Int-04`).
pub fn list_separator<'a>(codes: &[CaseId], comma: &'a str) -> &'a str {
    if codes.iter().any(|c| c.is_text()) {
        comma
    } else {
        "-"
    }
}

/// Sort codes in natural order (numbers alone: as numbers).
pub fn sort_natural(codes: &mut [CaseId]) {
    if codes.iter().all(|c| !c.is_text()) {
        codes.sort_unstable();
        return;
    }
    codes.sort_by_cached_key(|&c| match c.entry() {
        None => (0, c.0, &[][..]),
        Some(e) => (1, 0, e.natural),
    });
}

/// Roster codes that `code`, a code not on the roster, may be a slip for: the same after
/// folding case, `O` for `0`, `I` or `l` for `1` and leading zeros (`p01`, `P1`, `PO1` for
/// `P01`, `7` for `007`); failing that, one slip away: two neighbours swapped (`P1O` for
/// `P01`) or a letter added, dropped or changed (`Pp01`, `R01`). A digit changed, added or
/// dropped is another number, not a slip (`P09` is not offered for `P99`). At most three, in
/// natural order; none when more are that close. Only where an identifier is involved: a
/// number against a roster of numbers has a neighbour at every distance.
pub fn near_misses(code: CaseId, roster: &[CaseId]) -> Vec<CaseId> {
    Slips::of(roster).near(code)
}

/// A roster folded once for [`near_misses`], so that the codes off it are each looked up
/// without folding the roster again. Slips past the fold (a swap, a letter) are searched by a
/// scan, in rosters up to [`Slips::SCANNED`] codes.
pub struct Slips {
    roster: Vec<CaseId>,
    any_text: bool,
    /// Folded when a code first needs it: a roster of numbers asked only about numbers never is.
    folded: std::cell::OnceCell<Folded>,
    /// Roster codes compared so far in scans: a study with thousands of codes off a large
    /// roster stops scanning at [`Slips::BUDGET`] (the fold's lookups go on).
    scanned: std::cell::Cell<usize>,
}

struct Folded {
    codes: Vec<(CaseId, String)>,
    /// Without leading zeros, folded → the roster codes that fold to it.
    by_stripped: std::collections::HashMap<String, Vec<CaseId>>,
}

impl Slips {
    /// The largest roster scanned for one-slip neighbours (a scan per code off the roster).
    pub const SCANNED: usize = 10_000;
    /// The most roster codes compared in all scans of one audit (a tenth of a second or so).
    pub const BUDGET: usize = 10_000_000;

    pub fn of(roster: &[CaseId]) -> Slips {
        Slips {
            roster: roster.to_vec(),
            any_text: roster.iter().any(|c| c.is_text()),
            folded: std::cell::OnceCell::new(),
            scanned: std::cell::Cell::new(0),
        }
    }

    fn folded(&self) -> &Folded {
        self.folded.get_or_init(|| {
            let codes: Vec<(CaseId, String)> = self.roster.iter().map(|&c| (c, fold(c))).collect();
            let mut by_stripped: std::collections::HashMap<String, Vec<CaseId>> =
                Default::default();
            for (c, f) in &codes {
                by_stripped.entry(strip_zeros(f)).or_default().push(*c);
            }
            Folded { codes, by_stripped }
        })
    }

    /// What [`near_misses`] says of `code`.
    pub fn near(&self, code: CaseId) -> Vec<CaseId> {
        if !code.is_text() && !self.any_text {
            return Vec::new();
        }
        let folded = fold(code);
        let roster = self.folded();
        let mut near: Vec<CaseId> = match roster.by_stripped.get(&strip_zeros(&folded)) {
            Some(codes) => codes.iter().copied().filter(|&c| c != code).collect(),
            None => Vec::new(),
        };
        let scanned = self.scanned.get() + roster.codes.len();
        if near.is_empty() && roster.codes.len() <= Self::SCANNED && scanned <= Self::BUDGET {
            self.scanned.set(scanned);
            near = roster
                .codes
                .iter()
                .filter(|(c, f)| *c != code && is_slip(f, &folded))
                .map(|&(c, _)| c)
                .collect();
        }
        if near.len() > 3 {
            return Vec::new();
        }
        sort_natural(&mut near);
        near
    }
}

/// Whether `a` and `b` are one slip apart: a swap of neighbours, or one letter edited.
fn is_slip(a: &str, b: &str) -> bool {
    if strsim::osa_distance(a, b) != 1 {
        return false;
    }
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let swapped = x.len() == y.len() && {
        let differ: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
        differ.len() == 2 && differ[1] == differ[0] + 1
    };
    let letters = |s: &[char]| -> String { s.iter().filter(|c| !c.is_ascii_digit()).collect() };
    swapped || letters(&x) != letters(&y)
}

/// A code folded for spotting slips: lower case, `o` as `0`, `i` and `l` as `1`.
fn fold(code: CaseId) -> String {
    let written = match code.key() {
        Some(key) => key.to_lowercase(),
        None => code.0.to_string(),
    };
    written
        .chars()
        .map(|c| match c {
            'o' => '0',
            'i' | 'l' => '1',
            _ => c,
        })
        .collect()
}

/// Digit runs without their leading zeros (`p01` → `p1`).
fn strip_zeros(folded: &str) -> String {
    let mut out = String::with_capacity(folded.len());
    let mut in_digits = false;
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
        let next_is_digit = chars.peek().is_some_and(char::is_ascii_digit);
        if c == '0' && !in_digits && next_is_digit {
            continue;
        }
        in_digits = c.is_ascii_digit();
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_that_normalises_to_digits_is_that_number() {
        // Found by fuzzing: `¹` was an ID whose written form `1` read back as the number 1.
        assert_eq!(CaseId::parse("¹"), Ok(CaseId::number(1)));
        assert_eq!(
            CaseId::parse(&CaseId::parse("¹").unwrap().written()),
            CaseId::parse("¹")
        );
    }

    fn id(s: &str) -> CaseId {
        CaseId::parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn numbers_in_any_script_are_the_same_number() {
        assert_eq!(id("7"), id("۷"));
        assert_eq!(id("٧"), id(" 7\u{200F}"));
        assert_eq!(id("7").as_number(), Some(7));
        assert_eq!(id("16").written(), "16");
        assert_eq!(CaseId::parse("0"), Err(IdError::Zero));
        assert_eq!(CaseId::parse("00"), Err(IdError::Zero));
        assert!(matches!(CaseId::parse("1۲"), Err(IdError::Number(_))));
        assert!(matches!(
            CaseId::parse("99999999999"),
            Err(IdError::Number(_))
        ));
    }

    #[test]
    fn identifiers_are_kept_as_written_and_matched_loosely() {
        for s in ["P01", "T3", "Int-04", "R12", "case_7", "007"] {
            assert_eq!(id(s).written(), s);
            assert!(id(s).is_text(), "{s}");
        }
        assert_eq!(id("م۱"), id("م1"));
        assert_eq!(id("م1").written(), "م۱");
        assert_eq!(id("Int–04"), id("Int-04"));
        assert_eq!(id("علي۲"), id("علی۲"));
        assert_ne!(id("p01"), id("P01"));
        assert_ne!(id("P1"), id("P01"));
        assert_ne!(id("007"), id("7"));
    }

    #[test]
    fn bad_identifiers_say_why() {
        assert_eq!(CaseId::parse("P(1)"), Err(IdError::NotAllowed('(')));
        assert_eq!(CaseId::parse("-P1"), Err(IdError::Edge('-')));
        assert_eq!(CaseId::parse("P1_"), Err(IdError::Edge('_')));
        assert_eq!(CaseId::parse(""), Err(IdError::Empty));
        assert_eq!(CaseId::parse("P--1"), Err(IdError::DoubleJoiner));
        assert_eq!(CaseId::parse("P_-1"), Err(IdError::DoubleJoiner));
        assert_eq!(CaseId::parse("م--۱"), Err(IdError::DoubleJoiner));
        assert_eq!(CaseId::parse("&"), Err(IdError::NotAllowed('&')));
        assert!(matches!(
            CaseId::parse(&"x".repeat(40)),
            Err(IdError::TooLong(40))
        ));
        assert!(matches!(
            CaseId::parse("P1۲"),
            Err(IdError::MixedScripts(..))
        ));
    }

    #[test]
    fn order_is_natural_whatever_the_interning_order() {
        let written = [
            "P10", "P2", "7", "P01", "Int-04", "12", "p3", "P1", "007", "Int-4",
        ];
        let mut codes: Vec<CaseId> = written.iter().map(|s| id(s)).collect();
        let mut sorted = codes.clone();
        sorted.sort();
        let shown: Vec<String> = sorted.iter().map(|c| c.written().into_owned()).collect();
        assert_eq!(
            shown,
            ["7", "12", "007", "Int-04", "Int-4", "P01", "P1", "P2", "p3", "P10"]
        );
        sort_natural(&mut codes);
        assert_eq!(codes, sorted);
    }

    #[test]
    fn near_misses_of_a_roster_of_identifiers() {
        let roster: Vec<CaseId> = ["P01", "P02", "P03", "P11"].iter().map(|s| id(s)).collect();
        let near = |s: &str| -> Vec<String> {
            near_misses(id(s), &roster)
                .iter()
                .map(|c| c.written().into_owned())
                .collect()
        };
        assert_eq!(near("p01"), ["P01"]);
        assert_eq!(near("P1"), ["P01"]);
        assert_eq!(near("PO1"), ["P01"]);
        // Swapped and an O for a 0, with no P10 on the roster.
        assert_eq!(near("P1O"), ["P01"]);
        assert_eq!(near("R02"), ["P02"]);
        // Another number is not a slip.
        assert!(near("P99").is_empty());
        assert!(near("P04").is_empty());
        assert!(near("Q99").is_empty());
        let padded = [id("007"), id("008")];
        assert_eq!(near_misses(id("7"), &padded), [id("007")]);
        // Numbers against numbers: no guess.
        let numbers = [id("1"), id("16")];
        assert!(near_misses(id("17"), &numbers).is_empty());
        // With P10 on the roster, P1O is P10 with an O.
        let with_ten = [id("P01"), id("P10")];
        assert_eq!(near_misses(id("P1O"), &with_ten), [id("P10")]);
    }

    #[test]
    fn json_keeps_numbers_numbers() {
        let json = serde_json::to_string(&[id("3"), id("P03")]).unwrap();
        assert_eq!(json, r#"[3,"P03"]"#);
    }
}

//! What a column holds, from the words of its head: the vocabulary of theme tables and rosters
//! in Persian and English, and the usual variants (global / organizing / basic theme; theme /
//! sub-theme / code; dimension / component / category; ابعاد، مؤلفه‌ها، مضامین پایه؛ f, n, %).
//!
//! Not for a column's cells (`find` looks at them when a head is ambiguous) nor for tables.

/// A level of the thematic network.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Level {
    Dimension,
    Component,
    Base,
}

/// A roster column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    Code,
    Name,
    Role,
    Year,
    Topics,
    Findings,
}

/// What a head says a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Labels of a level; `None`: a bare "theme" / «مضمون», placed by the table's other levels.
    Label(Option<Level>),
    /// The interviewees who raised a base theme.
    Codes,
    Frequency(Option<Level>),
    Percent(Option<Level>),
    /// A count and its share in one cell (`n (%)`, «چاپ‌شده، سهم»: `57 (34.1%)`).
    CountShare(Option<Level>),
    /// A column thematic itself adds (recomputed counts): not the manuscript's.
    Recomputed,
    Person(Field),
    /// A row number, or nothing known.
    Other,
}

/// A key for comparing head words: the label key with hamza seats, teh marbuta and every
/// mark, space and punctuation removed (`مؤلفه ها` = `مولفه‌ها`, `Sub-theme` = `subtheme`).
pub fn key(text: &str) -> String {
    crate::persian::match_key(text)
        .chars()
        .filter_map(|c| match c {
            'ؤ' => Some('و'),
            'أ' | 'إ' | 'آ' => Some('ا'),
            'ة' | 'ۀ' => Some('ه'),
            '%' | '٪' | '#' => Some('%'),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

const RECOMPUTED: &[&str] = &["recomputed", "بازمحاسبه"];
const PRINTED: &[&str] = &["printed", "چاپشده"];
const CODES: &[&str] = &[
    "کدمنابع",
    "کدهایمنبع",
    "منابع",
    "کدمصاحبه",
    "مصاحبهشوندگان",
    "مشارکتکنندگان",
    "sourcecode",
    "participants",
    "interviewees",
    "informants",
    "respondents",
    "sources",
    "cases",
    "caseids",
    "ids",
    "raisedby",
];
const PERCENT: &[&str] = &["%", "درصد", "سهم", "percent", "share", "proportion"];
const FREQUENCY: &[&str] = &["فراوانی", "تعداد", "frequency", "freq", "count"];
/// Whole heads that mean frequency (too short to look for inside other words).
const FREQUENCY_WHOLE: &[&str] = &["f", "n", "no", "fi"];
const DIMENSION: &[&str] = &[
    "ابعاد",
    "بعد",
    "فراگیر",
    "global",
    "dimension",
    "overarching",
    "maintheme",
];
const COMPONENT: &[&str] = &[
    "مولفه",
    "سازنده",
    "organizing",
    "organising",
    "component",
    "subtheme",
    "subcategor",
];
const BASE: &[&str] = &[
    "پایه",
    "basic",
    "base",
    "code",
    "category",
    "categories",
    "concept",
    "مفهوم",
    "مفاهیم",
];
const BARE_THEME: &[&str] = &["theme", "مضمون", "مضامین"];
const NAME: &[&str] = &[
    "مصاحبهشونده",
    "نام",
    "name",
    "interviewee",
    "participant",
    "informant",
];
const ROLE: &[&str] = &[
    "سمت",
    "نقش",
    "role",
    "position",
    "occupation",
    "affiliation",
    "profession",
];
const YEAR: &[&str] = &["سال", "year", "date"];
const TOPICS: &[&str] = &["موضوع", "حوزه", "topic", "area", "field", "expertise"];
const FINDINGS: &[&str] = &["یافته", "finding"];
const ROW_NUMBER: &[&str] = &["ردیف", "شماره", "row", "%"];
const ID: &[&str] = &["کد", "code", "id"];

fn has(key: &str, terms: &[&str]) -> bool {
    terms.iter().any(|t| key.contains(t))
}

/// The level a head names, if any.
pub fn level(key: &str) -> Option<Level> {
    // Most specific first: "organizing theme" before "theme", «مضامین پایه» before «مضامین».
    if has(key, COMPONENT) {
        Some(Level::Component)
    } else if has(key, DIMENSION) {
        Some(Level::Dimension)
    } else if has(key, BASE) {
        Some(Level::Base)
    } else {
        None
    }
}

/// What the head `text` says its column holds, in a theme table (`roster: false`) or a roster.
pub fn role(text: &str, roster: bool) -> Role {
    let k = key(text);
    if k.is_empty() {
        return Role::Other;
    }
    if has(&k, RECOMPUTED) {
        return Role::Recomputed;
    }
    if roster {
        return if has(&k, FINDINGS) {
            Role::Person(Field::Findings)
        } else if has(&k, YEAR) {
            Role::Person(Field::Year)
        } else if has(&k, TOPICS) {
            Role::Person(Field::Topics)
        } else if has(&k, ROLE) {
            Role::Person(Field::Role)
        } else if has(&k, NAME) || k == "مصاحبهشوندهگان" || has(&k, &["شوندگان", "شوندهگان"])
        {
            Role::Person(Field::Name)
        } else if has(&k, ROW_NUMBER) || ID.contains(&k.as_str()) || has(&k, &["کد"]) {
            Role::Person(Field::Code)
        } else {
            Role::Other
        };
    }
    if has(&k, PERCENT) {
        let count = has(&k, FREQUENCY) || has(&k, PRINTED) || k.starts_with('n') && k.len() <= 3;
        return if count {
            Role::CountShare(level(&k))
        } else {
            Role::Percent(level(&k))
        };
    }
    if has(&k, FREQUENCY) || FREQUENCY_WHOLE.contains(&k.as_str()) {
        return Role::Frequency(level(&k));
    }
    if has(&k, CODES) {
        return Role::Codes;
    }
    // "Printed" alone heads the printed numbers (thematic's own report does so).
    if has(&k, PRINTED) {
        return Role::Frequency(level(&k));
    }
    if let Some(level) = level(&k) {
        return Role::Label(Some(level));
    }
    if has(&k, BARE_THEME) {
        return Role::Label(None);
    }
    Role::Other
}

/// Two level heads run together in one head («مؤلفه‌ها مضامین پایه», "Component Base theme"),
/// as text extraction writes two narrow head cells: the two heads in the order printed, when
/// the text splits at a space into heads of two different levels and nothing else.
pub fn run_together(text: &str) -> Option<(String, String)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let splits: Vec<(String, String, usize)> = (1..words.len())
        .filter_map(|at| {
            let (a, b) = (words[..at].join(" "), words[at..].join(" "));
            match (role(&a, false), role(&b, false)) {
                (Role::Label(Some(x)), Role::Label(Some(y)))
                    if x != y && is_head(&a) && is_head(&b) =>
                {
                    Some((a, b, at))
                }
                _ => None,
            }
        })
        .collect();
    // The bare "theme" goes with the word that makes it a level: after it in Persian
    // («مضامین پایه»), before it in English ("Basic theme").
    let bare = |w: &str| BARE_THEME.iter().any(|t| key(w).starts_with(t));
    let persian = text.chars().any(crate::persian::is_arabic_script);
    let fits = |at: usize| {
        if persian {
            bare(words[at])
        } else {
            bare(words[at - 1])
        }
    };
    let chosen = splits
        .iter()
        .find(|s| fits(s.2))
        .or_else(|| splits.first())?;
    Some((chosen.0.clone(), chosen.1.clone()))
}

/// Whether `text` reads as a head cell of either kind of table: head words, and little else
/// (`Frequency as printed`, «یافته‌های مصاحبه»; not «همکاری در حوزه حمل و نقل», a label that
/// holds the word «حوزه»).
pub fn is_head(text: &str) -> bool {
    let k = key(text);
    if k.is_empty() || (role(text, false) == Role::Other && role(text, true) == Role::Other) {
        return false;
    }
    let mut rest = k.clone();
    for list in [
        RECOMPUTED, PRINTED, CODES, PERCENT, FREQUENCY, DIMENSION, COMPONENT, BASE, BARE_THEME,
        NAME, ROLE, YEAR, TOPICS, FINDINGS, ROW_NUMBER, ID,
    ] {
        for term in list {
            rest = rest.replace(term, "");
        }
    }
    let (left, all) = (rest.chars().count(), k.chars().count());
    left <= 14 && left * 10 <= all * 7
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_papers_heads_and_their_english_variants() {
        assert_eq!(role("ابعاد", false), Role::Label(Some(Level::Dimension)));
        assert_eq!(role("مؤلفه ها", false), Role::Label(Some(Level::Component)));
        assert_eq!(role("مولفه‌ها", false), Role::Label(Some(Level::Component)));
        assert_eq!(role("مضامین پایه", false), Role::Label(Some(Level::Base)));
        assert_eq!(role("کد منابع مضامین پایه", false), Role::Codes);
        assert_eq!(
            role("فراوانی مضامین سازنده", false),
            Role::Frequency(Some(Level::Component))
        );
        assert_eq!(
            role("Global theme", false),
            Role::Label(Some(Level::Dimension))
        );
        assert_eq!(
            role("Organizing themes", false),
            Role::Label(Some(Level::Component))
        );
        assert_eq!(
            role("Sub-theme", false),
            Role::Label(Some(Level::Component))
        );
        assert_eq!(role("Theme", false), Role::Label(None));
        assert_eq!(role("Participants", false), Role::Codes);
        assert_eq!(role("n", false), Role::Frequency(None));
        assert_eq!(role("%", false), Role::Percent(None));
        assert_eq!(role("Recomputed: base theme", false), Role::Recomputed);
        assert_eq!(role("ردیف", true), Role::Person(Field::Code));
        assert_eq!(role("مصاحبه شوندهگان", true), Role::Person(Field::Name));
        assert_eq!(role("یافته‌های مصاحبه", true), Role::Person(Field::Findings));
        assert!(!is_head("همکاری در حوزه حمل و نقل"));
    }

    #[test]
    fn two_level_heads_run_together_are_told_apart_and_one_head_is_not() {
        assert_eq!(
            run_together("مؤلفه‌ها مضامین پایه"),
            Some(("مؤلفه‌ها".into(), "مضامین پایه".into()))
        );
        assert_eq!(
            run_together("Organizing theme Basic theme"),
            Some(("Organizing theme".into(), "Basic theme".into()))
        );
        assert_eq!(run_together("مضامین پایه"), None);
        assert_eq!(run_together("کد منابع مضامین پایه"), None);
        assert_eq!(run_together("Frequency as printed"), None);
        assert_eq!(run_together("Global theme"), None);
    }
}

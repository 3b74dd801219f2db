//! What thematic writes into a code's `Description` and reads back: the English label and the
//! printed claims (frequency, share, source codes as printed) as `Key: value` lines at its
//! start, then the researcher's note. A QDA tool shows them as text; a re-import, or a user who
//! writes the same lines in their tool, gets them back as columns.
//!
//! Not for anything else in a description: the rest is the note, kept as written.

/// The `Key: value` lines thematic knows, as written (matched without regard to case).
pub const ENGLISH: &str = "English";
pub const PRINTED_FREQUENCY: &str = "Printed frequency";
pub const PRINTED_PERCENT: &str = "Printed percent";
pub const SOURCE_CODES: &str = "Source codes as printed";
const KEYS: [&str; 4] = [ENGLISH, PRINTED_FREQUENCY, PRINTED_PERCENT, SOURCE_CODES];

/// A description taken apart.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fields {
    pub english: String,
    pub printed_frequency: String,
    pub printed_percent: String,
    pub source_codes: String,
    pub note: String,
}

/// The leading `Key: value` lines of a description, and the note after them.
pub fn read(description: &str) -> Fields {
    let mut fields = Fields::default();
    let mut lines = description.lines().peekable();
    while let Some(line) = lines.peek() {
        let Some((key, value)) = line.split_once(':') else {
            break;
        };
        let Some(known) = KEYS.iter().find(|k| k.eq_ignore_ascii_case(key.trim())) else {
            break;
        };
        let value = value.trim().to_string();
        match *known {
            ENGLISH => fields.english = value,
            PRINTED_FREQUENCY => fields.printed_frequency = value,
            PRINTED_PERCENT => fields.printed_percent = value,
            _ => fields.source_codes = value,
        }
        lines.next();
    }
    fields.note = lines.collect::<Vec<_>>().join("\n").trim().to_string();
    fields
}

/// A description holding `fields` (empty lines left out).
pub fn write(fields: &Fields) -> String {
    let mut lines: Vec<String> = [
        (ENGLISH, &fields.english),
        (PRINTED_FREQUENCY, &fields.printed_frequency),
        (PRINTED_PERCENT, &fields.printed_percent),
        (SOURCE_CODES, &fields.source_codes),
    ]
    .into_iter()
    .filter(|(_, v)| !v.trim().is_empty())
    // A value is one line: a line break inside it would end the field.
    .map(|(k, v)| {
        format!(
            "{k}: {}",
            v.split_whitespace().collect::<Vec<_>>().join(" ")
        )
    })
    .collect();
    if !fields.note.trim().is_empty() {
        lines.push(fields.note.trim().to_string());
    }
    lines.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_survive_a_round_trip_and_the_note_stays_as_written() {
        let fields = Fields {
            english: "Transport cooperation".into(),
            printed_frequency: "۸".into(),
            printed_percent: String::new(),
            source_codes: "۱-۲-۳".into(),
            note: "Rail and road.\nSee: the 2021 corridor deal".into(),
        };
        assert_eq!(read(&write(&fields)), fields);
    }

    #[test]
    fn a_description_without_keys_is_all_note() {
        let fields = read("Note: this is mine\nEnglish: not a field any more");
        assert_eq!(
            fields.note,
            "Note: this is mine\nEnglish: not a field any more"
        );
        assert_eq!(fields.english, "");
        assert_eq!(read("english:  Trade \nrest").english, "Trade");
    }
}

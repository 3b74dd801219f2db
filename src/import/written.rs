//! What every reader writes the same way: the codebook's CSV files in memory, and TOML
//! strings for `study.toml`.
//!
//! Not for where the files go (`write`, through the CLI) nor for what goes in them.

/// A TOML basic string.
pub fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A CSV file in memory.
pub struct Csv(csv::Writer<Vec<u8>>);

impl Csv {
    pub fn new(headers: &[&str]) -> Csv {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(headers).expect("writing to memory");
        Csv(writer)
    }

    pub fn row(&mut self, cells: &[&str]) {
        self.0.write_record(cells).expect("writing to memory");
    }

    pub fn bytes(self) -> Vec<u8> {
        self.0.into_inner().expect("writing to memory")
    }
}

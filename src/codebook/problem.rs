//! A problem found in a codebook: where (file, line, column), what is wrong, how to fix it.
//!
//! Not for the audit's findings: a problem stops the computation, a finding does not.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the user would name it (e.g. `codebooks/masoumi2025/base_themes.csv`).
    pub file: String,
    /// 1-based line, where the problem has one.
    pub line: Option<u64>,
    /// 1-based column and its header name, where the problem has one.
    pub column: Option<(usize, String)>,
    pub message: String,
    pub fix: String,
}

impl Problem {
    pub fn file(file: &str, message: impl Into<String>, fix: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            line: None,
            column: None,
            message: message.into(),
            fix: fix.into(),
        }
    }

    pub fn at_line(mut self, line: u64) -> Problem {
        self.line = Some(line);
        self
    }

    pub fn at_column(mut self, column: usize, name: &str) -> Problem {
        self.column = Some((column, name.to_string()));
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some((column, _)) = &self.column {
                write!(f, ":{column}")?;
            }
        }
        // A CSV problem names its column's header; a TOML one names its key in the message.
        if let Some((_, name)) = self.column.as_ref().filter(|(_, name)| !name.is_empty()) {
            write!(f, " (column `{name}`)")?;
        }
        write!(f, ": {}", self.message)?;
        if !self.fix.is_empty() {
            write!(f, "\n  fix: {}", self.fix)?;
        }
        Ok(())
    }
}

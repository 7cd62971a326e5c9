//! Problems found in a deck, with the position they point at.
//!
//! A `Diagnostic` is data; its `Display` renders the one-line form
//! `path:line:column: severity: message` that editors and people read.

use std::fmt;

use serde::Serialize;

/// How bad a problem is: errors make `recall check` fail, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The deck cannot be used as written.
    Error,
    /// The deck works, but something is likely a mistake.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The file, as the user named it (or as found under a folder they named).
    pub path: String,
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, with any deck text in it already escaped.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}: {}",
            crate::text::escape_controls(&self.path),
            self.line,
            self.column,
            self.severity,
            self.message
        )
    }
}

/// Turns byte offsets into 1-based line and column numbers.
#[derive(Debug)]
pub struct LineIndex<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `text`.
    #[must_use]
    pub fn new(text: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr_newlines(text.as_bytes()));
        LineIndex { text, line_starts }
    }

    /// The line and column (both 1-based, column in characters) of a byte offset.
    /// Offsets past the end or inside a character are moved back to a valid position.
    #[must_use]
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let start = self.line_starts[line - 1];
        let column = self.text[start..offset].chars().count() + 1;
        (line, column)
    }
}

fn memchr_newlines(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| b == b'\n')
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters_not_bytes() {
        let index = LineIndex::new("ab\nçé x\n");
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(3), (2, 1));
        assert_eq!(index.position(8), (2, 4));
        assert_eq!(index.position(4), (2, 1), "inside a character moves back");
        assert_eq!(index.position(999), (3, 1));
    }

    #[test]
    fn renders_one_line() {
        let d = Diagnostic {
            path: "decks/a.toml".into(),
            line: 3,
            column: 5,
            severity: Severity::Warning,
            message: "hello".into(),
        };
        assert_eq!(d.to_string(), "decks/a.toml:3:5: warning: hello");
    }
}

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
    /// The name of a warning a card can silence with `allow = ["name"]`, shown after the
    /// severity (`warning[giveaway]:`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            crate::text::escape_controls(&self.path),
            self.line,
            self.column,
            self.severity,
        )?;
        if let Some(code) = self.code {
            write!(f, "[{code}]")?;
        }
        write!(f, ": {}", self.message)
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
        LineIndex {
            text,
            line_starts: line_starts(text.as_bytes()),
        }
    }

    /// The 1-based line of a byte offset (offsets past the end are on the last line).
    #[must_use]
    pub fn line(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.line_starts.partition_point(|&start| start <= offset)
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

/// Where each line starts: 0, then just past every newline. Eight bytes are tested at
/// once, since most stretches of eight have no newline.
fn line_starts(bytes: &[u8]) -> Vec<usize> {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const NEWLINES: u64 = u64::from_ne_bytes([b'\n'; 8]);
    let mut starts = vec![0];
    let mut push_newlines = |base: usize, part: &[u8]| {
        for (i, &b) in part.iter().enumerate() {
            if b == b'\n' {
                starts.push(base + i + 1);
            }
        }
    };
    let (words, tail) = bytes.as_chunks::<8>();
    for (n, word) in words.iter().enumerate() {
        // Zero bytes of `x` are the newlines; this is non-zero exactly when there is one.
        let x = u64::from_ne_bytes(*word) ^ NEWLINES;
        if x.wrapping_sub(ONES) & !x & HIGHS != 0 {
            push_newlines(n * 8, word);
        }
    }
    push_newlines(words.len() * 8, tail);
    starts
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
        let lines: Vec<usize> = [0, 2, 3, 8, 999].map(|o| index.line(o)).to_vec();
        assert_eq!(lines, [1, 1, 2, 2, 3]);
    }

    #[test]
    fn every_newline_starts_a_line() {
        for len in 0..40 {
            let text: String = (0..len)
                .map(|i| if i % 3 == 0 || i % 7 == 0 { '\n' } else { 'x' })
                .collect();
            let expected: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            assert_eq!(line_starts(text.as_bytes()), expected, "{text:?}");
        }
        let multibyte = "é\u{a0}\n\u{10a0a}\n\u{a0a}";
        assert_eq!(line_starts(multibyte.as_bytes()), [0, 5, 10]);
    }

    #[test]
    fn renders_one_line() {
        let d = Diagnostic {
            path: "decks/a.toml".into(),
            line: 3,
            column: 5,
            severity: Severity::Warning,
            message: "hello".into(),
            code: None,
        };
        assert_eq!(d.to_string(), "decks/a.toml:3:5: warning: hello");
        let coded = Diagnostic {
            code: Some("giveaway"),
            ..d
        };
        assert_eq!(
            coded.to_string(),
            "decks/a.toml:3:5: warning[giveaway]: hello"
        );
    }
}

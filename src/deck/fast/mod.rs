//! A direct reader for the plain `[[card]]` pieces nearly every deck is made of.
//!
//! The toml crate's parser is general: it lexes the text into tokens, turns them into
//! events, then builds the tree. For one card of `key = "value"` lines that machinery is
//! most of the cost of reading a deck. This module scans such a piece in one pass and
//! finds the very keys and values, spans included, that [`toml::de::DeTable::parse_recoverable`]
//! gives for it, as a flat list: looking up a handful of keys needs no map.
//!
//! It knows a small subset of TOML only: blank lines, comments, bare keys, one-line basic
//! and literal strings, `true`/`false`, plain decimal integers, and one-line arrays of
//! strings and booleans. On anything else (and on anything wrong) it returns `None`, and
//! the caller hands the piece to the toml crate, so every error and every rarer form is
//! still read and reported by the crate itself.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeArray, DeString, DeValue};

use super::fields::Entry;

/// A plain card piece as the fast reader read it: its header and its `key = value`
/// entries in file order, no key twice. Spans are from the start of the piece.
pub struct PlainCard<'i> {
    /// Where the `[[card]]` header is, brackets included.
    pub header: Range<usize>,
    /// The card's keys and values.
    pub entries: Vec<Entry<'i>>,
}

/// Reads one card piece from the start of `text`: a `[[card]]` header line, then
/// `key = value` lines, blank lines and comments, up to the next line that starts with
/// `[` or the end. Returns the card and the piece's length; the toml crate would read the
/// piece alone as a document whose `card` array holds one table of exactly these entries,
/// spans included. `None` when the piece holds anything outside the subset this reader
/// knows.
#[must_use]
pub fn card_piece(text: &str) -> Option<(PlainCard<'_>, usize)> {
    let mut scan = Scanner {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    };
    let header = scan.header()?;
    let mut entries: Vec<Entry<'_>> = Vec::with_capacity(8);
    while let Some((key, value)) = scan.entry()? {
        if entries.iter().any(|(k, _)| k.get_ref() == key.get_ref()) {
            return None;
        }
        entries.push((key, value));
    }
    Some((PlainCard { header, entries }, scan.pos))
}

/// A byte TOML allows in a comment: tab, printable ASCII, any byte of UTF-8 beyond ASCII.
const IN_COMMENT: u8 = 1;
/// A byte that stands for itself in a basic string: as in a comment, but not `"` or `\`.
const IN_BASIC: u8 = 2;
/// A byte allowed in a literal string: as in a comment, but not `'`.
const IN_LITERAL: u8 = 4;

/// The classes of each byte value, so one table lookup tests a byte.
const CLASSES: [u8; 256] = {
    let mut classes = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        if byte == b'\t' || (byte >= b' ' && byte != 0x7f) {
            classes[b] = IN_COMMENT
                | if byte == b'"' || byte == b'\\' {
                    0
                } else {
                    IN_BASIC
                }
                | if byte == b'\'' { 0 } else { IN_LITERAL };
        }
        b += 1;
    }
    classes
};

/// A position in the piece being read.
struct Scanner<'i> {
    text: &'i str,
    bytes: &'i [u8],
    pos: usize,
}

impl<'i> Scanner<'i> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Moves past the bytes whose [`CLASSES`] entry has one of the bits of `class`.
    fn pass_over(&mut self, class: u8) {
        let rest = &self.bytes[self.pos..];
        self.pos += rest
            .iter()
            .position(|&b| CLASSES[usize::from(b)] & class == 0)
            .unwrap_or(rest.len());
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    fn eat(&mut self, expected: &[u8]) -> Option<()> {
        let end = self.pos + expected.len();
        (self.bytes.get(self.pos..end)? == expected).then(|| self.pos = end)
    }

    /// `[[card]]`, alone on its line but for blanks and a comment. Returns the span of
    /// the whole header.
    fn header(&mut self) -> Option<Range<usize>> {
        self.skip_blanks();
        let start = self.pos;
        self.eat(b"[[")?;
        self.skip_blanks();
        let key = self.bare_key()?;
        if &self.text[key.clone()] != "card" {
            return None;
        }
        self.skip_blanks();
        self.eat(b"]]")?;
        let header = start..self.pos;
        self.end_of_line()?;
        Some(header)
    }

    /// The next `key = value` line, skipping blank and comment lines. `Some(None)` at the
    /// end of the piece: the end of the text, or a line starting with `[` (the next
    /// header), where the scan is left.
    #[allow(clippy::type_complexity)]
    fn entry(&mut self) -> Option<Option<(Spanned<DeString<'i>>, Spanned<DeValue<'i>>)>> {
        loop {
            let line_start = self.pos;
            self.skip_blanks();
            match self.peek() {
                None => return Some(None),
                Some(b'[') => {
                    self.pos = line_start;
                    return Some(None);
                }
                Some(b'#' | b'\r' | b'\n') => self.end_of_line()?,
                Some(_) => break,
            }
        }
        let key = self.bare_key()?;
        self.skip_blanks();
        self.eat(b"=")?;
        self.skip_blanks();
        let value = self.value()?;
        self.end_of_line()?;
        let name = Cow::Borrowed(&self.text[key.clone()]);
        Some(Some((Spanned::new(key, name), value)))
    }

    /// A bare key: ASCII letters, digits, `-` and `_`, followed by a blank, `=` or `]`.
    fn bare_key(&mut self) -> Option<Range<usize>> {
        let start = self.pos;
        while matches!(
            self.peek(),
            Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_')
        ) {
            self.pos += 1;
        }
        let ends_well = matches!(self.peek(), Some(b' ' | b'\t' | b'=' | b']'));
        (self.pos > start && ends_well).then_some(start..self.pos)
    }

    /// Blanks, an optional comment, then a newline or the end of the piece.
    fn end_of_line(&mut self) -> Option<()> {
        self.skip_blanks();
        if self.peek() == Some(b'#') {
            self.pos += 1;
            self.pass_over(IN_COMMENT);
        }
        match self.peek() {
            None => Some(()),
            Some(b'\n') => {
                self.pos += 1;
                Some(())
            }
            Some(_) => self.eat(b"\r\n"),
        }
    }

    fn value(&mut self) -> Option<Spanned<DeValue<'i>>> {
        match self.peek()? {
            b'[' => self.array(),
            b'0'..=b'9' | b'+' | b'-' => self.integer(),
            _ => self.scalar(false),
        }
    }

    /// A string or a boolean; `in_array` allows `,` and `]` right after a boolean.
    fn scalar(&mut self, in_array: bool) -> Option<Spanned<DeValue<'i>>> {
        let start = self.pos;
        let value = match self.peek()? {
            b'"' => DeValue::String(self.basic_string()?),
            b'\'' => DeValue::String(self.literal_string()?),
            b't' => {
                self.eat(b"true")?;
                DeValue::Boolean(true)
            }
            b'f' => {
                self.eat(b"false")?;
                DeValue::Boolean(false)
            }
            _ => return None,
        };
        if let DeValue::Boolean(_) = value {
            let ends_well = match self.peek() {
                None | Some(b' ' | b'\t' | b'#' | b'\r' | b'\n') => true,
                Some(b',' | b']') => in_array,
                Some(_) => false,
            };
            if !ends_well {
                return None;
            }
        }
        Some(Spanned::new(start..self.pos, value))
    }

    /// `"..."` on one line, with every escape TOML knows.
    fn basic_string(&mut self) -> Option<DeString<'i>> {
        if self.bytes[self.pos..].starts_with(b"\"\"\"") {
            return None;
        }
        self.pos += 1;
        let mut owned: Option<String> = None;
        let mut segment = self.pos;
        loop {
            self.pass_over(IN_BASIC);
            match self.peek()? {
                b'"' => {
                    let rest = &self.text[segment..self.pos];
                    self.pos += 1;
                    return Some(match owned {
                        None => Cow::Borrowed(rest),
                        Some(mut s) => {
                            s.push_str(rest);
                            Cow::Owned(s)
                        }
                    });
                }
                b'\\' => {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.text[segment..self.pos]);
                    self.pos += 1;
                    s.push(self.escape()?);
                    segment = self.pos;
                }
                _ => return None,
            }
        }
    }

    /// The character an escape stands for; the `\` is already read.
    fn escape(&mut self) -> Option<char> {
        let letter = self.peek()?;
        self.pos += 1;
        let digits = match letter {
            b'b' => return Some('\u{8}'),
            b'e' => return Some('\u{1b}'),
            b'f' => return Some('\u{c}'),
            b'n' => return Some('\n'),
            b'r' => return Some('\r'),
            b't' => return Some('\t'),
            b'\\' => return Some('\\'),
            b'"' => return Some('"'),
            b'x' => 2,
            b'u' => 4,
            b'U' => 8,
            _ => return None,
        };
        let hex = self.bytes.get(self.pos..self.pos + digits)?;
        if !hex.iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        let hex = &self.text[self.pos..self.pos + digits];
        self.pos += digits;
        char::from_u32(u32::from_str_radix(hex, 16).ok()?)
    }

    /// `'...'` on one line.
    fn literal_string(&mut self) -> Option<DeString<'i>> {
        if self.bytes[self.pos..].starts_with(b"'''") {
            return None;
        }
        self.pos += 1;
        let start = self.pos;
        self.pass_over(IN_LITERAL);
        if self.peek()? != b'\'' {
            return None;
        }
        let content = &self.text[start..self.pos];
        self.pos += 1;
        Some(Cow::Borrowed(content))
    }

    /// A plain decimal integer (`1917`, `-3`, `1_000`), decoded by the toml crate itself
    /// so its checks (leading zeros, underscores, range) stay exactly the crate's.
    fn integer(&mut self) -> Option<Spanned<DeValue<'i>>> {
        let start = self.pos;
        if matches!(self.peek(), Some(b'+' | b'-')) {
            self.pos += 1;
        }
        while matches!(self.peek(), Some(b'0'..=b'9' | b'_')) {
            self.pos += 1;
        }
        if !matches!(
            self.peek(),
            None | Some(b' ' | b'\t' | b'#' | b'\r' | b'\n')
        ) {
            return None;
        }
        let span = start..self.pos;
        let value = DeValue::parse(&self.text[span.clone()]).ok()?.into_inner();
        matches!(value, DeValue::Integer(_)).then(|| Spanned::new(span, value))
    }

    /// `[ ... ]` on one line, of strings and booleans, with an optional trailing comma.
    fn array(&mut self) -> Option<Spanned<DeValue<'i>>> {
        let start = self.pos;
        self.pos += 1;
        let mut array = DeArray::new();
        loop {
            self.skip_blanks();
            if self.peek()? == b']' {
                break;
            }
            array.push(self.scalar(true)?);
            self.skip_blanks();
            match self.peek()? {
                b',' => self.pos += 1,
                b']' => break,
                _ => return None,
            }
        }
        self.pos += 1;
        Some(Spanned::new(start..self.pos, DeValue::Array(array)))
    }
}

#[cfg(test)]
mod tests;

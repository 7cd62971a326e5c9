//! Splitting a deck file at its `[[card]]` headers, so each card can be parsed on its own.
//!
//! A whole-document TOML parse of a 10 MB deck holds many times the file's size in
//! memory at once. Parsing the `[deck]` part and then one card at a time keeps the peak
//! near the size of the file. The split is a fast path only: it is used when the file is
//! laid out plainly (a prefix without `card` keys, then `[[card]]` tables and nothing
//! else), and when any piece fails to parse the caller parses the whole document instead,
//! so a wrong split can only cost time, never change the result.

use std::ops::Range;

/// Where the prefix (everything before the first `[[card]]`) and each card's text lie.
/// `None` when the file has any other table header after the first card, so the split
/// would not be faithful.
#[must_use]
pub fn split(text: &str) -> Option<(Range<usize>, Vec<Range<usize>>)> {
    let mut lexer = Lexer::default();
    let mut starts = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if lexer.state == State::Normal {
            match header(line) {
                Header::Card => starts.push(offset),
                Header::Other if !starts.is_empty() => return None,
                Header::Other | Header::None => {}
            }
        }
        lexer.line(line);
        offset += line.len();
    }
    let first = *starts.first()?;
    let mut cards = Vec::with_capacity(starts.len());
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        cards.push(start..end);
    }
    Some((0..first, cards))
}

enum Header {
    Card,
    Other,
    None,
}

fn header(line: &str) -> Header {
    let trimmed = line.trim_start();
    if !trimmed.starts_with('[') {
        return Header::None;
    }
    let code = trimmed.split('#').next().unwrap_or("");
    let compact: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if compact == "[[card]]" {
        Header::Card
    } else {
        Header::Other
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum State {
    #[default]
    Normal,
    /// Inside `"""` … `"""`.
    MultiBasic,
    /// Inside `'''` … `'''`.
    MultiLiteral,
}

/// Just enough of TOML's lexical rules to know whether a line starts inside a multi-line
/// string.
#[derive(Debug, Default)]
struct Lexer {
    state: State,
}

impl Lexer {
    fn line(&mut self, line: &str) {
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match self.state {
                State::Normal => match bytes[i] {
                    b'#' => return,
                    b'"' if bytes[i..].starts_with(b"\"\"\"") => {
                        self.state = State::MultiBasic;
                        i += 3;
                        continue;
                    }
                    b'\'' if bytes[i..].starts_with(b"'''") => {
                        self.state = State::MultiLiteral;
                        i += 3;
                        continue;
                    }
                    b'"' => i = skip_basic(bytes, i + 1),
                    b'\'' => {
                        i = bytes[i + 1..]
                            .iter()
                            .position(|&b| b == b'\'')
                            .map_or(bytes.len(), |p| i + 1 + p)
                    }
                    _ => {}
                },
                State::MultiBasic => {
                    if bytes[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if bytes[i..].starts_with(b"\"\"\"") {
                        i = end_of_quotes(bytes, i, b'"');
                        self.state = State::Normal;
                        continue;
                    }
                }
                State::MultiLiteral => {
                    if bytes[i..].starts_with(b"'''") {
                        i = end_of_quotes(bytes, i, b'\'');
                        self.state = State::Normal;
                        continue;
                    }
                }
            }
            i += 1;
        }
    }
}

/// The index of the closing quote of a basic string whose content starts at `i`.
fn skip_basic(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 2,
            b'"' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// A multi-line string may end with up to five quotes (two belong to the content).
fn end_of_quotes(bytes: &[u8], i: usize, quote: u8) -> usize {
    let run = bytes[i..].iter().take_while(|&&b| b == quote).count();
    i + run.min(5)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_plain_decks_at_card_headers() {
        let text =
            "[deck]\ntitle = \"T\"\n[[card]]\nid = \"a\"\n  [[ card ]] # second\nid = \"b\"\n";
        let (prefix, cards) = split(text).unwrap();
        assert_eq!(&text[prefix], "[deck]\ntitle = \"T\"\n");
        assert_eq!(&text[cards[0].clone()], "[[card]]\nid = \"a\"\n");
        assert_eq!(
            &text[cards[1].clone()],
            "  [[ card ]] # second\nid = \"b\"\n"
        );
    }

    #[test]
    fn headers_inside_multiline_strings_are_not_splits() {
        let text = "[deck]\ntitle = \"T\"\n[[card]]\nfront = \"\"\"\n[[card]]\n\"\"\"\nback = '''\n[[card]]\n'''\n";
        let (_, cards) = split(text).unwrap();
        assert_eq!(cards.len(), 1);
        let quoted = "[[card]]\nfront = \"a \\\" \\\"\\\"\\\" b\" # \"\"\"\n[[card]]\n";
        assert_eq!(split(quoted).unwrap().1.len(), 2);
    }

    #[test]
    fn other_tables_after_cards_refuse_the_split() {
        assert!(split("[[card]]\nid = \"a\"\n[deck]\ntitle = \"T\"\n").is_none());
        assert!(split("[[card]]\nid = \"a\"\n[card.x]\n").is_none());
        assert!(
            split("[deck]\ntitle = \"T\"\n").is_none(),
            "no cards, nothing to split"
        );
    }
}

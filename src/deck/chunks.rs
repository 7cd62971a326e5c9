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
    let bytes = text.as_bytes();
    let mut starts = Vec::new();
    let mut state = State::Normal;
    let mut at = 0;
    while at < bytes.len() {
        if state == State::Normal {
            match header_at(text, at) {
                Header::Card => starts.push(at),
                Header::Other if !starts.is_empty() => return None,
                Header::Other | Header::None => {}
            }
        }
        (at, state) = next_line(bytes, at, state);
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

/// What the line starting at `at` is. Most lines start with a letter, which settles it
/// at once; the others are looked at whole.
fn header_at(text: &str, at: usize) -> Header {
    let first = text.as_bytes()[at];
    if first != b'[' && first.is_ascii() && !first.is_ascii_whitespace() && first != 0x0b {
        return Header::None;
    }
    let end = text[at..].find('\n').map_or(text.len(), |p| at + p + 1);
    header(&text[at..end])
}

fn header(line: &str) -> Header {
    let trimmed = line.trim_start();
    if !trimmed.starts_with('[') {
        return Header::None;
    }
    let code = trimmed.split('#').next().unwrap_or("");
    let compact = code.chars().filter(|c| !c.is_whitespace());
    if compact.eq("[[card]]".chars()) {
        Header::Card
    } else {
        Header::Other
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Normal,
    /// Inside `"""` … `"""`.
    MultiBasic,
    /// Inside `'''` … `'''`.
    MultiLiteral,
}

/// Just enough of TOML's lexical rules to know whether a line starts inside a multi-line
/// string. Reads on from `i` in `state` and returns where the next line starts and the
/// state there; a multi-line string is read to its end at once, since no header can
/// start inside it.
fn next_line(bytes: &[u8], mut i: usize, mut state: State) -> (usize, State) {
    loop {
        let special = match state {
            State::Normal => find(bytes, i, |b| matches!(b, b'\n' | b'#' | b'"' | b'\'')),
            State::MultiBasic => find(bytes, i, |b| matches!(b, b'\\' | b'"')),
            State::MultiLiteral => find(bytes, i, |b| b == b'\''),
        };
        let Some(p) = special else {
            return (bytes.len(), state);
        };
        i = p;
        let rest = &bytes[i..];
        match (state, rest[0]) {
            (State::Normal, b'\n') => return (i + 1, state),
            (State::Normal, b'#') => return (line_end(bytes, i), state),
            (State::Normal, b'"') if rest.starts_with(b"\"\"\"") => {
                state = State::MultiBasic;
                i += 3;
            }
            (State::Normal, b'\'') if rest.starts_with(b"'''") => {
                state = State::MultiLiteral;
                i += 3;
            }
            (State::Normal, b'"') => i = skip_basic(bytes, i + 1),
            (State::Normal, _) => i = skip_literal(bytes, i + 1),
            (State::MultiBasic, b'\\') => i += 2,
            (State::MultiBasic, _) if rest.starts_with(b"\"\"\"") => {
                i = end_of_quotes(bytes, i, b'"');
                state = State::Normal;
            }
            (State::MultiLiteral, _) if rest.starts_with(b"'''") => {
                i = end_of_quotes(bytes, i, b'\'');
                state = State::Normal;
            }
            _ => i += 1,
        }
    }
}

/// The first index from `from` on whose byte matches.
fn find(bytes: &[u8], from: usize, matches: impl Fn(u8) -> bool) -> Option<usize> {
    let rest = bytes.get(from..)?;
    rest.iter().position(|&b| matches(b)).map(|p| from + p)
}

/// Where the line holding `i` ends, past its newline.
fn line_end(bytes: &[u8], i: usize) -> usize {
    find(bytes, i, |b| b == b'\n').map_or(bytes.len(), |p| p + 1)
}

/// Past the closing quote of a basic string whose content starts at `i`, or at the
/// newline when the string is not closed on its line.
fn skip_basic(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1) == Some(&b'\n') => return i + 1,
            b'\\' => i += 2,
            b'"' => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    bytes.len()
}

/// Past the closing quote of a literal string whose content starts at `i`, or at the
/// newline when the string is not closed on its line.
fn skip_literal(bytes: &[u8], i: usize) -> usize {
    match find(bytes, i, |b| matches!(b, b'\'' | b'\n')) {
        Some(p) if bytes[p] == b'\'' => p + 1,
        Some(p) => p,
        None => bytes.len(),
    }
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
    fn strings_and_comments_end_where_toml_ends_them() {
        let count = |text: &str| split(text).map(|(_, cards)| cards.len());
        let h = "[[card]]\n";
        assert_eq!(count(&format!("{h}front = \"a\\\n{h}")), Some(2));
        assert_eq!(count(&format!("{h}front = \"open\n{h}")), Some(2));
        assert_eq!(
            count(&format!("{h}front = \"\"\"a \\\n{h}\\\"\"\" b\"\"\"\n{h}")),
            Some(2)
        );
        assert_eq!(
            count(&format!("{h}front = \"\"\"x\"\"\"\"\"\n{h}")),
            Some(2)
        );
        assert_eq!(count(&format!("{h}front = 'say \"hi'\n{h}")), Some(2));
        assert_eq!(count(&format!("{h}front = 'open\n{h}")), Some(2));
        assert_eq!(count(&format!("{h}id = \"a\" # it's \"x\n{h}")), Some(2));
        assert_eq!(count(&format!("{h}x = '''\n{h}'''")), Some(1));
        assert_eq!(count(&format!("{h}\u{a0}{h}\u{b}{h}\t \n")), Some(3));
        assert_eq!(count(&format!("{h}é = 1\n[é]\n")), None);
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

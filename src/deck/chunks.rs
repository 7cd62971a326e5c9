//! Splitting a deck file at its `[[card]]` headers, so each card can be parsed on its own.
//!
//! A whole-document TOML parse of a 10 MB deck holds many times the file's size in
//! memory at once. Parsing the `[deck]` part and then one card at a time keeps the peak
//! near the size of the file. The split is a fast path only: it is used when the file is
//! laid out plainly (a prefix without `card` keys, then `[[card]]` tables and nothing
//! else), and when any piece fails to parse the caller parses the whole document instead,
//! so a wrong split can only cost time, never change the result. Pieces are found one at
//! a time, so a plain card is scanned once, by the fast reader that also parses it.

use std::ops::Range;

use super::fast::PlainCard;

/// Where the prefix (everything before the first `[[card]]`) lies, and the card pieces
/// after it, found one at a time. `None` when the file has no `[[card]]` header.
#[must_use]
pub fn split(text: &str) -> Option<(Range<usize>, Pieces<'_>)> {
    let bytes = text.as_bytes();
    let mut state = State::Normal;
    let mut at = 0;
    while at < bytes.len() {
        if state == State::Normal && matches!(header_at(text, at), Header::Card) {
            return Some((0..at, Pieces { text, at }));
        }
        (at, state) = next_line(bytes, at, state);
    }
    None
}

/// One card's text, and the card when [`super::fast`] could read it.
pub struct Piece<'t> {
    /// Where the piece lies in the file, from its `[[card]]` header on.
    pub range: Range<usize>,
    /// The piece's card, when it was read on the way.
    pub plain: Option<PlainCard<'t>>,
}

/// The card pieces of a file, in order. A plain piece is read by the fast reader, which
/// also finds where it ends; any other is measured by the lexer below. An item is `None`
/// when the split turns out not to be faithful (another table header follows the cards),
/// and no item follows it.
pub struct Pieces<'t> {
    text: &'t str,
    at: usize,
}

impl<'t> Iterator for Pieces<'t> {
    type Item = Option<Piece<'t>>;

    fn next(&mut self) -> Option<Self::Item> {
        let (text, start) = (self.text, self.at);
        if start >= text.len() {
            return None;
        }
        let read =
            super::fast::card_piece(&text[start..]).map(|(card, len)| (start + len, Some(card)));
        let piece = read
            .or_else(|| Some((piece_end(text, start)?, None)))
            .filter(|&(end, _)| end == text.len() || matches!(header_at(text, end), Header::Card));
        let Some((end, plain)) = piece else {
            self.at = text.len();
            return Some(None);
        };
        self.at = end;
        Some(Some(Piece {
            range: start..end,
            plain,
        }))
    }
}

/// Where the piece whose header line starts at `start` ends: at the next `[[card]]`
/// header outside a multi-line string, or at the end of the text. `None` when another
/// header comes first.
fn piece_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let (mut at, mut state) = next_line(bytes, start, State::Normal);
    while at < bytes.len() {
        if state == State::Normal {
            match header_at(text, at) {
                Header::Card => return Some(at),
                Header::Other => return None,
                Header::None => {}
            }
        }
        (at, state) = next_line(bytes, at, state);
    }
    Some(bytes.len())
}

enum Header {
    Card,
    Other,
    None,
}

/// What the line starting at `at` is. Most lines start with a letter, and most headers
/// are exactly `[[card]]`, which settles them at once; the others are looked at whole.
fn header_at(text: &str, at: usize) -> Header {
    let rest = &text.as_bytes()[at..];
    let first = rest[0];
    if first != b'[' && first.is_ascii() && !first.is_ascii_whitespace() && first != 0x0b {
        return Header::None;
    }
    if rest.starts_with(b"[[card]]\n") {
        return Header::Card;
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

    /// The prefix and every card's range, or `None` when the split is refused.
    fn split_all(text: &str) -> Option<(Range<usize>, Vec<Range<usize>>)> {
        let (prefix, pieces) = split(text)?;
        let cards: Option<Vec<_>> = pieces.map(|p| p.map(|p| p.range)).collect();
        Some((prefix, cards?))
    }

    #[test]
    fn splits_plain_decks_at_card_headers() {
        let text =
            "[deck]\ntitle = \"T\"\n[[card]]\nid = \"a\"\n  [[ card ]] # second\nid = \"b\"\n";
        let (prefix, cards) = split_all(text).unwrap();
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
        let (_, cards) = split_all(text).unwrap();
        assert_eq!(cards.len(), 1);
        let quoted = "[[card]]\nfront = \"a \\\" \\\"\\\"\\\" b\" # \"\"\"\n[[card]]\n";
        assert_eq!(split_all(quoted).unwrap().1.len(), 2);
    }

    #[test]
    fn strings_and_comments_end_where_toml_ends_them() {
        let count = |text: &str| split_all(text).map(|(_, cards)| cards.len());
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
        assert!(split_all("[[card]]\nid = \"a\"\n[deck]\ntitle = \"T\"\n").is_none());
        assert!(split_all("[[card]]\nid = \"a\"\n[card.x]\n").is_none());
        assert!(
            split_all("[deck]\ntitle = \"T\"\n").is_none(),
            "no cards, nothing to split"
        );
    }
}

//! Generated pieces and decks: plain pieces the reader must read exactly, altered ones
//! it must read exactly or leave to the crate, and whole decks (with errors of every kind)
//! that must read the same through the fast path as through one whole-document parse.

use std::collections::HashSet;
use std::fmt::Write as _;

use proptest::prelude::*;

use super::agrees_with_toml;
use crate::deck::{Options, parse, parse_whole_document};

const CARD_KEYS: &[&str] = &[
    "id", "front", "back", "accept", "choices", "reverse", "cloze", "order", "tags", "hint",
    "explain", "cite", "mode", "kind",
];

/// Fragments outside the subset, or plainly wrong, spliced into pieces.
const ODDITIES: &[&str] = &[
    "\"\"\"\nmulti\nline\"\"\"",
    "'''lit'''",
    "1.5",
    "1e3",
    "1979-05-27",
    "07:32:00",
    "0x1F",
    "012",
    "inf",
    "{ a = 1 }",
    "a.b",
    "\"quoted\"",
    "[\n",
    "]",
    "[",
    ",",
    "=",
    "#",
    "\n",
    "\r",
    "\r\n",
    "\"",
    "'",
    "\\",
    "\\q",
    "\\uD800",
    "\\x4",
    "\\U00110000",
    "\u{7}",
    "\u{7f}",
    "\u{0}",
    "\u{a0}",
    "\u{feff}",
    "\t",
    " ",
    "é",
    "[[card]]\n",
    "[deck]\n",
    "true",
    "-",
    "+",
    "_",
];

#[derive(Debug, Clone)]
enum Part {
    Plain(String),
    Escape(&'static str),
}

#[derive(Debug, Clone)]
enum Value {
    Basic(Vec<Part>),
    Literal(String),
    Bool(bool),
    Int(i64, bool),
    Array(Vec<Value>, bool, &'static str),
}

#[derive(Debug, Clone)]
enum Line {
    Blank(&'static str, Option<String>),
    Entry {
        key: String,
        around_eq: (&'static str, &'static str),
        value: Value,
        comment: Option<String>,
    },
}

#[derive(Debug, Clone)]
struct Piece {
    header: (&'static str, &'static str, &'static str),
    header_comment: Option<String>,
    lines: Vec<Line>,
    crlf: bool,
    final_newline: bool,
}

fn blanks() -> impl Strategy<Value = &'static str> {
    prop::sample::select(&["", "", " ", "  ", "\t", " \t "][..])
}

/// Text TOML allows in strings and comments: no control characters but tab.
fn free_text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        4 => prop::char::range('a', 'z'),
        2 => prop::sample::select(&[' ', '\t', '.', ',', '?', '!', '#', '=', '[', ']', '{', '}', '-', '_', ':', '~'][..]),
        1 => any::<char>(),
    ]
    .prop_filter("no controls", |&c| c == '\t' || (c >= ' ' && c != '\u{7f}'));
    prop::collection::vec(ch, 0..12).prop_map(|v| v.into_iter().collect())
}

fn basic_part() -> impl Strategy<Value = Part> {
    prop_oneof![
        4 => free_text()
            .prop_map(|s| Part::Plain(s.replace(['"', '\\'], ""))),
        1 => prop::sample::select(&[
            "\\b", "\\t", "\\n", "\\f", "\\r", "\\\"", "\\\\", "\\e", "\\x41", "\\xe9",
            "\\u00e9", "\\u001b", "\\u2014", "\\U0001F600", "\\U0000000a",
        ][..])
        .prop_map(Part::Escape),
    ]
}

fn string_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        3 => prop::collection::vec(basic_part(), 0..4).prop_map(Value::Basic),
        1 => free_text().prop_map(|s| Value::Literal(s.replace('\'', ""))),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    let item = prop_oneof![4 => string_value(), 1 => any::<bool>().prop_map(Value::Bool)];
    prop_oneof![
        6 => string_value(),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => (any::<i64>(), any::<bool>()).prop_map(|(n, plus)| Value::Int(n, plus)),
        2 => (prop::collection::vec(item, 0..4), any::<bool>(), blanks())
            .prop_map(|(items, trailing, gap)| Value::Array(items, trailing, gap)),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(CARD_KEYS).prop_map(str::to_owned),
        1 => "[A-Za-z0-9_-]{1,8}",
    ]
}

fn comment() -> impl Strategy<Value = Option<String>> {
    prop::option::weighted(0.2, free_text())
}

fn line() -> impl Strategy<Value = Line> {
    prop_oneof![
        1 => (blanks(), comment()).prop_map(|(b, c)| Line::Blank(b, c)),
        5 => (key(), (blanks(), blanks()), value(), comment()).prop_map(
            |(key, around_eq, value, comment)| Line::Entry { key, around_eq, value, comment }
        ),
    ]
}

fn piece() -> impl Strategy<Value = Piece> {
    (
        (blanks(), blanks(), blanks()),
        comment(),
        prop::collection::vec(line(), 0..8),
        prop::bool::weighted(0.2),
        prop::bool::weighted(0.9),
    )
        .prop_map(
            |(header, header_comment, lines, crlf, final_newline)| Piece {
                header,
                header_comment,
                lines,
                crlf,
                final_newline,
            },
        )
}

fn render_value(value: &Value, out: &mut String) {
    match value {
        Value::Basic(parts) => {
            out.push('"');
            for part in parts {
                match part {
                    Part::Plain(s) => out.push_str(s),
                    Part::Escape(e) => out.push_str(e),
                }
            }
            out.push('"');
        }
        Value::Literal(s) => {
            let _ = write!(out, "'{s}'");
        }
        Value::Bool(b) => {
            let _ = write!(out, "{b}");
        }
        Value::Int(n, plus) => {
            let sign = if *plus && *n >= 0 { "+" } else { "" };
            let _ = write!(out, "{sign}{n}");
        }
        Value::Array(items, trailing, gap) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(gap);
                render_value(item, out);
            }
            if *trailing && !items.is_empty() {
                out.push(',');
            }
            out.push_str(gap);
            out.push(']');
        }
    }
}

fn render_comment(comment: Option<&String>, out: &mut String) {
    if let Some(c) = comment {
        let _ = write!(out, " #{c}");
    }
}

/// The piece as text; a key used twice keeps only its first line, so the text is valid.
fn render(piece: &Piece) -> String {
    let newline = if piece.crlf { "\r\n" } else { "\n" };
    let (before, inside, after) = piece.header;
    let mut out = format!("{before}[[{inside}card{inside}]]{after}");
    render_comment(piece.header_comment.as_ref(), &mut out);
    let mut keys = HashSet::new();
    for line in &piece.lines {
        match line {
            Line::Blank(blank, comment) => {
                out.push_str(newline);
                out.push_str(blank);
                render_comment(comment.as_ref(), &mut out);
            }
            Line::Entry {
                key,
                around_eq,
                value,
                comment,
            } => {
                if !keys.insert(key.as_str()) {
                    continue;
                }
                out.push_str(newline);
                let _ = write!(out, "{key}{}={}", around_eq.0, around_eq.1);
                render_value(value, &mut out);
                render_comment(comment.as_ref(), &mut out);
            }
        }
    }
    if piece.final_newline {
        out.push_str(newline);
    }
    out
}

#[derive(Debug, Clone)]
enum Mutation {
    Insert(prop::sample::Index, &'static str),
    Delete(prop::sample::Index, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<prop::sample::Index>(), prop::sample::select(ODDITIES))
            .prop_map(|(at, s)| Mutation::Insert(at, s)),
        1 => (any::<prop::sample::Index>(), 1usize..6).prop_map(|(at, n)| Mutation::Delete(at, n)),
    ]
}

fn mutate(text: &str, mutations: &[Mutation]) -> String {
    let mut text = text.to_owned();
    for m in mutations {
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        match m {
            Mutation::Insert(at, s) => text.insert_str(*at.get(&bounds), s),
            Mutation::Delete(at, n) => {
                let i = at.index(bounds.len());
                let end = bounds[(i + n).min(bounds.len() - 1)];
                text.replace_range(bounds[i]..end, "");
            }
        }
    }
    text
}

/// A deck of generated cards, some mutated, after a valid `[deck]` table.
fn deck_text(pieces: &[(Piece, Vec<Mutation>)]) -> String {
    let mut text = String::from("[deck]\ntitle = \"Generated\"\ntags = [\"gen\"]\n\n");
    for (piece, mutations) in pieces {
        let mut card = render(piece);
        if !card.ends_with('\n') {
            card.push('\n');
        }
        text.push_str(&mutate(&card, mutations));
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn plain_pieces_are_always_read_and_match(piece in piece()) {
        let text = render(&piece);
        prop_assert_eq!(agrees_with_toml(&text), Ok(Some(text.len())), "{:?}", text);
    }

    #[test]
    fn altered_pieces_match_or_are_left_to_the_crate(
        piece in piece(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let text = mutate(&render(&piece), &mutations);
        let outcome = agrees_with_toml(&text);
        prop_assert!(outcome.is_ok(), "{}", outcome.unwrap_err());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn generated_decks_read_the_same_both_ways(
        pieces in prop::collection::vec(
            (piece(), prop::collection::vec(mutation(), 0..2)),
            1..6,
        ),
    ) {
        let text = deck_text(&pieces);
        let fast = parse(&text, "g.toml", "g", Options::default());
        let whole = parse_whole_document(&text, "g.toml", "g", Options::default());
        prop_assert_eq!(&fast.diagnostics, &whole.diagnostics, "{}", text);
        prop_assert_eq!(&fast.deck, &whole.deck, "{}", text);
    }
}

/// Decks with errors of every kind the fast path meets: problems in plain cards, cards
/// left to the crate, and a syntax error that sends the whole file to the crate.
#[test]
fn decks_with_errors_read_the_same_both_ways() {
    let head = "[deck]\ntitle = \"T\"\n\n";
    let bodies = [
        "[[card]]\nid = \"a\"\nfront = \"\"\nback = 1.0\nbakc = 1\n",
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\n\n[[card]]\nid = \"a\"\nfront = \"R\"\nback = \"B\"\n",
        "[[card]]\nid = \"a b\"\nfront = \"Q\"\nback = 99999999999999999999\n",
        "[[card]]\nfront = \"Q\"\nback = \"A\"\n[[card]]\nfront = \"Q\"\nback = \"A\"\n",
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\nid = \"b\"\n",
        "[[card]]\nid = \"a\"\nfront = \"\"\"\nQ\n[[card]]\n\"\"\"\nback = \"A\"\nbakc = 1\n",
        "[[card]]\nid = \"a\"\nfront = \"Who followed Lenin, Stalin or Trotsky?\"\nback = \"Stalin\"\ntags = [\"x\", 3]\n",
        "[[card]]\nid = \"a\"\nfront = \"bell \\u0007\"\nback = \"A\"\nchoices = [\"A\", \"b\", \"b\"]\n",
        "[[card]]\nid = \"a\"\ncloze = \"no deletion\"\nmode = \"shout\"\n",
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\n[deck]\ntitle = \"again\"\n",
    ];
    for body in bodies {
        let text = format!("{head}{body}");
        let fast = parse(&text, "e.toml", "e", Options::default());
        let whole = parse_whole_document(&text, "e.toml", "e", Options::default());
        assert!(!fast.diagnostics.is_empty(), "{body}");
        assert_eq!(fast.diagnostics, whole.diagnostics, "{body}");
        assert_eq!(fast.deck, whole.deck, "{body}");
    }
}

#[test]
fn the_bundled_deck_reads_the_same_both_ways() {
    let text = crate::deck::BUNDLED_DECK;
    let fast = parse(text, "b.toml", "b", Options::default());
    let whole = parse_whole_document(text, "b.toml", "b", Options::default());
    assert_eq!(fast.diagnostics, whole.diagnostics);
    assert_eq!(fast.deck, whole.deck);
    assert_eq!(fast.deck.map(|d| d.cards.len()), Some(90));
}

//! The fast reader is held to the toml crate: whenever it reads a piece, the table must be
//! the crate's own, spans included; plain pieces must be read; and whole decks must give
//! the same cards and problems through the fast path as through one whole-document parse.

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::{PlainCard, card_piece};

mod generated;

/// Everything a table holds, spans included (the `Debug` of `Spanned` shows them).
fn rendering(table: &toml::Spanned<DeTable<'_>>) -> String {
    format!("{table:?}")
}

/// The document the crate builds for a plain card's piece (`piece`, from its header on),
/// made from what the fast reader read: a root table whose `card` key holds an array of
/// one table of the card's entries, with the header's spans.
fn tree<'i>(piece: &'i str, card: &PlainCard<'i>) -> toml::Spanned<DeTable<'i>> {
    let header = card.header.clone();
    let key_at = header.start + piece[header.clone()].find("card").expect("a card header");
    let mut table = DeTable::new();
    for (key, value) in &card.entries {
        assert!(
            table.insert(key.clone(), value.clone()).is_none(),
            "{key:?} twice"
        );
    }
    let mut array = DeArray::new();
    array.push(Spanned::new(header.clone(), DeValue::Table(table)));
    let mut root = DeTable::new();
    root.insert(
        Spanned::new(key_at..key_at + 4, Cow::Borrowed("card")),
        Spanned::new(header, DeValue::Array(array)),
    );
    Spanned::new(0..0, root)
}

/// Checks the reader against the crate on `piece`: `Ok(None)` when the reader declines
/// it, `Ok(Some(len))` when it read the first `len` bytes and built the crate's own tree
/// for them.
fn agrees_with_toml(piece: &str) -> Result<Option<usize>, String> {
    let Some((fast, len)) = card_piece(piece) else {
        return Ok(None);
    };
    let fast = tree(piece, &fast);
    let read = &piece[..len];
    let (crate_table, errors) = DeTable::parse_recoverable(read);
    if !errors.is_empty() {
        return Err(format!(
            "read {read:?}, which the crate rejects: {errors:?}"
        ));
    }
    let (ours, theirs) = (rendering(&fast), rendering(&crate_table));
    if ours == theirs {
        Ok(Some(len))
    } else {
        Err(format!("{read:?}\nfast:  {ours}\ntoml:  {theirs}"))
    }
}

#[test]
fn plain_pieces_are_read_exactly_as_the_crate_reads_them() {
    let pieces = [
        "[[card]]\nid = \"a\"\nfront = \"Q?\"\nback = \"A\"\n",
        "  [[ card ]] # second\nid = 'b'\n\n# a comment\nback = true\nfront=\"x\"",
        "[[card]]\r\nid = \"c\"\r\ntags = [\"x\", 'y' , ]\r\nreverse = false # no\r\n",
        "[[card]]\nfront = \"tab\\tquote\\\" \\\\ \\u00e9 \\U0001F600 \\e \\x41 \\b\\f\\n\\r\"\n",
        "[[card]]\nback = 1917\nfront = \"Year?\"\nchoices = []\norder = [ ]\n",
        "[[card]]\nback = -12_345 # comment\nexplain = \"é ü — “quoted” 𝄞\"\n",
        "\t[[card]]\t\n\tid\t=\t\"t\"\t\n",
        "[[card]]",
        "[[card]]\n\n\n",
    ];
    for piece in pieces {
        assert_eq!(agrees_with_toml(piece), Ok(Some(piece.len())), "{piece:?}");
    }
}

#[test]
fn everything_else_is_left_to_the_crate() {
    let pieces = [
        "[[card]]\nfront = \"\"\"\nmulti\n\"\"\"\n",
        "[[card]]\nfront = '''x'''\n",
        "[[card]]\nback = 2.5\n",
        "[[card]]\nback = 1979-05-27\n",
        "[[card]]\nback = 0x1F\n",
        "[[card]]\nback = 012\n",
        "[[card]]\nback = { a = 1 }\n",
        "[[card]]\na.b = \"x\"\n",
        "[[card]]\n\"quoted\" = \"x\"\n",
        "[[card]]\ntags = [\n\"a\",\n]\n",
        "[[card]]\ntags = [1, 2]\n",
        "[[card]]\ntags = [[\"a\"]]\n",
        "[[card]]\nid = \"a\"\nid = \"b\"\n",
        "[[card]]\nid = \"bell \u{7}\"\n",
        "[[card]]\nid = \"a\"\r",
        "[[card]]\nid = \"\\q\"\n",
        "[[card]]\nid = \"\\uD800\"\n",
        "[[card]]\nid = \"\\x4\"\n",
        "[[card]]\nid = \"open\n",
        "[[card]]\nid = \"a\" \"b\"\n",
        "[[card]]\nreverse = truex\n",
        "[[card]] id = \"a\"\n",
        "[card]\nid = \"a\"\n",
        "[[deck]]\nid = \"a\"\n",
        "[[card]]\n# del \u{7f}\n",
        "[[card]]\nkey\u{a0}= \"x\"\n",
    ];
    for piece in pieces {
        assert_eq!(agrees_with_toml(piece), Ok(None), "{piece:?}");
    }
}

#[test]
fn reading_stops_at_the_next_header() {
    let two = "[[card]]\nid = \"a\"\n\n  [[card]]\nid = \"b\"\n";
    assert_eq!(agrees_with_toml(two), Ok(Some(19)));
    let deck_after = "[[card]]\nid = \"a\" # x\n[deck]\n";
    assert_eq!(agrees_with_toml(deck_after), Ok(Some(22)));
    assert_eq!(agrees_with_toml("[[card]]\n\t["), Ok(Some(9)));
}

/// Every bundled card is read by the fast reader but the three whose `order` spans
/// several lines, and each piece ends where the next header starts.
#[test]
fn every_card_of_the_bundled_deck_agrees() {
    let text = crate::deck::BUNDLED_DECK;
    let (_, pieces) = crate::deck::chunks::split(text).expect("the bundled deck splits");
    let mut count = 0;
    for piece in pieces {
        let piece = piece.expect("the split is faithful");
        let piece_text = &text[piece.range.clone()];
        let multi_line_array = piece_text.contains("[\n");
        assert_eq!(piece.plain.is_some(), !multi_line_array, "{piece_text}");
        if let Some(card) = &piece.plain {
            let (crate_table, errors) = DeTable::parse_recoverable(piece_text);
            assert!(errors.is_empty());
            assert_eq!(rendering(&tree(piece_text, card)), rendering(&crate_table));
        }
        assert!(piece.range.end == text.len() || text[piece.range.end..].starts_with("[[card]]"));
        count += 1;
    }
    assert_eq!(count, 90);
}

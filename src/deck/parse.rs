//! From TOML text to a validated [`Deck`], collecting every problem on the way.
//!
//! The document is parsed with spans (so every message can point at its key or value),
//! then the `[deck]` table and each `[[card]]` are read by [`super::card`].

use std::borrow::Cow;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::card::CardReader;
use super::chunks::{Piece, Pieces};
use super::cite::Source;
use super::diagnostic::Diagnostic;
use super::fields::{Table, type_name};
use super::model::{Card, Deck};
use super::report::Report;

const TOP_KEYS: &[&str] = &["deck", "card"];
const DECK_KEYS: &[&str] = &[
    "id",
    "title",
    "description",
    "source",
    "tags",
    "scheduler",
    "new_order",
];
const SCHEDULERS: &[&str] = &["fsrs", "sm2", "leitner"];

/// What to check beyond the format itself.
#[derive(Debug, Default, Clone, Copy)]
pub struct Options<'s> {
    /// The text every `cite` must be found in.
    pub source: Option<&'s Source>,
    /// Skip the warnings about what makes a card bad to study (give-aways, look-alike
    /// letters, ...: the ones a card can `allow`). A session, which shows none of them, sets
    /// it: looking for them is a third of reading a large deck.
    pub quiet: bool,
    /// The deck file's folder, when the files of its pictures are to be opened and checked
    /// (`recall check`); reading a deck to study never opens them.
    pub pictures_in: Option<&'s std::path::Path>,
}

/// The outcome of reading one deck: the deck when it has no errors, and every problem.
#[derive(Debug)]
pub struct Parsed {
    /// The deck, when no error was found (warnings allowed).
    pub deck: Option<Deck>,
    /// Errors and warnings, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads a deck from `text`. `path` names the file in messages; `default_id` is the deck
/// id when `[deck] id` is absent (the file stem).
#[must_use]
pub fn parse(text: &str, path: &str, default_id: &str, options: Options<'_>) -> Parsed {
    parse_streamed(text, path, default_id, options, &mut |_, _| {}).0
}

/// How many cards [`parse_streamed`] hands over at a time.
const BATCH: usize = 256;

/// [`parse`], handing the cards over as they are read: `on_cards` gets the deck's own fields
/// (no cards) and the next valid cards, complete with the deck's tags, in file order; a
/// consumer can start on them while the rest of the file is parsed. The `bool` is true when
/// the cards handed over are exactly the deck's cards; when it is false (a file that had to
/// be read whole, or that has errors) the consumer must drop what it got.
pub fn parse_streamed(
    text: &str,
    path: &str,
    default_id: &str,
    options: Options<'_>,
    on_cards: &mut dyn FnMut(&Deck, &[Card]),
) -> (Parsed, bool) {
    let text = unix_newlines(text);
    let text: &str = &text;
    let pieces = super::chunks::split(text).and_then(|(prefix, cards)| {
        parse_in_pieces(text, path, (prefix, cards), default_id, options, on_cards)
    });
    let (deck, report, streamed) = match pieces {
        Some((deck, report)) => {
            let streamed = deck.is_some();
            (deck, report, streamed)
        }
        None => {
            let mut report = Report::new(path, text).linting(!options.quiet);
            let deck = parse_whole(text, default_id, options, &mut report);
            (deck, report, false)
        }
    };
    let deck = if report.has_errors() { None } else { deck };
    let streamed = streamed && deck.is_some();
    let parsed = Parsed {
        deck,
        diagnostics: report.into_sorted(),
    };
    (parsed, streamed)
}

/// Like [`parse`], but always through one whole-document syntax tree. It gives the same
/// result with more memory; tests use it to hold the piecewise fast path to it.
#[must_use]
pub fn parse_whole_document(
    text: &str,
    path: &str,
    default_id: &str,
    options: Options<'_>,
) -> Parsed {
    let text = unix_newlines(text);
    let text: &str = &text;
    let mut report = Report::new(path, text).linting(!options.quiet);
    let deck = parse_whole(text, default_id, options, &mut report);
    let deck = if report.has_errors() { None } else { deck };
    Parsed {
        deck,
        diagnostics: report.into_sorted(),
    }
}

/// The fast path: the `[deck]` part, then one card at a time, so only one card's syntax
/// tree is in memory at once. Plain cards are read by [`super::fast`], the others by the
/// toml crate. `None` when any piece has a TOML error, the prefix holds `card`
/// itself or another table follows the cards; the caller then parses the whole document,
/// which reports it faithfully.
fn parse_in_pieces<'a>(
    text: &'a str,
    path: &'a str,
    (prefix, cards): (Range<usize>, Pieces<'a>),
    default_id: &str,
    options: Options<'_>,
    on_cards: &mut dyn FnMut(&Deck, &[Card]),
) -> Option<(Option<Deck>, Report<'a>)> {
    let mut report = Report::new(path, text).linting(!options.quiet);
    let (root, errors) = DeTable::parse_recoverable(&text[prefix]);
    if !errors.is_empty() || root.get_ref().contains_key("card") {
        return None;
    }
    let deck = read_prefix(root.get_ref(), default_id, &mut report);
    let tags = deck.as_ref().map(|d| d.tags.clone()).unwrap_or_default();
    let mut reader =
        CardReader::new(options.source, tags).checking_pictures_in(options.pictures_in);
    // Cards before this one were handed over.
    let mut handed = 0;
    for piece in cards {
        let Piece { range, plain } = piece?;
        report.offset = range.start;
        if let Some(card) = plain {
            let table = Table::from_entries(&card.entries, card.header.clone(), "card");
            reader.read_table(&table, &mut report);
        } else {
            let piece = parse_clean(&text[range])?;
            let Some(DeValue::Array(array)) =
                piece.get_ref().get("card").map(toml::Spanned::get_ref)
            else {
                return None;
            };
            reader.read_all(array, &mut report);
        }
        if let Some(deck) = &deck
            && reader.card_count() >= handed + BATCH
        {
            on_cards(deck, reader.cards_from(handed));
            handed = reader.card_count();
        }
    }
    if let Some(deck) = &deck
        && reader.card_count() > handed
    {
        on_cards(deck, reader.cards_from(handed));
    }
    reader.deck_warnings(&mut report);
    Some((deck.map(|d| reader.finish(d)), report))
}

/// `text` with Windows line ends (`\r\n`) made `\n`. TOML reads them as one newline
/// between keys, but keeps them inside a `"""` string, where the `\r` would be refused as
/// a control character: a deck saved on Windows must read as the same deck. Line numbers
/// stay, and so do columns (a `\r` only ever ends a line). A lone `\r` is left alone.
fn unix_newlines(text: &str) -> Cow<'_, str> {
    if text.contains("\r\n") {
        Cow::Owned(text.replace("\r\n", "\n"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Reports every `[card]` header, a table of its own, where each card needs `[[card]]`:
/// the toml crate would only say "duplicate key" for the second and later ones. True when
/// there was one.
fn single_card_headers(text: &str, report: &mut Report<'_>) -> bool {
    let mut found = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let code = line.split('#').next().unwrap_or_default().trim();
        if code
            .strip_prefix('[')
            .and_then(|c| c.strip_suffix(']'))
            .map(str::trim)
            == Some("card")
        {
            let indent = line.len() - line.trim_start().len();
            report.error(
                &(at + indent..at + indent),
                "`[card]` starts a single table, not one card of many; write `[[card]]`, with two brackets, above each card",
            );
            found = true;
        }
        at += line.len();
    }
    found
}

/// The toml crate's tree of `text`, when it has no error.
fn parse_clean(text: &str) -> Option<toml::Spanned<DeTable<'_>>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    errors.is_empty().then_some(table)
}

/// The general path: the whole document in one syntax tree, with recovery from errors.
fn parse_whole(
    text: &str,
    default_id: &str,
    options: Options<'_>,
    report: &mut Report<'_>,
) -> Option<Deck> {
    if single_card_headers(text, report) {
        return None;
    }
    let (root, errors) = DeTable::parse_recoverable(text);
    for e in &errors {
        let span = e.span().unwrap_or(0..0);
        report.error(&span, format!("TOML syntax: {}", first_line(e.message())));
    }
    if !errors.is_empty() {
        return None;
    }
    let root = root.get_ref();
    let deck = read_prefix(root, default_id, report);
    let Some(cards) = root.get("card") else {
        report.error(&deck_span(root), NO_CARDS);
        return None;
    };
    let Some(array) = cards.get_ref().as_array() else {
        report.error(
            &cards.span(),
            format!(
                "`card` must be an array of tables (write [[card]]), found {}",
                type_name(cards.get_ref())
            ),
        );
        return None;
    };
    let tags = deck.as_ref().map(|d| d.tags.clone()).unwrap_or_default();
    let mut reader =
        CardReader::new(options.source, tags).checking_pictures_in(options.pictures_in);
    reader.read_all(array, report);
    if reader.is_empty() {
        report.error(&cards.span(), NO_CARDS);
        return None;
    }
    reader.deck_warnings(report);
    deck.map(|d| reader.finish(d))
}

const NO_CARDS: &str = "deck has no cards; add at least one [[card]]";

fn first_line(message: &str) -> String {
    crate::text::escape_controls(message.lines().next().unwrap_or("").trim()).into_owned()
}

/// Reads what comes before the cards: unknown top-level keys and the `[deck]` table.
fn read_prefix(root: &DeTable<'_>, default_id: &str, report: &mut Report<'_>) -> Option<Deck> {
    let top = Table::new(root, 0..0, "the deck file");
    top.reject_unknown(TOP_KEYS, report);
    read_deck_table(root, default_id, report)
}

fn deck_span(root: &DeTable<'_>) -> Range<usize> {
    root.get("deck").map_or(0..0, toml::Spanned::span)
}

fn read_deck_table(root: &DeTable<'_>, default_id: &str, report: &mut Report<'_>) -> Option<Deck> {
    let Some(value) = root.get("deck") else {
        report.error(&(0..0), "missing [deck] table; it needs at least a `title`");
        return None;
    };
    let DeValue::Table(table) = value.get_ref() else {
        report.error(
            &value.span(),
            format!(
                "`deck` must be a table, found {}",
                type_name(value.get_ref())
            ),
        );
        return None;
    };
    let t = Table::new(table, value.span(), "deck");
    t.reject_unknown(DECK_KEYS, report);
    let title = t.required_text("title", "the deck's name", report);
    let id = t.text("id", report);
    if let Some(id) = &id {
        super::card::check_id(&id.value, &id.span, report);
    } else if let Some(c) = default_id.chars().find(|&c| crate::text::is_hidden(c)) {
        // The id comes from the file name, which may hold what no id may.
        report.error(
            &value.span(),
            format!(
                "the deck's id comes from the file name, \"{}\", which holds the character {}; \
                 rename the file or give `[deck]` an `id`",
                crate::text::escape_controls(default_id),
                crate::text::escape_controls(&c.to_string())
            ),
        );
    }
    let scheduler = t.text("scheduler", report);
    if let Some(s) = &scheduler
        && !SCHEDULERS.contains(&s.value.as_str())
    {
        report.error(
            &s.span,
            format!(
                "unknown scheduler \"{}\"; expected one of: {}",
                crate::text::escape_controls(&s.value),
                SCHEDULERS.join(", ")
            ),
        );
    }
    let tags = t.text_list("tags", report).unwrap_or_default();
    let new_order = t
        .text("new_order", report)
        .and_then(|o| match o.value.parse() {
            Ok(order) => Some(order),
            Err(message) => {
                report.error(&o.span, message);
                None
            }
        });
    Some(Deck {
        id: id.map_or_else(|| default_id.to_owned(), |t| t.value),
        title: title.map(|t| t.value).unwrap_or_default(),
        description: t.text("description", report).map(|t| t.value),
        source: t.text("source", report).map(|t| t.value),
        tags: tags.into_iter().map(|t| t.value).collect(),
        scheduler: scheduler.map(|t| t.value),
        new_order,
        cards: Vec::new(),
    })
}

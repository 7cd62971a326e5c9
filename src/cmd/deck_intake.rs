//! A deck file new to the store: parsed on this thread while another writes its cards into
//! the store's cache and card rows as they come, in one transaction that is committed only
//! when the whole file turned out valid.
//!
//! On a first launch with a large deck the two halves of the work (reading TOML, writing
//! SQLite rows) take about as long as each other, so the first question shows up in little
//! more than the time of the longer one.

use std::collections::HashSet;
use std::sync::mpsc;

use crate::deck::{self, Card, Deck, Severity};
use crate::error::Error;
use crate::store::{Batch, FileStamp, Intake, Store, StoreError};

/// What the parsing side sends the writing side.
enum Feed {
    /// The deck's own fields (no cards), before its first cards.
    Deck(Deck),
    /// The stored forms of the next cards, in file order.
    Cards(Batch),
    /// Every card was sent and the deck is valid: commit.
    Finish,
}

/// A parse that hands its cards to a consumer as it reads them (see
/// [`deck::parse_streamed`]); `Err` when the file could not be read as text.
pub type StreamedParse<'p> = dyn FnOnce(&mut dyn FnMut(&Deck, &[Card])) -> Result<(deck::Parsed, bool), deck::Diagnostic>
    + 'p;

/// Parses a deck with `parse` and, when it is valid, caches it as the entry `key` with
/// `stamp` and syncs its cards into the store, all in one transaction. A deck whose id is in
/// `taken` (another deck of the same session has it) is neither cached nor synced. Returns
/// the valid deck, or its errors.
///
/// # Errors
/// The store could not be written; then nothing of the deck was kept.
pub fn parse_and_take(
    store: &mut Store,
    key: &str,
    stamp: FileStamp,
    taken: &HashSet<String>,
    parse: Box<StreamedParse<'_>>,
) -> Result<Result<Deck, Vec<deck::Diagnostic>>, Error> {
    let (parsed, written) = std::thread::scope(|scope| {
        let (send, receive) = mpsc::sync_channel::<Feed>(8);
        let writing = &mut *store;
        let writer = scope.spawn(move || write(writing, key, stamp, taken, receive));
        let mut told = false;
        let parsed = parse(&mut |deck, cards| {
            // A writer that stopped (an error, a taken id) no longer listens; its result
            // says why.
            if !told {
                told = true;
                let _ = send.send(Feed::Deck(deck.clone()));
            }
            let _ = send.send(Feed::Cards(Batch::new(cards)));
        });
        if let Ok((parsed, true)) = &parsed
            && parsed.deck.is_some()
        {
            let _ = send.send(Feed::Finish);
        }
        drop(send);
        let written = match writer.join() {
            Ok(written) => written,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (parsed, written)
    });
    let parsed = match parsed {
        Ok((parsed, _)) => parsed,
        Err(problem) => return Ok(Err(vec![problem])),
    };
    let written = written?;
    let errors: Vec<deck::Diagnostic> = parsed
        .diagnostics
        .into_iter()
        .filter(|d| d.severity == Severity::Error)
        .collect();
    let deck = match parsed.deck {
        Some(deck) if errors.is_empty() => deck,
        _ => return Ok(Err(errors)),
    };
    if !written && !taken.contains(&deck.id) {
        // Not handed over whole while parsing: take it in now.
        let mut intake = store.intake()?;
        begin(&mut intake, key, stamp, &deck)?;
        intake.add(&deck.cards)?;
        intake.finish()?;
    }
    Ok(Ok(deck))
}

/// Starts the intake of `deck` into the cache entry `key` and the card rows.
fn begin(
    intake: &mut Intake<'_>,
    key: &str,
    stamp: FileStamp,
    deck: &Deck,
) -> Result<(), StoreError> {
    intake.cache_as(key, stamp, deck)?;
    intake.sync(deck, Some(stamp.hash))
}

/// The writing side: takes in what `feed` brings and commits on [`Feed::Finish`]. Returns
/// whether it committed; a feed that ends without `Finish` is rolled back.
fn write(
    store: &mut Store,
    key: &str,
    stamp: FileStamp,
    taken: &HashSet<String>,
    feed: mpsc::Receiver<Feed>,
) -> Result<bool, StoreError> {
    // The deck's own fields come first (a parse that never sends them sends nothing).
    let Ok(Feed::Deck(deck)) = feed.recv() else {
        return Ok(false);
    };
    if taken.contains(&deck.id) {
        return Ok(false);
    }
    let mut intake = store.intake()?;
    begin(&mut intake, key, stamp, &deck)?;
    for message in feed {
        match message {
            Feed::Deck(_) => return Ok(false),
            Feed::Cards(cards) => intake.add_batch(&cards)?,
            Feed::Finish => return intake.finish().map(|_| true),
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use std::fmt::Write as _;

    use super::*;
    use crate::store::{CardRecord, file_hash};

    /// A deck of `n` cards (some reversed, so cards and items differ), with deck tags.
    fn text(n: usize) -> String {
        let mut text = String::from("[deck]\ntitle = \"T\"\nid = \"d\"\ntags = [\"t\"]\n");
        for i in 0..n {
            let _ = write!(
                text,
                "\n[[card]]\nid = \"c{i}\"\nfront = \"Q {i}?\"\nback = \"A {i}\"\n{}",
                if i % 7 == 0 { "reverse = true\n" } else { "" }
            );
        }
        text
    }

    fn stamp(text: &str) -> FileStamp {
        FileStamp {
            size: text.len() as u64,
            mtime_ns: 1,
            hash: file_hash(text.as_bytes()),
        }
    }

    fn take(
        store: &mut Store,
        text: &str,
        taken: &HashSet<String>,
    ) -> Result<Deck, Vec<deck::Diagnostic>> {
        let parse = |on_cards: &mut dyn FnMut(&Deck, &[Card])| {
            Ok(deck::parse_streamed(
                text,
                "d.toml",
                "d",
                deck::Options::default(),
                on_cards,
            ))
        };
        parse_and_take(store, "/d.toml", stamp(text), taken, Box::new(parse)).unwrap()
    }

    fn rows(store: &Store) -> Vec<CardRecord> {
        let mut rows = store.cards("d").unwrap();
        rows.sort_by(|a, b| a.card.cmp(&b.card));
        rows
    }

    fn store(dir: &tempfile::TempDir, name: &str) -> Store {
        Store::open_path(&dir.path().join(name)).unwrap()
    }

    #[test]
    fn a_streamed_deck_is_cached_and_synced_as_the_plain_way_would() {
        let dir = tempfile::tempdir().unwrap();
        // More cards than one hand-over, so the writer gets several batches.
        let text = text(1_000);
        let mut streamed = store(&dir, "streamed.sqlite3");
        let deck = take(&mut streamed, &text, &HashSet::new()).unwrap();
        assert_eq!(deck.cards.len(), 1_000);
        assert_eq!(deck.cards[3].tags, ["t"]);

        let mut plain = store(&dir, "plain.sqlite3");
        let parsed = deck::parse(&text, "d.toml", "d", deck::Options::default());
        let whole = parsed.deck.unwrap();
        assert_eq!(whole, deck);
        plain.cache_deck("/d.toml", stamp(&text), &whole).unwrap();
        plain.sync_deck(&whole).unwrap();

        assert_eq!(rows(&streamed), rows(&plain));
        assert_eq!(rows(&streamed).len(), 1_000 + 143);
        let entry = streamed
            .cached_deck("/d.toml", stamp(&text))
            .unwrap()
            .unwrap();
        assert_eq!(entry.cards, 1_000);
        let cached = streamed.cached_cards(entry.file, entry.cards).unwrap();
        assert_eq!(cached.unwrap(), deck.cards);
        // The rows are in line with the file: a session skips the sync.
        assert!(streamed.is_synced("d", stamp(&text).hash).unwrap());
    }

    #[test]
    fn a_streamed_deck_syncs_over_earlier_rows_as_the_plain_way_would() {
        let dir = tempfile::tempdir().unwrap();
        // Both profiles know an older version of the deck, with one card answered.
        let old = deck::parse(&text(700), "d.toml", "d", deck::Options::default())
            .deck
            .unwrap();
        let t = chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap();
        let mut profiles = ["a.sqlite3", "b.sqlite3"].map(|name| {
            let mut s = store(&dir, name);
            s.sync_deck(&old).unwrap();
            let after = crate::scheduler::CardState::new(t);
            let review = crate::store::Review::new(
                "d",
                "c1",
                t,
                crate::scheduler::Rating::Good,
                None,
                after,
            );
            s.record_review(&review).unwrap();
            s
        });
        // The new version: card 1's question changed, cards past 600 are gone.
        let new = text(600).replace("Q 1?", "Q one?");
        let [streamed, plain] = &mut profiles;
        take(streamed, &new, &HashSet::new()).unwrap();
        let whole = deck::parse(&new, "d.toml", "d", deck::Options::default())
            .deck
            .unwrap();
        plain.cache_deck("/d.toml", stamp(&new), &whole).unwrap();
        let report = plain.sync_deck(&whole).unwrap();
        assert_eq!((report.changed, report.orphaned), (1, 100 + 14));
        assert_eq!(rows(streamed), rows(plain));
        assert!(rows(streamed).iter().any(|r| r.card == "c1" && r.changed));
        assert_eq!(rows(streamed).iter().filter(|r| !r.present).count(), 114);
    }

    #[test]
    fn a_deck_with_an_error_late_in_the_file_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(&dir, "p.sqlite3");
        // Hundreds of good cards are handed over before the bad one is read.
        let mut bad = text(900);
        bad.push_str("\n[[card]]\nid = \"c1\"\nfront = \"again?\"\nback = \"x\"\n");
        let errors = take(&mut store, &bad, &HashSet::new()).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.message.contains("duplicate card id")),
            "{errors:?}"
        );
        assert!(rows(&store).is_empty());
        assert!(store.cached_deck("/d.toml", stamp(&bad)).unwrap().is_none());
    }

    #[test]
    fn a_deck_whose_id_is_taken_is_neither_cached_nor_synced() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(&dir, "p.sqlite3");
        let text = text(600);
        let taken: HashSet<String> = ["d".to_owned()].into();
        let deck = take(&mut store, &text, &taken).unwrap();
        assert_eq!(deck.cards.len(), 600);
        assert!(rows(&store).is_empty());
        assert!(
            store
                .cached_deck("/d.toml", stamp(&text))
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn a_file_read_whole_is_cached_and_synced_too() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = store(&dir, "p.sqlite3");
        // The [deck] table after the cards makes the parse read the document whole.
        let text = "[[card]]\nid = \"a\"\nfront = \"Q?\"\nback = \"A\"\n\n\
                    [deck]\ntitle = \"T\"\nid = \"d\"\n";
        let (_, streamed) = deck::parse_streamed(
            text,
            "d.toml",
            "d",
            deck::Options::default(),
            &mut |_, _| {},
        );
        assert!(!streamed);
        let deck = take(&mut store, text, &HashSet::new()).unwrap();
        assert_eq!(deck.cards.len(), 1);
        assert_eq!(rows(&store).len(), 1);
        assert!(store.cached_deck("/d.toml", stamp(text)).unwrap().is_some());
        assert!(store.is_synced("d", stamp(text).hash).unwrap());
    }
}

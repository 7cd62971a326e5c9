//! Tests of the intake of a deck file new to the cache.

use std::fmt::Write as _;

use super::*;
use crate::library::{DeckSync, content_hash, file_hash};
use crate::store::CardRecord;

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

/// The streamed parse of `text` as the file `d.toml`.
fn streamed(text: &str) -> Box<StreamedParse<'_>> {
    Box::new(move |on_cards: &mut dyn FnMut(&Deck, &[Card])| {
        Ok(deck::parse_streamed(
            text,
            "d.toml",
            "d",
            deck::Options::default(),
            on_cards,
        ))
    })
}

fn take(
    store: &mut Store,
    text: &str,
    taken: &HashSet<String>,
) -> Result<Deck, Vec<deck::Diagnostic>> {
    let cache = cache_of(store);
    let to = Target {
        store,
        cache: &cache,
        key: "/d.toml",
        stamp: stamp(text),
    };
    parse_and_take(to, taken, streamed(text)).unwrap()
}

/// The cache the tests of `store` keep their decks in: beside its file.
fn cache_of(store: &Store) -> DeckCache {
    DeckCache::at(store.path().with_extension("cache"))
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
    plain.sync_deck(&whole).unwrap();

    assert_eq!(rows(&streamed), rows(&plain));
    assert_eq!(rows(&streamed).len(), 1_000 + 143);
    let entry = cache_of(&streamed).find("/d.toml", stamp(&text)).unwrap();
    assert_eq!(entry.cards.count(), 1_000);
    assert_eq!(entry.cards.all().unwrap(), deck.cards);
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
        let review =
            crate::store::Review::new("d", "c1", t, crate::scheduler::Rating::Good, None, after);
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
    assert!(cache_of(&store).find("/d.toml", stamp(&bad)).is_none());
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
    assert!(cache_of(&store).find("/d.toml", stamp(&text)).is_none());
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
    assert!(cache_of(&store).find("/d.toml", stamp(text)).is_some());
    assert!(store.is_synced("d", stamp(text).hash).unwrap());
}

/// Parses `text` with [`parse_and_send`] as the file `d.toml` of the store.
fn send(
    store: &mut Store,
    text: &str,
    intakes: &mut Intakes,
) -> Result<Deck, Vec<deck::Diagnostic>> {
    let cache = cache_of(store);
    let to = Target {
        store,
        cache: &cache,
        key: "/d.toml",
        stamp: stamp(text),
    };
    parse_and_send(to, &HashSet::new(), streamed(text), (intakes, 0)).unwrap()
}

#[test]
fn rows_made_while_an_intake_is_written_are_the_rows_it_commits() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(&dir, "p.sqlite3");
    // An older version of the deck, partly answered, one item suspended, one buried.
    let old = deck::parse(&text(700), "d.toml", "d", deck::Options::default())
        .deck
        .unwrap();
    store.sync_deck(&old).unwrap();
    let t = chrono::DateTime::from_timestamp(1_780_000_000, 0).unwrap();
    for (n, id) in ["c1", "c2", "c5", "c7:reverse", "c650"].iter().enumerate() {
        let after = crate::scheduler::CardState::new(t + chrono::TimeDelta::days(n as i64));
        let review =
            crate::store::Review::new("d", id, t, crate::scheduler::Rating::Good, None, after);
        store.record_review(&review).unwrap();
    }
    // c2's text changed after its answer and was synced since: it stays marked.
    let edited = deck::parse(
        &text(700).replace("Q 2?", "Q two?"),
        "d.toml",
        "d",
        deck::Options::default(),
    )
    .deck
    .unwrap();
    store.sync_deck(&edited).unwrap();
    store
        .suspend("d", "c3", true, chrono::DateTime::UNIX_EPOCH)
        .unwrap();
    store
        .bury(
            "d",
            "c5",
            Some(t + chrono::TimeDelta::hours(5)),
            chrono::DateTime::UNIX_EPOCH,
        )
        .unwrap();
    // The new version: two answered cards and one new card changed, an answered card
    // gone, and 200 cards more.
    let new = text(900)
        .replace(
            "[[card]]\nid = \"c650\"\nfront = \"Q 650?\"\nback = \"A 650\"\n",
            "",
        )
        .replace("Q 2?", "Q two?")
        .replace("Q 1?", "Q one?")
        .replace("Q 7?", "Q seven?")
        .replace("Q 4?", "Q four?");
    let mut intakes = Intakes::default();
    let deck = send(&mut store, &new, &mut intakes).unwrap();
    let unwritten = intakes.unwritten(0).expect("written apart");
    let made: Vec<crate::store::QueueRow> = deck
        .cards
        .iter()
        .enumerate()
        .flat_map(|(ord, card)| {
            crate::deck::card_items(card)
                .into_iter()
                .map(move |item| (ord, item.id()))
        })
        .zip(&unwritten.prior)
        .map(|((ord, id), prior)| match prior {
            Some(prior) => prior.after(id, ord, || content_hash(&deck.cards[ord]).cast_signed()),
            None => crate::store::prior_rows::fresh_row(id, ord),
        })
        .collect();
    assert_eq!(unwritten.prior.len(), made.len());
    assert_eq!(deck.cards.len(), 899);
    // Nothing is in the store's rows until the intake commits.
    intakes.release();
    intakes.wait().unwrap();
    let stored: std::collections::HashMap<String, CardRecord> = rows(&store)
        .into_iter()
        .map(|r| (r.card.clone(), r))
        .collect();
    assert_eq!(made.len(), 899 + 129);
    for row in &made {
        let s = &stored[&row.item];
        assert!(s.present, "{}", row.item);
        assert_eq!(
            (&s.state, s.suspended, s.buried_until, s.changed),
            (&row.state, row.suspended, row.buried_until, row.changed),
            "{}",
            row.item
        );
        let hash = content_hash(&deck.cards[row.ord]);
        assert_eq!(s.content_hash, Some(hash));
    }
    let changed: Vec<&str> = made
        .iter()
        .filter(|r| r.changed)
        .map(|r| r.item.as_str())
        .collect();
    // Only answered items are marked: c7 itself was never answered.
    assert_eq!(changed, ["c1", "c2", "c7:reverse"]);
    // The answered card no longer in the file is an orphan.
    assert!(!stored["c650"].present);
    assert!(store.is_synced("d", stamp(&new).hash).unwrap());
    assert!(cache_of(&store).find("/d.toml", stamp(&new)).is_some());
}

#[test]
fn a_deck_with_errors_sent_apart_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(&dir, "p.sqlite3");
    let mut bad = text(900);
    bad.push_str("\n[[card]]\nid = \"c1\"\nfront = \"again?\"\nback = \"x\"\n");
    let mut intakes = Intakes::default();
    let errors = send(&mut store, &bad, &mut intakes).unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.message.contains("duplicate card id"))
    );
    assert!(intakes.unwritten(0).is_none());
    intakes.wait().unwrap();
    assert!(rows(&store).is_empty());
    assert!(cache_of(&store).find("/d.toml", stamp(&bad)).is_none());
}

#[test]
fn a_deck_too_large_to_cache_is_synced_but_not_cached() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = store(&dir, "p.sqlite3");
    let cache = cache_of(&store);
    let deck = crate::deck::bundled().deck.unwrap();
    let own = Deck {
        cards: Vec::new(),
        ..deck.clone()
    };
    let stamp = FileStamp {
        size: 10,
        mtime_ns: 1,
        hash: 7,
    };
    let items: usize = deck.cards.iter().map(|c| deck::card_items(c).len()).sum();

    // A pack limit the cards soon outgrow, as a file of more than 512 MiB would.
    let mut taking = Taking::begin(&mut store, own.clone(), stamp.hash).unwrap();
    taking.pack = Some(PackWriter::with_limit(4096));
    taking.add(&mut Batch::new(&deck.cards)).unwrap();
    taking.finish(&cache, "/big.toml", stamp).unwrap();
    assert!(cache.find("/big.toml", stamp).is_none());
    // The card rows are all there: the deck is studied, parsed on every launch.
    assert_eq!(store.cards(&deck.id).unwrap().len(), items);
    assert!(store.is_synced(&deck.id, stamp.hash).unwrap());

    // Under the usual limit the same intake caches it.
    let mut taking = Taking::begin(&mut store, own, stamp.hash).unwrap();
    taking.add(&mut Batch::new(&deck.cards)).unwrap();
    taking.finish(&cache, "/big.toml", stamp).unwrap();
    let cached = cache.find("/big.toml", stamp).unwrap();
    assert_eq!(cached.cards.all().unwrap(), deck.cards);
}

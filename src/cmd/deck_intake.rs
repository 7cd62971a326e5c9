//! A deck file new to the store: parsed on this thread while another writes its cards into
//! the store's cache and card rows as they come, in one transaction that is committed only
//! when the whole file turned out valid.
//!
//! [`parse_and_take`] writes as the cards come and returns once committed.
//! [`parse_and_send`] (what `recall study` uses) goes further: its writer, on a connection of
//! its own, reads the deck's earlier rows while the parse goes on and waits to be released;
//! the session plans from the rows the intake will leave ([`Unwritten`]) and asks its first
//! question before the intake is written, and everything that writes waits for it
//! ([`Intakes::wait`]). No lock is held until the writer is released.

use std::collections::HashSet;
use std::sync::mpsc;

use crate::deck::{self, Card, Deck, Severity};
use crate::error::Error;
use crate::store::prior_rows::PriorRow;
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
        // A writer that stopped (an error, a taken id) no longer listens; its result says
        // why.
        let parsed = parse(&mut feeder(|feed| drop(send.send(feed)), Batch::new));
        if complete(&parsed) {
            let _ = send.send(Feed::Finish);
        }
        drop(send);
        let written = match writer.join() {
            Ok(written) => written,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (parsed, written)
    });
    let written = written?;
    settle(store, key, stamp, taken, parsed, written)
}

/// What a plan needs of a deck whose intake is still to be written on another thread: the
/// row each item had before it (`None`: it had none), every item of the deck in order. From them `PriorRow::after` and `prior_rows::fresh_row` tell every row as the
/// intake leaves it.
#[derive(Debug)]
pub struct Unwritten {
    pub prior: Vec<Option<PriorRow>>,
}

/// The intakes of a launch still to be written, each on a thread and a connection of its
/// own, so that the first question is asked before they commit. Whatever writes to the store
/// waits for them first ([`Intakes::wait`]); dropping them waits too.
#[derive(Debug, Default)]
pub struct Intakes {
    writers: Vec<std::thread::JoinHandle<Result<bool, StoreError>>>,
    /// Each writer waits for a word on its channel before taking in the cards.
    go: Vec<mpsc::Sender<Go>>,
    /// True once the writers were let go.
    released: bool,
    /// The decks being written, by their place among the session's decks.
    unwritten: Vec<(usize, Unwritten)>,
}

impl Intakes {
    /// Intakes with nothing to wait for, whose deck `d` reads as `unwritten`.
    #[cfg(test)]
    pub(crate) fn with_unwritten(d: usize, unwritten: Unwritten) -> Self {
        let mut intakes = Intakes::default();
        intakes.unwritten.push((d, unwritten));
        intakes
    }

    /// What the plan needs of deck `d` while its intake is being written; `None` once the
    /// intakes were waited for, or when the deck was not written apart.
    #[must_use]
    pub fn unwritten(&self, d: usize) -> Option<&Unwritten> {
        self.unwritten.iter().find(|(i, _)| *i == d).map(|(_, u)| u)
    }

    /// Waits until every intake has committed (or failed) and forgets them.
    ///
    /// # Errors
    /// An intake could not be written; then nothing of its deck was kept.
    pub fn wait(&mut self) -> Result<(), Error> {
        self.hurry();
        self.unwritten.clear();
        let mut first = Ok(());
        for writer in self.writers.drain(..) {
            if let (Err(e), Ok(())) = (joined(writer), &first) {
                first = Err(e.into());
            }
        }
        first
    }

    /// Lets the writers take in the cards they were sent, `AFTER_RELEASE` from now: until
    /// then each has only read its deck's rows, leaving the processors to the parse, the
    /// plan, and the terminal drawing the first question.
    pub fn release(&mut self) {
        if !self.released {
            self.released = true;
            for go in &self.go {
                let _ = go.send(Go::Soon);
            }
        }
    }

    /// Lets the writers take in the cards at once.
    fn hurry(&mut self) {
        self.released = true;
        for go in self.go.drain(..) {
            let _ = go.send(Go::Now);
        }
    }
}

/// What a writer is told once the deck's rows are handed over.
#[derive(Debug, Clone, Copy)]
enum Go {
    /// Take in the cards [`AFTER_RELEASE`] from now (or at once when told [`Go::Now`]).
    Soon,
    /// Take in the cards at once.
    Now,
}

/// How long a released writer lets the first question be drawn before it takes the
/// processors: the terminal needs one to draw, and a learner takes longer than this to
/// answer (an answer given sooner waits for the intake all the same).
const AFTER_RELEASE: std::time::Duration = std::time::Duration::from_millis(30);

impl Drop for Intakes {
    fn drop(&mut self) {
        self.hurry();
        for writer in self.writers.drain(..) {
            let _ = writer.join();
        }
    }
}

/// The result of a writer thread, its panic carried on.
fn joined(writer: std::thread::JoinHandle<Result<bool, StoreError>>) -> Result<bool, StoreError> {
    match writer.join() {
        Ok(written) => written,
        Err(panic) => std::panic::resume_unwind(panic),
    }
}

/// [`parse_and_take`], except that a valid deck parsed as it streamed is taken in later, on
/// a thread and a connection of its own, once the intakes are released: the deck is
/// returned as soon as the parse ends, with what a plan needs to read its rows as the intake
/// will leave them (kept in `intakes` as deck `d`). The store must be a file.
///
/// # Errors
/// The store could not be read or written; then nothing of the deck was kept.
pub fn parse_and_send(
    store: &mut Store,
    key: &str,
    stamp: FileStamp,
    taken: &HashSet<String>,
    parse: Box<StreamedParse<'_>>,
    (intakes, d): (&mut Intakes, usize),
) -> Result<Result<Deck, Vec<deck::Diagnostic>>, Error> {
    // Unbounded: the parse never waits for the writer, which reads the deck's rows first.
    let (send, receive) = mpsc::channel::<Feed>();
    let (send_prior, prior) = mpsc::sync_channel::<Vec<Option<PriorRow>>>(1);
    let (go, wait_go) = mpsc::channel::<Go>();
    let writer = {
        let db = store.path().to_path_buf();
        let key = key.to_owned();
        let taken = taken.clone();
        std::thread::spawn(move || {
            write_apart(&db, &key, stamp, &taken, &receive, (&send_prior, &wait_go))
        })
    };
    // The writer makes the content hashes, off the parse's thread.
    let parsed = parse(&mut feeder(|feed| drop(send.send(feed)), Batch::unhashed));
    let valid = complete(&parsed);
    if valid {
        let _ = send.send(Feed::Finish);
    }
    drop(send);
    let written = match valid.then(|| prior.recv().ok()).flatten() {
        Some(prior) => {
            intakes.writers.push(writer);
            intakes.go.push(go);
            intakes.unwritten.push((d, Unwritten { prior }));
            true
        }
        // Invalid, read whole, or the writer stopped before reading the rows (an error,
        // a taken id).
        None => {
            drop(go);
            joined(writer)?
        }
    };
    settle(store, key, stamp, taken, parsed, written)
}

/// The consumer a streamed parse hands its cards to: the deck's own fields once, then each
/// run of cards as a batch made by `batch`, all given to `send`.
fn feeder(send: impl Fn(Feed), batch: fn(&[Card]) -> Batch) -> impl FnMut(&Deck, &[Card]) {
    let mut told = false;
    move |deck, cards| {
        if !told {
            told = true;
            send(Feed::Deck(deck.clone()));
        }
        send(Feed::Cards(batch(cards)));
    }
}

/// True when a streamed parse handed over exactly the cards of a valid deck (a deck with
/// errors has none: see [`deck::parse_streamed`]).
fn complete(parsed: &Result<(deck::Parsed, bool), deck::Diagnostic>) -> bool {
    matches!(parsed, Ok((parsed, true)) if parsed.deck.is_some())
}

/// What [`parse_and_take`] and [`parse_and_send`] make of a parse once its cards were (or
/// are being) `written`: the valid deck, taken in now if it was not, or its errors.
fn settle(
    store: &mut Store,
    key: &str,
    stamp: FileStamp,
    taken: &HashSet<String>,
    parsed: Result<(deck::Parsed, bool), deck::Diagnostic>,
    written: bool,
) -> Result<Result<Deck, Vec<deck::Diagnostic>>, Error> {
    let parsed = match parsed {
        Ok((parsed, _)) => parsed,
        Err(problem) => return Ok(Err(vec![problem])),
    };
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

/// The writing side of [`parse_and_send`], on a connection of its own to the store at `db`:
/// reads the deck's rows, finds each item's among them as the cards come, and sends them
/// through `prior` once the parse ends; once released, takes in the cards in one
/// transaction (which reads the rows again: they may have changed meanwhile).
fn write_apart(
    db: &std::path::Path,
    key: &str,
    stamp: FileStamp,
    taken: &HashSet<String>,
    feed: &mpsc::Receiver<Feed>,
    (prior, go): (
        &mpsc::SyncSender<Vec<Option<PriorRow>>>,
        &mpsc::Receiver<Go>,
    ),
) -> Result<bool, StoreError> {
    let mut store = Store::open_path(db)?;
    store.on_busy(crate::config::profile::wait_for_lock)?;
    // As on the session's connection: all of it can be made again from the deck file, and
    // the log is copied into the database file behind the first question.
    store.set_durable(false)?;
    store.set_auto_checkpoint(false)?;
    let Ok(Feed::Deck(deck)) = feed.recv() else {
        return Ok(false);
    };
    if taken.contains(&deck.id) {
        return Ok(false);
    }
    // Read without a transaction: nothing is locked while the writer waits to be released,
    // so the session (or another intake) can write meanwhile.
    let rows = store.prior_rows(&deck.id)?;
    // The lookups are made while the parse goes on, and the batches kept for later.
    let mut found = Vec::new();
    let mut kept = Vec::new();
    loop {
        match feed.recv() {
            Ok(Feed::Cards(batch)) => {
                found.extend(batch.item_ids().map(|id| rows.get(id).cloned()));
                kept.push(Feed::Cards(batch));
            }
            Ok(Feed::Finish) => break,
            // Another deck, or a parse that ended without a valid deck.
            Ok(Feed::Deck(_)) | Err(_) => return Ok(false),
        }
    }
    if prior.send(found).is_err() {
        return Ok(false);
    }
    kept.push(Feed::Finish);
    // Released, or told to stop (the deck turned out invalid) when the sender is gone.
    match go.recv() {
        Ok(Go::Soon) => {
            // Hurried, timed out or gone: take the cards in either way.
            let _ = go.recv_timeout(AFTER_RELEASE);
        }
        Ok(Go::Now) => {}
        Err(_) => return Ok(false),
    }
    drop(rows);
    let mut intake = store.intake()?;
    begin(&mut intake, key, stamp, &deck)?;
    take_cards(intake, kept.into_iter())
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
    take_cards(intake, feed.iter())
}

/// Takes in the cards `feed` brings and commits on [`Feed::Finish`]; a feed that ends
/// without it is rolled back. Returns whether it committed.
fn take_cards(
    mut intake: Intake<'_>,
    feed: impl Iterator<Item = Feed>,
) -> Result<bool, StoreError> {
    for message in feed {
        match message {
            Feed::Deck(_) => return Ok(false),
            Feed::Cards(mut cards) => intake.add_batch(&mut cards)?,
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
        parse_and_take(store, "/d.toml", stamp(text), taken, streamed(text)).unwrap()
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

    /// Parses `text` with [`parse_and_send`] as the file `d.toml` of the store.
    fn send(
        store: &mut Store,
        text: &str,
        intakes: &mut Intakes,
    ) -> Result<Deck, Vec<deck::Diagnostic>> {
        parse_and_send(
            store,
            "/d.toml",
            stamp(text),
            &HashSet::new(),
            streamed(text),
            (intakes, 0),
        )
        .unwrap()
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
        store.suspend("d", "c3", true).unwrap();
        store
            .bury("d", "c5", Some(t + chrono::TimeDelta::hours(5)))
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
                Some(prior) => prior.after(id, ord, || {
                    crate::store::content_hash(&deck.cards[ord]).cast_signed()
                }),
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
            let hash = crate::store::content_hash(&deck.cards[row.ord]);
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
        assert!(store.cached_deck("/d.toml", stamp(&new)).unwrap().is_some());
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
        assert!(store.cached_deck("/d.toml", stamp(&bad)).unwrap().is_none());
    }
}

//! A deck file new to the cache: parsed on this thread while another syncs its card rows
//! into the store as they come, in one transaction that is committed only when the whole
//! file turned out valid, and then keeps the parsed deck in the cache.
//!
//! [`parse_and_take`] writes as the cards come and returns once committed.
//! [`parse_and_send`] (what `recall study` uses) goes further: its writer, on a connection of
//! its own, reads the deck's earlier rows while the parse goes on and waits to be released;
//! the session plans from the rows the intake will leave ([`Unwritten`]) and asks its first
//! question before the intake is written, and everything that writes waits for it
//! ([`Intakes::wait`]). No lock is held until the writer is released.

use std::collections::HashSet;
use std::sync::mpsc;

use super::pack::PackWriter;
use super::{Batch, DeckCache, FileStamp};
use crate::deck::{self, Card, Deck, Severity};
use crate::error::Error;
use crate::store::prior_rows::PriorRow;
use crate::store::{RowIntake, Store, StoreError};

/// Where a deck file's intake goes: the store's card rows and the cache's entry `key`, made
/// from the file with this `stamp`.
pub struct Target<'a> {
    pub store: &'a mut Store,
    pub cache: &'a DeckCache,
    pub key: &'a str,
    pub stamp: FileStamp,
}

/// A deck being taken in: its card rows synced in one transaction, its cards packed for the
/// cache. Nothing is kept until [`Taking::finish`].
struct Taking<'s> {
    rows: RowIntake<'s>,
    /// The cards packed so far; `None` once they outgrew a pack (the deck is then not
    /// cached).
    pack: Option<PackWriter>,
    deck: Deck,
}

impl<'s> Taking<'s> {
    /// Starts taking in `deck` (its own fields; its cards come with [`Taking::add`]), read
    /// from a file whose hash is `file`.
    fn begin(store: &'s mut Store, deck: Deck, file: u64) -> Result<Self, StoreError> {
        let rows = store.sync_rows(&deck.id, deck.scheduler.as_deref(), Some(file))?;
        Ok(Taking {
            rows,
            pack: Some(PackWriter::default()),
            deck,
        })
    }

    /// Takes in the next cards, in file order.
    fn add(&mut self, batch: &mut Batch) -> Result<(), StoreError> {
        if !batch.hash() {
            return Err(StoreError::BadData(
                "a card of a batch does not read back".into(),
            ));
        }
        if let Some(pack) = &mut self.pack
            && !(0..batch.len()).all(|i| pack.push(batch.bytes(i)))
        {
            self.pack = None;
        }
        self.rows.add(batch.rows())
    }

    /// Commits the rows, then keeps the deck in `cache` as the entry `key` (when that fails,
    /// the file is parsed again next time).
    fn finish(self, cache: &DeckCache, key: &str, stamp: FileStamp) -> Result<(), StoreError> {
        self.rows.finish()?;
        if let Some(pack) = self.pack {
            cache.keep(key, stamp, &self.deck, pack);
        }
        Ok(())
    }
}

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

/// Parses a deck with `parse` and, when it is valid, syncs its cards into the store in one
/// transaction, then caches it as the entry `key` with `stamp`. A deck whose id is in
/// `taken` (another deck of the same session has it) is neither cached nor synced. Returns
/// the valid deck, or its errors.
///
/// # Errors
/// The store could not be written; then nothing of the deck was kept (a cache entry that
/// cannot be written is no error: the file is parsed again next time).
pub fn parse_and_take(
    to: Target<'_>,
    taken: &HashSet<String>,
    parse: Box<StreamedParse<'_>>,
) -> Result<Result<Deck, Vec<deck::Diagnostic>>, Error> {
    let Target {
        store,
        cache,
        key,
        stamp,
    } = to;
    let (parsed, written) = std::thread::scope(|scope| {
        let (send, receive) = mpsc::sync_channel::<Feed>(8);
        let writing = Target {
            store: &mut *store,
            cache,
            key,
            stamp,
        };
        let writer = scope.spawn(move || write(writing, taken, receive));
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
    let to = Target {
        store,
        cache,
        key,
        stamp,
    };
    settle(to, taken, parsed, written)
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
    to: Target<'_>,
    taken: &HashSet<String>,
    parse: Box<StreamedParse<'_>>,
    (intakes, d): (&mut Intakes, usize),
) -> Result<Result<Deck, Vec<deck::Diagnostic>>, Error> {
    // Unbounded: the parse never waits for the writer, which reads the deck's rows first.
    let (send, receive) = mpsc::channel::<Feed>();
    let (send_prior, prior) = mpsc::sync_channel::<Vec<Option<PriorRow>>>(1);
    let (go, wait_go) = mpsc::channel::<Go>();
    let writer = {
        let opened = to.store.open_again();
        let cache = to.cache.clone();
        let key = to.key.to_owned();
        let stamp = to.stamp;
        let taken = taken.clone();
        std::thread::spawn(move || {
            let store = opened?;
            let to = (store, &cache, key.as_str(), stamp);
            write_apart(to, &taken, &receive, (&send_prior, &wait_go))
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
    settle(to, taken, parsed, written)
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
    to: Target<'_>,
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
        let mut own = deck.clone();
        let cards = std::mem::take(&mut own.cards);
        let mut taking = Taking::begin(to.store, own, to.stamp.hash)?;
        taking.add(&mut Batch::new(&cards))?;
        taking.finish(to.cache, to.key, to.stamp)?;
    }
    Ok(Ok(deck))
}

/// The writing side of [`parse_and_send`], on a connection of its own to the store:
/// reads the deck's rows, finds each item's among them as the cards come, and sends them
/// through `prior` once the parse ends; once released, takes in the cards in one
/// transaction (which reads the rows again: they may have changed meanwhile), then keeps
/// the deck in the cache.
fn write_apart(
    (mut store, cache, key, stamp): (Store, &DeckCache, &str, FileStamp),
    taken: &HashSet<String>,
    feed: &mpsc::Receiver<Feed>,
    (prior, go): (
        &mpsc::SyncSender<Vec<Option<PriorRow>>>,
        &mpsc::Receiver<Go>,
    ),
) -> Result<bool, StoreError> {
    // As on the session's connection: all of it can be made again from the deck file, and
    // the log is copied into the database file behind the first question.
    store.set_launching(true)?;
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
                found.extend(batch.rows().item_ids().map(|id| rows.get(id).cloned()));
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
    let taking = Taking::begin(&mut store, deck, stamp.hash)?;
    take_cards(taking, kept.into_iter(), (cache, key, stamp))
}

/// The writing side: takes in what `feed` brings and commits on [`Feed::Finish`]. Returns
/// whether it committed; a feed that ends without `Finish` is rolled back.
fn write(
    to: Target<'_>,
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
    let taking = Taking::begin(to.store, deck, to.stamp.hash)?;
    take_cards(taking, feed.iter(), (to.cache, to.key, to.stamp))
}

/// Takes in the cards `feed` brings and commits on [`Feed::Finish`]; a feed that ends
/// without it is rolled back. Returns whether it committed; the deck is then kept in the
/// cache as the entry `key` of the file with this `stamp`.
fn take_cards(
    mut taking: Taking<'_>,
    feed: impl Iterator<Item = Feed>,
    (cache, key, stamp): (&DeckCache, &str, FileStamp),
) -> Result<bool, StoreError> {
    for message in feed {
        match message {
            Feed::Deck(_) => return Ok(false),
            Feed::Cards(mut cards) => taking.add(&mut cards)?,
            Feed::Finish => return taking.finish(cache, key, stamp).map(|()| true),
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests;

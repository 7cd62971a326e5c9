//! Where the plan reads each deck's rows: the store's queries (`store::queue_rows`), or,
//! for a deck whose intake is still being written on another thread, the same rows made in
//! memory from the parsed deck and the rows as they were before the intake.
//!
//! Each reading returns what the store's query would return once the intake has
//! committed, in the same order where the query has one.

use std::cell::OnceCell;

use chrono::{DateTime, Utc};
use foldhash::HashMap;

use super::PlanError;
use crate::deck::{Card, Deck, Item, Side, item_sides};
use crate::library::LoadedDeck;
use crate::library::Unwritten;
use crate::library::content_hash;
use crate::store::prior_rows::{PriorRow, fresh_row};
use crate::store::{QueueRow, Store};

/// One deck's rows.
enum DeckRows<'a> {
    /// In the store, under this deck key.
    Stored(i64),
    /// Made in memory.
    Made(MadeRows<'a>),
}

/// One item of a deck being taken in.
struct MadeItem<'a> {
    card: &'a Card,
    ord: usize,
    side: Side,
    /// Its row before the intake, if it had one.
    prior: Option<&'a PriorRow>,
}

impl MadeItem<'_> {
    /// True when the item was never answered.
    fn is_fresh(&self) -> bool {
        self.prior.is_none_or(PriorRow::is_new)
    }
}

/// The rows of a deck being taken in, as its intake leaves them, made when read.
struct MadeRows<'a> {
    /// Every item, in deck order.
    items: Vec<MadeItem<'a>>,
    /// Each card's position, by card id, made at the first lookup.
    ords: OnceCell<HashMap<&'a str, usize>>,
    deck: &'a Deck,
}

impl<'a> MadeRows<'a> {
    /// The rows of `deck` from its items' rows before the intake (`unwritten`, in the
    /// order of the items); `None` when they do not match the deck's items.
    fn new(deck: &'a Deck, unwritten: &'a Unwritten) -> Option<Self> {
        let mut items = Vec::with_capacity(unwritten.prior.len());
        let mut prior = unwritten.prior.iter();
        for (ord, card) in deck.cards.iter().enumerate() {
            for side in item_sides(card) {
                items.push(MadeItem {
                    card,
                    ord,
                    side,
                    prior: prior.next()?.as_ref(),
                });
            }
        }
        prior.next().is_none().then_some(MadeRows {
            items,
            ords: OnceCell::new(),
            deck,
        })
    }

    /// The row of `item` as the intake leaves it.
    fn row(&self, item: &MadeItem<'_>) -> QueueRow {
        let id = Item {
            card: item.card,
            side: item.side,
        }
        .id();
        match item.prior {
            Some(prior) => prior.after(id, item.ord, || content_hash(item.card).cast_signed()),
            None => fresh_row(id, item.ord),
        }
    }

    /// The answered items with their due times in milliseconds (as stored) and their
    /// places in deck order.
    fn answered(&self) -> impl Iterator<Item = (i64, usize, &MadeItem<'a>)> {
        self.items.iter().enumerate().filter_map(|(at, item)| {
            item.prior
                .and_then(PriorRow::due_ms)
                .map(|due| (due, at, item))
        })
    }

    /// The never-answered items.
    fn fresh(&self) -> impl Iterator<Item = &MadeItem<'a>> {
        self.items.iter().filter(|item| item.is_fresh())
    }

    fn card_ord(&self, card: &str) -> Option<usize> {
        let ords = self.ords.get_or_init(|| {
            let mut ords =
                HashMap::with_capacity_and_hasher(self.deck.cards.len(), Default::default());
            for (ord, c) in self.deck.cards.iter().enumerate() {
                ords.entry(c.id.as_str()).or_insert(ord);
            }
            ords
        });
        ords.get(card).copied()
    }
}

/// The rows of the session's decks, in the order of the decks.
pub(super) struct Rows<'a> {
    store: &'a Store,
    decks: Vec<DeckRows<'a>>,
}

impl<'a> Rows<'a> {
    /// The rows of `decks`: made in memory for those `unwritten` gives, else read from
    /// `store` under the deck's key in `keys` (a deck without one is damaged).
    pub fn new(
        store: &'a Store,
        decks: &'a [LoadedDeck],
        keys: &[Option<i64>],
        unwritten: impl Fn(usize) -> Option<&'a Unwritten>,
    ) -> Result<Self, PlanError> {
        let mut rows = Vec::with_capacity(decks.len());
        for (d, loaded) in decks.iter().enumerate() {
            rows.push(match unwritten(d) {
                Some(u) => {
                    DeckRows::Made(MadeRows::new(&loaded.deck, u).ok_or(PlanError::Damaged(d))?)
                }
                None => DeckRows::Stored(keys[d].ok_or(PlanError::Damaged(d))?),
            });
        }
        Ok(Rows { store, decks: rows })
    }

    /// The answered items of deck `d` due before `before`, in no particular order.
    pub fn due_before(&self, d: usize, before: DateTime<Utc>) -> Result<Vec<QueueRow>, PlanError> {
        match &self.decks[d] {
            DeckRows::Stored(key) => Ok(self.store.queue_due_before(*key, before)?),
            DeckRows::Made(made) => {
                let before = before.timestamp_millis();
                Ok(made
                    .answered()
                    .filter(|&(due, _, _)| due < before)
                    .map(|(_, _, item)| made.row(item))
                    .collect())
            }
        }
    }

    /// Calls `each` with the never-answered items of deck `d` in deck order, until it
    /// returns `false`.
    pub fn new_items(
        &self,
        d: usize,
        mut each: impl FnMut(QueueRow) -> Result<bool, PlanError>,
    ) -> Result<(), PlanError> {
        match &self.decks[d] {
            DeckRows::Stored(key) => self.store.queue_new(*key, each),
            DeckRows::Made(made) => {
                for item in made.fresh() {
                    if !each(made.row(item))? {
                        break;
                    }
                }
                Ok(())
            }
        }
    }

    /// The never-answered items of the card at `ord` of deck `d`.
    pub fn new_at(&self, d: usize, ord: usize) -> Result<Vec<QueueRow>, PlanError> {
        match &self.decks[d] {
            DeckRows::Stored(key) => Ok(self.store.queue_new_at(*key, ord)?),
            DeckRows::Made(made) => {
                let start = made.items.partition_point(|i| i.ord < ord);
                Ok(made.items[start..]
                    .iter()
                    .take_while(|i| i.ord == ord)
                    .filter(|i| i.is_fresh())
                    .map(|i| made.row(i))
                    .collect())
            }
        }
    }

    /// The position in deck `d` of the card with this id, if the deck has it.
    pub fn card_ord(&self, d: usize, card: &str) -> Result<Option<usize>, PlanError> {
        match &self.decks[d] {
            DeckRows::Stored(key) => Ok(self.store.queue_card_ord(*key, card)?),
            DeckRows::Made(made) => Ok(made.card_ord(card)),
        }
    }

    /// Calls `each` with the answered items of deck `d` due at or after `from`, soonest
    /// first (ties in deck order), until it returns `false`.
    pub fn due_from(
        &self,
        d: usize,
        from: DateTime<Utc>,
        mut each: impl FnMut(QueueRow) -> Result<bool, PlanError>,
    ) -> Result<(), PlanError> {
        match &self.decks[d] {
            DeckRows::Stored(key) => self.store.queue_due_from(*key, from, each),
            DeckRows::Made(made) => {
                let from = from.timestamp_millis();
                let mut later: Vec<(i64, usize, &MadeItem<'_>)> =
                    made.answered().filter(|&(due, _, _)| due >= from).collect();
                // Ties in deck order: the order of `items`.
                later.sort_unstable_by_key(|&(due, at, _)| (due, at));
                for (_, _, item) in later {
                    if !each(made.row(item))? {
                        break;
                    }
                }
                Ok(())
            }
        }
    }
}

//! The decks' cards as the plan needs them: decoded from the deck cache only when
//! asked, and filtered by the `--tag` options.

use std::collections::HashMap;

use super::PlanError;
use crate::deck::Card;
use crate::library::LoadedDeck;
use crate::library::{CardPack, EntryCards};

/// The decks' cards, decoded from the cache only when asked.
pub(super) struct Cards<'a> {
    decks: &'a [LoadedDeck],
    tags: &'a [String],
    decoded: HashMap<(usize, usize), Card>,
    /// Each cached deck's pack, opened at its first card.
    packs: HashMap<usize, CardPack<EntryCards>>,
}

impl<'a> Cards<'a> {
    /// The decks' cards; nothing is read yet.
    pub fn new(decks: &'a [LoadedDeck], tags: &'a [String]) -> Self {
        Cards {
            decks,
            tags,
            decoded: HashMap::new(),
            packs: HashMap::new(),
        }
    }

    /// The card at `ord` of deck `d`, decoded once.
    pub fn get(&mut self, d: usize, ord: usize) -> Result<&Card, PlanError> {
        let loaded = &self.decks[d];
        if loaded.cached.is_none() {
            return loaded.deck.cards.get(ord).ok_or(PlanError::Damaged(d));
        }
        if !self.decoded.contains_key(&(d, ord)) {
            let card = self.decode(d, ord)?;
            self.decoded.insert((d, ord), card);
        }
        Ok(&self.decoded[&(d, ord)])
    }

    pub fn wanted(&mut self, d: usize, ord: usize) -> Result<bool, PlanError> {
        if self.tags.is_empty() {
            return Ok(true);
        }
        let tags = self.tags;
        Ok(wanted(self.get(d, ord)?, tags))
    }

    /// The card at `ord` of deck `d`, to keep: taken from those decoded so far, or decoded.
    pub fn take(&mut self, d: usize, ord: usize) -> Result<Card, PlanError> {
        match self.decoded.remove(&(d, ord)) {
            Some(card) => Ok(card),
            None => self.decode(d, ord),
        }
    }

    /// Decodes the card at `ord` of deck `d`.
    fn decode(&mut self, d: usize, ord: usize) -> Result<Card, PlanError> {
        let loaded = &self.decks[d];
        if loaded.cached.is_none() {
            return loaded
                .deck
                .cards
                .get(ord)
                .cloned()
                .ok_or(PlanError::Damaged(d));
        }
        self.pack(d)?.card(ord).ok_or(PlanError::Damaged(d))
    }

    /// The pack of cached deck `d`, opened once; a pack that is gone, unreadable or of
    /// another length than the entry says is damaged.
    fn pack(&mut self, d: usize) -> Result<&mut CardPack<EntryCards>, PlanError> {
        let Some(cached) = &self.decks[d].cached else {
            return Err(PlanError::Damaged(d));
        };
        match self.packs.entry(d) {
            std::collections::hash_map::Entry::Occupied(open) => Ok(open.into_mut()),
            std::collections::hash_map::Entry::Vacant(new) => {
                Ok(new.insert(cached.cards.open().ok_or(PlanError::Damaged(d))?))
            }
        }
    }
}

/// True when the card has one of `tags` (or no tag is asked for).
pub(super) fn wanted(card: &Card, tags: &[String]) -> bool {
    tags.is_empty()
        || card
            .tags
            .iter()
            .any(|t| tags.iter().any(|w| w.eq_ignore_ascii_case(t)))
}

//! The decks' cards as the plan needs them: decoded from the deck cache only when asked,
//! and filtered by the `--tag` options.

use std::collections::HashMap;

use super::PlanError;
use crate::cmd::decks::LoadedDeck;
use crate::deck::Card;
use crate::store::Store;

/// The decks' cards, decoded from the cache only when asked.
pub(super) struct Cards<'a> {
    pub decks: &'a [LoadedDeck],
    pub store: &'a Store,
    pub tags: &'a [String],
    pub decoded: HashMap<(usize, usize), Card>,
}

impl<'a> Cards<'a> {
    pub fn get(&mut self, d: usize, ord: usize) -> Result<&Card, PlanError> {
        let loaded = &self.decks[d];
        let Some(cached) = &loaded.cached else {
            return loaded.deck.cards.get(ord).ok_or(PlanError::Damaged(d));
        };
        if !self.decoded.contains_key(&(d, ord)) {
            let card = self
                .store
                .cached_card(cached.file, ord)?
                .ok_or(PlanError::Damaged(d))?;
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

    /// Decodes the cached cards at `ords` (increasing) of deck `d` in one go.
    pub fn load(&mut self, d: usize, ords: &[usize]) -> Result<(), PlanError> {
        let Some(cached) = &self.decks[d].cached else {
            return Ok(());
        };
        let missing: Vec<usize> = ords
            .iter()
            .copied()
            .filter(|&o| !self.decoded.contains_key(&(d, o)))
            .collect();
        let found = self
            .store
            .cached_cards_at(cached.file, &missing)?
            .ok_or(PlanError::Damaged(d))?;
        for (ord, card) in missing.into_iter().zip(found) {
            self.decoded.insert((d, ord), card);
        }
        Ok(())
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

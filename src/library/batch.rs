//! A run of parsed cards in the forms they are kept in: their compact form for the cache
//! ([`super::codec`]) and their card rows for the store ([`CardRows`]: content hash and item
//! ids). Making them is about a tenth of a first launch's work, which a caller may do on its
//! own thread; being a few buffers rather than a few allocations per card, a batch also
//! crosses to another thread cheaply.

use super::{codec, content_hash};
use crate::deck::Card;
use crate::store::CardRows;

/// See the module documentation.
#[derive(Debug, Default)]
pub struct Batch {
    /// Every card's cached form, one after the other; card `i` ends at `byte_ends[i]`.
    bytes: Vec<u8>,
    byte_ends: Vec<usize>,
    /// The cards' rows, with their content hashes once made.
    rows: CardRows,
}

impl Batch {
    /// The kept forms of `cards`.
    #[must_use]
    pub fn new(cards: &[Card]) -> Self {
        let mut batch = Batch::unhashed(cards);
        batch
            .rows
            .set_hashes(cards.iter().map(content_hash).collect());
        batch
    }

    /// [`Batch::new`] without the content hashes, a fifth of the work: whoever takes the
    /// batch in makes them from the cached forms first ([`Batch::hash`]).
    #[must_use]
    pub fn unhashed(cards: &[Card]) -> Self {
        let mut batch = Batch {
            byte_ends: Vec::with_capacity(cards.len()),
            rows: CardRows::with_capacity(cards.len()),
            ..Batch::default()
        };
        for card in cards {
            codec::encode_card_into(card, &mut batch.bytes);
            batch.byte_ends.push(batch.bytes.len());
            push_rows(&mut batch.rows, card);
        }
        batch
    }

    /// Makes the content hashes of a batch made [`Batch::unhashed`], from the cards read
    /// back from their cached forms (which hold all a card's content); false when one does
    /// not read back (never, for a batch made here).
    pub fn hash(&mut self) -> bool {
        if self.rows.hashed() {
            return true;
        }
        let hashes: Option<Vec<u64>> = (0..self.byte_ends.len())
            .map(|i| codec::decode_card(self.bytes(i)).map(|card| content_hash(&card)))
            .collect();
        match hashes {
            Some(hashes) => {
                self.rows.set_hashes(hashes);
                true
            }
            None => false,
        }
    }

    /// How many cards it holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.byte_ends.len()
    }

    /// True when it holds no card.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.byte_ends.is_empty()
    }

    /// The cached form of card `i`.
    pub(super) fn bytes(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.byte_ends[i - 1] };
        &self.bytes[start..self.byte_ends[i]]
    }

    /// The cards' rows for the store.
    #[must_use]
    pub fn rows(&self) -> &CardRows {
        &self.rows
    }
}

/// The card rows of `cards`, with their content hashes, for a sync that caches nothing.
#[must_use]
pub fn card_rows(cards: &[Card]) -> CardRows {
    let mut rows = CardRows::with_capacity(cards.len());
    for card in cards {
        push_rows(&mut rows, card);
    }
    rows.set_hashes(cards.iter().map(content_hash).collect());
    rows
}

/// Adds the rows of `card`'s items.
fn push_rows(rows: &mut CardRows, card: &Card) {
    for item in crate::deck::card_items(card) {
        rows.push_item(|ids| item.push_id(ids));
    }
    rows.end_card();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_made_from_the_cached_forms_are_the_cards_own() {
        // The bundled deck has every kind of card: basic, reversed, choices, cloze, order.
        let deck = crate::deck::bundled().deck.unwrap();
        let hashed = Batch::new(&deck.cards);
        let mut later = Batch::unhashed(&deck.cards);
        assert!(!later.rows.hashed());
        assert!(later.hash());
        assert_eq!(later.rows, hashed.rows);
        assert_eq!(later.len(), deck.cards.len());
        assert_eq!(later.rows, card_rows(&deck.cards));
        let ids: Vec<String> = deck.items().iter().map(crate::deck::Item::id).collect();
        assert_eq!(later.rows.item_ids().collect::<Vec<_>>(), ids);
    }
}

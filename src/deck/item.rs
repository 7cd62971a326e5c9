//! Study items: what a session actually asks. Most cards are one item; a reversed card is
//! two (front → back and back → front) and a cloze card is one per deletion. Items of the
//! same card are siblings, which a session keeps apart on the same day.

use std::fmt::Write as _;

use super::model::{Card, Content, Deck};

/// Which question of a card an item asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Side {
    /// The card as written (front → back, the statement, the ordering).
    Forward,
    /// A reversed card's back → front.
    Reverse,
    /// A cloze card's deletion, 0-based.
    Deletion(usize),
}

/// One thing to ask: a card and which of its questions.
#[derive(Debug, Clone, Copy)]
pub struct Item<'d> {
    /// The card it comes from.
    pub card: &'d Card,
    /// Which question.
    pub side: Side,
}

impl Item<'_> {
    /// The id progress is kept under: the card id, `<id>:reverse`, or `<id>:<n>` (1-based)
    /// for the n-th cloze deletion. Card ids cannot contain `:`, so these never collide.
    #[must_use]
    pub fn id(&self) -> String {
        match self.side {
            Side::Forward => self.card.id.clone(),
            _ => {
                let mut id = String::new();
                self.push_id(&mut id);
                id
            }
        }
    }

    /// Appends [`Item::id`] to `out`, with no allocation of its own.
    pub fn push_id(&self, out: &mut String) {
        out.push_str(&self.card.id);
        match self.side {
            Side::Forward => {}
            Side::Reverse => out.push_str(":reverse"),
            Side::Deletion(i) => {
                let _ = write!(out, ":{}", i + 1);
            }
        }
    }

    /// The id shared by all siblings (the card id).
    #[must_use]
    pub fn sibling_key(&self) -> &str {
        &self.card.id
    }
}

/// Every item of a card, in order.
#[must_use]
pub fn card_items(card: &Card) -> Vec<Item<'_>> {
    item_sides(card).map(|side| Item { card, side }).collect()
}

/// The sides of a card's items, in order ([`card_items`] without a list).
pub fn item_sides(card: &Card) -> impl Iterator<Item = Side> {
    let (count, sides): (usize, fn(usize) -> Side) = match &card.content {
        Content::Basic { reverse: true, .. } => {
            (2, |i| if i == 0 { Side::Forward } else { Side::Reverse })
        }
        Content::Cloze { deletions, .. } => (deletions.len(), Side::Deletion),
        _ => (1, |_| Side::Forward),
    };
    (0..count).map(sides)
}

impl Deck {
    /// Every item of every card, in deck order.
    #[must_use]
    pub fn items(&self) -> Vec<Item<'_>> {
        self.cards.iter().flat_map(card_items).collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::deck::test_support::{deck, deck_text};

    #[test]
    fn reversed_and_cloze_cards_expand_into_siblings() {
        let deck = deck(&deck_text(
            "[[card]]\nid = \"r\"\nfront = \"Q\"\nback = \"A\"\nreverse = true\n\
            [[card]]\nid = \"c\"\ncloze = \"{{a}} {{b}} {{c}}\"\n\
            [[card]]\nid = \"p\"\nfront = \"Q2\"\nback = \"B\"\n",
        ));
        let ids: Vec<String> = deck.items().iter().map(super::Item::id).collect();
        assert_eq!(ids, ["r", "r:reverse", "c:1", "c:2", "c:3", "p"]);
        let items = deck.items();
        assert_eq!(items[1].sibling_key(), "r");
        assert_eq!(items[4].sibling_key(), "c");
    }
}

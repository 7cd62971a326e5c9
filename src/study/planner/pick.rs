//! A pick: one queue row the session may take, with its deck, its card's place in the
//! deck and its side, read from the row's item id.

use chrono::{DateTime, Utc};

use super::PlanError;
use crate::deck::{NewOrder, Side};
use crate::store::QueueRow;

/// An item the queue can take.
pub(super) struct Pick {
    pub deck: usize,
    pub ord: usize,
    /// The item's place among its card's items.
    pub pos: usize,
    pub side: Side,
    pub row: QueueRow,
    /// Where its card goes among the deck's cards, before its place: 0 in deck order, a
    /// shuffle's rank in random order (see [`NewOrder::rank`]).
    pub rank: u64,
}

/// The place and side of an item among its card's items, from its id (`card`,
/// `card:reverse` or `card:<n>`; card ids have no `:`).
fn side_of(item: &str) -> Option<(usize, Side)> {
    match item.split_once(':') {
        None => Some((0, Side::Forward)),
        Some((_, "reverse")) => Some((1, Side::Reverse)),
        Some((_, n)) => {
            let n: usize = n.parse().ok()?;
            Some((n.checked_sub(1)?, Side::Deletion(n - 1)))
        }
    }
}

pub(super) fn pick(d: usize, row: QueueRow) -> Result<Pick, PlanError> {
    let (pos, side) = side_of(&row.item).ok_or(PlanError::Damaged(d))?;
    Ok(Pick {
        deck: d,
        ord: row.ord,
        pos,
        side,
        row,
        rank: 0,
    })
}

/// How deck `d`'s new cards are ordered, with its id: its own `new_order`, else `default`.
pub(super) fn orders(decks: &[super::LoadedDeck], default: NewOrder) -> Vec<(NewOrder, &str)> {
    decks
        .iter()
        .map(|l| (l.deck.new_order.unwrap_or(default), l.deck.id.as_str()))
        .collect()
}

/// The rank on `day` of the card of the item `item` in a deck ordered `(order, deck_id)`.
pub(super) fn rank((order, deck_id): (NewOrder, &str), item: &str, day: i64) -> u64 {
    let card = item.split_once(':').map_or(item, |(card, _)| card);
    order.rank(deck_id, card, day)
}

pub(super) fn visible(row: &QueueRow, now: DateTime<Utc>) -> bool {
    !row.suspended && row.buried_until.is_none_or(|b| b <= now)
}

/// Where each deck's sibling groups start: a card's group is its deck's offset plus its
/// place in the deck, so that groups of different decks never meet.
pub(super) fn group_offsets(decks: &[super::LoadedDeck]) -> Vec<usize> {
    let mut offsets = Vec::with_capacity(decks.len());
    let mut total = 0;
    for loaded in decks {
        offsets.push(total);
        total += loaded.card_count();
    }
    offsets
}

/// The sibling group of `p` (see [`group_offsets`]).
pub(super) fn group(offsets: &[usize], p: &Pick) -> usize {
    offsets[p.deck] + p.ord
}

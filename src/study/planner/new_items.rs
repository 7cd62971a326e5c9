//! The new items of the queue, per deck in deck order (or in a deck's random order): up to
//! the point where the new-card limit is sure to be filled, plus the new siblings of cards
//! answered today (which the queue then holds back).

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::PlanError;
use super::cards::Cards;
use super::pick::{Pick, pick, rank, visible};
use super::rows::Rows;
use crate::deck::NewOrder;
use crate::session::queue::Today;
use crate::store::QueueRow;

/// Marks the sibling groups of the cards answered today (`reviewed`: card ids per deck) as
/// seen in `today`, and returns the places of those cards in each deck.
pub(super) fn seen_today(
    rows: &Rows<'_>,
    offsets: &[usize],
    reviewed: &HashMap<usize, HashSet<String>>,
    today: &mut Today,
) -> Result<Vec<HashSet<usize>>, PlanError> {
    let mut seen_ords: Vec<HashSet<usize>> = vec![HashSet::new(); offsets.len()];
    for (&d, card_ids) in reviewed {
        for id in card_ids {
            if let Some(ord) = rows.card_ord(d, id)? {
                today.siblings_seen.insert(offsets[d] + ord);
                seen_ords[d].insert(ord);
            }
        }
    }
    Ok(seen_ords)
}

/// The new items of one deck, taken a card at a time in deck order.
pub(super) struct NewItems<'t> {
    deck: usize,
    offset: usize,
    /// Groups to count before the new-card limit is sure to be filled.
    limit: usize,
    now: DateTime<Utc>,
    /// Groups of new items taken so far.
    counted: HashSet<usize>,
    /// Groups answered today.
    seen: &'t HashSet<usize>,
    /// Groups with an answered item due today.
    busy: &'t HashSet<usize>,
    /// The last card looked at.
    last_ord: Option<usize>,
}

impl<'t> NewItems<'t> {
    /// Deck `deck`'s new items, whose sibling groups start at `offset`, with room for
    /// `limit` groups; `seen` and `busy` are the groups answered today and those with an
    /// answered item due today.
    pub fn new(
        deck: usize,
        offset: usize,
        limit: usize,
        now: DateTime<Utc>,
        seen: &'t HashSet<usize>,
        busy: &'t HashSet<usize>,
    ) -> Self {
        NewItems {
            deck,
            offset,
            limit,
            now,
            counted: HashSet::new(),
            seen,
            busy,
            last_ord: None,
        }
    }

    /// Reads the new items of the deck (`key`) in order until the new-card limit is sure
    /// to be filled, then those of the cards at `seen_ords` (answered today) past that
    /// point, and adds those it may take to `picks`.
    /// In a deck whose new cards come in random order (`shuffled`: the deck's order and id,
    /// and the day), every new item is read and the cards taken in the order of their rank.
    pub fn read(
        &mut self,
        rows: &Rows<'_>,
        seen_ords: &HashSet<usize>,
        shuffled: Option<((NewOrder, &str), i64)>,
        cards: &mut Cards<'_>,
        picks: &mut Vec<Pick>,
    ) -> Result<(), PlanError> {
        if let Some((order, day)) = shuffled {
            return self.read_shuffled(rows, seen_ords, (order, day), cards, picks);
        }
        let mut group_rows: Vec<QueueRow> = Vec::new();
        let mut full = false;
        rows.new_items(self.deck, |row| {
            if group_rows.first().is_some_and(|r| r.ord != row.ord) {
                self.take(std::mem::take(&mut group_rows), cards, picks)?;
                if self.counted.len() >= self.limit {
                    full = true;
                    return Ok(false);
                }
            }
            group_rows.push(row);
            Ok(true)
        })?;
        if !full {
            self.take(group_rows, cards, picks)?;
        }
        // Past that point only the new siblings of cards answered today are taken.
        let mut later: Vec<usize> = seen_ords
            .iter()
            .copied()
            .filter(|&o| self.last_ord.is_none_or(|last| o > last))
            .collect();
        later.sort_unstable();
        for ord in later {
            let at = rows.new_at(self.deck, ord)?;
            self.take(at, cards, picks)?;
        }
        Ok(())
    }

    fn read_shuffled(
        &mut self,
        rows: &Rows<'_>,
        seen_ords: &HashSet<usize>,
        (order, day): ((NewOrder, &str), i64),
        cards: &mut Cards<'_>,
        picks: &mut Vec<Pick>,
    ) -> Result<(), PlanError> {
        let mut groups: Vec<Vec<QueueRow>> = Vec::new();
        rows.new_items(self.deck, |row| {
            match groups.last_mut() {
                Some(group) if group[0].ord == row.ord => group.push(row),
                _ => groups.push(vec![row]),
            }
            Ok(true)
        })?;
        groups.sort_by_cached_key(|g| (rank(order, &g[0].item, day), g[0].ord));
        for group in groups {
            let ord = group[0].ord;
            let wanted = seen_ords.contains(&ord) || self.busy.contains(&(self.offset + ord));
            if self.counted.len() < self.limit || wanted {
                self.take(group, cards, picks)?;
            }
        }
        Ok(())
    }

    /// Takes what it may of the new `rows` of one card.
    fn take(
        &mut self,
        rows: Vec<QueueRow>,
        cards: &mut Cards<'_>,
        picks: &mut Vec<Pick>,
    ) -> Result<(), PlanError> {
        let Some(ord) = rows.first().map(|r| r.ord) else {
            return Ok(());
        };
        self.last_ord = Some(self.last_ord.map_or(ord, |l| l.max(ord)));
        if !cards.wanted(self.deck, ord)? {
            return Ok(());
        }
        let mut found = Vec::with_capacity(rows.len());
        for row in rows {
            found.push(pick(self.deck, row)?);
        }
        found.sort_by_key(|p| p.pos);
        let group = self.offset + ord;
        for pick in found {
            if !visible(&pick.row, self.now) {
                continue;
            }
            if self.busy.contains(&group) {
                picks.push(pick);
                continue;
            }
            let fresh = !self.seen.contains(&group) && !self.counted.contains(&group);
            if fresh && self.counted.len() >= self.limit {
                continue;
            }
            if fresh {
                self.counted.insert(group);
            }
            picks.push(pick);
        }
        Ok(())
    }
}

//! The session's picks put in order, trimmed to what the queue takes, and turned into what a
//! session holds: a study item, a queue entry and a stored state per pick, then the session
//! itself.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::cards::Cards;
use super::pick::{Pick, group};
use super::{DueIn, PlanError};
use crate::deck::{Card, Content, NewOrder, card_items};
use crate::library::LoadedDeck;
use crate::scheduler::days::DayClock;
use crate::scheduler::{CardState, Scheduler};
use crate::session::queue::{Entry, Limits, Queue, Today};
use crate::session::{Session, StudyItem, question};
use crate::study::Options;

/// Sorts the picks by deck, card, then the item's place on its card; the cards of a deck whose
/// new cards come in random order by their rank on `day` first (see [`super::pick::rank`]).
pub(super) fn sort(picks: &mut [Pick], orders: &[(NewOrder, &str)], day: i64) {
    for p in picks.iter_mut() {
        p.rank = super::pick::rank(orders[p.deck], &p.row.item, day);
    }
    picks.sort_by_cached_key(|p| (p.deck, p.rank, p.ord, p.pos));
}

/// Builds today's queue from the sorted `picks` and keeps the items it takes; returns them,
/// the queue (its keys the kept items' places), and the due time and deck of each answered
/// item left out (reviews due later today or beyond the day's limit, items held back as
/// siblings).
///
/// On a large collection most due reviews lie beyond the day's limit, and this saves
/// decoding their cards.
pub(super) fn trim(
    picks: Vec<Pick>,
    offsets: &[usize],
    now: DateTime<Utc>,
    days: DayClock,
    limits: Limits,
    today: &Today,
) -> (Vec<Pick>, Queue, Vec<DueIn>) {
    let entries: Vec<Entry> = picks
        .iter()
        .enumerate()
        .map(|(key, p)| entry(key, offsets, p))
        .collect();
    let mut queue = Queue::build(&entries, now, days, limits, today);
    let mut taken = vec![false; picks.len()];
    for key in queue.keys() {
        taken[key] = true;
    }
    let mut new_keys = Vec::with_capacity(picks.len());
    let mut left_out = Vec::new();
    let mut kept = Vec::new();
    for (p, taken) in picks.into_iter().zip(taken) {
        new_keys.push(kept.len());
        if taken {
            kept.push(p);
        } else if let Some(state) = &p.row.state {
            left_out.push((state.due, p.deck));
        }
    }
    queue.renumber(&new_keys);
    (kept, queue, left_out)
}

/// The queue's view of pick `p`, its item number `key`.
fn entry(key: usize, offsets: &[usize], p: &Pick) -> Entry {
    Entry {
        key,
        deck: p.deck,
        sibling: group(offsets, p),
        state: p.row.state.clone(),
        suspended: p.row.suspended,
        buried_until: p.row.buried_until,
    }
}

/// What the session is built from, one of each per pick.
pub(super) struct Items {
    pub items: Vec<StudyItem>,
    pub states: Vec<Option<CardState>>,
    /// True when an item asks for the multiple-choice answer pool.
    pub pool: bool,
}

/// The study items of `picks` (with the learner's accepted answers of each deck) and their
/// states. Fails with [`PlanError::Damaged`] when a row is not one of its
/// card's items.
pub(super) fn items(
    picks: &[Pick],
    decks: &[LoadedDeck],
    cards: &mut Cards<'_>,
    accepted: &[HashMap<String, Vec<String>>],
    mode: question::StudyMode,
) -> Result<Items, PlanError> {
    let mut items = Vec::with_capacity(picks.len());
    let mut states = Vec::with_capacity(picks.len());
    let mut pool = false;
    // The items of one card are next to each other: its card is decoded once.
    let mut shared: Option<Card> = None;
    for (i, p) in picks.iter().enumerate() {
        let deck = &decks[p.deck].deck;
        let mut card = match shared.take() {
            Some(card) => card,
            None => cards.take(p.deck, p.ord)?,
        };
        if picks
            .get(i + 1)
            .is_some_and(|next| (next.deck, next.ord) == (p.deck, p.ord))
        {
            shared = Some(card.clone());
        }
        // The row must be one of the card's items, else the cache and the store disagree.
        let matches = card_items(&card)
            .get(p.pos)
            .is_some_and(|item| item.side == p.side && item.id() == p.row.item);
        if !matches {
            return Err(PlanError::Damaged(p.deck));
        }
        pool |= question::uses_distractors(&card, p.side, mode);
        if let (Content::Basic { accept, .. }, Some(extra)) =
            (&mut card.content, accepted[p.deck].get(&p.row.item))
        {
            accept.extend(extra.iter().cloned());
        }
        states.push(p.row.state.clone());
        let folder = match &decks[p.deck].path {
            Some(path) if !card.pictures.is_empty() => Some(crate::deck::picture::folder_of(path)),
            _ => None,
        };
        items.push(StudyItem {
            deck: p.deck,
            deck_id: deck.id.clone(),
            source: deck.source.clone(),
            item_id: p.row.item.clone(),
            card,
            side: p.side,
            changed: p.row.changed,
            folder,
        });
    }
    Ok(Items {
        items,
        states,
        pool,
    })
}

/// The session over `items` and their `queue`, with the options of `args` (card limit,
/// deadline) and a seed from `now`.
pub(super) fn session(
    items: Vec<StudyItem>,
    states: Vec<Option<CardState>>,
    queue: Queue,
    schedulers: Vec<Scheduler>,
    mode: question::StudyMode,
    args: &Options,
    now: DateTime<Utc>,
) -> Session {
    let mut session = Session::new(items, states, queue, schedulers);
    session.mode = mode;
    session.limit = args.limit;
    session.deadline = args
        .minutes
        .map(|m| now + chrono::TimeDelta::seconds((m * 60.0) as i64));
    session.seed = now.timestamp().unsigned_abs();
    session
}

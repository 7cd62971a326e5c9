//! `recall cards`: one row per item, with where its card is written (`path:line`), its state,
//! due date, predicted recall now and lapses, filtered as the learner asks.
//!
//! The items of the chosen decks come first, in deck order (never-answered ones as `new`),
//! then the items the store knows in other decks, by deck and id, without a place in a file.
//! Orphans (items no longer in their deck file) are left out. Never prints, never reads the
//! clock: `now` is an argument.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use serde::Serialize;

use super::cards::{asked, chosen};
use crate::deck::{Card, Content, Deck, Side};
use crate::scheduler::{CardState, Phase, Scheduler};
use crate::store::{CardRow, Store, StoreError};

/// Which items to list; every filter set must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Only suspended items.
    pub suspended: bool,
    /// Only items buried at `now`.
    pub buried: bool,
    /// Only leeches (marked, or with at least the threshold of lapses).
    pub leeches: bool,
    /// Only answered, unsuspended items due before `now` plus this.
    pub due_within: Option<TimeDelta>,
    /// Only items of cards with one of these tags (none: any).
    pub tags: Vec<String>,
    /// Only items whose id, question or answer holds this text, letter case aside.
    pub search: Option<String>,
}

/// One item as `recall cards` lists it (also its `--json` form).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Listed {
    /// The deck's id.
    pub deck: String,
    /// The item's id, as `recall log` prints it.
    pub item: String,
    /// The deck file (`built-in` for the bundled deck); null for a deck not chosen.
    pub path: Option<String>,
    /// The line of the card in its file; null for a deck not chosen.
    pub line: Option<usize>,
    /// What the item asks, as a session shows it; null for a deck not chosen.
    pub question: Option<String>,
    /// `new`, `learning`, `review` or `relearning`.
    pub state: &'static str,
    /// Hidden from sessions until unsuspended.
    pub suspended: bool,
    /// Buried at `now` (back the next day, or with `recall unbury`).
    pub buried: bool,
    /// A leech: marked as one, or forgotten at least the threshold of times.
    pub leech: bool,
    /// When it is due; null for a new item.
    pub due: Option<DateTime<Utc>>,
    /// The chance of recalling it now (items with an FSRS memory; else null).
    pub recall: Option<f64>,
    /// Times forgotten after graduating.
    pub lapses: u32,
    /// Times answered in study.
    pub reps: u32,
}

/// The name of a state's phase, as listed.
#[must_use]
pub fn phase_name(state: Option<&CardState>) -> &'static str {
    match state.map(|s| s.phase) {
        None | Some(Phase::New) => "new",
        Some(Phase::Learning { .. }) => "learning",
        Some(Phase::Review) => "review",
        Some(Phase::Relearning { .. }) => "relearning",
    }
}

/// What a listing needs to know besides the store.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The chosen decks.
    pub decks: &'a [Deck],
    /// Each chosen deck's file as shown (`built-in` for the bundled deck).
    pub paths: &'a [String],
    /// Gives the recall now (its settings: day start, FSRS parameters).
    pub scheduler: &'a Scheduler,
    /// The same scheduler aiming at a deck's exam, by deck id, for decks with one: their
    /// due dates are the ones a session uses.
    pub exams: &'a BTreeMap<String, Scheduler>,
    /// Lapses that make an item a leech.
    pub leech_threshold: u32,
    /// The instant the listing is made at.
    pub now: DateTime<Utc>,
}

impl<'a> Context<'a> {
    /// The scheduler of deck `deck`: with its exam, if it has one.
    #[must_use]
    pub fn scheduler_of(&self, deck: &str) -> &'a Scheduler {
        self.exams.get(deck).unwrap_or(self.scheduler)
    }
}

/// The items of the store and the chosen decks that pass `filter`.
///
/// # Errors
/// The store failed or holds a row it cannot read.
pub fn list(store: &Store, cx: Context<'_>, filter: &Filter) -> Result<Vec<Listed>, StoreError> {
    let chosen = chosen(cx.decks);
    let mut known: Vec<Option<Listed>> = vec![None; chosen.items.len()];
    let mut others = Vec::new();
    store.for_each_card(|row| {
        match chosen.index.get(row.deck) {
            Some(ids) => {
                if let Some(&i) = ids.get(row.card) {
                    let (d, _, card, side) = chosen.items[i];
                    let place = (cx.paths.get(d).cloned(), card, side);
                    known[i] = Some(listed(&row, Some(place), cx));
                }
            }
            None if row.present => others.push(listed(&row, None, cx)),
            None => {}
        }
        Ok::<_, StoreError>(())
    })?;
    others.sort_by(|a, b| (&a.deck, &a.item).cmp(&(&b.deck, &b.item)));
    let mut rows = Vec::new();
    for (&(d, ref id, card, side), found) in chosen.items.iter().zip(known) {
        let row = found.unwrap_or_else(|| {
            let never = CardRow {
                deck: &cx.decks[d].id,
                card: id,
                state: None,
                suspended: false,
                buried_until: None,
                leech: false,
                present: true,
            };
            listed(&never, Some((cx.paths.get(d).cloned(), card, side)), cx)
        });
        if passes(&row, Some(card), filter, cx.now) {
            rows.push(row);
        }
    }
    rows.extend(
        others
            .into_iter()
            .filter(|row| passes(row, None, filter, cx.now)),
    );
    Ok(rows)
}

/// One store row as listed; `place` is its file, card and side when its deck was chosen.
fn listed(
    row: &CardRow<'_>,
    place: Option<(Option<String>, &Card, Side)>,
    cx: Context<'_>,
) -> Listed {
    let state = row.state.as_ref();
    let lapses = state.map_or(0, |s| s.lapses);
    let (path, line, question) = match place {
        Some((path, card, side)) => (path, Some(card.line), Some(asked(card, side))),
        None => (None, None, None),
    };
    Listed {
        deck: row.deck.to_owned(),
        item: row.card.to_owned(),
        path,
        line,
        question,
        state: phase_name(state),
        suspended: row.suspended,
        buried: row.buried_until.is_some_and(|t| t > cx.now),
        leech: row.leech || (lapses > 0 && lapses >= cx.leech_threshold),
        due: state
            .filter(|s| s.phase != Phase::New)
            .map(|s| cx.scheduler_of(row.deck).exam_due(s)),
        recall: state.and_then(|s| cx.scheduler.retrievability(s, cx.now)),
        lapses,
        reps: state.map_or(0, |s| s.reps),
    }
}

/// Whether `row` (of `card`, when its deck was chosen) passes `filter`.
fn passes(row: &Listed, card: Option<&Card>, filter: &Filter, now: DateTime<Utc>) -> bool {
    let due_soon =
        |within: TimeDelta| !row.suspended && row.due.is_some_and(|due| due <= now + within);
    (!filter.suspended || row.suspended)
        && (!filter.buried || row.buried)
        && (!filter.leeches || row.leech)
        && filter.due_within.is_none_or(due_soon)
        && (filter.tags.is_empty()
            || card.is_some_and(|c| c.tags.iter().any(|t| filter.tags.contains(t))))
        && filter
            .search
            .as_deref()
            .is_none_or(|text| mentions(row, card, text))
}

/// Whether the item's id, question or answer holds `text`, letter case aside.
fn mentions(row: &Listed, card: Option<&Card>, text: &str) -> bool {
    let text = text.to_lowercase();
    let answer = card.and_then(|c| match &c.content {
        Content::Basic { back, .. } => Some(back.display()),
        _ => None,
    });
    [
        Some(row.item.as_str()),
        row.question.as_deref(),
        card.map(|c| c.content.question()),
        answer.as_deref(),
    ]
    .into_iter()
    .flatten()
    .any(|field| field.to_lowercase().contains(&text))
}

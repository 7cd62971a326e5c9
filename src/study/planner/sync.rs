//! The first half of a plan: the decks synced into the store (skipped for files unchanged
//! since the store last synced them), and what the second half needs of each deck.

use std::collections::{HashMap, HashSet};

use super::PlanError;
use crate::error::Error;
use crate::library::DeckSync;
use crate::library::Intakes;
use crate::library::LoadedDeck;
use crate::scheduler::Scheduler;
use crate::scheduler::exam::ExamDay;
use crate::store::Store;

/// What the plan reads of each synced deck, in the order of the decks.
pub(super) struct Synced {
    /// The deck's key in the store; `None` for a deck still being taken in (it may have
    /// none yet).
    pub keys: Vec<Option<i64>>,
    /// The deck's scheduler, with its exam day if any.
    pub schedulers: Vec<Scheduler>,
    /// The answers accepted for the deck's items beyond the deck's own, per item id.
    pub accepted: Vec<HashMap<String, Vec<String>>>,
}

/// Syncs the decks into the store, refusing two decks with one id. `exams` holds each
/// deck's exam day, if any.
pub(super) fn sync(
    decks: &[LoadedDeck],
    store: &mut Store,
    config: &crate::config::StudyConfig,
    exams: &[Option<ExamDay>],
    intakes: Option<&Intakes>,
) -> Result<Synced, PlanError> {
    let mut ids = HashSet::new();
    for loaded in decks {
        if !ids.insert(loaded.deck.id.as_str()) {
            return Err(Error::Usage(format!(
                "two of the decks have the id \"{}\"; study them one at a time",
                loaded.deck.id
            ))
            .into());
        }
    }
    let mut keys = Vec::with_capacity(decks.len());
    let mut schedulers = Vec::with_capacity(decks.len());
    let mut accepted = Vec::with_capacity(decks.len());
    for (d, loaded) in decks.iter().enumerate() {
        let deck = &loaded.deck;
        let unwritten = intakes.and_then(|i| i.unwritten(d)).is_some();
        match (loaded.file_hash, &loaded.cached) {
            // Being synced by its intake.
            _ if unwritten => {}
            (Some(hash), None) => {
                store.sync_cached(deck, hash)?;
            }
            // Unparsed, but the rows were changed since the file was synced: sync its cards.
            (Some(hash), Some(_)) => {
                if !store.is_synced(&deck.id, hash)? {
                    let mut full = deck.clone();
                    full.cards = loaded.all_cards().ok_or(PlanError::Damaged(d))?;
                    store.sync_cached(&full, hash)?;
                }
            }
            // Never happens: a cached deck always knows its file's hash.
            (None, Some(_)) => return Err(PlanError::Damaged(d)),
            (None, None) => {
                store.sync_deck(deck)?;
            }
        }
        keys.push(if unwritten {
            None
        } else {
            Some(store.deck_key_of(&deck.id)?.ok_or(PlanError::Damaged(d))?)
        });
        accepted.push(store.accepted_answers_of_deck(&deck.id)?);
        let named = deck.scheduler.as_deref().and_then(|s| s.parse().ok());
        let kind = crate::config::settings::scheduler_kind(config, named);
        schedulers.push(
            Scheduler::new(kind, config.settings.clone())
                .map_err(|e| Error::Usage(e.to_string()))?
                .with_exam(exams.get(d).copied().flatten()),
        );
    }
    Ok(Synced {
        keys,
        schedulers,
        accepted,
    })
}

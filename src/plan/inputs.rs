//! What `recall plan` simulates, read from the decks and the profile: each deck's
//! scheduler and every item not suspended, with its stored state.

use std::collections::HashMap;

use crate::config::StudyConfig;
use crate::config::settings;
use crate::deck::{NewOrder, card_items};
use crate::error::Error;
use crate::library::LoadedDeck;
use crate::plan::SimCard;
use crate::scheduler::{CardSeed, Scheduler};
use crate::store::{CardRecord, Store};

/// Each deck's scheduler, as a session would pick it.
///
/// # Errors
/// Settings a scheduler refuses.
pub fn schedulers(decks: &[LoadedDeck], config: &StudyConfig) -> Result<Vec<Scheduler>, Error> {
    decks
        .iter()
        .map(|loaded| {
            let named = loaded
                .deck
                .scheduler
                .as_deref()
                .and_then(|s| s.parse().ok());
            let kind = settings::scheduler_kind(config, named);
            Scheduler::new(kind, config.settings.clone()).map_err(|e| Error::Usage(e.to_string()))
        })
        .collect()
}

/// Every item of the decks that is not suspended, with its stored state, in the order a
/// session takes new cards on day `today`: deck order, or for a deck whose `new_order` (else
/// `new_order`, the config file's) is random, the shuffle of that day.
///
/// # Errors
/// The store failed.
pub fn cards(
    decks: &[LoadedDeck],
    store: Option<&Store>,
    new_order: NewOrder,
    today: i64,
) -> Result<Vec<SimCard>, Error> {
    let mut out = Vec::new();
    for (index, loaded) in decks.iter().enumerate() {
        let deck = &loaded.deck;
        let order = deck.new_order.unwrap_or(new_order);
        let mut ranked = Vec::new();
        let records: HashMap<String, CardRecord> = match store {
            Some(store) => store
                .cards_touched(&deck.id)?
                .into_iter()
                .map(|r| (r.card.clone(), r))
                .collect(),
            None => HashMap::new(),
        };
        for (position, card) in deck.cards.iter().enumerate() {
            for item in card_items(card) {
                let id = item.id();
                let record = records.get(&id);
                if record.is_some_and(|r| r.suspended) {
                    continue;
                }
                let rank = order.rank(&deck.id, &card.id, today);
                ranked.push((
                    rank,
                    position,
                    SimCard {
                        deck: index,
                        seed: CardSeed::from_ids(&deck.id, &id),
                        sibling: (index, position),
                        state: record.and_then(|r| r.state.clone()),
                    },
                ));
            }
        }
        ranked.sort_by_key(|&(rank, position, _)| (rank, position));
        out.extend(ranked.into_iter().map(|(_, _, card)| card));
    }
    Ok(out)
}

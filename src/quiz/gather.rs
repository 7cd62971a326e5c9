//! The items a quiz or a cram asks: the cards of the chosen decks carrying the chosen tags,
//! with the learner's states and accepted answers.

use std::collections::HashMap;
use std::sync::Arc;

use crate::deck::{Card, Content, card_items};
use crate::error::Error;
use crate::library::{DeckSync, LoadedDeck};
use crate::quiz::QuizItem;
use crate::store::{CardRecord, Store};

/// The items of a quiz or a cram, as [`items`] gathers them.
#[derive(Debug)]
pub struct Gathered {
    /// The items, with the learner's states and accepted answers.
    pub items: Vec<QuizItem>,
    /// The index of each item's deck.
    pub deck_of: Vec<usize>,
    /// Each item's card as the deck has it, without the answers this learner had accepted:
    /// what a quiz is drawn from, so that a seed draws the same quiz for every learner.
    pub deck_cards: Vec<Arc<Card>>,
}

/// Every item of `decks` carrying one of `tags` (any card when none is given), in deck order,
/// with the learner's state and accepted answers; suspended items are left out when
/// `skip_suspended` says so. Syncs the decks into the store first, so new cards get their
/// rows.
///
/// # Errors
/// The store failed.
pub fn items(
    decks: &[LoadedDeck],
    store: &mut Store,
    tags: &[String],
    skip_suspended: bool,
) -> Result<Gathered, Error> {
    let mut items = Vec::new();
    let mut deck_of = Vec::new();
    let mut deck_cards = Vec::new();
    for (d, loaded) in decks.iter().enumerate() {
        let full;
        let deck = match &loaded.cached {
            None => &loaded.deck,
            // A deck read from the cache holds no cards until asked: practice takes them all.
            Some(cached) => {
                let Some(cards) = loaded.all_cards() else {
                    cached.cards.forget();
                    store.unsync_deck(&loaded.deck.id)?;
                    return Err(Error::Usage(format!(
                        "the stored copy of deck \"{}\" was damaged and has been dropped; \
                         run the command again",
                        loaded.deck.id
                    )));
                };
                full = crate::deck::Deck {
                    cards,
                    ..loaded.deck.clone()
                };
                &full
            }
        };
        match loaded.file_hash {
            Some(hash) => {
                if loaded.cached.is_none() || !store.is_synced(&deck.id, hash)? {
                    store.sync_cached(deck, hash)?;
                }
            }
            None => {
                store.sync_deck(deck)?;
            }
        }
        let records: HashMap<String, CardRecord> = store
            .cards_touched(&deck.id)?
            .into_iter()
            .map(|r| (r.card.clone(), r))
            .collect();
        let accepted = store.accepted_answers_of_deck(&deck.id)?;
        for card in deck.cards.iter().filter(|c| has_tag(&c.tags, tags)) {
            // The items of a card share one copy, unless answers were accepted for an item.
            let shared = Arc::new(card.clone());
            for item in card_items(card) {
                let id = item.id();
                let record = records.get(&id);
                if skip_suspended && record.is_some_and(|r| r.suspended) {
                    continue;
                }
                let card = match (&card.content, accepted.get(&id)) {
                    (Content::Basic { .. }, Some(extra)) => {
                        let mut own = card.clone();
                        if let Content::Basic { accept, .. } = &mut own.content {
                            accept.extend(extra.iter().cloned());
                        }
                        Arc::new(own)
                    }
                    _ => Arc::clone(&shared),
                };
                items.push(QuizItem {
                    folder: pictures_folder(loaded, &card),
                    deck_id: deck.id.clone(),
                    item_id: id,
                    card,
                    side: item.side,
                    state: record.and_then(|r| r.state.clone()),
                });
                deck_of.push(d);
                deck_cards.push(Arc::clone(&shared));
            }
        }
    }
    if items.is_empty() {
        return Err(no_items(tags));
    }
    Ok(Gathered {
        items,
        deck_of,
        deck_cards,
    })
}

/// The folder of the deck file of `loaded`, when `card` has pictures there.
fn pictures_folder(loaded: &LoadedDeck, card: &Card) -> Option<std::path::PathBuf> {
    let path = loaded
        .path
        .as_deref()
        .filter(|_| !card.pictures.is_empty())?;
    Some(crate::deck::picture::folder_of(path))
}

/// Every item of `decks`, parsed in full ([`crate::library::load`]), carrying one of `tags`, in
/// deck order, as [`items`] gives them to a learner who never studied them, without any
/// profile: what `recall quiz --print` draws from.
///
/// # Errors
/// No item carries the tags.
pub fn deck_items(decks: &[LoadedDeck], tags: &[String]) -> Result<Vec<QuizItem>, Error> {
    let mut items = Vec::new();
    for loaded in decks {
        let deck = &loaded.deck;
        for card in deck.cards.iter().filter(|c| has_tag(&c.tags, tags)) {
            let shared = Arc::new(card.clone());
            items.extend(card_items(card).into_iter().map(|item| QuizItem {
                deck_id: deck.id.clone(),
                item_id: item.id(),
                card: Arc::clone(&shared),
                side: item.side,
                state: None,
                folder: pictures_folder(loaded, card),
            }));
        }
    }
    if items.is_empty() {
        return Err(no_items(tags));
    }
    Ok(items)
}

fn no_items(tags: &[String]) -> Error {
    Error::Usage(if tags.is_empty() {
        "the decks have no cards to ask".to_owned()
    } else {
        format!("no card has the tag {}", tags.join(" or "))
    })
}

fn has_tag(card_tags: &[String], wanted: &[String]) -> bool {
    wanted.is_empty()
        || card_tags
            .iter()
            .any(|t| wanted.iter().any(|w| w.eq_ignore_ascii_case(t)))
}

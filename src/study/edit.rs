//! The "edit" choice of a study session: which file and line the card is at, and the card
//! reloaded into the session once its learner edited the file (the command layer opens the
//! editor).

use std::path::PathBuf;

use crate::deck::Diagnostic;
use crate::error::Error;
use crate::library::{DeckSync, LoadedDeck};
use crate::session::{Session, StudyItem};
use crate::store::Store;

/// The deck file and line of the session's item `key`; `None` for a card of the built-in
/// deck, which has no file to edit.
#[must_use]
pub fn place(session: &Session, key: usize, decks: &[LoadedDeck]) -> Option<(PathBuf, usize)> {
    let item = &session.items[key];
    let path = decks.get(item.deck).and_then(|d| d.path.clone())?;
    Some((path, item.card.line))
}

/// What reading the edited file gave.
#[derive(Debug)]
pub enum Reloaded {
    /// The card (if the file still has it) is the session's as the file now says.
    Done,
    /// The file has errors now; the card is kept as it was.
    Errors(Vec<Diagnostic>),
}

/// Reads the deck file of item `key` again after an edit and puts the card as it now is
/// into the session (and its deck into the store).
///
/// # Errors
/// The store failed.
pub fn reload(
    session: &mut Session,
    key: usize,
    decks: &[LoadedDeck],
    store: &mut Store,
    tags: &[String],
) -> Result<Reloaded, Error> {
    let (deck_index, card_id) = {
        let item = &session.items[key];
        (item.deck, item.card.id.clone())
    };
    let Some(path) = decks.get(deck_index).and_then(|d| d.path.as_ref()) else {
        return Ok(Reloaded::Done);
    };
    let parsed = crate::deck::load(path, crate::deck::Options::default());
    let Some(deck) = parsed.deck else {
        return Ok(Reloaded::Errors(parsed.diagnostics));
    };
    // Not into a file the check behind the first question found damaged.
    store.checked()?;
    store.sync_deck(&deck)?;
    if let Some(card) = deck.cards.iter().find(|c| c.id == card_id) {
        let same = |i: &&mut StudyItem| i.card.id == card_id && i.deck == deck_index;
        for item in session.items.iter_mut().filter(same) {
            item.card = card.clone();
        }
        session.vocabulary.add_card(card);
    }
    // The card may now be a multiple choice that needs other cards' answers.
    let needs = session
        .items
        .iter()
        .any(|i| crate::session::question::uses_distractors(&i.card, i.side, session.mode));
    if needs && session.distractors.is_empty() {
        session.distractors = super::planner::distractors(decks, tags).unwrap_or_default();
    }
    Ok(Reloaded::Done)
}

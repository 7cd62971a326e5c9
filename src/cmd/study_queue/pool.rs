//! What a session learns from every card of the decks, not only the ones it asks: the
//! multiple-choice answer pool and the vocabulary of answers.

use super::PlanError;
use super::cards::wanted;
use crate::answer::Vocabulary;
use crate::cmd::decks::LoadedDeck;
use crate::deck::{Card, Deck};
use crate::session::distractors::OtherAnswer;
use crate::store::Store;

/// The answers of every wanted card of the decks, in order: the wrong options of multiple
/// choices that have none of their own (ranked by `session::distractors`).
pub(in crate::cmd) fn distractors(
    decks: &[LoadedDeck],
    store: &Store,
    tags: &[String],
) -> Result<Vec<OtherAnswer>, PlanError> {
    let mut out = Vec::new();
    each_card(decks, store, |deck, card| {
        if wanted(card, tags) {
            out.extend(OtherAnswer::of_card(card, &deck.tags));
        }
    })?;
    Ok(out)
}

/// The words of every answer of the decks, whatever the tags: a typed word that is one of
/// them is never forgiven as a typo of another answer.
pub(in crate::cmd) fn vocabulary(
    decks: &[LoadedDeck],
    store: &Store,
) -> Result<Vocabulary, PlanError> {
    let mut vocabulary = Vocabulary::new();
    each_card(decks, store, |_, card| vocabulary.add_card(card))?;
    Ok(vocabulary)
}

/// Calls `visit` with every card of the decks, in order, with its deck.
fn each_card(
    decks: &[LoadedDeck],
    store: &Store,
    mut visit: impl FnMut(&Deck, &Card),
) -> Result<(), PlanError> {
    for (d, loaded) in decks.iter().enumerate() {
        let Some(cached) = &loaded.cached else {
            for card in &loaded.deck.cards {
                visit(&loaded.deck, card);
            }
            continue;
        };
        // One card at a time: a large deck's cards are never all held at once.
        let mut pack = store
            .cached_pack(cached.file)?
            .filter(|p| p.len() == cached.count)
            .ok_or(PlanError::Damaged(d))?;
        for ord in 0..cached.count {
            visit(&loaded.deck, &pack.card(ord).ok_or(PlanError::Damaged(d))?);
        }
    }
    Ok(())
}

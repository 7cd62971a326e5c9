//! The multiple-choice answer pool: the answers of every wanted card of the decks.

use super::PlanError;
use super::cards::wanted;
use crate::cmd::decks::LoadedDeck;
use crate::deck::Card;
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
    for (d, loaded) in decks.iter().enumerate() {
        let mut add = |card: &Card| {
            if wanted(card, tags) {
                out.extend(OtherAnswer::of_card(card, &loaded.deck.tags));
            }
        };
        let Some(cached) = &loaded.cached else {
            loaded.deck.cards.iter().for_each(&mut add);
            continue;
        };
        // One card at a time: a large deck's cards are never all held at once.
        let mut pack = store
            .cached_pack(cached.file)?
            .filter(|p| p.len() == cached.count)
            .ok_or(PlanError::Damaged(d))?;
        for ord in 0..cached.count {
            add(&pack.card(ord).ok_or(PlanError::Damaged(d))?);
        }
    }
    Ok(out)
}

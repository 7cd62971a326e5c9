//! The multiple-choice answer pool: the answers of every wanted card of the decks.

use super::PlanError;
use super::cards::wanted;
use crate::cmd::decks::LoadedDeck;
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
        let all = loaded.all_cards(store)?.ok_or(PlanError::Damaged(d))?;
        for card in all.iter().filter(|c| wanted(c, tags)) {
            out.extend(OtherAnswer::of_card(card, &loaded.deck.tags));
        }
    }
    Ok(out)
}

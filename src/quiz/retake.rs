//! `recall quiz --retake RESULTS.json`: the questions missed in an earlier quiz, asked again
//! in the order they were asked, each as the same type of question when its card still
//! allows it. The earlier quiz must come from the decks given: a results file of another
//! deck is refused.

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

use super::class::Taken;
use super::forms::{self, Asked};
use super::{Kind, QuizItem};
use crate::text::escape_controls;

/// The questions drawn for a retake.
#[derive(Debug)]
pub struct Retake {
    /// The questions, in the order the earlier quiz asked them.
    pub asked: Vec<Asked>,
    /// The missed items the decks no longer have, as `DECK/ITEM`.
    pub gone: Vec<String>,
}

/// Draws the questions `taken` missed from `items` (the decks given now), their options
/// shuffled by `seed`.
///
/// # Errors
/// The file comes from a deck that was not given, missed nothing, or missed only items
/// the decks no longer have.
pub fn draw(taken: &Taken, items: &[QuizItem], seed: u64) -> Result<Retake, String> {
    let given: Vec<&str> = items.iter().map(|i| i.deck_id.as_str()).collect();
    let foreign: Vec<String> = taken
        .decks
        .iter()
        .filter(|d| !given.contains(&d.id.as_str()))
        .map(|d| {
            format!(
                "\"{}\" ({})",
                escape_controls(&d.id),
                escape_controls(&d.path)
            )
        })
        .collect();
    if !foreign.is_empty() {
        return Err(format!(
            "the quiz was taken on deck {}, not among the decks given: name its deck file",
            foreign.join(", ")
        ));
    }
    let missed: Vec<_> = taken.questions.iter().filter(|q| !q.correct).collect();
    if missed.is_empty() {
        return Err(format!(
            "every question of that quiz was answered right ({} of {}): nothing to retake",
            taken.score(),
            taken.questions.len()
        ));
    }
    let pool = forms::answer_pool(items);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut asked = Vec::new();
    let mut gone = Vec::new();
    for q in missed {
        let Some(i) = items
            .iter()
            .position(|it| it.deck_id == q.deck && it.item_id == q.card)
        else {
            gone.push(format!("{}/{}", q.deck, q.card));
            continue;
        };
        let allowed = forms::kinds_for(&items[i], &pool);
        let kind = q
            .kind
            .parse::<Kind>()
            .ok()
            .filter(|k| allowed.contains(k))
            .or_else(|| allowed.first().copied())
            .unwrap_or(Kind::Typed);
        asked.push(forms::build(i, &items[i], kind, &pool, &mut rng));
    }
    if asked.is_empty() {
        return Err(format!(
            "none of the {} questions missed is in the decks any more",
            gone.len()
        ));
    }
    Ok(Retake { asked, gone })
}

//! Practice off the schedule: `recall quiz` (a mock exam with a score) and `recall cram`
//! (rounds until every card was answered right once).
//!
//! Like the study session, nothing here prints or reads the clock: a [`QuizPrompter`] shows
//! questions and gathers answers, a [`Clock`](crate::session::Clock) says what time it is and
//! a [`Journal`](crate::session::Journal) logs each answer, with the mode `quiz` or `cram`.
//! Those answers never move a card's schedule: the store keeps only their log rows.
//!
//! Layout: [`kind`] names the question types, [`forms`] turns a card into a question of a
//! type and judges the reply, [`pick`] draws a quiz from a seed, [`run`] asks it under an
//! optional time limit, [`report`] holds the outcome (and its JSON and CSV forms), [`cram`]
//! runs the rounds, [`select`] filters what a cram takes, [`weakest`] ranks cards by
//! predicted recall and [`retake`] draws the questions an earlier quiz missed.

pub mod class;
pub mod cram;
pub mod forms;
pub mod gather;
pub mod kind;
pub mod pick;
pub mod prompter;
pub mod report;
pub mod retake;
pub mod run;
pub mod select;
pub mod weakest;

pub use cram::{CramSummary, run_cram};
pub use kind::{Kind, parse_kinds};
pub use prompter::{QuizPrompter, QuizStatus};
pub use report::{Answered, Ending, Report};
pub use run::{Quiz, run_quiz};

use std::sync::Arc;

use crate::deck::{Card, Deck, Item, Side};
use crate::scheduler::CardState;

/// One question a quiz or cram can ask: a card's item and what the learner's profile holds
/// about it.
#[derive(Debug, Clone)]
pub struct QuizItem {
    /// The deck's id.
    pub deck_id: String,
    /// The item's id within the deck (the card id, `<id>:reverse`, `<id>:<n>`).
    pub item_id: String,
    /// The card (with the answers this learner had accepted added to `accept`), shared by
    /// the items of one card: a cloze of thousands of deletions is held once, not once per
    /// deletion.
    pub card: Arc<Card>,
    /// Which of its questions.
    pub side: Side,
    /// The card's scheduling state; `None` when it was never studied.
    pub state: Option<CardState>,
    /// The deck file's folder, where the card's pictures are (none for a card without
    /// pictures, or of a deck without a file).
    pub folder: Option<std::path::PathBuf>,
}

impl QuizItem {
    /// The pictures shown with the answer (the side not asked) and with the explanation.
    #[must_use]
    pub fn answer_pictures(&self) -> [Option<crate::deck::Shown>; 2] {
        let pictures = &self.card.pictures;
        let (_, answer) = pictures.question_and_answer(self.side == Side::Reverse);
        [answer, pictures.explain.as_ref()].map(|p| p.map(|p| p.shown(self.folder.as_deref())))
    }

    /// `item` of `deck_id`, never studied.
    #[must_use]
    pub fn unstudied(deck_id: &str, item: &Item<'_>) -> QuizItem {
        QuizItem {
            deck_id: deck_id.to_owned(),
            item_id: item.id(),
            card: Arc::new(item.card.clone()),
            side: item.side,
            state: None,
            folder: None,
        }
    }

    /// Every item of `deck`, in deck order, never studied; the items of a card share it.
    #[must_use]
    pub fn all_unstudied(deck: &Deck) -> Vec<QuizItem> {
        let mut items = Vec::new();
        let mut shared: Option<(&Card, Arc<Card>)> = None;
        for item in deck.items() {
            let card = match &shared {
                Some((of, card)) if std::ptr::eq(*of, item.card) => Arc::clone(card),
                _ => {
                    let card = Arc::new(item.card.clone());
                    shared = Some((item.card, Arc::clone(&card)));
                    card
                }
            };
            items.push(QuizItem {
                deck_id: deck.id.clone(),
                item_id: item.id(),
                card,
                side: item.side,
                state: None,
                folder: None,
            });
        }
        items
    }
}

#[cfg(test)]
mod tests;

//! Exam planning: getting every card of some decks to the desired retention by an exam date.
//!
//! [`intro`] says how many new cards a day the exam needs, [`simulate`] runs a learner whose
//! recall follows the FSRS model up to the exam, and [`mod@forecast`] averages such learners into
//! the day-by-day figures `recall plan` prints; [`inputs`] reads the cards and schedulers
//! they start from. Where a review goes once an exam is set is the
//! scheduler's business (`scheduler::exam`). Everything here is pure: the time, the states
//! and the exam day come in as arguments; nothing prints or reads the clock.

pub mod forecast;
pub mod inputs;
pub mod intro;
pub mod retention;
pub mod simulate;

pub use forecast::{DayForecast, Forecast, forecast};
pub use simulate::{DayWork, Outcome, Setup, SimCard};

use crate::deck::{Deck, card_items};
use crate::scheduler::CardSeed;

/// The study items of `deck` (its index among the decks being planned is `index`), in deck
/// order, all never studied: the starting point of a simulation from scratch.
#[must_use]
pub fn fresh_cards(deck: &Deck, index: usize) -> Vec<SimCard> {
    let mut out = Vec::new();
    for (position, card) in deck.cards.iter().enumerate() {
        out.extend(card_items(card).iter().map(|item| SimCard {
            deck: index,
            seed: CardSeed::from_ids(&deck.id, &item.id()),
            sibling: (index, position),
            state: None,
        }));
    }
    out
}

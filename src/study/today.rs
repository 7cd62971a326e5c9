//! What the learner already did today in `recall study`: the new items per deck and the
//! reviews answered since the day began, and the cards they belong to.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use crate::error::Error;
use crate::library::LoadedDeck;
use crate::scheduler::Phase;
use crate::session::queue::Today;
use crate::store::Store;

/// What was already answered today: new items per deck and reviews, and the ids of the
/// cards answered today per deck (their sibling groups are filled in by the caller).
pub fn today(
    store: &Store,
    decks: &[LoadedDeck],
    day_start: DateTime<Utc>,
) -> Result<(Today, HashMap<usize, HashSet<String>>), Error> {
    let index: HashMap<&str, usize> = decks
        .iter()
        .enumerate()
        .map(|(i, d)| (d.deck.id.as_str(), i))
        .collect();
    let mut today = Today::default();
    let mut reviewed: HashMap<usize, HashSet<String>> = HashMap::new();
    for answer in store.study_answers_since(day_start)? {
        let Some(&d) = index.get(answer.deck.as_str()) else {
            continue;
        };
        match answer.before {
            None | Some(Phase::New) => *today.new_done.entry(d).or_default() += 1,
            Some(Phase::Review) => today.reviews_done += 1,
            Some(_) => {}
        }
        let card_id = answer
            .card
            .split(':')
            .next()
            .unwrap_or(&answer.card)
            .to_owned();
        reviewed.entry(d).or_default().insert(card_id);
    }
    Ok((today, reviewed))
}

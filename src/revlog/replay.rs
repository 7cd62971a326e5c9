//! Turning imported rows into recall's reviews: each card's answers, merged with the ones the
//! profile already holds for it, are replayed in time order through the scheduler, which gives
//! every review its state before and after and every card its current state.
//!
//! A review's id is derived from its deck, card and time, so importing the same file again
//! yields the same ids and adds nothing.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::{Row, RowError};
use crate::scheduler::balance::DayLoads;
use crate::scheduler::{CardSeed, CardState, Rating, Scheduler};
use crate::store::history_import::AnswersByCard;
use crate::store::{Review, ReviewId};

/// What an import writes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Planned {
    /// One review per usable row, with its states.
    pub reviews: Vec<Review>,
    /// Each imported card's state after its last answer.
    pub states: Vec<(String, CardState)>,
    /// Rows left out: a second answer of the same card at the same millisecond.
    pub duplicates: Vec<RowError>,
}

/// One answer of a card during the replay: from the file (with its row) or already stored.
struct Answer<'r> {
    time: DateTime<Utc>,
    rating: Rating,
    row: Option<&'r Row>,
}

/// Replays `rows` of deck `deck`, merged per card with the `stored` study answers of the
/// deck, through `scheduler`.
#[must_use]
pub fn plan(deck: &str, rows: &[Row], stored: &AnswersByCard, scheduler: &Scheduler) -> Planned {
    let mut planned = Planned::default();
    // Per card, answers keyed by time: a stored answer at the same millisecond as a row is
    // that row imported before.
    let mut cards: BTreeMap<&str, BTreeMap<DateTime<Utc>, Answer<'_>>> = BTreeMap::new();
    for row in rows {
        let answers = cards.entry(&row.card).or_insert_with(|| {
            stored
                .get(&row.card)
                .into_iter()
                .flatten()
                .map(|&(time, rating)| {
                    let row = None;
                    (time, Answer { time, rating, row })
                })
                .collect()
        });
        match answers.get(&row.time) {
            Some(Answer {
                row: Some(first), ..
            }) => planned.duplicates.push(RowError {
                line: row.line,
                message: format!(
                    "card {} answered again at the same time as on line {}",
                    row.card, first.line
                ),
            }),
            _ => {
                let answer = Answer {
                    time: row.time,
                    rating: row.rating,
                    row: Some(row),
                };
                answers.insert(row.time, answer);
            }
        }
    }
    // Every answer in log order (by time, then id), each evening out the days against the
    // due days of the cards replayed so far, as the replay of the log does.
    let mut order: Vec<(DateTime<Utc>, ReviewId, &str, &Answer<'_>)> = cards
        .iter()
        .flat_map(|(card, answers)| {
            answers
                .values()
                .map(|a| (a.time, stable_id(deck, card, a.time), *card, a))
        })
        .collect();
    order.sort_by_key(|&(time, id, ..)| (time, id));
    let clock = scheduler.settings().day_clock();
    let mut loads = DayLoads::default();
    let mut states: BTreeMap<&str, CardState> = BTreeMap::new();
    for (_, _, card, answer) in order {
        let seed = CardSeed::from_ids(deck, card);
        let before = states.remove(card);
        let current = before
            .clone()
            .unwrap_or_else(|| CardState::new(answer.time));
        let after = scheduler.review_with(&current, answer.rating, answer.time, seed, Some(&loads));
        loads.moved(clock, before.as_ref(), Some(&after));
        if let Some(row) = answer.row {
            let mut review = Review::new(deck, card, row.time, row.rating, before, after.clone());
            review.id = stable_id(deck, card, row.time);
            review.duration_ms = row.duration_ms;
            planned.reviews.push(review);
        }
        states.insert(card, after);
    }
    planned.states = states
        .into_iter()
        .map(|(card, state)| (card.to_owned(), state))
        .collect();
    planned
}

/// The id of an imported review: its time, and bits hashed from its deck, card and time.
#[must_use]
pub fn stable_id(deck: &str, card: &str, time: DateTime<Utc>) -> ReviewId {
    let ms = time.timestamp_millis().to_le_bytes();
    let hash = |seed: u64| {
        let bytes = deck
            .bytes()
            .chain([0xff])
            .chain(card.bytes())
            .chain([0xff])
            .chain(ms);
        bytes.fold(seed, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    };
    let bits =
        (u128::from(hash(0xcbf2_9ce4_8422_2325)) << 64) | u128::from(hash(0x8422_2325_cbf2_9ce4));
    ReviewId::from_parts(time, bits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::{Phase, SchedulerKind, Settings};
    use std::collections::HashMap;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn row(line: usize, card: &str, time: &str, rating: Rating) -> Row {
        Row {
            line,
            card: card.to_owned(),
            time: at(time),
            rating,
            duration_ms: 1000,
        }
    }

    fn scheduler() -> Scheduler {
        Scheduler::new(SchedulerKind::Fsrs, Settings::default()).unwrap()
    }

    #[test]
    fn each_card_is_replayed_in_time_order() {
        let rows = [
            row(2, "b", "2024-01-02T10:00:00Z", Rating::Good),
            row(3, "a", "2024-01-01T10:00:00Z", Rating::Again),
            row(4, "a", "2024-01-01T09:00:00Z", Rating::Good),
            row(5, "a", "2024-01-01T09:00:00Z", Rating::Hard),
        ];
        let p = plan("anki-import", &rows, &HashMap::new(), &scheduler());
        assert_eq!(p.reviews.len(), 3);
        assert_eq!(p.duplicates.len(), 1);
        assert_eq!(p.duplicates[0].line, 5);
        assert!(p.duplicates[0].message.contains("line 4"));
        let a: Vec<&Review> = p.reviews.iter().filter(|r| r.card == "a").collect();
        assert_eq!(a[0].rating, Rating::Good);
        assert_eq!(a[0].before, None);
        assert_eq!(a[1].before.as_ref(), Some(&a[0].after));
        assert_eq!(a[1].after.reps, 2);
        assert!(matches!(
            a[1].after.phase,
            Phase::Relearning { .. } | Phase::Learning { .. }
        ));
        assert_eq!(p.states.len(), 2);
        assert_eq!(p.reviews[0].duration_ms, 1000);
    }

    #[test]
    fn stored_answers_are_merged_and_ids_are_stable() {
        let rows = [row(2, "a", "2024-01-03T10:00:00Z", Rating::Good)];
        let first = plan("d", &rows, &HashMap::new(), &scheduler());
        let stored = HashMap::from([(
            "a".to_owned(),
            vec![(at("2024-01-01T10:00:00Z"), Rating::Good)],
        )]);
        let merged = plan("d", &rows, &stored, &scheduler());
        assert_eq!(first.reviews[0].id, merged.reviews[0].id);
        assert_eq!(first.reviews[0].before, None);
        assert_eq!(merged.reviews[0].before.as_ref().map(|s| s.reps), Some(1));
        assert_eq!(merged.states[0].1.reps, 2);
        assert_ne!(
            stable_id("d", "a", at("2024-01-03T10:00:00Z")),
            stable_id("d", "b", at("2024-01-03T10:00:00Z"))
        );
        assert!(first.reviews[0].id.is_v7());
    }
}

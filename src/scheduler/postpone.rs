//! Postponing a backlog: at most `keep` reviews on each of the learner's days, the others
//! moved to the following days, the ones whose recall drops least first.
//!
//! Only graduated cards (the review phase) that come up in study and are not buried move;
//! cards in their learning or relearning steps, suspended and buried ones keep their day and
//! count against the limit of that day. Only the due date changes.
//!
//! "Recall drops least" is the predicted recall on the next day, highest first: with FSRS,
//! the memory's retrievability; for SM-2 and Leitner cards, which have no stability, the same
//! forgetting curve with the card's current interval standing in for its stability.
//!
//! Pure: the cards, the model, the calendar and "now" are arguments.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::days::DayClock;
use super::fsrs::Model;
use super::reschedule::Move;
use super::{CardState, Memory, Phase};

/// One card the plan moves.
#[derive(Debug, Clone, PartialEq)]
pub struct Postponed {
    /// Its index in the cards given to [`plan`].
    pub index: usize,
    /// Its new due date: the start of the learner's day it moves to.
    pub due: DateTime<Utc>,
    /// Its predicted recall at review time, on its old day (today when overdue) and its new.
    pub recall_before: f64,
    pub recall_after: f64,
}

/// Where the cards go.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// The cards that move, in the order given.
    pub postponed: Vec<Postponed>,
    /// Of those, cards without an FSRS memory, ranked by their interval.
    pub by_interval: usize,
}

impl Plan {
    /// The mean drop of predicted recall at review time over the cards that move; 0 when
    /// none does.
    #[must_use]
    pub fn recall_lost(&self) -> f64 {
        if self.postponed.is_empty() {
            return 0.0;
        }
        let sum: f64 = self
            .postponed
            .iter()
            .map(|p| p.recall_before - p.recall_after)
            .sum();
        #[allow(clippy::cast_precision_loss)]
        let n = self.postponed.len() as f64;
        sum / n
    }

    /// `cards` as they are before (`before`) and after the plan (`after`), for
    /// [`super::reschedule::summarize`].
    #[must_use]
    pub fn apply(&self, cards: &[Move]) -> Vec<Move> {
        let mut moves = cards.to_vec();
        for p in &self.postponed {
            if let Some(state) = moves.get_mut(p.index).and_then(|m| m.after.as_mut()) {
                state.due = p.due;
            }
        }
        moves
    }
}

/// The predicted recall of the card in `state` on the learner's day `day`; `None` for a card
/// never answered.
pub(super) fn recall_on(
    model: &Model,
    clock: DayClock,
    state: &CardState,
    day: i64,
) -> Option<f64> {
    let last = clock.day_number(state.last_review?);
    let stability = match state.memory {
        Some(Memory::Fsrs { stability, .. }) => stability,
        _ => interval_days(clock, state),
    };
    #[allow(clippy::cast_precision_loss)]
    let elapsed = (day - last).max(0) as f64;
    Some(model.retrievability(elapsed, stability))
}

/// The card's current interval in days, at least 1.
fn interval_days(clock: DayClock, state: &CardState) -> f64 {
    let last = state.last_review.map_or(0, |t| clock.day_number(t));
    #[allow(clippy::cast_precision_loss)]
    let days = (clock.day_number(state.due) - last).max(1) as f64;
    days
}

/// Plans the postponing of `cards` (each with its state in `before`) so that no day from
/// today on has more than `keep` reviews due (overdue ones count today), unless the cards
/// that do not move already fill it, and none moves into one of the `breaks` (ranges of the
/// learner's days, see [`super::breaks`]). `keep` of 0 counts as 1.
#[must_use]
pub fn plan(
    cards: &[Move],
    (keep, breaks): (usize, &[(i64, i64)]),
    model: &Model,
    clock: DayClock,
    now: DateTime<Utc>,
) -> Plan {
    let keep = keep.max(1);
    let today = clock.day_number(now);
    let mut fixed: BTreeMap<i64, usize> = BTreeMap::new();
    let mut movable: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    for (index, card) in cards.iter().enumerate() {
        let Some(state) = card.before.as_ref().filter(|_| card.shown) else {
            continue;
        };
        let buried = card.buried_until.filter(|&b| b > now);
        let day = (clock.day_number(buried.map_or(state.due, |b| b.max(state.due))) - today).max(0);
        if buried.is_none() && state.phase == Phase::Review && state.last_review.is_some() {
            movable.entry(day).or_default().push(index);
        } else {
            *fixed.entry(day).or_default() += 1;
        }
    }
    let memory = |i: usize| cards[i].before.as_ref().and_then(|s| s.memory);
    let recall = |i: usize, day: i64| {
        cards[i]
            .before
            .as_ref()
            .and_then(|s| recall_on(model, clock, s, today + day))
            .unwrap_or(0.0)
    };
    let mut plan = Plan::default();
    let mut carried: Vec<(usize, i64)> = Vec::new();
    let mut day = 0;
    loop {
        // Nothing carried over: on to the next day with cards that can move.
        if carried.is_empty() {
            match movable.keys().next() {
                Some(&next) => day = next,
                None => break,
            }
        }
        let mut pool = std::mem::take(&mut carried);
        pool.extend(
            movable
                .remove(&day)
                .unwrap_or_default()
                .into_iter()
                .map(|i| (i, day)),
        );
        let free = !breaks
            .iter()
            .any(|&(from, to)| (from..=to).contains(&(today + day)));
        let room = keep.saturating_sub(fixed.get(&day).copied().unwrap_or(0)) * usize::from(free);
        if pool.len() > room {
            // Kept today: the cards whose recall tomorrow would be lowest. (The bits of a
            // positive float sort as the float does.)
            pool.sort_by_cached_key(|&(i, _)| (recall(i, day + 1).to_bits(), i));
            carried = pool.split_off(room);
        }
        for (index, from) in pool {
            if from != day {
                plan.by_interval +=
                    usize::from(!matches!(memory(index), Some(Memory::Fsrs { .. })));
                plan.postponed.push(Postponed {
                    index,
                    due: clock.day_start(today + day),
                    recall_before: recall(index, from),
                    recall_after: recall(index, day),
                });
            }
        }
        day += 1;
    }
    plan.postponed.sort_by_key(|p| p.index);
    plan
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::scheduler::fsrs::DEFAULT_PARAMETERS;

    pub(in crate::scheduler) fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// A graduated card last seen on `last`, due on `due`, with `memory`.
    pub(in crate::scheduler) fn card(last: &str, due: &str, memory: Memory) -> Move {
        let state = CardState {
            phase: Phase::Review,
            due: at(due),
            last_review: Some(at(last)),
            reps: 3,
            lapses: 0,
            memory: Some(memory),
        };
        Move {
            before: Some(state.clone()),
            after: Some(state),
            shown: true,
            buried_until: None,
        }
    }

    /// An FSRS memory of `stability` days (difficulty 5).
    pub(in crate::scheduler) fn fsrs(stability: f64) -> Memory {
        Memory::Fsrs {
            stability,
            difficulty: 5.0,
        }
    }

    const NOW: &str = "2026-03-10T12:00:00Z";

    #[test]
    fn the_most_stable_card_moves_first_and_no_day_exceeds_the_limit() {
        let model = Model::new(DEFAULT_PARAMETERS);
        let clock = DayClock::default();
        let cards = [
            card("2026-03-01T12:00:00Z", "2026-03-08T04:00:00Z", fsrs(3.0)),
            card("2026-01-01T12:00:00Z", "2026-03-09T04:00:00Z", fsrs(200.0)),
            card("2026-02-20T12:00:00Z", "2026-03-10T04:00:00Z", fsrs(20.0)),
            // Tomorrow already: stays, so the postponed ones go further.
            card("2026-03-01T12:00:00Z", "2026-03-11T04:00:00Z", fsrs(10.0)),
        ];
        let plan = plan(&cards, (1, &[]), &model, clock, at(NOW));
        // Today keeps the least stable; the most stable goes furthest.
        let moved: Vec<_> = plan.postponed.iter().map(|p| (p.index, p.due)).collect();
        assert_eq!(
            moved,
            [
                (1, at("2026-03-13T04:00:00Z")),
                (2, at("2026-03-12T04:00:00Z")),
            ]
        );
        assert_eq!(plan.by_interval, 0);
        assert!(
            plan.postponed
                .iter()
                .all(|p| p.recall_after < p.recall_before)
        );
        assert!(plan.recall_lost() > 0.0);
        let days = crate::scheduler::reschedule::summarize(&plan.apply(&cards), clock, at(NOW), 5);
        assert!(days.due_after.iter().all(|&n| n <= 1), "{days:?}");
        assert_eq!(days.due_before, [3, 1, 0, 0, 0]);
        assert_eq!(days.due_after, [1, 1, 1, 1, 0]);
    }

    #[test]
    fn without_a_stability_the_longest_interval_moves_first() {
        let model = Model::new(DEFAULT_PARAMETERS);
        let sm2 = |interval_days| Memory::Sm2 {
            ease: 2.5,
            interval_days,
        };
        let cards = [
            card("2026-02-08T12:00:00Z", "2026-03-10T04:00:00Z", sm2(30)),
            card("2026-03-05T12:00:00Z", "2026-03-10T04:00:00Z", sm2(5)),
        ];
        let plan = plan(&cards, (1, &[]), &model, DayClock::default(), at(NOW));
        assert_eq!(plan.postponed.len(), 1);
        assert_eq!(plan.postponed[0].index, 0);
        assert_eq!(plan.by_interval, 1);
    }

    #[test]
    fn learning_suspended_and_buried_cards_stay_and_count() {
        let model = Model::new(DEFAULT_PARAMETERS);
        let clock = DayClock::default();
        let mut learning = card("2026-03-10T10:00:00Z", "2026-03-10T12:10:00Z", fsrs(1.0));
        learning.before.as_mut().unwrap().phase = Phase::Learning { step: 1 };
        let suspended = Move {
            shown: false,
            ..card("2026-03-01T12:00:00Z", "2026-03-10T04:00:00Z", fsrs(50.0))
        };
        let buried = Move {
            buried_until: Some(at("2026-03-11T04:00:00Z")),
            ..card("2026-03-01T12:00:00Z", "2026-03-10T04:00:00Z", fsrs(50.0))
        };
        let review = card("2026-03-01T12:00:00Z", "2026-03-10T04:00:00Z", fsrs(50.0));
        let cards = [learning, suspended, buried, review];
        let plan = plan(&cards, (1, &[]), &model, clock, at(NOW));
        // Today is full with the learning card, tomorrow with the buried one.
        let moved: Vec<_> = plan.postponed.iter().map(|p| (p.index, p.due)).collect();
        assert_eq!(moved, [(3, at("2026-03-12T04:00:00Z"))]);
    }

    #[test]
    fn nothing_is_postponed_into_a_break() {
        let model = Model::new(DEFAULT_PARAMETERS);
        let clock = DayClock::default();
        let today = clock.day_number(at(NOW));
        let cards: Vec<Move> = (0..3)
            .map(|_| card("2026-03-01T12:00:00Z", "2026-03-10T04:00:00Z", fsrs(50.0)))
            .collect();
        let plan = plan(
            &cards,
            (1, &[(today + 1, today + 2)]),
            &model,
            clock,
            at(NOW),
        );
        let days: Vec<i64> = plan
            .postponed
            .iter()
            .map(|p| clock.day_number(p.due) - today)
            .collect();
        assert_eq!(days, [3, 4]);
    }

    #[test]
    fn a_card_due_in_centuries_moves_nothing_and_ends_at_once() {
        let model = Model::new(DEFAULT_PARAMETERS);
        let cards = [
            card("2026-03-01T12:00:00Z", "9000-01-01T04:00:00Z", fsrs(1e6)),
            card("2026-03-01T12:00:00Z", "9000-01-01T04:00:00Z", fsrs(1e6)),
        ];
        let plan = plan(&cards, (1, &[]), &model, DayClock::default(), at(NOW));
        assert_eq!(plan.postponed.len(), 1);
        assert_eq!(plan.postponed[0].index, 1);
        assert_eq!(plan.postponed[0].due, at("9000-01-02T04:00:00Z"));
    }
}

//! Keeping a break free: the reviews that would fall due from its first day to its last move
//! to the days around it, where recall suffers least.
//!
//! A card whose predicted recall on the day after the break is at most [`TOLERANCE`] below
//! its recall on its planned day waits until after the break; the others (and every card,
//! when there is no day left before the break) are reviewed early, before it, which costs no
//! recall. Each side spreads over a few days ([`spread`]), each card to the day of its side
//! with the fewest reviews due, the nearest to the break on a tie, so no single day takes the
//! whole pile. Only graduated cards (the review phase) that come up in study and are not
//! buried move, as with [`super::postpone`]; only the due date changes.
//!
//! Pure: the cards, the model, the calendar and "now" are arguments.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::days::DayClock;
use super::fsrs::Model;
use super::postpone::{Postponed, recall_on};
use super::reschedule::{Move, Summary};
use super::{Memory, Phase};

/// A card waits until after the break when its recall on the day after it is at most this
/// much below its recall on its planned day.
pub const TOLERANCE: f64 = 0.03;

/// Where the cards of a break go.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// The cards that move, in the order given (`recall_before`: on the planned day).
    pub moved: Vec<Postponed>,
    /// Of those, the ones reviewed before the break.
    pub earlier: usize,
    /// Of those, cards without an FSRS memory, their interval standing in for stability.
    pub by_interval: usize,
    /// The reviews due on each day around the break, before and after the moves.
    pub days: Summary,
}

impl Plan {
    /// The cards moved after the break.
    #[must_use]
    pub fn later(&self) -> usize {
        self.moved.len() - self.earlier
    }

    /// The drop of predicted recall at review time summed over the cards moved after the
    /// break (those moved before it lose none), and its mean over them (0 when none).
    #[must_use]
    pub fn recall_lost(&self) -> (f64, f64) {
        let sum: f64 = self
            .moved
            .iter()
            .map(|p| (p.recall_before - p.recall_after).max(0.0))
            .sum();
        let later = self.later();
        #[allow(clippy::cast_precision_loss)]
        let mean = if later == 0 { 0.0 } else { sum / later as f64 };
        (sum, mean)
    }
}

/// Days on each side of a break of `days` days the cards spread over: half its length,
/// between 2 and 7.
#[must_use]
pub fn spread(days: i64) -> i64 {
    ((days + 1) / 2).clamp(2, 7)
}

/// Plans keeping the learner's days `from..=to` free (from today on): which cards move where.
#[must_use]
pub fn plan(
    cards: &[Move],
    (from, to): (i64, i64),
    model: &Model,
    clock: DayClock,
    now: DateTime<Utc>,
) -> Plan {
    let today = clock.day_number(now);
    let first = from.max(today);
    let spread = spread(to - first + 1);
    let mut loads: HashMap<i64, usize> = HashMap::new();
    let mut movable = Vec::new();
    for (index, card) in cards.iter().enumerate() {
        let Some(state) = card.before.as_ref().filter(|_| card.shown) else {
            continue;
        };
        let buried = card.buried_until.filter(|&b| b > now);
        let day = clock
            .day_number(buried.map_or(state.due, |b| b.max(state.due)))
            .max(today);
        *loads.entry(day).or_default() += 1;
        let graduated = state.phase == Phase::Review && state.last_review.is_some();
        if buried.is_none() && graduated && (first..=to).contains(&day) {
            movable.push((day, index));
        }
    }
    movable.sort_unstable();
    let before_loads = loads.clone();
    let mut plan = Plan::default();
    for (day, index) in movable {
        let Some(state) = cards[index].before.as_ref() else {
            continue;
        };
        let recall = |d: i64| recall_on(model, clock, state, d).unwrap_or(0.0);
        let last = state.last_review.map_or(today, |t| clock.day_number(t));
        let planned = recall(day);
        let early: Vec<i64> = (first - spread..first)
            .filter(|&d| d >= today && d > last)
            .collect();
        let waits = planned - recall(to + 1) <= TOLERANCE || early.is_empty();
        let side: Vec<i64> = if waits {
            (to + 1..=to + spread).collect()
        } else {
            early
        };
        // The emptiest day of the side, the nearest to the break on a tie.
        let Some(&target) = side.iter().min_by_key(|&&d| {
            let distance = if d > to { d - to } else { first - d };
            (loads.get(&d).copied().unwrap_or(0), distance)
        }) else {
            continue;
        };
        *loads.entry(day).or_default() -= 1;
        *loads.entry(target).or_default() += 1;
        plan.earlier += usize::from(!waits);
        plan.by_interval += usize::from(!matches!(state.memory, Some(Memory::Fsrs { .. })));
        plan.moved.push(Postponed {
            index,
            due: clock.day_start(target),
            recall_before: planned,
            recall_after: recall(target),
        });
    }
    plan.moved.sort_by_key(|p| p.index);
    let start = (first - spread).max(today);
    let count = |loads: &HashMap<i64, usize>| {
        (start..=to + spread)
            .map(|d| loads.get(&d).copied().unwrap_or(0))
            .collect()
    };
    plan.days = Summary {
        cards: cards.iter().filter(|c| c.before.is_some()).count(),
        changed: plan.moved.len(),
        earlier: plan.earlier,
        later: plan.later(),
        first_day: super::reschedule::date_of(start),
        due_before: count(&before_loads),
        due_after: count(&loads),
    };
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::fsrs::DEFAULT_PARAMETERS;
    use crate::scheduler::postpone::tests::{at, card, fsrs};

    #[test]
    fn stable_cards_wait_unstable_ones_come_early_and_the_break_is_free() {
        let model = Model::new(DEFAULT_PARAMETERS);
        let clock = DayClock::default();
        let now = at("2026-12-10T12:00:00Z");
        let day = |s: &str| clock.day_number(at(s));
        let (from, to) = (day("2026-12-20T12:00:00Z"), day("2026-12-26T12:00:00Z"));
        let mut cards: Vec<Move> = (0..12)
            .map(|i| {
                let due = format!("2026-12-{:02}T04:00:00Z", 20 + i % 7);
                // Every other card very stable, the others due after a short interval.
                if i % 2 == 0 {
                    card("2026-06-01T12:00:00Z", &due, fsrs(400.0))
                } else {
                    card("2026-12-12T12:00:00Z", &due, fsrs(5.0))
                }
            })
            .collect();
        // Suspended and outside the break: left alone.
        cards.push(Move {
            shown: false,
            ..card("2026-12-01T12:00:00Z", "2026-12-21T04:00:00Z", fsrs(5.0))
        });
        cards.push(card(
            "2026-12-01T12:00:00Z",
            "2026-12-28T04:00:00Z",
            fsrs(30.0),
        ));
        let plan = plan(&cards, (from, to), &model, clock, now);
        assert_eq!(plan.moved.len(), 12);
        assert!(plan.earlier >= 3 && plan.later() >= 6, "{plan:?}");
        for p in &plan.moved {
            let d = clock.day_number(p.due);
            assert!(!(from..=to).contains(&d), "{p:?}");
            let state = cards[p.index].before.as_ref().unwrap();
            let waiting = recall_on(&model, clock, state, to + 1).unwrap();
            if d > to {
                assert!(d <= to + spread(7), "{p:?}");
                assert!(p.recall_before - waiting <= TOLERANCE, "{p:?}");
            } else {
                // Only the short intervals come early, never the stable cards.
                assert_eq!(p.index % 2, 1, "{p:?}");
                assert!(d >= from - spread(7), "{p:?}");
                assert!(p.recall_before - waiting > TOLERANCE, "{p:?}");
                assert!(p.recall_after >= p.recall_before);
            }
        }
        // Spread: no day around the break takes more than two of the six on its side.
        let after = &plan.days.due_after;
        assert!(after.iter().all(|&n| n <= 3), "{after:?}");
        let (sum, mean) = plan.recall_lost();
        assert!(sum > 0.0 && mean > 0.0 && mean <= TOLERANCE, "{sum} {mean}");
        assert_eq!(
            plan.days.due_before.iter().sum::<usize>(),
            plan.days.due_after.iter().sum::<usize>()
        );
    }

    #[test]
    fn a_break_from_today_sends_every_card_after_it() {
        let model = Model::new(DEFAULT_PARAMETERS);
        let clock = DayClock::default();
        let now = at("2026-12-20T12:00:00Z");
        let today = clock.day_number(now);
        let cards = [
            card("2026-12-12T12:00:00Z", "2026-12-19T04:00:00Z", fsrs(5.0)),
            card("2026-12-12T12:00:00Z", "2026-12-21T04:00:00Z", fsrs(5.0)),
        ];
        let plan = plan(&cards, (today - 3, today + 2), &model, clock, now);
        assert_eq!((plan.moved.len(), plan.earlier), (2, 0));
        assert!(
            plan.moved
                .iter()
                .all(|p| clock.day_number(p.due) > today + 2)
        );
        assert_eq!(
            plan.days.first_day,
            super::super::reschedule::date_of(today)
        );
    }
}

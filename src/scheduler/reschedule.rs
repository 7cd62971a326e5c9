//! What rescheduling does to the learner's days: each card's state as stored against the state
//! a replay of its log with the settings now in force gives, summed up as how many cards come
//! back earlier or later and how many reviews fall due on each of the coming days.
//!
//! Pure: the cards, the calendar and "now" are arguments.

use chrono::{DateTime, NaiveDate, Utc};

use super::CardState;
use super::days::DayClock;

/// One card as a reschedule sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct Move {
    /// Its state as stored.
    pub before: Option<CardState>,
    /// Its state replayed from its log with the settings in force.
    pub after: Option<CardState>,
    /// Whether it comes up in study at all: in its deck file and not suspended.
    pub shown: bool,
    /// Hidden until this instant (buried), whatever its state.
    pub buried_until: Option<DateTime<Utc>>,
}

/// What a reschedule changes, in the learner's days.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    /// Cards with a state (answered in study at least once).
    pub cards: usize,
    /// Of those, cards whose state changes.
    pub changed: usize,
    /// Cards shown on an earlier day than before (an overdue card counts as due today).
    pub earlier: usize,
    /// Cards shown on a later day than before.
    pub later: usize,
    /// The learner's day "now" falls on: the first day of the forecast.
    pub first_day: NaiveDate,
    /// Reviews due on each day from `first_day` on, before (overdue ones on the first day).
    pub due_before: Vec<usize>,
    /// The same after.
    pub due_after: Vec<usize>,
}

/// How many days the forecast covers.
pub const FORECAST_DAYS: usize = 30;

/// Sums up `moves` on the calendar `clock` as seen at `now`, over `days` days.
#[must_use]
pub fn summarize(moves: &[Move], clock: DayClock, now: DateTime<Utc>, days: usize) -> Summary {
    let today = clock.day_number(now);
    // The day a card in `state` comes up, counted from today (overdue: today).
    let day_of = |state: &CardState, buried: Option<DateTime<Utc>>| {
        let due = buried.map_or(state.due, |b| b.max(state.due));
        (clock.day_number(due) - today).max(0)
    };
    let mut summary = Summary {
        cards: 0,
        changed: 0,
        earlier: 0,
        later: 0,
        first_day: date_of(today),
        due_before: vec![0; days],
        due_after: vec![0; days],
    };
    for m in moves {
        summary.cards += usize::from(m.after.is_some());
        summary.changed += usize::from(m.before != m.after);
        let before = m.before.as_ref().map(|s| day_of(s, m.buried_until));
        let after = m.after.as_ref().map(|s| day_of(s, m.buried_until));
        if let (Some(b), Some(a)) = (before, after) {
            summary.earlier += usize::from(a < b);
            summary.later += usize::from(a > b);
        }
        if !m.shown {
            continue;
        }
        for (day, counts) in [
            (before, &mut summary.due_before),
            (after, &mut summary.due_after),
        ] {
            if let Some(slot) = day
                .and_then(|d| usize::try_from(d).ok())
                .and_then(|d| counts.get_mut(d))
            {
                *slot += 1;
            }
        }
    }
    summary
}

/// The calendar date of the learner's day `day` (days since 1970-01-01).
#[must_use]
pub fn date_of(day: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_signed(chrono::TimeDelta::days(day)))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn due(s: &str) -> Option<CardState> {
        Some(CardState::new(at(s)))
    }

    fn card(before: Option<CardState>, after: Option<CardState>) -> Move {
        Move {
            before,
            after,
            shown: true,
            buried_until: None,
        }
    }

    #[test]
    fn counts_moves_and_due_days_on_the_learners_calendar() {
        // Days start at 4 am UTC; now is on 2026-03-10 (before 4 am: still the 9th's day).
        let clock = DayClock {
            day_start_hour: 4,
            utc_offset_minutes: 0,
        };
        let now = at("2026-03-10T03:00:00Z");
        let moves = [
            // Overdue before and after: due today both times, no move.
            card(due("2026-03-01T04:00:00Z"), due("2026-02-20T04:00:00Z")),
            // Two days later.
            card(due("2026-03-10T04:00:00Z"), due("2026-03-12T04:00:00Z")),
            // Earlier, from beyond the forecast into it.
            card(due("2026-06-01T04:00:00Z"), due("2026-03-11T05:00:00Z")),
            // Unchanged.
            card(due("2026-03-11T04:00:00Z"), due("2026-03-11T04:00:00Z")),
            // Suspended: moves count, the forecast does not.
            Move {
                shown: false,
                ..card(due("2026-03-10T04:00:00Z"), due("2026-03-20T04:00:00Z"))
            },
            // Buried until the 13th: shown then, before and after.
            Move {
                buried_until: Some(at("2026-03-13T04:00:00Z")),
                ..card(due("2026-03-10T04:00:00Z"), due("2026-03-12T04:00:00Z"))
            },
        ];
        let s = summarize(&moves, clock, now, 5);
        assert_eq!(s.first_day, NaiveDate::from_ymd_opt(2026, 3, 9).unwrap());
        assert_eq!((s.cards, s.changed, s.earlier, s.later), (6, 5, 1, 2));
        assert_eq!(s.due_before, vec![1, 1, 1, 0, 1]);
        assert_eq!(s.due_after, vec![1, 0, 2, 1, 1]);
    }

    #[test]
    fn cards_without_a_state_count_only_where_they_have_one() {
        let now = at("2026-03-10T12:00:00Z");
        let moves = [
            card(None, due("2026-03-10T12:00:00Z")),
            card(due("2026-03-10T12:00:00Z"), None),
        ];
        let s = summarize(&moves, DayClock::default(), now, 2);
        assert_eq!((s.cards, s.changed, s.earlier, s.later), (1, 2, 0, 0));
        assert_eq!((s.due_before, s.due_after), (vec![1, 0], vec![1, 0]));
    }
}

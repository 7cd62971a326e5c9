//! Ranking cards by predicted recall, for `recall cram --weakest N`.
//!
//! With an FSRS memory the prediction is FSRS-6's retrievability now. SM-2 and Leitner keep no
//! memory model, so their cards are read the way those schedulers mean their intervals: the
//! last interval (from the last review to the due date) is taken as the time recall takes to
//! fall to 90%, on FSRS-6's forgetting curve. A card never studied (or still new) is predicted
//! at 0: nothing is known of it yet.

use chrono::{DateTime, Utc};

use crate::scheduler::{CardState, Memory, Phase, Scheduler};

/// The chance, 0 to 1, that the card is recalled at `now`.
#[must_use]
pub fn predicted_recall(
    state: Option<&CardState>,
    scheduler: &Scheduler,
    now: DateTime<Utc>,
) -> f64 {
    let Some(state) = state.filter(|s| s.phase != Phase::New) else {
        return 0.0;
    };
    if let Some(Memory::Fsrs { .. }) = state.memory {
        return scheduler.retrievability(state, now).unwrap_or(0.0);
    }
    let Some(last) = state.last_review else {
        return 0.0;
    };
    let days = |from: DateTime<Utc>, to: DateTime<Utc>| (to - from).num_seconds() as f64 / 86_400.0;
    let interval = days(last, state.due).max(1.0 / 1440.0);
    scheduler.model().retrievability(days(last, now), interval)
}

/// The indexes of the `n` lowest of `recall`, lowest first (ties in their given order).
#[must_use]
pub fn weakest(recall: &[f64], n: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..recall.len()).collect();
    order.sort_by(|&a, &b| recall[a].total_cmp(&recall[b]));
    order.truncate(n);
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::{CardSeed, Rating, SchedulerKind, Settings};
    use chrono::TimeDelta;

    fn t0() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-01-01T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn recall_falls_with_time_and_new_cards_are_weakest() {
        for kind in [
            SchedulerKind::Fsrs,
            SchedulerKind::Sm2,
            SchedulerKind::Leitner,
        ] {
            let scheduler = Scheduler::new(kind, Settings::default()).unwrap();
            let mut state = CardState::new(t0());
            let mut time = t0();
            for _ in 0..4 {
                state = scheduler.review(&state, Rating::Good, time, CardSeed(1));
                time = state.due;
            }
            let soon = predicted_recall(Some(&state), &scheduler, state.due);
            let late = predicted_recall(Some(&state), &scheduler, state.due + TimeDelta::days(60));
            assert!(soon > late && late > 0.0, "{kind:?}: {soon} {late}");
            assert!((0.8..=0.95).contains(&soon), "{kind:?}: {soon}");
            assert_eq!(predicted_recall(None, &scheduler, t0()), 0.0);
        }
        assert_eq!(weakest(&[0.9, 0.1, 0.5, 0.1], 3), [1, 3, 2]);
    }
}

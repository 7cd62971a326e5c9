//! Which items `recall cram` takes besides their tags: due soon, never studied, often
//! forgotten, unlikely to be recalled now, or the weakest few. Every filter given must hold.

use chrono::{DateTime, TimeDelta, Utc};

use super::QuizItem;
use super::weakest::weakest;
use crate::scheduler::Phase;

/// The filters of a cram; the default takes every item.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct CramFilter {
    /// Only studied items due before now plus this (overdue ones included).
    pub due_within: Option<TimeDelta>,
    /// Only items never studied.
    pub new: bool,
    /// Only items forgotten at least this many times.
    pub min_lapses: Option<u32>,
    /// Only studied items whose predicted recall now is under this.
    pub recall_below: Option<f64>,
    /// Then only the this many with the lowest predicted recall (never-studied items first).
    pub weakest: Option<usize>,
}

impl CramFilter {
    /// Whether predicted recall is needed to apply it.
    #[must_use]
    pub fn needs_recall(&self) -> bool {
        self.recall_below.is_some() || self.weakest.is_some()
    }
}

/// The indexes of the `items` that pass `filter` at `now`, in deck order (with `weakest`,
/// lowest recall first); `recall` is each item's predicted recall now (see
/// [`super::weakest::predicted_recall`]), and may be empty when the filter does not need it.
#[must_use]
pub fn select(
    items: &[QuizItem],
    recall: &[f64],
    filter: &CramFilter,
    now: DateTime<Utc>,
) -> Vec<usize> {
    let passes = |i: usize| {
        let state = items[i].state.as_ref().filter(|s| s.phase != Phase::New);
        let studied = state.is_some();
        filter
            .due_within
            .is_none_or(|d| state.is_some_and(|s| s.due <= now + d))
            && (!filter.new || !studied)
            && filter
                .min_lapses
                .is_none_or(|n| state.is_some_and(|s| s.lapses >= n))
            && filter
                .recall_below
                .is_none_or(|r| studied && recall.get(i).is_some_and(|&p| p < r))
    };
    let kept: Vec<usize> = (0..items.len()).filter(|&i| passes(i)).collect();
    match filter.weakest {
        Some(n) => {
            let of_kept: Vec<f64> = kept
                .iter()
                .map(|&i| recall.get(i).copied().unwrap_or(0.0))
                .collect();
            weakest(&of_kept, n).into_iter().map(|k| kept[k]).collect()
        }
        None => kept,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::{CardSeed, CardState, Rating, Scheduler, SchedulerKind, Settings};

    fn t0() -> DateTime<Utc> {
        "2026-01-01T10:00:00Z".parse().unwrap()
    }

    /// Items `a` (new), `b` (studied once, right), `c` (forgotten twice).
    fn items() -> Vec<QuizItem> {
        let text = "[deck]\ntitle = \"T\"\nid = \"d\"\n\n\
                    [[card]]\nid = \"a\"\nfront = \"A?\"\nback = \"a\"\n\n\
                    [[card]]\nid = \"b\"\nfront = \"B?\"\nback = \"b\"\n\n\
                    [[card]]\nid = \"c\"\nfront = \"C?\"\nback = \"c\"\n";
        let deck = crate::deck::parse(text, "d.toml", "d", crate::deck::Options::default())
            .deck
            .unwrap();
        let scheduler = Scheduler::new(SchedulerKind::Fsrs, Settings::default()).unwrap();
        let mut items = QuizItem::all_unstudied(&deck);
        let answer = |ratings: &[Rating]| {
            let mut state = CardState::new(t0());
            for &rating in ratings {
                let at = state.due.max(t0());
                state = scheduler.review(&state, rating, at, CardSeed(7));
            }
            state
        };
        items[1].state = Some(answer(&[Rating::Good, Rating::Good]));
        let (g, a) = (Rating::Good, Rating::Again);
        items[2].state = Some(answer(&[g, g, a, g, g, a, g]));
        items
    }

    #[test]
    fn each_filter_keeps_what_it_says_and_they_combine() {
        let items = items();
        assert_eq!(items[2].state.as_ref().unwrap().lapses, 2);
        let now = t0() + TimeDelta::days(40);
        let recall = [0.0, 0.5, 0.8];
        let take = |filter: CramFilter| select(&items, &recall, &filter, now);
        assert_eq!(take(CramFilter::default()), [0, 1, 2]);
        let new = CramFilter {
            new: true,
            ..CramFilter::default()
        };
        assert_eq!(take(new), [0]);
        let lapsed = CramFilter {
            min_lapses: Some(1),
            ..CramFilter::default()
        };
        assert_eq!(take(lapsed), [2]);
        let below = CramFilter {
            recall_below: Some(0.6),
            ..CramFilter::default()
        };
        assert_eq!(take(below), [1], "a new item has no recall to be below");
        let soon = CramFilter {
            due_within: Some(TimeDelta::zero()),
            ..CramFilter::default()
        };
        let due_now: Vec<usize> = (0..3)
            .filter(|&i| items[i].state.as_ref().is_some_and(|s| s.due <= now))
            .collect();
        assert_eq!(take(soon), due_now);
        assert!(!due_now.is_empty());
        let none_far = CramFilter {
            due_within: Some(TimeDelta::zero()),
            min_lapses: Some(3),
            ..CramFilter::default()
        };
        assert!(take(none_far).is_empty());
        let weakest_studied = CramFilter {
            min_lapses: Some(0),
            weakest: Some(1),
            ..CramFilter::default()
        };
        assert_eq!(take(weakest_studied), [1]);
    }
}

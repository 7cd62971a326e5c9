use chrono::{DateTime, TimeDelta, Utc};

use super::*;
use crate::scheduler::{CardState, Memory, Phase};

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

const NOW: &str = "2026-03-10T12:00:00Z";

fn entry(key: usize, state: Option<CardState>) -> Entry {
    Entry {
        key,
        deck: 0,
        sibling: key,
        state,
        suspended: false,
        buried_until: None,
    }
}

fn review(due: &str, last: &str) -> Option<CardState> {
    Some(CardState {
        phase: Phase::Review,
        due: t(due),
        last_review: Some(t(last)),
        reps: 3,
        lapses: 0,
        memory: Some(Memory::Fsrs {
            stability: 5.0,
            difficulty: 5.0,
        }),
    })
}

fn learning(due: &str) -> Option<CardState> {
    Some(CardState {
        phase: Phase::Learning { step: 1 },
        due: t(due),
        last_review: Some(t(due) - TimeDelta::minutes(10)),
        reps: 1,
        lapses: 0,
        memory: None,
    })
}

fn drain(queue: &mut Queue, now: DateTime<Utc>) -> Vec<usize> {
    std::iter::from_fn(|| queue.next(now)).collect()
}

fn build(entries: &[Entry], limits: Limits, today: &Today) -> Queue {
    Queue::build(entries, t(NOW), DayClock::default(), limits, today)
}

#[test]
fn learning_then_reviews_then_new() {
    let entries = vec![
        entry(0, None),
        entry(1, review("2026-03-09T04:00:00Z", "2026-03-01T10:00:00Z")),
        entry(2, learning("2026-03-10T11:59:00Z")),
        entry(3, None),
    ];
    let mut q = build(&entries, Limits::default(), &Today::default());
    assert_eq!(
        q.counts(),
        Counts {
            new: 2,
            learning: 1,
            review: 1
        }
    );
    assert_eq!(drain(&mut q, t(NOW)), [2, 1, 0, 3]);
}

#[test]
fn most_overdue_relative_to_interval_first() {
    let entries = vec![
        // 1 day overdue on a 30-day interval
        entry(0, review("2026-03-09T04:00:00Z", "2026-02-07T04:00:00Z")),
        // 1 day overdue on a 2-day interval: more urgent
        entry(1, review("2026-03-09T04:00:00Z", "2026-03-07T04:00:00Z")),
        // not due yet
        entry(2, review("2026-03-11T04:00:00Z", "2026-03-07T04:00:00Z")),
    ];
    let mut q = build(&entries, Limits::default(), &Today::default());
    assert_eq!(drain(&mut q, t(NOW)), [1, 0]);
}

#[test]
fn new_limit_counts_what_was_done_today_per_deck() {
    let mut entries: Vec<Entry> = (0..10).map(|k| entry(k, None)).collect();
    for e in entries.iter_mut().skip(5) {
        e.deck = 1;
    }
    let limits = Limits {
        new_per_day: 3,
        ..Limits::default()
    };
    let today = Today {
        new_done: [(0, 2)].into_iter().collect(),
        ..Today::default()
    };
    let mut q = build(&entries, limits, &today);
    assert_eq!(drain(&mut q, t(NOW)), [0, 5, 6, 7]);
}

#[test]
fn review_limit_counts_what_was_done_today() {
    let entries: Vec<Entry> = (0..5)
        .map(|k| entry(k, review("2026-03-10T04:00:00Z", "2026-03-05T04:00:00Z")))
        .collect();
    let limits = Limits {
        reviews_per_day: 4,
        ..Limits::default()
    };
    let today = Today {
        reviews_done: 2,
        ..Today::default()
    };
    assert_eq!(build(&entries, limits, &today).counts().review, 2);
}

#[test]
fn siblings_are_kept_apart_on_one_day() {
    let mut entries = vec![entry(0, None), entry(1, None), entry(2, None)];
    entries[1].sibling = 0;
    let mut q = build(&entries, Limits::default(), &Today::default());
    assert_eq!(drain(&mut q, t(NOW)), [0, 2]);
    let today = Today {
        siblings_seen: [2].into_iter().collect(),
        ..Today::default()
    };
    let mut q = build(&entries, Limits::default(), &today);
    assert_eq!(drain(&mut q, t(NOW)), [0]);
}

#[test]
fn suspended_and_buried_items_stay_out() {
    let mut entries = vec![entry(0, None), entry(1, None), entry(2, None)];
    entries[0].suspended = true;
    entries[1].buried_until = Some(t("2026-03-11T04:00:00Z"));
    entries[2].buried_until = Some(t("2026-03-10T04:00:00Z"));
    let mut q = build(&entries, Limits::default(), &Today::default());
    assert_eq!(drain(&mut q, t(NOW)), [2]);
}

#[test]
fn an_item_in_steps_comes_back_when_due_or_learned_ahead() {
    let entries = vec![entry(0, None), entry(1, None)];
    let mut q = build(&entries, Limits::default(), &Today::default());
    let now = t(NOW);
    assert_eq!(q.next(now), Some(0));
    let again = learning("2026-03-10T12:01:00Z").unwrap();
    q.after_answer(0, &again);
    assert_eq!(q.counts().learning, 1);
    // The new item comes first; then the step, shown early since nothing else is left.
    assert_eq!(q.next(now), Some(1));
    assert_eq!(q.next(now), Some(0));
    assert!(q.is_empty());
    // A step due tomorrow is not part of today's session.
    let tomorrow = learning("2026-03-11T05:00:00Z").unwrap();
    q.after_answer(0, &tomorrow);
    assert!(q.is_empty());
}

#[test]
fn a_step_beyond_learn_ahead_waits() {
    let entries = vec![entry(0, learning("2026-03-10T13:00:00Z"))];
    let mut q = build(&entries, Limits::default(), &Today::default());
    assert_eq!(q.next(t(NOW)), None);
    assert_eq!(q.next_step_due(), Some(t("2026-03-10T13:00:00Z")));
    assert_eq!(q.next(t("2026-03-10T12:45:00Z")), Some(0));
}

#[test]
fn undo_restores_an_item_to_the_front() {
    let entries = vec![entry(0, None), entry(1, None)];
    let mut q = build(&entries, Limits::default(), &Today::default());
    assert_eq!(q.next(t(NOW)), Some(0));
    q.restore(0, None);
    assert_eq!(drain(&mut q, t(NOW)), [0, 1]);
}

//! Properties that hold for any memory state, elapsed time, retention and card state.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;

use super::super::fsrs::{D_MAX, D_MIN, MemoryState, Model, S_MAX, S_MIN};
use super::super::*;
use super::at;

fn memory() -> impl Strategy<Value = MemoryState> {
    // Stability spread evenly over its orders of magnitude.
    (-3.0f64..4.5625, 1.0f64..=10.0).prop_map(|(log_s, d)| MemoryState {
        stability: 10f64.powf(log_s).min(S_MAX),
        difficulty: d,
    })
}

fn elapsed_days() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0u32), 1u32..30, 30u32..3650, Just(u32::MAX)]
}

fn phase() -> impl Strategy<Value = Phase> {
    prop_oneof![
        Just(Phase::New),
        (0u32..4).prop_map(|step| Phase::Learning { step }),
        Just(Phase::Review),
        (0u32..3).prop_map(|step| Phase::Relearning { step }),
    ]
}

fn stored_memory() -> impl Strategy<Value = Option<Memory>> {
    prop_oneof![
        Just(None),
        (-1e6f64..1e6, -100.0f64..100.0).prop_map(|(stability, difficulty)| Some(Memory::Fsrs {
            stability,
            difficulty
        })),
        (-5.0f64..10.0, 0u32..100_000).prop_map(|(ease, interval_days)| Some(Memory::Sm2 {
            ease,
            interval_days
        })),
        (0u32..20).prop_map(|box_| Some(Memory::Leitner { box_ })),
    ]
}

/// Any card state, including ones no scheduler would write (a hand-edited or old store).
fn card() -> impl Strategy<Value = CardState> {
    (
        phase(),
        stored_memory(),
        -5000i64..5000,
        any::<bool>(),
        0u32..50,
    )
        .prop_map(|(phase, memory, offset_hours, reviewed, reps)| {
            let now = at("2026-03-02T10:00:00Z");
            CardState {
                phase,
                due: now + TimeDelta::hours(offset_hours / 2),
                last_review: reviewed.then(|| now + TimeDelta::hours(offset_hours)),
                reps,
                lapses: reps / 3,
                memory,
            }
        })
}

fn kind() -> impl Strategy<Value = SchedulerKind> {
    prop_oneof![
        Just(SchedulerKind::Fsrs),
        Just(SchedulerKind::Sm2),
        Just(SchedulerKind::Leitner)
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn memory_stays_in_range(state in memory(), days in elapsed_days()) {
        let m = Model::default();
        for next in m.next_states(Some(state), days) {
            prop_assert!((S_MIN..=S_MAX).contains(&next.stability), "{next:?}");
            prop_assert!((D_MIN..=D_MAX).contains(&next.difficulty), "{next:?}");
        }
        let r = m.retrievability(f64::from(days), state.stability);
        prop_assert!(r > 0.0 && r <= 1.0, "{r}");
    }

    #[test]
    fn intervals_do_not_decrease_from_again_to_easy(
        state in memory(), days in elapsed_days(), retention in 0.70f64..=0.99,
    ) {
        let m = Model::default();
        let days: Vec<u32> = m
            .next_states(Some(state), days)
            .iter()
            .map(|next| m.interval_days(next.stability, retention, MAXIMUM_INTERVAL_CAP))
            .collect();
        prop_assert!(days.windows(2).all(|w| w[0] <= w[1]), "{days:?}");
    }

    #[test]
    fn higher_retention_never_gives_a_longer_interval(
        s in 0.001f64..36_500.0, r1 in 0.70f64..=0.99, r2 in 0.70f64..=0.99,
    ) {
        let m = Model::default();
        let (low, high) = if r1 <= r2 { (r1, r2) } else { (r2, r1) };
        prop_assert!(m.interval(s, high) <= m.interval(s, low));
        prop_assert!(m.interval_days(s, high, 36_500) <= m.interval_days(s, low, 36_500));
    }

    #[test]
    fn any_card_gets_ordered_sane_answers(
        card in card(), kind in kind(), fuzz in any::<bool>(), seed in any::<u64>(), hours in -100_000i64..100_000,
    ) {
        let s = Scheduler::new(kind, Settings { fuzz, ..Settings::default() }).unwrap();
        let now = at("2026-03-02T10:00:00Z") + TimeDelta::hours(hours);
        let preview = s.preview(&card, now, CardSeed(seed));
        let waits: Vec<Wait> = preview.iter().map(|n| n.wait).collect();
        prop_assert!(waits.windows(2).all(|w| w[0] <= w[1]), "{waits:?}");
        for next in &preview {
            prop_assert!(next.state.due >= now - TimeDelta::days(1), "{next:?}");
            prop_assert_eq!(next.state.last_review, Some(now));
            match next.state.memory {
                Some(Memory::Fsrs { stability, difficulty }) => {
                    prop_assert!((S_MIN..=S_MAX).contains(&stability));
                    prop_assert!((D_MIN..=D_MAX).contains(&difficulty));
                    let r = s.retrievability(&next.state, now + TimeDelta::days(10)).unwrap();
                    prop_assert!(r > 0.0 && r <= 1.0);
                }
                Some(Memory::Sm2 { ease, interval_days }) => {
                    prop_assert!(ease >= 1.3 && ease.is_finite());
                    prop_assert!((1..=MAXIMUM_INTERVAL_CAP).contains(&interval_days));
                }
                Some(Memory::Leitner { box_ }) => prop_assert!((1..=6).contains(&box_)),
                None => {
                    let learning = matches!(next.state.phase, Phase::Learning { .. });
                    prop_assert!(learning, "{:?}", next);
                }
            }
            if let Wait::Days(d) = next.wait {
                prop_assert!((1..=MAXIMUM_INTERVAL_CAP).contains(&d));
            }
        }
        // Pure: the same inputs give the same answers.
        prop_assert_eq!(s.preview(&card, now, CardSeed(seed)), preview);
    }

    #[test]
    fn review_is_preview(card in card(), rating in 1u8..=4, seed in any::<u64>()) {
        let s = Scheduler::new(SchedulerKind::Fsrs, Settings::default()).unwrap();
        let now: DateTime<Utc> = at("2026-04-01T12:00:00Z");
        let rating = Rating::from_u8(rating).unwrap();
        let preview = s.preview(&card, now, CardSeed(seed));
        prop_assert_eq!(&s.review(&card, rating, now, CardSeed(seed)), &preview[rating.index()].state);
    }
}

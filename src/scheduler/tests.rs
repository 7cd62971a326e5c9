//! Tests of the scheduling engine as a whole: card flows through steps and reviews, previews,
//! calendars, determinism and the stored JSON shape. The reference vectors, the differential
//! test against the `fsrs` crate, property tests and Anki's SM-2 examples have their own files.

mod differential;
mod properties;
mod sm2_anki;
mod vectors;

use chrono::{DateTime, TimeDelta, Utc};

use super::fsrs::Model;
use super::humanize::preview_line;
use super::*;

pub(super) fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

pub(super) fn no_fuzz() -> Settings {
    Settings {
        fuzz: false,
        ..Settings::default()
    }
}

fn fsrs(settings: Settings) -> Scheduler {
    Scheduler::new(SchedulerKind::Fsrs, settings).unwrap()
}

fn fsrs_memory(state: &CardState) -> (f64, f64) {
    match state.memory {
        Some(Memory::Fsrs {
            stability,
            difficulty,
        }) => (stability, difficulty),
        other => panic!("not an FSRS memory: {other:?}"),
    }
}

const SEED: CardSeed = CardSeed(7);

#[test]
fn a_new_card_walks_through_the_learning_steps() {
    let s = fsrs(no_fuzz());
    let t0 = at("2026-03-02T10:00:00Z");
    let again = s.review(&CardState::new(t0), Rating::Again, t0, SEED);
    assert_eq!(again.phase, Phase::Learning { step: 0 });
    assert_eq!(again.due, t0 + TimeDelta::minutes(1));
    let t1 = again.due;
    let good = s.review(&again, Rating::Good, t1, SEED);
    assert_eq!(good.phase, Phase::Learning { step: 1 });
    assert_eq!(good.due, t1 + TimeDelta::minutes(10));
    let t2 = good.due;
    let graduated = s.review(&good, Rating::Good, t2, SEED);
    assert_eq!(graduated.phase, Phase::Review);
    assert_eq!((graduated.reps, graduated.lapses), (3, 0));

    // Every answer updated the memory; the two same-day answers used the short-term formula.
    let m = Model::default();
    let mut want = m.next(None, 0, Rating::Again);
    want = m.next(Some(want), 0, Rating::Good);
    want = m.next(Some(want), 0, Rating::Good);
    assert_eq!(fsrs_memory(&graduated), (want.stability, want.difficulty));
    let days = m.interval_days(want.stability, 0.9, 36_500);
    // Due at 4 am (the default day start) `days` days later.
    assert_eq!(
        graduated.due,
        at("2026-03-02T04:00:00Z") + TimeDelta::days(i64::from(days))
    );
}

#[test]
fn easy_graduates_at_once_and_hard_waits_between_steps() {
    let s = fsrs(no_fuzz());
    let t0 = at("2026-03-02T10:00:00Z");
    let preview = s.preview(&CardState::new(t0), t0, SEED);
    assert_eq!(
        preview_line(&preview),
        "Again 1m · Hard 6m · Good 10m · Easy 8d"
    );
    assert_eq!(preview[1].wait, Wait::Seconds(330));
    assert_eq!(preview[3].state.phase, Phase::Review);
    assert_eq!(preview[3].state.due, at("2026-03-10T04:00:00Z"));
    let hard_again = s.review(
        &preview[1].state,
        Rating::Hard,
        t0 + TimeDelta::minutes(6),
        SEED,
    );
    assert_eq!(hard_again.phase, Phase::Learning { step: 0 });
}

#[test]
fn a_lapse_goes_through_relearning() {
    let s = fsrs(no_fuzz());
    let t0 = at("2026-03-02T10:00:00Z");
    let review = s.review(&CardState::new(t0), Rating::Easy, t0, SEED);
    let t1 = review.due + TimeDelta::hours(8);
    let lapsed = s.review(&review, Rating::Again, t1, SEED);
    assert_eq!(lapsed.phase, Phase::Relearning { step: 0 });
    assert_eq!(lapsed.lapses, 1);
    assert_eq!(lapsed.due, t1 + TimeDelta::minutes(10));
    assert!(fsrs_memory(&lapsed).0 < fsrs_memory(&review).0);
    let preview = s.preview(&lapsed, lapsed.due, SEED);
    assert_eq!(preview[0].wait, Wait::Seconds(600));
    assert_eq!(preview[1].wait, Wait::Seconds(900));
    assert_eq!(preview[2].state.phase, Phase::Review);
    assert!(preview.iter().all(|n| n.state.lapses == 1));
    // Passing answers keep Hard < Good < Easy in days.
    let on_review = s.preview(&review, t1, SEED);
    let days: Vec<Wait> = on_review.iter().skip(1).map(|n| n.wait).collect();
    assert!(days[0] < days[1] && days[1] < days[2], "{days:?}");
}

#[test]
fn without_steps_every_answer_is_a_day_interval() {
    let settings = Settings {
        learning_steps: vec![],
        relearning_steps: vec![],
        ..no_fuzz()
    };
    let s = fsrs(settings);
    let t0 = at("2026-03-02T10:00:00Z");
    let preview = s.preview(&CardState::new(t0), t0, SEED);
    let waits: Vec<Wait> = preview.iter().map(|n| n.wait).collect();
    assert_eq!(
        waits,
        vec![Wait::Days(1), Wait::Days(1), Wait::Days(2), Wait::Days(8)]
    );
    let lapse = s.review(
        &preview[2].state,
        Rating::Again,
        at("2026-03-04T10:00:00Z"),
        SEED,
    );
    assert_eq!((lapse.phase, lapse.lapses), (Phase::Review, 1));
}

#[test]
fn the_same_card_history_and_time_give_the_same_due_date() {
    let s = fsrs(Settings::default());
    let run = |seed: CardSeed| {
        let mut t = at("2026-03-02T10:00:00Z");
        let mut card = CardState::new(t);
        for rating in [
            Rating::Good,
            Rating::Good,
            Rating::Good,
            Rating::Easy,
            Rating::Good,
        ] {
            card = s.review(&card, rating, t, seed);
            t = card.due;
        }
        card
    };
    assert_eq!(run(SEED), run(SEED));
    let dues: std::collections::BTreeSet<_> = (0..40).map(|i| run(CardSeed(i)).due).collect();
    assert!(dues.len() > 3, "fuzz should spread cards: {dues:?}");
    let plain = fsrs(no_fuzz());
    assert_ne!(plain, s);
}

#[test]
fn odd_clocks_never_break_the_engine() {
    let s = fsrs(Settings::default());
    let t0 = at("2026-03-02T10:00:00Z");
    let card = s.review(&CardState::new(t0), Rating::Good, t0, SEED);
    let card = s.review(&card, Rating::Good, t0 + TimeDelta::minutes(10), SEED);
    for now in [
        t0 - TimeDelta::days(400),
        t0,
        t0 + TimeDelta::days(365 * 30),
        DateTime::<Utc>::MAX_UTC,
        DateTime::<Utc>::MIN_UTC,
    ] {
        for next in s.preview(&card, now, SEED) {
            let (st, d) = fsrs_memory(&next.state);
            assert!(st.is_finite() && (1.0..=10.0).contains(&d));
            let r = s.retrievability(&next.state, now).unwrap();
            assert!(r > 0.0 && r <= 1.0);
        }
    }
    // Two reviews in the same second are a same-day review.
    let twice = s.review(&card, Rating::Good, t0, SEED);
    assert!(fsrs_memory(&twice).0 >= fsrs_memory(&card).0);
}

#[test]
fn the_day_start_hour_and_offset_decide_elapsed_days() {
    let settings = Settings {
        utc_offset_minutes: -300,
        ..no_fuzz()
    };
    let s = fsrs(settings);
    // 10 pm and 3 am local (UTC−5) are the same learner's day: the second is same-day.
    let evening = at("2026-03-03T03:00:00Z");
    let night = at("2026-03-03T08:00:00Z");
    let card = s.review(&CardState::new(evening), Rating::Easy, evening, SEED);
    let m = Model::default();
    let same_day = m.next(Some(m.initial(Rating::Easy)), 0, Rating::Good);
    assert_eq!(
        fsrs_memory(&s.review(&card, Rating::Good, night, SEED)).0,
        same_day.stability
    );
    // An hour later it is a new local day.
    let next_day = m.next(Some(m.initial(Rating::Easy)), 1, Rating::Good);
    let later = night + TimeDelta::hours(1);
    assert_eq!(
        fsrs_memory(&s.review(&card, Rating::Good, later, SEED)).0,
        next_day.stability
    );
}

#[test]
fn foreign_memories_are_converted() {
    let t0 = at("2026-03-02T10:00:00Z");
    let card = CardState {
        phase: Phase::Review,
        due: t0,
        last_review: Some(t0 - TimeDelta::days(10)),
        reps: 5,
        lapses: 0,
        memory: Some(Memory::Sm2 {
            ease: 2.5,
            interval_days: 10,
        }),
    };
    let next = fsrs(no_fuzz()).review(&card, Rating::Good, t0, SEED);
    assert!(fsrs_memory(&next).0 > 10.0);
    let boxed = Scheduler::new(SchedulerKind::Leitner, no_fuzz()).unwrap();
    assert_eq!(
        boxed.review(&card, Rating::Good, t0, SEED).memory,
        Some(Memory::Leitner { box_: 5 })
    );
    let sm2 = Scheduler::new(SchedulerKind::Sm2, no_fuzz()).unwrap();
    let leitner_card = CardState {
        memory: Some(Memory::Leitner { box_: 3 }),
        ..card
    };
    let after = sm2.review(&leitner_card, Rating::Good, t0, SEED);
    assert!(matches!(after.memory, Some(Memory::Sm2 { interval_days, .. }) if interval_days >= 10));
}

#[test]
fn card_state_json_is_self_describing_and_round_trips() {
    let t0 = at("2026-03-02T10:00:00Z");
    let card = CardState {
        phase: Phase::Learning { step: 1 },
        due: t0,
        last_review: Some(t0),
        reps: 2,
        lapses: 0,
        memory: Some(Memory::Fsrs {
            stability: 2.5,
            difficulty: 5.0,
        }),
    };
    let json = serde_json::to_string(&card).unwrap();
    assert_eq!(
        json,
        r#"{"phase":{"kind":"learning","step":1},"due":"2026-03-02T10:00:00Z","last_review":"2026-03-02T10:00:00Z","reps":2,"lapses":0,"memory":{"model":"fsrs","stability":2.5,"difficulty":5.0}}"#
    );
    assert_eq!(serde_json::from_str::<CardState>(&json).unwrap(), card);
    for memory in [
        Memory::Sm2 {
            ease: 2.5,
            interval_days: 3,
        },
        Memory::Leitner { box_: 2 },
    ] {
        let other = CardState {
            phase: Phase::Review,
            memory: Some(memory),
            ..card.clone()
        };
        let text = serde_json::to_string(&other).unwrap();
        assert!(text.contains(r#""phase":{"kind":"review"}"#), "{text}");
        assert_eq!(serde_json::from_str::<CardState>(&text).unwrap(), other);
    }
    assert!(
        serde_json::to_string(&Memory::Leitner { box_: 2 })
            .unwrap()
            .contains(r#""box":2"#)
    );
}

#[test]
fn scheduler_names_and_seeds() {
    assert_eq!("fsrs".parse(), Ok(SchedulerKind::Fsrs));
    assert_eq!("SM2".parse(), Ok(SchedulerKind::Sm2));
    assert_eq!("leitner".parse(), Ok(SchedulerKind::Leitner));
    assert!(
        "anki"
            .parse::<SchedulerKind>()
            .unwrap_err()
            .to_string()
            .contains("fsrs, sm2 or leitner")
    );
    assert_eq!(SchedulerKind::Sm2.to_string(), "sm2");
    assert_eq!(
        CardSeed::from_ids("es", "hola"),
        CardSeed::from_ids("es", "hola")
    );
    assert_ne!(
        CardSeed::from_ids("es", "hola"),
        CardSeed::from_ids("esh", "ola")
    );
    assert!(
        Scheduler::new(
            SchedulerKind::Fsrs,
            Settings {
                desired_retention: 0.5,
                ..no_fuzz()
            }
        )
        .is_err()
    );
}

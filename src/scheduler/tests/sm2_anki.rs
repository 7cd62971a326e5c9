//! SM-2 against Anki's rules (`shared/fsrs/FORMULAS.md`), worked by hand with Anki's
//! defaults: steps 1m 10m, graduating 1d, easy 4d, ease 2.50, hard ×1.2, easy bonus ×1.3,
//! relearning 10m, new interval 0, minimum 1d, ease floor 1.30. Fuzz is off so every number
//! below is exact.

use chrono::TimeDelta;

use super::super::sm2::is_leech;
use super::super::*;
use super::{at, no_fuzz};

fn sm2() -> Scheduler {
    Scheduler::new(SchedulerKind::Sm2, no_fuzz()).unwrap()
}

fn review_card(ease: f64, interval_days: u32, days_ago: i64) -> CardState {
    let now = at("2026-03-02T10:00:00Z");
    CardState {
        phase: Phase::Review,
        due: now,
        last_review: Some(now - TimeDelta::days(days_ago)),
        reps: 4,
        lapses: 0,
        memory: Some(Memory::Sm2 {
            ease,
            interval_days,
        }),
    }
}

fn waits(s: &Scheduler, card: &CardState) -> Vec<Wait> {
    s.preview(card, at("2026-03-02T10:00:00Z"), CardSeed(1))
        .iter()
        .map(|n| n.wait)
        .collect()
}

fn ease_after(s: &Scheduler, card: &CardState, rating: Rating) -> f64 {
    match s
        .review(card, rating, at("2026-03-02T10:00:00Z"), CardSeed(1))
        .memory
    {
        Some(Memory::Sm2 { ease, .. }) => ease,
        other => panic!("{other:?}"),
    }
}

#[test]
fn learning_steps_then_graduation() {
    let s = sm2();
    let t0 = at("2026-03-02T10:00:00Z");
    let new = CardState::new(t0);
    assert_eq!(
        waits(&s, &new),
        vec![
            Wait::Seconds(60),
            Wait::Seconds(330),
            Wait::Seconds(600),
            Wait::Days(4)
        ]
    );
    let step2 = s.review(&new, Rating::Good, t0, CardSeed(1));
    assert_eq!(
        (step2.phase, step2.memory),
        (Phase::Learning { step: 1 }, None)
    );
    let graduated = s.review(&step2, Rating::Good, step2.due, CardSeed(1));
    assert_eq!(graduated.phase, Phase::Review);
    assert_eq!(
        graduated.memory,
        Some(Memory::Sm2 {
            ease: 2.5,
            interval_days: 1
        })
    );
    assert_eq!(graduated.due, at("2026-03-03T04:00:00Z"));
}

#[test]
fn on_time_review_intervals_and_ease() {
    let s = sm2();
    // I = 10, E = 2.5, on time: Hard 10×1.2 = 12, Good 25, Easy 10×2.5×1.3 = 32.5 → 33.
    let card = review_card(2.5, 10, 10);
    assert_eq!(
        waits(&s, &card),
        vec![
            Wait::Seconds(600),
            Wait::Days(12),
            Wait::Days(25),
            Wait::Days(33)
        ]
    );
    assert!((ease_after(&s, &card, Rating::Hard) - 2.35).abs() < 1e-9);
    assert!((ease_after(&s, &card, Rating::Good) - 2.5).abs() < 1e-9);
    assert!((ease_after(&s, &card, Rating::Easy) - 2.65).abs() < 1e-9);
    assert!((ease_after(&s, &card, Rating::Again) - 2.3).abs() < 1e-9);
}

#[test]
fn late_reviews_count_half_or_all_of_the_delay() {
    // 4 days late: Hard 12 (lateness ignored), Good (10 + 2)×2.5 = 30, Easy 14×2.5×1.3 = 45.5 → 46.
    let card = review_card(2.5, 10, 14);
    assert_eq!(
        waits(&sm2(), &card)[1..],
        [Wait::Days(12), Wait::Days(30), Wait::Days(46)]
    );
}

#[test]
fn small_intervals_keep_hard_good_easy_apart() {
    // I = 1: Hard 1.2 → at least I+1 = 2; Good 2.5 → 3 (≥ Hard+1); Easy 3.25 → at least 4.
    let card = review_card(2.5, 1, 1);
    assert_eq!(
        waits(&sm2(), &card)[1..],
        [Wait::Days(2), Wait::Days(3), Wait::Days(4)]
    );
    // A low ease: I = 2, E = 1.3: Hard 2.4 → 3, Good 2.6 → 4, Easy 3.38 → 5.
    let card = review_card(1.3, 2, 2);
    assert_eq!(
        waits(&sm2(), &card)[1..],
        [Wait::Days(3), Wait::Days(4), Wait::Days(5)]
    );
}

#[test]
fn early_reviews_use_the_time_actually_waited() {
    // Reviewed 4 days into a 10-day interval: Hard max(4×1.2, 10×0.6) = 6, Good max(4×2.5, 10)
    // = 10, Easy 10×1.15 = 11.5 → 12.
    let card = review_card(2.5, 10, 4);
    assert_eq!(
        waits(&sm2(), &card)[1..],
        [Wait::Days(6), Wait::Days(10), Wait::Days(12)]
    );
}

#[test]
fn a_lapse_relearns_and_comes_back_after_the_minimum_interval() {
    let s = sm2();
    let t0 = at("2026-03-02T10:00:00Z");
    let card = review_card(2.5, 30, 30);
    let lapsed = s.review(&card, Rating::Again, t0, CardSeed(1));
    assert_eq!(
        (lapsed.phase, lapsed.lapses),
        (Phase::Relearning { step: 0 }, 1)
    );
    assert_eq!(lapsed.due, t0 + TimeDelta::minutes(10));
    // Ease 2.50 − 0.20; new interval 0% of 30 days, raised to the 1-day minimum.
    assert!(matches!(lapsed.memory,
        Some(Memory::Sm2 { ease, interval_days: 1 }) if (ease - 2.3).abs() < 1e-12));
    let preview = s.preview(&lapsed, lapsed.due, CardSeed(1));
    let got: Vec<Wait> = preview.iter().map(|n| n.wait).collect();
    // Again restarts the step, Hard waits 1.5 steps, Good returns after 1 day, Easy after 2.
    assert_eq!(
        got,
        vec![
            Wait::Seconds(600),
            Wait::Seconds(900),
            Wait::Days(1),
            Wait::Days(2)
        ]
    );
    assert!(preview.iter().all(|n| n.state.lapses == 1));
    // A lapse that keeps half the interval (new interval 0.5) of 30 days: 15 days.
    let mut settings = no_fuzz();
    settings.sm2.new_interval = 0.5;
    let half = Scheduler::new(SchedulerKind::Sm2, settings).unwrap();
    let kept = half.review(&card, Rating::Again, t0, CardSeed(1));
    assert!(matches!(
        kept.memory,
        Some(Memory::Sm2 {
            interval_days: 15,
            ..
        })
    ));
}

#[test]
fn ease_never_falls_below_the_floor() {
    let s = sm2();
    let mut card = review_card(1.4, 5, 5);
    let mut t = at("2026-03-02T10:00:00Z");
    for _ in 0..5 {
        card = s.review(&card, Rating::Again, t, CardSeed(1));
        t += TimeDelta::minutes(10);
        card = s.review(&card, Rating::Good, t, CardSeed(1));
        t = card.due;
        card = s.review(&card, Rating::Hard, t, CardSeed(1));
        t = card.due;
    }
    assert!(matches!(card.memory, Some(Memory::Sm2 { ease, .. }) if (ease - 1.3).abs() < 1e-12));
    assert_eq!(card.lapses, 5);
}

#[test]
fn leeches_at_the_threshold_and_every_half_threshold() {
    let leech: Vec<u32> = (0..20).filter(|&l| is_leech(l, 8)).collect();
    assert_eq!(leech, vec![8, 12, 16]);
    assert!(!is_leech(8, 0));
    assert_eq!(
        (0..10).filter(|&l| is_leech(l, 3)).collect::<Vec<_>>(),
        vec![3, 5, 7, 9]
    );
}

#[test]
fn fuzz_spreads_sm2_intervals_inside_anki_ranges() {
    let s = Scheduler::new(SchedulerKind::Sm2, Settings::default()).unwrap();
    let card = review_card(2.5, 10, 10);
    let goods: std::collections::BTreeSet<Wait> = (0..200)
        .map(|seed| s.preview(&card, at("2026-03-02T10:00:00Z"), CardSeed(seed))[2].wait)
        .collect();
    // Good = 25 days: fuzz range 25 ± (1 + 0.15×4.5 + 0.1×13 + 0.05×5) = ±3.225 → [22, 28].
    let want: std::collections::BTreeSet<Wait> = (22..=28).map(Wait::Days).collect();
    assert_eq!(goods, want);
}

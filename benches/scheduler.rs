//! `cargo bench --bench scheduler`: replays 1,000,000 reviews (100,000 cards × 10) through our
//! FSRS-6 memory model and through the `fsrs` crate's `memory_state` on the same histories, in
//! one run, and checks that both end in the same memory. Also times the full card scheduler
//! (steps, fuzz, calendar) on the same answers.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};
use recall::scheduler::fsrs::{MemoryState, Model};
use recall::scheduler::fuzz::splitmix64;
use recall::scheduler::{CardSeed, CardState, Rating, Scheduler, SchedulerKind, Settings};

const CARDS: u64 = 100_000;
const REVIEWS: usize = 10;
const ROUNDS: usize = 5;

type History = [(u32, Rating); REVIEWS];

/// Seeded histories: the first review at day 0, then gaps of 0 to 60 days; mostly Good.
fn histories() -> Vec<History> {
    (0..CARDS)
        .map(|card| {
            let mut h = [(0, Rating::Good); REVIEWS];
            for (i, slot) in h.iter_mut().enumerate() {
                let x = splitmix64(card * 64 + i as u64);
                let days = if i == 0 {
                    0
                } else {
                    u32::try_from(x % 61).unwrap_or(1)
                };
                let rating = match (x >> 32) % 100 {
                    0..12 => Rating::Again,
                    12..25 => Rating::Hard,
                    25..88 => Rating::Good,
                    _ => Rating::Easy,
                };
                *slot = (days, rating);
            }
            h
        })
        .collect()
}

fn ours(model: &Model, histories: &[History]) -> f64 {
    let mut total = 0.0;
    for h in histories {
        let mut state: Option<MemoryState> = None;
        for &(days, rating) in h {
            state = Some(model.next(state, days, rating));
        }
        total += state.map_or(0.0, |s| s.stability);
    }
    total
}

fn theirs(fsrs: &fsrs::FSRS, items: Vec<fsrs::FSRSItem>) -> f64 {
    let mut total = 0.0;
    for item in items {
        let state = fsrs.memory_state(item, None).expect("finite state");
        total += f64::from(state.stability);
    }
    total
}

fn full_scheduler(scheduler: &Scheduler, histories: &[History]) -> i64 {
    let start = DateTime::from_timestamp(1_767_225_600, 0).unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let mut total = 0;
    for (i, h) in histories.iter().enumerate() {
        let mut now = start;
        let mut card = CardState::new(now);
        for &(days, rating) in h {
            now += TimeDelta::days(i64::from(days)) + TimeDelta::minutes(10);
            card = scheduler.review(&card, rating, now, CardSeed(i as u64));
        }
        total += card.due.timestamp();
    }
    total
}

/// Best and median of `ROUNDS` timings of `run`, each on a fresh input from `setup` (which is
/// not timed).
fn time<I, T>(mut setup: impl FnMut() -> I, mut run: impl FnMut(I) -> T) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let input = setup();
            let t = Instant::now();
            black_box(run(input));
            t.elapsed()
        })
        .collect();
    times.sort();
    (times[0], times[ROUNDS / 2])
}

fn main() {
    let histories = histories();
    let items: Vec<fsrs::FSRSItem> = histories
        .iter()
        .map(|h| fsrs::FSRSItem {
            reviews: h
                .iter()
                .map(|&(days, r)| fsrs::FSRSReview {
                    rating: u32::from(r.as_u8()),
                    delta_t: days,
                })
                .collect(),
        })
        .collect();
    let model = Model::default();
    let crate_fsrs = fsrs::FSRS::new(&fsrs::DEFAULT_PARAMETERS).expect("default parameters");

    let (a, b) = (ours(&model, &histories), theirs(&crate_fsrs, items.clone()));
    assert!(
        (a - b).abs() <= 1e-4 * b.abs(),
        "sums of final stability differ: {a} vs {b}"
    );

    let reviews = CARDS as usize * REVIEWS;
    println!("replaying {reviews} reviews ({CARDS} cards x {REVIEWS}), best / median of {ROUNDS}:");
    let (best, median) = time(|| (), |()| ours(black_box(&model), black_box(&histories)));
    println!("  recall FSRS-6 (f64, Model::next)       {best:>10.2?} / {median:>10.2?}");
    let (their_best, their_median) = time(
        || items.clone(),
        |fresh| theirs(&crate_fsrs, black_box(fresh)),
    );
    println!(
        "  fsrs 6.6.2 (f32, FSRS::memory_state)   {their_best:>10.2?} / {their_median:>10.2?}"
    );
    let scheduler = Scheduler::new(SchedulerKind::Fsrs, Settings::default()).expect("defaults");
    let (full_best, full_median) = time(
        || (),
        |()| full_scheduler(&scheduler, black_box(&histories)),
    );
    println!("  recall Scheduler::review (steps, fuzz) {full_best:>10.2?} / {full_median:>10.2?}");
    println!(
        "ours is {:.1}x the speed of the crate; target under 100 ms: {}",
        their_best.as_secs_f64() / best.as_secs_f64(),
        if best < Duration::from_millis(100) {
            "met"
        } else {
            "MISSED"
        }
    );
}

//! `cargo bench --bench load_spread`: how even the days are. A simulated learner studies a
//! 2,000-card collection for a year (20 new cards a day until all are in, every review due
//! done each day, each recalled with the probability FSRS predicts, seeded), three times:
//! with plain fuzz, with load balancing, and with load balancing and `easy_days` Sunday 0.
//! Prints, for each, the standard deviation of the daily review counts (over the year, and
//! over the months after the last new card), the mean predicted recall at review time and
//! the reviews on Sundays. Deterministic: the same figures on every run.

use chrono::{DateTime, TimeDelta, Utc};
use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use recall::scheduler::balance::{DayLoads, weekday};
use recall::scheduler::{CardSeed, CardState, Rating, Scheduler, SchedulerKind, Settings};

const CARDS: usize = 2_000;
const NEW_PER_DAY: usize = 20;
const DAYS: i64 = 365;
const SEED: u64 = 2026;
/// The first day of study, a Monday.
const START: &str = "2026-01-05T10:00:00Z";

/// What one simulated year gave.
struct Year {
    /// Review answers (not first answers) on each day.
    reviews: Vec<usize>,
    /// Sum of the predicted recall at each review.
    recall: f64,
}

fn simulate(settings: Settings, balance: bool) -> Year {
    let scheduler = Scheduler::new(SchedulerKind::Fsrs, settings).expect("valid settings");
    let clock = scheduler.settings().day_clock();
    let start: DateTime<Utc> = START.parse().expect("a date");
    let mut rng = ChaCha8Rng::seed_from_u64(SEED);
    let mut states: Vec<Option<CardState>> = vec![None; CARDS];
    let mut loads = DayLoads::default();
    let mut year = Year {
        reviews: Vec::new(),
        recall: 0.0,
    };
    for day in 0..DAYS {
        let now = start + TimeDelta::days(day);
        let mut reviews = 0;
        let introduced = usize::try_from(day).unwrap_or(0) * NEW_PER_DAY;
        for (i, slot) in states.iter_mut().enumerate() {
            let due = slot.as_ref().is_some_and(|s| s.due <= now);
            let new = slot.is_none() && i < introduced + NEW_PER_DAY;
            if !due && !new {
                continue;
            }
            let before = slot.clone();
            let state = before.clone().unwrap_or_else(|| CardState::new(now));
            let recall = scheduler.retrievability(&state, now).unwrap_or(0.75);
            let rating = if rng.random::<f64>() < recall {
                Rating::Good
            } else {
                Rating::Again
            };
            if before.is_some() {
                reviews += 1;
                year.recall += recall;
            }
            let seed = CardSeed(i as u64);
            let after = scheduler.review_with(&state, rating, now, seed, balance.then_some(&loads));
            loads.moved(clock, before.as_ref(), Some(&after));
            *slot = Some(after);
        }
        year.reviews.push(reviews);
    }
    year
}

fn spread(counts: &[usize]) -> (f64, f64) {
    let n = counts.len() as f64;
    let mean = counts.iter().sum::<usize>() as f64 / n;
    let var = counts
        .iter()
        .map(|&c| (c as f64 - mean).powi(2))
        .sum::<f64>()
        / n;
    (mean, var.sqrt())
}

/// The spread of `counts` around their centred 7-day moving average: how uneven the days
/// are, leaving out the slow rise and fall of the workload.
fn unevenness(counts: &[usize]) -> f64 {
    let deviations: Vec<f64> = (3..counts.len().saturating_sub(3))
        .map(|i| {
            let week = counts[i - 3..=i + 3].iter().sum::<usize>() as f64 / 7.0;
            counts[i] as f64 - week
        })
        .collect();
    let n = deviations.len() as f64;
    (deviations.iter().map(|d| d * d).sum::<f64>() / n).sqrt()
}

fn main() {
    // No steps: every answer gives a day interval, so each simulated day is one pass.
    let base = Settings {
        learning_steps: Vec::new(),
        relearning_steps: Vec::new(),
        ..Settings::default()
    };
    let mut sunday_off = base.clone();
    let start_day = base.day_clock().day_number(START.parse().expect("a date"));
    sunday_off.easy_days[6] = 0.0;
    let last_new = i64::try_from(CARDS / NEW_PER_DAY).unwrap_or(0);
    println!(
        "{CARDS} cards, {NEW_PER_DAY} new a day, {DAYS} days, seed {SEED}; daily review counts:"
    );
    println!(
        "{:<34} {:>6} {:>9} {:>10} {:>10} {:>10} {:>9} {:>8}",
        "", "mean", "sd year", "sd after", "max after", "vs week", "recall", "Sundays"
    );
    for (name, settings, balance) in [
        ("plain fuzz", base.clone(), false),
        ("load balancing", base, true),
        ("load balancing, easy_days sun = 0", sunday_off, true),
    ] {
        let year = simulate(settings, balance);
        let (mean, sd) = spread(&year.reviews);
        let after = &year.reviews[usize::try_from(last_new).unwrap_or(0)..];
        let (_, sd_after) = spread(after);
        let max_after = after.iter().max().copied().unwrap_or(0);
        let total: usize = year.reviews.iter().sum();
        let sundays: usize = year
            .reviews
            .iter()
            .enumerate()
            .filter(|&(d, _)| weekday(start_day + d as i64) == 6)
            .map(|(_, &n)| n)
            .sum();
        println!(
            "{name:<34} {mean:>6.1} {sd:>9.2} {sd_after:>10.2} {max_after:>10} {:>10.2} {:>9.4} \
             {sundays:>8}",
            unevenness(after),
            year.recall / total as f64
        );
    }
    println!(
        "sd year: over all {DAYS} days; sd after, max after: from day {last_new} (the last \
         new card) on; vs week: the sd, from then on, of each day's count less the mean of the \
         7 days around it; recall: mean predicted recall at review time; Sundays: reviews done \
         on Sundays over the year."
    );
}

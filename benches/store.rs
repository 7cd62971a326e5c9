//! `cargo bench --bench store`: a generated profile of 100,000 cards and 1,000,000 reviews
//! (a year of study, loaded in one transaction and not timed), then the figures the store
//! promises: opening it and loading the due queue, recording one review with its commit
//! (p50/p99, with `synchronous=FULL` as shipped and with NORMAL for comparison), and the
//! database size per review.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};
use recall::scheduler::fuzz::splitmix64;
use recall::scheduler::{CardSeed, CardState, Rating, Scheduler, SchedulerKind, Settings};
use recall::store::{Review, ReviewId, Store};

const CARDS: usize = 100_000;
const REVIEWS: usize = 1_000_000;
const RECORDS: usize = 1_000;
const OPENS: usize = 20;
/// Seconds between two generated reviews: a million of them span about a year.
const SPACING: i64 = 30;

fn rating(x: u64) -> Rating {
    match x % 100 {
        0..10 => Rating::Again,
        10..18 => Rating::Hard,
        18..92 => Rating::Good,
        _ => Rating::Easy,
    }
}

fn card_id(i: usize) -> String {
    format!("card-{i:06}")
}

/// The generated history, in time order, as a session would have recorded it: every card
/// comes round once every 100,000 reviews; a third of the answers were typed.
fn generate(store: &mut Store, start: DateTime<Utc>, scheduler: &Scheduler) -> usize {
    let mut states: Vec<Option<CardState>> = vec![None; CARDS];
    let reviews = (0..REVIEWS).map(|i| {
        let card = i % CARDS;
        let deck = format!("deck-{}", card % 20);
        let id = card_id(card);
        let x = splitmix64(i as u64);
        let time = start + TimeDelta::seconds(SPACING * i as i64);
        let before = states[card].clone();
        let start_state = before.clone().unwrap_or_else(|| CardState::new(time));
        let r = rating(x);
        let after = scheduler.review(&start_state, r, time, CardSeed::from_ids(&deck, &id));
        states[card] = Some(after.clone());
        let mut review = Review::new(&deck, &id, time, r, before, after);
        review.id = ReviewId::from_parts(time, u128::from(x) << 64 | u128::from(splitmix64(x)));
        review.duration_ms = 2_000 + (x >> 20) % 13_000;
        if (x >> 40).is_multiple_of(3) {
            review.answer = Some(format!("answer {}", card % 997));
            review.correct = Some(r != Rating::Again);
        }
        review
    });
    store.record_batch(reviews).expect("bulk load")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let rank = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len());
    sorted[rank - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// Records `RECORDS` answers to due cards, one transaction each; returns the latencies.
fn record(store: &mut Store, now: DateTime<Utc>, scheduler: &Scheduler) -> Vec<Duration> {
    let due = store.due(now).expect("due queue");
    let mut times = Vec::with_capacity(RECORDS);
    for (i, card) in due.iter().cycle().take(RECORDS).enumerate() {
        let time = now + TimeDelta::milliseconds(i as i64 * 1_500);
        let before = card.state.clone();
        let start = before.clone().unwrap_or_else(|| CardState::new(time));
        let r = rating(splitmix64(i as u64 + 7));
        let seed = CardSeed::from_ids(&card.deck, &card.card);
        let after = scheduler.review(&start, r, time, seed);
        let review = Review::new(&card.deck, &card.card, time, r, before, after);
        let started = Instant::now();
        store.record_review(&review).expect("record");
        times.push(started.elapsed());
    }
    times.sort();
    times
}

fn report_latency(label: &str, times: &[Duration]) {
    println!(
        "record one review ({label}): p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms  (target p99 < 10 ms)",
        ms(percentile(times, 0.50)),
        ms(percentile(times, 0.99)),
        ms(percentile(times, 1.0)),
    );
}

fn size_of(dir: &Path) -> u64 {
    std::fs::read_dir(dir)
        .expect("data dir")
        .filter_map(Result::ok)
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum()
}

fn main() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let scheduler = Scheduler::new(SchedulerKind::Fsrs, Settings::default()).expect("scheduler");
    let start = DateTime::parse_from_rfc3339("2025-11-01T08:00:00Z")
        .expect("time")
        .with_timezone(&Utc);
    let now = start + TimeDelta::seconds(SPACING * REVIEWS as i64);

    let began = Instant::now();
    {
        let mut store = Store::open_dir(dir.path(), "bench").expect("open");
        let added = generate(&mut store, start, &scheduler);
        assert_eq!(added, REVIEWS);
        store
            .sqlite()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .expect("checkpoint");
    }
    let file = dir.path().join("bench.sqlite3");
    let bytes = std::fs::metadata(&file).expect("db file").len();
    println!(
        "generated {CARDS} cards and {REVIEWS} reviews in {:.1} s (not counted)",
        began.elapsed().as_secs_f64()
    );
    println!(
        "database size: {:.1} MB, {:.1} bytes per review  (target < 150)",
        bytes as f64 / 1e6,
        bytes as f64 / REVIEWS as f64
    );
    if let Ok(store) = Store::open_path(&file) {
        let mut stmt = store
            .sqlite()
            .prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")
            .expect("dbstat");
        let rows = stmt
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))
            .expect("dbstat rows");
        for (name, size) in rows.flatten() {
            println!("  {name:<32} {:>7.1} MB", size as f64 / 1e6);
        }
    }

    let mut opens = Vec::with_capacity(OPENS);
    let mut due_count = 0;
    for _ in 0..OPENS {
        let started = Instant::now();
        let store = Store::open_dir(dir.path(), "bench").expect("open");
        due_count = store.due(now).expect("due").len();
        opens.push(started.elapsed());
    }
    opens.sort();
    println!(
        "open + load the due queue ({due_count} cards due): median {:.1} ms, max {:.1} ms  \
         (target < 50 ms, warm file cache)",
        ms(percentile(&opens, 0.5)),
        ms(percentile(&opens, 1.0)),
    );

    let started = Instant::now();
    let mut store = Store::open_dir(dir.path(), "bench").expect("open");
    let opened = started.elapsed();
    let started = Instant::now();
    let raw: i64 = store
        .sqlite()
        .query_row(
            "SELECT count(length(state)) FROM card WHERE due <= ?1 AND present = 1 \
             AND suspended = 0 AND (buried_until IS NULL OR buried_until <= ?1)",
            [now.timestamp_millis()],
            |r| r.get(0),
        )
        .expect("raw due");
    println!(
        "  of which: open {:.1} ms; the due rows without decoding ({raw}) {:.1} ms",
        ms(opened),
        ms(started.elapsed())
    );
    let full = record(&mut store, now, &scheduler);
    report_latency("synchronous=FULL, as shipped", &full);
    store
        .sqlite()
        .pragma_update(None, "synchronous", "NORMAL")
        .expect("pragma");
    let later = now + TimeDelta::hours(2);
    let normal = record(&mut store, later, &scheduler);
    report_latency("synchronous=NORMAL, for comparison", &normal);
    drop(store);
    println!(
        "data folder after the runs: {:.1} MB",
        size_of(dir.path()) as f64 / 1e6
    );
}

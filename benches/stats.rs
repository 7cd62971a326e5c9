//! `cargo bench --bench stats`: the real `recall stats` (release build) on a generated
//! profile of 100,000 cards and 1,000,000 reviews (a year of study in 20 decks, with quiz
//! answers and suspended cards; generated in one transaction and not timed). Reports the
//! wall time of the screen and of `--json` (over several runs, warm file cache) and, through
//! `/usr/bin/time`, their CPU time and peak memory. On a busy machine the wall time follows
//! the load; the CPU time does not.
//! Targets: under 300 ms and 200 MB.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};
use recall::scheduler::fuzz::splitmix64;
use recall::scheduler::{CardSeed, CardState, Rating, Scheduler, SchedulerKind, Settings};
use recall::store::{Mode, Review, ReviewId, Store};

const CARDS: usize = 100_000;
const REVIEWS: usize = 1_000_000;
const SUSPENDED: usize = 300;
const RUNS: usize = 9;
/// Seconds between two generated reviews: a million of them span about a year.
const SPACING: i64 = 30;

fn rating(x: u64) -> Rating {
    match x % 100 {
        0..12 => Rating::Again,
        12..20 => Rating::Hard,
        20..93 => Rating::Good,
        _ => Rating::Easy,
    }
}

/// The history in time order: each card comes round once every 100,000 answers; one answer
/// in twenty is a quiz answer.
fn generate(store: &mut Store, start: DateTime<Utc>) -> usize {
    let scheduler = Scheduler::new(SchedulerKind::Fsrs, Settings::default()).expect("scheduler");
    let mut states: Vec<Option<CardState>> = vec![None; CARDS];
    let reviews = (0..REVIEWS).map(|i| {
        let card = i % CARDS;
        let deck = format!("deck-{:02}", card % 20);
        let id = format!("card-{card:06}");
        let x = splitmix64(i as u64 ^ 0x5eed);
        let time = start + TimeDelta::seconds(SPACING * i as i64);
        let before = states[card].clone();
        let base = before.clone().unwrap_or_else(|| CardState::new(time));
        let r = rating(x);
        let after = scheduler.review(&base, r, time, CardSeed::from_ids(&deck, &id));
        states[card] = Some(after.clone());
        let mut review = Review::new(&deck, &id, time, r, before, after);
        review.id = ReviewId::from_parts(time, u128::from(x) << 64 | u128::from(splitmix64(x)));
        review.duration_ms = 2_000 + (x >> 20) % 13_000;
        if (x >> 40).is_multiple_of(20) {
            review.mode = Mode::Quiz;
        }
        review
    });
    store.record_batch(reviews).expect("bulk load")
}

/// One run of `recall stats` (with `--json` when asked): its wall time and, when
/// `/usr/bin/time` is there to measure them, its CPU time (user + system, in seconds) and
/// peak resident memory (in MB).
struct Run {
    wall: Duration,
    cpu: Option<f64>,
    peak_mb: Option<f64>,
    stdout: Vec<u8>,
}

fn run(bin: &str, dir: &Path, now: &str, json: bool) -> Run {
    let timed = Path::new("/usr/bin/time").exists();
    let mut cmd = if timed {
        let mut cmd = Command::new("/usr/bin/time");
        cmd.args(["-f", "rusage %U %S %M", bin]);
        cmd
    } else {
        Command::new(bin)
    };
    cmd.current_dir(dir)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_NOW", now)
        .env("RECALL_CONFIG", dir.join("none.toml"))
        .env("NO_COLOR", "1")
        .env("TZ", "UTC")
        .args(["stats", "--profile", "bench"]);
    if json {
        cmd.arg("--json");
    }
    let started = Instant::now();
    let out = cmd.output().expect("run recall stats");
    let wall = started.elapsed();
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    let usage: Vec<f64> = err
        .lines()
        .find_map(|l| l.strip_prefix("rusage "))
        .map(|l| {
            l.split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect()
        })
        .unwrap_or_default();
    Run {
        wall,
        cpu: (usage.len() == 3).then(|| usage[0] + usage[1]),
        peak_mb: (usage.len() == 3).then(|| usage[2] / 1024.0),
        stdout: out.stdout,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn measure(bin: &str, dir: &Path, now: &str, json: bool) {
    let label = if json {
        "recall stats --json"
    } else {
        "recall stats"
    };
    let _ = run(bin, dir, now, json);
    let runs: Vec<Run> = (0..RUNS).map(|_| run(bin, dir, now, json)).collect();
    let mut walls: Vec<Duration> = runs.iter().map(|r| r.wall).collect();
    walls.sort();
    let mut cpus: Vec<f64> = runs.iter().filter_map(|r| r.cpu).collect();
    cpus.sort_by(f64::total_cmp);
    let peak = runs.iter().filter_map(|r| r.peak_mb).reduce(f64::max);
    let or_na = |x: Option<String>| x.unwrap_or_else(|| "n/a (no /usr/bin/time)".to_owned());
    println!(
        "{label}: wall median {:.0} ms (min {:.0}, max {:.0}) over {RUNS} runs; CPU median {}; \
         peak memory {}  (targets < 300 ms, < 200 MB)",
        ms(walls[RUNS / 2]),
        ms(walls[0]),
        ms(walls[RUNS - 1]),
        or_na(
            cpus.get(cpus.len() / 2)
                .map(|c| format!("{:.0} ms", c * 1e3))
        ),
        or_na(peak.map(|mb| format!("{mb:.1} MB"))),
    );
}

fn main() {
    // STATS_BENCH_DIR keeps the generated profile there and reuses it on later runs.
    let temp = tempfile::TempDir::new().expect("temp dir");
    let dir =
        std::env::var_os("STATS_BENCH_DIR").map_or_else(|| temp.path().to_path_buf(), Into::into);
    let start = DateTime::parse_from_rfc3339("2025-11-01T08:00:00Z")
        .expect("time")
        .with_timezone(&Utc);
    let end = start + TimeDelta::seconds(SPACING * REVIEWS as i64);
    let began = Instant::now();
    if !dir.join("data").join("bench.sqlite3").exists() {
        std::fs::create_dir_all(&dir).expect("bench dir");
        let mut store = Store::open_dir(&dir.join("data"), "bench").expect("open");
        assert_eq!(generate(&mut store, start), REVIEWS);
        for i in 0..SUSPENDED {
            let card = i * (CARDS / SUSPENDED);
            let deck = format!("deck-{:02}", card % 20);
            store
                .suspend(
                    &deck,
                    &format!("card-{card:06}"),
                    true,
                    chrono::DateTime::UNIX_EPOCH,
                )
                .expect("suspend");
        }
        store
            .sqlite()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
            .expect("checkpoint");
    }
    println!(
        "generated {CARDS} cards and {REVIEWS} reviews in {:.1} s (not counted)",
        began.elapsed().as_secs_f64()
    );
    let bin = env!("CARGO_BIN_EXE_recall");
    let now = (end + TimeDelta::hours(1)).to_rfc3339();
    let first = run(bin, &dir, &now, false);
    let screen = String::from_utf8_lossy(&first.stdout);
    let cards_line = screen
        .lines()
        .find(|l| l.trim_start().starts_with("all decks"));
    println!("  {}", cards_line.unwrap_or("(no card line)").trim());
    measure(bin, &dir, &now, false);
    measure(bin, &dir, &now, true);
}

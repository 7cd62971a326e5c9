//! `cargo run --release --example exam_sim [DAYS] [RUNS]`: a learner whose recall follows the
//! FSRS model studies every day for DAYS days (default 30) up to an exam, with the exam plan
//! (`recall study --exam`) and with the usual schedule (20 new cards a day, and, when the plan
//! needs more, as many new cards a day as the plan starts with: `usual@N`), on the bundled
//! deck and on a generated deck of 900 cards, from scratch. Prints the mean predicted recall
//! on exam day, the share of cards at the 0.90 target, the share a simulated learner recalled,
//! and the answers given, each averaged over RUNS seeded learners (default 20).

use chrono::{DateTime, TimeDelta, Utc};
use recall::deck::{self, Deck};
use recall::plan::{self, Setup, SimCard};
use recall::scheduler::exam::ExamDay;
use recall::scheduler::{Scheduler, SchedulerKind, Settings};

fn generated(cards: usize) -> Deck {
    let mut text = String::from("[deck]\ntitle = \"Generated\"\nid = \"generated\"\n");
    for i in 0..cards {
        text.push_str(&format!(
            "[[card]]\nid = \"c{i}\"\nfront = \"Question {i}\"\nback = \"Answer {i}\"\n"
        ));
    }
    deck::parse(
        &text,
        "generated.toml",
        "generated",
        deck::Options::default(),
    )
    .deck
    .expect("the generated deck is valid")
}

fn report(name: &str, cards: &[SimCard], days: i64, runs: u32) {
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
        .expect("a fixed start")
        .with_timezone(&Utc);
    let plain = Scheduler::new(SchedulerKind::Fsrs, Settings::default()).expect("defaults");
    let clock = plain.settings().day_clock();
    let exam = ExamDay(clock.day_number(now + TimeDelta::days(days)));
    let planned = plain.clone().with_exam(Some(exam));
    println!(
        "{name}: {} items, exam in {days} days, {runs} learners",
        cards.len()
    );
    println!("  schedule   mean R on exam day   at target   recalled   answers (new + reviews)");
    // The usual schedule twice: with the learner's 20 new cards a day, and with as many new
    // cards a day as the plan takes on its first day (so only the reviews differ).
    let spread = plan::intro::new_per_day(cards.len(), clock.day_number(now), exam, 20);
    let rows = [
        ("plan".to_owned(), planned, 20),
        ("usual".to_owned(), plain.clone(), 20),
        (format!("usual@{spread}"), plain, spread),
    ];
    for (label, scheduler, new_per_day) in rows {
        if label.contains('@') && new_per_day == 20 {
            continue;
        }
        let schedulers = [scheduler];
        let setup = Setup {
            cards,
            schedulers: &schedulers,
            now,
            exam,
            new_per_day,
            seconds_per_answer: 8.0,
        };
        let f = plan::forecast(&setup, runs, 2026);
        println!(
            "  {label:<8} {:>14.4} {:>14.1}% {:>9.1}% {:>9.0} ({:.0} + {:.0})",
            f.exam_recall,
            f.ready * 100.0,
            f.recalled * 100.0,
            f.introduced() + f.reviews(),
            f.introduced(),
            f.reviews()
        );
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let days: i64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(30);
    let runs: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let bundled = deck::bundled().deck.expect("the bundled deck is valid");
    report("bundled deck", &plan::fresh_cards(&bundled, 0), days, runs);
    report(
        "generated deck",
        &plan::fresh_cards(&generated(900), 0),
        days,
        runs,
    );
}

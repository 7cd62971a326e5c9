use std::path::Path;

use chrono::{DateTime, TimeDelta, Utc};
use recall::deck::{self, Deck};
use recall::plan::{self, Forecast, Setup, SimCard};
use recall::scheduler::exam::ExamDay;
use recall::scheduler::{Scheduler, SchedulerKind, Settings};

use crate::support::{generated_deck, recall, root, stdout, write};

const NOW: &str = "2026-03-02T09:00:00Z";

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(NOW)
        .unwrap()
        .with_timezone(&Utc)
}

fn generated_text(cards: usize) -> String {
    generated_deck("generated", cards)
}

fn load(path: &Path) -> Deck {
    deck::load(path, deck::Options::default()).deck.unwrap()
}

/// The plan and the usual schedule (20 new cards a day) for `cards`, 30 days to the exam,
/// averaged over 20 simulated learners.
fn both(cards: &[SimCard]) -> (Forecast, Forecast) {
    let plain = Scheduler::new(SchedulerKind::Fsrs, Settings::default()).unwrap();
    let clock = plain.settings().day_clock();
    let exam = ExamDay(clock.day_number(now() + TimeDelta::days(30)));
    let planned = [plain.clone().with_exam(Some(exam))];
    let plain = [plain];
    let setup = |schedulers| Setup {
        cards,
        schedulers,
        now: now(),
        exam,
        new_per_day: 20,
        seconds_per_answer: 8.0,
    };
    (
        plan::forecast(&setup(&planned), 20, 7),
        plan::forecast(&setup(&plain), 20, 7),
    )
}

/// Issue 6: a learner whose recall follows the FSRS model studies every day for 30 days up to
/// an exam. On the bundled deck both schedules introduce every card in a week; the plan gets
/// nearly every card to the 0.90 target on exam day, where the usual schedule leaves about
/// one card in twenty below it (fuzz and rounding put their reviews on or after the exam day),
/// for about 1% more answers. On 900 cards the usual 20 new cards a day leave 300 cards
/// unseen; the plan spreads them over the month and reaches the target.
#[test]
fn regression_6_the_plan_reaches_the_target_on_exam_day() {
    let bundled = load(&root().join("decks/trotsky-exile.toml"));
    let (with, without) = both(&plan::fresh_cards(&bundled, 0));
    assert_eq!(with.days.len(), 30);
    assert!(with.exam_recall >= 0.90, "{with:?}");
    assert!(with.ready >= 0.98, "plan: {:.4} at target", with.ready);
    assert!(
        without.ready <= 0.97,
        "usual: {:.4} at target",
        without.ready
    );
    assert!(with.exam_recall > without.exam_recall);
    let (w, wo) = (with.reviews(), without.reviews());
    assert!(w <= wo * 1.03, "plan {w} answers, usual {wo}");
    assert!((with.introduced() - 101.0).abs() < 1e-9);

    let dir = tempfile::tempdir().unwrap();
    let big = load(&write(dir.path(), "generated.toml", generated_text(900)));
    let (with, without) = both(&plan::fresh_cards(&big, 0));
    assert!((with.introduced() - 900.0).abs() < 1e-9);
    assert!((without.introduced() - 600.0).abs() < 1e-9);
    assert!(with.exam_recall >= 0.90, "{:.4}", with.exam_recall);
    assert!(without.exam_recall < 0.70, "{:.4}", without.exam_recall);
    assert!(with.recalled >= 0.90 && without.recalled < 0.70);
    assert!(with.ready >= 0.97, "{:.4}", with.ready);
    // Spread evenly: no day introduces more than the first day's share.
    let most = with.days.iter().map(|d| d.new).fold(0.0, f64::max);
    assert!(most <= 32.0, "{most}");
    assert_eq!(with.days[29].new, 0.0, "nothing new on the eve");
}

fn plan_cmd(dir: &Path) -> assert_cmd::Command {
    let mut cmd = recall(dir);
    cmd.env("RECALL_NOW", NOW)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
        .env("TZ", "UTC")
        .arg("plan");
    cmd
}

#[test]
fn plan_prints_every_day_to_the_exam_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = plan_cmd(dir.path())
        .args(["--exam", "2026-03-12"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(
        text.starts_with("Exam on 2026-03-12, in 10 days: 101 cards of trotsky-exile, 8.0 s per answer (no timed answers yet).\n"),
        "{text}"
    );
    let days: Vec<&str> = text.lines().filter(|l| l.starts_with("2026-03-")).collect();
    assert_eq!(days.len(), 10, "{text}");
    assert!(days[0].starts_with("2026-03-02") && days[9].starts_with("2026-03-11"));
    // The new cards add up to the deck.
    let new: u32 = days
        .iter()
        .map(|l| l.split_whitespace().nth(1).unwrap().parse::<u32>().unwrap())
        .sum();
    assert!((100..=102).contains(&new), "{new}");
    assert!(text.contains("\ntotal         101 "), "{text}");
    assert!(
        text.contains("\nOn exam day      recalled  at the 90% target  answers\n  with the plan "),
        "{text}"
    );
    assert!(text.contains("\n  without it "), "{text}");
    assert!(!dir.path().join("data").exists(), "plan wrote a profile");
    // Same inputs, same plan.
    let again = plan_cmd(dir.path())
        .args(["--exam", "2026-03-12"])
        .output()
        .unwrap();
    assert_eq!(stdout(&again), text);
}

#[test]
fn plan_raises_new_cards_and_warns_when_the_minutes_do_not_fit() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "big.toml", generated_text(300));
    let out = plan_cmd(dir.path())
        .args(["big.toml", "--exam", "2026-03-12", "--minutes-per-day", "5"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    // 300 cards over the 9 days before the eve: 34 a day.
    assert!(
        text.contains("New cards: up to 34 a day (raised from 20)"),
        "{text}"
    );
    assert!(
        text.contains("warning: ") && text.contains("--minutes-per-day 5."),
        "{text}"
    );
    let fits = plan_cmd(dir.path())
        .args([
            "big.toml",
            "--exam",
            "2026-03-12",
            "--minutes-per-day",
            "600",
        ])
        .output()
        .unwrap();
    assert!(stdout(&fits).contains("Every day fits in 600 minutes."));
}

#[test]
fn plan_refuses_a_past_date_and_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    for (args, message) in [
        (
            vec!["--exam", "2026-03-02"],
            "the exam date 2026-03-02 is not after today (2026-03-02)",
        ),
        (
            vec!["--exam", "12/03/2026"],
            "is not a date like 2026-12-18",
        ),
        (vec![], "no exam date is set for these decks"),
    ] {
        let out = plan_cmd(dir.path()).args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{err}");
    }
}

fn study(dir: &Path, now: &str) -> assert_cmd::Command {
    let mut cmd = recall(dir);
    cmd.env("RECALL_NOW", now)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
        // Days start at 4 am UTC, as in the library scheduler the tests compare with.
        .env("TZ", "UTC")
        .args(["study", "--plain", "big.toml"]);
    cmd
}

#[test]
fn study_exam_raises_new_cards_and_is_remembered_until_forgotten() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "big.toml", generated_text(300));
    let exams = dir.path().join("data/default.exams.toml");

    // A past date is refused before anything is written.
    let out = study(dir.path(), NOW)
        .args(["--exam", "2026-02-01"])
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("data").exists());

    let out = study(dir.path(), NOW)
        .args(["--exam", "2026-03-12"])
        .write_stdin(":quit\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "Exam on 2026-03-12 (in 10 days): 34 new cards a day to be ready (raised from 20)."
        ),
        "{err}"
    );
    // The status line counts the new cards left, the one asked included.
    assert!(stdout(&out).contains(" 34 new "), "{}", stdout(&out));
    assert_eq!(
        std::fs::read_to_string(&exams).unwrap(),
        "# Exam dates set with `recall study --exam`, by deck id.\n[generated]\n\
         date = \"2026-03-12\"\nchanged = \"2026-03-02T09:00:00.000Z\"\n"
    );
    // A date in the one-line form of earlier versions is read all the same.
    std::fs::write(&exams, "generated = \"2026-03-12\"\n").unwrap();

    // The next day, without --exam: still aimed at the exam (299 cards, 8 days: 38 a day).
    let out = study(dir.path(), "2026-03-03T09:00:00Z")
        .write_stdin(":quit\n")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Exam on 2026-03-12 (in 9 days): 38 new cards"),
        "{err}"
    );

    // After the exam the date no longer applies.
    let out = study(dir.path(), "2026-03-12T09:00:00Z")
        .write_stdin(":quit\n")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&out.stderr).contains("Exam on"));
    assert!(stdout(&out).contains(" 20 new "), "{}", stdout(&out));

    // `--exam off` forgets it.
    let out = study(dir.path(), "2026-03-04T09:00:00Z")
        .args(["--exam", "off"])
        .write_stdin(":quit\n")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("Exam on"));
    // Forgotten, with when (so that `recall sync` carries the forgetting too).
    assert_eq!(
        std::fs::read_to_string(&exams).unwrap(),
        "# Exam dates set with `recall study --exam`, by deck id.\n[generated]\n\
         changed = \"2026-03-04T09:00:00.000Z\"\n"
    );
}

/// Easy on a new card gives it about 8 days (fuzzed 6 to 10), and after 9 days its recall is
/// below 0.90: with the exam 9 days away, every such card must come back by the eve, where
/// the usual schedule puts some of them on the exam day or after.
#[test]
fn study_exam_brings_reviews_back_by_the_eve() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "big.toml", generated_text(300));
    let out = study(dir.path(), NOW)
        .args(["--exam", "2026-03-11", "--limit", "12"])
        .write_stdin("\n4\n".repeat(12))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let log = recall(dir.path())
        .env("RECALL_DATA_DIR", dir.path().join("data"))
        .args(["log", "--json"])
        .output()
        .unwrap();
    let plain = Scheduler::new(SchedulerKind::Fsrs, Settings::default()).unwrap();
    let eve_start = DateTime::parse_from_rfc3339("2026-03-10T04:00:00Z").unwrap();
    let mut moved = 0;
    let lines = stdout(&log);
    assert_eq!(lines.lines().count(), 12);
    for line in lines.lines() {
        let review: serde_json::Value = serde_json::from_str(line).unwrap();
        let due = review["after"]["due"].as_str().unwrap();
        let due = DateTime::parse_from_rfc3339(due).unwrap();
        assert!(due <= eve_start, "{line}");
        let card = review["card"].as_str().unwrap();
        let usual = plain.review(
            &recall::scheduler::CardState::new(now()),
            recall::scheduler::Rating::Easy,
            now(),
            recall::scheduler::CardSeed::from_ids("generated", card),
        );
        moved += usize::from(usual.due > eve_start);
    }
    assert!(moved > 0, "no card would have been due after the eve");
}

//! `recall postpone` on the josh Anki log (1,205 cards) opened eight weeks after its last
//! review: a dry run writes nothing; a real run leaves no day of the next 30 over the limit,
//! moves the cards whose recall tomorrow stays highest, changes nothing but due dates, and
//! leaves a suspended card alone.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use recall::scheduler::days::DayClock;
use recall::scheduler::{CardState, Phase, Scheduler, SchedulerKind, Settings};
use recall::store::Store;
use tempfile::TempDir;

use crate::reschedule::{answer_in_terminal, import, json, run_when};
use crate::support::stdout;

/// Eight weeks after the log's last review.
const LATER: &str = "2024-12-02T15:00:00Z";
const KEEP: usize = 40;
const SUSPENDED: &str = "1726443844912";

/// Every card of the imported deck by id: its state and whether it is suspended.
fn states(dir: &std::path::Path) -> HashMap<String, (Option<CardState>, bool)> {
    let store = Store::open_dir(&dir.join("data"), "default").unwrap();
    let records = store.cards("anki-import").unwrap();
    records
        .into_iter()
        .map(|r| (r.card, (r.state, r.suspended)))
        .collect()
}

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

#[test]
fn postpone_spreads_a_backlog_under_the_limit_most_stable_first() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    import(d, "default");
    let suspended = run_when(
        d,
        "default",
        LATER,
        &["suspend", &format!("anki-import/{SUSPENDED}")],
    );
    assert!(suspended.status.success(), "{suspended:?}");
    let file = d.join("data/default.sqlite3");
    let bytes = std::fs::read(&file).unwrap();
    let keep = KEEP.to_string();
    let args = |extra: &[&'static str]| {
        let mut a = vec!["postpone", "--keep", keep.as_str()];
        a.extend_from_slice(extra);
        a
    };

    // A dry run, as JSON and as text, writes nothing.
    let preview = json(&run_when(
        d,
        "default",
        LATER,
        &args(&["--dry-run", "--json"]),
    ));
    let text = stdout(&run_when(d, "default", LATER, &args(&["--dry-run"])));
    assert!(text.contains("Dry run: nothing was written."), "{text}");
    assert!(text.contains("Expected recall lost: "), "{text}");
    assert!(text.contains("  Mon 2024-12-02  "), "{text}");
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    let due_before: Vec<u64> = serde_json::from_value(preview["due_before"].clone()).unwrap();
    assert!(due_before[0] > 500, "a backlog: {preview}");
    let postponed = preview["postponed"].as_u64().unwrap();
    assert!(postponed > 400, "{preview}");
    let lost = preview["recall_lost"].as_f64().unwrap();
    assert!(lost > 0.0 && lost < 0.2, "{preview}");
    assert_eq!(preview["by_interval"], 0);

    // Nobody to ask and no --yes: refused, nothing written.
    let refused = run_when(d, "default", LATER, &args(&[]));
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    assert_eq!(std::fs::read(&file).unwrap(), bytes);

    let before = states(d);
    let done = json(&run_when(d, "default", LATER, &args(&["--yes", "--json"])));
    assert_eq!(done["written"], true);
    for key in ["postponed", "due_before", "due_after", "recall_lost"] {
        assert_eq!(done[key], preview[key], "{key}");
    }
    let after = states(d);

    // Counted from the store itself: no day of the next 30 over the limit.
    let clock = DayClock::default();
    let today = clock.day_number(at(LATER));
    let mut per_day = [0usize; 30];
    for (state, suspended) in after.values() {
        if let (Some(s), false) = (state, suspended) {
            let day = (clock.day_number(s.due) - today).max(0);
            if let Some(n) = usize::try_from(day).ok().and_then(|d| per_day.get_mut(d)) {
                *n += 1;
            }
        }
    }
    assert!(per_day.iter().all(|&n| n <= KEEP), "{per_day:?}");
    assert_eq!(per_day[0], KEEP, "today stays full: {per_day:?}");

    // Only due dates moved; the suspended card not even that.
    let mut moved = Vec::new();
    let mut kept_today = Vec::new();
    for (id, (old, was_suspended)) in &before {
        let (new, is_suspended) = &after[id];
        assert_eq!(was_suspended, is_suspended);
        let (Some(old), Some(new)) = (old, new) else {
            assert_eq!(old, new);
            continue;
        };
        assert_eq!(
            CardState {
                due: old.due,
                ..new.clone()
            },
            *old,
            "{id}"
        );
        if new.due != old.due {
            assert!(!was_suspended, "{id}");
            assert_eq!(new.phase, Phase::Review, "{id}");
            moved.push((id, old.clone(), new.due));
        } else if clock.day_number(old.due) <= today && !was_suspended {
            // Cards in their (re)learning steps are never postponed: they fill today first.
            kept_today.push(old.clone());
        }
    }
    assert_eq!(moved.len() as u64, postponed);
    assert_eq!(after[SUSPENDED], before[SUSPENDED]);
    assert_eq!(kept_today.len(), KEEP);
    kept_today.retain(|s| s.phase == Phase::Review);
    assert!(kept_today.len() > KEEP / 2, "{}", kept_today.len());

    // The most stable first: every card kept today would have lower recall tomorrow than
    // every overdue card moved away from today.
    let scheduler = Scheduler::new(SchedulerKind::Fsrs, Settings::default()).unwrap();
    let tomorrow = clock.day_start(today + 1);
    let recall = |s: &CardState| scheduler.retrievability(s, tomorrow).unwrap();
    let highest_kept = kept_today.iter().map(recall).fold(0.0, f64::max);
    let moved_today: Vec<f64> = moved
        .iter()
        .filter(|(_, old, _)| clock.day_number(old.due) <= today)
        .map(|(_, old, _)| recall(old))
        .collect();
    assert!(moved_today.len() > 400, "{}", moved_today.len());
    let lowest_moved = moved_today.into_iter().fold(1.0, f64::min);
    assert!(
        highest_kept <= lowest_moved,
        "{highest_kept} > {lowest_moved}"
    );

    // Nothing left to postpone.
    let again = run_when(d, "default", LATER, &args(&["--yes"]));
    assert!(stdout(&again).contains("Nothing to postpone."), "{again:?}");
    assert_eq!(states(d), after);
}

#[test]
fn postpone_keeps_the_configs_reviews_per_day_and_refuses_zero() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    import(d, "default");
    crate::support::write(d, "config.toml", "reviews_per_day = 100\n");
    let preview = json(&run_when(
        d,
        "default",
        LATER,
        &["postpone", "--dry-run", "--json"],
    ));
    assert_eq!(preview["keep"], 100);
    let due_after: Vec<u64> = serde_json::from_value(preview["due_after"].clone()).unwrap();
    assert_eq!(due_after[..10], [100; 10], "{preview}");

    crate::support::write(d, "config.toml", "reviews_per_day = 0\n");
    let bytes = std::fs::read(d.join("data/default.sqlite3")).unwrap();
    let refused = run_when(d, "default", LATER, &["postpone", "--yes"]);
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--keep N"));
    assert_eq!(
        std::fs::read(d.join("data/default.sqlite3")).unwrap(),
        bytes
    );
}

#[test]
fn postpone_in_a_terminal_asks_before_it_writes() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    import(d, "default");
    let file = d.join("data/default.sqlite3");
    let bytes = std::fs::read(&file).unwrap();
    for (key, says) in [("n", "Nothing was written."), ("y", "Postponed ")] {
        let args = ["postpone", "--keep", "40"];
        let screen = answer_in_terminal(d, LATER, &args, key, says);
        assert!(screen.contains("Expected recall lost"), "{screen}");
        assert_eq!(
            std::fs::read(&file).unwrap() == bytes,
            key == "n",
            "{screen}"
        );
    }
}

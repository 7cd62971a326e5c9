//! `recall import-progress` replays with the learner's settings: a profile with its own
//! config file and fitted parameters studies over several days (some cards answered twice at
//! one instant), and a fresh profile with the same settings that imports its export ends with
//! the very same card states; an Anki history keeps the calendar it was imported with.

use std::path::Path;
use std::process::Output;

use recall::scheduler::CardState;
use recall::scheduler::fsrs::DEFAULT_PARAMETERS;
use recall::store::{FittedParameters, Store};
use tempfile::TempDir;

use crate::support::{recall, stdout, write};

const DECK: &str = r#"[deck]
title = "Rivers"
id = "rivers"

[[card]]
id = "nile"
front = "Longest river of Africa?"
back = "Nile"

[[card]]
id = "volga"
front = "Longest river of Europe?"
back = "Volga"

[[card]]
id = "amazon"
front = "River with the largest discharge?"
back = "Amazon"

[[card]]
id = "danube"
front = "River through Vienna?"
back = "Danube"

[[card]]
id = "thames"
front = "River through London?"
back = "Thames"
"#;

/// Settings far from the defaults: retention, steps, day start, maximum interval.
const CONFIG: &str = r#"desired_retention = 0.8
learning_steps = ["3m", "30m"]
relearning_steps = ["20m"]
day_starts_at = 7
maximum_interval = 40
"#;

/// Runs `recall --profile PROFILE ARGS...` in `dir` with the config file above, at `now`.
fn run(dir: &Path, profile: &str, now: &str, args: &[&str], input: &str) -> Output {
    recall(dir)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
        .env("RECALL_NOW", now)
        .args(["--profile", profile])
        .args(args)
        .write_stdin(input)
        .output()
        .unwrap()
}

/// Parameters as `recall optimize` could have fitted them: every one moved off its default.
fn fitted() -> FittedParameters {
    let mut parameters = DEFAULT_PARAMETERS;
    for (i, w) in parameters.iter_mut().enumerate() {
        *w *= if i % 2 == 0 { 1.12 } else { 0.93 };
    }
    FittedParameters {
        parameters,
        reviews: 1000,
        time: chrono::DateTime::UNIX_EPOCH,
    }
}

/// Every card of `deck` in `profile` with its state, by card id.
fn states(dir: &Path, profile: &str, deck: &str) -> Vec<(String, Option<CardState>)> {
    let store = Store::open_dir(&dir.join("data"), profile).unwrap();
    let mut cards: Vec<_> = store
        .cards(deck)
        .unwrap()
        .into_iter()
        .map(|r| (r.card, r.state))
        .collect();
    cards.sort_by(|a, b| a.0.cmp(&b.0));
    cards
}

#[test]
fn progress_import_gives_the_states_study_gave_with_the_profiles_settings() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "deck.toml", DECK);
    write(d, "config.toml", CONFIG);
    for profile in ["original", "fresh"] {
        let mut store = Store::open_dir(&d.join("data"), profile).unwrap();
        store.save_fitted_parameters(&fitted()).unwrap();
    }
    // Sessions on several days; each answer line is empty (no attempt) and the rating line
    // follows, until the input ends the session. The clock is fixed, so a card that comes
    // back in its session is answered again at the same millisecond.
    let sessions = [
        (
            "2026-03-02T09:00:00Z",
            "\n3\n\n1\n\n3\n\n4\n\n2\n\n3\n\n3\n\n3\n\n1\n\n3\n",
        ),
        ("2026-03-02T09:40:00Z", "\n3\n\n3\n\n1\n\n3\n"),
        ("2026-03-03T08:00:00Z", "\n3\n\n2\n"),
        ("2026-03-06T12:00:00Z", "\n2\n\n3\n\n3\n\n1\n\n3\n\n3\n"),
        ("2026-03-13T07:30:00Z", "\n3\n\n4\n\n3\n"),
        ("2026-03-20T18:00:00Z", "\n3\n\n3\n\n3\n"),
    ];
    for (now, input) in sessions {
        let out = run(
            d,
            "original",
            now,
            &["study", "--plain", "deck.toml"],
            input,
        );
        assert!(out.status.success(), "{out:?}");
    }
    let out = run(
        d,
        "original",
        "2026-03-21T10:00:00Z",
        &["log", "--json"],
        "",
    );
    let times: Vec<(String, String)> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .map(|r| (r["card"].to_string(), r["time"].to_string()))
        .collect();
    let distinct: std::collections::HashSet<_> = times.iter().collect();
    assert!(times.len() >= 15, "{times:?}");
    assert!(
        distinct.len() < times.len(),
        "no card answered twice at once"
    );
    let studied = states(d, "original", "rivers");
    let reviewed = studied
        .iter()
        .filter(|(_, s)| s.as_ref().is_some_and(|s| s.reps >= 3))
        .count();
    assert!(reviewed >= 3, "{studied:?}");

    let file = d.join("progress.jsonl");
    let file_arg = file.to_str().unwrap();
    let later = "2026-03-21T10:00:00Z";
    let out = run(d, "original", later, &["export-progress", file_arg], "");
    assert!(out.status.success(), "{out:?}");
    let out = run(d, "fresh", later, &["import-progress", file_arg], "");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(states(d, "fresh", "rivers"), studied);
    // Its own export changes nothing in the profile that studied.
    let out = run(d, "original", later, &["import-progress", file_arg], "");
    assert!(stdout(&out).contains("0 cards rescheduled"), "{out:?}");
    assert_eq!(states(d, "original", "rivers"), studied);

    // A flag replays as it would study: another retention gives other states.
    let out = run(
        d,
        "fresh",
        later,
        &["import-progress", "--retention", "0.95", file_arg],
        "",
    );
    assert!(out.status.success(), "{out:?}");
    assert_ne!(states(d, "fresh", "rivers"), studied);
}

/// Three cards answered around the learner's day boundary: 02:00 at UTC-5 still belongs to
/// the evening before when the day starts at 4 am, but not on a UTC calendar.
const REVLOG: &str = "card_id,review_rating,review_time,review_duration
1,3,2024-01-01T15:00:00+00:00,5000
1,3,2024-01-02T07:00:00+00:00,4000
1,3,2024-01-05T08:30:00+00:00,3000
2,1,2024-01-01T15:01:00+00:00,6000
2,3,2024-01-02T07:01:00+00:00,6000
2,3,2024-01-03T08:50:00+00:00,6000
3,4,2024-01-01T15:02:00+00:00,2000
3,2,2024-01-03T08:40:00+00:00,2000
";

#[test]
fn progress_import_keeps_an_anki_history_on_its_own_calendar() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    write(d, "config.toml", CONFIG);
    write(d, "revlog.csv", REVLOG);
    {
        let mut store = Store::open_dir(&d.join("data"), "anki").unwrap();
        store.save_fitted_parameters(&fitted()).unwrap();
    }
    let now = "2024-02-01T12:00:00Z";
    let import = [
        "import-revlog",
        "revlog.csv",
        "--tz-offset",
        "-300",
        "--day-starts",
        "4",
    ];
    let out = run(d, "anki", now, &import, "");
    assert!(out.status.success(), "{out:?}");
    let imported = states(d, "anki", "anki-import");
    assert_eq!(imported.len(), 3);
    assert!(imported.iter().all(|(_, s)| s.is_some()), "{imported:?}");

    let file = d.join("anki.jsonl");
    let file_arg = file.to_str().unwrap();
    let out = run(d, "anki", now, &["export-progress", file_arg], "");
    assert!(out.status.success(), "{out:?}");
    let out = run(d, "anki", now, &["import-progress", file_arg], "");
    assert!(
        stdout(&out).contains("8 reviews, 0 new; 0 cards rescheduled"),
        "{out:?}"
    );
    assert_eq!(states(d, "anki", "anki-import"), imported);
}

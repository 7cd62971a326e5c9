//! `recall study --plain` when nothing is due: the next due time on the learner's offset and
//! day start.

use std::path::Path;

use crate::support::{recall, stdout, write};

const DECK: &str = r#"[deck]
title = "Capitals"
id = "capitals"

[[card]]
id = "fr"
front = "Capital of France?"
back = "Paris"

[[card]]
id = "it"
front = "Capital of Italy?"
back = "Rome"

[[card]]
id = "es"
front = "Capital of Spain?"
back = "Madrid"
"#;

/// `recall ARGS` in `dir` at `now`, two hours east of UTC, fed `input`; standard output.
fn run(dir: &Path, now: &str, args: &[&str], input: &str) -> String {
    let out = recall(dir)
        .env("TZ", "XXX-2")
        .env("RECALL_NOW", now)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
        .args(args)
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    stdout(&out)
}

fn reviews(dir: &Path) -> Vec<serde_json::Value> {
    run(dir, "2026-03-10T12:00:00Z", &["log", "--json"], "")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn a_card_due_within_the_hour_is_said_in_minutes() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "deck.toml", DECK);
    write(
        dir.path(),
        "config.toml",
        "learning_steps = [\"1m\", \"45m\"]\n",
    );
    let study = |now: &str, input: &str| {
        let args = ["study", "--plain", "deck.toml", "--new", "1"];
        run(dir.path(), now, &args, input)
    };
    // Good on a new card: its second step, 45 minutes.
    study("2026-03-10T10:00:00Z", "\n3\n");
    // Too far off for the 20 minutes a step may be shown early.
    let text = study("2026-03-10T10:05:00Z", "");
    assert!(
        text.starts_with(
            "Nothing due now; the next card is due in 40 minutes (2026-03-10T12:45:00+02:00)."
        ),
        "{text}"
    );
    assert_eq!(reviews(dir.path()).len(), 1);
}

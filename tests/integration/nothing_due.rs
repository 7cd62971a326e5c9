//! `recall study --plain` when nothing is due: the next due time on the learner's offset and
//! day start, then a line naming the commands that learn more or cram, and exit 0.

use std::path::Path;

use crate::fixtures::fixture;
use crate::support::{run_in_zone, write};

/// `recall ARGS` in `dir` at `now`, two hours east of UTC, fed `input`; standard output.
fn run(dir: &Path, now: &str, args: &[&str], input: &str) -> String {
    run_in_zone(dir, "XXX-2", now, args, input)
}

fn reviews(dir: &Path) -> Vec<serde_json::Value> {
    run(dir, "2026-03-10T12:00:00Z", &["log", "--json"], "")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn the_next_due_time_and_the_commands_are_named() {
    let dir = fixture("capitals");
    write(dir.path(), "config.toml", "day_starts_at = 6\n");
    let study = |now: &str, new: &str, input: &str| {
        let args = ["study", "--plain", "deck.toml", "--new", new];
        run(dir.path(), now, &args, input)
    };
    // France answered Easy: due some days on, when that day starts.
    study("2026-03-10T10:00:00Z", "1", "\n4\n");
    let log = reviews(dir.path());
    let due = log[0]["after"]["due"].as_str().unwrap().to_owned();
    // 06:00 two hours east is 04:00 UTC.
    assert!(due.ends_with("T04:00:00Z"), "{due}");
    let date = &due[..10];

    let text = study("2026-03-10T11:00:00Z", "1", "");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert_eq!(
        lines[0],
        format!(
            "Nothing due now; the next card is due on {date} at 06:00 ({date}T06:00:00+02:00)."
        )
    );
    assert!(lines[1].starts_with("Studied 0 cards in 0:00 · "), "{text}");
    assert!(lines[2].starts_with("Due by tomorrow: "), "{text}");
    assert_eq!(
        lines[3],
        "Learn 2 more new cards today: recall study deck.toml --new 11 · \
         practise now without changing the schedule: recall cram deck.toml"
    );
    assert_eq!(reviews(dir.path()).len(), 1);

    // The named command learns them; then only the cram is left to name.
    let text = study("2026-03-10T11:00:00Z", "11", "\n4\n\n4\n");
    assert!(text.contains("Studied 2 cards"), "{text}");
    let text = study("2026-03-10T11:30:00Z", "1", "");
    assert!(
        text.starts_with("Nothing due now; the next card is due on "),
        "{text}"
    );
    assert_eq!(
        text.lines().last(),
        Some("Practise now without changing the schedule: recall cram deck.toml")
    );
    assert_eq!(reviews(dir.path()).len(), 3);
}

#[test]
fn a_card_due_within_the_hour_is_said_in_minutes() {
    let dir = fixture("capitals");
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

#[test]
fn the_named_commands_keep_the_data_folder_and_profile() {
    let dir = fixture("capitals");
    // A data folder of its own on the command line, not the one RECALL_DATA_DIR names.
    let study = |args: &[&str], input: &str| {
        let mut all = vec!["study", "--plain", "deck.toml"];
        all.extend(args);
        run(dir.path(), "2026-03-10T10:00:00Z", &all, input)
    };
    let mine = ["--data-dir", "mine", "--profile", "bo", "--new", "1"];
    study(&mine, "\n4\n");
    let text = study(&mine, "");
    let last = text.lines().last().unwrap();
    assert_eq!(
        last,
        "Learn 2 more new cards today: recall study deck.toml --data-dir mine --profile bo \
         --new 11 · practise now without changing the schedule: \
         recall cram deck.toml --data-dir mine --profile bo"
    );
    // The command as printed learns them in the same profile.
    let named = last
        .split(": ")
        .nth(1)
        .and_then(|c| c.strip_suffix(" · practise now without changing the schedule"))
        .unwrap();
    let words: Vec<&str> = named.split(' ').collect();
    assert_eq!(words[..2], ["recall", "study"]);
    let mut args = words[1..].to_vec();
    args.push("--plain");
    let text = run(dir.path(), "2026-03-10T10:00:00Z", &args, "\n4\n\n4\n");
    assert!(text.contains("Studied 2 cards"), "{text}");
    let log = |data: &str, profile: &str| {
        let args = ["log", "--json", "--data-dir", data, "--profile", profile];
        run(dir.path(), "2026-03-10T10:00:00Z", &args, "")
            .lines()
            .count()
    };
    assert_eq!(log("mine", "bo"), 3);
    assert_eq!(log("data", "default"), 0);
}

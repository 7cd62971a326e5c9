//! Leeches: `leech_threshold` and `leech_action` from the config file, applied when a study
//! answer brings an item's lapses to the threshold; said on screen in plain mode, and listed
//! by `recall cards --leeches` with the line of the card.

use std::path::Path;

use crate::fixtures::copy_fixture;
use crate::support::{recall, stdout, write};

/// Runs `recall ARGS` at `now` with the config file `dir/config.toml`.
fn run(dir: &Path, now: &str, args: &[&str], input: &str) -> std::process::Output {
    let out = recall(dir)
        .env("RECALL_NOW", now)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
        .args(args)
        .write_stdin(input.to_owned())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    out
}

/// Studies `capitals/fr` until its second lapse, with `config`; returns what the last session
/// printed.
fn two_lapses(dir: &Path, config: &str) -> String {
    lapse_twice(dir, config, "0", "Lyon\n1\n")
}

/// [`two_lapses`], the last session taking `new` new cards and reading `last` (which must
/// forget fr first).
fn lapse_twice(dir: &Path, config: &str, new: &str, last: &str) -> String {
    copy_fixture(dir, "capitals", "deck.toml");
    write(dir, "config.toml", config);
    // Only fr is ever asked: one new card the first day, none after.
    let study = |now: &str, new: &str, input: &str| {
        stdout(&run(
            dir,
            now,
            &["study", "--plain", "--new", new, "deck.toml"],
            input,
        ))
    };
    study("2026-04-01T08:00:00Z", "1", "Paris\n3\n");
    study("2026-04-01T08:11:00Z", "0", "Paris\n3\n");
    let first = study("2026-04-04T09:00:00Z", "0", "Lyon\n1\n");
    assert!(!first.contains("Leech"), "one lapse is not two: {first}");
    study("2026-04-04T09:11:00Z", "0", "Paris\n3\n");
    study("2026-04-06T09:00:00Z", new, last)
}

/// The items `recall cards ARGS` lists, as `id path:line`.
fn listed(dir: &Path, args: &[&str]) -> Vec<String> {
    let mut all = vec!["cards", "deck.toml", "--json"];
    all.extend_from_slice(args);
    let out = run(dir, "2026-04-06T09:30:00Z", &all, "");
    let items: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            format!(
                "{} {}:{}",
                i["item"].as_str().unwrap(),
                i["path"].as_str().unwrap(),
                i["line"]
            )
        })
        .collect()
}

#[test]
fn a_leech_is_suspended_when_the_config_says_so_and_comes_back_with_unsuspend() {
    let dir = tempfile::tempdir().unwrap();
    let text = two_lapses(
        dir.path(),
        "leech_threshold = 2\nleech_action = \"suspend\"\n",
    );
    assert!(
        text.contains("(Leech: forgotten 2 times, so capitals/fr is suspended."),
        "{text}"
    );
    assert!(text.contains("`recall unsuspend capitals/fr`"), "{text}");
    assert_eq!(listed(dir.path(), &["--suspended"]), ["fr deck.toml:6"]);
    assert_eq!(listed(dir.path(), &["--leeches"]), ["fr deck.toml:6"]);
    run(
        dir.path(),
        "2026-04-06T09:30:00Z",
        &["unsuspend", "capitals/fr"],
        "",
    );
    assert!(listed(dir.path(), &["--suspended"]).is_empty());
}

#[test]
fn undo_takes_back_a_leech_suspension() {
    let dir = tempfile::tempdir().unwrap();
    // A new card follows, so the session goes on after the leech and `:undo` can be typed.
    let text = lapse_twice(
        dir.path(),
        "leech_threshold = 2\nleech_action = \"suspend\"\n",
        "1",
        "Lyon\n1\n:undo\n",
    );
    assert!(text.contains("so capitals/fr is suspended"), "{text}");
    assert!(text.contains("(The card is back.)"), "{text}");
    assert!(listed(dir.path(), &["--suspended"]).is_empty());
    assert_eq!(listed(dir.path(), &["--leeches"]), ["fr deck.toml:6"]);
}

#[test]
fn a_tagged_leech_stays_listed_when_the_threshold_is_raised() {
    let dir = tempfile::tempdir().unwrap();
    let text = two_lapses(dir.path(), "leech_threshold = 2\nleech_action = \"tag\"\n");
    assert!(
        text.contains("(Leech: forgotten 2 times, so capitals/fr is marked as a leech"),
        "{text}"
    );
    assert!(listed(dir.path(), &["--suspended"]).is_empty());
    assert_eq!(listed(dir.path(), &["--leeches"]), ["fr deck.toml:6"]);
    // The mark is kept in the profile: a higher threshold does not unlist it.
    write(dir.path(), "config.toml", "leech_threshold = 5\n");
    assert_eq!(listed(dir.path(), &["--leeches"]), ["fr deck.toml:6"]);
}

#[test]
fn a_warned_leech_is_only_named() {
    let dir = tempfile::tempdir().unwrap();
    let text = two_lapses(dir.path(), "leech_threshold = 2\nleech_action = \"warn\"\n");
    assert!(
        text.contains(
            "(Leech: capitals/fr was forgotten 2 times. Consider rewriting or suspending it.)"
        ),
        "{text}"
    );
    assert!(listed(dir.path(), &["--suspended"]).is_empty());
    assert_eq!(listed(dir.path(), &["--leeches"]), ["fr deck.toml:6"]);
    write(dir.path(), "config.toml", "leech_threshold = 5\n");
    assert!(listed(dir.path(), &["--leeches"]).is_empty());
}

#[test]
fn below_the_default_threshold_nothing_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let text = two_lapses(dir.path(), "");
    assert!(!text.contains("Leech"), "{text}");
    assert!(listed(dir.path(), &["--leeches"]).is_empty());
    let out = recall(dir.path())
        .env("RECALL_CONFIG", dir.path().join("bad.toml"))
        .env("RECALL_DATA_DIR", dir.path().join("data"))
        .args(["cards", "deck.toml"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "a missing config file is the defaults: {out:?}"
    );
    write(dir.path(), "bad.toml", "leech_action = \"delete\"\n");
    let out = recall(dir.path())
        .env("RECALL_CONFIG", dir.path().join("bad.toml"))
        .args(["cards", "deck.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(
            "bad.toml:1:16: error: `leech_action` must be \"suspend\", \"tag\" or \"warn\""
        ),
        "{out:?}"
    );
}

//! `recall cram` filters (`--new`, `--lapses`, `--recall-below`, `--due-within`) on the fixed
//! log of `cards.rs`, and `recall quiz --retake` asking again what an earlier quiz missed.

use std::path::Path;

use crate::cards::{NOW, fixed_log};
use crate::support::{run_at, stdout, write};

/// The questions a plain run printed, in order.
fn questions(out: &std::process::Output) -> Vec<String> {
    stdout(out)
        .lines()
        .filter_map(|l| l.strip_prefix("Q: "))
        .map(str::to_owned)
        .collect()
}

fn cram(dir: &Path, filters: &[&str], input: &str) -> std::process::Output {
    let mut args = vec!["cram", "--plain", "deck.toml"];
    args.extend_from_slice(filters);
    run_at(dir, NOW, &args, input)
}

#[test]
fn cram_filters_take_new_lapsed_weak_or_due_cards() {
    let dir = tempfile::tempdir().unwrap();
    fixed_log(dir.path());
    // caps/fr: studied, forgotten once, recall about 87% now and overdue; de and
    // de:reverse: never studied.
    let out = cram(dir.path(), &["--new"], "");
    assert!(out.status.success(), "{out:?}");
    // One side of the new card in the first round (in a random order); the other waits.
    let asked = questions(&out);
    assert!(
        asked == ["The capital of Germany"] || asked == ["Berlin"],
        "{asked:?}"
    );
    assert!(stdout(&out).contains("Crammed 2 cards"), "{out:?}");
    for filters in [
        &["--lapses", "1"][..],
        &["--recall-below", "0.9"],
        &["--due-within", "0"],
        &[
            "--due-within",
            "1d",
            "--lapses",
            "1",
            "--recall-below",
            "0.95",
        ],
    ] {
        let out = cram(dir.path(), filters, "Paris\n");
        assert!(out.status.success(), "{filters:?}: {out:?}");
        assert_eq!(questions(&out), ["Capital of France?"], "{filters:?}");
        assert!(
            stdout(&out).contains("Crammed 1 card in 1 round"),
            "{out:?}"
        );
    }
    for filters in [&["--lapses", "2"][..], &["--recall-below", "0.5"]] {
        let out = cram(dir.path(), filters, "");
        assert_eq!(out.status.code(), Some(2), "{filters:?}: {out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("no card passes the filters"),
            "{out:?}"
        );
    }
    for bad in [&["--recall-below", "1.5"][..], &["--new", "--lapses", "1"]] {
        let out = cram(dir.path(), bad, "");
        assert_eq!(out.status.code(), Some(2), "{bad:?}: {out:?}");
        assert!(questions(&out).is_empty());
    }
}

#[test]
fn quiz_retake_asks_again_only_what_was_missed() {
    let dir = tempfile::tempdir().unwrap();
    fixed_log(dir.path());
    // Two questions (one per card): "Paris" is right for France, wrong for Germany.
    let quiz = [
        "quiz",
        "--plain",
        "--types",
        "typed",
        "--seed",
        "5",
        "--results",
        "first.json",
        "deck.toml",
    ];
    let out = run_at(dir.path(), NOW, &quiz, "Paris\nParis\n");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(questions(&out).len(), 2);
    assert!(stdout(&out).contains("Score: 1 of 2"), "{out:?}");

    let retake = ["quiz", "--plain", "--retake", "first.json", "deck.toml"];
    let out = run_at(dir.path(), NOW, &retake, "Germany\n");
    assert!(out.status.success(), "{out:?}");
    let asked = questions(&out);
    assert_eq!(asked.len(), 1, "{out:?}");
    assert_ne!(asked[0], "Capital of France?");
    assert!(stdout(&out).contains("-- Question 1 of 1"), "{out:?}");

    // A results file of another deck is refused, and so is a file that is no results file.
    write(
        dir.path(),
        "other.toml",
        "[deck]\ntitle = \"O\"\nid = \"other\"\n\n[[card]]\nid = \"x\"\nfront = \"X?\"\nback = \"x\"\n",
    );
    let other = ["quiz", "--plain", "--retake", "first.json", "other.toml"];
    let out = run_at(dir.path(), NOW, &other, "");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains(
            "--retake first.json: the quiz was taken on deck \"caps\" (deck.toml), not among the decks given"
        ),
        "{out:?}"
    );
    assert!(questions(&out).is_empty());
    write(dir.path(), "junk.json", "{}");
    let junk = ["quiz", "--plain", "--retake", "junk.json", "deck.toml"];
    let out = run_at(dir.path(), NOW, &junk, "");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("not a results file"),
        "{out:?}"
    );
}

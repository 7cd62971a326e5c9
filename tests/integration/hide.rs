//! `recall suspend`, `recall unsuspend` and `recall unbury` outside a session: a card
//! suspended by mistake comes back.

use std::path::Path;

use tempfile::TempDir;

use crate::fixtures::{Card, DeckBuilder};
use crate::support::stdout;

const NOW: &str = "2026-04-02T08:00:00Z";

/// A new folder with the deck `caps` as `deck.toml`: France, Italy, and Germany both ways
/// round.
fn deck() -> TempDir {
    DeckBuilder::new("T")
        .with("id", "caps")
        .card(Card::basic("fr", "Capital of France?", "Paris"))
        .card(Card::basic("it", "Capital of Italy?", "Rome"))
        .card(Card::basic("de", "The capital of Germany", "Berlin").with("reverse", true))
        .in_temp_dir()
}

fn run(dir: &Path, args: &[&str], input: &str) -> std::process::Output {
    crate::support::run_at(dir, NOW, args, input)
}

/// The questions a plain session asks, one answered after another, until none is left.
fn asked(dir: &Path) -> Vec<String> {
    let out = run(
        dir,
        &["study", "--plain", "--new", "9", "deck.toml"],
        &"\n1\n".repeat(9),
    );
    let mut seen: Vec<String> = Vec::new();
    for q in stdout(&out).lines().filter_map(|l| l.strip_prefix("Q: ")) {
        if !seen.iter().any(|s| s == q) {
            seen.push(q.to_owned());
        }
    }
    seen
}

#[test]
fn a_card_suspended_in_a_session_comes_back_with_unsuspend() {
    let dir = deck();
    // Suspend the first question from the session's own menu.
    let out = run(dir.path(), &["study", "--plain", "deck.toml"], ":suspend\n");
    assert!(stdout(&out).contains("(Suspended.)"), "{out:?}");
    let before = asked(dir.path());
    assert!(
        !before.contains(&"Capital of France?".to_owned()),
        "{before:?}"
    );

    let out = run(dir.path(), &["unsuspend", "caps/fr"], "");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(stdout(&out), "Unsuspended 1 item:\n  caps/fr\n");
    assert!(asked(dir.path()).contains(&"Capital of France?".to_owned()));

    // A card id names all its items; a deck is needed only when the id is in several.
    let out = run(dir.path(), &["suspend", "de"], "");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        stdout(&out),
        "Suspended 2 items:\n  caps/de\n  caps/de:reverse\n"
    );
    let after = asked(dir.path());
    assert!(
        !after.iter().any(|q| q.contains("Germany") || q == "Berlin"),
        "{after:?}"
    );
}

#[test]
fn a_buried_card_comes_back_today_with_unbury() {
    let dir = deck();
    let out = run(dir.path(), &["study", "--plain", "deck.toml"], ":bury\n");
    assert!(stdout(&out).contains("(Buried until tomorrow.)"), "{out:?}");
    assert!(!asked(dir.path()).contains(&"Capital of France?".to_owned()));
    let out = run(dir.path(), &["unbury", "caps/fr"], "");
    assert!(out.status.success(), "{out:?}");
    assert!(asked(dir.path()).contains(&"Capital of France?".to_owned()));
}

#[test]
fn a_name_that_matches_nothing_changes_nothing() {
    let dir = deck();
    run(dir.path(), &["study", "--plain", "deck.toml"], "");
    let out = run(dir.path(), &["suspend", "it", "caps/nope"], "");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no item or card caps/nope in this profile")
    );
    let left = asked(dir.path());
    assert!(
        left.contains(&"Capital of Italy?".to_owned()),
        "it was not suspended either: {left:?}"
    );
}

#[test]
fn undo_in_a_plain_session_takes_back_a_suspension_and_a_burial() {
    let dir = deck();
    let out = run(
        dir.path(),
        &["study", "--plain", "deck.toml"],
        ":suspend\n:undo\n:bury\n:undo\n",
    );
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert_eq!(text.matches("(The card is back.)").count(), 2, "{text}");
    assert_eq!(text.matches("Q: Capital of France?").count(), 3, "{text}");
    assert!(asked(dir.path()).contains(&"Capital of France?".to_owned()));
}

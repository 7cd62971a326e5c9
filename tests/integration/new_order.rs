//! `new_order`: new cards in deck order or shuffled, from the config file or a deck's own
//! `[deck]` table. Both introduce as many new cards a day; the shuffle differs from deck order
//! and is the same on a restart the same day.

use std::path::Path;

use tempfile::TempDir;

use crate::fixtures::{Card, DeckBuilder};
use crate::support::{recall, stdout, write};

const DAY_ONE: &str = "2026-03-10T10:00:00Z";
const LATER: &str = "2026-03-10T15:00:00Z";
const DAY_TWO: &str = "2026-03-11T10:00:00Z";

/// A folder with a deck of 30 cards (`[deck]` with `deck_order`, if given) and a config file
/// of 5 new cards a day (with `config_order`, if given).
fn folder(deck_order: Option<&str>, config_order: Option<&str>) -> TempDir {
    let mut deck = DeckBuilder::new("Numbers").with("id", "numbers");
    if let Some(order) = deck_order {
        deck = deck.with("new_order", order);
    }
    let deck = (0..30).fold(deck, |deck, i| {
        deck.card(Card::basic(
            &format!("c{i}"),
            &format!("Question {i}?"),
            format!("Answer {i}"),
        ))
    });
    let dir = deck.in_temp_dir();
    let order = config_order.map_or_else(String::new, |o| format!("new_order = \"{o}\"\n"));
    write(
        dir.path(),
        "config.toml",
        format!("new_per_day = 5\n{order}"),
    );
    dir
}

/// The questions a plain session at `now` asks when `answers` cards are rated Easy.
fn asked(dir: &Path, now: &str, answers: usize) -> Vec<String> {
    let out = recall(dir)
        .env("RECALL_NOW", now)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
        .args(["study", "--plain", "deck.toml"])
        .write_stdin("\n4\n".repeat(answers))
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    text.lines()
        .filter_map(|l| l.strip_prefix("Q: "))
        .take(answers)
        .map(str::to_owned)
        .collect()
}

fn questions(range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("Question {i}?")).collect()
}

#[test]
fn random_order_differs_from_deck_order_and_holds_all_day() {
    let deck = folder(None, None);
    assert_eq!(asked(deck.path(), DAY_ONE, 6), questions(0..5));
    assert_eq!(asked(deck.path(), DAY_TWO, 6), questions(5..10));

    // From the config file: five new cards, not the first five.
    let config = folder(None, Some("random"));
    let first = asked(config.path(), DAY_ONE, 6);
    assert_eq!(first.len(), 5, "{first:?}");
    assert_ne!(first, questions(0..5));
    // The next day: five more, none seen before, in another order.
    let second = asked(config.path(), DAY_TWO, 6);
    assert_eq!(second.len(), 5, "{second:?}");
    assert!(
        second.iter().all(|q| !first.contains(q)),
        "{first:?} {second:?}"
    );

    // From the deck itself, over the config file's "deck": the same shuffle for the same deck
    // and day, and a restart later that day goes on with it.
    let own = folder(Some("random"), Some("deck"));
    let mut restarted = asked(own.path(), DAY_ONE, 2);
    restarted.extend(asked(own.path(), LATER, 6));
    assert_eq!(restarted, first);
}

#[test]
fn new_order_is_shown_by_config_and_checked() {
    let dir = folder(None, Some("random"));
    let config = |dir: &Path| {
        let mut cmd = recall(dir);
        cmd.env("RECALL_CONFIG", dir.join("config.toml"))
            .arg("config");
        cmd.output().unwrap()
    };
    let text = stdout(&config(dir.path()));
    let line = text
        .lines()
        .find(|l| l.contains("new_order"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        line.contains("random") && line.contains("config.toml:2"),
        "{text}"
    );

    write(dir.path(), "config.toml", "new_order = \"shuffled\"\n");
    let out = config(dir.path());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("`new_order` must be \"deck\" or \"random\""),
        "{err}"
    );

    let deck = folder(Some("sometimes"), None);
    let out = recall(deck.path())
        .args(["check", "deck.toml"])
        .output()
        .unwrap();
    let text = format!("{}{}", stdout(&out), String::from_utf8_lossy(&out.stderr));
    assert!(!out.status.success());
    assert!(
        text.contains("`new_order` must be \"deck\" or \"random\""),
        "{text}"
    );
}

//! Typed answers judged through the real binary in plain mode: a wrong ordinal is wrong,
//! the same ordinal in digits is right, and a typo never turns one answer into another.

use std::path::Path;

use crate::fixtures::{fixture, fixture_text};
use crate::support::{log_json, recall, root, stdout, write};

/// The `factions-ban-congress` card as the bundled deck has it, in a deck of its own.
fn congress_deck() -> String {
    let bundled = std::fs::read_to_string(root().join("decks/trotsky-exile.toml")).unwrap();
    let start = bundled
        .find("[[card]]\nid = \"factions-ban-congress\"")
        .expect("the bundled deck has the card");
    let rest = &bundled[start + 1..];
    let end = rest
        .find("[[card]]")
        .map_or(bundled.len(), |i| start + 1 + i);
    format!(
        "[deck]\ntitle = \"Congresses\"\nid = \"congresses\"\n\n{}",
        &bundled[start..end]
    )
}

/// Studies the deck in `dir` in plain mode, typing every answer, with `input` on stdin;
/// returns what was printed and whether each answer was logged as right.
fn study_typed(dir: &Path, deck: &str, input: &str) -> (String, Vec<bool>) {
    let (text, log) = study_typed_at(dir, deck, input, "2026-03-10T10:00:00Z");
    (text, log.into_iter().map(|(_, right)| right).collect())
}

/// [`study_typed`] at the instant `now`, with the card of each answer in the log.
fn study_typed_at(dir: &Path, deck: &str, input: &str, now: &str) -> (String, Vec<(String, bool)>) {
    write(dir, "deck.toml", deck);
    let out = recall(dir)
        .env("RECALL_NOW", now)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
        .args(["study", "--plain", "--mode", "type", "deck.toml"])
        .write_stdin(input)
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    let answers = log_json(dir, "default")
        .iter()
        .map(|row| {
            let card = row["card"].as_str().unwrap().to_owned();
            (card, row["correct"].as_bool().unwrap())
        })
        .collect();
    (text, answers)
}

#[test]
fn a_wrong_ordinal_is_wrong_and_the_right_one_in_digits_is_right() {
    let deck = congress_deck();
    let dir = tempfile::tempdir().unwrap();
    let (text, correct) = study_typed(dir.path(), &deck, "the Ninth Party Congress\n1\n");
    assert!(
        text.contains("Not right: you answered \"the Ninth Party Congress\""),
        "{text}"
    );
    assert!(!text.contains("typo forgiven"), "{text}");
    assert_eq!(correct, [false]);

    let dir = tempfile::tempdir().unwrap();
    let (text, correct) = study_typed(dir.path(), &deck, "the 10th Party Congress\n3\n");
    assert!(text.contains("Correct."), "{text}");
    assert_eq!(correct, [true]);

    let dir = tempfile::tempdir().unwrap();
    let (text, correct) = study_typed(dir.path(), &deck, "Tenth Party Congres\n3\n");
    assert!(text.contains("Correct (typo forgiven)"), "{text}");
    assert_eq!(correct, [true]);
}

#[test]
fn another_cards_answer_is_not_forgiven_as_a_typo() {
    let deck = &fixture_text("names");
    let dir = tempfile::tempdir().unwrap();
    let (text, correct) = study_typed(dir.path(), deck, "Sverdlov\n1\nSverdlov\n3\n");
    assert!(
        text.contains("Not right: you answered \"Sverdlov\""),
        "{text}"
    );
    assert_eq!(correct, [false, true]);
    // Months later the deck is read from the cache, whose words come from a thread of their
    // own: still wrong.
    let later = "2026-09-10T10:00:00Z";
    let (text, log) = study_typed_at(dir.path(), deck, "Sverdlov\n1\nSverdlov\n3\n", later);
    let again = &log[2..];
    assert!(
        again.contains(&("town".to_owned(), false)),
        "{log:?}\n{text}"
    );
    assert!(again.contains(&("man".to_owned(), true)), "{log:?}\n{text}");
}

/// A quiz and a cram judge typed answers with the decks' words, as study does: "Sverdlov",
/// another card's answer, is not forgiven as a typo of "Sverdlovsk".
#[test]
fn quiz_and_cram_never_forgive_a_typo_into_another_cards_answer() {
    for command in ["quiz", "cram"] {
        let dir = fixture("names");
        let out = recall(dir.path())
            .env("RECALL_NOW", "2026-03-10T10:00:00Z")
            .env("RECALL_DATA_DIR", dir.path().join("data"))
            .args([command, "--plain", "deck.toml"])
            .args(if command == "quiz" {
                &["--types", "typed"][..]
            } else {
                &[][..]
            })
            .write_stdin("Sverdlov\nSverdlov\n:quit\n")
            .output()
            .unwrap();
        let text = stdout(&out);
        assert!(out.status.success(), "{command}: {text}");
        if command == "quiz" {
            assert!(text.contains("Score: 1 of 2"), "{text}");
            assert!(
                text.contains("you: \"Sverdlov\" · right: Sverdlovsk"),
                "{text}"
            );
        } else {
            assert_eq!(text.matches("Correct").count(), 1, "{text}");
            assert!(!text.contains("typo forgiven"), "{text}");
            assert!(
                text.contains("Not right: you answered \"Sverdlov\""),
                "{text}"
            );
        }
    }
}

/// On a deck too large to gather its words before the first question (they are gathered on
/// a thread), another card's answer is still never a typo, from the first answer on.
#[test]
fn a_large_decks_words_are_known_from_the_first_answer() {
    let dir = tempfile::tempdir().unwrap();
    let mut deck = fixture_text("names");
    for i in 0..1500 {
        deck.push_str(&format!(
            "\n[[card]]\nid = \"f{i}\"\nfront = \"Filler question {i}?\"\nback = \"filler {i}\"\n"
        ));
    }
    write(dir.path(), "deck.toml", &deck);
    let out = recall(dir.path())
        .env("RECALL_NOW", "2026-03-10T10:00:00Z")
        .env("RECALL_DATA_DIR", dir.path().join("data"))
        .args([
            "study",
            "--plain",
            "--mode",
            "type",
            "--limit",
            "1",
            "deck.toml",
        ])
        .write_stdin("Sverdlov\n\n")
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Q: Which town was Yekaterinburg"), "{text}");
    assert!(
        text.contains("Not right: you answered \"Sverdlov\""),
        "{text}"
    );
}

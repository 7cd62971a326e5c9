//! `recall study` when nothing is due: the next due time in the learner's terms, then the
//! list offering more new cards, a cram or quitting, each chosen with keys.

use std::path::Path;

use super::{
    ENTER, ESC, FLIP, LATER_TODAY, NOW, Pty, RATE, THREE_CAPITALS, deck, log_json, ratings, triple,
};
use crate::support::{recall, stdout};

const OFFER: &str = "What next?";
const CRAM: &str = "Cram: practise cards now without changing the schedule";

/// `recall study --plain ARGS` in `dir` at `now`, fed `input`; its standard output.
fn plain(dir: &Path, now: &str, args: &[&str], input: &str) -> String {
    let out = recall(dir)
        .env("TZ", "UTC")
        .env("RECALL_NOW", now)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
        .args(["study", "--plain"])
        .args(args)
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    stdout(&out)
}

/// "on 2026-03-17 at 04:00": how the terminal says the due time of the last review logged
/// for `card` (the pty runs on UTC), read from `recall log --json`.
fn said_due(dir: &Path, card: &str) -> String {
    let log = log_json(dir);
    let row = log
        .iter()
        .rev()
        .find(|r| r["card"] == card)
        .expect("a review of the card");
    let due = row["after"]["due"].as_str().expect("a due time");
    // "2026-03-17T04:00:00Z"
    format!("on {} at {}", &due[..10], &due[11..16])
}

#[test]
fn learn_more_asks_new_cards_beyond_the_limit_for_today_only() {
    let dir = tempfile::tempdir().unwrap();
    deck(dir.path(), THREE_CAPITALS);
    // One new card a day: France, answered Easy, is days away.
    plain(dir.path(), NOW, &["--new", "1", "deck.toml"], "\n4\n");

    let mut pty = Pty::spawn(
        dir.path(),
        LATER_TODAY,
        &["study", "--new", "1", "deck.toml"],
    );
    let due = said_due(dir.path(), "fr");
    assert!(due.starts_with("on 2026-03-"), "{due}");
    pty.expect(&format!("Nothing due now; the next card is due {due}."));
    let (options, cursor) = pty.list(OFFER);
    assert_eq!(options, ["Learn 2 more new cards today", CRAM, "Quit"]);
    assert_eq!(cursor, 0);
    pty.send(ENTER);
    pty.expect("0 done · 1 new · 0 learning · 0 review");
    pty.expect("Capital of Italy?");
    pty.list(FLIP);
    pty.send(ENTER);
    pty.expect("Answer: Rome");
    pty.choose(RATE, "Easy");
    pty.expect("1 done ·");
    pty.expect("Capital of Spain?");
    pty.list(FLIP);
    pty.send(ESC);
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Studied 1 card in"), "{rest}");
    assert_eq!(
        ratings(dir.path()),
        [triple("fr", 4, None), triple("it", 4, None)]
    );
    assert!(log_json(dir.path()).iter().all(|r| r["mode"] == "study"));

    // The raised limit was for that run only: Spain waits, and is offered again.
    let text = plain(dir.path(), LATER_TODAY, &["--new", "1", "deck.toml"], "");
    assert!(!text.contains("Capital of Spain?"), "{text}");
    assert!(
        text.contains("Learn 1 more new card today: recall study deck.toml --new 12 · "),
        "{text}"
    );
}

#[test]
fn cram_practises_without_moving_the_schedule() {
    let dir = tempfile::tempdir().unwrap();
    deck(dir.path(), THREE_CAPITALS);
    plain(dir.path(), NOW, &["deck.toml"], "\n4\n\n4\n\n4\n");
    let next_due = |dir: &Path| {
        let text = plain(dir, LATER_TODAY, &["deck.toml"], "");
        let line = text
            .lines()
            .find(|l| l.starts_with("Nothing due now"))
            .unwrap_or_else(|| panic!("no next-due line:\n{text}"))
            .to_owned();
        assert!(line.contains("+00:00)."), "{line}");
        line
    };
    let before = next_due(dir.path());

    let mut pty = Pty::spawn(dir.path(), LATER_TODAY, &["study", "deck.toml"]);
    pty.expect("Nothing due now; the next card is due on 2026-03-");
    // Every card was learned: no new ones to offer.
    pty.choose(OFFER, "Cram");
    pty.expect("Round 1: 3 cards");
    pty.expect("Capital of");
    pty.expect("Your answer:");
    pty.send(&format!("Atlantis{ENTER}"));
    pty.expect("Not right");
    pty.expect("Your answer:");
    pty.send(ESC);
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Crammed"), "{rest}");
    assert!(!rest.contains("Studied 0 cards"), "{rest}");

    let log = log_json(dir.path());
    let modes: Vec<&str> = log.iter().map(|r| r["mode"].as_str().unwrap()).collect();
    assert_eq!(modes, ["study", "study", "study", "cram"]);
    assert_eq!(log[3]["correct"], false);
    // A wrong answer in a study would have put the card back into relearning, due soon.
    assert_eq!(next_due(dir.path()), before);
}

#[test]
fn esc_at_the_offer_quits_with_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    deck(dir.path(), THREE_CAPITALS);
    plain(dir.path(), NOW, &["--new", "1", "deck.toml"], "\n4\n");
    let mut pty = Pty::spawn(
        dir.path(),
        LATER_TODAY,
        &["study", "--new", "1", "deck.toml"],
    );
    pty.list(OFFER);
    pty.send(ESC);
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Studied 0 cards in"), "{rest}");
    assert_eq!(ratings(dir.path()), [triple("fr", 4, None)]);
}

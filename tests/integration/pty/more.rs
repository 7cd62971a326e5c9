//! `recall study` when nothing is due: the next due time in the learner's terms, then the
//! list offering more new cards, a cram or quitting, each chosen with keys.

use std::path::Path;

use super::{ANSWER, ENTER, ESC, FLIP, LATER_TODAY, NOW, Pty, log_json, ratings, triple};
use crate::fixtures::fixture;
use crate::support::run_in_zone;

const OFFER: &str = "What next?";
const CRAM: &str = "Cram: practise cards now without changing the schedule";

/// `recall study --plain ARGS` in `dir` at `now`, fed `input`; its standard output.
fn plain(dir: &Path, now: &str, args: &[&str], input: &str) -> String {
    let all = [&["study", "--plain"][..], args].concat();
    run_in_zone(dir, "UTC", now, &all, input)
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
    let dir = fixture("capitals");
    // One new card a day: France, answered Easy, is days away.
    plain(dir.path(), NOW, &["--new", "1", "deck.toml"], "\n4\n");

    let mut pty = Pty::study(dir.path(), LATER_TODAY, &["--new", "1"]);
    let due = said_due(dir.path(), "fr");
    assert!(due.starts_with("on 2026-03-"), "{due}");
    pty.expect(&format!("Nothing due now; the next card is due {due}."));
    let (options, cursor) = pty.list(OFFER);
    assert_eq!(options, ["Learn 2 more new cards today", CRAM, "Quit"]);
    assert_eq!(cursor, 0);
    pty.send(ENTER);
    pty.next_question(
        "0 done · 2 new · 0 learning · 0 review",
        "Capital of Italy?",
    );
    pty.reveal();
    pty.expect("Answer: Rome");
    pty.rate("Easy");
    pty.next_question("1 done ·", "Capital of Spain?");
    pty.esc_at(FLIP);
    pty.expect_summary("Studied 1 card in");
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
    let dir = fixture("capitals");
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

    let mut pty = Pty::study(dir.path(), LATER_TODAY, &[]);
    pty.expect("Nothing due now; the next card is due on 2026-03-");
    // Every card was learned: no new ones to offer.
    pty.choose(OFFER, "Cram");
    pty.expect("Round 1: 3 cards");
    pty.expect("Capital of");
    pty.answer("Atlantis");
    pty.expect("Not right");
    pty.expect(ANSWER);
    pty.send(ESC);
    let rest = pty.expect_summary("Crammed");
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
    let dir = fixture("capitals");
    plain(dir.path(), NOW, &["--new", "1", "deck.toml"], "\n4\n");
    let mut pty = Pty::study(dir.path(), LATER_TODAY, &["--new", "1"]);
    pty.esc_at(OFFER);
    pty.expect_summary("Studied 0 cards in");
    assert_eq!(ratings(dir.path()), [triple("fr", 4, None)]);
}

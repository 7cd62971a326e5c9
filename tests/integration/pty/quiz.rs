//! `recall quiz` and `recall cram` in a pseudo-terminal: each type of question answered with
//! keys, immediate feedback, Esc ending a quiz with its report, a cram round.

use std::path::Path;

use tempfile::TempDir;

use super::{ANSWER, ENTER, ESC, NOW, Pty, log_json};
use crate::fixtures::fixture;
use crate::quiz::right_reply;

/// A new folder with the fixture deck "quiz", and a quiz of one question of `types` started
/// in it with `seed`, its feedback given at once.
fn quiz(types: &str, seed: &str) -> (TempDir, Pty) {
    let dir = fixture("quiz");
    let args = [
        "quiz",
        "deck.toml",
        "--types",
        types,
        "--count",
        "1",
        "--seed",
        seed,
        "--feedback",
        "immediate",
    ];
    let pty = Pty::spawn(dir.path(), NOW, &args);
    (dir, pty)
}

/// The question shown in `screen`: the line after the status line `Question 1 of 1`.
fn question(screen: &str) -> String {
    let after = screen
        .split("Question 1 of 1")
        .nth(1)
        .expect("a status line");
    after.lines().nth(1).unwrap_or_default().trim().to_owned()
}

/// The right reply to the question shown, as the plain protocol would take it.
fn right(shown: &str) -> String {
    let line = match shown.strip_prefix("True or false? ") {
        Some(statement) => format!("True or false: {statement}"),
        None => format!("Q: {shown}"),
    };
    right_reply(&format!("-- Question 1 of 1\n{line}\n"))
}

/// The question a cram shows under the status line `status`, once its answer line is drawn.
fn cram_question(pty: &mut Pty, status: &str) -> String {
    question(&pty.expect(ANSWER).replace(status, "Question 1 of 1"))
}

/// Ends the quiz and checks the score and the one answer logged with the mode quiz.
fn score_one_of_one(pty: Pty, dir: &Path) {
    pty.expect_summary("Score: 1 of 1 (100%)");
    let log = log_json(dir);
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["mode"], "quiz");
    assert_eq!(log[0]["correct"], true);
}

#[test]
fn typed_and_cloze_questions_are_typed() {
    for types in ["typed", "cloze"] {
        let (dir, mut pty) = quiz(types, "4");
        let shown = question(&pty.expect(ANSWER));
        if types == "cloze" {
            assert!(shown.contains("[...]"), "{shown}");
        }
        pty.send(&format!("{}{ENTER}", right(&shown)));
        pty.expect("Correct.");
        score_one_of_one(pty, dir.path());
    }
}

#[test]
fn choice_and_true_or_false_are_picked_from_a_list() {
    for (types, seed) in [
        ("choice", "1"),
        // A question paired with its own answer, with another card's, and a true/false card.
        ("truefalse", "1"),
        ("truefalse", "2"),
        ("truefalse", "8"),
    ] {
        let (dir, mut pty) = quiz(types, seed);
        let shown = question(&pty.expect(ANSWER));
        let (options, cursor) = pty.options(ANSWER);
        assert_eq!(cursor, 0);
        let reply = right(&shown);
        let label = match reply.as_str() {
            "true" => "True",
            "false" => "False",
            other => other,
        };
        if types == "truefalse" {
            assert_eq!(options, ["True", "False"], "{shown}");
        } else {
            assert!(options.len() >= 2, "{options:?}");
        }
        pty.choose_seen(&options, label);
        pty.expect("Correct.");
        score_one_of_one(pty, dir.path());
    }
}

#[test]
fn an_ordering_is_built_by_picking_the_next_item() {
    let (dir, mut pty) = quiz("order", "1");
    pty.expect("Order these planets from the Sun.");
    let (options, _) = pty.list("Which comes first?");
    pty.choose_seen(&options, "Mercury");
    pty.expect("Which comes first? Mercury");
    for planet in ["Venus", "Earth"] {
        let (options, _) = pty.list("Which comes next?");
        pty.choose_seen(&options, planet);
        // The list answered, so the next search starts after it.
        pty.expect(&format!("Which comes next? {planet}"));
    }
    pty.expect("Correct.");
    pty.expect("A: Mercury → Venus → Earth → Mars");
    score_one_of_one(pty, dir.path());
}

#[test]
fn esc_ends_the_quiz_with_the_report_and_a_wrong_answer_is_shown() {
    let dir = fixture("quiz");
    let args = [
        "quiz",
        "deck.toml",
        "--types",
        "typed",
        "--count",
        "3",
        "--seed",
        "8",
    ];
    let mut pty = Pty::spawn(dir.path(), NOW, &args);
    pty.expect("Question 1 of 3");
    pty.answer("Atlantis");
    pty.expect("Question 2 of 3");
    pty.expect(ANSWER);
    pty.send(ESC);
    let rest = pty.expect_summary("Score: 0 of 3 (0%)");
    assert!(rest.contains("Quit early"), "{rest}");
    assert!(rest.contains("you: \"Atlantis\""), "{rest}");
    assert!(rest.contains("you: (no answer)"), "{rest}");
    let log = log_json(dir.path());
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["answer"], "Atlantis");
}

#[test]
fn cram_asks_a_missed_card_again_in_the_next_round() {
    let dir = fixture("quiz");
    let mut pty = Pty::spawn(dir.path(), NOW, &["cram", "deck.toml", "--tag", "dates"]);
    pty.expect("Round 1: 2 cards");
    let first = cram_question(&mut pty, "Round 1 · card 1 of 2");
    pty.send(&format!("1066{ENTER}"));
    pty.expect("Not right");
    let second = cram_question(&mut pty, "Round 1 · card 2 of 2");
    assert_ne!(first, second);
    pty.send(&format!("{}{ENTER}", right(&second)));
    pty.expect("Correct.");
    pty.expect("Round 2: 1 card");
    let again = cram_question(&mut pty, "Round 2 · card 1 of 1");
    assert_eq!(again, first);
    pty.send(&format!("{}{ENTER}", right(&first)));
    pty.expect("Correct.");
    pty.expect_summary("Crammed 2 cards in 2 rounds · 3 answers · 1 right the first time");
    let log = log_json(dir.path());
    assert_eq!(log.len(), 3);
    assert!(log.iter().all(|r| r["mode"] == "cram"));
}

/// In a terminal quiz or cram, `:quit` typed as the answer ends it as Esc does: nothing is
/// graded or logged. A cram round gives a card's hint on `:hint`; a quiz gives none.
#[test]
fn quit_typed_in_a_terminal_quiz_or_cram_ends_it_ungraded() {
    for (command, hint_reply) in [
        ("quiz", "No hints in a quiz; :quit ends it."),
        ("cram", "(no hint for this card)"),
    ] {
        let dir = fixture("capitals");
        let args = [command, "deck.toml", "--types", "typed"];
        let args = if command == "quiz" {
            &args[..]
        } else {
            &args[..2]
        };
        let mut pty = Pty::spawn(dir.path(), NOW, args);
        pty.answer(":hint");
        pty.expect(hint_reply);
        pty.answer(":quit");
        let (code, rest) = pty.finish();
        assert_eq!(code, 0, "{command}: {rest}");
        assert!(
            !rest.contains("Not right"),
            "{command} graded :quit: {rest}"
        );
        assert!(log_json(dir.path()).is_empty(), "{command}: nothing logged");
    }
}

/// Ctrl-C at a quiz's list at the bottom of a short terminal: the list is collapsed to its
/// title before the report, which overwrites nothing.
#[test]
fn ctrl_c_at_a_quiz_list_leaves_it_finished() {
    let dir = fixture("quiz");
    let args = ["quiz", "deck.toml", "--types", "choice", "--count", "1"];
    let mut pty = Pty::spawn_sized(dir.path(), NOW, &args, 80, 6);
    pty.list(ANSWER);
    pty.send(super::CTRL_C);
    let screen = super::final_screen(pty, 80, 6);
    let lines = screen.all_lines();
    assert!(screen.scrolled > 0, "{lines:#?}");
    let at = lines
        .iter()
        .position(|l| l == "? Your answer: <canceled>")
        .unwrap_or_else(|| panic!("{lines:#?}"));
    assert!(!lines.iter().any(|l| l.starts_with('[')), "{lines:#?}");
    assert!(
        lines[at + 1..].iter().any(|l| l.starts_with("Score:")),
        "{lines:#?}"
    );
}

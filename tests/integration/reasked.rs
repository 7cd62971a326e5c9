//! A line that answers nothing the question offers is asked again, never graded: a number
//! not on the list, a word that is neither true nor false, an ordering that repeats or misses
//! a position. In `study`, `quiz` and `cram`, plain mode, for each kind of question that has
//! a list; the log keeps exactly the one answer that was given.

use std::path::Path;

use crate::support::{stdout, write};

const NOW: &str = "2026-04-02T08:00:00Z";

/// One deck file per kind of question, so each run asks exactly one question.
const KINDS: [(&str, &str, &str); 3] = [
    (
        "tf",
        "[[card]]\nid = \"flat\"\nfront = \"The Earth is flat.\"\nback = false\n",
        "Answer 1 or true, 2 or false.",
    ),
    (
        "choice",
        "[[card]]\nid = \"france\"\nfront = \"Capital of France?\"\nback = \"Paris\"\n\
         choices = [\"Rome\", \"Madrid\", \"Berlin\"]\n",
        "Answer with a number from 1 to 4, or the text of an option.",
    ),
    (
        "order",
        "[[card]]\nid = \"planets\"\nfront = \"Order these planets from the Sun.\"\n\
         order = [\"Mercury\", \"Venus\", \"Earth\", \"Mars\"]\n",
        "Give each number from 1 to 4 once, in order (e.g. 2 1 3).",
    ),
];

/// Lines that are not answers to the question of `kind`, then one that is.
fn lines(kind: &str) -> (Vec<&'static str>, &'static str) {
    match kind {
        "tf" => (vec!["7", "0", "maybe", "1 2"], "false"),
        "choice" => (vec!["7", "0", "Lyon"], "Paris"),
        "order" => (
            vec!["9 9 9 9", "1 1 1 1", "1 2", "1 2 3 4 5", "x"],
            "1 2 3 4",
        ),
        _ => unreachable!(),
    }
}

fn deck(dir: &Path, kind: &str, card: &str) {
    write(
        dir,
        "deck.toml",
        format!("[deck]\ntitle = \"T\"\nid = \"{kind}\"\n\n{card}"),
    );
}

/// Runs `recall ARGS deck.toml` with `input` on stdin; returns what it printed.
fn run(dir: &Path, args: &[&str], input: String) -> String {
    let out = crate::support::run_at(dir, NOW, &[args, &["deck.toml"]].concat(), &input);
    let text = stdout(&out);
    assert!(out.status.success(), "{args:?}: {text}");
    text
}

/// Runs each command on each kind with the refused lines, then a valid answer and what
/// the command needs after it (`after`): the message comes once per refused line and the
/// log holds one answer, whatever it was.
fn each_kind(command: &[&str], after: &str) {
    for (kind, card, expected) in KINDS {
        let dir = tempfile::tempdir().unwrap();
        deck(dir.path(), kind, card);
        let (refused, valid) = lines(kind);
        let input: String = refused
            .iter()
            .chain([&valid])
            .map(|l| format!("{l}\n"))
            .collect::<String>()
            + after;
        let text = run(dir.path(), command, input);
        assert_eq!(
            text.matches(expected).count(),
            refused.len(),
            "{command:?} {kind}: {text}"
        );
        let log = crate::support::log_json(dir.path(), "default");
        assert_eq!(
            log.len(),
            1,
            "{command:?} {kind}: one answer logged: {log:?}"
        );
    }
}

#[test]
fn study_asks_again() {
    each_kind(&["study", "--plain", "--limit", "1"], "3\n");
}

#[test]
fn quiz_asks_again() {
    // Only the types with a list: the choice card is never asked typed.
    each_kind(
        &[
            "quiz",
            "--plain",
            "--count",
            "1",
            "--types",
            "choice,truefalse,order",
        ],
        "",
    );
}

#[test]
fn cram_asks_again() {
    // A wrong ordering would come back in a second round: `:quit` ends it there.
    each_kind(&["cram", "--plain"], ":quit\n");
}

#[test]
fn a_right_answer_after_refused_lines_counts_as_right() {
    let dir = tempfile::tempdir().unwrap();
    let (kind, card, _) = KINDS[0];
    deck(dir.path(), kind, card);
    let text = run(dir.path(), &["quiz", "--plain"], "7\nmaybe\n2\n".to_owned());
    assert!(text.contains("Score: 1 of 1"), "{text}");
}

//! Deck text, file names and typed answers are untrusted: control, bidirectional and
//! zero-width characters never reach the terminal or a results file as they are.

use std::path::Path;

use crate::fixtures::copy_fixture;
use crate::support::{stdout, write};

const NOW: &str = "2026-04-02T08:00:00Z";

fn run(dir: &Path, args: &[&str], input: &str) -> std::process::Output {
    crate::support::run_at(dir, NOW, args, input)
}

/// Characters that change how text shows without showing themselves.
const INVISIBLE: [char; 5] = ['\u{202e}', '\u{202c}', '\u{200b}', '\u{2066}', '\u{feff}'];

#[test]
fn invisible_characters_in_a_deck_are_warned_of_never_printed_and_never_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    // The front would show reversed; the answer holds a zero-width space inside the word.
    write(
        dir.path(),
        "deck.toml",
        "[deck]\ntitle = \"T\"\n\n[[card]]\nid = \"iran\"\n\
         front = \"Which country's capital is \\u202EnarheT\\u202C?\"\nback = \"I\\u200Bran\"\nmode = \"type\"\n",
    );
    let out = run(dir.path(), &["check", "deck.toml"], "");
    assert!(out.status.success(), "warnings only: {out:?}");
    let report = stdout(&out);
    assert!(
        report.contains(
            "deck.toml:6:9: warning[invisible]: `front` contains the invisible character \\u{202e}"
        ),
        "{report}"
    );
    assert!(
        report.contains(
            "deck.toml:7:8: warning[invisible]: `back` contains the invisible character \\u{200b}"
        ),
        "{report}"
    );
    let out = run(dir.path(), &["study", "--plain", "deck.toml"], "Iran\n\n");
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(!text.contains(INVISIBLE), "{text:?}");
    assert!(
        text.contains("A: Iran\nCorrect."),
        "the word shown is the word checked: {text}"
    );
}

#[test]
fn a_file_name_holding_esc_is_an_error_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    // A deck with no id of its own: its id comes from the file name.
    copy_fixture(dir.path(), "france", "bad\u{1b}[2Jname.toml");
    let out = run(dir.path(), &["check", "."], "");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let report = stdout(&out);
    assert!(!report.contains('\u{1b}') && !String::from_utf8_lossy(&out.stderr).contains('\u{1b}'));
    assert!(
        report.contains("the deck's id comes from the file name, \"bad\\u{1b}[2Jname\""),
        "{report}"
    );
}

#[test]
fn typed_answers_reach_a_results_csv_escaped() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture(dir.path(), "france", "deck.toml");
    let typed = "Par\u{1b}]0;owned\u{7}is\u{202e}";
    let out = run(
        dir.path(),
        &[
            "quiz",
            "--plain",
            "deck.toml",
            "--types",
            "typed",
            "--results",
            "r.csv",
        ],
        &format!("{typed}\n"),
    );
    assert!(out.status.success(), "{out:?}");
    assert!(
        !stdout(&out).contains(['\u{1b}', '\u{7}', '\u{202e}']),
        "{out:?}"
    );
    let csv = std::fs::read_to_string(dir.path().join("r.csv")).unwrap();
    assert!(!csv.contains(['\u{1b}', '\u{7}', '\u{202e}']), "{csv:?}");
    assert!(csv.contains("Par\\u{1b}]0;owned\\u{7}is\\u{202e}"), "{csv}");
}

use std::io::{BufRead, BufReader, Write};
use std::path::Path;

use crate::fixtures::{Card, DeckBuilder, copy_fixture, fixture};
use crate::support::{log_json, piped, recall, stdout, write};

/// A flip card, a true-or-false, a choice and an ordering: `tests/fixtures/four-kinds.toml`.
const DECK: &str = include_str!("../fixtures/four-kinds.toml");

fn study(dir: &Path, now: &str) -> assert_cmd::Command {
    let mut cmd = recall(dir);
    cmd.env("RECALL_NOW", now)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
        .args(["study", "--plain", "deck.toml"]);
    cmd
}

#[test]
fn the_line_protocol_answers_rates_and_saves() {
    let dir = fixture("four-kinds");
    // fr: typed right, Enter takes Good; tf: "1" = True, then 3; mc: the option's text, 4;
    // order: "3 1 2" is some order, then 1; then end of input.
    let input = "paris\n\n1\n3\nRome\n4\n";
    let out = study(dir.path(), "2026-03-10T10:00:00Z")
        .write_stdin(input)
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("Q: Capital of France?"), "{text}");
    assert!(
        text.contains("A: Paris\nCorrect.\nWhy: On the Seine.\nSource: An atlas"),
        "{text}"
    );
    assert!(
        text.contains("True or false: Berlin is the capital of Germany."),
        "{text}"
    );
    assert!(text.contains("  1) True\n  2) False"), "{text}");
    assert!(text.contains("Studied 3 cards"), "{text}");
    let log = log_json(dir.path(), "default");
    let mut ratings: Vec<(&str, i64)> = log
        .iter()
        .map(|r| (r["card"].as_str().unwrap(), r["rating"].as_i64().unwrap()))
        .collect();
    ratings.sort_unstable();
    assert_eq!(ratings, [("fr", 3), ("mc", 4), ("tf", 3)]);
    let correct: Vec<bool> = log
        .iter()
        .map(|r| r["correct"].as_bool().unwrap())
        .collect();
    assert_eq!(correct, [true, true, true]);
    assert!(log.iter().all(|r| r["mode"] == "study"));
}

#[test]
fn an_empty_rating_after_no_attempt_is_asked_again_and_eof_ends_cleanly() {
    let dir = fixture("four-kinds");
    let out = study(dir.path(), "2026-03-10T10:00:00Z")
        .write_stdin("\n\n2\n")
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(out.status.success());
    assert_eq!(
        text.matches("Rate 1-4 (again, hard, good, easy):").count(),
        1,
        "{text}"
    );
    let log = log_json(dir.path(), "default");
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["rating"], 2);
    assert!(log[0]["correct"].is_null());
}

#[test]
fn days_pass_with_recall_now() {
    let dir = fixture("four-kinds");
    // Everything Easy today: it all graduates to day intervals.
    let out = study(dir.path(), "2026-03-10T10:00:00Z")
        .write_stdin("\n4\n\n4\n\n4\n\n4\n")
        .output()
        .unwrap();
    assert!(stdout(&out).contains("Studied 4 cards"), "{}", stdout(&out));
    // Tomorrow nothing is due.
    let out = study(dir.path(), "2026-03-11T10:00:00Z").output().unwrap();
    let text = stdout(&out);
    assert!(
        text.contains("Nothing due now; the next card is due") || text.contains("Nothing due now."),
        "{text}"
    );
    assert!(text.contains("Studied 0 cards"), "{text}");
    // A month later they are all due again, oldest-interval first.
    let out = study(dir.path(), "2026-04-10T10:00:00Z")
        .write_stdin("\n3\n")
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("0 new ·"), "{text}");
    assert!(text.contains("Studied 1 card "), "{text}");
}

#[test]
fn bad_decks_and_bad_now_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "deck.toml",
        "[deck]\ntitle = \"x\"\n[[card]]\nfront = \"q\"\n",
    );
    let out = study(dir.path(), "2026-03-10T10:00:00Z").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("deck.toml:3:1: error: card is missing `back`")
    );
    copy_fixture(dir.path(), "four-kinds", "deck.toml");
    let out = study(dir.path(), "yesterday").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("RECALL_NOW"));
}

/// `recall study --plain deck.toml` in `dir` at a fixed time, its stdin and stdout piped.
fn spawn_study(dir: &Path) -> std::process::Child {
    let args = ["study", "--plain", "deck.toml"];
    piped(dir, "2026-03-10T10:00:00Z", &args).spawn().unwrap()
}

#[test]
fn a_killed_session_keeps_every_answer_given() {
    let dir = fixture("four-kinds");
    let mut child = spawn_study(dir.path());
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut wait_for = |needle: &str| {
        for line in lines.by_ref() {
            if line.unwrap().contains(needle) {
                return;
            }
        }
        panic!("never saw {needle:?}");
    };
    wait_for("Q: Capital of France?");
    stdin.write_all(b"Paris\n3\n").unwrap();
    wait_for("True or false:");
    stdin.write_all(b"2\n1\n").unwrap();
    // The third question on screen means both answers were committed before it.
    wait_for("Q: Capital of Italy?");
    child.kill().unwrap();
    child.wait().unwrap();
    let log = log_json(dir.path(), "default");
    // RECALL_NOW gives both answers the same time, so the log's order between them is open.
    let mut cards: Vec<(&str, bool)> = log
        .iter()
        .map(|r| (r["card"].as_str().unwrap(), r["correct"].as_bool().unwrap()))
        .collect();
    cards.sort_unstable();
    assert_eq!(cards, [("fr", true), ("tf", false)]);
}

#[test]
fn a_first_launch_killed_at_its_first_question_leaves_a_profile_to_go_on_with() {
    let dir = fixture("four-kinds");
    // The deck is new to the profile: its intake is still being written (or about to be)
    // when the first question shows.
    let mut child = spawn_study(dir.path());
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    assert!(
        lines
            .by_ref()
            .any(|l| l.unwrap().contains("Q: Capital of France?"))
    );
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(log_json(dir.path(), "default").is_empty());
    // The next launch asks the same questions and keeps its answers.
    let out = study(dir.path(), "2026-03-10T10:05:00Z")
        .write_stdin("paris\n3\n1\n3\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("Q: Capital of France?"));
    let log = log_json(dir.path(), "default");
    // Both answers have the same time, so the log's order between them is open.
    let mut cards: Vec<&str> = log.iter().map(|r| r["card"].as_str().unwrap()).collect();
    cards.sort_unstable();
    assert_eq!(cards, ["fr", "tf"]);
}

#[test]
fn a_folder_of_new_deck_files_is_studied_at_its_first_launch() {
    // Each new file is taken in on a thread of its own; none may wait on another's lock.
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("decks")).unwrap();
    write(&dir.path().join("decks"), "a.toml", DECK);
    write(
        &dir.path().join("decks"),
        "b.toml",
        DECK.replace("id = \"kinds\"", "id = \"kinds-2\""),
    );
    let started = std::time::Instant::now();
    let out = recall(dir.path())
        .env("RECALL_NOW", "2026-03-10T10:00:00Z")
        .env("RECALL_DATA_DIR", dir.path().join("data"))
        .env("RECALL_CONFIG", dir.path().join("config.toml"))
        .args(["study", "--plain"])
        .write_stdin("paris\n3\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(started.elapsed() < std::time::Duration::from_secs(3));
    let log = log_json(dir.path(), "default");
    assert_eq!(log.len(), 1, "{log:?}");
}

#[test]
fn two_sessions_at_once_on_one_profile_lose_nothing() {
    let dir = fixture("four-kinds");
    write(
        dir.path(),
        "other.toml",
        DECK.replace("id = \"kinds\"", "id = \"kinds-2\""),
    );
    let spawn = |deck: &str| {
        let args = ["study", "--plain", deck];
        piped(dir.path(), "2026-03-10T10:00:00Z", &args)
            .spawn()
            .unwrap()
    };
    let mut a = spawn("deck.toml");
    let mut b = spawn("other.toml");
    let script = b"paris\n3\n1\n3\nRome\n3\n1 2 3\n3\n";
    a.stdin.take().unwrap().write_all(script).unwrap();
    b.stdin.take().unwrap().write_all(script).unwrap();
    assert!(a.wait_with_output().unwrap().status.success());
    assert!(b.wait_with_output().unwrap().status.success());
    let log = log_json(dir.path(), "default");
    let per_deck = |d: &str| log.iter().filter(|r| r["deck"] == d).count();
    assert_eq!((per_deck("kinds"), per_deck("kinds-2")), (4, 4));
}

#[test]
fn an_edited_deck_is_read_again_even_with_the_same_size_and_time() {
    let dir = fixture("four-kinds");
    let file = dir.path().join("deck.toml");
    let first = study(dir.path(), "2026-03-01T10:00:00Z")
        .write_stdin("")
        .output()
        .unwrap();
    assert!(stdout(&first).contains("Capital of France?"), "{first:?}");
    let cached = study(dir.path(), "2026-03-01T10:00:00Z")
        .write_stdin("")
        .output()
        .unwrap();
    assert_eq!(stdout(&cached), stdout(&first));
    // The same number of bytes and the same modification time: only the content differs.
    let time = std::fs::metadata(&file).unwrap().modified().unwrap();
    std::fs::write(&file, DECK.replace("of France?", "of Frbnce?")).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&file)
        .unwrap()
        .set_modified(time)
        .unwrap();
    let edited = study(dir.path(), "2026-03-01T10:00:00Z")
        .write_stdin("")
        .output()
        .unwrap();
    assert!(stdout(&edited).contains("Capital of Frbnce?"), "{edited:?}");
    // A deck broken after it was cached is refused, not studied from the cache.
    std::fs::write(&file, DECK.replace("back = \"Paris\"", "back = ")).unwrap();
    let broken = study(dir.path(), "2026-03-01T10:00:00Z")
        .write_stdin("")
        .output()
        .unwrap();
    assert!(!broken.status.success(), "{broken:?}");
}

/// Quitting at the rating, or the input ending there, keeps an answer that was typed and
/// checked, with the rating suggested for it, and says so.
#[test]
fn quitting_at_the_rating_keeps_the_checked_answer() {
    for (input, rating) in [("Paris\n:quit\n", 3), ("Lyon\n", 1)] {
        let dir = tempfile::tempdir().unwrap();
        DeckBuilder::new("T")
            .with("id", "caps")
            .card(Card::basic("fr", "Capital of France?", "Paris").with("mode", "type"))
            .write(dir.path(), "deck.toml");
        let out = crate::support::run_at(
            dir.path(),
            "2026-04-02T08:00:00Z",
            &["study", "--plain", "deck.toml"],
            input,
        );
        let text = crate::support::stdout(&out);
        assert!(out.status.success(), "{text}");
        let label = if rating == 3 { "Good" } else { "Again" };
        assert!(
            text.contains(&format!("(Your answer was saved, rated {label}.)")),
            "{text}"
        );
        let log = crate::support::log_json(dir.path(), "default");
        assert_eq!(log.len(), 1, "{log:?}");
        assert_eq!(log[0]["rating"], rating, "{log:?}");
    }
}

#[test]
fn the_summary_counts_cards_and_names_the_answers_apart() {
    let dir = fixture("capitals");
    // France: forgotten (its 1-minute step comes back at once, the clock standing still),
    // then known; Italy and Spain known.
    let out = study(dir.path(), "2026-03-10T10:00:00Z")
        .args(["--mode", "flip"])
        .write_stdin("\n1\n\n4\n\n4\n\n3\n")
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert_eq!(log_json(dir.path(), "default").len(), 4, "{text}");
    assert!(text.contains("Studied 3 cards (4 answers) in "), "{text}");
}

/// Before the first `Q:`, one line of what is coming; after the summary, when the next card
/// is due, or, after quitting, how many cards were left for today.
#[test]
fn a_session_opens_with_what_is_coming_and_closes_with_the_next_due_time() {
    let dir = fixture("capitals");
    let session = |now: &str, input: &str| {
        let out = study(dir.path(), now)
            .env("TZ", "UTC")
            .write_stdin(input)
            .output()
            .unwrap();
        stdout(&out)
    };
    let text = session("2026-03-10T10:00:00Z", "\n2\n");
    assert!(
        text.starts_with(
            "Capitals: 0 reviews due, 3 new, 0 learning · about 1 minute\n-- 0 done · 3 new"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("in a row\nLeft for today: 3 cards\n"),
        "{text}"
    );

    // Every card answered Easy: the queue is emptied, the first is due again in 7 days.
    let text = session("2026-03-10T11:00:00Z", "\n4\n\n4\n\n4\n");
    assert!(
        text.starts_with("Capitals: 0 reviews due, 2 new, 1 learning · about 1 minute\n"),
        "{text}"
    );
    assert!(text.contains("Studied 3 cards"), "{text}");
    let last = text.lines().last().unwrap();
    assert!(
        last.starts_with("The next card is due on 2026-03-1"),
        "{text}"
    );
}

/// `--mode auto`: a card with choices is a multiple choice while new, and typed once its
/// memory is two days stable.
#[test]
fn auto_mode_asks_a_new_choice_card_as_a_choice_then_typed() {
    let dir = crate::fixtures::capitals_of([crate::fixtures::italy_with_choices("it")]);
    let first = stdout(
        &study(dir.path(), "2026-03-10T10:00:00Z")
            .write_stdin("Rome\n4\n")
            .output()
            .unwrap(),
    );
    assert!(first.contains(") Rome\n"), "{first}");
    assert!(first.contains("Correct."), "{first}");
    let later = stdout(
        &study(dir.path(), "2026-04-20T10:00:00Z")
            .write_stdin("rome\n\n")
            .output()
            .unwrap(),
    );
    assert!(
        later.contains("Q: Capital of Italy?\nA: Rome\nCorrect."),
        "{later}"
    );
    assert!(!later.contains(") Rome"), "{later}");
}

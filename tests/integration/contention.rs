//! Sessions and maintenance commands on one profile at once: answers to one card from two
//! sessions, a busy database.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use recall::scheduler::CardState;
use recall::store::{ReviewLine, Store};

use crate::fixtures::{Card, DeckBuilder};
use crate::support::{log_json, recall, stdout, write};

/// Writes the deck `one`, of the card `c`, as `dir/one.toml`.
fn one(dir: &Path) {
    DeckBuilder::new("One")
        .with("id", "one")
        .card(Card::basic("c", "Capital of France?", "Paris"))
        .write(dir, "one.toml");
}

/// `recall study --plain --mode type one.toml` in `dir`, at `now` when given, else on the
/// system clock; its stdout lines come through the receiver.
fn spawn_typed(dir: &Path, now: Option<&str>) -> (Child, Receiver<String>) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_recall"));
    cmd.current_dir(dir)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
        .env_remove("RECALL_NOW")
        .args(["study", "--plain", "--mode", "type", "one.toml"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(now) = now {
        cmd.env("RECALL_NOW", now);
    }
    let mut child = cmd.spawn().unwrap();
    let out = child.stdout.take().unwrap();
    let (send, lines) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines() {
            if send.send(line.unwrap_or_default()).is_err() {
                return;
            }
        }
    });
    (child, lines)
}

fn wait_for(lines: &Receiver<String>, needle: &str) {
    loop {
        match lines.recv_timeout(Duration::from_secs(20)) {
            Ok(line) if line.contains(needle) => return,
            Ok(_) => {}
            Err(e) => panic!("never saw {needle:?}: {e}"),
        }
    }
}

fn answer(mut child: Child, input: &str) {
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input.as_bytes()).unwrap();
    drop(stdin);
    let status = child.wait().unwrap();
    assert!(status.success(), "{status}");
}

fn log(dir: &Path) -> Vec<ReviewLine> {
    log_json(dir, "default")
        .into_iter()
        .map(|v| serde_json::from_value(v).unwrap())
        .collect()
}

fn stored(dir: &Path) -> Option<CardState> {
    let store = Store::open_path(&dir.join("data/default.sqlite3")).unwrap();
    store.card("one", "c").unwrap().and_then(|r| r.state)
}

/// Both sessions show the card; the first answers it right and Easy, then the second wrong
/// and Again. The second answer is scheduled from the state the first left, the stored state
/// is the second answer's, and a replay of the log (an import of nothing) changes nothing.
fn two_sessions_answer_one_card(now: Option<&str>) {
    let dir = tempfile::tempdir().unwrap();
    one(dir.path());
    let (first, first_lines) = spawn_typed(dir.path(), now);
    wait_for(&first_lines, "Q: Capital of France?");
    let (second, second_lines) = spawn_typed(dir.path(), now);
    wait_for(&second_lines, "Q: Capital of France?");
    answer(first, "Paris\n4\n");
    answer(second, "London\n1\n");

    let reviews = log(dir.path());
    assert_eq!(reviews.len(), 2, "{reviews:?}");
    let ratings: Vec<u8> = reviews.iter().map(|r| r.rating).collect();
    assert_eq!(ratings, [4, 1]);
    assert_eq!(reviews[1].before.as_ref(), Some(&reviews[0].after));
    let state = stored(dir.path());
    assert_eq!(state.as_ref(), Some(&reviews[1].after));

    write(dir.path(), "empty.jsonl", "");
    let out = recall(dir.path())
        .env("RECALL_DATA_DIR", dir.path().join("data"))
        .args(["import-progress", "empty.jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        stdout(&out).contains("0 cards rescheduled"),
        "{}",
        stdout(&out)
    );
    assert_eq!(stored(dir.path()), state);
}

#[test]
fn contention_an_answer_to_a_card_answered_elsewhere_is_scheduled_from_the_stored_state() {
    two_sessions_answer_one_card(Some("2026-03-10T10:00:00Z"));
}

#[test]
fn contention_the_same_on_the_system_clock() {
    two_sessions_answer_one_card(None);
}

/// A session whose answer meets the write lock held by another process for longer than any
/// timeout: it waits, says so on stderr, and saves the answer once the lock is free.
#[test]
fn contention_an_answer_waits_for_a_write_lock_held_for_long() {
    let dir = tempfile::tempdir().unwrap();
    one(dir.path());
    let (mut session, lines) = spawn_typed(dir.path(), Some("2026-03-10T10:00:00Z"));
    wait_for(&lines, "Q: Capital of France?");
    let mut stdin = session.stdin.take().unwrap();
    let stderr = session.stderr.take().unwrap();
    let (send, said) = channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let _ = send.send(line.unwrap_or_default());
        }
    });
    let other = rusqlite::Connection::open(dir.path().join("data/default.sqlite3")).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    stdin.write_all(b"Paris\n3\n").unwrap();
    wait_for(&said, "waiting");
    // Longer than the 5 s a write used to wait before it gave up.
    std::thread::sleep(Duration::from_secs(6));
    assert!(session.try_wait().unwrap().is_none(), "the session gave up");
    other.execute_batch("COMMIT").unwrap();
    drop(stdin);
    let status = session.wait().unwrap();
    assert!(status.success(), "{status}");
    let reviews = log(dir.path());
    assert_eq!(reviews.len(), 1, "{reviews:?}");
    assert_eq!(reviews[0].rating, 3);
}

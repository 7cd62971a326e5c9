//! `recall reschedule` on the josh Anki log (12,580 reviews of 1,205 cards): a dry run
//! writes nothing; after the desired retention changes or a fit is saved, a real run gives
//! the states a fresh profile importing the same log with the new settings gets from its own
//! replay; a lower retention moves cards only later, a higher one only earlier; marks stay;
//! nobody asked, no write; in a terminal, a question first.

use std::path::Path;
use std::process::Output;

use tempfile::TempDir;

use crate::revlog::{import_josh_args, josh};
use crate::support::{pty_output, recall, stdout, terminal_env, write};

/// The day after the log's last review.
const NOW: &str = "2024-10-07T15:00:00Z";

/// Runs `recall --profile PROFILE ARGS...` at `NOW` with the data and the config file
/// (`config.toml`, absent until a test writes it) in `dir`.
fn run(dir: &Path, profile: &str, args: &[&str]) -> Output {
    run_when(dir, profile, NOW, args)
}

/// [`run`] at `now`.
pub(crate) fn run_when(dir: &Path, profile: &str, now: &str, args: &[&str]) -> Output {
    recall(dir)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
        .env("RECALL_NOW", now)
        .env("TZ", "UTC")
        .args(["--profile", profile])
        .args(args)
        .output()
        .unwrap()
}

/// Imports the josh log into `profile`, and makes its cards those of a deck file,
/// `deck.toml`, as a learner who studies them in recall has them (a card in no deck file is
/// never due in a session, so the forecast leaves it out).
pub(crate) fn import(dir: &Path, profile: &str) {
    let file = josh().display().to_string();
    let out = run(dir, profile, &import_josh_args(&file));
    assert!(out.status.success(), "{out:?}");
    let log = std::fs::read_to_string(josh()).unwrap();
    let ids: std::collections::BTreeSet<&str> = log
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    let mut deck = "[deck]\ntitle = \"Josh\"\nid = \"anki-import\"\n".to_owned();
    for id in ids {
        deck.push_str(&format!(
            "[[card]]\nid = \"{id}\"\nfront = \"Q{id}\"\nback = \"A{id}\"\n"
        ));
    }
    write(dir, "deck.toml", deck);
    // A session that ends at once, before its first question, syncs the deck's rows.
    let out = run(dir, profile, &["study", "--plain", "deck.toml"]);
    assert!(out.status.success(), "{out:?}");
    // That session may end before its check of the file does, leaving the write-ahead log
    // beside the file; the next connection to close copies the log in. Closing one here
    // makes the file whole, so the tests can say a command wrote nothing by its bytes.
    let file = dir.join(format!("data/{profile}.sqlite3"));
    let conn = rusqlite::Connection::open(&file).unwrap();
    // SQLite opens the file at the first statement; only then does closing copy the log.
    conn.query_row("SELECT count(*) FROM card", [], |_| Ok(()))
        .unwrap();
    drop(conn);
    assert!(!dir.join(format!("data/{profile}.sqlite3-wal")).exists());
}

pub(crate) fn json(out: &Output) -> serde_json::Value {
    assert!(out.status.success(), "{out:?}");
    serde_json::from_str(&stdout(out)).unwrap()
}

/// Every card of `profile`: id, stored state, due, suspended, read with SQLite itself.
type Row = (String, Option<Vec<u8>>, Option<i64>, bool);
fn cards(dir: &Path, profile: &str) -> Vec<Row> {
    let file = dir.join(format!("data/{profile}.sqlite3"));
    let conn = rusqlite::Connection::open(file).unwrap();
    let mut stmt = conn
        .prepare("SELECT id, state, due, suspended FROM card ORDER BY id")
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)));
    rows.unwrap().map(Result::unwrap).collect()
}

fn total(days: &serde_json::Value) -> u64 {
    days.as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_u64().unwrap())
        .sum()
}

#[test]
fn reschedule_after_a_lower_retention_matches_a_fresh_replay_and_a_dry_run_writes_nothing() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    import(d, "default");
    let suspended = run(d, "default", &["suspend", "anki-import/1726443844912"]);
    assert!(suspended.status.success(), "{suspended:?}");
    write(d, "config.toml", "desired_retention = 0.8\n");
    let file = d.join("data/default.sqlite3");
    let bytes = std::fs::read(&file).unwrap();
    let before = cards(d, "default");

    // A dry run, as JSON and as text, writes nothing.
    let preview = json(&run(d, "default", &["reschedule", "--dry-run", "--json"]));
    let text = stdout(&run(d, "default", &["reschedule", "--dry-run"]));
    assert!(text.contains("Dry run: nothing was written."), "{text}");
    assert!(text.contains("  Mon 2024-10-07  "), "{text}");
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    assert_eq!(cards(d, "default"), before);
    assert_eq!(preview["cards"], 1205);
    assert_eq!(preview["first_day"], "2024-10-07");
    assert_eq!(preview["written"], false);
    assert_eq!(preview["due_before"].as_array().unwrap().len(), 30);
    let later = preview["later"].as_u64().unwrap();
    assert!(later > 100, "{preview}");
    assert_eq!(preview["earlier"], 0, "{preview}");
    assert!(
        total(&preview["due_after"]) < total(&preview["due_before"]),
        "{preview}"
    );

    // Nobody to ask and no --yes: refused, nothing written.
    let refused = run(d, "default", &["reschedule"]);
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--yes"));
    assert_eq!(std::fs::read(&file).unwrap(), bytes);

    let done = json(&run(
        d,
        "default",
        &["reschedule", "--yes", "--json", "deck.toml"],
    ));
    assert_eq!(done["written"], true);
    for key in ["changed", "earlier", "later", "due_before", "due_after"] {
        assert_eq!(done[key], preview[key], "{key}");
    }
    let after = cards(d, "default");
    assert_ne!(after, before);
    // The suspended card is still suspended, with its new state.
    let mark = |rows: &[Row]| {
        rows.iter()
            .filter(|r| r.3)
            .map(|r| r.0.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(mark(&after), ["1726443844912"]);

    // A fresh profile importing the log with retention 0.8 replays it on its own path.
    import(d, "fresh");
    let suspend = run(d, "fresh", &["suspend", "anki-import/1726443844912"]);
    assert!(suspend.status.success());
    assert_eq!(cards(d, "fresh"), after);

    let again = run(d, "default", &["reschedule", "--yes"]);
    assert!(
        stdout(&again).contains("Nothing to reschedule."),
        "{again:?}"
    );
    assert_eq!(cards(d, "default"), after);
}

/// Saves parameters for `profile` as `recall optimize` could have fitted them.
fn save_fit(dir: &Path, profile: &str) {
    let mut parameters = recall::scheduler::fsrs::DEFAULT_PARAMETERS;
    for (i, w) in parameters.iter_mut().enumerate() {
        *w *= if i % 2 == 0 { 1.1 } else { 0.95 };
    }
    let fit = recall::store::FittedParameters {
        parameters,
        reviews: 6372,
        time: chrono::DateTime::UNIX_EPOCH,
    };
    let mut store = recall::store::Store::open_dir(&dir.join("data"), profile).unwrap();
    store.save_fitted_parameters(&fit).unwrap();
}

#[test]
fn reschedule_after_a_fit_matches_a_fresh_replay_with_the_fitted_parameters() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    import(d, "default");
    let before = cards(d, "default");
    save_fit(d, "default");
    let done = json(&run(d, "default", &["reschedule", "--yes", "--json"]));
    assert!(done["changed"].as_u64().unwrap() > 100, "{done}");
    assert_ne!(cards(d, "default"), before);
    save_fit(d, "fresh");
    import(d, "fresh");
    assert_eq!(cards(d, "fresh"), cards(d, "default"));
}

#[test]
fn reschedule_after_a_higher_retention_moves_cards_only_earlier() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    import(d, "default");
    write(d, "config.toml", "desired_retention = 0.95\n");
    let preview = json(&run(d, "default", &["reschedule", "--dry-run", "--json"]));
    assert!(preview["earlier"].as_u64().unwrap() > 100, "{preview}");
    assert_eq!(preview["later"], 0, "{preview}");
    assert!(
        total(&preview["due_after"]) > total(&preview["due_before"]),
        "{preview}"
    );
}

#[test]
fn reschedule_of_a_profile_never_used_creates_nothing() {
    let dir = TempDir::new().unwrap();
    let out = run(dir.path(), "default", &["reschedule", "--dry-run"]);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("nothing to reschedule"), "{out:?}");
    assert!(!dir.path().join("data/default.sqlite3").exists());
}

/// Reads the terminal's output into `screen` until it holds `needle` (10 s at most).
pub(crate) fn wait_for(
    chunks: &std::sync::mpsc::Receiver<Vec<u8>>,
    screen: &mut String,
    needle: &str,
) {
    let limit = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !screen.contains(needle) {
        let wait = limit.saturating_duration_since(std::time::Instant::now());
        match chunks.recv_timeout(wait) {
            Ok(chunk) => screen.push_str(&String::from_utf8_lossy(&chunk)),
            Err(e) => panic!("{e} waiting for {needle:?}; the screen:\n{screen}"),
        }
    }
}

/// Runs `recall ARGS` at `now` in a terminal with its data in `dir`, waits for the question
/// "Write the new schedule?", answers `key` and waits for `says` and the program's end.
/// Returns the screen.
pub(crate) fn answer_in_terminal(
    dir: &Path,
    now: &str,
    args: &[&str],
    key: &str,
    says: &str,
) -> String {
    use expectrl::Expect;
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_recall"));
    cmd.args(args);
    terminal_env(&mut cmd, dir, now);
    let mut session = expectrl::Session::spawn(cmd).unwrap();
    let chunks = pty_output(&session);
    let mut screen = String::new();
    wait_for(&chunks, &mut screen, "Write the new schedule?");
    session.send(format!("{key}\r")).unwrap();
    wait_for(&chunks, &mut screen, says);
    // The program ends: the channel closes.
    while chunks
        .recv_timeout(std::time::Duration::from_secs(10))
        .is_ok()
    {}
    screen
}

#[test]
fn reschedule_in_a_terminal_asks_before_it_writes() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    import(d, "default");
    write(d, "config.toml", "desired_retention = 0.85\n");
    let before = cards(d, "default");
    for (key, says) in [("n", "Nothing was written."), ("y", "Rescheduled ")] {
        let screen = answer_in_terminal(d, NOW, &["reschedule"], key, says);
        assert!(screen.contains("come back later"), "{screen}");
        let now = cards(d, "default");
        assert_eq!(now == before, key == "n", "{screen}");
    }
}

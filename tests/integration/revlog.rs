//! `recall import-revlog`: the josh Anki log (12,580 reviews of 1,205 cards) into a real
//! profile, twice; malformed rows; files with nothing usable.

use std::path::{Path, PathBuf};
use std::process::Output;

use tempfile::TempDir;

use crate::support::{recall, stdout, write};

/// The real Anki review log of one learner (see tests/data/README.md).
pub fn josh() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/anki-revlog-josh.csv")
}

/// Runs `recall --data-dir DIR/data ARGS...` with no config file.
pub fn run(dir: &Path, args: &[&str]) -> Output {
    recall(dir)
        .arg("--data-dir")
        .arg(dir.join("data"))
        .env("RECALL_CONFIG", dir.join("no-config.toml"))
        .args(args)
        .output()
        .unwrap()
}

/// The arguments that import the josh log, at `file`, with the learner's calendar (UTC-5,
/// Anki's 4 am day start).
pub fn import_josh_args(file: &str) -> [&str; 6] {
    [
        "import-revlog",
        file,
        "--tz-offset",
        "-300",
        "--day-starts",
        "4",
    ]
}

/// Imports the josh log with the learner's calendar (UTC-5, Anki's 4 am day start).
pub fn import_josh(dir: &Path) -> Output {
    let file = josh().display().to_string();
    run(dir, &import_josh_args(&file))
}

/// (reviews, cards, cards with a state) of the default profile, read with SQLite itself.
fn counts(dir: &Path) -> (i64, i64, i64) {
    let conn = rusqlite::Connection::open(dir.join("data/default.sqlite3")).unwrap();
    conn.query_row(
        "SELECT (SELECT count(*) FROM review), (SELECT count(*) FROM card), \
         (SELECT count(*) FROM card WHERE state IS NOT NULL)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .unwrap()
}

#[test]
fn revlog_josh_imports_once_however_often_it_is_imported() {
    let dir = TempDir::new().unwrap();
    let first = import_josh(dir.path());
    assert!(first.status.success(), "{first:?}");
    assert!(
        stdout(&first).contains("12580 reviews of 1205 cards into deck anki-import, 12580 new"),
        "{}",
        stdout(&first)
    );
    assert_eq!(counts(dir.path()), (12_580, 1205, 1205));
    let second = import_josh(dir.path());
    assert!(second.status.success(), "{second:?}");
    assert!(stdout(&second).contains(", 0 new"), "{}", stdout(&second));
    assert_eq!(counts(dir.path()), (12_580, 1205, 1205));

    // The log shows them as study answers of the deck, each with its states.
    let out = run(dir.path(), &["log", "--json", "--limit", "2"]);
    let last: serde_json::Value =
        serde_json::from_str(stdout(&out).lines().last().unwrap()).unwrap();
    assert_eq!(last["deck"], "anki-import");
    assert_eq!(last["card"], "1726443844912");
    assert_eq!(last["time"], "2024-10-06T17:13:00.857Z");
    assert_eq!(last["mode"], "study");
    assert!(last["before"].is_object() && last["after"].is_object());
}

#[test]
fn revlog_malformed_rows_are_reported_and_skipped() {
    let dir = TempDir::new().unwrap();
    let csv = write(
        dir.path(),
        "log.csv",
        "card_id,review_rating,review_time,review_duration\n\
         7,3,2024-04-01T20:00:00+00:00,1200\n\
         7,9,2024-04-02T20:00:00+00:00,1200\n\
         7,3,2024-04-03,1200\n\
         \n\
         8,1,2024-04-01T20:00:00Z\n\
         7,3,2024-04-01T20:00:00+00:00,99\n\
         8,3,2024-04-03T20:00:00Z,800\n",
    );
    let out = run(dir.path(), &["import-revlog", "log.csv"]);
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 4, "{err}");
    assert!(
        lines[0].starts_with("log.csv:3: review_rating \"9\""),
        "{err}"
    );
    assert!(
        lines[1].starts_with("log.csv:4: review_time \"2024-04-03\""),
        "{err}"
    );
    assert!(
        lines[2].starts_with("log.csv:6: expected 4 fields, found 3"),
        "{err}"
    );
    assert!(
        lines[3].starts_with("log.csv:7: card 7 answered again"),
        "{err}"
    );
    assert!(
        stdout(&out).contains("2 reviews of 2 cards into deck anki-import, 2 new; 4 rows skipped"),
        "{}",
        stdout(&out)
    );
    assert_eq!(counts(dir.path()), (2, 2, 2));
    assert!(csv.exists());
}

#[test]
fn revlog_a_file_with_nothing_usable_is_an_error_and_writes_nothing() {
    let dir = TempDir::new().unwrap();
    write(
        dir.path(),
        "bad.csv",
        "card_id,review_rating,review_time,review_duration\n1,0,2024-04-01T20:00:00Z,5\n",
    );
    let out = run(dir.path(), &["import-revlog", "bad.csv", "--deck", "old"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.csv:2: review_rating \"0\""), "{err}");
    assert!(
        err.contains("no usable review rows; nothing was imported"),
        "{err}"
    );

    write(dir.path(), "headless.csv", "1,3,2024-04-01T20:00:00Z,5\n");
    let out = run(dir.path(), &["import-revlog", "headless.csv"]);
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("headless.csv:1: the header has no card_id")
    );

    let out = run(dir.path(), &["import-revlog", "missing.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.csv"));

    if dir.path().join("data/default.sqlite3").exists() {
        assert_eq!(counts(dir.path()).0, 0);
    }
}

#[test]
fn revlog_imported_cards_count_in_stats_under_their_deck() {
    let dir = TempDir::new().unwrap();
    let imported = import_josh(dir.path());
    assert!(imported.status.success(), "{imported:?}");
    let out = recall(dir.path())
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .env("RECALL_CONFIG", dir.path().join("no-config.toml"))
        .env("RECALL_NOW", "2024-10-07T12:00:00Z")
        .args(["stats", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let decks = v["cards"]["decks"].as_array().unwrap();
    let anki = decks
        .iter()
        .find(|d| d["id"] == "anki-import")
        .expect("the imported history is listed");
    assert_eq!(anki["total"], 1205);
    assert_eq!(anki["new"], 0, "every imported card has answers");
    let forecast: u64 = v["forecast"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert!(forecast > 0, "imported cards fall due");
}

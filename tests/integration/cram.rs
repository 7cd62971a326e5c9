//! `recall cram` through pipes, answered line by line as the questions come: missed cards
//! come back in the next round, the schedule in the store file is untouched, the answers are
//! logged with the mode cram, and `--weakest` takes the cards least likely recalled.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;

use recall::store::{CardRecord, Store};

use crate::fixtures::fixture;
use crate::support::{piped, recall, stdout};

const NOW: &str = "2026-04-02T08:00:00Z";
const LATER: &str = "2026-04-09T08:00:00Z";

/// Studies the first cards of the deck in plain mode: each revealed, then rated.
fn study(dir: &Path, ratings: &[u8]) {
    let input: String = ratings.iter().map(|r| format!("\n{r}\n")).collect();
    let limit = ratings.len().to_string();
    let out = recall(dir)
        .env("RECALL_NOW", NOW)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
        .args(["study", "--plain", "deck.toml", "--limit", &limit])
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
}

/// Copies the profile's database files into `dir/name`, a data folder of its own (without
/// the deck cache's folder, which nothing needs).
fn copy_profile(dir: &Path, name: &str) -> std::path::PathBuf {
    let copy = dir.join(name);
    std::fs::create_dir(&copy).unwrap();
    for entry in std::fs::read_dir(dir.join("data")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, copy.join(path.file_name().unwrap())).unwrap();
        }
    }
    copy
}

/// Every card row of the deck in the profile's database file.
fn records(dir: &Path) -> Vec<CardRecord> {
    let store = Store::open_path(&dir.join("data/default.sqlite3")).unwrap();
    store.cards("q").unwrap()
}

/// Runs `recall cram ARGS` at `now`, answering each question as it appears with
/// `reply(question, how many times it was asked before)`; returns the questions in the order
/// asked and everything printed.
fn cram(
    dir: &Path,
    now: &str,
    args: &[&str],
    mut reply: impl FnMut(&str, usize) -> String,
) -> (Vec<String>, String) {
    let args = [&["cram", "deck.toml"][..], args].concat();
    let mut child = piped(dir, now, &args).spawn().unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut asked: Vec<String> = Vec::new();
    let mut text = String::new();
    while let Some(Ok(line)) = lines.next() {
        text.push_str(&line);
        text.push('\n');
        if let Some(question) = line.strip_prefix("Q: ") {
            let before = asked.iter().filter(|q| *q == question).count();
            asked.push(question.to_owned());
            writeln!(stdin, "{}", reply(question, before)).unwrap();
            stdin.flush().unwrap();
        }
    }
    drop(stdin);
    assert!(child.wait().unwrap().success(), "{text}");
    (asked, text)
}

fn right(question: &str) -> &'static str {
    match question {
        "Capital of France?" => "Paris",
        "Capital of Italy?" => "Rome",
        "Capital of Spain?" => "Madrid",
        other => panic!("unexpected question {other:?}"),
    }
}

#[test]
fn cram_goes_round_until_each_card_is_right_and_leaves_the_schedule_alone() {
    let dir = fixture("quiz");
    study(dir.path(), &[3, 1]);
    let before = records(dir.path());
    // Twins of the profile that will not cram: one to compare the next study session with,
    // one to import the cram answers into.
    let twin = copy_profile(dir.path(), "twin");
    let importer = copy_profile(dir.path(), "importer");
    assert!(before.iter().filter(|r| r.state.is_some()).count() == 2);

    // The first card asked is missed once; the others are right at once.
    let mut first = None;
    let (asked, text) = cram(dir.path(), LATER, &["--tag", "geo"], |q, seen| {
        let first = first.get_or_insert_with(|| q.to_owned());
        if q == first && seen == 0 {
            "Lyon".to_owned()
        } else {
            right(q).to_owned()
        }
    });
    assert_eq!(asked.len(), 4, "{text}");
    assert_eq!(asked[3], asked[0], "the missed card comes back in round 2");
    assert!(text.contains("== Round 1: 3 cards"), "{text}");
    assert!(text.contains("== Round 2: 1 card\n"), "{text}");
    assert!(text.contains("Not right: you answered \"Lyon\""), "{text}");
    assert!(
        text.contains("Crammed 3 cards in 2 rounds · 4 answers · 2 right the first time"),
        "{text}"
    );

    // Every card's state, due date and flags are as they were, in the file itself.
    assert_eq!(records(dir.path()), before);

    // The answers are in the log, as cram, with the card's state unchanged on both sides.
    let out = recall(dir.path())
        .env("RECALL_DATA_DIR", dir.path().join("data"))
        .args(["log", "--json"])
        .output()
        .unwrap();
    let log: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let crammed: Vec<&serde_json::Value> = log.iter().filter(|r| r["mode"] == "cram").collect();
    assert_eq!(crammed.len(), 4);
    assert_eq!(log.iter().filter(|r| r["mode"] == "study").count(), 2);
    let verdicts: Vec<bool> = crammed.iter().map(|r| r["correct"] == true).collect();
    assert_eq!(verdicts, [false, true, true, true]);
    assert_eq!(crammed[0]["answer"], "Lyon");
    for r in crammed {
        assert_eq!(r["time"].as_str().unwrap()[..10], LATER[..10]);
        if r["before"].is_null() {
            assert_eq!(r["after"]["reps"], 0, "{r}");
        } else {
            assert_eq!(r["before"], r["after"], "{r}");
        }
    }

    // The cram answers travel with an export; importing them into a copy
    // made before the cram moves none of its cards.
    let export = dir.path().join("progress.jsonl");
    let out = recall(dir.path())
        .env("RECALL_DATA_DIR", dir.path().join("data"))
        .arg("export-progress")
        .arg(&export)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let out = recall(dir.path())
        .env("RECALL_DATA_DIR", &importer)
        .env("RECALL_CONFIG", dir.path().join("config.toml"))
        .arg("import-progress")
        .arg(&export)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let store = Store::open_path(&importer.join("default.sqlite3")).unwrap();
    let modes: Vec<String> = store
        .latest_reviews(None)
        .unwrap()
        .iter()
        .map(|r| r.mode.to_string())
        .collect();
    assert_eq!(
        modes.iter().filter(|m| *m == "cram").count(),
        4,
        "{modes:?}"
    );
    // The same states as before the cram (the import replays each card's study answers).
    let states = |records: &[CardRecord]| -> Vec<_> {
        records
            .iter()
            .map(|r| (r.card.clone(), r.state.clone()))
            .collect()
    };
    assert_eq!(states(&store.cards("q").unwrap()), states(&before));

    // A study session afterwards goes exactly as it goes in the twin that did not cram.
    let session = |data: &Path| {
        let out = recall(dir.path())
            .env("RECALL_NOW", LATER)
            .env("RECALL_DATA_DIR", data)
            .env("RECALL_CONFIG", dir.path().join("config.toml"))
            .args(["study", "--plain", "deck.toml"])
            .write_stdin("\n3\n".repeat(20))
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        stdout(&out)
    };
    let crammed = session(&dir.path().join("data"));
    assert_eq!(crammed, session(&twin));
    assert!(crammed.contains("Q: Capital of Italy?"), "{crammed}");
}

#[test]
fn weakest_takes_the_cards_least_likely_recalled() {
    let dir = fixture("quiz");
    // France known well (Easy), Italy forgotten (Again), Spain never studied.
    study(dir.path(), &[4, 1]);
    let (asked, text) = cram(
        dir.path(),
        LATER,
        &["--tag", "geo", "--weakest", "2"],
        |q, _| right(q).to_owned(),
    );
    let mut asked = asked;
    asked.sort();
    assert_eq!(asked, ["Capital of Italy?", "Capital of Spain?"], "{text}");
    let (asked, _) = cram(
        dir.path(),
        LATER,
        &["--tag", "geo", "--weakest", "1"],
        |q, _| right(q).to_owned(),
    );
    assert_eq!(asked, ["Capital of Spain?"]);
    let out = recall(dir.path())
        .env("RECALL_DATA_DIR", dir.path().join("data"))
        .args(["cram", "deck.toml", "--weakest", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

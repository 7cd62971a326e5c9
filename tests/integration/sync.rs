use std::path::Path;
use std::process::Output;

use recall::store::Store;
use recall::store::carried::Carried;

use crate::support::{recall, stdout, write};

/// Four typed cards, in this order: France, Italy, Spain, Portugal.
fn deck(dir: &Path) {
    let cards: String = [
        ("fr", "France", "Paris"),
        ("it", "Italy", "Rome"),
        ("es", "Spain", "Madrid"),
        ("pt", "Portugal", "Lisbon"),
    ]
    .iter()
    .map(|(id, land, city)| {
        format!("[[card]]\nid = \"{id}\"\nfront = \"Capital of {land}?\"\nback = \"{city}\"\n")
    })
    .collect();
    write(
        dir,
        "deck.toml",
        format!("[deck]\ntitle = \"Capitals\"\nid = \"cap\"\n{cards}"),
    );
}

/// `recall ARGS` on the copy kept in `dir/<copy>` at `now`.
fn on(dir: &Path, copy: &str, now: &str, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = recall(dir);
    cmd.env("RECALL_NOW", now)
        .env("RECALL_DATA_DIR", dir.join(copy))
        .env("TZ", "UTC")
        .args(args);
    cmd
}

/// Copy `a` accepts "Rome" for France and suspends Italy; copy `b` answers France right,
/// accepts "Milan" for Italy and suspends Spain. Both in plain mode, typing answers.
fn study_both(dir: &Path) {
    for (copy, now, input) in [
        (
            "a",
            "2026-03-10T10:00:00Z",
            "Rome\n:accept\n:suspend\n:quit\n",
        ),
        (
            "b",
            "2026-03-10T11:00:00Z",
            "Paris\n\nMilan\n:accept\n:suspend\n:quit\n",
        ),
    ] {
        let out = on(
            dir,
            copy,
            now,
            &["study", "--plain", "--mode", "type", "deck.toml"],
        )
        .write_stdin(input)
        .output()
        .unwrap();
        assert!(out.status.success(), "{out:?}");
    }
}

fn sync(dir: &Path, copy: &str, now: &str) -> Output {
    let out = on(dir, copy, now, &["sync", "shared", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    out
}

/// What a copy holds, as the binary shows it: its log (sorted by id) and its cards, and its
/// marks and accepted answers as the store carries them.
fn holdings(dir: &Path, copy: &str) -> (Vec<String>, String, Carried) {
    let now = "2026-03-10T13:00:00Z";
    let log = on(dir, copy, now, &["log", "--json"]).output().unwrap();
    let mut lines: Vec<String> = stdout(&log).lines().map(str::to_owned).collect();
    lines.sort();
    let cards = on(dir, copy, now, &["cards", "--json", "deck.toml"])
        .output()
        .unwrap();
    assert!(cards.status.success(), "{cards:?}");
    let store = Store::open_path(&dir.join(copy).join("default.sqlite3")).unwrap();
    (lines, stdout(&cards), store.carried().unwrap())
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_str(&stdout(out)).unwrap()
}

/// Both copies end the same, with everything either did.
fn assert_same(dir: &Path) {
    let (a, b) = (holdings(dir, "a"), holdings(dir, "b"));
    assert_eq!(a, b);
    let (log, cards, carried) = a;
    assert_eq!(log.len(), 3, "{log:?}");
    let cards: serde_json::Value = serde_json::from_str(&cards).unwrap();
    let suspended: Vec<&str> = cards
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["suspended"] == true)
        .map(|c| c["item"].as_str().unwrap())
        .collect();
    assert_eq!(suspended, ["it", "es"]);
    let accepted: Vec<(&str, &str)> = carried
        .accepted
        .iter()
        .map(|a| (a.card.as_str(), a.text.as_str()))
        .collect();
    assert_eq!(accepted, [("fr", "Rome"), ("it", "Milan")]);
}

#[test]
fn two_copies_end_the_same_whichever_syncs_first() {
    for order in [["a", "b", "a"], ["b", "a", "b"]] {
        let dir = tempfile::tempdir().unwrap();
        deck(dir.path());
        std::fs::create_dir(dir.path().join("shared")).unwrap();
        study_both(dir.path());
        let first = json(&sync(dir.path(), order[0], "2026-03-10T12:00:00Z"));
        assert_eq!(first["read"].as_array().unwrap().len(), 0);
        // The second has everything once it has read the first's file...
        let second = json(&sync(dir.path(), order[1], "2026-03-10T12:01:00Z"));
        assert!(second["reviews_added"].as_u64().unwrap() >= 1, "{second}");
        assert_eq!(second["read"].as_array().unwrap().len(), 1);
        // ...and the first once it has read the second's.
        sync(dir.path(), order[2], "2026-03-10T12:02:00Z");
        assert_same(dir.path());
    }
}

#[test]
fn syncing_twice_changes_nothing_the_second_time() {
    let dir = tempfile::tempdir().unwrap();
    deck(dir.path());
    std::fs::create_dir(dir.path().join("shared")).unwrap();
    study_both(dir.path());
    for (copy, minute) in [("a", 0), ("b", 1), ("a", 2), ("b", 3)] {
        sync(dir.path(), copy, &format!("2026-03-10T12:0{minute}:00Z"));
    }
    assert_same(dir.path());
    let before = holdings(dir.path(), "a");
    for (copy, minute) in [("a", 4), ("b", 5)] {
        let again = json(&sync(
            dir.path(),
            copy,
            &format!("2026-03-10T12:0{minute}:00Z"),
        ));
        for key in [
            "reviews_added",
            "cards_changed",
            "marks_taken",
            "accepted_added",
            "exams_taken",
        ] {
            assert_eq!(again[key], 0, "{key}: {again}");
        }
        assert_eq!(again["fitted_taken"], false);
    }
    assert_eq!(holdings(dir.path(), "a"), before);
    assert_same(dir.path());
}

#[test]
fn two_copies_syncing_at_once_end_the_same() {
    let dir = tempfile::tempdir().unwrap();
    deck(dir.path());
    std::fs::create_dir(dir.path().join("shared")).unwrap();
    study_both(dir.path());
    for round in ["2026-03-10T12:00:00Z", "2026-03-10T12:01:00Z"] {
        // Both started before either ends.
        let children: Vec<std::process::Child> = ["a", "b"]
            .iter()
            .map(|copy| {
                std::process::Command::new(env!("CARGO_BIN_EXE_recall"))
                    .current_dir(dir.path())
                    .env("RECALL_NOW", round)
                    .env("RECALL_DATA_DIR", dir.path().join(copy))
                    .env("RECALL_CONFIG", dir.path().join("no-config.toml"))
                    .args(["sync", "shared"])
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for child in children {
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{out:?}");
        }
    }
    assert_same(dir.path());
}

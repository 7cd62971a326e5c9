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

/// A folder where both copies studied ([`study_both`]), with an empty `shared` folder.
fn studied() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    deck(dir.path());
    std::fs::create_dir(dir.path().join("shared")).unwrap();
    study_both(dir.path());
    dir
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
        let dir = studied();
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
    let dir = studied();
    for (copy, minute) in [("a", 0), ("b", 1), ("a", 2), ("b", 3)] {
        sync(dir.path(), copy, &format!("2026-03-10T12:0{minute}:00Z"));
    }
    assert_same(dir.path());
    let before = holdings(dir.path(), "a");
    let files = || -> Vec<String> {
        let mut files: Vec<String> = std::fs::read_dir(dir.path().join("shared"))
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        files.sort();
        files
    };
    let written = files();
    for (copy, minute) in [("a", 4), ("b", 5)] {
        let now = format!("2026-03-10T12:0{minute}:00Z");
        let again = json(&sync(dir.path(), copy, &now));
        // The other's file is the version merged last time: not read again.
        assert_eq!(again["read"].as_array().unwrap().len(), 0, "{again}");
        assert_eq!(again["unchanged"], 1, "{again}");
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
    // Nothing new: neither file was written again.
    assert_eq!(files(), written);
    assert_same(dir.path());
}

#[test]
fn two_copies_syncing_at_once_end_the_same() {
    let dir = studied();
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

#[test]
fn damaged_and_foreign_files_are_named_and_skipped_whole() {
    let dir = studied();
    let d = dir.path();
    // b's whole file, written somewhere else, to make bad copies of.
    std::fs::create_dir(d.join("elsewhere")).unwrap();
    on(d, "b", "2026-03-10T12:00:00Z", &["sync", "elsewhere"])
        .assert()
        .success();
    let entry = std::fs::read_dir(d.join("elsewhere")).unwrap().next();
    let good = std::fs::read_to_string(entry.unwrap().unwrap().path()).unwrap();
    let lines: Vec<&str> = good.lines().collect();
    let n = lines.len();
    let shared = d.join("shared");
    let put = |name: &str, text: String| std::fs::write(shared.join(name), text).unwrap();
    // Cut short after a whole line: every review is there, the end line is not.
    put("default.cut.recall-sync", lines[..n - 1].join("\n") + "\n");
    // Cut in the middle of a line.
    put(
        "default.torn.recall-sync",
        good[..good.len() / 2].to_owned(),
    );
    // Good reviews, then one bad line.
    let mut bad = lines.clone();
    bad.insert(
        n - 1,
        r#"{"suspended":{"deck":"cap","card":"fr","value":"yes","changed":"x"}}"#,
    );
    put("default.badline.recall-sync", bad.join("\n") + "\n");
    // A newer format, and a copy of another profile under this profile's name.
    put(
        "default.newer.recall-sync",
        good.replacen("\"recall_sync\":1", "\"recall_sync\":2", 1),
    );
    put(
        "default.renamed.recall-sync",
        good.replacen("\"profile\":\"default\"", "\"profile\":\"bob\"", 1),
    );
    // Another app's file, and another profile's (never read).
    std::fs::write(shared.join("default.other.recall-sync"), [0xff, 0xfe, 0]).unwrap();
    put("bob.123.recall-sync", good.clone());
    let log_before = holdings(d, "a").0;
    let out = on(d, "a", "2026-03-10T12:01:00Z", &["sync", "shared"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    for (name, why) in [
        ("default.cut.recall-sync", "cut short (no end line)"),
        ("default.torn.recall-sync", "line "),
        ("default.badline.recall-sync", &format!("line {n}: ")),
        (
            "default.newer.recall-sync",
            "written by a newer recall (format 2",
        ),
        ("default.renamed.recall-sync", "a copy of profile \"bob\""),
        ("default.other.recall-sync", "not UTF-8"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} not named: {err}"));
        assert!(
            line.starts_with("warning: ") && line.contains(why),
            "{line}"
        );
    }
    assert!(err.contains("note: shared/bob.123.recall-sync: not merged (another profile's)"));
    assert!(stdout(&out).starts_with("Merged 0 files: 0 reviews added"));
    // Nothing of any of them was merged: not one of b's reviews, marks or answers.
    let (log, cards, carried) = holdings(d, "a");
    assert_eq!(log, log_before);
    let cards: serde_json::Value = serde_json::from_str(&cards).unwrap();
    let suspended = |cards: &serde_json::Value| -> Vec<String> {
        (cards.as_array().unwrap().iter())
            .filter(|c| c["suspended"] == true)
            .map(|c| c["item"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(suspended(&cards), ["it"]);
    assert_eq!(carried.accepted.len(), 1);
    assert_eq!(carried.marks.len(), 1);
    // The same file whole is merged.
    put("default.whole.recall-sync", good);
    let merged = json(&sync(d, "a", "2026-03-10T12:02:00Z"));
    assert_eq!(merged["read"].as_array().unwrap().len(), 1, "{merged}");
    assert_eq!(merged["reviews_added"], 2);
    let cards: serde_json::Value = serde_json::from_str(&holdings(d, "a").1).unwrap();
    assert_eq!(suspended(&cards), ["it", "es"]);
}

#[test]
fn the_latest_change_of_a_mark_wins_whichever_copy_syncs_last() {
    for (suspend_at, unsuspend_at, suspended) in [
        ("2026-03-10T12:00:00Z", "2026-03-10T12:30:00Z", false),
        ("2026-03-10T12:30:00Z", "2026-03-10T12:00:00Z", true),
    ] {
        let dir = studied();
        let d = dir.path();
        on(d, "a", suspend_at, &["suspend", "pt"])
            .assert()
            .success();
        on(d, "b", "2026-03-10T11:50:00Z", &["suspend", "pt"])
            .assert()
            .success();
        on(d, "b", unsuspend_at, &["unsuspend", "pt"])
            .assert()
            .success();
        // b syncs first and a last: the order of syncs does not decide, the times do.
        for (copy, minute) in [("b", 1), ("a", 2), ("b", 3)] {
            sync(d, copy, &format!("2026-03-10T13:0{minute}:00Z"));
        }
        assert_eq!(holdings(d, "a"), holdings(d, "b"));
        let cards: serde_json::Value = serde_json::from_str(&holdings(d, "a").1).unwrap();
        let pt = cards
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["item"] == "pt")
            .unwrap();
        assert_eq!(pt["suspended"], suspended, "{suspend_at} / {unsuspend_at}");
    }
}

#[test]
fn exam_dates_and_their_forgetting_are_carried() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    deck(d);
    std::fs::create_dir(d.join("shared")).unwrap();
    let study = |copy: &str, now: &str, exam: &str| {
        on(
            d,
            copy,
            now,
            &["study", "--plain", "deck.toml", "--exam", exam],
        )
        .write_stdin(":quit\n")
        .assert()
        .success();
    };
    study("a", "2026-03-02T09:00:00Z", "2026-03-12");
    sync(d, "a", "2026-03-02T10:00:00Z");
    let taken = json(&sync(d, "b", "2026-03-02T10:01:00Z"));
    assert_eq!(taken["exams_taken"], 1);
    let exams = |copy: &str| std::fs::read_to_string(d.join(copy).join("default.exams.toml"));
    assert!(exams("b").unwrap().contains("date = \"2026-03-12\""));
    // b forgets it later: a forgets it too.
    study("b", "2026-03-03T09:00:00Z", "off");
    sync(d, "b", "2026-03-03T10:00:00Z");
    sync(d, "a", "2026-03-03T10:01:00Z");
    assert!(!exams("a").unwrap().contains("date ="), "{:?}", exams("a"));
    assert_eq!(exams("a").unwrap(), exams("b").unwrap());
}

#[test]
fn a_session_syncs_through_the_config_folder_and_studies_when_it_fails() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    deck(d);
    let shared = d.join("shared");
    std::fs::create_dir(&shared).unwrap();
    let config = d.join("config.toml");
    write(
        d,
        "config.toml",
        format!("sync_dir = {:?}\n", shared.to_str().unwrap()),
    );
    let study = |copy: &str, now: &str, input: &str| {
        on(
            d,
            copy,
            now,
            &["study", "--plain", "--mode", "type", "deck.toml"],
        )
        .env("RECALL_CONFIG", &config)
        .write_stdin(input.to_owned())
        .output()
        .unwrap()
    };
    // a writes its file after its session; b merges it before its own.
    let out = study("a", "2026-03-10T10:00:00Z", "Paris\n\n:quit\n");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(std::fs::read_dir(&shared).unwrap().count(), 1);
    let out = study("b", "2026-03-10T11:00:00Z", ":quit\n");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(holdings(d, "b").0.len(), 1);
    assert_eq!(std::fs::read_dir(&shared).unwrap().count(), 2);
    // A folder that is gone: a warning, and the session goes on.
    std::fs::remove_dir_all(&shared).unwrap();
    let out = study("b", "2026-03-10T12:00:00Z", "Rome\n\n:quit\n");
    assert!(out.status.success(), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("recall: warning: the sync through") && err.contains("failed"),
        "{err}"
    );
    assert!(stdout(&out).contains("Studied 1 card"), "{}", stdout(&out));
}

#[test]
fn a_copied_data_folder_is_found_out_and_gets_a_file_of_its_own() {
    let dir = studied();
    let d = dir.path();
    sync(d, "a", "2026-03-10T12:00:00Z");
    // c starts as a copy of a's data folder, device id included.
    std::fs::create_dir(d.join("c")).unwrap();
    for entry in std::fs::read_dir(d.join("a")).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_file() {
            continue; // the deck cache
        }
        std::fs::copy(&path, d.join("c").join(path.file_name().unwrap())).unwrap();
    }
    on(d, "c", "2026-03-10T12:10:00Z", &["suspend", "pt"])
        .assert()
        .success();
    // c writes under a's name; a finds a file it did not write there, merges it and moves.
    sync(d, "c", "2026-03-10T12:20:00Z");
    let moved = json(&sync(d, "a", "2026-03-10T12:30:00Z"));
    assert!(moved["renewed"].is_string(), "{moved}");
    assert_eq!(moved["marks_taken"], 1, "{moved}");
    assert_ne!(moved["renewed"], moved["written"]);
    sync(d, "c", "2026-03-10T12:40:00Z");
    assert_eq!(holdings(d, "a"), holdings(d, "c"));
    assert_eq!(std::fs::read_dir(d.join("shared")).unwrap().count(), 2);
}

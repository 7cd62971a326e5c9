//! The deck library's cache: kept beside the data of `--data-dir` (never in the progress
//! database), rebuilt when damaged, and safe to delete.

use std::path::{Path, PathBuf};

use crate::support::{generated_deck, log_json, recall, run_at, stdout, write};

/// The deck the tests study: four basic cards.
fn deck() -> String {
    generated_deck("gen", 4)
}

/// `recall study --plain deck.toml` in `dir` at `now`, with no input.
fn study(dir: &Path, now: &str) -> std::process::Output {
    run_at(dir, now, &["study", "--plain", "deck.toml"], "")
}

/// The entry files of the deck cache of `dir`'s data.
fn entries(dir: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(dir.join("data").join("cache")) {
        Ok(list) => list.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

/// The tables of the progress database of `dir`'s default profile.
fn tables(dir: &Path) -> Vec<String> {
    let conn = rusqlite::Connection::open(dir.join("data").join("default.sqlite3")).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn the_cache_is_kept_beside_the_data_and_not_in_the_progress_database() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "deck.toml", deck());
    let first = study(dir.path(), "2026-03-01T10:00:00Z");
    assert!(stdout(&first).contains("Question 0"), "{first:?}");
    assert_eq!(entries(dir.path()).len(), 1);
    let tables = tables(dir.path());
    assert!(tables.contains(&"review".to_owned()), "{tables:?}");
    assert!(
        !tables.iter().any(|t| t.starts_with("deck_file")),
        "{tables:?}"
    );
    let second = study(dir.path(), "2026-03-01T10:00:00Z");
    assert_eq!(stdout(&second), stdout(&first));
}

#[test]
fn a_damaged_cache_entry_is_rebuilt_from_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "deck.toml", deck());
    let first = study(dir.path(), "2026-03-01T10:00:00Z");
    assert!(stdout(&first).contains("Question 0"), "{first:?}");
    let entry = entries(dir.path()).remove(0);
    let written = std::fs::read(&entry).unwrap();
    // The four cards' bytes, their ends, and their count end the entry.
    assert_eq!(written[written.len() - 4..], 4u32.to_le_bytes());
    let first_card = written.len() - 4 - 4 * 4 - {
        let ends = &written[written.len() - 8..written.len() - 4];
        u32::from_le_bytes(ends.try_into().unwrap()) as usize
    };
    for (what, damaged) in [
        ("a card", {
            let mut bytes = written.clone();
            bytes[first_card] ^= 0xff;
            bytes
        }),
        ("garbage", b"garbage".to_vec()),
        ("another format", {
            let mut bytes = written.clone();
            bytes[8] = bytes[8].wrapping_add(1);
            bytes
        }),
    ] {
        std::fs::write(&entry, damaged).unwrap();
        let again = study(dir.path(), "2026-03-01T10:00:00Z");
        assert!(again.status.success(), "{what}: {again:?}");
        assert_eq!(stdout(&again), stdout(&first), "{what}");
        let rebuilt = std::fs::read(&entry).unwrap();
        assert_eq!(
            rebuilt.len(),
            written.len(),
            "{what}: the entry was written again"
        );
    }
}

#[test]
fn a_cache_folder_that_cannot_be_written_is_bypassed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "deck.toml", deck());
    // A file where the cache folder should be.
    write(dir.path(), "data/cache", "not a folder");
    for _ in 0..2 {
        let out = study(dir.path(), "2026-03-01T10:00:00Z");
        assert!(out.status.success(), "{out:?}");
        assert!(stdout(&out).contains("Question 0"), "{out:?}");
        assert!(out.stderr.is_empty(), "{out:?}");
    }
}

#[test]
fn the_built_in_deck_is_parsed_once_then_read_from_the_cache() {
    let dir = tempfile::tempdir().unwrap();
    let run = || {
        run_at(
            dir.path(),
            "2026-03-01T10:00:00Z",
            &["study", "--plain"],
            "",
        )
    };
    let first = run();
    assert!(first.status.success(), "{first:?}");
    assert!(stdout(&first).contains("True or false"), "{first:?}");
    let entry = entries(dir.path()).remove(0);
    let bytes = std::fs::read(&entry).unwrap();
    let key = b"built-in:trotsky-exile.toml";
    assert!(bytes.windows(key.len()).any(|w| w == key));
    let parsed = recall::deck::bundled().deck.unwrap();
    assert_eq!(
        bytes[bytes.len() - 4..],
        (parsed.cards.len() as u32).to_le_bytes()
    );
    let modified = std::fs::metadata(&entry).unwrap().modified().unwrap();
    let second = run();
    assert_eq!(stdout(&second), stdout(&first));
    // Read, not written again.
    assert_eq!(
        std::fs::metadata(&entry).unwrap().modified().unwrap(),
        modified
    );
}

/// Copies the folder `from` into `to`, files and folders.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn deleting_the_cache_loses_nothing() {
    let kept = tempfile::tempdir().unwrap();
    write(kept.path(), "deck.toml", generated_deck("gen", 60));
    let answers = |n: usize| -> String { (0..n).map(|i| format!("Answer {i}\n\n")).collect() };
    let day_one = run_at(
        kept.path(),
        "2026-03-01T10:00:00Z",
        &["study", "--plain", "deck.toml"],
        &answers(12),
    );
    assert!(day_one.status.success(), "{day_one:?}");
    assert!(!entries(kept.path()).is_empty());
    // The same learner and deck elsewhere, the cache deleted.
    let deleted = tempfile::tempdir().unwrap();
    write(deleted.path(), "deck.toml", generated_deck("gen", 60));
    copy_dir(&kept.path().join("data"), &deleted.path().join("data"));
    std::fs::remove_dir_all(deleted.path().join("data").join("cache")).unwrap();
    let later = |dir: &Path| {
        let out = run_at(
            dir,
            "2026-03-04T10:00:00Z",
            &["study", "--plain", "deck.toml"],
            &answers(30),
        );
        assert!(out.status.success(), "{out:?}");
        stdout(&out)
    };
    let with_cache = later(kept.path());
    assert!(with_cache.contains("Studied"), "{with_cache}");
    assert_eq!(later(deleted.path()), with_cache);
    let cards = |dir: &Path| -> Vec<(String, i64)> {
        log_json(dir, "default")
            .iter()
            .map(|r| {
                let card = r["card"].as_str().unwrap().to_owned();
                (card, r["rating"].as_i64().unwrap())
            })
            .collect()
    };
    assert_eq!(cards(deleted.path()), cards(kept.path()));
    assert!(!entries(deleted.path()).is_empty(), "made again");
    // Commands that only read never need it either.
    let stats = recall(deleted.path())
        .env("RECALL_DATA_DIR", deleted.path().join("data"))
        .env("RECALL_NOW", "2026-03-04T12:00:00Z")
        .args(["stats"])
        .output()
        .unwrap();
    assert!(stats.status.success(), "{stats:?}");
}

//! Unit tests of opening a store: files, permissions, profiles, schema migrations, and the
//! refusal of files recall must not write to.

use std::path::Path;

use chrono::{DateTime, Utc};

use crate::library::DeckSync;
use tempfile::TempDir;

use super::{answer, deck, state};
use crate::scheduler::Rating;
use crate::store::*;

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-26T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

#[test]
fn a_new_store_has_the_current_schema() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.review_count().unwrap(), 0);
}

#[test]
fn a_recorded_review_survives_reopening() {
    let dir = TempDir::new().unwrap();
    let review = {
        let mut store = Store::open_dir(dir.path(), "ana").unwrap();
        store.sync_deck(&deck("d", &[("a", "A?")])).unwrap();
        answer(&mut store, "d", "a", Rating::Good, t0())
    };
    let store = Store::open_dir(dir.path(), "ana").unwrap();
    assert_eq!(store.latest_reviews(None).unwrap(), vec![review.clone()]);
    assert_eq!(state(&store, "d", "a"), Some(review.after));
    assert!(dir.path().join("ana.sqlite3").is_file());
}

#[test]
fn profiles_are_separate_files() {
    let dir = TempDir::new().unwrap();
    let mut ana = Store::open_dir(dir.path(), "ana").unwrap();
    answer(&mut ana, "d", "a", Rating::Good, t0());
    let ben = Store::open_dir(dir.path(), "ben").unwrap();
    assert_eq!(ben.review_count().unwrap(), 0);
    for bad in ["", "../x", "a b", "é", "a/b", "a.b"] {
        assert!(matches!(
            Store::open_dir(dir.path(), bad),
            Err(StoreError::BadProfile(_))
        ));
    }
}

#[test]
fn files_are_readable_by_their_owner_only() {
    use std::os::unix::fs::PermissionsExt;
    let root = TempDir::new().unwrap();
    let dir = root.path().join("data").join("recall");
    let mut store = Store::open_dir(&dir, "default").unwrap();
    answer(&mut store, "d", "a", Rating::Good, t0());
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    for suffix in ["", "-wal", "-shm"] {
        let file = dir.join(format!("default.sqlite3{suffix}"));
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
}

#[test]
fn every_earlier_version_is_migrated_with_its_data() {
    for version in 1..SCHEMA_VERSION {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("old.sqlite3");
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            schema::create_at_version(&conn, version).unwrap();
            conn.execute_batch(
                "INSERT INTO deck (key, id) VALUES (1, 'd');
                 INSERT INTO card (key, deck, id, present) VALUES (1, 1, 'a', 1);",
            )
            .unwrap();
        }
        let mut store = Store::open_path(&path).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            SCHEMA_VERSION,
            "from {version}"
        );
        assert!(store.card("d", "a").unwrap().is_some());
        store
            .accept_answer("d", "a", "x", chrono::DateTime::UNIX_EPOCH)
            .unwrap();
        answer(&mut store, "d", "a", Rating::Good, t0());
        // The rows remember the file they were synced from.
        let deck = crate::deck::bundled().deck.unwrap();
        assert!(store.sync_cached(&deck, 3).unwrap().is_some());
        assert!(store.sync_cached(&deck, 3).unwrap().is_none());
    }
}

/// Whether the database has a table of this name.
fn has_table(store: &Store, name: &str) -> bool {
    store
        .sqlite()
        .query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1",
            [name],
            |r| r.get::<_, i64>(0),
        )
        .unwrap()
        > 0
}

/// Version 6 moves the parsed-deck cache out of the progress database: a profile of version
/// 5 loses its cache table and keeps every review, card state and sync mark.
#[test]
fn version_5_drops_its_deck_cache_and_keeps_the_progress() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("v5.sqlite3");
    let names = ["a", "b", "c"];
    let cards: Vec<(&str, &str)> = names.iter().map(|n| (*n, *n)).collect();
    let (reviews, rows) = {
        let mut store = Store::open_path(&path).unwrap();
        store.sync_cached(&deck("d", &cards), 3).unwrap();
        answer(&mut store, "d", "a", Rating::Good, t0());
        answer(&mut store, "d", "b", Rating::Again, t0());
        answer(
            &mut store,
            "d",
            "a",
            Rating::Easy,
            t0() + chrono::Duration::days(2),
        );
        store
            .suspend("d", "c", true, chrono::DateTime::UNIX_EPOCH)
            .unwrap();
        (
            store.latest_reviews(None).unwrap(),
            store.cards("d").unwrap(),
        )
    };
    assert_eq!(reviews.len(), 3);
    // The file as version 5 left it: the same tables (without the leech mark of version 7
    // and the times of version 8) and the deck cache beside them.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "ALTER TABLE card DROP COLUMN leech;
             ALTER TABLE card DROP COLUMN suspended_at;
             ALTER TABLE card DROP COLUMN buried_at;
             ALTER TABLE card DROP COLUMN leech_at;
             ALTER TABLE accepted_answer DROP COLUMN time;
             DROP TABLE sync_device;
             DROP TABLE sync_seen;
             CREATE TABLE deck_file (key INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE,
                 size INTEGER NOT NULL, mtime INTEGER NOT NULL, hash INTEGER NOT NULL,
                 header BLOB NOT NULL, cards INTEGER NOT NULL, card_pack BLOB) STRICT;
             INSERT INTO deck_file (path, size, mtime, hash, header, cards, card_pack)
                 VALUES ('/d.toml', 1, 2, 3, X'00', 3, X'0000');
             PRAGMA user_version = 5;",
        )
        .unwrap();
    }
    let mut store = Store::open_path(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(!has_table(&store, "deck_file"));
    assert_eq!(store.latest_reviews(None).unwrap(), reviews);
    assert_eq!(store.cards("d").unwrap(), rows);
    // The rows are still in line with the file they were synced from, in file order.
    assert!(store.is_synced("d", 3).unwrap());
    let key = store.deck_key_of("d").unwrap().unwrap();
    assert_eq!(store.queue_card_ord(key, "c").unwrap(), Some(2));
    assert_eq!(store.sync_cached(&deck("d", &cards), 3).unwrap(), None);
    answer(
        &mut store,
        "d",
        "c",
        Rating::Good,
        t0() + chrono::Duration::days(3),
    );
    assert_eq!(store.latest_reviews(None).unwrap().len(), 4);
}

/// Version 5 kept a cached file's cards in one pack, and version 6 no cache at all: the
/// entries of version 4 go, the decks, cards and answers stay.
#[test]
fn version_4_drops_its_cache_entries_and_keeps_the_rest() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("v4.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        schema::create_at_version(&conn, 4).unwrap();
        conn.execute_batch(
            "INSERT INTO deck (key, id, synced_hash) VALUES (1, 'd', 3);
             INSERT INTO card (key, deck, id, present, ord) VALUES (1, 1, 'a', 1, 0);
             INSERT INTO deck_file (key, path, size, mtime, hash, header, cards)
                 VALUES (1, '/x.toml', 1, 2, 3, X'00', 1);
             INSERT INTO deck_file_card (file, ord, card) VALUES (1, 0, X'00');",
        )
        .unwrap();
    }
    let store = Store::open_path(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert!(!has_table(&store, "deck_file"));
    assert!(!has_table(&store, "deck_file_card"));
    assert!(store.card("d", "a").unwrap().is_some());
    // The rows are still in line with the file they were synced from.
    assert!(store.is_synced("d", 3).unwrap());
}

/// Version 4 adds the fitted FSRS parameters and the calendar of an imported deck.
#[test]
fn version_3_gains_fitted_parameters_and_deck_calendars() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("v3.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        schema::create_at_version(&conn, 3).unwrap();
        conn.execute_batch(
            "INSERT INTO deck (key, id, scheduler) VALUES (1, 'anki-import', 'fsrs');
             INSERT INTO card (key, deck, id, present) VALUES (1, 1, 'a', 0);",
        )
        .unwrap();
    }
    let mut store = Store::open_path(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(store.deck_calendar("anki-import").unwrap(), None);
    assert_eq!(store.fitted_parameters().unwrap(), None);
    let fit = crate::store::FittedParameters {
        parameters: crate::scheduler::fsrs::DEFAULT_PARAMETERS,
        reviews: 400,
        time: t0(),
    };
    store.save_fitted_parameters(&fit).unwrap();
    let clock = crate::scheduler::days::DayClock {
        day_start_hour: 4,
        utc_offset_minutes: -300,
    };
    store
        .import_history("anki-import", clock, &[], &[])
        .unwrap();
    drop(store);
    let store = Store::open_path(&path).unwrap();
    assert_eq!(store.fitted_parameters().unwrap(), Some(fit));
    assert_eq!(store.deck_calendar("anki-import").unwrap(), Some(clock));
    assert!(store.card("anki-import", "a").unwrap().is_some());
}

#[test]
fn migrated_and_fresh_schemas_are_identical() {
    let dump = |conn: &rusqlite::Connection| -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    };
    let fresh = Store::open_in_memory().unwrap();
    for version in 1..SCHEMA_VERSION {
        let dir = TempDir::new().unwrap();
        let path = dir.path().join("old.sqlite3");
        schema::create_at_version(&rusqlite::Connection::open(&path).unwrap(), version).unwrap();
        let migrated = Store::open_path(&path).unwrap();
        assert_eq!(dump(migrated.sqlite()), dump(fresh.sqlite()));
    }
}

#[test]
fn a_newer_database_is_refused_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("new.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        schema::create_at_version(&conn, SCHEMA_VERSION).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let bytes = std::fs::read(&path).unwrap();
    let err = Store::open_path(&path).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { found, .. } if found == SCHEMA_VERSION + 1));
    assert!(err.to_string().contains("newer recall"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn a_file_that_is_not_sqlite_is_refused_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("default.sqlite3");
    let garbage: Vec<u8> = (0..10_000u32).map(|i| (i * 7 % 251) as u8).collect();
    for bytes in [&garbage[..], b"hello, not a database\n", &garbage[..100]] {
        std::fs::write(&path, bytes).unwrap();
        let err = Store::open_dir(dir.path(), "default").unwrap_err();
        assert!(matches!(err, StoreError::NotADatabase { .. }), "{err}");
        assert!(err.to_string().contains("left untouched"));
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        assert!(!dir.path().join("default.sqlite3-wal").exists());
    }
}

#[test]
fn another_programs_database_is_refused_untouched() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("other.sqlite3");
    rusqlite::Connection::open(&path)
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let err = Store::open_path(&path).unwrap_err();
    assert!(matches!(err, StoreError::Foreign { .. }), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

#[test]
fn an_empty_file_becomes_a_new_database() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("empty.sqlite3");
    std::fs::write(&path, b"").unwrap();
    let store = Store::open_path(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
}

#[test]
fn a_damaged_database_gives_a_clear_error_and_stays_as_it_was() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("default.sqlite3");
    {
        let mut store = Store::open_path(&path).unwrap();
        let cards: Vec<(String, String)> = (0..300)
            .map(|i| (format!("card-{i}"), format!("Question number {i}?")))
            .collect();
        let cards: Vec<(&str, &str)> = cards.iter().map(|(a, b)| (&**a, &**b)).collect();
        store.sync_deck(&deck("d", &cards)).unwrap();
        for (id, _) in cards.iter().take(50) {
            answer(&mut store, "d", id, Rating::Good, t0());
        }
    }
    let good = std::fs::read(&path).unwrap();
    assert!(good.len() > 4 * 4096);
    // The schema page damaged: refused at open. Later pages damaged: an error on reading.
    for from in [100, 2 * 4096] {
        let mut bad = good.clone();
        for (i, b) in bad.iter_mut().enumerate().skip(from) {
            *b = (i % 253) as u8;
        }
        std::fs::write(&path, &bad).unwrap();
        let outcome = Store::open_path(&path).and_then(|s| s.cards("d").map(|_| s));
        let err = outcome.unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::NotADatabase { .. } | StoreError::Corrupt(_)
            ),
            "{err}"
        );
        assert!(err.to_string().contains("damaged"), "{err}");
        assert_eq!(std::fs::read(&path).unwrap(), bad);
    }
}

#[test]
fn the_check_behind_finds_a_damaged_index_and_says_so_at_every_write() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("default.sqlite3");
    {
        let mut store = Store::open_path(&path).unwrap();
        let ids: Vec<String> = (0..300).map(|i| format!("card-{i}")).collect();
        let cards: Vec<(&str, &str)> = ids.iter().map(|i| (&**i, "Q?")).collect();
        store.sync_deck(&deck("d", &cards)).unwrap();
        // A sound file passes, once.
        store.check_behind();
        store.checked().unwrap();
        store.checked().unwrap();
    }
    // The digits of the card ids in a leaf of the card table's unique index changed: rows
    // are no longer found through it, which only a full check sees.
    let leaf: u32 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT pageno FROM dbstat WHERE name = 'sqlite_autoindex_card_1' \
             AND pagetype = 'leaf' LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let mut bytes = std::fs::read(&path).unwrap();
    let page = (leaf as usize - 1) * 4096;
    for b in &mut bytes[page + 3000..page + 4096] {
        if b.is_ascii_digit() {
            *b ^= 1;
        }
    }
    std::fs::write(&path, &bytes).unwrap();
    let mut store = Store::open_path(&path).unwrap();
    store.check_behind();
    for _ in 0..2 {
        let err = store.checked().unwrap_err();
        assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
        assert!(err.to_string().contains("recall repair"), "{err}");
    }
    // Nothing was written to it, not even when the store closed.
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
}

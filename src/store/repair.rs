//! Saving what SQLite can still read of a damaged profile into a new file: the decks, the
//! cards with their flags, the accepted answers, the fitted parameters and every readable
//! review. The cards' states are not copied: the caller rebuilds them by replaying the saved
//! log ([`Store::import`] with no new reviews), as an import does.

use std::path::Path;

use rusqlite::types::Value;
use rusqlite::{Connection, OpenFlags, params_from_iter};

use super::{Result, SCHEMA_VERSION, Store, StoreError, integrity, schema};

/// What was saved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Salvaged {
    /// Reviews copied.
    pub reviews: usize,
    /// Cards copied.
    pub cards: usize,
}

/// One table to copy: its columns, the one (unique, ascending) that a read resumes from
/// after a damaged page, and where its first value sorts.
struct Table {
    name: &'static str,
    columns: &'static str,
    key: &'static str,
    first: Value,
}

const TABLES: [Table; 6] = [
    Table {
        name: "deck",
        columns: "key, id, scheduler, utc_offset_minutes, day_start_hour",
        key: "key",
        first: Value::Integer(i64::MIN),
    },
    Table {
        name: "card",
        columns: "key, deck, id, suspended, buried_until, content_hash, changed, present, ord, leech, \
                  suspended_at, buried_at, leech_at",
        key: "key",
        first: Value::Integer(i64::MIN),
    },
    Table {
        name: "accepted_answer",
        columns: "card, text, time",
        key: "card",
        first: Value::Integer(i64::MIN),
    },
    Table {
        name: "fsrs_parameters",
        columns: "id, parameters, reviews, time",
        key: "id",
        first: Value::Integer(i64::MIN),
    },
    Table {
        name: "sync_device",
        columns: "id, device, written, fingerprint, replayed",
        key: "id",
        first: Value::Integer(i64::MIN),
    },
    Table {
        name: "review",
        columns: "id, card, time, rating, answer, correct, duration_ms, mode, before, after",
        key: "id",
        // Blobs sort after every number; the empty one before every id.
        first: Value::Blob(Vec::new()),
    },
];

/// Checks the database at `path` without writing to it.
///
/// # Errors
/// [`StoreError::Damaged`], or it cannot be opened.
pub fn inspect(path: &Path) -> Result<()> {
    integrity::check(&read_only(path)?, path)
}

fn read_only(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(schema::BUSY_TIMEOUT)?;
    Ok(conn)
}

/// Creates a new profile database at `fresh` and copies into it what can be read of the
/// damaged one at `damaged`, which is only read. Rows SQLite cannot read, and rows whose
/// card or deck was lost, are left behind. Returns the new store (card states not yet
/// rebuilt) and what was saved.
///
/// # Errors
/// `fresh` cannot be created, the damaged file is not a recall database of this version, or
/// SQLite failed writing the new file.
pub fn salvage(damaged: &Path, fresh: &Path) -> Result<(Store, Salvaged)> {
    let from = read_only(damaged)?;
    let version = from
        .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .map_err(|e| integrity::damaged(damaged, e.to_string()))?;
    if version != i64::from(SCHEMA_VERSION) {
        return Err(StoreError::BadData(format!(
            "{}: schema version {version}; only version {SCHEMA_VERSION} files can be repaired",
            damaged.display()
        )));
    }
    let mut store = Store::open_path(fresh)?;
    let tx = store.conn.transaction()?;
    let mut saved = Salvaged::default();
    for table in &TABLES {
        let copied = copy(&from, &tx, table)?;
        match table.name {
            "review" => saved.reviews = copied,
            "card" => saved.cards = copied,
            _ => {}
        }
    }
    tx.commit()?;
    Ok((store, saved))
}

/// Copies the readable rows of `table`, in key order. A read that fails on a damaged page
/// starts again past the last key read; one that fails before reading anything ends the
/// copy. Returns the rows added.
fn copy(from: &Connection, to: &Connection, table: &Table) -> Result<usize> {
    let Table {
        name,
        columns,
        key,
        first,
    } = table;
    let n = columns.split(',').count();
    let key_at = columns
        .split(',')
        .position(|c| c.trim() == *key)
        .unwrap_or(0);
    let marks = vec!["?"; n].join(", ");
    let mut insert = to.prepare(&format!(
        "INSERT OR IGNORE INTO {name} ({columns}) VALUES ({marks})"
    ))?;
    let select = format!("SELECT {columns} FROM {name} WHERE {key} > ?1 ORDER BY {key}");
    let mut after = first.clone();
    let mut added = 0;
    loop {
        let mut read = 0;
        let finished = (|| -> rusqlite::Result<()> {
            let mut stmt = from.prepare(&select)?;
            let mut rows = stmt.query([&after])?;
            while let Some(row) = rows.next()? {
                let values = (0..n)
                    .map(|i| row.get::<_, Value>(i))
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                after = values[key_at].clone();
                read += 1;
                // A row that breaks a constraint of the new file (its card was lost) is left.
                if let Ok(rows) = insert.execute(params_from_iter(&values)) {
                    added += rows;
                }
            }
            Ok(())
        })();
        if finished.is_ok() || read == 0 {
            return Ok(added);
        }
    }
}

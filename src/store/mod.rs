//! The learner's progress on disk: one SQLite database per profile.
//!
//! Owns the database file (its creation, permissions, pragmas and schema version), the card
//! table (scheduling state, suspended and buried flags, content hashes, orphans) and the
//! append-only review log. Every answer is committed in its own transaction before
//! [`Store::record_review`] returns.
//!
//! The store never prints, never reads the clock and never looks at the environment: times
//! and paths are arguments. Choosing the data directory and the profile's file is the command
//! layer's business (`config::profile`). Times are kept to the millisecond. The store never
//! sees a deck's cards: the deck library (`crate::library`) hands it plain rows (an item's
//! id, its card's position and content hash), and keeps the parsed decks in a cache of its
//! own, outside the progress database.
//!
//! Layout: [`schema`] opens and migrates the file, [`cards`] keeps per-card state, [`reviews`]
//! the log, record and undo, [`integrity`] the checks for damage inside the file, [`repair`] the copy of what a damaged file still holds, [`intake`] the
//! transaction that syncs a deck's card rows as they come, [`queue_rows`] the rows a
//! session's queue is built from, [`exchange`] the JSON Lines export and the merging import,
//! [`reschedule`] every card's state replayed with new settings, `postpone` the due dates
//! moved off a backlog, [`id`] the review ids,
//! [`naming`] the items a name on the command line means, [`scan`] the row-by-row reads of statistics, and `codec` the compact
//! form of the states kept in the log; [`fitted`] the FSRS parameters fitted to the profile
//! and the histories they are fitted to, `history_import` the histories of other programs,
//! [`carried`] the marks, accepted answers and fit a sync carries between copies.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use rusqlite::Connection;

pub mod cards;
pub mod carried;
mod checkpoint;
mod codec;
mod error;
pub mod exchange;
pub mod fitted;
pub mod history;
pub mod history_import;
pub mod id;
pub mod intake;
pub mod integrity;
mod loads;
pub mod naming;
mod pace;
mod postpone;
pub mod prior_rows;
pub mod queue_rows;
pub mod repair;
pub mod reschedule;
pub mod reviews;
mod same_instant;
pub mod scan;
pub mod schema;

pub use cards::{CardRecord, SyncReport};
pub use checkpoint::Checkpoint;
pub use error::StoreError;
pub use exchange::{ImportReport, ReviewLine};
pub use fitted::{FittedParameters, StudyHistory};
pub use id::ReviewId;
pub use intake::{CardRows, RowIntake};
pub use queue_rows::QueueRow;
pub use reviews::{Mode, Review};
pub use scan::{CardRow, ReviewFacts};
pub use schema::SCHEMA_VERSION;

/// The store's result type.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The file name of a profile's database inside the data directory.
#[must_use]
pub fn profile_file(dir: &Path, profile: &str) -> PathBuf {
    dir.join(format!("{profile}.sqlite3"))
}

/// True when `name` can name a profile: 1 to 64 ASCII letters, digits, `-` and `_`, so it is
/// always a safe file name.
#[must_use]
pub fn is_valid_profile(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// An open profile database.
pub struct Store {
    conn: Connection,
    /// The database file, or `:memory:`; used in messages.
    path: PathBuf,
    /// What the full check of the file found, if it ran.
    soundness: integrity::Soundness,
    /// The write-ahead log this connection opened (see `checkpoint::LogFile`).
    log: checkpoint::LogFile,
    /// What waits for another process's write lock, when not SQLite's timeout.
    busy: Option<fn(i32) -> bool>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// How many times [`Store::open_path`] starts over on a busy new file, 20 ms apart.
const OPEN_TRIES: u32 = 25;

impl Store {
    /// Opens (creating when needed) the database of `profile` inside `dir`. The directory is
    /// created readable by its owner only.
    ///
    /// # Errors
    /// A bad profile name, a directory or file that cannot be created, or any error of
    /// [`Store::open_path`].
    pub fn open_dir(dir: &Path, profile: &str) -> Result<Store> {
        if !is_valid_profile(profile) {
            return Err(StoreError::BadProfile(profile.to_owned()));
        }
        schema::create_private_dir(dir)?;
        Store::open_path(&profile_file(dir, profile))
    }

    /// Opens (creating when needed) the database at `file`. A new file is created readable
    /// by its owner only; SQLite gives its `-wal` and `-shm` files the same permissions.
    ///
    /// # Errors
    /// The file is not a recall database, is damaged, or was written by a newer recall (the
    /// file is left untouched in all three cases), or it cannot be created or opened.
    pub fn open_path(file: &Path) -> Result<Store> {
        // Two sessions launched at once on a new profile race to create it: switching a new
        // file to WAL can fail at once with "database is locked" (SQLite does not wait there,
        // to avoid a deadlock). The loser starts over on the file the winner made, waiting
        // 20 ms between tries.
        let mut tries = 0;
        loop {
            let conn = schema::open_file(file)?;
            let mut store = Store {
                conn,
                path: file.to_path_buf(),
                soundness: integrity::Soundness::Unchecked,
                log: checkpoint::LogFile::default(),
                busy: None,
            };
            match schema::prepare(&mut store.conn, &store.path) {
                Ok(()) => {
                    store.log = checkpoint::LogFile::of(&store.path);
                    return Ok(store);
                }
                Err(StoreError::Sqlite(e))
                    if tries < OPEN_TRIES
                        && e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) =>
                {
                    tries += 1;
                    drop(store);
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// A fresh database in memory, for tests and dry runs.
    ///
    /// # Errors
    /// SQLite could not create it.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        let mut store = Store {
            conn,
            path: PathBuf::from(":memory:"),
            soundness: integrity::Soundness::Unchecked,
            log: checkpoint::LogFile::default(),
            busy: None,
        };
        schema::prepare(&mut store.conn, &store.path)?;
        Ok(store)
    }

    /// True when SQLite opened the database for reading only (its file cannot be written).
    ///
    /// # Errors
    /// SQLite failed.
    pub fn is_read_only(&self) -> Result<bool> {
        Ok(self.conn.is_readonly(rusqlite::MAIN_DB)?)
    }

    /// The database file (`:memory:` for an in-memory store).
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open database (always [`SCHEMA_VERSION`] once opened).
    ///
    /// # Errors
    /// SQLite failed.
    pub fn schema_version(&self) -> Result<u32> {
        schema::user_version(&self.conn)
    }

    /// Whether each commit waits for the disk (`synchronous=FULL`, the default) or not
    /// (`NORMAL`: a commit survives a killed process, and a power cut can lose the last ones
    /// but never leaves a damaged file). Before a session's first answer, everything a
    /// launch writes (the decks' card rows) can be made again from the deck files,
    /// so a launch writes it without waiting, then asks for full durability again.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn set_durable(&self, durable: bool) -> Result<()> {
        let mode = if durable { "FULL" } else { "NORMAL" };
        self.conn.pragma_update(None, "synchronous", mode)?;
        Ok(())
    }

    /// Whether a launch is under way: until a session's first answer, everything a launch
    /// writes (the decks' card rows) can be made again from the deck files, so it is written
    /// without waiting for the disk ([`Store::set_durable`]) and the write-ahead log is not
    /// copied into the file at commit (`set_auto_checkpoint`); both come back when the
    /// launch ends.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn set_launching(&self, launching: bool) -> Result<()> {
        self.set_durable(!launching)?;
        self.set_auto_checkpoint(!launching)
    }

    /// Replaces the wait of [`schema::BUSY_TIMEOUT`] for another process's write lock by
    /// `handler`, which SQLite calls with how many times it was called for the same wait and
    /// which returns whether to try again (see `sqlite3_busy_handler`).
    ///
    /// # Errors
    /// SQLite failed.
    pub fn on_busy(&mut self, handler: fn(i32) -> bool) -> Result<()> {
        self.conn.busy_handler(Some(handler))?;
        self.busy = Some(handler);
        Ok(())
    }

    /// A second connection to the same database file (for a thread of its own), waiting
    /// for another process's write lock as this one does.
    ///
    /// # Errors
    /// As [`Store::open_path`].
    pub fn open_again(&self) -> Result<Store> {
        let mut store = Store::open_path(&self.path)?;
        if let Some(handler) = self.busy {
            store.on_busy(handler)?;
        }
        Ok(store)
    }

    /// Reads pages through a memory map (the default, good for the few hundred pages a
    /// session's first question reads) or with one read per page. A pass over the whole file,
    /// as statistics make, is as fast either way, but a map counts every page it touched in
    /// the process's resident memory (~120 MB for a million reviews), so it turns it off.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn set_memory_map(&self, on: bool) -> Result<()> {
        let size: i64 = if on { 256 * 1024 * 1024 } else { 0 };
        self.conn.pragma_update(None, "mmap_size", size)?;
        Ok(())
    }

    /// Runs `read` inside one read transaction, so that its queries see one snapshot and
    /// take the database's read lock once rather than once per query.
    ///
    /// # Errors
    /// What `read` returns, or SQLite failed to begin or end the transaction.
    pub fn reading<T, E: From<StoreError>>(
        &self,
        read: impl FnOnce(&Store) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        if !self.conn.is_autocommit() {
            return read(self);
        }
        self.conn
            .execute_batch("BEGIN DEFERRED")
            .map_err(StoreError::from)?;
        let out = read(self);
        let end = if out.is_ok() { "COMMIT" } else { "ROLLBACK" };
        let ended = self.conn.execute_batch(end).map_err(StoreError::from);
        match (out, ended) {
            (Ok(value), Ok(())) => Ok(value),
            (Err(e), _) => Err(e),
            (Ok(_), Err(e)) => Err(e.into()),
        }
    }

    /// The underlying connection, for benchmarks and diagnostics that compare pragmas.
    /// Writing through it bypasses every check of the store.
    #[doc(hidden)]
    #[must_use]
    pub fn sqlite(&self) -> &Connection {
        &self.conn
    }
}

/// A time as Unix milliseconds, the form every time column holds.
pub(crate) fn to_ms(time: DateTime<Utc>) -> i64 {
    time.timestamp_millis()
}

/// A time from Unix milliseconds.
pub(crate) fn from_ms(ms: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms)
        .ok_or_else(|| StoreError::BadData(format!("time {ms} ms is out of range")))
}

/// A time truncated to the millisecond, as the store keeps it.
#[must_use]
pub fn truncate_ms(time: DateTime<Utc>) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(time.timestamp_millis()).unwrap_or(time)
}

#[cfg(test)]
mod tests;

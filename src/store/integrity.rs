//! Damage inside a database file that SQLite can still open: a flipped byte in a page, a file
//! cut short. A learner's answers are never written into a file known to be damaged.
//!
//! Opening checks what costs nothing: the file is a whole number of pages. The full check
//! (`PRAGMA integrity_check`, a read of every page and index) takes longer than a session's
//! first question, so a session runs it on a thread and connection of its own while that
//! question is on screen ([`Store::check_behind`]), and every answer waits for its verdict
//! ([`Store::checked`]). Commands that write without asking first check in place
//! ([`Store::check_now`]).

use std::path::Path;
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{Result, Store, StoreError};

/// How long the check started by [`Store::check_behind`] lets the first question be drawn,
/// even on a busy machine, before it reads the file (~100 ms of one core for 10,000 cards and
/// 100,000 reviews, ~200 ms for 100,000 cards); a learner takes longer than both to answer.
const CHECK_AFTER: Duration = Duration::from_millis(150);

/// What is known of the file's soundness.
#[derive(Debug, Default)]
pub(super) enum Soundness {
    /// Not checked beyond what opening checks.
    #[default]
    Unchecked,
    /// The full check runs on another thread.
    Checking(JoinHandle<Result<()>>),
    /// The full check found nothing.
    Sound,
    /// The file is damaged: what the check found.
    Damaged(String),
}

/// The error for a damaged file; `what` says what the check found.
pub(super) fn damaged(path: &Path, what: impl Into<String>) -> StoreError {
    StoreError::Damaged {
        path: path.to_path_buf(),
        what: what.into(),
    }
}

/// Refuses a file whose length is not a whole number of pages: it was cut short, or something
/// other than SQLite wrote to it. Reads only the file's length.
pub(super) fn whole_pages(conn: &Connection, path: &Path) -> Result<()> {
    let Ok(meta) = std::fs::metadata(path) else {
        // An in-memory database.
        return Ok(());
    };
    let page: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    let page = u64::try_from(page).unwrap_or(1).max(1);
    if meta.len() % page == 0 {
        Ok(())
    } else {
        Err(damaged(
            path,
            format!(
                "its length, {} bytes, is not a whole number of {page}-byte pages",
                meta.len()
            ),
        ))
    }
}

/// Reads the whole database behind `conn` and reports the first problem SQLite finds: every
/// page, every row against every index. Only reads.
pub fn check(conn: &Connection, path: &Path) -> Result<()> {
    whole_pages(conn, path)?;
    let verdict = conn.query_row("PRAGMA integrity_check(1)", [], |r| r.get::<_, String>(0));
    match verdict {
        Ok(v) if v == "ok" => Ok(()),
        Ok(v) => Err(damaged(path, v)),
        Err(e) => match StoreError::from(e) {
            StoreError::Corrupt(e) => Err(damaged(path, e.to_string())),
            other => Err(other),
        },
    }
}

/// [`check`] on a read-only connection of its own.
fn check_file(path: &Path) -> Result<()> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(super::schema::BUSY_TIMEOUT)?;
    check(&conn, path)
}

impl Store {
    /// Starts the full check of the file on a thread and connection of its own; the next
    /// [`Store::checked`] waits for its verdict. Does nothing for an in-memory database or
    /// once a check has begun.
    pub fn check_behind(&mut self) {
        if !matches!(self.soundness, Soundness::Unchecked) || !self.path.exists() {
            return;
        }
        let path = self.path.clone();
        self.soundness = Soundness::Checking(std::thread::spawn(move || {
            std::thread::sleep(CHECK_AFTER);
            check_file(&path)
        }));
    }

    /// Waits for the check [`Store::check_behind`] started, if any. Once the file is found
    /// damaged the connection no longer copies its log into the file when it closes, so
    /// nothing more is written to it.
    ///
    /// # Errors
    /// [`StoreError::Damaged`] (every later call says it again), or the check itself failed.
    pub fn checked(&mut self) -> Result<()> {
        let verdict = match std::mem::take(&mut self.soundness) {
            Soundness::Checking(thread) => match thread.join() {
                Ok(Ok(())) => Ok(()),
                Ok(Err(e @ StoreError::Damaged { .. })) => Err(e),
                // The thread could not check (its connection failed, or it was busy for long):
                // the check is made here instead, on this connection.
                Ok(Err(_)) | Err(_) => check(&self.conn, &self.path),
            },
            Soundness::Unchecked => return Ok(()),
            Soundness::Sound => Ok(()),
            Soundness::Damaged(what) => Err(damaged(&self.path, what)),
        };
        self.settle(verdict)
    }

    /// Runs the full check of the file now, on this connection, unless it already passed.
    ///
    /// # Errors
    /// As [`Store::checked`].
    pub fn check_now(&mut self) -> Result<()> {
        match self.soundness {
            Soundness::Unchecked => {
                let verdict = check(&self.conn, &self.path);
                self.settle(verdict)
            }
            _ => self.checked(),
        }
    }

    /// Keeps the verdict of a full check and returns it.
    fn settle(&mut self, verdict: Result<()>) -> Result<()> {
        match verdict {
            Ok(()) => self.soundness = Soundness::Sound,
            Err(StoreError::Damaged { what, .. }) => {
                self.conn.set_db_config(
                    rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
                    true,
                )?;
                self.soundness = Soundness::Damaged(what.clone());
                return Err(damaged(&self.path, what));
            }
            Err(e) => return Err(e),
        }
        Ok(())
    }
}

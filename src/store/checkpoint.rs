//! When the write-ahead log is copied into the database file.
//!
//! SQLite copies it at the commit that makes it longer than 1,000 pages, on the committing
//! thread. A launch that takes in a large deck (its card rows, several MB of log at 100,000
//! cards) would then wait for that copy before its first question. Such a launch
//! turns the copy at commit off and, once its first question is on screen, makes the copy
//! on a thread and connection of its own ([`Store::checkpoint_behind`]) while the learner
//! reads.
//!
//! The copy also empties the log. A log left behind by a killed process is read whole by
//! the next process that opens the file, before its first query.
//!
//! A log deleted under an open connection (by a careless sync or cleaning tool) takes every
//! commit since the last copy with it: the connection goes on writing into the deleted file,
//! which no other process sees and which is gone once the process ends. So every answer
//! checks, before and after its commit, that the log is still the file the store opened
//! ([`LogFile`]); when it is not, the store copies what its connection still holds into the
//! database file and stops.

use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};

use super::{Result, Store};

/// The pages after which SQLite copies the log at commit (its default).
const AUTO_PAGES: u32 = 1000;

/// A copy of the log waiting or running on its own thread. Dropping it calls off a copy
/// that has not started (closing the store copies the log anyway) and waits for one that
/// has.
#[must_use = "dropping it at once calls the copy off"]
#[derive(Debug, Default)]
pub struct Checkpoint(Option<(mpsc::Sender<()>, JoinHandle<()>)>);

impl Checkpoint {
    /// True when a copy was planned.
    #[must_use]
    pub fn planned(&self) -> bool {
        self.0.is_some()
    }
}

impl Drop for Checkpoint {
    fn drop(&mut self) {
        if let Some((call_off, thread)) = self.0.take() {
            drop(call_off);
            // A copy that failed or panicked leaves the log as it was, which is safe.
            let _ = thread.join();
        }
    }
}

/// The identity (device and inode) of the `-wal` file of a database when it was opened;
/// `None` where there was none or the platform has no inodes.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct LogFile(Option<(u64, u64)>);

impl LogFile {
    /// The identity of the log of the database at `path` now.
    pub(super) fn of(path: &Path) -> Self {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let mut log = path.as_os_str().to_owned();
            log.push("-wal");
            LogFile(std::fs::metadata(log).ok().map(|m| (m.dev(), m.ino())))
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            LogFile(None)
        }
    }
}

impl Store {
    /// Checks that the log is the file this connection opened. When it was deleted, copies
    /// what the connection still reads through it (every answer committed so far) into the
    /// database file, which makes them durable again; when it was replaced by another file,
    /// copies nothing (that file's pages are not this connection's).
    ///
    /// A session calls it before each write, so that it never acknowledges an answer kept
    /// only in a deleted file.
    ///
    /// # Errors
    /// [`super::StoreError::LogGone`], saying whether the answers given so far were saved.
    pub fn log_in_place(&mut self) -> Result<()> {
        let opened = self.log;
        let now = LogFile::of(&self.path);
        if opened.0.is_none() {
            // No log when the store was opened (or no inodes): this one is the store's.
            self.log = now;
            return Ok(());
        }
        if now == opened {
            return Ok(());
        }
        let saved = if now.0.is_none() && self.copy_log_into_file() {
            "The answers given before are saved in the database file; the last one was not \
             saved, and the session stops here."
        } else {
            "Answers given since the log was last copied into the database may be lost; the \
             session stops here."
        };
        Err(super::StoreError::LogGone {
            path: self.path.clone(),
            saved,
        })
    }

    /// Copies the log this connection reads into the database file; true when all of it was.
    fn copy_log_into_file(&self) -> bool {
        let _ = self.conn.execute_batch("ROLLBACK");
        self.conn
            .query_row("PRAGMA wal_checkpoint(FULL)", [], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })
            .is_ok_and(|(busy, log, copied)| busy == 0 && log == copied)
    }

    /// Turns SQLite's copy of the log at commit on (the default) or off.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn set_auto_checkpoint(&self, on: bool) -> Result<()> {
        let pages = if on { AUTO_PAGES } else { 0 };
        self.conn.pragma_update(None, "wal_autocheckpoint", pages)?;
        Ok(())
    }

    /// Copies the log into the database file and empties it, on a connection and thread
    /// of its own, `after` from now, when the log is longer than `min_bytes`. The copy waits
    /// for a write in progress, and a write waits for the copy. It is only ever a saving: if
    /// it fails (the file is busy for long, the disk is full), the log stays as it was.
    pub fn checkpoint_behind(&self, min_bytes: u64, after: Duration) -> Checkpoint {
        let mut log = self.path.clone().into_os_string();
        log.push("-wal");
        let long = std::fs::metadata(&log).is_ok_and(|m| m.len() > min_bytes);
        if !long {
            return Checkpoint(None);
        }
        let path = self.path.clone();
        let (call_off, called_off) = mpsc::channel::<()>();
        let thread = std::thread::spawn(move || {
            if called_off.recv_timeout(after) == Err(RecvTimeoutError::Timeout) {
                let _ = checkpoint(&path);
            }
        });
        Checkpoint(Some((call_off, thread)))
    }
}

/// Copies the log of the database at `path` into it and empties the log.
fn checkpoint(path: &Path) -> rusqlite::Result<()> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(super::schema::BUSY_TIMEOUT)?;
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::parse;
    use crate::library::DeckSync;

    fn big_deck(cards: usize) -> crate::deck::Deck {
        let mut text = String::from("[deck]\ntitle = \"Big\"\nid = \"big\"\n");
        for i in 0..cards {
            text.push_str(&format!(
                "[[card]]\nid = \"c{i}\"\nfront = \"Question number {i}\"\nback = \"Answer {i}\"\n"
            ));
        }
        parse(&text, "big.toml", "big", Default::default())
            .deck
            .expect("a valid deck")
    }

    fn log_len(dir: &Path) -> u64 {
        std::fs::metadata(dir.join("p.sqlite3-wal")).map_or(0, |m| m.len())
    }

    #[test]
    fn a_large_commit_leaves_its_log_until_the_copy_behind_empties_it() {
        let dir = tempfile::tempdir().unwrap();
        let deck = big_deck(9000);
        let mut store = Store::open_dir(dir.path(), "p").unwrap();
        store.set_auto_checkpoint(false).unwrap();
        store.sync_deck(&deck).unwrap();
        let before = log_len(dir.path());
        assert!(before > 1 << 19, "{before}");
        let pages: u32 = store
            .conn
            .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
            .unwrap();
        assert_eq!(pages, 0);
        // Not long enough for this threshold: nothing is planned.
        assert!(!store.checkpoint_behind(before, Duration::ZERO).planned());
        // Called off before its time: the log stays.
        let copy = store.checkpoint_behind(1 << 19, Duration::from_secs(60));
        assert!(copy.planned());
        drop(copy);
        assert_eq!(log_len(dir.path()), before);
        // Made while the store is open.
        let copy = store.checkpoint_behind(1 << 19, Duration::ZERO);
        let until = std::time::Instant::now() + Duration::from_secs(20);
        while log_len(dir.path()) > 0 && std::time::Instant::now() < until {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert_eq!(log_len(dir.path()), 0);
        drop(copy);
        // Everything is in the file: it reads the same from a new connection.
        drop(store);
        let store = Store::open_dir(dir.path(), "p").unwrap();
        assert_eq!(store.cards("big").unwrap().len(), 9000);
    }
}

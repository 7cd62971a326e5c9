//! What the store can fail with, worded for the learner: each message says what happened to
//! the file (in particular that a file recall cannot use was left untouched).

use std::path::PathBuf;

/// A failure of the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The profile name cannot be used as a file name.
    #[error("{0:?} is not a profile name: use 1 to 64 letters, digits, '-' or '_'")]
    BadProfile(String),
    /// The file is not an SQLite database, or its header is damaged.
    #[error(
        "{}: not a recall progress database (not SQLite, or damaged); it was left untouched",
        path.display()
    )]
    NotADatabase {
        /// The file.
        path: PathBuf,
    },
    /// An SQLite database of some other program.
    #[error(
        "{}: an SQLite database of another program (application id {id:#010x}); it was left untouched",
        path.display()
    )]
    Foreign {
        /// The file.
        path: PathBuf,
        /// Its application id.
        id: u32,
    },
    /// A database written by a newer recall.
    #[error(
        "{}: written by a newer recall (schema version {found}; this one knows up to {known}); \
         upgrade recall to use it. The file was left untouched",
        path.display()
    )]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Its schema version.
        found: u32,
        /// The newest version this build knows.
        known: u32,
    },
    /// A check found damage inside the file; nothing more is written to it.
    #[error(
        "{}: the progress database is damaged ({what}); nothing was written to it. \
         Run `recall repair` (with the same --profile and --data-dir) to save what can be \
         read into a new file",
        path.display()
    )]
    Damaged {
        /// The file.
        path: PathBuf,
        /// What the check found.
        what: String,
    },
    /// The write-ahead log was deleted or replaced under the open database.
    #[error(
        "{}-wal, the progress database's write-ahead log, was deleted or replaced while recall \
         was running (by a sync or cleaning tool?), so answers could no longer be kept safely. \
         {saved} Keep such tools away from recall's data folder",
        path.display()
    )]
    LogGone {
        /// The database file.
        path: PathBuf,
        /// What became of the answers already given.
        saved: &'static str,
    },
    /// SQLite found the database damaged while reading it.
    #[error("the progress database is damaged: {0}")]
    Corrupt(rusqlite::Error),
    /// A stored value cannot be read back (a damaged or hand-edited database).
    #[error("the progress database holds a value recall cannot read: {0}")]
    BadData(String),
    /// Creating the data directory or the database file failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// Any other SQLite failure (a full disk, a lock held for too long, ...).
    #[error("progress database: {0}")]
    Sqlite(rusqlite::Error),
    /// A review id that is not in this profile.
    #[error("review {0} is not in this profile's log")]
    NoSuchReview(String),
    /// Undo of a review that is no longer the latest of its card.
    #[error("review {id} cannot be undone: {deck}/{card} was answered again after it")]
    NotLatest {
        /// The review.
        id: String,
        /// Its deck.
        deck: String,
        /// Its card.
        card: String,
    },
    /// A review that does not hold together (its id does not carry its time, ...).
    #[error("invalid review: {0}")]
    BadReview(String),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                StoreError::Corrupt(e)
            }
            _ => StoreError::Sqlite(e),
        }
    }
}

//! Opening a profile database: the file and its permissions, the checks that keep recall from
//! writing to a file it does not understand, the connection's pragmas, and the forward
//! migrations from every earlier schema version.
//!
//! Nothing is written to a file before it has been read and recognised: a file that is not
//! SQLite, an SQLite file of another program and a database of a newer recall are refused
//! untouched.

use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use super::{Result, StoreError};

/// The schema version this build writes. Older databases are migrated forward on open.
pub const SCHEMA_VERSION: u32 = 8;

/// The steps from version `n` to `n + 1`, in order: step 0 creates version 1 from an empty
/// file. A new version appends a step; released steps are never edited.
pub const MIGRATIONS: [&str; SCHEMA_VERSION as usize] = [
    include_str!("schema.sql"),
    include_str!("schema_v2.sql"),
    include_str!("schema_v3.sql"),
    include_str!("schema_v4.sql"),
    include_str!("schema_v5.sql"),
    include_str!("schema_v6.sql"),
    include_str!("schema_v7.sql"),
    include_str!("schema_v8.sql"),
];

/// SQLite's application id for recall databases: "RCLL" in ASCII.
pub const APPLICATION_ID: u32 = 0x5243_4C4C;

/// How long a writer waits for another process's transaction before giving up. Transactions
/// are one answer long, so anything near this means the other process is stuck.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Creates `dir` (and its parents) readable by the owner only; an existing one is kept as is.
pub(super) fn create_private_dir(dir: &Path) -> Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(|source| StoreError::Io {
        path: dir.to_path_buf(),
        source,
    })
}

/// Opens `file`, first creating it empty with owner-only permissions if it does not exist.
/// SQLite creates the `-wal` and `-shm` files with the permissions of the database file.
pub(super) fn open_file(file: &Path) -> Result<Connection> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(file) {
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(source) => {
            return Err(StoreError::Io {
                path: file.to_path_buf(),
                source,
            });
        }
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(file, flags).map_err(|e| StoreError::Io {
        path: file.to_path_buf(),
        source: std::io::Error::other(e),
    })
}

/// Checks what the file is, sets the pragmas and migrates it to [`SCHEMA_VERSION`].
pub(super) fn prepare(conn: &mut Connection, path: &Path) -> Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Every write transaction takes the write lock when it begins. A deferred one that read
    // first and then writes cannot wait for the lock in WAL mode if another session committed
    // meanwhile: SQLite fails it at once with "database is locked", whatever the timeout.
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
    let found = recognise(conn, path)?;
    if found > 0 {
        super::integrity::whole_pages(conn, path)?;
    }
    set_pragmas(conn)?;
    if found < SCHEMA_VERSION {
        if found > 0 {
            super::integrity::check(conn, path)?;
        }
        // A migration is one transaction that the next open makes again if a power cut
        // loses it, so it need not wait for the disk.
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        migrate(conn, path)?;
        conn.pragma_update(None, "synchronous", "FULL")?;
    }
    conn.set_transaction_behavior(TransactionBehavior::Immediate);
    Ok(())
}

/// The schema version of a recall database, 0 for an empty file; an error for anything recall
/// must not write to. Only reads.
fn recognise(conn: &Connection, path: &Path) -> Result<u32> {
    let header = conn.query_row(
        "SELECT (SELECT application_id FROM pragma_application_id()), \
                (SELECT user_version FROM pragma_user_version()), \
                (SELECT count(*) FROM sqlite_schema)",
        [],
        |row| {
            Ok((
                row.get::<_, i64>(0)?,
                row.get::<_, i64>(1)?,
                row.get::<_, i64>(2)?,
            ))
        },
    );
    let (app_id, version, objects) = header.map_err(|e| refusal(e, path))?;
    // Both pragmas are 32-bit fields of the file header; SQLite reports them signed.
    let app_id = u32::from_ne_bytes(i32::try_from(app_id).unwrap_or(0).to_ne_bytes());
    let version = u32::try_from(version).unwrap_or(u32::MAX);
    if app_id != APPLICATION_ID && (app_id != 0 || objects > 0) {
        return Err(StoreError::Foreign {
            path: path.to_path_buf(),
            id: app_id,
        });
    }
    if version > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    Ok(version)
}

/// The error for a file SQLite cannot read as a database.
fn refusal(e: rusqlite::Error, path: &Path) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt) => {
            StoreError::NotADatabase {
                path: path.to_path_buf(),
            }
        }
        _ => StoreError::from(e),
    }
}

/// Journal, durability and integrity settings of the connection.
fn set_pragmas(conn: &Connection) -> Result<()> {
    // WAL: readers never block the writer and the writer never blocks readers, so two
    // sessions (and `recall log`) can run on one profile at once; a commit appends to the
    // -wal file instead of rewriting pages in place.
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "wal", |r| r.get(0))?;
    debug_assert!(mode == "wal" || mode == "memory", "journal mode {mode}");
    // Durability. In WAL mode, synchronous=NORMAL syncs only at checkpoints: a committed
    // transaction survives a killed process (it is in the -wal file, which the operating
    // system keeps), but a power cut or kernel crash can lose the last commits, because the
    // -wal was not flushed to the disk. FULL syncs the -wal on every commit, so an answer is
    // on the disk before `record_review` returns and survives a power cut too. The price is
    // one fsync per answer: `cargo bench --bench store` measured a p99 of 0.28 ms with FULL
    // against 0.13 ms with NORMAL on the development machine (a disk with a write cache; an
    // fsync on a laptop SSD takes 0.5 to 5 ms), far inside the 10 ms budget per answer.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Reads through a memory map instead of one read() call per page: a session's first
    // question reads a few hundred pages of a large profile.
    conn.pragma_update(None, "mmap_size", 256 * 1024 * 1024)?;
    Ok(())
}

/// Runs the missing steps in one transaction. The version is read again inside it, so two
/// processes opening an old file at once migrate it once.
fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let found = user_version(&tx)?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    if found == 0 {
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    for step in &MIGRATIONS[found as usize..] {
        tx.execute_batch(step)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}

/// The `user_version` of the database: its schema version.
pub(super) fn user_version(conn: &Connection) -> Result<u32> {
    let v: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    Ok(u32::try_from(v).unwrap_or(u32::MAX))
}

/// Creates the schema of `version` (0 to [`SCHEMA_VERSION`]) in an empty database, as that
/// release of recall would have left it. For migration tests.
///
/// # Errors
/// SQLite failed, or `version` is unknown.
#[doc(hidden)]
pub fn create_at_version(conn: &Connection, version: u32) -> Result<()> {
    let steps = MIGRATIONS
        .get(..version as usize)
        .ok_or_else(|| StoreError::BadData(format!("no schema version {version}")))?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    for step in steps {
        conn.execute_batch(step)?;
    }
    conn.pragma_update(None, "user_version", version)?;
    Ok(())
}

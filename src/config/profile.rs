//! Finding the profile's database: `--data-dir`, else `RECALL_DATA_DIR` (clap reads both),
//! else the platform's data folder + `recall`; one file per `--profile` inside it. The only
//! place that decides where progress lives; the store itself takes paths.

use std::path::PathBuf;
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::store::{self, Store};

/// Where progress is kept: the data folder asked for (`--data-dir` or `RECALL_DATA_DIR`;
/// `None` for the platform's) and the profile, one database file in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The folder holding the profiles' databases, when one was given.
    pub data_dir: Option<PathBuf>,
    /// Whose progress.
    pub profile: String,
}

/// The folder holding the profiles' databases.
///
/// # Errors
/// No folder was given and the platform has no data folder (no home directory).
pub fn data_dir(options: &Location) -> Result<PathBuf, Error> {
    if let Some(dir) = options
        .data_dir
        .as_ref()
        .filter(|d| !d.as_os_str().is_empty())
    {
        return Ok(dir.clone());
    }
    crate::env::data_home().ok_or_else(|| {
        Error::Usage(
            "no home folder to keep progress in: use --data-dir DIR or RECALL_DATA_DIR".to_owned(),
        )
    })
}

/// Where the parsed decks are cached: `cache/` inside the folder given by `--data-dir` (or
/// `RECALL_DATA_DIR`), so that such a profile keeps everything in its folder, else the
/// platform's cache folder + `recall/decks`; no cache when there is neither (every deck file
/// is then parsed). Deleting it loses nothing.
#[must_use]
pub fn deck_cache(options: &Location) -> crate::library::DeckCache {
    let given = options
        .data_dir
        .as_ref()
        .filter(|d| !d.as_os_str().is_empty());
    let dir = match given {
        Some(dir) => Some(dir.join("cache")),
        None => crate::env::cache_home().map(|dir| dir.join("decks")),
    };
    dir.map_or_else(
        crate::library::DeckCache::none,
        crate::library::DeckCache::at,
    )
}

/// The database file of the selected profile.
///
/// # Errors
/// As [`data_dir`].
pub fn file(options: &Location) -> Result<PathBuf, Error> {
    Ok(store::profile_file(&data_dir(options)?, &options.profile))
}

/// Opens the selected profile's database for a session that records answers: as [`open`],
/// and refused before the first question when the file cannot be written (every answer
/// would fail to be saved).
///
/// # Errors
/// As [`open`], or a database that can only be read.
pub fn open_for_answers(options: &Location) -> Result<Store, Error> {
    let store = open(options)?;
    if store.is_read_only()? {
        return Err(Error::Usage(format!(
            "the progress database {} can only be read: your answers could not be saved; \
             make it writable (chmod u+w) or study under another --profile",
            crate::text::escape_controls(&store.path().display().to_string())
        )));
    }
    Ok(store)
}

/// Opens the selected profile's database, creating it (and the folder) when needed.
///
/// # Errors
/// No data folder, or the store refused or failed to open the file.
pub fn open(options: &Location) -> Result<Store, Error> {
    let mut store = Store::open_dir(&data_dir(options)?, &options.profile)?;
    store.on_busy(wait_for_lock)?;
    Ok(store)
}

/// How long a wait for another process's write lock goes on before the learner is told.
const SAY_AFTER: Duration = Duration::from_secs(2);

/// When the current wait for the write lock began, and whether it was said.
static WAITING: Mutex<Option<(Instant, bool)>> = Mutex::new(None);

/// What a command does while another process holds the profile's write lock: waits, however
/// long it takes (an answer in hand is never given up), and says on stderr once it has
/// waited [`SAY_AFTER`]. Called by SQLite with the number of tries of this wait so far.
pub(crate) fn wait_for_lock(tries: i32) -> bool {
    let now = Instant::now();
    {
        let mut waiting = WAITING.lock().unwrap_or_else(PoisonError::into_inner);
        if tries == 0 || waiting.is_none() {
            *waiting = Some((now, false));
        }
        if let Some((since, said)) = waiting.as_mut()
            && !*said
            && now.duration_since(*since) >= SAY_AFTER
        {
            *said = true;
            eprintln!(
                "recall: another recall is writing to the progress database; waiting for it \
                 (nothing is lost meanwhile)"
            );
        }
    }
    // 1, 2, 4, ... up to 16 ms between tries.
    std::thread::sleep(Duration::from_millis(1 << tries.clamp(0, 4)));
    true
}

/// Opens the selected profile's database if it exists; `None` when the profile has never
/// been used, so that read-only commands create nothing.
///
/// # Errors
/// As [`open`].
pub fn open_existing(options: &Location) -> Result<Option<Store>, Error> {
    let path = file(options)?;
    match std::fs::metadata(&path) {
        Ok(_) => open(options).map(Some),
        // Nothing there at all: a profile never used. A link that leads nowhere (or in a
        // loop) is something there that cannot be read, not an empty profile.
        Err(e)
            if e.kind() == std::io::ErrorKind::NotFound
                && std::fs::symlink_metadata(&path).is_err() =>
        {
            Ok(None)
        }
        Err(source) => Err(Error::Io { path, source }),
    }
}

//! `recall repair`: checks the profile's database for damage and, if it is damaged, saves what
//! SQLite can still read into a new file, rebuilds the cards' states by replaying the saved
//! log, and keeps the damaged file beside the new one.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::config::profile::Location;
use crate::config::settings::Overrides;
use crate::config::{profile, settings};
use crate::error::Error;
use crate::store::{StoreError, repair};
use crate::text::escape_controls;

/// Runs `recall repair`.
///
/// # Errors
/// The new file cannot be written or the files cannot be renamed (the damaged file is then
/// still in place), or the settings are unusable.
pub fn run(options: &Location) -> Result<ExitCode, Error> {
    let file = profile::file(options)?;
    let shown = escape_controls(&file.display().to_string()).into_owned();
    if !file.exists() {
        println!("{shown}: no progress yet, nothing to repair");
        return Ok(ExitCode::SUCCESS);
    }
    let what = match repair::inspect(&file) {
        Ok(()) => {
            println!("{shown}: no damage found");
            return Ok(ExitCode::SUCCESS);
        }
        Err(StoreError::Damaged { what, .. }) => what,
        Err(e) => return Err(e.into()),
    };
    println!("{shown}: damaged ({})", escape_controls(&what));
    let now = crate::env::now()?;
    let fresh = sibling(&file, &format!(".repairing-{}", std::process::id()));
    remove_if_there(&fresh)?;
    let saved = (|| {
        let (mut store, saved) = repair::salvage(&file, &fresh)?;
        let mut config = settings::effective(options, &Overrides::default())?;
        settings::apply_fitted(&mut config, &store)?;
        crate::sync::merge(&mut store, &[], &config)?;
        Ok::<_, Error>(saved)
    })();
    let saved = match saved {
        Ok(saved) => saved,
        Err(e) => {
            let _ = remove_if_there(&fresh);
            return Err(e);
        }
    };
    let kept = sibling(
        &file,
        &format!(".damaged-{}", now.format("%Y%m%dT%H%M%S%.3fZ")),
    );
    swap(&file, &fresh, &kept)?;
    println!(
        "saved {} review{} of {} card{} into a new {shown}; the damaged file is kept as {}",
        saved.reviews,
        if saved.reviews == 1 { "" } else { "s" },
        saved.cards,
        if saved.cards == 1 { "" } else { "s" },
        escape_controls(&kept.display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}

/// `file` with `suffix` added to its name.
fn sibling(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.to_path_buf();
    move |source| Error::Io { path, source }
}

/// Removes `file` and its `-wal` and `-shm` files, those that exist.
fn remove_if_there(file: &Path) -> Result<(), Error> {
    for path in [
        file.to_path_buf(),
        sibling(file, "-wal"),
        sibling(file, "-shm"),
    ] {
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(&path)(e)),
            _ => {}
        }
    }
    Ok(())
}

/// Renames the damaged `file` (with its write-ahead log, which belongs to it) to `kept`, then
/// the closed new file `fresh` to `file`, and syncs the folder.
fn swap(file: &Path, fresh: &Path, kept: &Path) -> Result<(), Error> {
    std::fs::rename(file, kept).map_err(io(file))?;
    let log = sibling(file, "-wal");
    if log.exists() {
        std::fs::rename(&log, sibling(kept, "-wal")).map_err(io(&log))?;
    }
    let shared = sibling(file, "-shm");
    if shared.exists() {
        std::fs::remove_file(&shared).map_err(io(&shared))?;
    }
    std::fs::rename(fresh, file).map_err(io(fresh))?;
    if let Some(dir) = file.parent().and_then(|d| std::fs::File::open(d).ok()) {
        let _ = dir.sync_all();
    }
    Ok(())
}

//! `recall export-progress` and `recall import-progress`: the review log as JSON Lines, to
//! carry progress between machines through any file-sync tool.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::cli::{ExportArgs, ImportArgs, SettingsArgs, StoreOptions};
use crate::cmd::{profile, settings};
use crate::config::StudyConfig;
use crate::error::Error;
use crate::store::exchange::{ImportError, parse_lines};
use crate::store::{ReviewLine, Store};
use crate::text::escape_controls;

/// Runs `recall export-progress`: writes every review, oldest first, to a temporary file next
/// to FILE, syncs it and renames it over FILE, so FILE is always whole (old or new).
///
/// # Errors
/// The store failed, or the file could not be written (then FILE is unchanged).
pub fn export(args: &ExportArgs, options: &StoreOptions) -> Result<ExitCode, Error> {
    let store = profile::open(options)?;
    let count = write_atomically(&args.file, |out| {
        let mut count = 0u64;
        store.for_each_review(|review| {
            serde_json::to_writer(&mut *out, &ReviewLine::from(&review))
                .map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
            count += 1;
            Ok::<_, ExportError>(())
        })?;
        Ok(count)
    })?;
    println!(
        "exported {count} review{} to {}",
        if count == 1 { "" } else { "s" },
        escape_controls(&args.file.display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}

/// A failure while writing a file atomically: of the file, or of the store being read.
#[derive(Debug)]
pub(crate) enum ExportError {
    Io(std::io::Error),
    Store(crate::store::StoreError),
}

impl From<std::io::Error> for ExportError {
    fn from(e: std::io::Error) -> Self {
        ExportError::Io(e)
    }
}

impl From<crate::store::StoreError> for ExportError {
    fn from(e: crate::store::StoreError) -> Self {
        ExportError::Store(e)
    }
}

/// Writes `file` through `fill` into a temporary file in the same folder (owner-only
/// permissions), syncs it, renames it into place and syncs the folder. On any failure the
/// temporary file is removed and `file` is left as it was.
pub(crate) fn write_atomically<T>(
    file: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> Result<T, ExportError>,
) -> Result<T, Error> {
    let dir = match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = file
        .file_name()
        .map_or_else(|| "export".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let handle = options.open(&temp).map_err(io(&temp))?;
    let written = (|| {
        let mut out = BufWriter::new(handle);
        let value = fill(&mut out).map_err(|e| match e {
            ExportError::Io(source) => Error::Io {
                path: temp.clone(),
                source,
            },
            ExportError::Store(e) => Error::Store(e),
        })?;
        let handle = out.into_inner().map_err(|e| Error::Io {
            path: temp.clone(),
            source: e.into_error(),
        })?;
        handle.sync_all().map_err(io(&temp))?;
        std::fs::rename(&temp, file).map_err(io(file))?;
        Ok(value)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
        return written;
    }
    // Make the rename itself durable; folders cannot be opened for syncing everywhere.
    if let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    written
}

/// Runs `recall import-progress`: each file is read whole and imported in one transaction,
/// or not at all when any of its lines is malformed (every bad line is reported).
///
/// # Errors
/// The store failed. A file that cannot be read or has bad lines is reported and makes the
/// exit code non-zero, but the other files are still imported.
pub fn import(args: &ImportArgs, options: &StoreOptions) -> Result<ExitCode, Error> {
    let flags = SettingsArgs {
        retention: args.retention,
        scheduler: args.scheduler.clone(),
        ..SettingsArgs::default()
    };
    let mut config = settings::effective(options, &flags)?;
    let mut store = profile::open(options)?;
    store.check_now()?;
    settings::apply_fitted(&mut config, &store)?;
    let mut failed = false;
    for path in &args.files {
        let shown = escape_controls(&path.display().to_string()).into_owned();
        match import_file(&mut store, path, &config) {
            Ok(Imported::Done(r)) => println!(
                "{shown}: {} reviews, {} new; {} cards rescheduled",
                r.read, r.added, r.changed
            ),
            Ok(Imported::BadLines(errors)) => {
                failed = true;
                for e in &errors {
                    eprintln!("{shown}:{}: {}", e.line, escape_controls(&e.message));
                }
                let n = errors.len();
                eprintln!(
                    "{shown}: not imported ({n} bad line{})",
                    if n == 1 { "" } else { "s" }
                );
            }
            Err(e) => {
                failed = true;
                eprintln!("recall: error: {}", escape_controls(&e.to_string()));
            }
        }
    }
    Ok(if failed {
        crate::cli::failure()
    } else {
        ExitCode::SUCCESS
    })
}

enum Imported {
    Done(crate::store::ImportReport),
    BadLines(Vec<crate::store::exchange::LineError>),
}

fn import_file(store: &mut Store, path: &Path, config: &StudyConfig) -> Result<Imported, Error> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let reviews = match parse_lines(&text) {
        Ok(reviews) => reviews,
        Err(errors) => return Ok(Imported::BadLines(errors)),
    };
    merge(store, &reviews, config).map(Imported::Done)
}

/// Merges `reviews` into the log and replays it with the learner's settings, deck by deck, as
/// `recall study` schedules with them: the replayed states are the ones their answers got (or
/// would have got) in a session.
///
/// # Errors
/// The store failed or the settings are unusable; then nothing changed.
pub(crate) fn merge(
    store: &mut Store,
    reviews: &[crate::store::Review],
    config: &StudyConfig,
) -> Result<crate::store::ImportReport, Error> {
    match store.import(reviews, |deck| settings::deck_scheduler(config, deck)) {
        Ok(report) => Ok(report),
        Err(ImportError::Store(e)) => Err(Error::Store(e)),
        Err(ImportError::Settings(e)) => Err(Error::Usage(e.to_string())),
    }
}

//! Progress merged in from other machines: the review logs `recall import-progress` reads,
//! and `recall sync DIR`, through a folder the learner already shares between machines.
//!
//! In the folder, each copy of a profile writes one file of its own,
//! `<profile>.<device>.recall-sync` (the device id is made once and kept in the profile), and
//! only that one: replaced whole by a rename, so a reader sees the old file or the new one,
//! never a half. No two copies write the same file, so no lock is needed and two machines may
//! sync at once. Every other file of the profile in the folder is read whole, checked whole
//! ([`file::parse`]) and merged in one transaction, or skipped and named when it is damaged,
//! cut short, of a newer format or of another profile. The merge: reviews by id, then every
//! card's state replayed from the log; each mark, exam date and the fit by its latest change;
//! accepted answers as a union. This part never prints and never reads the clock.

pub mod file;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};

use crate::config::StudyConfig;
use crate::config::profile::Location;
use crate::config::settings;
use crate::error::Error;
use crate::input_file::{limits, read_text};
use crate::store::carried::Taken;
use crate::store::exchange::{LineError, parse_lines};
use crate::store::{ImportReport, Review, Store};
use crate::study::exam_date::{self, ExamEntry};

/// The extension of a sync file.
pub const EXTENSION: &str = "recall-sync";

/// A file of the folder that was not merged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub file: PathBuf,
    /// Why.
    pub reason: String,
    /// Whether it is another profile's by its name (not a problem: never read).
    pub other_profile: bool,
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Outcome {
    /// The files merged.
    pub read: Vec<PathBuf>,
    /// The files not merged.
    pub skipped: Vec<Skipped>,
    /// What the merge took in.
    pub taken: Taken,
    /// Exam dates (set or forgotten) newer than this profile's.
    pub exams: usize,
    /// Cards whose state the replay of the merged log changed.
    pub changed: usize,
    /// This profile's own file, written.
    pub written: PathBuf,
}

impl Outcome {
    /// The outcome of [`write_only`]: the file written, nothing read.
    #[must_use]
    pub fn of_write(written: PathBuf) -> Self {
        Outcome {
            written,
            ..Outcome::default()
        }
    }
}

/// Syncs the profile of `store` (at `location`) through the folder `dir` at `now`: merges
/// every other copy's file, then writes this copy's. `config` holds the learner's settings
/// before the fit (the replay uses the fit in force after the merge).
///
/// # Errors
/// The folder cannot be listed, the store failed, the exam dates cannot be written, or this
/// copy's file cannot be written. A file that cannot be merged is only skipped.
pub fn run(
    dir: &Path,
    store: &mut Store,
    location: &Location,
    config: &StudyConfig,
    now: DateTime<Utc>,
) -> Result<Outcome, Error> {
    let (own, device) = own_file(dir, store, location)?;
    let mut outcome = Outcome::default();
    let mut exams = exam_date::load_entries(location)?;
    let mut exams_changed = false;
    for path in candidates(dir, &own, &location.profile, &mut outcome.skipped)? {
        let parsed = read_text(&path, limits::PROGRESS, "sync file")
            .map_err(|e| match e {
                Error::Io { source, .. } => source.to_string(),
                other => other.to_string(),
            })
            .and_then(|text| file::parse(&text, &location.profile));
        let contents = match parsed {
            Ok((_, contents)) => contents,
            Err(reason) => {
                outcome.skipped.push(Skipped {
                    file: path,
                    reason,
                    other_profile: false,
                });
                continue;
            }
        };
        let taken = store.merge_carried(&contents.reviews, &contents.carried)?;
        outcome.taken.reviews += taken.reviews;
        outcome.taken.marks += taken.marks;
        outcome.taken.accepted += taken.accepted;
        outcome.taken.fitted |= taken.fitted;
        for (deck, theirs) in contents.exams {
            if exams.get(&deck).is_none_or(|mine| *mine < theirs) {
                exams.insert(deck, theirs);
                outcome.exams += 1;
                exams_changed = true;
            }
        }
        outcome.read.push(path);
    }
    if exams_changed {
        exam_date::save_entries(location, &exams)?;
    }
    // Always replayed: the states are then the log's, whichever copy answered, so every
    // copy holding the same log and settings holds the same states.
    let mut config = config.clone();
    settings::apply_fitted(&mut config, store)?;
    (_, outcome.changed) = store.replay_log(|deck| settings::deck_scheduler(&config, deck))?;
    write_own((&own, device), store, location, &exams, now)?;
    outcome.written = own;
    Ok(outcome)
}

/// Writes this copy's file in `dir` without reading the others' (after a session).
///
/// # Errors
/// The store failed, or the file cannot be written.
pub fn write_only(
    dir: &Path,
    store: &mut Store,
    location: &Location,
    now: DateTime<Utc>,
) -> Result<PathBuf, Error> {
    let (own, device) = own_file(dir, store, location)?;
    let exams = exam_date::load_entries(location)?;
    write_own((&own, device), store, location, &exams, now)?;
    Ok(own)
}

/// This copy's file in `dir` and its device id, made when the profile has none; the folder
/// must exist.
fn own_file(
    dir: &Path,
    store: &mut Store,
    location: &Location,
) -> Result<(PathBuf, String), Error> {
    if !dir.is_dir() {
        return Err(Error::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder"),
        });
    }
    let device = store.sync_device(|| format!("{:016x}", rand::random::<u64>()))?;
    let own = dir.join(format!("{}.{device}.{EXTENSION}", location.profile));
    Ok((own, device))
}

/// The sync files of `dir` other than `own`, by name; the files of other profiles (by the
/// name's first part) are put in `skipped` unread.
fn candidates(
    dir: &Path,
    own: &Path,
    profile: &str,
    skipped: &mut Vec<Skipped>,
) -> Result<Vec<PathBuf>, Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(stem) = name.strip_suffix(&format!(".{EXTENSION}")) else {
            continue;
        };
        if path == own || name.starts_with('.') {
            continue;
        }
        if stem.split('.').next() == Some(profile) {
            found.push(path);
        } else {
            skipped.push(Skipped {
                file: path,
                reason: "another profile's".to_owned(),
                other_profile: true,
            });
        }
    }
    found.sort();
    skipped.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(found)
}

/// Writes this copy's file `own` (of `device`), atomically: everything the profile holds,
/// its exam dates included.
fn write_own(
    (own, device): (&Path, String),
    store: &Store,
    location: &Location,
    exams: &BTreeMap<String, ExamEntry>,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let carried = store.carried()?;
    let header = file::Header {
        recall_sync: file::FORMAT,
        profile: location.profile.clone(),
        device,
        written: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
    };
    crate::atomic_file::write(own, |out| {
        file::write(out, &header, store, &carried, exams).map(|_| ())
    })
}

/// What [`import_file`] made of a progress export.
pub enum Imported {
    /// Merged.
    Done(ImportReport),
    /// Not merged: these lines are bad.
    BadLines(Vec<LineError>),
}

/// Merges the progress export at `path` (`recall export-progress`) into `store`: read whole,
/// and merged in one transaction, or not at all when any of its lines is malformed.
///
/// # Errors
/// The file cannot be read, or the store failed.
pub fn import_file(
    store: &mut Store,
    path: &Path,
    config: &StudyConfig,
) -> Result<Imported, Error> {
    let text = read_text(path, limits::PROGRESS, "progress export")?;
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
pub fn merge(
    store: &mut Store,
    reviews: &[Review],
    config: &StudyConfig,
) -> Result<ImportReport, Error> {
    Ok(store.import(reviews, |deck| settings::deck_scheduler(config, deck))?)
}

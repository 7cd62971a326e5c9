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
use crate::config::settings::{self, Overrides};
use crate::error::Error;
use crate::input_file::{limits, read_text};
use crate::store::carried::{SyncState, Taken};
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
    /// Files not read again: the version merged last time.
    pub unchanged: usize,
    /// Exam dates (set or forgotten) newer than this profile's.
    pub exams: usize,
    /// Cards whose state the replay of the merged log changed.
    pub changed: usize,
    /// This copy's own file (written when what it holds changed).
    pub written: PathBuf,
    /// A file under this copy's name that another copy wrote (one with the same device id,
    /// from a copied data folder): merged, and this copy took a new id.
    pub renewed: Option<PathBuf>,
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
/// every other copy's file that changed since it was last merged, then writes this copy's
/// when what it holds changed. The replay uses the learner's settings from the config file
/// (never a command's flags) and the fit in force after the merge; it runs when the log or
/// the fit changed since the last one.
///
/// # Errors
/// The folder cannot be listed, the settings are unusable, the store failed, the exam dates
/// cannot be written, or this copy's file cannot be written. A file that cannot be merged is
/// only skipped.
pub fn run(
    dir: &Path,
    store: &mut Store,
    location: &Location,
    now: DateTime<Utc>,
) -> Result<Outcome, Error> {
    let mut config = settings::effective(location, &Overrides::default())?;
    let mut own = Own::find(dir, store, location)?;
    let mut outcome = Outcome::default();
    let mut files = candidates(dir, &own.path, &location.profile, &mut outcome.skipped)?;
    if own.taken() {
        files.insert(0, own.path.clone());
        outcome.renewed = Some(own.path.clone());
        own = own.renew(dir, store, location)?;
    }
    let mut exams = exam_date::load_entries(location)?;
    let mut exams_changed = false;
    for path in files {
        let name = file_name(&path);
        let head = crate::input_file::first_line(&path, HEADER_LIMIT);
        let version = head
            .ok()
            .and_then(|line| file::header(&line, &location.profile).ok());
        if version.is_some_and(|h| store.sync_seen(&name).ok().flatten() == Some(h.write)) {
            outcome.unchanged += 1;
            continue;
        }
        let parsed = read_text(&path, limits::PROGRESS, "sync file")
            .map_err(|e| match e {
                Error::Io { source, .. } => source.to_string(),
                other => other.to_string(),
            })
            .and_then(|text| file::parse(&text, &location.profile));
        let (header, contents) = match parsed {
            Ok(parsed) => parsed,
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
        store.set_sync_seen(&name, &header.write)?;
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
    // The states are the log's, whichever copy answered, so every copy holding the same log
    // and settings holds the same states.
    let log = store.log_mark()?;
    if outcome.taken.reviews > 0 || outcome.taken.fitted || own.state.replayed != Some(log) {
        settings::apply_fitted(&mut config, store)?;
        (_, outcome.changed) = store.replay_log(|deck| settings::deck_scheduler(&config, deck))?;
        own.state.replayed = Some(store.log_mark()?);
    }
    own.write(store, &location.profile, &exams, now)?;
    outcome.written = own.path;
    Ok(outcome)
}

/// Writes this copy's file in `dir` without reading the others' (after a session), when what
/// it holds changed.
///
/// # Errors
/// The store failed, or the file cannot be written.
pub fn write_only(
    dir: &Path,
    store: &mut Store,
    location: &Location,
    now: DateTime<Utc>,
) -> Result<PathBuf, Error> {
    let mut own = Own::find(dir, store, location)?;
    let exams = exam_date::load_entries(location)?;
    own.write(store, &location.profile, &exams, now)?;
    Ok(own.path)
}

/// How much of a sync file is read for its header.
const HEADER_LIMIT: u64 = 64 * 1024;

/// The name of a file, as text.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// This copy's file in the folder.
struct Own {
    path: PathBuf,
    state: SyncState,
}

impl Own {
    /// This copy's file in `dir`, its device id made when the profile has none; the folder
    /// must exist.
    fn find(dir: &Path, store: &mut Store, location: &Location) -> Result<Own, Error> {
        if !dir.is_dir() {
            return Err(Error::Io {
                path: dir.to_path_buf(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such folder"),
            });
        }
        let state = store.sync_state(random_id)?;
        let name = format!("{}.{}.{EXTENSION}", location.profile, state.device);
        Ok(Own {
            path: dir.join(name),
            state,
        })
    }

    /// True when the file of this copy's name is one this copy did not write last.
    fn taken(&self) -> bool {
        let Ok(line) = crate::input_file::first_line(&self.path, HEADER_LIMIT) else {
            return false;
        };
        let write = serde_json::from_str::<file::Header>(&line).map(|h| h.write);
        write.is_ok_and(|write| Some(write) != self.state.written)
    }

    /// This copy with a new device id.
    fn renew(self, dir: &Path, store: &mut Store, location: &Location) -> Result<Own, Error> {
        let state = SyncState {
            device: random_id(),
            ..SyncState::default()
        };
        store.set_sync_state(&state)?;
        Own::find(dir, store, location)
    }

    /// Writes the file of `profile`, atomically, when what it would hold differs from what
    /// this copy last wrote or the file is gone: everything the profile holds, its exam dates
    /// included. Keeps the copy's state either way.
    fn write(
        &mut self,
        store: &mut Store,
        profile: &str,
        exams: &BTreeMap<String, ExamEntry>,
        now: DateTime<Utc>,
    ) -> Result<(), Error> {
        let carried = store.carried()?;
        let content = format!("{carried:?}{exams:?}");
        let fingerprint = format!(
            "{}/{:016x}",
            store.log_mark()?,
            crate::library::hash::file_hash(content.as_bytes())
        );
        if self.state.fingerprint.as_ref() != Some(&fingerprint) || !self.path.exists() {
            let header = file::Header {
                recall_sync: file::FORMAT,
                profile: profile.to_owned(),
                device: self.state.device.clone(),
                written: now.to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                write: random_id(),
            };
            crate::atomic_file::write(&self.path, |out| {
                file::write(out, &header, store, &carried, exams).map(|_| ())
            })?;
            self.state.written = Some(header.write);
            self.state.fingerprint = Some(fingerprint);
        }
        store.set_sync_state(&self.state)?;
        Ok(())
    }
}

/// A new random id: 16 hexadecimal digits.
fn random_id() -> String {
    format!("{:016x}", rand::random::<u64>())
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

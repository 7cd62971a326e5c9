//! Moving progress between machines: the review log as JSON Lines (one [`ReviewLine`] per
//! review), and an import that merges logs by review id and recomputes card states by
//! replaying the merged log.
//!
//! The merge is a set union keyed by review id, so importing is idempotent and the order of
//! imports does not matter; the replay makes every card's state a function of the log alone,
//! so two profiles holding the same log hold the same states.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use super::cards::{card_key, parse_state, write_state};
use super::reviews::insert_review;
use super::same_instant;
use super::{Mode, Result, Review, ReviewId, Store, StoreError};
use crate::scheduler::balance::DayLoads;
use crate::scheduler::days::DayClock;
use crate::scheduler::{CardSeed, CardState, Rating, Scheduler, SchedulerKind, SettingsError};

/// One review as a line of `recall log --json` and of a progress export.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReviewLine {
    /// The review id, a UUID.
    pub id: String,
    /// When it was answered, RFC 3339 in UTC with milliseconds.
    pub time: String,
    /// The deck's id.
    pub deck: String,
    /// The item's id.
    pub card: String,
    /// 1 (again) to 4 (easy).
    pub rating: u8,
    /// study, cram or quiz.
    pub mode: String,
    /// Whether the answer was judged right; null when nothing was judged.
    pub correct: Option<bool>,
    /// What was typed or chosen; null when nothing was.
    pub answer: Option<String>,
    /// From question to rating, in milliseconds.
    pub duration_ms: u64,
    /// The card's state before; null for a card never answered.
    pub before: Option<CardState>,
    /// The card's state after.
    pub after: CardState,
}

impl From<&Review> for ReviewLine {
    fn from(r: &Review) -> Self {
        ReviewLine {
            id: r.id.to_string(),
            time: r.time.to_rfc3339_opts(SecondsFormat::Millis, true),
            deck: r.deck.clone(),
            card: r.card.clone(),
            rating: r.rating.as_u8(),
            mode: r.mode.as_str().to_owned(),
            correct: r.correct,
            answer: r.answer.clone(),
            duration_ms: r.duration_ms,
            before: r.before.clone(),
            after: r.after.clone(),
        }
    }
}

impl ReviewLine {
    /// The review this line describes.
    ///
    /// # Errors
    /// A message naming the first field that is not valid.
    pub fn to_review(&self) -> Result<Review, String> {
        let id: ReviewId = self.id.parse().map_err(|e| format!("{e}"))?;
        let time = DateTime::parse_from_rfc3339(&self.time)
            .map_err(|e| format!("time {:?} is not RFC 3339: {e}", self.time))?
            .with_timezone(&Utc);
        let rating = Rating::from_u8(self.rating)
            .ok_or_else(|| format!("rating {} is not 1 to 4", self.rating))?;
        let mode: Mode = self.mode.parse().map_err(|e| format!("{e}"))?;
        let review = Review {
            id,
            deck: self.deck.clone(),
            card: self.card.clone(),
            time: super::truncate_ms(time),
            rating,
            answer: self.answer.clone(),
            correct: self.correct,
            duration_ms: self.duration_ms,
            mode,
            before: self.before.clone(),
            after: self.after.clone(),
        };
        review.validate().map_err(|e| match e {
            StoreError::BadReview(message) => message,
            other => other.to_string(),
        })?;
        Ok(review)
    }
}

/// A line of a progress file that cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct LineError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// Reads a JSON Lines progress file. Blank lines are skipped. Every bad line is reported, and
/// one bad line means nothing of the file should be imported.
///
/// # Errors
/// Every line that is not a valid review.
pub fn parse_lines(text: &str) -> Result<Vec<Review>, Vec<LineError>> {
    let mut reviews = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let parsed = serde_json::from_str::<ReviewLine>(line)
            .map_err(|e| e.to_string())
            .and_then(|l| l.to_review());
        match parsed {
            Ok(review) => reviews.push(review),
            Err(message) => errors.push(LineError {
                line: i + 1,
                message,
            }),
        }
    }
    if errors.is_empty() {
        Ok(reviews)
    } else {
        Err(errors)
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Reviews read.
    pub read: usize,
    /// Of those, reviews the log did not have yet.
    pub added: usize,
    /// Cards whose state was recomputed from the log.
    pub replayed: usize,
    /// Of those, cards whose state changed.
    pub changed: usize,
}

/// Why an import failed.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The store failed; nothing was imported.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The scheduler settings are not usable.
    #[error("scheduler settings: {0}")]
    Settings(#[from] SettingsError),
}

/// What the store knows of a deck when the import asks which scheduler replays its cards.
#[derive(Debug, Clone, PartialEq)]
pub struct DeckSchedule<'a> {
    /// The deck's id.
    pub id: &'a str,
    /// The scheduler its deck file names, as recorded by the last sync; `None` when it names
    /// none (or one this version does not know).
    pub scheduler: Option<SchedulerKind>,
    /// The calendar its history was lived on, recorded by `recall import-revlog`; `None`: the
    /// profile's own.
    pub calendar: Option<DayClock>,
}

impl Store {
    /// Merges `reviews` into the log (reviews whose id is already there are skipped), then
    /// recomputes the state of every answered card by replaying the merged log, each deck's
    /// cards through the scheduler `scheduler_for` gives for that deck (the caller knows the
    /// learner's settings; the store does not).
    ///
    /// The reviews the log lacks go in in one transaction: all of them or none. The replay
    /// reads the log without holding the write lock and writes the states that changed in
    /// slices of [`SLICE`] cards, each its own short transaction, so sessions answering
    /// meanwhile are not held up; a card answered since the replay read it is replayed again,
    /// under the lock. Afterwards the stored states are the ones a replay of the log gives.
    ///
    /// # Errors
    /// An inconsistent review, unusable settings, or SQLite failed; then none of the reviews
    /// was added (when the replay fails, the next import replays again).
    pub fn import(
        &mut self,
        reviews: &[Review],
        scheduler_for: impl Fn(&DeckSchedule<'_>) -> Result<Scheduler, SettingsError>,
    ) -> Result<ImportReport, ImportError> {
        let mut report = ImportReport {
            read: reviews.len(),
            ..ImportReport::default()
        };
        let missing = self.missing(reviews)?;
        if !missing.is_empty() {
            let tx = self.conn.transaction().map_err(StoreError::from)?;
            report.added = insert_missing(&tx, &missing)?;
            tx.commit().map_err(StoreError::from)?;
        }
        (report.replayed, report.changed) = self.replay_log(scheduler_for)?;
        Ok(report)
    }

    /// Recomputes the state of every answered card by replaying the log, as
    /// [`Store::import`] does after merging; returns the cards with a state and those whose
    /// state changed.
    ///
    /// # Errors
    /// Unusable settings, an inconsistent log, or SQLite failed.
    pub fn replay_log(
        &mut self,
        scheduler_for: impl Fn(&DeckSchedule<'_>) -> Result<Scheduler, SettingsError>,
    ) -> Result<(usize, usize), ImportError> {
        let (replayed, changes) = self.replayed(&scheduler_for)?;
        self.write_replayed(&changes, &scheduler_for)?;
        Ok((replayed, changes.len()))
    }

    /// The reviews of `reviews` the log lacks, each checked first. They are read without the
    /// write lock: importing a file again (the usual case between two machines) then writes
    /// nothing.
    pub(super) fn missing<'r>(&self, reviews: &'r [Review]) -> Result<Vec<&'r Review>> {
        for review in reviews {
            review.validate()?;
        }
        self.reading(|store| {
            let mut known = store
                .conn
                .prepare_cached("SELECT 1 FROM review WHERE id = ?1")?;
            let mut missing = Vec::new();
            for review in reviews {
                if !known.exists([&review.id.0[..]])? {
                    missing.push(review);
                }
            }
            Ok(missing)
        })
    }

    /// Replays the whole log in one read transaction (no write lock): the cards with a state,
    /// and those whose replayed state differs from the stored one.
    pub(super) fn replayed(
        &self,
        scheduler_for: &impl Fn(&DeckSchedule<'_>) -> Result<Scheduler, SettingsError>,
    ) -> Result<(usize, Vec<Change>), ImportError> {
        self.reading(|store| {
            let schedulers = deck_schedulers(&store.conn, scheduler_for)?;
            Ok::<_, ImportError>(replay(&store.conn, &schedulers, None)?)
        })
    }

    /// Writes replayed states, [`SLICE`] cards a transaction, each only where the stored state
    /// is still the one the replay read; the cards answered meanwhile are replayed again and
    /// written in one last transaction, under the write lock.
    pub(super) fn write_replayed(
        &mut self,
        changes: &[Change],
        scheduler_for: &impl Fn(&DeckSchedule<'_>) -> Result<Scheduler, SettingsError>,
    ) -> Result<(), ImportError> {
        let mut moved = HashSet::new();
        for slice in changes.chunks(SLICE) {
            let tx = self.conn.transaction().map_err(StoreError::from)?;
            for change in slice {
                if stored_state(&tx, change.key)? == change.stored {
                    write_state(&tx, change.key, change.state.as_ref())?;
                } else {
                    moved.insert(change.key);
                }
            }
            tx.commit().map_err(StoreError::from)?;
        }
        if !moved.is_empty() {
            let tx = self.conn.transaction().map_err(StoreError::from)?;
            let schedulers = deck_schedulers(&tx, scheduler_for)?;
            for change in replay(&tx, &schedulers, Some(&moved))?.1 {
                write_state(&tx, change.key, change.state.as_ref())?;
            }
            tx.commit().map_err(StoreError::from)?;
        }
        Ok(())
    }
}

/// Adds `reviews` to the log inside the caller's transaction (their cards' rows made when
/// missing); returns how many were added.
pub(super) fn insert_missing(tx: &rusqlite::Connection, reviews: &[&Review]) -> Result<usize> {
    let mut added = 0;
    for review in reviews {
        let key = card_key(tx, &review.deck, &review.card, false)?;
        added += usize::from(insert_review(tx, key, review)?);
    }
    Ok(added)
}

/// How many cards' replayed states one transaction of an import writes.
pub const SLICE: usize = 500;

/// The stored state of card `key`, as stored.
fn stored_state(conn: &rusqlite::Connection, key: i64) -> Result<Option<Vec<u8>>> {
    Ok(conn
        .prepare_cached("SELECT state FROM card WHERE key = ?1")?
        .query_row([key], |r| r.get(0))?)
}

/// A card whose replayed state differs from its stored one.
pub(super) struct Change {
    pub(super) key: i64,
    /// Its state as stored when the replay read it.
    pub(super) stored: Option<Vec<u8>>,
    /// Its replayed state.
    pub(super) state: Option<CardState>,
}

/// The scheduler of every deck in the store, by deck key.
pub(super) fn deck_schedulers(
    conn: &rusqlite::Connection,
    scheduler_for: impl Fn(&DeckSchedule<'_>) -> Result<Scheduler, SettingsError>,
) -> Result<HashMap<i64, Scheduler>, ImportError> {
    let mut stmt = conn
        .prepare("SELECT key, id, scheduler, utc_offset_minutes, day_start_hour FROM deck")
        .map_err(StoreError::from)?;
    let mut rows = stmt.query([]).map_err(StoreError::from)?;
    let mut schedulers = HashMap::new();
    while let Some(r) = rows.next().map_err(StoreError::from)? {
        let read = || -> rusqlite::Result<_> {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<i64>>(3)?,
                r.get::<_, Option<i64>>(4)?,
            ))
        };
        let (key, id, kind, offset, hour) = read().map_err(StoreError::from)?;
        let deck = DeckSchedule {
            id: &id,
            scheduler: kind.and_then(|k| k.parse().ok()),
            calendar: super::fitted::calendar(offset, hour),
        };
        schedulers.insert(key, scheduler_for(&deck)?);
    }
    Ok(schedulers)
}

/// A card during the replay.
struct Replayed {
    seed: CardSeed,
    deck: i64,
    stored: Option<Vec<u8>>,
    state: Option<CardState>,
    /// The time (Unix milliseconds) of its latest study answer in the replay.
    instant: Option<i64>,
    /// Its state before the first answer at `instant`.
    before_instant: Option<CardState>,
    /// Whether every answer at `instant` was replayed already.
    instant_replayed: bool,
}

/// Recomputes the state of every card (of the cards `only` holds, when given) from the log,
/// in log order (by time, then id: ids start with the time; a card's answers of one
/// millisecond in the order their recorded states chain), so that states are a function of
/// the log alone. Each answer evens out the days against the due days of the states replayed
/// so far (see `crate::scheduler::balance`), as the session that gave it counted them, so a
/// replay lands each card where study put it unless a due date was moved since (`recall
/// postpone`, `recall break`). Study answers move the schedule; cram and quiz answers do not, and a card
/// with no study answer has no state. Only reads. Returns the cards with a state and the
/// cards whose state differs from the stored one.
pub(super) fn replay(
    conn: &rusqlite::Connection,
    schedulers: &HashMap<i64, Scheduler>,
    only: Option<&HashSet<i64>>,
) -> Result<(usize, Vec<Change>)> {
    let mut cards: HashMap<i64, Replayed> = HashMap::new();
    {
        let mut stmt = conn.prepare(
            "SELECT c.key, d.id, c.id, d.key, c.state FROM card c \
             JOIN deck d ON d.key = c.deck",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let key: i64 = r.get(0)?;
            if only.is_some_and(|only| !only.contains(&key)) {
                continue;
            }
            let (deck, card): (String, String) = (r.get(1)?, r.get(2)?);
            cards.insert(
                key,
                Replayed {
                    seed: CardSeed::from_ids(&deck, &card),
                    deck: r.get(3)?,
                    stored: r.get(4)?,
                    state: None,
                    instant: None,
                    before_instant: None,
                    instant_replayed: false,
                },
            );
        }
    }
    {
        // Even days against the loads of the states replayed so far, as a session had them.
        let mut loads = DayLoads::default();
        let mut stmt = conn.prepare("SELECT card, time, rating, mode FROM review ORDER BY id")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let key: i64 = r.get(0)?;
            let ms: i64 = r.get(1)?;
            let time = super::from_ms(ms)?;
            let rating = u8::try_from(r.get::<_, i64>(2)?)
                .ok()
                .and_then(Rating::from_u8)
                .ok_or_else(|| StoreError::BadData("a rating out of range".to_owned()))?;
            let mode: i64 = r.get(3)?;
            let Some(card) = cards.get_mut(&key) else {
                if only.is_some() {
                    continue;
                }
                return Err(StoreError::BadData(format!(
                    "a review of missing card {key}"
                )));
            };
            if mode != 0 {
                continue;
            }
            let scheduler = schedulers.get(&card.deck).ok_or_else(|| {
                StoreError::BadData(format!("a card of missing deck {}", card.deck))
            })?;
            let clock = scheduler.settings().day_clock();
            let ratings = if card.instant != Some(ms) {
                card.instant = Some(ms);
                card.instant_replayed = false;
                card.before_instant.clone_from(&card.state);
                vec![rating]
            } else if card.instant_replayed {
                continue;
            } else {
                // A second answer of the same millisecond: their ids order them at random,
                // so the card goes back to its state before them and replays all of them in
                // the order they were given.
                card.instant_replayed = true;
                loads.moved(clock, card.state.as_ref(), card.before_instant.as_ref());
                card.state.clone_from(&card.before_instant);
                same_instant::ratings_at(conn, key, ms)?
            };
            for rating in ratings {
                let state = card.state.take().unwrap_or_else(|| CardState::new(time));
                let after = scheduler.review_with(&state, rating, time, card.seed, Some(&loads));
                loads.moved(clock, Some(&state), Some(&after));
                card.state = Some(after);
            }
        }
    }
    let mut replayed = 0;
    let mut changes = Vec::new();
    for (key, card) in cards {
        replayed += usize::from(card.state.is_some());
        let stored = card
            .stored
            .as_deref()
            .map(parse_state)
            .transpose()
            .ok()
            .flatten();
        if stored != card.state || (card.state.is_none() && card.stored.is_some()) {
            changes.push(Change {
                key,
                stored: card.stored,
                state: card.state,
            });
        }
    }
    changes.sort_by_key(|c| c.key);
    Ok((replayed, changes))
}

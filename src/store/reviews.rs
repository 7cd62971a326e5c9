//! The review log: recording an answer (the log row and the card's new state in one
//! transaction, committed before returning), undoing one, and reading the log back.
//!
//! The log is append-only: rows are added by answers and imports and removed only by undo.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::cards::{card_key, parse_state, write_state};
use super::{Result, Store, StoreError, codec, from_ms, to_ms};
use crate::scheduler::{CardState, Rating};
use crate::store::ReviewId;

/// How an answer moves a card: the state after it, given at a time to a card in a state.
pub type Schedule<'a> = dyn Fn(&CardState, DateTime<Utc>) -> CardState + 'a;

/// How the card was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Mode {
    /// A scheduled session: the answer moves the card's schedule.
    #[default]
    Study,
    /// Practice ahead of schedule.
    Cram,
    /// A test.
    Quiz,
}

/// A mode name other than study, cram or quiz.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a mode: use study, cram or quiz")]
pub struct ParseModeError(pub String);

impl Mode {
    /// The name used in logs and JSON.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Study => "study",
            Mode::Cram => "cram",
            Mode::Quiz => "quiz",
        }
    }

    /// True only for study: cram and quiz answers are logged but never change a card's
    /// schedule, neither when recorded, nor when undone, nor when a log is replayed.
    #[must_use]
    pub fn moves_schedule(self) -> bool {
        self == Mode::Study
    }

    fn code(self) -> i64 {
        match self {
            Mode::Study => 0,
            Mode::Cram => 1,
            Mode::Quiz => 2,
        }
    }

    pub(super) fn from_code(code: i64) -> Result<Self> {
        match code {
            0 => Ok(Mode::Study),
            1 => Ok(Mode::Cram),
            2 => Ok(Mode::Quiz),
            _ => Err(StoreError::BadData(format!("review mode {code}"))),
        }
    }
}

impl fmt::Display for Mode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Mode {
    type Err = ParseModeError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "study" => Ok(Mode::Study),
            "cram" => Ok(Mode::Cram),
            "quiz" => Ok(Mode::Quiz),
            _ => Err(ParseModeError(text.to_owned())),
        }
    }
}

/// One answer, as the log keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    /// Unique across machines; carries `time` (see [`ReviewId`]).
    pub id: ReviewId,
    /// The deck's id.
    pub deck: String,
    /// The item's id within the deck.
    pub card: String,
    /// When the card was answered (kept to the millisecond).
    pub time: DateTime<Utc>,
    /// The rating given.
    pub rating: Rating,
    /// What was typed or chosen, if anything.
    pub answer: Option<String>,
    /// Whether the answer was judged right; `None` when nothing was judged.
    pub correct: Option<bool>,
    /// From question to rating, in milliseconds.
    pub duration_ms: u64,
    /// How the card was asked.
    pub mode: Mode,
    /// The card's state before the answer; `None` for a card never answered.
    pub before: Option<CardState>,
    /// The card's state after the answer.
    pub after: CardState,
}

impl Review {
    /// A study review with a fresh id, no typed answer and no duration; the other fields are
    /// public for the caller to fill in.
    #[must_use]
    pub fn new(
        deck: &str,
        card: &str,
        time: DateTime<Utc>,
        rating: Rating,
        before: Option<CardState>,
        after: CardState,
    ) -> Self {
        Review {
            id: ReviewId::generate(time),
            deck: deck.to_owned(),
            card: card.to_owned(),
            time: super::truncate_ms(time),
            rating,
            answer: None,
            correct: None,
            duration_ms: 0,
            mode: Mode::Study,
            before,
            after,
        }
    }

    /// Checks what the schema cannot: the id carries the review's time, ids are present.
    pub(super) fn validate(&self) -> Result<()> {
        let problem = if self.id.millis() != to_ms(self.time) || !self.id.is_v7() {
            Some(format!(
                "id {} does not carry the review's time {}",
                self.id,
                self.time.to_rfc3339()
            ))
        } else if self.deck.is_empty() || self.card.is_empty() {
            Some("the deck and card ids must not be empty".to_owned())
        } else if i64::try_from(self.duration_ms).is_err() {
            Some(format!("duration {} ms is out of range", self.duration_ms))
        } else {
            None
        };
        problem.map_or(Ok(()), |p| Err(StoreError::BadReview(p)))
    }
}

/// The columns [`RawReview::read`] expects, in order, and the card's key last.
pub(super) const SELECT_REVIEW: &str = "SELECT r.id, d.id, c.id, r.time, r.rating, r.answer, \
     r.correct, r.duration_ms, r.mode, r.before, r.after, r.card \
     FROM review r JOIN card c ON c.key = r.card JOIN deck d ON d.key = c.deck";

impl Store {
    /// Records an answer: the log row and the card's new state (`review.after`) in one
    /// transaction, committed (and, with `synchronous=FULL`, on the disk) when this returns.
    /// Also clears the card's "changed" mark.
    ///
    /// A cram or quiz answer is practice: only its log row is written, the card's state and
    /// marks are left as they are (see [`Mode::moves_schedule`]).
    ///
    /// Answers given within one millisecond (a fast script, or a fixed `RECALL_NOW`) keep the
    /// order they were recorded in: when the log already holds an id of the review's
    /// millisecond that sorts after `review.id`, the review is stored under a new id just past
    /// the largest one. Returns the id the review was stored under.
    ///
    /// # Errors
    /// An inconsistent review, or SQLite failed; then nothing of it was kept.
    pub fn record_review(&mut self, review: &Review) -> Result<ReviewId> {
        self.record(review, None).map(|stored| stored.id)
    }

    /// Records a study answer as [`Store::record_review`] does, scheduled from the card's
    /// state as stored when the answer is written: the state is read and the answer written
    /// in one write transaction. When another session answered the card since `review.before`
    /// was read, the stored state differs from it; the answer is then scheduled from the
    /// stored state by `schedule(state, time)`, at the review's time or, when that is earlier,
    /// at the time of the card's latest answer (so the log's order is the order the answers
    /// were written in, and a replay of the log gives the stored states). Returns the review
    /// as stored: its id, `before` and `after`.
    ///
    /// # Errors
    /// As [`Store::record_review`].
    pub fn record_answer(&mut self, review: &Review, schedule: &Schedule<'_>) -> Result<Review> {
        self.record(review, Some(schedule))
    }

    fn record(&mut self, review: &Review, schedule: Option<&Schedule<'_>>) -> Result<Review> {
        review.validate()?;
        let tx = self.conn.transaction()?;
        let key = card_key(&tx, &review.deck, &review.card, true)?;
        let mut stored = review.clone();
        if let Some(schedule) = schedule.filter(|_| review.mode.moves_schedule()) {
            rebase(&tx, key, &mut stored, schedule)?;
        }
        stored.id = id_in_order(&tx, stored.id)?;
        insert_review(&tx, key, &stored)?;
        if review.mode.moves_schedule() {
            write_state(&tx, key, Some(&stored.after))?;
            tx.prepare_cached("UPDATE card SET changed = 0 WHERE key = ?1 AND changed = 1")?
                .execute([key])?;
        }
        tx.commit()?;
        Ok(stored)
    }

    /// Records many answers in one transaction, in the order given, as [`Store::record_review`]
    /// would one by one (ids already in the log are skipped). For bulk loads: migrating a
    /// history from elsewhere, generating benchmark profiles. Returns the reviews added.
    ///
    /// # Errors
    /// An inconsistent review, or SQLite failed; then nothing was kept.
    pub fn record_batch(&mut self, reviews: impl IntoIterator<Item = Review>) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        for review in reviews {
            review.validate()?;
            let key = card_key(&tx, &review.deck, &review.card, true)?;
            if insert_review(&tx, key, &review)? {
                if review.mode.moves_schedule() {
                    write_state(&tx, key, Some(&review.after))?;
                }
                added += 1;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// Takes back a review: deletes its log row and restores the card's state from before it,
    /// in one transaction. Only the latest study review of its card can be undone (undo the
    /// later ones first), so an undo never rewinds an answer given after it, by this session
    /// or another one. Cram and quiz answers never moved the state: undoing one only deletes
    /// its row, and they do not stand in the way of undoing a study review. Returns the
    /// removed review.
    ///
    /// # Errors
    /// The review is not in the log or is not its card's latest, or SQLite failed; then
    /// nothing changed.
    pub fn undo(&mut self, id: ReviewId) -> Result<Review> {
        let tx = self.conn.transaction()?;
        let found = tx
            .prepare_cached(&format!("{SELECT_REVIEW} WHERE r.id = ?1"))?
            .query_row([&id.0[..]], |r| {
                Ok((r.get::<_, i64>(11)?, RawReview::read(r)?))
            })
            .optional()?;
        let Some((key, raw)) = found else {
            return Err(StoreError::NoSuchReview(id.to_string()));
        };
        let review = raw.finish()?;
        let later: Option<i64> = tx
            .prepare_cached(
                "SELECT 1 FROM review WHERE id > ?1 AND card = ?2 AND mode = ?3 LIMIT 1",
            )?
            .query_row(params![&id.0[..], key, Mode::Study.code()], |r| r.get(0))
            .optional()?;
        if review.mode.moves_schedule() && later.is_some() {
            return Err(StoreError::NotLatest {
                id: id.to_string(),
                deck: review.deck,
                card: review.card,
            });
        }
        tx.execute("DELETE FROM review WHERE id = ?1", [&id.0[..]])?;
        if review.mode.moves_schedule() {
            write_state(&tx, key, review.before.as_ref())?;
        }
        tx.commit()?;
        Ok(review)
    }

    /// The last `limit` reviews of the log (all with `None`), oldest first.
    ///
    /// # Errors
    /// SQLite failed or a row cannot be read.
    pub fn latest_reviews(&self, limit: Option<usize>) -> Result<Vec<Review>> {
        let limit = limit.map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX));
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT_REVIEW} ORDER BY r.id DESC LIMIT ?1"))?;
        let rows = stmt.query_map([limit], RawReview::read)?;
        let mut reviews = rows.map(|raw| raw?.finish()).collect::<Result<Vec<_>>>()?;
        reviews.reverse();
        Ok(reviews)
    }

    /// The number of reviews in the log.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn review_count(&self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM review", [], |r| r.get(0))?;
        Ok(n.cast_unsigned())
    }

    /// Calls `f` with every review, oldest first, without holding them all in memory. Stops
    /// at the first error of `f` and returns it.
    ///
    /// # Errors
    /// What `f` returns, or a store error converted into `E`.
    pub fn for_each_review<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(Review) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut stmt = self
            .conn
            .prepare(&format!("{SELECT_REVIEW} ORDER BY r.id"))
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let review = RawReview::read(row).map_err(StoreError::from)?.finish()?;
            f(review)?;
        }
        Ok(())
    }
}

/// Schedules `review` from the state of card `key` as stored, when that is not the state the
/// review was scheduled from (another session answered the card meanwhile): `before` becomes
/// the stored state, `after` its successor, and the time (with a new id) moves up to the
/// stored state's last answer when it was earlier.
fn rebase(
    conn: &rusqlite::Connection,
    key: i64,
    review: &mut Review,
    schedule: &Schedule<'_>,
) -> Result<()> {
    let bytes: Option<Vec<u8>> = conn
        .prepare_cached("SELECT state FROM card WHERE key = ?1")?
        .query_row([key], |r| r.get(0))?;
    // States are compared as stored: the session's copy may carry what the store rounds.
    if bytes == review.before.as_ref().map(|s| codec::encode(s, 0)) {
        return Ok(());
    }
    let before = bytes.as_deref().map(parse_state).transpose()?;
    let latest = before.as_ref().and_then(|s| s.last_review);
    if let Some(latest) = latest.filter(|&t| t > review.time) {
        review.time = super::truncate_ms(latest);
        review.id = ReviewId::generate(review.time);
    }
    let start = before
        .clone()
        .unwrap_or_else(|| CardState::new(review.time));
    review.after = schedule(&start, review.time);
    review.before = before;
    Ok(())
}

/// `id`, or when the log holds a larger id of the same millisecond, an id just past the
/// largest of them (see [`Store::record_review`]).
fn id_in_order(conn: &rusqlite::Connection, id: ReviewId) -> Result<ReviewId> {
    let upper = ReviewId::key_floor(id.millis().cast_unsigned() + 1);
    let largest: Option<Vec<u8>> = conn
        .prepare_cached("SELECT max(id) FROM review WHERE id >= ?1 AND id < ?2")?
        .query_row(params![&id.0[..], &upper[..]], |r| r.get(0))?;
    let Some(largest) = largest.and_then(|b| <[u8; 16]>::try_from(b.as_slice()).ok()) else {
        return Ok(id);
    };
    Ok(ReviewId(largest)
        .next_after(rand::random::<u32>())
        .unwrap_or(id))
}

/// Adds a log row for the card with key `key`; an id already in the log is left alone.
/// Returns whether a row was added.
pub(super) fn insert_review(
    conn: &rusqlite::Connection,
    key: i64,
    review: &Review,
) -> Result<bool> {
    let time = to_ms(review.time);
    let mut stmt = conn.prepare_cached(
        "INSERT INTO review (id, card, time, rating, answer, correct, duration_ms, mode, \
         before, after) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) \
         ON CONFLICT (id) DO NOTHING",
    )?;
    let added = stmt.execute(params![
        &review.id.0[..],
        key,
        time,
        review.rating.as_u8(),
        review.answer,
        review.correct,
        i64::try_from(review.duration_ms).unwrap_or(i64::MAX),
        review.mode.code(),
        review.before.as_ref().map(|s| codec::encode(s, time)),
        codec::encode(&review.after, time),
    ])?;
    Ok(added > 0)
}

/// A log row as SQLite returns it; [`RawReview::finish`] decodes it.
pub(super) struct RawReview {
    id: Vec<u8>,
    deck: String,
    card: String,
    time: i64,
    rating: i64,
    answer: Option<String>,
    correct: Option<bool>,
    duration_ms: i64,
    mode: i64,
    before: Option<Vec<u8>>,
    after: Vec<u8>,
}

impl RawReview {
    /// Reads the first eleven columns of [`SELECT_REVIEW`].
    pub(super) fn read(r: &Row<'_>) -> rusqlite::Result<Self> {
        Ok(RawReview {
            id: r.get(0)?,
            deck: r.get(1)?,
            card: r.get(2)?,
            time: r.get(3)?,
            rating: r.get(4)?,
            answer: r.get(5)?,
            correct: r.get(6)?,
            duration_ms: r.get(7)?,
            mode: r.get(8)?,
            before: r.get(9)?,
            after: r.get(10)?,
        })
    }

    /// Decodes the row.
    pub(super) fn finish(self) -> Result<Review> {
        let id = <[u8; 16]>::try_from(self.id.as_slice())
            .map(ReviewId)
            .map_err(|_| StoreError::BadData("a review id is not 16 bytes".to_owned()))?;
        let rating = u8::try_from(self.rating)
            .ok()
            .and_then(Rating::from_u8)
            .ok_or_else(|| StoreError::BadData(format!("rating {}", self.rating)))?;
        Ok(Review {
            id,
            deck: self.deck,
            card: self.card,
            time: from_ms(self.time)?,
            rating,
            answer: self.answer,
            correct: self.correct,
            duration_ms: u64::try_from(self.duration_ms).unwrap_or(0),
            mode: Mode::from_code(self.mode)?,
            before: self
                .before
                .map(|b| codec::decode(&b, self.time))
                .transpose()?,
            after: codec::decode(&self.after, self.time)?,
        })
    }
}

//! Reading the whole profile for statistics, one row at a time: every card row, and the
//! review log's facts (time, rating, mode, duration, whether the card was in review) from an
//! instant on. Nothing is collected here, so a million reviews never sit in memory at once.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::reviews::Mode;
use super::{Result, Store, StoreError, codec};
use crate::scheduler::{CardState, Rating};

/// One card row as statistics see it, borrowed from the row being read.
#[derive(Debug, Clone, PartialEq)]
pub struct CardRow<'a> {
    /// The deck's id.
    pub deck: &'a str,
    /// The item's id within the deck.
    pub card: &'a str,
    /// The scheduling state; `None` until the first answer.
    pub state: Option<CardState>,
    /// Hidden from sessions until unsuspended.
    pub suspended: bool,
    /// Hidden from sessions until then (the store keeps a past instant until unburied).
    pub buried_until: Option<DateTime<Utc>>,
    /// Marked as a leech (`leech_action = "tag"`).
    pub leech: bool,
    /// Still in its deck file as last synced (false: an orphan); always true for a history
    /// brought in by `recall import-revlog`, which has no deck file.
    pub present: bool,
}

/// What statistics need of one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewFacts {
    /// When it was answered, in Unix milliseconds (converting a million of them to dates
    /// would cost more than reading them).
    pub time_ms: i64,
    /// The rating given.
    pub rating: Rating,
    /// How the card was asked.
    pub mode: Mode,
    /// From question to rating, in milliseconds.
    pub duration_ms: u64,
    /// The card was in its review phase before the answer (not new, not in a learning or
    /// relearning step): the answers true retention is measured on.
    pub was_review: bool,
}

/// A column of an unexpected type.
fn bad(e: rusqlite::types::FromSqlError) -> StoreError {
    StoreError::BadData(format!("a row of the progress database: {e}"))
}

impl Store {
    /// Calls `f` with every card row of every deck, orphans included, in no particular order.
    ///
    /// # Errors
    /// What `f` returns, or a store error (SQLite failed, a state cannot be read).
    pub fn for_each_card<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(CardRow<'_>) -> Result<(), E>,
    ) -> Result<(), E> {
        // Deck ids once, rather than joined into each of 100,000 rows; and whether the deck
        // is a history brought in by `recall import-revlog` (it has a calendar of its own and
        // no deck file, so its cards are all kept as present).
        let decks: HashMap<i64, (String, bool)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT key, id, utc_offset_minutes IS NOT NULL FROM deck")
                .map_err(StoreError::from)?;
            let rows = stmt
                .query_map([], |r| Ok((r.get(0)?, (r.get(1)?, r.get(2)?))))
                .map_err(StoreError::from)?;
            rows.collect::<rusqlite::Result<_>>()
                .map_err(StoreError::from)?
        };
        let mut stmt = self
            .conn
            .prepare("SELECT deck, id, state, suspended, present, buried_until, leech FROM card")
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let read = || -> Result<CardRow<'_>> {
                let deck: i64 = row.get(0)?;
                let state = row.get_ref(2)?.as_blob_or_null().map_err(bad)?;
                let (id, imported) = decks
                    .get(&deck)
                    .ok_or_else(|| StoreError::BadData(format!("no deck with key {deck}")))?;
                let present: bool = row.get(4)?;
                Ok(CardRow {
                    deck: id,
                    card: row.get_ref(1)?.as_str().map_err(bad)?,
                    state: state.map(super::cards::parse_state).transpose()?,
                    suspended: row.get(3)?,
                    buried_until: row
                        .get::<_, Option<i64>>(5)?
                        .map(super::from_ms)
                        .transpose()?,
                    leech: row.get(6)?,
                    present: present || *imported,
                })
            };
            f(read()?)?;
        }
        Ok(())
    }

    /// Calls `f` with the facts of every review at or after `since`, oldest first. Review
    /// ids begin with their time, so only that part of the log is read.
    ///
    /// # Errors
    /// SQLite failed or a row cannot be read.
    pub fn for_each_review_since(
        &self,
        since: DateTime<Utc>,
        f: impl FnMut(ReviewFacts),
    ) -> Result<()> {
        self.for_each_review_between(since, None, f)
    }

    /// Like [`Store::for_each_review_since`], but only the reviews before `until` when given.
    ///
    /// # Errors
    /// SQLite failed or a row cannot be read.
    pub fn for_each_review_between(
        &self,
        since: DateTime<Utc>,
        until: Option<DateTime<Utc>>,
        mut f: impl FnMut(ReviewFacts),
    ) -> Result<()> {
        let lower = super::ReviewId::from_parts(since, 0);
        // Past every id: 0xff bytes sort after any review id of the same time prefix.
        let upper = until.map_or([0xff; 16], |t| super::ReviewId::from_parts(t, 0).0);
        let mut stmt = self.conn.prepare(
            "SELECT time, rating, mode, duration_ms, before FROM review \
             WHERE id >= ?1 AND id < ?2 ORDER BY id",
        )?;
        let mut rows = stmt.query([&lower.0[..], &upper[..]])?;
        while let Some(row) = rows.next()? {
            let int = |i| {
                row.get_ref(i)
                    .map_err(StoreError::from)?
                    .as_i64()
                    .map_err(bad)
            };
            let rating = int(1)?;
            let rating = u8::try_from(rating)
                .ok()
                .and_then(Rating::from_u8)
                .ok_or_else(|| StoreError::BadData(format!("rating {rating}")))?;
            let before = row.get_ref(4)?.as_blob_or_null().map_err(bad)?;
            f(ReviewFacts {
                time_ms: int(0)?,
                rating,
                mode: Mode::from_code(int(2)?)?,
                duration_ms: u64::try_from(int(3)?).unwrap_or(0),
                was_review: before.is_some_and(codec::is_review_phase),
            });
        }
        Ok(())
    }
}

//! Reading the whole profile for statistics, one row at a time: every card row, and the
//! review log's facts (time, rating, mode, duration, whether the card was in review) from an
//! instant on. Nothing is collected here, so a million reviews never sit in memory at once.

use chrono::{DateTime, Utc};

use super::reviews::Mode;
use super::{Result, Store, StoreError, codec, from_ms};
use crate::scheduler::{CardState, Rating};

/// One card row as statistics see it.
#[derive(Debug, Clone, PartialEq)]
pub struct CardRow {
    /// The deck's id.
    pub deck: String,
    /// The item's id within the deck.
    pub card: String,
    /// The scheduling state; `None` until the first answer.
    pub state: Option<CardState>,
    /// Hidden from sessions until unsuspended.
    pub suspended: bool,
    /// Still in its deck file as last synced (false: an orphan).
    pub present: bool,
}

/// What statistics need of one answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewFacts {
    /// When it was answered.
    pub time: DateTime<Utc>,
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

impl Store {
    /// Calls `f` with every card row of every deck, orphans included, in no particular order.
    ///
    /// # Errors
    /// What `f` returns, or a store error (SQLite failed, a state cannot be read).
    pub fn for_each_card<E: From<StoreError>>(
        &self,
        mut f: impl FnMut(CardRow) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT d.id, c.id, c.state, c.suspended, c.present \
                 FROM card c JOIN deck d ON d.key = c.deck",
            )
            .map_err(StoreError::from)?;
        let mut rows = stmt.query([]).map_err(StoreError::from)?;
        while let Some(row) = rows.next().map_err(StoreError::from)? {
            let state: Option<Vec<u8>> = row.get(2).map_err(StoreError::from)?;
            let card = CardRow {
                deck: row.get(0).map_err(StoreError::from)?,
                card: row.get(1).map_err(StoreError::from)?,
                state: state
                    .as_deref()
                    .map(super::cards::parse_state)
                    .transpose()?,
                suspended: row.get(3).map_err(StoreError::from)?,
                present: row.get(4).map_err(StoreError::from)?,
            };
            f(card)?;
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
        mut f: impl FnMut(ReviewFacts),
    ) -> Result<()> {
        let lower = super::ReviewId::from_parts(since, 0);
        let mut stmt = self.conn.prepare(
            "SELECT time, rating, mode, duration_ms, before FROM review WHERE id >= ?1 ORDER BY id",
        )?;
        let mut rows = stmt.query([&lower.0[..]])?;
        while let Some(row) = rows.next()? {
            let rating: i64 = row.get(1)?;
            let rating = u8::try_from(rating)
                .ok()
                .and_then(Rating::from_u8)
                .ok_or_else(|| StoreError::BadData(format!("rating {rating}")))?;
            let before = row
                .get_ref(4)?
                .as_blob_or_null()
                .map_err(|e| StoreError::BadData(format!("a review's state: {e}")))?;
            f(ReviewFacts {
                time: from_ms(row.get(0)?)?,
                rating,
                mode: Mode::from_code(row.get(2)?)?,
                duration_ms: u64::try_from(row.get::<_, i64>(3)?).unwrap_or(0),
                was_review: before.is_some_and(codec::is_review_phase),
            });
        }
        Ok(())
    }
}

//! The rows a session's plan reads to build today's queue without reading the whole deck:
//! the answered items due before an instant, the never-answered items in deck order, and
//! the answered items due later, soonest first.
//!
//! Every query here looks only at rows in line with the deck file last synced (their `ord`,
//! the position of their card in the file, is set), through the partial indexes of schema
//! version 3, so its cost follows what it returns rather than the size of the deck.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

use super::{Result, Store, cards::parse_state, from_ms, to_ms};
use crate::scheduler::CardState;

/// One item's row, as the plan needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueRow {
    /// The item's id.
    pub item: String,
    /// The position of its card in the deck file.
    pub ord: usize,
    /// Its scheduling state; `None` until the first answer.
    pub state: Option<CardState>,
    /// Hidden until unsuspended.
    pub suspended: bool,
    /// Hidden until this instant.
    pub buried_until: Option<DateTime<Utc>>,
    /// The text changed since the learner last saw it.
    pub changed: bool,
}

const SELECT_ROW: &str = "SELECT id, ord, state, suspended, buried_until, changed FROM card WHERE deck = ?1 \
     AND ord IS NOT NULL";

fn raw(r: &Row<'_>) -> rusqlite::Result<(QueueRow, Option<Vec<u8>>, Option<i64>)> {
    let ord: i64 = r.get(1)?;
    let row = QueueRow {
        item: r.get(0)?,
        ord: usize::try_from(ord).unwrap_or(usize::MAX),
        state: None,
        suspended: r.get(3)?,
        buried_until: None,
        changed: r.get(5)?,
    };
    Ok((row, r.get(2)?, r.get(4)?))
}

fn finish((mut row, state, buried): (QueueRow, Option<Vec<u8>>, Option<i64>)) -> Result<QueueRow> {
    row.state = state.as_deref().map(parse_state).transpose()?;
    row.buried_until = buried.map(from_ms).transpose()?;
    Ok(row)
}

impl Store {
    /// The key of the deck with this id, if the store knows it.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn deck_key_of(&self, deck: &str) -> Result<Option<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT key FROM deck WHERE id = ?1")?;
        Ok(stmt.query_row([deck], |r| r.get(0)).optional()?)
    }

    /// The answered items of a deck due before `before`, in no particular order.
    ///
    /// # Errors
    /// SQLite failed or a stored state cannot be read.
    pub fn queue_due_before(&self, deck: i64, before: DateTime<Utc>) -> Result<Vec<QueueRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT_ROW} AND due IS NOT NULL AND due < ?2"))?;
        let rows = stmt.query_map(params![deck, to_ms(before)], raw)?;
        rows.map(|r| finish(r?)).collect()
    }

    /// Calls `each` with the never-answered items of a deck in deck order (items of one
    /// card in the order of their ids' rows), until it returns `false`.
    ///
    /// # Errors
    /// SQLite failed, a stored value cannot be read, or `each` failed.
    pub fn queue_new<E: From<super::StoreError>>(
        &self,
        deck: i64,
        mut each: impl FnMut(QueueRow) -> Result<bool, E>,
    ) -> Result<(), E> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT_ROW} AND state IS NULL ORDER BY ord"))
            .map_err(super::StoreError::from)?;
        let mut rows = stmt.query([deck]).map_err(super::StoreError::from)?;
        while let Some(r) = rows.next().map_err(super::StoreError::from)? {
            let row = finish(raw(r).map_err(super::StoreError::from)?)?;
            if !each(row)? {
                break;
            }
        }
        Ok(())
    }

    /// The never-answered items of the card at `ord` of a deck.
    ///
    /// # Errors
    /// SQLite failed or a stored value cannot be read.
    pub fn queue_new_at(&self, deck: i64, ord: usize) -> Result<Vec<QueueRow>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT_ROW} AND state IS NULL AND ord = ?2"))?;
        let rows = stmt.query_map(params![deck, ord as i64], raw)?;
        rows.map(|r| finish(r?)).collect()
    }

    /// The position in the deck file of the card with this id, if it is in the file.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn queue_card_ord(&self, deck: i64, card: &str) -> Result<Option<usize>> {
        // The card's items are `card` and `card:...`: ids from `card:` up to `card;`.
        let mut stmt = self.conn.prepare_cached(
            "SELECT ord FROM card WHERE deck = ?1 AND ord IS NOT NULL \
             AND (id = ?2 OR (id > ?2 || ':' AND id < ?2 || ';')) LIMIT 1",
        )?;
        let ord: Option<i64> = stmt
            .query_row(params![deck, card], |r| r.get(0))
            .optional()?;
        Ok(ord.and_then(|o| usize::try_from(o).ok()))
    }

    /// Calls `each` with the answered items of a deck due at or after `from`, soonest first
    /// (ties in deck order), until it returns `false`.
    ///
    /// # Errors
    /// SQLite failed, a stored value cannot be read, or `each` failed.
    pub fn queue_due_from<E: From<super::StoreError>>(
        &self,
        deck: i64,
        from: DateTime<Utc>,
        mut each: impl FnMut(QueueRow) -> Result<bool, E>,
    ) -> Result<(), E> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!(
                "{SELECT_ROW} AND due IS NOT NULL AND due >= ?2 ORDER BY due, ord"
            ))
            .map_err(super::StoreError::from)?;
        let mut rows = stmt
            .query(params![deck, to_ms(from)])
            .map_err(super::StoreError::from)?;
        while let Some(r) = rows.next().map_err(super::StoreError::from)? {
            let row = finish(raw(r).map_err(super::StoreError::from)?)?;
            if !each(row)? {
                break;
            }
        }
        Ok(())
    }
}

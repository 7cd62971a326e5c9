//! Postponing: the cards a backlog is spread from, and their new due dates written in one
//! transaction. Only the due date changes; phase, stability, difficulty and marks stay.

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::cards::{parse_state, write_state};
use super::reschedule::{held, scope};
use super::{Result, Store, StoreError};
use crate::scheduler::reschedule::Move;

impl Store {
    /// Every card of the decks `decks` (of every deck when `None`) that has a state, by key,
    /// with its state (as `before` and `after`) and its suspended and buried marks. Only
    /// reads, in one read transaction.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn postpone_preview(&self, decks: Option<&[String]>) -> Result<Vec<(i64, Move)>> {
        self.reading(|store| {
            let only = scope(&store.conn, decks)?;
            let mut cards = held(&store.conn, only.as_ref())?;
            cards.retain(|(_, m)| m.before.is_some());
            Ok(cards)
        })
    }

    /// Gives each card of `dues` (by key, as [`Store::postpone_preview`] names it) its new
    /// due date, in one transaction: every card moves or none does. A card whose state is
    /// gone or unreadable by now is left as it is. Returns how many cards moved.
    ///
    /// # Errors
    /// SQLite failed; then nothing changed.
    pub fn postpone(&mut self, dues: &[(i64, DateTime<Utc>)]) -> Result<usize> {
        let tx = self.conn.transaction()?;
        let mut moved = 0;
        {
            let mut read = tx.prepare_cached("SELECT state FROM card WHERE key = ?1")?;
            for &(key, due) in dues {
                let stored: Option<Option<Vec<u8>>> =
                    read.query_row([key], |r| r.get(0)).optional()?;
                let Some(Ok(mut state)) = stored.flatten().as_deref().map(parse_state) else {
                    continue;
                };
                state.due = due;
                write_state(&tx, key, Some(&state))?;
                moved += 1;
            }
        }
        tx.commit().map_err(StoreError::from)?;
        Ok(moved)
    }
}

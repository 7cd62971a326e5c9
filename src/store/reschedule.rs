//! Rescheduling: every card's state recomputed from its log with the settings now in force
//! (after `recall optimize` saved new parameters, or the desired retention changed), first
//! as a preview that writes nothing, then written in one transaction.
//!
//! The replay is the one [`Store::import`] runs, so a rescheduled profile holds the states a
//! fresh profile importing its log with the same settings would.

use std::collections::{HashMap, HashSet};

use rusqlite::Connection;

use super::cards::{parse_state, write_state};
use super::exchange::{DeckSchedule, ImportError, deck_schedulers, replay};
use super::{Result, Store, StoreError, from_ms};
use crate::scheduler::reschedule::Move;
use crate::scheduler::{CardState, Scheduler, SettingsError};

impl Store {
    /// Every card of the decks `decks` (of every deck when `None`) that has a state, stored
    /// or replayed: its state as stored, the state a replay of the log gives it through the
    /// scheduler `scheduler_for` gives its deck, and its suspended and buried marks. Only
    /// reads, in one read transaction.
    ///
    /// # Errors
    /// Unusable settings, an inconsistent log, or SQLite failed.
    pub fn reschedule_preview(
        &self,
        decks: Option<&[String]>,
        scheduler_for: impl Fn(&DeckSchedule<'_>) -> Result<Scheduler, SettingsError>,
    ) -> Result<Vec<Move>, ImportError> {
        self.reading(|store| {
            let conn = &store.conn;
            let only = scope(conn, decks)?;
            let schedulers = deck_schedulers(conn, &scheduler_for)?;
            let (_, changes) = replay(conn, &schedulers, only.as_ref())?;
            let replayed = changes.into_iter().map(|c| (c.key, c.state)).collect();
            Ok(moves(conn, only.as_ref(), replayed)?)
        })
    }

    /// Replays the log of the decks `decks` (of every deck when `None`) as
    /// [`Store::reschedule_preview`] does, and writes every state that changes in one
    /// transaction: every card gets its new state or none does. Suspended and buried marks
    /// stay as they are. Returns how many cards changed.
    ///
    /// # Errors
    /// Unusable settings, an inconsistent log, or SQLite failed; then nothing changed.
    pub fn reschedule(
        &mut self,
        decks: Option<&[String]>,
        scheduler_for: impl Fn(&DeckSchedule<'_>) -> Result<Scheduler, SettingsError>,
    ) -> Result<usize, ImportError> {
        let tx = self.conn.transaction().map_err(StoreError::from)?;
        let only = scope(&tx, decks)?;
        let schedulers = deck_schedulers(&tx, &scheduler_for)?;
        let (_, changes) = replay(&tx, &schedulers, only.as_ref())?;
        for change in &changes {
            write_state(&tx, change.key, change.state.as_ref())?;
        }
        tx.commit().map_err(StoreError::from)?;
        Ok(changes.len())
    }
}

/// The keys of the cards of `decks`; `None` (every card) when `decks` is.
pub(super) fn scope(conn: &Connection, decks: Option<&[String]>) -> Result<Option<HashSet<i64>>> {
    let Some(decks) = decks else {
        return Ok(None);
    };
    let mut stmt = conn
        .prepare_cached("SELECT c.key FROM card c JOIN deck d ON d.key = c.deck WHERE d.id = ?1")?;
    let mut keys = HashSet::new();
    for deck in decks {
        for key in stmt.query_map([deck], |r| r.get(0))? {
            keys.insert(key?);
        }
    }
    Ok(Some(keys))
}

/// The cards in `only` (every card when `None`) with a state before or after, where
/// `replayed` holds the new state of each card whose state changes.
fn moves(
    conn: &Connection,
    only: Option<&HashSet<i64>>,
    mut replayed: HashMap<i64, Option<CardState>>,
) -> Result<Vec<Move>> {
    let mut moves = Vec::new();
    for (key, mut m) in held(conn, only)? {
        if let Some(after) = replayed.remove(&key) {
            m.after = after;
        }
        if m.before.is_some() || m.after.is_some() {
            moves.push(m);
        }
    }
    Ok(moves)
}

/// Every card in `only` (every card when `None`) by key, in key order, with its state as
/// stored both before and after (a state that cannot be read counts as none, as the replay
/// counts it) and its marks.
pub(super) fn held(conn: &Connection, only: Option<&HashSet<i64>>) -> Result<Vec<(i64, Move)>> {
    let mut stmt =
        conn.prepare("SELECT key, state, present, suspended, buried_until FROM card ORDER BY key")?;
    let mut rows = stmt.query([])?;
    let mut cards = Vec::new();
    while let Some(r) = rows.next()? {
        let key: i64 = r.get(0)?;
        if only.is_some_and(|only| !only.contains(&key)) {
            continue;
        }
        let stored: Option<Vec<u8>> = r.get(1)?;
        let before = stored.as_deref().and_then(|b| parse_state(b).ok());
        let (present, suspended): (bool, bool) = (r.get(2)?, r.get(3)?);
        let buried: Option<i64> = r.get(4)?;
        cards.push((
            key,
            Move {
                after: before.clone(),
                before,
                shown: present && !suspended,
                buried_until: buried.map(from_ms).transpose()?,
            },
        ));
    }
    Ok(cards)
}

//! Per-card rows: syncing them with a deck file (new cards, changed text, orphans), reading
//! them back (one deck, one card, the due queue) and the learner's flags (suspended, buried,
//! "changed since last seen", accepted answers).
//!
//! A row is keyed by deck id and item id (the card id, or `<id>:reverse`, `<id>:<n>`). Rows
//! are never deleted here: a card gone from its deck becomes an orphan and keeps its state.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::{Result, Store, codec, from_ms, to_ms};
use crate::scheduler::CardState;

/// What the store keeps about one study item.
#[derive(Debug, Clone, PartialEq)]
pub struct CardRecord {
    /// The deck's id.
    pub deck: String,
    /// The item's id within the deck.
    pub card: String,
    /// The scheduling state; `None` until the first answer.
    pub state: Option<CardState>,
    /// Hidden until unsuspended.
    pub suspended: bool,
    /// Hidden until this instant.
    pub buried_until: Option<DateTime<Utc>>,
    /// The text changed since the learner last saw the card.
    pub changed: bool,
    /// Still in its deck file as last synced (false: an orphan).
    pub present: bool,
    /// The content hash of the card when last synced; `None` if never synced.
    pub content_hash: Option<u64>,
}

impl CardRecord {
    /// True when the card is answered, due at `now`, and neither suspended nor buried.
    #[must_use]
    pub fn is_due(&self, now: DateTime<Utc>) -> bool {
        self.present
            && !self.suspended
            && self.buried_until.is_none_or(|t| t <= now)
            && self.state.as_ref().is_some_and(|s| s.due <= now)
    }
}

/// What a sync of a deck's rows ([`Store::sync_rows`]) did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SyncReport {
    /// Items seen for the first time.
    pub added: usize,
    /// Answered items whose text changed (now marked "changed").
    pub changed: usize,
    /// Orphans that are back in the deck file.
    pub returned: usize,
    /// Items no longer in the deck file (kept as orphans).
    pub orphaned: usize,
}

const SELECT_RECORD: &str = "SELECT d.id, c.id, c.state, c.suspended, c.buried_until, \
     c.changed, c.present, c.content_hash FROM card c JOIN deck d ON d.key = c.deck";

impl Store {
    /// True when the deck's rows are in line with the file whose hash is `file` (the
    /// `file` given to the last [`Store::sync_rows`] of the deck, when nothing else created
    /// a row of it since).
    ///
    /// # Errors
    /// SQLite failed.
    pub fn is_synced(&self, deck: &str, file: u64) -> Result<bool> {
        let synced: Option<Option<i64>> = self
            .conn
            .prepare_cached("SELECT synced_hash FROM deck WHERE id = ?1")?
            .query_row([deck], |r| r.get(0))
            .optional()?;
        Ok(synced.flatten() == Some(file.cast_signed()))
    }

    /// Forgets which file the deck's rows were last synced from, so that the next launch
    /// syncs them again.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn unsync_deck(&mut self, deck: &str) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE deck SET synced_hash = NULL WHERE id = ?1")?
            .execute([deck])?;
        Ok(())
    }

    /// Every row of a deck, orphans included, in no particular order.
    ///
    /// # Errors
    /// SQLite failed or a stored state cannot be read.
    pub fn cards(&self, deck: &str) -> Result<Vec<CardRecord>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT_RECORD} WHERE d.id = ?1"))?;
        let rows = stmt.query_map([deck], raw_record)?;
        rows.map(|row| finish_record(row?)).collect()
    }

    /// The rows of a deck that differ from a never-seen item's: answered, suspended, buried
    /// or marked changed (orphans included). Every other row reads like no row at all, so a
    /// session can leave it out; in a large deck most rows are such untouched new items.
    ///
    /// # Errors
    /// SQLite failed or a stored state cannot be read.
    pub fn cards_touched(&self, deck: &str) -> Result<Vec<CardRecord>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_RECORD} WHERE d.id = ?1 AND (c.state IS NOT NULL OR c.suspended = 1 \
             OR c.buried_until IS NOT NULL OR c.changed = 1)"
        ))?;
        let rows = stmt.query_map([deck], raw_record)?;
        rows.map(|row| finish_record(row?)).collect()
    }

    /// One item's row, if the store knows it.
    ///
    /// # Errors
    /// SQLite failed or the stored state cannot be read.
    pub fn card(&self, deck: &str, card: &str) -> Result<Option<CardRecord>> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT_RECORD} WHERE d.id = ?1 AND c.id = ?2"))?;
        let raw = stmt.query_row([deck, card], raw_record).optional()?;
        raw.map(finish_record).transpose()
    }

    /// The due queue: answered items due at `now` that are in their deck, not suspended and
    /// not buried, earliest due first (ties in the order the store first met the items, which
    /// is deck file order: the index gives that order without sorting). New items are not in
    /// it: they come from the deck files.
    ///
    /// # Errors
    /// SQLite failed or a stored state cannot be read.
    pub fn due(&self, now: DateTime<Utc>) -> Result<Vec<CardRecord>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_RECORD} WHERE c.due <= ?1 AND c.present = 1 AND c.suspended = 0 \
             AND (c.buried_until IS NULL OR c.buried_until <= ?1) ORDER BY c.due, c.key"
        ))?;
        let rows = stmt.query_map([to_ms(now)], raw_record)?;
        rows.map(|row| finish_record(row?)).collect()
    }

    /// Suspends an item (hidden from every session) or lifts the suspension, at `at`.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn suspend(
        &mut self,
        deck: &str,
        card: &str,
        suspended: bool,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.set_column(deck, card, "suspended", suspended, at)
    }

    /// Marks an item as a leech (listed by `recall cards --leeches`) or clears the mark, at
    /// `at`.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn mark_leech(
        &mut self,
        deck: &str,
        card: &str,
        leech: bool,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.set_column(deck, card, "leech", leech, at)
    }

    /// Hides an item until `until` (`None` unburies it), at `at`.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn bury(
        &mut self,
        deck: &str,
        card: &str,
        until: Option<DateTime<Utc>>,
        at: DateTime<Utc>,
    ) -> Result<()> {
        self.set_column(deck, card, "buried_until", until.map(to_ms), at)
    }

    /// Sets the learner's mark `column` of an item (its row made if missing) to `value`, and
    /// records `at` as when it changed (in `<column>_at`, `buried_at` for `buried_until`).
    fn set_column(
        &mut self,
        deck: &str,
        card: &str,
        column: &str,
        value: impl rusqlite::ToSql,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let key = card_key(&tx, deck, card, true)?;
        let changed = super::carried::changed_column(column);
        tx.execute(
            &format!("UPDATE card SET {column} = ?2, {changed} = ?3 WHERE key = ?1"),
            params![key, value, to_ms(at)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Clears the "changed since last seen" mark; true when it was set. A session calls this
    /// when it shows the card (recording an answer clears it too).
    ///
    /// # Errors
    /// SQLite failed.
    pub fn mark_seen(&mut self, deck: &str, card: &str) -> Result<bool> {
        let cleared = self.conn.execute(
            "UPDATE card SET changed = 0 WHERE changed = 1 AND id = ?2 \
             AND deck = (SELECT key FROM deck WHERE id = ?1)",
            [deck, card],
        )?;
        Ok(cleared > 0)
    }

    /// Remembers `text` as a right answer to this item for this learner, accepted at `at`.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn accept_answer(
        &mut self,
        deck: &str,
        card: &str,
        text: &str,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        let key = card_key(&tx, deck, card, true)?;
        tx.execute(
            "INSERT INTO accepted_answer (card, text, time) VALUES (?1, ?2, ?3) \
             ON CONFLICT DO UPDATE SET time = max(time, excluded.time)",
            params![key, text, to_ms(at)],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The answers the learner accepted for this item, in the order of their text.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn accepted_answers(&self, deck: &str, card: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.text FROM accepted_answer a JOIN card c ON c.key = a.card \
             JOIN deck d ON d.key = c.deck WHERE d.id = ?1 AND c.id = ?2 ORDER BY a.text",
        )?;
        let rows = stmt.query_map([deck, card], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The key of a deck row, created when missing.
pub(super) fn deck_key(conn: &Connection, deck: &str) -> Result<i64> {
    let mut find = conn.prepare_cached("SELECT key FROM deck WHERE id = ?1")?;
    if let Some(key) = find.query_row([deck], |r| r.get(0)).optional()? {
        return Ok(key);
    }
    conn.prepare_cached("INSERT INTO deck (id) VALUES (?1)")?
        .execute([deck])?;
    Ok(conn.last_insert_rowid())
}

/// The key of an item's row, created when missing (`present` says whether a new row is known
/// to be in its deck file).
pub(super) fn card_key(conn: &Connection, deck: &str, card: &str, present: bool) -> Result<i64> {
    let deck = deck_key(conn, deck)?;
    let mut find = conn.prepare_cached("SELECT key FROM card WHERE deck = ?1 AND id = ?2")?;
    if let Some(key) = find
        .query_row(params![deck, card], |r| r.get(0))
        .optional()?
    {
        return Ok(key);
    }
    conn.prepare_cached("INSERT INTO card (deck, id, present) VALUES (?1, ?2, ?3)")?
        .execute(params![deck, card, present])?;
    let key = conn.last_insert_rowid();
    // A row the deck file did not create: the next session must sync the deck again.
    conn.prepare_cached("UPDATE deck SET synced_hash = NULL WHERE key = ?1")?
        .execute([deck])?;
    Ok(key)
}

/// Stores an item's state (`None`: never answered) and its queryable copies.
pub(super) fn write_state(conn: &Connection, key: i64, state: Option<&CardState>) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE card SET state = ?2, due = ?3, last_review = ?4, reps = ?5, lapses = ?6 \
         WHERE key = ?1",
    )?;
    stmt.execute(params![
        key,
        state.map(|s| codec::encode(s, 0)),
        state.map(|s| to_ms(s.due)),
        state.and_then(|s| s.last_review).map(to_ms),
        state.map_or(0, |s| s.reps),
        state.map_or(0, |s| s.lapses),
    ])?;
    Ok(())
}

/// Reads a stored state.
pub(super) fn parse_state(bytes: &[u8]) -> Result<CardState> {
    codec::decode(bytes, 0)
}

type RawRecord = (CardRecord, Option<Vec<u8>>, Option<i64>);

/// A row of [`SELECT_RECORD`] with its state and burial time still raw, so that their errors
/// become store errors.
fn raw_record(r: &Row<'_>) -> rusqlite::Result<RawRecord> {
    let record = CardRecord {
        deck: r.get(0)?,
        card: r.get(1)?,
        state: None,
        suspended: r.get(3)?,
        buried_until: None,
        changed: r.get(5)?,
        present: r.get(6)?,
        content_hash: r.get::<_, Option<i64>>(7)?.map(i64::cast_unsigned),
    };
    Ok((record, r.get(2)?, r.get(4)?))
}

fn finish_record((mut record, state, buried): RawRecord) -> Result<CardRecord> {
    record.state = state.as_deref().map(parse_state).transpose()?;
    record.buried_until = buried.map(from_ms).transpose()?;
    Ok(record)
}

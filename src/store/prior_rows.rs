//! A deck's card rows as they are before an intake, read so that a session can plan from
//! the rows the intake will leave behind before it has committed them.
//!
//! An intake keeps each row's scheduling state, burial and suspension as they are; it sets
//! the row's position and content hash, and marks the text changed when an answered card's
//! hash differs from the stored one (`text_changed`, the rule the intake itself applies).
//! A card with no row gets a fresh one: never answered, unchanged.

use foldhash::HashMap;

use chrono::{DateTime, Utc};

use super::cards::parse_state;
use super::{QueueRow, Result, Store, from_ms};
use crate::scheduler::CardState;

/// Whether taking in a card whose content hash `hash` gives marks its row's text as
/// changed: only an answered row whose stored hash is another one (the hash is asked for
/// only then).
#[must_use]
pub(super) fn text_changed(
    answered: bool,
    stored: Option<i64>,
    hash: impl FnOnce() -> i64,
) -> bool {
    answered && stored.is_some_and(|old| old != hash())
}

/// One row before the intake.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorRow {
    state: Option<CardState>,
    suspended: bool,
    buried_until: Option<DateTime<Utc>>,
    changed: bool,
    hash: Option<i64>,
}

impl PriorRow {
    /// When the item is due, in milliseconds as the store keeps it; `None` until its
    /// first answer.
    #[must_use]
    pub fn due_ms(&self) -> Option<i64> {
        self.state.as_ref().map(|s| s.due.timestamp_millis())
    }

    /// True until the item's first answer.
    #[must_use]
    pub fn is_new(&self) -> bool {
        self.state.is_none()
    }

    /// This row of item `item` of the card at `ord` whose content hash `hash` gives (asked
    /// only when it matters), as the intake leaves it once committed.
    #[must_use]
    pub fn after(&self, item: String, ord: usize, hash: impl FnOnce() -> i64) -> QueueRow {
        QueueRow {
            item,
            ord,
            state: self.state.clone(),
            suspended: self.suspended,
            buried_until: self.buried_until,
            changed: self.changed || text_changed(self.state.is_some(), self.hash, hash),
        }
    }
}

/// The row the intake makes for item `item` of the card at `ord` when it had none.
#[must_use]
pub fn fresh_row(item: String, ord: usize) -> QueueRow {
    QueueRow {
        item,
        ord,
        state: None,
        suspended: false,
        buried_until: None,
        changed: false,
    }
}

/// A deck's rows, by item id, as they are before an intake. (Hashed by foldhash, as all
/// maps of item ids an intake builds: seeded anew in each process, and much faster than the
/// standard hasher on short ids.)
#[derive(Debug, Default)]
pub struct PriorRows {
    rows: HashMap<String, PriorRow>,
}

impl PriorRows {
    /// The row of item `item`, if it has one.
    #[must_use]
    pub fn get(&self, item: &str) -> Option<&PriorRow> {
        self.rows.get(item)
    }
}

impl Store {
    /// The rows of the deck with id `deck` as they are now, read in one statement without
    /// holding any lock afterwards: an intake that starts later reads them again inside its
    /// own transaction.
    ///
    /// # Errors
    /// SQLite failed or a stored row cannot be read.
    pub fn prior_rows(&self, deck: &str) -> Result<PriorRows> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.state, c.suspended, c.buried_until, c.changed, c.content_hash \
             FROM card c JOIN deck d ON d.key = c.deck WHERE d.id = ?1",
        )?;
        let mut rows = stmt.query([deck])?;
        let mut out = PriorRows::default();
        while let Some(r) = rows.next()? {
            let state = r
                .get_ref(1)?
                .as_blob_or_null()
                .map_err(rusqlite::Error::from)?;
            let buried: Option<i64> = r.get(3)?;
            out.rows.insert(
                r.get(0)?,
                PriorRow {
                    state: state.map(parse_state).transpose()?,
                    suspended: r.get(2)?,
                    buried_until: buried.map(from_ms).transpose()?,
                    changed: r.get(4)?,
                    hash: r.get(5)?,
                },
            );
        }
        Ok(out)
    }
}

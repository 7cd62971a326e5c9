//! A deck's card rows as they were when an intake began, kept so that a session can plan
//! from the rows the intake will leave behind before it has committed them.
//!
//! An intake keeps each row's scheduling state, burial and suspension as they are; it sets
//! the row's position and content hash, and marks the text changed when an answered card's
//! hash differs from the stored one ([`text_changed`], the rule the intake itself applies).
//! A card with no row gets a fresh one: never answered, unchanged.

use chrono::{DateTime, Utc};

use super::QueueRow;
use crate::scheduler::CardState;

/// Whether taking in a card whose content hash is `hash` marks its row's text as changed:
/// only an answered row whose stored hash is another one.
#[must_use]
pub(super) fn text_changed(answered: bool, stored: Option<i64>, hash: i64) -> bool {
    answered && stored.is_some_and(|old| old != hash)
}

/// One row before the intake.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorRow {
    pub(super) state: Option<CardState>,
    pub(super) suspended: bool,
    pub(super) buried_until: Option<DateTime<Utc>>,
    pub(super) changed: bool,
    pub(super) hash: Option<i64>,
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
        let answered = self.state.is_some();
        let changed = self.changed
            || (answered && self.hash.is_some() && text_changed(answered, self.hash, hash()));
        QueueRow {
            item,
            ord,
            state: self.state.clone(),
            suspended: self.suspended,
            buried_until: self.buried_until,
            changed,
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

//! Writing a review history brought in from another program (`recall import-revlog`): its
//! reviews, the cards' resulting states and the calendar it was lived on, all in one
//! transaction.
//!
//! The cards get rows of their own with no deck file behind them (`present = 0`, like the
//! cards of an imported progress file), so they count in the log and the statistics but no
//! session shows them.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::params;

use super::cards::{card_key, deck_key, write_state};
use super::reviews::insert_review;
use super::{Result, Review, Store, StoreError, from_ms};
use crate::scheduler::days::DayClock;
use crate::scheduler::{CardState, Rating};

/// Answers per card id: each answer's time and rating, oldest first.
pub type AnswersByCard = HashMap<String, Vec<(DateTime<Utc>, Rating)>>;

impl Store {
    /// The study answers of `deck` already in the log, per card id, oldest first.
    ///
    /// # Errors
    /// SQLite failed or a row cannot be read.
    pub fn deck_study_answers(&self, deck: &str) -> Result<AnswersByCard> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, r.time, r.rating FROM review r JOIN card c ON c.key = r.card \
             JOIN deck d ON d.key = c.deck WHERE d.id = ?1 AND r.mode = 0 ORDER BY r.id",
        )?;
        let mut rows = stmt.query([deck])?;
        let mut out = AnswersByCard::new();
        while let Some(r) = rows.next()? {
            let code: i64 = r.get(2)?;
            let rating = u8::try_from(code)
                .ok()
                .and_then(Rating::from_u8)
                .ok_or_else(|| StoreError::BadData(format!("rating {code}")))?;
            out.entry(r.get(0)?)
                .or_default()
                .push((from_ms(r.get(1)?)?, rating));
        }
        Ok(out)
    }

    /// Adds `reviews` (all of deck `deck`; ids already in the log are skipped), sets each
    /// card of `states` to its state, and records that the deck's history was lived on
    /// `calendar`. One transaction: all of it or nothing. Returns the reviews added.
    ///
    /// # Errors
    /// A review of another deck or an inconsistent one, or SQLite failed; then nothing changed.
    pub fn import_history(
        &mut self,
        deck: &str,
        calendar: DayClock,
        reviews: &[Review],
        states: &[(String, CardState)],
    ) -> Result<usize> {
        for review in reviews {
            review.validate()?;
            if review.deck != deck {
                return Err(StoreError::BadReview(format!(
                    "a review of deck {:?} in an import into {deck:?}",
                    review.deck
                )));
            }
        }
        let tx = self.conn.transaction()?;
        let key = deck_key(&tx, deck)?;
        tx.execute(
            "UPDATE deck SET utc_offset_minutes = ?2, day_start_hour = ?3 WHERE key = ?1",
            params![key, calendar.utc_offset_minutes, calendar.day_start_hour],
        )?;
        let mut added = 0;
        for review in reviews {
            let card = card_key(&tx, deck, &review.card, false)?;
            added += usize::from(insert_review(&tx, card, review)?);
        }
        for (card, state) in states {
            let card = card_key(&tx, deck, card, false)?;
            write_state(&tx, card, Some(state))?;
        }
        tx.commit()?;
        Ok(added)
    }
}

//! The session's journal kept in the profile's store: every call is one committed
//! transaction, so an answer survives a killed process the moment it is recorded, and a
//! hang-up of the terminal waits for it (see `crate::hangup`).

use std::sync::MutexGuard;

use chrono::{DateTime, Utc};

use crate::hangup;
use crate::library::Intakes;
use crate::scheduler::CardState;
use crate::scheduler::balance::DayLoads;
use crate::scheduler::days::DayClock;
use crate::session::{Journal, JournalError, Recorded, ReviewRecord};
use crate::store::{Mode, Review, ReviewId, Store, StoreError};

/// A [`Journal`] over a [`Store`].
pub struct StoreJournal<'s> {
    /// The profile's store.
    pub store: &'s mut Store,
    /// Intakes of deck files still being committed on other threads: every write waits for
    /// them first.
    pub intakes: Option<&'s mut Intakes>,
}

impl<'s> StoreJournal<'s> {
    /// A journal over `store` with no intake to wait for; its first write waits for the
    /// check of the file for damage, started here.
    pub fn new(store: &'s mut Store) -> Self {
        store.check_behind();
        StoreJournal {
            store,
            intakes: None,
        }
    }

    /// The store for one write, once no intake is being committed, the check of the file
    /// found no damage (see `Store::check_behind`) and the write-ahead log is still the file
    /// the store opened (see `Store::log_in_place`), with the lock that keeps a hang-up or an
    /// interrupt from ending the process until the write is done. The lock is taken first,
    /// so an interrupt while an intake is awaited waits for the write too.
    fn writing(&mut self) -> Result<(MutexGuard<'static, ()>, &mut Store), JournalError> {
        let whole = hangup::hold();
        if let Some(intakes) = self.intakes.as_deref_mut() {
            intakes
                .wait()
                .map_err(|e| JournalError::Store(e.to_string()))?;
        }
        self.store.checked().map_err(failed)?;
        self.store.log_in_place().map_err(failed)?;
        Ok((whole, self.store))
    }
}

/// The log row of a session's answer, under a fresh id.
fn review_of(record: &ReviewRecord) -> Review {
    let mut review = Review::new(
        &record.deck_id,
        &record.item_id,
        record.time,
        record.rating,
        record.before.clone(),
        record.after.clone(),
    );
    review.answer.clone_from(&record.answer);
    review.correct = record.correct;
    review.duration_ms = record.duration_ms;
    review.mode = record.mode.parse::<Mode>().unwrap_or(Mode::Study);
    review
}

fn failed(e: StoreError) -> JournalError {
    JournalError::Store(e.to_string())
}

impl Journal for StoreJournal<'_> {
    fn record(&mut self, record: &ReviewRecord) -> Result<String, JournalError> {
        let review = review_of(record);
        let (_whole, store) = self.writing()?;
        let id = store.record_review(&review).map_err(failed)?;
        Ok(id.to_string())
    }

    fn record_scheduled(
        &mut self,
        record: &ReviewRecord,
        schedule: &dyn Fn(&CardState, DateTime<Utc>) -> CardState,
    ) -> Result<Recorded, JournalError> {
        let review = review_of(record);
        let (_whole, store) = self.writing()?;
        let kept = store.record_answer(&review, schedule).map_err(failed)?;
        Ok(Recorded {
            id: kept.id.to_string(),
            before: kept.before,
            after: kept.after,
        })
    }

    fn undo(&mut self, review_id: &str) -> Result<(), JournalError> {
        let id: ReviewId = review_id
            .parse()
            .map_err(|e: crate::store::id::ParseReviewIdError| JournalError::Store(e.0))?;
        let (_whole, store) = self.writing()?;
        store.undo(id).map(|_| ()).map_err(failed)
    }

    fn bury(
        &mut self,
        deck_id: &str,
        item_id: &str,
        until: Option<DateTime<Utc>>,
        at: DateTime<Utc>,
    ) -> Result<(), JournalError> {
        let (_whole, store) = self.writing()?;
        store.bury(deck_id, item_id, until, at).map_err(failed)
    }

    fn suspend(
        &mut self,
        deck_id: &str,
        item_id: &str,
        suspended: bool,
        at: DateTime<Utc>,
    ) -> Result<(), JournalError> {
        let (_whole, store) = self.writing()?;
        store
            .suspend(deck_id, item_id, suspended, at)
            .map_err(failed)
    }

    fn mark_leech(
        &mut self,
        deck_id: &str,
        item_id: &str,
        at: DateTime<Utc>,
    ) -> Result<(), JournalError> {
        let (_whole, store) = self.writing()?;
        store.mark_leech(deck_id, item_id, true, at).map_err(failed)
    }

    fn accept_answer(
        &mut self,
        deck_id: &str,
        item_id: &str,
        text: &str,
        at: DateTime<Utc>,
    ) -> Result<(), JournalError> {
        let (_whole, store) = self.writing()?;
        store
            .accept_answer(deck_id, item_id, text, at)
            .map_err(failed)
    }

    fn day_loads(&mut self, clock: DayClock, now: DateTime<Utc>) -> Result<DayLoads, JournalError> {
        self.store.day_loads(clock, now).map_err(failed)
    }
}

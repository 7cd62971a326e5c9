//! A study session: the queue of items, the answers, and what they change.
//!
//! The session never prints and never reads the clock: a [`Prompter`] shows questions and
//! gathers answers, a [`Clock`] says what time it is, and a [`Journal`] keeps every answer
//! (committed before the next question is shown).

pub mod distractors;
pub mod leech;
pub mod lexicon;
pub mod prompter;
pub mod question;
pub mod queue;
pub mod run;
pub mod script;

use chrono::{DateTime, Utc};

pub use prompter::{Action, Event, Feedback, Grade, Prompter, Reply, Status};
pub use question::{Form, Question, Response, StudyMode};
pub use run::{Ending, Session, Summary};

use crate::deck::{Card, Side};
use crate::scheduler::balance::DayLoads;
use crate::scheduler::days::DayClock;
use crate::scheduler::{CardState, Rating};

/// Says what time it is. Tests and `RECALL_NOW` use a fixed or scripted clock.
pub trait Clock {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// A clock that always says the same instant.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// One item of a session: a card and which of its questions, with where it came from.
#[derive(Debug, Clone)]
pub struct StudyItem {
    /// Index of its deck in the session (for limits and schedulers).
    pub deck: usize,
    /// The deck's id.
    pub deck_id: String,
    /// The deck's `source`, shown after answers.
    pub source: Option<String>,
    /// The id progress is kept under.
    pub item_id: String,
    /// The card.
    pub card: Card,
    /// Which of its questions.
    pub side: Side,
    /// The card's text changed since it was last seen.
    pub changed: bool,
    /// The deck file's folder, where the card's pictures are (none for a card without
    /// pictures, or of the deck built into recall).
    pub folder: Option<std::path::PathBuf>,
}

impl StudyItem {
    /// The pictures to show with its question, its answer and its explanation.
    #[must_use]
    pub fn pictures(&self) -> [Option<crate::deck::Shown>; 3] {
        let pictures = &self.card.pictures;
        let (question, answer) = pictures.question_and_answer(self.side == Side::Reverse);
        let folder = self.folder.as_deref();
        [question, answer, pictures.explain.as_ref()].map(|p| p.map(|p| p.shown(folder)))
    }
}

/// One answer, as the journal keeps it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRecord {
    /// The deck's id.
    pub deck_id: String,
    /// The item's id.
    pub item_id: String,
    /// When the question was shown.
    pub time: DateTime<Utc>,
    /// The rating given.
    pub rating: Rating,
    /// What was typed or chosen, if anything.
    pub answer: Option<String>,
    /// Whether it was judged right; `None` without an attempt.
    pub correct: Option<bool>,
    /// From question to rating, in milliseconds.
    pub duration_ms: u64,
    /// "study", "cram" or "quiz".
    pub mode: &'static str,
    /// The state before the answer; `None` for a new item.
    pub before: Option<CardState>,
    /// The state after.
    pub after: CardState,
}

/// An answer as the journal kept it.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    /// The review's id.
    pub id: String,
    /// The item's state the answer was scheduled from.
    pub before: Option<CardState>,
    /// The item's state after it.
    pub after: CardState,
}

/// A failure while keeping answers, or of the terminal.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// The store failed.
    #[error("could not save progress: {0}")]
    Store(String),
    /// The terminal or input failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Where a session keeps what happens. Every call is durable when it returns.
pub trait Journal {
    /// Records an answer and the item's new state; returns the review's id.
    ///
    /// # Errors
    /// The store failed; nothing of this answer was kept.
    fn record(&mut self, review: &ReviewRecord) -> Result<String, JournalError>;

    /// Records a study answer as [`Journal::record`] does, scheduled from the item's state as
    /// the journal holds it when the answer is written, which another session may have moved
    /// since `review.before` was read: `schedule(state, time)` is the state after this answer
    /// given at `time` to an item in `state`. Returns what was kept. The default keeps
    /// `review` as it is.
    ///
    /// # Errors
    /// As [`Journal::record`].
    fn record_scheduled(
        &mut self,
        review: &ReviewRecord,
        schedule: &dyn Fn(&CardState, DateTime<Utc>) -> CardState,
    ) -> Result<Recorded, JournalError> {
        let _ = schedule;
        Ok(Recorded {
            id: self.record(review)?,
            before: review.before.clone(),
            after: review.after.clone(),
        })
    }

    /// Takes back the review with this id and restores the state before it.
    ///
    /// # Errors
    /// The store failed; nothing changed.
    fn undo(&mut self, review_id: &str) -> Result<(), JournalError>;

    /// Hides an item until `until` (`None` brings it back); `at` is when the learner asked.
    ///
    /// # Errors
    /// The store failed.
    fn bury(
        &mut self,
        deck_id: &str,
        item_id: &str,
        until: Option<DateTime<Utc>>,
        at: DateTime<Utc>,
    ) -> Result<(), JournalError>;

    /// Hides an item until it is unsuspended (`suspended` false unsuspends it) at `at`.
    ///
    /// # Errors
    /// The store failed.
    fn suspend(
        &mut self,
        deck_id: &str,
        item_id: &str,
        suspended: bool,
        at: DateTime<Utc>,
    ) -> Result<(), JournalError>;

    /// Marks an item as a leech (`leech_action = "tag"`) at `at`.
    ///
    /// # Errors
    /// The store failed.
    fn mark_leech(
        &mut self,
        deck_id: &str,
        item_id: &str,
        at: DateTime<Utc>,
    ) -> Result<(), JournalError>;

    /// Accepts `text` as a right answer to this item for this learner from now on (from
    /// `at`).
    ///
    /// # Errors
    /// The store failed.
    fn accept_answer(
        &mut self,
        deck_id: &str,
        item_id: &str,
        text: &str,
        at: DateTime<Utc>,
    ) -> Result<(), JournalError>;

    /// The reviews due on each of the learner's days (under `clock`) from the day of `now`
    /// on, for even days. The default knows of none.
    ///
    /// # Errors
    /// The store failed.
    fn day_loads(&mut self, clock: DayClock, now: DateTime<Utc>) -> Result<DayLoads, JournalError> {
        let _ = (clock, now);
        Ok(DayLoads::default())
    }
}

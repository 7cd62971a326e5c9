//! The scheduling engine: when each card comes back.
//!
//! Owns the card's scheduling state ([`CardState`]), the three schedulers (FSRS-6 by default,
//! SM-2 as Anki runs it, Leitner boxes) behind one [`Scheduler`], and the previews a session
//! shows on its answer buttons. Everything here is a pure function of its arguments: the
//! current time comes in as `now`, nothing reads the clock, prints or touches files, and no
//! input (a stored state, a clock that went backwards, extreme settings) can make it panic or
//! produce NaN.
//!
//! Layout: [`fsrs`] is the memory model's arithmetic, [`steps`] the learning steps, [`days`]
//! the learner's calendar, [`fuzz`] the interval spread; `fsrs_card`, [`sm2`] and [`leitner`]
//! move a card from one state to the next; [`replay`] runs a bare history for `recall schedule`,
//! [`reschedule`] sums up what replaying every card with new settings moves, [`postpone`]
//! spreads a backlog over the following days;
//! [`exam`] moves review days ahead of an exam date, [`balance`] evens out the days (easy days,
//! breaks) within the fuzz range, [`breaks`] moves the reviews of a break to the days around it.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub mod balance;
pub mod breaks;
pub mod days;
pub mod exam;
pub mod fsrs;
mod fsrs_card;
pub mod fuzz;
pub mod humanize;
pub mod leitner;
pub mod postpone;
mod rating;
pub mod replay;
pub mod reschedule;
mod settings;
pub mod sm2;
pub mod steps;

pub use rating::{ParseRatingError, Rating};
pub use settings::{MAXIMUM_INTERVAL_CAP, Settings, SettingsError, Sm2Options, parse_step};

/// Where a card is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Phase {
    /// Never answered.
    New,
    /// In its learning steps; `step` is the index of the step it waits on (0 = first).
    Learning {
        /// Index into the learning steps.
        step: u32,
    },
    /// Graduated: comes back after whole days.
    Review,
    /// Forgotten after graduating, going through the relearning steps.
    Relearning {
        /// Index into the relearning steps.
        step: u32,
    },
}

/// What a scheduler remembers about a card between reviews.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "model", rename_all = "snake_case")]
pub enum Memory {
    /// FSRS memory state.
    Fsrs {
        /// Days until the probability of recall falls to 90%.
        stability: f64,
        /// Difficulty, 1 (easiest) to 10.
        difficulty: f64,
    },
    /// SM-2 ease and current interval.
    Sm2 {
        /// Interval multiplier (2.5 = 250%), at least 1.3.
        ease: f64,
        /// The interval last given, in days (after a lapse: the one to use on relearning).
        interval_days: u32,
    },
    /// Leitner box.
    Leitner {
        /// Box number, 1 for the first box.
        #[serde(rename = "box")]
        box_: u32,
    },
}

/// A card's scheduling state: what the store keeps per card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CardState {
    /// Where the card is in its life.
    pub phase: Phase,
    /// When the card should be shown next. For day intervals: the start of the learner's day.
    pub due: DateTime<Utc>,
    /// When the card was last answered; `None` for a new card.
    pub last_review: Option<DateTime<Utc>>,
    /// How many times it has been answered.
    pub reps: u32,
    /// How many times it was forgotten after graduating.
    pub lapses: u32,
    /// What the scheduler remembers; `None` until a scheduler has something to keep.
    pub memory: Option<Memory>,
}

impl CardState {
    /// A card never seen, due at `now`.
    #[must_use]
    pub fn new(now: DateTime<Utc>) -> Self {
        Self {
            phase: Phase::New,
            due: now,
            last_review: None,
            reps: 0,
            lapses: 0,
            memory: None,
        }
    }

    /// True when the card should be shown at `now`.
    #[must_use]
    pub fn is_due(&self, now: DateTime<Utc>) -> bool {
        self.due <= now
    }

    /// True while the card waits on a learning or relearning step.
    #[must_use]
    pub fn in_steps(&self) -> bool {
        matches!(
            self.phase,
            Phase::Learning { .. } | Phase::Relearning { .. }
        )
    }

    /// True for an item never studied: no state, or one still in the `New` phase.
    #[must_use]
    pub fn is_new(state: Option<&CardState>) -> bool {
        state.is_none_or(|s| s.phase == Phase::New)
    }
}

/// The identity of a card for fuzz: a caller-chosen number, stable for the card's life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct CardSeed(pub u64);

impl CardSeed {
    /// A seed from a deck id and a card id: FNV-1a over both, separated by a 0xff byte (which
    /// never occurs in UTF-8). Fixed forever, so fuzzed due dates never move between versions.
    #[must_use]
    pub fn from_ids(deck_id: &str, card_id: &str) -> Self {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        let bytes = deck_id.bytes().chain([0xff]).chain(card_id.bytes());
        for b in bytes {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        Self(hash)
    }
}

/// How long until a card comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Wait {
    /// A learning or relearning step, in seconds.
    Seconds(u32),
    /// An interval in whole learner's days (due at the start of that day).
    Days(u32),
}

/// One button of a preview: the rating, the state it would lead to and the wait.
#[derive(Debug, Clone, PartialEq)]
pub struct Next {
    /// The rating this button gives.
    pub rating: Rating,
    /// The card's state after that rating.
    pub state: CardState,
    /// How long until the card would come back.
    pub wait: Wait,
}

/// Which scheduler a deck uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SchedulerKind {
    /// FSRS-6 (the default).
    #[default]
    Fsrs,
    /// SM-2 as Anki implements it.
    Sm2,
    /// Leitner boxes.
    Leitner,
}

/// A scheduler name other than fsrs, sm2 or leitner.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a scheduler: use fsrs, sm2 or leitner")]
pub struct ParseSchedulerError(pub String);

impl FromStr for SchedulerKind {
    type Err = ParseSchedulerError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text.trim().to_ascii_lowercase().as_str() {
            "fsrs" => Ok(SchedulerKind::Fsrs),
            "sm2" | "sm-2" => Ok(SchedulerKind::Sm2),
            "leitner" => Ok(SchedulerKind::Leitner),
            _ => Err(ParseSchedulerError(text.to_string())),
        }
    }
}

impl fmt::Display for SchedulerKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SchedulerKind::Fsrs => "fsrs",
            SchedulerKind::Sm2 => "sm2",
            SchedulerKind::Leitner => "leitner",
        })
    }
}

/// What one algorithm decides for an answer; [`Scheduler`] turns it into a [`CardState`].
#[derive(Debug, Clone, Copy)]
struct Outcome {
    phase: Phase,
    memory: Option<Memory>,
    wait: Wait,
    /// The answer forgot a graduated card.
    lapse: bool,
}

/// What an algorithm needs besides the card: the settings, the FSRS model, the fuzz factor.
struct Context<'a> {
    settings: &'a Settings,
    model: &'a fsrs::Model,
    /// The card's fuzz factor in [0, 1), or `None` when fuzz is off.
    fuzz: Option<f64>,
    /// The loads to even out within the fuzz range; `None`: the plain fuzzed day.
    balance: Option<balance::Balance<'a>>,
}

impl Context<'_> {
    /// `interval` as whole days in `[minimum, maximum interval]`, fuzzed when fuzz is on.
    fn days(&self, interval: f64, minimum: u32) -> u32 {
        let maximum = self.settings.maximum_interval;
        match (&self.balance, self.fuzz) {
            (Some(b), Some(factor)) => b.days(interval, minimum, maximum, factor),
            _ => fuzz::constrained_interval(interval, minimum, maximum, self.fuzz),
        }
    }
}

/// A validated scheduler: one algorithm with its settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Scheduler {
    kind: SchedulerKind,
    settings: Settings,
    model: fsrs::Model,
    /// The exam the reviews aim at, if any.
    exam: Option<exam::ExamDay>,
}

impl Scheduler {
    /// A scheduler of the given kind.
    ///
    /// # Errors
    /// The first setting that is out of range.
    pub fn new(kind: SchedulerKind, settings: Settings) -> Result<Self, SettingsError> {
        settings.validate()?;
        let model = fsrs::Model::new(settings.fsrs_parameters);
        Ok(Self {
            kind,
            settings,
            model,
            exam: None,
        })
    }

    /// The same scheduler aiming its reviews at an exam (see [`exam`]), or at none.
    #[must_use]
    pub fn with_exam(mut self, exam: Option<exam::ExamDay>) -> Self {
        self.exam = exam;
        self
    }

    /// The exam the reviews aim at, if any.
    #[must_use]
    pub fn exam(&self) -> Option<exam::ExamDay> {
        self.exam
    }

    /// When `state` is due under this scheduler's exam: its own due instant without an exam.
    /// Applies the exam to a state stored before the exam was set.
    #[must_use]
    pub fn exam_due(&self, state: &CardState) -> DateTime<Utc> {
        match self.exam {
            Some(day) => exam::due(&self.model, &self.settings, day, state),
            None => state.due,
        }
    }

    /// Which algorithm this is.
    #[must_use]
    pub fn kind(&self) -> SchedulerKind {
        self.kind
    }

    /// The settings in use.
    #[must_use]
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The FSRS model (with its clamped parameters).
    #[must_use]
    pub fn model(&self) -> &fsrs::Model {
        &self.model
    }

    /// The card's state after it is answered `rating` at `now`. `card` seeds the fuzz.
    #[must_use]
    pub fn review(
        &self,
        state: &CardState,
        rating: Rating,
        now: DateTime<Utc>,
        card: CardSeed,
    ) -> CardState {
        self.next(state, rating, now, card, None).state
    }

    /// What each of the four ratings would do, Again to Easy, for the answer buttons.
    #[must_use]
    pub fn preview(&self, state: &CardState, now: DateTime<Utc>, card: CardSeed) -> [Next; 4] {
        self.preview_with(state, now, card, None)
    }

    /// [`Scheduler::review`] evening out the days with `loads` (the reviews already due per
    /// day, this card's included), within the fuzz range (see [`balance`]); with `None`, or
    /// fuzz off, exactly [`Scheduler::review`].
    #[must_use]
    pub fn review_with(
        &self,
        state: &CardState,
        rating: Rating,
        now: DateTime<Utc>,
        card: CardSeed,
        loads: Option<&balance::DayLoads>,
    ) -> CardState {
        self.next(state, rating, now, card, loads).state
    }

    /// [`Scheduler::preview`] evening out the days with `loads`, as [`Scheduler::review_with`].
    #[must_use]
    pub fn preview_with(
        &self,
        state: &CardState,
        now: DateTime<Utc>,
        card: CardSeed,
        loads: Option<&balance::DayLoads>,
    ) -> [Next; 4] {
        Rating::ALL.map(|rating| self.next(state, rating, now, card, loads))
    }

    /// The probability (0, 1] that the learner recalls the card at `now`, for a card with an
    /// FSRS memory; `None` otherwise.
    #[must_use]
    pub fn retrievability(&self, state: &CardState, now: DateTime<Utc>) -> Option<f64> {
        let Some(Memory::Fsrs { stability, .. }) = state.memory else {
            return None;
        };
        let elapsed = state
            .last_review
            .map_or(0, |t| self.settings.day_clock().elapsed_days(t, now));
        Some(self.model.retrievability(f64::from(elapsed), stability))
    }

    fn next(
        &self,
        state: &CardState,
        rating: Rating,
        now: DateTime<Utc>,
        card: CardSeed,
        loads: Option<&balance::DayLoads>,
    ) -> Next {
        let clock = self.settings.day_clock();
        let ctx = Context {
            settings: &self.settings,
            model: &self.model,
            fuzz: self
                .settings
                .fuzz
                .then(|| fuzz::fuzz_factor(card.0, state.reps)),
            balance: loads.map(|loads| balance::Balance {
                settings: &self.settings,
                loads,
                today: clock.day_number(now),
                own: state.last_review.map(|_| clock.day_number(state.due)),
            }),
        };
        let outcome = match self.kind {
            SchedulerKind::Fsrs => fsrs_card::answer(&ctx, state, rating, now),
            SchedulerKind::Sm2 => sm2::answer(&ctx, state, rating, now),
            SchedulerKind::Leitner => leitner::answer(&ctx, state, rating),
        };
        let due = match outcome.wait {
            Wait::Seconds(s) => days::add_seconds(now, s),
            Wait::Days(d) => clock.due_after_days(now, d),
        };
        let mut state = CardState {
            phase: outcome.phase,
            due,
            last_review: Some(now),
            reps: state.reps.saturating_add(1),
            lapses: state.lapses.saturating_add(u32::from(outcome.lapse)),
            memory: outcome.memory,
        };
        let mut wait = outcome.wait;
        if let (Some(_), Wait::Days(_)) = (self.exam, wait) {
            state.due = self.exam_due(&state);
            let days = clock.day_number(state.due) - clock.day_number(now);
            wait = Wait::Days(u32::try_from(days.max(0)).unwrap_or(u32::MAX));
        }
        Next {
            rating,
            state,
            wait,
        }
    }
}

#[cfg(test)]
mod tests;

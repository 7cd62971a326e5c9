//! The statistics screen's figures, computed from the profile's store, the decks and `now`.
//!
//! Owns what `recall stats` reports: cards by state (per deck and per tag), the work done
//! (reviews and time, the streak), true retention, the hardest cards, the due forecast, the
//! calendar of reviews and the spread of intervals. It returns one [`Stats`] value, which is
//! also the `--json` schema; it never prints, never reads the clock and never writes to the
//! store. Drawing the figures is `ui::stats`'s business.
//!
//! Layout: [`cards`] walks the card rows (states, forecast, intervals, hardest cards) into
//! the types of [`figures`]; [`log`] walks the review log (activity, retention, calendar,
//! streak); [`listing`] lists items one per row for `recall cards`, and [`story`] tells one
//! item's story for `recall card`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::deck::Deck;
use crate::scheduler::Settings;
use crate::store::{Store, StoreError};

pub mod cards;
pub mod figures;
pub mod listing;
pub mod log;
pub mod story;

pub use figures::{CardStats, DeckCounts, HardCard, Hardest, IntervalBin, StateCounts, TagCounts};
pub use log::{Activity, Heatmap, Period, Rate, Retention};

/// The version of the JSON schema; raised only when a field changes meaning or goes away.
pub const SCHEMA_VERSION: u32 = 1;
/// Days in the due forecast, today first.
pub const FORECAST_DAYS: usize = 30;
/// Weeks in the calendar of reviews.
pub const HEATMAP_WEEKS: usize = 26;
/// An interval of this many days or more makes a review card mature.
pub const MATURE_DAYS: u32 = 21;
/// Cards in each list of hardest cards.
pub const HARDEST_LISTED: usize = 10;

/// Every figure of `recall stats`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    /// [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The instant the figures are computed at.
    pub now: DateTime<Utc>,
    /// The learner's date today (a day starts at `day_starts_at`, local time).
    pub today: NaiveDate,
    /// The local hour the learner's day starts.
    pub day_starts_at: u8,
    /// Cards by state: all of them, per deck and per tag.
    pub cards: CardStats,
    /// Reviews and time spent, and the streak.
    pub activity: Activity,
    /// True retention beside the desired one.
    pub retention: Retention,
    /// Quiz and cram answers of the last 30 days (not part of retention).
    pub practice: Rate,
    /// The hardest cards.
    pub hardest: Hardest,
    /// Cards due on each of the next [`FORECAST_DAYS`] days, today first (overdue cards count
    /// today); suspended cards are left out.
    pub forecast: Vec<u64>,
    /// Reviews per day over the last [`HEATMAP_WEEKS`] weeks.
    pub heatmap: Heatmap,
    /// How many review cards have an interval in each range.
    pub intervals: Vec<IntervalBin>,
}

/// The decks chosen for the statistics, their files and the leech threshold.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// The decks chosen: their tags and never-answered cards count.
    pub decks: &'a [Deck],
    /// Each chosen deck's file as shown (`built-in` for the bundled deck).
    pub paths: &'a [String],
    /// Lapses that make a card a leech.
    pub leech_threshold: u32,
}

impl<'a> Sources<'a> {
    /// `decks` without files, with the default leech threshold.
    #[must_use]
    pub fn decks(decks: &'a [Deck]) -> Self {
        Sources {
            decks,
            paths: &[],
            leech_threshold: crate::config::LEECH_THRESHOLD,
        }
    }
}

/// Computes the statistics of the profile in `store` at `now`, for the decks of `sources`;
/// cards the store knows in other decks count under their deck id. `settings` gives the day
/// start, the time zone, the desired retention and the FSRS parameters.
///
/// # Errors
/// The store failed or holds a row it cannot read.
pub fn compute(
    store: &Store,
    sources: &Sources<'_>,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<Stats, StoreError> {
    let days = settings.day_clock();
    let today = days.day_number(now);
    let cards = cards::collect(store, sources, settings, now)?;
    let log = log::collect(store, days, settings.desired_retention, now)?;
    Ok(Stats {
        schema: SCHEMA_VERSION,
        now,
        today: date_of(today),
        day_starts_at: days.day_start_hour,
        cards: cards.counts,
        activity: log.activity,
        retention: log::Retention {
            predicted_now: cards.mean_retrievability,
            ..log.retention
        },
        practice: log.practice,
        hardest: cards.hardest,
        forecast: cards.forecast,
        heatmap: log.heatmap,
        intervals: cards.intervals,
    })
}

/// The calendar date a learner's day number starts on.
#[must_use]
pub fn date_of(day: i64) -> NaiveDate {
    NaiveDate::from_ymd_opt(1970, 1, 1)
        .and_then(|epoch| epoch.checked_add_signed(chrono::TimeDelta::days(day)))
        .unwrap_or(NaiveDate::MIN)
}

#[cfg(test)]
mod tests;

//! The review-log side of the statistics: reviews and time per period, the streak, true
//! retention, quiz and cram practice, and the calendar of reviews.
//!
//! The log is read once, from the start of the longest window (365 learner's days) on, and
//! folded into one small total per day; nothing else of it is kept.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::{HEATMAP_WEEKS, date_of};
use crate::scheduler::days::DayClock;
use crate::store::{Mode, ReviewFacts, Store, StoreError, history};

/// The longest window, in learner's days, today included.
const WINDOW_DAYS: i64 = 365;

/// Reviews and time spent in a period.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Period {
    /// Answers of every mode.
    pub reviews: u64,
    /// Time spent answering them, in whole seconds.
    pub seconds: u64,
}

/// Work done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Activity {
    /// Since the learner's day started.
    pub today: Period,
    /// The last 7 learner's days, today included.
    pub last_7_days: Period,
    /// The last 30 learner's days, today included.
    pub last_30_days: Period,
    /// Days in a row with at least one answer, ending today (or yesterday, when nothing was
    /// answered yet today).
    pub streak_days: u32,
}

/// A share of answers passed (rated Hard, Good or Easy).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Rate {
    /// Answers counted.
    pub reviews: u64,
    /// Of which passed.
    pub passed: u64,
    /// `passed / reviews`; null without answers.
    pub rate: Option<f64>,
}

impl Rate {
    fn count(&mut self, passed: bool) {
        self.reviews += 1;
        self.passed += u64::from(passed);
    }

    fn finish(mut self) -> Self {
        self.rate = (self.reviews > 0).then(|| self.passed as f64 / self.reviews as f64);
        self
    }
}

/// True retention: the share of study answers on cards in review (not new, not in learning
/// steps) that passed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Retention {
    /// The desired retention setting.
    pub desired: f64,
    /// The last 7 learner's days, today included.
    pub last_7_days: Rate,
    /// The last 30.
    pub last_30_days: Rate,
    /// The last 365.
    pub last_365_days: Rate,
    /// The mean chance of recall now of the unsuspended FSRS cards in review; null without
    /// any.
    pub predicted_now: Option<f64>,
}

/// Reviews per day over the last weeks, for a calendar: whole weeks from a Monday, the last
/// one holding today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Heatmap {
    /// The Monday the calendar starts on.
    pub first_day: NaiveDate,
    /// Answers of every mode per day, from `first_day` to today.
    pub reviews: Vec<u64>,
}

/// What the log walk finds.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LogFigures {
    pub activity: Activity,
    pub retention: Retention,
    pub practice: Rate,
    pub heatmap: Heatmap,
}

/// One day's totals.
#[derive(Debug, Clone, Copy, Default)]
struct Day {
    reviews: u64,
    ms: u64,
    retention: Rate,
}

/// A learner's day and the instants it spans, in Unix milliseconds.
#[derive(Debug, Clone, Copy, Default)]
struct Bounds {
    day: i64,
    start_ms: i64,
    end_ms: i64,
}

impl Bounds {
    fn of(days: DayClock, time_ms: i64) -> Self {
        let time = DateTime::from_timestamp_millis(time_ms).unwrap_or_default();
        let day = days.day_number(time);
        Bounds {
            day,
            start_ms: days.day_start(day).timestamp_millis(),
            end_ms: days.day_start(day + 1).timestamp_millis(),
        }
    }

    fn holds(self, time_ms: i64) -> bool {
        (self.start_ms..self.end_ms).contains(&time_ms)
    }
}

/// What a walk over part of the log adds up: totals per day of the window, and the quiz and
/// cram answers of the last 30 days.
struct Fold {
    per_day: Vec<Day>,
    practice: Rate,
}

impl Fold {
    fn merge(mut self, other: Fold) -> Fold {
        for (mine, theirs) in self.per_day.iter_mut().zip(other.per_day) {
            mine.reviews += theirs.reviews;
            mine.ms += theirs.ms;
            mine.retention.reviews += theirs.retention.reviews;
            mine.retention.passed += theirs.retention.passed;
        }
        self.practice.reviews += other.practice.reviews;
        self.practice.passed += other.practice.passed;
        self
    }
}

/// Folds the reviews from `since` to `until` (the end of the log when `None`) into days
/// `first..=today`.
fn fold(
    store: &Store,
    days: DayClock,
    (first, today): (i64, i64),
    now: DateTime<Utc>,
    (since, until): (DateTime<Utc>, Option<DateTime<Utc>>),
) -> Result<Fold, StoreError> {
    let mut per_day = vec![Day::default(); WINDOW_DAYS as usize];
    let mut practice = Rate::default();
    let now_ms = now.timestamp_millis();
    // The log comes in time order: the day changes only when an answer passes its end.
    let mut current = Bounds::default();
    store.for_each_review_between(since, until, |review: ReviewFacts| {
        // Answers after `now` (a clock set back) are not counted.
        if review.time_ms > now_ms {
            return;
        }
        if !current.holds(review.time_ms) {
            current = Bounds::of(days, review.time_ms);
        }
        let Some(day) = usize::try_from(current.day - first)
            .ok()
            .and_then(|i| per_day.get_mut(i))
        else {
            return;
        };
        let recent = current.day > today - 30;
        day.reviews += 1;
        day.ms += review.duration_ms;
        let passed = review.rating.is_pass();
        match review.mode {
            Mode::Study if review.was_review => day.retention.count(passed),
            Mode::Study => {}
            Mode::Cram | Mode::Quiz => {
                if recent {
                    practice.count(passed);
                }
            }
        }
    })?;
    Ok(Fold { per_day, practice })
}

/// Walks the log of the last [`WINDOW_DAYS`] days once. A profile kept in a file is read in
/// two halves of the window at once, each on its own connection (the log of a year can hold
/// a million answers, and SQLite's stepping through them is most of the time stats takes).
pub(super) fn collect(
    store: &Store,
    days: DayClock,
    desired: f64,
    now: DateTime<Utc>,
) -> Result<LogFigures, StoreError> {
    let today = days.day_number(now);
    let first = today - (WINDOW_DAYS - 1);
    let since = days.day_start(first);
    let window = (first, today);
    let file = store.path();
    let on_disk = file != std::path::Path::new(":memory:") && since < now;
    let Fold { per_day, practice } = if on_disk {
        let middle = since + (now - since) / 2;
        std::thread::scope(|scope| {
            let later = scope.spawn(move || {
                let other = Store::open_path(file)?;
                other.set_memory_map(false)?;
                fold(&other, days, window, now, (middle, None))
            });
            let earlier = fold(store, days, window, now, (since, Some(middle)));
            let later = later
                .join()
                .map_err(|_| StoreError::BadData("the log reader stopped".to_owned()))?;
            Ok::<_, StoreError>(earlier?.merge(later?))
        })?
    } else {
        fold(store, days, window, now, (since, None))?
    };
    let period = |n: usize| {
        let days = &per_day[per_day.len() - n..];
        Period {
            reviews: days.iter().map(|d| d.reviews).sum(),
            seconds: days.iter().map(|d| d.ms).sum::<u64>() / 1000,
        }
    };
    let rate = |n: usize| {
        let mut rate = Rate::default();
        for d in &per_day[per_day.len() - n..] {
            rate.reviews += d.retention.reviews;
            rate.passed += d.retention.passed;
        }
        rate.finish()
    };
    let activity = Activity {
        today: period(1),
        last_7_days: period(7),
        last_30_days: period(30),
        streak_days: streak(store, days, &per_day, today)?,
    };
    let retention = Retention {
        desired,
        last_7_days: rate(7),
        last_30_days: rate(30),
        last_365_days: rate(WINDOW_DAYS as usize),
        predicted_now: None,
    };
    // Whole weeks: back to the Monday HEATMAP_WEEKS - 1 weeks before this week's Monday.
    let weekday = (today + 3).rem_euclid(7);
    let heat_first = today - weekday - 7 * (HEATMAP_WEEKS as i64 - 1);
    let from = usize::try_from(heat_first - first).unwrap_or(0);
    Ok(LogFigures {
        activity,
        retention,
        practice: practice.finish(),
        heatmap: Heatmap {
            first_day: date_of(heat_first),
            reviews: per_day[from..].iter().map(|d| d.reviews).collect(),
        },
    })
}

/// The streak, from the window's days; a streak as long as the window asks the store, which
/// walks back through the days before it.
fn streak(store: &Store, days: DayClock, per_day: &[Day], today: i64) -> Result<u32, StoreError> {
    let first = today - (per_day.len() as i64 - 1);
    let studied: Vec<i64> = (0..per_day.len())
        .rev()
        .filter(|&i| per_day[i].reviews > 0)
        .map(|i| first + i as i64)
        .collect();
    let streak = history::streak(&studied, today);
    if i64::from(streak) + 1 < per_day.len() as i64 {
        return Ok(streak);
    }
    let shift =
        i64::from(days.utc_offset_minutes) * 60 - i64::from(days.day_start_hour.min(23)) * 3600;
    store.review_streak(shift, today, Some(today + 1), u32::MAX)
}

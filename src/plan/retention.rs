//! Choosing the desired retention: for each candidate value, the work a day and the share of
//! cards remembered over the coming months, by running the simulated learner of
//! [`super::simulate`] on the learner's own cards with that retention.
//!
//! Method: for each value of [`RETENTIONS`], every deck's scheduler gets that desired
//! retention (the rest of its settings, fitted parameters included, stay), and
//! [`super::forecast`] averages seeded simulated learners studying every day for
//! [`HORIZON_DAYS`] days, with no exam. Minutes a day are the mean answers a day (new and
//! reviews) times the learner's seconds per answer; remembered is the mean predicted recall of
//! all the cards at the start of the day after the horizon (0 for a card never studied).
//! The value recommended is the one with the most cards remembered per minute of daily study.
//! Pure: no clock, no I/O.

use super::simulate::{Setup, count_as_f64};
use crate::scheduler::Scheduler;

/// The desired retentions compared.
pub const RETENTIONS: [f64; 10] = [0.70, 0.75, 0.80, 0.85, 0.88, 0.90, 0.92, 0.94, 0.95, 0.97];

/// Days simulated.
pub const HORIZON_DAYS: i64 = 90;

/// What one desired retention gives.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Choice {
    /// The desired retention.
    pub retention: f64,
    /// Expected answers a day (new cards and reviews), over the horizon.
    pub answers_per_day: f64,
    /// Expected minutes of study a day, over the horizon.
    pub minutes_per_day: f64,
    /// Expected share of all the cards remembered (mean predicted recall) at the horizon.
    pub remembered: f64,
}

impl Choice {
    /// Cards remembered at the horizon per minute of daily study (0 when there is no work).
    #[must_use]
    pub fn per_minute(&self, cards: usize) -> f64 {
        if self.minutes_per_day > 0.0 {
            self.remembered * count_as_f64(cards) / self.minutes_per_day
        } else {
            0.0
        }
    }
}

/// Each of [`RETENTIONS`] simulated with `runs` learners from `seed`, from `start`: the
/// learner's cards, each deck's scheduler with the settings in force (no exam), the pace, and
/// the day after the horizon as its `exam`. A retention a scheduler refuses is left out.
#[must_use]
pub fn compare(start: &Setup<'_>, runs: u32, seed: u64) -> Vec<Choice> {
    RETENTIONS
        .iter()
        .filter_map(|&retention| {
            let schedulers = start
                .schedulers
                .iter()
                .map(|s| {
                    let mut settings = s.settings().clone();
                    settings.desired_retention = retention;
                    Scheduler::new(s.kind(), settings).ok()
                })
                .collect::<Option<Vec<_>>>()?;
            let setup = Setup {
                schedulers: &schedulers,
                ..*start
            };
            let forecast = super::forecast(&setup, runs, seed);
            let days = count_as_f64(forecast.days.len()).max(1.0);
            let answers = (forecast.reviews() + forecast.introduced()) / days;
            Some(Choice {
                retention,
                answers_per_day: answers,
                minutes_per_day: answers * start.seconds_per_answer / 60.0,
                remembered: forecast.exam_recall,
            })
        })
        .collect()
}

/// The choice with the most cards remembered per minute of daily study; `None` when no
/// choice has any work.
#[must_use]
pub fn best(choices: &[Choice], cards: usize) -> Option<Choice> {
    choices
        .iter()
        .filter(|c| c.minutes_per_day > 0.0)
        .max_by(|a, b| a.per_minute(cards).total_cmp(&b.per_minute(cards)))
        .copied()
}

#[cfg(test)]
mod tests;

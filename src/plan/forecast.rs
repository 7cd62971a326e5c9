//! The day-by-day forecast `recall plan` prints: the average of several simulated learners.
//!
//! Method: [`super::simulate::run`] is repeated for `runs` seeds derived from one seed, with
//! the exam set (the plan) and without it (the usual schedule), and each day's new cards and
//! reviews and the exam-day figures are averaged over the runs. The seeds are fixed, so the
//! same progress, decks and date always print the same forecast. Pure: no clock, no I/O.

use super::simulate::{self, Outcome, Setup};
use crate::scheduler::fuzz::splitmix64;

/// One day of a forecast, averaged over the runs.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayForecast {
    /// The learner's day number.
    pub day: i64,
    /// Expected new cards introduced.
    pub new: f64,
    /// Expected answers to cards already introduced.
    pub reviews: f64,
    /// The largest new-card count allowed to a deck that day.
    pub new_allowed: u32,
}

/// A forecast: the days up to the eve and the exam-day figures, averaged over the runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Forecast {
    /// Every day from today up to the eve.
    pub days: Vec<DayForecast>,
    /// Mean predicted recall on exam day (0 for cards never studied).
    pub exam_recall: f64,
    /// Share of cards at or above their desired retention on exam day.
    pub ready: f64,
    /// Share of cards the simulated learners recalled on exam day.
    pub recalled: f64,
}

impl Forecast {
    /// Expected answers to introduced cards over all days.
    #[must_use]
    pub fn reviews(&self) -> f64 {
        self.days.iter().map(|d| d.reviews).sum()
    }

    /// Expected new cards over all days.
    #[must_use]
    pub fn introduced(&self) -> f64 {
        self.days.iter().map(|d| d.new).sum()
    }
}

/// The average of `runs` (at least one) simulated learners.
#[must_use]
pub fn forecast(setup: &Setup<'_>, runs: u32, seed: u64) -> Forecast {
    let runs = runs.max(1);
    let outcomes: Vec<Outcome> = (0..runs)
        .map(|k| simulate::run(setup, splitmix64(seed ^ u64::from(k))))
        .collect();
    let n = f64::from(runs);
    let mean = |f: &dyn Fn(&Outcome) -> f64| outcomes.iter().map(f).sum::<f64>() / n;
    let days = outcomes[0]
        .days
        .iter()
        .enumerate()
        .map(|(i, first)| DayForecast {
            day: first.day,
            new: mean(&|o| f64::from(o.days[i].new)),
            reviews: mean(&|o| f64::from(o.days[i].reviews)),
            new_allowed: outcomes
                .iter()
                .map(|o| o.days[i].new_allowed)
                .max()
                .unwrap_or(0),
        })
        .collect();
    Forecast {
        days,
        exam_recall: mean(&|o| o.exam_recall),
        ready: mean(&|o| o.ready),
        recalled: mean(&|o| o.recalled),
    }
}

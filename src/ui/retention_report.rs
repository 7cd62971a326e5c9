//! What `recall retention` prints: for each desired retention, the minutes a day and the
//! cards remembered at the horizon, and the value giving the most remembered per minute,
//! as a table or as one JSON object.

use std::io::{self, Write};

use serde::Serialize;

use crate::plan::retention::{Choice, best};

/// The comparison and what it was run on.
pub struct Report<'a> {
    /// Cards simulated.
    pub cards: usize,
    /// Days simulated.
    pub horizon_days: i64,
    /// Seconds per answer.
    pub seconds: f64,
    /// Whether the seconds are the learner's own average.
    pub timed: bool,
    /// The desired retention in force.
    pub current: f64,
    /// One row per retention compared.
    pub choices: &'a [Choice],
}

#[derive(Serialize)]
struct JsonChoice {
    retention: f64,
    answers_per_day: f64,
    minutes_per_day: f64,
    remembered: f64,
    remembered_per_minute: f64,
}

#[derive(Serialize)]
struct Json {
    cards: usize,
    horizon_days: i64,
    seconds_per_answer: f64,
    timed: bool,
    current: f64,
    choices: Vec<JsonChoice>,
    best: Option<f64>,
    reason: String,
}

impl Report<'_> {
    /// The one-line reason for the best value, or why there is none.
    fn reason(&self) -> (Option<Choice>, String) {
        match best(self.choices, self.cards) {
            Some(b) => (
                Some(b),
                format!(
                    "{:.2} keeps {:.1} cards remembered per minute of daily study ({:.1} min a \
                     day for {:.1}% remembered after {} days), the most of the values tried: the \
                     lowest retention worth choosing; go higher as far as your minutes a day allow.",
                    b.retention,
                    b.per_minute(self.cards),
                    b.minutes_per_day,
                    b.remembered * 100.0,
                    self.horizon_days
                ),
            ),
            None => (
                None,
                "No study is simulated for these cards: nothing to compare.".to_owned(),
            ),
        }
    }

    /// Writes the table and the recommendation.
    ///
    /// # Errors
    /// Writing failed.
    pub fn print(&self, out: &mut impl Write) -> io::Result<()> {
        writeln!(
            out,
            "{} cards over {} days, {:.1} s per answer ({}); desired retention now {:.2}.",
            self.cards,
            self.horizon_days,
            self.seconds,
            if self.timed {
                "your average"
            } else {
                "no timed answers yet"
            },
            self.current
        )?;
        writeln!(
            out,
            "retention  answers/day  minutes/day  remembered  per minute"
        )?;
        for c in self.choices {
            writeln!(
                out,
                "     {:.2}  {:>11.1}  {:>11.1}  {:>9.1}%  {:>10.1}",
                c.retention,
                c.answers_per_day,
                c.minutes_per_day,
                c.remembered * 100.0,
                c.per_minute(self.cards)
            )?;
        }
        writeln!(out, "Best: {}", self.reason().1)
    }

    /// Writes the comparison as one JSON object on one line.
    ///
    /// # Errors
    /// Writing failed.
    pub fn print_json(&self, out: &mut impl Write) -> io::Result<()> {
        let (best, reason) = self.reason();
        let json = Json {
            cards: self.cards,
            horizon_days: self.horizon_days,
            seconds_per_answer: self.seconds,
            timed: self.timed,
            current: self.current,
            choices: self
                .choices
                .iter()
                .map(|c| JsonChoice {
                    retention: c.retention,
                    answers_per_day: c.answers_per_day,
                    minutes_per_day: c.minutes_per_day,
                    remembered: c.remembered,
                    remembered_per_minute: c.per_minute(self.cards),
                })
                .collect(),
            best: best.map(|b| b.retention),
            reason,
        };
        serde_json::to_writer(&mut *out, &json).map_err(io::Error::other)?;
        writeln!(out)
    }
}

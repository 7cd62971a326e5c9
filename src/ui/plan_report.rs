//! The plan `recall plan` prints: the work day by day, the new cards, the recall on exam
//! day with the plan and without it, and the days over the learner's time.

use std::io::{self, Write};

use chrono::NaiveDate;

use crate::plan::Forecast;
use crate::study::exam_date::date_of;
use crate::text::escape_controls;

/// What the printed plan says besides the forecasts.
pub struct Report<'a> {
    pub date: NaiveDate,
    pub days_left: i64,
    pub decks: &'a [&'a str],
    pub cards: usize,
    pub seconds: f64,
    pub timed: bool,
    pub usual_new: u32,
    pub target: f64,
    pub minutes_per_day: Option<f64>,
}

impl Report<'_> {
    fn minutes(&self, answers: f64) -> f64 {
        answers * self.seconds / 60.0
    }

    /// Writes the plan.
    ///
    /// # Errors
    /// Writing failed.
    pub fn print(
        &self,
        out: &mut impl Write,
        with: &Forecast,
        without: &Forecast,
    ) -> io::Result<()> {
        let ids: Vec<String> = self
            .decks
            .iter()
            .map(|id| escape_controls(id).into_owned())
            .collect();
        writeln!(
            out,
            "Exam on {}, in {} day{}: {} cards of {}, {:.1} s per answer ({}).",
            self.date,
            self.days_left,
            if self.days_left == 1 { "" } else { "s" },
            self.cards,
            ids.join(", "),
            self.seconds,
            if self.timed {
                "your average"
            } else {
                "no timed answers yet"
            }
        )?;
        writeln!(out, "date          new  reviews  minutes")?;
        for day in &with.days {
            writeln!(
                out,
                "{}  {:>5.0}  {:>7.0}  {:>7.1}",
                date_of(day.day),
                day.new,
                day.reviews,
                self.minutes(day.new + day.reviews)
            )?;
        }
        let total = with.introduced() + with.reviews();
        writeln!(
            out,
            "total       {:>5.0}  {:>7.0}  {:>7.1}",
            with.introduced(),
            with.reviews(),
            self.minutes(total)
        )?;
        self.print_new_cards(out, with)?;
        writeln!(
            out,
            "On exam day      recalled  at the {:.0}% target  answers",
            self.target * 100.0
        )?;
        for (label, f) in [("with the plan", with), ("without it", without)] {
            writeln!(
                out,
                "  {label:<14} {:>7.1}%  {:>17.1}%  {:>7.0}",
                f.exam_recall * 100.0,
                f.ready * 100.0,
                f.introduced() + f.reviews()
            )?;
        }
        self.print_workload(out, with)
    }

    fn print_new_cards(&self, out: &mut impl Write, with: &Forecast) -> io::Result<()> {
        let most = with.days.iter().map(|d| d.new_allowed).max().unwrap_or(0);
        if most > self.usual_new {
            writeln!(
                out,
                "New cards: up to {most} a day (raised from {}) so that every card is \
                 introduced by two days before the exam.",
                self.usual_new
            )
        } else {
            writeln!(
                out,
                "New cards: your usual {} a day is enough.",
                self.usual_new
            )
        }
    }

    fn print_workload(&self, out: &mut impl Write, with: &Forecast) -> io::Result<()> {
        let Some(limit) = self.minutes_per_day else {
            return Ok(());
        };
        let over: Vec<(i64, f64)> = with
            .days
            .iter()
            .map(|d| (d.day, self.minutes(d.new + d.reviews)))
            .filter(|&(_, m)| m > limit)
            .collect();
        match over.iter().max_by(|a, b| a.1.total_cmp(&b.1)) {
            None => writeln!(out, "Every day fits in {limit} minutes."),
            Some(&(day, most)) => writeln!(
                out,
                "warning: {} day{} need more than {limit} minutes (the most: {most:.1} minutes \
                 on {}); the plan does not fit in --minutes-per-day {limit}.",
                over.len(),
                if over.len() == 1 { "" } else { "s" },
                date_of(day)
            ),
        }
    }
}

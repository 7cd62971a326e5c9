//! `recall plan`: the work, day by day, that gets the decks ready for an exam date, and the
//! share of cards recalled on exam day with the plan and without it.
//!
//! Reads the profile's progress without writing anything (a profile never used reads as all
//! cards new). The figures come from `plan::forecast`: averages of seeded simulated learners.

use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};
use std::process::ExitCode;

use chrono::NaiveDate;

use super::exam_date::{self, date_of};
use super::{profile, settings};
use crate::cli::{PlanArgs, StoreOptions};
use crate::config::StudyConfig;
use crate::error::Error;
use crate::library::{self as decks, LoadedDeck};
use crate::plan::{Forecast, Setup, SimCard, forecast};
use crate::scheduler::{CardSeed, Scheduler};
use crate::store::{CardRecord, Store};
use crate::text::escape_controls;

/// Simulated learners averaged into a forecast.
pub const RUNS: u32 = 32;
/// Seconds per answer when the learner has no timed answer yet.
pub const DEFAULT_SECONDS_PER_ANSWER: f64 = 8.0;
/// Seeds the simulated learners (fixed: the same inputs print the same plan).
const SEED: u64 = 0x6578_616d;

/// Runs `recall plan`.
///
/// # Errors
/// Bad decks, settings or date; no exam date; a store that cannot be read.
pub fn run(args: &PlanArgs, options: &StoreOptions) -> Result<ExitCode, Error> {
    let now = crate::time::now().map_err(Error::Usage)?;
    let mut config = settings::effective(options, &args.overrides)?;
    let decks = decks::load(&args.paths)?;
    let store = profile::open_existing(options)?;
    if let Some(store) = &store {
        settings::apply_fitted(&mut config, store)?;
    }
    let date = match args.exam {
        Some(date) => date,
        None => stored_date(options, &decks)?,
    };
    let clock = config.settings.day_clock();
    let exam = exam_date::future_day(date, now, clock)?;
    let plain = schedulers(&decks, &config)?;
    let planned: Vec<Scheduler> = plain
        .iter()
        .map(|s| s.clone().with_exam(Some(exam)))
        .collect();
    let cards = cards(&decks, store.as_ref())?;
    let timed = match &store {
        Some(store) => store.mean_answer_seconds()?,
        None => None,
    };
    let seconds = timed.unwrap_or(DEFAULT_SECONDS_PER_ANSWER);
    let setup = |schedulers| Setup {
        cards: &cards,
        schedulers,
        now,
        exam,
        new_per_day: config.new_per_day,
        seconds_per_answer: seconds,
    };
    let with = forecast(&setup(&planned), RUNS, SEED);
    let without = forecast(&setup(&plain), RUNS, SEED);
    let report = Report {
        date,
        days_left: exam.0 - clock.day_number(now),
        decks: &decks,
        cards: cards.len(),
        seconds,
        timed: timed.is_some(),
        usual_new: config.new_per_day,
        target: config.settings.desired_retention,
        minutes_per_day: args.minutes_per_day,
    };
    report.print(&mut io::stdout().lock(), &with, &without)?;
    Ok(ExitCode::SUCCESS)
}

/// The one exam date `recall study --exam` remembered for these decks.
fn stored_date(options: &StoreOptions, decks: &[LoadedDeck]) -> Result<NaiveDate, Error> {
    let dates = exam_date::load(options)?;
    let set: BTreeSet<NaiveDate> = decks
        .iter()
        .filter_map(|d| dates.get(&d.deck.id).copied())
        .collect();
    match set.len() {
        1 => Ok(set.into_iter().next().unwrap_or_default()),
        0 => Err(Error::Usage(
            "no exam date is set for these decks: give --exam DATE (YYYY-MM-DD)".to_owned(),
        )),
        _ => Err(Error::Usage(
            "these decks have different exam dates: give --exam DATE, or plan each deck alone"
                .to_owned(),
        )),
    }
}

/// Each deck's scheduler, as a session would pick it.
fn schedulers(decks: &[LoadedDeck], config: &StudyConfig) -> Result<Vec<Scheduler>, Error> {
    decks
        .iter()
        .map(|loaded| {
            let named = loaded
                .deck
                .scheduler
                .as_deref()
                .and_then(|s| s.parse().ok());
            let kind = settings::scheduler_kind(config, named);
            Scheduler::new(kind, config.settings.clone()).map_err(|e| Error::Usage(e.to_string()))
        })
        .collect()
}

/// Every item of the decks that is not suspended, with its stored state, in deck order.
fn cards(decks: &[LoadedDeck], store: Option<&Store>) -> Result<Vec<SimCard>, Error> {
    let mut out = Vec::new();
    for (index, loaded) in decks.iter().enumerate() {
        let deck = &loaded.deck;
        let records: HashMap<String, CardRecord> = match store {
            Some(store) => store
                .cards_touched(&deck.id)?
                .into_iter()
                .map(|r| (r.card.clone(), r))
                .collect(),
            None => HashMap::new(),
        };
        for item in deck.items() {
            let id = item.id();
            let record = records.get(&id);
            if record.is_some_and(|r| r.suspended) {
                continue;
            }
            out.push(SimCard {
                deck: index,
                seed: CardSeed::from_ids(&deck.id, &id),
                state: record.and_then(|r| r.state.clone()),
            });
        }
    }
    Ok(out)
}

/// What the printed plan says besides the forecasts.
struct Report<'a> {
    date: NaiveDate,
    days_left: i64,
    decks: &'a [LoadedDeck],
    cards: usize,
    seconds: f64,
    timed: bool,
    usual_new: u32,
    target: f64,
    minutes_per_day: Option<f64>,
}

impl Report<'_> {
    fn minutes(&self, answers: f64) -> f64 {
        answers * self.seconds / 60.0
    }

    fn print(&self, out: &mut impl Write, with: &Forecast, without: &Forecast) -> io::Result<()> {
        let ids: Vec<String> = self
            .decks
            .iter()
            .map(|d| escape_controls(&d.deck.id).into_owned())
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

//! `recall plan`: the work, day by day, that gets the decks ready for an exam date, and the
//! share of cards recalled on exam day with the plan and without it.
//!
//! Reads the profile's progress without writing anything (a profile never used reads as all
//! cards new). The figures come from `plan::forecast`: averages of seeded simulated learners.

use std::collections::BTreeSet;
use std::io;
use std::process::ExitCode;

use chrono::NaiveDate;

use crate::cli::PlanArgs;
use crate::config::profile::Location;
use crate::config::{profile, settings};
use crate::error::Error;
use crate::library::{self as decks, LoadedDeck};
use crate::plan::inputs::{cards, schedulers};
use crate::plan::{Setup, forecast};
use crate::scheduler::Scheduler;
use crate::study::exam_date;
use crate::ui::plan_report::Report;

/// Simulated learners averaged into a forecast.
pub const RUNS: u32 = 32;
/// Seconds per answer when the learner has no timed answer yet.
pub const DEFAULT_SECONDS_PER_ANSWER: f64 = crate::study::summary::DEFAULT_ANSWER_SECONDS;
/// Seeds the simulated learners (fixed: the same inputs print the same plan).
const SEED: u64 = 0x6578_616d;

/// Runs `recall plan`.
///
/// # Errors
/// Bad decks, settings or date; no exam date; a store that cannot be read.
pub fn run(args: &PlanArgs, options: &Location) -> Result<ExitCode, Error> {
    let now = crate::env::now()?;
    let mut config = settings::effective(options, &args.overrides.overrides())?;
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
    let cards = cards(
        &decks,
        store.as_ref(),
        config.new_order,
        clock.day_number(now),
    )?;
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
    let ids: Vec<&str> = decks.iter().map(|d| d.deck.id.as_str()).collect();
    let report = Report {
        date,
        days_left: exam.0 - clock.day_number(now),
        decks: &ids,
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
fn stored_date(options: &Location, decks: &[LoadedDeck]) -> Result<NaiveDate, Error> {
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

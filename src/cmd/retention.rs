//! `recall retention`: help in choosing the desired retention. For each value compared,
//! the minutes a day and the cards remembered after the horizon, by simulated learners
//! (`plan::retention`) on the profile's cards, parameters and pace. Writes nothing.

use std::io::{self, Write};
use std::process::ExitCode;

use crate::cli::RetentionArgs;
use crate::config::profile::{self, Location};
use crate::config::settings::{self, Overrides};
use crate::error::Error;
use crate::library as decks;
use crate::plan::Setup;
use crate::plan::inputs::{cards, schedulers};
use crate::plan::retention::{HORIZON_DAYS, compare};
use crate::scheduler::exam::ExamDay;
use crate::store::Store;
use crate::ui::retention_report::Report;

/// Simulated learners averaged for each retention.
const RUNS: u32 = 8;
/// Seeds the simulated learners (fixed: the same inputs print the same figures).
const SEED: u64 = 0x7265_7461_696e;

/// Runs `recall retention`.
///
/// # Errors
/// Bad decks, settings or `RECALL_NOW`; a store that cannot be read; a closed stdout.
pub fn run(args: &RetentionArgs, options: &Location) -> Result<ExitCode, Error> {
    let now = crate::env::now()?;
    let mut config = settings::effective(options, &Overrides::default())?;
    let decks = decks::load(&args.paths)?;
    let store = profile::open_existing(options)?;
    if let Some(store) = &store {
        settings::apply_fitted(&mut config, store)?;
    }
    let today = config.settings.day_clock().day_number(now);
    let cards = cards(&decks, store.as_ref(), config.new_order, today)?;
    let timed = store.as_ref().map(Store::mean_answer_seconds).transpose()?;
    let timed = timed.flatten();
    let seconds = timed.unwrap_or(super::plan::DEFAULT_SECONDS_PER_ANSWER);
    let schedulers = schedulers(&decks, &config)?;
    let setup = Setup {
        cards: &cards,
        schedulers: &schedulers,
        now,
        exam: ExamDay(today + HORIZON_DAYS),
        new_per_day: config.new_per_day,
        seconds_per_answer: seconds,
    };
    let choices = compare(&setup, RUNS, SEED);
    let report = Report {
        cards: cards.len(),
        horizon_days: HORIZON_DAYS,
        seconds,
        timed: timed.is_some(),
        current: config.settings.desired_retention,
        choices: &choices,
    };
    let mut out = io::stdout().lock();
    if args.json {
        report.print_json(&mut out)?;
    } else {
        report.print(&mut out)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

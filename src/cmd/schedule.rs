//! `recall schedule`: replays one card's history through a scheduler and shows why the card
//! comes back when it does.
//!
//! Parses the `DAYS:RATING` arguments and asks `scheduler::replay` for the rows, which
//! `ui::replay_table` prints as a table or JSON.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::ScheduleArgs;
use crate::config::profile::Location;
use crate::error::Error;
use crate::scheduler::replay::{parse_review, replay};
use crate::scheduler::{SchedulerKind, Settings};
use crate::ui::replay_table::{JsonRow, write_table};

/// Runs `recall schedule`.
///
/// # Errors
/// [`Error::Usage`] for a bad scheduler name, retention or review argument;
/// [`Error::Output`] when stdout cannot be written.
pub fn run(args: &ScheduleArgs, options: &Location) -> Result<ExitCode, Error> {
    let kind: SchedulerKind = args.scheduler.parse().map_err(|e| usage(&e))?;
    let mut settings = Settings::default();
    // The parameters `recall optimize` fitted to the profile, if any (none are created here).
    if let Some(store) = crate::config::profile::open_existing(options)?
        && let Some(fit) = store.fitted_parameters()?
    {
        settings.fsrs_parameters = fit.parameters;
    }
    if let Some(r) = args.retention {
        settings = settings.with_retention(r).map_err(|e| usage(&e))?;
    }
    let reviews = args
        .reviews
        .iter()
        .map(|a| parse_review(a).map_err(Error::Usage))
        .collect::<Result<Vec<_>, _>>()?;
    let rows = replay(kind, &settings, &reviews).map_err(|e| usage(&e))?;
    let mut out = std::io::stdout().lock();
    if args.json {
        let array: Vec<JsonRow> = rows.iter().map(JsonRow::from).collect();
        let text = serde_json::to_string(&array).map_err(|e| Error::Output(e.into()))?;
        writeln!(out, "{text}")?;
    } else {
        write_table(&mut out, kind, &rows)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn usage(e: &dyn std::fmt::Display) -> Error {
    Error::Usage(e.to_string())
}

//! `recall schedule`: replays one card's history through a scheduler and shows why the card
//! comes back when it does.
//!
//! Parses the `DAYS:RATING` arguments, asks `scheduler::replay` for the rows and prints them as
//! a table or JSON. All the arithmetic lives in the scheduler; this module only words errors and
//! formats numbers.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::ScheduleArgs;
use crate::config::profile::Location;
use crate::error::Error;
use crate::scheduler::replay::{ReplayRow, replay};
use crate::scheduler::{Rating, SchedulerKind, Settings};

/// The longest gap between two reviews accepted, in days (about 2,700 years).
const MAX_DAYS: u32 = 1_000_000;

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
        .map(|a| parse_review(a))
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

/// Parses `DAYS:RATING`, e.g. `0:good`, `3:3`, `10:again`.
fn parse_review(arg: &str) -> Result<(u32, Rating), Error> {
    let bad = |why: String| {
        Error::Usage(format!(
            "review {arg:?}: {why} (expected DAYS:RATING, e.g. 3:good)"
        ))
    };
    let (days, rating) = arg
        .split_once(':')
        .ok_or_else(|| bad("no ':'".to_string()))?;
    let days = days.trim();
    if days.starts_with('-') {
        return Err(bad(
            "days since the previous review cannot be negative".to_string()
        ));
    }
    let days: u32 = match days.parse() {
        Ok(d) if d <= MAX_DAYS => d,
        Ok(_) => return Err(bad(format!("days must be at most {MAX_DAYS}"))),
        Err(_) => return Err(bad(format!("{days:?} is not a whole number of days"))),
    };
    let rating: Rating = rating
        .parse()
        .map_err(|e: crate::scheduler::ParseRatingError| bad(e.to_string()))?;
    Ok((days, rating))
}

/// One JSON object per review, its keys in this order.
#[derive(Serialize)]
struct JsonRow {
    elapsed_days: u32,
    rating: u8,
    retrievability: Option<f64>,
    stability: Option<f64>,
    difficulty: Option<f64>,
    interval_days: u32,
}

impl From<&ReplayRow> for JsonRow {
    fn from(row: &ReplayRow) -> Self {
        Self {
            elapsed_days: row.elapsed_days,
            rating: row.rating.as_u8(),
            retrievability: row.retrievability,
            stability: row.stability,
            difficulty: row.difficulty,
            interval_days: row.interval_days,
        }
    }
}

fn write_table(
    out: &mut impl Write,
    kind: SchedulerKind,
    rows: &[ReplayRow],
) -> std::io::Result<()> {
    let third = match kind {
        SchedulerKind::Fsrs => "difficulty",
        SchedulerKind::Sm2 => "ease",
        SchedulerKind::Leitner => "box",
    };
    writeln!(
        out,
        "{:>7}  {:<6}  {:>14}  {:>10}  {:>10}  {:>8}",
        "elapsed", "rating", "retrievability", "stability", third, "interval"
    )?;
    for row in rows {
        let third = match (kind, row.difficulty) {
            (SchedulerKind::Leitner, Some(b)) => format!("{b:.0}"),
            (SchedulerKind::Sm2, Some(e)) => format!("{e:.2}"),
            _ => number(row.difficulty),
        };
        writeln!(
            out,
            "{:>7}  {:<6}  {:>14}  {:>10}  {:>10}  {:>8}",
            format!("{}d", row.elapsed_days),
            row.rating.label(),
            number(row.retrievability),
            number(row.stability),
            third,
            format!("{}d", row.interval_days),
        )?;
    }
    Ok(())
}

/// Four decimals, or `-` for a value the model does not have.
fn number(value: Option<f64>) -> String {
    value.map_or_else(|| "-".to_string(), |v| format!("{v:.4}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_reviews() {
        assert_eq!(parse_review("0:good").unwrap(), (0, Rating::Good));
        assert_eq!(parse_review("12:1").unwrap(), (12, Rating::Again));
        for (bad, says) in [
            ("3:meh", "\"meh\" is not a rating"),
            ("-2:good", "cannot be negative"),
            ("good", "no ':'"),
            ("x:good", "not a whole number"),
            ("2000000:good", "at most"),
        ] {
            let message = parse_review(bad).unwrap_err().to_string();
            assert!(message.contains(says), "{bad}: {message}");
        }
    }
}

//! `recall import-revlog`: a review history exported from Anki (CSV) into the profile, as a
//! deck of its own, in one transaction.
//!
//! Reads and checks the file (`revlog`), replays each card through FSRS on the history's
//! calendar (`revlog::replay`), and hands the reviews and states to the store. Bad rows are
//! reported here, as `FILE:LINE: message`.

use std::process::ExitCode;

use crate::cli::ImportRevlogArgs;
use crate::config::profile::Location;
use crate::config::settings::Overrides;
use crate::config::{profile, settings};
use crate::error::Error;
use crate::revlog::{self, RowError, replay};
use crate::scheduler::days::DayClock;
use crate::store::exchange::DeckSchedule;
use crate::text::escape_controls;

/// Runs `recall import-revlog`.
///
/// # Errors
/// The file cannot be read, has no header or no usable row, or the store failed (then
/// nothing was imported).
pub fn run(args: &ImportRevlogArgs, options: &Location) -> Result<ExitCode, Error> {
    let shown = escape_controls(&args.file.display().to_string()).into_owned();
    let text =
        crate::input_file::read_text(&args.file, crate::input_file::limits::REVLOG, "review log")?;
    let parsed = revlog::parse(&text)
        .map_err(|e| Error::Usage(format!("{shown}:{}: {}", e.line, e.message)))?;
    let mut config = settings::effective(options, &Overrides::default())?;
    let mut store = profile::open(options)?;
    store.check_now()?;
    settings::apply_fitted(&mut config, &store)?;
    let calendar = DayClock {
        day_start_hour: args.day_starts.unwrap_or(config.settings.day_start_hour),
        utc_offset_minutes: args.tz_offset.unwrap_or(config.settings.utc_offset_minutes),
    };
    // The scheduler `recall import-progress` replays this deck with, once its calendar is
    // recorded: both must give the same states.
    let deck = DeckSchedule {
        id: &args.deck,
        scheduler: None,
        calendar: Some(calendar),
    };
    let scheduler =
        settings::deck_scheduler(&config, &deck).map_err(|e| Error::Usage(e.to_string()))?;
    let stored = store.deck_study_answers(&args.deck)?;
    let planned = replay::plan(&args.deck, &parsed.rows, &stored, &scheduler);
    let mut skipped: Vec<&RowError> = parsed.errors.iter().chain(&planned.duplicates).collect();
    skipped.sort_by_key(|e| e.line);
    for e in &skipped {
        eprintln!("{shown}:{}: {}", e.line, escape_controls(&e.message));
    }
    if planned.reviews.is_empty() {
        return Err(Error::Usage(format!(
            "{shown}: no usable review rows; nothing was imported"
        )));
    }
    let added = store.import_history(&args.deck, calendar, &planned.reviews, &planned.states)?;
    println!(
        "{shown}: {} into deck {}, {added} new{}",
        counted(planned.reviews.len(), "review", "reviews")
            + " of "
            + &counted(planned.states.len(), "card", "cards"),
        escape_controls(&args.deck),
        match skipped.len() {
            0 => String::new(),
            n => format!("; {} skipped", counted(n, "row", "rows")),
        }
    );
    Ok(ExitCode::SUCCESS)
}

fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

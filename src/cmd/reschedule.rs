//! `recall reschedule`: every card's state replayed from its log with the settings now in
//! force. Shows first what moves (cards coming back earlier and later, reviews due per day
//! before and after), then writes every new state in one transaction once the learner says
//! yes in the terminal, or at once with `--yes`. The steps it shares with `recall postpone`
//! are here too.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::{RescheduleArgs, WriteArgs};
use crate::config::profile::Location;
use crate::config::settings::Overrides;
use crate::config::{profile, settings};
use crate::error::Error;
use crate::scheduler::reschedule::{FORECAST_DAYS, summarize};
use crate::store::Store;
use crate::ui::reschedule_report::{JsonSummary, confirm, finish, write_summary};

/// Runs `recall reschedule`.
///
/// # Errors
/// Bad settings, decks or `RECALL_NOW`; a real run without `--yes` where nobody can be asked;
/// a store that cannot be read or written (then nothing changed); a closed stdout.
pub fn run(args: &RescheduleArgs, options: &Location) -> Result<ExitCode, Error> {
    let now = crate::env::now()?;
    let mut config = settings::effective(options, &Overrides::default())?;
    let Some(mut store) = open("reschedule", &args.write, options)? else {
        return Ok(ExitCode::SUCCESS);
    };
    settings::apply_fitted(&mut config, &store)?;
    let decks = crate::library::deck_ids(&args.paths)?;
    let moves = store.reschedule_preview(decks.as_deref(), |deck| {
        settings::deck_scheduler(&config, deck)
    })?;
    let summary = summarize(&moves, config.settings.day_clock(), now, FORECAST_DAYS);
    let mut out = std::io::stdout().lock();
    if !args.write.json {
        write_summary(&mut out, &summary)?;
        out.flush()?;
    }
    let written = if agreed(&args.write, summary.changed)? {
        Some(store.reschedule(decks.as_deref(), |deck| {
            settings::deck_scheduler(&config, deck)
        })?)
    } else {
        None
    };
    let json = JsonSummary::new(&summary, written.is_some());
    let counts = (summary.changed, written);
    let modes = (args.write.json, args.write.dry_run);
    finish(modes, &json, counts, "reschedule", "Rescheduled")
}

/// Refuses a real run of `recall COMMAND` that cannot ask (no terminal, `--plain` or
/// `--json`) and has no `--yes`; then opens the profile's store, or says there is nothing to
/// do when the profile was never used (`None`).
pub(super) fn open(
    command: &str,
    args: &WriteArgs,
    options: &Location,
) -> Result<Option<Store>, Error> {
    let interactive = !args.plain && !args.json && std::io::stdin().is_terminal();
    if !args.dry_run && !args.yes && !interactive {
        return Err(Error::Usage(format!(
            "{command} asks before it writes, and cannot ask here (no terminal, --plain or \
             --json): add --yes to write the new schedule, or --dry-run to see what moves"
        )));
    }
    let Some(mut store) = profile::open_existing(options)? else {
        println!(
            "profile {:?} has no reviews yet; nothing to {command}",
            options.profile
        );
        return Ok(None);
    };
    store.check_now()?;
    Ok(Some(store))
}

/// Whether to write `changes` changes: not a dry run, something changes, and `--yes` or the
/// learner says yes in the terminal.
pub(super) fn agreed(args: &WriteArgs, changes: usize) -> Result<bool, Error> {
    Ok(!args.dry_run && changes > 0 && (args.yes || confirm()?))
}

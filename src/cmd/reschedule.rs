//! `recall reschedule`: every card's state replayed from its log with the settings now in
//! force. Shows first what moves (cards coming back earlier and later, reviews due per day
//! before and after), then writes every new state in one transaction once the learner says
//! yes in the terminal, or at once with `--yes`.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::RescheduleArgs;
use crate::config::profile::Location;
use crate::config::settings::Overrides;
use crate::config::{profile, settings};
use crate::error::Error;
use crate::scheduler::reschedule::{FORECAST_DAYS, summarize};
use crate::ui::reschedule_report::{JsonSummary, confirm, write_summary};

/// Runs `recall reschedule`.
///
/// # Errors
/// Bad settings, decks or `RECALL_NOW`; a real run without `--yes` where nobody can be asked;
/// a store that cannot be read or written (then nothing changed); a closed stdout.
pub fn run(args: &RescheduleArgs, options: &Location) -> Result<ExitCode, Error> {
    let now = crate::env::now().map_err(Error::Usage)?;
    let mut config = settings::effective(options, &Overrides::default())?;
    let interactive = !args.plain && !args.json && std::io::stdin().is_terminal();
    if !args.dry_run && !args.yes && !interactive {
        return Err(Error::Usage(
            "reschedule asks before it writes, and cannot ask here (no terminal, --plain or \
             --json): add --yes to write the new schedule, or --dry-run to see what moves"
                .to_owned(),
        ));
    }
    let Some(mut store) = profile::open_existing(options)? else {
        println!(
            "profile {:?} has no reviews yet; nothing to reschedule",
            options.profile
        );
        return Ok(ExitCode::SUCCESS);
    };
    store.check_now()?;
    settings::apply_fitted(&mut config, &store)?;
    let decks: Option<Vec<String>> = if args.paths.is_empty() {
        None
    } else {
        let loaded = crate::library::load(&args.paths)?;
        Some(loaded.into_iter().map(|l| l.deck.id).collect())
    };
    let moves = store.reschedule_preview(decks.as_deref(), |deck| {
        settings::deck_scheduler(&config, deck)
    })?;
    let summary = summarize(&moves, config.settings.day_clock(), now, FORECAST_DAYS);
    let mut out = std::io::stdout().lock();
    if !args.json {
        write_summary(&mut out, &summary)?;
        out.flush()?;
    }
    let write = !args.dry_run && summary.changed > 0 && (args.yes || confirm()?);
    let written = if write {
        Some(store.reschedule(decks.as_deref(), |deck| {
            settings::deck_scheduler(&config, deck)
        })?)
    } else {
        None
    };
    if args.json {
        let json = JsonSummary::new(&summary, written.is_some());
        let text = serde_json::to_string(&json).map_err(|e| Error::Output(e.into()))?;
        writeln!(out, "{text}")?;
    } else {
        let message = match written {
            Some(n) => format!("Rescheduled {n} card{}.", if n == 1 { "" } else { "s" }),
            None if summary.changed == 0 => "Nothing to reschedule.".to_owned(),
            None if args.dry_run => "Dry run: nothing was written.".to_owned(),
            None => "Nothing was written.".to_owned(),
        };
        writeln!(out, "{message}")?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

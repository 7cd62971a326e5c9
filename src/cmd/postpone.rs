//! `recall postpone`: after a break, at most N reviews due a day, the others moved to the
//! following days, the most stable first. Shows first what moves and what it costs, then
//! writes every new due date in one transaction, as `recall reschedule` does.

use std::io::Write;
use std::process::ExitCode;

use super::reschedule::{agreed, open};
use crate::cli::PostponeArgs;
use crate::config::profile::Location;
use crate::config::settings::{self, Overrides};
use crate::error::Error;
use crate::scheduler::postpone::plan;
use crate::scheduler::reschedule::{FORECAST_DAYS, summarize};
use crate::scheduler::{Scheduler, SchedulerKind};
use crate::ui::postpone_report::{JsonPlan, write_plan};
use crate::ui::reschedule_report::finish;

/// Runs `recall postpone`.
///
/// # Errors
/// Bad settings, decks or `RECALL_NOW`; no limit to keep; a real run without `--yes` where
/// nobody can be asked; a store that cannot be read or written (then nothing changed); a
/// closed stdout.
pub fn run(args: &PostponeArgs, options: &Location) -> Result<ExitCode, Error> {
    let now = crate::env::now()?;
    let mut config = settings::effective(options, &Overrides::default())?;
    let keep = args.keep.unwrap_or(config.reviews_per_day);
    if keep == 0 {
        return Err(Error::Usage(
            "reviews_per_day is 0 in the config: give the reviews to keep a day with --keep N"
                .to_owned(),
        ));
    }
    let keep = usize::try_from(keep).unwrap_or(usize::MAX);
    let Some(mut store) = open("postpone", &args.write, options)? else {
        return Ok(ExitCode::SUCCESS);
    };
    settings::apply_fitted(&mut config, &store)?;
    let scheduler = Scheduler::new(SchedulerKind::Fsrs, config.settings.clone())
        .map_err(|e| Error::Usage(e.to_string()))?;
    let clock = config.settings.day_clock();
    let (keys, cards): (Vec<i64>, Vec<_>) = store
        .postpone_preview(crate::library::deck_ids(&args.paths)?.as_deref())?
        .into_iter()
        .unzip();
    let limits = (keep, config.settings.breaks.as_slice());
    let plan = plan(&cards, limits, scheduler.model(), clock, now);
    let summary = summarize(&plan.apply(&cards), clock, now, FORECAST_DAYS);
    if !args.write.json {
        let mut out = std::io::stdout().lock();
        write_plan(&mut out, &plan, &summary, keep)?;
        out.flush()?;
    }
    let n = plan.postponed.len();
    let written = if agreed(&args.write, n)? {
        let dues: Vec<_> = plan
            .postponed
            .iter()
            .map(|p| (keys[p.index], p.due))
            .collect();
        Some(store.postpone(&dues)?)
    } else {
        None
    };
    let json = JsonPlan::new(&plan, &summary, keep, written.is_some());
    let modes = (args.write.json, args.write.dry_run);
    finish(modes, &json, (n, written), "postpone", "Postponed")
}

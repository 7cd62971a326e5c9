//! `recall break FROM TO`: keeps a holiday free. Shows first which reviews move before and
//! after it and the recall that costs, then writes every new due date in one transaction, as
//! `recall postpone` does, and remembers the break for later scheduling.

use std::process::ExitCode;

use super::reschedule::{agreed, open};
use crate::cli::BreakArgs;
use crate::config::breaks;
use crate::config::profile::Location;
use crate::config::settings::{self, Overrides};
use crate::error::Error;
use crate::scheduler::{breaks::plan, fsrs::Model};
use crate::ui::break_report::{JsonPlan, write_list, write_plan};
use crate::ui::reschedule_report::finish;

/// Runs `recall break`.
///
/// # Errors
/// Bad dates, settings or `RECALL_NOW`; a real run without `--yes` where nobody can be asked;
/// a store or breaks file that cannot be read or written; a closed stdout.
pub fn run(args: &BreakArgs, options: &Location) -> Result<ExitCode, Error> {
    let mut out = std::io::stdout().lock();
    if args.list || args.clear {
        if args.clear {
            breaks::save(options, &[])?;
        }
        write_list(&mut out, &breaks::load(options)?, args.write.json)?;
        return Ok(ExitCode::SUCCESS);
    }
    let now = crate::env::now()?;
    let mut config = settings::effective(options, &Overrides::default())?;
    let clock = config.settings.day_clock();
    let dates = (args.from.unwrap_or_default(), args.to.unwrap_or_default());
    let days = breaks::check(dates, now, clock)?;
    let Some(mut store) = open("break", &args.write, options)? else {
        return Ok(ExitCode::SUCCESS);
    };
    settings::apply_fitted(&mut config, &store)?;
    let (keys, cards): (Vec<i64>, Vec<_>) = store.postpone_preview(None)?.into_iter().unzip();
    let model = Model::new(config.settings.fsrs_parameters);
    let plan = plan(&cards, days, &model, clock, now);
    if !args.write.json {
        write_plan(&mut out, &plan, dates)?;
    }
    let n = plan.moved.len();
    let agreed = agreed(&args.write, n)?;
    let dues: Vec<_> = plan.moved.iter().map(|p| (keys[p.index], p.due)).collect();
    let written = agreed.then(|| store.postpone(&dues)).transpose()?;
    if !args.write.dry_run && (agreed || n == 0) {
        breaks::add(options, dates, clock.day_number(now))?;
    }
    drop(out);
    let json = JsonPlan::new(&plan, dates, written.is_some());
    let modes = (args.write.json, args.write.dry_run);
    finish(modes, &json, (n, written), "move", "Moved")
}

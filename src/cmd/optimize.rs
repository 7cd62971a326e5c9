//! `recall optimize`: fits the FSRS-6 parameters to the profile's study answers, shows how
//! well the defaults, the parameters in use and the fit predict them, and saves the fit for
//! the profile when it predicts better than the parameters in use, or with `--force` (with
//! `--reset`, forgets it).

use std::io::Write;
use std::process::ExitCode;

use crate::cli::OptimizeArgs;
use crate::config::profile::Location;
use crate::config::settings::Overrides;
use crate::config::{profile, settings};
use crate::error::Error;
use crate::optimize::{self, OptimizeError};
use crate::store::FittedParameters;
use crate::ui::fit_report::{JsonFit, Verdict, write_report};

/// Runs `recall optimize`.
///
/// # Errors
/// A config file with problems, a store that cannot be opened or written, or a failure to
/// print. Too few reviews is reported here and gives exit code 1.
pub fn run(args: &OptimizeArgs, options: &Location) -> Result<ExitCode, Error> {
    let now = crate::env::now()?;
    let config = settings::effective(options, &Overrides::default())?;
    let Some(mut store) = profile::open_existing(options)? else {
        return refuse(&format!(
            "profile {:?} has no reviews yet; nothing to fit",
            options.profile
        ));
    };
    store.check_now()?;
    if args.reset {
        let message = if store.clear_fitted_parameters()? {
            "FSRS parameters reset: the scheduler uses the defaults again"
        } else {
            "the scheduler already uses the default FSRS parameters"
        };
        println!("{message}");
        return Ok(ExitCode::SUCCESS);
    }
    let histories = store.study_histories()?;
    let current = store.fitted_parameters()?;
    let in_use = current.as_ref().map(|c| &c.parameters);
    let fit = match optimize::optimize(&histories, config.settings.day_clock(), in_use) {
        Ok(fit) => fit,
        Err(e @ OptimizeError::TooFew { .. }) => return refuse(&e.to_string()),
        Err(e) => return Err(Error::Usage(e.to_string())),
    };
    let verdict = Verdict::of(&fit, args.force);
    if verdict.saved() {
        store.save_fitted_parameters(&FittedParameters {
            parameters: fit.parameters,
            reviews: u64::try_from(fit.reviews).unwrap_or(u64::MAX),
            time: now,
        })?;
    }
    let mut out = std::io::stdout().lock();
    if args.json {
        let text = serde_json::to_string(&JsonFit::new(&fit, &histories, verdict))
            .map_err(|e| Error::Output(e.into()))?;
        writeln!(out, "{text}")?;
    } else {
        write_report(&mut out, &fit, &histories, verdict)?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn refuse(message: &str) -> Result<ExitCode, Error> {
    eprintln!("recall: error: {message}");
    Ok(crate::error::failure())
}

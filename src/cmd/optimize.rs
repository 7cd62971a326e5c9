//! `recall optimize`: fits the FSRS-6 parameters to the profile's study answers, shows how
//! well the defaults, the parameters in use and the fit predict them, and saves the fit for
//! the profile when it predicts better than the parameters in use, or with `--force` (with
//! `--reset`, forgets it).

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use crate::cli::OptimizeArgs;
use crate::config::profile::Location;
use crate::config::settings::Overrides;
use crate::config::{profile, settings};
use crate::error::Error;
use crate::optimize::{self, Fit, Metrics, OptimizeError};
use crate::store::{FittedParameters, StudyHistory};

/// Runs `recall optimize`.
///
/// # Errors
/// A config file with problems, a store that cannot be opened or written, or a failure to
/// print. Too few reviews is reported here and gives exit code 1.
pub fn run(args: &OptimizeArgs, options: &Location) -> Result<ExitCode, Error> {
    let now = crate::env::now().map_err(Error::Usage)?;
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

/// Whether the fit is saved, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    /// Its log-loss is lower than that of the parameters in use.
    Better,
    /// It is not better, and `--force` saved it all the same.
    Forced,
    /// It is not better: the parameters in use stay.
    Kept,
}

impl Verdict {
    fn of(fit: &Fit, force: bool) -> Self {
        match (fit.improves(), force) {
            (true, _) => Verdict::Better,
            (false, true) => Verdict::Forced,
            (false, false) => Verdict::Kept,
        }
    }

    fn saved(self) -> bool {
        self != Verdict::Kept
    }

    /// The reason, for `--json`.
    fn reason(self) -> &'static str {
        match self {
            Verdict::Better => "lower log-loss than the parameters in use",
            Verdict::Forced => "not a lower log-loss than the parameters in use, saved by --force",
            Verdict::Kept => "not a lower log-loss than the parameters in use, which stay",
        }
    }
}

/// `--json`: the figures, with the counts of what the log holds and what became of the fit.
#[derive(Serialize)]
struct JsonFit {
    reviews: usize,
    study_answers: usize,
    cards: usize,
    default: JsonMetrics,
    /// The earlier fit in use; null when the profile uses the defaults.
    current: Option<JsonMetrics>,
    fitted: JsonMetrics,
    parameters: Vec<f64>,
    saved: bool,
    reason: &'static str,
}

#[derive(Serialize)]
struct JsonMetrics {
    log_loss: f64,
    rmse_bins: f64,
}

impl From<Metrics> for JsonMetrics {
    fn from(m: Metrics) -> Self {
        JsonMetrics {
            log_loss: m.log_loss,
            rmse_bins: m.rmse_bins,
        }
    }
}

impl JsonFit {
    fn new(fit: &Fit, histories: &[StudyHistory], verdict: Verdict) -> Self {
        JsonFit {
            reviews: fit.reviews,
            study_answers: histories.iter().map(|h| h.reviews.len()).sum(),
            cards: histories.len(),
            default: fit.default.into(),
            current: fit.current.map(Into::into),
            fitted: fit.fitted.into(),
            parameters: fit.parameters.to_vec(),
            saved: verdict.saved(),
            reason: verdict.reason(),
        }
    }
}

fn write_report(
    out: &mut impl Write,
    fit: &Fit,
    histories: &[StudyHistory],
    verdict: Verdict,
) -> std::io::Result<()> {
    let answers: usize = histories.iter().map(|h| h.reviews.len()).sum();
    writeln!(
        out,
        "Fitted FSRS-6 to {} reviews ({answers} study answers of {} cards).",
        fit.reviews,
        histories.len()
    )?;
    writeln!(out, "parameters  log-loss  RMSE (bins)")?;
    let rows = [
        Some(("default", fit.default)),
        fit.current.map(|m| ("in use", m)),
        Some(("fitted", fit.fitted)),
    ];
    for (name, m) in rows.into_iter().flatten() {
        writeln!(
            out,
            "{name:<10}  {:>8.4}  {:>11.4}",
            m.log_loss, m.rmse_bins
        )?;
    }
    let w: Vec<String> = fit.parameters.iter().map(|w| format!("{w:.4}")).collect();
    writeln!(out, "w0-w20: {}", w.join(", "))?;
    let in_use = if fit.current.is_some() {
        "the parameters fitted before"
    } else {
        "the defaults"
    };
    let (fitted, kept) = (fit.fitted.log_loss, fit.in_use().log_loss);
    match verdict {
        Verdict::Better => writeln!(
            out,
            "Saved for this profile: study and schedule use them from now on \
             (recall optimize --reset goes back to the defaults)."
        ),
        Verdict::Forced => writeln!(
            out,
            "Saved because of --force, although the fit's log-loss {fitted:.4} is not lower \
             than {kept:.4} of {in_use}."
        ),
        Verdict::Kept => writeln!(
            out,
            "Not saved: the fit's log-loss {fitted:.4} is not lower than {kept:.4} of \
             {in_use}, which the profile keeps using (recall optimize --force saves the fit \
             anyway)."
        ),
    }
}

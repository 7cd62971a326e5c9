//! `recall config`: each effective setting, its value and where it came from.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::ConfigArgs;
use crate::config::profile::Location;
use crate::config::settings;
use crate::error::Error;

/// Runs `recall config`.
///
/// # Errors
/// A config file with problems, or a failure to write.
pub fn run(args: &ConfigArgs, options: &Location) -> Result<ExitCode, Error> {
    let mut out = std::io::stdout().lock();
    let path = crate::env::config_file();
    if args.path {
        match &path {
            Some(p) => writeln!(out, "{}", p.display())?,
            None => writeln!(
                out,
                "(no config folder on this system; set {})",
                crate::env::CONFIG_VAR
            )?,
        }
        return Ok(ExitCode::SUCCESS);
    }
    let config = settings::effective(options, &args.overrides.overrides())?;
    let file = path.map_or_else(
        || "(none)".to_owned(),
        |p| {
            let state = if p.exists() { "" } else { " (not created yet)" };
            format!("{}{state}", p.display())
        },
    );
    writeln!(out, "config file: {file}")?;
    writeln!(out, "profile:     {}", options.profile)?;
    let mut rows: Vec<(&str, String, String)> = config
        .rows()
        .into_iter()
        .map(|(k, v, o)| (k, v, o.to_string()))
        .collect();
    rows.push(fsrs_parameters_row(options)?);
    let width = rows.iter().map(|(k, _, _)| k.len()).max().unwrap_or(0);
    let value_width = rows
        .iter()
        .map(|(_, v, _)| v.chars().count())
        .max()
        .unwrap_or(0);
    for (key, value, origin) in rows {
        writeln!(out, "{key:<width$}  {value:<value_width$}  {origin}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Where the FSRS parameters come from: the profile (fitted by `recall optimize`) or the
/// defaults. Creates no profile.
fn fsrs_parameters_row(options: &Location) -> Result<(&'static str, String, String), Error> {
    let fitted = match crate::config::profile::open_existing(options)? {
        Some(store) => store.fitted_parameters()?,
        None => None,
    };
    Ok(match fitted {
        Some(fit) => (
            "fsrs_parameters",
            format!(
                "fitted to {} reviews on {}",
                fit.reviews,
                fit.time.format("%Y-%m-%d")
            ),
            "profile (recall optimize)".to_owned(),
        ),
        None => (
            "fsrs_parameters",
            "FSRS-6 defaults".to_owned(),
            "default".to_owned(),
        ),
    })
}

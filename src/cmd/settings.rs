//! The effective settings of a command: the config file (`RECALL_CONFIG`, else
//! `config.toml` in the platform's config folder), then the flags, and the learner's
//! UTC offset from the system, and the scheduler each deck's cards get from them. The only
//! place that finds the config file.

use std::path::PathBuf;

use crate::cli::{SettingsArgs, StoreOptions};
use crate::config::{self, Origin, StudyConfig};
use crate::error::Error;
use crate::scheduler::{Scheduler, SchedulerKind, SettingsError};
use crate::store::exchange::DeckSchedule;

/// The environment variable naming the config file.
pub const CONFIG_VAR: &str = "RECALL_CONFIG";

/// The config file in use, if any can be named.
#[must_use]
pub fn config_path() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(CONFIG_VAR).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    directories::ProjectDirs::from("", "", "recall").map(|d| d.config_dir().join("config.toml"))
}

/// Reads the config file for the profile (a missing file means defaults) and applies the
/// flags on top.
///
/// # Errors
/// The file cannot be read or has problems (all of them listed).
pub fn effective(options: &StoreOptions, flags: &SettingsArgs) -> Result<StudyConfig, Error> {
    let mut config = match config_path() {
        Some(path) if path.exists() => {
            let text = crate::input_file::read_text(
                &path,
                crate::input_file::limits::CONFIG,
                "config file",
            )?;
            config::parse(&text, &path.display().to_string(), &options.profile).map_err(
                |problems| {
                    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
                    Error::Usage(format!(
                        "the config file has problems:\n{}",
                        lines.join("\n")
                    ))
                },
            )?
        }
        _ => StudyConfig::default(),
    };
    apply_flags(&mut config, flags)?;
    config.settings.utc_offset_minutes = local_offset_minutes();
    Ok(config)
}

fn apply_flags(config: &mut StudyConfig, flags: &SettingsArgs) -> Result<(), Error> {
    if let Some(n) = flags.new {
        config.new_per_day = n;
        config.set_origin("new_per_day", Origin::Flag);
    }
    if let Some(n) = flags.reviews {
        config.reviews_per_day = n;
        config.set_origin("reviews_per_day", Origin::Flag);
    }
    if let Some(r) = flags.retention {
        config.settings = config
            .settings
            .clone()
            .with_retention(r)
            .map_err(|e| Error::Usage(e.to_string()))?;
        config.set_origin("desired_retention", Origin::Flag);
    }
    if let Some(name) = &flags.scheduler {
        config.scheduler = Some(
            name.parse()
                .map_err(|e: crate::scheduler::ParseSchedulerError| Error::Usage(e.to_string()))?,
        );
        config.set_origin("scheduler", Origin::Flag);
    }
    Ok(())
}

/// The system's UTC offset now, in minutes (0 when the zone is unknown).
fn local_offset_minutes() -> i32 {
    chrono::Local::now().offset().local_minus_utc() / 60
}

/// Puts the FSRS parameters fitted to the profile by `recall optimize` into `config`, when
/// there are any, and returns them.
///
/// # Errors
/// The store failed or holds unreadable parameters.
pub fn apply_fitted(
    config: &mut StudyConfig,
    store: &crate::store::Store,
) -> Result<Option<crate::store::FittedParameters>, Error> {
    let fitted = store.fitted_parameters()?;
    if let Some(fit) = &fitted {
        config.settings.fsrs_parameters = fit.parameters;
    }
    Ok(fitted)
}

/// The scheduler kind `recall study` uses for a deck that names `deck_kind`: the one the
/// config file or a flag forces, else the deck's own, else FSRS.
#[must_use]
pub fn scheduler_kind(config: &StudyConfig, deck_kind: Option<SchedulerKind>) -> SchedulerKind {
    config.scheduler.or(deck_kind).unwrap_or_default()
}

/// The scheduler that gives a deck's cards their states with the profile's settings `config`
/// (fitted parameters included, once [`apply_fitted`] put them in): the one `recall study`
/// uses for a deck file, and for a history brought in by `recall import-revlog` the one that
/// import replays it with, FSRS on the calendar the history was lived on.
///
/// # Errors
/// The settings are out of range.
pub fn deck_scheduler(
    config: &StudyConfig,
    deck: &DeckSchedule<'_>,
) -> Result<Scheduler, SettingsError> {
    match deck.calendar {
        Some(calendar) => {
            let mut settings = config.settings.clone();
            settings.day_start_hour = calendar.day_start_hour;
            settings.utc_offset_minutes = calendar.utc_offset_minutes;
            Scheduler::new(SchedulerKind::Fsrs, settings)
        }
        None => Scheduler::new(
            scheduler_kind(config, deck.scheduler),
            config.settings.clone(),
        ),
    }
}

//! The effective settings of a command: the config file (`RECALL_CONFIG`, else
//! `config.toml` in the platform's config folder, as `crate::env` finds it), then the flags,
//! and the learner's UTC offset from the system, and the scheduler each deck's cards get
//! from them.

use crate::config::{self, Origin, StudyConfig};
use crate::error::Error;
use crate::scheduler::{Scheduler, SchedulerKind, SettingsError};
use crate::store::exchange::DeckSchedule;

use crate::config::profile::Location;

/// Settings given on the command line for one run, over the config file's.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    /// New cards per deck per day.
    pub new: Option<u32>,
    /// Reviews per day.
    pub reviews: Option<u32>,
    /// Desired retention.
    pub retention: Option<f64>,
    /// The scheduler for every deck, by name.
    pub scheduler: Option<String>,
}

/// Reads the config file for the profile (a missing file means defaults) and applies the
/// flags on top.
///
/// # Errors
/// The file cannot be read or has problems (all of them listed).
pub fn effective(options: &Location, flags: &Overrides) -> Result<StudyConfig, Error> {
    let mut config = match crate::env::config_file() {
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
    config.settings.utc_offset_minutes = crate::env::local_offset_minutes();
    // Breaks set with `recall break`: every scheduling keeps them free.
    config.settings.breaks = config::breaks::days(&config::breaks::load(options)?);
    Ok(config)
}

fn apply_flags(config: &mut StudyConfig, flags: &Overrides) -> Result<(), Error> {
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

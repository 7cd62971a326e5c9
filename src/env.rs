//! The program's one door to the state outside it: environment variables, the platform's
//! folders and the system clock. Nothing else in the crate reads them; commands take what
//! they need from here and pass it down as plain values.
//!
//! `RECALL_NOW` (RFC 3339) fixes "now" for the whole program, so tests and simulations can
//! travel through days; [`clock`] then stands still (a study session) or moves on from it
//! with the real time elapsed ([`ElapsedClock`], for time limits).

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Instant;

use chrono::{DateTime, Datelike, Utc};

use crate::session::{Clock, FixedClock};

/// The environment variable that fixes "now".
pub const NOW_VAR: &str = "RECALL_NOW";
/// The environment variable naming the config file.
pub const CONFIG_VAR: &str = "RECALL_CONFIG";
/// The environment variable naming the data folder (clap reads it as `--data-dir`).
pub const DATA_DIR_VAR: &str = "RECALL_DATA_DIR";

/// The current instant: `RECALL_NOW` when it is set, else the system clock.
///
/// # Errors
/// A `RECALL_NOW` that is not an RFC 3339 timestamp is a usage error, never silently ignored.
pub fn now() -> Result<DateTime<Utc>, crate::error::Error> {
    let now = match std::env::var(NOW_VAR) {
        Ok(text) => parse_now(&text),
        Err(std::env::VarError::NotPresent) => Ok(Utc::now()),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{NOW_VAR} is not valid UTF-8")),
    };
    now.map_err(crate::error::Error::Usage)
}

/// Whether `RECALL_NOW` fixes "now".
#[must_use]
pub fn now_is_fixed() -> bool {
    std::env::var_os(NOW_VAR).is_some()
}

/// The clock of a study session that began at `now`: standing still at it when
/// `RECALL_NOW` is set, else the system clock.
#[must_use]
pub fn clock(now: DateTime<Utc>) -> Box<dyn Clock> {
    if now_is_fixed() {
        Box::new(FixedClock(now))
    } else {
        Box::new(SystemClock)
    }
}

/// The system clock.
struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that starts at the program's "now" (`RECALL_NOW` or the system clock) and moves on
/// with the real time elapsed since, so a fixed `RECALL_NOW` still lets a time limit run out.
pub struct ElapsedClock {
    start: DateTime<Utc>,
    since: Instant,
}

impl ElapsedClock {
    /// A clock reading `start` now.
    #[must_use]
    pub fn starting_at(start: DateTime<Utc>) -> Self {
        ElapsedClock {
            start,
            since: Instant::now(),
        }
    }
}

impl Clock for ElapsedClock {
    fn now(&self) -> DateTime<Utc> {
        let elapsed = chrono::TimeDelta::from_std(self.since.elapsed()).unwrap_or_default();
        self.start + elapsed
    }
}

/// The system's UTC offset now, in minutes (0 when the zone is unknown).
#[must_use]
pub fn local_offset_minutes() -> i32 {
    chrono::Local::now().offset().local_minus_utc() / 60
}

/// The config file in use, if any can be named: `RECALL_CONFIG`, else `config.toml` in the
/// platform's config folder.
#[must_use]
pub fn config_file() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os(CONFIG_VAR).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

/// The platform's data folder for recall (`~/.local/share/recall` and the like).
#[must_use]
pub fn data_home() -> Option<PathBuf> {
    project_dirs().map(|d| d.data_dir().to_path_buf())
}

/// The platform's cache folder for recall (`~/.cache/recall` and the like).
#[must_use]
pub fn cache_home() -> Option<PathBuf> {
    project_dirs().map(|d| d.cache_dir().to_path_buf())
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "recall")
}

/// The value of `RECALL_DATA_DIR`, if set.
#[must_use]
pub fn data_dir_var() -> Option<OsString> {
    std::env::var_os(DATA_DIR_VAR)
}

/// The learner's editor: `VISUAL`, else `EDITOR`, else `vi`.
#[must_use]
pub fn editor() -> String {
    std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_owned())
}

/// The values of `NO_COLOR` and `TERM`, which decide colour (`ui::paint`).
#[must_use]
pub fn colour_vars() -> (Option<OsString>, Option<OsString>) {
    (std::env::var_os("NO_COLOR"), std::env::var_os("TERM"))
}

/// The values of `TERM`, `KITTY_WINDOW_ID` and `TERM_PROGRAM`, which say whether the
/// terminal may draw pictures (`ui::picture`).
#[must_use]
pub fn graphics_vars() -> [Option<OsString>; 3] {
    ["TERM", "KITTY_WINDOW_ID", "TERM_PROGRAM"].map(std::env::var_os)
}

/// Parses an RFC 3339 timestamp such as `2026-11-26T09:00:00+01:00`.
///
/// # Errors
/// A message naming the variable and the expected form.
pub fn parse_now(text: &str) -> Result<DateTime<Utc>, String> {
    let now = DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            format!("{NOW_VAR}={text:?} is not an RFC 3339 time like 2026-11-26T09:00:00Z ({e})")
        })?;
    // Review times are kept as milliseconds since 1970, and no schedule reaches past 9999.
    if now < DateTime::UNIX_EPOCH || now.year() >= LAST_YEAR {
        return Err(format!(
            "{NOW_VAR}={text:?} is outside the years recall keeps (1970 to {})",
            LAST_YEAR - 1
        ));
    }
    Ok(now)
}

/// The first year past the range "now" may be in.
const LAST_YEAR: i32 = 9000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_offsets_into_utc() {
        let t = parse_now("2026-11-26T09:00:00+01:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-26T08:00:00+00:00");
    }

    #[test]
    fn rejects_times_before_1970_and_in_the_far_future() {
        for text in [
            "1969-12-31T23:59:59Z",
            "0001-01-01T00:00:00Z",
            "9500-01-01T00:00:00Z",
        ] {
            let err = parse_now(text).unwrap_err();
            assert!(
                err.contains("outside the years recall keeps (1970 to 8999)"),
                "{err}"
            );
        }
        assert!(parse_now("1970-01-01T00:00:00Z").is_ok());
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse_now("tomorrow").unwrap_err().contains("RECALL_NOW"));
    }
}

//! Breaks: days the learner keeps free of reviews (a holiday), set with `recall break`.
//!
//! They live in `<data dir>/<profile>.breaks.toml`, one `FROM = "TO"` line per break (dates
//! `YYYY-MM-DD` of the learner's calendar, both days included), next to the profile's
//! database, replaced atomically. Every command's settings carry them (see
//! [`super::settings::effective`]), so the load balancer keeps those days free in study and
//! in every replay of the log.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;

use crate::config::profile::{self, Location};
use crate::error::Error;

/// The longest break accepted, in days.
pub const MAX_DAYS: i64 = 366;

/// One break: its first and last day.
pub type Break = (NaiveDate, NaiveDate);

/// The file of the profile's breaks.
fn file(options: &Location) -> Result<PathBuf, Error> {
    Ok(profile::data_dir(options)?.join(format!("{}.breaks.toml", options.profile)))
}

/// The profile's breaks, earliest first; none when the file does not exist (or there is no
/// data folder).
///
/// # Errors
/// The file cannot be read or is not what recall writes.
pub fn load(options: &Location) -> Result<Vec<Break>, Error> {
    let Ok(path) = file(options) else {
        return Ok(Vec::new());
    };
    if !path.exists() {
        return Ok(Vec::new());
    }
    let text = crate::input_file::read_text(&path, crate::input_file::limits::CONFIG, "breaks")?;
    let bad = |why: String| {
        Error::Usage(format!(
            "{}: {why}; fix or delete the file (it only holds breaks set with `recall break`)",
            path.display()
        ))
    };
    let raw: BTreeMap<String, String> = toml::from_str(&text).map_err(|e| bad(e.to_string()))?;
    let date = |text: &str| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| bad(format!("{text:?} is not a date like 2026-12-24")))
    };
    let mut breaks = Vec::new();
    for (from, to) in &raw {
        let (from, to) = (date(from)?, date(to)?);
        if to < from {
            return Err(bad(format!(
                "the break {from} ends before it begins ({to})"
            )));
        }
        breaks.push((from, to));
    }
    Ok(breaks)
}

/// The breaks as ranges of the learner's day numbers, for the scheduler's settings.
#[must_use]
pub fn days(breaks: &[Break]) -> Vec<(i64, i64)> {
    breaks
        .iter()
        .map(|&(from, to)| (day_of(from), day_of(to)))
        .collect()
}

/// The learner's day number of `date` (days since 1970-01-01).
#[must_use]
pub fn day_of(date: NaiveDate) -> i64 {
    (date - NaiveDate::default()).num_days()
}

/// Writes `breaks` as the profile's breaks (deleting the file when there are none),
/// atomically: the file is always the old or the new one.
///
/// # Errors
/// The file cannot be written or removed.
pub fn save(options: &Location, breaks: &[Break]) -> Result<(), Error> {
    let path = file(options)?;
    if breaks.is_empty() {
        return match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(Error::Io { path, source: e })
            }
            _ => Ok(()),
        };
    }
    let table: BTreeMap<String, String> = breaks
        .iter()
        .map(|(from, to)| (from.to_string(), to.to_string()))
        .collect();
    let body = toml::to_string(&table).map_err(|e| Error::Usage(e.to_string()))?;
    crate::atomic_file::write(&path, |out| {
        out.write_all(b"# Breaks set with `recall break`: first day = last day, kept free.\n")?;
        out.write_all(body.as_bytes())?;
        Ok(())
    })
}

/// Checks a break asked for at `now`: it ends no earlier than it begins, not before today,
/// and lasts at most [`MAX_DAYS`]. Returns its learner's days.
///
/// # Errors
/// The reason, for the learner.
pub fn check(
    (from, to): Break,
    now: chrono::DateTime<chrono::Utc>,
    clock: crate::scheduler::days::DayClock,
) -> Result<(i64, i64), Error> {
    let today = clock.day_number(now);
    let (first, last) = (day_of(from), day_of(to));
    let why = if last < first {
        "it ends before it begins"
    } else if last < today {
        "it is over: give days from today on"
    } else if last - first >= MAX_DAYS {
        "it is longer than a year"
    } else {
        return Ok((first, last));
    };
    Err(Error::Usage(format!("the break {from} to {to}: {why}")))
}

/// Adds the break `(from, to)` to the profile's breaks, forgetting those over before `today`
/// (a learner's day number) and any that began on the same day.
///
/// # Errors
/// The file cannot be read or written.
pub fn add(options: &Location, new: Break, today: i64) -> Result<(), Error> {
    let mut breaks = load(options)?;
    breaks.retain(|&(from, to)| day_of(to) >= today && from != new.0);
    breaks.push(new);
    breaks.sort_unstable();
    save(options, &breaks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn breaks_are_kept_and_forgotten_in_the_profiles_file() {
        let dir = tempfile::tempdir().unwrap();
        let options = Location {
            data_dir: Some(dir.path().to_path_buf()),
            profile: "ann".to_owned(),
        };
        assert_eq!(load(&options).unwrap(), []);
        let today = day_of(date("2026-12-01"));
        let christmas = (date("2026-12-24"), date("2026-12-31"));
        add(
            &options,
            (date("2026-11-01"), date("2026-11-03")),
            today - 40,
        )
        .unwrap();
        add(&options, christmas, today).unwrap();
        // The November break is over: forgotten when the next one is added.
        assert_eq!(load(&options).unwrap(), [christmas]);
        assert_eq!(days(&[christmas]), [(today + 23, today + 30)]);
        let text = std::fs::read_to_string(dir.path().join("ann.breaks.toml")).unwrap();
        assert!(text.contains("2026-12-24 = \"2026-12-31\""), "{text}");
        std::fs::write(
            dir.path().join("ann.breaks.toml"),
            "2026-12-24 = \"soon\"\n",
        )
        .unwrap();
        let message = load(&options).unwrap_err().to_string();
        assert!(message.contains("\"soon\" is not a date"), "{message}");
        save(&options, &[]).unwrap();
        assert!(!dir.path().join("ann.breaks.toml").exists());
    }

    #[test]
    fn a_break_is_checked() {
        let clock = crate::scheduler::days::DayClock::default();
        let now = "2026-12-10T12:00:00Z".parse().unwrap();
        let check = |from: &str, to: &str| check((date(from), date(to)), now, clock);
        assert!(check("2026-12-10", "2026-12-10").is_ok());
        assert!(check("2026-12-01", "2026-12-12").is_ok());
        for (from, to, why) in [
            ("2026-12-20", "2026-12-19", "ends before it begins"),
            ("2026-12-01", "2026-12-09", "is over"),
            ("2026-12-20", "2027-12-21", "longer than a year"),
        ] {
            let message = check(from, to).unwrap_err().to_string();
            assert!(message.contains(why), "{message}");
        }
    }
}

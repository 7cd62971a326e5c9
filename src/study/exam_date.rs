//! Exam dates: reading `--exam DATE` and remembering it per profile and deck until the exam
//! has passed, so that a plain `recall study` keeps aiming at it.
//!
//! The dates live in `<data dir>/<profile>.exams.toml`, one table per deck (its `date`, and
//! `changed`: when it was set or forgotten, so that `recall sync` can take the latest), next
//! to the profile's database (owner-only, replaced atomically). A forgotten date keeps its
//! `changed` alone. A `deck-id = "YYYY-MM-DD"` line, as earlier versions wrote, is read as a
//! date set in 1970. A date is a day of the learner's calendar: the exam is sat when that day
//! begins (at the day-start hour), so the eve is the last day of study.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};

use crate::config::profile;
use crate::config::profile::Location;
use crate::error::Error;
use crate::scheduler::days::DayClock;
use crate::scheduler::exam::ExamDay;

/// What `--exam` asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExamArg {
    /// An exam on this date.
    On(NaiveDate),
    /// Forget the exam date of these decks.
    Off,
}

/// Parses `--exam`: a date `YYYY-MM-DD`, or `off`.
///
/// # Errors
/// Anything else, with the expected form.
pub fn parse_arg(text: &str) -> Result<ExamArg, String> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("off") || t.eq_ignore_ascii_case("none") {
        return Ok(ExamArg::Off);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map(ExamArg::On)
        .map_err(|_| format!("{text:?} is not a date like 2026-12-18 (or `off`)"))
}

/// The learner's day number of `date` (the day that begins on that date at the day-start hour).
#[must_use]
pub fn day_of(date: NaiveDate) -> ExamDay {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    ExamDay((date - epoch).num_days())
}

/// The date of a learner's day number.
#[must_use]
pub fn date_of(day: i64) -> NaiveDate {
    let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap_or_default();
    epoch
        .checked_add_signed(chrono::TimeDelta::days(day))
        .unwrap_or(epoch)
}

/// How far ahead an exam may be: five years (with their leap days). A plan runs day by day
/// up to the exam, so its work grows with the days left.
pub const MAX_DAYS_AHEAD: i64 = 5 * 365 + 2;

/// The exam day of `date`, checked to be after today and at most [`MAX_DAYS_AHEAD`] away.
///
/// # Errors
/// A date today or earlier (the exam has begun or passed), or more than five years away.
pub fn future_day(date: NaiveDate, now: DateTime<Utc>, clock: DayClock) -> Result<ExamDay, Error> {
    let exam = day_of(date);
    let today = clock.day_number(now);
    if exam.0 <= today {
        return Err(Error::Usage(format!(
            "the exam date {date} is not after today ({}): give a date in the future",
            date_of(today)
        )));
    }
    if exam.0 - today > MAX_DAYS_AHEAD {
        return Err(Error::Usage(format!(
            "the exam date {date} is more than five years away: give a date by {}",
            date_of(today + MAX_DAYS_AHEAD)
        )));
    }
    Ok(exam)
}

/// The exam each deck aims at, for `recall study`: `--exam DATE` sets it for `decks` (and
/// remembers it), `--exam off` forgets theirs, and without `--exam` each deck keeps the date
/// remembered for it while that date is still to come. Call [`future_day`] on a date first, so
/// that a past date is refused before anything is written.
///
/// # Errors
/// The file of dates cannot be read or written.
pub fn for_decks(
    arg: Option<ExamArg>,
    options: &Location,
    decks: &[&str],
    now: DateTime<Utc>,
    clock: DayClock,
) -> Result<Vec<Option<(NaiveDate, ExamDay)>>, Error> {
    match arg {
        Some(ExamArg::On(date)) => {
            let day = future_day(date, now, clock)?;
            save(options, decks, Some(date), now)?;
            Ok(vec![Some((date, day)); decks.len()])
        }
        Some(ExamArg::Off) => {
            save(options, decks, None, now)?;
            Ok(vec![None; decks.len()])
        }
        None => {
            let dates = load(options)?;
            let today = clock.day_number(now);
            Ok(decks
                .iter()
                .map(|id| {
                    let date = *dates.get(*id)?;
                    let day = day_of(date);
                    // A date written by an older recall, or by hand, may be farther away.
                    (day.0 > today && day.0 - today <= MAX_DAYS_AHEAD).then_some((date, day))
                })
                .collect())
        }
    }
}

/// What a session aiming at exams says first: the dates, the days left and the new cards a
/// day it takes (`new`) compared with the learner's usual count.
#[must_use]
pub fn notice(exams: &[Option<(NaiveDate, ExamDay)>], today: i64, new: u32, usual: u32) -> String {
    let dates: BTreeSet<(NaiveDate, i64)> = exams
        .iter()
        .flatten()
        .map(|&(date, day)| (date, day.0 - today))
        .collect();
    let when: Vec<String> = dates
        .iter()
        .map(|(date, left)| {
            format!(
                "{date} (in {left} day{})",
                if *left == 1 { "" } else { "s" }
            )
        })
        .collect();
    let new = if new > usual {
        format!("{new} new cards a day to be ready (raised from {usual})")
    } else {
        format!("{new} new cards a day are enough")
    };
    let last = dates
        .iter()
        .any(|&(_, left)| crate::plan::intro::siblings_together(today, ExamDay(today + left)));
    let warning = if last {
        "\nwarning: the exam is too near to spread what is left: every card still new is in \
         today's session, the parts of one card together, and the days left go to reviews"
    } else {
        ""
    };
    format!("Exam on {}: {new}.{warning}", when.join(", "))
}

/// The file of the profile's exam dates.
fn file(options: &Location) -> Result<PathBuf, Error> {
    Ok(profile::data_dir(options)?.join(format!("{}.exams.toml", options.profile)))
}

/// The exam dates of the profile, by deck id; empty when none was ever set.
///
/// # Errors
/// The file cannot be read or is not what recall writes.
pub fn load(options: &Location) -> Result<BTreeMap<String, NaiveDate>, Error> {
    Ok(load_entries(options)?
        .into_iter()
        .filter_map(|(deck, entry)| Some((deck, entry.date?)))
        .collect())
}

/// A deck's exam date as set, or forgotten (`date` none), and when.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ExamEntry {
    /// When it was set or forgotten.
    pub changed: DateTime<Utc>,
    /// The date; `None` when forgotten.
    pub date: Option<NaiveDate>,
}

/// An entry of the file: a date alone (as earlier versions wrote), or a table.
#[derive(serde::Deserialize, serde::Serialize)]
#[serde(untagged)]
enum RawEntry {
    Date(String),
    Entry {
        date: Option<String>,
        changed: String,
    },
}

/// Every entry of the file, forgotten dates included, by deck id.
///
/// # Errors
/// The file cannot be read or is not what recall writes.
pub fn load_entries(options: &Location) -> Result<BTreeMap<String, ExamEntry>, Error> {
    let path = file(options)?;
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(source) => return Err(Error::Io { path, source }),
    };
    let bad = |why: String| {
        Error::Usage(format!(
            "{}: {why}; fix or delete the file (it only holds exam dates)",
            path.display()
        ))
    };
    let raw: BTreeMap<String, RawEntry> = toml::from_str(&text).map_err(|e| bad(e.to_string()))?;
    let date = |text: &str| match parse_arg(text) {
        Ok(ExamArg::On(d)) => Ok(d),
        _ => Err(bad(format!("{text:?} is not a date like 2026-12-18"))),
    };
    raw.into_iter()
        .map(|(deck, raw)| {
            let entry = match raw {
                RawEntry::Date(d) => ExamEntry {
                    changed: DateTime::UNIX_EPOCH,
                    date: Some(date(&d)?),
                },
                RawEntry::Entry { date: d, changed } => ExamEntry {
                    changed: DateTime::parse_from_rfc3339(&changed)
                        .map_err(|_| bad(format!("{changed:?} is not an RFC 3339 time")))?
                        .with_timezone(&Utc),
                    date: d.as_deref().map(date).transpose()?,
                },
            };
            Ok((deck, entry))
        })
        .collect()
}

/// Sets (or with `None` forgets) the exam date of `decks` at `now`, keeping the others.
///
/// # Errors
/// The file cannot be read or written.
pub fn save(
    options: &Location,
    decks: &[&str],
    date: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let mut entries = load_entries(options)?;
    for deck in decks {
        let entry = ExamEntry { changed: now, date };
        entries.insert((*deck).to_owned(), entry);
    }
    save_entries(options, &entries)
}

/// Writes every entry, atomically, so the file is always the old or the new one.
///
/// # Errors
/// The file cannot be written.
pub fn save_entries(
    options: &Location,
    entries: &BTreeMap<String, ExamEntry>,
) -> Result<(), Error> {
    let table: BTreeMap<&str, RawEntry> = entries
        .iter()
        .map(|(deck, e)| {
            let raw = RawEntry::Entry {
                date: e.date.map(|d| d.to_string()),
                changed: e
                    .changed
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
            };
            (deck.as_str(), raw)
        })
        .collect();
    let body = toml::to_string(&table).map_err(|e| Error::Usage(e.to_string()))?;
    // The folder exists: the profile's store was opened first.
    let path = file(options)?;
    crate::atomic_file::write(&path, |out| {
        out.write_all(b"# Exam dates set with `recall study --exam`, by deck id.\n")?;
        out.write_all(body.as_bytes())?;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_dates_and_off() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 18).unwrap();
        assert_eq!(parse_arg("2026-12-18"), Ok(ExamArg::On(d)));
        assert_eq!(parse_arg("off"), Ok(ExamArg::Off));
        for bad in ["18/12/2026", "2026-13-01", "tomorrow", ""] {
            assert!(
                parse_arg(bad).unwrap_err().contains("is not a date"),
                "{bad}"
            );
        }
    }

    #[test]
    fn day_numbers_match_the_learners_calendar() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 18).unwrap();
        let clock = DayClock {
            day_start_hour: 4,
            utc_offset_minutes: 60,
        };
        // The exam day begins at 4 am local time, 3 am UTC.
        let begins = DateTime::parse_from_rfc3339("2026-12-18T03:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(clock.day_start(day_of(d).0), begins);
        assert_eq!(date_of(day_of(d).0), d);
    }

    #[test]
    fn the_notice_names_each_date_once() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 12).unwrap();
        let e = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap();
        let exams = [
            Some((d, day_of(d))),
            None,
            Some((e, day_of(e))),
            Some((d, day_of(d))),
        ];
        let today = day_of(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()).0;
        assert_eq!(
            notice(&exams, today, 34, 20),
            "Exam on 2026-03-03 (in 1 day), 2026-03-12 (in 10 days): 34 new cards a day to be \
             ready (raised from 20).\nwarning: the exam is too near to spread what is left: \
             every card still new is in today's session, the parts of one card together, and \
             the days left go to reviews"
        );
        let in_three = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let near = [Some((in_three, day_of(in_three)))];
        assert!(!notice(&near, today, 20, 20).contains("warning"));
        assert!(notice(&near, today + 1, 20, 20).contains("warning"));
        assert_eq!(
            notice(&exams[..1], today, 20, 20),
            "Exam on 2026-03-12 (in 10 days): 20 new cards a day are enough."
        );
    }

    #[test]
    fn the_exam_must_be_after_today() {
        let clock = DayClock::default();
        let now = DateTime::parse_from_rfc3339("2026-12-18T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let today = NaiveDate::from_ymd_opt(2026, 12, 18).unwrap();
        let message = future_day(today, now, clock).unwrap_err().to_string();
        assert!(
            message.contains("is not after today (2026-12-18)"),
            "{message}"
        );
        assert!(future_day(today.succ_opt().unwrap(), now, clock).is_ok());
        // At 2 am the learner's day is still the 17th: an exam on the 18th is tomorrow.
        let night = DateTime::parse_from_rfc3339("2026-12-18T02:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert!(future_day(today, night, clock).is_ok());
    }

    #[test]
    fn the_exam_must_be_within_five_years() {
        let clock = DayClock::default();
        let now = DateTime::parse_from_rfc3339("2026-12-18T10:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let far = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        let message = future_day(far, now, clock).unwrap_err().to_string();
        assert_eq!(
            message,
            "the exam date 9999-12-31 is more than five years away: give a date by 2031-12-19"
        );
        let last = NaiveDate::from_ymd_opt(2031, 12, 19).unwrap();
        assert!(future_day(last, now, clock).is_ok());
        assert!(future_day(last.succ_opt().unwrap(), now, clock).is_err());
    }
}

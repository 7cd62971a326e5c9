//! What `recall reschedule` shows: how many cards come back earlier and later, the reviews
//! due on each of the coming days before and after, as a table or as one JSON object; and
//! the question asked before anything is written.

use std::io::{self, Write};

use serde::Serialize;

use crate::scheduler::reschedule::Summary;

/// `--json`: the summary as one object.
#[derive(Debug, Serialize)]
pub struct JsonSummary<'a> {
    /// Cards with a state.
    cards: usize,
    /// Cards whose state changes.
    changed: usize,
    /// Cards shown on an earlier day.
    earlier: usize,
    /// Cards shown on a later day.
    later: usize,
    #[serde(flatten)]
    days: JsonDays<'a>,
    /// Whether the new states were written.
    written: bool,
}

/// The days of a summary in a `--json` object.
#[derive(Debug, Serialize)]
pub struct JsonDays<'a> {
    /// The first day of the forecast, YYYY-MM-DD: today in the learner's calendar.
    first_day: String,
    /// Reviews due on each day from `first_day` on, before and after.
    due_before: &'a [usize],
    due_after: &'a [usize],
}

impl<'a> JsonDays<'a> {
    /// The days of `s`.
    #[must_use]
    pub fn new(s: &'a Summary) -> Self {
        JsonDays {
            first_day: s.first_day.format("%Y-%m-%d").to_string(),
            due_before: &s.due_before,
            due_after: &s.due_after,
        }
    }
}

impl<'a> JsonSummary<'a> {
    /// The summary, and whether its states were written.
    #[must_use]
    pub fn new(s: &'a Summary, written: bool) -> Self {
        JsonSummary {
            cards: s.cards,
            changed: s.changed,
            earlier: s.earlier,
            later: s.later,
            days: JsonDays::new(s),
            written,
        }
    }
}

/// Writes the summary as text: the moves, then one line a day.
///
/// # Errors
/// Writing failed.
pub fn write_summary(out: &mut impl Write, s: &Summary) -> io::Result<()> {
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    writeln!(
        out,
        "{} of {} card{} get a new state with the settings in force: {} come{} back later, \
         {} earlier, the others on the same day.",
        s.changed,
        s.cards,
        plural(s.cards),
        s.later,
        if s.later == 1 { "s" } else { "" },
        s.earlier
    )?;
    write_days(out, s)
}

/// Writes the reviews due per day before and after, one line a day, and the totals.
///
/// # Errors
/// Writing failed.
pub fn write_days(out: &mut impl Write, s: &Summary) -> io::Result<()> {
    writeln!(out, "Reviews due per day (overdue ones today):")?;
    write_table(out, s)
}

/// The days of `s`, one line a day with the reviews due before and after, then the totals.
///
/// # Errors
/// Writing failed.
pub fn write_table(out: &mut impl Write, s: &Summary) -> io::Result<()> {
    writeln!(out, "  {:<14}  {:>6}  {:>6}", "day", "before", "after")?;
    let mut day = s.first_day;
    for (before, after) in s.due_before.iter().zip(&s.due_after) {
        writeln!(
            out,
            "  {}  {before:>6}  {after:>6}",
            day.format("%a %Y-%m-%d")
        )?;
        day = day.succ_opt().unwrap_or(day);
    }
    let total = |v: &[usize]| v.iter().sum::<usize>();
    writeln!(
        out,
        "  {:<14}  {:>6}  {:>6}",
        format!("{} days", s.due_before.len()),
        total(&s.due_before),
        total(&s.due_after)
    )
}

/// Asks in the terminal whether to write the new schedule (new states or due dates); `false`
/// unless the learner says yes (Esc and Ctrl-C say no).
///
/// # Errors
/// The terminal failed.
pub fn confirm() -> io::Result<bool> {
    let answer = inquire::Confirm::new("Write the new schedule?")
        .with_default(false)
        .prompt()
        .map(Some);
    Ok(crate::ui::cancel::outcome(answer)?.unwrap_or(false))
}

/// Ends a command that rewrites the schedule (`recall COMMAND`): `json` as one line with
/// `--json` (`as_json`), else what happened, from the cards that change and how many were
/// written: `done` and that number, or why none was (`dry_run`: because it was a dry run).
///
/// # Errors
/// Writing failed.
pub fn finish(
    (as_json, dry_run): (bool, bool),
    json: &impl Serialize,
    (changes, written): (usize, Option<usize>),
    command: &str,
    done: &str,
) -> Result<std::process::ExitCode, crate::error::Error> {
    let mut out = std::io::stdout().lock();
    if as_json {
        let text =
            serde_json::to_string(json).map_err(|e| crate::error::Error::Output(e.into()))?;
        writeln!(out, "{text}")?;
    } else {
        let message = match written {
            Some(n) => format!("{done} {n} card{}.", if n == 1 { "" } else { "s" }),
            None if changes == 0 => format!("Nothing to {command}."),
            None if dry_run => "Dry run: nothing was written.".to_owned(),
            None => "Nothing was written.".to_owned(),
        };
        writeln!(out, "{message}")?;
    }
    out.flush()?;
    Ok(std::process::ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn summary() -> Summary {
        Summary {
            cards: 5,
            changed: 3,
            earlier: 1,
            later: 2,
            first_day: NaiveDate::from_ymd_opt(2026, 3, 9).unwrap(),
            due_before: vec![4, 0, 1],
            due_after: vec![2, 1, 0],
        }
    }

    #[test]
    fn the_table_shows_each_day_and_the_totals() {
        let mut out = Vec::new();
        write_summary(&mut out, &summary()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("3 of 5 cards get a new state"), "{text}");
        assert!(text.contains("2 come back later, 1 earlier"), "{text}");
        assert!(
            text.contains("  Mon 2026-03-09       4       2\n"),
            "{text}"
        );
        assert!(
            text.contains("  Wed 2026-03-11       1       0\n"),
            "{text}"
        );
        assert!(
            text.ends_with("  3 days               5       3\n"),
            "{text}"
        );
    }

    #[test]
    fn the_json_has_every_key() {
        let s = summary();
        let json = serde_json::to_value(JsonSummary::new(&s, true)).unwrap();
        assert_eq!(json["first_day"], "2026-03-09");
        assert_eq!(json["due_after"], serde_json::json!([2, 1, 0]));
        assert_eq!(
            (json["earlier"].as_u64(), json["later"].as_u64()),
            (Some(1), Some(2))
        );
        assert_eq!(json["written"], true);
        assert_eq!(json.as_object().unwrap().len(), 8);
    }
}

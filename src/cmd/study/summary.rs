//! The lines `recall study` prints when a session ends: cards studied, accuracy and time,
//! then the cards due by tomorrow and the streak of days studied.

use std::io::{self, Write};

use chrono::{DateTime, Utc};

use crate::error::Error;
use crate::session::{Session, Summary};
use crate::store::Store;

/// Prints the summary of a session that ended at `now`: `hidden_dues` are the due times of
/// the answered items the session left out (see `study_queue::Planned`).
pub(super) fn print_summary(
    summary: &Summary,
    session: &Session,
    hidden_dues: &[DateTime<Utc>],
    store: &Store,
    days: &crate::scheduler::days::DayClock,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let mut out = io::stdout().lock();
    let today = days.day_number(now);
    let tomorrow_end = days.day_start(today + 2);
    let due_tomorrow = session
        .states
        .iter()
        .flatten()
        .map(|s| s.due)
        .chain(hidden_dues.iter().copied())
        .filter(|&due| due < tomorrow_end)
        .count();
    let shift = i64::from(days.utc_offset_minutes) * 60 - i64::from(days.day_start_hour) * 3600;
    let streak = store.review_streak(shift, today, None, 4000)?;
    let accuracy = match crate::percent::percent(summary.correct, summary.attempted) {
        Some(percent) => format!(
            "{percent}% right ({} of {})",
            summary.correct, summary.attempted
        ),
        None => "no typed or chosen answers".to_owned(),
    };
    // Two short lines rather than one that wraps in an 80-column terminal.
    writeln!(
        out,
        "Studied {} card{} in {}:{:02} · {accuracy}",
        summary.studied,
        if summary.studied == 1 { "" } else { "s" },
        summary.seconds / 60,
        summary.seconds % 60,
    )?;
    writeln!(
        out,
        "Due by tomorrow: {due_tomorrow} · streak: {streak} day{} in a row",
        if streak == 1 { "" } else { "s" },
    )?;
    Ok(())
}

//! What `recall study` tells when a session ends, besides the session's own summary: the
//! cards due by the end of tomorrow and the streak of days studied.

use chrono::{DateTime, Utc};

use crate::error::Error;
use crate::scheduler::days::DayClock;
use crate::session::Session;
use crate::store::Store;

/// The figures after a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outlook {
    /// Items due before tomorrow ends.
    pub due_tomorrow: usize,
    /// Days studied in a row, today included.
    pub streak: u32,
}

/// The outlook after a session that ended at `now`: `hidden_dues` are the due times of the
/// answered items the session left out (see `planner::Planned`).
///
/// # Errors
/// The store failed.
pub fn outlook(
    session: &Session,
    hidden_dues: &[DateTime<Utc>],
    store: &Store,
    days: &DayClock,
    now: DateTime<Utc>,
) -> Result<Outlook, Error> {
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
    Ok(Outlook {
        due_tomorrow,
        streak,
    })
}

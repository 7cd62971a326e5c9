//! What an exam date changes in the plan: the due times of a deck's answered items, moved
//! towards the exam, and the new cards per deck allowed today.

use chrono::{DateTime, Utc};

use super::PlanError;
use super::cards::Cards;
use super::pick::visible;
use crate::plan::intro;
use crate::scheduler::Scheduler;
use crate::store::{QueueRow, Store};

/// Adds to `rows` (the deck's rows due before `day_end`) every answered row of deck `key`
/// due from `day_end` on, then moves the due time of each row as `scheduler`'s exam does
/// (`Scheduler::exam_due`).
pub(super) fn read_moved(
    store: &Store,
    key: i64,
    day_end: DateTime<Utc>,
    scheduler: &Scheduler,
    rows: &mut Vec<QueueRow>,
) -> Result<(), PlanError> {
    store.queue_due_from(key, day_end, |row| {
        rows.push(row);
        Ok::<_, PlanError>(true)
    })?;
    for row in rows {
        if let Some(state) = row.state.as_mut() {
            state.due = scheduler.exam_due(state);
        }
    }
    Ok(())
}

/// With an exam on any deck: the new cards per deck allowed today, the most any deck with an
/// exam needs to introduce all its unstudied items in time (`plan::intro`; one limit serves
/// every deck of the session), never below the usual count. `None` without an exam.
pub(super) fn exam_new_per_day(
    store: &Store,
    keys: &[i64],
    schedulers: &[Scheduler],
    cards: &mut Cards<'_>,
    today: &crate::session::queue::Today,
    config: &crate::config::StudyConfig,
    now: DateTime<Utc>,
) -> Result<Option<u32>, PlanError> {
    let day = config.settings.day_clock().day_number(now);
    let mut most = None;
    for (d, scheduler) in schedulers.iter().enumerate() {
        let Some(exam) = scheduler.exam() else {
            continue;
        };
        let mut rows = Vec::new();
        store.queue_new(keys[d], |row| {
            if visible(&row, now) {
                rows.push(row.ord);
            }
            Ok::<_, PlanError>(true)
        })?;
        let mut unstudied = 0;
        for ord in rows {
            if cards.wanted(d, ord)? {
                unstudied += 1;
            }
        }
        let done = today.new_done.get(&d).copied().unwrap_or(0) as usize;
        let needed = intro::new_per_day(unstudied + done, day, exam, config.new_per_day);
        most = Some(most.map_or(needed, |m: u32| m.max(needed)));
    }
    Ok(most)
}

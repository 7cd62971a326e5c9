//! What an exam date changes in the plan: the due times of a deck's answered items, moved
//! towards the exam, the new cards per deck allowed today, and whether a card's new
//! siblings may come together.

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::PlanError;
use super::cards::Cards;
use super::pick::visible;
use super::rows::Rows;
use crate::plan::intro;
use crate::scheduler::Scheduler;
use crate::store::QueueRow;

/// Adds to `due` (the rows of deck `d` due before `day_end`) every answered row of the deck
/// due from `day_end` on, then moves the due time of each row as `scheduler`'s exam does
/// (`Scheduler::exam_due`).
pub(super) fn read_moved(
    rows: &Rows<'_>,
    d: usize,
    day_end: DateTime<Utc>,
    scheduler: &Scheduler,
    due: &mut Vec<QueueRow>,
) -> Result<(), PlanError> {
    rows.due_from(d, day_end, |row| {
        due.push(row);
        Ok(true)
    })?;
    for row in due {
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
    rows: &Rows<'_>,
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
        let mut ords = Vec::new();
        rows.new_items(d, |row| {
            if visible(&row, now) {
                ords.push(row.ord);
            }
            Ok(true)
        })?;
        let mut unstudied = 0;
        for ord in ords {
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

/// The decks whose new siblings may come on the same day today: those whose exam is near
/// enough that every card left must be introduced now (`plan::intro::siblings_together`).
pub(super) fn together(schedulers: &[Scheduler], today: i64) -> HashSet<usize> {
    schedulers
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.exam()
                .is_some_and(|exam| intro::siblings_together(today, exam))
        })
        .map(|(d, _)| d)
        .collect()
}

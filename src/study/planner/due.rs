//! The answered items of the queue: those due before the day ends, which the session
//! asks, and the one due soonest after it, which keeps "next due" right (with the due
//! times of the others within a week, for the summary).

use std::collections::HashSet;

use chrono::{DateTime, Utc};

use super::cards::Cards;
use super::exam;
use super::pick::{Pick, group, pick};
use super::rows::Rows;
use super::{DueIn, PlanError};
use crate::scheduler::{Phase, Scheduler};
use crate::store::QueueRow;

/// The answered items due today, and what the later steps need of the rest.
pub(super) struct DueToday {
    /// The wanted items due before the day ends.
    pub picks: Vec<Pick>,
    /// Groups with an answered item due today.
    pub busy_groups: HashSet<usize>,
    /// Per deck under an exam: its answered rows due after today, by due time (with the
    /// due times the exam moved), for [`soonest_after`].
    pub exam_later: Vec<Vec<QueueRow>>,
}

/// Answered items due before the day ends (`day_end`), per deck (`keys`).
pub(super) fn due_today(
    rows: &Rows<'_>,
    schedulers: &[Scheduler],
    offsets: &[usize],
    cards: &mut Cards<'_>,
    day_end: DateTime<Utc>,
) -> Result<DueToday, PlanError> {
    // Answered items due before the day ends. Under an exam a stored due day may move either
    // way (`Scheduler::exam_due`), so every answered row of that deck is read, its due time
    // moved, and those due after today kept for the next-due figures below.
    let mut picks = Vec::new();
    let mut busy_groups = HashSet::new();
    let mut exam_later: Vec<Vec<QueueRow>> = vec![Vec::new(); schedulers.len()];
    for d in 0..schedulers.len() {
        let mut due = rows.due_before(d, day_end)?;
        if schedulers[d].exam().is_some() {
            exam::read_moved(rows, d, day_end, &schedulers[d], &mut due)?;
        }
        for row in due {
            let answered = row.state.as_ref().is_some_and(|s| s.phase != Phase::New);
            let due_today = row.state.as_ref().is_some_and(|s| s.due < day_end);
            if answered && due_today {
                if cards.wanted(d, row.ord)? {
                    let pick = pick(d, row)?;
                    busy_groups.insert(group(offsets, &pick));
                    picks.push(pick);
                }
            } else if answered {
                exam_later[d].push(row);
            }
        }
        exam_later[d].sort_by_key(|r| (r.state.as_ref().map(|s| s.due), r.ord));
    }
    Ok(DueToday {
        picks,
        busy_groups,
        exam_later,
    })
}

/// When the answered item due soonest after the day (`day_end`) is due, with its deck, and
/// the due times of those due before `horizon`.
pub(super) fn soonest_after(
    rows: &Rows<'_>,
    schedulers: &[Scheduler],
    cards: &mut Cards<'_>,
    mut exam_later: Vec<Vec<QueueRow>>,
    day_end: DateTime<Utc>,
    horizon: DateTime<Utc>,
) -> Result<(Option<DueIn>, Vec<DateTime<Utc>>), PlanError> {
    // The item due soonest after the day keeps "next due" right; those due within a week
    // are counted in the summary. None of them is asked today.
    let mut soonest: Option<DueIn> = None;
    let mut hidden_dues = Vec::new();
    for d in 0..schedulers.len() {
        let mut first: Option<DateTime<Utc>> = None;
        let mut visit = |row: QueueRow| {
            let Some(due) = row.state.as_ref().map(|s| s.due) else {
                return Ok(true);
            };
            if first.is_some() && due >= horizon {
                return Ok(false);
            }
            if !cards.wanted(d, row.ord)? {
                return Ok(true);
            }
            if due < horizon {
                hidden_dues.push(due);
            }
            first.get_or_insert(due);
            Ok(true)
        };
        if schedulers[d].exam().is_some() {
            for row in std::mem::take(&mut exam_later[d]) {
                if !visit(row)? {
                    break;
                }
            }
        } else {
            rows.due_from(d, day_end, visit)?;
        }
        if let Some(due) = first
            && soonest.is_none_or(|at| (due, d) < at)
        {
            soonest = Some((due, d));
        }
    }
    Ok((soonest, hidden_dues))
}

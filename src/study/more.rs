//! What `recall study` offers when nothing is due: today's plan again with the new-card
//! limit raised for this run only (nothing is saved).

use chrono::{DateTime, Utc};

use super::Options;
use super::planner::{PlanError, Planned, plan};
use crate::config::StudyConfig;
use crate::error::Error;
use crate::library::LoadedDeck;
use crate::scheduler::exam::ExamDay;
use crate::store::Store;

/// How many more new cards per deck a learner is offered at a time.
pub const MORE_NEW: u32 = 10;

/// A session of more new cards.
pub struct MoreNew {
    /// Today's plan under the raised limit.
    pub planned: Planned,
    /// The raised new-card limit, per deck per day.
    pub new_per_day: u32,
    /// The new cards it would ask (0: none is left for today).
    pub count: usize,
}

/// Plans today's session again with a new-card limit [`MORE_NEW`] above the most new cards
/// any deck introduced today (or the limit in force, when higher).
///
/// # Errors
/// The plan failed, as [`plan_error`] words it.
pub fn more_new(
    decks: &[LoadedDeck],
    store: &mut Store,
    config: &StudyConfig,
    args: &Options,
    now: DateTime<Utc>,
    exams: &[Option<ExamDay>],
) -> Result<MoreNew, Error> {
    let days = config.settings.day_clock();
    let (today, _) =
        crate::study::today::today(store, decks, days.day_start(days.day_number(now)))?;
    let done = today.new_done.values().copied().max().unwrap_or(0);
    let new_per_day = config.new_per_day.max(done).saturating_add(MORE_NEW);
    let raised = StudyConfig {
        new_per_day,
        ..config.clone()
    };
    let planned =
        plan(decks, store, &raised, args, now, exams, None).map_err(|e| plan_error(e, decks))?;
    let count = planned.session.queue.counts().new;
    Ok(MoreNew {
        planned,
        new_per_day,
        count,
    })
}

/// A failed plan as the learner is told it.
pub fn plan_error(e: PlanError, decks: &[LoadedDeck]) -> Error {
    match e {
        PlanError::Failed(e) => e,
        PlanError::Damaged(d) => Error::Usage(format!(
            "the progress of deck \"{}\" does not agree with its file; run `recall study` again",
            decks[d].deck.id
        )),
    }
}

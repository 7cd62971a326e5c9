//! The study mode: what `recall study` does around [`crate::session::Session::run`]. It
//! plans today's queue from the decks and the store ([`planner`]), records every answer as
//! it is given ([`journal`]), counts what was already done today ([`today`]), reloads a
//! card its learner edited ([`edit`]), offers more new cards when nothing is due ([`more`])
//! and remembers exam dates ([`exam_date`]).
//!
//! It never prints, reads the environment or the clock, and never sees the command line:
//! the command layer (`cmd::study`) settles [`Options`] and the configuration, and renders
//! what comes back.

use std::path::PathBuf;

use chrono::{DateTime, Utc};

use crate::config::StudyConfig;
use crate::error::Error;
use crate::library::LoadedDeck;
use crate::library::intake::Intakes;
use crate::scheduler::exam::ExamDay;
use crate::session::{Clock, Prompter, Session, StudyMode, Summary};
use crate::store::Store;
use journal::StoreJournal;
use planner::{PlanError, Planned, plan};

pub mod edit;
pub mod exam_date;
pub mod journal;
pub mod more;
pub mod planner;
pub mod summary;
pub mod today;

#[cfg(test)]
mod tests;

/// What a learner asked of one study session.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Options {
    /// Deck files or folders (none: the default decks).
    pub paths: Vec<PathBuf>,
    /// Stop after this many cards.
    pub limit: Option<usize>,
    /// Stop after the card in progress once this many minutes have passed.
    pub minutes: Option<f64>,
    /// Only cards with one of these tags (none: every card).
    pub tags: Vec<String>,
    /// How to ask the cards.
    pub mode: StudyMode,
}

/// Today's plan. When the cache of a deck disagrees with the store, that deck's file is
/// parsed and synced again (`decks` are loaded anew) and the plan made once more.
///
/// # Errors
/// The decks, the store or the settings failed, worded for the learner.
pub fn plan_today(
    decks: &mut Vec<LoadedDeck>,
    (store, cache): (&mut Store, &crate::library::DeckCache),
    intakes: &mut Intakes,
    config: &StudyConfig,
    options: &Options,
    now: DateTime<Utc>,
    exam_days: &[Option<ExamDay>],
) -> Result<Planned, Error> {
    let planned = match plan(decks, store, config, options, now, exam_days, Some(intakes)) {
        Ok(planned) => Ok(planned),
        // A cache entry that disagrees with the store: parse the file and sync it again.
        Err(PlanError::Damaged(d)) => {
            intakes.wait()?;
            if let Some(cached) = &decks[d].cached {
                cached.cards.forget();
            }
            store.unsync_deck(&decks[d].deck.id)?;
            *decks = crate::library::load_cached(&options.paths, store, cache)?;
            plan(decks, store, config, options, now, exam_days, None)
        }
        Err(e) => Err(e),
    };
    planned.map_err(|e| more::plan_error(e, decks))
}

/// Asks `session` through `prompter` until it ends, saving every answer in `store` once the
/// `intakes` are written; the summary's ending says whether the learner asked to edit a
/// card.
///
/// # Errors
/// An answer could not be saved, or the terminal failed.
pub fn answer(
    session: &mut Session,
    prompter: &mut dyn Prompter,
    (store, intakes): (&mut Store, &mut Intakes),
    clock: &dyn Clock,
) -> Result<Summary, Error> {
    let mut journal = StoreJournal {
        store,
        intakes: Some(intakes),
    };
    Ok(session.run(prompter, &mut journal, clock)?)
}

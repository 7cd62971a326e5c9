//! `recall study`: today's queue of the chosen decks, asked in the terminal (or in plain
//! lines), every answer saved the moment it is given.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use chrono::{DateTime, Utc};

use super::exam_date::{self, ExamArg};
use super::journal::StoreJournal;
use super::study_queue::{PlanError, Planned, plan};
use super::{profile, settings, study_more};
use crate::cli::{StoreOptions, StudyArgs};
use crate::config::StudyConfig;
use crate::error::Error;
use crate::library::Intakes;
use crate::library::{self as decks, LoadedDeck};
use crate::scheduler::exam::ExamDay;
use crate::session::{Clock, Ending, FixedClock, Prompter, Session, Summary};
use crate::store::Store;
use crate::ui::more::{self, More};

mod edit;
mod prompter;
mod summary;
mod today;

use prompter::new_prompter;
use summary::print_summary;
pub(super) use today::today;

/// The length of the write-ahead log from which a session empties it on another thread
/// while the first question is shown (see `store::checkpoint`)...
const LOG_BEHIND: u64 = 1 << 20;
/// ...this long after the plan is made: the question is on screen within milliseconds,
/// and the learner takes longer than this to answer.
const COPY_AFTER: std::time::Duration = std::time::Duration::from_millis(200);

/// The system clock: the only place a session's time comes from when `RECALL_NOW` is unset.
struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Runs `recall study`.
///
/// # Errors
/// Bad decks, settings or arguments; a store that cannot be opened or written.
pub fn run(args: &StudyArgs, options: &StoreOptions) -> Result<ExitCode, Error> {
    crate::hangup::guard_interrupts();
    let now = crate::time::now().map_err(Error::Usage)?;
    let fixed = std::env::var_os(crate::time::NOW_VAR).is_some();
    let mut config = settings::effective(options, &args.overrides)?;
    let clock_days = config.settings.day_clock();
    if let Some(ExamArg::On(date)) = args.exam {
        // Refused before anything is written.
        exam_date::future_day(date, now, clock_days)?;
    }
    let mut store = profile::open_for_answers(options)?;
    settings::apply_fitted(&mut config, &store)?;
    // Until the first answer, every write can be made again from the deck files; a large
    // deck taken in is copied from the log into the file behind the first question.
    store.set_launching(true)?;
    // A deck file new to the cache is taken in on another thread while the first question
    // is asked; whatever writes waits for it.
    let cache = profile::deck_cache(options);
    let (mut decks, mut intakes) = decks::load_sending(&args.paths, &mut store, &cache)?;
    let exams = {
        let ids: Vec<&str> = decks.iter().map(|d| d.deck.id.as_str()).collect();
        exam_date::for_decks(args.exam, options, &ids, now, clock_days)?
    };
    let exam_days: Vec<Option<ExamDay>> = exams.iter().map(|e| e.map(|(_, day)| day)).collect();
    let Planned {
        mut session,
        hidden_dues,
        exam_new,
    } = plan_today(
        &mut decks,
        (&mut store, &cache),
        &mut intakes,
        &config,
        args,
        now,
        &exam_days,
    )?;
    intakes.release();
    // Damage inside the file is looked for while the first question is on screen; the first
    // write waits for the verdict.
    store.check_behind();
    store.set_launching(false)?;
    let _copy = store.checkpoint_behind(LOG_BEHIND, COPY_AFTER);
    if let Some(new) = exam_new {
        let today = clock_days.day_number(now);
        eprintln!(
            "{}",
            exam_date::notice(&exams, today, new, config.new_per_day)
        );
    }
    let clock: Box<dyn Clock> = if fixed {
        Box::new(FixedClock(now))
    } else {
        Box::new(SystemClock)
    };
    let plain = args.plain || !io::stdin().is_terminal();
    let mut prompter = new_prompter(plain);
    let summary = study(
        &mut session,
        prompter.as_mut(),
        (&mut store, &mut intakes),
        &decks,
        args,
        &*clock,
    )?;
    drop(prompter);
    intakes.wait()?;
    let mut last = (summary, session, hidden_dues);
    let mut hint = None;
    if last.0.ending == Ending::Finished && last.0.studied == 0 {
        // Nothing was due: offer more new cards or a cram.
        let more =
            study_more::more_new(&decks, &mut store, &config, args, clock.now(), &exam_days)?;
        if plain {
            hint = Some(study_more::plain_hint(args, options, &more));
        } else {
            match more::ask(more.count)? {
                More::Quit => {}
                More::LearnNew => {
                    last = learn_more(more.planned, &mut store, &decks, args, &*clock)?;
                }
                More::Cram => {
                    drop(store);
                    return super::cram::run(&study_more::cram_args(args), options);
                }
            }
        }
    }
    let (summary, session, hidden_dues) = last;
    print_summary(
        &summary,
        &session,
        &hidden_dues,
        &store,
        &clock_days,
        clock.now(),
    )?;
    if let Some(line) = hint {
        writeln!(io::stdout().lock(), "{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Today's plan. When the cache of a deck disagrees with the store, that deck's file is
/// parsed and synced again (`decks` are loaded anew) and the plan made once more.
fn plan_today(
    decks: &mut Vec<LoadedDeck>,
    (store, cache): (&mut Store, &crate::library::DeckCache),
    intakes: &mut Intakes,
    config: &StudyConfig,
    args: &StudyArgs,
    now: DateTime<Utc>,
    exam_days: &[Option<ExamDay>],
) -> Result<Planned, Error> {
    let planned = match plan(decks, store, config, args, now, exam_days, Some(intakes)) {
        Ok(planned) => Ok(planned),
        // A cache entry that disagrees with the store: parse the file and sync it again.
        Err(PlanError::Damaged(d)) => {
            intakes.wait()?;
            if let Some(cached) = &decks[d].cached {
                cached.cards.forget();
            }
            store.unsync_deck(&decks[d].deck.id)?;
            *decks = decks::load_cached(&args.paths, store, cache)?;
            plan(decks, store, config, args, now, exam_days, None)
        }
        Err(e) => Err(e),
    };
    planned.map_err(|e| study_more::plan_error(e, decks))
}

/// Runs the session of more new cards the learner chose in the terminal; returns its
/// summary, the session and its hidden due times, for the summary lines.
fn learn_more(
    planned: Planned,
    store: &mut Store,
    decks: &[LoadedDeck],
    args: &StudyArgs,
    clock: &dyn Clock,
) -> Result<(Summary, Session, Vec<DateTime<Utc>>), Error> {
    let Planned {
        mut session,
        hidden_dues,
        ..
    } = planned;
    let mut prompter = new_prompter(false);
    let mut none = Intakes::default();
    let summary = study(
        &mut session,
        prompter.as_mut(),
        (store, &mut none),
        decks,
        args,
        clock,
    )?;
    Ok((summary, session, hidden_dues))
}

/// Runs `session` to its end, opening the deck file in an editor whenever the learner asks;
/// nothing is written to `store` before the `intakes` are done.
fn study(
    session: &mut Session,
    prompter: &mut dyn Prompter,
    (store, intakes): (&mut Store, &mut Intakes),
    decks: &[LoadedDeck],
    args: &StudyArgs,
    clock: &dyn Clock,
) -> Result<Summary, Error> {
    loop {
        let mut journal = StoreJournal {
            store,
            intakes: Some(&mut *intakes),
        };
        let summary = session
            .run(prompter, &mut journal, clock)
            .map_err(super::practice::failed)?;
        match summary.ending {
            Ending::Edit(key) => {
                intakes.wait()?;
                edit::edit(session, key, decks, store, &args.tags)?;
            }
            _ => return Ok(summary),
        }
    }
}

#[cfg(test)]
mod tests;

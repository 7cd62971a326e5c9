//! `recall study`: today's queue of the chosen decks, asked in the terminal (or in plain
//! lines), every answer saved the moment it is given. The study mode (`crate::study`) plans
//! and records; this module settles the options, opens the editor and prints.

use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

use chrono::{DateTime, Utc};

use crate::cli::StudyArgs;
use crate::config::profile::{self, Location};
use crate::config::settings;
use crate::error::Error;
use crate::library::{self as decks, Intakes, LoadedDeck};
use crate::scheduler::exam::ExamDay;
use crate::session::{Clock, Ending, Prompter, Session, Summary};
use crate::store::Store;
use crate::study::edit::Reloaded;
use crate::study::exam_date::{self, ExamArg};
use crate::study::planner::Planned;
use crate::study::{self, Options, more};
use crate::ui::more::{self as offer, More};
use crate::ui::prompters::study_prompter;

/// The length of the write-ahead log from which a session empties it on another thread
/// while the first question is shown (see `store::checkpoint`)...
const LOG_BEHIND: u64 = 1 << 20;
/// ...this long after the plan is made: the question is on screen within milliseconds,
/// and the learner takes longer than this to answer.
const COPY_AFTER: std::time::Duration = std::time::Duration::from_millis(200);

/// The answers whose mean time estimates a session's minutes: the learner's recent pace.
const RECENT_ANSWERS: u32 = 500;

/// Runs `recall study`.
///
/// # Errors
/// Bad decks, settings or arguments; a store that cannot be opened or written.
pub fn run(args: &StudyArgs, location: &Location) -> Result<ExitCode, Error> {
    crate::hangup::guard_interrupts();
    let now = crate::env::now()?;
    let options = args.options();
    let mut config = settings::effective(location, &args.overrides.overrides())?;
    let clock_days = config.settings.day_clock();
    if let Some(ExamArg::On(date)) = args.exam {
        // Refused before anything is written.
        exam_date::future_day(date, now, clock_days)?;
    }
    let mut store = profile::open_for_answers(location)?;
    if let Some(dir) = &config.sync_dir {
        let synced = crate::sync::run(dir, &mut store, location, now);
        crate::ui::sync_report::warn(dir, &synced);
    }
    settings::apply_fitted(&mut config, &store)?;
    // Until the first answer, every write can be made again from the deck files; a large
    // deck taken in is copied from the log into the file behind the first question.
    store.set_launching(true)?;
    // A deck file new to the cache is taken in on another thread while the first question
    // is asked; whatever writes waits for it.
    let cache = profile::deck_cache(location);
    let (mut decks, mut intakes) = decks::load_sending(&options.paths, &mut store, &cache)?;
    let exams = {
        let ids: Vec<&str> = decks.iter().map(|d| d.deck.id.as_str()).collect();
        exam_date::for_decks(args.exam, location, &ids, now, clock_days)?
    };
    let exam_days: Vec<Option<ExamDay>> = exams.iter().map(|e| e.map(|(_, day)| day)).collect();
    let Planned {
        mut session,
        hidden_dues,
        exam_new,
    } = study::plan_today(
        &mut decks,
        (&mut store, &cache),
        &mut intakes,
        &config,
        &options,
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
    let clock = crate::env::clock(now);
    let plain = args.plain || !io::stdin().is_terminal();
    let titles: Vec<&str> = decks.iter().map(|d| d.deck.title.as_str()).collect();
    let pace = store.recent_answer_seconds(RECENT_ANSWERS)?;
    if let Some(preview) = study::summary::preview(&session, &titles, pace, now) {
        let line = crate::ui::closing::opening(&preview);
        if plain {
            println!("{line}");
        } else {
            eprintln!("{}", crate::ui::wrap::fitted(line, false, &io::stderr()));
        }
    }
    let mut prompter = study_prompter(plain, args.images.wanted(config.images));
    let summary = study(
        &mut session,
        prompter.as_mut(),
        (&mut store, &mut intakes),
        &decks,
        &options,
        &*clock,
    )?;
    drop(prompter);
    intakes.wait()?;
    let mut last = (summary, session, hidden_dues);
    let mut hint = None;
    if last.0.ending == Ending::Finished && last.0.studied == 0 {
        // Nothing was due: offer more new cards or a cram.
        let more = more::more_new(
            &decks,
            &mut store,
            &config,
            &options,
            clock.now(),
            &exam_days,
        )?;
        if plain {
            hint = Some(crate::cli::again::plain_hint(args, location, &more));
        } else {
            match offer::ask(more.count)? {
                More::Quit => {}
                More::LearnNew => {
                    last = learn_more(more.planned, &mut store, &decks, &options, &*clock)?;
                }
                More::Cram => {
                    drop(store);
                    let cram = crate::cli::again::cram_args(args);
                    return super::cram::run(&cram, location);
                }
            }
        }
    }
    let (summary, session, hidden_dues) = last;
    if let Some(dir) = &config.sync_dir {
        let written = crate::sync::write_only(dir, &mut store, location, clock.now());
        crate::ui::sync_report::warn(dir, &written.map(crate::sync::Outcome::of_write));
    }
    let outlook =
        study::summary::outlook(&session, &hidden_dues, &store, &clock_days, clock.now())?;
    let mut out = io::stdout().lock();
    write!(out, "{}", crate::ui::closing::lines(&summary, outlook))?;
    if let Some(line) = hint {
        writeln!(out, "{line}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Runs the session of more new cards the learner chose in the terminal; returns its
/// summary, the session and its hidden due times, for the summary lines.
fn learn_more(
    planned: Planned,
    store: &mut Store,
    decks: &[LoadedDeck],
    options: &Options,
    clock: &dyn Clock,
) -> Result<(Summary, Session, Vec<DateTime<Utc>>), Error> {
    let Planned {
        mut session,
        hidden_dues,
        ..
    } = planned;
    let mut prompter = study_prompter(false, true);
    let mut none = Intakes::default();
    let summary = study(
        &mut session,
        prompter.as_mut(),
        (store, &mut none),
        decks,
        options,
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
    options: &Options,
    clock: &dyn Clock,
) -> Result<Summary, Error> {
    loop {
        let summary = study::answer(session, prompter, (&mut *store, &mut *intakes), clock)?;
        let Ending::Edit(key) = summary.ending else {
            return Ok(summary);
        };
        intakes.wait()?;
        let Some((path, line)) = study::edit::place(session, key, decks) else {
            eprintln!("The built-in deck cannot be edited; copy it into ./decks to change it.");
            continue;
        };
        let editor = crate::env::editor();
        let mut parts = editor.split_whitespace();
        let program = parts.next().unwrap_or("vi");
        let status = std::process::Command::new(program)
            .args(parts)
            .arg(format!("+{line}"))
            .arg(&path)
            .status();
        if let Err(e) = status {
            eprintln!("Could not start the editor {editor:?}: {e}");
            continue;
        }
        if let Reloaded::Errors(diagnostics) =
            study::edit::reload(session, key, decks, store, &options.tags)?
        {
            for d in diagnostics {
                eprintln!("{d}");
            }
            eprintln!("The deck has errors now; the card is kept as it was.");
        }
    }
}

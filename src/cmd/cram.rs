//! `recall cram`: practise the chosen cards now, due or not, in rounds until each was
//! answered right once; the filters (`--weakest`, `--due-within`, `--new`, `--lapses`,
//! `--recall-below`) are `quiz::select`'s.

use std::io::{self, Write};
use std::process::ExitCode;

use rand::RngExt;

use crate::cli::CramArgs;
use crate::config::profile::Location;
use crate::config::settings::Overrides;
use crate::config::{profile, settings};
use crate::env::ElapsedClock;
use crate::error::Error;
use crate::library as decks;
use crate::quiz::gather;
use crate::quiz::run_cram;
use crate::quiz::select::{CramFilter, select};
use crate::quiz::weakest::predicted_recall;
use crate::scheduler::Scheduler;
use crate::study::journal::StoreJournal;
use crate::ui::quiz_render::cram_text;

/// The predicted recall now of each of `items` (whose decks are `deck_of`), by the scheduler
/// its deck uses.
fn recall_now(
    decks: &[decks::LoadedDeck],
    config: &crate::config::StudyConfig,
    items: &[crate::quiz::QuizItem],
    deck_of: &[usize],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<f64>, Error> {
    let schedulers = decks
        .iter()
        .map(|d| {
            let named = d.deck.scheduler.as_deref().and_then(|s| s.parse().ok());
            let kind = settings::scheduler_kind(config, named);
            Scheduler::new(kind, config.settings.clone()).map_err(|e| Error::Usage(e.to_string()))
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok(items
        .iter()
        .zip(deck_of)
        .map(|(item, &d)| predicted_recall(item.state.as_ref(), &schedulers[d], now))
        .collect())
}

/// Runs `recall cram`.
///
/// # Errors
/// Bad arguments, decks or settings; a store that cannot be written.
pub fn run(args: &CramArgs, options: &Location) -> Result<ExitCode, Error> {
    crate::hangup::guard_interrupts();
    let now = crate::env::now()?;
    let mut config = settings::effective(options, &Overrides::default())?;
    let mut store = profile::open_for_answers(options)?;
    settings::apply_fitted(&mut config, &store)?;
    let decks = decks::load_cached(&args.paths, &mut store, &profile::deck_cache(options))?;
    let gather::Gathered {
        mut items, deck_of, ..
    } = gather::items(&decks, &mut store, &args.tags, true)?;
    let f = &args.filters;
    let filter = CramFilter {
        due_within: f.due_within,
        new: f.new,
        min_lapses: f.lapses,
        recall_below: f.recall_below,
        weakest: args.weakest.map(|n| n as usize),
    };
    if filter != CramFilter::default() {
        let recall = if filter.needs_recall() {
            recall_now(&decks, &config, &items, &deck_of, now)?
        } else {
            Vec::new()
        };
        let keep = select(&items, &recall, &filter, now);
        if keep.is_empty() {
            return Err(Error::Usage(
                "no card passes the filters: nothing to cram".to_owned(),
            ));
        }
        items = keep.into_iter().map(|i| items[i].clone()).collect();
    }
    let seed = rand::rng().random_range(0..u64::MAX);
    let clock = ElapsedClock::starting_at(now);
    let mut prompter =
        crate::ui::prompters::quiz_prompter(args.plain, args.images.wanted(config.images));
    let mut journal = StoreJournal::new(&mut store);
    let summary = run_cram(&items, seed, prompter.as_mut(), &mut journal, &clock)?;
    drop(prompter);
    let mut out = io::stdout().lock();
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        crate::ui::wrap::fitted(cram_text(&summary), args.plain, &out)
    )?;
    Ok(ExitCode::SUCCESS)
}

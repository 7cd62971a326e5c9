//! `recall cards`: the items of the decks and the profile, one line each (or JSON), filtered.
//! Read-only: a profile never used is listed from the decks and not created. The listing is
//! `stats::listing`'s; this module settles the options and renders. [`Setup`] is shared with
//! `recall card`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, Utc};

use crate::cli::CardsArgs;
use crate::config::profile::Location;
use crate::config::settings::Overrides;
use crate::config::{profile, settings};
use crate::deck::Deck;
use crate::error::Error;
use crate::library as decks;
use crate::scheduler::{Scheduler, SchedulerKind};
use crate::stats::listing::{self, Context, Filter};
use crate::store::Store;
use crate::study::exam_date;

/// What `recall cards` and `recall card` read before they list: the time, the profile, the
/// decks and the schedulers (with each deck's exam).
pub struct Setup {
    pub now: DateTime<Utc>,
    pub store: Store,
    pub decks: Vec<Deck>,
    pub paths: Vec<String>,
    pub scheduler: Scheduler,
    pub exams: BTreeMap<String, Scheduler>,
    pub leech_threshold: u32,
}

impl Setup {
    /// Reads it all for the decks at `paths`.
    ///
    /// # Errors
    /// Bad decks, settings or `RECALL_NOW`; a store or exam file that cannot be read.
    pub fn read(paths: &[PathBuf], options: &Location) -> Result<Setup, Error> {
        let now = crate::env::now()?;
        let mut config = settings::effective(options, &Overrides::default())?;
        let store = match profile::open_existing(options)? {
            Some(store) => store,
            None => Store::open_in_memory()?,
        };
        settings::apply_fitted(&mut config, &store)?;
        let loaded = decks::load(paths)?;
        let paths = shown_paths(&loaded);
        let decks = loaded.into_iter().map(|l| l.deck).collect();
        let scheduler = Scheduler::new(SchedulerKind::Fsrs, config.settings.clone())
            .map_err(|e| Error::Usage(e.to_string()))?;
        let today = config.settings.day_clock().day_number(now);
        let exams = exam_date::load(options)?
            .into_iter()
            .map(|(deck, date)| (deck, exam_date::day_of(date)))
            .filter(|(_, day)| day.0 > today)
            .map(|(deck, day)| (deck, scheduler.clone().with_exam(Some(day))))
            .collect();
        Ok(Setup {
            now,
            store,
            decks,
            paths,
            scheduler,
            exams,
            leech_threshold: config.leech_threshold,
        })
    }

    /// The listing's context.
    #[must_use]
    pub fn context(&self) -> Context<'_> {
        Context {
            decks: &self.decks,
            paths: &self.paths,
            scheduler: &self.scheduler,
            exams: &self.exams,
            leech_threshold: self.leech_threshold,
            now: self.now,
        }
    }
}

/// Each deck's file as listed: its path, or `built-in` for the bundled deck.
#[must_use]
pub fn shown_paths(loaded: &[decks::LoadedDeck]) -> Vec<String> {
    loaded
        .iter()
        .map(|l| {
            l.path
                .as_ref()
                .map_or_else(|| "built-in".to_owned(), |p| p.display().to_string())
        })
        .collect()
}

/// Runs `recall cards`.
///
/// # Errors
/// As [`Setup::read`]; a closed stdout.
pub fn run(args: &CardsArgs, options: &Location) -> Result<ExitCode, Error> {
    let setup = Setup::read(&args.paths, options)?;
    let filter = Filter {
        suspended: args.suspended,
        buried: args.buried,
        leeches: args.leeches,
        due_within: args.due_within,
        tags: args.tags.clone(),
        search: args.search.clone(),
    };
    let items = listing::list(&setup.store, setup.context(), &filter)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &items).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        out.write_all(crate::ui::items::listing(&items).as_bytes())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

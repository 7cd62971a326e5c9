//! `recall stats`: the profile's statistics as a screen of tables and charts, or as JSON.
//!
//! Read-only: a profile that was never used is shown empty and is not created, and deck
//! files are parsed without touching the deck cache.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use crate::cli::StatsArgs;
use crate::config::profile::Location;
use crate::config::settings::Overrides;
use crate::config::{profile, settings};
use crate::error::Error;
use crate::library as decks;
use crate::store::Store;

/// Runs `recall stats`.
///
/// # Errors
/// Bad decks, settings or `RECALL_NOW`; a store that cannot be read; a closed stdout.
pub fn run(args: &StatsArgs, options: &Location) -> Result<ExitCode, Error> {
    let now = crate::env::now()?;
    let mut config = settings::effective(options, &Overrides::default())?;
    let store = match profile::open_existing(options)? {
        Some(store) => store,
        None => Store::open_in_memory()?,
    };
    store.set_memory_map(false)?;
    // Chances of recall use the memory model the scheduler uses.
    settings::apply_fitted(&mut config, &store)?;
    let loaded = decks::load(&args.paths)?;
    let paths = super::cards::shown_paths(&loaded);
    let decks: Vec<_> = loaded.into_iter().map(|l| l.deck).collect();
    let sources = crate::stats::Sources {
        decks: &decks,
        paths: &paths,
        leech_threshold: config.leech_threshold,
    };
    let stats = crate::stats::compute(&store, &sources, &config.settings, now)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &stats).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        let color = crate::ui::paint::wanted(out.is_terminal());
        out.write_all(crate::ui::stats::render(&stats, color).as_bytes())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

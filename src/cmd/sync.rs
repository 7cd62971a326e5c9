//! `recall sync DIR`: merges the other machines' copies of the profile kept in a shared folder
//! and writes this one's (`crate::sync`).

use std::process::ExitCode;

use crate::cli::SyncArgs;
use crate::config::profile::{self, Location};
use crate::error::Error;

/// Runs `recall sync`.
///
/// # Errors
/// The folder cannot be read, the store failed or this copy's file cannot be written; a file
/// that cannot be merged is only named.
pub fn run(args: &SyncArgs, location: &Location) -> Result<ExitCode, Error> {
    let now = crate::env::now()?;
    let mut store = profile::open(location)?;
    store.check_now()?;
    let outcome = crate::sync::run(&args.dir, &mut store, location, now)?;
    crate::ui::sync_report::print(&outcome, args.json)?;
    Ok(ExitCode::SUCCESS)
}

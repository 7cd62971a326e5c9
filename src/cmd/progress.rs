//! `recall export-progress` and `recall import-progress`: the review log as JSON Lines, to
//! carry progress between machines through any file-sync tool.

use std::io::Write;
use std::process::ExitCode;

use crate::atomic_file::FillError;
use crate::cli::{ExportArgs, ImportArgs};
use crate::config::profile::Location;
use crate::config::settings::Overrides;
use crate::config::{profile, settings};
use crate::error::Error;
use crate::store::ReviewLine;
use crate::sync::{Imported, import_file};
use crate::text::escape_controls;

/// Runs `recall export-progress`: writes every review, oldest first, to a temporary file next
/// to FILE, syncs it and renames it over FILE, so FILE is always whole (old or new).
///
/// # Errors
/// The store failed, or the file could not be written (then FILE is unchanged).
pub fn export(args: &ExportArgs, options: &Location) -> Result<ExitCode, Error> {
    let store = profile::open(options)?;
    let count = crate::atomic_file::write(&args.file, |out| {
        let mut count = 0u64;
        store.for_each_review(|review| {
            serde_json::to_writer(&mut *out, &ReviewLine::from(&review))
                .map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
            count += 1;
            Ok::<_, FillError>(())
        })?;
        Ok(count)
    })?;
    println!(
        "exported {count} review{} to {}",
        if count == 1 { "" } else { "s" },
        escape_controls(&args.file.display().to_string())
    );
    Ok(ExitCode::SUCCESS)
}

/// Runs `recall import-progress`: each file is read whole and imported in one transaction,
/// or not at all when any of its lines is malformed (every bad line is reported).
///
/// # Errors
/// The store failed. A file that cannot be read or has bad lines is reported and makes the
/// exit code non-zero, but the other files are still imported.
pub fn import(args: &ImportArgs, options: &Location) -> Result<ExitCode, Error> {
    let flags = Overrides {
        retention: args.retention,
        scheduler: args.scheduler.clone(),
        ..Overrides::default()
    };
    let mut config = settings::effective(options, &flags)?;
    let mut store = profile::open(options)?;
    store.check_now()?;
    settings::apply_fitted(&mut config, &store)?;
    let mut failed = false;
    for path in &args.files {
        let shown = escape_controls(&path.display().to_string()).into_owned();
        match import_file(&mut store, path, &config) {
            Ok(Imported::Done(r)) => println!(
                "{shown}: {} reviews, {} new; {} cards rescheduled",
                r.read, r.added, r.changed
            ),
            Ok(Imported::BadLines(errors)) => {
                failed = true;
                for e in &errors {
                    eprintln!("{shown}:{}: {}", e.line, escape_controls(&e.message));
                }
                let n = errors.len();
                eprintln!(
                    "{shown}: not imported ({n} bad line{})",
                    if n == 1 { "" } else { "s" }
                );
            }
            Err(e) => {
                failed = true;
                eprintln!("recall: error: {}", escape_controls(&e.to_string()));
            }
        }
    }
    Ok(if failed {
        crate::error::failure()
    } else {
        ExitCode::SUCCESS
    })
}

//! `recall draft`: candidate cards proposed from a teacher's text, written as a new deck,
//! added to a deck, or printed.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::DraftArgs;
use crate::deck::{self, files};
use crate::draft::{self, Options};
use crate::error::Error;
use crate::input_file::{self, limits};
use crate::text::escape_controls;

/// Runs `recall draft`.
///
/// # Errors
/// An unreadable source, a `--to` file in the way, a deck to add to that does not pass
/// `recall check`, or a failed write.
pub fn run(args: &DraftArgs) -> Result<ExitCode, Error> {
    let text = input_file::read_text(&args.source, limits::SOURCE, "source text")?;
    let source_name = file_name(&args.source);
    if let Some(to) = args
        .to
        .as_ref()
        .filter(|to| !args.force && std::fs::symlink_metadata(to).is_ok())
    {
        return Err(Error::Usage(format!(
            "{}: already exists; nothing was written (pass --force to replace it, or --append to add to it)",
            shown(to)
        )));
    }
    let Some(path) = &args.append else {
        let drafted = draft::draft(
            &text,
            &Options {
                max: args.max,
                ..Options::default()
            },
        );
        if drafted.proposals.is_empty() {
            eprint!("{}", drafted.summary);
            return Err(Error::Usage(format!(
                "{}: no sentence with a fact to ask; nothing was written",
                shown(&args.source)
            )));
        }
        let title = drafted.title.clone().unwrap_or_else(|| {
            args.source.file_stem().map_or_else(
                || "Draft".to_owned(),
                |s| {
                    let stem = s.to_string_lossy().replace(['-', '_'], " ");
                    stem.chars().filter(|c| !c.is_control()).collect()
                },
            )
        });
        let toml = draft::write::deck(&drafted, &title, &source_name).map_err(Error::Usage)?;
        return match &args.to {
            None => {
                print!("{toml}");
                eprint!("{}", drafted.summary);
                Ok(ExitCode::SUCCESS)
            }
            Some(to) => finish(to, &toml, args.force, &drafted.summary),
        };
    };
    let old = files::read(path).map_err(|d| Error::Usage(d.to_string()))?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parsed = deck::parse(
        &old,
        &path.display().to_string(),
        &stem,
        deck::Options::default(),
    );
    let errors = super::new::error_lines(&parsed.diagnostics);
    let Some(existing) = parsed.deck.filter(|_| errors.is_empty()) else {
        return Err(Error::Usage(format!(
            "{}\n{}: fix the deck before adding to it; nothing was written",
            errors.join("\n"),
            shown(path)
        )));
    };
    let drafted = draft::draft(&text, &Options::after(&existing, args.max));
    if drafted.proposals.is_empty() {
        print!("{}", drafted.summary);
        println!("{}: nothing to add; left as it was", shown(path));
        return Ok(ExitCode::SUCCESS);
    }
    let toml = draft::write::appended(&old, &drafted, &source_name).map_err(Error::Usage)?;
    finish(path, &toml, true, &drafted.summary)
}

/// Writes the deck (checked first, then by `check`), then prints the summary.
fn finish(
    path: &Path,
    toml: &str,
    force: bool,
    summary: &draft::Summary,
) -> Result<ExitCode, Error> {
    let code = super::new::write_deck(path, toml, force, || Ok(()))?;
    print!("{summary}");
    Ok(code)
}

/// The name of `path`'s file, without control characters (a deck may hold none).
fn file_name(path: &Path) -> String {
    let name = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    name.chars().filter(|c| !c.is_control()).collect()
}

fn shown(path: &Path) -> String {
    escape_controls(&path.display().to_string()).into_owned()
}

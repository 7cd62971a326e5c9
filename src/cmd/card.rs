//! `recall card ID`: one item's story (every item of a card named by its card id), told by
//! `stats::story` and drawn by `ui::items`. Read-only.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use super::cards::Setup;
use crate::cli::CardArgs;
use crate::config::profile::Location;
use crate::error::Error;

/// Runs `recall card`.
///
/// # Errors
/// An id that names no item or items of several decks (exit 2); as `recall cards`.
pub fn run(args: &CardArgs, options: &Location) -> Result<ExitCode, Error> {
    let setup = Setup::read(&args.paths, options)?;
    let names = [args.id.clone()];
    let stories = crate::stats::story::stories(&setup.store, setup.context(), &names)?
        .map_err(|problems| Error::Usage(problems.join("\n")))?;
    let mut out = std::io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &stories).map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        let color = crate::ui::paint::wanted(out.is_terminal());
        for (i, story) in stories.iter().enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            out.write_all(crate::ui::items::story(story, color).as_bytes())?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

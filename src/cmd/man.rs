//! `recall man [COMMAND]`: the manual page in roff, made from the clap definitions: recall's
//! own page, or `recall-COMMAND(1)` for one subcommand.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::error::Error;

/// Runs `recall man`.
///
/// # Errors
/// An unknown subcommand, or standard output was closed.
pub fn run(args: &ManArgs) -> Result<ExitCode, Error> {
    let page = page(args.command.as_deref())?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    clap_mangen::Man::new(page).render(&mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The command a page describes: recall, or one subcommand named `recall-NAME` as man pages
/// of subcommands are, with the global options it inherits.
fn page(name: Option<&str>) -> Result<clap::Command, Error> {
    let mut recall = Cli::command();
    recall.build();
    let Some(name) = name else {
        return Ok(recall);
    };
    let sub = recall
        .find_subcommand(name)
        .filter(|c| c.get_name() != "help")
        .cloned()
        .ok_or_else(|| {
            let names: Vec<_> = recall
                .get_subcommands()
                .map(clap::Command::get_name)
                .filter(|&n| n != "help")
                .collect();
            Error::Usage(format!(
                "no subcommand named {:?}; one of: {}",
                crate::text::escape_controls(name),
                names.join(", ")
            ))
        })?;
    let full = format!("recall-{}", sub.get_name());
    Ok(sub
        .name(full)
        .version(recall.get_version().unwrap_or_default().to_owned()))
}

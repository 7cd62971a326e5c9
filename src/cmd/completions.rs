//! `recall completions SHELL`: a completion script made from the same clap definitions the
//! program parses with, so it never falls behind a new option.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::error::Error;

/// Runs `recall completions`.
///
/// # Errors
/// Standard output was closed.
pub fn run(args: &CompletionsArgs) -> Result<ExitCode, Error> {
    let mut out = BufWriter::new(std::io::stdout().lock());
    clap_complete::generate(args.shell, &mut Cli::command(), "recall", &mut out);
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

//! One module per subcommand: each turns parsed arguments into work on the core and
//! prints the outcome. This is the only layer (with `cli`) that writes to the terminal.

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::error::Error;

pub mod check;
pub mod config;
pub mod decks;
pub mod journal;
pub mod log;
mod plan;
pub mod profile;
pub mod progress;
pub mod schedule;
pub mod settings;
pub mod study;

/// Runs the parsed command line.
///
/// # Errors
/// Whatever the command fails with; the caller prints it and picks the exit code.
pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    match cli.command {
        Command::Study(args) => study::run(&args, &cli.store),
        Command::Config(args) => config::run(&args, &cli.store),
        Command::Check(args) => check::run(&args),
        Command::Schedule(args) => schedule::run(&args),
        Command::Log(args) => log::run(&args, &cli.store),
        Command::ExportProgress(args) => progress::export(&args, &cli.store),
        Command::ImportProgress(args) => progress::import(&args, &cli.store),
    }
}

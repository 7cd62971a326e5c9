//! One module per subcommand: each turns parsed arguments into work on the core and
//! prints the outcome. This is the only layer (with `cli`) that writes to the terminal.

use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::error::Error;

pub mod r#break;
pub mod card;
pub mod cards;
pub mod check;
pub mod completions;
pub mod config;
pub mod cram;
pub mod draft;
pub mod export;
pub mod hide;
pub mod import;
pub mod import_revlog;
pub mod log;
pub mod man;
pub mod new;
pub mod optimize;
pub mod plan;
pub mod postpone;
pub mod progress;
pub mod quiz;
pub mod repair;
pub mod reschedule;
pub mod results;
pub mod retention;
pub mod schedule;
pub mod stats;
pub mod study;
pub mod sync;

/// Runs the parsed command line.
///
/// # Errors
/// Whatever the command fails with; the caller prints it and picks the exit code.
pub fn run(cli: Cli) -> Result<ExitCode, Error> {
    let store = cli.store.location();
    match cli.command {
        Command::Study(args) => study::run(&args, &store),
        Command::Quiz(args) => quiz::run(&args, &store),
        Command::Results(args) => results::run(&args),
        Command::Cram(args) => cram::run(&args, &store),
        Command::Plan(args) => plan::run(&args, &store),
        Command::Config(args) => config::run(&args, &store),
        Command::Check(args) => check::run(&args),
        Command::New(args) => new::run(&args),
        Command::Import(args) => import::run(&args),
        Command::Draft(args) => draft::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Schedule(args) => schedule::run(&args, &store),
        Command::Log(args) => log::run(&args, &store),
        Command::ExportProgress(args) => progress::export(&args, &store),
        Command::ImportProgress(args) => progress::import(&args, &store),
        Command::Sync(args) => sync::run(&args, &store),
        Command::ImportRevlog(args) => import_revlog::run(&args, &store),
        Command::Optimize(args) => optimize::run(&args, &store),
        Command::Reschedule(args) => reschedule::run(&args, &store),
        Command::Postpone(args) => postpone::run(&args, &store),
        Command::Break(args) => r#break::run(&args, &store),
        Command::Retention(args) => retention::run(&args, &store),
        Command::Stats(args) => stats::run(&args, &store),
        Command::Card(args) => card::run(&args, &store),
        Command::Cards(args) => cards::run(&args, &store),
        Command::Suspend(args) => hide::run(&args, hide::Hide::Suspend, &store),
        Command::Unsuspend(args) => hide::run(&args, hide::Hide::Unsuspend, &store),
        Command::Unbury(args) => hide::run(&args, hide::Hide::Unbury, &store),
        Command::Repair => repair::run(&store),
        Command::Completions(args) => completions::run(&args),
        Command::Man(args) => man::run(&args),
    }
}

//! The `recall` binary: parse the command line, run it, turn the outcome into an exit code.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = recall::cli::Cli::parse();
    recall::error::exit(recall::cmd::run(cli))
}

//! The error type of the command layer and its exit codes: the one place an outcome becomes
//! the process's exit code and an error its message on stderr.

use std::path::PathBuf;
use std::process::ExitCode;

/// Exit code for a usage error or a deck that fails validation (clap uses 2 as well).
pub const EXIT_USAGE: u8 = 2;
/// Exit code for any other failure at run time.
pub const EXIT_FAILURE: u8 = 1;

/// Everything a command can fail with, already worded for the person at the terminal.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A bad argument or environment variable.
    #[error("{0}")]
    Usage(String),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file involved.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// Writing to the terminal or a pipe failed.
    #[error("{0}")]
    Output(#[from] std::io::Error),
    /// The progress database failed or was refused.
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
}

impl From<crate::session::JournalError> for Error {
    /// A session's failure to save an answer, or to talk to the terminal.
    fn from(e: crate::session::JournalError) -> Self {
        match e {
            crate::session::JournalError::Io(e) => Error::Output(e),
            crate::session::JournalError::Store(message) => {
                Error::Output(std::io::Error::other(message))
            }
        }
    }
}

impl From<crate::store::exchange::ImportError> for Error {
    /// A replay of the log that failed: unusable settings are the learner's to fix.
    fn from(e: crate::store::exchange::ImportError) -> Self {
        match e {
            crate::store::exchange::ImportError::Store(e) => Error::Store(e),
            crate::store::exchange::ImportError::Settings(e) => Error::Usage(e.to_string()),
        }
    }
}

impl Error {
    /// The process exit code for this error.
    #[must_use]
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Usage(_) => EXIT_USAGE,
            Error::Io { .. } | Error::Output(_) | Error::Store(_) => EXIT_FAILURE,
        }
    }
}

/// The exit code for a failure that was already reported.
#[must_use]
pub fn failure() -> ExitCode {
    ExitCode::from(EXIT_FAILURE)
}

/// The exit code of a command's outcome; an error is reported on stderr first. A closed pipe
/// (`recall log | head`) is not a failure.
#[must_use]
pub fn exit(outcome: Result<ExitCode, Error>) -> ExitCode {
    match outcome {
        Ok(code) => code,
        Err(Error::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            // Each line escaped on its own: a list of deck problems keeps its line breaks.
            let message = e.to_string();
            let lines: Vec<_> = message.lines().map(crate::text::escape_controls).collect();
            eprintln!("recall: error: {}", lines.join("\n"));
            ExitCode::from(e.exit_code())
        }
    }
}

//! The error type of the command layer and its exit codes.

use std::path::PathBuf;

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

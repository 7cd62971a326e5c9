//! How the terminal prompters of `study`, `quiz` and `cram` read the end of an inquire
//! prompt: Esc and Ctrl-C end the session (`None`), other failures are I/O errors.

use std::io;

use inquire::error::InquireError;

/// The prompt's answer; `None` when the learner pressed Esc or Ctrl-C.
///
/// # Errors
/// The terminal failed, or inquire failed in another way.
pub fn outcome<T>(result: Result<Option<T>, InquireError>) -> io::Result<Option<T>> {
    match result {
        Ok(value) => Ok(value),
        Err(InquireError::OperationCanceled | InquireError::OperationInterrupted) => Ok(None),
        Err(InquireError::IO(e)) => Err(e),
        Err(e) => Err(io::Error::other(e.to_string())),
    }
}

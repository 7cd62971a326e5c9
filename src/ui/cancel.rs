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

/// A line typed at inquire's text prompt `message`, with `help` under it; `None` on Esc or
/// Ctrl-C. Ctrl-C leaves inquire's drawing as it was, the cursor on the row below it, or on
/// its last row when the drawing touched the bottom of the screen: room is made below first,
/// so that it never does, and the help line is cleared after Ctrl-C, so that what is printed
/// next starts on a clean line under the prompt.
///
/// # Errors
/// The terminal failed.
pub fn typed_line(message: &str, help: &str) -> io::Result<Option<String>> {
    use crossterm::{cursor, queue, terminal};
    use std::io::Write;

    let rows = u16::try_from(help.lines().count()).unwrap_or(1).max(1);
    let mut err = io::stderr();
    // The prompt's row, the help's rows and one spare row (two for an answer that wraps).
    write!(err, "{}", "\n".repeat(usize::from(rows) + 3))?;
    queue!(err, cursor::MoveUp(rows + 3))?;
    err.flush()?;
    let text = inquire::Text::new(message)
        .with_help_message(help)
        .prompt_skippable();
    if let Err(InquireError::OperationInterrupted) = text {
        queue!(
            err,
            cursor::MoveUp(rows),
            terminal::Clear(terminal::ClearType::FromCursorDown)
        )?;
        err.flush()?;
    }
    outcome(text)
}

//! Which prompter a study session talks to: the plain line protocol (for pipes, scripts
//! and screen readers) or prompts in the terminal.

use std::io;

use crate::session::Prompter;
use crate::ui::plain::PlainPrompter;
use crate::ui::terminal::TerminalPrompter;

/// The plain line protocol, or prompts in the terminal.
pub(super) fn new_prompter(plain: bool) -> Box<dyn Prompter> {
    if plain {
        Box::new(PlainPrompter::new(io::stdin().lock(), io::stdout()))
    } else {
        Box::new(TerminalPrompter::new(
            std::env::var_os("NO_COLOR").is_some(),
        ))
    }
}

//! Which prompter a study session talks to: the plain line protocol (for pipes, scripts
//! and screen readers) or prompts in the terminal.

use std::io;

use crate::session::{Action, Event, Feedback, Grade, Prompter, Question, Reply, Status};
use crate::ui::plain::PlainPrompter;
use crate::ui::terminal::TerminalPrompter;

/// The plain line protocol, or prompts in the terminal; either ends the session when an
/// interrupt came between prompts.
pub(super) fn new_prompter(plain: bool) -> Box<dyn Prompter> {
    let inner: Box<dyn Prompter> = if plain {
        Box::new(PlainPrompter::new(io::stdin().lock(), io::stdout()))
    } else {
        Box::new(TerminalPrompter::on_stderr())
    };
    Box::new(Interruptible(inner))
}

/// A prompter that, before it prompts, takes over an interrupt that came between prompts
/// ([`crate::hangup::take_interrupt`]) and quits, as Ctrl-C at the prompt would.
struct Interruptible(Box<dyn Prompter>);

impl Prompter for Interruptible {
    fn ask(&mut self, question: &Question, status: &Status) -> io::Result<Reply> {
        if crate::hangup::take_interrupt() {
            return Ok(Reply::Act(Action::Quit));
        }
        self.0.ask(question, status)
    }

    fn grade(&mut self, question: &Question, feedback: &Feedback) -> io::Result<Grade> {
        if crate::hangup::take_interrupt() {
            return Ok(Grade::Act(Action::Quit));
        }
        self.0.grade(question, feedback)
    }

    fn notify(&mut self, event: &Event) -> io::Result<()> {
        self.0.notify(event)
    }
}

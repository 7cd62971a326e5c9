//! Which prompter a study session, a quiz or a cram talks to: the plain line protocol (for
//! pipes, scripts and screen readers) or prompts in the terminal; either ends the session
//! when an interrupt came between prompts.

use std::io::{self, IsTerminal};

use crate::quiz::{Answered, QuizPrompter, QuizStatus};
use crate::session::{Action, Event, Feedback, Grade, Prompter, Question, Reply, Response, Status};
use crate::ui::plain::PlainPrompter;
use crate::ui::quiz_plain::PlainQuizPrompter;
use crate::ui::quiz_terminal::TerminalQuizPrompter;
use crate::ui::terminal::TerminalPrompter;

/// The plain line protocol, or prompts in the terminal (drawing pictures when `pictures` and
/// the terminal can); either ends the session when an interrupt came between prompts.
#[must_use]
pub fn study_prompter(plain: bool, pictures: bool) -> Box<dyn Prompter> {
    let inner: Box<dyn Prompter> = if plain {
        Box::new(PlainPrompter::new(io::stdin().lock(), io::stdout()))
    } else {
        Box::new(TerminalPrompter::on_stderr().with_pictures(pictures))
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

/// The plain line protocol when asked for or when stdin is not a terminal, else prompts
/// (drawing pictures when `pictures` and the terminal can); either ends the quiz when an
/// interrupt came between questions.
#[must_use]
pub fn quiz_prompter(plain: bool, pictures: bool) -> Box<dyn QuizPrompter> {
    let inner: Box<dyn QuizPrompter> = if plain || !io::stdin().is_terminal() {
        Box::new(PlainQuizPrompter::new(
            io::BufReader::new(io::stdin()),
            io::stdout(),
        ))
    } else {
        Box::new(TerminalQuizPrompter::on_stderr(pictures))
    };
    Box::new(InterruptibleQuiz(inner))
}

/// A quiz prompter that, before it asks, takes over an interrupt that came between
/// questions ([`crate::hangup::take_interrupt`]) and quits, as Ctrl-C at the question would.
struct InterruptibleQuiz(Box<dyn QuizPrompter>);

impl QuizPrompter for InterruptibleQuiz {
    fn ask(&mut self, question: &Question, status: &QuizStatus) -> io::Result<Option<Response>> {
        if crate::hangup::take_interrupt() {
            return Ok(None);
        }
        self.0.ask(question, status)
    }

    fn show(&mut self, answered: &Answered) -> io::Result<()> {
        self.0.show(answered)
    }

    fn time_up(&mut self) -> io::Result<()> {
        self.0.time_up()
    }

    fn round(&mut self, round: usize, cards: usize) -> io::Result<()> {
        self.0.round(round, cards)
    }
}

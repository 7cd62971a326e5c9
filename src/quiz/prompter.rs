//! What a quiz or cram asks of the person at the keyboard: one reply per question, no rating.

use std::io;

use super::report::Answered;
use crate::session::{Question, Response};

/// Where a quiz or cram stands, shown with every question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QuizStatus {
    /// This question's number, from 1.
    pub number: usize,
    /// Questions in the quiz (or in this cram round).
    pub total: usize,
    /// Milliseconds left under a time limit. A prompter may stop waiting for the reply when
    /// they have passed (the quiz then finds the time up and does not count the reply).
    pub millis_left: Option<u64>,
    /// The cram round, from 1; `None` in a quiz.
    pub round: Option<usize>,
}

/// Shows questions and gathers replies.
pub trait QuizPrompter {
    /// Shows a question and waits for the reply; `None` when the learner quits.
    ///
    /// # Errors
    /// A failure of the terminal or the input.
    fn ask(&mut self, question: &Question, status: &QuizStatus) -> io::Result<Option<Response>>;

    /// Shows the verdict on a reply at once (`--feedback immediate`, and always in cram).
    ///
    /// # Errors
    /// A failure of the terminal.
    fn show(&mut self, answered: &Answered) -> io::Result<()>;

    /// Says that the time is up.
    ///
    /// # Errors
    /// A failure of the terminal.
    fn time_up(&mut self) -> io::Result<()>;

    /// Says that a cram round starts with `cards` cards.
    ///
    /// # Errors
    /// A failure of the terminal.
    fn round(&mut self, round: usize, cards: usize) -> io::Result<()>;
}

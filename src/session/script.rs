//! A prompter that plays back scripted replies, for tests of sessions without a terminal.

use std::collections::VecDeque;
use std::io;

use super::prompter::{Event, Feedback, Grade, Prompter, Reply, Status};
use super::question::Question;

/// Plays back replies in order; when they run out it quits.
#[derive(Debug, Default)]
pub struct ScriptedPrompter {
    /// Replies to questions, in order.
    pub replies: VecDeque<Reply>,
    /// Replies to the grading step, in order.
    pub grades: VecDeque<Grade>,
    /// Every question asked, in order.
    pub asked: Vec<Question>,
    /// Every feedback shown, in order.
    pub shown: Vec<Feedback>,
    /// Every event, in order.
    pub events: Vec<Event>,
}

impl ScriptedPrompter {
    /// A prompter that will give these replies and grades.
    #[must_use]
    pub fn new(replies: Vec<Reply>, grades: Vec<Grade>) -> Self {
        ScriptedPrompter {
            replies: replies.into(),
            grades: grades.into(),
            ..Self::default()
        }
    }
}

impl Prompter for ScriptedPrompter {
    fn ask(&mut self, question: &Question, _status: &Status) -> io::Result<Reply> {
        self.asked.push(question.clone());
        Ok(self
            .replies
            .pop_front()
            .unwrap_or(Reply::Act(super::Action::Quit)))
    }

    fn grade(&mut self, _question: &Question, feedback: &Feedback) -> io::Result<Grade> {
        self.shown.push(feedback.clone());
        Ok(self
            .grades
            .pop_front()
            .unwrap_or(Grade::Act(super::Action::Quit)))
    }

    fn notify(&mut self, event: &Event) -> io::Result<()> {
        self.events.push(event.clone());
        Ok(())
    }
}

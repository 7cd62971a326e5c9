//! `recall quiz` and `recall cram` in a terminal: inquire's text line for typed answers and
//! clozes, a list of [`super::list`] for multiple choice and true/false, and an ordering built by picking the
//! next item until none is left. No rating list: one reply per question. Esc or Ctrl-C ends
//! the quiz (what was answered is kept and reported). Everything is drawn on stderr,
//! word-wrapped to the terminal's width.

use std::io::{self, Write};

use super::cancel::typed_line;
use super::fitted::help;
use super::list::{Ending, List};
use super::paint::Paint;
use super::quiz_render::{QuizCommand, VerdictLine, quiz_command, status_line, verdict_lines};
use super::render::safe;
use super::wrap::{columns, wrap};
use crate::quiz::{Answered, QuizPrompter, QuizStatus};
use crate::session::{Form, Question, Response};

const LIST_HELP: &str = "↑↓ to move, Enter to choose, Esc to end";
const TYPED_HELP: &str = "Enter to answer (empty: no answer) · Esc or :quit to end";

/// Quiz prompts in a terminal.
pub struct TerminalQuizPrompter {
    colors: Paint,
    /// Pictures drawn, or said in words.
    pictures: super::picture::Drawing,
}

impl TerminalQuizPrompter {
    /// A prompter drawing on stderr, coloured by the rule of [`crate::ui::paint`]; pictures
    /// are drawn when `pictures` and the terminal can.
    #[must_use]
    pub fn on_stderr(pictures: bool) -> Self {
        crate::hangup::watch_terminal();
        TerminalQuizPrompter {
            colors: Paint::for_stderr(),
            pictures: super::picture::Drawing::new(pictures),
        }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        self.colors.paint(code, text)
    }

    fn say(line: &str) -> io::Result<()> {
        let line = wrap(line, columns(), 0, 0);
        writeln!(io::stderr().lock(), "{line}")
    }

    fn pick(&self, message: &str, options: &[String]) -> io::Result<Option<usize>> {
        let labels = options.iter().map(|o| safe(o)).collect();
        let keys = help(LIST_HELP);
        Ok(
            match List::new(message, labels, &keys, self.colors).ask()? {
                Ending::Chose(i) => Some(i),
                Ending::Escaped | Ending::Interrupted => None,
            },
        )
    }

    fn order(&self, shown: &[String]) -> io::Result<Option<Response>> {
        let mut left: Vec<usize> = (0..shown.len()).collect();
        let mut order = Vec::new();
        while left.len() > 1 {
            let names: Vec<String> = left.iter().map(|&i| shown[i].clone()).collect();
            let message = if order.is_empty() {
                "Which comes first?"
            } else {
                "Which comes next?"
            };
            let Some(i) = self.pick(message, &names)? else {
                return Ok(None);
            };
            order.push(left.remove(i));
        }
        order.extend(left);
        Ok(Some(Response::Ordered(order)))
    }
}

impl QuizPrompter for TerminalQuizPrompter {
    fn ask(&mut self, question: &Question, status: &QuizStatus) -> io::Result<Option<Response>> {
        Self::say("")?;
        Self::say(&self.paint("2", &status_line(status)))?;
        let label = if question.form == Form::TrueFalse {
            "True or false? "
        } else {
            ""
        };
        Self::say(&self.paint("1", &format!("{label}{}", safe(&question.prompt))))?;
        if let Some(picture) = &question.picture {
            self.pictures.show(picture)?;
        }
        match &question.form {
            Form::Choice { options, .. } => {
                Ok(self.pick("Your answer:", options)?.map(Response::Chose))
            }
            Form::TrueFalse => {
                let options = ["True".to_owned(), "False".to_owned()];
                Ok(self
                    .pick("Your answer:", &options)?
                    .map(|i| Response::Judged(i == 0)))
            }
            Form::Order { shown } => self.order(shown),
            Form::Type | Form::Flip => loop {
                let keys = help(TYPED_HELP);
                let Some(text) = typed_line("Your answer:", &keys)? else {
                    return Ok(None);
                };
                match quiz_command(&text, question, status) {
                    Some(QuizCommand::Quit) => return Ok(None),
                    Some(QuizCommand::Say(said)) => Self::say(&self.paint("33", &said))?,
                    None if text.trim().is_empty() => return Ok(Some(Response::Revealed)),
                    None => return Ok(Some(Response::Typed(text.trim().to_owned()))),
                }
            },
        }
    }

    fn show(&mut self, answered: &Answered) -> io::Result<()> {
        let code = if answered.correct { "32" } else { "31" };
        for (i, line) in verdict_lines(answered).into_iter().enumerate() {
            match line {
                VerdictLine::Text(text) if i == 0 => Self::say(&self.paint(code, &text))?,
                VerdictLine::Text(text) => Self::say(&text)?,
                VerdictLine::Picture(picture) => self.pictures.show(picture)?,
            }
        }
        Ok(())
    }

    fn time_up(&mut self) -> io::Result<()> {
        Self::say(&self.paint("33", "Time is up."))
    }

    fn round(&mut self, round: usize, cards: usize) -> io::Result<()> {
        let s = if cards == 1 { "" } else { "s" };
        Self::say("")?;
        Self::say(&self.paint("1;35", &format!("Round {round}: {cards} card{s}")))
    }
}

//! The plain line protocol of `recall quiz` and `recall cram`: the question as in `study`
//! (`Q: ...` or `True or false: ...`, options numbered), then **one answer line** and no
//! rating line. An empty line is no answer (wrong); `:quit` or the end of input ends it.

use std::io::{self, BufRead, Write};

use super::plain::{parse_answer, write_options};
use super::quiz_render::{status_line, verdict_lines};
use super::render::safe;
use crate::quiz::{Answered, QuizPrompter, QuizStatus};
use crate::session::{Form, Question, Response};

/// Reads answer lines from `input`, writes to `output`.
pub struct PlainQuizPrompter<R, W> {
    input: R,
    output: W,
}

impl<R: BufRead, W: Write> PlainQuizPrompter<R, W> {
    /// A prompter over these streams.
    pub fn new(input: R, output: W) -> Self {
        PlainQuizPrompter { input, output }
    }
}

impl<R: BufRead, W: Write> QuizPrompter for PlainQuizPrompter<R, W> {
    fn ask(&mut self, question: &Question, status: &QuizStatus) -> io::Result<Option<Response>> {
        writeln!(self.output, "-- {}", status_line(status))?;
        let prefix = if question.form == Form::TrueFalse {
            "True or false"
        } else {
            "Q"
        };
        writeln!(self.output, "{prefix}: {}", safe(&question.prompt))?;
        write_options(&mut self.output, question)?;
        self.output.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let line = line.trim_end_matches(['\n', '\r']);
        if matches!(line.trim(), ":quit" | ":q") {
            return Ok(None);
        }
        Ok(Some(match parse_answer(question, line) {
            // Not a list of the item numbers: judged (and reported) as the text it is.
            Response::Ordered(order) if order.is_empty() => Response::Typed(line.trim().to_owned()),
            response => response,
        }))
    }

    fn show(&mut self, answered: &Answered) -> io::Result<()> {
        for line in verdict_lines(answered) {
            writeln!(self.output, "{line}")?;
        }
        Ok(())
    }

    fn time_up(&mut self) -> io::Result<()> {
        writeln!(self.output, "Time is up.")
    }

    fn round(&mut self, round: usize, cards: usize) -> io::Result<()> {
        let s = if cards == 1 { "" } else { "s" };
        writeln!(self.output, "== Round {round}: {cards} card{s}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_answer_line_per_question_and_no_rating_line() {
        let input = b"2\n\n:quit\n" as &[u8];
        let mut out = Vec::new();
        let mut p = PlainQuizPrompter::new(input, &mut out);
        let q = Question {
            prompt: "Capital?\u{1b}[2J".into(),
            form: Form::Choice {
                options: vec!["Rome".into(), "Paris".into()],
                correct: 1,
            },
            answer: "Paris".into(),
            hint: None,
        };
        let status = QuizStatus {
            number: 1,
            total: 3,
            seconds_left: Some(75),
            round: None,
        };
        assert_eq!(p.ask(&q, &status).unwrap(), Some(Response::Chose(1)));
        assert_eq!(p.ask(&q, &status).unwrap(), Some(Response::Revealed));
        assert_eq!(p.ask(&q, &status).unwrap(), None);
        assert_eq!(p.ask(&q, &status).unwrap(), None);
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with(
                "-- Question 1 of 3 · 1:15 left\nQ: Capital?\n  1) Rome\n  2) Paris\n"
            ),
            "{text}"
        );
        assert!(!text.contains('\u{1b}'));
    }
}

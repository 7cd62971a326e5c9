//! The plain line protocol of `recall quiz` and `recall cram`: the question as in `study`
//! (`Q: ...` or `True or false: ...`, options numbered), then **one answer line** and no
//! rating line. An empty line is no answer (wrong); a line that answers nothing offered is
//! asked again, as in `study`; `:quit` or the end of input ends it.
//!
//! Lines are read by a thread of their own, so that under a time limit the wait for an
//! answer stops when the time runs out.

use std::io::{self, BufRead, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use super::plain::{parse_answer, write_question};
use super::quiz_render::{QuizCommand, VerdictLine, quiz_command, status_line, verdict_lines};
use crate::quiz::{Answered, QuizPrompter, QuizStatus};
use crate::session::{Question, Response};

/// A little past the time left, so that the quiz's clock has surely passed its deadline.
const GRACE: Duration = Duration::from_millis(50);

/// Reads answer lines from an input, writes to `output`.
pub struct PlainQuizPrompter<W> {
    lines: Receiver<io::Result<String>>,
    output: W,
}

impl<W: Write> PlainQuizPrompter<W> {
    /// A prompter reading `input` on a thread of its own and writing to `output`.
    pub fn new(input: impl BufRead + Send + 'static, output: W) -> Self {
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in input.lines() {
                let failed = line.is_err();
                if tx.send(line).is_err() || failed {
                    break;
                }
            }
        });
        PlainQuizPrompter { lines, output }
    }

    /// The next line; `Ok(None)` at the end of input, `Err(Timeout)` when `wait` ran out.
    fn next_line(&self, wait: Option<Duration>) -> Result<Option<String>, RecvTimeoutError> {
        let received = match wait {
            Some(wait) => self.lines.recv_timeout(wait),
            None => self
                .lines
                .recv()
                .map_err(|_| RecvTimeoutError::Disconnected),
        };
        match received {
            Ok(Ok(line)) => Ok(Some(line)),
            // A read error ends the quiz like the end of input.
            Ok(Err(_)) | Err(RecvTimeoutError::Disconnected) => Ok(None),
            Err(RecvTimeoutError::Timeout) => Err(RecvTimeoutError::Timeout),
        }
    }
}

impl<W: Write> QuizPrompter for PlainQuizPrompter<W> {
    fn ask(&mut self, question: &Question, status: &QuizStatus) -> io::Result<Option<Response>> {
        writeln!(self.output, "-- {}", status_line(status))?;
        write_question(&mut self.output, question)?;
        self.output.flush()?;
        let deadline = status
            .millis_left
            .map(|ms| Instant::now() + Duration::from_millis(ms) + GRACE);
        loop {
            let wait = deadline.map(|d| d.saturating_duration_since(Instant::now()));
            let line = match self.next_line(wait) {
                Ok(Some(line)) => line,
                Ok(None) => return Ok(None),
                // The time ran out: no answer, and the quiz sees that its time is up.
                Err(_) => return Ok(Some(Response::Revealed)),
            };
            let line = line.trim_end_matches('\r');
            let said = match quiz_command(line, question, status) {
                Some(QuizCommand::Quit) => return Ok(None),
                Some(QuizCommand::Say(said)) => said,
                None => match parse_answer(question, line) {
                    Ok(response) => return Ok(Some(response)),
                    Err(expected) => expected,
                },
            };
            writeln!(self.output, "{said}")?;
            self.output.flush()?;
        }
    }

    fn show(&mut self, answered: &Answered) -> io::Result<()> {
        for line in verdict_lines(answered) {
            match line {
                VerdictLine::Text(text) => writeln!(self.output, "{text}")?,
                VerdictLine::Picture(picture) => {
                    super::plain::write_picture(&mut self.output, Some(picture))?;
                }
            }
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
    use crate::session::Form;

    fn choice() -> Question {
        Question {
            prompt: "Capital?\u{1b}[2J".into(),
            form: Form::Choice {
                options: vec!["Rome".into(), "Paris".into()],
                correct: 1,
            },
            answer: "Paris".into(),
            hint: None,
            picture: None,
        }
    }

    #[test]
    fn one_answer_line_per_question_and_no_rating_line() {
        let input = io::Cursor::new(b"2\n\n3\n:hint\n:quit\n".to_vec());
        let mut out = Vec::new();
        let mut p = PlainQuizPrompter::new(input, &mut out);
        let q = choice();
        let status = QuizStatus {
            number: 1,
            total: 3,
            millis_left: Some(74_200),
            round: None,
        };
        assert_eq!(p.ask(&q, &status).unwrap(), Some(Response::Chose(1)));
        assert_eq!(p.ask(&q, &status).unwrap(), Some(Response::Revealed));
        // "3" is not on the list and a quiz gives no hints: both asked again, then :quit.
        assert_eq!(p.ask(&q, &status).unwrap(), None);
        assert_eq!(p.ask(&q, &status).unwrap(), None);
        drop(p);
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("\nAnswer with a number from 1 to 2, or the text of an option.\n"));
        assert!(
            text.contains("\nNo hints in a quiz; :quit ends it.\n"),
            "{text}"
        );
        assert!(
            text.starts_with(
                "-- Question 1 of 3 · 1:15 left\nQ: Capital?\n  1) Rome\n  2) Paris\n"
            ),
            "{text}"
        );
        assert!(!text.contains('\u{1b}'));
    }
}

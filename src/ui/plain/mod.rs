//! The plain line protocol, for scripts, screen readers and tests.
//!
//! For each card: the question is printed; one answer line is read (empty = no attempt;
//! a number or the text of an option for multiple choice and true/false; the numbers in
//! order for an ordering; a line that is none of these is asked again, with what is
//! expected); the answer is printed, with the verdict when something was
//! typed; then one rating line is read: 1-4 or again/hard/good/easy. After an attempt an
//! empty rating line takes the suggested rating; after no attempt it is asked again.
//! Lines starting with `:` are commands: `:hint`, `:undo`, `:bury`, `:suspend`, `:quit`
//! on the answer line; `:undo`, `:right`, `:accept`, `:quit` on the rating line. End of
//! input ends the session.

use std::io::{self, BufRead, Write};

use super::render::{buttons_line, diff_plain, safe, status_line, verdict_line};
use crate::scheduler::Rating;
use crate::session::{
    Action, Event, Feedback, Form, Grade, Prompter, Question, Reply, Response, Status,
};

/// Reads lines from `input` and writes to `output`.
pub struct PlainPrompter<R, W> {
    input: R,
    output: W,
}

impl<R: BufRead, W: Write> PlainPrompter<R, W> {
    /// A prompter over these streams.
    pub fn new(input: R, output: W) -> Self {
        PlainPrompter { input, output }
    }

    /// The next line without its line ending, or `None` at end of input.
    fn line(&mut self) -> io::Result<Option<String>> {
        self.output.flush()?;
        let mut line = String::new();
        if self.input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        Ok(Some(line.trim_end_matches(['\n', '\r']).to_owned()))
    }

    fn show_question(&mut self, question: &Question, status: &Status) -> io::Result<()> {
        writeln!(self.output, "-- {}", status_line(status))?;
        write_question(&mut self.output, question)
    }
}

/// Writes a question as the plain protocol shows it (`Q: ...` or `True or false: ...`), then
/// its numbered options; the status line before it is the caller's.
pub(crate) fn write_question(output: &mut impl Write, question: &Question) -> io::Result<()> {
    let prefix = if question.form == Form::TrueFalse {
        "True or false"
    } else {
        "Q"
    };
    writeln!(output, "{prefix}: {}", safe(&question.prompt))?;
    write_picture(output, question.picture.as_ref())?;
    write_options(output, question)
}

/// Writes a picture as its alt text, `[image: ...]`, on a line of its own.
pub(crate) fn write_picture(
    output: &mut impl Write,
    picture: Option<&crate::deck::Shown>,
) -> io::Result<()> {
    match picture {
        Some(p) => writeln!(output, "{}", super::render::picture_line(p)),
        None => Ok(()),
    }
}

/// Writes the numbered options of a choice, true/false or ordering question.
pub(crate) fn write_options(output: &mut impl Write, question: &Question) -> io::Result<()> {
    match &question.form {
        Form::Choice { options, .. } => {
            for (i, option) in options.iter().enumerate() {
                writeln!(output, "  {}) {}", i + 1, safe(option))?;
            }
        }
        Form::TrueFalse => writeln!(output, "  1) True\n  2) False")?,
        Form::Order { shown } => {
            for (i, item) in shown.iter().enumerate() {
                writeln!(output, "  {}) {}", i + 1, safe(item))?;
            }
            writeln!(output, "(answer with the numbers in order, e.g. 2 1 3)")?;
        }
        Form::Flip | Form::Type => {}
    }
    Ok(())
}

/// Reads an answer line for a question. A line that answers nothing the question offers (a
/// number not on the list, a word that is neither true nor false, an ordering that misses or
/// repeats a position) is an error: the line to print before asking again.
pub(crate) fn parse_answer(question: &Question, line: &str) -> Result<Response, String> {
    let text = line.trim();
    if text.is_empty() {
        return Ok(Response::Revealed);
    }
    match &question.form {
        Form::Choice { options, .. } => {
            let by_number = text
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=options.len()).contains(n))
                .map(|n| n - 1);
            let by_text = || {
                let typed = crate::answer::normalize(text);
                options
                    .iter()
                    .position(|o| crate::answer::normalize(o) == typed)
            };
            by_number
                .or_else(by_text)
                .map(Response::Chose)
                .ok_or_else(|| {
                    format!(
                        "Answer with a number from 1 to {}, or the text of an option.",
                        options.len()
                    )
                })
        }
        Form::TrueFalse => match text {
            "1" => Ok(Response::Judged(true)),
            "2" => Ok(Response::Judged(false)),
            _ => crate::answer::parse_bool(text)
                .map(Response::Judged)
                .ok_or_else(|| "Answer 1 or true, 2 or false.".to_owned()),
        },
        Form::Order { shown } => parse_order(text, shown.len()).map(Response::Ordered),
        Form::Flip | Form::Type => Ok(Response::Typed(text.to_owned())),
    }
}

/// The positions of an ordering of `n` items, each of 1 to `n` once, as 0-based indices.
fn parse_order(text: &str, n: usize) -> Result<Vec<usize>, String> {
    let wrong = || format!("Give each number from 1 to {n} once, in order (e.g. 2 1 3).");
    let mut seen = vec![false; n];
    let mut order = Vec::with_capacity(n);
    for word in text.split(|c: char| c == ',' || c.is_whitespace()) {
        if word.is_empty() {
            continue;
        }
        let i = word
            .parse::<usize>()
            .ok()
            .filter(|i| (1..=n).contains(i))
            .ok_or_else(wrong)?
            - 1;
        if std::mem::replace(&mut seen[i], true) {
            return Err(wrong());
        }
        order.push(i);
    }
    if order.len() == n {
        Ok(order)
    } else {
        Err(wrong())
    }
}

fn command(line: &str) -> Option<&str> {
    line.trim().strip_prefix(':').map(str::trim)
}

impl<R: BufRead, W: Write> Prompter for PlainPrompter<R, W> {
    fn ask(&mut self, question: &Question, status: &Status) -> io::Result<Reply> {
        self.show_question(question, status)?;
        loop {
            let Some(line) = self.line()? else {
                return Ok(Reply::Act(Action::Quit));
            };
            let action = match command(&line) {
                None => match parse_answer(question, &line) {
                    Ok(response) => return Ok(Reply::Answer(response)),
                    Err(expected) => {
                        writeln!(self.output, "{expected}")?;
                        continue;
                    }
                },
                Some("hint") => {
                    let hint = question
                        .hint
                        .as_deref()
                        .map_or_else(|| "(no hint)".to_owned(), safe);
                    writeln!(self.output, "Hint: {hint}")?;
                    continue;
                }
                Some("undo") => Action::Undo,
                Some("bury") => Action::Bury,
                Some("suspend") => Action::Suspend,
                Some("edit") => Action::Edit,
                Some("quit" | "q") => Action::Quit,
                Some(other) => {
                    writeln!(
                        self.output,
                        "Unknown command :{}; try :hint :undo :bury :suspend :quit",
                        safe(other)
                    )?;
                    continue;
                }
            };
            return Ok(Reply::Act(action));
        }
    }

    fn grade(&mut self, _question: &Question, feedback: &Feedback) -> io::Result<Grade> {
        writeln!(self.output, "A: {}", safe(&feedback.answer))?;
        write_picture(&mut self.output, feedback.answer_picture.as_ref())?;
        if let Some(verdict) = verdict_line(feedback) {
            writeln!(self.output, "{verdict}")?;
        }
        if let Some(diff) = &feedback.diff {
            writeln!(self.output, "Difference: {}", diff_plain(diff))?;
        }
        if let Some(explain) = &feedback.explain {
            writeln!(self.output, "Why: {}", safe(explain))?;
        }
        write_picture(&mut self.output, feedback.explain_picture.as_ref())?;
        if let Some(source) = &feedback.source {
            writeln!(self.output, "Source: {}", safe(source))?;
        }
        let default = feedback
            .suggested
            .map(|r| format!(" [Enter = {}]", r.label().to_lowercase()))
            .unwrap_or_default();
        writeln!(self.output, "Rate: {}{default}", buttons_line(feedback))?;
        loop {
            let Some(line) = self.line()? else {
                return Ok(Grade::Act(Action::Quit));
            };
            let text = line.trim();
            if text.is_empty() {
                if let Some(r) = feedback.suggested {
                    return Ok(Grade::Rate(r));
                }
                writeln!(self.output, "Rate 1-4 (again, hard, good, easy):")?;
                continue;
            }
            match command(text) {
                Some("undo") => return Ok(Grade::Act(Action::Undo)),
                Some("quit" | "q") => return Ok(Grade::Act(Action::Quit)),
                Some("right") if feedback.can_overrule => return Ok(Grade::Overrule),
                Some("accept") if feedback.can_overrule => return Ok(Grade::AcceptTyped),
                Some(_) => {}
                None => {
                    if let Ok(rating) = text.parse::<Rating>() {
                        return Ok(Grade::Rate(rating));
                    }
                }
            }
            writeln!(self.output, "Rate 1-4 (again, hard, good, easy):")?;
        }
    }

    fn notify(&mut self, event: &Event) -> io::Result<()> {
        match event {
            Event::Changed => writeln!(self.output, "(This card changed since you last saw it.)"),
            Event::Leech {
                lapses,
                action,
                item,
            } => writeln!(
                self.output,
                "({})",
                super::items::leech_notice(*lapses, *action, item)
            ),
            Event::Undone => writeln!(self.output, "(Last answer undone.)"),
            Event::Unhidden => writeln!(self.output, "(The card is back.)"),
            Event::KeptOnQuit(rating) => writeln!(
                self.output,
                "(Your answer was saved, rated {}.)",
                rating.label()
            ),
            Event::NothingToUndo => writeln!(self.output, "(Nothing to undo.)"),
            Event::Buried => writeln!(self.output, "(Buried until tomorrow.)"),
            Event::Suspended => writeln!(self.output, "(Suspended.)"),
            Event::NothingDue {
                next_due,
                now,
                days,
            } => match next_due {
                Some(t) => writeln!(
                    self.output,
                    "Nothing due now; the next card is due {} ({}).",
                    super::when::due_phrase(*t, *now, *days),
                    super::when::local_rfc3339(*t, *days)
                ),
                None => writeln!(self.output, "Nothing due now."),
            },
        }
    }
}

#[cfg(test)]
mod tests;

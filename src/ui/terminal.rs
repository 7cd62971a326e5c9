//! The terminal face of a study session.
//!
//! Flip cards reveal on Enter or Space; typed answers use inquire's text line; multiple
//! choice, true/false and ratings use a list of [`super::list`], where an option is also
//! picked by its number and `m` opens the "… more" menu; an ordering is built by picking the
//! next item until none is left. Esc or Ctrl-C ends the session. Everything is drawn on
//! stderr, word-wrapped to the terminal's width.

use std::io::{self, Write};

use super::cancel::typed_line;
use super::fitted::help;
use super::list::{Ending, List};
use super::paint::Paint;
use super::render::{safe, status_line, verdict_line};
use super::wrap::{columns, wrap};
use crate::answer::Segment;
use crate::session::{
    Action, Event, Feedback, Form, Grade, Prompter, Question, Reply, Response, Status,
};

const FLIP_TITLE: &str = "Recall the answer, then press Enter";
const FLIP_HELP: &str = "↑↓ to move, Space shows the answer, m for more, Esc to end the session";
const RATE_HELP: &str = "↑↓ to move, Enter or 1-4 to rate, Esc to end the session";
const MENU_HELP: &str = "↑↓ to move, Enter to choose, Esc to go back";
/// The key that opens the "… more" menu of a question.
const MORE_KEY: char = 'm';
const TYPED_HELP: &str = "Enter alone shows the answer · :hint :undo :bury :suspend :edit :quit";
const MORE: &str = "… more (hint, undo, bury, suspend, edit, quit)";
const ACTIONS: [(&str, Option<Action>); 6] = [
    ("Show hint", None),
    ("Undo the last step", Some(Action::Undo)),
    ("Bury until tomorrow", Some(Action::Bury)),
    ("Suspend this card", Some(Action::Suspend)),
    ("Edit this card", Some(Action::Edit)),
    ("Quit", Some(Action::Quit)),
];

/// Prompts in a terminal.
pub struct TerminalPrompter {
    colors: Paint,
    /// The next card changed since the learner last saw it: said above its question.
    changed: bool,
    /// Pictures drawn, or said in words.
    pictures: super::picture::Drawing,
}

impl TerminalPrompter {
    /// A prompter drawing on stderr, coloured by the rule of [`crate::ui::paint`].
    #[must_use]
    pub fn on_stderr() -> Self {
        crate::hangup::watch_terminal();
        TerminalPrompter {
            colors: Paint::for_stderr(),
            changed: false,
            pictures: super::picture::Drawing::new(false),
        }
    }

    /// The same prompter, drawing pictures when `wanted` and the terminal can.
    #[must_use]
    pub fn with_pictures(mut self, wanted: bool) -> Self {
        self.pictures = super::picture::Drawing::new(wanted);
        self
    }

    fn picture(&self, picture: Option<&crate::deck::Shown>) -> io::Result<()> {
        picture.map_or(Ok(()), |p| self.pictures.show(p))
    }

    fn paint(&self, code: &str, text: &str) -> String {
        self.colors.paint(code, text)
    }

    fn say(&self, line: &str) -> io::Result<()> {
        let line = wrap(line, columns(), 0, 0);
        let mut err = io::stderr().lock();
        writeln!(err, "{line}")
    }

    /// Offers the actions; `None` when the learner picked the hint (shown) or backed out.
    fn more(&self, question: &Question) -> io::Result<Option<Action>> {
        let mut labels: Vec<String> = ACTIONS.iter().map(|(l, _)| (*l).to_owned()).collect();
        if question.picture.is_some() {
            labels.push(OPEN_PICTURE.to_owned());
        }
        let keys = help(MENU_HELP);
        let picked = match List::new("What now?", labels, &keys, self.colors).ask()? {
            Ending::Chose(i) => i,
            // Esc backs out to the question; Ctrl-C ends the session, as everywhere else.
            Ending::Escaped => return Ok(None),
            Ending::Interrupted => return Ok(Some(Action::Quit)),
        };
        if let Some(picture) = question
            .picture
            .as_ref()
            .filter(|_| picked == ACTIONS.len())
        {
            super::picture::open_in_viewer(picture)?;
            return Ok(None);
        }
        let action = ACTIONS.get(picked).and_then(|(_, a)| *a);
        if action.is_none() {
            self.hint(question)?;
        }
        Ok(action)
    }

    fn hint(&self, question: &Question) -> io::Result<()> {
        let hint = question
            .hint
            .as_deref()
            .map_or_else(|| "(no hint for this card)".to_owned(), safe);
        self.say(&self.paint("33", &format!("Hint: {hint}")))
    }

    /// Asks for one of `options` in a list that ends with "… more"; `flip` when the only
    /// option shows a flip card's answer (Space picks it), else each is picked by its number.
    fn pick(
        &self,
        question: &Question,
        message: &str,
        options: &[String],
        flip: bool,
    ) -> io::Result<Result<usize, Action>> {
        let numbered = !flip && options.len() <= 9;
        let mut keys: Vec<Option<char>> = (1..=options.len())
            .map(|n| char::from_digit(n as u32, 10).filter(|_| numbered))
            .collect();
        keys.push(Some(MORE_KEY));
        let text = if flip {
            FLIP_HELP.to_owned()
        } else if numbered {
            format!(
                "↑↓ to move, Enter or 1-{} to choose, m for more, Esc to end the session",
                options.len()
            )
        } else {
            "↑↓ to move, Enter to choose, m for more, Esc to end the session".to_owned()
        };
        let text = help(&text);
        loop {
            let mut plain: Vec<String> = options.iter().map(|o| safe(o)).collect();
            plain.push(MORE.to_owned());
            let mut list = List::new(message, plain, &text, self.colors).with_keys(keys.clone());
            if flip {
                list = list.with_hidden_key(' ', 0);
            }
            match list.ask()? {
                Ending::Chose(i) if i < options.len() => return Ok(Ok(i)),
                Ending::Chose(_) => {
                    if let Some(action) = self.more(question)? {
                        return Ok(Err(action));
                    }
                }
                Ending::Escaped | Ending::Interrupted => return Ok(Err(Action::Quit)),
            }
        }
    }

    fn order(&self, question: &Question, shown: &[String]) -> io::Result<Reply> {
        let mut left: Vec<usize> = (0..shown.len()).collect();
        let mut order = Vec::new();
        while left.len() > 1 {
            let names: Vec<String> = left.iter().map(|&i| shown[i].clone()).collect();
            let message = if order.is_empty() {
                "Which comes first?"
            } else {
                "Which comes next?"
            };
            match self.pick(question, message, &names, false)? {
                Ok(i) => order.push(left.remove(i)),
                Err(action) => return Ok(Reply::Act(action)),
            }
        }
        order.extend(left);
        Ok(Reply::Answer(Response::Ordered(order)))
    }

    fn typed(&self, question: &Question) -> io::Result<Reply> {
        loop {
            let keys = help(TYPED_HELP);
            let Some(text) = typed_line("Your answer:", &keys)? else {
                return Ok(Reply::Act(Action::Quit));
            };
            let action = match text.trim() {
                ":hint" => {
                    self.hint(question)?;
                    continue;
                }
                ":undo" => Action::Undo,
                ":bury" => Action::Bury,
                ":suspend" => Action::Suspend,
                ":edit" => Action::Edit,
                ":quit" | ":q" => Action::Quit,
                "" => return Ok(Reply::Answer(Response::Revealed)),
                other => return Ok(Reply::Answer(Response::Typed(other.to_owned()))),
            };
            return Ok(Reply::Act(action));
        }
    }

    fn diff(&self, segments: &[Segment]) -> String {
        if !self.colors.color {
            return super::render::diff_plain(segments);
        }
        let mut out = String::new();
        for segment in segments {
            match segment {
                Segment::Same(s) => out.push_str(&safe(s)),
                Segment::Missing(s) => out.push_str(&self.paint("32;4", &safe(s))),
                Segment::Extra(s) => out.push_str(&self.paint("31;9", &safe(s))),
                Segment::Changed { expected, .. } => {
                    out.push_str(&self.paint("33;4", &safe(expected)))
                }
            }
        }
        out
    }
}

/// Said above the question of a card whose text changed since the learner last saw it.
const CHANGED: &str = "This card changed since you last saw it.";
/// The entry of the "… more" menu of a question with a picture.
const OPEN_PICTURE: &str = "Open the picture in the viewer";

impl Prompter for TerminalPrompter {
    fn ask(&mut self, question: &Question, status: &Status) -> io::Result<Reply> {
        self.say("")?;
        self.say(&self.paint("2", &status_line(status)))?;
        if std::mem::take(&mut self.changed) {
            self.say(&self.paint("33", CHANGED))?;
        }
        let label = if question.form == Form::TrueFalse {
            "True or false? "
        } else {
            ""
        };
        self.say(&self.paint("1", &format!("{label}{}", safe(&question.prompt))))?;
        self.picture(question.picture.as_ref())?;
        match &question.form {
            Form::Type => self.typed(question),
            Form::Order { shown } => self.order(question, shown),
            Form::Choice { options, .. } => {
                Ok(match self.pick(question, "Your answer:", options, false)? {
                    Ok(i) => Reply::Answer(Response::Chose(i)),
                    Err(action) => Reply::Act(action),
                })
            }
            Form::TrueFalse => {
                let options = ["True".to_owned(), "False".to_owned()];
                Ok(
                    match self.pick(question, "Your answer:", &options, false)? {
                        Ok(i) => Reply::Answer(Response::Judged(i == 0)),
                        Err(action) => Reply::Act(action),
                    },
                )
            }
            Form::Flip => {
                let options = ["Show answer".to_owned()];
                Ok(match self.pick(question, FLIP_TITLE, &options, true)? {
                    Ok(_) => Reply::Answer(Response::Revealed),
                    Err(action) => Reply::Act(action),
                })
            }
        }
    }

    fn grade(&mut self, _question: &Question, feedback: &Feedback) -> io::Result<Grade> {
        self.say(&format!(
            "{} {}",
            self.paint("2", "Answer:"),
            self.paint("1;36", &safe(&feedback.answer))
        ))?;
        self.picture(feedback.answer_picture.as_ref())?;
        if let Some(verdict) = verdict_line(feedback) {
            let code = if feedback.correct == Some(true) {
                "32"
            } else {
                "31"
            };
            self.say(&self.paint(code, &verdict))?;
        }
        if let Some(diff) = &feedback.diff {
            self.say(&format!("Difference: {}", self.diff(diff)))?;
        }
        if let Some(explain) = &feedback.explain {
            self.say(&safe(explain))?;
        }
        self.picture(feedback.explain_picture.as_ref())?;
        if let Some(source) = &feedback.source {
            self.say(&self.paint("2", &format!("Source: {}", safe(source))))?;
        }
        let mut labels: Vec<String> = feedback
            .buttons
            .iter()
            .map(|(rating, wait)| format!("{} · {wait}", rating.label()))
            .collect();
        if feedback.can_overrule {
            labels.push("I was right: count it as correct".to_owned());
            labels.push("I was right: accept my answer from now on".to_owned());
        }
        labels.push("Undo the last step".to_owned());
        labels.push("Quit".to_owned());
        let start = feedback
            .suggested
            .map_or(2, crate::scheduler::Rating::index);
        let keys = (0..labels.len())
            .map(|i| char::from_digit(i as u32 + 1, 10).filter(|_| i < feedback.buttons.len()))
            .collect();
        let text = help(RATE_HELP);
        let list = List::new(
            "How well did you know it?",
            labels.clone(),
            &text,
            self.colors,
        )
        .with_keys(keys)
        .with_start(start);
        let Ending::Chose(index) = list.ask()? else {
            return Ok(Grade::Act(Action::Quit));
        };
        let index = index.min(labels.len() - 1);
        Ok(match index {
            0..=3 => Grade::Rate(feedback.buttons[index].0),
            _ if labels[index].starts_with("I was right: count") => Grade::Overrule,
            _ if labels[index].starts_with("I was right: accept") => Grade::AcceptTyped,
            _ if labels[index] == "Undo the last step" => Grade::Act(Action::Undo),
            _ => Grade::Act(Action::Quit),
        })
    }

    fn notify(&mut self, event: &Event) -> io::Result<()> {
        let line = match event {
            // Said with the card's question, not under the card before it.
            Event::Changed => {
                self.changed = true;
                return Ok(());
            }
            Event::Leech {
                lapses,
                action,
                item,
            } => super::items::leech_notice(*lapses, *action, item),
            Event::Undone => "Last answer undone.".to_owned(),
            Event::Unhidden => "The card is back.".to_owned(),
            Event::KeptOnQuit(rating) => {
                format!("Your answer was saved, rated {}.", rating.label())
            }
            Event::NothingToUndo => "Nothing to undo.".to_owned(),
            Event::Buried => "Buried until tomorrow.".to_owned(),
            Event::Suspended => "Suspended.".to_owned(),
            Event::NothingDue {
                next_due,
                now,
                days,
            } => match next_due {
                Some(t) => format!(
                    "Nothing due now; the next card is due {}.",
                    super::when::due_phrase(*t, *now, *days)
                ),
                None => "Nothing due now.".to_owned(),
            },
        };
        self.say(&self.paint("33", &line))
    }
}

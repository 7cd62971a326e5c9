//! What a session asks of the person at the keyboard, whatever the interface: the terminal
//! prompts, the plain line protocol, or a script in tests.

use std::io;

use chrono::{DateTime, Utc};

use super::question::{Question, Response};
use crate::answer::Segment;
use crate::scheduler::Rating;
use crate::scheduler::days::DayClock;

/// Something the learner can do instead of answering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// End the session now (Ctrl-C, Esc, end of input).
    Quit,
    /// Take back the last answer.
    Undo,
    /// Hide this card until tomorrow.
    Bury,
    /// Hide this card until it is unsuspended.
    Suspend,
    /// Open the card's deck file at the card.
    Edit,
}

/// The learner's reply to a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply {
    /// An answer.
    Answer(Response),
    /// An action instead.
    Act(Action),
}

/// The learner's reply after seeing the answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grade {
    /// A rating.
    Rate(Rating),
    /// "I was right": count a typed answer judged wrong as correct, rated Good.
    Overrule,
    /// Like [`Grade::Overrule`], and accept the typed text for this card from now on.
    AcceptTyped,
    /// An action instead.
    Act(Action),
}

/// Where the session stands, shown with every question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Status {
    /// Answers given so far.
    pub done: usize,
    /// New items waiting.
    pub new: usize,
    /// Items in steps waiting.
    pub learning: usize,
    /// Reviews waiting.
    pub review: usize,
    /// Seconds since the session started.
    pub elapsed_seconds: u64,
}

/// What the learner sees after answering.
#[derive(Debug, Clone, PartialEq)]
pub struct Feedback {
    /// The right answer.
    pub answer: String,
    /// `None` for no attempt; otherwise whether the answer was judged right.
    pub correct: Option<bool>,
    /// What was typed or chosen.
    pub given: Option<String>,
    /// Where a near miss differs from the answer.
    pub diff: Option<Vec<Segment>>,
    /// The card's explanation.
    pub explain: Option<String>,
    /// The picture shown with the answer, and the one shown with the explanation.
    pub answer_picture: Option<crate::deck::Shown>,
    /// See `answer_picture`.
    pub explain_picture: Option<crate::deck::Shown>,
    /// Where the card came from (the deck's `source`).
    pub source: Option<String>,
    /// The four ratings with the wait each would give ("1m", "3d").
    pub buttons: [(Rating, String); 4],
    /// The rating a correct or wrong attempt suggests.
    pub suggested: Option<Rating>,
    /// True when typed text could be overruled or accepted.
    pub can_overrule: bool,
}

/// Things a session tells the learner between questions.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// The card changed in its deck since it was last seen.
    Changed,
    /// The card has lapsed so often it is a leech.
    Leech {
        /// How many times it was forgotten.
        lapses: u32,
        /// What was done about it.
        action: super::leech::LeechAction,
        /// The item, as `DECK/ITEM`.
        item: String,
    },
    /// The last answer was taken back.
    Undone,
    /// Nothing to undo.
    NothingToUndo,
    /// The card was buried until tomorrow.
    Buried,
    /// The card was suspended.
    Suspended,
    /// Undo brought back the card buried or suspended last.
    Unhidden,
    /// The learner quit at the rating: the checked answer was saved with this rating.
    KeptOnQuit(crate::scheduler::Rating),
    /// Nothing is due; when the next card is.
    NothingDue {
        /// When the next card is due, if any is scheduled.
        next_due: Option<DateTime<Utc>>,
        /// The session's "now", to say the wait from.
        now: DateTime<Utc>,
        /// The learner's days (UTC offset, day start) of that card's deck, to say it in.
        days: DayClock,
    },
}

/// Shows questions and gathers answers.
pub trait Prompter {
    /// Shows a question and waits for the answer (or an action).
    ///
    /// # Errors
    /// A failure of the terminal or the input.
    fn ask(&mut self, question: &Question, status: &Status) -> io::Result<Reply>;

    /// Shows the answer and asks for a rating (or an action).
    ///
    /// # Errors
    /// A failure of the terminal or the input.
    fn grade(&mut self, question: &Question, feedback: &Feedback) -> io::Result<Grade>;

    /// Tells the learner something.
    ///
    /// # Errors
    /// A failure of the terminal.
    fn notify(&mut self, event: &Event) -> io::Result<()>;
}

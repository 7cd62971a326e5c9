//! Asking a quiz: one question after another, each answer judged and logged with the mode
//! `quiz`, under an optional time limit.
//!
//! The time limit is checked against the [`Clock`] before each question and when each reply
//! arrives: a reply that comes after the time ran out is not counted, and the quiz ends; every
//! question not answered by then counts as wrong.

use chrono::{DateTime, TimeDelta, Utc};

use super::QuizItem;
use super::forms::{self, Asked};
use super::prompter::{QuizPrompter, QuizStatus};
use super::report::{Answered, Ending, Report};
use crate::scheduler::{CardState, Rating};
use crate::session::{Clock, Form, Journal, JournalError, Response, ReviewRecord};

/// A drawn quiz, ready to ask.
#[derive(Debug, Clone)]
pub struct Quiz {
    /// The items the questions are about.
    pub items: Vec<QuizItem>,
    /// The questions, in order.
    pub asked: Vec<Asked>,
    /// The seed it was drawn with.
    pub seed: u64,
    /// The time allowed, if limited.
    pub time_limit: Option<TimeDelta>,
    /// Show each verdict as soon as it is given.
    pub immediate: bool,
}

/// Asks `quiz` and returns its report; each answer is logged through `journal` the moment it
/// is given.
///
/// # Errors
/// A failure of the prompter or the journal; everything answered before it is kept.
pub fn run_quiz(
    quiz: &Quiz,
    prompter: &mut dyn QuizPrompter,
    journal: &mut dyn Journal,
    clock: &dyn Clock,
) -> Result<Report, JournalError> {
    let started = clock.now();
    let deadline = quiz.time_limit.map(|limit| started + limit);
    let total = quiz.asked.len();
    let mut done = Vec::with_capacity(total);
    let mut ending = Ending::Finished;
    // Made at the first typed answer: a quiz of lists and choices never needs it.
    let mut known = None;
    for (n, asked) in quiz.asked.iter().enumerate() {
        let item = &quiz.items[asked.item];
        let asked_at = if n == 0 { started } else { clock.now() };
        if deadline.is_some_and(|d| asked_at >= d) {
            ending = Ending::TimeUp;
            break;
        }
        let status = QuizStatus {
            number: n + 1,
            total,
            millis_left: deadline.map(|d| millis_between(asked_at, d)),
            round: None,
        };
        let Some(response) = prompter.ask(&asked.question, &status)? else {
            ending = Ending::Quit;
            break;
        };
        let answered_at = clock.now();
        if deadline.is_some_and(|d| answered_at > d) {
            ending = Ending::TimeUp;
            break;
        }
        let known = match response {
            Response::Typed(_) => {
                Some(&*known.get_or_insert_with(|| forms::vocabulary(&quiz.items)))
            }
            _ => None,
        };
        let verdict = forms::judge(item, asked, &response, known);
        let answered = answered(item, asked, verdict, (asked_at, answered_at));
        log(journal, item, &answered, asked_at, "quiz")?;
        if quiz.immediate {
            prompter.show(&answered)?;
        }
        done.push(answered);
    }
    if ending == Ending::TimeUp {
        prompter.time_up()?;
    }
    for asked in &quiz.asked[done.len()..] {
        done.push(unanswered(&quiz.items[asked.item], asked));
    }
    Ok(Report::new(done, quiz.seed, (started, clock.now()), ending))
}

fn millis_between(from: DateTime<Utc>, to: DateTime<Utc>) -> u64 {
    u64::try_from((to - from).num_milliseconds()).unwrap_or(0)
}

/// The record of a judged reply.
pub(super) fn answered(
    item: &QuizItem,
    asked: &Asked,
    verdict: forms::Verdict,
    (asked_at, answered_at): (DateTime<Utc>, DateTime<Utc>),
) -> Answered {
    let millis = (answered_at - asked_at).num_milliseconds().max(0);
    let options = match &asked.question.form {
        Form::Choice { options, .. } => Some(options.clone()),
        Form::TrueFalse => Some(vec!["True".to_owned(), "False".to_owned()]),
        Form::Flip | Form::Type | Form::Order { .. } => None,
    };
    Answered {
        card: item.item_id.clone(),
        deck: item.deck_id.clone(),
        kind: asked.kind,
        prompt: asked.question.prompt.clone(),
        expected: asked.question.answer.clone(),
        given: verdict.given,
        options,
        picked: verdict.picked,
        correct: verdict.correct,
        seconds: millis as f64 / 1000.0,
        tags: item.card.tags.clone(),
        line: item.card.line,
        explain: item.card.explain.clone(),
        diff: verdict.diff,
        pictures: item.answer_pictures(),
    }
}

/// A question the quiz ended before: no answer, wrong, no time spent.
fn unanswered(item: &QuizItem, asked: &Asked) -> Answered {
    let verdict = forms::Verdict {
        correct: false,
        given: None,
        diff: None,
        picked: None,
    };
    let never = DateTime::<Utc>::UNIX_EPOCH;
    answered(item, asked, verdict, (never, never))
}

/// Logs a practice answer. It never moves the schedule: `before` and `after` are both the
/// card's state as it is. A card never studied is logged with no `before` and, as `after`,
/// the state of a new card (phase new, no reviews, no memory, due at the answer's time),
/// which the store does not write into the card: the card stays unstudied.
pub(super) fn log(
    journal: &mut dyn Journal,
    item: &QuizItem,
    answered: &Answered,
    time: DateTime<Utc>,
    mode: &'static str,
) -> Result<String, JournalError> {
    let after = item.state.clone().unwrap_or_else(|| CardState::new(time));
    journal.record(&ReviewRecord {
        deck_id: item.deck_id.clone(),
        item_id: item.item_id.clone(),
        time,
        rating: if answered.correct {
            Rating::Good
        } else {
            Rating::Again
        },
        answer: answered.given.clone(),
        correct: Some(answered.correct),
        duration_ms: (answered.seconds * 1000.0).round() as u64,
        mode,
        before: item.state.clone(),
        after,
    })
}

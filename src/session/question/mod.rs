//! Turning a study item into a question: which form it takes (flip, typed, multiple choice,
//! true/false, ordering) and the text it shows, and judging the response.

use rand::Rng;
use rand::seq::SliceRandom;

use super::distractors::{self, OtherAnswer, Target};
use crate::answer::{self, Context, Segment, Verdict, Vocabulary};
use crate::deck::{Answer, Card, Content, Side, answer_text, cloze, unfit_to_type};
use crate::scheduler::{CardState, Memory};

/// How the learner asked to be questioned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StudyMode {
    /// The natural form for each card (a card's own `mode` wins).
    #[default]
    Auto,
    /// Reveal and rate yourself.
    Flip,
    /// Type the answer.
    Type,
    /// Pick from options.
    Choice,
}

/// The form of a question and what it needs to be answered.
#[derive(Debug, Clone, PartialEq)]
pub enum Form {
    /// Show the prompt; the learner reveals the answer and rates themselves.
    Flip,
    /// The learner types the answer.
    Type,
    /// The learner picks one of `options`; `correct` is the right one's index.
    Choice {
        /// The options in the order shown.
        options: Vec<String>,
        /// Index of the right option.
        correct: usize,
    },
    /// The learner says whether the prompt is true.
    TrueFalse,
    /// The learner puts `shown` in order.
    Order {
        /// The items in the order shown (shuffled).
        shown: Vec<String>,
    },
}

/// One question, ready to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// What to show.
    pub prompt: String,
    /// How it is answered.
    pub form: Form,
    /// The answer, as shown after answering.
    pub answer: String,
    /// A hint, shown on request.
    pub hint: Option<String>,
    /// The picture shown with it, if any.
    pub picture: Option<crate::deck::Shown>,
}

/// A learner's answer to a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Response {
    /// Flip: the answer was revealed without an attempt.
    Revealed,
    /// Typed text (also a typed answer to any form).
    Typed(String),
    /// Index of the chosen option (multiple choice).
    Chose(usize),
    /// True or false.
    Judged(bool),
    /// The items of an ordering question, as indexes into the shown order.
    Ordered(Vec<usize>),
}

/// How a response was judged.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// `None` when there was no attempt (a flip).
    pub correct: Option<bool>,
    /// What was typed or chosen, as text, for the log.
    pub given: Option<String>,
    /// A near miss: the expected text and where the response differs.
    pub diff: Option<Vec<Segment>>,
}

/// In `--mode auto`, a card with `choices` of its own is asked as a multiple choice until its
/// memory is this many days stable, then typed (when its answer is short enough to type): an
/// easy start, then the harder recall that builds memory.
pub const TYPED_FROM_DAYS: f64 = 2.0;

/// How stable the memory of an item in `state` is, in days: FSRS's stability, else the
/// current interval (0 for an item never answered).
#[must_use]
pub fn stability_days(state: Option<&CardState>) -> f64 {
    let Some(state) = state else {
        return 0.0;
    };
    match state.memory {
        Some(Memory::Fsrs { stability, .. }) => stability,
        _ => state.last_review.map_or(0.0, |last| {
            (state.due - last).num_seconds() as f64 / 86_400.0
        }),
    }
}

/// The natural form of a card, given the learner's mode and the card's own, and how stable
/// the learner's memory of it is (days, see [`stability_days`]).
fn form_kind(card: &Card, side: Side, mode: StudyMode, stability: f64) -> StudyMode {
    let mode = match card.mode {
        crate::deck::PromptMode::Auto => mode,
        crate::deck::PromptMode::Flip => StudyMode::Flip,
        crate::deck::PromptMode::Type => StudyMode::Type,
        crate::deck::PromptMode::Choice => StudyMode::Choice,
    };
    match (&card.content, side, mode) {
        (Content::Basic { choices, back, .. }, Side::Forward, StudyMode::Auto)
            if !choices.is_empty() =>
        {
            if stability >= TYPED_FROM_DAYS && !unfit_to_type(&back.display()) {
                StudyMode::Type
            } else {
                StudyMode::Choice
            }
        }
        (_, _, StudyMode::Auto) => StudyMode::Flip,
        (_, _, other) => other,
    }
}

/// True when asking `side` of `card` in `mode` draws wrong options from other cards'
/// answers (the `distractors` of [`build`]): a multiple choice with no `choices` of its own.
#[must_use]
pub fn uses_distractors(card: &Card, side: Side, mode: StudyMode) -> bool {
    matches!(&card.content, Content::Basic { choices, .. } if choices.is_empty())
        && side != Side::Reverse
        && form_kind(card, side, mode, 0.0) == StudyMode::Choice
}

/// Builds the question for `side` of `card`. `pool` holds other cards' answers: the most
/// plausible of them serve as wrong options for multiple choice when the card lists no
/// `choices` (see [`distractors`]). The item is taken as new (see [`build_at`]).
pub fn build(
    card: &Card,
    side: Side,
    mode: StudyMode,
    pool: &[OtherAnswer],
    rng: &mut impl Rng,
) -> Question {
    build_at(card, side, mode, 0.0, pool, rng)
}

/// [`build`] for an item whose memory is `stability` days stable ([`stability_days`]): in
/// `--mode auto` a card with choices is typed from [`TYPED_FROM_DAYS`] on.
pub fn build_at(
    card: &Card,
    side: Side,
    mode: StudyMode,
    stability: f64,
    pool: &[OtherAnswer],
    rng: &mut impl Rng,
) -> Question {
    let hint = card.hint.clone();
    let kind = form_kind(card, side, mode, stability);
    match (&card.content, side) {
        (Content::TrueFalse { statement, answer }, _) => Question {
            prompt: statement.clone(),
            form: Form::TrueFalse,
            answer: if *answer { "True" } else { "False" }.to_owned(),
            hint,
            picture: None,
        },
        (Content::Order { prompt, items }, _) => {
            let mut shown = items.clone();
            shown.shuffle(rng);
            if shown == *items && items.len() > 1 {
                shown.rotate_left(1);
            }
            Question {
                prompt: prompt.clone(),
                form: Form::Order { shown },
                answer: items.join(" → "),
                hint,
                picture: None,
            }
        }
        (Content::Cloze { text, deletions }, Side::Deletion(i)) => {
            let deletion = deletions.get(i).or(deletions.first());
            let typed = kind == StudyMode::Type || kind == StudyMode::Choice;
            Question {
                prompt: cloze::render(text, i),
                form: if typed { Form::Type } else { Form::Flip },
                answer: deletion.map(|d| d.answer.clone()).unwrap_or_default(),
                hint: deletion.and_then(|d| d.hint.clone()).or(hint),
                picture: None,
            }
        }
        // Back to front, a question or a sentence is recalled, not typed word for word.
        (Content::Basic { front, back, .. }, Side::Reverse) => Question {
            prompt: back.display(),
            form: if kind == StudyMode::Type && !unfit_to_type(front) {
                Form::Type
            } else {
                Form::Flip
            },
            answer: front.clone(),
            hint,
            picture: None,
        },
        (
            Content::Basic {
                front,
                back,
                choices,
                ..
            },
            _,
        ) => {
            let answer = back.display();
            let form = match kind {
                StudyMode::Type => Form::Type,
                StudyMode::Choice => Target::of_card(card)
                    .map_or(Form::Flip, |target| choice(&target, choices, pool, rng)),
                _ => Form::Flip,
            };
            Question {
                prompt: front.clone(),
                form,
                answer,
                hint,
                picture: None,
            }
        }
        (Content::Cloze { text, .. }, _) => Question {
            prompt: cloze::render(text, 0),
            form: Form::Flip,
            answer: String::new(),
            hint,
            picture: None,
        },
    }
}

/// Up to three wrong options (the card's own, else the three most plausible of `pool`) and
/// the right one, shuffled. Falls back to a flip when the card has no options of its own and
/// `pool` holds fewer than three of the answer's kind: a list filled with answers of another
/// kind would give the right one away.
fn choice(target: &Target<'_>, own: &[String], pool: &[OtherAnswer], rng: &mut impl Rng) -> Form {
    let answer = target.answer.display();
    let mut wrong: Vec<String> = if own.is_empty() {
        distractors::pick(target, pool, distractors::WANTED, rng)
            .iter()
            .map(Answer::display)
            .collect()
    } else {
        own.to_vec()
    };
    if wrong.is_empty() || (own.is_empty() && wrong.len() < distractors::WANTED) {
        return Form::Flip;
    }
    wrong.push(answer.clone());
    wrong.shuffle(rng);
    let correct = wrong.iter().position(|o| *o == answer).unwrap_or(0);
    Form::Choice {
        options: wrong,
        correct,
    }
}

/// Judges a response to a question about `card`, knowing no other card's answers (see
/// [`judge_in`]).
#[must_use]
pub fn judge(card: &Card, side: Side, question: &Question, response: &Response) -> Judgement {
    judge_in(card, side, question, response, None)
}

/// Judges a response to a question about `card`. A typed word that is one of `known` (the
/// loaded decks' answers) is taken as meant, never forgiven as a typo of the answer.
#[must_use]
pub fn judge_in(
    card: &Card,
    side: Side,
    question: &Question,
    response: &Response,
    known: Option<&Vocabulary>,
) -> Judgement {
    let none = Judgement {
        correct: None,
        given: None,
        diff: None,
    };
    match (response, &question.form) {
        (Response::Revealed, _) => none,
        (Response::Chose(i), Form::Choice { options, correct }) => Judgement {
            correct: Some(i == correct),
            given: options.get(*i).cloned(),
            diff: None,
        },
        (Response::Judged(b), _) => Judgement {
            correct: Some(
                matches!(&card.content, Content::TrueFalse { answer, .. } if answer == b),
            ),
            given: Some(if *b { "true" } else { "false" }.to_owned()),
            diff: None,
        },
        (Response::Ordered(order), Form::Order { shown }) => {
            let given: Vec<&str> = order
                .iter()
                .filter_map(|&i| shown.get(i))
                .map(String::as_str)
                .collect();
            let right = matches!(&card.content, Content::Order { items, .. }
                if items.iter().map(String::as_str).eq(given.iter().copied()));
            Judgement {
                correct: Some(right),
                given: Some(given.join(" → ")),
                diff: None,
            }
        }
        (Response::Typed(text), _) => judge_typed(card, side, question, text, known),
        _ => none,
    }
}

fn judge_typed(
    card: &Card,
    side: Side,
    question: &Question,
    text: &str,
    known: Option<&Vocabulary>,
) -> Judgement {
    let given = Some(text.to_owned());
    if text.trim().is_empty() {
        return Judgement {
            correct: None,
            given: None,
            diff: None,
        };
    }
    let context = Context {
        known,
        in_order: card.in_order,
        ..Context::default()
    };
    let (verdict, expected, accept): (Verdict, Answer, Vec<String>) = match (&card.content, side) {
        (
            Content::Basic {
                back,
                accept,
                choices,
                ..
            },
            Side::Forward,
        ) => {
            let wrong = wrong_options(question, choices);
            let context = Context {
                wrong: &wrong,
                ..context
            };
            (
                answer::check_in(text, back, accept, &context),
                back.clone(),
                accept.clone(),
            )
        }
        (Content::TrueFalse { answer, .. }, _) => {
            let v = answer::check_bool(text, *answer);
            return Judgement {
                correct: Some(v.is_correct()),
                given,
                diff: None,
            };
        }
        (Content::Cloze { deletions, .. }, Side::Deletion(i)) if deletions.get(i).is_some() => {
            let blank = &deletions[i];
            let expected = answer_text::blank_answer(&blank.answer);
            let verdict = answer::check_in(text, &expected, &blank.accept, &context);
            (verdict, expected, blank.accept.clone())
        }
        _ => {
            let expected = Answer::Text(question.answer.clone());
            (
                answer::check_in(text, &expected, &[], &context),
                expected,
                Vec::new(),
            )
        }
    };
    let diff = match &verdict {
        Verdict::Exact | Verdict::Empty => None,
        _ => answer::near_miss(text, &expected, &accept)
            .filter(|(nearest, _)| is_near(text, nearest))
            .map(|(_, segments)| segments),
    };
    Judgement {
        correct: Some(verdict.is_correct()),
        given,
        diff,
    }
}

/// The wrong options a typed answer must not be mistaken for: those shown with a multiple
/// choice (drawn from other cards when the card has no `choices`), else the card's own.
fn wrong_options(question: &Question, choices: &[String]) -> Vec<String> {
    match &question.form {
        Form::Choice { options, correct } => options
            .iter()
            .enumerate()
            .filter(|(i, _)| i != correct)
            .map(|(_, o)| o.clone())
            .collect(),
        _ => choices.to_vec(),
    }
}

/// A wrong answer is worth a highlighted difference only when it is close: at most a third
/// of the answer's characters apart (and always for a forgiven typo).
fn is_near(typed: &str, expected: &str) -> bool {
    let (a, b) = (answer::normalize(typed), answer::normalize(expected));
    let distance = strsim::damerau_levenshtein(&a, &b);
    distance <= (b.chars().count() / 3).max(1)
}

#[cfg(test)]
mod tests;

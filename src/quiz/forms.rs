//! One card item as a question of a given [`Kind`], and the verdict on a reply.
//!
//! Typed, choice, order and cloze questions are the study session's own
//! ([`crate::session::question`]), forced into the wanted form whatever the card's `mode`
//! says. A true/false question about a front/back card is made here: the question is paired
//! either with its own answer or with one of the most plausible wrong options (see
//! [`distractors`]), the seeded generator deciding which. So is the multiple choice of a
//! reversed side whose answer is a question or a sentence, never typed back: the answer,
//! and its card's question among other questions whose answers are of the same kind.
//! Choice and true/false are offered only where three wrong options of the right kind exist.

use std::collections::HashMap;

use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, RngExt};

use super::{Kind, QuizItem};
use crate::answer::{self, Segment, Vocabulary};
use crate::deck::{Card, Content, PromptMode, Side, unfit_to_type};
use crate::session::distractors::{self, OtherAnswer, Target};
use crate::session::question::{self, Form, Question, Response, StudyMode};

/// A question ready to ask, with what is needed to judge it.
#[derive(Debug, Clone, PartialEq)]
pub struct Asked {
    /// Index of the item in the quiz's items.
    pub item: usize,
    /// Its type.
    pub kind: Kind,
    /// What is shown.
    pub question: Question,
    /// For a true/false question made from a front/back card: whether the pairing shown is
    /// the card's own answer.
    pub truth: Option<bool>,
}

/// The verdict on a reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// Right or not; no attempt counts as wrong.
    pub correct: bool,
    /// What was typed or chosen, as text; `None` for no attempt.
    pub given: Option<String>,
    /// A near miss: where a typed answer differs from the expected one.
    pub diff: Option<Vec<Segment>>,
    /// For a choice or true/false question: the number of the option picked, from 1, as
    /// shown (True is 1, False 2); `None` for no attempt or another kind.
    pub picked: Option<usize>,
}

/// Other cards' answers: the wrong options of choices and true/false pairings.
#[must_use]
pub fn answer_pool(items: &[QuizItem]) -> Vec<OtherAnswer> {
    // A card's tags end with its deck's, so the tags every item of a deck ends with are the
    // deck's own (or carried by all its cards alike, which tells the cards apart no better).
    let mut deck_tags: HashMap<&str, &[String]> = HashMap::new();
    for item in items {
        let tags = deck_tags.entry(&item.deck_id).or_insert(&item.card.tags);
        *tags = common_suffix(tags, &item.card.tags);
    }
    items
        .iter()
        .filter(|i| i.side == Side::Forward)
        .filter_map(|i| {
            let inherited = deck_tags.get(i.deck_id.as_str()).copied().unwrap_or(&[]);
            OtherAnswer::of_card(&i.card, inherited)
        })
        .collect()
}

/// The longest run of tags that both `a` and `b` end with.
fn common_suffix<'a>(a: &'a [String], b: &[String]) -> &'a [String] {
    let n = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    &a[a.len() - n..]
}

/// The types of question `item` can become, in [`Kind::ALL`] order.
#[must_use]
pub fn kinds_for(item: &QuizItem, pool: &[OtherAnswer]) -> Vec<Kind> {
    match (&item.card.content, item.side) {
        (Content::Basic { choices, .. }, Side::Forward) => {
            let others = Target::of_card(&item.card)
                .is_some_and(|t| distractors::enough(&t, pool, distractors::WANTED));
            let mut kinds = vec![Kind::Typed];
            if others || !choices.is_empty() {
                kinds.push(Kind::Choice);
            }
            if others {
                kinds.push(Kind::TrueFalse);
            }
            kinds
        }
        // A question or a sentence is no answer to type back: the learner picks it among
        // other cards' questions, or the side is not asked.
        (Content::Basic { front, .. }, Side::Reverse) if unfit_to_type(front) => {
            let others = Target::of_card(&item.card)
                .is_some_and(|t| distractors::enough_questions(&t, pool, distractors::WANTED));
            if others {
                vec![Kind::Choice]
            } else {
                Vec::new()
            }
        }
        (Content::Basic { .. }, _) => vec![Kind::Typed],
        (Content::TrueFalse { .. }, _) => vec![Kind::TrueFalse],
        (Content::Order { .. }, _) => vec![Kind::Order],
        (Content::Cloze { .. }, _) => vec![Kind::Cloze],
    }
}

/// Builds the question of type `kind` (one of [`kinds_for`]) for item number `index`, with
/// the picture of the side it asks.
pub fn build(
    index: usize,
    item: &QuizItem,
    kind: Kind,
    pool: &[OtherAnswer],
    rng: &mut impl Rng,
) -> Asked {
    let mut asked = build_plain(index, item, kind, pool, rng);
    let (picture, _) = item
        .card
        .pictures
        .question_and_answer(item.side == Side::Reverse);
    asked.question.picture = picture.map(|p| p.shown(item.folder.as_deref()));
    asked
}

fn build_plain(
    index: usize,
    item: &QuizItem,
    kind: Kind,
    pool: &[OtherAnswer],
    rng: &mut impl Rng,
) -> Asked {
    let mut card: Card = Card::clone(&item.card);
    card.mode = PromptMode::Auto;
    if let (Kind::Choice, Side::Reverse, Some(target)) = (kind, item.side, Target::of_card(&card)) {
        return Asked {
            item: index,
            kind,
            question: which_question(&target, card.hint.clone(), pool, rng),
            truth: None,
        };
    }
    if let (Kind::TrueFalse, Some(target)) = (kind, Target::of_card(&card)) {
        let (front, back) = (target.prompt, target.answer);
        let truth = rng.random_bool(0.5);
        let wrong = if truth {
            Vec::new()
        } else {
            distractors::pick(&target, pool, distractors::WANTED, rng)
        };
        let shown = wrong.choose(rng).unwrap_or(back).clone();
        let truth = shown == *back;
        let right = back.display();
        return Asked {
            item: index,
            kind,
            question: Question {
                prompt: format!("{front} — {}", shown.display()),
                form: Form::TrueFalse,
                answer: if truth {
                    "True".to_owned()
                } else {
                    format!("False (the answer is {right})")
                },
                hint: card.hint.clone(),
                picture: None,
            },
            truth: Some(truth),
        };
    }
    let mode = if kind == Kind::Choice {
        StudyMode::Choice
    } else {
        StudyMode::Type
    };
    Asked {
        item: index,
        kind,
        question: question::build(&card, item.side, mode, pool, rng),
        truth: None,
    }
}

/// A reversed card asked back to front as a multiple choice: its answer, and its question
/// among other cards' questions whose answers are of the same kind.
fn which_question(
    target: &Target<'_>,
    hint: Option<String>,
    pool: &[OtherAnswer],
    rng: &mut impl Rng,
) -> Question {
    let mut options = distractors::questions(target, pool, distractors::WANTED, rng);
    options.push(target.prompt.to_owned());
    options.shuffle(rng);
    let correct = options
        .iter()
        .position(|o| o == target.prompt)
        .unwrap_or_default();
    Question {
        prompt: format!(
            "{} — which of these does it answer?",
            target.answer.display()
        ),
        form: Form::Choice { options, correct },
        answer: target.prompt.to_owned(),
        hint,
        picture: None,
    }
}

/// The words of every answer the items' cards accept: a typed word that is one of them is
/// taken as meant, never forgiven as a typo of another answer. Each card counts once.
#[must_use]
pub fn vocabulary(items: &[QuizItem]) -> Vocabulary {
    let mut known = Vocabulary::new();
    let mut seen = std::collections::HashSet::new();
    for item in items {
        if seen.insert(std::sync::Arc::as_ptr(&item.card)) {
            known.add_card(&item.card);
        }
    }
    known
}

/// Judges `response` to `asked` about `item`, with `known` the words of the quiz's answers
/// (see [`vocabulary`]). An empty reply is a wrong answer.
#[must_use]
pub fn judge(
    item: &QuizItem,
    asked: &Asked,
    response: &Response,
    known: Option<&Vocabulary>,
) -> Verdict {
    if let Some(truth) = asked.truth {
        let said = match response {
            Response::Judged(b) => Some(*b),
            Response::Typed(text) => answer::parse_bool(text),
            _ => None,
        };
        return Verdict {
            correct: said == Some(truth),
            given: match response {
                Response::Typed(text) if said.is_none() => Some(text.clone()),
                _ => said.map(|b| if b { "true" } else { "false" }.to_owned()),
            },
            diff: None,
            picked: said.map(|b| if b { 1 } else { 2 }),
        };
    }
    let judged = question::judge_in(&item.card, item.side, &asked.question, response, known);
    let picked = match (response, &asked.question.form) {
        (Response::Chose(i), Form::Choice { .. }) => Some(i + 1),
        (Response::Judged(b), Form::TrueFalse) => Some(if *b { 1 } else { 2 }),
        _ => None,
    };
    Verdict {
        correct: judged.correct == Some(true),
        given: judged.given,
        diff: judged.diff,
        picked,
    }
}

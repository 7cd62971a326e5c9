//! Quiz formats for learning platforms: the questions a deck gives (wrong options drawn
//! as a multiple choice draws them, with a fixed seed) and their GIFT and Aiken files.

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand::seq::SliceRandom;

use super::{Exported, Tally, one_line, stable_hash};
use crate::deck::{Answer, Card, Content, Deck, cloze};
use crate::session::distractors::{self, OtherAnswer, Target};

/// A question of a quiz format, before it is written in that format's syntax.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// Typed: the answer and other accepted wordings.
    Short { text: String, answers: Vec<String> },
    /// A whole number.
    Numeric { text: String, answer: i64 },
    /// Pick one: the right answer first, then the wrong options.
    Choice {
        text: String,
        right: String,
        wrong: Vec<String>,
    },
    /// True or false.
    TrueFalse { text: String, answer: bool },
    /// Pair each position ("1", "2", …) with its item.
    Matching {
        text: String,
        pairs: Vec<(String, String)>,
    },
}

impl Question {
    /// What is asked.
    #[must_use]
    pub fn text(&self) -> &str {
        match self {
            Question::Short { text, .. }
            | Question::Numeric { text, .. }
            | Question::Choice { text, .. }
            | Question::TrueFalse { text, .. }
            | Question::Matching { text, .. } => text,
        }
    }
}

/// The wrong options of a front/back card: its `choices`, else those the quizzes would draw
/// from the deck's other answers, seeded by the card's id so each export gives the same.
fn wrong_options(card: &Card, pool: &[OtherAnswer]) -> Vec<String> {
    if let Content::Basic { choices, .. } = &card.content
        && !choices.is_empty()
    {
        return choices.clone();
    }
    let Some(target) = Target::of_card(card) else {
        return Vec::new();
    };
    let mut rng = ChaCha8Rng::seed_from_u64(stable_hash(&[&card.id]));
    distractors::pick(&target, pool, distractors::WANTED, &mut rng)
        .iter()
        .map(Answer::display)
        .collect()
}

/// The answer pool of a deck: every front/back card's answer.
fn pool(deck: &Deck) -> Vec<OtherAnswer> {
    deck.cards
        .iter()
        .filter_map(|c| OtherAnswer::of_card(c, &deck.tags))
        .collect()
}

/// The questions of a card for a format with typed, numeric, choice, true/false and
/// matching questions (GIFT, QTI): one for each of its items (a cloze deletion, a reversed
/// side). With `choice_only`, typed questions become multiple choices with wrong options
/// from [`wrong_options`] (none when there are too few).
fn questions(
    card: &Card,
    pool: &[OtherAnswer],
    choice_only: bool,
    tally: &mut Tally,
) -> Vec<Question> {
    let mut out = Vec::new();
    match &card.content {
        Content::Basic {
            front,
            back,
            accept,
            choices,
            reverse,
        } => {
            let text = front.clone();
            if !choices.is_empty() || choice_only {
                let wrong = wrong_options(card, pool);
                if wrong.is_empty() {
                    tally.add("no wrong options could be found, so no multiple choice was made");
                } else {
                    out.push(Question::Choice {
                        text,
                        right: back.display(),
                        wrong,
                    });
                }
            } else if let Answer::Number(n) = back {
                out.push(Question::Numeric { text, answer: *n });
            } else {
                let mut answers = vec![back.display()];
                answers.extend(accept.iter().cloned());
                out.push(Question::Short { text, answers });
            }
            if *reverse {
                if choice_only {
                    tally.add(
                        "the reversed side was left out (a multiple choice needs wrong options)",
                    );
                } else {
                    out.push(Question::Short {
                        text: back.display(),
                        answers: vec![front.clone()],
                    });
                }
            }
        }
        Content::TrueFalse { statement, answer } => out.push(Question::TrueFalse {
            text: statement.clone(),
            answer: *answer,
        }),
        Content::Cloze { text, deletions } => {
            if choice_only {
                tally.add("cloze cards were left out (no wrong options for a blank)");
            } else {
                for (i, d) in deletions.iter().enumerate() {
                    let mut answers = vec![d.answer.clone()];
                    answers.extend(d.accept.iter().cloned());
                    out.push(Question::Short {
                        text: cloze::render(text, i),
                        answers,
                    });
                }
            }
        }
        Content::Order { prompt, items } => {
            if choice_only {
                tally.add("orderings were left out (the format has no matching)");
            } else {
                out.push(Question::Matching {
                    text: format!("{prompt} Match each position with its item."),
                    pairs: items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| ((i + 1).to_string(), item.clone()))
                        .collect(),
                });
            }
        }
    }
    out
}

/// Every question of the cards, and the notes on what was lost. `media`: the format carries
/// the question's picture (the first question of a card, asked front to back); every other
/// picture is noted as left out.
#[must_use]
pub fn quiz_questions(
    deck: &Deck,
    cards: &[&Card],
    (choice_only, media): (bool, bool),
) -> (Vec<(String, Question)>, Vec<String>) {
    let pool = pool(deck);
    let mut tally = Tally::default();
    let mut out = Vec::new();
    for card in cards {
        let p = &card.pictures;
        if !media && !p.is_empty() {
            tally.add("pictures left out (GIFT and Aiken carry no media)");
        } else if media && (p.back.is_some() || p.explain.is_some()) {
            tally.add("answer and explanation pictures left out (QTI carries the question's)");
        }
        for (i, q) in questions(card, &pool, choice_only, &mut tally)
            .into_iter()
            .enumerate()
        {
            let id = if i == 0 {
                card.id.clone()
            } else {
                format!("{}.{}", card.id, i + 1)
            };
            out.push((id, q));
        }
    }
    (out, tally.lines())
}

/// Text escaped for GIFT: its special characters behind a backslash, line breaks as `\n`.
fn gift_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Moodle's GIFT: typed answers as short answers with every accepted wording, numbers as
/// numeric questions, choices, true/false, orderings as matching, cloze blanks as short
/// answers; a question an item, named by the card's id.
#[must_use]
pub fn gift(deck: &Deck, cards: &[&Card]) -> Exported {
    let (questions, notes) = quiz_questions(deck, cards, (false, false));
    let mut text = format!("// {}\n\n", one_line(&deck.title));
    for (id, q) in &questions {
        text.push_str(&format!("::{}::{}", gift_text(id), gift_text(q.text())));
        let body = match q {
            Question::Short { answers, .. } => answers
                .iter()
                .map(|a| format!("={}", gift_text(a)))
                .collect::<Vec<_>>()
                .join(" "),
            Question::Numeric { answer, .. } => format!("#{answer}"),
            Question::Choice { right, wrong, .. } => {
                let mut options = vec![format!("={}", gift_text(right))];
                options.extend(wrong.iter().map(|w| format!("~{}", gift_text(w))));
                options.join(" ")
            }
            Question::TrueFalse { answer, .. } => if *answer { "TRUE" } else { "FALSE" }.to_owned(),
            Question::Matching { pairs, .. } => pairs
                .iter()
                .map(|(l, r)| format!("={} -> {}", gift_text(l), gift_text(r)))
                .collect::<Vec<_>>()
                .join(" "),
        };
        text.push_str(&format!(" {{{body}}}\n\n"));
    }
    Exported {
        bytes: text.into_bytes(),
        count: questions.len(),
        notes,
    }
}

/// Aiken: multiple choice only. Front/back cards become choices (their `choices`, or wrong
/// options the quizzes would draw), true/false cards a choice of True and False; the
/// options are lettered in a shuffled order fixed by the card's id.
#[must_use]
pub fn aiken(deck: &Deck, cards: &[&Card]) -> Exported {
    let (questions, notes) = quiz_questions(deck, cards, (true, false));
    let mut text = String::new();
    for (id, q) in &questions {
        let (right, mut options) = match q {
            Question::Choice { right, wrong, .. } => {
                let mut all = vec![right.clone()];
                all.extend(wrong.iter().cloned());
                (right.clone(), all)
            }
            Question::TrueFalse { answer, .. } => (
                if *answer { "True" } else { "False" }.to_owned(),
                vec!["True".to_owned(), "False".to_owned()],
            ),
            _ => continue,
        };
        if matches!(q, Question::Choice { .. }) {
            options.shuffle(&mut ChaCha8Rng::seed_from_u64(stable_hash(&[id])));
        }
        text.push_str(&one_line(q.text()));
        text.push('\n');
        let mut key = 'A';
        for (letter, option) in ('A'..='Z').zip(&options) {
            text.push_str(&format!("{letter}. {}\n", one_line(option)));
            if *option == right {
                key = letter;
            }
        }
        text.push_str(&format!("ANSWER: {key}\n\n"));
    }
    Exported {
        bytes: text.into_bytes(),
        count: questions.len(),
        notes,
    }
}

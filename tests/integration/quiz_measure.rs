//! What issue 15 measures, over 40 seeded quizzes of 25 questions of every type:
//! - on the bundled deck, quizzes holding two items of one card, and typed questions whose
//!   expected answer is a question or a long sentence;
//! - on `tests/fixtures/revolution-kinds.toml` (no tags), how many wrong options and false
//!   true/false pairings are of the kind of the right answer. The kind of each answer is
//!   the deck author's word, kept here in [`TRUTH`], apart from the code that guesses it.
//!
//! `cargo test --locked --test integration quiz_measure -- --nocapture` prints the figures.

use std::collections::HashMap;

use recall::deck::{Options, parse};
use recall::quiz::forms::Asked;
use recall::quiz::{Kind, QuizItem, pick};
use recall::session::Form;

use crate::support::root;

const SEEDS: u64 = 40;
const COUNT: usize = 25;

/// The kind of every answer of the fixture deck, as its author labels it.
const TRUTH: &[(&str, &str)] = &[
    ("red-army-founder", "person"),
    ("general-secretary-1922", "person"),
    ("what-is-to-be-done-author", "person"),
    ("provisional-head", "person"),
    ("last-tsar", "person"),
    ("cheka-head", "person"),
    ("supreme-ruler", "person"),
    ("trotsky-assassin", "person"),
    ("lenin-wife", "person"),
    ("trotsky-death-place", "place"),
    ("lenin-swiss-city", "place"),
    ("lenin-arrival-station", "place"),
    ("capital-1918", "place"),
    ("naval-rising", "place"),
    ("peace-town", "place"),
    ("tsar-family-shot", "place"),
    ("first-foreign-exile", "place"),
    ("stalin-birthplace", "place"),
    ("stormed-building", "place"),
    ("political-police", "body"),
    ("first-government", "body"),
    ("policy-body", "body"),
    ("split-1903", "body"),
    ("world-party", "body"),
    ("trotskyist-international", "body"),
    ("assembly-winner", "body"),
    ("council-1905", "body"),
    ("party-daily", "work"),
    ("paper-1900", "work"),
    ("bureaucracy-book", "work"),
    ("state-pamphlet", "work"),
    ("april-programme", "work"),
    ("exile-history", "work"),
    ("last-letters", "work"),
    ("reed-book", "work"),
    ("spectre-pamphlet", "work"),
    ("lenin-death-year", "year"),
    ("trotsky-death-year", "year"),
    ("first-revolution-year", "year"),
    ("seizure-year", "year"),
    ("union-founded", "year"),
    ("trotsky-expelled-year", "year"),
    ("stalin-death-year", "year"),
    ("nep-year", "year"),
    ("commune-days", "number"),
    ("last-exile-years", "number"),
    ("plans-before-war", "number"),
    ("february-revolution-date", "date"),
    ("deportation-date", "date"),
    ("lenin-death-date", "date"),
];

fn quizzes(items: &[QuizItem]) -> Vec<Vec<Asked>> {
    (0..SEEDS)
        .map(|seed| pick::pick(items, &Kind::ALL, COUNT, seed))
        .collect()
}

/// Whether an expected answer would be unfair to type back: a question, or a sentence.
fn question_like(text: &str) -> bool {
    text.trim_end().ends_with('?') || text.split_whitespace().count() > 8
}

/// On the bundled deck: quizzes with two items of one card, and typed questions whose
/// expected answer is a question or a long sentence.
fn bundled_figures() -> (usize, usize) {
    let deck = recall::deck::bundled().deck.unwrap();
    let items = QuizItem::all_unstudied(&deck);
    let mut with_siblings = 0;
    let mut typed_questions = 0;
    for quiz in quizzes(&items) {
        let mut cards: Vec<&str> = quiz
            .iter()
            .map(|a| items[a.item].card.id.as_str())
            .collect();
        cards.sort_unstable();
        let before = cards.len();
        cards.dedup();
        with_siblings += usize::from(cards.len() < before);
        typed_questions += quiz
            .iter()
            .filter(|a| a.question.form == Form::Type && question_like(&a.question.answer))
            .count();
    }
    (with_siblings, typed_questions)
}

/// Wrong options and false pairings on the fixture deck: (of the right kind, all, made up).
/// An option no card of the deck answers was made up from the right answer (a nearby
/// number or date); it counts as of the right kind only when it is of the same sort of
/// value (a number for a number, a month date for a month date).
fn fixture_figures() -> (usize, usize, usize) {
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/revolution-kinds.toml")).unwrap();
    let deck = parse(
        &text,
        "revolution-kinds.toml",
        "revolution-kinds",
        Options::default(),
    )
    .deck
    .unwrap();
    let truth: HashMap<&str, &str> = TRUTH.iter().copied().collect();
    assert_eq!(truth.len(), deck.cards.len(), "every card is labelled");
    let answers: HashMap<String, &str> = deck
        .cards
        .iter()
        .map(|c| match &c.content {
            recall::deck::Content::Basic { back, .. } => (back.display(), truth[c.id.as_str()]),
            _ => panic!("{} is not a front/back card", c.id),
        })
        .collect();
    let items = QuizItem::all_unstudied(&deck);
    let (mut right, mut all, mut made) = (0, 0, 0);
    for quiz in quizzes(&items) {
        for asked in &quiz {
            let card = &items[asked.item].card;
            let recall::deck::Content::Basic { front, back, .. } = &card.content else {
                continue;
            };
            let wanted = truth[card.id.as_str()];
            let wrong: Vec<String> = match (&asked.question.form, asked.truth) {
                (Form::Choice { options, correct }, _) => options
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i != correct)
                    .map(|(_, o)| o.clone())
                    .collect(),
                (Form::TrueFalse, Some(false)) => {
                    let shown = asked
                        .question
                        .prompt
                        .strip_prefix(front.as_str())
                        .and_then(|rest| rest.strip_prefix(" — "))
                        .unwrap();
                    vec![shown.to_owned()]
                }
                _ => Vec::new(),
            };
            for option in wrong {
                all += 1;
                match answers.get(&option) {
                    Some(kind) => right += usize::from(*kind == wanted),
                    None => {
                        made += 1;
                        let same_sort = match back {
                            recall::deck::Answer::Number(_) => option.parse::<i64>().is_ok(),
                            recall::deck::Answer::Month { .. } => {
                                !option.starts_with(char::is_numeric)
                                    && option.split_whitespace().count() == 2
                            }
                            recall::deck::Answer::Text(_) => false,
                        };
                        right += usize::from(same_sort);
                    }
                }
            }
        }
    }
    (right, all, made)
}

#[test]
fn figures_of_issue_15() {
    let (with_siblings, typed_questions) = bundled_figures();
    let (right, all, made) = fixture_figures();
    let share = 100.0 * right as f64 / all.max(1) as f64;
    println!("bundled deck, {SEEDS} quizzes of {COUNT}:");
    println!("  quizzes with two items of one card: {with_siblings}");
    println!("  typed questions expecting a question or a sentence: {typed_questions}");
    println!("fixture deck, {SEEDS} quizzes of {COUNT}:");
    println!(
        "  wrong options and false pairings of the right kind: {right} of {all} ({share:.1}%), {made} made up"
    );
    assert!(all > 0);
    assert_eq!(with_siblings, 0, "a quiz holds one item of a card at most");
    assert_eq!(typed_questions, 0, "no question or sentence is typed back");
    assert!(
        right * 100 >= all * 97,
        "{right} of {all} of the right kind"
    );
}

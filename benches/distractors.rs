//! `cargo bench --bench distractors`: the cost of plausible wrong options on generated decks
//! of 10,000 and 100,000 front/back cards (names, phrases, spans of years, years, counts).
//!
//! - "pool": building the answer pool, as `recall study` does once while planning, next to
//!   "answers only", copying just the answers (what the pool held before it was ranked);
//! - "first pick": the first multiple-choice question, which folds every answer once;
//! - "next picks": each later question (the folded forms are kept);
//! - "enough, every card": the check a quiz makes for every card before drawing.
//!
//! Each figure is the best of `ROUNDS` runs. Not part of `cargo test`.

use std::hint::black_box;
use std::time::{Duration, Instant};

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use recall::deck::{Answer, Card, Content, PromptMode};
use recall::session::distractors::{self, OtherAnswer, Target};

const ROUNDS: usize = 5;
const PICKS: usize = 20;
const SIZES: [usize; 2] = [10_000, 100_000];
const FIRST: [&str; 8] = [
    "Anna", "Boris", "Clara", "Dmitri", "Elena", "Fyodor", "Galina", "Ivan",
];
const LAST: [&str; 6] = [
    "Petrov", "Ivanova", "Sokolov", "Volkova", "Orlov", "Lebedeva",
];

fn answer(i: usize) -> Answer {
    match i % 5 {
        0 => Answer::Text(format!("{} {}", FIRST[i % 8], LAST[i % 6])),
        1 => Answer::Text(format!("the committee of region {i}")),
        2 => Answer::Text(format!("{}-{}", 1900 + i % 100, 1903 + i % 100)),
        3 => Answer::Number(i64::try_from(1800 + i % 200).unwrap_or(1900)),
        _ => Answer::Text(format!("a policy of kind {}", i % 97)),
    }
}

fn deck(size: usize) -> Vec<Card> {
    (0..size)
        .map(|i| Card {
            id: format!("c{i}"),
            derived_id: false,
            line: i + 1,
            tags: vec![format!("group-{}", i % 40), "bench".to_owned()],
            hint: None,
            explain: None,
            cite: None,
            mode: PromptMode::Auto,
            kind: None,
            in_order: false,
            pictures: Default::default(),
            content: Content::Basic {
                front: format!("What is item {i} of the list?"),
                back: answer(i),
                accept: vec![format!("item {i}")],
                choices: Vec::new(),
                reverse: false,
            },
        })
        .collect()
}

fn target(card: &Card) -> Target<'_> {
    Target::of_card(card).expect("the bench deck has front/back cards only")
}

fn pool(cards: &[Card]) -> Vec<OtherAnswer> {
    let deck_tags = ["bench".to_owned()];
    cards
        .iter()
        .filter_map(|c| OtherAnswer::of_card(c, &deck_tags))
        .collect()
}

fn answers_only(cards: &[Card]) -> Vec<Answer> {
    cards
        .iter()
        .filter_map(|c| match &c.content {
            Content::Basic { back, .. } => Some(back.clone()),
            _ => None,
        })
        .collect()
}

fn best_of(mut f: impl FnMut() -> Duration) -> Duration {
    (0..ROUNDS).map(|_| f()).min().unwrap_or_default()
}

fn timed(f: impl FnOnce()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

fn main() {
    println!(
        "{:>8}  {:>10}  {:>12}  {:>11}  {:>11}  {:>16}",
        "cards", "pool", "answers only", "first pick", "next picks", "enough, every card"
    );
    for size in SIZES {
        let cards = deck(size);
        let built = best_of(|| timed(|| drop(black_box(pool(&cards)))));
        let answers = best_of(|| timed(|| drop(black_box(answers_only(&cards)))));
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        let first = best_of(|| {
            let fresh = pool(&cards);
            timed(|| {
                drop(black_box(distractors::pick(
                    &target(&cards[0]),
                    &fresh,
                    3,
                    &mut rng,
                )))
            })
        });
        let warm = pool(&cards);
        let _ = distractors::pick(&target(&cards[0]), &warm, 3, &mut rng);
        let next = best_of(|| {
            timed(|| {
                for card in cards.iter().step_by(size / PICKS).take(PICKS) {
                    black_box(distractors::pick(&target(card), &warm, 3, &mut rng));
                }
            })
        }) / u32::try_from(PICKS).unwrap_or(1);
        let any = best_of(|| {
            timed(|| {
                for card in &cards {
                    black_box(distractors::enough(
                        &target(card),
                        &warm,
                        distractors::WANTED,
                    ));
                }
            })
        });
        println!(
            "{size:>8}  {:>8.1}ms  {:>10.1}ms  {:>9.1}ms  {:>9.1}ms  {:>14.1}ms",
            ms(built),
            ms(answers),
            ms(first),
            ms(next),
            ms(any)
        );
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

//! Each kind of card answered with keys: a flip card revealed then rated, typed answers
//! judged, a multiple choice and a true-or-false picked with the arrows, a cloze, an
//! ordering built item by item, a reversed card, hints.

use std::path::Path;

use tempfile::TempDir;

use super::{ANSWER, DOWN, ENTER, FLIP, MORE, NOW, Pty, RATE, TOMORROW, log_json, ratings, triple};
use crate::fixtures::{Card, fixture};

/// A new temporary folder with the deck "Capitals" of `cards` as `deck.toml`.
fn deck(cards: impl IntoIterator<Item = Card>) -> TempDir {
    crate::fixtures::capitals_of(cards)
}

/// Waits for the rating list, checks that the cursor is on `rating` (the one suggested),
/// takes it with Enter, and returns the options.
fn take_suggested(pty: &mut Pty, rating: &str) -> Vec<String> {
    let (options, cursor) = pty.list(RATE);
    assert!(
        options[cursor].starts_with(&format!("{rating} · ")),
        "{options:?}"
    );
    pty.send(ENTER);
    options
}

/// The one answer logged: to `card`, right, rated `rating`, given as `answer`.
fn logged_right(dir: &Path, card: &str, rating: i64, answer: &str) {
    let log = log_json(dir);
    assert_eq!(log.len(), 1, "{log:?}");
    assert_eq!(log[0]["answer"], answer, "{log:?}");
    assert_eq!(ratings(dir), [triple(card, rating, Some(true))], "{log:?}");
}

#[test]
fn a_flip_card_is_revealed_with_enter_then_rated() {
    let dir = fixture("capitals");
    let mut pty = Pty::study(dir.path(), NOW, &["--limit", "1"]);
    pty.next_question(
        "0 done · 3 new · 0 learning · 0 review",
        "Capital of France?",
    );
    let (options, cursor) = pty.list(FLIP);
    assert_eq!((options[0].as_str(), cursor), ("Show answer", 0));
    assert!(options[1].starts_with(MORE), "{options:?}");
    pty.send(ENTER);
    pty.expect("Answer: Paris");
    pty.expect("On the Seine.");
    pty.expect("Source: An atlas");
    let (options, cursor) = pty.list(RATE);
    // The four ratings with their waits, Good first under the cursor when nothing was judged.
    assert!(options[0].starts_with("Again · "), "{options:?}");
    assert!(options[3].starts_with("Easy · "), "{options:?}");
    assert_eq!(cursor, 2, "{options:?}");
    pty.send(&format!("{DOWN}{ENTER}"));
    pty.expect_summary("Studied 1 card in");
    assert_eq!(ratings(dir.path()), [triple("fr", 4, None)]);
}

#[test]
fn typed_answers_are_judged_and_suggest_a_rating() {
    let dir = deck([
        Card::basic("fr", "Capital of France?", "Paris"),
        Card::basic("planet", "Largest planet?", "Jupiter"),
        Card::basic("it", "Capital of Italy?", "Rome"),
    ]);
    let mut pty = Pty::study(dir.path(), NOW, &["--mode", "type", "--limit", "3"]);
    pty.expect("Capital of France?");
    pty.expect(ANSWER);
    // The help line fits in 80 columns (inquire breaks a longer one with a newline).
    pty.expect("[Enter alone shows the answer · :hint :undo :bury :suspend :edit :quit]");
    pty.send(&format!("paris{ENTER}"));
    pty.expect_correct("Paris");
    take_suggested(&mut pty, "Good");

    pty.next_question("1 done ·", "Largest planet?");
    pty.answer("Jupiterr");
    pty.expect("Answer: Jupiter");
    pty.expect("typo forgiven");
    pty.expect("Difference:");
    take_suggested(&mut pty, "Good");

    pty.next_question("2 done ·", "Capital of Italy?");
    pty.answer("Milan");
    pty.expect("Answer: Rome");
    pty.expect("Not right: you answered \"Milan\"");
    // A wrong answer suggests Again, and the checker can be overruled.
    let options = take_suggested(&mut pty, "Again");
    assert!(
        options.iter().any(|o| o.starts_with("I was right")),
        "{options:?}"
    );
    let rest = pty.expect_summary("Studied 3 cards");
    // 2 of 3 is 66.7%, rounded to the nearest.
    assert!(rest.contains("67% right (2 of 3)"), "{rest}");
    assert_eq!(
        ratings(dir.path()),
        [
            triple("fr", 3, Some(true)),
            triple("it", 1, Some(false)),
            triple("planet", 3, Some(true)),
        ]
    );
}

#[test]
fn multiple_choice_is_answered_with_the_arrows() {
    let dir = deck([crate::fixtures::italy_with_choices("mc")]);
    let mut pty = Pty::study(dir.path(), NOW, &["--limit", "1"]);
    pty.expect("Capital of Italy?");
    let (options, _) = pty.list(ANSWER);
    let mut shown = options[..4].to_vec();
    shown.sort();
    assert_eq!(shown, ["Milan", "Naples", "Rome", "Turin"]);
    assert!(options[4].starts_with(MORE), "{options:?}");
    pty.choose_seen(&options, "Rome");
    pty.expect_correct("Rome");
    take_suggested(&mut pty, "Good");
    pty.finish_ok();
    logged_right(dir.path(), "mc", 3, "Rome");
}

#[test]
fn true_or_false_is_a_two_way_choice() {
    let dir = deck([
        Card::basic("tf", "Milan is the capital of Italy.", false).with("explain", "Rome is.")
    ]);
    let mut pty = Pty::study(dir.path(), NOW, &["--limit", "1"]);
    pty.expect("True or false? Milan is the capital of Italy.");
    let (options, cursor) = pty.list(ANSWER);
    assert_eq!(&options[..2], ["True", "False"]);
    assert_eq!(cursor, 0);
    pty.choose_seen(&options, "False");
    pty.expect_correct("False");
    pty.expect("Rome is.");
    pty.rate("Easy");
    pty.finish_ok();
    logged_right(dir.path(), "tf", 4, "false");
}

#[test]
fn a_cloze_hides_one_deletion_which_is_typed() {
    let dir = deck([Card::new("ban").with("cloze", "In {{1921}} the party banned {{factions}}.")]);
    let mut pty = Pty::study(dir.path(), NOW, &["--mode", "type", "--limit", "1"]);
    // One new item: the other deletion is a sibling, kept for another day.
    pty.expect("0 done · 1 new ·");
    let question = pty.expect(ANSWER);
    assert!(
        question.contains("In [...] the party banned factions."),
        "{question}"
    );
    pty.send(&format!("1921{ENTER}"));
    pty.expect_correct("1921");
    pty.rate("Good");
    pty.finish_ok();
    assert_eq!(ratings(dir.path()), [triple("ban:1", 3, Some(true))]);
}

#[test]
fn an_ordering_is_built_by_picking_the_next_item() {
    let dir = deck([Card::new("order")
        .with("front", "Order by population, largest first")
        .with("order", vec!["Paris", "Lyon", "Nice"])]);
    let mut pty = Pty::study(dir.path(), NOW, &["--limit", "1"]);
    pty.expect("Order by population, largest first");
    let (options, _) = pty.list("Which comes first?");
    let mut shown = options[..3].to_vec();
    shown.sort();
    assert_eq!(shown, ["Lyon", "Nice", "Paris"]);
    pty.choose_seen(&options, "Paris");
    let (options, _) = pty.list("Which comes next?");
    assert_eq!(options.len(), 3, "two items left and the menu: {options:?}");
    pty.choose_seen(&options, "Lyon");
    pty.expect_correct("Paris → Lyon → Nice");
    pty.rate("Good");
    pty.finish_ok();
    logged_right(dir.path(), "order", 3, "Paris → Lyon → Nice");
}

#[test]
fn a_reversed_card_asks_back_to_front_on_another_day() {
    let front = "Which party body made personnel decisions?";
    let dir = deck([Card::basic("orgburo", front, "The Orgburo").with("reverse", true)]);
    // Today the front side; its sibling waits for another day.
    let mut pty = Pty::study(dir.path(), NOW, &[]);
    pty.next_question("0 done · 1 new ·", front);
    pty.reveal();
    pty.expect("Answer: The Orgburo");
    pty.rate("Easy");
    pty.expect_summary("Studied 1 card in");

    let mut pty = Pty::study(dir.path(), TOMORROW, &[]);
    pty.expect("0 done · 1 new · 0 learning · 0 review");
    let question = pty.expect(FLIP);
    assert!(question.contains("The Orgburo"), "{question}");
    assert!(!question.contains("Which party body"), "{question}");
    pty.options(FLIP);
    pty.send(ENTER);
    pty.expect(&format!("Answer: {front}"));
    pty.rate("Easy");
    pty.finish_ok();
    assert_eq!(
        ratings(dir.path()),
        [
            triple("orgburo", 4, None),
            triple("orgburo:reverse", 4, None)
        ]
    );
}

#[test]
fn hints_are_shown_on_request_before_answering() {
    let dir = deck([
        Card::basic("fr", "Capital of France?", "Paris").with("hint", "On the Seine"),
        Card::basic("it", "Capital of Italy?", "Rome")
            .with("hint", "Seven hills")
            .with("mode", "type"),
    ]);
    let mut pty = Pty::study(dir.path(), NOW, &["--limit", "2"]);
    pty.expect("Capital of France?");
    pty.menu("Show hint");
    pty.expect("Hint: On the Seine");
    // Back at the question.
    pty.reveal();
    pty.expect("Answer: Paris");
    pty.rate("Easy");
    // A card with `mode = "type"` takes `:hint` on its answer line.
    pty.expect("Capital of Italy?");
    pty.answer(":hint");
    pty.expect("Hint: Seven hills");
    pty.answer("rome");
    pty.expect("Correct.");
    pty.rate("Easy");
    pty.finish_ok();
    assert_eq!(
        ratings(dir.path()),
        [triple("fr", 4, None), triple("it", 4, Some(true))]
    );
}

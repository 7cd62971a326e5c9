//! Tests of building questions and judging responses.

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

use super::*;
use crate::deck::test_support;

const CLOZE: &str = r#"[deck]
title = "Exile"
[[card]]
id = "exile"
cloze = "Trotsky was sent to {{Alma-Ata|Almaty::a city}} in {{January 1928}}, {{1,000}} miles from {{Kamenev and Zinovyev}} and {{1927}}."
[[card]]
id = "bloc"
front = "Who joined Trotsky in the United Opposition?"
back = "Kamenev and Zinovyev"
in_order = true
[[card]]
id = "place"
front = "Where was Trotsky's last home?"
back = "Coyoacán"
[[card]]
id = "town"
front = "Which town was renamed Sverdlovsk?"
back = "Yekaterinburg"
[[card]]
id = "man"
front = "Who gave Sverdlovsk its name?"
back = "Sverdlov"
"#;

/// Whether typing `reply` for `side` of card `card` of [`CLOZE`] is right, with or without
/// the deck's words known.
fn typed(card: usize, side: Side, reply: &str, known: bool) -> Option<bool> {
    let deck = test_support::deck_named(CLOZE, "c");
    let mut vocabulary = Vocabulary::new();
    deck.cards.iter().for_each(|c| vocabulary.add_card(c));
    let card = &deck.cards[card];
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let question = build(card, side, StudyMode::Type, &[], &mut rng);
    let reply = Response::Typed(reply.into());
    judge_in(card, side, &question, &reply, known.then_some(&vocabulary)).correct
}

#[test]
fn cloze_blanks_take_their_wordings_and_read_numbers_and_dates() {
    let blank = Side::Deletion;
    assert_eq!(typed(0, blank(0), "Almaty", false), Some(true));
    assert_eq!(typed(0, blank(0), "alma ata", false), Some(true));
    assert_eq!(typed(0, blank(0), "Verny", false), Some(false));
    assert_eq!(typed(0, blank(1), "Jan 1928", false), Some(true));
    assert_eq!(typed(0, blank(1), "1928-01", false), Some(true));
    assert_eq!(typed(0, blank(1), "February 1928", false), Some(false));
    assert_eq!(typed(0, blank(2), "1000", false), Some(true));
    assert_eq!(typed(0, blank(2), "one thousand", false), Some(true));
    assert_eq!(typed(0, blank(2), "1001", false), Some(false));
    assert_eq!(typed(0, blank(3), "Zinovyev & Kamenev", false), Some(true));
    assert_eq!(
        typed(0, blank(4), "nineteen twenty-seven", false),
        Some(true)
    );
    assert_eq!(typed(0, blank(4), "1928", false), Some(false));
}

#[test]
fn a_card_keeping_its_order_says_so() {
    assert_eq!(
        typed(1, Side::Forward, "Kamenev & Zinovyev", false),
        Some(true)
    );
    assert_eq!(
        typed(1, Side::Forward, "Zinovyev and Kamenev", false),
        Some(false)
    );
}

#[test]
fn another_cards_answer_is_never_a_typo() {
    assert_eq!(typed(2, Side::Forward, "Coyoacan", true), Some(true));
    assert_eq!(typed(2, Side::Forward, "Coyoacna", true), Some(true));
    // "Sverdlovsk" is a word of no answer; "Sverdlov" is another card's answer.
    assert_eq!(typed(3, Side::Forward, "Yekaterinberg", true), Some(true));
    assert_eq!(typed(4, Side::Forward, "Sverdlovk", true), Some(true));
    let deck = test_support::deck_named(CLOZE, "c");
    let mut vocabulary = Vocabulary::new();
    vocabulary.add_card(&deck.cards[4]);
    let answer = Answer::Text("Sverdlovsk".into());
    let context = Context {
        known: Some(&vocabulary),
        ..Context::default()
    };
    assert!(answer::check("Sverdlov", &answer, &[]).is_correct());
    assert!(!answer::check_in("Sverdlov", &answer, &[], &context).is_correct());
}

/// A deck of front/back cards, each given as (id, front, back), and its answer pool.
fn deck_and_pool(cards: &[(&str, &str, &str)]) -> (crate::deck::Deck, Vec<OtherAnswer>) {
    let deck = test_support::deck(&test_support::basic_deck_text(cards));
    let pool = deck
        .cards
        .iter()
        .filter_map(|c| OtherAnswer::of_card(c, &deck.tags))
        .collect();
    (deck, pool)
}

#[test]
fn a_choice_without_three_options_of_the_right_kind_is_a_flip() {
    let (deck, pool) = deck_and_pool(&[
        (
            "capital",
            "Which city became the capital in 1918?",
            "Moscow",
        ),
        ("exile", "To which town was Trotsky exiled?", "Alma Ata"),
        ("founder", "Who founded the Red Army?", "Leon Trotsky"),
        ("successor", "Who followed Lenin?", "Joseph Stalin"),
        (
            "writer",
            "Who wrote The Russian Revolution?",
            "Sheila Fitzpatrick",
        ),
        (
            "general",
            "Which general wrote a life of Trotsky?",
            "Dmitri Volkogonov",
        ),
    ]);
    let mut rng = ChaCha8Rng::seed_from_u64(3);
    // Three people wait for "Who founded the Red Army?"; one place for "Moscow".
    let person = build(
        &deck.cards[2],
        Side::Forward,
        StudyMode::Choice,
        &pool,
        &mut rng,
    );
    let Form::Choice { options, .. } = &person.form else {
        panic!("{person:?}")
    };
    assert_eq!(options.len(), 4);
    assert!(!options.contains(&"Moscow".to_owned()), "{options:?}");
    let place = build(
        &deck.cards[0],
        Side::Forward,
        StudyMode::Choice,
        &pool,
        &mut rng,
    );
    assert_eq!(place.form, Form::Flip);
}

#[test]
fn a_reversed_question_is_never_typed_back() {
    let text = test_support::deck_text(
        "[[card]]\nid = \"q\"\nfront = \"Which body ran the party?\"\nback = \"the Orgburo\"\nreverse = true\n\
            [[card]]\nid = \"t\"\nfront = \"Orgburo\"\nback = \"bureau of organization\"\nreverse = true\n",
    );
    let deck = test_support::deck(&text);
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let mut ask = |card: &Card| build(card, Side::Reverse, StudyMode::Type, &[], &mut rng);
    let question = ask(&deck.cards[0]);
    assert_eq!(
        (question.prompt.as_str(), &question.form),
        ("the Orgburo", &Form::Flip)
    );
    let term = ask(&deck.cards[1]);
    assert_eq!((term.answer.as_str(), &term.form), ("Orgburo", &Form::Type));
}

#[test]
fn a_typed_reply_as_close_to_a_shown_option_as_to_the_answer_is_wrong() {
    let (deck, pool) = deck_and_pool(&[
        ("bismarck", "Which kingdom did Bismarck serve?", "Prussia"),
        ("tsar", "Which empire did the tsar rule?", "Russia"),
        (
            "habsburg",
            "Which empire did the Habsburgs rule?",
            "Austria",
        ),
        ("vasa", "Which kingdom did the Vasa rule?", "Sweden"),
    ]);
    let card = &deck.cards[0];
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let choice = build(card, Side::Forward, StudyMode::Choice, &pool, &mut rng);
    let Form::Choice { options, .. } = &choice.form else {
        panic!("{choice:?}")
    };
    assert!(options.contains(&"Russia".to_owned()), "{options:?}");
    // "Pussia" is one letter from "Prussia", and one from the option "Russia".
    let reply = Response::Typed("Pussia".into());
    assert_eq!(
        judge(card, Side::Forward, &choice, &reply).correct,
        Some(false)
    );
    let typed = build(card, Side::Forward, StudyMode::Type, &pool, &mut rng);
    assert_eq!(
        judge(card, Side::Forward, &typed, &reply).correct,
        Some(true)
    );
}

/// `--mode auto`: a card with its own choices is a multiple choice while new and until its
/// memory is [`TYPED_FROM_DAYS`] stable, then typed; an answer too long to type stays a
/// choice, and the other modes are as asked.
#[test]
fn auto_mode_asks_a_choice_first_then_typed_once_memory_is_stable() {
    let card = |id: &str, front: &str, back: &str, wrong: &str| {
        format!(
            "[[card]]\nid = \"{id}\"\nfront = \"{front}\"\nback = \"{back}\"\nchoices = {wrong}\n"
        )
    };
    let long = "Because the kingdom was united and needed a capital at its historic heart";
    let text = format!(
        "[deck]\ntitle = \"Capitals\"\n{}{}",
        card(
            "it",
            "Capital of Italy?",
            "Rome",
            r#"["Milan", "Naples", "Turin"]"#
        ),
        card(
            "why",
            "Why did the capital move?",
            long,
            r#"["A flood", "A war", "A plague"]"#
        ),
    );
    let deck = test_support::deck_named(&text, "c");
    let mut rng = ChaCha8Rng::seed_from_u64(1);
    let mut form = |card: usize, mode: StudyMode, stability: f64| {
        let q = build_at(
            &deck.cards[card],
            Side::Forward,
            mode,
            stability,
            &[],
            &mut rng,
        );
        match q.form {
            Form::Choice { .. } => "choice",
            Form::Type => "type",
            Form::Flip => "flip",
            _ => "other",
        }
    };
    assert_eq!(form(0, StudyMode::Auto, 0.0), "choice");
    assert_eq!(form(0, StudyMode::Auto, 1.9), "choice");
    assert_eq!(form(0, StudyMode::Auto, TYPED_FROM_DAYS), "type");
    assert_eq!(form(0, StudyMode::Auto, 30.0), "type");
    assert_eq!(form(1, StudyMode::Auto, 30.0), "choice", "too long to type");
    assert_eq!(form(0, StudyMode::Flip, 30.0), "flip");
    assert_eq!(form(0, StudyMode::Choice, 30.0), "choice");
}

#[test]
fn stability_is_fsrs_memory_else_the_interval() {
    use chrono::{DateTime, TimeDelta, Utc};
    let now: DateTime<Utc> = "2026-03-10T10:00:00Z".parse().unwrap();
    assert!(stability_days(None).abs() < f64::EPSILON);
    let mut state = CardState::new(now);
    assert!(stability_days(Some(&state)).abs() < f64::EPSILON);
    state.last_review = Some(now);
    state.due = now + TimeDelta::days(3);
    assert!((stability_days(Some(&state)) - 3.0).abs() < 1e-9);
    state.memory = Some(Memory::Fsrs {
        stability: 1.5,
        difficulty: 5.0,
    });
    assert!((stability_days(Some(&state)) - 1.5).abs() < 1e-9);
}

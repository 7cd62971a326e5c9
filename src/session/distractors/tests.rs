//! Wrong options drawn for real cards of the bundled deck, and for small decks that isolate
//! one rule each.

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

use super::*;
use crate::deck::{Deck, test_support};

fn bundled() -> Deck {
    crate::deck::bundled().deck.unwrap()
}

fn pool_of(decks: &[&Deck]) -> Vec<OtherAnswer> {
    decks
        .iter()
        .flat_map(|d| {
            d.cards
                .iter()
                .filter_map(|c| OtherAnswer::of_card(c, &d.tags))
        })
        .collect()
}

fn target(card: &Card) -> Target<'_> {
    Target::of_card(card).unwrap_or_else(|| panic!("{} is not a front/back card", card.id))
}

fn card<'d>(deck: &'d Deck, id: &str) -> &'d Card {
    deck.cards.iter().find(|c| c.id == id).unwrap()
}

/// The options drawn for card `id` of `deck` with each of the seeds 0 to 39.
fn draws(deck: &Deck, pool: &[OtherAnswer], id: &str) -> Vec<Vec<Answer>> {
    let card = card(deck, id);
    (0..40)
        .map(|seed| pick(&target(card), pool, 3, &mut ChaCha8Rng::seed_from_u64(seed)))
        .collect()
}

fn texts(options: &[Answer]) -> Vec<String> {
    options.iter().map(Answer::display).collect()
}

#[test]
fn the_great_purge_years_get_only_spans_of_years() {
    let deck = bundled();
    let pool = pool_of(&[&deck]);
    for options in draws(&deck, &pool, "great-purge-years") {
        assert_eq!(options.len(), 3);
        for text in texts(&options) {
            assert_eq!(shape::of(&text).pattern, "#-#", "{text}");
            assert_ne!(text, "1936-1938");
        }
    }
}

#[test]
fn a_person_question_gets_names_of_people_it_does_not_mention() {
    let deck = bundled();
    let pool = pool_of(&[&deck]);
    // "With whom did Trotsky fight a personal power struggle after Lenin's death, and lose?"
    for options in draws(&deck, &pool, "rival-after-lenin") {
        assert_eq!(options.len(), 3);
        for text in texts(&options) {
            let shape = shape::of(&text);
            assert_eq!(shape.class, Class::Name, "{text}");
            assert!(!shape.article, "{text} is no person");
            assert!(!text.contains("Trotsky"), "the question names {text}");
            assert!(!text.contains("Stalin"), "{text} is the answer");
        }
    }
    // "Which two prominent Bolsheviks helped Stalin defeat Trotsky's call…?": the two it
    // names are never offered.
    for options in draws(&deck, &pool, "stalin-allies-1923") {
        let shown = texts(&options);
        assert!(
            shown
                .iter()
                .all(|t| !t.contains("Stalin") && !t.contains("Trotsky")),
            "{shown:?}"
        );
    }
}

#[test]
fn years_get_near_years_and_counts_near_counts() {
    let deck = bundled();
    let pool = pool_of(&[&deck]);
    for options in draws(&deck, &pool, "death-year") {
        assert_eq!(options.len(), 3);
        for option in &options {
            let Answer::Number(n) = option else {
                panic!("{option:?}")
            };
            assert!(synth::year_like(*n) && *n != 1940 && n.abs_diff(1940) <= 50);
        }
    }
    // The deck holds no other count near 10 (its other numbers are 75 and years): nearby
    // counts are made up, and they differ from one draw to another.
    let mut seen = HashSet::new();
    for options in draws(&deck, &pool, "outcast-decade") {
        assert_eq!(options.len(), 3);
        for option in &options {
            let Answer::Number(n) = option else {
                panic!("{option:?}")
            };
            assert!((4..=16).contains(n) && *n != 10, "{n}");
            seen.insert(*n);
        }
    }
    assert!(seen.len() > 3, "{seen:?}");
}

#[test]
fn a_month_gets_month_names_and_a_month_date_near_dates() {
    let deck = bundled();
    let pool = pool_of(&[&deck]);
    for options in draws(&deck, &pool, "seizure-of-power-month") {
        for text in texts(&options) {
            assert!(shape::month_index(&text).is_some(), "{text}");
            assert_ne!(text, "October");
        }
    }
    for options in draws(&deck, &pool, "deportation-date") {
        assert_eq!(options.len(), 3);
        for option in &options {
            let Answer::Month { year, .. } = option else {
                panic!("{option:?}")
            };
            assert!((1924..=1934).contains(year), "{option:?}");
            assert_ne!(option.display(), "January 1929");
        }
    }
}

/// No option of any card is the answer, one of its accepted wordings, of another kind or
/// form, or the same as another option once folded; three come whenever [`enough`] says
/// so, which it does for most cards of the bundled deck.
#[test]
fn options_are_wrong_distinct_and_of_the_same_kind_for_every_card() {
    let deck = bundled();
    let pool = pool_of(&[&deck]);
    let (mut served, mut basic) = (0, 0);
    for card in deck
        .cards
        .iter()
        .filter(|c| matches!(c.content, Content::Basic { .. }))
    {
        let target = target(card);
        let right: Vec<String> = std::iter::once(target.answer.display())
            .chain(target.accept.iter().cloned())
            .map(|t| normalize(&t))
            .collect();
        let full = enough(&target, &pool, WANTED);
        served += usize::from(full);
        for seed in 0..10 {
            let options = pick(&target, &pool, 3, &mut ChaCha8Rng::seed_from_u64(seed));
            assert_eq!(options.len() == 3, full, "{}: {options:?}", card.id);
            let mut folded: Vec<String> = options.iter().map(|o| normalize(&o.display())).collect();
            assert!(
                folded.iter().all(|f| !right.contains(f)),
                "{}: {options:?}",
                card.id
            );
            for option in &options {
                assert!(same_form(option, target.answer), "{}", card.id);
                // An option another card answers is of that card's kind.
                if let Some(other) = pool.iter().find(|o| o.answer == *option) {
                    assert_eq!(other.kind(), target.kind, "{}: {option:?}", card.id);
                }
            }
            let count = folded.len();
            folded.sort();
            folded.dedup();
            assert_eq!(folded.len(), count, "{}: {options:?}", card.id);
        }
        basic += 1;
    }
    assert!(served * 4 >= basic * 3, "{served} of {basic}");
}

#[test]
fn the_same_seed_draws_the_same_options_and_equals_are_drawn_at_random() {
    let deck = bundled();
    let pool = pool_of(&[&deck]);
    let first = draws(&deck, &pool, "reading-deutscher");
    assert_eq!(first, draws(&deck, &pool, "reading-deutscher"));
    let mut sets: Vec<Vec<String>> = first
        .iter()
        .map(|o| {
            let mut t = texts(o);
            t.sort();
            t
        })
        .collect();
    sets.sort();
    sets.dedup();
    assert!(sets.len() > 1, "always {sets:?}");
}

const HISTORY: &str = r#"[deck]
title = "History"
tags = ["history"]
[[card]]
id = "emperor"
front = "Who crowned himself emperor in 1804?"
back = "Napoleon Bonaparte"
tags = ["war"]
[[card]]
id = "chancellor"
front = "Who unified Germany?"
back = "Otto Bismarck"
tags = ["peace"]
"#;

const NAVY: &str = r#"[deck]
title = "Navy"
tags = ["navy"]
[[card]]
id = "trafalgar"
front = "Who won at Trafalgar?"
back = "Horatio Nelson"
tags = ["war"]
"#;

#[test]
fn a_tag_of_the_card_weighs_more_than_a_tag_of_its_deck() {
    let history = test_support::deck_named(HISTORY, "h");
    let navy = test_support::deck_named(NAVY, "n");
    let pool = pool_of(&[&history, &navy]);
    assert_eq!(pool[1].inherited(), 1);
    // Bismarck shares the deck's "history", Nelson the card's own "war".
    let emperor = target(card(&history, "emperor"));
    for seed in 0..20 {
        let first = pick(&emperor, &pool, 1, &mut ChaCha8Rng::seed_from_u64(seed));
        assert_eq!(texts(&first), ["Horatio Nelson"]);
    }
    // Were "history" the card's own tag, both would be as close.
    let flat: Vec<OtherAnswer> = [&history, &navy]
        .iter()
        .flat_map(|d| d.cards.iter().filter_map(|c| OtherAnswer::of_card(c, &[])))
        .collect();
    let firsts: HashSet<String> = (0..20)
        .map(|seed| {
            texts(&pick(
                &emperor,
                &flat,
                1,
                &mut ChaCha8Rng::seed_from_u64(seed),
            ))
            .join("")
        })
        .collect();
    assert_eq!(firsts.len(), 2, "{firsts:?}");
}

#[test]
fn made_up_options_fill_in_only_where_they_are_safe() {
    let answer = Answer::Number(1917);
    let none: Vec<String> = Vec::new();
    let year = Target {
        prompt: "When?",
        answer: &answer,
        accept: &none,
        tags: &none,
        kind: AnswerKind::Year,
    };
    let options = pick(&year, &[], 3, &mut ChaCha8Rng::seed_from_u64(1));
    assert_eq!(options.len(), 3);
    assert!(enough(&year, &[], 3));
    let text = Answer::Text("Paris".into());
    let city = Target {
        answer: &text,
        kind: AnswerKind::Place,
        ..year
    };
    assert!(pick(&city, &[], 3, &mut ChaCha8Rng::seed_from_u64(1)).is_empty());
    assert!(!enough(&city, &[], 1));
    // A made-up option never equals an accepted wording: "1941" is accepted for 1940 here.
    let answer = Answer::Number(1940);
    let accept = vec!["1941".to_owned(), "1939".to_owned()];
    let death = Target {
        answer: &answer,
        accept: &accept,
        ..year
    };
    for seed in 0..20 {
        let options = texts(&pick(&death, &[], 3, &mut ChaCha8Rng::seed_from_u64(seed)));
        assert!(
            options
                .iter()
                .all(|o| o != "1941" && o != "1939" && o != "1940"),
            "{options:?}"
        );
    }
}

#[test]
fn a_kind_the_card_states_wins_over_the_guess() {
    let text = test_support::basic_deck_text(&[
        ("caspian", "What lay east of the Caspian?", "Kazakhstan"),
        ("capital", "Which city was the capital?", "Moscow"),
        ("exile", "To which town was he exiled?", "Alma Ata"),
        ("island", "On which island did he live?", "Prinkipo"),
        (
            "doctrine",
            "What did Stalin build, by his own slogan?",
            "Socialism in One Country",
        ),
        ("bureau", "What did Stalin head?", "Orgburo"),
    ])
    .replace(
        "back = \"Kazakhstan\"\n",
        "back = \"Kazakhstan\"\nkind = \"place\"\n",
    );
    let deck = test_support::deck_named(&text, "s");
    let pool = pool_of(&[&deck]);
    let caspian = card(&deck, "caspian");
    assert_eq!(kinds::of_card(caspian), Some(AnswerKind::Place));
    let mut unstated = caspian.clone();
    unstated.kind = None;
    assert_eq!(
        kinds::of_card(&unstated),
        Some(AnswerKind::Concept),
        "a guess"
    );
    for options in draws(&deck, &pool, "caspian") {
        let mut shown = texts(&options);
        shown.sort();
        assert_eq!(shown, ["Alma Ata", "Moscow", "Prinkipo"]);
    }
}

//! Drawing a quiz: which items, in which order, as which type of question. Everything comes
//! from one ChaCha8 generator seeded with the quiz's seed, whose stream is fixed forever, so
//! the same seed and the same decks always give the same questions in the same order.

use std::collections::HashSet;

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand::seq::{IndexedRandom, SliceRandom};

use super::forms::{self, Asked};
use super::{Kind, QuizItem};

/// What the items of one card share: its deck and its id.
#[must_use]
pub fn card_key(item: &QuizItem) -> (&str, &str) {
    (&item.deck_id, &item.card.id)
}

/// Of `order` (indexes into `items`), the first item of each card, in that order, and the
/// others after it, which wait for a later round.
#[must_use]
pub fn one_per_card(items: &[QuizItem], order: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let mut cards = HashSet::new();
    order
        .iter()
        .partition(|&&i| cards.insert(card_key(&items[i])))
}

/// Draws up to `count` questions from `items`, each of a type in `kinds` that its card
/// allows. Items no allowed type fits are left out, and so is every item of a card already
/// drawn: two sides of a reversed card, or two deletions of a cloze, give each other away.
#[must_use]
pub fn pick(items: &[QuizItem], kinds: &[Kind], count: usize, seed: u64) -> Vec<Asked> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let pool = forms::answer_pool(items);
    let mut candidates: Vec<(usize, Vec<Kind>)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let allowed = forms::kinds_for(item, &pool)
                .into_iter()
                .filter(|k| kinds.contains(k))
                .collect::<Vec<_>>();
            (i, allowed)
        })
        .filter(|(_, allowed)| !allowed.is_empty())
        .collect();
    candidates.shuffle(&mut rng);
    let mut cards = HashSet::new();
    candidates.retain(|(i, _)| cards.insert(card_key(&items[*i])));
    candidates.truncate(count);
    candidates
        .into_iter()
        .map(|(i, allowed)| {
            let kind = *allowed.choose(&mut rng).unwrap_or(&Kind::Typed);
            forms::build(i, &items[i], kind, &pool, &mut rng)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::test_support;
    use crate::session::Form;

    pub(crate) fn bundled_items() -> Vec<QuizItem> {
        QuizItem::all_unstudied(&crate::deck::bundled().deck.unwrap())
    }

    #[test]
    fn the_same_seed_draws_the_same_quiz_and_another_seed_another() {
        let items = bundled_items();
        let a = pick(&items, &Kind::ALL, 20, 7);
        assert_eq!(a.len(), 20);
        assert_eq!(a, pick(&items, &Kind::ALL, 20, 7));
        let b = pick(&items, &Kind::ALL, 20, 8);
        assert_ne!(
            a.iter().map(|q| q.item).collect::<Vec<_>>(),
            b.iter().map(|q| q.item).collect::<Vec<_>>()
        );
        let mut seen: Vec<(&str, &str)> = a.iter().map(|q| card_key(&items[q.item])).collect();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), 20, "no card twice");
    }

    #[test]
    fn only_the_types_asked_for_are_drawn() {
        let items = bundled_items();
        for kind in Kind::ALL {
            let quiz = pick(&items, &[kind], 500, 1);
            assert!(!quiz.is_empty(), "{kind}");
            assert!(quiz.iter().all(|q| q.kind == kind), "{kind}");
        }
        let all = pick(&items, &Kind::ALL, 10_000, 3);
        let mut kinds: Vec<Kind> = all.iter().map(|q| q.kind).collect();
        kinds.sort();
        kinds.dedup();
        assert_eq!(kinds, Kind::ALL);
    }

    #[test]
    fn true_or_false_pairs_are_judged_by_their_truth() {
        let items = bundled_items();
        let quiz = pick(&items, &[Kind::TrueFalse], 500, 5);
        let made: Vec<&Asked> = quiz.iter().filter(|q| q.truth.is_some()).collect();
        assert!(made.iter().any(|q| q.truth == Some(true)));
        assert!(made.iter().any(|q| q.truth == Some(false)));
        for asked in made {
            let truth = asked.truth.unwrap();
            let item = &items[asked.item];
            let right = crate::session::Response::Judged(truth);
            let wrong = crate::session::Response::Judged(!truth);
            assert!(forms::judge(item, asked, &right, None).correct);
            assert!(!forms::judge(item, asked, &wrong, None).correct);
        }
    }

    const DECK: &str = r#"[deck]
title = "Pinned"
[[card]]
id = "fr"
front = "Capital of France?"
back = "Paris"
[[card]]
id = "it"
front = "Capital of Italy?"
back = "Rome"
[[card]]
id = "es"
front = "Capital of Spain?"
back = "Madrid"
[[card]]
id = "pt"
front = "Capital of Portugal?"
back = "Lisbon"
[[card]]
id = "tf"
front = "The Danube flows into the Black Sea."
back = true
[[card]]
id = "ord"
front = "Smallest first"
order = ["one", "two", "three"]
[[card]]
id = "cz"
cloze = "{{Vienna}} is on the {{Danube}}."
"#;

    /// The draw is pinned: a seed handed to a class must give the same quiz in every later
    /// version. A change here means every seed ever given out now draws another quiz.
    #[test]
    fn seed_2026_draws_this_quiz() {
        let deck = test_support::deck_named(DECK, "p");
        let items = QuizItem::all_unstudied(&deck);
        let drawn: Vec<String> = pick(&items, &Kind::ALL, 20, 2026)
            .iter()
            .map(|a| {
                let shown = match &a.question.form {
                    Form::Choice { options, .. } => options.join("/"),
                    Form::Order { shown } => shown.join("/"),
                    _ => a.question.prompt.clone(),
                };
                format!("{} {} {shown}", items[a.item].item_id, a.kind)
            })
            .collect();
        assert_eq!(drawn, PINNED);
    }

    /// Recorded from the first implementation (rand 0.10's ChaCha8 and shuffles), and
    /// recorded again when wrong options came to be ranked by plausibility
    /// ([`crate::session::distractors`]): from then on "Capital of France?" is offered the
    /// other capitals in another order, and "Capital of Spain?" is paired with Rome.
    /// Recorded a third time when a quiz came to hold one item of a card at most: the
    /// cloze's second deletion, which gave its first away, is left out, and the generator,
    /// drawing one type fewer, asks "Capital of Spain?" as a choice.
    const PINNED: [&str; 7] = [
        "tf truefalse The Danube flows into the Black Sea.",
        "fr choice Lisbon/Rome/Madrid/Paris",
        "ord order one/three/two",
        "pt typed Capital of Portugal?",
        "cz:1 cloze [...] is on the Danube.",
        "it typed Capital of Italy?",
        "es choice Paris/Madrid/Rome/Lisbon",
    ];
}

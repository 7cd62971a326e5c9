//! The computation on small stores in memory: what counts and what does not.

use chrono::{DateTime, TimeDelta, Utc};

use super::*;
use crate::library::DeckSync;
use crate::scheduler::{CardState, Phase, Rating};
use crate::store::Review;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-03-10T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn deck(id: &str, cards: &[&str]) -> Deck {
    let mut text = format!("[deck]\ntitle = \"T\"\nid = \"{id}\"\n");
    for id in cards {
        text.push_str(&format!(
            "[[card]]\nid = \"{id}\"\nfront = \"Q {id}\"\nback = \"A {id}\"\n"
        ));
    }
    crate::deck::test_support::deck(&text)
}

/// Records a study answer at `time` leaving the card in review, due in `days` days.
fn answer(store: &mut Store, deck: &str, card: &str, time: DateTime<Utc>, days: i64) {
    let after = CardState {
        phase: Phase::Review,
        due: time + TimeDelta::days(days),
        last_review: Some(time),
        reps: 1,
        lapses: 0,
        memory: None,
    };
    store
        .record_review(&Review::new(deck, card, time, Rating::Good, None, after))
        .unwrap();
}

#[test]
fn orphans_of_a_chosen_deck_and_of_other_decks_are_not_counted() {
    let mut store = Store::open_in_memory().unwrap();
    let old = deck("d", &["kept", "gone"]);
    store.sync_deck(&old).unwrap();
    answer(&mut store, "d", "gone", now() - TimeDelta::days(3), 30);
    answer(&mut store, "other", "x", now() - TimeDelta::days(3), 30);
    // "gone" leaves the file: its row stays in the store as an orphan.
    let new = deck("d", &["kept"]);
    store.sync_deck(&new).unwrap();
    let stats = compute(&store, &Sources::decks(&[new]), &Settings::default(), now()).unwrap();
    assert_eq!(stats.cards.all.total, 2);
    assert_eq!(stats.cards.decks[0].counts.new, 1);
    assert_eq!(stats.cards.decks[1].id, "other");
    assert_eq!(stats.cards.decks[1].counts.mature, 1);
    // Orphans in decks that were not chosen are left out too; their other rows count.
    store.sync_deck(&deck("other", &["y"])).unwrap();
    let stats = compute(&store, &Sources::decks(&[]), &Settings::default(), now()).unwrap();
    assert_eq!(stats.cards.all.total, 2, "{:?}", stats.cards);
    assert_eq!(stats.cards.all.new, 2, "kept and y");
    // Its answers still count as work done.
    assert_eq!(stats.activity.last_7_days.reviews, 2);
}

#[test]
fn a_streak_longer_than_the_window_is_counted_whole() {
    let mut store = Store::open_in_memory().unwrap();
    for day in 0..400 {
        let time = now() - TimeDelta::days(day);
        answer(&mut store, "d", &format!("c{day}"), time, 1);
    }
    let stats = compute(&store, &Sources::decks(&[]), &Settings::default(), now()).unwrap();
    assert_eq!(stats.activity.streak_days, 400);
    assert_eq!(stats.activity.last_30_days.reviews, 30);
    assert_eq!(stats.heatmap.reviews.len(), 25 * 7 + 2);
}

#[test]
fn the_day_start_setting_moves_answers_between_days() {
    let mut store = Store::open_in_memory().unwrap();
    // 03:00 UTC on the 10th: still the 9th when days start at 4, the 10th when at 0.
    let early = DateTime::parse_from_rfc3339("2026-03-10T03:00:00Z")
        .unwrap()
        .with_timezone(&Utc);
    answer(&mut store, "d", "c", early, 1);
    let four = compute(&store, &Sources::decks(&[]), &Settings::default(), now()).unwrap();
    assert_eq!(four.activity.today.reviews, 0);
    assert_eq!(four.activity.streak_days, 1);
    let midnight = Settings {
        day_start_hour: 0,
        ..Settings::default()
    };
    let zero = compute(&store, &Sources::decks(&[]), &midnight, now()).unwrap();
    assert_eq!(zero.activity.today.reviews, 1);
    assert_eq!(zero.day_starts_at, 0);
}

#[test]
fn answers_after_now_are_not_counted() {
    let mut store = Store::open_in_memory().unwrap();
    answer(&mut store, "d", "c", now() + TimeDelta::hours(1), 1);
    let stats = compute(&store, &Sources::decks(&[]), &Settings::default(), now()).unwrap();
    assert_eq!(stats.activity.today.reviews, 0);
    assert_eq!(stats.heatmap.reviews.iter().sum::<u64>(), 0);
}

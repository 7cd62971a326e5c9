//! Unit tests of rescheduling: the preview writes nothing, the real run gives the states a
//! chain of the scheduler's own reviews gives with the new settings, keeps the marks and
//! stays inside the decks it is given.

use chrono::Duration;

use super::t0;
use crate::scheduler::{
    CardSeed, CardState, Rating, Scheduler, SchedulerKind, Settings, SettingsError,
};
use crate::store::exchange::DeckSchedule;
use crate::store::*;

fn fsrs(retention: f64) -> Scheduler {
    let settings = Settings::default().with_retention(retention).unwrap();
    Scheduler::new(SchedulerKind::Fsrs, settings).unwrap()
}

/// The state `ratings`, a day apart from `t0` on, give a card of deck `deck` through
/// `scheduler`, recorded in `store` when it is given.
fn chain(
    mut store: Option<&mut Store>,
    scheduler: &Scheduler,
    (deck, card): (&str, &str),
    ratings: &[Rating],
) -> CardState {
    let mut state: Option<CardState> = None;
    for (day, &rating) in (0i64..).zip(ratings) {
        let time = t0() + Duration::days(day * 3);
        let start = state.clone().unwrap_or_else(|| CardState::new(time));
        let after = scheduler.review(&start, rating, time, CardSeed::from_ids(deck, card));
        if let Some(store) = store.as_deref_mut() {
            let review = Review::new(deck, card, time, rating, state.clone(), after.clone());
            store.record_review(&review).unwrap();
        }
        state = Some(after);
    }
    state.unwrap()
}

const HISTORY: [Rating; 5] = [
    Rating::Good,
    Rating::Good,
    Rating::Hard,
    Rating::Good,
    Rating::Easy,
];

fn studied() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    for card in [("d", "a"), ("d", "b"), ("e", "c")] {
        chain(Some(&mut store), &fsrs(0.9), card, &HISTORY);
    }
    store
        .suspend("d", "b", true, chrono::DateTime::UNIX_EPOCH)
        .unwrap();
    store
        .bury(
            "e",
            "c",
            Some(t0() + Duration::days(40)),
            chrono::DateTime::UNIX_EPOCH,
        )
        .unwrap();
    store
}

fn at(retention: f64) -> impl Fn(&DeckSchedule<'_>) -> Result<Scheduler, SettingsError> {
    move |_| Ok(fsrs(retention))
}

fn records(store: &Store) -> Vec<CardRecord> {
    ["d", "e"]
        .iter()
        .flat_map(|deck| store.cards(deck).unwrap())
        .collect()
}

#[test]
fn the_preview_writes_nothing_and_shows_both_states() {
    let store = studied();
    let before = records(&store);
    let moves = store.reschedule_preview(None, at(0.8)).unwrap();
    assert_eq!(records(&store), before);
    assert_eq!(moves.len(), 3);
    let lower = chain(None, &fsrs(0.8), ("d", "a"), &HISTORY);
    assert_eq!(moves[0].after.as_ref(), Some(&lower));
    assert_eq!(moves[0].before, before[0].state);
    assert!(
        moves
            .iter()
            .all(|m| m.after.as_ref().unwrap().due > m.before.as_ref().unwrap().due)
    );
    assert_eq!(
        moves
            .iter()
            .map(|m| (m.shown, m.buried_until.is_some()))
            .collect::<Vec<_>>(),
        [(true, false), (false, false), (true, true)]
    );
    // The same settings move nothing.
    let same = store.reschedule_preview(None, at(0.9)).unwrap();
    assert!(same.iter().all(|m| m.before == m.after));
}

#[test]
fn rescheduling_writes_the_replayed_states_and_keeps_the_marks() {
    let mut store = studied();
    assert_eq!(
        store.reschedule(Some(&["e".to_owned()]), at(0.95)).unwrap(),
        1
    );
    let c = store.card("e", "c").unwrap().unwrap();
    assert_eq!(
        c.state,
        Some(chain(None, &fsrs(0.95), ("e", "c"), &HISTORY))
    );
    assert!(c.buried_until.is_some());
    let a = store.card("d", "a").unwrap().unwrap();
    assert_eq!(a.state, Some(chain(None, &fsrs(0.9), ("d", "a"), &HISTORY)));

    assert_eq!(store.reschedule(None, at(0.95)).unwrap(), 2);
    for (deck, card) in [("d", "a"), ("d", "b")] {
        let record = store.card(deck, card).unwrap().unwrap();
        let want = chain(None, &fsrs(0.95), (deck, card), &HISTORY);
        assert_eq!(record.state, Some(want), "{card}");
        assert_eq!(record.suspended, card == "b");
    }
    assert_eq!(store.reschedule(None, at(0.95)).unwrap(), 0);
}

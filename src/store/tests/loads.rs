//! Even days against a real SQLite file: the reviews due per day a session counts, a replay
//! that balances as the session did, and a break's moves written in one transaction.

use chrono::Duration;

use super::{deck, t0};
use crate::library::DeckSync;
use crate::scheduler::balance::DayLoads;
use crate::scheduler::breaks::plan;
use crate::scheduler::fsrs::Model;
use crate::scheduler::{CardSeed, CardState, Rating, Scheduler, SchedulerKind, Settings};
use crate::store::exchange::DeckSchedule;
use crate::store::*;

/// A store in a file of `dir` with 30 cards of deck `d`, each answered Good then Easy as a
/// session evening out its days does, the loads counted from the store before each answer.
fn studied(dir: &std::path::Path) -> Store {
    let mut store = Store::open_dir(dir, "p").unwrap();
    let ids: Vec<String> = (0..30).map(|i| format!("c{i}")).collect();
    let cards: Vec<(&str, &str)> = ids.iter().map(|i| (i.as_str(), i.as_str())).collect();
    store.sync_deck(&deck("d", &cards)).unwrap();
    let scheduler = Scheduler::new(SchedulerKind::Fsrs, Settings::default()).unwrap();
    let clock = scheduler.settings().day_clock();
    for (n, rating) in [Rating::Easy, Rating::Good].into_iter().enumerate() {
        let time = t0() + Duration::days(i64::try_from(n).unwrap() * 20);
        let mut loads = store.day_loads(clock, time).unwrap();
        for (i, id) in (0i64..).zip(&ids) {
            // A second apart: a replay takes them in the order given.
            let time = time + Duration::seconds(i);
            let before = super::state(&store, "d", id);
            let start = before.clone().unwrap_or_else(|| CardState::new(time));
            let seed = CardSeed::from_ids("d", id);
            let after = scheduler.review_with(&start, rating, time, seed, Some(&loads));
            loads.moved(clock, before.as_ref(), Some(&after));
            store
                .record_review(&Review::new("d", id, time, rating, before, after))
                .unwrap();
        }
        assert_eq!(
            loads,
            store.day_loads(clock, time + Duration::minutes(1)).unwrap()
        );
    }
    store
}

#[test]
fn a_session_counts_the_days_ahead_and_a_replay_balances_as_it_did() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = studied(dir.path());
    let clock = Settings::default().day_clock();
    let now = t0() + Duration::days(20);
    let loads = store.day_loads(clock, now).unwrap();
    let days: Vec<i64> = (0..30)
        .map(|i| clock.day_number(super::state(&store, "d", &format!("c{i}")).unwrap().due))
        .collect();
    assert_eq!(loads, DayLoads::from_days(days.iter().copied()));
    // Evened out: no day holds more than a few of the 30.
    assert!(days.iter().all(|d| loads.on(*d) <= 4), "{days:?}");
    // Days before today are not counted.
    assert_eq!(
        store.day_loads(clock, now + Duration::days(400)).unwrap(),
        DayLoads::default()
    );
    let fsrs = |_: &DeckSchedule<'_>| Scheduler::new(SchedulerKind::Fsrs, Settings::default());
    assert_eq!(store.reschedule(None, fsrs).unwrap(), 0);
}

#[test]
fn the_moves_of_a_break_are_written_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = studied(dir.path());
    let clock = Settings::default().day_clock();
    let now = t0() + Duration::days(21);
    let (keys, cards): (Vec<i64>, Vec<_>) =
        store.postpone_preview(None).unwrap().into_iter().unzip();
    let due: Vec<i64> = cards
        .iter()
        .map(|m| clock.day_number(m.before.as_ref().unwrap().due))
        .collect();
    let (from, to) = (
        due.iter().min().copied().unwrap(),
        due.iter().max().copied().unwrap(),
    );
    let plan = plan(&cards, (from, to), &Model::default(), clock, now);
    assert_eq!(plan.moved.len(), 30);
    let dues: Vec<_> = plan.moved.iter().map(|p| (keys[p.index], p.due)).collect();
    assert_eq!(store.postpone(&dues).unwrap(), 30);
    drop(store);
    let store = Store::open_dir(dir.path(), "p").unwrap();
    for m in store
        .postpone_preview(None)
        .unwrap()
        .into_iter()
        .map(|(_, m)| m)
    {
        let day = clock.day_number(m.before.unwrap().due);
        assert!(!(from..=to).contains(&day), "{day}");
    }
}

//! Schema version 8 and the merge a sync makes of marks, accepted answers and fits.

use chrono::{DateTime, Duration, Utc};
use tempfile::TempDir;

use super::{answer, t0};
use crate::scheduler::Rating;
use crate::store::carried::{Accepted, Carried, Flag, Mark, SyncState};
use crate::store::*;

fn mark(card: &str, flag: Flag, changed: DateTime<Utc>) -> Mark {
    Mark {
        deck: "d".to_owned(),
        card: card.to_owned(),
        flag,
        changed,
    }
}

fn fit(w0: f64, time: DateTime<Utc>) -> FittedParameters {
    let mut parameters = crate::scheduler::fsrs::DEFAULT_PARAMETERS;
    parameters[0] = w0;
    FittedParameters {
        parameters,
        reviews: 100,
        time,
    }
}

#[test]
fn version_7_gains_the_times_and_keeps_every_mark_and_answer() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("v7.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        schema::create_at_version(&conn, 7).unwrap();
        conn.execute_batch(
            "INSERT INTO deck (key, id) VALUES (1, 'd');
             INSERT INTO card (key, deck, id, suspended, buried_until, leech)
                 VALUES (1, 1, 'a', 1, 1773396000000, 1), (2, 1, 'b', 0, NULL, 0);
             INSERT INTO accepted_answer (card, text) VALUES (1, 'Alma Ata');",
        )
        .unwrap();
    }
    let mut store = Store::open_path(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), 8);
    let a = store.card("d", "a").unwrap().unwrap();
    assert!(a.suspended);
    assert_eq!(
        a.buried_until.unwrap().timestamp_millis(),
        1_773_396_000_000
    );
    assert_eq!(store.accepted_answers("d", "a").unwrap(), ["Alma Ata"]);
    // Every mark set before version 8 is carried, as changed in 1970: any timed change wins.
    let epoch = DateTime::UNIX_EPOCH;
    let carried = store.carried().unwrap();
    assert_eq!(
        carried.marks,
        [
            mark("a", Flag::Suspended(true), epoch),
            mark("a", Flag::Buried(a.buried_until), epoch),
            mark("a", Flag::Leech(true), epoch),
        ]
    );
    assert_eq!(carried.accepted[0].time, epoch);
    store.suspend("d", "a", false, t0()).unwrap();
    assert_eq!(
        store.carried().unwrap().marks[0],
        mark("a", Flag::Suspended(false), t0())
    );
}

#[test]
fn the_latest_change_wins_and_ties_go_the_same_way_everywhere() {
    let mut store = Store::open_in_memory().unwrap();
    store.suspend("d", "a", true, t0()).unwrap();
    let older = Carried {
        marks: vec![mark("a", Flag::Suspended(false), t0() - Duration::hours(1))],
        ..Carried::default()
    };
    assert_eq!(store.merge_carried(&[], &older).unwrap().marks, 0);
    assert!(store.card("d", "a").unwrap().unwrap().suspended);
    let newer = Carried {
        marks: vec![
            mark("a", Flag::Suspended(false), t0() + Duration::hours(1)),
            // A card this copy never saw gets a row.
            mark("z", Flag::Leech(true), t0()),
        ],
        ..Carried::default()
    };
    assert_eq!(store.merge_carried(&[], &newer).unwrap().marks, 2);
    assert!(!store.card("d", "a").unwrap().unwrap().suspended);
    // Taken again: nothing changes.
    assert_eq!(store.merge_carried(&[], &newer).unwrap().marks, 0);
    // Two copies that buried one card at the same millisecond, to different times, both end
    // with the later time, whichever merges which.
    let (soon, late) = (
        Some(t0() + Duration::hours(2)),
        Some(t0() + Duration::hours(9)),
    );
    for (mine, theirs) in [(soon, late), (late, soon)] {
        let mut copy = Store::open_in_memory().unwrap();
        copy.bury("d", "b", mine, t0()).unwrap();
        let other = Carried {
            marks: vec![mark("b", Flag::Buried(theirs), t0())],
            ..Carried::default()
        };
        copy.merge_carried(&[], &other).unwrap();
        assert_eq!(copy.card("d", "b").unwrap().unwrap().buried_until, late);
    }
}

#[test]
fn accepted_answers_are_a_union_and_the_latest_fit_wins() {
    let mut store = Store::open_in_memory().unwrap();
    store.accept_answer("d", "a", "Alma Ata", t0()).unwrap();
    store.save_fitted_parameters(&fit(0.5, t0())).unwrap();
    let accepted = |text: &str| Accepted {
        deck: "d".to_owned(),
        card: "a".to_owned(),
        text: text.to_owned(),
        time: t0() + Duration::days(1),
    };
    let theirs = Carried {
        accepted: vec![accepted("Alma Ata"), accepted("Almaty")],
        fitted: Some(fit(0.25, t0() - Duration::days(1))),
        ..Carried::default()
    };
    let taken = store.merge_carried(&[], &theirs).unwrap();
    assert_eq!((taken.accepted, taken.fitted), (1, false));
    assert_eq!(
        store.accepted_answers("d", "a").unwrap(),
        ["Alma Ata", "Almaty"]
    );
    // The time of an answer accepted on both is the later one.
    assert!(
        store
            .carried()
            .unwrap()
            .accepted
            .iter()
            .all(|a| a.time == t0() + Duration::days(1))
    );
    assert_eq!(store.fitted_parameters().unwrap(), Some(fit(0.5, t0())));
    let newer = Carried {
        fitted: Some(fit(0.25, t0() + Duration::days(1))),
        ..Carried::default()
    };
    assert!(store.merge_carried(&[], &newer).unwrap().fitted);
    assert_eq!(store.fitted_parameters().unwrap(), newer.fitted);
}

#[test]
fn reviews_and_marks_of_a_merge_go_in_together_or_not_at_all() {
    let mut store = Store::open_in_memory().unwrap();
    answer(&mut store, "d", "a", Rating::Good, t0());
    let mut other = Store::open_in_memory().unwrap();
    answer(&mut other, "d", "b", Rating::Good, t0());
    let mut reviews = other.latest_reviews(None).unwrap();
    let carried = Carried {
        marks: vec![mark("b", Flag::Suspended(true), t0())],
        ..Carried::default()
    };
    // An inconsistent review: nothing of the merge is taken.
    let mut bad = reviews[0].clone();
    bad.id = ReviewId::from_parts(t0(), 7);
    bad.time = t0() + Duration::days(1);
    reviews.push(bad);
    assert!(store.merge_carried(&reviews, &carried).is_err());
    assert_eq!(store.latest_reviews(None).unwrap().len(), 1);
    assert!(store.card("d", "b").unwrap().is_none());
    reviews.pop();
    let taken = store.merge_carried(&reviews, &carried).unwrap();
    assert_eq!((taken.reviews, taken.marks), (1, 1));
}

#[test]
fn the_device_id_is_made_once_and_what_was_seen_is_kept() {
    let mut store = Store::open_in_memory().unwrap();
    let made = |id: &str| SyncState {
        device: id.to_owned(),
        ..SyncState::default()
    };
    assert_eq!(store.sync_state(|| "one".to_owned()).unwrap(), made("one"));
    assert_eq!(store.sync_state(|| "two".to_owned()).unwrap(), made("one"));
    let state = SyncState {
        written: Some("w".to_owned()),
        replayed: Some(store.log_mark().unwrap()),
        ..made("one")
    };
    store.set_sync_state(&state).unwrap();
    assert_eq!(store.sync_state(|| "two".to_owned()).unwrap(), state);
    assert_eq!(store.log_mark().unwrap(), "0:");
    answer(&mut store, "d", "a", Rating::Good, t0());
    assert_ne!(store.log_mark().unwrap(), "0:");
    assert_eq!(store.sync_seen("f").unwrap(), None);
    store.set_sync_seen("f", "1").unwrap();
    store.set_sync_seen("f", "2").unwrap();
    assert_eq!(store.sync_seen("f").unwrap().as_deref(), Some("2"));
}

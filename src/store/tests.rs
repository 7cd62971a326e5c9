//! Unit tests of the store's API: syncing decks, the due queue, flags, recording and undoing
//! answers, and reading the log, in memory. The file itself is tested in `open`, the JSON
//! Lines exchange in `exchange`, the sync of a deck's rows in `sync`.

mod carried;
mod exchange;
mod loads;
mod open;
mod reschedule;
mod sync;

use chrono::{DateTime, Duration, Utc};

use crate::library::DeckSync;

use super::history::StudyAnswer;
use super::*;
use crate::deck::{Answer, Card, Content, Deck, PromptMode};
use crate::scheduler::{CardSeed, CardState, Rating, Scheduler, SchedulerKind, Settings};

pub(super) fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-26T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

pub(super) fn card(id: &str, front: &str) -> Card {
    Card {
        id: id.to_owned(),
        derived_id: false,
        line: 1,
        tags: vec![],
        hint: None,
        explain: None,
        cite: None,
        mode: PromptMode::Auto,
        kind: None,
        in_order: false,
        pictures: Default::default(),
        content: Content::Basic {
            front: front.to_owned(),
            back: Answer::Text("answer".to_owned()),
            accept: vec![],
            choices: vec![],
            reverse: false,
        },
    }
}

pub(super) fn deck(id: &str, cards: &[(&str, &str)]) -> Deck {
    Deck {
        id: id.to_owned(),
        title: id.to_owned(),
        description: None,
        source: None,
        tags: vec![],
        scheduler: None,
        new_order: None,
        cards: cards.iter().map(|(i, f)| card(i, f)).collect(),
    }
}

fn fsrs() -> Scheduler {
    Scheduler::new(SchedulerKind::Fsrs, Settings::default()).unwrap()
}

/// Answers `card` at `time` the way a session does and records it; returns the review.
pub(super) fn answer(
    store: &mut Store,
    deck: &str,
    card: &str,
    rating: Rating,
    time: DateTime<Utc>,
) -> Review {
    let before = store.card(deck, card).unwrap().and_then(|r| r.state);
    let start = before.clone().unwrap_or_else(|| CardState::new(time));
    let after = fsrs().review(&start, rating, time, CardSeed::from_ids(deck, card));
    let mut review = Review::new(deck, card, time, rating, before, after);
    review.id = store.record_review(&review).unwrap();
    review
}

pub(super) fn state(store: &Store, deck: &str, card: &str) -> Option<CardState> {
    store.card(deck, card).unwrap().and_then(|r| r.state)
}

#[test]
fn the_due_queue_is_ordered_and_skips_hidden_cards() {
    let mut store = Store::open_in_memory().unwrap();
    let names = ["a", "b", "c", "d", "e"];
    let cards: Vec<(&str, &str)> = names.iter().map(|n| (*n, *n)).collect();
    store.sync_deck(&deck("d", &cards)).unwrap();
    for (i, name) in names.iter().enumerate() {
        let hours = i64::try_from(names.len() - i).unwrap();
        answer(
            &mut store,
            "d",
            name,
            Rating::Again,
            t0() - Duration::hours(hours),
        );
    }
    let now = t0();
    let due: Vec<String> = store
        .due(now)
        .unwrap()
        .into_iter()
        .map(|r| r.card)
        .collect();
    assert_eq!(due, names);
    store
        .suspend("d", "b", true, chrono::DateTime::UNIX_EPOCH)
        .unwrap();
    store
        .bury(
            "d",
            "c",
            Some(now + Duration::hours(1)),
            chrono::DateTime::UNIX_EPOCH,
        )
        .unwrap();
    store
        .bury(
            "d",
            "d",
            Some(now - Duration::hours(1)),
            chrono::DateTime::UNIX_EPOCH,
        )
        .unwrap();
    let due: Vec<String> = store
        .due(now)
        .unwrap()
        .into_iter()
        .map(|r| r.card)
        .collect();
    assert_eq!(due, ["a", "d", "e"]);
    assert!(store.due(now).unwrap().iter().all(|r| r.is_due(now)));
    store
        .suspend("d", "b", false, chrono::DateTime::UNIX_EPOCH)
        .unwrap();
    store
        .bury("d", "c", None, chrono::DateTime::UNIX_EPOCH)
        .unwrap();
    assert_eq!(store.due(now).unwrap().len(), 5);
    assert!(store.due(t0() - Duration::days(1)).unwrap().is_empty());
}

#[test]
fn undo_restores_the_state_before_and_removes_the_review() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .sync_deck(&deck("d", &[("a", "A?"), ("b", "B?")]))
        .unwrap();
    let first = answer(&mut store, "d", "a", Rating::Good, t0());
    let second = answer(
        &mut store,
        "d",
        "b",
        Rating::Again,
        t0() + Duration::seconds(10),
    );
    let third = answer(
        &mut store,
        "d",
        "a",
        Rating::Easy,
        t0() + Duration::seconds(20),
    );

    // Not the latest of its card: refused, nothing changes.
    assert!(matches!(
        store.undo(first.id),
        Err(StoreError::NotLatest { .. })
    ));
    assert_eq!(store.review_count().unwrap(), 3);

    // The last answer, then the one before.
    assert_eq!(store.undo(third.id).unwrap(), third);
    assert_eq!(state(&store, "d", "a"), Some(first.after.clone()));
    assert_eq!(store.undo(second.id).unwrap(), second);
    assert_eq!(state(&store, "d", "b"), None);
    assert_eq!(store.latest_reviews(None).unwrap(), vec![first.clone()]);
    assert!(matches!(
        store.undo(third.id),
        Err(StoreError::NoSuchReview(_))
    ));
    let b = store.card("d", "b").unwrap().unwrap();
    assert_eq!(b.state, None);
    assert!(
        store
            .due(t0() + Duration::days(1))
            .unwrap()
            .iter()
            .all(|r| r.card == "a")
    );
}

#[test]
fn reviews_keep_every_field() {
    let mut store = Store::open_in_memory().unwrap();
    let time = t0() + Duration::milliseconds(123);
    let after = fsrs().review(&CardState::new(time), Rating::Hard, time, CardSeed(1));
    let mut review = Review::new("d", "a:reverse", time, Rating::Hard, None, after);
    review.answer = Some("Alma-Ata\n\u{1b}[31m".to_owned());
    review.correct = Some(false);
    review.duration_ms = 4_321;
    review.mode = Mode::Quiz;
    store.record_review(&review).unwrap();
    assert_eq!(store.latest_reviews(Some(5)).unwrap(), vec![review]);
}

#[test]
fn a_review_whose_id_lies_about_its_time_is_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let mut review = Review::new("d", "a", t0(), Rating::Good, None, CardState::new(t0()));
    review.time += Duration::seconds(1);
    assert!(matches!(
        store.record_review(&review),
        Err(StoreError::BadReview(_))
    ));
    assert_eq!(store.review_count().unwrap(), 0);
}

#[test]
fn the_log_lists_the_latest_reviews_oldest_first() {
    let mut store = Store::open_in_memory().unwrap();
    let ids: Vec<ReviewId> = (0..5)
        .map(|i| answer(&mut store, "d", "a", Rating::Good, t0() + Duration::days(i)).id)
        .collect();
    let last_two: Vec<ReviewId> = store
        .latest_reviews(Some(2))
        .unwrap()
        .iter()
        .map(|r| r.id)
        .collect();
    assert_eq!(last_two, ids[3..]);
    let mut all = Vec::new();
    store
        .for_each_review(|r| {
            all.push(r.id);
            Ok::<_, StoreError>(())
        })
        .unwrap();
    assert_eq!(all, ids);
}

#[test]
fn answers_of_one_millisecond_stay_in_the_order_they_were_given() {
    let mut store = Store::open_in_memory().unwrap();
    let cards = ["a", "b", "c", "d", "e", "f", "g", "h"];
    // One clock reading for all of them, as under a fixed RECALL_NOW.
    let given: Vec<ReviewId> = cards
        .iter()
        .map(|c| answer(&mut store, "d", c, Rating::Good, t0()).id)
        .collect();
    let logged: Vec<(ReviewId, String)> = store
        .latest_reviews(None)
        .unwrap()
        .into_iter()
        .map(|r| (r.id, r.card))
        .collect();
    let expected: Vec<(ReviewId, String)> =
        given.into_iter().zip(cards.map(str::to_owned)).collect();
    assert_eq!(logged, expected);
    // A review whose id sorts before the millisecond's last one is stored after it.
    let late = Review {
        id: ReviewId::from_parts(t0(), 0),
        ..store.latest_reviews(Some(1)).unwrap().remove(0)
    };
    let stored = store.record_review(&late).unwrap();
    assert!(stored > expected[7].0 && stored.millis() == late.id.millis() && stored.is_v7());
    assert_eq!(store.latest_reviews(Some(1)).unwrap()[0].id, stored);
}

#[test]
fn accepted_answers_are_kept_per_card() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .accept_answer("d", "a", "Alma Ata", chrono::DateTime::UNIX_EPOCH)
        .unwrap();
    store
        .accept_answer("d", "a", "Almaty", chrono::DateTime::UNIX_EPOCH)
        .unwrap();
    store
        .accept_answer("d", "a", "Almaty", chrono::DateTime::UNIX_EPOCH)
        .unwrap();
    assert_eq!(
        store.accepted_answers("d", "a").unwrap(),
        ["Alma Ata", "Almaty"]
    );
    assert!(store.accepted_answers("d", "b").unwrap().is_empty());
}

#[test]
fn cram_and_quiz_answers_are_logged_but_never_move_the_state() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .sync_deck(&deck("d", &[("a", "A?"), ("b", "B?")]))
        .unwrap();
    let studied = answer(&mut store, "d", "a", Rating::Good, t0());
    let mut marks_before = store.card("d", "a").unwrap().unwrap();
    for (n, mode) in [Mode::Quiz, Mode::Cram].into_iter().enumerate() {
        let time = t0() + Duration::minutes(5 + n as i64);
        // Ratings and "after" states that a study answer would write: ignored for practice.
        let moved = fsrs().review(&studied.after, Rating::Again, time, CardSeed(1));
        let mut a = Review::new(
            "d",
            "a",
            time,
            Rating::Again,
            Some(studied.after.clone()),
            moved,
        );
        a.mode = mode;
        store.record_review(&a).unwrap();
        let mut b = Review::new("d", "b", time, Rating::Good, None, CardState::new(time));
        b.mode = mode;
        store.record_review(&b).unwrap();
    }
    assert_eq!(state(&store, "d", "a"), Some(studied.after.clone()));
    assert_eq!(
        state(&store, "d", "b"),
        None,
        "a card never studied stays new"
    );
    assert_eq!(store.review_count().unwrap(), 5);

    // Later practice rows do not stand in the way of undoing the study answer...
    store.undo(studied.id).unwrap();
    assert_eq!(state(&store, "d", "a"), None);
    // ...and undoing a practice row deletes it and leaves the state alone.
    let again = answer(
        &mut store,
        "d",
        "a",
        Rating::Easy,
        t0() + Duration::hours(1),
    );
    let practice = store.latest_reviews(None).unwrap();
    let quiz = practice
        .iter()
        .find(|r| r.mode == Mode::Quiz && r.card == "a")
        .unwrap();
    store.undo(quiz.id).unwrap();
    assert_eq!(state(&store, "d", "a"), Some(again.after.clone()));
    assert_eq!(store.review_count().unwrap(), 4);
    marks_before.state = Some(again.after);
    assert_eq!(store.card("d", "a").unwrap().unwrap(), marks_before);
}

#[test]
fn reading_runs_in_one_transaction_and_always_ends_it() {
    let store = Store::open_in_memory().unwrap();
    let inside = store
        .reading(|s| Ok::<_, StoreError>(s.sqlite().is_autocommit()))
        .unwrap();
    assert!(!inside, "the reads share one transaction");
    assert!(store.sqlite().is_autocommit());
    let failed: Result<(), StoreError> =
        store.reading(|_| Err(StoreError::BadData("stop".to_owned())));
    assert!(matches!(failed, Err(StoreError::BadData(_))));
    assert!(store.sqlite().is_autocommit(), "ended after an error too");
}

#[test]
fn a_store_is_durable_after_opening_and_after_a_relaxed_launch() {
    let dir = tempfile::tempdir().unwrap();
    let synchronous = |s: &Store| -> i64 {
        s.sqlite()
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .unwrap()
    };
    // A new file is migrated without waiting for the disk, then made durable.
    let store = Store::open_dir(dir.path(), "p").unwrap();
    assert_eq!(synchronous(&store), 2, "FULL");
    store.set_durable(false).unwrap();
    assert_eq!(synchronous(&store), 1, "NORMAL");
    store.set_durable(true).unwrap();
    assert_eq!(synchronous(&store), 2, "FULL");
}

#[test]
fn the_study_answers_of_a_day_are_the_study_reviews_in_short() {
    let mut store = Store::open_in_memory().unwrap();
    store
        .sync_deck(&deck("d", &[("a", "A?"), ("b", "B?")]))
        .unwrap();
    let yesterday = t0() - Duration::days(1);
    answer(&mut store, "d", "a", Rating::Good, yesterday);
    answer(&mut store, "d", "a", Rating::Good, t0());
    answer(
        &mut store,
        "d",
        "b",
        Rating::Again,
        t0() + Duration::minutes(1),
    );
    answer(
        &mut store,
        "d",
        "b",
        Rating::Good,
        t0() + Duration::minutes(12),
    );
    let mut crammed = Review::new("d", "a", t0(), Rating::Good, None, CardState::new(t0()));
    crammed.mode = Mode::Cram;
    store.record_review(&crammed).unwrap();

    let short = store.study_answers_since(t0()).unwrap();
    let full: Vec<StudyAnswer> = store
        .latest_reviews(None)
        .unwrap()
        .into_iter()
        .filter(|r| r.time >= t0() && r.mode == Mode::Study)
        .map(|r| StudyAnswer {
            deck: r.deck,
            card: r.card,
            before: r.before.map(|s| s.phase),
        })
        .collect();
    assert_eq!(short, full);
    let cards: Vec<&str> = short.iter().map(|a| a.card.as_str()).collect();
    assert_eq!(cards, ["a", "b", "b"]);
    assert_eq!(short[1].before, None);
    assert!(short[0].before.is_some() && short[2].before.is_some());
}

#[test]
fn answers_from_sessions_holding_stale_states_leave_the_states_a_replay_gives() {
    use crate::scheduler::fuzz::splitmix64;
    let mut store = Store::open_in_memory().unwrap();
    let cards = ["a", "b", "c"];
    store
        .sync_deck(&deck("d", &[("a", "A?"), ("b", "B?"), ("c", "C?")]))
        .unwrap();
    let scheduler = fsrs();
    // Three sessions, each with the states it loaded and has answered since.
    let mut views: Vec<Vec<Option<CardState>>> = vec![vec![None; 3]; 3];
    let mut x = 7u64;
    for step in 0..120 {
        x = splitmix64(x);
        let (session, card) = ((x % 3) as usize, ((x >> 8) % 3) as usize);
        let rating = Rating::ALL[((x >> 16) % 4) as usize];
        // A session's question may have been shown before another session's last answer.
        let lag = i64::try_from((x >> 24) % 240).unwrap();
        let time = t0() + Duration::minutes(step * 3) - Duration::seconds(lag);
        let before = views[session][card].clone();
        let seed = CardSeed::from_ids("d", cards[card]);
        let start = before.clone().unwrap_or_else(|| CardState::new(time));
        let after = scheduler.review(&start, rating, time, seed);
        let review = Review::new("d", cards[card], time, rating, before, after);
        let kept = store
            .record_answer(&review, &|state, at| {
                scheduler.review(state, rating, at, seed)
            })
            .unwrap();
        let stored = store.card("d", cards[card]).unwrap().unwrap().state;
        assert_eq!(stored.as_ref(), Some(&kept.after));
        views[session][card] = Some(kept.after);
    }
    let states: Vec<_> = cards
        .iter()
        .map(|c| store.card("d", c).unwrap().unwrap().state)
        .collect();
    let report = store.import(&[], |_| Ok(fsrs())).unwrap();
    assert_eq!(report.changed, 0, "{report:?}");
    for (card, state) in cards.iter().zip(&states) {
        assert_eq!(&store.card("d", card).unwrap().unwrap().state, state);
    }
}

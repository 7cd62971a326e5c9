//! Unit tests of export lines and the merging import: idempotence, order independence and
//! two profiles converging on the same log and the same states.

use chrono::{DateTime, Duration, Utc};

use crate::scheduler::{
    CardSeed, CardState, Rating, Scheduler, SchedulerKind, Settings, SettingsError,
};
use crate::store::exchange::{DeckSchedule, LineError, parse_lines};
use crate::store::*;

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-26T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// Answers like a session whose scheduler settings differ from the defaults, so the replay
/// has something to recompute.
fn answer(store: &mut Store, card: &str, rating: Rating, time: DateTime<Utc>) {
    let settings = Settings {
        desired_retention: 0.8,
        ..Settings::default()
    };
    let scheduler = Scheduler::new(SchedulerKind::Fsrs, settings).unwrap();
    let before = store.card("d", card).unwrap().and_then(|r| r.state);
    let start = before.clone().unwrap_or_else(|| CardState::new(time));
    let after = scheduler.review(&start, rating, time, CardSeed::from_ids("d", card));
    store
        .record_review(&Review::new("d", card, time, rating, before, after))
        .unwrap();
}

/// Every deck replayed as a profile with no settings of its own would: the deck's scheduler
/// with the default settings.
fn defaults(deck: &DeckSchedule<'_>) -> Result<Scheduler, SettingsError> {
    Scheduler::new(deck.scheduler.unwrap_or_default(), Settings::default())
}

fn export(store: &Store) -> String {
    let mut text = String::new();
    store
        .for_each_review(|r| {
            text.push_str(&serde_json::to_string(&ReviewLine::from(&r)).unwrap());
            text.push('\n');
            Ok::<_, StoreError>(())
        })
        .unwrap();
    text
}

fn import(store: &mut Store, text: &str) -> ImportReport {
    let reviews = parse_lines(text).unwrap();
    store.import(&reviews, defaults).unwrap()
}

/// Every card's state, and the whole log, in a comparable form.
fn snapshot(store: &Store) -> (Vec<(String, Option<CardState>)>, String) {
    let mut cards: Vec<_> = store
        .cards("d")
        .unwrap()
        .into_iter()
        .map(|r| (r.card, r.state))
        .collect();
    cards.sort_by(|a, b| a.0.cmp(&b.0));
    (cards, export(store))
}

#[test]
fn lines_round_trip() {
    let mut store = Store::open_in_memory().unwrap();
    answer(&mut store, "a", Rating::Good, t0());
    let text = export(&store);
    assert!(text.starts_with("{\"id\":\""), "{text}");
    assert!(
        text.contains("\"time\":\"2026-11-26T09:00:00.000Z\""),
        "{text}"
    );
    assert_eq!(
        parse_lines(&text).unwrap(),
        store.latest_reviews(None).unwrap()
    );
}

#[test]
fn two_profiles_that_exchange_logs_converge() {
    let mut laptop = Store::open_in_memory().unwrap();
    let mut desktop = Store::open_in_memory().unwrap();
    // Both study card "a" offline; each also studies a card of its own.
    answer(&mut laptop, "a", Rating::Good, t0());
    answer(&mut desktop, "a", Rating::Again, t0() + Duration::hours(1));
    answer(&mut laptop, "a", Rating::Good, t0() + Duration::days(2));
    answer(&mut laptop, "b", Rating::Easy, t0() + Duration::days(2));
    answer(&mut desktop, "c", Rating::Hard, t0() + Duration::days(3));
    let from_laptop = export(&laptop);
    let from_desktop = export(&desktop);

    let report = laptop.import(&parse_lines(&from_desktop).unwrap(), defaults);
    let report = report.unwrap();
    assert_eq!((report.read, report.added), (2, 2));
    import(&mut desktop, &from_laptop);
    assert_eq!(snapshot(&laptop), snapshot(&desktop));
    assert_eq!(laptop.review_count().unwrap(), 5);

    // The replayed state of "a" is the default scheduler run over the merged log.
    let fsrs = Scheduler::new(SchedulerKind::Fsrs, Settings::default()).unwrap();
    let seed = CardSeed::from_ids("d", "a");
    let mut expected = CardState::new(t0());
    for (rating, time) in [
        (Rating::Good, t0()),
        (Rating::Again, t0() + Duration::hours(1)),
        (Rating::Good, t0() + Duration::days(2)),
    ] {
        expected = fsrs.review(&expected, rating, time, seed);
    }
    assert_eq!(
        laptop.card("d", "a").unwrap().unwrap().state,
        Some(expected)
    );
}

#[test]
fn importing_twice_or_in_another_order_changes_nothing() {
    let mut a = Store::open_in_memory().unwrap();
    let mut b = Store::open_in_memory().unwrap();
    let mut c = Store::open_in_memory().unwrap();
    answer(&mut a, "x", Rating::Good, t0());
    answer(&mut b, "x", Rating::Hard, t0() + Duration::days(1));
    answer(&mut c, "y", Rating::Again, t0() + Duration::days(2));
    let (ea, eb, ec) = (export(&a), export(&b), export(&c));

    let mut one = Store::open_in_memory().unwrap();
    import(&mut one, &ea);
    import(&mut one, &eb);
    import(&mut one, &ec);
    let before = snapshot(&one);
    let again = import(&mut one, &eb);
    assert_eq!((again.added, again.changed), (0, 0));
    assert_eq!(snapshot(&one), before);

    let mut other = Store::open_in_memory().unwrap();
    import(&mut other, &format!("{ec}{ea}"));
    import(&mut other, &eb);
    import(&mut other, &ea);
    assert_eq!(snapshot(&other), before);
}

#[test]
fn a_malformed_line_is_reported_with_its_number() {
    let mut store = Store::open_in_memory().unwrap();
    answer(&mut store, "a", Rating::Good, t0());
    let good = export(&store);
    let good = good.trim_end();
    let text = format!(
        "{good}\n\nnot json\n{}\n{}\n{}\n",
        good.replace("\"rating\":3", "\"rating\":7"),
        good.replace("\"mode\":\"study\"", "\"mode\":\"nap\""),
        good.replace(":00.000Z", ":01.000Z"),
    );
    let errors = parse_lines(&text).unwrap_err();
    let lines: Vec<usize> = errors.iter().map(|e: &LineError| e.line).collect();
    assert_eq!(lines, [3, 4, 5, 6]);
    assert!(errors[1].message.contains("rating 7"), "{}", errors[1]);
    assert!(errors[2].message.contains("\"nap\""), "{}", errors[2]);
    assert!(
        errors[3].message.contains("does not carry"),
        "{}",
        errors[3]
    );
}

#[test]
fn cram_and_quiz_answers_do_not_move_the_schedule_on_replay() {
    let mut store = Store::open_in_memory().unwrap();
    let time = t0();
    let mut quiz = Review::new("d", "q", time, Rating::Good, None, CardState::new(time));
    quiz.mode = Mode::Quiz;
    store.record_review(&quiz).unwrap();
    answer(&mut store, "s", Rating::Good, time);
    let report = store.import(&[], defaults).unwrap();
    assert_eq!(report.replayed, 1);
    assert_eq!(store.card("d", "q").unwrap().unwrap().state, None);
    assert_eq!(store.review_count().unwrap(), 2);
}

#[test]
fn the_replay_uses_the_scheduler_given_for_each_deck() {
    let mut store = Store::open_in_memory().unwrap();
    answer(&mut store, "a", Rating::Good, t0());
    answer(&mut store, "a", Rating::Good, t0() + Duration::days(1));
    answer(&mut store, "a", Rating::Hard, t0() + Duration::days(5));
    let studied = store.card("d", "a").unwrap().unwrap().state;
    // The settings the answers were given with: nothing to reschedule.
    let seen = std::cell::RefCell::new(Vec::new());
    let report = store
        .import(&[], |deck| {
            seen.borrow_mut().push((deck.id.to_owned(), deck.calendar));
            let settings = Settings {
                desired_retention: 0.8,
                ..Settings::default()
            };
            Scheduler::new(SchedulerKind::Fsrs, settings)
        })
        .unwrap();
    assert_eq!((report.replayed, report.changed), (1, 0));
    assert_eq!(seen.into_inner(), [("d".to_owned(), None)]);
    assert_eq!(store.card("d", "a").unwrap().unwrap().state, studied);
    // Other settings give other states; unusable ones import nothing.
    let report = store.import(&[], defaults).unwrap();
    assert_eq!(report.changed, 1);
    assert_ne!(store.card("d", "a").unwrap().unwrap().state, studied);
    let bad = store.import(&[], |_| {
        Scheduler::new(
            SchedulerKind::Fsrs,
            Settings {
                desired_retention: 2.0,
                ..Settings::default()
            },
        )
    });
    assert!(matches!(
        bad,
        Err(crate::store::exchange::ImportError::Settings(_))
    ));
}

#[test]
fn answers_of_one_millisecond_replay_in_the_order_given() {
    let mut store = Store::open_in_memory().unwrap();
    let settings = Settings {
        desired_retention: 0.8,
        ..Settings::default()
    };
    let scheduler = Scheduler::new(SchedulerKind::Fsrs, settings).unwrap();
    let seed = CardSeed::from_ids("d", "a");
    // Good, then Again, then Easy, all at t0 (a fixed clock); the ids sort them the other way.
    let mut state: Option<CardState> = None;
    for (i, rating) in [Rating::Good, Rating::Again, Rating::Easy]
        .into_iter()
        .enumerate()
    {
        let start = state.clone().unwrap_or_else(|| CardState::new(t0()));
        let after = scheduler.review(&start, rating, t0(), seed);
        let mut review = Review::new("d", "a", t0(), rating, state.clone(), after.clone());
        review.id = ReviewId::from_parts(t0(), 1000 - i as u128);
        store.record_review(&review).unwrap();
        state = Some(after);
    }
    let report = store
        .import(&[], |_| {
            Scheduler::new(SchedulerKind::Fsrs, scheduler.settings().clone())
        })
        .unwrap();
    assert_eq!((report.replayed, report.changed), (1, 0));
    assert_eq!(store.card("d", "a").unwrap().unwrap().state, state);
}

#[test]
fn a_card_answered_while_an_import_replays_is_replayed_again_with_that_answer() {
    let mut store = Store::open_in_memory().unwrap();
    for card in ["a", "b"] {
        answer(&mut store, card, Rating::Good, t0());
        answer(&mut store, card, Rating::Easy, t0() + Duration::days(2));
    }
    let (_, changes) = store.replayed(&defaults).unwrap();
    assert_eq!(changes.len(), 2);
    // A session answers card a after the replay read the log, before its states are written.
    let scheduler = defaults(&DeckSchedule {
        id: "d",
        scheduler: None,
        calendar: None,
    })
    .unwrap();
    let time = t0() + Duration::days(30);
    let before = store.card("d", "a").unwrap().unwrap().state;
    let seed = CardSeed::from_ids("d", "a");
    let after = scheduler.review(before.as_ref().unwrap(), Rating::Again, time, seed);
    store
        .record_answer(
            &Review::new("d", "a", time, Rating::Again, before, after),
            &|state, at| scheduler.review(state, Rating::Again, at, seed),
        )
        .unwrap();
    store.write_replayed(&changes, &defaults).unwrap();
    // Every stored state is the replay's, card a's with the answer given meanwhile.
    let report = store.import(&[], defaults).unwrap();
    assert_eq!(report.changed, 0, "{report:?}");
    let state = store.card("d", "a").unwrap().unwrap().state.unwrap();
    assert_eq!((state.reps, state.lapses), (3, 1));
}

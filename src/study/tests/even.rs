//! Even days in `recall study`: the session counts the reviews due per day from the store and
//! gives an answered card the day the scheduler picks with those counts; with
//! `load_balance = false`, the plain fuzzed day.

use chrono::TimeDelta;

use super::{deck_text, now, studied};
use crate::config::StudyConfig;
use crate::library::LoadedDeck;
use crate::library::intake::Intakes;
use crate::scheduler::{CardSeed, CardState, Phase, Rating, Scheduler, SchedulerKind};
use crate::session::script::ScriptedPrompter;
use crate::session::{FixedClock, Grade, Reply, Response, StudyMode};
use crate::store::{Review, Store};
use crate::study::planner::{Planned, plan};
use crate::study::{Options, answer};

/// Studies one item of `store` at `now()` rated Good; returns its id and states before and
/// after.
fn answer_one(
    store: &mut Store,
    loaded: &[LoadedDeck],
    config: &StudyConfig,
) -> (String, CardState, CardState) {
    let states = |store: &Store| -> Vec<(String, Option<CardState>)> {
        let rows = store.cards("d").unwrap();
        rows.into_iter().map(|r| (r.card, r.state)).collect()
    };
    let before = states(store);
    let options = Options {
        mode: StudyMode::Flip,
        ..Options::default()
    };
    let Planned { mut session, .. } =
        plan(loaded, store, config, &options, now(), &[None], None).unwrap();
    let mut prompter = ScriptedPrompter::new(
        vec![Reply::Answer(Response::Revealed)],
        vec![Grade::Rate(Rating::Good)],
    );
    let summary = answer(
        &mut session,
        &mut prompter,
        (store, &mut Intakes::default()),
        &FixedClock(now()),
    )
    .unwrap();
    assert_eq!(summary.studied, 1);
    let after = states(store);
    let (id, old) = before
        .into_iter()
        .zip(&after)
        .find(|((_, old), (_, new))| old != new)
        .map(|((id, old), _)| (id, old))
        .unwrap();
    let new = after.into_iter().find(|(i, _)| *i == id).unwrap().1;
    (id, old.unwrap(), new.unwrap())
}

#[test]
fn a_session_gives_the_day_the_loads_of_the_store_pick() {
    let deck = crate::deck::parse(&deck_text(), "d.toml", "d", Default::default())
        .deck
        .unwrap();
    let loaded = [LoadedDeck::parsed(deck.clone(), None, None)];
    let config = StudyConfig::default();
    let scheduler = Scheduler::new(SchedulerKind::Fsrs, config.settings.clone()).unwrap();
    let clock = config.settings.day_clock();
    // Off: the plain fuzzed day.
    let off = StudyConfig {
        settings: crate::scheduler::Settings {
            load_balance: false,
            ..config.settings.clone()
        },
        ..config.clone()
    };
    let mut store = studied(&deck);
    let (id, before, plain) = answer_one(&mut store, &loaded, &off);
    // The first item asked graduates (or stays in review) to a fuzzed interval.
    assert_eq!(plain.phase, Phase::Review, "{before:?}");
    assert!(
        clock.day_number(plain.due) - clock.day_number(now()) > 2,
        "{plain:?}"
    );
    let seed = CardSeed::from_ids("d", &id);
    assert_eq!(plain, scheduler.review(&before, Rating::Good, now(), seed));

    // On, with the plain day crowded by the cards of another deck: another day of its range.
    let mut store = studied(&deck);
    let crowd = clock.day_start(clock.day_number(plain.due));
    for i in 0..40 {
        let time = now() - TimeDelta::days(3);
        let mut state = scheduler.review(&CardState::new(time), Rating::Easy, time, CardSeed(i));
        state.due = crowd;
        let review = Review::new("x", &format!("x{i}"), time, Rating::Easy, None, state);
        store.record_review(&review).unwrap();
    }
    let loads = store.day_loads(clock, now()).unwrap();
    assert!(loads.on(clock.day_number(crowd)) >= 40);
    let (same, before_again, balanced) = answer_one(&mut store, &loaded, &config);
    assert_eq!((same.as_str(), &before_again), (id.as_str(), &before));
    assert_ne!(balanced.due, plain.due);
    assert_eq!(
        balanced,
        scheduler.review_with(&before, Rating::Good, now(), seed, Some(&loads))
    );
}

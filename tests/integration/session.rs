use chrono::{DateTime, TimeDelta, Utc};
use recall::deck::{self, card_items};
use recall::library::DeckSync;
use recall::scheduler::{Phase, Rating, Scheduler, SchedulerKind, Settings};
use recall::session::queue::{Entry, Limits, Queue, Today};
use recall::session::script::ScriptedPrompter;
use recall::session::{
    Action, Ending, Event, FixedClock, Grade, Reply, Response, Session, StudyItem, Summary,
};
use recall::store::Store;
use recall::study::journal::StoreJournal;

use tempfile::TempDir;

use crate::fixtures::{Card, DeckBuilder};

/// France, Germany, and Italy asked both ways round.
fn deck_text() -> String {
    DeckBuilder::new("Capitals")
        .with("id", "capitals")
        .card(Card::basic("fr", "Capital of France?", "Paris"))
        .card(Card::basic("de", "Capital of Germany?", "Berlin"))
        .card(Card::basic("it", "Capital of Italy?", "Rome").with("reverse", true))
        .text()
}

/// The day each test starts on.
const DAY1: &str = "2026-03-10T10:00:00Z";

fn t(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

/// Builds a session over [`deck_text`] from what `store` holds, as `recall study` does.
fn session(store: &mut Store, now: DateTime<Utc>) -> Session {
    let deck = deck::parse(
        &deck_text(),
        "capitals.toml",
        "capitals",
        deck::Options::default(),
    )
    .deck
    .unwrap();
    store.sync_deck(&deck).unwrap();
    let records = store.cards("capitals").unwrap();
    let mut items = Vec::new();
    let mut entries = Vec::new();
    let mut states = Vec::new();
    for (group, card) in deck.cards.iter().enumerate() {
        for item in card_items(card) {
            let id = item.id();
            let record = records.iter().find(|r| r.card == id);
            let state = record.and_then(|r| r.state.clone());
            entries.push(Entry {
                key: items.len(),
                deck: 0,
                sibling: group,
                state: state.clone(),
                suspended: record.is_some_and(|r| r.suspended),
                buried_until: record.and_then(|r| r.buried_until),
            });
            states.push(state);
            items.push(StudyItem {
                deck: 0,
                deck_id: deck.id.clone(),
                source: None,
                item_id: id,
                card: card.clone(),
                side: item.side,
                changed: false,
                folder: None,
            });
        }
    }
    let settings = Settings::default();
    let days = settings.day_clock();
    let queue = Queue::build(&entries, now, days, Limits::default(), &Today::default());
    let scheduler = Scheduler::new(SchedulerKind::Fsrs, settings).unwrap();
    Session::new(items, states, queue, vec![scheduler])
}

/// A session over [`deck_text`] at `now` on `store`, run with `replies` to its questions and
/// `grades` to its gradings until it ends: the prompter (what was asked, shown and said) and
/// the summary.
fn study(
    store: &mut Store,
    now: DateTime<Utc>,
    replies: Vec<Reply>,
    grades: Vec<Grade>,
) -> (ScriptedPrompter, Summary) {
    let mut session = session(store, now);
    let mut prompter = ScriptedPrompter::new(replies, grades);
    let mut journal = StoreJournal::new(store);
    let summary = session
        .run(&mut prompter, &mut journal, &FixedClock(now))
        .unwrap();
    (prompter, summary)
}

/// A new folder, and the progress store of its profile "default".
fn new_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_dir(dir.path(), "default").unwrap();
    (dir, store)
}

/// Grades that rate the answers, one after another.
fn rated(ratings: &[Rating]) -> Vec<Grade> {
    ratings.iter().map(|&r| Grade::Rate(r)).collect()
}

fn typed(text: &str) -> Reply {
    Reply::Answer(Response::Typed(text.to_owned()))
}

#[test]
fn answers_are_kept_and_a_missed_card_comes_back() {
    let (dir, mut store) = new_store();
    let now = t(DAY1);
    // Siblings: "it" and "it:reverse" are one card, so only three items are asked today.
    let (p, summary) = study(
        &mut store,
        now,
        vec![
            typed("Paris"),
            typed("Munich"),
            typed("Rome"),
            typed("Berlin"),
        ],
        rated(&[Rating::Good, Rating::Again, Rating::Easy, Rating::Good]),
    );
    let asked: Vec<&str> = p.asked.iter().map(|q| q.prompt.as_str()).collect();
    // "de" was missed, so it comes back after the others, learned ahead of its 1m step.
    assert_eq!(
        asked,
        [
            "Capital of France?",
            "Capital of Germany?",
            "Capital of Italy?",
            "Capital of Germany?",
            "Capital of France?",
        ]
    );
    assert_eq!(p.shown[1].correct, Some(false));
    assert_eq!(p.shown[1].suggested, Some(Rating::Again));
    assert_eq!(summary.studied, 4);
    assert_eq!((summary.correct, summary.attempted), (3, 4));
    assert_eq!(
        summary.ending,
        Ending::Quit,
        "the script ran out while 'fr' was in steps"
    );
    drop(store);

    let store = Store::open_dir(dir.path(), "default").unwrap();
    assert_eq!(store.review_count().unwrap(), 4);
    let it = store.card("capitals", "it").unwrap().unwrap();
    assert_eq!(
        it.state.unwrap().phase,
        Phase::Review,
        "Easy graduates at once"
    );
    let reverse = store.card("capitals", "it:reverse").unwrap().unwrap();
    assert!(reverse.state.is_none(), "the sibling waits for another day");
}

#[test]
fn undo_takes_back_the_last_answer_in_the_store() {
    let (_dir, mut store) = new_store();
    let now = t(DAY1);
    let (p, summary) = study(
        &mut store,
        now,
        vec![typed("Paris"), Reply::Act(Action::Undo), typed("Paris")],
        rated(&[Rating::Good, Rating::Easy]),
    );
    assert!(p.events.contains(&Event::Undone));
    assert_eq!(
        p.asked[0].prompt, p.asked[2].prompt,
        "the undone card is asked again"
    );
    assert_eq!(summary.studied, 1);
    let log = store.latest_reviews(None).unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!(log[0].rating, Rating::Easy);
}

#[test]
fn days_later_the_right_cards_are_due() {
    let (_dir, mut store) = new_store();
    let day1 = t(DAY1);
    study(
        &mut store,
        day1,
        vec![typed("Paris"), typed("Berlin"), typed("Rome")],
        rated(&[Rating::Easy, Rating::Easy, Rating::Easy]),
    );
    let due: Vec<DateTime<Utc>> = ["fr", "de", "it"]
        .iter()
        .map(|id| {
            store
                .card("capitals", id)
                .unwrap()
                .unwrap()
                .state
                .unwrap()
                .due
        })
        .collect();
    let first_due = *due.iter().min().unwrap();
    assert!(
        first_due > day1 + TimeDelta::days(3),
        "Easy cards wait more than 3 days"
    );

    // Three days later: nothing reviewed is due, only the sibling left new.
    let day4 = day1 + TimeDelta::days(3);
    let (p, _) = study(
        &mut store,
        day4,
        vec![typed("Italy")],
        rated(&[Rating::Good]),
    );
    assert_eq!(p.asked.len(), 2, "the reverse side, then the quit");
    assert_eq!(p.asked[0].prompt, "Rome");

    // On the first due day the earliest card is back, after the sibling still in its steps
    // (and unless that card is the sibling's own card, which waits for another day).
    let ids = ["fr", "de", "it"];
    let first = ids[due.iter().position(|d| *d == first_due).unwrap()];
    let (p, _) = study(
        &mut store,
        first_due,
        vec![typed("Italy")],
        rated(&[Rating::Easy]),
    );
    assert_eq!(p.asked[0].prompt, "Rome", "steps come first");
    let later: Vec<&str> = p.asked[1..].iter().map(|q| q.prompt.as_str()).collect();
    if first == "it" {
        assert!(later.iter().all(|q| *q != "Capital of Italy?"), "{later:?}");
    } else {
        assert_eq!(later.len(), 1, "{later:?}");
        assert!(later[0].starts_with("Capital of"), "{later:?}");
    }
}

#[test]
fn buried_and_suspended_cards_stay_away() {
    let (_dir, mut store) = new_store();
    let now = t(DAY1);
    let (p, _) = study(
        &mut store,
        now,
        vec![Reply::Act(Action::Bury), Reply::Act(Action::Suspend)],
        vec![],
    );
    assert!(p.events.contains(&Event::Buried) && p.events.contains(&Event::Suspended));
    let fr = store.card("capitals", "fr").unwrap().unwrap();
    assert!(fr.buried_until.is_some_and(|t| t > now));
    assert!(store.card("capitals", "de").unwrap().unwrap().suspended);
    let (p, _) = study(&mut store, now, vec![], vec![]);
    assert_eq!(p.asked[0].prompt, "Capital of Italy?");
}

//! Tests of `recall study`'s plan: the session it builds from the store's rows asks what a
//! queue over every item of the deck would.

mod even;
mod exam;

use std::collections::HashMap;

use chrono::TimeDelta;

use crate::library::DeckSync;

use super::*;
use crate::deck::card_items;
use crate::scheduler::{CardSeed, CardState, Rating, Scheduler, SchedulerKind};
use crate::session::queue::{Entry, Limits, Queue};
use crate::store::CardRecord;
use crate::store::Review;

/// 90 cards: plain ones, reversed ones (two items) and clozes of two deletions.
fn deck_text() -> String {
    let mut text = String::from("[deck]\ntitle = \"T\"\nid = \"d\"\n");
    for i in 0..90 {
        text.push_str(&match i % 6 {
            1 => format!(
                "[[card]]\nid = \"c{i}\"\nfront = \"Q{i}\"\nback = \"A{i}\"\nreverse = true\n"
            ),
            4 => {
                format!("[[card]]\nid = \"c{i}\"\ncloze = \"{{{{x{i}}}}} and {{{{y{i}}}}}\"\n")
            }
            _ => format!("[[card]]\nid = \"c{i}\"\nfront = \"Q{i}\"\nback = \"A{i}\"\n"),
        });
    }
    text
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-10T12:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// A history over the first items: learning steps, reviews due and not due, answers of
/// today (new ones and reviews), a suspended and a buried item.
fn studied(deck: &crate::deck::Deck) -> Store {
    let mut store = Store::open_in_memory().unwrap();
    store.sync_deck(deck).unwrap();
    let scheduler =
        Scheduler::new(SchedulerKind::Fsrs, crate::scheduler::Settings::default()).unwrap();
    let ids: Vec<String> = deck.items().iter().map(crate::deck::Item::id).collect();
    for (n, id) in ids.iter().take(70).enumerate() {
        let mut state: Option<CardState> = None;
        let mut time = now() - TimeDelta::days(60 - (n as i64 % 37));
        for k in 0..(n % 6) + 1 {
            let rating = [
                Rating::Good,
                Rating::Easy,
                Rating::Good,
                Rating::Again,
                Rating::Good,
                Rating::Hard,
            ][(n + k) % 6];
            let base = state.clone().unwrap_or_else(|| CardState::new(time));
            let after = scheduler.review(&base, rating, time, CardSeed::from_ids("d", id));
            let review = Review::new("d", id, time, rating, state.clone(), after.clone());
            store.record_review(&review).unwrap();
            time = (after.due).min(now() - TimeDelta::minutes(5));
            state = Some(after);
        }
    }
    for id in &ids[70..74] {
        let time = now() - TimeDelta::hours(1);
        let after = scheduler.review(
            &CardState::new(time),
            Rating::Good,
            time,
            CardSeed::from_ids("d", id),
        );
        store
            .record_review(&Review::new("d", id, time, Rating::Good, None, after))
            .unwrap();
    }
    store
        .suspend("d", &ids[80], true, chrono::DateTime::UNIX_EPOCH)
        .unwrap();
    store
        .bury(
            "d",
            &ids[83],
            Some(now() + TimeDelta::hours(3)),
            chrono::DateTime::UNIX_EPOCH,
        )
        .unwrap();
    store
}

/// Today's queue the way a session without the cut builds it: every item of the deck.
fn full_order(
    deck: &crate::deck::Deck,
    store: &Store,
    config: &crate::config::StudyConfig,
) -> (
    Vec<String>,
    crate::session::queue::Counts,
    usize,
    Option<DateTime<Utc>>,
) {
    let records: HashMap<String, CardRecord> = store
        .cards("d")
        .unwrap()
        .into_iter()
        .map(|r| (r.card.clone(), r))
        .collect();
    let mut ids = Vec::new();
    let mut entries = Vec::new();
    for (group, card) in deck.cards.iter().enumerate() {
        for item in card_items(card) {
            let record = records.get(&item.id());
            entries.push(Entry {
                key: ids.len(),
                deck: 0,
                sibling: group,
                state: record.and_then(|r| r.state.clone()),
                suspended: record.is_some_and(|r| r.suspended),
                buried_until: record.and_then(|r| r.buried_until),
            });
            ids.push(item.id());
        }
    }
    let days = config.settings.day_clock();
    let loaded = [LoadedDeck::parsed(deck.clone(), None, None)];
    let (mut today, reviewed) =
        today::today(store, &loaded, days.day_start(days.day_number(now()))).unwrap();
    for (group, card) in deck.cards.iter().enumerate() {
        if reviewed.get(&0).is_some_and(|r| r.contains(&card.id)) {
            today.siblings_seen.insert(group);
        }
    }
    let limits = Limits {
        new_per_day: config.new_per_day,
        reviews_per_day: config.reviews_per_day,
        ..Limits::default()
    };
    let mut queue = Queue::build(&entries, now(), days, limits, &today);
    let counts = queue.counts();
    let tomorrow = days.day_start(days.day_number(now()) + 2);
    let due = entries
        .iter()
        .filter_map(|e| e.state.as_ref())
        .filter(|s| s.due < tomorrow)
        .count();
    let next_due = entries
        .iter()
        .filter_map(|e| Some(e.state.as_ref()?.due))
        .filter(|&due| due > now())
        .min();
    let later = now() + TimeDelta::hours(30);
    let order = std::iter::from_fn(|| queue.next(later))
        .map(|k| ids[k].clone())
        .collect();
    (order, counts, due, next_due)
}

#[test]
fn the_session_asks_what_a_queue_of_every_item_would() {
    let deck = crate::deck::parse(&deck_text(), "d.toml", "d", Default::default())
        .deck
        .unwrap();
    let loaded = [LoadedDeck::parsed(deck.clone(), None, None)];
    for (new, reviews) in [
        (0, 200),
        (1, 200),
        (3, 5),
        (20, 200),
        (100, 2),
        (1000, 1000),
    ] {
        let mut store = studied(&deck);
        let config = crate::config::StudyConfig {
            new_per_day: new,
            reviews_per_day: reviews,
            ..Default::default()
        };
        let args = Options::default();
        let (expected, counts, due, next_due) = full_order(&deck, &store, &config);
        let Ok(Planned {
            mut session,
            hidden_dues,
            exam_new,
        }) = plan(&loaded, &mut store, &config, &args, now(), &[None], None)
        else {
            panic!("no plan");
        };
        assert_eq!(exam_new, None);
        assert_eq!(session.queue.counts(), counts, "new {new}");
        // The session holds only items its queue takes; the answered items it leaves out
        // still tell when the next card is due.
        let held: std::collections::HashSet<usize> = session.queue.keys().collect();
        assert_eq!(
            held.len(),
            session.items.len(),
            "new {new}, reviews {reviews}"
        );
        let session_next = session
            .states
            .iter()
            .filter_map(|s| Some(s.as_ref()?.due))
            .chain(session.left_out.iter().map(|&(due, _)| due))
            .filter(|&due| due > now())
            .min();
        assert_eq!(session_next, next_due, "new {new}, reviews {reviews}");
        let later = now() + TimeDelta::hours(30);
        let order: Vec<String> = std::iter::from_fn(|| session.queue.next(later))
            .map(|k| session.items[k].item_id.clone())
            .collect();
        assert_eq!(order, expected, "new {new}, reviews {reviews}");
        assert!(counts.review > 0 && counts.learning > 0, "{counts:?}");
        let days = config.settings.day_clock();
        let tomorrow = days.day_start(days.day_number(now()) + 2);
        let kept = session.states.iter().flatten().map(|s| s.due);
        let got = kept
            .chain(hidden_dues.iter().copied())
            .filter(|&d| d < tomorrow)
            .count();
        assert_eq!(got, due);
        if new < 100 {
            assert!(session.items.len() < deck.items().len(), "new {new}");
        }
        // The same deck while its intake is still being written: its rows made in memory
        // from the rows before the intake give the same session.
        {
            let rows = store.prior_rows("d").unwrap();
            let prior = deck
                .items()
                .iter()
                .map(|item| rows.get(&item.id()).cloned())
                .collect();
            let intakes = Intakes::with_unwritten(0, crate::library::Unwritten { prior });
            // The stored rows are out of line with the file (as after an import of a
            // history): a plan that read them would find nothing to ask.
            store
                .sqlite()
                .execute_batch("UPDATE card SET ord = NULL")
                .unwrap();
            let Ok(Planned {
                session: mut made,
                hidden_dues: made_hidden,
                ..
            }) = plan(
                &loaded,
                &mut store,
                &config,
                &args,
                now(),
                &[None],
                Some(&intakes),
            )
            else {
                panic!("no plan from made rows");
            };
            assert_eq!(made.queue.counts(), counts, "made, new {new}");
            assert_eq!(made.left_out, session.left_out, "made, new {new}");
            assert_eq!(made_hidden, hidden_dues, "made, new {new}");
            let order: Vec<String> = std::iter::from_fn(|| made.queue.next(later))
                .map(|k| made.items[k].item_id.clone())
                .collect();
            assert_eq!(order, expected, "made, new {new}, reviews {reviews}");
            store.sync_deck(&deck).unwrap();
        }
        // The same deck read from the cache: synced from it first, then as it is.
        let hash = crate::library::file_hash(deck_text().as_bytes());
        let stamp = crate::library::FileStamp {
            size: 1,
            mtime_ns: 1,
            hash,
        };
        let dir = tempfile::tempdir().unwrap();
        let cache = crate::library::DeckCache::at(dir.path().to_path_buf());
        assert!(cache.keep_deck("/d.toml", stamp, &deck));
        let entry = cache.find("/d.toml", stamp).unwrap();
        let cached = [LoadedDeck {
            deck: entry.deck,
            path: None,
            file_hash: Some(hash),
            cached: Some(crate::library::CachedCards {
                key: "/d.toml".to_owned(),
                cards: entry.cards,
            }),
        }];
        store.unsync_deck("d").unwrap();
        for round in 0..2 {
            assert_eq!(store.is_synced("d", hash).unwrap(), round == 1);
            let Ok(Planned { mut session, .. }) =
                plan(&cached, &mut store, &config, &args, now(), &[None], None)
            else {
                panic!("no plan from the cache");
            };
            assert_eq!(session.queue.counts(), counts, "cached, new {new}");
            let order: Vec<String> = std::iter::from_fn(|| session.queue.next(later))
                .map(|k| session.items[k].item_id.clone())
                .collect();
            assert_eq!(order, expected, "cached, new {new}, reviews {reviews}");
        }
        // A damaged entry (cut short under the open deck) is reported, to be rebuilt from
        // the file.
        for file in std::fs::read_dir(dir.path()).unwrap() {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(file.unwrap().path())
                .unwrap();
            file.set_len(100).unwrap();
        }
        assert!(matches!(
            plan(&cached, &mut store, &config, &args, now(), &[None], None),
            Err(PlanError::Damaged(0))
        ));
    }
}

//! Unit tests of the sync of a deck's card rows: new items, changed text, orphans, and the
//! content hash that tells a changed card.

use chrono::Duration;

use super::{answer, card, deck, state, t0};
use crate::library::{DeckSync, content_hash};
use crate::scheduler::Rating;
use crate::store::*;

#[cfg(unix)]
#[test]
fn sync_adds_marks_changed_and_keeps_orphans() {
    let mut store = Store::open_in_memory().unwrap();
    let first = store
        .sync_deck(&deck("d", &[("a", "A?"), ("b", "B?"), ("c", "C?")]))
        .unwrap();
    assert_eq!(first.added, 3);
    answer(&mut store, "d", "a", Rating::Good, t0());
    let a_state = state(&store, "d", "a");

    // a's text changes (it was answered), b's too (never answered), c leaves the deck.
    let second = store
        .sync_deck(&deck("d", &[("a", "A, edited?"), ("b", "B, edited?")]))
        .unwrap();
    assert_eq!(
        second,
        SyncReport {
            added: 0,
            changed: 1,
            returned: 0,
            orphaned: 1
        }
    );
    let a = store.card("d", "a").unwrap().unwrap();
    assert!(a.changed && a.present);
    assert_eq!(a.state, a_state, "progress follows the card id");
    assert!(!store.card("d", "b").unwrap().unwrap().changed);
    assert!(!store.card("d", "c").unwrap().unwrap().present);

    // The mark is read and cleared once.
    assert!(store.mark_seen("d", "a").unwrap());
    assert!(!store.mark_seen("d", "a").unwrap());

    // c comes back with its row.
    let third = store
        .sync_deck(&deck(
            "d",
            &[("a", "A, edited?"), ("b", "B, edited?"), ("c", "C?")],
        ))
        .unwrap();
    assert_eq!(third.returned, 1);
    assert_eq!(third.changed, 0);
    assert!(store.card("d", "c").unwrap().unwrap().present);
    assert_eq!(store.cards("d").unwrap().len(), 3);
}

#[test]
fn an_orphan_keeps_its_history_and_gets_it_back() {
    let mut store = Store::open_in_memory().unwrap();
    store.sync_deck(&deck("d", &[("a", "A?")])).unwrap();
    let review = answer(&mut store, "d", "a", Rating::Easy, t0());
    store.sync_deck(&deck("d", &[])).unwrap();
    let later = t0() + Duration::days(400);
    assert!(store.due(later).unwrap().is_empty(), "orphans are not due");
    assert_eq!(store.review_count().unwrap(), 1);
    store.sync_deck(&deck("d", &[("a", "A?")])).unwrap();
    let back = store.card("d", "a").unwrap().unwrap();
    assert_eq!(back.state, Some(review.after));
    assert_eq!(store.due(later).unwrap().len(), 1);
}

#[test]
fn answering_clears_the_changed_mark() {
    let mut store = Store::open_in_memory().unwrap();
    store.sync_deck(&deck("d", &[("a", "A?")])).unwrap();
    answer(&mut store, "d", "a", Rating::Good, t0());
    store.sync_deck(&deck("d", &[("a", "A2?")])).unwrap();
    assert!(store.card("d", "a").unwrap().unwrap().changed);
    answer(&mut store, "d", "a", Rating::Good, t0() + Duration::days(3));
    assert!(!store.card("d", "a").unwrap().unwrap().changed);
}

#[test]
fn content_hash_is_stable_and_follows_the_text() {
    let a = card("a", "Question?");
    assert_eq!(content_hash(&a), content_hash(&a.clone()));
    let mut tagged = a.clone();
    tagged.tags.push("new-tag".to_owned());
    tagged.hint = Some("a hint".to_owned());
    assert_eq!(content_hash(&a), content_hash(&tagged));
    assert_ne!(content_hash(&a), content_hash(&card("a", "Question!")));
    // Fixed forever: a different value would mark every card of every learner as changed.
    assert_eq!(content_hash(&a), 0x30ed_31e1_b50d_c8b3);
}

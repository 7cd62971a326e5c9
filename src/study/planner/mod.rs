//! Today's session of `recall study`, built from the decks and the store without reading
//! every card: the store's rows say which items are due, which are new in deck order and
//! when the next one is due (`store::queue_rows`), and only the cards those items belong to
//! are decoded from the deck cache.
//!
//! The queue is the one a session over every item of the decks would build: answered
//! items due before the day ends, per deck the new items in deck order up to the point
//! where the new-card limit is sure to be filled (plus the new siblings of cards answered
//! today, which the queue then holds back). The answered item due soonest after the day is
//! not asked, but tells when the next card is due. An answered item is never in the `New` phase (the schedulers move every card out of
//! it on its first answer), so the rows without a state are the new ones.
//!
//! [`plan`] runs the steps in order: `sync` the decks, then read today's answers and the
//! answered items due (`due`, moved by an exam in `exam`), the `new_items`, the item due
//! soonest after today; `build` then builds the queue from the picks' rows, leaves out those
//! it will not take (reviews beyond the day's limit, say) and makes the session from the rest
//! (with the `pool` of answers for multiple choices).

use chrono::{DateTime, Utc};

use crate::deck::NewOrder;
use crate::error::Error;
use crate::library::Intakes;
use crate::library::LoadedDeck;
use crate::scheduler::exam::ExamDay;
use crate::session::Session;
use crate::session::queue::Limits;
use crate::store::{Store, StoreError};
use crate::study::Options;

mod build;
mod cards;
mod due;
mod exam;
mod new_items;
mod pick;
mod pool;
mod rows;
mod sync;

use build::Items;
use cards::Cards;
use due::DueToday;
use new_items::NewItems;
pub use pool::{distractors, vocabulary};
use rows::Rows;
use sync::Synced;

/// When an answered item is due, and the deck it is in.
type DueIn = (DateTime<Utc>, usize);

/// A session and what it leaves out.
pub struct Planned {
    pub session: Session,
    /// The due times of answered items left out of the session (never in today's queue),
    /// for the summary's "due by tomorrow"; some of those due after a week may be missing.
    pub hidden_dues: Vec<DateTime<Utc>>,
    /// With an exam: the new cards per deck allowed today.
    pub exam_new: Option<u32>,
}

/// Why a plan failed.
#[derive(Debug)]
pub enum PlanError {
    /// The cache of deck `0` (an index into the decks) does not agree with the store: drop
    /// it and plan again from the parsed file.
    Damaged(usize),
    /// Anything else.
    Failed(Error),
}

impl From<StoreError> for PlanError {
    fn from(e: StoreError) -> Self {
        PlanError::Failed(e.into())
    }
}

impl From<Error> for PlanError {
    fn from(e: Error) -> Self {
        PlanError::Failed(e)
    }
}

/// Builds the session: syncs the decks into the store (skipped for files unchanged since
/// the store last synced them), then reads the items today's queue can take. `exams` holds
/// each deck's exam day, if any (see `scheduler::exam`).
pub fn plan(
    decks: &[LoadedDeck],
    store: &mut Store,
    config: &crate::config::StudyConfig,
    args: &Options,
    now: DateTime<Utc>,
    exams: &[Option<ExamDay>],
    intakes: Option<&Intakes>,
) -> Result<Planned, PlanError> {
    let synced = sync::sync(decks, store, config, exams, intakes)?;
    store.reading(|store| plan_from_rows(decks, store, config, args, now, synced, intakes))
}

/// The second half of [`plan`]: everything it reads once the decks are synced.
fn plan_from_rows(
    decks: &[LoadedDeck],
    store: &Store,
    config: &crate::config::StudyConfig,
    args: &Options,
    now: DateTime<Utc>,
    synced: Synced,
    intakes: Option<&Intakes>,
) -> Result<Planned, PlanError> {
    let Synced {
        keys,
        schedulers,
        accepted,
    } = synced;
    let days = config.settings.day_clock();
    let today_number = days.day_number(now);
    let day_end = days.day_start(today_number + 1);
    let horizon = days.day_start(today_number + 8);
    let offsets = pick::group_offsets(decks);
    let mut cards = Cards::new(decks, &args.tags);
    let rows = Rows::new(store, decks, &keys, |d| {
        intakes.and_then(|i| i.unwritten(d))
    })?;

    let (mut today, reviewed) =
        crate::study::today::today(store, decks, days.day_start(today_number))?;
    let seen_ords = new_items::seen_today(&rows, &offsets, &reviewed, &mut today)?;
    let DueToday {
        mut picks,
        busy_groups,
        exam_later,
    } = due::due_today(&rows, &schedulers, &offsets, &mut cards, day_end)?;
    let exam_new = exam::exam_new_per_day(&rows, &schedulers, &mut cards, &today, config, now)?;
    today.together = exam::together(&schedulers, today_number);
    let new_per_day = exam_new.unwrap_or(config.new_per_day);
    // New items, per deck in order, until the new-card limit is sure to be filled: the
    // queue takes one per sibling group, from groups not answered today and not busy with a
    // due item (whose new items are kept, as the queue may or may not take them).
    // In a deck of random order, every new card is read and they are taken in its order.
    let orders = pick::orders(decks, config.new_order);
    for d in 0..decks.len() {
        let done = today.new_done.get(&d).copied().unwrap_or(0);
        let limit = new_per_day.saturating_sub(done) as usize;
        let seen = &today.siblings_seen;
        let mut new = NewItems::new(d, offsets[d], limit, now, seen, &busy_groups);
        let order = (orders[d].0 == NewOrder::Random).then_some((orders[d], today_number));
        new.read(&rows, &seen_ords[d], order, &mut cards, &mut picks)?;
    }
    let (soonest, mut hidden_dues) =
        due::soonest_after(&rows, &schedulers, &mut cards, exam_later, day_end, horizon)?;
    build::sort(&mut picks, &orders, today_number);
    let limits = Limits {
        new_per_day,
        reviews_per_day: config.reviews_per_day,
        ..Limits::default()
    };
    let (picks, queue, mut left_out) = build::trim(picks, &offsets, now, days, limits, &today);
    hidden_dues.extend(left_out.iter().map(|&(due, _)| due));
    left_out.extend(soonest);

    let mode = args.mode;
    let Items {
        items,
        states,
        pool,
    } = build::items(&picks, decks, &mut cards, &accepted, mode)?;
    let mut session = build::session(items, states, queue, schedulers, mode, args, now);
    session.left_out = left_out;
    session.leech = (config.leech_threshold, config.leech_action);
    if pool {
        session.distractors = distractors(decks, &args.tags)?;
    }
    if !session.items.is_empty() {
        session.vocabulary = vocabulary(decks);
    }
    Ok(Planned {
        session,
        hidden_dues,
        exam_new,
    })
}

//! Today's session of `recall study`, built from the decks and the store without reading
//! every card: the store's rows say which items are due, which are new in deck order and
//! when the next one is due (`store::queue_rows`), and only the cards those items belong to
//! are decoded from the deck cache.
//!
//! The queue is the one a session over every item of the decks would build: answered
//! items due before the day ends, per deck the new items in deck order up to the point
//! where the new-card limit is sure to be filled (plus the new siblings of cards answered
//! today, which the queue then holds back), and the answered item due soonest after the
//! day. An answered item is never in the `New` phase (the schedulers move every card out of
//! it on its first answer), so the rows without a state are the new ones.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};

use super::decks::LoadedDeck;
use crate::cli::StudyArgs;
use crate::deck::{Card, Content, Side, card_items};
use crate::error::Error;
use crate::plan::intro;
use crate::scheduler::exam::ExamDay;
use crate::scheduler::{Phase, Scheduler};
use crate::session::distractors::OtherAnswer;
use crate::session::queue::{Entry, Limits, Queue};
use crate::session::{Session, StudyItem, question};
use crate::store::{QueueRow, Store, StoreError};

/// A session and what it leaves out.
pub(super) struct Planned {
    pub session: Session,
    /// The due times of answered items left out of the session (never in today's queue)
    /// that fall within a week, for the summary's "due by tomorrow".
    pub hidden_dues: Vec<DateTime<Utc>>,
    /// With an exam: the new cards per deck allowed today.
    pub exam_new: Option<u32>,
}

/// Why a plan failed.
#[derive(Debug)]
pub(super) enum PlanError {
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

/// An item the queue can take.
struct Pick {
    deck: usize,
    ord: usize,
    /// The item's place among its card's items.
    pos: usize,
    side: Side,
    row: QueueRow,
}

/// The decks' cards, decoded from the cache only when asked.
struct Cards<'a> {
    decks: &'a [LoadedDeck],
    store: &'a Store,
    tags: &'a [String],
    decoded: HashMap<(usize, usize), Card>,
}

impl<'a> Cards<'a> {
    fn get(&mut self, d: usize, ord: usize) -> Result<&Card, PlanError> {
        let loaded = &self.decks[d];
        let Some(cached) = &loaded.cached else {
            return loaded.deck.cards.get(ord).ok_or(PlanError::Damaged(d));
        };
        if !self.decoded.contains_key(&(d, ord)) {
            let card = self
                .store
                .cached_card(cached.file, ord)?
                .ok_or(PlanError::Damaged(d))?;
            self.decoded.insert((d, ord), card);
        }
        Ok(&self.decoded[&(d, ord)])
    }

    fn wanted(&mut self, d: usize, ord: usize) -> Result<bool, PlanError> {
        if self.tags.is_empty() {
            return Ok(true);
        }
        let tags = self.tags;
        Ok(wanted(self.get(d, ord)?, tags))
    }

    /// Decodes the cached cards at `ords` (increasing) of deck `d` in one go.
    fn load(&mut self, d: usize, ords: &[usize]) -> Result<(), PlanError> {
        let Some(cached) = &self.decks[d].cached else {
            return Ok(());
        };
        let missing: Vec<usize> = ords
            .iter()
            .copied()
            .filter(|&o| !self.decoded.contains_key(&(d, o)))
            .collect();
        let found = self
            .store
            .cached_cards_at(cached.file, &missing)?
            .ok_or(PlanError::Damaged(d))?;
        for (ord, card) in missing.into_iter().zip(found) {
            self.decoded.insert((d, ord), card);
        }
        Ok(())
    }
}

/// The place and side of an item among its card's items, from its id (`card`,
/// `card:reverse` or `card:<n>`; card ids have no `:`).
fn side_of(item: &str) -> Option<(usize, Side)> {
    match item.split_once(':') {
        None => Some((0, Side::Forward)),
        Some((_, "reverse")) => Some((1, Side::Reverse)),
        Some((_, n)) => {
            let n: usize = n.parse().ok()?;
            Some((n.checked_sub(1)?, Side::Deletion(n - 1)))
        }
    }
}

fn pick(d: usize, row: QueueRow) -> Result<Pick, PlanError> {
    let (pos, side) = side_of(&row.item).ok_or(PlanError::Damaged(d))?;
    Ok(Pick {
        deck: d,
        ord: row.ord,
        pos,
        side,
        row,
    })
}

/// True when the card has one of `tags` (or no tag is asked for).
pub(super) fn wanted(card: &Card, tags: &[String]) -> bool {
    tags.is_empty()
        || card
            .tags
            .iter()
            .any(|t| tags.iter().any(|w| w.eq_ignore_ascii_case(t)))
}

fn visible(row: &QueueRow, now: DateTime<Utc>) -> bool {
    !row.suspended && row.buried_until.is_none_or(|b| b <= now)
}

/// Builds the session: syncs the decks into the store (skipped for files unchanged since
/// the store last synced them), then reads the items today's queue can take. `exams` holds
/// each deck's exam day, if any (see `scheduler::exam`).
pub(super) fn plan(
    decks: &[LoadedDeck],
    store: &mut Store,
    config: &crate::config::StudyConfig,
    args: &StudyArgs,
    now: DateTime<Utc>,
    exams: &[Option<ExamDay>],
) -> Result<Planned, PlanError> {
    let mut ids = HashSet::new();
    for loaded in decks {
        if !ids.insert(loaded.deck.id.as_str()) {
            return Err(Error::Usage(format!(
                "two of the decks have the id \"{}\"; study them one at a time",
                loaded.deck.id
            ))
            .into());
        }
    }
    let mut keys = Vec::with_capacity(decks.len());
    let mut schedulers = Vec::with_capacity(decks.len());
    let mut accepted = Vec::with_capacity(decks.len());
    for (d, loaded) in decks.iter().enumerate() {
        let deck = &loaded.deck;
        match (loaded.file_hash, &loaded.cached) {
            (Some(hash), None) => {
                store.sync_cached(deck, hash)?;
            }
            // Unparsed, but the rows were changed since the file was synced: sync its cards.
            (Some(hash), Some(_)) => {
                if !store.is_synced(&deck.id, hash)? {
                    let mut full = deck.clone();
                    full.cards = loaded.all_cards(store)?.ok_or(PlanError::Damaged(d))?;
                    store.sync_cached(&full, hash)?;
                }
            }
            // Never happens: a cached deck always knows its file's hash.
            (None, Some(_)) => return Err(PlanError::Damaged(d)),
            (None, None) => {
                store.sync_deck(deck)?;
            }
        }
        keys.push(store.deck_key_of(&deck.id)?.ok_or(PlanError::Damaged(d))?);
        accepted.push(store.accepted_answers_of_deck(&deck.id)?);
        let named = deck.scheduler.as_deref().and_then(|s| s.parse().ok());
        let kind = super::settings::scheduler_kind(config, named);
        schedulers.push(
            Scheduler::new(kind, config.settings.clone())
                .map_err(|e| Error::Usage(e.to_string()))?
                .with_exam(exams.get(d).copied().flatten()),
        );
    }
    store.reading(|store| {
        plan_from_rows(decks, store, config, args, now, keys, schedulers, &accepted)
    })
}

/// The second half of [`plan`]: everything it reads once the decks are synced.
#[allow(clippy::too_many_arguments)]
fn plan_from_rows(
    decks: &[LoadedDeck],
    store: &Store,
    config: &crate::config::StudyConfig,
    args: &StudyArgs,
    now: DateTime<Utc>,
    keys: Vec<i64>,
    schedulers: Vec<Scheduler>,
    accepted: &[HashMap<String, Vec<String>>],
) -> Result<Planned, PlanError> {
    let days = config.settings.day_clock();
    let today_number = days.day_number(now);
    let day_end = days.day_start(today_number + 1);
    let horizon = days.day_start(today_number + 8);
    let mut offsets = Vec::with_capacity(decks.len());
    let mut total = 0;
    for loaded in decks {
        offsets.push(total);
        total += loaded.card_count();
    }
    let group = |p: &Pick| offsets[p.deck] + p.ord;
    let mut cards = Cards {
        decks,
        store,
        tags: &args.tags,
        decoded: HashMap::new(),
    };

    let (mut today, reviewed) = super::study::today(store, decks, days.day_start(today_number))?;
    let mut seen_ords: Vec<HashSet<usize>> = vec![HashSet::new(); decks.len()];
    for (&d, card_ids) in &reviewed {
        for id in card_ids {
            if let Some(ord) = store.queue_card_ord(keys[d], id)? {
                today.siblings_seen.insert(offsets[d] + ord);
                seen_ords[d].insert(ord);
            }
        }
    }

    // Answered items due before the day ends. Under an exam a stored due day may move either
    // way (`Scheduler::exam_due`), so every answered row of that deck is read, its due time
    // moved, and those due after today kept for the next-due figures below.
    let mut picks = Vec::new();
    let mut busy_groups = HashSet::new();
    let mut exam_later: Vec<Vec<QueueRow>> = vec![Vec::new(); decks.len()];
    for (d, &key) in keys.iter().enumerate() {
        let mut rows = store.queue_due_before(key, day_end)?;
        let exam = schedulers[d].exam().is_some();
        if exam {
            store.queue_due_from(key, day_end, |row| {
                rows.push(row);
                Ok::<_, PlanError>(true)
            })?;
            for row in &mut rows {
                if let Some(state) = row.state.as_mut() {
                    state.due = schedulers[d].exam_due(state);
                }
            }
        }
        for row in rows {
            let answered = row.state.as_ref().is_some_and(|s| s.phase != Phase::New);
            let due_today = row.state.as_ref().is_some_and(|s| s.due < day_end);
            if answered && due_today {
                if cards.wanted(d, row.ord)? {
                    let pick = pick(d, row)?;
                    busy_groups.insert(group(&pick));
                    picks.push(pick);
                }
            } else if answered {
                exam_later[d].push(row);
            }
        }
        exam_later[d].sort_by_key(|r| (r.state.as_ref().map(|s| s.due), r.ord));
    }
    let exam_new = exam_new_per_day(store, &keys, &schedulers, &mut cards, &today, config, now)?;
    let new_per_day = exam_new.unwrap_or(config.new_per_day);
    // New items, per deck in order, until the new-card limit is sure to be filled: the
    // queue takes one per sibling group, from groups not answered today and not busy with a
    // due item (whose new items are kept, as the queue may or may not take them).
    for d in 0..decks.len() {
        let done = today.new_done.get(&d).copied().unwrap_or(0);
        let limit = new_per_day.saturating_sub(done) as usize;
        let mut new = NewItems {
            deck: d,
            offset: offsets[d],
            limit,
            now,
            counted: HashSet::new(),
            seen: &today.siblings_seen,
            busy: &busy_groups,
            last_ord: None,
        };
        let mut group_rows: Vec<QueueRow> = Vec::new();
        let mut full = false;
        store.queue_new(keys[d], |row| {
            if group_rows.first().is_some_and(|r| r.ord != row.ord) {
                new.take(std::mem::take(&mut group_rows), &mut cards, &mut picks)?;
                if new.counted.len() >= limit {
                    full = true;
                    return Ok(false);
                }
            }
            group_rows.push(row);
            Ok::<_, PlanError>(true)
        })?;
        if !full {
            new.take(group_rows, &mut cards, &mut picks)?;
        }
        // Past that point only the new siblings of cards answered today are taken.
        let mut later: Vec<usize> = seen_ords[d]
            .iter()
            .copied()
            .filter(|&o| new.last_ord.is_none_or(|last| o > last))
            .collect();
        later.sort_unstable();
        for ord in later {
            let rows = store.queue_new_at(keys[d], ord)?;
            new.take(rows, &mut cards, &mut picks)?;
        }
    }
    // The answered item due soonest after the day, so that "next due" stays right; the
    // others due within a week are counted in the summary.
    let mut soonest: Option<(DateTime<Utc>, Pick)> = None;
    let mut hidden: Vec<(usize, String, DateTime<Utc>)> = Vec::new();
    for (d, &key) in keys.iter().enumerate() {
        let mut first: Option<DateTime<Utc>> = None;
        let mut visit = |row: QueueRow| {
            let Some(due) = row.state.as_ref().map(|s| s.due) else {
                return Ok(true);
            };
            if first.is_some_and(|f| due > f) && due >= horizon {
                return Ok(false);
            }
            if !cards.wanted(d, row.ord)? {
                return Ok(true);
            }
            if due < horizon {
                hidden.push((d, row.item.clone(), due));
            }
            if first.is_none_or(|f| due == f) {
                first = Some(due);
                let pick = pick(d, row)?;
                let better = soonest.as_ref().is_none_or(|(at, best)| {
                    (due, pick.deck, pick.ord, pick.pos) < (*at, best.deck, best.ord, best.pos)
                });
                if better {
                    soonest = Some((due, pick));
                }
            }
            Ok::<_, PlanError>(true)
        };
        if schedulers[d].exam().is_some() {
            for row in std::mem::take(&mut exam_later[d]) {
                if !visit(row)? {
                    break;
                }
            }
        } else {
            store.queue_due_from(key, day_end, visit)?;
        }
    }
    let mut hidden_dues = Vec::with_capacity(hidden.len());
    for (d, item, due) in hidden {
        let is_soonest = soonest
            .as_ref()
            .is_some_and(|(_, p)| p.deck == d && p.row.item == item);
        if !is_soonest {
            hidden_dues.push(due);
        }
    }
    picks.extend(soonest.map(|(_, p)| p));
    picks.sort_by_key(|p| (p.deck, p.ord, p.pos));
    for d in 0..decks.len() {
        let mut ords: Vec<usize> = picks
            .iter()
            .filter(|p| p.deck == d)
            .map(|p| p.ord)
            .collect();
        ords.dedup();
        cards.load(d, &ords)?;
    }

    let mode: question::StudyMode = args.mode.into();
    let mut items = Vec::with_capacity(picks.len());
    let mut entries = Vec::with_capacity(picks.len());
    let mut states = Vec::with_capacity(picks.len());
    let mut pool = false;
    for p in &picks {
        let deck = &decks[p.deck].deck;
        let mut card = cards.get(p.deck, p.ord)?.clone();
        // The row must be one of the card's items, else the cache and the store disagree.
        let matches = card_items(&card)
            .get(p.pos)
            .is_some_and(|item| item.side == p.side && item.id() == p.row.item);
        if !matches {
            return Err(PlanError::Damaged(p.deck));
        }
        pool |= question::uses_distractors(&card, p.side, mode);
        if let (Content::Basic { accept, .. }, Some(extra)) =
            (&mut card.content, accepted[p.deck].get(&p.row.item))
        {
            accept.extend(extra.iter().cloned());
        }
        entries.push(Entry {
            key: items.len(),
            deck: p.deck,
            sibling: group(p),
            state: p.row.state.clone(),
            suspended: p.row.suspended,
            buried_until: p.row.buried_until,
        });
        states.push(p.row.state.clone());
        items.push(StudyItem {
            deck: p.deck,
            deck_id: deck.id.clone(),
            source: deck.source.clone(),
            item_id: p.row.item.clone(),
            card,
            side: p.side,
            changed: p.row.changed,
        });
    }
    let limits = Limits {
        new_per_day,
        reviews_per_day: config.reviews_per_day,
        ..Limits::default()
    };
    let queue = Queue::build(&entries, now, days, limits, &today);
    let mut session = Session::new(items, states, queue, schedulers);
    session.mode = mode;
    session.limit = args.limit;
    session.deadline = args
        .minutes
        .map(|m| now + chrono::TimeDelta::seconds((m * 60.0) as i64));
    if pool {
        session.distractors = distractors(decks, store, &args.tags)?;
    }
    session.seed = now.timestamp().unsigned_abs();
    Ok(Planned {
        session,
        hidden_dues,
        exam_new,
    })
}

/// The answers of every wanted card of the decks, in order: the wrong options of multiple
/// choices that have none of their own (ranked by `session::distractors`).
pub(super) fn distractors(
    decks: &[LoadedDeck],
    store: &Store,
    tags: &[String],
) -> Result<Vec<OtherAnswer>, PlanError> {
    let mut out = Vec::new();
    for (d, loaded) in decks.iter().enumerate() {
        let all = loaded.all_cards(store)?.ok_or(PlanError::Damaged(d))?;
        for card in all.iter().filter(|c| wanted(c, tags)) {
            out.extend(OtherAnswer::of_card(card, &loaded.deck.tags));
        }
    }
    Ok(out)
}

/// With an exam on any deck: the new cards per deck allowed today, the most any deck with an
/// exam needs to introduce all its unstudied items in time (`plan::intro`; one limit serves
/// every deck of the session), never below the usual count. `None` without an exam.
fn exam_new_per_day(
    store: &Store,
    keys: &[i64],
    schedulers: &[Scheduler],
    cards: &mut Cards<'_>,
    today: &crate::session::queue::Today,
    config: &crate::config::StudyConfig,
    now: DateTime<Utc>,
) -> Result<Option<u32>, PlanError> {
    let day = config.settings.day_clock().day_number(now);
    let mut most = None;
    for (d, scheduler) in schedulers.iter().enumerate() {
        let Some(exam) = scheduler.exam() else {
            continue;
        };
        let mut rows = Vec::new();
        store.queue_new(keys[d], |row| {
            if visible(&row, now) {
                rows.push(row.ord);
            }
            Ok::<_, PlanError>(true)
        })?;
        let mut unstudied = 0;
        for ord in rows {
            if cards.wanted(d, ord)? {
                unstudied += 1;
            }
        }
        let done = today.new_done.get(&d).copied().unwrap_or(0) as usize;
        let needed = intro::new_per_day(unstudied + done, day, exam, config.new_per_day);
        most = Some(most.map_or(needed, |m: u32| m.max(needed)));
    }
    Ok(most)
}

/// The new items of one deck, taken a card at a time in deck order.
struct NewItems<'t> {
    deck: usize,
    offset: usize,
    /// Groups to count before the new-card limit is sure to be filled.
    limit: usize,
    now: DateTime<Utc>,
    /// Groups of new items taken so far.
    counted: HashSet<usize>,
    /// Groups answered today.
    seen: &'t HashSet<usize>,
    /// Groups with an answered item due today.
    busy: &'t HashSet<usize>,
    /// The last card looked at.
    last_ord: Option<usize>,
}

impl NewItems<'_> {
    /// Takes what it may of the new `rows` of one card.
    fn take(
        &mut self,
        rows: Vec<QueueRow>,
        cards: &mut Cards<'_>,
        picks: &mut Vec<Pick>,
    ) -> Result<(), PlanError> {
        let Some(ord) = rows.first().map(|r| r.ord) else {
            return Ok(());
        };
        self.last_ord = Some(self.last_ord.map_or(ord, |l| l.max(ord)));
        if !cards.wanted(self.deck, ord)? {
            return Ok(());
        }
        let mut found = Vec::with_capacity(rows.len());
        for row in rows {
            found.push(pick(self.deck, row)?);
        }
        found.sort_by_key(|p| p.pos);
        let group = self.offset + ord;
        for pick in found {
            if !visible(&pick.row, self.now) {
                continue;
            }
            if self.busy.contains(&group) {
                picks.push(pick);
                continue;
            }
            let fresh = !self.seen.contains(&group) && !self.counted.contains(&group);
            if fresh && self.counted.len() >= self.limit {
                continue;
            }
            if fresh {
                self.counted.insert(group);
            }
            picks.push(pick);
        }
        Ok(())
    }
}

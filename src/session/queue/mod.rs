//! The study queue: which item comes next, as a learner expects from Anki.
//!
//! Order: items in (re)learning that are due, then due reviews (the most overdue relative
//! to their interval first), then new items in deck order. Limits: new items per deck per
//! day and reviews per day, counting what was already done today. Siblings (the sides of
//! a reversed card, the deletions of one cloze) are not shown on the same day, except the
//! new items of a deck whose exam leaves no time to keep them apart ([`Today::together`]). An item
//! answered into a learning step comes back in the same session when the step is due; when
//! nothing else is left, a step due within the learn-ahead window is shown early.
//!
//! Pure: the caller passes the items' states and the time; nothing here reads a clock.

use std::collections::{HashMap, HashSet, VecDeque};

use chrono::{DateTime, TimeDelta, Utc};

use crate::scheduler::days::DayClock;
use crate::scheduler::{CardState, Phase};

/// What the queue needs to know about one item.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The caller's handle for the item, returned by [`Queue::next`].
    pub key: usize,
    /// Which deck it belongs to, for the per-deck new-item limit.
    pub deck: usize,
    /// Items with the same sibling group are the same card asked differently.
    pub sibling: usize,
    /// Its scheduling state; `None` for an item never studied.
    pub state: Option<CardState>,
    /// Suspended items are never shown.
    pub suspended: bool,
    /// Buried items are not shown before this instant.
    pub buried_until: Option<DateTime<Utc>>,
}

/// How much a day may hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// New items per deck per day.
    pub new_per_day: u32,
    /// Reviews per day, all decks together.
    pub reviews_per_day: u32,
    /// How early a learning step may be shown when nothing else is due, in seconds.
    pub learn_ahead_seconds: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            new_per_day: 20,
            reviews_per_day: 200,
            learn_ahead_seconds: 20 * 60,
        }
    }
}

/// What was already studied today, from the review log.
#[derive(Debug, Clone, Default)]
pub struct Today {
    /// New items introduced today, per deck.
    pub new_done: HashMap<usize, u32>,
    /// Reviews of graduated items answered today.
    pub reviews_done: u32,
    /// Sibling groups answered today.
    pub siblings_seen: HashSet<usize>,
    /// Decks whose new items may come on the same day as their siblings: an exam is so near
    /// that every card left must be introduced now (`plan::intro::siblings_together`).
    pub together: HashSet<usize>,
}

/// How many items of each kind are waiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Never studied.
    pub new: usize,
    /// In learning or relearning steps today.
    pub learning: usize,
    /// Graduated and due.
    pub review: usize,
}

/// Today's queue.
#[derive(Debug, Clone, Default)]
pub struct Queue {
    /// Items in steps, with the instant each is due.
    learning: Vec<(DateTime<Utc>, usize)>,
    reviews: VecDeque<usize>,
    new: VecDeque<usize>,
    learn_ahead: TimeDelta,
    /// The start of the next learner's day: steps due after it wait for another session.
    day_end: DateTime<Utc>,
}

/// How overdue a review is relative to its interval (larger is more urgent).
fn overdue_ratio(state: &CardState, now: DateTime<Utc>) -> f64 {
    let overdue = (now - state.due).num_seconds() as f64;
    let interval = state
        .last_review
        .map_or(86_400.0, |last| (state.due - last).num_seconds() as f64)
        .max(86_400.0);
    overdue / interval
}

impl Queue {
    /// Builds today's queue from every item's state.
    #[must_use]
    pub fn build(
        entries: &[Entry],
        now: DateTime<Utc>,
        days: DayClock,
        limits: Limits,
        today: &Today,
    ) -> Queue {
        let day_end = days.day_start(days.day_number(now) + 1);
        let visible = |e: &&Entry| !e.suspended && e.buried_until.is_none_or(|b| b <= now);
        let mut seen: HashSet<usize> = today.siblings_seen.clone();
        let mut learning = Vec::new();
        for e in entries.iter().filter(visible) {
            if let Some(state) = e.state.as_ref().filter(|s| s.in_steps() && s.due < day_end) {
                learning.push((state.due, e.key));
                seen.insert(e.sibling);
            }
        }
        let mut due: Vec<(&Entry, f64)> = entries
            .iter()
            .filter(visible)
            .filter_map(|e| {
                let s = e.state.as_ref()?;
                (s.phase == Phase::Review && s.due <= now).then(|| (e, overdue_ratio(s, now)))
            })
            .collect();
        due.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.key.cmp(&b.0.key)));
        let review_room = limits.reviews_per_day.saturating_sub(today.reviews_done) as usize;
        let mut reviews = VecDeque::new();
        for (e, _) in due {
            if reviews.len() < review_room && seen.insert(e.sibling) {
                reviews.push_back(e.key);
            }
        }
        let mut new = VecDeque::new();
        let mut new_taken: HashMap<usize, u32> = today.new_done.clone();
        for e in entries.iter().filter(visible) {
            if !CardState::is_new(e.state.as_ref()) {
                continue;
            }
            let taken = new_taken.entry(e.deck).or_default();
            let apart = !today.together.contains(&e.deck);
            if *taken < limits.new_per_day && (!apart || seen.insert(e.sibling)) {
                *taken += 1;
                new.push_back(e.key);
            }
        }
        learning.sort();
        Queue {
            learning,
            reviews,
            new,
            learn_ahead: TimeDelta::seconds(i64::from(limits.learn_ahead_seconds)),
            day_end,
        }
    }

    /// Takes the next item to show at `now`, or `None` when the session is done.
    pub fn next(&mut self, now: DateTime<Utc>) -> Option<usize> {
        if self.learning.first().is_some_and(|&(due, _)| due <= now) {
            return Some(self.learning.remove(0).1);
        }
        if let Some(key) = self.reviews.pop_front().or_else(|| self.new.pop_front()) {
            return Some(key);
        }
        if self
            .learning
            .first()
            .is_some_and(|&(due, _)| due <= now + self.learn_ahead)
        {
            return Some(self.learning.remove(0).1);
        }
        None
    }

    /// Whether [`Queue::next`] would give an item at `now`.
    #[must_use]
    pub fn has_due(&self, now: DateTime<Utc>) -> bool {
        !self.reviews.is_empty()
            || !self.new.is_empty()
            || self
                .learning
                .first()
                .is_some_and(|&(due, _)| due <= now + self.learn_ahead)
    }

    /// Puts an answered item back when its new state is a step due before the day ends.
    pub fn after_answer(&mut self, key: usize, state: &CardState) {
        self.remove(key);
        if state.in_steps() && state.due < self.day_end {
            let at = self
                .learning
                .partition_point(|&(due, k)| (due, k) <= (state.due, key));
            self.learning.insert(at, (state.due, key));
        }
    }

    /// Takes an item out of the queue (buried, suspended, or answered elsewhere).
    pub fn remove(&mut self, key: usize) {
        self.learning.retain(|&(_, k)| k != key);
        self.reviews.retain(|&k| k != key);
        self.new.retain(|&k| k != key);
    }

    /// Puts an item back at the front, as it was before an undone answer.
    pub fn restore(&mut self, key: usize, state: Option<&CardState>) {
        self.remove(key);
        match state {
            Some(s) if s.in_steps() => self.learning.insert(0, (s.due, key)),
            Some(s) if s.phase == Phase::Review => self.reviews.push_front(key),
            _ => self.new.push_front(key),
        }
    }

    /// When the next step is due, if only steps are left but none is due yet.
    #[must_use]
    pub fn next_step_due(&self) -> Option<DateTime<Utc>> {
        self.learning.first().map(|&(due, _)| due)
    }

    /// How many items of each kind are waiting.
    #[must_use]
    pub fn counts(&self) -> Counts {
        Counts {
            new: self.new.len(),
            learning: self.learning.len(),
            review: self.reviews.len(),
        }
    }

    /// Gives each item the queue holds the key `new_keys[key]`, for a caller that keeps only
    /// those items; the order is kept, so `new_keys` must rise with the keys it renumbers.
    pub fn renumber(&mut self, new_keys: &[usize]) {
        for (_, key) in &mut self.learning {
            *key = new_keys[*key];
        }
        for key in self.reviews.iter_mut().chain(self.new.iter_mut()) {
            *key = new_keys[*key];
        }
    }

    /// Every item the queue holds, in no particular order.
    pub fn keys(&self) -> impl Iterator<Item = usize> + '_ {
        self.learning
            .iter()
            .map(|&(_, key)| key)
            .chain(self.reviews.iter().copied())
            .chain(self.new.iter().copied())
    }

    /// True when nothing at all is left for today.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.learning.is_empty() && self.reviews.is_empty() && self.new.is_empty()
    }
}

#[cfg(test)]
mod tests;

//! What `recall study` tells around a session, besides the session's own summary: before the
//! first card, what is coming ([`Preview`]); after the last, the next card's due time, the
//! cards due by the end of tomorrow and the streak of days studied ([`Outlook`]).

use chrono::{DateTime, Utc};

use crate::error::Error;
use crate::scheduler::days::DayClock;
use crate::session::Session;
use crate::store::Store;

/// The seconds an answer is taken to last when the learner has none on record yet.
pub const DEFAULT_ANSWER_SECONDS: f64 = 8.0;

/// What a session is about to ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    /// The titles of the decks with cards in the queue, in deck order.
    pub decks: Vec<String>,
    /// Reviews due.
    pub reviews: usize,
    /// New cards.
    pub new: usize,
    /// Cards in their learning or relearning steps.
    pub learning: usize,
    /// The minutes the cards should take, rounded up: each card once, at the learner's mean
    /// answer time (capped by `--limit`).
    pub minutes: u64,
}

/// What `session` is about to ask; `titles` are the decks' titles by deck index, and
/// `mean_seconds` the learner's mean answer time ([`Store::mean_answer_seconds`]), if any.
/// `None` when nothing is due at `now`.
#[must_use]
pub fn preview(
    session: &Session,
    titles: &[&str],
    mean_seconds: Option<f64>,
    now: DateTime<Utc>,
) -> Option<Preview> {
    if !session.queue.has_due(now) {
        return None;
    }
    let counts = session.queue.counts();
    let total = counts.new + counts.learning + counts.review;
    let mut decks: Vec<usize> = session
        .queue
        .keys()
        .filter_map(|key| session.items.get(key).map(|item| item.deck))
        .collect();
    decks.sort_unstable();
    decks.dedup();
    let cards = session.limit.map_or(total, |limit| total.min(limit));
    Some(Preview {
        decks: decks
            .iter()
            .filter_map(|&d| titles.get(d).map(|t| (*t).to_owned()))
            .collect(),
        reviews: counts.review,
        new: counts.new,
        learning: counts.learning,
        minutes: minutes(cards, mean_seconds),
    })
}

/// The whole minutes `cards` answers take at `mean_seconds` each (8 s without a mean),
/// rounded up.
fn minutes(cards: usize, mean_seconds: Option<f64>) -> u64 {
    let pace = mean_seconds
        .filter(|s| s.is_finite() && *s > 0.0)
        .unwrap_or(DEFAULT_ANSWER_SECONDS);
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let minutes = (cards as f64 * pace / 60.0).ceil() as u64;
    minutes
}

/// The figures after a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outlook {
    /// When the next card is due after the session, if one is scheduled.
    pub next_due: Option<DateTime<Utc>>,
    /// The cards the queue still held when the session ended (when it was quit, or stopped
    /// by `--limit` or `--minutes`, these are what is left for today).
    pub left_today: usize,
    /// When the session ended.
    pub now: DateTime<Utc>,
    /// The learner's day clock, to say `next_due` in.
    pub days: DayClock,
    /// Items due before tomorrow ends.
    pub due_tomorrow: usize,
    /// Days studied in a row, today included.
    pub streak: u32,
}

/// The outlook after a session that ended at `now`: `hidden_dues` are the due times of the
/// answered items the session left out (see `planner::Planned`).
///
/// # Errors
/// The store failed.
pub fn outlook(
    session: &Session,
    hidden_dues: &[DateTime<Utc>],
    store: &Store,
    days: &DayClock,
    now: DateTime<Utc>,
) -> Result<Outlook, Error> {
    let today = days.day_number(now);
    let tomorrow_end = days.day_start(today + 2);
    let dues = session
        .states
        .iter()
        .flatten()
        .map(|s| s.due)
        .chain(hidden_dues.iter().copied());
    let due_tomorrow = dues.clone().filter(|&due| due < tomorrow_end).count();
    let left = session.queue.counts();
    let left_today = left.new + left.learning + left.review;
    let next_due = session
        .next_due(now)
        .map(|(due, _)| due)
        .into_iter()
        .chain(dues.filter(|&due| due > now))
        .min();
    let shift = i64::from(days.utc_offset_minutes) * 60 - i64::from(days.day_start_hour) * 3600;
    let streak = store.review_streak(shift, today, None, 4000)?;
    Ok(Outlook {
        next_due,
        left_today,
        now,
        days: *days,
        due_tomorrow,
        streak,
    })
}

#[cfg(test)]
mod tests {
    use super::minutes;

    #[test]
    fn minutes_come_from_the_learners_pace_or_eight_seconds() {
        assert_eq!(minutes(0, None), 0);
        assert_eq!(minutes(15, None), 2, "15 × 8 s = 2 minutes");
        assert_eq!(minutes(16, None), 3, "128 s rounds up");
        assert_eq!(minutes(16, Some(30.0)), 8);
        assert_eq!(minutes(10, Some(f64::NAN)), 2, "no usable mean: 8 s");
        assert_eq!(minutes(10, Some(0.0)), 2);
    }
}

//! Questions about the recent past of the review log: what was answered since an instant
//! (a session's "today"), and on which days the learner studied (the streak).

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::id::ReviewId;
use super::reviews::{RawReview, Review, SELECT_REVIEW};
use super::{Result, Store};

impl Store {
    /// Every review at or after `since`, oldest first. Review ids begin with their time,
    /// so this reads only the tail of the log.
    ///
    /// # Errors
    /// SQLite failed or a row cannot be read.
    pub fn reviews_since(&self, since: DateTime<Utc>) -> Result<Vec<Review>> {
        let lower = ReviewId::from_parts(since, 0);
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT_REVIEW} WHERE r.id >= ?1 ORDER BY r.id"))?;
        let rows = stmt.query_map([&lower.0[..]], RawReview::read)?;
        rows.map(|raw| raw?.finish()).collect()
    }

    /// The learner's day numbers on which at least one review was made, newest first, at
    /// most `limit` of them. A day number counts days of 86,400 s after shifting each
    /// review's time by `shift_seconds` (the UTC offset minus the hour the day starts).
    ///
    /// # Errors
    /// SQLite failed.
    pub fn review_days(&self, shift_seconds: i64, limit: usize) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT (time + ?1) / 86400000 AS day FROM review ORDER BY day DESC LIMIT ?2",
        )?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = stmt.query_map([shift_seconds * 1000, limit], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The most recent review time, if any.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn last_review_time(&self) -> Result<Option<DateTime<Utc>>> {
        let ms: Option<i64> = self
            .conn
            .query_row("SELECT max(time) FROM review", [], |r| r.get(0))?;
        ms.map(super::from_ms).transpose()
    }
}

impl Store {
    /// The answers the learner accepted for the items of one deck, by item id.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn accepted_answers_of_deck(&self, deck: &str) -> Result<HashMap<String, Vec<String>>> {
        let mut stmt = self.conn.prepare_cached(
            // CROSS JOIN keeps the (usually tiny) accepted answers the outer loop: read from
            // the card side, a 100,000-card deck would cost a scan of its rows.
            "SELECT c.id, a.text FROM accepted_answer a CROSS JOIN card c ON c.key = a.card \
             WHERE c.deck = (SELECT key FROM deck WHERE id = ?1) ORDER BY c.id, a.text",
        )?;
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        let rows = stmt.query_map([deck], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (item, text) = row?;
            out.entry(item).or_default().push(text);
        }
        Ok(out)
    }
}

/// Days in a row, ending today or yesterday, found in `days` (newest first).
#[must_use]
pub fn streak(days: &[i64], today: i64) -> u32 {
    let Some(&first) = days.first() else { return 0 };
    if first < today - 1 {
        return 0;
    }
    let mut count = 1;
    for pair in days.windows(2) {
        if pair[0] - pair[1] != 1 {
            break;
        }
        count += 1;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::streak;

    #[test]
    fn streak_counts_consecutive_days_up_to_today_or_yesterday() {
        assert_eq!(streak(&[], 100), 0);
        assert_eq!(streak(&[100, 99, 98, 96], 100), 3);
        assert_eq!(streak(&[99, 98], 100), 2);
        assert_eq!(streak(&[98, 97], 100), 0);
    }
}

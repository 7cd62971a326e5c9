//! Questions about the recent past of the review log: what was answered since an instant
//! (a session's "today"), and on which days the learner studied (the streak).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use rusqlite::OptionalExtension;

use super::id::ReviewId;
use super::{Result, Store};

/// A day's length in milliseconds.
const DAY_MS: i64 = 86_400_000;

/// One study answer as [`Store::study_answers_since`] gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct StudyAnswer {
    /// The deck's id.
    pub deck: String,
    /// The item's id within the deck.
    pub card: String,
    /// The card's phase before the answer; `None` when it had never been answered.
    pub before: Option<crate::scheduler::Phase>,
}

impl Store {
    /// The study answers (not cram or quiz) at or after `since`, oldest first, with only what
    /// a session's plan needs of each: deck id, item id and the card's phase before the
    /// answer (`None`: never answered), without reading or decoding the other fields.
    ///
    /// # Errors
    /// SQLite failed or a stored state cannot be read.
    pub fn study_answers_since(&self, since: DateTime<Utc>) -> Result<Vec<StudyAnswer>> {
        let lower = ReviewId::from_parts(since, 0);
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, c.id, r.before, r.time FROM review r \
             JOIN card c ON c.key = r.card JOIN deck d ON d.key = c.deck \
             WHERE r.id >= ?1 AND r.mode = 0 ORDER BY r.id",
        )?;
        let mut rows = stmt.query([&lower.0[..]])?;
        let mut answers = Vec::new();
        while let Some(row) = rows.next()? {
            let before: Option<Vec<u8>> = row.get(2)?;
            let before = match before {
                Some(bytes) => Some(super::codec::decode(&bytes, row.get(3)?)?.phase),
                None => None,
            };
            answers.push(StudyAnswer {
                deck: row.get(0)?,
                card: row.get(1)?,
                before,
            });
        }
        Ok(answers)
    }

    /// Every review of the item `card` of deck `deck`, oldest first.
    ///
    /// # Errors
    /// SQLite failed or a row cannot be read.
    pub fn reviews_of(&self, deck: &str, card: &str) -> Result<Vec<super::Review>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{} WHERE d.id = ?1 AND c.id = ?2 ORDER BY r.id",
            super::reviews::SELECT_REVIEW
        ))?;
        let rows = stmt.query_map([deck, card], super::reviews::RawReview::read)?;
        rows.map(|raw| raw?.finish()).collect()
    }

    /// Days in a row on which at least one review was made: the run of consecutive days that
    /// begins with the newest such day before day `before` (of the whole log when `None`),
    /// counted when that day is `today` or later, or yesterday; at most `limit` days.
    /// A day number counts days of 86,400 s after shifting each review's time by
    /// `shift_seconds` (the UTC offset minus the hour the day starts).
    ///
    /// Walks back one studied day at a time, a probe of the log's key each, so the cost
    /// grows with the streak, not with the log; all in one read transaction.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn review_streak(
        &self,
        shift_seconds: i64,
        today: i64,
        before: Option<i64>,
        limit: u32,
    ) -> Result<u32> {
        let shift_ms = shift_seconds * 1000;
        self.reading(|store| {
            let Some(mut day) = store.last_review_day(shift_ms, before)? else {
                return Ok(0);
            };
            if day < today - 1 || limit == 0 {
                return Ok(0);
            }
            let mut count = 1;
            while count < limit {
                match store.last_review_day(shift_ms, Some(day))? {
                    Some(previous) if previous == day - 1 => {
                        count += 1;
                        day = previous;
                    }
                    _ => break,
                }
            }
            Ok(count)
        })
    }

    /// The day number of the newest review made before day `before` (of any day when
    /// `None`), days shifted by `shift_ms` as in [`Store::review_streak`].
    fn last_review_day(&self, shift_ms: i64, before: Option<i64>) -> Result<Option<i64>> {
        let upper = match before.map(|day| first_ms_of_day(day, shift_ms)) {
            None => [0xff; 16],
            Some(ms) if ms <= 0 => return Ok(None),
            // Ids begin with their time in 48 bits: every id of an earlier millisecond sorts
            // below the time alone, and every id of that millisecond or later above it.
            Some(ms) => u64::try_from(ms)
                .ok()
                .filter(|&ms| ms < 1 << 48)
                .map_or([0xff; 16], ReviewId::key_floor),
        };
        let time: Option<i64> = self
            .conn
            .prepare_cached("SELECT time FROM review WHERE id < ?1 ORDER BY id DESC LIMIT 1")?
            .query_row([&upper[..]], |r| r.get(0))
            .optional()?;
        Ok(time.map(|ms| day_of_ms(ms, shift_ms)))
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

/// The day number of a time in Unix milliseconds: the shifted time divided by a day's length
/// and truncated toward zero, as SQLite divides integers (this numbering is kept for the
/// streak; only the first hours of 1970 could tell it apart from flooring).
fn day_of_ms(ms: i64, shift_ms: i64) -> i64 {
    (ms + shift_ms) / DAY_MS
}

/// The earliest time, in Unix milliseconds, whose [`day_of_ms`] is `day` or later.
fn first_ms_of_day(day: i64, shift_ms: i64) -> i64 {
    if day > 0 {
        day.saturating_mul(DAY_MS).saturating_sub(shift_ms)
    } else {
        // Truncation gives day 0 to both sides of the shifted zero.
        day.saturating_sub(1)
            .saturating_mul(DAY_MS)
            .saturating_add(1)
            .saturating_sub(shift_ms)
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

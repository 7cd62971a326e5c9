//! The learner's pace: how long an answer takes them, from the review log.

use super::{Result, Store};

/// Answers longer than this (milliseconds) count as this long: the learner was away.
const LONGEST_ANSWER_MS: i64 = 120_000;

impl Store {
    /// The mean time of a study answer in seconds (each answer counted at most two minutes),
    /// over the answers with a recorded duration; `None` when there is none.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn mean_answer_seconds(&self) -> Result<Option<f64>> {
        let mean: Option<f64> = self.conn.query_row(
            "SELECT avg(min(duration_ms, ?1)) FROM review WHERE mode = 0 AND duration_ms > 0",
            [LONGEST_ANSWER_MS],
            |r| r.get(0),
        )?;
        Ok(mean.map(|ms| ms / 1000.0))
    }

    /// As [`Store::mean_answer_seconds`] over the learner's `last` timed study answers only:
    /// their recent pace, read from the end of the log without a pass over all of it (a
    /// session's opening line asks it before the first question).
    ///
    /// # Errors
    /// SQLite failed.
    pub fn recent_answer_seconds(&self, last: u32) -> Result<Option<f64>> {
        let mean: Option<f64> = self.conn.query_row(
            "SELECT avg(min(duration_ms, ?1)) FROM (SELECT duration_ms FROM review \
             WHERE mode = 0 AND duration_ms > 0 ORDER BY id DESC LIMIT ?2)",
            rusqlite::params![LONGEST_ANSWER_MS, last],
            |r| r.get(0),
        )?;
        Ok(mean.map(|ms| ms / 1000.0))
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};

    use crate::scheduler::{CardState, Rating};
    use crate::store::{Mode, Review, Store};

    #[test]
    fn mean_of_timed_study_answers_with_long_ones_capped() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.mean_answer_seconds().unwrap(), None);
        let t = DateTime::parse_from_rfc3339("2026-03-02T09:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        for (i, (ms, mode)) in [
            (4_000, Mode::Study),
            (8_000, Mode::Study),
            (3_600_000, Mode::Study),
            (0, Mode::Study),
            (50_000, Mode::Quiz),
        ]
        .into_iter()
        .enumerate()
        {
            let mut review = Review::new(
                "d",
                &format!("c{i}"),
                t,
                Rating::Good,
                None,
                CardState::new(t),
            );
            review.duration_ms = ms;
            review.mode = mode;
            store.record_review(&review).unwrap();
        }
        // (4 + 8 + 120) / 3 seconds: the hour counts as two minutes, untimed and quiz
        // answers do not count.
        let mean = store.mean_answer_seconds().unwrap().unwrap();
        assert!((mean - 44.0).abs() < 1e-9, "{mean}");
        // The last two timed study answers: the hour (as two minutes) and the 8 s one.
        let recent = store.recent_answer_seconds(2).unwrap().unwrap();
        assert!((recent - 64.0).abs() < 1e-9, "{recent}");
    }
}

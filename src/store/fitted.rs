//! What `recall optimize` reads and writes: the profile's study histories card by card (with
//! the calendar each deck's history was lived on), and the FSRS parameters fitted to them.
//!
//! The parameters are kept as a JSON array in a one-row table; no row means the defaults.

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoreError, from_ms, to_ms};
use crate::scheduler::Rating;
use crate::scheduler::days::DayClock;
use crate::scheduler::fsrs::PARAMETER_COUNT;

/// FSRS parameters fitted to this profile.
#[derive(Debug, Clone, PartialEq)]
pub struct FittedParameters {
    /// The 21 FSRS-6 parameters, w0..w20.
    pub parameters: [f64; PARAMETER_COUNT],
    /// How many reviews the fit was computed on.
    pub reviews: u64,
    /// When they were fitted.
    pub time: DateTime<Utc>,
}

/// The study answers of one card, oldest first.
#[derive(Debug, Clone, PartialEq)]
pub struct StudyHistory {
    /// The card's key in this profile (stable while the profile lives).
    pub card: i64,
    /// The calendar its deck's history was lived on; `None`: the profile's own.
    pub calendar: Option<DayClock>,
    /// Each answer's time and rating, oldest first.
    pub reviews: Vec<(DateTime<Utc>, Rating)>,
}

impl Store {
    /// The parameters `recall optimize` saved, if any.
    ///
    /// # Errors
    /// SQLite failed, or the stored row is not 21 numbers.
    pub fn fitted_parameters(&self) -> Result<Option<FittedParameters>> {
        let row: Option<(String, i64, i64)> = self
            .conn
            .query_row(
                "SELECT parameters, reviews, time FROM fsrs_parameters WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((text, reviews, time)) = row else {
            return Ok(None);
        };
        let bad = || StoreError::BadData(format!("FSRS parameters {text:?}"));
        let values: Vec<f64> = serde_json::from_str(&text).map_err(|_| bad())?;
        let parameters: [f64; PARAMETER_COUNT] = values.try_into().map_err(|_| bad())?;
        if parameters.iter().any(|w| !w.is_finite()) {
            return Err(bad());
        }
        Ok(Some(FittedParameters {
            parameters,
            reviews: reviews.cast_unsigned(),
            time: from_ms(time)?,
        }))
    }

    /// Saves fitted parameters in place of any earlier ones.
    ///
    /// # Errors
    /// A parameter that is not a finite number, or SQLite failed; then nothing changed.
    pub fn save_fitted_parameters(&mut self, fit: &FittedParameters) -> Result<()> {
        if fit.parameters.iter().any(|w| !w.is_finite()) {
            return Err(StoreError::BadData(
                "an FSRS parameter is not a number".to_owned(),
            ));
        }
        let text = serde_json::to_string(&fit.parameters[..])
            .map_err(|e| StoreError::BadData(e.to_string()))?;
        self.conn.execute(
            "INSERT INTO fsrs_parameters (id, parameters, reviews, time) VALUES (1, ?1, ?2, ?3) \
             ON CONFLICT (id) DO UPDATE SET parameters = ?1, reviews = ?2, time = ?3",
            params![
                text,
                i64::try_from(fit.reviews).unwrap_or(i64::MAX),
                to_ms(fit.time)
            ],
        )?;
        Ok(())
    }

    /// Forgets the fitted parameters, so the defaults apply again. True when there were some.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn clear_fitted_parameters(&mut self) -> Result<bool> {
        Ok(self.conn.execute("DELETE FROM fsrs_parameters", [])? > 0)
    }

    /// The calendar recorded for a deck's history (by an import), if any.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn deck_calendar(&self, deck: &str) -> Result<Option<DayClock>> {
        let row: Option<(Option<i64>, Option<i64>)> = self
            .conn
            .query_row(
                "SELECT utc_offset_minutes, day_start_hour FROM deck WHERE id = ?1",
                [deck],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        Ok(row.and_then(|(offset, hour)| calendar(offset, hour)))
    }

    /// Every card's study answers (cram and quiz answers left out), card by card, each oldest
    /// first; cards with no study answer are absent.
    ///
    /// # Errors
    /// SQLite failed or a stored row cannot be read.
    pub fn study_histories(&self) -> Result<Vec<StudyHistory>> {
        let mut stmt = self.conn.prepare(
            "SELECT r.card, r.time, r.rating, d.utc_offset_minutes, d.day_start_hour \
             FROM review r JOIN card c ON c.key = r.card JOIN deck d ON d.key = c.deck \
             WHERE r.mode = 0 ORDER BY r.card, r.id",
        )?;
        let mut rows = stmt.query([])?;
        let mut out: Vec<StudyHistory> = Vec::new();
        while let Some(r) = rows.next()? {
            let card: i64 = r.get(0)?;
            let time = from_ms(r.get(1)?)?;
            let code: i64 = r.get(2)?;
            let rating = u8::try_from(code)
                .ok()
                .and_then(Rating::from_u8)
                .ok_or_else(|| StoreError::BadData(format!("rating {code}")))?;
            match out.last_mut() {
                Some(h) if h.card == card => h.reviews.push((time, rating)),
                _ => out.push(StudyHistory {
                    card,
                    calendar: calendar(r.get(3)?, r.get(4)?),
                    reviews: vec![(time, rating)],
                }),
            }
        }
        Ok(out)
    }
}

/// A stored calendar; `None` unless both columns hold a usable value.
pub(super) fn calendar(offset: Option<i64>, hour: Option<i64>) -> Option<DayClock> {
    Some(DayClock {
        utc_offset_minutes: i32::try_from(offset?).ok()?,
        day_start_hour: u8::try_from(hour?).ok().filter(|h| *h < 24)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::CardState;
    use crate::store::{Mode, Review};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn parameters_round_trip_and_reset() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.fitted_parameters().unwrap(), None);
        let mut w = crate::scheduler::fsrs::DEFAULT_PARAMETERS;
        w[0] = 0.162_181_97;
        let fit = FittedParameters {
            parameters: w,
            reviews: 6372,
            time: at("2026-11-26T10:00:00Z"),
        };
        store.save_fitted_parameters(&fit).unwrap();
        assert_eq!(store.fitted_parameters().unwrap(), Some(fit.clone()));
        let again = FittedParameters { reviews: 7, ..fit };
        store.save_fitted_parameters(&again).unwrap();
        assert_eq!(store.fitted_parameters().unwrap(), Some(again));
        assert!(store.clear_fitted_parameters().unwrap());
        assert!(!store.clear_fitted_parameters().unwrap());
        assert_eq!(store.fitted_parameters().unwrap(), None);
        w[3] = f64::NAN;
        let bad = FittedParameters {
            parameters: w,
            reviews: 1,
            time: at("2026-11-26T10:00:00Z"),
        };
        assert!(store.save_fitted_parameters(&bad).is_err());
    }

    #[test]
    fn histories_hold_study_answers_only() {
        let mut store = Store::open_in_memory().unwrap();
        let t = at("2026-11-26T10:00:00Z");
        let state = CardState::new(t);
        let mut reviews = Vec::new();
        for (i, mode) in [Mode::Study, Mode::Quiz, Mode::Cram, Mode::Study]
            .into_iter()
            .enumerate()
        {
            let time = t + chrono::TimeDelta::days(i64::try_from(i).unwrap());
            let mut r = Review::new("d", "a", time, Rating::Good, None, state.clone());
            r.mode = mode;
            reviews.push(r);
        }
        store.record_batch(reviews).unwrap();
        let h = store.study_histories().unwrap();
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].calendar, None);
        assert_eq!(
            h[0].reviews,
            vec![
                (t, Rating::Good),
                (t + chrono::TimeDelta::days(3), Rating::Good)
            ]
        );
    }
}

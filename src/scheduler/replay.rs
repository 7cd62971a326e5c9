//! Replaying one card's bare history: the engine made visible for `recall schedule`.
//!
//! A history is a list of (days since the previous review, rating). The replay uses no
//! learning steps and no fuzz, so it shows the pure model: FSRS-6 stability, difficulty,
//! retrievability and rounded interval, or SM-2's ease and interval, or the Leitner box.

use chrono::{DateTime, TimeDelta, Utc};

use super::{
    CardSeed, CardState, Memory, Rating, Scheduler, SchedulerKind, Settings, SettingsError,
};

/// One review of a replayed history.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ReplayRow {
    /// Whole days since the previous review (0 for the first).
    pub elapsed_days: u32,
    /// The rating given.
    pub rating: Rating,
    /// FSRS probability of recall just before this review; `None` on the first review and for
    /// SM-2 and Leitner, which do not predict it.
    pub retrievability: Option<f64>,
    /// FSRS stability after the review, in days; `None` for SM-2 and Leitner.
    pub stability: Option<f64>,
    /// FSRS difficulty (1-10) after the review; for SM-2 the ease factor (2.5 = 250%); for
    /// Leitner the box number.
    pub difficulty: Option<f64>,
    /// Days until the next review (rounded, 1 to the maximum interval, no fuzz).
    pub interval_days: u32,
}

/// A history that cannot be replayed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ReplayError {
    /// No review at all.
    #[error("give at least one review as DAYS:RATING, e.g. 0:good")]
    Empty,
    /// The first review must be at day 0.
    #[error("the first review is the card's first sight, so its days must be 0, not {0}")]
    FirstNotAtZero(u32),
    /// The settings are out of range.
    #[error(transparent)]
    Settings(#[from] SettingsError),
}

/// Replays `reviews` with the scheduler `kind` and `settings` (steps and fuzz are ignored).
///
/// # Errors
/// An empty history, a first review not at day 0, or settings out of range.
pub fn replay(
    kind: SchedulerKind,
    settings: &Settings,
    reviews: &[(u32, Rating)],
) -> Result<Vec<ReplayRow>, ReplayError> {
    let first = reviews.first().ok_or(ReplayError::Empty)?;
    if first.0 != 0 {
        return Err(ReplayError::FirstNotAtZero(first.0));
    }
    let bare = Settings {
        learning_steps: Vec::new(),
        relearning_steps: Vec::new(),
        fuzz: false,
        day_start_hour: 0,
        utc_offset_minutes: 0,
        ..settings.clone()
    };
    let scheduler = Scheduler::new(kind, bare)?;
    Ok(match kind {
        SchedulerKind::Fsrs => replay_fsrs(&scheduler, reviews),
        SchedulerKind::Sm2 | SchedulerKind::Leitner => replay_cards(&scheduler, reviews),
    })
}

fn replay_fsrs(scheduler: &Scheduler, reviews: &[(u32, Rating)]) -> Vec<ReplayRow> {
    let model = scheduler.model();
    let s = scheduler.settings();
    let mut state = None;
    reviews
        .iter()
        .map(|&(elapsed_days, rating)| {
            let retrievability = state.map(|m: super::fsrs::MemoryState| {
                model.retrievability(f64::from(elapsed_days), m.stability)
            });
            let next = model.next(state, elapsed_days, rating);
            state = Some(next);
            ReplayRow {
                elapsed_days,
                rating,
                retrievability,
                stability: Some(next.stability),
                difficulty: Some(next.difficulty),
                interval_days: model.interval_days(
                    next.stability,
                    s.desired_retention,
                    s.maximum_interval,
                ),
            }
        })
        .collect()
}

/// SM-2 and Leitner run through the full card scheduler at midnight UTC of successive days.
fn replay_cards(scheduler: &Scheduler, reviews: &[(u32, Rating)]) -> Vec<ReplayRow> {
    let start = DateTime::from_timestamp(946_684_800, 0).unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
    let mut now = start;
    let mut card = CardState::new(now);
    reviews
        .iter()
        .map(|&(elapsed_days, rating)| {
            now = now
                .checked_add_signed(TimeDelta::days(i64::from(elapsed_days)))
                .unwrap_or(DateTime::<Utc>::MAX_UTC);
            card = scheduler.review(&card, rating, now, CardSeed(0));
            let difficulty = match card.memory {
                Some(Memory::Sm2 { ease, .. }) => Some(ease),
                Some(Memory::Leitner { box_ }) => Some(f64::from(box_)),
                _ => None,
            };
            let interval_days = match scheduler.settings().day_clock().elapsed_days(now, card.due) {
                0 => 1,
                d => d,
            };
            ReplayRow {
                elapsed_days,
                rating,
                retrievability: None,
                stability: None,
                difficulty,
                interval_days,
            }
        })
        .collect()
}

/// The longest gap between two reviews accepted, in days (about 2,700 years).
const MAX_DAYS: u32 = 1_000_000;

/// Parses `DAYS:RATING`, e.g. `0:good`, `3:3`, `10:again`.
///
/// # Errors
/// A message naming the argument and the expected form.
pub fn parse_review(arg: &str) -> Result<(u32, Rating), String> {
    let bad = |why: String| format!("review {arg:?}: {why} (expected DAYS:RATING, e.g. 3:good)");
    let (days, rating) = arg
        .split_once(':')
        .ok_or_else(|| bad("no ':'".to_string()))?;
    let days = days.trim();
    if days.starts_with('-') {
        return Err(bad(
            "days since the previous review cannot be negative".to_string()
        ));
    }
    let days: u32 = match days.parse() {
        Ok(d) if d <= MAX_DAYS => d,
        Ok(_) => return Err(bad(format!("days must be at most {MAX_DAYS}"))),
        Err(_) => return Err(bad(format!("{days:?} is not a whole number of days"))),
    };
    let rating: Rating = rating
        .parse()
        .map_err(|e: super::ParseRatingError| bad(e.to_string()))?;
    Ok((days, rating))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_bad_histories() {
        let s = Settings::default();
        assert_eq!(
            replay(SchedulerKind::Fsrs, &s, &[]),
            Err(ReplayError::Empty)
        );
        assert_eq!(
            replay(SchedulerKind::Fsrs, &s, &[(3, Rating::Good)]),
            Err(ReplayError::FirstNotAtZero(3))
        );
        let bad = Settings {
            desired_retention: 1.5,
            ..Settings::default()
        };
        assert!(matches!(
            replay(SchedulerKind::Fsrs, &bad, &[(0, Rating::Good)]),
            Err(ReplayError::Settings(_))
        ));
    }

    #[test]
    fn sm2_replay_shows_ease_and_intervals() {
        let h = [
            (0, Rating::Good),
            (1, Rating::Good),
            (3, Rating::Good),
            (8, Rating::Again),
        ];
        let rows = replay(SchedulerKind::Sm2, &Settings::default(), &h).unwrap();
        let got: Vec<(u32, Option<f64>)> = rows
            .iter()
            .map(|r| (r.interval_days, r.difficulty))
            .collect();
        // Graduate at 1 day; then 1·2.5 → 3 (at least 1+1 above Hard's 2); 3·2.5 → 8 (7.5
        // rounds up); a lapse keeps 0% of the interval, at least 1 day, and costs 0.20 ease.
        assert_eq!(
            got,
            vec![
                (1, Some(2.5)),
                (3, Some(2.5)),
                (8, Some(2.5)),
                (1, Some(2.3))
            ]
        );
        assert!(
            rows.iter()
                .all(|r| r.stability.is_none() && r.retrievability.is_none())
        );
    }

    #[test]
    fn leitner_replay_shows_boxes() {
        let h = [
            (0, Rating::Good),
            (1, Rating::Good),
            (2, Rating::Easy),
            (8, Rating::Again),
        ];
        let rows = replay(SchedulerKind::Leitner, &Settings::default(), &h).unwrap();
        let got: Vec<(u32, Option<f64>)> = rows
            .iter()
            .map(|r| (r.interval_days, r.difficulty))
            .collect();
        assert_eq!(
            got,
            vec![
                (1, Some(1.0)),
                (2, Some(2.0)),
                (8, Some(4.0)),
                (1, Some(1.0))
            ]
        );
    }

    #[test]
    fn parses_reviews() {
        assert_eq!(parse_review("0:good").unwrap(), (0, Rating::Good));
        assert_eq!(parse_review("12:1").unwrap(), (12, Rating::Again));
        for (bad, says) in [
            ("3:meh", "\"meh\" is not a rating"),
            ("-2:good", "cannot be negative"),
            ("good", "no ':'"),
            ("x:good", "not a whole number"),
            ("2000000:good", "at most"),
        ] {
            let message = parse_review(bad).unwrap_err();
            assert!(message.contains(says), "{bad}: {message}");
        }
    }
}

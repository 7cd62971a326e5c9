//! A profile's study histories as the FSRS optimizer's training items.
//!
//! As Anki builds them: each card's answers in time order, the days between them counted on
//! the learner's calendar (a day starts at the day-start hour, local time), and one item per
//! answer given on a later day than the one before it, holding every earlier answer (same-day
//! ones included, with 0 days). Items are in the order of the answer they predict.

use fsrs::{FSRSItem, FSRSReview};

use crate::scheduler::days::DayClock;
use crate::store::StudyHistory;

/// Training items and, aligned with them, the card each one belongs to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Items {
    /// One item per predictable answer.
    pub items: Vec<FSRSItem>,
    /// The card key of each item.
    pub card_ids: Vec<i64>,
}

/// Builds the items of `histories`; a card with no calendar of its own uses `calendar`.
#[must_use]
pub fn build(histories: &[StudyHistory], calendar: DayClock) -> Items {
    let mut timed: Vec<(i64, i64, FSRSItem)> = Vec::new();
    for history in histories {
        let clock = history.calendar.unwrap_or(calendar);
        let mut reviews: Vec<FSRSReview> = Vec::with_capacity(history.reviews.len());
        let mut previous = None;
        for &(time, rating) in &history.reviews {
            let delta_t = previous.map_or(0, |p| clock.elapsed_days(p, time));
            previous = Some(time);
            reviews.push(FSRSReview {
                rating: u32::from(rating.as_u8()),
                delta_t,
            });
            if reviews.len() > 1 && delta_t > 0 {
                let item = FSRSItem {
                    reviews: reviews.clone(),
                };
                timed.push((time.timestamp_millis(), history.card, item));
            }
        }
    }
    timed.sort_by_key(|(time, card, _)| (*time, *card));
    let (card_ids, items) = timed
        .into_iter()
        .map(|(_, card, item)| (card, item))
        .unzip();
    Items { items, card_ids }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::Rating;
    use chrono::{DateTime, Utc};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn same_day_answers_stay_in_the_history_but_predict_nothing() {
        // UTC-5 with a 4 am day start: the day turns at 09:00 UTC.
        let calendar = DayClock {
            day_start_hour: 4,
            utc_offset_minutes: -300,
        };
        let history = StudyHistory {
            card: 7,
            calendar: None,
            reviews: vec![
                (at("2024-04-01T20:00:00Z"), Rating::Again),
                (at("2024-04-01T20:10:00Z"), Rating::Good),
                // 08:59 UTC next morning is still the same learner's day.
                (at("2024-04-02T08:59:00Z"), Rating::Good),
                (at("2024-04-02T09:00:00Z"), Rating::Good),
                (at("2024-04-05T15:00:00Z"), Rating::Again),
            ],
        };
        let built = build(&[history], calendar);
        let deltas: Vec<Vec<(u32, u32)>> = built
            .items
            .iter()
            .map(|i| i.reviews.iter().map(|r| (r.rating, r.delta_t)).collect())
            .collect();
        assert_eq!(
            deltas,
            vec![
                vec![(1, 0), (3, 0), (3, 0), (3, 1)],
                vec![(1, 0), (3, 0), (3, 0), (3, 1), (1, 3)],
            ]
        );
        assert_eq!(built.card_ids, [7, 7]);
    }

    #[test]
    fn a_card_s_own_calendar_wins() {
        let history = StudyHistory {
            card: 1,
            calendar: Some(DayClock {
                day_start_hour: 4,
                utc_offset_minutes: -300,
            }),
            reviews: vec![
                (at("2024-04-01T20:00:00Z"), Rating::Good),
                (at("2024-04-02T08:00:00Z"), Rating::Good),
            ],
        };
        // On a UTC calendar starting at midnight those are two days; on the card's, one.
        let utc = DayClock {
            day_start_hour: 0,
            utc_offset_minutes: 0,
        };
        assert!(build(&[history], utc).items.is_empty());
    }
}

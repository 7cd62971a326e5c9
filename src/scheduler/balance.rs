//! Even days: within the fuzz range of an interval, the day with the fewest reviews already
//! due, weighted by the learner's easy days, and never a day of a break when one can be
//! avoided.
//!
//! Owns the count of reviews due per learner's day ([`DayLoads`]), the weight of a day (its
//! weekday's `easy_days` weight, 0 on a break) and the choice of the day. The choice is a pure
//! function of the interval, the card's fuzz factor, the loads and the settings, so the same
//! card with the same history and the same loads always lands on the same day. The caller
//! counts the loads (a session from the store, a replay from the states it replays); nothing
//! here reads the store or the clock.
//!
//! The rule: among the days of the fuzz range, the lowest of (reviews due + 1) / weight, times
//! √(day / plain day) for a day after the plain fuzzed one; a day of weight 0 only when every
//! day of the range has weight 0; ties go to the day nearest the plain fuzzed day, then the
//! earlier. The factor on later days matters: reviews already due thin out with distance, so
//! the emptiest day alone would lengthen intervals on average (and lower recall); with it, a
//! simulated year does as many reviews as with plain fuzz (see `benches/load_spread.rs`). Breaks are stronger than easy days: when the whole
//! range falls in a break, the card goes to the nearest day outside it (the day before the
//! break on a tie), within the interval's minimum and the maximum interval.

use std::collections::HashMap;

use super::days::DayClock;
use super::fuzz;
use super::{CardState, Settings};

/// Reviews due on each of the learner's days (day numbers of [`DayClock::day_number`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayLoads {
    counts: HashMap<i64, u32>,
}

impl DayLoads {
    /// The loads of cards due on `days` (one entry per card).
    pub fn from_days(days: impl IntoIterator<Item = i64>) -> Self {
        let mut loads = DayLoads::default();
        for day in days {
            loads.add(day);
        }
        loads
    }

    /// Reviews due on `day`.
    #[must_use]
    pub fn on(&self, day: i64) -> u32 {
        self.counts.get(&day).copied().unwrap_or(0)
    }

    /// One more review due on `day`.
    pub fn add(&mut self, day: i64) {
        *self.counts.entry(day).or_default() += 1;
    }

    /// One review fewer due on `day`.
    pub fn remove(&mut self, day: i64) {
        if let Some(n) = self.counts.get_mut(&day) {
            *n = n.saturating_sub(1);
        }
    }

    /// A card went from `before` to `after` (either may be none, as for a card never
    /// answered or an answer undone).
    pub fn moved(
        &mut self,
        clock: DayClock,
        before: Option<&CardState>,
        after: Option<&CardState>,
    ) {
        if let Some(s) = before.filter(|s| s.last_review.is_some()) {
            self.remove(clock.day_number(s.due));
        }
        if let Some(s) = after.filter(|s| s.last_review.is_some()) {
            self.add(clock.day_number(s.due));
        }
    }
}

/// The weekday of the learner's day `day`, Monday 0 to Sunday 6 (day 0, 1970-01-01, was a
/// Thursday).
#[must_use]
pub fn weekday(day: i64) -> usize {
    usize::try_from((day + 3).rem_euclid(7)).unwrap_or(0)
}

/// Whether the learner's day `day` falls in one of the breaks of `settings`.
#[must_use]
pub fn in_break(settings: &Settings, day: i64) -> bool {
    settings
        .breaks
        .iter()
        .any(|&(from, to)| (from..=to).contains(&day))
}

/// What the balancer knows about one answer.
pub(super) struct Balance<'a> {
    pub settings: &'a Settings,
    pub loads: &'a DayLoads,
    /// The learner's day of the answer.
    pub today: i64,
    /// The day the card was due before this answer: it no longer counts there.
    pub own: Option<i64>,
}

impl Balance<'_> {
    /// Reviews due on the day `days` after today, this card left out.
    fn load(&self, day: i64) -> u32 {
        self.loads
            .on(day)
            .saturating_sub(u32::from(self.own == Some(day)))
    }

    /// The interval in whole days within `[minimum, maximum]` for `interval` and the card's
    /// fuzz `factor`: the evenest day of its fuzz range.
    pub fn days(&self, interval: f64, minimum: u32, maximum: u32, factor: f64) -> u32 {
        let maximum = maximum.max(1);
        let minimum = minimum.clamp(1, maximum);
        let plain = fuzz::constrained_interval(interval, minimum, maximum, Some(factor));
        let (lower, upper) = fuzz::fuzz_bounds(interval, minimum, maximum);
        let day = |d: u32| self.today.saturating_add(i64::from(d));
        if (lower..=upper).all(|d| in_break(self.settings, day(d))) {
            return self
                .around_break(lower, upper, minimum, maximum)
                .unwrap_or(plain);
        }
        let balance = self.settings.load_balance;
        let key = |d: u32| {
            let on = day(d);
            let weight = if balance {
                self.settings.easy_days[weekday(on)]
            } else {
                1.0
            };
            let load = if balance { self.load(on) } else { 0 };
            let later = (f64::from(d.max(plain)) / f64::from(plain.max(1))).sqrt();
            let cost = if weight > 0.0 {
                (f64::from(load) + 1.0) * later / weight
            } else {
                f64::INFINITY
            };
            (
                in_break(self.settings, on),
                cost,
                load,
                d.abs_diff(plain),
                d,
            )
        };
        (lower..=upper)
            .map(key)
            .min_by(|a, b| {
                a.0.cmp(&b.0)
                    .then(a.1.total_cmp(&b.1))
                    .then((a.2, a.3, a.4).cmp(&(b.2, b.3, b.4)))
            })
            .map_or(plain, |k| k.4)
    }

    /// The nearest day outside the break that covers `[lower, upper]`, within `[minimum,
    /// maximum]`: the earlier on a tie. `None` when there is none within a year.
    fn around_break(&self, lower: u32, upper: u32, minimum: u32, maximum: u32) -> Option<u32> {
        let free = |d: u32| !in_break(self.settings, self.today.saturating_add(i64::from(d)));
        (1..=366u32).find_map(|k| {
            let before = lower.checked_sub(k).filter(|&d| d >= minimum && free(d));
            let after = upper.checked_add(k).filter(|&d| d <= maximum && free(d));
            before.or(after)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scheduler::{CardSeed, Rating, Scheduler, SchedulerKind};

    /// 2026-03-02, a Monday, as a learner's day number.
    const MONDAY: i64 = 20_514;

    fn pick(settings: &Settings, loads: &DayLoads, interval: f64, factor: f64) -> u32 {
        let balance = Balance {
            settings,
            loads,
            today: MONDAY,
            own: None,
        };
        balance.days(interval, 1, 36_500, factor)
    }

    #[test]
    fn weekdays_follow_the_calendar() {
        assert_eq!(weekday(0), 3); // 1970-01-01, a Thursday
        assert_eq!(weekday(MONDAY), 0);
        assert_eq!(weekday(MONDAY - 1), 6);
    }

    #[test]
    fn the_least_loaded_day_of_the_range_is_chosen() {
        let s = Settings::default();
        // 7 days: the range is 5..=9 days; day 8 is the emptiest.
        let loads = DayLoads::from_days((5..=9).flat_map(|d| {
            let n = if d == 8 { 1 } else { 4 };
            std::iter::repeat_n(MONDAY + d, n)
        }));
        for factor in [0.0, 0.3, 0.99] {
            assert_eq!(pick(&s, &loads, 7.0, factor), 8);
        }
        // Equal loads: the plain fuzzed day, as without balancing.
        let even = DayLoads::from_days((5..=9).map(|d| MONDAY + d));
        for factor in [0.0, 0.3, 0.99] {
            let plain = fuzz::constrained_interval(7.0, 1, 36_500, Some(factor));
            assert_eq!(pick(&s, &even, 7.0, factor), plain);
        }
    }

    #[test]
    fn an_easy_day_is_avoided_when_the_range_allows() {
        // Sunday is MONDAY + 6; with no load, weight 0.5 still loses to weight 1.
        let mut s = Settings::default();
        s.easy_days[6] = 0.0;
        let empty = DayLoads::default();
        for factor in [0.0, 0.2, 0.4, 0.6, 0.8, 0.99] {
            assert_ne!(pick(&s, &empty, 6.0, factor), 6);
        }
        s.easy_days[6] = 0.5;
        // The range of 6 days is Friday to Tuesday, the plain day Tuesday: each holds 1 (cost
        // 2) but Sunday none (cost 1 / 0.5 = 2): a tie on cost goes to the lower load.
        let loads = DayLoads::from_days([4, 5, 7, 8].map(|d| MONDAY + d));
        assert_eq!(fuzz::fuzz_bounds(6.0, 1, 36_500), (4, 8));
        assert_eq!(pick(&s, &loads, 6.0, 0.9), 6);
        // With a second review on each, Sunday at weight 0.5 (cost 2) wins over 3.
        let more = DayLoads::from_days([4, 4, 5, 5, 7, 7, 8, 8].map(|d| MONDAY + d));
        assert_eq!(pick(&s, &more, 6.0, 0.9), 6);
        // A short range that is all Sunday keeps it.
        s.easy_days[6] = 0.0;
        let balance = Balance {
            settings: &s,
            loads: &empty,
            today: MONDAY + 5,
            own: None,
        };
        assert_eq!(balance.days(1.0, 1, 36_500, 0.5), 1);
    }

    #[test]
    fn a_break_is_kept_free_even_outside_the_range() {
        let s = Settings {
            breaks: vec![(MONDAY + 3, MONDAY + 12)],
            ..Settings::default()
        };
        let empty = DayLoads::default();
        // 7 days: the range 5..=9 lies in the break; the day before it is nearer.
        assert_eq!(pick(&s, &empty, 7.0, 0.5), 2);
        // 10 days: the range 8..=12: the day after the break.
        assert_eq!(pick(&s, &empty, 10.0, 0.5), 13);
        // A range half in the break: the free part, even with balancing off.
        let off = Settings {
            load_balance: false,
            ..s.clone()
        };
        for factor in [0.0, 0.5, 0.99] {
            assert!(pick(&off, &empty, 14.0, factor) >= 13);
        }
    }

    #[test]
    fn a_later_day_must_be_emptier_than_an_earlier_one() {
        let s = Settings::default();
        // 37 days: 33..=41, plain day 33 with factor 0. Day 41 with 3 reviews against 4 on
        // every other day: (3 + 1) × √(41/33) ≈ 4.46 beats 5; with 4 there, 5.57 does not.
        let mut days: Vec<i64> = (33..=40).flat_map(|d| [d; 4]).collect();
        days.extend([41; 3]);
        let loads = DayLoads::from_days(days.iter().map(|d| MONDAY + d));
        assert_eq!(pick(&s, &loads, 37.0, 0.0), 41);
        let fuller = DayLoads::from_days(days.iter().chain(&[41]).map(|d| MONDAY + d));
        assert_eq!(pick(&s, &fuller, 37.0, 0.0), 33);
    }

    #[test]
    fn the_day_is_in_the_range_deterministic_and_off_means_plain_fuzz() {
        let s = Settings {
            easy_days: [1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.0],
            ..Settings::default()
        };
        let off = Settings {
            load_balance: false,
            ..Settings::default()
        };
        let mut loads = DayLoads::default();
        for i in 0..2_000u32 {
            let interval = 2.5 + f64::from(i % 400) * 0.7;
            let factor = fuzz::fuzz_factor(u64::from(i), i % 9);
            let (lower, upper) = fuzz::fuzz_bounds(interval, 1, 36_500);
            let day = pick(&s, &loads, interval, factor);
            assert!((lower..=upper).contains(&day), "{interval}: {day}");
            assert_eq!(day, pick(&s, &loads.clone(), interval, factor));
            let plain = fuzz::constrained_interval(interval, 1, 36_500, Some(factor));
            assert_eq!(pick(&off, &loads, interval, factor), plain);
            loads.add(MONDAY + i64::from(day));
        }
    }

    #[test]
    fn the_scheduler_balances_only_with_loads() {
        let s = Scheduler::new(SchedulerKind::Fsrs, Settings::default()).unwrap();
        let t0 = chrono::DateTime::parse_from_rfc3339("2026-03-02T10:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let seed = CardSeed(11);
        let graduated = s.review(&CardState::new(t0), Rating::Easy, t0, seed);
        let t1 = graduated.due;
        let plain = s.review(&graduated, Rating::Good, t1, seed);
        let clock = s.settings().day_clock();
        // Crowd the plain day: the balanced answer goes elsewhere, the plain one does not.
        let crowded = DayLoads::from_days(std::iter::repeat_n(clock.day_number(plain.due), 50));
        let balanced = s.review_with(&graduated, Rating::Good, t1, seed, Some(&crowded));
        assert_ne!(balanced.due, plain.due);
        assert_eq!(balanced.memory, plain.memory);
        let preview = s.preview_with(&graduated, t1, seed, Some(&crowded));
        assert_eq!(preview[Rating::Good.index()].state, balanced);
        assert_eq!(
            s.review_with(&graduated, Rating::Good, t1, seed, None),
            plain
        );
    }
}

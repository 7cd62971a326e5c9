//! Days as a learner lives them: local calendar days that begin at a chosen hour.
//!
//! Owns the mapping from instants to day numbers and back. A day starts at `day_start_hour`
//! local time (4 am by default, as in Anki), so a review at 1 am still belongs to the evening
//! before. The learner's zone is a fixed UTC offset chosen by the caller. This module never reads
//! the clock; a clock that goes backwards gives zero elapsed days, never a negative number.

use chrono::{DateTime, TimeDelta, Utc};

const SECONDS_PER_DAY: i64 = 86_400;

/// Where the learner's days begin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayClock {
    /// Local hour (0-23) at which a new day starts.
    pub day_start_hour: u8,
    /// The learner's offset from UTC, in minutes (east positive: +60 for Paris in winter).
    pub utc_offset_minutes: i32,
}

impl Default for DayClock {
    fn default() -> Self {
        Self {
            day_start_hour: 4,
            utc_offset_minutes: 0,
        }
    }
}

impl DayClock {
    /// Seconds to add to a Unix timestamp so that each learner's day starts on a multiple of
    /// 86,400.
    fn shift_seconds(self) -> i64 {
        i64::from(self.utc_offset_minutes) * 60 - i64::from(self.day_start_hour.min(23)) * 3600
    }

    /// The learner's day number of an instant (days since 1970-01-01 in the learner's calendar).
    #[must_use]
    pub fn day_number(self, t: DateTime<Utc>) -> i64 {
        (t.timestamp() + self.shift_seconds()).div_euclid(SECONDS_PER_DAY)
    }

    /// Whole learner's days from `earlier` to `later`; 0 when `later` is on the same day or,
    /// because the clock went backwards, before `earlier`.
    #[must_use]
    pub fn elapsed_days(self, earlier: DateTime<Utc>, later: DateTime<Utc>) -> u32 {
        let days = self.day_number(later) - self.day_number(earlier);
        u32::try_from(days.max(0)).unwrap_or(u32::MAX)
    }

    /// The instant the learner's day `day` begins. Days beyond what `chrono` can represent give
    /// its largest (or smallest) instant.
    #[must_use]
    pub fn day_start(self, day: i64) -> DateTime<Utc> {
        let seconds = day
            .saturating_mul(SECONDS_PER_DAY)
            .saturating_sub(self.shift_seconds());
        DateTime::from_timestamp(seconds, 0).unwrap_or(if day < 0 {
            DateTime::<Utc>::MIN_UTC
        } else {
            DateTime::<Utc>::MAX_UTC
        })
    }

    /// The start of the day `days` days after the day of `now`: when a card answered at `now`
    /// with an interval of `days` becomes due.
    #[must_use]
    pub fn due_after_days(self, now: DateTime<Utc>, days: u32) -> DateTime<Utc> {
        self.day_start(self.day_number(now).saturating_add(i64::from(days)))
    }
}

/// `now` plus `seconds`, saturating at the largest instant `chrono` can represent.
#[must_use]
pub fn add_seconds(now: DateTime<Utc>, seconds: u32) -> DateTime<Utc> {
    now.checked_add_signed(TimeDelta::seconds(i64::from(seconds)))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    #[test]
    fn a_day_starts_at_the_rollover_hour() {
        let clock = DayClock::default();
        let evening = at("2026-03-01T23:00:00Z");
        let late_night = at("2026-03-02T03:59:59Z");
        let morning = at("2026-03-02T04:00:00Z");
        assert_eq!(clock.day_number(evening), clock.day_number(late_night));
        assert_eq!(clock.day_number(morning), clock.day_number(evening) + 1);
        assert_eq!(clock.elapsed_days(evening, morning), 1);
        assert_eq!(
            clock.day_start(clock.day_number(evening)),
            at("2026-03-01T04:00:00Z")
        );
    }

    #[test]
    fn the_offset_moves_the_rollover() {
        // Four am in UTC+2 is two am UTC.
        let clock = DayClock {
            day_start_hour: 4,
            utc_offset_minutes: 120,
        };
        let before = at("2026-03-02T01:59:00Z");
        let after = at("2026-03-02T02:00:00Z");
        assert_eq!(clock.elapsed_days(before, after), 1);
        assert_eq!(clock.due_after_days(before, 1), after);
        // And west of Greenwich.
        let clock = DayClock {
            day_start_hour: 0,
            utc_offset_minutes: -300,
        };
        assert_eq!(
            clock.day_start(clock.day_number(before)),
            at("2026-03-01T05:00:00Z")
        );
    }

    #[test]
    fn odd_clocks_give_sane_results() {
        let clock = DayClock::default();
        let t = at("2026-03-02T12:00:00Z");
        assert_eq!(clock.elapsed_days(t, t), 0);
        assert_eq!(clock.elapsed_days(t, at("2020-01-01T00:00:00Z")), 0);
        assert_eq!(clock.elapsed_days(t, at("2046-03-02T12:00:00Z")), 7305);
        assert!(
            clock.elapsed_days(DateTime::<Utc>::MIN_UTC, DateTime::<Utc>::MAX_UTC) > 190_000_000
        );
        assert_eq!(clock.day_start(i64::MAX), DateTime::<Utc>::MAX_UTC);
        assert_eq!(clock.day_start(i64::MIN), DateTime::<Utc>::MIN_UTC);
        assert_eq!(
            clock.due_after_days(DateTime::<Utc>::MAX_UTC, 10),
            DateTime::<Utc>::MAX_UTC
        );
        assert_eq!(
            add_seconds(DateTime::<Utc>::MAX_UTC, 60),
            DateTime::<Utc>::MAX_UTC
        );
        let extreme = DayClock {
            day_start_hour: 200,
            utc_offset_minutes: i32::MAX,
        };
        let _ = extreme.day_number(t);
    }
}

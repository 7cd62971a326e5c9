//! When something is due, in the learner's own terms: the clock time on their UTC offset
//! (the one their day clock uses), and the day said as a person would say it.
//!
//! "in 25 minutes" under an hour, else "today at 15:14 (in 5 hours)", "tomorrow at 04:00"
//! or "on 2026-12-01 at 04:00", by the learner's calendar date.

use chrono::{DateTime, FixedOffset, Offset, SecondsFormat, Utc};

use crate::scheduler::days::DayClock;

/// The learner's offset from UTC; UTC itself if it is out of range.
fn offset(days: DayClock) -> FixedOffset {
    days.utc_offset_minutes
        .checked_mul(60)
        .and_then(FixedOffset::east_opt)
        .unwrap_or_else(|| Utc.fix())
}

fn plural(n: i64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// When `due` comes, seen from `now`, in words.
#[must_use]
pub fn due_phrase(due: DateTime<Utc>, now: DateTime<Utc>, days: DayClock) -> String {
    if due <= now {
        return "now".to_owned();
    }
    let seconds = (due - now).num_seconds();
    let minutes = (seconds + 59) / 60;
    if minutes < 60 {
        return format!("in {minutes} minute{}", plural(minutes));
    }
    let zone = offset(days);
    let local = due.with_timezone(&zone);
    let today = now.with_timezone(&zone).date_naive();
    let time = local.format("%H:%M");
    let date = local.date_naive();
    if date == today {
        let hours = (seconds + 1800) / 3600;
        format!("today at {time} (in {hours} hour{})", plural(hours))
    } else if today.succ_opt() == Some(date) {
        format!("tomorrow at {time}")
    } else {
        format!("on {} at {time}", date.format("%Y-%m-%d"))
    }
}

/// `due` as RFC 3339 on the learner's offset, to the second: `2026-03-11T04:00:00+02:00`.
#[must_use]
pub fn local_rfc3339(due: DateTime<Utc>, days: DayClock) -> String {
    due.with_timezone(&offset(days))
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn clock(offset_minutes: i32) -> DayClock {
        DayClock {
            day_start_hour: 4,
            utc_offset_minutes: offset_minutes,
        }
    }

    #[test]
    fn soon_is_said_in_minutes() {
        let now = at("2026-03-10T10:00:00Z");
        let utc = clock(0);
        assert_eq!(due_phrase(now, now, utc), "now");
        assert_eq!(due_phrase(at("2026-03-10T09:00:00Z"), now, utc), "now");
        assert_eq!(
            due_phrase(at("2026-03-10T10:00:30Z"), now, utc),
            "in 1 minute"
        );
        assert_eq!(
            due_phrase(at("2026-03-10T10:25:00Z"), now, utc),
            "in 25 minutes"
        );
        assert_eq!(
            due_phrase(at("2026-03-10T10:59:00Z"), now, utc),
            "in 59 minutes"
        );
    }

    #[test]
    fn later_is_said_by_the_learners_calendar_and_clock() {
        let now = at("2026-03-10T10:00:00Z");
        let utc = clock(0);
        assert_eq!(
            due_phrase(at("2026-03-10T11:10:00Z"), now, utc),
            "today at 11:10 (in 1 hour)"
        );
        assert_eq!(
            due_phrase(at("2026-03-10T14:50:00Z"), now, utc),
            "today at 14:50 (in 5 hours)"
        );
        assert_eq!(
            due_phrase(at("2026-03-11T04:00:00Z"), now, utc),
            "tomorrow at 04:00"
        );
        assert_eq!(
            due_phrase(at("2026-12-01T04:00:00Z"), now, utc),
            "on 2026-12-01 at 04:00"
        );
        // Two hours east: 23:30 UTC is already tomorrow there, at 01:30.
        let east = clock(120);
        assert_eq!(
            due_phrase(at("2026-03-10T23:30:00Z"), now, east),
            "tomorrow at 01:30"
        );
        assert_eq!(
            due_phrase(at("2026-03-11T02:00:00Z"), now, east),
            "tomorrow at 04:00"
        );
        // Five hours west, at 02:00 there: a day start at 04:00 UTC is 23:00 the day before.
        let west = clock(-300);
        let night = at("2026-03-10T07:00:00Z");
        assert_eq!(
            due_phrase(
                at("2026-03-10T04:00:00Z") + chrono::TimeDelta::days(1),
                night,
                west
            ),
            "today at 23:00 (in 21 hours)"
        );
    }

    #[test]
    fn the_machine_form_keeps_the_learners_offset() {
        let due = at("2026-03-11T02:00:00Z");
        assert_eq!(local_rfc3339(due, clock(120)), "2026-03-11T04:00:00+02:00");
        assert_eq!(local_rfc3339(due, clock(0)), "2026-03-11T02:00:00+00:00");
        assert_eq!(
            local_rfc3339(due, clock(i32::MAX)),
            "2026-03-11T02:00:00+00:00"
        );
    }
}

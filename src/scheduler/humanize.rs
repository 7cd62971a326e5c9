//! Short human labels for waits, as on Anki's answer buttons: 45s, 1m, 10m, 3h, 2d, 1.5mo, 2y.
//!
//! Owns text only; it returns strings and never prints.

use super::{Next, Wait};

const MINUTE: f64 = 60.0;
const HOUR: f64 = 3600.0;
const DAY: f64 = 86_400.0;
/// Average month and year, in days.
const MONTH_DAYS: f64 = 30.4375;
const YEAR_DAYS: f64 = 365.25;

/// A compact label for a wait: seconds under a minute, then minutes, hours, days (under a
/// month), months (one decimal, under a year) and years (one decimal).
#[must_use]
pub fn format_wait(wait: Wait) -> String {
    match wait {
        Wait::Seconds(s) => format_seconds(f64::from(s)),
        Wait::Days(d) => format_days(f64::from(d)),
    }
}

/// A compact label for a duration in seconds (see [`format_wait`]).
#[must_use]
pub fn format_seconds(seconds: f64) -> String {
    let s = if seconds.is_finite() {
        seconds.max(0.0)
    } else {
        0.0
    };
    if s.round() < MINUTE {
        format!("{}s", s.round())
    } else if (s / MINUTE).round() < 60.0 {
        format!("{}m", (s / MINUTE).round())
    } else if s < DAY {
        format!("{}h", one_decimal(s / HOUR))
    } else {
        format_days(s / DAY)
    }
}

/// A compact label for a duration in days (see [`format_wait`]).
#[must_use]
pub fn format_days(days: f64) -> String {
    let d = if days.is_finite() { days.max(0.0) } else { 0.0 };
    if d < 1.0 {
        format_seconds(d * DAY)
    } else if d.round() < MONTH_DAYS {
        format!("{}d", d.round())
    } else if d.round() < 365.0 {
        format!("{}mo", one_decimal(d / MONTH_DAYS))
    } else {
        format!("{}y", one_decimal(d / YEAR_DAYS))
    }
}

/// The four buttons of a preview on one line: `Again 1m · Hard 6m · Good 10m · Easy 2d`.
#[must_use]
pub fn preview_line(preview: &[Next; 4]) -> String {
    let parts: Vec<String> = preview
        .iter()
        .map(|n| format!("{} {}", n.rating.label(), format_wait(n.wait)))
        .collect();
    parts.join(" · ")
}

/// One decimal, without a trailing `.0`.
fn one_decimal(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        let cases = [
            (Wait::Seconds(45), "45s"),
            (Wait::Seconds(60), "1m"),
            (Wait::Seconds(330), "6m"),
            (Wait::Seconds(600), "10m"),
            (Wait::Seconds(3590), "1h"),
            (Wait::Seconds(5400), "1.5h"),
            (Wait::Seconds(3 * 3600), "3h"),
            (Wait::Seconds(86_400), "1d"),
            (Wait::Days(2), "2d"),
            (Wait::Days(30), "30d"),
            (Wait::Days(31), "1mo"),
            (Wait::Days(46), "1.5mo"),
            (Wait::Days(365), "1y"),
            (Wait::Days(730), "2y"),
            (Wait::Days(36_500), "99.9y"),
        ];
        for (wait, want) in cases {
            assert_eq!(format_wait(wait), want, "{wait:?}");
        }
        assert_eq!(format_seconds(f64::NAN), "0s");
        assert_eq!(format_days(-3.0), "0s");
    }
}

//! The streak: the store's walk back through studied days against the query that sorted the
//! whole log, on a real SQLite file; and the line the study summary prints.

use std::path::Path;

use chrono::{DateTime, TimeDelta, Utc};
use recall::scheduler::days::DayClock;
use recall::scheduler::{CardState, Rating};
use recall::store::history::streak;
use recall::store::{Mode, Review, Store};
use tempfile::TempDir;

use crate::fixtures::{Card, DeckBuilder};
use crate::support::{recall, stdout};

/// The first day of the log, 04:00 UTC (the start of a learner's day at UTC with days
/// starting at 4).
fn day0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-01-05T04:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// Records one answer to card `card` of deck "d" at `time`.
fn answer(store: &mut Store, card: &str, time: DateTime<Utc>, mode: Mode) {
    let mut review = Review::new("d", card, time, Rating::Good, None, CardState::new(time));
    review.mode = mode;
    store.record_review(&review).unwrap();
}

/// Shift in seconds of a calendar, as the callers compute it.
fn shift(days: DayClock) -> i64 {
    i64::from(days.utc_offset_minutes) * 60 - i64::from(days.day_start_hour) * 3600
}

/// The query the streak used to be computed from: every day of the log, newest first.
fn all_days(store: &Store, shift_seconds: i64, limit: i64) -> Vec<i64> {
    let mut stmt = store
        .sqlite()
        .prepare(
            "SELECT DISTINCT (time + ?1) / 86400000 AS day FROM review ORDER BY day DESC LIMIT ?2",
        )
        .unwrap();
    stmt.query_map([shift_seconds * 1000, limit], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
}

/// The study summary's streak as it was computed: the newest 4,000 days.
fn summary_reference(store: &Store, shift_seconds: i64, today: i64) -> u32 {
    streak(&all_days(store, shift_seconds, 4000), today)
}

/// The statistics' streak as it was computed: every day up to today.
fn stats_reference(store: &Store, shift_seconds: i64, today: i64) -> u32 {
    let days: Vec<i64> = all_days(store, shift_seconds, i64::MAX)
        .into_iter()
        .filter(|&d| d <= today)
        .collect();
    streak(&days, today)
}

/// A log of about 500 days in UTC: 3 days, a gap of 2, 12 days, a gap of 1, then 400 days
/// in a row (one of them only a cram answer, one only a quiz answer), a gap of 5, 7 days,
/// and two answers 30 and 31 days after the last of them (later than most "nows" below).
/// Answers fall at varied hours, some one millisecond either side of 04:00.
fn long_log(dir: &Path) -> (Store, Vec<i64>) {
    let mut store = Store::open_dir(dir, "default").unwrap();
    store.set_durable(false).unwrap();
    let mut studied = Vec::new();
    let runs = [(0, 3), (5, 12), (18, 400), (423, 7), (460, 2)];
    for (first, length) in runs {
        for day in first..first + length {
            studied.push(day);
        }
    }
    for (n, &day) in studied.iter().enumerate() {
        let start = day0() + TimeDelta::days(day);
        let mode = match day {
            100 => Mode::Cram,
            250 => Mode::Quiz,
            _ => Mode::Study,
        };
        let times = [
            start + TimeDelta::minutes((n as i64 * 97) % 1440),
            // The last millisecond of the learner's day, at 03:59:59.999 the next morning.
            start + TimeDelta::days(1) - TimeDelta::milliseconds(1),
            start,
        ];
        for (k, &time) in times.iter().take(1 + n % 3).enumerate() {
            answer(&mut store, &format!("c{}", (n + k) % 40), time, mode);
        }
    }
    let first = DayClock::default().day_number(day0());
    let days = studied.iter().map(|d| first + d).collect();
    (store, days)
}

#[test]
fn the_walk_back_finds_what_sorting_the_whole_log_found() {
    let dir = TempDir::new().unwrap();
    let (store, days) = long_log(dir.path());
    let first = days[0];
    let last = *days.last().unwrap();
    // The days around the start and the end of each run, and every 11th day, from before the
    // log to after it.
    let ends = days
        .windows(2)
        .filter(|w| w[1] != w[0] + 1)
        .flat_map(|w| [w[0], w[1]])
        .chain([first, last]);
    let mut todays: Vec<i64> = ends
        .flat_map(|d| d - 2..=d + 2)
        .chain((first - 3..last + 5).step_by(11))
        .collect();
    todays.sort_unstable();
    todays.dedup();
    let clocks = [
        (4, 0),
        (0, 0),
        (23, 0),
        (4, 120),
        (4, -300),
        (0, 840),
        (6, -720),
    ];
    for (day_start_hour, utc_offset_minutes) in clocks {
        let clock = DayClock {
            day_start_hour,
            utc_offset_minutes,
        };
        let s = shift(clock);
        for &today in &todays {
            let context = format!("today {today}, {clock:?}");
            assert_eq!(
                store.review_streak(s, today, None, 4000).unwrap(),
                summary_reference(&store, s, today),
                "summary, {context}"
            );
            assert_eq!(
                store
                    .review_streak(s, today, Some(today + 1), u32::MAX)
                    .unwrap(),
                stats_reference(&store, s, today),
                "stats, {context}"
            );
        }
    }
}

#[test]
fn the_streak_counts_days_in_a_row_ending_today_or_yesterday() {
    let dir = TempDir::new().unwrap();
    let (store, days) = long_log(dir.path());
    let s = shift(DayClock::default());
    let at = |offset: i64| days[0] + offset;
    let stats = |today: i64| {
        store
            .review_streak(s, today, Some(today + 1), u32::MAX)
            .unwrap()
    };
    // The 400 days run from day 18 to day 417, cram and quiz days included.
    assert_eq!(stats(at(417)), 400);
    assert_eq!(stats(at(418)), 400, "ending yesterday");
    assert_eq!(stats(at(419)), 0);
    assert_eq!(stats(at(100)), 83, "a cram answer alone keeps the streak");
    assert_eq!(stats(at(250)), 233, "so does a quiz answer");
    assert_eq!(stats(at(16)), 12);
    assert_eq!(stats(at(2)), 3);
    assert_eq!(stats(at(0)), 1);
    assert_eq!(stats(at(-1)), 0, "before the log");
    assert_eq!(stats(at(429)), 7);
    assert_eq!(stats(at(461)), 2);
    // The summary counts from the newest day of the log, even one later than today.
    let summary = |today: i64, limit: u32| store.review_streak(s, today, None, limit).unwrap();
    assert_eq!(summary(at(461), 4000), 2);
    assert_eq!(summary(at(462), 4000), 2);
    assert_eq!(summary(at(463), 4000), 0);
    assert_eq!(summary(at(417), 4000), 2, "the later answers count");
    assert_eq!(summary(at(461), 1), 1, "at most the limit");
    assert_eq!(summary(at(461), 0), 0);
}

#[test]
fn the_day_starts_at_the_configured_hour() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open_dir(dir.path(), "default").unwrap();
    // 03:59:59.999 UTC on the 10th, then 04:00 on the 10th and on the 11th.
    let before_four = day0() + TimeDelta::days(5) - TimeDelta::milliseconds(1);
    answer(&mut store, "a", before_four, Mode::Study);
    answer(
        &mut store,
        "a",
        before_four + TimeDelta::milliseconds(1),
        Mode::Study,
    );
    answer(&mut store, "a", day0() + TimeDelta::days(6), Mode::Study);
    let four = DayClock::default();
    let today = four.day_number(day0() + TimeDelta::days(6));
    // Days at 4: the 9th, the 10th and the 11th.
    assert_eq!(
        store.review_streak(shift(four), today, None, 4000).unwrap(),
        3
    );
    // Days at midnight: the 10th and the 11th.
    let midnight = DayClock {
        day_start_hour: 0,
        utc_offset_minutes: 0,
    };
    let today = midnight.day_number(day0() + TimeDelta::days(6));
    assert_eq!(
        store
            .review_streak(shift(midnight), today, None, 4000)
            .unwrap(),
        2
    );
    // Days at 4 in UTC-5 start at 09:00 UTC: the 9th and the 10th.
    let west = DayClock {
        day_start_hour: 4,
        utc_offset_minutes: -300,
    };
    let today = west.day_number(day0() + TimeDelta::days(6));
    assert_eq!(
        store.review_streak(shift(west), today, None, 4000).unwrap(),
        2
    );
    for clock in [four, midnight, west] {
        let s = shift(clock);
        for today in today - 3..today + 3 {
            assert_eq!(
                store.review_streak(s, today, None, 4000).unwrap(),
                summary_reference(&store, s, today)
            );
        }
    }
}

#[test]
fn the_first_days_of_1970_are_numbered_as_before() {
    let dir = TempDir::new().unwrap();
    let mut store = Store::open_dir(dir.path(), "default").unwrap();
    store.set_durable(false).unwrap();
    // The shifted time crosses zero here, where truncation and flooring differ.
    for hours in [0, 1, 3, 5, 20, 27, 30, 40, 50, 75] {
        let time = DateTime::from_timestamp(hours * 3600, 0).unwrap();
        answer(&mut store, "a", time, Mode::Study);
    }
    for (day_start_hour, utc_offset_minutes) in [(4, 0), (23, -720), (0, 840), (12, 0)] {
        let s = shift(DayClock {
            day_start_hour,
            utc_offset_minutes,
        });
        for today in -3..6 {
            assert_eq!(
                store
                    .review_streak(s, today, Some(today + 1), u32::MAX)
                    .unwrap(),
                stats_reference(&store, s, today),
                "stats, {today} {s}"
            );
            assert_eq!(
                store.review_streak(s, today, None, 4000).unwrap(),
                summary_reference(&store, s, today),
                "summary, {today} {s}"
            );
        }
    }
}

#[test]
fn an_empty_log_has_no_streak() {
    let dir = TempDir::new().unwrap();
    let store = Store::open_dir(dir.path(), "default").unwrap();
    assert_eq!(store.review_streak(0, 20_000, None, 4000).unwrap(), 0);
    assert_eq!(
        store
            .review_streak(0, 20_000, Some(20_001), u32::MAX)
            .unwrap(),
        0
    );
}

#[test]
fn the_study_summary_prints_the_streak() {
    let dir = TempDir::new().unwrap();
    let deck = DeckBuilder::new("D")
        .with("id", "d")
        .card(Card::basic("a", "Q", "A"))
        .write(dir.path(), "d.toml");
    let data = dir.path().join("data");
    {
        let mut store = Store::open_dir(&data, "default").unwrap();
        // Ten days in a row up to yesterday, after a gap.
        for day in [0, 1, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13] {
            let time = day0() + TimeDelta::days(day) + TimeDelta::hours(20);
            answer(&mut store, "a", time, Mode::Study);
        }
    }
    let now = day0() + TimeDelta::days(14) + TimeDelta::hours(2);
    let out = recall(dir.path())
        .arg("study")
        .arg(&deck)
        .args(["--plain", "--data-dir"])
        .arg(&data)
        .env("RECALL_NOW", now.to_rfc3339())
        .env("TZ", "UTC")
        .write_stdin("")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(text.contains("streak: 10 days in a row"), "{text}");
}

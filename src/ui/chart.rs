//! Small charts drawn with block characters: vertical bars, horizontal bars and a calendar
//! of days. Each returns plain lines (no colour) that fit the width it is given; the caller
//! paints them.

use chrono::{Datelike, NaiveDate};

/// Eighths of a cell, empty to full.
const EIGHTHS: [char; 9] = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
/// Shades of a calendar day, from one answer to the busiest day.
const SHADES: [char; 4] = ['░', '▒', '▓', '█'];

/// Vertical bars, one per value, each `bar_width` wide with one space between, `height` rows
/// tall; the tallest value fills the height. The top row comes first.
#[must_use]
pub fn vertical_bars(values: &[u64], height: usize, bar_width: usize) -> Vec<String> {
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    let eighths: Vec<u64> = values
        .iter()
        .map(|&v| (v * 8 * height as u64).div_ceil(max))
        .collect();
    (0..height)
        .rev()
        .map(|row| {
            let floor = row as u64 * 8;
            let mut line = String::new();
            for &e in &eighths {
                let fill = EIGHTHS[usize::try_from(e.saturating_sub(floor).min(8)).unwrap_or(8)];
                line.extend(std::iter::repeat_n(fill, bar_width));
                line.push(' ');
            }
            line.trim_end().to_owned()
        })
        .collect()
}

/// A horizontal bar of `value` out of `max` in at most `width` cells, in eighths of a cell;
/// any value above 0 shows at least a sliver.
#[must_use]
pub fn horizontal_bar(value: u64, max: u64, width: usize) -> String {
    if value == 0 || max == 0 {
        return String::new();
    }
    let eighths = (value * 8 * width as u64).div_ceil(max).max(1);
    let full = usize::try_from(eighths / 8).unwrap_or(width);
    let mut bar: String = std::iter::repeat_n('█', full.min(width)).collect();
    let rest = usize::try_from(eighths % 8).unwrap_or(0);
    if rest > 0 && full < width {
        bar.push(EIGHTHS[rest]);
    }
    bar
}

/// The shade of a day with `count` answers when the busiest day had `max`: `·` for none.
#[must_use]
pub fn shade(count: u64, max: u64) -> char {
    if count == 0 || max == 0 {
        return '·';
    }
    let level = usize::try_from((count * 4).div_ceil(max)).unwrap_or(4);
    SHADES[level.clamp(1, 4) - 1]
}

/// A calendar of `counts` (one per day from `first_day`, a Monday): a row per weekday, a
/// column per week, two characters per day, month names above. Days after the last count
/// are blank. Each row is `(weekday label, cells)`: the caller colours the cells.
#[must_use]
pub fn calendar(first_day: NaiveDate, counts: &[u64]) -> (String, Vec<(&'static str, Vec<char>)>) {
    let weeks = counts.len().div_ceil(7);
    let max = counts.iter().copied().max().unwrap_or(0);
    let mut months = String::new();
    let mut last_month = None;
    for week in 0..weeks {
        let monday = first_day + chrono::TimeDelta::days(7 * week as i64);
        let next = monday + chrono::TimeDelta::days(7);
        let column = 2 * week;
        // A name takes two columns: it is written where a month's first two weeks begin.
        let room = week + 1 == weeks || next.month() == monday.month();
        if last_month != Some(monday.month()) && room && months.chars().count() <= column {
            let pad = column - months.chars().count();
            months.push_str(&" ".repeat(pad));
            months.push_str(&monday.format("%b").to_string());
        }
        last_month = Some(monday.month());
    }
    let labels = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let rows = labels
        .iter()
        .enumerate()
        .map(|(weekday, label)| {
            let cells = (0..weeks)
                .map(|week| {
                    counts
                        .get(week * 7 + weekday)
                        .map_or(' ', |&c| shade(c, max))
                })
                .collect();
            (*label, cells)
        })
        .collect();
    (months, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_tallest() {
        let rows = vertical_bars(&[0, 4, 8], 2, 1);
        assert_eq!(rows, ["    █", "  █ █"]);
        let rows = vertical_bars(&[1, 16], 1, 2);
        assert_eq!(rows, ["▁▁ ██"]);
        assert_eq!(vertical_bars(&[0, 0], 1, 1), [""]);
    }

    #[test]
    fn horizontal_bars_use_eighths_and_show_slivers() {
        assert_eq!(horizontal_bar(10, 10, 4), "████");
        assert_eq!(horizontal_bar(5, 10, 3), "█▄");
        assert_eq!(horizontal_bar(1, 1000, 10), "▁");
        assert_eq!(horizontal_bar(0, 10, 10), "");
    }

    #[test]
    fn shades_split_the_busiest_day_in_four() {
        assert_eq!(shade(0, 8), '·');
        assert_eq!(shade(1, 8), '░');
        assert_eq!(shade(4, 8), '▒');
        assert_eq!(shade(6, 8), '▓');
        assert_eq!(shade(8, 8), '█');
    }

    #[test]
    fn the_calendar_has_a_column_per_week_and_blank_future_days() {
        let monday = NaiveDate::from_ymd_opt(2026, 1, 26).unwrap();
        let (months, rows) = calendar(monday, &[1, 0, 0, 0, 0, 0, 0, 2, 0]);
        assert_eq!(months, "  Feb");
        assert_eq!(rows[0], ("Mon", vec!['▒', '█']));
        assert_eq!(rows[1], ("Tue", vec!['·', '·']));
        assert_eq!(rows[2], ("Wed", vec!['·', ' ']));
    }
}

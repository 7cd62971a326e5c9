//! Made-up wrong options, for answers whose form makes them easy to make and safe to check:
//! numbers and years near the answer, month dates near the answer's, the neighbouring month
//! names of a month's name, and a text holding numbers (a span of years) shifted as a whole.
//! They are offered only when the decks hold too few plausible wrong options of their own.
//!
//! Pure: the options come closest first, in a fixed order; the caller shuffles and checks them.

use super::shape;
use crate::deck::{Answer, MONTHS};

/// How far made-up options go from the answer, in steps, closest first.
const STEPS: [i64; 6] = [1, -1, 2, -2, 3, -3];

/// Options near `answer`, closest first. The answer itself is never among them, but an
/// accepted wording of it may be: the caller checks every option.
#[must_use]
pub fn nearby(answer: &Answer) -> Vec<Answer> {
    match answer {
        Answer::Number(n) => shifted(*n, step_for(*n))
            .into_iter()
            .map(Answer::Number)
            .collect(),
        Answer::Month { year, month } => {
            let index = i64::from(*year) * 12 + i64::from(*month) - 1;
            STEPS
                .iter()
                .filter_map(|k| {
                    let i = index + k;
                    let year = i32::try_from(i.div_euclid(12))
                        .ok()
                        .filter(|y| (1..=9999).contains(y))?;
                    let month = u32::try_from(i.rem_euclid(12) + 1).ok()?;
                    Some(Answer::Month { year, month })
                })
                .collect()
        }
        Answer::Text(text) => text_nearby(text).into_iter().map(Answer::Text).collect(),
    }
}

/// Whether `n` reads as a year (1000 to 2999): years move by one, other numbers by a step
/// that grows with them.
#[must_use]
pub fn year_like(n: i64) -> bool {
    (1000..=2999).contains(&n)
}

/// One step away from `n`: a year for a year, else a round number near a fifth of it
/// (1, 2, 5, 10, 20, 50, ...), at least 1: 10 moves by 2, 75 by 10.
fn step_for(n: i64) -> i64 {
    if year_like(n) {
        return 1;
    }
    let fifth = n.unsigned_abs() / 5;
    let mut step: u64 = 1;
    let mut scale: u64 = 1;
    loop {
        for m in [1, 2, 5] {
            match scale.checked_mul(m) {
                Some(value) if value <= fifth => step = value,
                _ => return i64::try_from(step).unwrap_or(1),
            }
        }
        match scale.checked_mul(10) {
            Some(next) => scale = next,
            None => return i64::try_from(step).unwrap_or(1),
        }
    }
}

/// `n` moved by each of [`STEPS`] times `step`; a number that is not negative stays so.
fn shifted(n: i64, step: i64) -> Vec<i64> {
    STEPS
        .iter()
        .filter_map(|k| n.checked_add(k.checked_mul(step)?))
        .filter(|m| n < 0 || *m >= 0)
        .collect()
}

fn text_nearby(text: &str) -> Vec<String> {
    if let Some(i) = shape::month_index(text) {
        let lower = text.trim().starts_with(char::is_lowercase);
        return STEPS
            .iter()
            .filter_map(|k| {
                let j = usize::try_from((i64::try_from(i).ok()? + k).rem_euclid(12)).ok()?;
                let name = MONTHS[j];
                Some(if lower {
                    name.to_lowercase()
                } else {
                    name.to_owned()
                })
            })
            .collect();
    }
    let Some(runs) = number_runs(text) else {
        return Vec::new();
    };
    let Some(largest) = runs.iter().map(|r| r.value).max() else {
        return Vec::new();
    };
    let step = step_for(largest);
    STEPS
        .iter()
        .filter_map(|k| {
            let by = k.checked_mul(step)?;
            let mut out = String::with_capacity(text.len());
            let mut at = 0;
            for run in &runs {
                let value = run.value.checked_add(by).filter(|v| *v >= 0)?;
                out.push_str(&text[at..run.start]);
                out.push_str(&format!("{value:0width$}", width = run.width));
                at = run.end;
            }
            out.push_str(&text[at..]);
            Some(out)
        })
        .collect()
}

/// A run of ASCII digits in a text, as a number.
struct Run {
    start: usize,
    end: usize,
    value: i64,
    /// Zero-padded width to keep ("05"), else 0.
    width: usize,
}

/// The whole numbers written in `text`; `None` when one of them could not be shifted
/// sensibly: glued to letters ("10th", "A4") or part of a decimal or grouped number ("1,000").
fn number_runs(text: &str) -> Option<Vec<Run>> {
    let bytes = text.as_bytes();
    let mut runs = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let before = text[..start].chars().next_back();
        let after = text[i..].chars().next();
        let decimal_before = before.is_some_and(|c| matches!(c, '.' | ','))
            && start >= 2
            && bytes[start - 2].is_ascii_digit();
        let decimal_after = after.is_some_and(|c| matches!(c, '.' | ','))
            && bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
        let glued =
            before.is_some_and(char::is_alphabetic) || after.is_some_and(char::is_alphabetic);
        if glued || decimal_before || decimal_after {
            return None;
        }
        let digits = &text[start..i];
        let value = digits.parse::<i64>().ok()?;
        let width = if digits.len() > 1 && digits.starts_with('0') {
            digits.len()
        } else {
            0
        };
        runs.push(Run {
            start,
            end: i,
            value,
            width,
        });
    }
    Some(runs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(answer: &str) -> Vec<String> {
        nearby(&Answer::Text(answer.into()))
            .iter()
            .map(Answer::display)
            .collect()
    }

    #[test]
    fn years_move_by_one_and_counts_by_a_round_step() {
        let years: Vec<String> = nearby(&Answer::Number(1940))
            .iter()
            .map(Answer::display)
            .collect();
        assert_eq!(years, ["1941", "1939", "1942", "1938", "1943", "1937"]);
        assert_eq!(step_for(10), 2);
        assert_eq!(step_for(75), 10);
        assert_eq!(step_for(3), 1);
        assert_eq!(step_for(-260), 50);
        assert_eq!(step_for(i64::MAX), 1_000_000_000_000_000_000);
        assert_eq!(
            shifted(2, 1),
            [3, 1, 4, 0, 5],
            "a count never goes below zero"
        );
        assert_eq!(shifted(-4, 1), [-3, -5, -2, -6, -1, -7]);
        assert_eq!(shifted(i64::MAX, 1).len(), 3, "no overflow");
    }

    #[test]
    fn months_cross_years() {
        let shown: Vec<String> = nearby(&Answer::Month {
            year: 1929,
            month: 1,
        })
        .iter()
        .map(Answer::display)
        .collect();
        assert_eq!(
            shown,
            [
                "February 1929",
                "December 1928",
                "March 1929",
                "November 1928",
                "April 1929",
                "October 1928"
            ]
        );
    }

    #[test]
    fn texts_with_numbers_shift_as_a_whole() {
        assert_eq!(texts("1936-1938")[..2], ["1937-1939", "1935-1937"]);
        assert_eq!(texts("mid-1925")[0], "mid-1926");
        assert_eq!(texts("1923 and 1924")[1], "1922 and 1923");
        assert_eq!(
            texts("under 10 years")[..2],
            ["under 12 years", "under 8 years"]
        );
        assert_eq!(texts("week 05")[0], "week 06");
        for odd in [
            "the 10th Congress",
            "A4",
            "1,000 men",
            "3.5 km",
            "no digits",
        ] {
            assert!(texts(odd).is_empty(), "{odd}");
        }
    }

    #[test]
    fn month_names_give_their_neighbours_in_the_same_case() {
        assert_eq!(texts("October")[..2], ["November", "September"]);
        assert_eq!(texts("january")[..2], ["february", "december"]);
    }
}

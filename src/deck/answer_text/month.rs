//! Reading month dates as people type them: "January 1929", "Jan. 1929", "1929-01",
//! "01/1929", "15 January 1929" and the like.

use crate::deck::model::MONTHS;

use super::normalize::normalize;
use super::typo_allowance;

/// What a response says about a month date. Either part may be missing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MonthDate {
    /// The month, 1 to 12.
    pub(crate) month: Option<u32>,
    /// The year.
    pub(crate) year: Option<i32>,
    /// True when the month name was recognised only by tolerating a typo ("Febuary").
    pub(crate) typo: bool,
}

/// One word of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Token {
    /// A month name or its abbreviation; the flag says a typo was tolerated.
    Month(u32, bool),
    /// Three or four digits.
    Year(i32),
    /// One or two digits: a month or a day.
    Small(u32),
    /// An ordinal such as "15th": only a day.
    Day(u32),
}

/// Reads a response as a month date, or `None` when it is not one. The accepted shapes,
/// with any punctuation between the parts: month year ("January 1929", "Jan. 1929",
/// "January, 1929", "sept 1929"), year month, year-month ("1929-01", "1929-1"), month/year
/// ("01/1929", "1/1929"), a full date whose day is ignored ("15 January 1929",
/// "January 15th, 1929", "1929-01-15"), and a year or a month name alone, which the caller
/// reports as incomplete. The words "in" and "of" are skipped.
pub(crate) fn read_month_date(response: &str) -> Option<MonthDate> {
    let folded = normalize(response);
    let mut tokens = Vec::new();
    for word in folded.split(' ') {
        if matches!(word, "in" | "of") {
            continue;
        }
        tokens.push(token(word)?);
        if tokens.len() > 3 {
            return None;
        }
    }
    let date = |month: u32, typo: bool, year: Option<i32>| MonthDate {
        month: Some(month),
        year,
        typo,
    };
    let valid_month = |m: u32| (1..=12).contains(&m);
    let valid_day = |d: u32| (1..=31).contains(&d);
    use Token::{Day, Month, Small, Year};
    let reading = match tokens[..] {
        [Month(m, t), Year(y)] | [Year(y), Month(m, t)] => date(m, t, Some(y)),
        // A month and a small number: a year before 100 as far as the caller can tell
        // ("January 15" is then a wrong year, not a missing one).
        [Month(m, t), Small(y)] | [Small(y), Month(m, t)] => date(m, t, i32::try_from(y).ok()),
        [Month(m, t), Small(d) | Day(d), Year(y)] | [Small(d) | Day(d), Month(m, t), Year(y)]
            if valid_day(d) =>
        {
            date(m, t, Some(y))
        }
        [Year(y), Small(m)] | [Small(m), Year(y)] if valid_month(m) => date(m, false, Some(y)),
        [Year(y), Small(m), Small(d)] if valid_month(m) && valid_day(d) => date(m, false, Some(y)),
        [Year(y)] => MonthDate {
            month: None,
            year: Some(y),
            typo: false,
        },
        [Month(m, t)] => date(m, t, None),
        _ => return None,
    };
    Some(reading)
}

/// Classifies one normalized word, or `None` when no date has such a word.
fn token(word: &str) -> Option<Token> {
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
        return match word.len() {
            1 | 2 => word.parse().ok().map(Token::Small),
            3 | 4 => word.parse().ok().map(Token::Year),
            _ => None,
        };
    }
    for suffix in ["st", "nd", "rd", "th"] {
        if let Some(digits) = word.strip_suffix(suffix)
            && (1..=2).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
        {
            return digits.parse().ok().map(Token::Day);
        }
    }
    month_name(word).map(|(m, typo)| Token::Month(m, typo))
}

/// The month a word names: a full English name or any prefix of at least three letters
/// ("Jan", "Sept", "Febr"), else a full name with the usual typo allowance ("Febuary").
fn month_name(word: &str) -> Option<(u32, bool)> {
    let number = |i: usize| u32::try_from(i + 1).ok();
    if word.len() >= 3 {
        for (i, name) in MONTHS.iter().enumerate() {
            let name = name.to_ascii_lowercase();
            if name.starts_with(word) {
                return number(i).map(|m| (m, false));
            }
        }
    }
    if word.chars().count() > 20 {
        return None;
    }
    let mut found = None;
    for (i, name) in MONTHS.iter().enumerate() {
        let name = name.to_ascii_lowercase();
        let allowed = typo_allowance(name.len());
        if allowed > 0 && strsim::damerau_levenshtein(word, &name) <= allowed {
            if found.is_some() {
                return None;
            }
            found = number(i);
        }
    }
    found.map(|m| (m, true))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Option<(Option<u32>, Option<i32>)> {
        read_month_date(s).map(|d| (d.month, d.year))
    }

    #[test]
    fn shapes_of_month_dates() {
        let jan = Some((Some(1), Some(1929)));
        for s in [
            "January 1929",
            "Jan 1929",
            "Jan. 1929",
            "jan 1929",
            "JANUARY 1929",
            "January, 1929",
            "1929 January",
            "1929-01",
            "1929-1",
            "1929/01",
            "01/1929",
            "1/1929",
            "01.1929",
            "15 January 1929",
            "January 15th, 1929",
            "the 15th of January 1929",
            "1929-01-15",
            "in January 1929",
            "Janu 1929",
        ] {
            assert_eq!(read(s), jan, "{s:?}");
        }
        assert_eq!(read("Sept 1929"), Some((Some(9), Some(1929))));
        assert_eq!(read("sep 1929"), Some((Some(9), Some(1929))));
        assert_eq!(read("1929"), Some((None, Some(1929))));
        assert_eq!(read("March"), Some((Some(3), None)));
        assert_eq!(read("January 1"), Some((Some(1), Some(1))));
        let febuary = read_month_date("Febuary 1929").unwrap();
        assert_eq!((febuary.month, febuary.typo), (Some(2), true));
        for s in [
            "",
            "1929-13",
            "13/1929",
            "Ja 1929",
            "Jnu 1929",
            "January 1929 1930",
            "Mayday 1929",
            "32 January 1929",
            "1929-01-32",
            "19290",
        ] {
            let r = read(s);
            assert_eq!(r, None, "{s:?}");
        }
    }
}

//! Review histories exported from other programs (Anki, py-fsrs) as CSV: reading the rows
//! ([`parse`]) and turning them into recall's reviews by replaying each card through the
//! scheduler ([`replay::plan`]).
//!
//! The CSV has a header naming its columns, in any order: `card_id`, `review_rating` (1-4),
//! `review_time` (ISO 8601 with a zone) and `review_duration` (milliseconds, optional); other
//! columns are ignored. A bad row is reported with its line number and skipped; it never stops
//! the others. This module never prints and never reads the clock.

use chrono::{DateTime, Utc};

use crate::scheduler::Rating;

pub mod replay;

/// The longest card id accepted, in bytes.
const MAX_CARD_ID: usize = 200;

/// One review read from the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// 1-based line of the file.
    pub line: usize,
    /// The card's id in the other program.
    pub card: String,
    /// When it was answered (to the millisecond).
    pub time: DateTime<Utc>,
    /// The rating given.
    pub rating: Rating,
    /// Time spent answering, in milliseconds.
    pub duration_ms: u64,
}

/// A line that cannot be used, and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{line}: {message}")]
pub struct RowError {
    /// 1-based line of the file.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// The usable rows of a file and the lines that were not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    /// Good rows, in file order.
    pub rows: Vec<Row>,
    /// Bad rows, in file order.
    pub errors: Vec<RowError>,
}

/// Where each column is.
struct Columns {
    count: usize,
    card: usize,
    rating: usize,
    time: usize,
    duration: Option<usize>,
}

/// Reads a CSV review log. Blank lines are skipped.
///
/// # Errors
/// The header (the first non-blank line) is missing or lacks a required column: then no row
/// can be read at all.
pub fn parse(text: &str) -> Result<Parsed, RowError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((header_line, header)) = lines.next() else {
        return Err(RowError {
            line: 1,
            message: "the file is empty: expected a header such as \
                      card_id,review_rating,review_time,review_duration"
                .to_owned(),
        });
    };
    let columns = columns(header).map_err(|message| RowError {
        line: header_line,
        message,
    })?;
    let mut parsed = Parsed::default();
    for (line, text) in lines {
        match row(&columns, text) {
            Ok((card, time, rating, duration_ms)) => parsed.rows.push(Row {
                line,
                card,
                time,
                rating,
                duration_ms,
            }),
            Err(message) => parsed.errors.push(RowError { line, message }),
        }
    }
    Ok(parsed)
}

fn fields(line: &str) -> Vec<&str> {
    line.split(',')
        .map(|f| {
            let f = f.trim();
            f.strip_prefix('"')
                .and_then(|f| f.strip_suffix('"'))
                .unwrap_or(f)
        })
        .collect()
}

fn columns(header: &str) -> Result<Columns, String> {
    let names = fields(header);
    let find = |name: &str| names.iter().position(|n| n.eq_ignore_ascii_case(name));
    let need = |name: &str| {
        find(name).ok_or_else(|| {
            format!(
                "the header has no {name} column (expected \
                 card_id,review_rating,review_time,review_duration)"
            )
        })
    };
    Ok(Columns {
        count: names.len(),
        card: need("card_id")?,
        rating: need("review_rating")?,
        time: need("review_time")?,
        duration: find("review_duration"),
    })
}

type Fields = (String, DateTime<Utc>, Rating, u64);

fn row(columns: &Columns, line: &str) -> Result<Fields, String> {
    let f = fields(line);
    if f.len() != columns.count {
        return Err(format!(
            "expected {} fields, found {}",
            columns.count,
            f.len()
        ));
    }
    let card = f[columns.card];
    if card.is_empty() || card.len() > MAX_CARD_ID || card.chars().any(char::is_control) {
        return Err(format!(
            "card_id {card:?} is not an id (1 to {MAX_CARD_ID} characters, no control characters)"
        ));
    }
    let rating = f[columns.rating]
        .parse::<u8>()
        .ok()
        .and_then(Rating::from_u8)
        .ok_or_else(|| format!("review_rating {:?} is not 1 to 4", f[columns.rating]))?;
    let time = parse_time(f[columns.time])?;
    let duration_ms = match columns.duration.map(|i| f[i]) {
        None | Some("") => 0,
        Some(d) => d
            .parse::<u64>()
            .ok()
            .filter(|d| i64::try_from(*d).is_ok())
            .ok_or_else(|| {
                format!("review_duration {d:?} is not a whole number of milliseconds")
            })?,
    };
    Ok((card.to_owned(), time, rating, duration_ms))
}

/// An ISO 8601 time with a zone (`2024-03-29T20:32:32.250000+00:00`, `...Z`), to the millisecond.
fn parse_time(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| crate::store::truncate_ms(t.with_timezone(&Utc)))
        .map_err(|e| {
            format!(
                "review_time {text:?} is not an ISO 8601 time with a zone, like \
                 2024-03-29T20:32:32Z ({e})"
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str = "card_id,review_rating,review_time,review_duration\n";

    #[test]
    fn reads_rows_in_any_column_order() {
        let text = "review_time,card_id,review_rating\n\
                    2024-03-29T20:32:32.250000+00:00,17,3\n\n\
                    2024-03-30T01:00:00-05:00,17,1\n";
        let parsed = parse(text).unwrap();
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        assert_eq!(parsed.rows.len(), 2);
        assert_eq!(parsed.rows[0].card, "17");
        assert_eq!(parsed.rows[0].time.timestamp_millis(), 1_711_744_352_250);
        assert_eq!(parsed.rows[1].line, 4);
        assert_eq!(parsed.rows[1].rating, Rating::Again);
        assert_eq!(
            parsed.rows[1].time.to_rfc3339(),
            "2024-03-30T06:00:00+00:00"
        );
    }

    #[test]
    fn reports_each_bad_row_with_its_line() {
        let text = format!(
            "{HEADER}1,3,2024-03-29T20:32:32Z,100\n1,5,2024-03-29T20:32:32Z,100\n\
             1,3,yesterday,100\n1,3,2024-03-29T20:32:32,100\n,3,2024-03-29T20:32:32Z,1\n\
             1,3,2024-03-29T20:32:32Z\n1,3,2024-03-29T20:32:32Z,-4\n"
        );
        let parsed = parse(&text).unwrap();
        assert_eq!(parsed.rows.len(), 1);
        let lines: Vec<usize> = parsed.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5, 6, 7, 8]);
        assert!(parsed.errors[0].message.contains("review_rating \"5\""));
        assert!(parsed.errors[1].message.contains("ISO 8601"));
        assert!(parsed.errors[2].message.contains("ISO 8601"));
        assert!(parsed.errors[3].message.contains("card_id"));
        assert!(
            parsed.errors[4]
                .message
                .contains("expected 4 fields, found 3")
        );
        assert!(parsed.errors[5].message.contains("review_duration"));
    }

    #[test]
    fn a_missing_header_is_an_error() {
        assert_eq!(parse("").unwrap_err().line, 1);
        let e = parse("\n1,3,2024-03-29T20:32:32Z,100\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("card_id"), "{}", e.message);
    }
}

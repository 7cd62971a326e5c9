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
    // RFC 4180 through the csv crate: quoted fields may hold commas, quotes and line breaks.
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut records = reader.records().filter(|r| {
        // Blank lines are no rows.
        r.as_ref().map_or(true, |r| r.iter().any(|f| !f.is_empty()))
    });
    // The csv reader counts neither blank lines nor line ends before a record in its
    // position: a record's line is that of its first byte that is not a line end.
    let newlines: Vec<usize> = text.match_indices('\n').map(|(i, _)| i).collect();
    let line_at = |p: Option<&csv::Position>| {
        let from = p.map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX));
        let rest = text.get(from..).unwrap_or("");
        let byte = from + (rest.len() - rest.trim_start_matches(['\r', '\n']).len());
        newlines.partition_point(|&n| n < byte) + 1
    };
    let line_of = |r: &csv::StringRecord| line_at(r.position());
    let header = match records.next() {
        None => {
            return Err(RowError {
                line: 1,
                message: "the file is empty: expected a header such as \
                          card_id,review_rating,review_time,review_duration"
                    .to_owned(),
            });
        }
        Some(Err(e)) => return Err(csv_error(&e, line_at(e.position()))),
        Some(Ok(header)) => header,
    };
    let columns = columns(&header).map_err(|message| RowError {
        line: line_of(&header),
        message,
    })?;
    let mut parsed = Parsed::default();
    for record in records {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                parsed.errors.push(csv_error(&e, line_at(e.position())));
                continue;
            }
        };
        let line = line_of(&record);
        match row(&columns, &record) {
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

/// A row the csv reader could not read (text that is not UTF-8 cannot reach it), at `line`.
fn csv_error(e: &csv::Error, line: usize) -> RowError {
    RowError {
        line,
        message: format!("not a CSV row ({e})"),
    }
}

fn columns(header: &csv::StringRecord) -> Result<Columns, String> {
    let names: Vec<&str> = header.iter().collect();
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

fn row(columns: &Columns, record: &csv::StringRecord) -> Result<Fields, String> {
    let f: Vec<&str> = record.iter().collect();
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

/// An ISO 8601 time with a zone (`2024-03-29T20:32:32.250000+00:00`, `...Z`), to the
/// millisecond, in 1970 or later (review times are kept as milliseconds since 1970).
fn parse_time(text: &str) -> Result<DateTime<Utc>, String> {
    let time = DateTime::parse_from_rfc3339(text)
        .map(|t| crate::store::truncate_ms(t.with_timezone(&Utc)))
        .map_err(|e| {
            format!(
                "review_time {text:?} is not an ISO 8601 time with a zone, like \
                 2024-03-29T20:32:32Z ({e})"
            )
        })?;
    if time < DateTime::UNIX_EPOCH {
        return Err(format!("review_time {text:?} is before 1970"));
    }
    Ok(time)
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
    fn quoted_fields_are_read_as_csv_and_times_before_1970_are_bad_rows() {
        let text = "\u{feff}\"card_id\",\"review_rating\",review_time,review_duration\r\n\
                    \"deck, \"\"basic\"\" 17\",3,2024-03-29T20:32:32Z,\"1500\"\r\n\
                    18,3,1969-12-31T23:59:59Z,100\r\n\
                    19,2,2024-03-30T20:32:32Z,100\r\n";
        let parsed = parse(text).unwrap();
        let cards: Vec<&str> = parsed.rows.iter().map(|r| r.card.as_str()).collect();
        assert_eq!(cards, ["deck, \"basic\" 17", "19"]);
        assert_eq!(parsed.rows[0].duration_ms, 1500);
        assert_eq!(parsed.rows[1].line, 4);
        assert_eq!(parsed.errors.len(), 1);
        assert_eq!(parsed.errors[0].line, 3);
        assert!(
            parsed.errors[0].message.contains("before 1970"),
            "{:?}",
            parsed.errors
        );
    }

    #[test]
    fn a_missing_header_is_an_error() {
        assert_eq!(parse("").unwrap_err().line, 1);
        let e = parse("\n1,3,2024-03-29T20:32:32Z,100\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("card_id"), "{}", e.message);
    }
}

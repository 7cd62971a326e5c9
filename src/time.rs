//! "Now", decided once at the edge of the program.
//!
//! The core never reads the clock: commands take the instant from `crate::env` and pass it
//! down. This module parses the `RECALL_NOW` form.

use chrono::{DateTime, Datelike, Utc};

use crate::env::NOW_VAR;

/// Parses an RFC 3339 timestamp such as `2026-11-26T09:00:00+01:00`.
///
/// # Errors
/// A message naming the variable and the expected form.
pub fn parse_now(text: &str) -> Result<DateTime<Utc>, String> {
    let now = DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            format!("{NOW_VAR}={text:?} is not an RFC 3339 time like 2026-11-26T09:00:00Z ({e})")
        })?;
    // Review times are kept as milliseconds since 1970, and no schedule reaches past 9999.
    if now < DateTime::UNIX_EPOCH || now.year() >= LAST_YEAR {
        return Err(format!(
            "{NOW_VAR}={text:?} is outside the years recall keeps (1970 to {})",
            LAST_YEAR - 1
        ));
    }
    Ok(now)
}

/// The first year past the range "now" may be in.
const LAST_YEAR: i32 = 9000;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_offsets_into_utc() {
        let t = parse_now("2026-11-26T09:00:00+01:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-26T08:00:00+00:00");
    }

    #[test]
    fn rejects_times_before_1970_and_in_the_far_future() {
        for text in [
            "1969-12-31T23:59:59Z",
            "0001-01-01T00:00:00Z",
            "9500-01-01T00:00:00Z",
        ] {
            let err = parse_now(text).unwrap_err();
            assert!(
                err.contains("outside the years recall keeps (1970 to 8999)"),
                "{err}"
            );
        }
        assert!(parse_now("1970-01-01T00:00:00Z").is_ok());
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse_now("tomorrow").unwrap_err().contains("RECALL_NOW"));
    }
}

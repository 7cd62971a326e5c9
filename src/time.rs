//! "Now", decided once at the edge of the program.
//!
//! The core never reads the clock: commands take the instant from here and pass it down.
//! `RECALL_NOW` (RFC 3339) fixes it for the whole program, so tests and simulations can
//! travel through days.

use chrono::{DateTime, Utc};

/// The environment variable that fixes "now".
pub const NOW_VAR: &str = "RECALL_NOW";

/// The current instant: `RECALL_NOW` when it is set, else the system clock.
///
/// # Errors
/// A `RECALL_NOW` that is not an RFC 3339 timestamp is an error, never silently ignored.
pub fn now() -> Result<DateTime<Utc>, String> {
    match std::env::var(NOW_VAR) {
        Ok(text) => parse_now(&text),
        Err(std::env::VarError::NotPresent) => Ok(Utc::now()),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{NOW_VAR} is not valid UTF-8")),
    }
}

/// Parses an RFC 3339 timestamp such as `2026-11-26T09:00:00+01:00`.
///
/// # Errors
/// A message naming the variable and the expected form.
pub fn parse_now(text: &str) -> Result<DateTime<Utc>, String> {
    DateTime::parse_from_rfc3339(text.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            format!("{NOW_VAR}={text:?} is not an RFC 3339 time like 2026-11-26T09:00:00Z ({e})")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_offsets_into_utc() {
        let t = parse_now("2026-11-26T09:00:00+01:00").unwrap();
        assert_eq!(t.to_rfc3339(), "2026-11-26T08:00:00+00:00");
    }

    #[test]
    fn rejects_garbage() {
        assert!(parse_now("tomorrow").unwrap_err().contains("RECALL_NOW"));
    }
}

//! `recall log`: the profile's review log, newest last, as text or JSON Lines.

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use crate::cli::LogArgs;
use crate::config::profile;
use crate::config::profile::Location;
use crate::error::Error;
use crate::store::{Review, ReviewLine};
use crate::text::escape_controls;

/// Runs `recall log`.
///
/// # Errors
/// The store failed or stdout was closed.
pub fn run(args: &LogArgs, options: &Location) -> Result<ExitCode, Error> {
    let reviews = match profile::open_existing(options)? {
        Some(store) => store.latest_reviews(args.limit)?,
        None => Vec::new(),
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    for review in &reviews {
        if args.json {
            serde_json::to_writer(&mut out, &ReviewLine::from(review))
                .map_err(std::io::Error::from)?;
            writeln!(out)?;
        } else {
            writeln!(out, "{}", line(review))?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// One review as a line of text: time, rating, mode, deck/card, verdict, answer, duration.
#[must_use]
pub fn line(review: &Review) -> String {
    let mut text = format!(
        "{}  {:<5}  {:<5}  {}/{}",
        review.time.format("%Y-%m-%d %H:%M:%SZ"),
        review.rating.label(),
        review.mode.as_str(),
        escape_controls(&review.deck),
        escape_controls(&review.card),
    );
    match review.correct {
        Some(true) => text.push_str("  right"),
        Some(false) => text.push_str("  wrong"),
        None => {}
    }
    if let Some(answer) = &review.answer {
        text.push_str(&format!("  \"{}\"", escape_controls(answer)));
    }
    if review.duration_ms > 0 {
        let seconds = review.duration_ms as f64 / 1000.0;
        text.push_str(&format!("  {seconds:.1}s"));
    }
    text
}

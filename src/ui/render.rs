//! Text shared by both interfaces: status lines, feedback lines, summaries.

use crate::answer::Segment;
use crate::session::{Feedback, Status};
use crate::text::strip_controls;

/// Deck text made safe for a terminal.
#[must_use]
pub fn safe(text: &str) -> String {
    strip_controls(text).into_owned()
}

/// A picture in words, where it is not drawn: `[image: A map of ...]`.
#[must_use]
pub fn picture_line(picture: &crate::deck::Shown) -> String {
    format!("[image: {}]", safe(&picture.alt))
}

/// "3 done · 5 new · 1 learning · 2 review · 1:05".
#[must_use]
pub fn status_line(status: &Status) -> String {
    format!(
        "{} done · {} new · {} learning · {} review · {}:{:02}",
        status.done,
        status.new,
        status.learning,
        status.review,
        status.elapsed_seconds / 60,
        status.elapsed_seconds % 60
    )
}

/// The verdict on an attempt, in words.
#[must_use]
pub fn verdict_line(feedback: &Feedback) -> Option<String> {
    let given = feedback.given.as_deref().map(safe).unwrap_or_default();
    match feedback.correct? {
        true if feedback.diff.is_some() => {
            Some(format!("Correct (typo forgiven): you typed \"{given}\""))
        }
        true => Some("Correct.".to_owned()),
        false if given.is_empty() => Some("Not right.".to_owned()),
        false => Some(format!("Not right: you answered \"{given}\"")),
    }
}

/// A near miss as plain text: `[typed→expected]` marks a change, `[+missing]` and
/// `[-extra]` the rest.
#[must_use]
pub fn diff_plain(segments: &[Segment]) -> String {
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Same(s) => out.push_str(&safe(s)),
            Segment::Missing(s) => out.push_str(&format!("[+{}]", safe(s))),
            Segment::Extra(s) => out.push_str(&format!("[-{}]", safe(s))),
            Segment::Changed { typed, expected } => {
                out.push_str(&format!("[{}→{}]", safe(typed), safe(expected)));
            }
        }
    }
    out
}

/// "1 again 1m · 2 hard 6m · 3 good 10m · 4 easy 2d".
#[must_use]
pub fn buttons_line(feedback: &Feedback) -> String {
    feedback
        .buttons
        .iter()
        .map(|(rating, wait)| {
            format!(
                "{} {} {}",
                rating.as_u8(),
                rating.label().to_lowercase(),
                wait
            )
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

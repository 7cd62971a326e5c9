//! The lines `recall study` prints when a session ends: cards studied, accuracy and time,
//! then the cards due by tomorrow and the streak of days studied.

use crate::session::Summary;
use crate::study::summary::Outlook;

/// The closing lines of a session, each ending in a line break: two short lines rather than
/// one that wraps in an 80-column terminal.
#[must_use]
pub fn lines(summary: &Summary, outlook: Outlook) -> String {
    let accuracy = match crate::percent::percent(summary.correct, summary.attempted) {
        Some(percent) => format!(
            "{percent}% right ({} of {})",
            summary.correct, summary.attempted
        ),
        None => "no typed or chosen answers".to_owned(),
    };
    let answers = if summary.studied == summary.cards {
        String::new()
    } else {
        format!(" ({} answers)", summary.studied)
    };
    format!(
        "Studied {} card{}{answers} in {}:{:02} · {accuracy}\nDue by tomorrow: {} · streak: {} day{} in a row\n",
        summary.cards,
        plural(summary.cards),
        summary.seconds / 60,
        summary.seconds % 60,
        outlook.due_tomorrow,
        outlook.streak,
        plural(outlook.streak as usize),
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

//! The lines `recall study` prints around a session: before the first card, what is coming;
//! when it ends, cards studied, accuracy and time, the cards due by tomorrow and the streak
//! of days studied, then when the next card is due (or how many were left for today).

use super::render::safe;
use crate::session::{Ending, Summary};
use crate::study::summary::{Outlook, Preview};

/// The line before the first card: decks, reviews due, new, learning and the minutes
/// expected, like `Capitals: 2 reviews due, 3 new, 0 learning · about 1 minute`.
#[must_use]
pub fn opening(preview: &Preview) -> String {
    let decks = match preview.decks.as_slice() {
        [] => "Today".to_owned(),
        [one] => safe(one),
        [first, second] => format!("{} and {}", safe(first), safe(second)),
        [first, rest @ ..] => format!("{} and {} more decks", safe(first), rest.len()),
    };
    format!(
        "{decks}: {} review{} due, {} new, {} learning · about {} minute{}",
        preview.reviews,
        plural(preview.reviews),
        preview.new,
        preview.learning,
        preview.minutes.max(1),
        plural(usize::try_from(preview.minutes.max(1)).unwrap_or(2)),
    )
}

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
    let next = if outlook.left_today > 0 && summary.ending != Ending::Finished {
        format!(
            "Left for today: {} card{}\n",
            outlook.left_today,
            plural(outlook.left_today)
        )
    } else if let Some(due) = outlook.next_due.filter(|_| summary.studied > 0) {
        let when = super::when::due_phrase(due, outlook.now, outlook.days);
        format!("The next card is due {when}.\n")
    } else {
        String::new()
    };
    format!(
        "Studied {} card{}{answers} in {}:{:02} · {accuracy}\nDue by tomorrow: {} · streak: {} day{} in a row\n{next}",
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

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeDelta, Utc};

    use super::*;
    use crate::scheduler::days::DayClock;

    fn preview(decks: &[&str]) -> Preview {
        Preview {
            decks: decks.iter().map(|d| (*d).to_owned()).collect(),
            reviews: 1,
            new: 3,
            learning: 2,
            minutes: 0,
        }
    }

    #[test]
    fn the_opening_line_names_the_decks_the_counts_and_the_minutes() {
        assert_eq!(
            opening(&preview(&["Capitals"])),
            "Capitals: 1 review due, 3 new, 2 learning · about 1 minute"
        );
        let two = Preview {
            minutes: 12,
            reviews: 0,
            ..preview(&["Capitals", "Rivers\u{1b}[31m"])
        };
        assert_eq!(
            opening(&two),
            "Capitals and Rivers: 0 reviews due, 3 new, 2 learning · about 12 minutes"
        );
        assert!(opening(&preview(&["A", "B", "C"])).starts_with("A and 2 more decks: "));
    }

    #[test]
    fn the_closing_lines_say_when_the_next_card_is_due_or_what_is_left() {
        let now: DateTime<Utc> = "2026-03-10T10:00:00Z".parse().unwrap();
        let summary = Summary {
            studied: 2,
            cards: 2,
            attempted: 0,
            correct: 0,
            seconds: 30,
            ending: Ending::Finished,
        };
        let outlook = Outlook {
            next_due: Some(now + TimeDelta::minutes(10)),
            left_today: 0,
            now,
            days: DayClock::default(),
            due_tomorrow: 2,
            streak: 1,
        };
        let text = lines(&summary, outlook);
        assert!(
            text.ends_with(
                "Due by tomorrow: 2 · streak: 1 day in a row\nThe next card is due in 10 minutes.\n"
            ),
            "{text}"
        );
        let quit = Summary {
            ending: Ending::Quit,
            ..summary.clone()
        };
        let left = Outlook {
            left_today: 3,
            ..outlook
        };
        assert!(lines(&quit, left).ends_with("in a row\nLeft for today: 3 cards\n"));
        let nothing = Summary {
            studied: 0,
            cards: 0,
            ..summary
        };
        assert!(lines(&nothing, outlook).ends_with("in a row\n"));
    }
}

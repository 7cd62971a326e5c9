//! What `recall study` offers when nothing is due: more new cards, a cram, or quitting. A
//! list in the terminal; in plain mode a line naming the commands that do the same.

use std::io;

use super::fitted::help;
use super::list::{Ending, List};

/// The learner's choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum More {
    /// Learn more new cards today.
    LearnNew,
    /// Practise now without changing the schedule.
    Cram,
    /// Nothing more.
    Quit,
}

const CRAM: &str = "Cram: practise cards now without changing the schedule";

fn cards(n: usize) -> String {
    format!("{n} more new card{}", if n == 1 { "" } else { "s" })
}

/// Asks what to do; the new cards are offered when `new_cards` is above 0. Esc and Ctrl-C
/// quit.
///
/// # Errors
/// The terminal failed.
pub fn ask(new_cards: usize) -> io::Result<More> {
    crate::hangup::watch_terminal();
    let mut options = Vec::with_capacity(3);
    if new_cards > 0 {
        options.push((format!("Learn {} today", cards(new_cards)), More::LearnNew));
    }
    options.push((CRAM.to_owned(), More::Cram));
    options.push(("Quit".to_owned(), More::Quit));
    let labels = options.iter().map(|(label, _)| label.clone()).collect();
    let keys = help("↑↓ to move, Enter to choose, Esc to quit");
    let paint = super::paint::Paint::for_stderr();
    Ok(match List::new("What next?", labels, &keys, paint).ask()? {
        Ending::Chose(i) => options.get(i).map_or(More::Quit, |(_, choice)| *choice),
        Ending::Escaped | Ending::Interrupted => More::Quit,
    })
}

/// The line a plain session prints instead of the list: `learn` is the command that learns
/// more new cards and how many, when there are any; `cram` the command that crams.
#[must_use]
pub fn hint(learn: Option<(&str, usize)>, cram: &str) -> String {
    let practise = format!("practise now without changing the schedule: {cram}");
    match learn {
        Some((command, n)) => format!("Learn {} today: {command} · {practise}", cards(n)),
        None => {
            let mut line = practise;
            line[..1].make_ascii_uppercase();
            line
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_names_the_commands() {
        assert_eq!(
            hint(
                Some(("recall study deck.toml --new 11", 1)),
                "recall cram deck.toml"
            ),
            "Learn 1 more new card today: recall study deck.toml --new 11 · \
             practise now without changing the schedule: recall cram deck.toml"
        );
        assert_eq!(
            hint(None, "recall cram"),
            "Practise now without changing the schedule: recall cram"
        );
        assert!(
            hint(Some(("recall study --new 30", 10)), "recall cram").contains("10 more new cards")
        );
    }
}

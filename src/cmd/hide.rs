//! `recall suspend`, `recall unsuspend` and `recall unbury`: items hidden from sessions, and
//! brought back, outside a session (where one slip of the menu could otherwise hide a card
//! for ever).

use std::io::Write;
use std::process::ExitCode;

use crate::cli::ItemsArgs;
use crate::config::profile;
use crate::config::profile::Location;
use crate::error::Error;
use crate::store::StoreError;
use crate::text::escape_controls;

/// What the command does to the items it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hide {
    /// `recall suspend`.
    Suspend,
    /// `recall unsuspend`.
    Unsuspend,
    /// `recall unbury`.
    Unbury,
}

/// Runs the command on every item `args` names. Every name is looked up first: when one
/// names nothing (or, without a deck, items of several decks), nothing is changed.
///
/// # Errors
/// A name that matches no item or more than one deck (exit 2), or the store failed.
pub fn run(args: &ItemsArgs, hide: Hide, options: &Location) -> Result<ExitCode, Error> {
    let Some(mut store) = profile::open_existing(options)? else {
        return Err(Error::Usage(
            "this profile has no cards yet: study a deck first".to_owned(),
        ));
    };
    let mut rows: Vec<(String, String, bool)> = Vec::new();
    store.for_each_card(|row| {
        rows.push((row.deck.to_owned(), row.card.to_owned(), row.suspended));
        Ok::<_, StoreError>(())
    })?;
    rows.sort();
    let mut chosen: Vec<&(String, String, bool)> = Vec::new();
    let mut problems = Vec::new();
    for name in &args.items {
        let found: Vec<_> = rows.iter().filter(|row| names(name, row)).collect();
        let decks: std::collections::BTreeSet<&str> =
            found.iter().map(|(deck, _, _)| deck.as_str()).collect();
        let shown = escape_controls(name);
        match decks.len() {
            0 => problems.push(format!("no item or card {shown} in this profile")),
            1 => chosen.extend(found),
            _ => problems.push(format!(
                "{shown} is in several decks ({}): name one as DECK/{shown}",
                decks.into_iter().collect::<Vec<_>>().join(", ")
            )),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Usage(problems.join("\n")));
    }
    chosen.sort();
    chosen.dedup();
    for (deck, card, _) in &chosen {
        match hide {
            Hide::Suspend => store.suspend(deck, card, true)?,
            Hide::Unsuspend => store.suspend(deck, card, false)?,
            Hide::Unbury => store.bury(deck, card, None)?,
        }
    }
    let verb = match hide {
        Hide::Suspend => "Suspended",
        Hide::Unsuspend => "Unsuspended",
        Hide::Unbury => "Unburied",
    };
    let mut out = std::io::stdout().lock();
    let s = if chosen.len() == 1 { "" } else { "s" };
    writeln!(out, "{verb} {} item{s}:", chosen.len())?;
    for (deck, card, was_suspended) in &chosen {
        let note = match (hide, was_suspended) {
            (Hide::Suspend, true) => " (already suspended)",
            (Hide::Unsuspend, false) => " (was not suspended)",
            _ => "",
        };
        writeln!(
            out,
            "  {}/{}{note}",
            escape_controls(deck),
            escape_controls(card)
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether `name` names the item `(deck, item)`: `DECK/ITEM` or `ITEM`, where `ITEM` may be
/// a card id, which names every item of the card (`orgburo` names `orgburo:reverse`).
fn names(name: &str, (deck, item, _): &(String, String, bool)) -> bool {
    let (want_deck, want_item) = match name.split_once('/') {
        Some((d, i)) => (Some(d), i),
        None => (None, name),
    };
    want_deck.is_none_or(|d| d == deck)
        && (item == want_item
            || item
                .strip_prefix(want_item)
                .is_some_and(|rest| rest.starts_with(':')))
}

#[cfg(test)]
mod tests {
    use super::names;

    #[test]
    fn a_card_id_names_its_items_and_a_deck_narrows_the_name() {
        let row = |d: &str, i: &str| (d.to_owned(), i.to_owned(), false);
        assert!(names("orgburo", &row("t", "orgburo")));
        assert!(names("orgburo", &row("t", "orgburo:reverse")));
        assert!(names("t/orgburo:reverse", &row("t", "orgburo:reverse")));
        assert!(!names("t/orgburo:reverse", &row("t", "orgburo")));
        assert!(!names("orgburo", &row("t", "orgburo-head")));
        assert!(!names("u/orgburo", &row("t", "orgburo")));
        assert!(names("exile:2", &row("t", "exile:2")));
        assert!(!names("exile:2", &row("t", "exile:20")));
    }
}

//! `recall suspend`, `recall unsuspend` and `recall unbury`: items hidden from sessions, and
//! brought back, outside a session (where one slip of the menu could otherwise hide a card
//! for ever).

use std::io::Write;
use std::process::ExitCode;

use crate::cli::ItemsArgs;
use crate::config::profile;
use crate::config::profile::Location;
use crate::error::Error;
use crate::store::{StoreError, naming};
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
    let ids: Vec<(&str, &str)> = rows
        .iter()
        .map(|(d, c, _)| (d.as_str(), c.as_str()))
        .collect();
    let chosen: Vec<&(String, String, bool)> = naming::resolve(&args.items, &ids)
        .map_err(|problems| Error::Usage(problems.join("\n")))?
        .into_iter()
        .map(|i| &rows[i])
        .collect();
    let now = crate::env::now()?;
    for (deck, card, _) in &chosen {
        match hide {
            Hide::Suspend => store.suspend(deck, card, true, now)?,
            Hide::Unsuspend => store.suspend(deck, card, false, now)?,
            Hide::Unbury => store.bury(deck, card, None, now)?,
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

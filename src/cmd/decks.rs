//! Finding and loading the decks a session studies: the paths given, else `./decks` when it
//! exists, else the deck built into the binary.

use std::path::{Path, PathBuf};

use crate::deck::{self, Deck, Severity, files};
use crate::error::Error;

/// A deck ready to study, with the file it came from (none for the built-in deck).
#[derive(Debug, Clone)]
pub struct LoadedDeck {
    /// The validated deck.
    pub deck: Deck,
    /// Its file, for opening an editor at a card.
    pub path: Option<PathBuf>,
}

/// Loads the decks named by `paths` (files or folders), or the default ones.
///
/// # Errors
/// A deck with errors (all of them are listed in the message) or no deck at all.
pub fn load(paths: &[PathBuf]) -> Result<Vec<LoadedDeck>, Error> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        let local = Path::new("decks");
        if local.is_dir() {
            vec![local.to_path_buf()]
        } else {
            return bundled();
        }
    } else {
        paths.to_vec()
    };
    let (found, mut problems) = files::find(&paths);
    let mut decks = Vec::new();
    for path in found {
        let parsed = deck::load(&path, deck::Options::default());
        problems.extend(
            parsed
                .diagnostics
                .into_iter()
                .filter(|d| d.severity == Severity::Error),
        );
        if let Some(deck) = parsed.deck {
            decks.push(LoadedDeck {
                deck,
                path: Some(path),
            });
        }
    }
    if !problems.is_empty() {
        let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
        return Err(Error::Usage(format!(
            "the decks have errors (run `recall check` for all of them):\n{}",
            lines.join("\n")
        )));
    }
    if decks.is_empty() {
        return Err(Error::Usage("no decks found to study".to_owned()));
    }
    Ok(decks)
}

fn bundled() -> Result<Vec<LoadedDeck>, Error> {
    let parsed = deck::bundled();
    match parsed.deck {
        Some(deck) => Ok(vec![LoadedDeck { deck, path: None }]),
        None => Err(Error::Usage("the built-in deck does not load".to_owned())),
    }
}

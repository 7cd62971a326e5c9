//! What `recall check` does: every deck file under some paths read and validated, with the
//! deck ids two files share, and the cites of the cards of the decks that passed.

use std::collections::HashMap;
use std::path::PathBuf;

use super::cite::Source;
use super::{Diagnostic, Severity, files};

/// What one run of `check` found.
#[derive(Debug, Default)]
pub struct Summary {
    /// Every problem, file by file.
    pub diagnostics: Vec<Diagnostic>,
    /// Deck files read.
    pub files: usize,
    /// Cards in the decks that passed.
    pub cards: usize,
    /// The `cite` of every card of the decks that passed.
    pub cites: Vec<String>,
}

impl Summary {
    /// How many of the problems are of `severity`.
    #[must_use]
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Checks every deck file under `paths`.
#[must_use]
pub fn check(paths: &[PathBuf], source: Option<&Source>) -> Summary {
    let (found, mut diagnostics) = files::find(paths);
    if found.is_empty() && diagnostics.is_empty() {
        for path in paths {
            diagnostics.push(files::file_error(path, "no deck files (*.toml) found here"));
        }
    }
    let mut summary = Summary {
        files: found.len(),
        ..Summary::default()
    };
    let mut deck_ids: HashMap<String, PathBuf> = HashMap::new();
    for path in &found {
        let folder = super::picture::folder_of(path);
        let parsed = super::load(
            path,
            super::Options {
                source,
                quiet: false,
                pictures_in: Some(&folder),
            },
        );
        diagnostics.extend(parsed.diagnostics);
        if let Some(deck) = parsed.deck {
            summary.cards += deck.cards.len();
            summary
                .cites
                .extend(deck.cards.iter().filter_map(|c| c.cite.clone()));
            if let Some(first) = deck_ids.insert(deck.id.clone(), path.clone()) {
                diagnostics.push(files::file_error(
                    path,
                    &format!(
                        "deck id \"{}\" is also used by {}; decks sharing an id share progress",
                        deck.id,
                        first.display()
                    ),
                ));
            }
        }
    }
    summary.diagnostics = diagnostics;
    summary
}

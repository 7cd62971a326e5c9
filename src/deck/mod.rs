//! Decks: the TOML format, its validation, and the model the rest of recall uses.
//!
//! Reading never panics and never stops at the first problem: every error and warning
//! of a file comes back as a [`Diagnostic`] with its line and column. This module does
//! no printing; `recall check` renders what it returns.

pub mod answer_text;
mod card;
pub mod check;
mod chunks;
pub mod cite;
pub mod cloze;
pub mod coverage;
pub mod diagnostic;
mod fast;
pub(crate) mod fields;
pub mod files;
pub mod item;
pub mod lint;
pub mod model;
mod new_order;
mod parse;
pub mod picture;
pub(crate) mod report;

use std::path::Path;

pub use card::{MAX_CITE_WORDS, MAX_TYPED_WORDS, derived_id, reads_as_question, unfit_to_type};
pub use diagnostic::{Diagnostic, Severity};
pub use item::{Item, Side, card_items, item_sides};
pub use model::{Answer, AnswerKind, Card, Content, Deck, Deletion, MONTHS, PromptMode};
pub use new_order::NewOrder;
pub use parse::{Options, Parsed, parse, parse_streamed, parse_whole_document};
pub use picture::{Picture, Pictures, Shown};

#[cfg(test)]
pub(crate) mod test_support;

/// The deck that ships inside the binary, written from the Trotsky article.
pub const BUNDLED_DECK: &str = include_str!("../../decks/trotsky-exile.toml");
/// The file name the bundled deck is reported under.
pub const BUNDLED_DECK_NAME: &str = "trotsky-exile.toml";

/// Reads and validates the deck file at `path`.
#[must_use]
pub fn load(path: &Path, options: Options<'_>) -> Parsed {
    match files::read(path) {
        Ok(text) => {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            parse(&text, &path.display().to_string(), &stem, options)
        }
        Err(problem) => Parsed {
            deck: None,
            diagnostics: vec![problem],
        },
    }
}

/// The bundled deck, parsed, without looking for the study warnings (`recall check decks/`
/// looks for them in its file, and finds none).
#[must_use]
pub fn bundled() -> Parsed {
    parse(
        BUNDLED_DECK,
        BUNDLED_DECK_NAME,
        "trotsky-exile",
        Options {
            quiet: true,
            ..Options::default()
        },
    )
}

#[cfg(test)]
mod tests;

//! The "edit" choice of a study session: the card's deck file opened in the learner's
//! editor, then the card reloaded into the session.

use crate::cmd::study_queue;
use crate::error::Error;
use crate::library::DeckSync;
use crate::library::LoadedDeck;
use crate::session::{Session, StudyItem};
use crate::store::Store;

/// Opens the card's deck file in `$VISUAL`/`$EDITOR` at its line, then reloads the card.
pub(super) fn edit(
    session: &mut Session,
    key: usize,
    decks: &[LoadedDeck],
    store: &mut Store,
    tags: &[String],
) -> Result<(), Error> {
    let (deck_index, card_id, line) = {
        let item = &session.items[key];
        (item.deck, item.card.id.clone(), item.card.line)
    };
    let Some(path) = decks.get(deck_index).and_then(|d| d.path.as_ref()) else {
        eprintln!("The built-in deck cannot be edited; copy it into ./decks to change it.");
        return Ok(());
    };
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".to_owned());
    let mut parts = editor.split_whitespace();
    let program = parts.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(parts)
        .arg(format!("+{line}"))
        .arg(path)
        .status();
    if let Err(e) = status {
        eprintln!("Could not start the editor {editor:?}: {e}");
        return Ok(());
    }
    let parsed = crate::deck::load(path, crate::deck::Options::default());
    let Some(deck) = parsed.deck else {
        for d in parsed.diagnostics {
            eprintln!("{d}");
        }
        eprintln!("The deck has errors now; the card is kept as it was.");
        return Ok(());
    };
    // Not into a file the check behind the first question found damaged.
    store.checked()?;
    store.sync_deck(&deck)?;
    if let Some(card) = deck.cards.iter().find(|c| c.id == card_id) {
        let same = |i: &&mut StudyItem| i.card.id == card_id && i.deck == deck_index;
        for item in session.items.iter_mut().filter(same) {
            item.card = card.clone();
        }
        session.vocabulary.add_card(card);
    }
    // The card may now be a multiple choice that needs other cards' answers.
    let needs = session
        .items
        .iter()
        .any(|i| crate::session::question::uses_distractors(&i.card, i.side, session.mode));
    if needs && session.distractors.is_empty() {
        session.distractors = study_queue::distractors(decks, tags).unwrap_or_default();
    }
    Ok(())
}

//! Bringing the store's card rows in line with a deck: the library turns the deck's cards
//! into plain rows ([`crate::store::CardRows`]) and the store syncs those.

use super::batch::card_rows;
use crate::deck::Deck;
use crate::store::{Result, Store, SyncReport};

/// Syncing a deck's cards into a store.
pub trait DeckSync {
    /// Brings the store in line with `deck`: records its scheduler, adds its new items, marks
    /// answered items whose text changed, brings back returning orphans and marks items gone
    /// from the file as orphans. One transaction.
    ///
    /// # Errors
    /// SQLite failed; nothing changed.
    fn sync_deck(&mut self, deck: &Deck) -> Result<SyncReport>;

    /// Syncs `deck`, read from a file whose [`file_hash`](super::file_hash) is `file`,
    /// unless the store is already in line with that very content (then `None`: nothing to
    /// do). The result is the same as [`DeckSync::sync_deck`]'s: a sync of the same content
    /// changes nothing.
    ///
    /// # Errors
    /// SQLite failed; nothing changed.
    fn sync_cached(&mut self, deck: &Deck, file: u64) -> Result<Option<SyncReport>>;
}

impl DeckSync for Store {
    fn sync_deck(&mut self, deck: &Deck) -> Result<SyncReport> {
        sync_from(self, deck, None)
    }

    fn sync_cached(&mut self, deck: &Deck, file: u64) -> Result<Option<SyncReport>> {
        if self.is_synced(&deck.id, file)? {
            return Ok(None);
        }
        sync_from(self, deck, Some(file)).map(Some)
    }
}

/// Syncs `deck`, remembering that the rows are in line with the file whose hash is `file`.
fn sync_from(store: &mut Store, deck: &Deck, file: Option<u64>) -> Result<SyncReport> {
    let mut intake = store.sync_rows(&deck.id, deck.scheduler.as_deref(), file)?;
    intake.add(&card_rows(&deck.cards))?;
    intake.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{Options, parse};

    const TEXT: &str = "[deck]\ntitle = \"T\"\nid = \"d\"\n\
        [[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\nreverse = true\n\
        [[card]]\nid = \"c\"\ncloze = \"{{x}} and {{y}}\"\n";

    fn deck() -> Deck {
        parse(TEXT, "d.toml", "d", Options::default()).deck.unwrap()
    }

    #[test]
    fn a_sync_is_skipped_only_while_the_rows_match_the_file() {
        let mut store = Store::open_in_memory().unwrap();
        let deck = deck();
        let report = store.sync_cached(&deck, 42).unwrap().unwrap();
        assert_eq!(report.added, 4);
        assert_eq!(store.sync_cached(&deck, 42).unwrap(), None);
        // Other content of the file: synced again.
        let mut fewer = deck.clone();
        fewer.cards.pop();
        let report = store.sync_cached(&fewer, 43).unwrap().unwrap();
        assert_eq!(report.orphaned, 2);
        assert!(store.sync_cached(&deck, 42).unwrap().is_some());
        // A row created by something else (here an accepted answer of an unknown card).
        store
            .accept_answer("d", "zz", "x", chrono::DateTime::UNIX_EPOCH)
            .unwrap();
        let report = store.sync_cached(&deck, 42).unwrap().unwrap();
        assert_eq!(report.orphaned, 1);
        assert_eq!(store.sync_cached(&deck, 42).unwrap(), None);
        // A plain sync (no file known) forgets the file.
        store.sync_deck(&deck).unwrap();
        assert!(store.sync_cached(&deck, 42).unwrap().is_some());
    }
}

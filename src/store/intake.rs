//! Taking a deck's cards into the store in one transaction, as they come: into the parsed
//! deck cache ([`super::deck_cache`]), into the card rows (the sync of [`super::cards`]), or
//! both at once.
//!
//! The cards may arrive in batches while the rest of the file is still being parsed, so a
//! first launch on a large deck writes on one thread while it reads on another. Nothing is
//! kept until [`Intake::finish`]: an intake dropped before (a parse that found errors, a
//! session that ends) is rolled back whole.

use foldhash::{HashMap, HashSet};

use rusqlite::{Connection, Transaction, params};

use super::card_pack::PackWriter;
use super::cards::{SyncReport, content_hash, deck_key};
use super::deck_cache::FileStamp;
use super::prior_rows::text_changed;
use super::{Result, Store, StoreError, deck_codec};
use crate::deck::{Card, Deck};

/// A deck being taken in; see the module documentation.
pub struct Intake<'s> {
    tx: Transaction<'s>,
    /// The cache entry's key, when the cards go into the cache.
    file: Option<i64>,
    /// The cached cards so far; `None` once they outgrew a pack (the entry is then dropped).
    pack: Option<PackWriter>,
    /// The card rows' side, when the deck is synced.
    sync: Option<RowSync>,
    /// Cards added so far; the next one's position in the file.
    count: usize,
}

/// What an intake wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taken {
    /// The cache entry's key, when the cards went into the cache.
    pub file: Option<i64>,
    /// What the sync did, when the deck was synced.
    pub sync: Option<SyncReport>,
}

/// The state of a sync in progress.
struct RowSync {
    deck_key: i64,
    /// The deck's rows before the sync that no card has claimed yet.
    known: HashMap<String, Known>,
    /// Item ids met so far (a repeated one is taken once).
    seen: HashSet<String>,
    report: SyncReport,
}

/// Card rows a batch of cards adds and changes, written a few dozen per statement.
#[derive(Default)]
struct RowWrites {
    /// New rows: item id, content hash, position.
    inserts: Vec<(String, i64, i64)>,
    /// Changed rows: key, content hash, whether the text changed, position.
    updates: Vec<(i64, i64, bool, i64)>,
}

impl RowWrites {
    fn apply(&self, conn: &Connection, deck_key: i64) -> Result<()> {
        in_groups(
            conn,
            "INSERT INTO card (deck, id, content_hash, present, ord) VALUES ",
            "(?,?,?,1,?)",
            "",
            &self.inserts,
            |stmt, at, (id, hash, ord)| {
                stmt.raw_bind_parameter(at, deck_key)?;
                stmt.raw_bind_parameter(at + 1, id)?;
                stmt.raw_bind_parameter(at + 2, hash)?;
                stmt.raw_bind_parameter(at + 3, ord)
            },
        )?;
        // Updates go one by one: in groups (UPDATE … FROM VALUES) they cost SQLite as much.
        let mut update = conn.prepare_cached(
            "UPDATE card SET content_hash = ?2, present = 1, changed = max(changed, ?3), \
             ord = ?4 WHERE key = ?1",
        )?;
        for (key, hash, changed, ord) in &self.updates {
            update.execute(params![key, hash, changed, ord])?;
        }
        Ok(())
    }
}

/// Rows one statement writes: fewer statements cost SQLite less per row.
const GROUP: usize = 32;

/// Runs `head`, `row` repeated once per item of a group of at most [`GROUP`] `items`
/// (comma-separated), then `tail`; `bind` binds one item's values from parameter `at` on.
fn in_groups<T>(
    conn: &Connection,
    head: &str,
    row: &str,
    tail: &str,
    items: &[T],
    mut bind: impl FnMut(&mut rusqlite::Statement<'_>, usize, &T) -> rusqlite::Result<()>,
) -> Result<()> {
    let width = row.matches('?').count();
    for group in items.chunks(GROUP) {
        let mut sql =
            String::with_capacity(head.len() + tail.len() + group.len() * (row.len() + 1));
        sql.push_str(head);
        for i in 0..group.len() {
            if i > 0 {
                sql.push(',');
            }
            sql.push_str(row);
        }
        sql.push_str(tail);
        let mut stmt = conn.prepare_cached(&sql)?;
        for (i, item) in group.iter().enumerate() {
            bind(&mut stmt, i * width + 1, item)?;
        }
        stmt.raw_execute()?;
    }
    Ok(())
}

/// A stored row of a card before a sync: its key, hash, presence and whether it was answered.
struct Known {
    key: i64,
    hash: Option<i64>,
    present: bool,
    answered: bool,
    /// The position of its card in the deck file as last synced.
    ord: Option<i64>,
}

impl Store {
    /// Starts taking in a deck: choose what its cards go into with [`Intake::cache_as`] and
    /// [`Intake::sync`] before adding any.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn intake(&mut self) -> Result<Intake<'_>> {
        Ok(Intake {
            tx: self.conn.transaction()?,
            file: None,
            pack: Some(PackWriter::default()),
            sync: None,
            count: 0,
        })
    }
}

impl Intake<'_> {
    /// The cards go into the cache as the entry of the file at `path` with this `stamp`,
    /// replacing any earlier entry of that path. `deck`'s own fields are the entry's header.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn cache_as(&mut self, path: &str, stamp: FileStamp, deck: &Deck) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM deck_file WHERE path = ?1")?
            .execute([path])?;
        // The card count is written by `finish`; until then the entry is incomplete.
        self.tx
            .prepare_cached(
                "INSERT INTO deck_file (path, size, mtime, hash, header, cards) \
                 VALUES (?1, ?2, ?3, ?4, ?5, 0)",
            )?
            .execute(params![
                path,
                stamp.size.cast_signed(),
                stamp.mtime_ns,
                stamp.hash.cast_signed(),
                deck_codec::encode_header(deck),
            ])?;
        self.file = Some(self.tx.last_insert_rowid());
        Ok(())
    }

    /// The cards are synced into `deck`'s rows (see [`Store::sync_deck`]), remembering that
    /// the rows are in line with the file whose `file_hash` is `file` (`None`: not known to
    /// come from a file). Records the deck's scheduler.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn sync(&mut self, deck: &Deck, file: Option<u64>) -> Result<()> {
        let deck_key = deck_key(&self.tx, &deck.id)?;
        self.tx.execute(
            "UPDATE deck SET scheduler = ?2, synced_hash = ?3 WHERE key = ?1",
            params![deck_key, deck.scheduler, file.map(u64::cast_signed)],
        )?;
        self.sync = Some(RowSync {
            deck_key,
            known: known_cards(&self.tx, deck_key)?,
            seen: HashSet::default(),
            report: SyncReport::default(),
        });
        Ok(())
    }

    /// Takes in the next cards of the deck, in file order.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn add(&mut self, cards: &[Card]) -> Result<()> {
        self.add_batch(&mut Batch::new(cards))
    }

    /// [`Intake::add`] for cards whose stored forms were made beforehand (on another
    /// thread, say).
    ///
    /// # Errors
    /// SQLite failed.
    pub fn add_batch(&mut self, cards: &mut Batch) -> Result<()> {
        cards.hash()?;
        if self.file.is_some()
            && let Some(pack) = &mut self.pack
            && !(0..cards.len()).all(|i| pack.push(cards.bytes(i)))
        {
            self.pack = None;
        }
        if let Some(sync) = self.sync.as_mut() {
            let mut writes = RowWrites::default();
            for i in 0..cards.len() {
                sync.add(&mut writes, (self.count + i) as i64, cards, i);
            }
            writes.apply(&self.tx, sync.deck_key)?;
        }
        self.count += cards.len();
        Ok(())
    }

    /// Marks the rows no card claimed as orphans, completes the cache entry and commits.
    ///
    /// # Errors
    /// SQLite failed; then nothing was kept.
    pub fn finish(self) -> Result<Taken> {
        let sync = match self.sync {
            Some(sync) => Some(sync.finish(&self.tx)?),
            None => None,
        };
        let mut file = self.file;
        match (file, self.pack) {
            (Some(key), Some(pack)) => {
                self.tx
                    .prepare_cached(
                        "UPDATE deck_file SET cards = ?2, card_pack = ?3 WHERE key = ?1",
                    )?
                    .execute(params![key, self.count as i64, pack.finish()])?;
            }
            (Some(key), None) => {
                // Too large to cache: the file is parsed on every launch.
                self.tx
                    .prepare_cached("DELETE FROM deck_file WHERE key = ?1")?
                    .execute([key])?;
                file = None;
            }
            (None, _) => {}
        }
        self.tx.commit()?;
        Ok(Taken { file, sync })
    }
}

/// Cards in the forms the store keeps of them: content hash, item ids and cached bytes,
/// each kind packed in one buffer. Making them is about a tenth of an intake's work, which a
/// caller may do on its own thread; being a few buffers rather than a few allocations per
/// card, a batch also crosses to another thread cheaply.
#[derive(Debug, Default)]
pub struct Batch {
    hashes: Vec<i64>,
    /// Every card's cached form, one after the other; card `i` ends at `byte_ends[i]`.
    bytes: Vec<u8>,
    byte_ends: Vec<usize>,
    /// Every item id, one after the other; item `j` ends at `id_ends[j]`, and the items of
    /// card `i` end at item `item_ends[i]`.
    ids: String,
    id_ends: Vec<usize>,
    item_ends: Vec<usize>,
}

impl Batch {
    /// The stored forms of `cards`.
    #[must_use]
    pub fn new(cards: &[Card]) -> Self {
        let mut batch = Batch::unhashed(cards);
        batch.hashes = cards
            .iter()
            .map(|c| content_hash(c).cast_signed())
            .collect();
        batch
    }

    /// [`Batch::new`] without the content hashes, a fifth of the work: whoever takes the
    /// batch in makes them from the cached forms first ([`Batch::hash`]).
    #[must_use]
    pub fn unhashed(cards: &[Card]) -> Self {
        let mut batch = Batch {
            byte_ends: Vec::with_capacity(cards.len()),
            item_ends: Vec::with_capacity(cards.len()),
            ..Batch::default()
        };
        for card in cards {
            deck_codec::encode_card_into(card, &mut batch.bytes);
            batch.byte_ends.push(batch.bytes.len());
            for item in crate::deck::card_items(card) {
                item.push_id(&mut batch.ids);
                batch.id_ends.push(batch.ids.len());
            }
            batch.item_ends.push(batch.id_ends.len());
        }
        batch
    }

    /// Makes the content hashes of a batch made [`Batch::unhashed`], from the cards read
    /// back from their cached forms (which hold all a card's content).
    ///
    /// # Errors
    /// A cached form does not read back (never, for a batch made here).
    pub fn hash(&mut self) -> Result<()> {
        if self.hashes.len() == self.byte_ends.len() {
            return Ok(());
        }
        self.hashes = (0..self.byte_ends.len())
            .map(|i| {
                deck_codec::decode_card(self.bytes(i))
                    .map(|card| content_hash(&card).cast_signed())
                    .ok_or_else(|| {
                        StoreError::BadData("a card of a batch does not read back".into())
                    })
            })
            .collect::<Result<_>>()?;
        Ok(())
    }

    /// How many cards it holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.byte_ends.len()
    }

    /// True when it holds no card.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.byte_ends.is_empty()
    }

    fn bytes(&self, i: usize) -> &[u8] {
        let start = if i == 0 { 0 } else { self.byte_ends[i - 1] };
        &self.bytes[start..self.byte_ends[i]]
    }

    /// The item ids of every card, in order.
    pub fn item_ids(&self) -> impl Iterator<Item = &str> {
        (0..self.id_ends.len()).map(|j| {
            let start = if j == 0 { 0 } else { self.id_ends[j - 1] };
            &self.ids[start..self.id_ends[j]]
        })
    }

    fn items(&self, i: usize) -> impl Iterator<Item = &str> {
        let first = if i == 0 { 0 } else { self.item_ends[i - 1] };
        (first..self.item_ends[i]).map(|j| {
            let start = if j == 0 { 0 } else { self.id_ends[j - 1] };
            &self.ids[start..self.id_ends[j]]
        })
    }
}

impl RowSync {
    /// Notes the rows to add for the items of the card at position `ord` that are new, and
    /// the rows to update for the others.
    fn add(&mut self, writes: &mut RowWrites, ord: i64, batch: &Batch, i: usize) {
        let hash = batch.hashes[i];
        for id in batch.items(i) {
            if !self.seen.insert(id.to_owned()) {
                continue;
            }
            let Some(row) = self.known.remove(id) else {
                writes.inserts.push((id.to_owned(), hash, ord));
                self.report.added += 1;
                continue;
            };
            let changed = text_changed(row.answered, row.hash, || hash);
            self.report.changed += usize::from(changed);
            self.report.returned += usize::from(!row.present);
            if changed || !row.present || row.hash != Some(hash) || row.ord != Some(ord) {
                writes.updates.push((row.key, hash, changed, ord));
            }
        }
    }

    /// Marks every row no card claimed as an orphan.
    fn finish(mut self, conn: &Connection) -> Result<SyncReport> {
        let mut orphan =
            conn.prepare_cached("UPDATE card SET present = 0, ord = NULL WHERE key = ?1")?;
        for row in self
            .known
            .values()
            .filter(|row| row.present || row.ord.is_some())
        {
            orphan.execute([row.key])?;
            self.report.orphaned += usize::from(row.present);
        }
        Ok(self.report)
    }
}

fn known_cards(conn: &Connection, deck_key: i64) -> Result<HashMap<String, Known>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, key, content_hash, present, state IS NOT NULL, ord FROM card WHERE deck = ?1",
    )?;
    let rows = stmt.query_map([deck_key], |r| {
        Ok((
            r.get::<_, String>(0)?,
            Known {
                key: r.get(1)?,
                hash: r.get(2)?,
                present: r.get(3)?,
                answered: r.get(4)?,
                ord: r.get(5)?,
            },
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_made_from_the_cached_forms_are_the_cards_own() {
        // The bundled deck has every kind of card: basic, reversed, choices, cloze, order.
        let deck = crate::deck::bundled().deck.unwrap();
        let hashed = Batch::new(&deck.cards);
        let mut later = Batch::unhashed(&deck.cards);
        assert!(later.hashes.is_empty());
        later.hash().unwrap();
        assert_eq!(later.hashes, hashed.hashes);
        assert_eq!(later.len(), deck.cards.len());
        let own: Vec<i64> = deck
            .cards
            .iter()
            .map(|c| content_hash(c).cast_signed())
            .collect();
        assert_eq!(later.hashes, own);
    }

    #[test]
    fn a_deck_too_large_to_cache_is_synced_but_not_cached() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_path(&dir.path().join("p.sqlite3")).unwrap();
        let deck = crate::deck::bundled().deck.unwrap();
        let stamp = FileStamp {
            size: 10,
            mtime_ns: 1,
            hash: 7,
        };
        let count = |store: &Store, sql: &str| -> i64 {
            store.conn.query_row(sql, [], |r| r.get(0)).unwrap()
        };
        let items = deck
            .cards
            .iter()
            .map(|c| crate::deck::card_items(c).len())
            .sum::<usize>();

        // A pack limit the cards soon outgrow, as a file of more than 512 MiB would.
        let mut intake = store.intake().unwrap();
        intake.pack = Some(PackWriter::with_limit(4096));
        intake.cache_as("/big.toml", stamp, &deck).unwrap();
        intake.sync(&deck, Some(stamp.hash)).unwrap();
        intake.add(&deck.cards).unwrap();
        let taken = intake.finish().unwrap();
        assert_eq!(taken.file, None);
        assert!(store.cached_deck("/big.toml", stamp).unwrap().is_none());
        assert_eq!(count(&store, "SELECT count(*) FROM deck_file"), 0);
        // The card rows are all there: the deck is studied, parsed on every launch.
        let rows = count(&store, "SELECT count(*) FROM card WHERE present");
        assert_eq!(usize::try_from(rows).unwrap(), items);

        // Under the usual limit the same intake caches it.
        let mut intake = store.intake().unwrap();
        intake.cache_as("/big.toml", stamp, &deck).unwrap();
        intake.sync(&deck, Some(stamp.hash)).unwrap();
        intake.add(&deck.cards).unwrap();
        assert!(intake.finish().unwrap().file.is_some());
        let cached = store.cached_deck("/big.toml", stamp).unwrap().unwrap();
        assert_eq!(cached.cards, deck.cards.len());
    }
}

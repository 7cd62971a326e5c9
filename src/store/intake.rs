//! Bringing a deck's card rows in line with its deck file, in one transaction, as the rows
//! come: new items get a row, answered items whose content changed are marked, orphans
//! return, and rows no item claims become orphans.
//!
//! The store never sees a card: the deck library turns cards into [`CardRows`] (each card's
//! content hash, position and item ids). The rows may arrive in runs while the rest of the
//! file is still being parsed, so a first launch on a large deck writes on one thread while
//! it reads on another. Nothing is kept until [`RowIntake::finish`]: an intake dropped before
//! (a parse that found errors, a session that ends) is rolled back whole.

use foldhash::{HashMap, HashSet};

use rusqlite::{Connection, Transaction, params};

use super::cards::{SyncReport, deck_key};
use super::prior_rows::text_changed;
use super::{Result, Store};

/// The rows of a deck's syncing; see the module documentation.
pub struct RowIntake<'s> {
    tx: Transaction<'s>,
    sync: RowSync,
    /// Cards added so far; the next one's position in the file.
    count: usize,
}

/// The rows of a run of cards, in file order: per card its content hash and the ids of its
/// items. Packed in a few buffers rather than a few allocations per card, so that making
/// them is cheap and they cross to another thread cheaply.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CardRows {
    hashes: Vec<i64>,
    /// Every item id, one after the other; item `j` ends at `id_ends[j]`, and the items of
    /// card `i` end at item `item_ends[i]`.
    ids: String,
    id_ends: Vec<usize>,
    item_ends: Vec<usize>,
}

impl CardRows {
    /// Empty rows with room for `cards` cards.
    #[must_use]
    pub fn with_capacity(cards: usize) -> Self {
        CardRows {
            hashes: Vec::with_capacity(cards),
            item_ends: Vec::with_capacity(cards),
            ..CardRows::default()
        }
    }

    /// Adds one item id of the card being added, written by `write` at the end of a
    /// buffer; [`CardRows::end_card`] closes the card.
    pub fn push_item(&mut self, write: impl FnOnce(&mut String)) {
        write(&mut self.ids);
        self.id_ends.push(self.ids.len());
    }

    /// Closes the card whose items were pushed since the last one.
    pub fn end_card(&mut self) {
        self.item_ends.push(self.id_ends.len());
    }

    /// Sets every card's content hash, in order (one per card closed).
    pub fn set_hashes(&mut self, hashes: Vec<u64>) {
        self.hashes = hashes.into_iter().map(u64::cast_signed).collect();
    }

    /// True when every card has its content hash.
    #[must_use]
    pub fn hashed(&self) -> bool {
        self.hashes.len() == self.item_ends.len()
    }

    /// How many cards it holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.item_ends.len()
    }

    /// True when it holds no card.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.item_ends.is_empty()
    }

    /// The item ids of every card, in order.
    pub fn item_ids(&self) -> impl Iterator<Item = &str> {
        (0..self.id_ends.len()).map(|j| self.id(j))
    }

    fn id(&self, j: usize) -> &str {
        let start = if j == 0 { 0 } else { self.id_ends[j - 1] };
        &self.ids[start..self.id_ends[j]]
    }

    fn items(&self, i: usize) -> impl Iterator<Item = &str> {
        let first = if i == 0 { 0 } else { self.item_ends[i - 1] };
        (first..self.item_ends[i]).map(|j| self.id(j))
    }
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
    /// Starts syncing the rows of the deck `deck` (its scheduler named `scheduler`) with
    /// the cards added next, remembering that the rows are in line with the file whose hash
    /// is `file` (`None`: not known to come from a file).
    ///
    /// # Errors
    /// SQLite failed.
    pub fn sync_rows(
        &mut self,
        deck: &str,
        scheduler: Option<&str>,
        file: Option<u64>,
    ) -> Result<RowIntake<'_>> {
        let tx = self.conn.transaction()?;
        let deck_key = deck_key(&tx, deck)?;
        tx.execute(
            "UPDATE deck SET scheduler = ?2, synced_hash = ?3 WHERE key = ?1",
            params![deck_key, scheduler, file.map(u64::cast_signed)],
        )?;
        let known = known_cards(&tx, deck_key)?;
        Ok(RowIntake {
            tx,
            sync: RowSync {
                deck_key,
                known,
                seen: HashSet::default(),
                report: SyncReport::default(),
            },
            count: 0,
        })
    }
}

impl RowIntake<'_> {
    /// Takes in the rows of the next cards of the deck, in file order.
    ///
    /// # Errors
    /// SQLite failed, or the rows have no content hashes ([`CardRows::set_hashes`]).
    pub fn add(&mut self, rows: &CardRows) -> Result<()> {
        if !rows.hashed() {
            return Err(super::StoreError::BadData(
                "card rows without their content hashes".into(),
            ));
        }
        let mut writes = RowWrites::default();
        for i in 0..rows.len() {
            self.sync.add(&mut writes, (self.count + i) as i64, rows, i);
        }
        writes.apply(&self.tx, self.sync.deck_key)?;
        self.count += rows.len();
        Ok(())
    }

    /// Marks the rows no card claimed as orphans and commits.
    ///
    /// # Errors
    /// SQLite failed; then nothing was kept.
    pub fn finish(self) -> Result<SyncReport> {
        let report = self.sync.finish(&self.tx)?;
        self.tx.commit()?;
        Ok(report)
    }
}

impl RowSync {
    /// Notes the rows to add for the items of the card at position `ord` that are new, and
    /// the rows to update for the others.
    fn add(&mut self, writes: &mut RowWrites, ord: i64, rows: &CardRows, i: usize) {
        let hash = rows.hashes[i];
        for id in rows.items(i) {
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

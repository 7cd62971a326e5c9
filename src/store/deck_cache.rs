//! Parsed deck files kept in the store, so that a session on a file that has not changed
//! since the last one neither parses nor syncs it again.
//!
//! An entry is keyed by the file's path; it holds the deck's own fields and every card in one
//! value (a [`CardPack`]), of which a session decodes only the cards it asks. It is used only
//! while the file's size, modification
//! time and [`file_hash`] of its bytes all match: the caller reads the file and hashes it on
//! every launch (a few milliseconds for a 10 MB deck), so an edit is caught even when it
//! keeps the size and the modification time. An entry that cannot be read back (damaged, or
//! written by a build with another deck form) counts as a miss and is replaced; it is
//! never an error.
//!
//! The deck row's `synced_hash` says which file content the card rows were last synced
//! from; [`Store::sync_cached`] skips the sync while it matches. Anything else that creates
//! card rows (an import, an answer to an unknown card) or a plain [`Store::sync_deck`]
//! clears it, so the next session syncs again.

use rusqlite::blob::Blob;
use rusqlite::{MAIN_DB, OptionalExtension, params};

use super::{CardPack, Result, Store};
use crate::deck::{Card, Deck};

/// A value of the wrong type in a cache row: a damaged entry, read as a miss.
fn damaged<T>(e: rusqlite::Error) -> rusqlite::Result<Option<T>> {
    match e {
        rusqlite::Error::InvalidColumnType(..) | rusqlite::Error::FromSqlConversionFailure(..) => {
            Ok(None)
        }
        e => Err(e),
    }
}

/// What identifies one version of a deck file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    /// Its length in bytes.
    pub size: u64,
    /// Its modification time, nanoseconds since the Unix epoch (0 when unknown).
    pub mtime_ns: i64,
    /// [`file_hash`] of its bytes.
    pub hash: u64,
}

/// A fast 64-bit hash of a file's bytes, eight bytes at a time, for change detection (not
/// against an adversary): about 2 ms for 10 MB. Stable across builds and platforms.
#[must_use]
pub fn file_hash(bytes: &[u8]) -> u64 {
    let mut hasher = FileHasher::new(bytes.len() as u64);
    hasher.update(bytes);
    hasher.finish().unwrap_or_default()
}

/// [`file_hash`] of a file read in pieces of any sizes, so it need not be held whole.
#[derive(Debug, Clone)]
pub struct FileHasher {
    h: u64,
    /// Bytes of a word begun at the end of the last piece.
    carry: [u8; 8],
    carried: usize,
    /// The length announced, and the bytes seen so far.
    len: u64,
    seen: u64,
}

const K: u64 = 0x9E37_79B9_7F4A_7C15;

fn mix(h: u64, word: [u8; 8]) -> u64 {
    (h.rotate_left(23) ^ u64::from_le_bytes(word)).wrapping_mul(K)
}

impl FileHasher {
    /// A hash of `len` bytes to come.
    #[must_use]
    pub fn new(len: u64) -> Self {
        FileHasher {
            h: len.wrapping_mul(K),
            carry: [0; 8],
            carried: 0,
            len,
            seen: 0,
        }
    }

    /// Takes in the next bytes.
    pub fn update(&mut self, mut bytes: &[u8]) {
        self.seen += bytes.len() as u64;
        if self.carried > 0 {
            let take = (8 - self.carried).min(bytes.len());
            self.carry[self.carried..self.carried + take].copy_from_slice(&bytes[..take]);
            self.carried += take;
            bytes = &bytes[take..];
            if self.carried < 8 {
                return;
            }
            self.h = mix(self.h, self.carry);
            self.carried = 0;
        }
        let mut words = bytes.chunks_exact(8);
        for word in &mut words {
            let mut w = [0u8; 8];
            w.copy_from_slice(word);
            self.h = mix(self.h, w);
        }
        let rest = words.remainder();
        self.carry[..rest.len()].copy_from_slice(rest);
        self.carried = rest.len();
    }

    /// The hash; `None` when the bytes taken in were not as many as announced.
    #[must_use]
    pub fn finish(self) -> Option<u64> {
        if self.seen != self.len {
            return None;
        }
        let mut tail = [0u8; 8];
        tail[..self.carried].copy_from_slice(&self.carry[..self.carried]);
        let mut h = mix(self.h, tail);
        // Final avalanche (splitmix64's), so that nearby inputs give unrelated hashes.
        h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Some(h ^ (h >> 31))
    }
}

/// A deck file's entry in the cache: the deck's own fields, and where its cards are.
#[derive(Debug, Clone, PartialEq)]
pub struct CachedDeck {
    /// The entry's key, for [`Store::cached_pack`] and [`Store::cached_cards`].
    pub file: i64,
    /// The deck without its cards (`cards` is empty).
    pub deck: Deck,
    /// How many cards the file has.
    pub cards: usize,
}

impl Store {
    /// Whether the cache has an entry for the file at `path` with this size and
    /// modification time: when it has none, [`Store::cached_deck`] finds none whatever the
    /// file's hash, which need not be made.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn may_have_cached(&self, path: &str, size: u64, mtime_ns: i64) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT 1 FROM deck_file WHERE path = ?1 AND size = ?2 AND mtime = ?3 LIMIT 1",
        )?;
        Ok(stmt.exists(params![path, size.cast_signed(), mtime_ns])?)
    }

    /// The entry of the file at `path` when it had exactly this `stamp`; `None` when there is
    /// no such entry or it cannot be read back. Its cards are read later, with
    /// [`Store::cached_pack`].
    ///
    /// # Errors
    /// SQLite failed.
    pub fn cached_deck(&self, path: &str, stamp: FileStamp) -> Result<Option<CachedDeck>> {
        // `length` of a value reads its size, not its bytes.
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, header, cards, length(card_pack) \
             FROM deck_file WHERE path = ?1 AND size = ?2 AND mtime = ?3 AND hash = ?4",
        )?;
        let row = stmt
            .query_row(
                params![
                    path,
                    stamp.size.cast_signed(),
                    stamp.mtime_ns,
                    stamp.hash.cast_signed()
                ],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, Vec<u8>>(1)?,
                        r.get::<_, i64>(2)?,
                        r.get::<_, Option<i64>>(3)?,
                    ))
                },
            )
            .optional()
            .or_else(damaged)?;
        let Some((file, header, cards, pack_len)) = row else {
            return Ok(None);
        };
        // A pack holds its count and one end per card: one too short for that is a miss.
        let complete = usize::try_from(cards).is_ok_and(|n| n > 0)
            && pack_len.is_some_and(|len| len >= 4 * (cards + 1));
        let deck = super::deck_codec::decode_header(&header).filter(|_| complete);
        Ok(deck.map(|deck| CachedDeck {
            file,
            deck,
            cards: usize::try_from(cards).unwrap_or(0),
        }))
    }

    /// The cards of the cached file `file`, to decode as needed; `None` when the entry is
    /// gone or its pack cannot be read (the entry is then damaged:
    /// [`Store::forget_deck_file`] it).
    ///
    /// # Errors
    /// SQLite failed.
    pub fn cached_pack(&self, file: i64) -> Result<Option<CardPack>> {
        let Some(blob) = self.pack_blob(file)? else {
            return Ok(None);
        };
        // Copied once, straight from the stored pages.
        let mut bytes = vec![0u8; blob.len()];
        if blob.read_at_exact(&mut bytes, 0).is_err() {
            return Ok(None);
        }
        Ok(CardPack::new(bytes))
    }

    /// The cards of the cached file `file`, read from the stored value piece by piece as they
    /// are asked (only their bytes are copied), for as long as the store is not written;
    /// `None` when the entry is gone or holds no pack.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn open_pack(&self, file: i64) -> Result<Option<CardPack<Blob<'_>>>> {
        Ok(self.pack_blob(file)?.and_then(CardPack::new))
    }

    /// The pack of the cached file `file` as a stored value to read from.
    fn pack_blob(&self, file: i64) -> Result<Option<Blob<'_>>> {
        match self
            .conn
            .blob_open(MAIN_DB, c"deck_file", c"card_pack", file, true)
        {
            Ok(blob) => Ok(Some(blob)),
            // No such row, or a NULL or text value where the pack should be.
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::Unknown) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Every card of a cached file, in order; `None` when the entry does not hold exactly
    /// `count` readable cards.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn cached_cards(&self, file: i64, count: usize) -> Result<Option<Vec<Card>>> {
        let pack = self.cached_pack(file)?;
        Ok(pack
            .filter(|p| p.len() == count)
            .and_then(|mut p| p.cards()))
    }

    /// Keeps `deck`, parsed from the file at `path` with this `stamp`, replacing any earlier
    /// entry of that path; returns the entry's key. One transaction.
    ///
    /// # Errors
    /// SQLite failed; the cache is as it was.
    pub fn cache_deck(&mut self, path: &str, stamp: FileStamp, deck: &Deck) -> Result<i64> {
        let mut intake = self.intake()?;
        intake.cache_as(path, stamp, deck)?;
        intake.add(&deck.cards)?;
        let taken = intake.finish()?;
        Ok(taken.file.unwrap_or_default())
    }

    /// Drops the entry of the file at `path` (a damaged one), so the file is parsed again.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn forget_deck_file(&mut self, path: &str) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM deck_file WHERE path = ?1")?
            .execute([path])?;
        Ok(())
    }

    /// True when the deck's rows are in line with the file whose [`file_hash`] is `file`.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn is_synced(&self, deck: &str, file: u64) -> Result<bool> {
        let synced: Option<Option<i64>> = self
            .conn
            .prepare_cached("SELECT synced_hash FROM deck WHERE id = ?1")?
            .query_row([deck], |r| r.get(0))
            .optional()?;
        Ok(synced.flatten() == Some(file.cast_signed()))
    }

    /// Forgets which file the deck's rows were last synced from, so the next
    /// [`Store::sync_cached`] syncs it again.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn unsync_deck(&mut self, deck: &str) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE deck SET synced_hash = NULL WHERE id = ?1")?
            .execute([deck])?;
        Ok(())
    }

    /// Syncs `deck`, read from a file whose [`file_hash`] is `file`, unless the store is
    /// already in line with that very content (then `None`: nothing to do). The result is
    /// the same as [`Store::sync_deck`]'s: a sync of the same content changes nothing.
    ///
    /// # Errors
    /// SQLite failed; nothing changed.
    pub fn sync_cached(&mut self, deck: &Deck, file: u64) -> Result<Option<super::SyncReport>> {
        let synced: Option<Option<i64>> = self
            .conn
            .prepare_cached("SELECT synced_hash FROM deck WHERE id = ?1")?
            .query_row([&deck.id], |r| r.get(0))
            .optional()?;
        if synced.flatten() == Some(file.cast_signed()) {
            return Ok(None);
        }
        self.sync_deck_from(deck, Some(file)).map(Some)
    }
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

    fn stamp() -> FileStamp {
        FileStamp {
            size: TEXT.len() as u64,
            mtime_ns: 1_700_000_000_000_000_000,
            hash: file_hash(TEXT.as_bytes()),
        }
    }

    /// The cached deck read back whole: its fields and every card.
    fn read_back(store: &Store, path: &str, stamp: FileStamp) -> Option<Deck> {
        let entry = store.cached_deck(path, stamp).unwrap()?;
        let mut deck = entry.deck;
        deck.cards = store.cached_cards(entry.file, entry.cards).unwrap()?;
        Some(deck)
    }

    #[test]
    fn a_cached_deck_comes_back_only_with_the_same_stamp() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.cached_deck("/d.toml", stamp()).unwrap(), None);
        let file = store.cache_deck("/d.toml", stamp(), &deck()).unwrap();
        assert_eq!(read_back(&store, "/d.toml", stamp()), Some(deck()));
        let entry = store.cached_deck("/d.toml", stamp()).unwrap().unwrap();
        assert_eq!((entry.file, entry.cards), (file, 2));
        assert!(entry.deck.cards.is_empty());
        // One card at a time, by position in the file.
        let mut pack = store.cached_pack(file).unwrap().unwrap();
        assert_eq!(pack.len(), 2);
        for (ord, card) in deck().cards.iter().enumerate() {
            assert_eq!(pack.card(ord).as_ref(), Some(card));
        }
        assert_eq!(pack.card(2), None);
        // The same read from the stored value piece by piece, in any order.
        let mut stored = store.open_pack(file).unwrap().unwrap();
        assert_eq!(stored.len(), 2);
        for ord in [1, 0, 1] {
            assert_eq!(stored.card(ord).as_ref(), Some(&deck().cards[ord]));
        }
        assert_eq!(stored.card(2), None);
        drop(stored);
        assert_eq!(store.cached_cards(file, 3).unwrap(), None);
        let other = [
            FileStamp { size: 1, ..stamp() },
            FileStamp {
                mtime_ns: 5,
                ..stamp()
            },
            FileStamp { hash: 7, ..stamp() },
        ];
        for s in other {
            assert_eq!(store.cached_deck("/d.toml", s).unwrap(), None, "{s:?}");
            // Without the hash, only size and time tell an entry may be there.
            let may = store
                .may_have_cached("/d.toml", s.size, s.mtime_ns)
                .unwrap();
            assert_eq!(may, s.hash == 7, "{s:?}");
        }
        assert_eq!(store.cached_deck("/e.toml", stamp()).unwrap(), None);
        assert!(
            !store
                .may_have_cached("/e.toml", stamp().size, stamp().mtime_ns)
                .unwrap()
        );
    }

    #[test]
    fn an_edited_file_replaces_its_entry() {
        let mut store = Store::open_in_memory().unwrap();
        store.cache_deck("/d.toml", stamp(), &deck()).unwrap();
        let mut fewer = deck();
        fewer.cards.remove(0);
        let edited = FileStamp { hash: 9, ..stamp() };
        let file = store.cache_deck("/d.toml", edited, &fewer).unwrap();
        assert_eq!(store.cached_deck("/d.toml", stamp()).unwrap(), None);
        assert_eq!(read_back(&store, "/d.toml", edited), Some(fewer));
        let entries: i64 = store
            .sqlite()
            .query_row("SELECT count(*) FROM deck_file", [], |r| r.get(0))
            .unwrap();
        assert_eq!(entries, 1, "the old entry is gone");
        store.forget_deck_file("/d.toml").unwrap();
        assert_eq!(store.cached_deck("/d.toml", edited).unwrap(), None);
        assert!(store.cached_pack(file).unwrap().is_none());
    }

    #[test]
    fn a_damaged_entry_is_a_miss_and_is_replaced() {
        let mut store = Store::open_in_memory().unwrap();
        for bad in [
            "UPDATE deck_file SET header = X'00'",
            "UPDATE deck_file SET header = substr(header, 1, 7)",
            "UPDATE deck_file SET cards = 3",
            "UPDATE deck_file SET card_pack = NULL",
            "UPDATE deck_file SET card_pack = X'0100000000'",
        ] {
            store.cache_deck("/d.toml", stamp(), &deck()).unwrap();
            store.sqlite().execute_batch(bad).unwrap();
            assert_eq!(read_back(&store, "/d.toml", stamp()), None, "{bad}");
        }
        // A damaged pack: the entry reads, its cards do not, or only those undamaged do.
        let set_pack = |store: &Store, change: &dyn Fn(&mut Vec<u8>)| {
            let mut pack: Vec<u8> = store
                .sqlite()
                .query_row("SELECT card_pack FROM deck_file", [], |r| r.get(0))
                .unwrap();
            change(&mut pack);
            store
                .sqlite()
                .execute("UPDATE deck_file SET card_pack = ?1", [pack])
                .unwrap();
        };
        let cut_front = |p: &mut Vec<u8>| {
            p.remove(0);
        };
        let zeros = |p: &mut Vec<u8>| p.iter_mut().for_each(|b| *b = 0);
        let first_card = |p: &mut Vec<u8>| p[0] ^= 0xff;
        for (what, change) in [
            ("cut", &cut_front as &dyn Fn(&mut Vec<u8>)),
            ("zeros", &zeros),
            ("first card", &first_card),
        ] {
            let file = store.cache_deck("/d.toml", stamp(), &deck()).unwrap();
            set_pack(&store, change);
            assert_eq!(store.cached_cards(file, 2).unwrap(), None, "{what}");
            let mut pack = store.cached_pack(file).unwrap();
            assert!(pack.as_mut().is_none_or(|p| p.card(0).is_none()), "{what}");
            let mut stored = store.open_pack(file).unwrap();
            assert!(
                stored.as_mut().is_none_or(|p| p.card(0).is_none()),
                "{what}"
            );
            if what == "first card" {
                assert_eq!(pack.unwrap().card(1).as_ref(), Some(&deck().cards[1]));
                assert_eq!(stored.unwrap().card(1).as_ref(), Some(&deck().cards[1]));
            }
        }
        store.cache_deck("/d.toml", stamp(), &deck()).unwrap();
        assert_eq!(read_back(&store, "/d.toml", stamp()), Some(deck()));
    }

    #[test]
    fn the_hash_is_the_same_in_any_pieces() {
        let text = TEXT.as_bytes();
        // Fixed forever: another value would make every cached deck parse again once.
        assert_eq!(file_hash(b"recall"), 0x4a88_857f_7fc7_a32e);
        assert_eq!(file_hash(b"12345678"), 0x041c_5caf_9316_00e8);
        for sizes in [[1, 2, 3], [7, 8, 9], [8, 16, 5], [3, 0, 64]] {
            let mut hasher = FileHasher::new(text.len() as u64);
            let mut rest = text;
            for &size in sizes.iter().cycle() {
                if rest.is_empty() {
                    break;
                }
                let (piece, after) = rest.split_at(size.min(rest.len()));
                hasher.update(piece);
                rest = after;
                if size == 0 {
                    hasher.update(&[]);
                }
            }
            assert_eq!(hasher.finish(), Some(file_hash(text)), "{sizes:?}");
        }
        let mut short = FileHasher::new(text.len() as u64);
        short.update(&text[1..]);
        assert_eq!(short.finish(), None);
    }

    #[test]
    fn the_hash_sees_every_byte() {
        let base = file_hash(TEXT.as_bytes());
        let mut bytes = TEXT.as_bytes().to_vec();
        for i in 0..bytes.len() {
            bytes[i] ^= 1;
            assert_ne!(file_hash(&bytes), base, "byte {i}");
            bytes[i] ^= 1;
        }
        assert_ne!(file_hash(b"ab"), file_hash(b"ab\0"));
        assert_eq!(file_hash(TEXT.as_bytes()), base);
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
        store.accept_answer("d", "zz", "x").unwrap();
        let report = store.sync_cached(&deck, 42).unwrap().unwrap();
        assert_eq!(report.orphaned, 1);
        assert_eq!(store.sync_cached(&deck, 42).unwrap(), None);
        // A plain sync (no file known) forgets the file.
        store.sync_deck(&deck).unwrap();
        assert!(store.sync_cached(&deck, 42).unwrap().is_some());
    }
}

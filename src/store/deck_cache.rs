//! Parsed deck files kept in the store, so that a session on a file that has not changed
//! since the last one neither parses nor syncs it again.
//!
//! An entry is keyed by the file's path and used only while the file's size, modification
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

use rusqlite::{OptionalExtension, params};

use super::{Result, Store};
use crate::deck::Deck;

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
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mix = |h: u64, w: u64| (h.rotate_left(23) ^ w).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = mix(h, u64::from_le_bytes(word));
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = mix(h, u64::from_le_bytes(tail));
    // Final avalanche (splitmix64's), so that nearby inputs give unrelated hashes.
    h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

impl Store {
    /// The deck parsed from the file at `path` when it had exactly this `stamp`; `None` when
    /// there is no such entry or it cannot be read back.
    ///
    /// # Errors
    /// SQLite failed.
    pub fn cached_deck(&self, path: &str, stamp: FileStamp) -> Result<Option<Deck>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT deck FROM deck_cache WHERE path = ?1 AND size = ?2 AND mtime = ?3 \
             AND hash = ?4",
        )?;
        let bytes: Option<Vec<u8>> = stmt
            .query_row(
                params![
                    path,
                    stamp.size.cast_signed(),
                    stamp.mtime_ns,
                    stamp.hash.cast_signed()
                ],
                |r| r.get(0),
            )
            .optional()
            .or_else(|e| match e {
                // A value of the wrong type: a damaged entry, treated as missing.
                rusqlite::Error::InvalidColumnType(..)
                | rusqlite::Error::FromSqlConversionFailure(..) => Ok(None),
                e => Err(e),
            })?;
        Ok(bytes.and_then(|b| super::deck_codec::decode(&b)))
    }

    /// Keeps `deck`, parsed from the file at `path` with this `stamp`, replacing any earlier
    /// entry of that path.
    ///
    /// # Errors
    /// SQLite failed; the cache is as it was.
    pub fn cache_deck(&mut self, path: &str, stamp: FileStamp, deck: &Deck) -> Result<()> {
        let bytes = super::deck_codec::encode(deck);
        self.conn
            .prepare_cached(
                "INSERT OR REPLACE INTO deck_cache (path, size, mtime, hash, deck) \
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                path,
                stamp.size.cast_signed(),
                stamp.mtime_ns,
                stamp.hash.cast_signed(),
                bytes
            ])?;
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

    #[test]
    fn a_cached_deck_comes_back_only_with_the_same_stamp() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.cached_deck("/d.toml", stamp()).unwrap(), None);
        store.cache_deck("/d.toml", stamp(), &deck()).unwrap();
        assert_eq!(store.cached_deck("/d.toml", stamp()).unwrap(), Some(deck()));
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
        }
        assert_eq!(store.cached_deck("/e.toml", stamp()).unwrap(), None);
    }

    #[test]
    fn a_damaged_entry_is_a_miss_and_is_replaced() {
        let mut store = Store::open_in_memory().unwrap();
        store.cache_deck("/d.toml", stamp(), &deck()).unwrap();
        for bad in [
            "UPDATE deck_cache SET deck = X'00'",
            "UPDATE deck_cache SET deck = substr(deck, 1, 30)",
            "DROP TABLE deck_cache; CREATE TABLE deck_cache (path TEXT, size INTEGER, \
             mtime INTEGER, hash INTEGER, deck)",
        ] {
            store.sqlite().execute_batch(bad).unwrap();
            assert_eq!(store.cached_deck("/d.toml", stamp()).unwrap(), None);
        }
        // A value of the wrong type.
        let s = stamp();
        store
            .sqlite()
            .execute(
                "INSERT INTO deck_cache VALUES ('/d.toml', ?1, ?2, ?3, 'text')",
                params![s.size.cast_signed(), s.mtime_ns, s.hash.cast_signed()],
            )
            .unwrap();
        assert_eq!(store.cached_deck("/d.toml", stamp()).unwrap(), None);
        store
            .sqlite()
            .execute_batch("DELETE FROM deck_cache")
            .unwrap();
        store.cache_deck("/d.toml", stamp(), &deck()).unwrap();
        assert_eq!(store.cached_deck("/d.toml", stamp()).unwrap(), Some(deck()));
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

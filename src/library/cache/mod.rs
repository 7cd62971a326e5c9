//! Parsed deck files kept in the cache folder, so that a launch on a file that has not
//! changed since the last one neither parses nor syncs it again.
//!
//! One file per deck file (an entry), named after a hash of the deck file's canonical path,
//! in a folder the command layer chooses: the platform's cache folder, or `cache/` beside
//! the data of `--data-dir`. An entry holds the deck file's size, modification time and
//! [`file_hash`](super::file_hash), the deck's own fields and every card in one pack
//! ([`super::pack`]), of which a session reads and decodes only the cards it asks.
//!
//! The cache is disposable: nothing in it is progress. A folder that is missing or cannot be
//! written, an entry that is gone, damaged, cut short, or written by a build with another
//! [`FORMAT`], is a miss (the deck file is parsed, and the entry written anew when it can
//! be); it is never an error. An entry is replaced whole (written beside and renamed over),
//! so a reader sees the old entry or the new one; one already open keeps reading the version
//! it opened. No lock is taken. An entry is not synced to the disk (a first launch does not
//! wait for it): one a power cut left empty or cut short is a miss like any damaged one.
//!
//! Layout of an entry: [`MAGIC`], the [`FORMAT`] as a little-endian `u32`, the deck file's
//! size (`u64`), modification time (`i64`, nanoseconds since the Unix epoch) and hash
//! (`u64`), the lengths (`u32`) of the key and of the deck's header, the key (the canonical
//! path, UTF-8), the header (`super::codec`), then the pack to the end of the file.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::codec;
use super::pack::{CardPack, PackBytes, PackWriter};
use crate::deck::{Card, Deck};

/// The first bytes of an entry.
pub const MAGIC: &[u8; 8] = b"RCLLDECK";

/// The version of the entries' layout and of the cards' compact form: a build that changes
/// either changes it, and entries of other versions are misses (then replaced).
pub const FORMAT: u32 = 2;

/// The bytes before an entry's key: magic, format, size, time, hash and two lengths.
const PREFIX: usize = 8 + 4 + 8 + 8 + 8 + 4 + 4;

/// What identifies one version of a deck file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    /// Its length in bytes.
    pub size: u64,
    /// Its modification time, nanoseconds since the Unix epoch (0 when unknown).
    pub mtime_ns: i64,
    /// [`file_hash`](super::file_hash) of its bytes.
    pub hash: u64,
}

/// The cache: a folder of entries, or none (every lookup a miss, every write skipped).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeckCache {
    dir: Option<PathBuf>,
}

/// An entry whose deck file had the size and modification time asked: it is the deck's
/// when its hash matches too ([`Probe::matching`]).
#[derive(Debug)]
pub struct Probe {
    path: PathBuf,
    file: File,
    hash: u64,
    header: Vec<u8>,
    /// Where the pack starts in the entry, and the entry's length.
    pack_at: u64,
    len: u64,
}

/// A deck file's entry in the cache, open: the deck's own fields, and its cards.
#[derive(Debug, Clone)]
pub struct CachedDeck {
    /// The deck without its cards (`cards` is empty).
    pub deck: Deck,
    /// The cards, read from the entry as they are asked.
    pub cards: EntryCards,
}

/// The cards of an open entry: a slice of the entry's file, which stays readable (as it was
/// opened) even when another launch replaces the entry meanwhile.
#[derive(Debug, Clone)]
pub struct EntryCards {
    /// The entry's file, for [`EntryCards::forget`].
    path: Arc<Path>,
    file: Arc<File>,
    /// Where the pack starts in the file, and its length.
    at: u64,
    len: usize,
    /// How many cards the pack holds.
    count: usize,
}

impl DeckCache {
    /// The cache in the folder `dir` (created when the first entry is written).
    #[must_use]
    pub fn at(dir: PathBuf) -> Self {
        DeckCache { dir: Some(dir) }
    }

    /// No cache: every deck file is parsed.
    #[must_use]
    pub fn none() -> Self {
        DeckCache { dir: None }
    }

    /// The folder of the entries, if there is a cache.
    #[must_use]
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// The entry file of the deck file keyed `key`.
    fn entry(&self, key: &str) -> Option<PathBuf> {
        let name = format!("{:016x}.deck", super::file_hash(key.as_bytes()));
        self.dir.as_ref().map(|dir| dir.join(name))
    }

    /// The entry of the deck file keyed `key` when it was made from a file of this size
    /// and modification time; `None` otherwise, or when it cannot be read. The file's hash
    /// need be made only when there is one.
    #[must_use]
    pub fn probe(&self, key: &str, size: u64, mtime_ns: i64) -> Option<Probe> {
        let path = self.entry(key)?;
        let file = File::open(&path).ok()?;
        let mut prefix = [0u8; PREFIX];
        if !read_at(&file, &mut prefix, 0) {
            return None;
        }
        let mut at = 0;
        let mut take = |n: usize| {
            at += n;
            &prefix[at - n..at]
        };
        if take(8) != MAGIC || u32_of(take(4)) != FORMAT {
            return None;
        }
        let stamp = (u64_of(take(8)), u64_of(take(8)).cast_signed());
        let hash = u64_of(take(8));
        let key_len = u32_of(take(4)) as usize;
        let header_len = u32_of(take(4)) as usize;
        if stamp != (size, mtime_ns) || key_len != key.len() {
            return None;
        }
        // A damaged length must not make a large read.
        let len = file.metadata().ok()?.len();
        if (PREFIX + key_len + header_len) as u64 > len {
            return None;
        }
        let mut rest = vec![0u8; key_len + header_len];
        if !read_at(&file, &mut rest, PREFIX as u64) || &rest[..key_len] != key.as_bytes() {
            return None;
        }
        let header = rest.split_off(key_len);
        Some(Probe {
            path,
            file,
            hash,
            header,
            pack_at: (PREFIX + key_len + header_len) as u64,
            len,
        })
    }

    /// The entry of the deck file keyed `key` when it has exactly this `stamp`.
    #[must_use]
    pub fn find(&self, key: &str, stamp: FileStamp) -> Option<CachedDeck> {
        self.probe(key, stamp.size, stamp.mtime_ns)?
            .matching(stamp.hash)
    }

    /// Keeps `deck` (its own fields; its cards are in `pack`), parsed from the file keyed
    /// `key` with this `stamp`, replacing any earlier entry of that key; false when it could
    /// not be written (the deck file is then parsed on the next launch too).
    pub fn keep(&self, key: &str, stamp: FileStamp, deck: &Deck, pack: PackWriter) -> bool {
        let Some(path) = self.entry(key) else {
            return false;
        };
        if let Some(dir) = path.parent()
            && create_private_dir(dir).is_err()
        {
            return false;
        }
        let header = codec::encode_header(deck);
        let (Ok(key_len), Ok(header_len)) = (u32::try_from(key.len()), u32::try_from(header.len()))
        else {
            return false;
        };
        let pack = pack.finish();
        crate::atomic_file::write_disposable(&path, |out| {
            out.write_all(MAGIC)?;
            out.write_all(&FORMAT.to_le_bytes())?;
            out.write_all(&stamp.size.to_le_bytes())?;
            out.write_all(&stamp.mtime_ns.to_le_bytes())?;
            out.write_all(&stamp.hash.to_le_bytes())?;
            out.write_all(&key_len.to_le_bytes())?;
            out.write_all(&header_len.to_le_bytes())?;
            out.write_all(key.as_bytes())?;
            out.write_all(&header)?;
            out.write_all(&pack)?;
            Ok(())
        })
        .is_ok()
    }

    /// Keeps every card of `deck` (see [`DeckCache::keep`]).
    pub fn keep_deck(&self, key: &str, stamp: FileStamp, deck: &Deck) -> bool {
        let mut pack = PackWriter::default();
        let mut bytes = Vec::new();
        for card in &deck.cards {
            bytes.clear();
            codec::encode_card_into(card, &mut bytes);
            if !pack.push(&bytes) {
                return false;
            }
        }
        self.keep(key, stamp, deck, pack)
    }

    /// Drops the entry of the file keyed `key` (a damaged one), so the file is parsed again.
    pub fn forget(&self, key: &str) {
        if let Some(path) = self.entry(key) {
            let _ = std::fs::remove_file(path);
        }
    }
}

impl Probe {
    /// The entry, when the deck file's hash is `hash` and the entry reads as one.
    #[must_use]
    pub fn matching(self, hash: u64) -> Option<CachedDeck> {
        if hash != self.hash {
            return None;
        }
        let deck = codec::decode_header(&self.header)?;
        let len = usize::try_from(self.len.checked_sub(self.pack_at)?).ok()?;
        let file = Arc::new(self.file);
        let mut slice = EntryCards {
            path: Arc::from(self.path),
            file,
            at: self.pack_at,
            len,
            count: 0,
        };
        slice.count = CardPack::new(slice.clone())?.len();
        Some(CachedDeck { deck, cards: slice })
    }
}

impl EntryCards {
    /// How many cards the entry holds.
    #[must_use]
    pub fn count(&self) -> usize {
        self.count
    }

    /// The cards, read from the entry one at a time as they are asked (only their bytes are
    /// read); `None` when the entry is damaged.
    #[must_use]
    pub fn open(&self) -> Option<CardPack<EntryCards>> {
        CardPack::new(self.clone()).filter(|p| p.len() == self.count)
    }

    /// The cards, read from the entry in one piece (for a pass over all of them); `None`
    /// when the entry is damaged.
    #[must_use]
    pub fn read(&self) -> Option<CardPack> {
        let mut bytes = vec![0u8; self.len];
        if !read_at(&self.file, &mut bytes, self.at) {
            return None;
        }
        CardPack::new(bytes).filter(|p| p.len() == self.count)
    }

    /// Every card in order; `None` when one cannot be read back.
    #[must_use]
    pub fn all(&self) -> Option<Vec<Card>> {
        self.read()?.cards()
    }

    /// Drops the entry (a damaged one), so its deck file is parsed again.
    pub fn forget(&self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

impl PackBytes for EntryCards {
    fn size(&self) -> usize {
        self.len
    }

    fn read_into(&self, at: usize, buf: &mut [u8]) -> bool {
        at.checked_add(buf.len()).is_some_and(|end| end <= self.len)
            && read_at(&self.file, buf, self.at + at as u64)
    }
}

/// Fills `buf` with the bytes of `file` from `at`; false when they are not all there.
fn read_at(file: &File, buf: &mut [u8], at: u64) -> bool {
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(file, buf, at).is_ok()
    }
    #[cfg(windows)]
    {
        let mut done = 0;
        while done < buf.len() {
            match std::os::windows::fs::FileExt::seek_read(file, &mut buf[done..], at + done as u64)
            {
                Ok(0) | Err(_) => return false,
                Ok(n) => done += n,
            }
        }
        true
    }
}

fn u32_of(bytes: &[u8]) -> u32 {
    let mut raw = [0u8; 4];
    raw.copy_from_slice(bytes);
    u32::from_le_bytes(raw)
}

fn u64_of(bytes: &[u8]) -> u64 {
    let mut raw = [0u8; 8];
    raw.copy_from_slice(bytes);
    u64::from_le_bytes(raw)
}

/// Creates `dir` (and its parents) readable by the owner only: the entries hold the decks'
/// text.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

#[cfg(test)]
mod tests;

//! Finding and loading the decks a session studies: the paths given, else `./decks` when it
//! exists, else the deck built into the binary.
//!
//! With a store, a file that has not changed since an earlier session is not parsed again:
//! its deck comes from the cache (`library::cache`), checked against the file's size,
//! modification time and a hash of its bytes, which are read on every launch. Such a deck
//! comes without its cards: a session reads from the cache only those it asks.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::intake::{self, Intakes, StreamedParse};
use super::{DeckCache, EntryCards, FileHasher, FileStamp, file_hash};
use crate::deck::{self, Card, Deck, Severity, files};
use crate::error::Error;
use crate::store::Store;

/// A deck ready to study, with the file it came from (none for the built-in deck).
#[derive(Debug, Clone)]
pub struct LoadedDeck {
    /// The validated deck; without its cards when they are in the cache (`cached`).
    pub deck: Deck,
    /// Its file, for opening an editor at a card.
    pub path: Option<PathBuf>,
    /// The hash of the file's bytes when it was read through the cache.
    pub file_hash: Option<u64>,
    /// Where the cards are when the deck came from the cache unparsed.
    pub cached: Option<CachedCards>,
}

/// The cards of a deck left in the cache.
#[derive(Debug, Clone)]
pub struct CachedCards {
    /// The cache entry's key (the deck file's canonical path).
    pub key: String,
    /// The cards, read from the entry as they are asked.
    pub cards: EntryCards,
}

impl LoadedDeck {
    /// A deck parsed in full.
    #[must_use]
    pub fn parsed(deck: Deck, path: Option<PathBuf>, file_hash: Option<u64>) -> LoadedDeck {
        LoadedDeck {
            deck,
            path,
            file_hash,
            cached: None,
        }
    }

    /// How many cards the deck has.
    #[must_use]
    pub fn card_count(&self) -> usize {
        self.cached
            .as_ref()
            .map_or(self.deck.cards.len(), |c| c.cards.count())
    }

    /// Every card in order, read from the cache when it holds them; `None` when a cached
    /// card cannot be read back.
    #[must_use]
    pub fn all_cards(&self) -> Option<Vec<Card>> {
        match &self.cached {
            None => Some(self.deck.cards.clone()),
            Some(c) => c.cards.all(),
        }
    }
}

/// Loads the decks named by `paths` (files or folders), or the default ones.
///
/// # Errors
/// A deck with errors (all of them are listed in the message) or no deck at all.
pub fn load(paths: &[PathBuf]) -> Result<Vec<LoadedDeck>, Error> {
    load_with(paths, None, None)
}

/// [`load`], taking unchanged files' decks from `cache` and caching the others, whose cards
/// are synced into `store`.
///
/// # Errors
/// As [`load`]; a store that cannot be written.
pub fn load_cached(
    paths: &[PathBuf],
    store: &mut Store,
    cache: &DeckCache,
) -> Result<Vec<LoadedDeck>, Error> {
    load_with(paths, Some((store, cache)), None)
}

/// [`load_cached`], except that a deck file new to the cache is committed to the store on a
/// thread of its own while the session goes on: see [`intake::parse_and_send`]. The
/// returned intakes must be waited for before anything else writes to the store.
///
/// # Errors
/// As [`load_cached`].
pub fn load_sending(
    paths: &[PathBuf],
    store: &mut Store,
    cache: &DeckCache,
) -> Result<(Vec<LoadedDeck>, Intakes), Error> {
    let mut intakes = Intakes::default();
    // A store in memory has no file for a second connection to open.
    let apart = store.path() != Path::new(":memory:");
    let decks = load_with(paths, Some((store, cache)), apart.then_some(&mut intakes))?;
    Ok((decks, intakes))
}

fn load_with(
    paths: &[PathBuf],
    mut store: Option<(&mut Store, &DeckCache)>,
    mut intakes: Option<&mut Intakes>,
) -> Result<Vec<LoadedDeck>, Error> {
    let paths: Vec<PathBuf> = if paths.is_empty() {
        let local = Path::new("decks");
        if local.is_dir() {
            vec![local.to_path_buf()]
        } else if let Some((store, cache)) = store {
            return bundled_cached(store, cache);
        } else {
            return bundled();
        }
    } else {
        paths.to_vec()
    };
    let (found, mut problems) = files::find(&paths);
    let mut decks: Vec<LoadedDeck> = Vec::new();
    for path in found {
        if let Some((store, cache)) = store.as_mut() {
            let taken: HashSet<String> = decks.iter().map(|d| d.deck.id.clone()).collect();
            let sending = intakes.as_deref_mut().map(|i| (i, decks.len()));
            match cached(&path, (store, cache), &taken, sending)? {
                Ok(loaded) => decks.push(loaded),
                Err(errors) => problems.extend(errors),
            }
            continue;
        }
        let parsed = deck::load(
            &path,
            deck::Options {
                quiet: true,
                ..deck::Options::default()
            },
        );
        problems.extend(
            parsed
                .diagnostics
                .into_iter()
                .filter(|d| d.severity == Severity::Error),
        );
        if let Some(deck) = parsed.deck {
            decks.push(LoadedDeck::parsed(deck, Some(path), None));
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
        Some(deck) => Ok(vec![LoadedDeck::parsed(deck, None, None)]),
        None => Err(Error::Usage("the built-in deck does not load".to_owned())),
    }
}

/// One deck file through the cache: the cached deck when the file is unchanged, else the
/// file parsed (and cached and synced when it has no errors, unless another deck of the
/// session has its id: `taken`); the inner `Err` holds its errors.
fn cached(
    path: &Path,
    (store, cache): (&mut Store, &DeckCache),
    taken: &HashSet<String>,
    sending: Option<(&mut Intakes, usize)>,
) -> Result<Result<LoadedDeck, Vec<deck::Diagnostic>>, Error> {
    let meta = std::fs::metadata(path).ok();
    let mtime_ns = meta
        .as_ref()
        .and_then(|m| m.modified().ok())
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .and_then(|d| i64::try_from(d.as_nanos()).ok())
        .unwrap_or(0);
    // The key: the canonical path, so `deck.toml` and `./deck.toml` share an entry.
    let key = std::fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_path_buf())
        .display()
        .to_string();
    // An unchanged file is only hashed, a piece at a time: never held whole. A file whose
    // size and time no entry has is not hashed twice.
    let size = meta.map(|m| m.len());
    if let Some(size) = size
        && let Some(probe) = cache.probe(&key, size, mtime_ns)
        && let Some(stamp) = hashed_in_pieces(path, size, mtime_ns)
        && let Some(entry) = probe.matching(stamp.hash)
    {
        return Ok(Ok(from_cache(entry, key, stamp, Some(path))));
    }
    let bytes = match files::read_bytes(path) {
        Ok(bytes) => bytes,
        Err(problem) => return Ok(Err(vec![problem])),
    };
    let stamp = FileStamp {
        size: bytes.len() as u64,
        mtime_ns,
        hash: file_hash(&bytes),
    };
    let parse = |on_cards: &mut dyn FnMut(&Deck, &[Card])| match files::decode(path, bytes) {
        Ok(text) => {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            Ok(deck::parse_streamed(
                &text,
                &path.display().to_string(),
                &stem,
                deck::Options {
                    quiet: true,
                    ..deck::Options::default()
                },
                on_cards,
            ))
        }
        Err(problem) => Err(problem),
    };
    through_cache(
        (store, cache),
        key,
        stamp,
        Some(path.to_path_buf()),
        taken,
        Box::new(parse),
        sending,
    )
}

/// The built-in deck through the cache, keyed by its name and the hash of its text, so a
/// later launch of the same build does not parse it again.
fn bundled_cached(store: &mut Store, cache: &DeckCache) -> Result<Vec<LoadedDeck>, Error> {
    let bytes = deck::BUNDLED_DECK.as_bytes();
    let stamp = FileStamp {
        size: bytes.len() as u64,
        mtime_ns: 0,
        hash: file_hash(bytes),
    };
    let key = format!("built-in:{}", deck::BUNDLED_DECK_NAME);
    let parse = |_: &mut dyn FnMut(&Deck, &[Card])| Ok((deck::bundled(), false));
    match through_cache(
        (store, cache),
        key,
        stamp,
        None,
        &HashSet::new(),
        Box::new(parse),
        None,
    )? {
        Ok(loaded) => Ok(vec![loaded]),
        Err(_) => Err(Error::Usage("the built-in deck does not load".to_owned())),
    }
}

/// The deck of the cache entry `key` when it has this `stamp`, else the one `parse` gives,
/// cached and synced when it has no errors (see [`intake::parse_and_take`], or
/// [`intake::parse_and_send`] with `sending`); the inner `Err` holds its errors.
fn through_cache(
    (store, cache): (&mut Store, &DeckCache),
    key: String,
    stamp: FileStamp,
    path: Option<PathBuf>,
    taken: &HashSet<String>,
    parse: Box<StreamedParse<'_>>,
    sending: Option<(&mut Intakes, usize)>,
) -> Result<Result<LoadedDeck, Vec<deck::Diagnostic>>, Error> {
    if let Some(entry) = cache.find(&key, stamp) {
        return Ok(Ok(from_cache(entry, key, stamp, path.as_deref())));
    }
    let to = intake::Target {
        store,
        cache,
        key: &key,
        stamp,
    };
    let taken_in = match sending {
        Some(sending) => intake::parse_and_send(to, taken, parse, sending)?,
        None => intake::parse_and_take(to, taken, parse)?,
    };
    Ok(taken_in.map(|deck| LoadedDeck::parsed(deck, path, Some(stamp.hash))))
}

/// The deck of the cache entry `key`, found with this `stamp`.
fn from_cache(
    entry: super::CachedDeck,
    key: String,
    stamp: FileStamp,
    path: Option<&Path>,
) -> LoadedDeck {
    LoadedDeck {
        deck: entry.deck,
        path: path.map(Path::to_path_buf),
        file_hash: Some(stamp.hash),
        cached: Some(CachedCards {
            key,
            cards: entry.cards,
        }),
    }
}

/// The stamp of the file at `path`, `len` bytes long by its metadata, hashed as it is read
/// in pieces of 64 KiB; `None` when it cannot be read, is too large for a deck, or does not
/// have `len` bytes after all (it is being written): it is then read whole.
fn hashed_in_pieces(path: &Path, len: u64, mtime_ns: i64) -> Option<FileStamp> {
    use std::io::Read;
    if len > deck::files::MAX_DECK_BYTES {
        return None;
    }
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = FileHasher::new(len);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match file.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => hasher.update(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some(FileStamp {
        size: len,
        mtime_ns,
        hash: hasher.finish()?,
    })
}

/// The ids of the decks in `paths`; `None` (every deck) when there are none.
///
/// # Errors
/// A deck cannot be loaded.
pub fn deck_ids(paths: &[PathBuf]) -> Result<Option<Vec<String>>, Error> {
    if paths.is_empty() {
        return Ok(None);
    }
    Ok(Some(load(paths)?.into_iter().map(|l| l.deck.id).collect()))
}

//! Tests of the deck cache: entries come back only for the same file, and a cache that is
//! missing, damaged, of another format or unwritable is a miss, never an error.

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
        hash: super::super::file_hash(TEXT.as_bytes()),
    }
}

/// A cache in a folder of its own (not yet created) inside a temporary one.
fn cache() -> (tempfile::TempDir, DeckCache) {
    let dir = tempfile::tempdir().unwrap();
    let cache = DeckCache::at(dir.path().join("cache"));
    (dir, cache)
}

/// The cached deck read back whole: its fields and every card.
fn read_back(cache: &DeckCache, stamp: FileStamp) -> Option<Deck> {
    let entry = cache.find("/d.toml", stamp)?;
    let mut deck = entry.deck;
    deck.cards = entry.cards.all()?;
    Some(deck)
}

/// The entry files of the cache.
fn entries(cache: &DeckCache) -> Vec<PathBuf> {
    match std::fs::read_dir(cache.dir().unwrap()) {
        Ok(list) => list.map(|e| e.unwrap().path()).collect(),
        Err(_) => Vec::new(),
    }
}

#[test]
fn a_cached_deck_comes_back_only_with_the_same_stamp() {
    let (_dir, cache) = cache();
    assert!(cache.find("/d.toml", stamp()).is_none());
    assert!(cache.keep_deck("/d.toml", stamp(), &deck()));
    assert_eq!(read_back(&cache, stamp()), Some(deck()));
    let entry = cache.find("/d.toml", stamp()).unwrap();
    assert_eq!(entry.cards.count(), 2);
    assert!(entry.deck.cards.is_empty());
    // One card at a time, in any order, read from the entry piece by piece.
    let mut pack = entry.cards.open().unwrap();
    for ord in [1, 0, 1] {
        assert_eq!(pack.card(ord).as_ref(), Some(&deck().cards[ord]));
    }
    assert_eq!(pack.card(2), None);
    let other = [
        FileStamp { size: 1, ..stamp() },
        FileStamp {
            mtime_ns: 5,
            ..stamp()
        },
        FileStamp { hash: 7, ..stamp() },
    ];
    for s in other {
        assert!(cache.find("/d.toml", s).is_none(), "{s:?}");
        // Without the hash, only size and time tell an entry may be there.
        let probe = cache.probe("/d.toml", s.size, s.mtime_ns);
        assert_eq!(probe.is_some(), s.hash == 7, "{s:?}");
    }
    assert!(cache.find("/e.toml", stamp()).is_none());
    // Only the owner reads the entries: they hold the decks' text.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(cache.dir().unwrap()), 0o700);
        assert_eq!(mode(&entries(&cache)[0]), 0o600);
    }
}

#[test]
fn an_edited_file_replaces_its_entry_and_an_open_one_reads_on() {
    let (_dir, cache) = cache();
    assert!(cache.keep_deck("/d.toml", stamp(), &deck()));
    let before = cache.find("/d.toml", stamp()).unwrap();
    let mut fewer = deck();
    fewer.cards.remove(0);
    let edited = FileStamp { hash: 9, ..stamp() };
    assert!(cache.keep_deck("/d.toml", edited, &fewer));
    assert!(cache.find("/d.toml", stamp()).is_none());
    assert_eq!(read_back(&cache, edited), Some(fewer));
    assert_eq!(entries(&cache).len(), 1, "the old entry is gone");
    // The deck opened before the edit still reads the cards it was opened with.
    assert_eq!(before.cards.all(), Some(deck().cards));
    before.cards.forget();
    assert!(cache.find("/d.toml", edited).is_none());
    cache.forget("/d.toml");
    assert!(entries(&cache).is_empty());
}

#[test]
fn a_garbage_or_damaged_entry_is_a_miss_and_is_replaced() {
    let (_dir, cache) = cache();
    assert!(cache.keep_deck("/d.toml", stamp(), &deck()));
    let file = entries(&cache).remove(0);
    let good = std::fs::read(&file).unwrap();
    let header_at = PREFIX + "/d.toml".len();
    let mut flipped = good.clone();
    flipped[header_at] ^= 0xff;
    let cut = good[..good.len() - 3].to_vec();
    for (what, bytes) in [
        ("garbage", b"not a cache entry at all".to_vec()),
        ("empty", Vec::new()),
        ("prefix only", good[..PREFIX].to_vec()),
        ("header damaged", flipped),
        ("cut short", cut),
    ] {
        std::fs::write(&file, &bytes).unwrap();
        assert_eq!(read_back(&cache, stamp()), None, "{what}");
        assert!(cache.keep_deck("/d.toml", stamp(), &deck()), "{what}");
        assert_eq!(read_back(&cache, stamp()), Some(deck()), "{what}");
    }
    // A damaged card: that card does not read, the others do.
    let mut bytes = good.clone();
    let pack_at = good.len() - (deck().cards.len() + 1) * 4 - {
        let mut total = 0;
        for card in &deck().cards {
            let mut one = Vec::new();
            codec::encode_card_into(card, &mut one);
            total += one.len();
        }
        total
    };
    bytes[pack_at] ^= 0xff;
    std::fs::write(&file, &bytes).unwrap();
    let entry = cache.find("/d.toml", stamp()).unwrap();
    let mut pack = entry.cards.open().unwrap();
    assert_eq!(pack.card(0), None);
    assert_eq!(pack.card(1).as_ref(), Some(&deck().cards[1]));
    assert_eq!(entry.cards.all(), None);
}

#[test]
fn an_entry_of_another_format_is_a_miss_and_is_replaced() {
    let (_dir, cache) = cache();
    assert!(cache.keep_deck("/d.toml", stamp(), &deck()));
    let file = entries(&cache).remove(0);
    let mut bytes = std::fs::read(&file).unwrap();
    bytes[8..12].copy_from_slice(&(FORMAT + 1).to_le_bytes());
    std::fs::write(&file, &bytes).unwrap();
    assert!(
        cache
            .probe("/d.toml", stamp().size, stamp().mtime_ns)
            .is_none()
    );
    assert!(cache.keep_deck("/d.toml", stamp(), &deck()));
    assert_eq!(read_back(&cache, stamp()), Some(deck()));
    // A header length past the end of the entry.
    let mut long = std::fs::read(&file).unwrap();
    long[PREFIX - 4..PREFIX].copy_from_slice(&u32::MAX.to_le_bytes());
    std::fs::write(&file, &long).unwrap();
    assert!(
        cache
            .probe("/d.toml", stamp().size, stamp().mtime_ns)
            .is_none()
    );
    assert!(cache.keep_deck("/d.toml", stamp(), &deck()));
    // Another key that lands on the same file name is not this deck's entry.
    let mut other = std::fs::read(&file).unwrap();
    other[PREFIX + 1] = b'e';
    std::fs::write(&file, &other).unwrap();
    assert!(cache.find("/d.toml", stamp()).is_none());
}

#[test]
fn a_deleted_entry_or_folder_is_a_miss_and_is_made_again() {
    let (_dir, cache) = cache();
    assert!(cache.keep_deck("/d.toml", stamp(), &deck()));
    std::fs::remove_file(entries(&cache).remove(0)).unwrap();
    assert!(cache.find("/d.toml", stamp()).is_none());
    assert!(cache.keep_deck("/d.toml", stamp(), &deck()));
    std::fs::remove_dir_all(cache.dir().unwrap()).unwrap();
    assert!(cache.find("/d.toml", stamp()).is_none());
    assert!(cache.keep_deck("/d.toml", stamp(), &deck()));
    assert_eq!(read_back(&cache, stamp()), Some(deck()));
}

#[test]
fn a_cache_that_cannot_be_written_is_bypassed() {
    // A file where the folder should be: nothing can be written under it, even by root.
    let dir = tempfile::tempdir().unwrap();
    let blocked = dir.path().join("cache");
    std::fs::write(&blocked, "a file").unwrap();
    let cache = DeckCache::at(blocked.clone());
    assert!(!cache.keep_deck("/d.toml", stamp(), &deck()));
    assert!(cache.find("/d.toml", stamp()).is_none());
    cache.forget("/d.toml");
    assert_eq!(std::fs::read_to_string(&blocked).unwrap(), "a file");
    // No cache at all.
    let none = DeckCache::none();
    assert!(!none.keep_deck("/d.toml", stamp(), &deck()));
    assert!(none.find("/d.toml", stamp()).is_none());
    // A folder that can only be read: its entries are still read, none is written.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let (_dir, cache) = super::tests::cache();
        assert!(cache.keep_deck("/d.toml", stamp(), &deck()));
        let folder = cache.dir().unwrap();
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o500)).unwrap();
        // Root writes anyway: then there is nothing to see here.
        let root = std::fs::write(folder.join("probe"), "x").is_ok();
        let edited = FileStamp { hash: 9, ..stamp() };
        assert_eq!(cache.keep_deck("/d.toml", edited, &deck()), root);
        assert_eq!(read_back(&cache, stamp()).is_some(), !root);
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
}

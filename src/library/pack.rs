//! Every card of a cached deck file in one value (the end of a cache entry): the cards'
//! compact forms one after the other, then where each one ends, then how many there are. A
//! session reads the table of ends and then only the cards it asks.
//!
//! Layout: the cards' bytes (`library/codec.rs`), then one little-endian `u32` per card,
//! the offset just past its bytes, then the number of cards as a little-endian `u32`.

use crate::deck::Card;

/// The largest pack written: past it, a deck is not cached (SQLite refuses values over
/// a deck file that large is read whole anyway, and the ends are 32-bit).
pub const MAX_PACK_BYTES: usize = 512 << 20;

/// A pack being written, card by card.
#[derive(Debug)]
pub struct PackWriter {
    bytes: Vec<u8>,
    ends: Vec<u32>,
    /// The largest pack it writes.
    limit: usize,
}

impl Default for PackWriter {
    fn default() -> Self {
        PackWriter {
            bytes: Vec::new(),
            ends: Vec::new(),
            limit: MAX_PACK_BYTES,
        }
    }
}

impl PackWriter {
    /// A writer of packs up to `limit` bytes, for tests of what happens past the limit.
    #[cfg(test)]
    pub(super) fn with_limit(limit: usize) -> Self {
        PackWriter {
            limit,
            ..PackWriter::default()
        }
    }

    /// Adds a card's compact form; false (and nothing added) once the pack would grow past
    /// its limit ([`MAX_PACK_BYTES`]).
    pub(super) fn push(&mut self, card: &[u8]) -> bool {
        let end = self.bytes.len() + card.len();
        if end + 4 * (self.ends.len() + 2) > self.limit {
            return false;
        }
        self.bytes.extend_from_slice(card);
        self.ends.push(u32::try_from(end).unwrap_or(u32::MAX));
        true
    }

    /// The finished value.
    pub(super) fn finish(mut self) -> Vec<u8> {
        self.bytes.reserve(4 * (self.ends.len() + 1));
        for end in &self.ends {
            self.bytes.extend_from_slice(&end.to_le_bytes());
        }
        let count = u32::try_from(self.ends.len()).unwrap_or(u32::MAX);
        self.bytes.extend_from_slice(&count.to_le_bytes());
        self.bytes
    }
}

/// Where a pack's bytes are read from: the value in memory, or the cache entry itself, read
/// piece by piece, which reads only the cards asked for.
pub trait PackBytes {
    /// How many bytes the value has.
    fn size(&self) -> usize;
    /// Fills `buf` with the bytes from `at`; false when they are not all there.
    fn read_into(&self, at: usize, buf: &mut [u8]) -> bool;
}

impl PackBytes for Vec<u8> {
    fn size(&self) -> usize {
        self.len()
    }

    fn read_into(&self, at: usize, buf: &mut [u8]) -> bool {
        match at.checked_add(buf.len()).and_then(|end| self.get(at..end)) {
            Some(bytes) => {
                buf.copy_from_slice(bytes);
                true
            }
            None => false,
        }
    }
}

/// A pack as read back; its cards are decoded one at a time. Each card's place is checked
/// when it is read: a damaged pack gives `None` for the cards it damaged.
#[derive(Debug)]
pub struct CardPack<B = Vec<u8>> {
    bytes: B,
    /// Where the table of ends starts; also where the cards' bytes end.
    table: usize,
    count: usize,
    /// The bytes of the card being decoded.
    scratch: Vec<u8>,
}

impl<B: PackBytes> CardPack<B> {
    /// Reads a pack's layout; `None` when the value is too short to be one.
    #[must_use]
    pub fn new(bytes: B) -> Option<Self> {
        let len = bytes.size();
        let mut raw = [0u8; 4];
        if !bytes.read_into(len.checked_sub(4)?, &mut raw) {
            return None;
        }
        let count = usize::try_from(u32::from_le_bytes(raw)).ok()?;
        let table = len.checked_sub(4)?.checked_sub(count.checked_mul(4)?)?;
        Some(CardPack {
            bytes,
            table,
            count,
            scratch: Vec::new(),
        })
    }

    /// How many cards it holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.count
    }

    /// True when it holds no card.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// Where the card at `ord` starts and ends, when that lies within the cards' bytes.
    fn span(&self, ord: usize) -> Option<(usize, usize)> {
        let mut raw = [0u8; 8];
        let (start, end) = if ord == 0 {
            let end = &mut raw[4..];
            if !self.bytes.read_into(self.table, end) {
                return None;
            }
            (0, u32::from_le_bytes(raw[4..].try_into().ok()?))
        } else {
            if !self.bytes.read_into(self.table + 4 * (ord - 1), &mut raw) {
                return None;
            }
            (
                u32::from_le_bytes(raw[..4].try_into().ok()?),
                u32::from_le_bytes(raw[4..].try_into().ok()?),
            )
        };
        let (start, end) = (start as usize, end as usize);
        (start <= end && end <= self.table).then_some((start, end))
    }

    /// The card at position `ord`; `None` past the end or when its bytes do not decode.
    pub fn card(&mut self, ord: usize) -> Option<Card> {
        if ord >= self.count {
            return None;
        }
        let (start, end) = self.span(ord)?;
        self.scratch.resize(end - start, 0);
        if !self.bytes.read_into(start, &mut self.scratch) {
            return None;
        }
        super::codec::decode_card(&self.scratch)
    }

    /// Every card in order; `None` when one does not decode.
    pub fn cards(&mut self) -> Option<Vec<Card>> {
        (0..self.count).map(|ord| self.card(ord)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deck::{Options, parse};
    use crate::library::codec::encode_card_into;

    fn cards() -> Vec<Card> {
        let text = "[deck]\ntitle = \"T\"\nid = \"d\"\n\
            [[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\nreverse = true\n\
            [[card]]\nid = \"c\"\ncloze = \"{{x}} and {{y}}\"\n\
            [[card]]\nid = \"t\"\nfront = \"Water is wet\"\nback = true\n";
        parse(text, "d.toml", "d", Options::default())
            .deck
            .unwrap()
            .cards
    }

    fn packed(cards: &[Card]) -> Vec<u8> {
        let mut writer = PackWriter::default();
        for card in cards {
            let mut bytes = Vec::new();
            encode_card_into(card, &mut bytes);
            assert!(writer.push(&bytes));
        }
        writer.finish()
    }

    #[test]
    fn cards_come_back_one_at_a_time_or_all() {
        let cards = cards();
        let mut pack = CardPack::new(packed(&cards)).unwrap();
        assert_eq!(pack.len(), 3);
        for (ord, card) in cards.iter().enumerate() {
            assert_eq!(pack.card(ord).as_ref(), Some(card));
        }
        assert_eq!(pack.card(3), None);
        assert_eq!(pack.cards(), Some(cards));
        let mut empty = CardPack::new(packed(&[])).unwrap();
        assert!(empty.is_empty());
        assert_eq!(empty.cards(), Some(vec![]));
    }

    #[test]
    fn a_damaged_pack_is_refused_or_its_damaged_card_is() {
        let cards = cards();
        let good = packed(&cards);
        // Cut short, empty, or counting more ends than it has bytes: not a pack.
        for bad in [
            good[..good.len() - 1].to_vec(),
            Vec::new(),
            vec![0, 0, 0],
            [&good[..good.len() - 4], &u32::MAX.to_le_bytes()[..]].concat(),
        ] {
            assert!(CardPack::new(bad.clone()).is_none(), "{bad:?}");
        }
        // Counting more cards than it holds: the count shows it, and the cards do not read.
        let mut more =
            CardPack::new([&good[..good.len() - 4], &9u32.to_le_bytes()[..]].concat()).unwrap();
        assert_eq!(more.len(), 9);
        assert_eq!(more.cards(), None);
        // An end that goes back: the cards it bounds are not read, the first one is.
        let table = good.len() - 4 - 12;
        let mut back = good.clone();
        back[table + 4..table + 8].copy_from_slice(&0u32.to_le_bytes());
        let mut pack = CardPack::new(back).unwrap();
        assert_eq!(pack.card(0).as_ref(), Some(&cards[0]));
        assert_eq!(pack.card(1), None);
        assert_eq!(pack.card(2), None);
        // An end past the cards' bytes.
        let mut past = good.clone();
        past[table..table + 4].copy_from_slice(&u32::MAX.to_le_bytes());
        assert_eq!(CardPack::new(past).unwrap().card(0), None);
        // The first card's bytes changed: that card does not decode, the others do.
        let mut first = good.clone();
        first[0] ^= 0xff;
        let mut pack = CardPack::new(first).unwrap();
        assert_eq!(pack.card(0), None);
        assert_eq!(pack.card(1).as_ref(), Some(&cards[1]));
        assert_eq!(pack.cards(), None);
    }

    #[test]
    fn the_writer_stops_at_the_size_limit() {
        let mut writer = PackWriter {
            limit: 100,
            ..PackWriter::default()
        };
        // 40 bytes, then its end and the count: 48.
        assert!(writer.push(&[7; 40]));
        // 88 bytes, two ends and the count: 100, the limit.
        assert!(writer.push(&[7; 48]));
        // One more byte and one more end: past it.
        assert!(!writer.push(&[7; 1]));
        let bytes = writer.finish();
        assert_eq!(bytes.len(), 100);
        assert_eq!(CardPack::new(bytes).unwrap().len(), 2);
    }
}

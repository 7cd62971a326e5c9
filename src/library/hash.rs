//! The hashes the library makes: of a deck file's bytes, to tell an unchanged file (for the
//! cache, the card rows' `synced_hash` and the quiz results' deck hash), and of a card's
//! content, to tell an edited card.
//!
//! Both are hand-written and fixed: their values are kept in learners' progress databases
//! and in quiz results files, so another function would make every deck sync again once and
//! would make results of older builds name another version of the same deck.

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

/// A stable 64-bit hash of what a card asks and answers: FNV-1a over its [`Content`] as JSON.
/// Tags, hints and explanations are not part of it, so editing them does not mark a card
/// changed.
///
/// [`Content`]: crate::deck::Content
#[must_use]
pub fn content_hash(card: &crate::deck::Card) -> u64 {
    // The JSON goes straight into the hash as it is written, never into a buffer.
    let mut fnv = Fnv(FNV_BASIS);
    match serde_json::to_writer(&mut fnv, &card.content) {
        Ok(()) => fnv.0,
        Err(_) => FNV_BASIS,
    }
}

const FNV_BASIS: u64 = 0xcbf2_9ce4_8422_2325;

/// FNV-1a, 64-bit, over the bytes written to it.
struct Fnv(u64);

impl std::io::Write for Fnv {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 = buf.iter().fold(self.0, |hash, &b| {
            (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[deck]\ntitle = \"T\"\nid = \"d\"\n\
        [[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\nreverse = true\n\
        [[card]]\nid = \"c\"\ncloze = \"{{x}} and {{y}}\"\n";

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
}

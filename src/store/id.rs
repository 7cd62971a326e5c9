//! Review ids: UUIDv7 (RFC 9562), 48 bits of the review's time in Unix milliseconds followed by
//! 74 random bits. Ids made on different machines never collide in practice, and sorting them
//! sorts reviews by time, so the log is stored in time order.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, Utc};

/// The id of one review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ReviewId(pub [u8; 16]);

/// Text that is not a UUID such as `0192f1a2-7b3c-7d4e-8f00-112233445566`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a review id (a UUID such as 0192f1a2-7b3c-7d4e-8f00-112233445566)")]
pub struct ParseReviewIdError(pub String);

impl ReviewId {
    /// A new id for a review at `time`, with fresh random bits from the operating system.
    #[must_use]
    pub fn generate(time: DateTime<Utc>) -> Self {
        Self::from_parts(time, rand::random::<u128>())
    }

    /// The id for a review at `time` with the given random bits (only 74 of them are used).
    #[must_use]
    pub fn from_parts(time: DateTime<Utc>, random: u128) -> Self {
        let ms = u128::from(u64::try_from(time.timestamp_millis()).unwrap_or(0)) & 0xFFFF_FFFF_FFFF;
        Self::pack(ms, random)
    }

    /// The id of millisecond `ms` (48 bits) with the low 74 bits of `random`, laid out with
    /// the version and variant fields between them.
    fn pack(ms: u128, random: u128) -> Self {
        let rand_a = (random >> 62) & 0xFFF;
        let rand_b = random & ((1 << 62) - 1);
        let value = (ms << 80) | (0x7 << 76) | (rand_a << 64) | (0b10 << 62) | rand_b;
        Self(value.to_be_bytes())
    }

    /// An id of the same millisecond that sorts after this one: its random bits plus
    /// `1 + step % 2^32`, so ids taken this way keep their order and stay hard to guess.
    /// `None` when the millisecond's ids are used up (74 random bits, never in practice).
    #[must_use]
    pub fn next_after(&self, step: u32) -> Option<Self> {
        let value = u128::from_be_bytes(self.0);
        let random = (((value >> 64) & 0xFFF) << 62) | (value & ((1 << 62) - 1));
        let next = random.checked_add(u128::from(step) + 1)?;
        (next >> 74 == 0).then(|| Self::pack(value >> 80, next))
    }

    /// The key that every id of millisecond `ms` or later sorts at or after, and every id of
    /// an earlier millisecond before: the time alone, for range reads of the log.
    #[must_use]
    pub fn key_floor(ms: u64) -> [u8; 16] {
        (u128::from(ms) << 80).to_be_bytes()
    }

    /// The time the id carries, in Unix milliseconds.
    #[must_use]
    pub fn millis(&self) -> i64 {
        let value = u128::from_be_bytes(self.0);
        i64::try_from(value >> 80).unwrap_or(i64::MAX)
    }

    /// True when this is a version-7 UUID with the RFC 9562 variant.
    #[must_use]
    pub fn is_v7(&self) -> bool {
        self.0[6] >> 4 == 7 && self.0[8] >> 6 == 0b10
    }
}

impl fmt::Display for ReviewId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, b) in self.0.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                f.write_str("-")?;
            }
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl FromStr for ReviewId {
    type Err = ParseReviewIdError;

    /// Accepts the canonical form, 8-4-4-4-12 hexadecimal digits, in either case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let fail = || ParseReviewIdError(text.to_owned());
        let groups: Vec<&str> = text.split('-').collect();
        let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
        if lengths != [8, 4, 4, 4, 12] {
            return Err(fail());
        }
        let hex: String = groups.concat();
        let value = u128::from_str_radix(&hex, 16).map_err(|_| fail())?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(fail());
        }
        Ok(Self(value.to_be_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(ms: i64) -> DateTime<Utc> {
        DateTime::from_timestamp_millis(ms).unwrap()
    }

    #[test]
    fn carries_its_time_and_sorts_by_it() {
        let early = ReviewId::from_parts(at(1_764_000_000_000), u128::MAX);
        let late = ReviewId::from_parts(at(1_764_000_000_001), 0);
        assert!(early < late);
        assert_eq!(early.millis(), 1_764_000_000_000);
        assert!(early.is_v7() && late.is_v7());
    }

    #[test]
    fn the_next_id_sorts_after_in_the_same_millisecond() {
        let t = at(1_764_000_000_123);
        for (bits, step) in [
            (0, 0),
            (5, u32::MAX),
            ((1u128 << 62) - 1, 0),
            (123 << 62, 77),
        ] {
            let id = ReviewId::from_parts(t, bits);
            let next = id.next_after(step).unwrap();
            assert!(next > id, "{id} {next}");
            assert_eq!(next.millis(), id.millis());
            assert!(next.is_v7());
        }
        let last = ReviewId::from_parts(t, (1u128 << 74) - 1);
        assert_eq!(last.next_after(0), None);
    }

    #[test]
    fn text_round_trips() {
        let id = ReviewId::generate(at(1_764_000_000_123));
        let text = id.to_string();
        assert_eq!(text.len(), 36);
        assert_eq!(&text[14..15], "7");
        assert_eq!(text.parse::<ReviewId>(), Ok(id));
        assert_eq!(text.to_uppercase().parse::<ReviewId>(), Ok(id));
    }

    #[test]
    fn rejects_malformed_text() {
        for bad in [
            "",
            "0192f1a2",
            "0192f1a27b3c7d4e8f00112233445566",
            "0192f1a2-7b3c-7d4e-8f00-11223344556g",
            "+192f1a2-7b3c-7d4e-8f00-112233445566",
            "0192f1a2-7b3c-7d4e-8f00-112233445566-",
        ] {
            assert!(bad.parse::<ReviewId>().is_err(), "{bad}");
        }
    }

    #[test]
    fn fresh_ids_differ() {
        let t = at(1_764_000_000_000);
        assert_ne!(ReviewId::generate(t), ReviewId::generate(t));
    }
}

//! The order in which a deck's new cards are introduced: the deck's own (`deck`), or a
//! shuffle (`random`) that is the same all day and changes from one day to the next.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// How new cards are taken: `new_order` in the config file or in a deck's `[deck]` table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum NewOrder {
    /// In the order of the deck file.
    #[default]
    Deck,
    /// Shuffled by the deck's and the card's ids and the day.
    Random,
}

impl NewOrder {
    /// Where the card `card_id` of deck `deck_id` goes among the deck's new cards on day
    /// `day` (the learner's day number): 0 for every card in deck order (the card's place
    /// decides), else a number from a hash of the ids and the day, the same on every run of
    /// that day. Cards sort by it, then by their place.
    #[must_use]
    pub fn rank(self, deck_id: &str, card_id: &str, day: i64) -> u64 {
        match self {
            NewOrder::Deck => 0,
            NewOrder::Random => {
                // FNV-1a over both ids (0xff between them, never in UTF-8) and the day,
                // then SplitMix64's finaliser to spread nearby inputs.
                let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
                let bytes = deck_id.bytes().chain([0xff]).chain(card_id.bytes());
                for b in bytes.chain(day.to_le_bytes()) {
                    hash ^= u64::from(b);
                    hash = hash.wrapping_mul(0x0100_0000_01b3);
                }
                hash = (hash ^ (hash >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                hash = (hash ^ (hash >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                hash ^ (hash >> 31)
            }
        }
    }
}

impl FromStr for NewOrder {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "deck" => Ok(NewOrder::Deck),
            "random" => Ok(NewOrder::Random),
            _ => Err("`new_order` must be \"deck\" or \"random\"".to_owned()),
        }
    }
}

impl fmt::Display for NewOrder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            NewOrder::Deck => "deck",
            NewOrder::Random => "random",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::NewOrder;

    #[test]
    fn random_ranks_stay_the_same_for_a_day_and_change_the_next() {
        let ranks = |day| -> Vec<u64> {
            (0..20)
                .map(|i| NewOrder::Random.rank("d", &format!("c{i}"), day))
                .collect()
        };
        assert_eq!(ranks(100), ranks(100));
        assert_ne!(ranks(100), ranks(101));
        let mut sorted = ranks(100);
        sorted.sort_unstable();
        assert_ne!(sorted, ranks(100), "not in deck order");
        assert_eq!(NewOrder::Deck.rank("d", "c1", 100), 0);
        assert_eq!("random".parse(), Ok(NewOrder::Random));
        assert!("shuffled".parse::<NewOrder>().is_err());
        assert_eq!(NewOrder::Random.to_string(), "random");
    }
}

//! The card figures of the statistics as `--json` shows them: counts by state, the hardest
//! cards and the interval ranges. Plain data; `cards` fills them in.

use serde::Serialize;

use super::cards::State;

/// How many cards are in each state. Every card is in exactly one of the five.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StateCounts {
    /// Never answered.
    pub new: u64,
    /// In learning or relearning steps.
    pub learning: u64,
    /// In review with an interval under 21 days.
    pub young: u64,
    /// In review with an interval of 21 days or more.
    pub mature: u64,
    /// Suspended, whatever their state.
    pub suspended: u64,
    /// All of the above.
    pub total: u64,
}

impl StateCounts {
    /// Counts one more card in `state`.
    pub(super) fn add(&mut self, state: State) {
        match state {
            State::New => self.new += 1,
            State::Learning => self.learning += 1,
            State::Young => self.young += 1,
            State::Mature => self.mature += 1,
            State::Suspended => self.suspended += 1,
        }
        self.total += 1;
    }
}

/// One deck's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeckCounts {
    /// The deck's id.
    pub id: String,
    /// Its title, when the deck was loaded from a file (else null: known to the store only).
    pub title: Option<String>,
    /// Its cards by state.
    #[serde(flatten)]
    pub counts: StateCounts,
}

/// One tag's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagCounts {
    /// The tag.
    pub tag: String,
    /// The cards carrying it, by state.
    #[serde(flatten)]
    pub counts: StateCounts,
}

/// Cards by state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardStats {
    /// Every card counted.
    pub all: StateCounts,
    /// Per deck: the chosen decks in order, then the store's other decks by id.
    pub decks: Vec<DeckCounts>,
    /// Per tag, by tag name.
    pub tags: Vec<TagCounts>,
}

/// A card worth a look.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HardCard {
    /// The deck's id.
    pub deck: String,
    /// The card's id (the item id: `<id>:reverse` or `<id>:<n>` for siblings).
    pub card: String,
    /// What the card asks, as its deck file words it (null for decks not chosen).
    pub question: Option<String>,
    /// The deck file, `built-in` for the bundled deck (null for decks not chosen).
    pub path: Option<String>,
    /// The line of the card in that file (null for decks not chosen).
    pub line: Option<usize>,
    /// Times it was forgotten after graduating.
    pub lapses: u32,
    /// The chance of recalling it now (FSRS cards in review only; else null).
    pub retrievability: Option<f64>,
}

/// The hardest cards.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hardest {
    /// Cards with the most lapses (at least one), most first; suspended cards included.
    pub most_lapses: Vec<HardCard>,
    /// Unsuspended review cards least likely to be recalled now, lowest first.
    pub lowest_retrievability: Vec<HardCard>,
    /// Cards with `leech_threshold` or more lapses, suspended or not.
    pub leeches: u64,
    /// Lapses that make a card a leech (the config's `leech_threshold`).
    pub leech_threshold: u32,
}

/// A range of intervals and the review cards in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IntervalBin {
    /// The range as shown, like `8-14d`.
    pub label: &'static str,
    /// The shortest interval in the range, in days.
    pub min_days: u32,
    /// The longest interval in the range, in days (null: no limit).
    pub max_days: Option<u32>,
    /// Unsuspended review cards with such an interval.
    pub cards: u64,
}

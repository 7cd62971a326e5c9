//! The card side of the statistics: every card of the chosen decks and every card the store
//! knows elsewhere, counted by state (per deck and per tag), with the due forecast, the
//! spread of intervals and the hardest cards.
//!
//! A card of a chosen deck takes its state from the store (none: new) and its tags from the
//! file; a store row of a chosen deck that the file no longer has is an orphan and is not
//! counted. In decks that were not chosen, every row still in its deck counts, without tags.

use std::collections::{BTreeMap, HashMap};

use super::Sources;
use super::figures::{
    CardStats, DeckCounts, HardCard, Hardest, IntervalBin, StateCounts, TagCounts,
};
use super::{FORECAST_DAYS, HARDEST_LISTED, MATURE_DAYS};
use crate::deck::{Card, Content, Deck, Side, cloze};
use crate::scheduler::days::DayClock;
use crate::scheduler::fsrs::Model;
use crate::scheduler::{CardState, Memory, Phase, Settings};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};

/// The interval ranges: `(label, min, max)`.
const BINS: [(&str, u32, Option<u32>); 12] = [
    ("1d", 0, Some(1)),
    ("2d", 2, Some(2)),
    ("3-4d", 3, Some(4)),
    ("5-7d", 5, Some(7)),
    ("8-14d", 8, Some(14)),
    ("15-20d", 15, Some(20)),
    ("21-30d", 21, Some(30)),
    ("1-2mo", 31, Some(60)),
    ("2-3mo", 61, Some(90)),
    ("3-6mo", 91, Some(180)),
    ("6-12mo", 181, Some(365)),
    (">1y", 366, None),
];

/// What the card walk finds.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct CardFigures {
    pub counts: CardStats,
    pub hardest: Hardest,
    pub forecast: Vec<u64>,
    pub intervals: Vec<IntervalBin>,
    /// The mean retrievability of unsuspended FSRS review cards now.
    pub mean_retrievability: Option<f64>,
}

/// The one state a card is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum State {
    New,
    Learning,
    Young,
    Mature,
    Suspended,
}

/// Which card is counted: its deck id, item id and, from a deck file, the card and which
/// of its questions the item asks.
#[derive(Debug, Clone, Copy)]
struct Ident<'a> {
    deck: &'a str,
    card: &'a str,
    question: Option<(&'a Card, Side)>,
    path: Option<&'a str>,
}

/// Running totals over the cards.
struct Tally {
    days: DayClock,
    model: Model,
    now: DateTime<Utc>,
    today: i64,
    all: StateCounts,
    forecast: Vec<u64>,
    intervals: Vec<u64>,
    leeches: u64,
    leech_threshold: u32,
    lapsed: Vec<HardCard>,
    weakest: Vec<HardCard>,
    recall_sum: f64,
    recall_cards: u64,
}

impl Tally {
    /// Counts one card; returns its state for the deck and tag counts.
    fn add(&mut self, card: Ident<'_>, state: Option<&CardState>, suspended: bool) -> State {
        let kind = self.classify(state, suspended);
        self.all.add(kind);
        let Some(state) = state else { return kind };
        if state.lapses >= self.leech_threshold {
            self.leeches += 1;
        }
        let hard = |retrievability| {
            move || HardCard {
                deck: card.deck.to_owned(),
                card: card.card.to_owned(),
                question: card.question.map(|(c, side)| asked(c, side)),
                path: card.path.map(str::to_owned),
                line: card.question.map(|(c, _)| c.line),
                lapses: state.lapses,
                retrievability,
            }
        };
        let retrievability = self.retrievability(state);
        if state.lapses > 0 {
            let lapses = state.lapses;
            let order = |x: &HardCard| lapses.cmp(&x.lapses);
            keep_top(
                &mut self.lapsed,
                (card.deck, card.card),
                order,
                hard(retrievability),
            );
        }
        if suspended || state.phase == Phase::New {
            return kind;
        }
        let due_in = self.days.day_number(state.due) - self.today;
        if let Ok(i) = usize::try_from(due_in.max(0))
            && i < FORECAST_DAYS
        {
            self.forecast[i] += 1;
        }
        if state.phase == Phase::Review {
            let interval = self.interval(state);
            if let Some(bin) = BINS
                .iter()
                .position(|&(_, lo, hi)| interval >= lo && hi.is_none_or(|hi| interval <= hi))
            {
                self.intervals[bin] += 1;
            }
            if let Some(r) = retrievability {
                self.recall_sum += r;
                self.recall_cards += 1;
                let order = |x: &HardCard| x.retrievability.unwrap_or(0.0).total_cmp(&r);
                keep_top(
                    &mut self.weakest,
                    (card.deck, card.card),
                    order,
                    hard(Some(r)),
                );
            }
        }
        kind
    }

    fn classify(&self, state: Option<&CardState>, suspended: bool) -> State {
        if suspended {
            return State::Suspended;
        }
        match state.map(|s| (s.phase, s)) {
            None | Some((Phase::New, _)) => State::New,
            Some((Phase::Learning { .. } | Phase::Relearning { .. }, _)) => State::Learning,
            Some((Phase::Review, s)) if self.interval(s) >= MATURE_DAYS => State::Mature,
            Some((Phase::Review, _)) => State::Young,
        }
    }

    /// The interval a review card was given: learner's days from its last review to its due
    /// day.
    fn interval(&self, state: &CardState) -> u32 {
        state
            .last_review
            .map_or(0, |last| self.days.elapsed_days(last, state.due))
    }

    /// The chance of recall now of an FSRS card in review.
    fn retrievability(&self, state: &CardState) -> Option<f64> {
        let (Phase::Review, Some(Memory::Fsrs { stability, .. }), Some(last)) =
            (state.phase, state.memory, state.last_review)
        else {
            return None;
        };
        let elapsed = self.days.elapsed_days(last, self.now);
        Some(self.model.retrievability(f64::from(elapsed), stability))
    }
}

/// Puts the card `id` (deck, card) into `list` when it is among the first
/// [`HARDEST_LISTED`]; `order` says how a listed card compares with it (`Less`: the listed
/// card comes first), ties go by deck and card id. `make` builds it only when it is kept.
fn keep_top(
    list: &mut Vec<HardCard>,
    id: (&str, &str),
    order: impl Fn(&HardCard) -> std::cmp::Ordering,
    make: impl FnOnce() -> HardCard,
) {
    let at = list.partition_point(|x| {
        order(x)
            .then_with(|| x.deck.as_str().cmp(id.0))
            .then_with(|| x.card.as_str().cmp(id.1))
            .is_lt()
    });
    if at < HARDEST_LISTED {
        list.insert(at, make());
        list.truncate(HARDEST_LISTED);
    }
}

/// The chosen decks' items: by deck and item id, their index in `items`, which holds each
/// one's deck, id and card.
pub(super) struct Chosen<'d> {
    pub index: HashMap<&'d str, HashMap<String, usize>>,
    pub items: Vec<(usize, String, &'d Card, Side)>,
}

pub(super) fn chosen(decks: &[Deck]) -> Chosen<'_> {
    let mut index: HashMap<&str, HashMap<String, usize>> = HashMap::new();
    let mut items = Vec::new();
    for (d, deck) in decks.iter().enumerate() {
        let ids = index.entry(deck.id.as_str()).or_default();
        for item in deck.items() {
            let id = item.id();
            if !ids.contains_key(&id) {
                ids.insert(id.clone(), items.len());
                items.push((d, id, item.card, item.side));
            }
        }
    }
    Chosen { index, items }
}

/// The question an item asks, as a session shows it: a cloze with that deletion hidden
/// (never its `{{...}}` marks, which hold the answers), a reversed side by its back.
pub(super) fn asked(card: &Card, side: Side) -> String {
    match (&card.content, side) {
        (Content::Basic { back, .. }, Side::Reverse) => back.display(),
        (Content::Cloze { text, .. }, Side::Deletion(n)) => cloze::render(text, n),
        (content, _) => content.question().to_owned(),
    }
}

/// Walks every card once.
pub(super) fn collect(
    store: &Store,
    sources: &Sources<'_>,
    settings: &Settings,
    now: DateTime<Utc>,
) -> Result<CardFigures, StoreError> {
    let (decks, paths) = (sources.decks, sources.paths);
    let days = settings.day_clock();
    let mut tally = Tally {
        days,
        model: Model::new(settings.fsrs_parameters),
        now,
        today: days.day_number(now),
        all: StateCounts::default(),
        forecast: vec![0; FORECAST_DAYS],
        intervals: vec![0; BINS.len()],
        leeches: 0,
        leech_threshold: sources.leech_threshold,
        lapsed: Vec::new(),
        weakest: Vec::new(),
        recall_sum: 0.0,
        recall_cards: 0,
    };
    let chosen = chosen(decks);
    // The stored state and suspension of each chosen item the store knows.
    let mut known: Vec<Option<(Option<CardState>, bool)>> = vec![None; chosen.items.len()];
    let mut per_deck: Vec<StateCounts> = vec![StateCounts::default(); decks.len()];
    let mut others: BTreeMap<String, StateCounts> = BTreeMap::new();
    store.for_each_card(|row| {
        match chosen.index.get(row.deck) {
            Some(ids) => {
                if let Some(&i) = ids.get(row.card) {
                    known[i] = Some((row.state, row.suspended));
                }
            }
            None if row.present => {
                let id = Ident {
                    deck: row.deck,
                    card: row.card,
                    question: None,
                    path: None,
                };
                let kind = tally.add(id, row.state.as_ref(), row.suspended);
                match others.get_mut(row.deck) {
                    Some(counts) => counts.add(kind),
                    None => others.entry(row.deck.to_owned()).or_default().add(kind),
                }
            }
            None => {}
        }
        Ok::<_, StoreError>(())
    })?;
    let mut tags: BTreeMap<&str, StateCounts> = BTreeMap::new();
    for (&(d, ref id, card, side), known) in chosen.items.iter().zip(known) {
        let (state, suspended) = known.unwrap_or((None, false));
        let ident = Ident {
            deck: &decks[d].id,
            card: id,
            question: Some((card, side)),
            path: paths.get(d).map(String::as_str),
        };
        let kind = tally.add(ident, state.as_ref(), suspended);
        per_deck[d].add(kind);
        for tag in &card.tags {
            tags.entry(tag.as_str()).or_default().add(kind);
        }
    }
    let decks = decks
        .iter()
        .zip(per_deck)
        .map(|(deck, counts)| DeckCounts {
            id: deck.id.clone(),
            title: Some(deck.title.clone()),
            counts,
        })
        .chain(others.into_iter().map(|(id, counts)| DeckCounts {
            id,
            title: None,
            counts,
        }))
        .collect();
    let tags = tags
        .into_iter()
        .map(|(tag, counts)| TagCounts {
            tag: tag.to_owned(),
            counts,
        })
        .collect();
    Ok(CardFigures {
        counts: CardStats {
            all: tally.all,
            decks,
            tags,
        },
        hardest: Hardest {
            most_lapses: tally.lapsed,
            lowest_retrievability: tally.weakest,
            leeches: tally.leeches,
            leech_threshold: tally.leech_threshold,
        },
        forecast: tally.forecast,
        intervals: BINS
            .iter()
            .zip(tally.intervals)
            .map(|(&(label, min_days, max_days), cards)| IntervalBin {
                label,
                min_days,
                max_days,
                cards,
            })
            .collect(),
        mean_retrievability: (tally.recall_cards > 0)
            .then(|| tally.recall_sum / tally.recall_cards as f64),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hard_card_is_named_by_the_question_its_item_asks_never_by_its_answers() {
        let text = crate::deck::test_support::deck_text(
            "[[card]]\nid = \"c\"\n\
                    cloze = \"In {{1921::year}} the {{Tenth|10th}} Congress banned factions.\"\n\n\
                    [[card]]\nid = \"r\"\nfront = \"The policy of 1921\"\nback = \"NEP\"\nreverse = true\n",
        );
        let deck = crate::deck::test_support::deck(&text);
        let (cloze, reversed) = (&deck.cards[0], &deck.cards[1]);
        assert_eq!(
            asked(cloze, Side::Deletion(1)),
            "In 1921 the [...] Congress banned factions."
        );
        assert_eq!(
            asked(cloze, Side::Deletion(0)),
            "In [year] the Tenth Congress banned factions."
        );
        assert_eq!(asked(reversed, Side::Reverse), "NEP");
        assert_eq!(asked(reversed, Side::Forward), "The policy of 1921");
    }
}

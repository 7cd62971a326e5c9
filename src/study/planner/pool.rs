//! What a session learns from every card of the decks, not only the ones it asks: the
//! multiple-choice answer pool and the vocabulary of answers.

use std::sync::mpsc;

use super::PlanError;
use super::cards::wanted;
use crate::answer::{Vocabulary, answer_texts};
use crate::deck::{Card, Deck};
use crate::library::CardPack;
use crate::library::LoadedDeck;
use crate::session::distractors::OtherAnswer;
use crate::session::lexicon::Lexicon;

/// The answers of every wanted card of the decks, in order: the wrong options of multiple
/// choices that have none of their own (ranked by `session::distractors`).
pub fn distractors(decks: &[LoadedDeck], tags: &[String]) -> Result<Vec<OtherAnswer>, PlanError> {
    let mut out = Vec::new();
    for source in sources(decks)? {
        let mut add = |card: &Card| {
            if wanted(card, tags) {
                out.extend(OtherAnswer::of_card(card, &source.deck.tags));
            }
        };
        match source.pack {
            None => source.deck.cards.iter().for_each(&mut add),
            // One card at a time: a large deck's cards are never all held at once.
            Some(mut pack) => (0..pack.len())
                .map(|ord| pack.card(ord).ok_or(PlanError::Damaged(source.index)))
                .try_for_each(|card| card.map(|c| add(&c)))?,
        }
    }
    Ok(out)
}

/// Up to how many cards read from their files the words are gathered at once; past it,
/// their answers are copied into one text whose words are gathered on the thread that reads
/// the cached decks (folding every answer of 10,000 cards took about a quarter of a first
/// launch's work before the first question).
const WORDS_AT_ONCE: usize = 1000;

/// How long the words thread waits before it starts: long enough for the first question to
/// be on screen.
const WORDS_DELAY: std::time::Duration = std::time::Duration::from_millis(60);

/// The words of every answer of the decks, whatever the tags: a typed word that is one of
/// them is never forgiven as a typo of another answer. Small decks read from their files give
/// their words at once; cached decks, and large decks read from their files, give theirs on a
/// thread of its own, as reading every card of a large deck would delay the first question.
pub fn vocabulary(decks: &[LoadedDeck]) -> Lexicon {
    let read: usize = decks
        .iter()
        .filter(|d| d.cached.is_none())
        .map(|d| d.deck.cards.len())
        .sum();
    let mut now = Vocabulary::new();
    // One line per answer: the words of the lines are the words of the answers.
    let mut answers = String::new();
    // The cached decks' cards, read on the thread: reading a large pack takes time and
    // memory the first question would wait for.
    let mut packs = Vec::new();
    for loaded in decks {
        match &loaded.cached {
            None if read <= WORDS_AT_ONCE => {
                loaded.deck.cards.iter().for_each(|c| now.add_card(c));
            }
            None => loaded.deck.cards.iter().for_each(|card| {
                answer_texts(card, |text| {
                    answers.push_str(text);
                    answers.push('\n');
                });
            }),
            Some(cached) => packs.push(cached.cards.clone()),
        }
    }
    if packs.is_empty() && answers.is_empty() {
        return Lexicon::from(now);
    }
    let (send, coming) = mpsc::channel();
    std::thread::spawn(move || {
        // On two cores this work would slow the drawing of the first question; the learner
        // takes far longer to answer it than the wait, and the first judgement waits for the
        // words in any case.
        std::thread::sleep(WORDS_DELAY);
        let mut later = Vocabulary::new();
        answers.lines().for_each(|line| later.add(line));
        drop(answers);
        // A damaged pack gives no words: the checker's own list and the other decks' words
        // still apply.
        for mut pack in packs.iter().filter_map(crate::library::EntryCards::read) {
            for ord in 0..pack.len() {
                if let Some(card) = pack.card(ord) {
                    later.add_card(&card);
                }
            }
        }
        // The session may be over already; its words are then of no use.
        let _ = send.send(later);
    });
    Lexicon::with_coming(now, coming)
}

/// A deck, with its cached cards when it was not read from its file.
struct CardSource<'d> {
    index: usize,
    deck: &'d Deck,
    pack: Option<CardPack>,
}

/// Each deck with where its cards are: in the deck as read, or in its cached pack.
fn sources(decks: &[LoadedDeck]) -> Result<Vec<CardSource<'_>>, PlanError> {
    let mut out = Vec::with_capacity(decks.len());
    for (index, loaded) in decks.iter().enumerate() {
        let pack = match &loaded.cached {
            None => None,
            Some(cached) => Some(cached.cards.read().ok_or(PlanError::Damaged(index))?),
        };
        out.push(CardSource {
            index,
            deck: &loaded.deck,
            pack,
        });
    }
    Ok(out)
}

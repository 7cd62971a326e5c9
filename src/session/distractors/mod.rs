//! Wrong options for multiple choice, and for the false pairings of a quiz's true/false:
//! other cards' answers that a teacher would accept as plausible.
//!
//! Only answers of the same kind qualify — a person for a person, a place for a place, a year
//! for a year ([`kinds`] works the kind out from the card) — and of the same form (text,
//! number, month date); never one that folds (as typed answers are folded) to the right
//! answer or to one of its accepted wordings, and no two options that fold alike. They are
//! ranked by closeness:
//! - numbers and month dates by their distance from the answer (a year near the year);
//! - texts by [`shape`] first (a span of years for a span of years, a name for a name, a phrase
//!   for a phrase), then by the tags they share with the card (a card's own tag weighs three
//!   times a tag inherited from its deck, which every card of that deck carries), then by a
//!   similar length; a name that the question itself mentions gives the game away: a person
//!   or a place it names is never offered, an option of another kind sharing a name with it
//!   drops to the end.
//!
//! Options of equal rank come in an order drawn from the generator passed in, so that a seeded
//! draw stays the same forever. When the decks hold fewer plausible options than wanted, nearby
//! ones are made up where that is safe ([`synth`]: numbers, years, months, spans of years);
//! when they hold fewer of the right kind than wanted, fewer come back, never one of another
//! kind, and [`enough`] tells the caller to ask the question another way.
//!
//! Pure: no printing, no clock, no I/O.

pub mod kinds;
pub mod shape;
pub mod synth;

use std::cell::OnceCell;
use std::collections::HashSet;

use rand::Rng;
use rand::seq::SliceRandom;

use crate::answer::normalize;
use crate::deck::{Answer, AnswerKind, Card, Content};
use shape::{Class, Shape};

/// How many wrong options a multiple choice offers. With fewer of the right kind, a
/// question is asked another way; a true/false question pairs with one of as many.
pub const WANTED: usize = 3;

/// Another card's answer, a possible wrong option. Its fields are read-only, as what is
/// worked out from them is kept.
#[derive(Debug, Clone)]
pub struct OtherAnswer {
    /// The answer.
    answer: Answer,
    /// Its other accepted wordings.
    accept: Vec<String>,
    /// The card's tags: its own, then the `inherited` ones.
    tags: Vec<String>,
    /// How many of `tags`, at the end, the card inherits from its deck.
    inherited: usize,
    /// The kind of thing the answer is.
    kind: AnswerKind,
    /// The card's question: a wrong option when a reversed card is asked back to front.
    question: String,
    /// Folded forms and shape, worked out the first time the candidate is weighed (a session
    /// over a large deck may never need them).
    features: OnceCell<Features>,
}

/// The question that wrong options are wanted for.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    /// The question's text (names it mentions make poor options).
    pub prompt: &'a str,
    /// The right answer.
    pub answer: &'a Answer,
    /// Its other accepted wordings.
    pub accept: &'a [String],
    /// The card's tags.
    pub tags: &'a [String],
    /// The kind of thing the answer is: options are of this kind only.
    pub kind: AnswerKind,
}

impl<'a> Target<'a> {
    /// What wrong options are wanted for when `card` is asked front to back; `None` for
    /// other kinds of card than front/back.
    #[must_use]
    pub fn of_card(card: &'a Card) -> Option<Target<'a>> {
        let Content::Basic {
            front,
            back,
            accept,
            ..
        } = &card.content
        else {
            return None;
        };
        Some(Target {
            prompt: front,
            answer: back,
            accept,
            tags: &card.tags,
            kind: kinds::of_card(card)?,
        })
    }

    /// Whether another card's answer is of this one's kind and form.
    fn fits(&self, other: &OtherAnswer) -> bool {
        other.kind == self.kind && same_form(&other.answer, self.answer)
    }
}

impl OtherAnswer {
    /// The answer of a front/back `card` (`None` for other kinds), whose deck gives every card
    /// `deck_tags`.
    #[must_use]
    pub fn of_card(card: &Card, deck_tags: &[String]) -> Option<OtherAnswer> {
        let asked = Target::of_card(card)?;
        let inherited = if card.tags.ends_with(deck_tags) {
            deck_tags.len()
        } else {
            0
        };
        Some(OtherAnswer {
            answer: asked.answer.clone(),
            accept: asked.accept.to_vec(),
            tags: card.tags.clone(),
            inherited,
            kind: asked.kind,
            question: asked.prompt.to_owned(),
            features: OnceCell::new(),
        })
    }

    /// The kind of thing the answer is.
    #[must_use]
    pub fn kind(&self) -> AnswerKind {
        self.kind
    }

    /// How many of the card's tags (the last ones) it inherits from its deck.
    #[must_use]
    pub fn inherited(&self) -> usize {
        self.inherited
    }

    fn features(&self) -> &Features {
        self.features
            .get_or_init(|| Features::of(&self.answer, &self.accept))
    }

    /// How much the tags shared with `tags` say: 3 for each of the card's own, 1 for each
    /// inherited from its deck, at most 6.
    fn tag_score(&self, tags: &[String]) -> i64 {
        let own = self.tags.len().saturating_sub(self.inherited);
        let score: i64 = self
            .tags
            .iter()
            .enumerate()
            .filter(|(_, t)| tags.iter().any(|w| w.eq_ignore_ascii_case(t)))
            .map(|(i, _)| if i < own { 3 } else { 1 })
            .sum();
        score.min(6)
    }
}

/// What ranking needs to know of an answer.
#[derive(Debug, Clone)]
struct Features {
    /// The answer and its accepted wordings, folded.
    keys: Vec<String>,
    /// The shape of a text answer.
    shape: Option<Shape>,
}

impl Features {
    fn of(answer: &Answer, accept: &[String]) -> Features {
        let keys = std::iter::once(normalize(&answer.display()))
            .chain(accept.iter().map(|a| normalize(a)))
            .collect();
        let shape = match answer {
            Answer::Text(text) => Some(shape::of(text)),
            _ => None,
        };
        Features { keys, shape }
    }
}

/// One weighed candidate: plausible ones come first, then the higher score.
struct Ranked<'p> {
    plausible: bool,
    score: i64,
    answer: &'p Answer,
    keys: &'p [String],
}

/// Up to `count` wrong options for `target`, the most plausible first, drawn from `pool`
/// (other cards' answers) and, when it holds too few plausible ones, made up nearby.
/// Fewer (or none) when nothing of the right kind is left.
pub fn pick(
    target: &Target<'_>,
    pool: &[OtherAnswer],
    count: usize,
    rng: &mut impl Rng,
) -> Vec<Answer> {
    let own = Features::of(target.answer, target.accept);
    let prompt: HashSet<String> = shape::tokens(target.prompt).into_iter().collect();
    let mut ranked: Vec<Ranked<'_>> = pool
        .iter()
        .filter(|c| target.fits(c))
        .filter_map(|c| {
            let features = c.features();
            if overlap(&features.keys, &own.keys) || gives_away(target, features, &prompt) {
                return None;
            }
            let (plausible, score) = closeness(target, &own, &prompt, c, features);
            Some(Ranked {
                plausible,
                score,
                answer: &c.answer,
                keys: &features.keys,
            })
        })
        .collect();
    // Shuffled first, so that the stable sort leaves equals in a drawn order.
    ranked.shuffle(rng);
    ranked.sort_by(|a, b| {
        b.plausible
            .cmp(&a.plausible)
            .then_with(|| b.score.cmp(&a.score))
    });
    let mut chosen: Vec<(Answer, Vec<String>)> = Vec::with_capacity(count);
    let plausible = ranked.iter().take_while(|r| r.plausible).count();
    for r in &ranked[..plausible] {
        offer(&mut chosen, count, r.answer, r.keys);
    }
    if chosen.len() < count {
        let mut made = synth::nearby(target.answer);
        made.shuffle(rng);
        for answer in &made {
            let keys = [normalize(&answer.display())];
            if !overlap(&keys, &own.keys) {
                offer(&mut chosen, count, answer, &keys);
            }
        }
    }
    for r in &ranked[plausible..] {
        offer(&mut chosen, count, r.answer, r.keys);
    }
    chosen.into_iter().map(|(answer, _)| answer).collect()
}

/// Whether [`pick`] would find `count` wrong options for `target`: as many other answers
/// of its kind (folding apart), counting made-up ones.
#[must_use]
pub fn enough(target: &Target<'_>, pool: &[OtherAnswer], count: usize) -> bool {
    let own = Features::of(target.answer, target.accept);
    let prompt: HashSet<String> = shape::tokens(target.prompt).into_iter().collect();
    let mut found: Vec<&[String]> = Vec::with_capacity(count);
    let made: Vec<Answer> = synth::nearby(target.answer);
    let made_keys: Vec<[String; 1]> = made.iter().map(|a| [normalize(&a.display())]).collect();
    let candidates = pool
        .iter()
        .filter(|c| target.fits(c) && !gives_away(target, c.features(), &prompt))
        .map(|c| c.features().keys.as_slice())
        .chain(made_keys.iter().map(<[String; 1]>::as_slice));
    for keys in candidates {
        if found.len() >= count {
            break;
        }
        if !overlap(keys, &own.keys) && !found.iter().any(|k| overlap(k, keys)) {
            found.push(keys);
        }
    }
    found.len() >= count
}

/// Up to `count` other cards' questions, for a reversed card asked back to front as a
/// multiple choice ("which question has this answer?"): questions whose answers are of the
/// kind of `target`'s, never one that `target`'s answer also answers (its answer folds to
/// the same), those sharing the card's tags first, equals in a drawn order.
pub fn questions(
    target: &Target<'_>,
    pool: &[OtherAnswer],
    count: usize,
    rng: &mut impl Rng,
) -> Vec<String> {
    let mut found: Vec<&OtherAnswer> = other_questions(target, pool).collect();
    found.shuffle(rng);
    found.sort_by_key(|c| std::cmp::Reverse(c.tag_score(target.tags)));
    let mut chosen: Vec<String> = Vec::with_capacity(count);
    for c in found {
        if chosen.len() == count {
            break;
        }
        if !chosen.contains(&c.question) {
            chosen.push(c.question.clone());
        }
    }
    chosen
}

/// Whether [`questions`] would find `count` questions for `target`.
#[must_use]
pub fn enough_questions(target: &Target<'_>, pool: &[OtherAnswer], count: usize) -> bool {
    let mut seen: Vec<&str> = Vec::with_capacity(count);
    for c in other_questions(target, pool) {
        if !seen.contains(&c.question.as_str()) {
            seen.push(&c.question);
            if seen.len() == count {
                return true;
            }
        }
    }
    false
}

/// The cards of `pool` whose questions are wrong options for `target` asked back to front.
fn other_questions<'p>(
    target: &'p Target<'_>,
    pool: &'p [OtherAnswer],
) -> impl Iterator<Item = &'p OtherAnswer> {
    let own = Features::of(target.answer, target.accept);
    pool.iter().filter(move |c| {
        target.fits(c) && c.question != target.prompt && !overlap(&c.features().keys, &own.keys)
    })
}

/// Adds `answer` to `chosen` unless it is full or holds an option folding alike.
fn offer(chosen: &mut Vec<(Answer, Vec<String>)>, count: usize, answer: &Answer, keys: &[String]) {
    if chosen.len() < count && !chosen.iter().any(|(_, k)| overlap(k, keys)) {
        chosen.push((answer.clone(), keys.to_vec()));
    }
}

/// Whether two answers are of one form: both texts, numbers or month dates.
fn same_form(a: &Answer, b: &Answer) -> bool {
    std::mem::discriminant(a) == std::mem::discriminant(b)
}

fn overlap(a: &[String], b: &[String]) -> bool {
    a.iter().any(|x| b.contains(x))
}

/// Whether an option names a person or a place that the question itself names ("Which two
/// Bolsheviks helped Stalin…?" — Joseph Stalin): plainly wrong, it is never offered. Of
/// other kinds, a shared name is often the category ("which Party Congress" — the Fifteenth
/// Party Congress), and only ranks the option lower.
fn gives_away(target: &Target<'_>, features: &Features, prompt: &HashSet<String>) -> bool {
    matches!(target.kind, AnswerKind::Person | AnswerKind::Place)
        && features
            .shape
            .as_ref()
            .is_some_and(|s| s.names.iter().any(|n| prompt.contains(n)))
}

/// Whether `candidate` is a plausible option for `target`, and how close it is (higher is
/// closer).
fn closeness(
    target: &Target<'_>,
    own: &Features,
    prompt: &HashSet<String>,
    candidate: &OtherAnswer,
    features: &Features,
) -> (bool, i64) {
    match (target.answer, &candidate.answer) {
        (Answer::Number(a), Answer::Number(b)) => (numbers_near(*a, *b), -distance(*a, *b)),
        (Answer::Month { year, month }, Answer::Month { year: y, month: m }) => {
            let d = distance(
                i64::from(*year) * 12 + i64::from(*month),
                i64::from(*y) * 12 + i64::from(*m),
            );
            (d <= 60, -d)
        }
        _ => match (&own.shape, &features.shape) {
            (Some(mine), Some(theirs)) => {
                texts_near(mine, theirs, prompt, candidate.tag_score(target.tags))
            }
            _ => (false, 0),
        },
    }
}

fn distance(a: i64, b: i64) -> i64 {
    i64::try_from(a.abs_diff(b)).unwrap_or(i64::MAX)
}

/// Years within 50 years of each other; other numbers of the same sign at most three times
/// apart (or within 5 of zero).
fn numbers_near(a: i64, b: i64) -> bool {
    if synth::year_like(a) || synth::year_like(b) {
        return synth::year_like(a) && synth::year_like(b) && a.abs_diff(b) <= 50;
    }
    if a == 0 || b == 0 {
        return a.abs_diff(b) <= 5;
    }
    let (small, large) = if a.unsigned_abs() <= b.unsigned_abs() {
        (a.unsigned_abs(), b.unsigned_abs())
    } else {
        (b.unsigned_abs(), a.unsigned_abs())
    };
    (a > 0) == (b > 0) && large <= small.saturating_mul(3)
}

/// Two texts are near when they have the same shape and the option names nothing the question
/// mentions. The score: the same class 20, the same pattern of digits 4, an article on both or
/// neither 5, up to 6 for shared tags, minus up to 3 for a different number of words, minus 10
/// for a name the question mentions.
fn texts_near(mine: &Shape, theirs: &Shape, prompt: &HashSet<String>, tags: i64) -> (bool, i64) {
    let same = mine.class == theirs.class;
    let echo = theirs.names.iter().any(|n| prompt.contains(n));
    let mut score = tags;
    if same {
        score += 20;
        if mine.class == Class::Digits && mine.pattern == theirs.pattern {
            score += 4;
        }
    }
    // "the Politburo" is no answer to a question whose answer is "Joseph Stalin".
    if mine.article == theirs.article {
        score += 5;
    }
    score -= i64::try_from(mine.words.abs_diff(theirs.words).min(3)).unwrap_or(3);
    if echo {
        score -= 10;
    }
    (same && !echo, score)
}

#[cfg(test)]
mod tests;

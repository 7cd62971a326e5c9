//! The kind of thing an answer is — a person, a place, a body, a written work, a year... —
//! worked out from what the card already says, so that a wrong option is always an answer
//! of the same kind as the right one.
//!
//! In order, the first that speaks decides:
//! 1. the card's own `kind` field;
//! 2. the question's wording: who, where, when, why, how many, and the noun after "which"
//!    or "what" ("which body", "in which city", "what is the title of") — but for a year or
//!    a date the answer's form says which of the two it is;
//! 3. the answer's form: a number (a year or a count), a month date, a month's or a
//!    season's name, years written in a text;
//! 4. the answer's head noun ("the Central Committee", "the Finland Station");
//! 5. for a capitalised name, the card's tags ("people", "places", "institutions");
//! 6. else a statement ("he did not yet feel secure") is a reason and anything else a
//!    concept.
//!
//! Pure text inspection: no deck, no randomness.
//!
//! The nouns that name each kind are listed in `nouns`.

mod nouns;

use super::shape::{self, Class};
use super::synth;
use crate::deck::{Answer, AnswerKind, Card, Content};
use nouns::noun_kind;

/// The kind of a front/back card's answer: the one it states, else the one its wording
/// says. `None` for other kinds of card.
#[must_use]
pub fn of_card(card: &Card) -> Option<AnswerKind> {
    let Content::Basic { front, back, .. } = &card.content else {
        return None;
    };
    Some(card.kind.unwrap_or_else(|| guess(front, back, &card.tags)))
}

/// The kind of `answer` to `question`, for a card tagged `tags` that states none.
#[must_use]
pub fn guess(question: &str, answer: &Answer, tags: &[String]) -> AnswerKind {
    let asked = asked_for(question);
    let form = form_of(answer);
    let timely = |k: AnswerKind| matches!(k, AnswerKind::Year | AnswerKind::Date);
    match (asked, form) {
        // "How many men?" of 1200 is a count, though it reads as a year.
        (Some(AnswerKind::Number), Some(AnswerKind::Year | AnswerKind::Number)) => {
            AnswerKind::Number
        }
        (Some(q), Some(f)) if timely(q) || q == AnswerKind::Number => f,
        (Some(q), _) => q,
        (None, Some(f)) => f,
        (None, None) => by_answer(answer, tags),
    }
}

/// Words that ask for a kind by themselves, and what they ask for.
fn asking_word(word: &str, next: Option<&str>) -> Option<AnswerKind> {
    match word {
        "who" | "whom" | "whose" => Some(AnswerKind::Person),
        "where" => Some(AnswerKind::Place),
        "when" => Some(AnswerKind::Date),
        "why" => Some(AnswerKind::Reason),
        "how" => Some(match next {
            Some("many" | "much" | "long" | "old" | "far" | "often" | "large" | "big") => {
                AnswerKind::Number
            }
            _ => AnswerKind::Reason,
        }),
        _ => None,
    }
}

/// Verbs that, right after "what" or "which", start a clause about something else ("what
/// did the party adopt"): the noun after them is its subject, not what is asked for.
const AUXILIARIES: &[&str] = &[
    "did", "does", "do", "had", "has", "have", "will", "would", "could", "can", "should", "might",
    "may", "must", "shall",
];

/// "What is the title...": the noun after these is what is asked for.
const COPULAS: &[&str] = &["is", "was", "were", "are"];

/// Words that end the noun phrase after "which" or "what".
const STOPS: &[&str] = &[
    "of", "in", "on", "at", "to", "from", "by", "with", "for", "about", "during", "after",
    "before", "against", "into", "under", "over", "between", "the", "a", "an", "that", "this",
    "he", "she", "it", "they", "his", "her", "its", "their", "and", "or", "as", "is", "was",
    "were", "are", "did", "does", "do", "had", "has", "have",
];

/// Words to pass over between "which" and its noun: "which two of the leaders".
const LEADING: &[&str] = &[
    "of", "the", "a", "an", "these", "those", "one", "two", "three", "four", "five", "first",
    "last",
];

/// The kind the question asks for, if its wording says.
fn asked_for(question: &str) -> Option<AnswerKind> {
    let words = words(question);
    let asking = words.iter().enumerate().find(|(i, w)| {
        let relative =
            *i > 0 && words[i - 1].ends_with(',') && matches!(w.as_str(), "who" | "which");
        is_asking(w) && !relative
    });
    let bare: Vec<&str> = words.iter().map(|w| w.trim_end_matches(',')).collect();
    let Some((at, word)) = asking else {
        // "Capital of France?": the question opens with what it asks for.
        return noun_phrase(&bare);
    };
    let word = word.trim_end_matches(',');
    if let Some(kind) = asking_word(word, bare.get(at + 1).copied()) {
        return Some(kind);
    }
    let rest = &bare[at + 1..];
    match rest.first() {
        Some(w) if AUXILIARIES.contains(w) => None,
        Some(w) if COPULAS.contains(w) => noun_phrase(&rest[1..]),
        _ => noun_phrase(rest),
    }
}

fn is_asking(word: &str) -> bool {
    matches!(
        word.trim_end_matches(','),
        "who" | "whom" | "whose" | "where" | "when" | "why" | "how" | "which" | "what"
    )
}

/// The kind named by the noun phrase that `words` open with: its last noun of a known
/// kind, before the first word that ends it ("stalin-led party body decided" → body).
/// "name of", "part of" and the like look on past the "of".
fn noun_phrase(words: &[&str]) -> Option<AnswerKind> {
    let mut found = None;
    let mut seen = 0;
    let mut i = 0;
    while i < words.len() && LEADING.contains(&words[i]) {
        i += 1;
    }
    while let Some(&word) = words.get(i) {
        if LEADS_ON.contains(&word) && words.get(i + 1) == Some(&"of") {
            return noun_phrase(&words[i + 2..]).or(found);
        }
        if STOPS.contains(&word) {
            break;
        }
        match noun_kind(word) {
            Some(kind) => found = Some(kind),
            // A word after the noun is the verb: "which man wrote poems".
            None if found.is_some() => break,
            None => {}
        }
        seen += 1;
        if seen == 4 {
            break;
        }
        i += 1;
    }
    found
}

/// Nouns that say nothing of themselves and lead on to the noun that does: "the name of
/// Lenin's wife".
const LEADS_ON: &[&str] = &["name", "names"];

/// The question's words, lower-cased, split at spaces and dashes, with a possessive "'s"
/// and other punctuation taken off (a comma is kept at the end, where it tells a relative
/// "who" from an asking one).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '-' | '\u{2010}'..='\u{2015}'))
        .map(|w| {
            let comma = w.ends_with(',');
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            let w = w
                .strip_suffix("'s")
                .or_else(|| w.strip_suffix("\u{2019}s"))
                .map_or_else(|| w.clone(), str::to_owned);
            if comma { format!("{w},") } else { w }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Season names, which date an answer as a month's name does.
const SEASONS: &[&str] = &["spring", "summer", "autumn", "fall", "winter"];

/// Words that may stand between years in an answer that is only years ("1923 and 1924").
const BETWEEN_YEARS: &[&str] = &["and", "to", "or", "from", "until", "till", "between", "the"];

/// The kind an answer's own form tells: a year, a date, a count.
fn form_of(answer: &Answer) -> Option<AnswerKind> {
    match answer {
        Answer::Month { .. } => Some(AnswerKind::Date),
        Answer::Number(n) if synth::year_like(*n) => Some(AnswerKind::Year),
        Answer::Number(_) => Some(AnswerKind::Number),
        Answer::Text(text) => text_form(text),
    }
}

fn text_form(text: &str) -> Option<AnswerKind> {
    let lower = text.to_lowercase();
    let parts: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let dated = |w: &str| shape::month_index(w).is_some() || SEASONS.contains(&w);
    if !parts.is_empty()
        && parts.iter().all(|w| {
            dated(w) || BETWEEN_YEARS.contains(w) || w.parse::<i64>().is_ok_and(synth::year_like)
        })
        && parts.iter().any(|w| dated(w))
    {
        return Some(AnswerKind::Date);
    }
    let numbers: Vec<i64> = parts.iter().filter_map(|w| w.parse().ok()).collect();
    if numbers.is_empty() {
        return None;
    }
    let years_only = numbers.iter().all(|n| synth::year_like(*n))
        && parts
            .iter()
            .all(|w| w.parse::<i64>().is_ok() || BETWEEN_YEARS.contains(w) || *w == "s");
    if years_only {
        return Some(AnswerKind::Year);
    }
    if numbers.iter().any(|n| synth::year_like(*n)) {
        // "mid-1925", "early 1930s".
        return Some(AnswerKind::Date);
    }
    Some(AnswerKind::Number)
}

/// Prepositions that end an answer's head noun phrase: "the ban on factions" is a ban.
const AFTER_HEAD: &[&str] = &[
    "of", "on", "in", "to", "for", "with", "at", "by", "from", "against", "that", "which",
];

/// Pronouns that open a statement rather than name a thing.
const SUBJECTS: &[&str] = &["he", "she", "they", "it", "we", "i", "you", "because"];

/// The kind of an answer that its question and form leave open: its head noun, then its
/// tags when it is a name, else a statement or a concept.
fn by_answer(answer: &Answer, tags: &[String]) -> AnswerKind {
    let text = answer.display();
    let words = words(&text);
    let head = words
        .iter()
        .take_while(|w| !AFTER_HEAD.contains(&w.trim_end_matches(',')))
        .last();
    // A person is named, not described: "people's commissar" is a post.
    if let Some(kind) = head
        .and_then(|w| noun_kind(w.trim_end_matches(',')))
        .filter(|k| *k != AnswerKind::Person)
    {
        return kind;
    }
    if shape::of(&text).class == Class::Name
        && let Some(kind) = tags.iter().find_map(|t| tag_kind(t))
    {
        return kind;
    }
    if words
        .first()
        .is_some_and(|w| SUBJECTS.contains(&w.trim_end_matches(',')))
    {
        return AnswerKind::Reason;
    }
    AnswerKind::Concept
}

/// The kind a tag names, for the few tags that name one.
fn tag_kind(tag: &str) -> Option<AnswerKind> {
    match tag.to_lowercase().as_str() {
        "people" | "person" | "persons" | "biography" | "biographies" => Some(AnswerKind::Person),
        "places" | "place" | "geography" | "cities" | "countries" => Some(AnswerKind::Place),
        "institutions" | "institution" | "bodies" | "organizations" | "organisations"
        | "parties" => Some(AnswerKind::Body),
        "works" | "books" | "literature" => Some(AnswerKind::Work),
        "events" | "battles" | "wars" => Some(AnswerKind::Event),
        _ => None,
    }
}

#[cfg(test)]
mod tests;

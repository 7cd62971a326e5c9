//! Proper names in a sentence: runs of capitalised words ("Leon Trotsky", "Union of Soviet
//! Socialist Republics", "St. Anne's Church", "J. T. Marsh"), a capital opening a sentence
//! counted only when the text writes that word with a capital elsewhere too.

use std::collections::HashSet;
use std::ops::Range;

use super::facts::{Token, breaks_after, tokens};
use crate::deck::MONTHS;

/// Words that begin a sentence in capitals without naming anything.
pub(super) const OPENERS: &[&str] = &[
    "a",
    "after",
    "against",
    "all",
    "also",
    "although",
    "among",
    "an",
    "and",
    "as",
    "at",
    "because",
    "before",
    "between",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "even",
    "every",
    "for",
    "from",
    "he",
    "her",
    "here",
    "his",
    "however",
    "i",
    "if",
    "in",
    "instead",
    "it",
    "its",
    "later",
    "like",
    "many",
    "meanwhile",
    "most",
    "no",
    "not",
    "of",
    "on",
    "once",
    "only",
    "or",
    "our",
    "over",
    "she",
    "since",
    "so",
    "some",
    "soon",
    "still",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "thus",
    "to",
    "under",
    "unlike",
    "until",
    "upon",
    "we",
    "when",
    "where",
    "while",
    "with",
    "within",
    "without",
    "yet",
    "you",
    "what",
    "which",
    "who",
    "why",
    "how",
    "one",
    "two",
    "three",
];

/// Small words inside a name: "Union of Soviet Socialist Republics".
const CONNECTORS: &[&str] = &[
    "of", "the", "de", "von", "van", "der", "du", "la", "le", "al", "da", "di", "del", "y",
];

const WEEKDAYS: &str = "monday tuesday wednesday thursday friday saturday sunday";

/// Abbreviations a name may hold ("St. Petersburg", "Dr. Ruth Hale").
pub(super) const TITLES: &[&str] = &[
    "st", "dr", "mr", "mrs", "ms", "mt", "ft", "gen", "col", "capt", "lt", "rev", "prof", "jr",
    "sr",
];

/// Words seen with a capital inside sentences: names, even where they open one.
#[must_use]
pub fn known_names<'a>(sentences: impl Iterator<Item = &'a str>) -> HashSet<String> {
    let mut names = HashSet::new();
    for text in sentences {
        let toks = tokens(text);
        for pair in toks.windows(2) {
            let (before, t) = (&pair[0], &pair[1]);
            let opens = before.after.contains([':', '.', '!', '?']) || !t.before.is_empty();
            if !opens && capitalized(t.word) {
                names.insert(t.word.to_lowercase());
            }
        }
    }
    names
}

/// A word in capitals: `Trotsky`, `USSR`, not `I`, a month or a weekday.
pub(super) fn capitalized(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    let lower = word.to_lowercase();
    let acronym = word.chars().count() >= 2
        && word
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit() || c == '.');
    (word.chars().any(char::is_lowercase) || acronym)
        && !MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
        && !WEEKDAYS.split(' ').any(|d| d == lower)
}

pub(super) fn names(
    toks: &[Token<'_>],
    known: &HashSet<String>,
    add: &mut impl FnMut(Range<usize>),
) {
    // A capital word, or an initial ("J." of "J. T. Marsh").
    let part = |t: &Token<'_>| {
        capitalized(t.word)
            || (t.after == "."
                && t.word.chars().count() == 1
                && t.word.chars().all(char::is_uppercase))
    };
    let mut i = 0;
    while i < toks.len() {
        if !part(&toks[i]) || OPENERS.contains(&toks[i].word.to_lowercase().as_str()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end < toks.len() && !breaks_after(&toks[end - 1]) {
            let t = &toks[end];
            if !t.before.is_empty() {
                break;
            }
            if part(t) {
                end += 1;
            } else if CONNECTORS.contains(&t.word.to_lowercase().as_str())
                && !breaks_after(t)
                && toks
                    .get(end + 1)
                    .is_some_and(|n| capitalized(n.word) && n.before.is_empty())
            {
                end += 2;
            } else {
                break;
            }
        }
        // A person's title is no part of the answer ("Dr. Okafor"); a saint's is ("St. Anne").
        let run = start;
        let mut start = start;
        while end - start > 1
            && toks[start].after == "."
            && TITLES.contains(&toks[start].word.to_lowercase().as_str())
            && !matches!(toks[start].word, "St" | "Mt" | "Ft")
        {
            start += 1;
        }
        let opening = run == 0 || toks[run - 1].after.contains([':', '.', '!', '?']);
        let single = end - run == 1;
        let known_word = known.contains(&possessive_stripped(&toks[start].word.to_lowercase()));
        if !(opening && single && !known_word) && end - start <= 6 {
            add(start..end);
        }
        i = end;
    }
}

pub(super) fn possessive_stripped(word: &str) -> String {
    word.trim_end_matches("'s")
        .trim_end_matches("\u{2019}s")
        .to_owned()
}

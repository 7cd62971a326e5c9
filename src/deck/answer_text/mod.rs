//! How an answer's text reads: folded for comparison, its words and numbers however they
//! are written, the items of a list, a month date.
//!
//! This is the part of reading answers that a deck's validation needs as much as the
//! answer checker does: whether an answer is a list (`in_order` makes sense only then),
//! how a cloze blank is judged, whether a text answer is really a month date. The checker
//! in `crate::answer` builds its judgements on these readings; nothing here judges a
//! response.
//!
//! - [`normalize`]: the folded form answers are compared in.
//! - `number`: digits, number words, spoken years.
//! - `terms`: a text as words and numbers, Roman numerals and list joiners included.
//! - `month`: month dates as people type them.
//!
//! Everything here is pure: no printing, no I/O, no clock, no environment. No input makes it
//! panic.

pub(crate) mod month;
pub(crate) mod normalize;
pub(crate) mod number;
pub(crate) mod terms;

use super::model::Answer;
use terms::{Reader, Term, terms, words};

pub use normalize::normalize;

/// Typos forgiven in an answer with this many letters.
pub(crate) fn typo_allowance(letters: usize) -> usize {
    match letters {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// How a cloze blank is judged: a blank holding a whole number ("1921", "1,000", "-40"; not
/// "007" or "3.0", which stay text) as an [`Answer::Number`], one holding a month date ("January 1929") as an
/// [`Answer::Month`], any other as [`Answer::Text`], exactly as a card whose back is the same
/// text would be.
#[must_use]
pub fn blank_answer(text: &str) -> Answer {
    let digits = text.trim().trim_start_matches(['-', '+']);
    let leading_zero = digits.len() > 1 && digits.starts_with('0');
    match number::parse_digits(text).and_then(|n| n.to_i64()) {
        Some(n) if !leading_zero && !digits.contains('.') => Answer::Number(n),
        _ => Answer::from_text(text),
    }
}

/// True when an answer names several things ("Kamenev and Zinovyev", "Lenin, Trotsky"),
/// which a response may give in any order unless the card says `in_order = true`.
#[must_use]
pub fn is_list(text: &str) -> bool {
    item_count(text) > 1
}

/// How many items a list answer names ("Kamenev and Zinovyev": 2); 1 for anything else.
pub(crate) fn item_count(text: &str) -> usize {
    items(&terms(&words(text), Reader::Answer)).len().max(1)
}

/// The items of a list: the terms between joiners, empty ones left out, each without a
/// leading "the", "a" or "an" ("the Bolsheviks and the Mensheviks").
pub(crate) fn items(terms: &[Term]) -> Vec<Vec<Term>> {
    terms
        .split(|t| *t == Term::Joiner)
        .map(|item| match item {
            [Term::Word(w), rest @ ..]
                if !rest.is_empty() && matches!(w.as_str(), "the" | "a" | "an") =>
            {
                rest
            }
            _ => item,
        })
        .filter(|item| !item.is_empty())
        .map(<[Term]>::to_vec)
        .collect()
}

/// The month and year a text names, when it names both in a way a typed response may
/// ("Sept 1666", "2 September 1666", "1666-09"): what the checker compares with how a
/// card's answer is read.
#[must_use]
pub fn month_date_in(text: &str) -> Option<(u32, i32)> {
    let date = month::read_month_date(text)?;
    if date.typo {
        return None;
    }
    date.month.zip(date.year)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_told_from_texts_that_only_look_like_them() {
        for list in [
            "Kamenev and Zinovyev",
            "Lenin, Trotsky",
            "Zinovyev & Kamenev",
            "the Bolsheviks and the Mensheviks",
            "Paris; London",
        ] {
            assert!(is_list(list), "{list:?}");
        }
        for single in [
            "Trotsky",
            "one hundred and five",
            "3,5",
            "km/h",
            "AC/DC",
            "and",
            "",
        ] {
            assert!(!is_list(single), "{single:?}");
        }
        assert_eq!(item_count("Lenin, Trotsky and Stalin"), 3);
    }

    #[test]
    fn a_blank_reads_as_a_card_back_would() {
        assert_eq!(blank_answer("1921"), Answer::Number(1921));
        assert_eq!(blank_answer("1,000"), Answer::Number(1000));
        assert_eq!(blank_answer("-40"), Answer::Number(-40));
        assert_eq!(
            blank_answer("January 1929"),
            Answer::Month {
                year: 1929,
                month: 1
            }
        );
        for text in ["007", "3.0", "Trotsky", "1929-01"] {
            assert_eq!(
                blank_answer(text),
                Answer::Text(text.to_owned()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_month_date_needs_both_parts_and_no_typo() {
        assert_eq!(month_date_in("Sept 1666"), Some((9, 1666)));
        assert_eq!(month_date_in("2 September 1666"), Some((9, 1666)));
        assert_eq!(month_date_in("1666-09"), Some((9, 1666)));
        for text in ["Febuary 1666", "1666", "September", "the Great Fire"] {
            assert_eq!(month_date_in(text), None, "{text:?}");
        }
    }
}

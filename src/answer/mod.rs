//! The lenient answer checker: judges a typed response against a card's answer the way a
//! fair teacher would, and shows where a near miss went wrong.
//!
//! This module owns the rules of `recall study` and `recall quiz` for typed answers:
//! - [`normalize`]: case, accents, ß/æ/œ/ø/ł and the like, punctuation, hyphens, spacing and a
//!   leading "the/a/an" do not matter;
//! - [`check`] / [`check_text`]: the answer or any `accept` entry matches; one typo
//!   (Damerau-Levenshtein, a transposition counts as one) is forgiven in answers of 5 to 8
//!   letters and two in longer ones, never in answers of 4 letters or fewer and never in
//!   digits; numbers compare as numbers; month dates may be typed in any common form;
//! - [`check_bool`]: true/false words;
//! - [`diff`]: the character-level difference between a response and an answer.
//!
//! Everything here is pure: no printing, no I/O, no clock. No input makes it panic.

mod diff;
mod month;
mod normalize;
mod number;
#[cfg(test)]
mod tests;

use crate::deck::model::Answer;

pub use diff::{MAX_DIFF_CHARS, Segment, diff};
pub use normalize::normalize;

use month::read_month_date;
use number::{Decimal, parse_number};

/// Longest normalized response or answer, in characters, for which typos are forgiven;
/// longer texts must match exactly (keeps the distance computation cheap on pasted text).
const MAX_TYPO_CHARS: usize = 200;

/// How a response was judged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Matches the answer or an accepted alternative (after normalizing, or as a number or a
    /// month date).
    Exact,
    /// Correct but for a forgiven typo or a missing space; `expected` is the answer it was
    /// taken for, as written in the deck, so a prompt can show it and [`diff`] it.
    Typo {
        /// The matched answer as written.
        expected: String,
    },
    /// Not correct; the [`Miss`] says what was off when the checker can tell.
    Wrong(Miss),
    /// Nothing but whitespace was typed: no attempt, not correct.
    Empty,
}

impl Verdict {
    /// True for [`Verdict::Exact`] and [`Verdict::Typo`].
    #[must_use]
    pub fn is_correct(&self) -> bool {
        matches!(self, Verdict::Exact | Verdict::Typo { .. })
    }
}

/// Why a response is wrong, as far as the checker can say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Miss {
    /// Nothing more specific: a different text, or a different number.
    Differs,
    /// A number was expected and the response is not one (in digits or English words).
    NotANumber,
    /// A month date was expected and the response is not one.
    NotADate,
    /// The year is right but no month was given ("1929" for January 1929).
    MissingMonth,
    /// The month is right but no year was given ("January" for January 1929).
    MissingYear,
    /// The year is right, the month is not.
    WrongMonth,
    /// The month is right, the year is not.
    WrongYear,
    /// True or false was expected and the response is neither.
    NotTrueOrFalse,
}

/// Judges a typed response against a card's answer and its `accept` list.
///
/// - [`Answer::Text`]: as [`check_text`] with the answer and the accept entries.
/// - [`Answer::Number`]: the response read as a number (digits with optional thousands
///   separators `1,929` / `1 929` and a zero fraction `1929.0`, or English words such as
///   "twenty-one") must equal it; no typo is forgiven. Else an accept entry may match as text.
/// - [`Answer::Month`]: the response read as a month date ("January 1929", "Jan. 1929",
///   "jan 1929", "January, 1929", "Sept 1929", "1929-01", "1929-1", "01/1929", "1/1929", a
///   full date) must have both the month and the year right; a misspelt month name
///   ("Febuary") is forgiven like any typo. A year alone is wrong with
///   [`Miss::MissingMonth`] when the year is right. Else an accept entry may match as text.
#[must_use]
pub fn check(response: &str, expected: &Answer, accept: &[String]) -> Verdict {
    check_excluding(response, expected, accept, &[])
}

/// Like [`check`], for a multiple-choice card answered by typing: a response that matches
/// one of the wrong options (`distractors`) exactly, or is at least as close to one of them as
/// to the answer, is wrong, even where a typo would otherwise be forgiven.
#[must_use]
pub fn check_excluding(
    response: &str,
    expected: &Answer,
    accept: &[String],
    distractors: &[String],
) -> Verdict {
    if response.trim().is_empty() {
        return Verdict::Empty;
    }
    let accept: Vec<&str> = accept.iter().map(String::as_str).collect();
    let distractors: Vec<&str> = distractors.iter().map(String::as_str).collect();
    let from_accept = || {
        let verdict = check_text_excluding(response, &accept, &distractors);
        verdict.is_correct().then_some(verdict)
    };
    match expected {
        Answer::Text(text) => {
            let mut candidates = Vec::with_capacity(accept.len() + 1);
            candidates.push(text.as_str());
            candidates.extend_from_slice(&accept);
            check_text_excluding(response, &candidates, &distractors)
        }
        Answer::Number(n) => match parse_number(response) {
            Some(value) if value == Decimal::from_i64(*n) => Verdict::Exact,
            value => from_accept().unwrap_or(Verdict::Wrong(if value.is_some() {
                Miss::Differs
            } else {
                Miss::NotANumber
            })),
        },
        Answer::Month { year, month } => {
            let Some(date) = read_month_date(response) else {
                return from_accept().unwrap_or(Verdict::Wrong(Miss::NotADate));
            };
            let month_ok = date.month == Some(*month);
            let year_ok = date.year == Some(*year);
            let miss = match (date.month, date.year) {
                (Some(_), Some(_)) if month_ok && year_ok => {
                    return if date.typo {
                        Verdict::Typo {
                            expected: shown(expected),
                        }
                    } else {
                        Verdict::Exact
                    };
                }
                (Some(_), Some(_)) if month_ok => Miss::WrongYear,
                (Some(_), Some(_)) if year_ok => Miss::WrongMonth,
                (None, Some(_)) if year_ok => Miss::MissingMonth,
                (Some(_), None) if month_ok => Miss::MissingYear,
                _ => Miss::Differs,
            };
            from_accept().unwrap_or(Verdict::Wrong(miss))
        }
    }
}

/// Judges a typed response against the texts that count as right (the answer and its
/// accepted alternatives, a cloze deletion, a multiple-choice option typed out).
///
/// In order: an empty response is [`Verdict::Empty`]; a response equal to any candidate once
/// both are [normalized](normalize), or equal as numbers when both read as numbers (digits
/// or English words: "3" for "three"), is [`Verdict::Exact`]; otherwise the closest
/// candidate within its typo allowance gives [`Verdict::Typo`]. The allowance depends on the candidate's letters (alphabetic characters
/// of its normalized form; digits and spaces do not count): none up to 4, one from 5 to 8,
/// two from 9. Digits are never forgiven: the runs of digits (thousands separators aside)
/// must be the same in both, so "1927" never passes for "1928". Words run together or split
/// ("almaata" for "Alma-Ata") are forgiven at any length.
#[must_use]
pub fn check_text(response: &str, candidates: &[&str]) -> Verdict {
    check_text_excluding(response, candidates, &[])
}

/// Like [`check_text`], with wrong options: a response that matches one of `distractors`
/// exactly (and no candidate), or is at least as close to one of them as to the nearest
/// candidate, is [`Verdict::Wrong`].
#[must_use]
pub fn check_text_excluding(response: &str, candidates: &[&str], distractors: &[&str]) -> Verdict {
    if response.trim().is_empty() {
        return Verdict::Empty;
    }
    let typed = Folded::new(response);
    let candidates: Vec<Folded<'_>> = candidates.iter().map(|c| Folded::new(c)).collect();
    if candidates.iter().any(|c| c.text == typed.text) {
        return Verdict::Exact;
    }
    if let Some(value) = parse_number(response)
        && candidates
            .iter()
            .any(|c| parse_number(c.raw).is_some_and(|v| v == value))
    {
        return Verdict::Exact;
    }
    let distractors: Vec<Folded<'_>> = distractors.iter().map(|d| Folded::new(d)).collect();
    if distractors.iter().any(|d| d.text == typed.text) {
        return Verdict::Wrong(Miss::Differs);
    }
    let best = candidates
        .iter()
        .filter_map(|c| c.forgiven_distance(&typed).map(|d| (d, c)))
        .min_by_key(|(d, _)| *d);
    match best {
        Some((distance, candidate))
            if !distractors
                .iter()
                .any(|d| d.distance(&typed).is_some_and(|x| x <= distance)) =>
        {
            Verdict::Typo {
                expected: candidate.raw.trim().to_owned(),
            }
        }
        _ => Verdict::Wrong(Miss::Differs),
    }
}

/// Reads a true/false response: "true", "t", "yes", "y", "right", "correct" are true;
/// "false", "f", "no", "n", "wrong", "incorrect" are false (any case, punctuation aside).
/// Option numbers are the caller's business.
#[must_use]
pub fn parse_bool(response: &str) -> Option<bool> {
    match normalize(response).as_str() {
        "true" | "t" | "yes" | "y" | "right" | "correct" => Some(true),
        "false" | "f" | "no" | "n" | "wrong" | "incorrect" => Some(false),
        _ => None,
    }
}

/// Judges a true/false response (see [`parse_bool`] for the words): [`Verdict::Exact`] when
/// it says `expected`, [`Miss::Differs`] when it says the opposite,
/// [`Miss::NotTrueOrFalse`] when it says neither, [`Verdict::Empty`] when blank.
#[must_use]
pub fn check_bool(response: &str, expected: bool) -> Verdict {
    if response.trim().is_empty() {
        return Verdict::Empty;
    }
    match parse_bool(response) {
        Some(said) if said == expected => Verdict::Exact,
        Some(_) => Verdict::Wrong(Miss::Differs),
        None => Verdict::Wrong(Miss::NotTrueOrFalse),
    }
}

/// The candidate nearest to the response (normalized, by Damerau-Levenshtein distance, the
/// first of equals), for showing a near miss; `None` when there are no candidates. Texts
/// longer than 200 characters are compared by their first 200.
#[must_use]
pub fn closest<'a>(response: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let typed = Folded::new(response);
    let head = |s: &str| s.chars().take(MAX_TYPO_CHARS).collect::<String>();
    let typed_head = head(&typed.text);
    candidates
        .iter()
        .map(|c| {
            let folded = Folded::new(c);
            (
                strsim::damerau_levenshtein(&typed_head, &head(&folded.text)),
                *c,
            )
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// For a response judged [`Verdict::Typo`] or [`Verdict::Wrong`]: the expected answer to
/// show (the closest of the answer, as [`Answer::display`] writes it, and the accept entries)
/// and the [`diff`] of the response against it. `None` for a blank response or when the
/// texts are too long to align.
#[must_use]
pub fn near_miss(
    response: &str,
    expected: &Answer,
    accept: &[String],
) -> Option<(String, Vec<Segment>)> {
    if response.trim().is_empty() {
        return None;
    }
    let shown = shown(expected);
    let mut candidates = vec![shown.as_str()];
    candidates.extend(accept.iter().map(String::as_str));
    let nearest = closest(response, &candidates)?.to_owned();
    let segments = diff(response, &nearest)?;
    Some((nearest, segments))
}

/// The answer as a person reads it: [`Answer::display`], except that a month outside 1 to
/// 12 (which a validated deck never has) is shown as `year-month` instead of reaching the
/// subtraction in `display` that underflows for month 0.
fn shown(expected: &Answer) -> String {
    match expected {
        Answer::Month { year, month } if !(1..=12).contains(month) => format!("{year}-{month:02}"),
        _ => expected.display(),
    }
}

/// Typos forgiven in an answer with this many letters.
pub(crate) fn typo_allowance(letters: usize) -> usize {
    match letters {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// A text as written and as compared.
struct Folded<'a> {
    raw: &'a str,
    /// The normalized text; for a text that normalizes to nothing but is not blank ("?!"),
    /// its lower-cased words instead, so punctuation answers can still match.
    text: String,
}

impl<'a> Folded<'a> {
    fn new(raw: &'a str) -> Folded<'a> {
        let mut text = normalize(raw);
        if text.is_empty() {
            text = raw
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
        }
        Folded { raw, text }
    }

    /// The edit distance between the two texts with spaces ignored, or `None` when they are
    /// too long to compare or their digits differ.
    fn distance(&self, other: &Folded<'_>) -> Option<usize> {
        if self.text.chars().count() > MAX_TYPO_CHARS || other.text.chars().count() > MAX_TYPO_CHARS
        {
            return None;
        }
        if digit_runs(self.raw) != digit_runs(other.raw) {
            return None;
        }
        let compact = |s: &str| s.chars().filter(|c| *c != ' ').collect::<String>();
        Some(strsim::damerau_levenshtein(
            &compact(&self.text),
            &compact(&other.text),
        ))
    }

    /// The distance from the response `typed` to this candidate when it is within the
    /// candidate's typo allowance.
    fn forgiven_distance(&self, typed: &Folded<'_>) -> Option<usize> {
        let letters = self.text.chars().filter(|c| c.is_alphabetic()).count();
        let allowed = typo_allowance(letters);
        let length_gap = self
            .text
            .replace(' ', "")
            .chars()
            .count()
            .abs_diff(typed.text.replace(' ', "").chars().count());
        if length_gap > allowed {
            return None;
        }
        self.distance(typed).filter(|d| *d <= allowed)
    }
}

/// The runs of digits in a text, in order, compatibility digits folded (`１` is `1`) and
/// thousands separators inside a number skipped ("1,000" and "1 000" give one run `1000`).
fn digit_runs(text: &str) -> Vec<String> {
    let mut plain = String::with_capacity(text.len());
    for c in text.chars() {
        unicode_normalization::char::decompose_compatible(c, |d| plain.push(d));
    }
    let chars: Vec<char> = plain.chars().collect();
    let mut runs: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            current.push(c);
            continue;
        }
        let separates_thousands = !current.is_empty()
            && matches!(c, ',' | ' ' | '_' | '\'' | '’')
            && chars
                .get(i + 1..i + 4)
                .is_some_and(|next| next.iter().all(char::is_ascii_digit))
            && !chars.get(i + 4).is_some_and(char::is_ascii_digit);
        if !separates_thousands && !current.is_empty() {
            runs.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

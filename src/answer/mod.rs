//! The lenient answer checker: judges a typed response against a card's answer the way a
//! fair teacher would, and shows where a near miss went wrong.
//!
//! This module owns the rules of `recall study` and `recall quiz` for typed answers. A
//! wrong answer marked right is the worst mistake it can make, so every leniency below stops
//! where a response could mean something else.
//!
//! - [`normalize`]: case, accents, ß/æ/œ/ø/ł and the like, punctuation, hyphens, spacing and a
//!   leading "the/a/an" do not matter.
//! - Numbers are read as values however they are written, and equal values match: digits
//!   ("10", "1,000"), ordinals ("10th", "tenth", "twenty-first"), number words ("ten", "one
//!   hundred and five"), spoken years ("nineteen seventeen", "nineteen oh five") and Roman
//!   numerals. "The 10th Party Congress" is "the Tenth Party Congress", "Charles the Second"
//!   and "Charles 2" are "Charles II". Ordinal and cardinal forms of one value are alike.
//!   Different values never match, whatever the edit distance: "Ninth" is not "Tenth",
//!   "World War I" is not "World War II", a misspelt number word ("Nineth") is read as the
//!   number it is nearest to and judged by that value.
//! - A Roman numeral counts as a number in a deck's answer only where it is plausibly a
//!   regnal or series number: written in capitals, in the usual form (IV, not IIII), from 1
//!   to 89 with no C, D or M, right after a capitalised word that is not a function word
//!   ("What", "If", "And"...) or a number. So "Charles II", "World War I", "Pius XII",
//!   "Apollo XI" hold numbers; "What I Believe", "Vitamin C", "MIX", "X" alone and "charles
//!   ii" do not. A response's Roman-looking word is read either way, whichever the answer
//!   needs ("charles ii", "what i believe").
//! - Typos: one edit (Damerau-Levenshtein, a transposition counts as one) is forgiven in
//!   answers of 5 to 8 letters and two in longer ones, never in answers of 4 letters or fewer,
//!   never in digits or numbers, and never in a changed word that is a word of its own: one
//!   of the loaded decks' answers, accepted wordings, choices and blanks (a [`Vocabulary`]
//!   a session passes in through [`Context`]), or one of a small embedded list of place and
//!   person names and English words that lie a letter or two from another ("Prussia" for
//!   "Russia", "Austria" for "Australia"), its plural or singular aside ("Bolsheviks" for
//!   "Bolshevik"). A changed word must have three letters or more ("Vitamin K" is not
//!   "Vitamin C") and keep its first letter, but for letters that transliterate one sound
//!   (C/K, C/S, K/Q, S/Z, I/Y, J/Y, G/J, V/W) in words of five letters or more: real typos
//!   rarely change the first letter. Function words ("of", "and") are exempt from these two
//!   rules and never count as words of the decks.
//! - Lists: an answer naming several things, joined by "and", "&", commas, "/" or ";",
//!   matches the same items in any order, joined any of those ways ("Zinovyev & Kamenev" for
//!   "Kamenev and Zinovyev"), each item with its own typo allowance; a card whose order
//!   matters says `in_order = true`, and then only the joining words may differ. A comma
//!   between two digits ("3,5") and a slash next to a word of fewer than three letters or a
//!   number ("km/h", "1/2", "AC/DC") join no list.
//! - [`check`] / [`check_in`] / [`check_text`]: the answer or any `accept` entry (or a cloze
//!   blank's alternatives) matches; number answers compare as numbers; month dates may be
//!   typed in any common form;
//! - [`check_bool`]: true/false words;
//! - [`diff`]: the character-level difference between a response and an answer.
//!
//! How an answer's text reads (its folded form, words, numbers, list items, month dates) is
//! [`crate::deck::answer_text`], below this module; the judging is here.
//!
//! Everything here is pure: no printing, no I/O, no clock, no environment. No input makes it
//! panic.

mod diff;
mod known;
mod matching;
#[cfg(test)]
mod tests;

use crate::deck::answer_text::month::read_month_date;
use crate::deck::answer_text::number::{Decimal, parse_number};
use crate::deck::answer_text::terms;
use crate::deck::model::Answer;

pub use crate::deck::answer_text::normalize::normalize;
pub use diff::{MAX_DIFF_CHARS, Segment, diff};
pub use known::{Vocabulary, answer_texts};

use matching::{Match, Rules};

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

/// What a judgement may take into account besides the response and the card's answers.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context<'a> {
    /// Wrong options shown with a multiple choice (or the card's own `choices`): a response
    /// that matches one exactly, or is at least as close to one as to the answer, is wrong.
    pub wrong: &'a [String],
    /// The loaded decks' words: a response's word that is one of them is never taken for a
    /// typo. `None`: only the embedded list of [`Vocabulary`] applies.
    pub known: Option<&'a Vocabulary>,
    /// The answer is a list whose order matters (a card's `in_order = true`).
    pub in_order: bool,
}

/// Judges a typed response against a card's answer and its `accept` list.
///
/// - [`Answer::Text`]: as [`check_text`] with the answer and the accept entries.
/// - [`Answer::Number`]: the response read as a number (digits with optional thousands
///   separators `1,929` / `1 929` and a zero fraction `1929.0`, or English words such as
///   "twenty-one", spoken years such as "nineteen twenty-nine" and ordinals such as "10th"
///   or "tenth") must equal it; no typo is forgiven. Else an accept entry may match as text.
/// - [`Answer::Month`]: the response read as a month date ("January 1929", "Jan. 1929",
///   "jan 1929", "January, 1929", "Sept 1929", "1929-01", "1929-1", "01/1929", "1/1929", a
///   full date) must have both the month and the year right; a misspelt month name
///   ("Febuary") is forgiven like any typo. A year alone is wrong with
///   [`Miss::MissingMonth`] when the year is right. Else an accept entry may match as text.
#[must_use]
pub fn check(response: &str, expected: &Answer, accept: &[String]) -> Verdict {
    check_in(response, expected, accept, &Context::default())
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
    let context = Context {
        wrong: distractors,
        ..Context::default()
    };
    check_in(response, expected, accept, &context)
}

/// [`check`] with everything a session knows: the wrong options shown, the decks' words and
/// whether the order of a list answer matters (see [`Context`]).
#[must_use]
pub fn check_in(
    response: &str,
    expected: &Answer,
    accept: &[String],
    context: &Context<'_>,
) -> Verdict {
    if response.trim().is_empty() {
        return Verdict::Empty;
    }
    let accept: Vec<&str> = accept.iter().map(String::as_str).collect();
    let from_accept = || {
        let verdict = check_text_in(response, &accept, context);
        verdict.is_correct().then_some(verdict)
    };
    match expected {
        Answer::Text(text) => {
            let mut candidates = Vec::with_capacity(accept.len() + 1);
            candidates.push(text.as_str());
            candidates.extend_from_slice(&accept);
            check_text_in(response, &candidates, context)
        }
        Answer::Number(n) => {
            match parse_number(response).or_else(|| terms::single_number(response)) {
                Some(value) if value == Decimal::from_i64(*n) => Verdict::Exact,
                value => from_accept().unwrap_or(Verdict::Wrong(if value.is_some() {
                    Miss::Differs
                } else {
                    Miss::NotANumber
                })),
            }
        }
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
/// accepted alternatives, a cloze deletion and its alternatives, a multiple-choice option
/// typed out), by the rules of the [module docs](self).
///
/// In order: an empty response is [`Verdict::Empty`]; a response equal to any candidate once
/// both are [normalized](normalize), or equal as numbers when both read as numbers (digits,
/// English words or a spoken year: "3" for "three"), is [`Verdict::Exact`]; so is one with
/// the same words and the same numbers however written ("the 10th Party Congress" for "the
/// Tenth Party Congress", "Charles 2" for "Charles II"), and a list with the same items in
/// any order ("Zinovyev & Kamenev"). Otherwise the closest candidate within its typo
/// allowance gives [`Verdict::Typo`]. The allowance depends on the candidate's letters
/// (alphabetic characters of its words, number words aside): none up to 4, one from 5 to 8,
/// two from 9. Numbers are never forgiven, and neither is a changed word that is a word of
/// its own or starts with another letter.
#[must_use]
pub fn check_text(response: &str, candidates: &[&str]) -> Verdict {
    check_text_in(response, candidates, &Context::default())
}

/// Like [`check_text`], with wrong options: a response that matches one of `distractors`
/// exactly (and no candidate), or is at least as close to one of them as to the nearest
/// candidate, is [`Verdict::Wrong`].
#[must_use]
pub fn check_text_excluding(response: &str, candidates: &[&str], distractors: &[&str]) -> Verdict {
    let wrong: Vec<String> = distractors.iter().map(|d| (*d).to_owned()).collect();
    let context = Context {
        wrong: &wrong,
        ..Context::default()
    };
    check_text_in(response, candidates, &context)
}

/// [`check_text`] with a [`Context`].
#[must_use]
pub fn check_text_in(response: &str, candidates: &[&str], context: &Context<'_>) -> Verdict {
    if response.trim().is_empty() {
        return Verdict::Empty;
    }
    let typed = Folded::new(response);
    let folded: Vec<Folded<'_>> = candidates.iter().map(|c| Folded::new(c)).collect();
    if folded.iter().any(|c| c.text == typed.text) {
        return Verdict::Exact;
    }
    if let Some(value) = parse_number(response)
        && candidates
            .iter()
            .any(|c| parse_number(c).is_some_and(|v| v == value))
    {
        return Verdict::Exact;
    }
    let distractors: Vec<Folded<'_>> = context.wrong.iter().map(|d| Folded::new(d)).collect();
    if distractors.iter().any(|d| d.text == typed.text) {
        return Verdict::Wrong(Miss::Differs);
    }
    let rules = Rules {
        known: context.known,
        in_order: context.in_order,
    };
    let best = candidates
        .iter()
        .filter_map(|c| matching::compare(response, c, &rules).map(|m| (m, *c)))
        .min_by_key(|(m, _)| *m);
    match best {
        Some((Match::Exact, _)) => Verdict::Exact,
        Some((Match::Typo(distance), candidate))
            if !distractors
                .iter()
                .any(|d| d.distance(&typed).is_some_and(|x| x <= distance)) =>
        {
            Verdict::Typo {
                expected: candidate.trim().to_owned(),
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

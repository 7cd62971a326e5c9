//! The warnings about what makes a card bad to study, and `allow`, which silences one of
//! them on one card.
//!
//! Most are found while a card is read ([`card_warnings`]); two need the whole deck
//! ([`deck_warnings`]): an answer given away by a card met shortly before it, and two cards
//! asking the same question with different answers. Both read every text once, so `check`
//! stays linear in the size of the deck.
//!
//! The per-card warnings are in this file, the deck-wide ones in `whole_deck`.

mod whole_deck;

use std::ops::Range;

use super::cite::fold;
use super::fields::Table;
use super::model::{Answer, Content, PromptMode};
use super::report::Report;
use crate::text::escape_controls;
pub use whole_deck::{Giveaway, MAX_PHRASE_WORDS, Phrases, deck_warnings, giveaways, words};

/// Every warning a card can silence, as `allow` names it.
pub const NAMES: &[&str] = &[
    "giveaway",
    "same-question",
    "long-answer",
    "date-text",
    "quoted-bool",
    "anki-cloze",
    "cloze-hint",
    "look-alike",
    "invisible",
    "answer-in-question",
    "reverse-question",
    "in-order",
];

/// How many cards before a card its answer must not stand in: new cards come in deck order,
/// so a student reads what these say minutes before the card is asked.
pub const GIVEAWAY_REACH: usize = 5;

/// The names in a card's `allow`, one bit each.
#[derive(Debug, Default, Clone, Copy)]
pub struct Allowed(u32);

impl Allowed {
    /// True when the warning named `code` is silenced.
    #[must_use]
    pub fn has(self, code: &str) -> bool {
        NAMES
            .iter()
            .position(|n| *n == code)
            .is_some_and(|i| self.0 & (1 << i) != 0)
    }
}

/// What the deck-wide warnings need of a card besides the card: where to point, and what
/// it allows.
#[derive(Debug, Clone, Copy)]
pub struct Mark {
    /// Byte offset in the file of the card's answer (its `back` or `cloze`), or its header.
    pub anchor: usize,
    /// The card's `allow`.
    pub allowed: Allowed,
}

/// Reads a card's `allow`: names of [`NAMES`]; an unknown one is an error.
pub fn read_allow(t: &Table<'_, '_>, report: &mut Report<'_>) -> Allowed {
    let mut bits = 0;
    for name in t.text_list("allow", report).unwrap_or_default() {
        match NAMES.iter().position(|n| *n == name.value) {
            Some(i) => bits |= 1 << i,
            None => report.error(
                &name.span,
                format!(
                    "`allow` names no warning \"{}\"; expected one of: {}",
                    escape_controls(&name.value),
                    NAMES.join(", ")
                ),
            ),
        }
    }
    Allowed(bits)
}

/// The span of `key`'s value, or of the table.
fn value_span(t: &Table<'_, '_>, key: &str) -> Range<usize> {
    t.get(key)
        .map_or_else(|| t.span.clone(), toml::Spanned::span)
}

/// Warnings about one card on its own: a typed answer too long to type, a date written so
/// that it is read as text, Anki's cloze syntax, a hint that says the answer.
pub fn card_warnings(
    content: &Content,
    hint: Option<&str>,
    mode: PromptMode,
    t: &Table<'_, '_>,
    report: &mut Report<'_>,
) {
    if !report.linting {
        return;
    }
    match content {
        Content::Basic {
            back,
            accept,
            choices,
            ..
        } => {
            let span = value_span(t, "back");
            if let Answer::Text(text) = back {
                let words = text.split_whitespace().count();
                if words > super::MAX_TYPED_WORDS
                    && choices.is_empty()
                    && matches!(mode, PromptMode::Auto | PromptMode::Type)
                {
                    report.lint(
                        &span,
                        "long-answer",
                        format!(
                            "the answer has {words} words, too many to type back word for word; add `mode = \"flip\"` (recalled, then graded by the student) or shorten it"
                        ),
                    );
                }
                date_as_text(text, &span, report);
            }
            let mut answers = vec![back.display()];
            answers.extend(accept.iter().cloned());
            hint_gives_away(hint, &answers, t, report);
        }
        Content::Cloze { deletions, .. } => {
            let span = value_span(t, "cloze");
            for d in deletions {
                let Some(hint) = &d.hint else {
                    if let Answer::Text(text) = super::answer_text::blank_answer(&d.answer) {
                        date_as_text(&text, &span, report);
                    }
                    continue;
                };
                if is_anki_number(&d.answer) {
                    report.lint(
                        &span,
                        "anki-cloze",
                        format!(
                            "`{{{{{}::{}}}}}` is Anki's cloze syntax: here it asks for \"{}\", with the rest as a hint; write `{{{{{}}}}}`",
                            escape_controls(&d.answer),
                            escape_controls(hint),
                            escape_controls(&d.answer),
                            escape_controls(hint)
                        ),
                    );
                    continue;
                }
                if let Answer::Text(text) = super::answer_text::blank_answer(&d.answer) {
                    date_as_text(&text, &span, report);
                }
                let mut answers = vec![d.answer.clone()];
                answers.extend(d.accept.iter().cloned());
                if answers.iter().any(|a| fold(a) == fold(hint)) {
                    report.lint(
                        &span,
                        "cloze-hint",
                        format!(
                            "the hint of `{{{{{}}}}}` is its answer; hint at what it is (\"a church\", \"a year\") or give no hint",
                            escape_controls(&d.answer)
                        ),
                    );
                } else if let Some(said) = said_in(hint, &answers) {
                    report.lint(
                        &span,
                        "giveaway",
                        format!(
                            "the hint \"{}\" gives the answer \"{}\" away; hint at it without saying it",
                            escape_controls(hint),
                            escape_controls(said)
                        ),
                    );
                }
            }
            let answers: Vec<String> = deletions.iter().map(|d| d.answer.clone()).collect();
            hint_gives_away(hint, &answers, t, report);
        }
        Content::TrueFalse { .. } | Content::Order { .. } => {}
    }
}

/// Warns of a card's `hint` that says one of its `answers`.
fn hint_gives_away(
    hint: Option<&str>,
    answers: &[String],
    t: &Table<'_, '_>,
    report: &mut Report<'_>,
) {
    if let Some(said) = hint.and_then(|hint| said_in(hint, answers)) {
        report.lint(
            &value_span(t, "hint"),
            "giveaway",
            format!(
                "the hint gives the answer \"{}\" away; hint at it without saying it",
                escape_controls(said)
            ),
        );
    }
}

/// Warns about `back = "true"` or `"false"` in quotes: a typed answer, not a true/false card.
pub fn quoted_bool(text: &str, span: &Range<usize>, report: &mut Report<'_>) {
    if !report.linting {
        return;
    }
    let word = text.trim();
    if word.eq_ignore_ascii_case("true") || word.eq_ignore_ascii_case("false") {
        let bare = word.to_ascii_lowercase();
        report.lint(
            span,
            "quoted-bool",
            format!(
                "`back = \"{word}\"` in quotes is a typed answer, the word \"{word}\"; write `back = {bare}`, without quotes, for a true-or-false card"
            ),
        );
    }
}

/// Warns about a date the checker reads as text, where the same month and year typed
/// otherwise would be wrong ("Sept 1666" for "September 1666").
fn date_as_text(text: &str, span: &Range<usize>, report: &mut Report<'_>) {
    // A date needs a year, and a month in digits or a word that starts like a month's name:
    // most answers are passed over before month names are looked for, typos and all.
    let year = text
        .as_bytes()
        .windows(3)
        .any(|w| w.iter().all(u8::is_ascii_digit));
    let month_like = |word: &str| {
        word.get(..3).is_some_and(|start| {
            super::MONTHS
                .iter()
                .any(|m| m[..3].eq_ignore_ascii_case(start))
        })
    };
    let letters = text.chars().any(char::is_alphabetic);
    if !year || (letters && !words(text).any(month_like)) {
        return;
    }
    let Some((month, year)) = super::answer_text::month_date_in(text) else {
        return;
    };
    let name = usize::try_from(month - 1)
        .ok()
        .and_then(|m| super::MONTHS.get(m))
        .unwrap_or(&"?");
    report.lint(
        span,
        "date-text",
        format!(
            "\"{}\" is read as text, so \"{name} {year}\" typed for it would be wrong; write it \"{name} {year}\" (month and year, never a day) to have every way of writing that month accepted",
            escape_controls(text)
        ),
    );
}

/// True for Anki's cloze numbers: `c1`, `C12`.
fn is_anki_number(answer: &str) -> bool {
    let mut chars = answer.chars();
    matches!(chars.next(), Some('c' | 'C'))
        && !answer[1..].is_empty()
        && chars.all(|c| c.is_ascii_digit())
}

/// The first of `answers` that stands, as whole words, in `text`.
fn said_in<'a>(text: &str, answers: &'a [String]) -> Option<&'a str> {
    let text = fold(text);
    answers.iter().map(String::as_str).find(|a| {
        let phrase = phrase(a);
        !phrase.is_empty() && words_at(&text, &phrase).next().is_some()
    })
}

/// Where `phrase` stands in `text` as whole words.
fn words_at<'t>(text: &'t str, phrase: &'t str) -> impl Iterator<Item = usize> + 't {
    text.match_indices(phrase)
        .map(|(i, _)| i)
        .filter(move |&i| whole_words(text, i..i + phrase.len()))
}

/// True when `range` of `text` starts and ends at word boundaries.
fn whole_words(text: &str, range: Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// An answer as it is looked for in other texts: folded, without a leading article, or
/// empty when it is too short to mean anything on its own (a letter, "of").
fn phrase(answer: &str) -> String {
    let folded = fold(answer);
    let bare = ["the ", "a ", "an "]
        .iter()
        .find_map(|a| folded.strip_prefix(a))
        .unwrap_or(&folded);
    let number = bare.chars().all(|c| c.is_ascii_digit());
    if bare.chars().any(char::is_alphanumeric) && (number || bare.chars().count() >= 3) {
        bare.to_owned()
    } else {
        String::new()
    }
}

/// Warns of a Latin word holding a Cyrillic or Greek letter that looks like a Latin one (a
/// Cyrillic "а" in "Iran"): the word shows right, but a typed "Iran" never matches it.
pub fn look_alike(key: &str, text: &str, span: &Range<usize>, report: &mut Report<'_>) {
    if text.is_ascii() || !report.linting {
        return;
    }
    let latin = |c: char| {
        c.is_ascii_alphabetic() || (('\u{c0}'..='\u{24f}').contains(&c) && c.is_alphabetic())
    };
    let script = |c: char| match c {
        '\u{370}'..='\u{3ff}' => Some("Greek"),
        '\u{400}'..='\u{52f}' => Some("Cyrillic"),
        _ => None,
    };
    for word in text.split(|c: char| !c.is_alphanumeric()) {
        if !word.chars().any(latin) {
            continue;
        }
        if let Some((c, name)) = word.chars().find_map(|c| script(c).map(|s| (c, s))) {
            report.lint(
                span,
                "look-alike",
                format!(
                    "`{key}` has the {name} letter \"{c}\" (U+{:04X}) in the Latin word \"{}\", which a student's typed word never matches; retype the word with Latin letters",
                    u32::from(c),
                    escape_controls(word)
                ),
            );
            return;
        }
    }
}

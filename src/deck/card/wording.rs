//! How a card's wording reads: whether a text asks a question or is too long to type
//! back, and the warnings about an answer its own question gives away or a reversed card
//! whose answer is a question.

use std::borrow::Cow;

use crate::deck::fields::Table;
use crate::deck::model::{Answer, Content};
use crate::deck::report::Report;
use crate::text::escape_controls;

/// The most words an answer may have and still be asked typed: past it, an answer is a
/// sentence to recall, not one to type back word for word.
pub const MAX_TYPED_WORDS: usize = 8;

/// Words that open a question.
const ASKING: &[&str] = &[
    "who", "whom", "whose", "what", "which", "where", "when", "why", "how",
];

/// Whether `text` reads as a question: it ends with a question mark, or opens with a word
/// that asks ("Which body ran the party", "In what year").
#[must_use]
pub fn reads_as_question(text: &str) -> bool {
    const PREPOSITIONS: &[&str] = &[
        "in", "at", "to", "on", "from", "by", "with", "for", "under", "into", "of", "during",
    ];
    let text = text.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ')'));
    if text.ends_with('?') {
        return true;
    }
    let one_of = |list: &[&str], word: Option<&str>| {
        word.is_some_and(|w| list.iter().any(|a| a.eq_ignore_ascii_case(w)))
    };
    let mut words = text
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
    let first = words.next();
    one_of(ASKING, first) || (one_of(PREPOSITIONS, first) && one_of(ASKING, words.next()))
}

/// Whether `text`, as the answer of a reversed card, is no answer to type back: a question,
/// or a sentence of more than [`MAX_TYPED_WORDS`] words.
#[must_use]
pub fn unfit_to_type(text: &str) -> bool {
    reads_as_question(text) || text.split_whitespace().count() > MAX_TYPED_WORDS
}

/// The words of a text (its runs of letters and digits), for "answer appears in the
/// question". Cloning one is free, so a search can look ahead and come back.
#[derive(Clone)]
struct Words<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let Some((start, _)) = self.rest.char_indices().find(|(_, c)| c.is_alphanumeric()) else {
            self.rest = "";
            return None;
        };
        let word = &self.rest[start..];
        let end = word
            .char_indices()
            .find(|(_, c)| !c.is_alphanumeric())
            .map_or(word.len(), |(i, _)| i);
        self.rest = &word[end..];
        Some(&word[..end])
    }
}

/// True when two words are the same but for case (as `str::to_lowercase` sees it). Words
/// equal but for ASCII case are equal lower-cased too; plain ASCII words, nearly all of
/// them, are never lower-cased into new strings.
fn same_word(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
        || (!(a.is_ascii() && b.is_ascii()) && a.to_lowercase() == b.to_lowercase())
}

pub(super) fn warn_answer_in_question(
    content: &Content,
    t: &Table<'_, '_>,
    report: &mut Report<'_>,
) {
    let Content::Basic { front, back, .. } = content else {
        return;
    };
    let shown = match back {
        Answer::Text(text) => Cow::Borrowed(text.as_str()),
        other => Cow::Owned(other.display()),
    };
    let found = if front.is_ascii() && shown.is_ascii() {
        appears_in(
            ascii_words(front),
            ascii_words(&shown),
            [b"the".as_slice(), b"a", b"an"],
            <[u8]>::eq_ignore_ascii_case,
        )
    } else {
        appears_in(
            Words { rest: front },
            Words { rest: &shown },
            ["the", "a", "an"],
            same_word,
        )
    };
    if found {
        let span = t
            .get("back")
            .map_or_else(|| t.span.clone(), toml::Spanned::span);
        report.lint(
            &span,
            "answer-in-question",
            format!(
                "the answer \"{}\" appears word for word in the question",
                escape_controls(&shown)
            ),
        );
    }
}

/// Warns of `reverse = true` on a card whose front is a question: back to front, the answer
/// to give would be the question itself.
pub(super) fn warn_reversed_question(
    content: &Content,
    t: &Table<'_, '_>,
    report: &mut Report<'_>,
) {
    let Content::Basic {
        front,
        reverse: true,
        ..
    } = content
    else {
        return;
    };
    if !reads_as_question(front) {
        return;
    }
    let span = t.key_span("reverse").unwrap_or_else(|| t.span.clone());
    report.lint(
        &span,
        "reverse-question",
        format!(
            "`reverse = true` on a card whose front is a question: back to front, the answer to give would be the question \"{}\" itself, so that side is never asked typed, only as a flip or a choice among questions; give the card a front that names a thing, or drop `reverse`",
            escape_controls(front)
        ),
    );
}

/// The words of an ASCII text: its runs of ASCII letters and digits (the same words
/// [`Words`] finds, without decoding characters).
fn ascii_words(text: &str) -> impl Iterator<Item = &[u8]> + Clone {
    text.as_bytes()
        .split(|b| !b.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// True when the words of `answer` appear one after the other in `question`, each the
/// same by `same`; a leading article of a longer answer is left out.
fn appears_in<W: Copy>(
    mut question: impl Iterator<Item = W> + Clone,
    answer: impl Iterator<Item = W> + Clone,
    articles: [W; 3],
    same: impl Fn(W, W) -> bool,
) -> bool {
    let mut rest = answer;
    let Some(mut first) = rest.next() else {
        return false;
    };
    if articles.iter().any(|&a| same(first, a))
        && let Some(second) = rest.clone().next()
    {
        rest.next();
        first = second;
    }
    while let Some(word) = question.next() {
        if same(word, first) {
            let mut after = question.clone();
            if rest
                .clone()
                .all(|a| after.next().is_some_and(|q| same(q, a)))
            {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{Words, appears_in, ascii_words, reads_as_question, same_word, unfit_to_type};

    #[test]
    fn questions_and_sentences_are_told_from_terms() {
        for question in [
            "Which body ran the party?",
            "In what year did Lenin die",
            "Who founded the Red Army",
            "Capital of France?",
            "\"Why?\"",
        ] {
            assert!(reads_as_question(question), "{question}");
            assert!(unfit_to_type(question), "{question}");
        }
        for term in [
            "the Orgburo",
            "Orgburo",
            "people's commissar of war",
            "Whigs and Tories",
            "In the beginning",
        ] {
            assert!(!reads_as_question(term), "{term}");
            assert!(!unfit_to_type(term), "{term}");
        }
        let sentence = "the party's bureau that decided on appointments and personnel of all kinds";
        assert!(!reads_as_question(sentence) && unfit_to_type(sentence));
    }

    /// Texts of a few short words in any case, so answers often appear in questions.
    fn text() -> impl Strategy<Value = String> {
        "((the|a|an|The|AN|red|Red|blue|x1|1929|é|, |-| |\\?|'){1,8})"
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn ascii_words_find_what_words_find(question in text(), answer in text()) {
            let general = appears_in(
                Words { rest: &question },
                Words { rest: &answer },
                ["the", "a", "an"],
                same_word,
            );
            if question.is_ascii() && answer.is_ascii() {
                let ascii = appears_in(
                    ascii_words(&question),
                    ascii_words(&answer),
                    [b"the".as_slice(), b"a", b"an"],
                    <[u8]>::eq_ignore_ascii_case,
                );
                prop_assert_eq!(ascii, general);
            }
            let words: Vec<&str> = Words { rest: &question }.collect();
            let split: Vec<&str> = question
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            prop_assert_eq!(words, split);
        }
    }
}

//! Reading one `[[card]]` table: its kind, its fields, and the checks that need both.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::ops::Range;

use foldhash::{HashMap, HashSet};
use toml::de::{DeArray, DeValue};

use super::cite::{self, Source};
use super::cloze;
use super::fields::{Table, Text, check_text, type_name, wrong_type};
use super::lint::{self, Mark};
use super::model::{Answer, AnswerKind, Card, Content, Deck, PromptMode};
use super::report::Report;
use crate::text::escape_controls;

/// The keys a card may have.
pub(crate) const CARD_KEYS: &[&str] = &[
    "id", "front", "back", "accept", "choices", "reverse", "cloze", "order", "tags", "hint",
    "explain", "cite", "mode", "kind", "in_order", "allow",
];
/// The longest `cite` allowed, in words.
pub const MAX_CITE_WORDS: usize = 8;

/// Reads the cards of one deck, piece by piece, remembering ids across pieces.
pub struct CardReader<'d> {
    source: Option<&'d Source>,
    /// The line of the card that first used each id. Hashed by foldhash: seeded anew in
    /// each process like the standard hasher, and much faster on short ids.
    first_line_of: HashMap<String, usize>,
    /// Card tables seen, valid or not.
    seen: usize,
    /// The deck's tags, which every card inherits.
    deck_tags: Vec<String>,
    cards: Vec<Card>,
    /// What the deck-wide warnings need of each card of `cards`.
    marks: Vec<Mark>,
}

impl<'d> CardReader<'d> {
    /// A reader checking cites against `source`, giving each card `deck_tags` after its own.
    #[must_use]
    pub fn new(source: Option<&'d Source>, deck_tags: Vec<String>) -> Self {
        CardReader {
            source,
            first_line_of: HashMap::default(),
            seen: 0,
            deck_tags,
            cards: Vec::new(),
            marks: Vec::new(),
        }
    }

    /// The valid cards read so far from the `from`-th on, complete with the deck's tags.
    #[must_use]
    pub fn cards_from(&self, from: usize) -> &[Card] {
        self.cards.get(from..).unwrap_or_default()
    }

    /// How many valid cards were read so far.
    #[must_use]
    pub fn card_count(&self) -> usize {
        self.cards.len()
    }

    /// True when no card table has been seen.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.seen == 0
    }

    /// Reads every card of a `card` array, reporting duplicate ids across the whole deck.
    pub fn read_all(&mut self, array: &DeArray<'_>, report: &mut Report<'_>) {
        for item in array.iter() {
            let DeValue::Table(table) = item.get_ref() else {
                self.seen += 1;
                report.error(
                    &item.span(),
                    format!(
                        "a card must be a table, found {}",
                        type_name(item.get_ref())
                    ),
                );
                continue;
            };
            self.read_table(&Table::new(table, item.span(), "card"), report);
        }
    }

    /// Reads one card table, whose header is at the table's span, reporting a duplicate id.
    pub fn read_table(&mut self, table: &Table<'_, '_>, report: &mut Report<'_>) {
        self.seen += 1;
        let explicit_id = table
            .get("id")
            .and_then(|v| Some((v.get_ref().as_str()?, v.span())));
        let line = report.line_of(table.span.start);
        let card = read_card(self.source, table, line, report);
        let (id, id_span) = match (explicit_id, &card) {
            (Some(explicit), _) => explicit,
            (None, Some((card, _))) => (card.id.as_str(), table.span.clone()),
            (None, None) => return,
        };
        match self.first_line_of.entry(id.to_owned()) {
            Entry::Occupied(first) => {
                report.error(
                    &id_span,
                    format!(
                        "duplicate card id \"{}\" (first used by the card on line {})",
                        escape_controls(first.key()),
                        first.get()
                    ),
                );
                return;
            }
            Entry::Vacant(slot) => {
                slot.insert(line);
            }
        }
        if let Some((mut card, mark)) = card {
            card.tags.extend(self.deck_tags.iter().cloned());
            self.cards.push(card);
            self.marks.push(mark);
        }
    }

    /// Reports what needs every card: answers given away by a card shortly before, the same
    /// question asked twice.
    pub fn deck_warnings(&self, report: &mut Report<'_>) {
        lint::deck_warnings(&self.cards, &self.marks, report);
    }

    /// Gives `deck` the cards read.
    #[must_use]
    pub fn finish(self, mut deck: Deck) -> Deck {
        deck.cards = self.cards;
        deck
    }
}

/// Reads one card, which starts on `line`, with what the deck-wide warnings need of it, or
/// returns `None` when it has errors (all of them reported).
fn read_card(
    source: Option<&Source>,
    t: &Table<'_, '_>,
    line: usize,
    report: &mut Report<'_>,
) -> Option<(Card, Mark)> {
    let errors_before = report.diagnostics.len();
    t.reject_unknown(CARD_KEYS, report);
    let content = read_content(t, report);
    let id = t.text("id", report);
    if let Some(id) = &id {
        check_id(&id.value, &id.span, report);
    }
    let tags: Vec<String> = t
        .text_list("tags", report)
        .unwrap_or_default()
        .into_iter()
        .map(|t| t.value)
        .collect();
    let hint = t.text("hint", report).map(|t| t.value);
    let explain = t.text("explain", report).map(|t| t.value);
    let cite = t.text("cite", report);
    if let Some(c) = &cite {
        check_cite(c, source, report);
    }
    let mode = read_mode(t, report);
    let kind = read_kind(t, content.as_ref(), report);
    let in_order = t.boolean("in_order", report).unwrap_or(false);
    let allowed = lint::read_allow(t, report);
    let failed = report.diagnostics[errors_before..]
        .iter()
        .any(|d| d.severity == super::Severity::Error);
    let content = content.filter(|_| !failed)?;
    if id.is_none() {
        let derived = derived_id(content.question());
        report.warning(
            &t.span,
            format!(
                "card has no `id`; its progress is kept under \"{derived}\", which changes if the text is edited"
            ),
        );
    }
    warn_answer_in_question(&content, t, report);
    warn_reversed_question(&content, t, report);
    if in_order {
        warn_in_order_without_list(&content, t, report);
    }
    lint::card_warnings(&content, hint.as_deref(), mode, t, report);
    report.silence(errors_before, |code| allowed.has(code));
    let anchor = ["back", "cloze", "front"]
        .iter()
        .find_map(|key| t.get(key))
        .map_or_else(|| t.span.clone(), toml::Spanned::span);
    let mark = Mark {
        anchor: report.absolute(&anchor),
        allowed,
    };
    let (id, derived_id) = match id {
        Some(id) => (id.value, false),
        None => (derived_id(content.question()), true),
    };
    let card = Card {
        id,
        derived_id,
        line,
        tags,
        hint,
        explain,
        cite: cite.map(|c| c.value),
        mode,
        kind,
        in_order,
        content,
    };
    Some((card, mark))
}

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

/// Warns about `in_order = true` on a card whose answers are not lists ("A and B", "A, B"):
/// it changes nothing there.
fn warn_in_order_without_list(content: &Content, t: &Table<'_, '_>, report: &mut Report<'_>) {
    let lists = match content {
        Content::Basic { back, accept, .. } => {
            crate::answer::is_list(&back.display())
                || accept.iter().any(|a| crate::answer::is_list(a))
        }
        Content::Cloze { deletions, .. } => deletions.iter().any(|d| {
            crate::answer::is_list(&d.answer) || d.accept.iter().any(|a| crate::answer::is_list(a))
        }),
        Content::TrueFalse { .. } | Content::Order { .. } => false,
    };
    if !lists {
        let span = t.key_span("in_order").unwrap_or_else(|| t.span.clone());
        report.lint(
            &span,
            "in-order",
            "`in_order` has no effect: no answer of this card is a list (items joined by \"and\", \"&\", commas, \"/\" or \";\")",
        );
    }
}

/// Checks that a card or deck id is usable: letters, digits, `-`, `_` and `.` only.
pub fn check_id(id: &str, span: &Range<usize>, report: &mut Report<'_>) {
    if !id
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        report.error(
            span,
            format!(
                "id \"{}\" may contain only letters, digits, '-', '_' and '.'",
                escape_controls(id)
            ),
        );
    }
}

/// The id of a card that has none: a hash of its question, stable while the text is.
#[must_use]
pub fn derived_id(question: &str) -> String {
    // FNV-1a, 64-bit: tiny, stable across versions and platforms.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in question.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("card-{:08x}", hash >> 32)
}

fn read_mode(t: &Table<'_, '_>, report: &mut Report<'_>) -> PromptMode {
    let Some(mode) = t.text("mode", report) else {
        return PromptMode::Auto;
    };
    PromptMode::from_name(&mode.value).unwrap_or_else(|| {
        report.error(
            &mode.span,
            format!(
                "unknown mode \"{}\"; expected one of: {}",
                escape_controls(&mode.value),
                PromptMode::NAMES.join(", ")
            ),
        );
        PromptMode::Auto
    })
}

/// The `kind` a card states for its answer. Only a front/back card with a text or number
/// answer has one: true/false, cloze and order cards offer no wrong answers to match.
fn read_kind(
    t: &Table<'_, '_>,
    content: Option<&Content>,
    report: &mut Report<'_>,
) -> Option<AnswerKind> {
    let kind = t.text("kind", report)?;
    if let Some(content) = content
        && !matches!(content, Content::Basic { .. })
    {
        let span = t.key_span("kind").unwrap_or_else(|| kind.span.clone());
        report.error(
            &span,
            format!("`kind` does not go with a {} card", content.kind_name()),
        );
        return None;
    }
    let found = AnswerKind::from_name(&kind.value);
    if found.is_none() {
        let names: Vec<&str> = AnswerKind::ALL.iter().map(|k| k.as_str()).collect();
        report.error(
            &kind.span,
            format!(
                "unknown kind \"{}\"; expected one of: {}",
                escape_controls(&kind.value),
                names.join(", ")
            ),
        );
    }
    found
}

fn check_cite(cite: &Text, source: Option<&Source>, report: &mut Report<'_>) {
    let words = cite::word_count(&cite.value);
    if words > MAX_CITE_WORDS {
        report.error(
            &cite.span,
            format!("`cite` has {words} words; quote at most {MAX_CITE_WORDS}"),
        );
    } else if let Some(source) = source
        && !source.contains(&cite.value)
    {
        report.error(
            &cite.span,
            format!(
                "`cite` \"{}\" is not found in the source",
                escape_controls(&cite.value)
            ),
        );
    }
}

/// Reports keys that do not belong with the card's kind.
fn reject_keys(t: &Table<'_, '_>, keys: &[&str], kind: &str, report: &mut Report<'_>) {
    for key in keys {
        if let Some(span) = t.key_span(key) {
            report.error(&span, format!("`{key}` does not go with {kind}"));
        }
    }
}

fn read_content(t: &Table<'_, '_>, report: &mut Report<'_>) -> Option<Content> {
    if t.has("cloze") {
        reject_keys(
            t,
            &["front", "back", "accept", "choices", "reverse", "order"],
            "a `cloze` card",
            report,
        );
        let text = t.text("cloze", report)?;
        return match cloze::parse(&text.value) {
            Ok(deletions) => Some(Content::Cloze {
                text: text.value,
                deletions,
            }),
            Err(message) => {
                report.error(&text.span, message);
                None
            }
        };
    }
    if t.has("order") {
        reject_keys(
            t,
            &["back", "accept", "choices", "reverse", "in_order"],
            "an `order` card",
            report,
        );
        let prompt = t.required_text("front", "what to put in order", report);
        let items = read_order(t, report);
        return Some(Content::Order {
            prompt: prompt?.value,
            items: items?,
        });
    }
    if !t.has("front") && !t.has("back") {
        report.error(
            &t.span,
            "card has no question: give it `front` and `back`, a `cloze`, or `front` and `order`",
        );
        return None;
    }
    let front = t.required_text("front", "its question", report);
    let back = read_back(t, report);
    match back? {
        Back::Bool(answer) => {
            reject_keys(
                t,
                &["accept", "choices", "reverse", "in_order"],
                "a true/false card",
                report,
            );
            Some(Content::TrueFalse {
                statement: front?.value,
                answer,
            })
        }
        Back::Answer(back) => {
            let accept = t.text_list("accept", report).unwrap_or_default();
            let choices = read_choices(t, &back, &accept, report);
            let reverse = t.boolean("reverse", report).unwrap_or(false);
            Some(Content::Basic {
                front: front?.value,
                back,
                accept: accept.into_iter().map(|a| a.value).collect(),
                choices,
                reverse,
            })
        }
    }
}

enum Back {
    Bool(bool),
    Answer(Answer),
}

fn read_back(t: &Table<'_, '_>, report: &mut Report<'_>) -> Option<Back> {
    let Some(value) = t.get("back") else {
        report.error(&t.span, "card is missing `back` (its answer)");
        return None;
    };
    let span = value.span();
    match value.get_ref() {
        DeValue::String(s) => {
            let fine = check_text("back", s, &span, report);
            if fine {
                lint::quoted_bool(s, &span, report);
            }
            fine.then(|| Back::Answer(Answer::from_text(s)))
        }
        DeValue::Boolean(b) => Some(Back::Bool(*b)),
        DeValue::Integer(i) => match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
            Ok(n) => Some(Back::Answer(Answer::Number(n))),
            Err(_) => {
                report.error(&span, "`back` is too large a number");
                None
            }
        },
        other => {
            report.error(
                &span,
                wrong_type("back", "a string, an integer or true/false", other),
            );
            None
        }
    }
}

fn fold_answer(text: &str) -> String {
    cite::fold(text)
}

fn read_choices(
    t: &Table<'_, '_>,
    back: &Answer,
    accept: &[Text],
    report: &mut Report<'_>,
) -> Vec<String> {
    let Some(choices) = t.text_list("choices", report) else {
        return Vec::new();
    };
    if choices.is_empty() {
        if let Some(value) = t.get("choices") {
            report.error(
                &value.span(),
                "`choices` is empty; list the wrong options or remove it",
            );
        }
        return Vec::new();
    }
    let mut right: HashSet<String> = accept.iter().map(|a| fold_answer(&a.value)).collect();
    right.insert(fold_answer(&back.display()));
    let mut seen = HashSet::default();
    for choice in &choices {
        let folded = fold_answer(&choice.value);
        if right.contains(&folded) {
            report.error(
                &choice.span,
                format!(
                    "`choices` lists the right answer \"{}\"; list only wrong options",
                    escape_controls(&choice.value)
                ),
            );
        } else if !seen.insert(folded) {
            report.error(
                &choice.span,
                format!("`choices` repeats \"{}\"", escape_controls(&choice.value)),
            );
        }
    }
    choices.into_iter().map(|c| c.value).collect()
}

fn read_order(t: &Table<'_, '_>, report: &mut Report<'_>) -> Option<Vec<String>> {
    let value = t.get("order")?;
    let before = report.diagnostics.len();
    let items = t.text_list("order", report)?;
    if items.len() < 2 && report.diagnostics.len() == before {
        report.error(&value.span(), "`order` needs at least two items");
        return None;
    }
    let mut seen = HashSet::default();
    for item in &items {
        if !seen.insert(fold_answer(&item.value)) {
            report.error(
                &item.span,
                format!("`order` repeats \"{}\"", escape_controls(&item.value)),
            );
        }
    }
    Some(items.into_iter().map(|i| i.value).collect())
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

fn warn_answer_in_question(content: &Content, t: &Table<'_, '_>, report: &mut Report<'_>) {
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
fn warn_reversed_question(content: &Content, t: &Table<'_, '_>, report: &mut Report<'_>) {
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

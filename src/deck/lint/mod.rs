//! The warnings about what makes a card bad to study, and `allow`, which silences one of
//! them on one card.
//!
//! Most are found while a card is read ([`card_warnings`]); two need the whole deck
//! ([`deck_warnings`]): an answer given away by a card met shortly before it, and two cards
//! asking the same question with different answers. Both read every text once, so `check`
//! stays linear in the size of the deck.

use std::ops::Range;

use foldhash::HashMap;

use super::cite::fold;
use super::fields::Table;
use super::model::{Answer, Card, Content, PromptMode};
use super::report::Report;
use crate::text::escape_controls;

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
                    if let Answer::Text(text) = crate::answer::blank_answer(&d.answer) {
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
                if let Answer::Text(text) = crate::answer::blank_answer(&d.answer) {
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
    let Some((month, year)) = crate::answer::month_date_in(text) else {
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

/// The answers a card asks for, as they would be recognised in another card's text.
fn answers_of(card: &Card) -> Vec<String> {
    let mut answers = Vec::new();
    match &card.content {
        Content::Basic { back, accept, .. } => {
            answers.push(back.display());
            answers.extend(accept.iter().cloned());
        }
        Content::Cloze { deletions, .. } => {
            for d in deletions {
                answers.push(d.answer.clone());
                answers.extend(d.accept.iter().cloned());
            }
        }
        Content::TrueFalse { .. } | Content::Order { .. } => {}
    }
    answers
}

/// The texts a student reads with a card, each with the name it is reported under.
fn texts_of(card: &Card) -> Vec<(&'static str, &str)> {
    let mut texts = Vec::new();
    match &card.content {
        Content::Basic { front, choices, .. } => {
            texts.push(("front", front.as_str()));
            texts.extend(choices.iter().map(|c| ("choices", c.as_str())));
        }
        Content::TrueFalse { statement, .. } => texts.push(("front", statement.as_str())),
        Content::Cloze { text, .. } => texts.push(("cloze text", text.as_str())),
        Content::Order { prompt, items } => {
            texts.push(("front", prompt.as_str()));
            texts.extend(items.iter().map(|i| ("order", i.as_str())));
        }
    }
    texts.extend(card.hint.iter().map(|h| ("hint", h.as_str())));
    texts.extend(card.explain.iter().map(|e| ("explain", e.as_str())));
    texts
}

/// An answer of one card found in a text of a card before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Giveaway {
    /// The card whose answer is given away (an index into the deck's cards).
    pub card: usize,
    /// The card that gives it away, before it.
    pub by: usize,
    /// Which of that card's texts holds it ("front", "explain", ...).
    pub field: &'static str,
    /// The answer, as the card words it.
    pub answer: String,
}

/// Phrases to find, as whole words, in many texts at once. Each phrase is kept under its
/// words joined by single spaces; a text is read once, trying at each word the windows of
/// as many words as some phrase has. That costs the text's length times the number of
/// different phrase lengths (at most [`MAX_PHRASE_WORDS`]): linear, however many phrases.
#[derive(Debug, Default)]
pub struct Phrases {
    ids: HashMap<String, usize>,
    /// The word counts phrases have, each once.
    lengths: Vec<usize>,
}

/// The longest phrase [`Phrases`] holds, in words; a longer answer is a sentence, not a
/// term another card would repeat word for word.
pub const MAX_PHRASE_WORDS: usize = 12;

/// The words of a folded text: its runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

impl Phrases {
    /// Adds the folded `phrase` and returns its number (the same for the same words), or
    /// `None` when it has no word or more than [`MAX_PHRASE_WORDS`].
    pub fn insert(&mut self, phrase: &str) -> Option<usize> {
        let words: Vec<&str> = words(phrase).collect();
        if words.is_empty() || words.len() > MAX_PHRASE_WORDS {
            return None;
        }
        if !self.lengths.contains(&words.len()) {
            self.lengths.push(words.len());
        }
        let next = self.ids.len();
        Some(*self.ids.entry(words.join(" ")).or_insert(next))
    }

    /// Calls `found` with the number of every phrase standing in `text` (a slice of words
    /// of folded text), with the index of its first word and its word count.
    pub fn find(&self, text: &[&str], mut found: impl FnMut(usize, usize, usize)) {
        let mut key = String::new();
        for start in 0..text.len() {
            for &len in &self.lengths {
                let Some(window) = text.get(start..start + len) else {
                    continue;
                };
                key.clear();
                for (i, word) in window.iter().enumerate() {
                    if i > 0 {
                        key.push(' ');
                    }
                    key.push_str(word);
                }
                if let Some(&id) = self.ids.get(&key) {
                    found(id, start, len);
                }
            }
        }
    }
}

/// For every card, the nearest card at most `reach` cards before it whose texts hold one of
/// its answers as whole words. Every text is read once against all answers at a time.
#[must_use]
pub fn giveaways(cards: &[Card], reach: usize) -> Vec<Giveaway> {
    let mut phrases = Phrases::default();
    let mut wordings: Vec<String> = Vec::new();
    // For each phrase, the cards asking for it, in deck order.
    let mut owners: Vec<Vec<usize>> = Vec::new();
    for (i, card) in cards.iter().enumerate() {
        for answer in answers_of(card) {
            let Some(id) = phrases.insert(&phrase(&answer)) else {
                continue;
            };
            if id == owners.len() {
                wordings.push(answer);
                owners.push(Vec::new());
            }
            if owners[id].last() != Some(&i) {
                owners[id].push(i);
            }
        }
    }
    let mut found: Vec<Option<Giveaway>> = vec![None; cards.len()];
    if owners.is_empty() || reach == 0 {
        return Vec::new();
    }
    for (by, card) in cards.iter().enumerate() {
        for (field, text) in texts_of(card) {
            let text = fold(text);
            let text: Vec<&str> = words(&text).collect();
            phrases.find(&text, |id, _, _| {
                let list = &owners[id];
                let first = list.partition_point(|&c| c <= by);
                for &owner in list[first..]
                    .iter()
                    .take_while(|&&c| c <= by.saturating_add(reach))
                {
                    // Texts are read in deck order, so the last one found is the nearest.
                    found[owner] = Some(Giveaway {
                        card: owner,
                        by,
                        field,
                        answer: wordings[id].clone(),
                    });
                }
            });
        }
    }
    found.into_iter().flatten().collect()
}

/// The warnings that need the whole deck: answers given away by a card shortly before, and
/// the same question asked twice with different answers. `marks` go with `cards`.
pub fn deck_warnings(cards: &[Card], marks: &[Mark], report: &mut Report<'_>) {
    if !report.linting {
        return;
    }
    for g in giveaways(cards, GIVEAWAY_REACH) {
        let mark = marks[g.card];
        if mark.allowed.has("giveaway") {
            continue;
        }
        let by = &cards[g.by];
        let before = g.card - g.by;
        report.lint_at(
            mark.anchor,
            "giveaway",
            format!(
                "the answer \"{}\" stands in the {} of card \"{}\" (line {}), {} earlier: a student reads it just before being asked; reword that text, or move a card",
                escape_controls(&g.answer),
                g.field,
                escape_controls(&by.id),
                by.line,
                if before == 1 {
                    "one card".to_owned()
                } else {
                    format!("{before} cards")
                },
            ),
        );
    }
    // The first card asking each question, true/false statements apart from questions.
    let mut asked: HashMap<(bool, String), usize> = HashMap::default();
    for (i, card) in cards.iter().enumerate() {
        let key = match &card.content {
            Content::Basic { front, .. } => (false, fold(front)),
            Content::TrueFalse { statement, .. } => (true, fold(statement)),
            Content::Cloze { .. } | Content::Order { .. } => continue,
        };
        let Some(&first) = asked.get(&key) else {
            asked.insert(key, i);
            continue;
        };
        let other = &cards[first];
        let one_answer = |a: &Card, b: &Card| {
            let shown = fold(&a.content_answer());
            answers_of(b).iter().any(|w| fold(w) == shown)
        };
        let same = match (&card.content, &other.content) {
            (Content::TrueFalse { answer: a, .. }, Content::TrueFalse { answer: b, .. }) => a == b,
            _ => one_answer(card, other) || one_answer(other, card),
        };
        if !same && !marks[i].allowed.has("same-question") {
            report.lint_at(
                marks[i].anchor,
                "same-question",
                format!(
                    "card \"{}\" (line {}) asks the same question and expects \"{}\"; a student cannot tell which answer is wanted: ask them apart, or merge the two cards",
                    escape_controls(&other.id),
                    other.line,
                    escape_controls(&other.content_answer())
                ),
            );
        }
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

impl Card {
    /// The answer a card is shown with, for messages.
    fn content_answer(&self) -> String {
        match &self.content {
            Content::Basic { back, .. } => back.display(),
            Content::TrueFalse { answer, .. } => answer.to_string(),
            Content::Cloze { .. } | Content::Order { .. } => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{GIVEAWAY_REACH, Giveaway, giveaways};
    use crate::deck::{Options, parse};

    fn deck(body: &str) -> Vec<crate::deck::Card> {
        let text = format!("[deck]\ntitle = \"T\"\n{body}");
        parse(&text, "d.toml", "d", Options::default())
            .deck
            .expect("a valid deck")
            .cards
    }

    fn card(id: &str, front: &str, back: &str, explain: &str) -> String {
        format!(
            "[[card]]\nid = \"{id}\"\nfront = \"{front}\"\nback = \"{back}\"\nexplain = \"{explain}\"\n"
        )
    }

    #[test]
    fn only_the_cards_shortly_before_give_an_answer_away_and_the_nearest_is_named() {
        let mut body = card("a", "Q a?", "Pudding Lane", "A bakery in Pudding Lane.");
        body += &card("b", "Q b?", "Thomas Farriner", "Near Pudding Lane.");
        body += &card("c", "Where did it start?", "Pudding Lane", "x");
        // The answer of "d" stands only after it, which reminds, not gives away.
        body += &card("d", "Who was mayor?", "Bloodworth", "x");
        body += &card("e", "Q e?", "x1", "Bloodworth shrugged.");
        let cards = deck(&body);
        assert_eq!(
            giveaways(&cards, GIVEAWAY_REACH),
            [Giveaway {
                card: 2,
                by: 1,
                field: "explain",
                answer: "Pudding Lane".into()
            }]
        );
        assert!(giveaways(&cards, 0).is_empty());
    }

    #[test]
    fn answers_are_found_as_whole_words_without_articles_and_far_cards_are_out_of_reach() {
        let mut body = card("a", "Q a?", "x1", "The Orgburo made personnel decisions.");
        for i in 0..GIVEAWAY_REACH {
            body += &card(&format!("f{i}"), "Q?", &format!("y{i}"), "Nothing here.");
        }
        body += &card("b", "Which bureau?", "the Orgburo", "x");
        body += &card("c", "Q c?", "x2", "Orgburos and a burgomaster.");
        body += &card("d", "Which post?", "burgomaster", "x");
        let cards = deck(&body);
        let found: Vec<(usize, usize)> = giveaways(&cards, GIVEAWAY_REACH)
            .iter()
            .map(|g| (g.card, g.by))
            .collect();
        assert_eq!(found, [(GIVEAWAY_REACH + 3, GIVEAWAY_REACH + 2)]);
        assert_eq!(giveaways(&cards, GIVEAWAY_REACH + 1).len(), 2);
    }
}

//! The deck-wide warnings, which need every card: an answer given away by a card met
//! shortly before it, and two cards asking the same question with different answers.
//! [`Phrases`] finds many answers in many texts in one reading of each text.

use foldhash::HashMap;

use super::{GIVEAWAY_REACH, Mark, phrase};
use crate::deck::cite::fold;
use crate::deck::model::{Card, Content};
use crate::deck::report::Report;
use crate::text::escape_controls;

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
    use crate::deck::test_support;

    fn deck(body: &str) -> Vec<crate::deck::Card> {
        test_support::deck(&test_support::deck_text(body)).cards
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

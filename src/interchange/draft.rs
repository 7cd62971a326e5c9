//! A deck being made from another tool's cards: plain values, written out as TOML by the
//! `toml` crate's serializer (so every string is quoted and escaped as TOML wants), and
//! read back from a checked [`Deck`] for export.
//!
//! Ids are made from the card text: [`crate::deck::derived_id`] of the card's question (its
//! front, cloze text or ordering prompt), with `-2`, `-3` … added in file order to a card
//! whose question an earlier card already has. The same text gives the same id on every
//! import, so progress follows a card re-imported from an updated file.

use serde::Serialize;

use crate::deck::{Answer, Card, Content, Deck, PromptMode};

/// A deck's own fields.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DraftHeader {
    /// Required by the deck format.
    pub title: String,
    /// What the cards were brought in from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// What the cards were written from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Tags of every card.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// A card's answer as the deck format writes it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum DraftBack {
    /// Text (a month date is text too).
    Text(String),
    /// A whole number.
    Number(i64),
    /// True or false.
    Bool(bool),
}

/// One card, with the keys of the deck format; empty keys are left out.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DraftCard {
    /// Filled by [`DraftDeck::assign_ids`] when empty.
    pub id: String,
    /// The question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub front: Option<String>,
    /// The answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub back: Option<DraftBack>,
    /// Other typed answers.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub accept: Vec<String>,
    /// Wrong options.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
    /// Also asked back to front.
    #[serde(skip_serializing_if = "is_false")]
    pub reverse: bool,
    /// Cloze text in recall's syntax.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cloze: Option<String>,
    /// Items in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub order: Vec<String>,
    /// The card's own tags.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Shown before answering.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Shown after answering.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain: Option<String>,
    /// A phrase of the source.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cite: Option<String>,
    /// How a session asks it (`auto` is left out).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// What the answer is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The answer's list is ordered.
    #[serde(skip_serializing_if = "is_false")]
    pub in_order: bool,
    /// A picture with the question.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// What it shows, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image_alt: Option<String>,
    /// A picture with the answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub back_image: Option<String>,
    /// What it shows, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub back_image_alt: Option<String>,
    /// A picture with the explanation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain_image: Option<String>,
    /// What it shows, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub explain_image_alt: Option<String>,
}

#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_false(b: &bool) -> bool {
    !*b
}

/// A whole deck.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DraftDeck {
    /// The `[deck]` table.
    pub deck: DraftHeader,
    /// The `[[card]]` tables.
    pub card: Vec<DraftCard>,
}

impl DraftCard {
    /// The card's pictures, each as its file and alt text: the front's, the back's and the
    /// explanation's.
    pub fn pictures_mut(&mut self) -> [(&mut Option<String>, &mut Option<String>); 3] {
        [
            (&mut self.image, &mut self.image_alt),
            (&mut self.back_image, &mut self.back_image_alt),
            (&mut self.explain_image, &mut self.explain_image_alt),
        ]
    }

    /// The text ids are made from.
    #[must_use]
    pub fn question(&self) -> &str {
        self.cloze
            .as_deref()
            .or(self.front.as_deref())
            .unwrap_or_default()
    }

    /// The card as a checked deck holds it, its deck's tags dropped from its own.
    #[must_use]
    pub fn of_card(card: &Card, deck_tags: &[String]) -> DraftCard {
        let own = card
            .tags
            .strip_suffix(deck_tags)
            .unwrap_or(card.tags.as_slice());
        let mut draft = DraftCard {
            id: card.id.clone(),
            tags: own.to_vec(),
            hint: card.hint.clone(),
            explain: card.explain.clone(),
            cite: card.cite.clone(),
            mode: match card.mode {
                PromptMode::Auto => None,
                other => Some(other.name().to_owned()),
            },
            kind: card.kind.map(|k| k.as_str().to_owned()),
            in_order: card.in_order,
            ..DraftCard::default()
        };
        match &card.content {
            Content::Basic {
                front,
                back,
                accept,
                choices,
                reverse,
            } => {
                draft.front = Some(front.clone());
                draft.back = Some(match back {
                    Answer::Number(n) => DraftBack::Number(*n),
                    other => DraftBack::Text(other.display()),
                });
                draft.accept.clone_from(accept);
                draft.choices.clone_from(choices);
                draft.reverse = *reverse;
            }
            Content::TrueFalse { statement, answer } => {
                draft.front = Some(statement.clone());
                draft.back = Some(DraftBack::Bool(*answer));
            }
            Content::Cloze { text, .. } => draft.cloze = Some(text.clone()),
            Content::Order { prompt, items } => {
                draft.front = Some(prompt.clone());
                draft.order.clone_from(items);
            }
        }
        draft
    }
}

impl DraftDeck {
    /// The deck as the exports see it.
    #[must_use]
    pub fn of_deck(deck: &Deck) -> DraftDeck {
        DraftDeck {
            deck: DraftHeader {
                title: deck.title.clone(),
                description: deck.description.clone(),
                source: deck.source.clone(),
                tags: deck.tags.clone(),
            },
            card: deck
                .cards
                .iter()
                .map(|c| DraftCard::of_card(c, &deck.tags))
                .collect(),
        }
    }

    /// Gives every card without an id one made from its text (see the module documentation),
    /// never one another card has.
    pub fn assign_ids(&mut self) {
        let mut taken: std::collections::HashSet<String> = self
            .card
            .iter()
            .filter(|c| !c.id.is_empty())
            .map(|c| c.id.clone())
            .collect();
        for card in &mut self.card {
            if !card.id.is_empty() {
                continue;
            }
            let base = crate::deck::derived_id(card.question());
            let mut id = base.clone();
            let mut n = 1;
            while taken.contains(&id) {
                n += 1;
                id = format!("{base}-{n}");
            }
            taken.insert(id.clone());
            card.id = id;
        }
    }

    /// The deck as TOML text.
    ///
    /// # Errors
    /// What the serializer refuses (nothing a draft holds should be).
    pub fn to_toml(&self) -> Result<String, String> {
        toml::to_string(self).map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_the_text_and_repeats_are_numbered() {
        let card = |front: &str| DraftCard {
            front: Some(front.into()),
            back: Some(DraftBack::Text("b".into())),
            ..DraftCard::default()
        };
        let mut deck = DraftDeck {
            deck: DraftHeader {
                title: "t \"q\" \\ \u{7f}".into(),
                ..DraftHeader::default()
            },
            card: vec![card("Same"), card("Other"), card("Same")],
        };
        deck.assign_ids();
        let base = crate::deck::derived_id("Same");
        assert_eq!(deck.card[0].id, base);
        assert_eq!(deck.card[2].id, format!("{base}-2"));
        let text = deck.to_toml().unwrap();
        let back: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(back["deck"]["title"].as_str(), Some("t \"q\" \\ \u{7f}"));
    }
}

//! The validated deck: what the rest of recall works with once a file has passed `check`.

use serde::{Deserialize, Serialize};

/// A deck read from one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deck {
    /// Stable identity of the deck: `[deck] id`, else the file stem.
    pub id: String,
    /// Human title.
    pub title: String,
    /// Optional longer description.
    pub description: Option<String>,
    /// What the cards were written from, shown after answers.
    pub source: Option<String>,
    /// Tags every card inherits.
    pub tags: Vec<String>,
    /// The scheduler the deck asks for (`fsrs`, `sm2` or `leitner`), if any.
    pub scheduler: Option<String>,
    /// The order of new cards the deck asks for, if any (else the config file's).
    pub new_order: Option<super::NewOrder>,
    /// The cards, in file order.
    pub cards: Vec<Card>,
}

/// One `[[card]]` table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Card {
    /// Unique within the deck; progress follows it.
    pub id: String,
    /// True when the file gave no id and it was derived from the text.
    pub derived_id: bool,
    /// 1-based line of the card's `[[card]]` header, for opening an editor there.
    pub line: usize,
    /// The card's own tags followed by the deck's.
    pub tags: Vec<String>,
    /// Shown on request before answering.
    pub hint: Option<String>,
    /// Shown after the answer.
    pub explain: Option<String>,
    /// A short phrase of the source supporting the card.
    pub cite: Option<String>,
    /// How a session should ask it.
    pub mode: PromptMode,
    /// The kind of thing its answer is, when the author states it (`kind = "person"`);
    /// `None` leaves it to be worked out from the card's wording.
    #[serde(default)]
    pub kind: Option<AnswerKind>,
    /// The answer is a list whose order matters (`in_order = true`): its items must be typed
    /// in the order given. Lists match in any order otherwise.
    pub in_order: bool,
    /// Its pictures (`image`, `back_image`, `explain_image`), each with an alt text.
    #[serde(default, skip_serializing_if = "super::Pictures::is_empty")]
    pub pictures: super::Pictures,
    /// What the card asks.
    pub content: Content,
}

/// The kind of thing an answer is: wrong options and false pairings of a quiz are answers
/// of the same kind as the right one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AnswerKind {
    /// A person, or people: "Joseph Stalin", "Kamenev and Zinovyev".
    Person,
    /// A place: a town, country, region, building.
    Place,
    /// A body: a party, committee, council, army, organization, congress.
    Body,
    /// A written work: a book, pamphlet, newspaper, document.
    Work,
    /// An event: a battle, purge, uprising, occasion.
    Event,
    /// A post someone holds: "people's commissar of war".
    Role,
    /// A year, or years: 1929, "1936-1938".
    Year,
    /// A date finer or looser than a year: "January 1929", "October", "mid-1925".
    Date,
    /// A count or an amount: 75, "under a year".
    Number,
    /// An idea, policy, term or thing: "socialism in one country", "a totalitarian state".
    Concept,
    /// A reason or a statement, answering why or how: "he did not yet feel secure".
    Reason,
}

impl AnswerKind {
    /// Every kind, in the order the deck format lists them.
    pub const ALL: [AnswerKind; 11] = [
        AnswerKind::Person,
        AnswerKind::Place,
        AnswerKind::Body,
        AnswerKind::Work,
        AnswerKind::Event,
        AnswerKind::Role,
        AnswerKind::Year,
        AnswerKind::Date,
        AnswerKind::Number,
        AnswerKind::Concept,
        AnswerKind::Reason,
    ];

    /// The name a deck gives it (`kind = "person"`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            AnswerKind::Person => "person",
            AnswerKind::Place => "place",
            AnswerKind::Body => "body",
            AnswerKind::Work => "work",
            AnswerKind::Event => "event",
            AnswerKind::Role => "role",
            AnswerKind::Year => "year",
            AnswerKind::Date => "date",
            AnswerKind::Number => "number",
            AnswerKind::Concept => "concept",
            AnswerKind::Reason => "reason",
        }
    }

    /// The kind a deck names `name`, if any.
    #[must_use]
    pub fn from_name(name: &str) -> Option<AnswerKind> {
        AnswerKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// How a session asks a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PromptMode {
    /// The natural form for the card's kind.
    #[default]
    Auto,
    /// Show the question, reveal the answer, rate yourself.
    Flip,
    /// Type the answer.
    Type,
    /// Pick from options.
    Choice,
}

impl PromptMode {
    /// Every mode, as a deck names it in `mode`.
    pub const NAMES: [&'static str; 4] = ["auto", "flip", "type", "choice"];
    const ALL: [PromptMode; 4] = [
        PromptMode::Auto,
        PromptMode::Flip,
        PromptMode::Type,
        PromptMode::Choice,
    ];

    /// The mode a deck names `name`, if any.
    #[must_use]
    pub fn from_name(name: &str) -> Option<PromptMode> {
        let at = Self::NAMES.iter().position(|n| *n == name)?;
        Some(Self::ALL[at])
    }

    /// The name a deck gives this mode in `mode`.
    #[must_use]
    pub fn name(self) -> &'static str {
        let at = Self::ALL.iter().position(|m| *m == self).unwrap_or(0);
        Self::NAMES[at]
    }
}

/// The kinds of card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Content {
    /// A question and its answer; with `choices` also a multiple choice.
    Basic {
        /// The question.
        front: String,
        /// The answer.
        back: Answer,
        /// Other answers a typed response may match.
        accept: Vec<String>,
        /// Wrong options for multiple choice (empty when none are given).
        choices: Vec<String>,
        /// Also ask back → front.
        reverse: bool,
    },
    /// A statement that is true or false.
    TrueFalse {
        /// The statement.
        statement: String,
        /// Whether it is true.
        answer: bool,
    },
    /// A text with deletions, one card per deletion.
    Cloze {
        /// The text as written, with `{{...}}` markers.
        text: String,
        /// The deletions in order.
        deletions: Vec<Deletion>,
    },
    /// Items to put in order.
    Order {
        /// What to order.
        prompt: String,
        /// The items in their correct order.
        items: Vec<String>,
    },
}

/// What an answer is, so the checker knows how to compare a typed response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Answer {
    /// Free text, compared leniently.
    Text(String),
    /// An exact whole number (a count or a year).
    Number(i64),
    /// A month of a year, such as January 1929.
    Month {
        /// The year.
        year: i32,
        /// 1 to 12.
        month: u32,
    },
}

/// One `{{...}}` deletion of a cloze text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deletion {
    /// The hidden text (the first of `{{a|b}}`), shown when the blank is not asked.
    pub answer: String,
    /// Other wordings the blank accepts (the rest of `{{a|b}}`), possibly none. Left out of
    /// the JSON when empty, so that a card's content hash (`library::hash::content_hash`) is
    /// what it was before blanks had wordings and no answered card reads as changed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accept: Vec<String>,
    /// An optional hint shown in its place.
    pub hint: Option<String>,
}

/// English month names, for parsing and showing month dates.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Answer {
    /// Reads a string answer: `"January 1929"` is a month date, anything else is text.
    #[must_use]
    pub fn from_text(text: &str) -> Answer {
        let mut words = text.split_whitespace();
        if let (Some(month), Some(year), None) = (words.next(), words.next(), words.next()) {
            let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month));
            let year = year.parse::<i32>().ok().filter(|y| (1..=9999).contains(y));
            if let (Some(m), Some(year)) = (month, year) {
                return Answer::Month {
                    year,
                    month: u32::try_from(m + 1).unwrap_or(1),
                };
            }
        }
        Answer::Text(text.to_owned())
    }

    /// The answer as a person reads it.
    #[must_use]
    pub fn display(&self) -> String {
        match self {
            Answer::Text(t) => t.clone(),
            Answer::Number(n) => n.to_string(),
            Answer::Month { year, month } => {
                let name = month
                    .checked_sub(1)
                    .and_then(|m| usize::try_from(m).ok())
                    .and_then(|i| MONTHS.get(i))
                    .unwrap_or(&"?");
                format!("{name} {year}")
            }
        }
    }
}

impl Content {
    /// The question text as written (the cloze text for cloze cards).
    #[must_use]
    pub fn question(&self) -> &str {
        match self {
            Content::Basic { front, .. } => front,
            Content::TrueFalse { statement, .. } => statement,
            Content::Cloze { text, .. } => text,
            Content::Order { prompt, .. } => prompt,
        }
    }

    /// A short name of the kind, as the README calls it.
    #[must_use]
    pub fn kind_name(&self) -> &'static str {
        match self {
            Content::Basic { choices, .. } if !choices.is_empty() => "choice",
            Content::Basic { reverse: true, .. } => "reversed",
            Content::Basic { .. } => "basic",
            Content::TrueFalse { .. } => "true-false",
            Content::Cloze { .. } => "cloze",
            Content::Order { .. } => "order",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_mode_is_read_back_from_its_name() {
        for name in PromptMode::NAMES {
            assert_eq!(
                PromptMode::from_name(name).map(PromptMode::name),
                Some(name)
            );
        }
        assert_eq!(PromptMode::from_name("shout"), None);
        assert_eq!(PromptMode::default().name(), "auto");
    }

    #[test]
    fn a_blank_without_wordings_serializes_as_before_they_existed() {
        let blank = Deletion {
            answer: "Alma-Ata".into(),
            accept: Vec::new(),
            hint: Some("a city".into()),
        };
        let json = serde_json::to_string(&blank).unwrap();
        assert_eq!(json, r#"{"answer":"Alma-Ata","hint":"a city"}"#);
        assert_eq!(serde_json::from_str::<Deletion>(&json).unwrap(), blank);
        let with = Deletion {
            accept: vec!["Almaty".into()],
            ..blank
        };
        assert!(serde_json::to_string(&with).unwrap().contains("Almaty"));
    }

    #[test]
    fn month_dates_are_recognised() {
        assert_eq!(
            Answer::from_text("January 1929"),
            Answer::Month {
                year: 1929,
                month: 1
            }
        );
        assert_eq!(
            Answer::from_text("march  1921"),
            Answer::Month {
                year: 1921,
                month: 3
            }
        );
        assert_eq!(
            Answer::from_text(" october\u{a0}\t1917 "),
            Answer::Month {
                year: 1917,
                month: 10
            }
        );
        for text in [
            "May Day",
            "in January 1929",
            "January 1929 exactly",
            "January",
            "1929",
            "January 0",
            "January 10000",
            "January -5",
            "Janu ary 1929",
            "meaning of word 12",
        ] {
            assert_eq!(Answer::from_text(text), Answer::Text(text.into()), "{text}");
        }
        assert_eq!(
            Answer::from_text("Alma Ata"),
            Answer::Text("Alma Ata".into())
        );
        assert_eq!(
            Answer::Month {
                year: 1927,
                month: 12
            }
            .display(),
            "December 1927"
        );
    }
}

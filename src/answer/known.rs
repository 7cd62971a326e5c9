//! Words a learner may type on purpose: when a response's word is one of them, it is taken
//! as meant, never as a typo of the answer's word ("Prussia" is not a misspelt "Russia").
//!
//! Two sources: the [`Vocabulary`] of the loaded decks (every answer, accepted wording,
//! choice, cloze blank and ordering item), which a session passes in, and the small
//! [`EMBEDDED`] list below, which always applies.

use std::collections::HashSet;

use crate::deck::answer_text::normalize;
use crate::deck::answer_text::terms::FUNCTION_WORDS;
use crate::deck::{Answer, Card, Content};

/// Words that lie a typo or two away from another word of different meaning, kept small on
/// purpose (a full dictionary would refuse honest typos that happen to spell a word, as
/// "part" for "party"). Three groups, folded as [`normalize`] folds them, sorted:
/// - countries, regions and cities one or two letters from another (Austria/Australia,
///   Prussia/Russia, Slovakia/Slovenia, Gambia/Zambia, Iran/Iraq...);
/// - people's names of history that differ by a letter or two (Kamenev/Kameneva,
///   Charles/Carl, Louis/Lewis, Marx/Marks...);
/// - English words one or two letters from an opposite or another term (inner/outer,
///   import/export, hypertension/hypotension, affect/effect, principal/principle...).
pub(crate) const EMBEDDED: &[&str] = &[
    "abduction",
    "absorption",
    "adapt",
    "adduction",
    "adopt",
    "adsorption",
    "affect",
    "afferent",
    "allusion",
    "angel",
    "angle",
    "anterior",
    "armenia",
    "australia",
    "austria",
    "bolivia",
    "calvary",
    "carl",
    "casual",
    "causal",
    "cavalry",
    "charles",
    "colombia",
    "columbia",
    "complement",
    "compliment",
    "conservation",
    "conversation",
    "decrease",
    "deflation",
    "dependent",
    "desert",
    "dessert",
    "discreet",
    "discrete",
    "effect",
    "efferent",
    "elicit",
    "emigrate",
    "eminent",
    "endothermic",
    "ensure",
    "exothermic",
    "export",
    "external",
    "gambia",
    "georgia",
    "guinea",
    "guyana",
    "hypertension",
    "hyperthyroidism",
    "hypotension",
    "hypothyroidism",
    "illicit",
    "illusion",
    "immigrate",
    "imminent",
    "import",
    "increase",
    "independent",
    "inflation",
    "inner",
    "input",
    "insure",
    "internal",
    "iran",
    "iraq",
    "jordan",
    "kamenev",
    "kameneva",
    "karl",
    "latvia",
    "lewis",
    "liberia",
    "libya",
    "lithuania",
    "louis",
    "lower",
    "major",
    "mali",
    "marital",
    "marks",
    "martial",
    "marx",
    "mauritania",
    "mauritius",
    "maximum",
    "meiosis",
    "minimum",
    "minor",
    "mitosis",
    "niger",
    "nigeria",
    "outer",
    "output",
    "posterior",
    "precede",
    "prescribe",
    "principal",
    "principle",
    "proceed",
    "proscribe",
    "prostate",
    "prostrate",
    "prussia",
    "romania",
    "russia",
    "serbia",
    "siberia",
    "slovakia",
    "slovenia",
    "stationary",
    "stationery",
    "sudan",
    "swaziland",
    "sweden",
    "switzerland",
    "upper",
    "zambia",
];

/// The words of the loaded decks' answers, which a response's word is taken as meant when
/// it is one of (see the module docs). Built once for a session; cheap to look up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocabulary {
    words: HashSet<String>,
}

impl Vocabulary {
    /// An empty vocabulary (the embedded list still applies).
    #[must_use]
    pub fn new() -> Vocabulary {
        Vocabulary::default()
    }

    /// Adds the words of an answer, accepted wording, choice or blank: each folded word of
    /// three or more letters that is not a function word ("the", "and", "of"...: a slip
    /// into one of those is still a slip).
    pub fn add(&mut self, text: &str) {
        for word in normalize(text).split(' ') {
            if word.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && !FUNCTION_WORDS.contains(&word)
            {
                self.words.insert(word.to_owned());
            }
        }
    }

    /// Adds what a card accepts as answers: the back, `accept` and `choices` of a front/back
    /// card (and its front when it is also asked reversed), a cloze card's blanks and their
    /// wordings, an ordering card's items.
    pub fn add_card(&mut self, card: &Card) {
        answer_texts(card, |text| self.add(text));
    }

    /// Adds the words of another vocabulary.
    pub fn extend(&mut self, other: Vocabulary) {
        self.words.extend(other.words);
    }

    /// How many words it holds.
    #[must_use]
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when it holds no words.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// True when `word` (folded) is in the decks' words or the embedded list.
    #[must_use]
    pub fn knows(&self, word: &str) -> bool {
        self.words.contains(word) || embedded(word)
    }
}

/// Gives `each` every text `card` accepts as an answer: the back, `accept` and `choices` of a
/// front/back card (and its front when it is also asked reversed), a cloze card's blanks and
/// their wordings, an ordering card's items.
pub fn answer_texts(card: &Card, mut each: impl FnMut(&str)) {
    match &card.content {
        Content::Basic {
            front,
            back,
            accept,
            choices,
            reverse,
        } => {
            if *reverse {
                each(front);
            }
            match back {
                Answer::Text(text) => each(text),
                other => each(&other.display()),
            }
            accept.iter().chain(choices).for_each(|a| each(a));
        }
        Content::Cloze { deletions, .. } => {
            for d in deletions {
                each(&d.answer);
                d.accept.iter().for_each(|a| each(a));
            }
        }
        Content::Order { items, .. } => items.iter().for_each(|i| each(i)),
        Content::TrueFalse { .. } => {}
    }
}

/// True when `word` (folded) is in the [`EMBEDDED`] list.
pub(crate) fn embedded(word: &str) -> bool {
    EMBEDDED.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_list_is_sorted_folded_and_unique() {
        assert!(
            EMBEDDED.windows(2).all(|w| w[0] < w[1]),
            "sorted, no repeats"
        );
        for word in EMBEDDED {
            assert_eq!(normalize(word), *word);
        }
        assert!(embedded("prussia") && !embedded("party"));
    }

    #[test]
    fn a_vocabulary_knows_deck_words_and_the_list() {
        let mut v = Vocabulary::new();
        assert!(v.is_empty());
        v.add("the Tenth Party Congress");
        v.add("Sverdlovsk, 1919 x, and the era of NEP");
        assert!(v.knows("party") && v.knows("sverdlovsk") && v.knows("austria"));
        assert!(v.knows("era") && v.knows("nep"));
        for word in ["the", "x", "1919", "and", "of"] {
            assert!(!v.knows(word), "{word}");
        }
        assert_eq!(v.len(), 6);
    }
}

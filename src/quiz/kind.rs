//! The types of question a quiz asks, as `--types` names them.

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

/// A type of question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// The answer is typed and checked leniently.
    Typed,
    /// One right answer among wrong ones (the card's `choices` or other cards' answers).
    Choice,
    /// A statement to judge: a true/false card, or a question paired with an answer.
    TrueFalse,
    /// Items to put in order.
    Order,
    /// A cloze deletion, typed.
    Cloze,
}

impl Kind {
    /// Every type, in the order `--types` lists them.
    pub const ALL: [Kind; 5] = [
        Kind::Typed,
        Kind::Choice,
        Kind::TrueFalse,
        Kind::Order,
        Kind::Cloze,
    ];

    /// The name used on the command line and in results.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Typed => "typed",
            Kind::Choice => "choice",
            Kind::TrueFalse => "truefalse",
            Kind::Order => "order",
            Kind::Cloze => "cloze",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                format!(
                    "{text:?} is not a question type: use typed, choice, truefalse, order or cloze"
                )
            })
    }
}

/// Parses a comma list such as `typed,choice`; repeats are dropped, the order is kept.
///
/// # Errors
/// An unknown name, or an empty list.
pub fn parse_kinds(list: &str) -> Result<Vec<Kind>, String> {
    let mut kinds = Vec::new();
    for part in list.split(',').filter(|p| !p.trim().is_empty()) {
        let kind: Kind = part.parse()?;
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    if kinds.is_empty() {
        return Err(
            "name at least one question type: typed, choice, truefalse, order, cloze".into(),
        );
    }
    Ok(kinds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_parse_without_repeats() {
        assert_eq!(
            parse_kinds("typed, Choice,typed,truefalse").unwrap(),
            [Kind::Typed, Kind::Choice, Kind::TrueFalse]
        );
        assert!(
            parse_kinds("typed,essay")
                .unwrap_err()
                .contains("\"essay\"")
        );
        assert!(parse_kinds(" , ").is_err());
    }
}

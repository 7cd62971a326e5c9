//! The learner's answer to a card: one of four ratings, never a bare integer.
//!
//! Owns parsing ("1".."4", "again".."easy") and the numeric codes 1-4 used in logs and JSON.

use std::fmt;
use std::str::FromStr;

/// How well the learner recalled a card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rating {
    /// Forgot it (1).
    Again,
    /// Recalled it with serious difficulty (2).
    Hard,
    /// Recalled it after some thought (3).
    Good,
    /// Recalled it at once (4).
    Easy,
}

/// A rating that is not 1-4 or one of the four names.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a rating: use 1-4 or again, hard, good, easy")]
pub struct ParseRatingError(pub String);

impl Rating {
    /// The four ratings from Again to Easy.
    pub const ALL: [Rating; 4] = [Rating::Again, Rating::Hard, Rating::Good, Rating::Easy];

    /// The rating with code 1 (Again) to 4 (Easy); `None` for any other number.
    #[must_use]
    pub fn from_u8(code: u8) -> Option<Self> {
        match code {
            1 => Some(Rating::Again),
            2 => Some(Rating::Hard),
            3 => Some(Rating::Good),
            4 => Some(Rating::Easy),
            _ => None,
        }
    }

    /// The code: 1 for Again up to 4 for Easy.
    #[must_use]
    pub fn as_u8(self) -> u8 {
        match self {
            Rating::Again => 1,
            Rating::Hard => 2,
            Rating::Good => 3,
            Rating::Easy => 4,
        }
    }

    /// Position in [`Rating::ALL`]: 0 for Again up to 3 for Easy.
    #[must_use]
    pub fn index(self) -> usize {
        usize::from(self.as_u8() - 1)
    }

    /// The button label: "Again", "Hard", "Good" or "Easy".
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Rating::Again => "Again",
            Rating::Hard => "Hard",
            Rating::Good => "Good",
            Rating::Easy => "Easy",
        }
    }

    /// True for every rating but Again.
    #[must_use]
    pub fn is_pass(self) -> bool {
        self != Rating::Again
    }
}

impl fmt::Display for Rating {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl FromStr for Rating {
    type Err = ParseRatingError;

    /// Accepts "1".."4" and the names in any case.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let t = text.trim();
        let by_name = match t.to_ascii_lowercase().as_str() {
            "again" => Some(Rating::Again),
            "hard" => Some(Rating::Hard),
            "good" => Some(Rating::Good),
            "easy" => Some(Rating::Easy),
            _ => None,
        };
        by_name
            .or_else(|| t.parse::<u8>().ok().and_then(Rating::from_u8))
            .ok_or_else(|| ParseRatingError(text.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in Rating::ALL {
            assert_eq!(Rating::from_u8(r.as_u8()), Some(r));
            assert_eq!(Rating::ALL[r.index()], r);
        }
        assert_eq!(Rating::from_u8(0), None);
        assert_eq!(Rating::from_u8(5), None);
    }

    #[test]
    fn parses_numbers_and_names() {
        assert_eq!("3".parse(), Ok(Rating::Good));
        assert_eq!("Easy".parse(), Ok(Rating::Easy));
        assert_eq!(" again ".parse(), Ok(Rating::Again));
        assert_eq!("HARD".parse(), Ok(Rating::Hard));
        let err = "meh".parse::<Rating>().unwrap_err();
        assert!(err.to_string().contains("\"meh\" is not a rating"));
        assert!("0".parse::<Rating>().is_err());
        assert!("".parse::<Rating>().is_err());
    }
}

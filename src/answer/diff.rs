//! The near-miss diff: where a typed response differs from the expected answer, character by
//! character, so a prompt can highlight it.

use crate::deck::answer_text::normalize::fold_char;

/// Longest response or expected answer, in characters, that [`diff`] will align. The
/// alignment costs time and memory proportional to the product of the two lengths.
pub const MAX_DIFF_CHARS: usize = 200;

/// One stretch of an aligned response and expected answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// The same in both (compared as the checker does: case and accents aside); the text is
    /// the expected answer's.
    Same(String),
    /// In the expected answer but not typed.
    Missing(String),
    /// Typed but not in the expected answer.
    Extra(String),
    /// Typed as one thing where the answer has another.
    Changed {
        /// What was typed.
        typed: String,
        /// What the answer has there.
        expected: String,
    },
}

/// What one character compares as.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Key {
    /// A character that folds to this text.
    Text(String),
    /// Whitespace, punctuation, and characters that fold to nothing (apostrophes, lone
    /// accents): all alike.
    Gap,
}

fn key(c: char) -> Key {
    let folded = fold_char(c);
    if folded.trim().is_empty() {
        Key::Gap
    } else {
        Key::Text(folded)
    }
}

/// One step of the alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    Same(char),
    Missing(char),
    Extra(char),
    Changed(char, char),
}

/// Aligns a typed response with an expected answer and returns the stretches where they
/// agree and differ, in order, so that concatenating the expected side of every segment
/// (`Same`, `Missing`, `Changed.expected`) gives back the expected answer and the typed side
/// (`Same`, `Extra`, `Changed.typed`) gives back the response, up to case and accents in the
/// `Same` parts. Both are trimmed and their runs of whitespace collapsed to one space first.
///
/// Characters compare the way the checker compares answers (case, accents and the kind of
/// punctuation aside); the alignment is a minimal edit script (substitution, insertion and
/// deletion each cost one). Returns `None` when either side is longer than
/// [`MAX_DIFF_CHARS`] characters.
#[must_use]
pub fn diff(response: &str, expected: &str) -> Option<Vec<Segment>> {
    let typed: Vec<char> = collapse(response).chars().collect();
    let wanted: Vec<char> = collapse(expected).chars().collect();
    if typed.len() > MAX_DIFF_CHARS || wanted.len() > MAX_DIFF_CHARS {
        return None;
    }
    let typed_keys: Vec<Key> = typed.iter().map(|&c| key(c)).collect();
    let wanted_keys: Vec<Key> = wanted.iter().map(|&c| key(c)).collect();
    let (n, m) = (typed.len(), wanted.len());
    let width = m + 1;
    // cost[i * width + j]: edits to turn typed[i..] into wanted[j..]. At most 400, so u16.
    // Filled from the ends and walked from the starts, so equal characters pair up as early
    // as possible and a doubled letter shows as the second one being extra.
    let mut cost = vec![0u16; (n + 1) * width];
    for i in (0..=n).rev() {
        for j in (0..=m).rev() {
            cost[i * width + j] = if i == n || j == m {
                u16::try_from((n - i) + (m - j)).unwrap_or(u16::MAX)
            } else {
                let diagonal =
                    cost[(i + 1) * width + j + 1] + u16::from(typed_keys[i] != wanted_keys[j]);
                let extra = cost[(i + 1) * width + j] + 1;
                let missing = cost[i * width + j + 1] + 1;
                diagonal.min(extra).min(missing)
            };
        }
    }
    let mut steps = Vec::with_capacity(n.max(m));
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        let here = cost[i * width + j];
        if i < n && j < m {
            let diagonal = cost[(i + 1) * width + j + 1];
            let same = typed_keys[i] == wanted_keys[j];
            if same && here == diagonal {
                steps.push(Step::Same(wanted[j]));
                i += 1;
                j += 1;
                continue;
            }
            if !same && here == diagonal + 1 {
                steps.push(Step::Changed(typed[i], wanted[j]));
                i += 1;
                j += 1;
                continue;
            }
        }
        if i < n && (j == m || here == cost[(i + 1) * width + j] + 1) {
            steps.push(Step::Extra(typed[i]));
            i += 1;
        } else {
            steps.push(Step::Missing(wanted[j]));
            j += 1;
        }
    }
    Some(group(&steps))
}

/// Trims and collapses runs of whitespace to one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Merges consecutive steps of one kind into segments.
fn group(steps: &[Step]) -> Vec<Segment> {
    let mut segments: Vec<Segment> = Vec::new();
    for &step in steps {
        match (segments.last_mut(), step) {
            (Some(Segment::Same(text)), Step::Same(c))
            | (Some(Segment::Missing(text)), Step::Missing(c))
            | (Some(Segment::Extra(text)), Step::Extra(c)) => text.push(c),
            (Some(Segment::Changed { typed, expected }), Step::Changed(t, e)) => {
                typed.push(t);
                expected.push(e);
            }
            (_, Step::Same(c)) => segments.push(Segment::Same(c.to_string())),
            (_, Step::Missing(c)) => segments.push(Segment::Missing(c.to_string())),
            (_, Step::Extra(c)) => segments.push(Segment::Extra(c.to_string())),
            (_, Step::Changed(t, e)) => segments.push(Segment::Changed {
                typed: t.to_string(),
                expected: e.to_string(),
            }),
        }
    }
    segments
}

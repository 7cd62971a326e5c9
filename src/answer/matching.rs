//! Comparing a response with one candidate answer term by term: numbers by value, the words
//! between them with the typo allowance, lists in any order.

use super::MAX_TYPO_CHARS;
use super::known::{Vocabulary, embedded};
use crate::deck::answer_text::terms::{FUNCTION_WORDS, Reader, Term, terms, words};
use crate::deck::answer_text::{items, typo_allowance};

/// How a response matches one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Match {
    /// The same words and numbers, however the numbers are written.
    Exact,
    /// Within the typo allowance, this many edits away.
    Typo(usize),
}

/// What the comparison needs besides the two texts.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Rules<'a> {
    /// The decks' words, never taken for typos.
    pub(crate) known: Option<&'a Vocabulary>,
    /// A list answer must keep its order.
    pub(crate) in_order: bool,
}

impl Rules<'_> {
    fn knows(&self, word: &str) -> bool {
        match self.known {
            Some(v) => v.knows(word),
            None => embedded(word),
        }
    }
}

/// Most items of a list answer matched in any order; a longer list must keep its order.
const MAX_FREE_ITEMS: usize = 7;

/// Compares `response` with `candidate` as a whole, then as lists of items (joined by
/// "and", "&", commas, "/" or ";") in any order unless `rules.in_order`.
pub(crate) fn compare(response: &str, candidate: &str, rules: &Rules<'_>) -> Option<Match> {
    let typed = terms(&words(response), Reader::Response);
    let wanted = terms(&words(candidate), Reader::Answer);
    if typed.is_empty() || wanted.is_empty() {
        // Nothing but punctuation on one side: only the plain comparison applies.
        return None;
    }
    let whole = compare_terms(&typed, &wanted, rules);
    if whole == Some(Match::Exact) {
        return whole;
    }
    let typed_items = items(&typed);
    let wanted_items = items(&wanted);
    let n = wanted_items.len();
    if n < 2 || typed_items.len() != n {
        return whole;
    }
    let listed = if rules.in_order || n > MAX_FREE_ITEMS {
        typed_items
            .iter()
            .zip(&wanted_items)
            .map(|(t, w)| compare_terms(t, w, rules))
            .collect::<Option<Vec<Match>>>()
            .map(|m| total(&m))
    } else {
        let table: Vec<Vec<Option<Match>>> = typed_items
            .iter()
            .map(|t| {
                wanted_items
                    .iter()
                    .map(|w| compare_terms(t, w, rules))
                    .collect()
            })
            .collect();
        best_pairing(&table, 0, &mut vec![false; n])
    };
    match (whole, listed) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

/// One match for several: exact when all are, else the edits added up.
fn total(matches: &[Match]) -> Match {
    let edits: usize = matches
        .iter()
        .map(|m| match m {
            Match::Exact => 0,
            Match::Typo(d) => *d,
        })
        .sum();
    if matches.iter().all(|m| *m == Match::Exact) {
        Match::Exact
    } else {
        Match::Typo(edits)
    }
}

/// The best way to pair the typed items from `row` on with the wanted items not yet `used`.
fn best_pairing(table: &[Vec<Option<Match>>], row: usize, used: &mut [bool]) -> Option<Match> {
    let Some(cells) = table.get(row) else {
        return Some(Match::Exact);
    };
    let mut best: Option<Match> = None;
    for (col, cell) in cells.iter().enumerate() {
        let Some(here) = cell else { continue };
        if used[col] {
            continue;
        }
        used[col] = true;
        if let Some(rest) = best_pairing(table, row + 1, used) {
            let both = total(&[*here, rest]);
            best = Some(best.map_or(both, |b| b.min(both)));
        }
        used[col] = false;
    }
    best
}

/// A reading of a response: its numbers in order, the words between them, and the edits
/// taken to read misspelt number words as numbers.
struct Reading {
    numbers: Vec<String>,
    segments: Vec<Vec<String>>,
    edits: usize,
}

/// Reads terms with each [`Term::Maybe`] as a number (`as_numbers`) or as a word.
fn reading(terms: &[Term], as_numbers: bool) -> Reading {
    let mut reading = Reading {
        numbers: Vec::new(),
        segments: vec![Vec::new()],
        edits: 0,
    };
    for term in terms {
        let number = match term {
            Term::Number { value, .. } => Some(value),
            Term::Maybe { value, edits, .. } if as_numbers => {
                reading.edits += edits;
                Some(value)
            }
            Term::Maybe { word, .. } | Term::Word(word) => {
                if let Some(segment) = reading.segments.last_mut() {
                    segment.push(word.clone());
                }
                None
            }
            Term::Joiner => {
                if let Some(segment) = reading.segments.last_mut() {
                    segment.push("and".to_owned());
                }
                None
            }
        };
        if let Some(value) = number {
            reading.numbers.push(value.clone());
            reading.segments.push(Vec::new());
        }
    }
    reading
}

/// Compares two runs of terms: the same numbers in the same order, and words within the
/// typo allowance of the wanted words' letters, no changed word being a known word or
/// starting with another letter (but for letters that sound alike).
fn compare_terms(typed: &[Term], wanted: &[Term], rules: &Rules<'_>) -> Option<Match> {
    let wanted = reading(wanted, false);
    let maybe = typed.iter().any(|t| matches!(t, Term::Maybe { .. }));
    let readings = if maybe {
        vec![reading(typed, false), reading(typed, true)]
    } else {
        vec![reading(typed, false)]
    };
    readings
        .iter()
        .filter(|r| r.numbers == wanted.numbers)
        .filter_map(|r| compare_words(r, &wanted, rules))
        .min()
}

fn compare_words(typed: &Reading, wanted: &Reading, rules: &Rules<'_>) -> Option<Match> {
    if typed.segments == wanted.segments && typed.edits == 0 {
        return Some(Match::Exact);
    }
    let digits = |r: &Reading| -> Vec<String> {
        r.segments
            .iter()
            .flatten()
            .flat_map(|w| {
                w.split(|c: char| !c.is_ascii_digit())
                    .filter(|d| !d.is_empty())
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            })
            .collect()
    };
    if digits(typed) != digits(wanted) {
        return None;
    }
    let letters: usize = wanted
        .segments
        .iter()
        .flatten()
        .map(|w| w.chars().filter(|c| c.is_alphabetic()).count())
        .sum();
    let allowed = typo_allowance(letters);
    let compact = |r: &Reading| -> Vec<String> { r.segments.iter().map(|s| s.concat()).collect() };
    let (typed_compact, wanted_compact) = (compact(typed), compact(wanted));
    let length = |c: &[String]| c.iter().map(|s| s.chars().count()).sum::<usize>();
    let (typed_len, wanted_len) = (length(&typed_compact), length(&wanted_compact));
    if typed_len > MAX_TYPO_CHARS
        || wanted_len > MAX_TYPO_CHARS
        || typed_len.abs_diff(wanted_len) > allowed
    {
        return None;
    }
    let mut edits = typed.edits;
    for (i, (t, w)) in typed_compact.iter().zip(&wanted_compact).enumerate() {
        if t == w && typed.segments[i] == wanted.segments[i] {
            continue;
        }
        edits += strsim::damerau_levenshtein(t, w);
        if edits > allowed || !changes_allowed(&typed.segments[i], &wanted.segments[i], rules) {
            return None;
        }
    }
    Some(Match::Typo(edits))
}

/// The fewest letters of a word a typo may change: "Vitamin C" never passes for "Vitamin D".
const MIN_CHANGED_LETTERS: usize = 3;

/// The fewest letters of a word whose first letter may change for one that sounds alike:
/// "Konstantin" for "Constantine", but not "Vitamin K" for "Vitamin C".
const MIN_SOUND_ALIKE_LETTERS: usize = 5;

/// Whether the words of a segment may be taken as misspelt forms of the wanted ones: no
/// changed word has fewer than [`MIN_CHANGED_LETTERS`] letters, none is a word of its own
/// (see [`Rules::knows`]; the plural or singular of the wanted word aside: "Bolsheviks" for
/// "Bolshevik"), and none starts with another letter, unless the two letters sound alike
/// in a word of [`MIN_SOUND_ALIKE_LETTERS`] or more. Function words ("of", "and", "in")
/// are exempt from the length and first-letter rules: "o" for "of" and "nd" for "and" are
/// slips, while "Vitamin K" for "Vitamin C" is not.
fn changes_allowed(typed: &[String], wanted: &[String], rules: &Rules<'_>) -> bool {
    let first = |s: &str| s.chars().next();
    if typed.len() == wanted.len() {
        return typed.iter().zip(wanted).all(|(t, w)| {
            if t == w {
                return true;
            }
            let letters = w.chars().filter(|c| c.is_alphabetic()).count();
            let function_word = FUNCTION_WORDS.contains(&w.as_str());
            let plural = t.strip_suffix('s') == Some(w) || w.strip_suffix('s') == Some(t);
            let long_enough = letters >= MIN_CHANGED_LETTERS || function_word;
            let meant = !plural && rules.knows(t);
            let same_start = first(t) == first(w)
                || function_word
                || (letters >= MIN_SOUND_ALIKE_LETTERS && sound_alike(first(t), first(w)));
            long_enough && !meant && same_start
        });
    }
    let (t, w) = (typed.concat(), wanted.concat());
    typed.iter().all(|t| wanted.contains(t) || !rules.knows(t)) && sound_alike(first(&t), first(&w))
}

/// First letters a learner may fairly swap: the same letter, or two that spell one sound
/// in the usual transliterations (C/K as in Konstantinopel, C/S, K/Q, S/Z, I/Y, J/Y, G/J,
/// V/W).
fn sound_alike(a: Option<char>, b: Option<char>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return a == b;
    };
    if a == b {
        return true;
    }
    let pair = if a < b { (a, b) } else { (b, a) };
    matches!(
        pair,
        ('c', 'k')
            | ('c', 's')
            | ('k', 'q')
            | ('s', 'z')
            | ('i', 'y')
            | ('j', 'y')
            | ('g', 'j')
            | ('v', 'w')
    )
}

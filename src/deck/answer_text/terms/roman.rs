//! Roman numerals: their values, and where a deck's answer writes one as a number
//! ("Charles II", "World War I"; not "What I Believe").

use super::{Word, digits_value, is_number_word};

/// Function words that may start a title in capitals and are never a name a Roman numeral
/// could number ("What I Believe" is not "What the First").
pub(crate) const FUNCTION_WORDS: &[&str] = &[
    "a", "after", "all", "am", "an", "and", "are", "as", "at", "be", "because", "been", "before",
    "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have", "here",
    "how", "if", "in", "into", "is", "let", "may", "might", "must", "no", "not", "now", "of", "on",
    "once", "or", "shall", "should", "so", "than", "that", "the", "then", "there", "these", "this",
    "those", "to", "until", "was", "were", "what", "when", "where", "which", "while", "who",
    "whom", "whose", "why", "will", "with", "would", "yes",
];

/// The largest Roman numeral read as a number: regnal and series numbers are small, and
/// numerals with C, D or M ("MIX", "CD", "DC", "MD") are far more often words or initials.
const MAX_ROMAN: u32 = 89;

/// The value of a Roman numeral written with I, V, X and L in the usual form ("IV", not
/// "IIII"), 1 to [`MAX_ROMAN`]; case is the caller's business.
pub(super) fn roman_value(word: &str) -> Option<u32> {
    let upper = word.to_ascii_uppercase();
    if upper.is_empty() || upper.len() > 8 {
        return None;
    }
    let digit = |c: char| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        _ => None,
    };
    let values: Vec<i64> = upper.chars().map(digit).collect::<Option<_>>()?;
    let mut total = 0i64;
    for (i, &v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|&next| next > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    let total = u32::try_from(total).ok()?;
    ((1..=MAX_ROMAN).contains(&total) && to_roman(total) == upper).then_some(total)
}

/// The usual Roman form of 1 to 89.
fn to_roman(mut n: u32) -> String {
    const PARTS: [(u32, &str); 7] = [
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, letters) in PARTS {
        while n >= value {
            out.push_str(letters);
            n -= value;
        }
    }
    out
}

/// A Roman numeral in a deck's answer: written in capitals, in the usual form, 1 to
/// [`MAX_ROMAN`] with no C, D or M, right after a capitalised word that is not a number, a
/// Roman numeral itself or a function word ("Charles II", "World War I", "Pius XII"; not
/// "What I Believe", "X" alone, "MIX").
pub(super) fn roman_in_answer(word: &Word, previous: Option<&Word>) -> Option<u32> {
    let previous = previous?;
    if word.after_separator || !word.raw.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let value = roman_value(&word.raw)?;
    let name = previous.raw.chars().next().is_some_and(char::is_uppercase)
        && !FUNCTION_WORDS.contains(&previous.text.as_str())
        && !is_number_word(&previous.text)
        && digits_value(&previous.text).is_none()
        && roman_value(&previous.raw).is_none();
    name.then_some(value)
}

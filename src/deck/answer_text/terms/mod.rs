//! Reading an answer or a response as terms: words, and numbers however they are written
//! ("10", "10th", "tenth", "ten", "nineteen seventeen", a Roman "X" in "Pius X").
//!
//! An answer (the deck's text) is read strictly: a word is a number only when it is digits,
//! digits with an ordinal ending, an English number word, or a Roman numeral where a deck
//! writes one for a regnal or series number (see [`roman_in_answer`]). A response is read
//! the same way, except that a word that only may be a number (a Roman-looking word in any
//! case, a misspelt number word such as "nineth") is kept as [`Term::Maybe`]: the
//! comparison tries it both as a word and as a number.
//!
//! Splitting a text into words is in `words`, Roman numerals in `roman`.

mod roman;
mod words;

use super::number::{Decimal, cardinal_words, parse_words, spoken_year};
use super::typo_allowance;
pub(crate) use roman::FUNCTION_WORDS;
use roman::{roman_in_answer, roman_value};
pub(crate) use words::{Word, words};

/// A term of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Term {
    /// A word that is not a number.
    Word(String),
    /// A whole number (its decimal digits, no leading zeros), read from `words` words.
    Number {
        /// The value in digits.
        value: String,
        /// Written as an ordinal ("10th", "tenth", "second").
        ordinal: bool,
    },
    /// A response's word that may be a number: `word` as typed, `value` if it is one, and
    /// the edits that reading it as a number takes (a misspelt number word).
    Maybe {
        /// The folded word.
        word: String,
        /// The number it may stand for.
        value: String,
        /// Edits from the word to the number word it is taken for (0 for a Roman numeral).
        edits: usize,
    },
    /// A word joining the items of a list: "and", "&".
    Joiner,
}

/// Whose text is read: the deck's answer or a learner's response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reader {
    Answer,
    Response,
}

/// Reads words as terms (see the module docs for the two readers).
pub(crate) fn terms(words: &[Word], reader: Reader) -> Vec<Term> {
    let mut out: Vec<Term> = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        let word = &words[i];
        let joins = (word.text == "and" || word.text == "&") && i > 0 && i + 1 < words.len();
        if (joins || word.after_separator) && !out.is_empty() && out.last() != Some(&Term::Joiner) {
            out.push(Term::Joiner);
        }
        if joins {
            i += 1;
            continue;
        }
        if let Some((value, ordinal)) = digits_value(&word.text) {
            out.push(Term::Number { value, ordinal });
            i += 1;
            continue;
        }
        let run = number_run(&words[i..]);
        if run > 0 {
            let texts: Vec<&str> = words[i..i + run].iter().map(|w| w.text.as_str()).collect();
            for (value, ordinal) in run_values(&texts) {
                out.push(Term::Number {
                    value: value.to_string(),
                    ordinal,
                });
            }
            i += run;
            continue;
        }
        let previous = i.checked_sub(1).map(|p| &words[p]);
        let term = match reader {
            Reader::Answer => roman_in_answer(word, previous).map(|v| Term::Number {
                value: v.to_string(),
                ordinal: false,
            }),
            Reader::Response => maybe_in_response(word, previous),
        };
        out.push(term.unwrap_or_else(|| Term::Word(word.text.clone())));
        i += 1;
    }
    // "Charles the Second": "the" before an ordinal after a word says nothing more.
    let spare: Vec<bool> = (0..out.len())
        .map(|j| {
            j > 0
                && matches!(&out[j], Term::Word(w) if w == "the")
                && matches!(out.get(j + 1), Some(Term::Number { ordinal: true, .. }))
                && matches!(out[j - 1], Term::Word(_))
        })
        .collect();
    let mut spare = spare.into_iter();
    out.retain(|_| !spare.next().unwrap_or(false));
    out
}

/// The number a whole text says when it says nothing else, read strictly as a deck's answer
/// is: "10th", "tenth", "twenty-first" (what [`super::number::parse_number`] leaves out).
pub(crate) fn single_number(text: &str) -> Option<Decimal> {
    match terms(&words(text), Reader::Answer).as_slice() {
        [Term::Number { value, .. }] => Some(Decimal::from_digits(value)),
        _ => None,
    }
}

/// "1917" or "10th": the digits without leading zeros, and whether it is an ordinal.
fn digits_value(word: &str) -> Option<(String, bool)> {
    let (digits, ordinal) = match ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| word.strip_suffix(s))
    {
        Some(d) => (d, true),
        None => (word, false),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let trimmed = digits.trim_start_matches('0');
    Some((
        if trimmed.is_empty() { "0" } else { trimmed }.to_owned(),
        ordinal,
    ))
}

/// Ordinal number words and the cardinal each stands for.
const ORDINALS: [(&str, &str); 30] = [
    ("first", "one"),
    ("second", "two"),
    ("third", "three"),
    ("fourth", "four"),
    ("fifth", "five"),
    ("sixth", "six"),
    ("seventh", "seven"),
    ("eighth", "eight"),
    ("ninth", "nine"),
    ("tenth", "ten"),
    ("eleventh", "eleven"),
    ("twelfth", "twelve"),
    ("thirteenth", "thirteen"),
    ("fourteenth", "fourteen"),
    ("fifteenth", "fifteen"),
    ("sixteenth", "sixteen"),
    ("seventeenth", "seventeen"),
    ("eighteenth", "eighteen"),
    ("nineteenth", "nineteen"),
    ("twentieth", "twenty"),
    ("thirtieth", "thirty"),
    ("fortieth", "forty"),
    ("fiftieth", "fifty"),
    ("sixtieth", "sixty"),
    ("seventieth", "seventy"),
    ("eightieth", "eighty"),
    ("ninetieth", "ninety"),
    ("hundredth", "hundred"),
    ("thousandth", "thousand"),
    ("millionth", "million"),
];

fn is_number_word(word: &str) -> bool {
    cardinal_words().any(|c| c == word) || ORDINALS.iter().any(|(o, _)| *o == word)
}

/// The most words read as one run of number words ("one hundred and twenty-one thousand
/// three hundred and five" is 12); a longer run is read in runs of this many, which keeps
/// pasted text cheap to read.
const MAX_RUN: usize = 12;

/// How many words at the start of `words` make one run of number words: number words,
/// with "and" after "hundred", "thousand"... and "oh" of a spoken year inside.
fn number_run(words: &[Word]) -> usize {
    let mut n = 0;
    while n < words.len().min(MAX_RUN) {
        let word = words[n].text.as_str();
        let next_is_number = words.get(n + 1).is_some_and(|w| is_number_word(&w.text));
        let inside = n > 0 && next_is_number && !words[n].after_separator;
        if is_number_word(word) && (n == 0 || !words[n].after_separator) {
            n += 1;
            if ORDINALS.iter().any(|(o, _)| *o == word) {
                break;
            }
        } else if inside
            && (word == "oh"
                || (word == "and"
                    && matches!(
                        words[n - 1].text.as_str(),
                        "hundred" | "thousand" | "million" | "billion"
                    )))
        {
            n += 1;
        } else {
            break;
        }
    }
    n
}

/// The numbers a run of number words says: one where the run reads as one number
/// ("one hundred and five", "nineteen seventeen", "twenty-first"), else the longest
/// readable pieces from the left ("one two" is 1 then 2).
fn run_values(words: &[&str]) -> Vec<(i64, bool)> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < words.len() {
        let mut end = words.len();
        loop {
            if let Some(v) = one_value(&words[start..end]) {
                out.push(v);
                start = end;
                break;
            }
            end -= 1;
            if end == start {
                // A lone word no reading takes ("and", "oh"): skip it.
                start += 1;
                break;
            }
        }
    }
    out
}

/// The number a run of number words says as a whole, if it says one; an ordinal only as
/// its last word.
fn one_value(words: &[&str]) -> Option<(i64, bool)> {
    let (last, rest) = words.split_last()?;
    let (last, ordinal) = match ORDINALS.iter().find(|(o, _)| o == last) {
        Some((_, cardinal)) => (*cardinal, true),
        None => (*last, false),
    };
    let mut all: Vec<&str> = rest.to_vec();
    all.push(last);
    let text = all.join(" ");
    parse_words(&text)
        .or_else(|| spoken_year(&text))
        .map(|v| (v, ordinal))
}

/// A response's word that may be a number: a Roman numeral in any case after another word
/// ("charles ii"), or a word of two letters or more within the typo allowance of a number
/// word (at least one edit) with the same first letter ("nineth", "tenht", "on"): the nearest, ties going to ordinals for a word ending in
/// "th" and to cardinals otherwise, none when still in doubt.
fn maybe_in_response(word: &Word, previous: Option<&Word>) -> Option<Term> {
    if let Some(previous) = previous
        && !word.after_separator
        && digits_value(&previous.text).is_none()
        && !is_number_word(&previous.text)
        && let Some(v) = roman_value(&word.text)
    {
        return Some(Term::Maybe {
            word: word.text.clone(),
            value: v.to_string(),
            edits: 0,
        });
    }
    if word.text.chars().count() > 20 || !word.text.chars().all(|c| c.is_ascii_lowercase()) {
        return None;
    }
    let first = word.text.chars().next()?;
    // (edits, value, ordinal) of every number word within its allowance.
    let mut near: Vec<(usize, String, bool)> = Vec::new();
    for (candidate, ordinal) in cardinal_words()
        .map(|c| (c, false))
        .chain(ORDINALS.iter().map(|(o, _)| (*o, true)))
    {
        // One edit even in a short number word ("on" for "one"): the reading counts only
        // where the answer has this very number, and the answer's allowance still applies.
        let allowed = typo_allowance(candidate.len()).max(1);
        if word.text.len() < 2 || !candidate.starts_with(first) {
            continue;
        }
        let edits = strsim::damerau_levenshtein(&word.text, candidate);
        if edits <= allowed
            && let Some((value, _)) = one_value(&[candidate])
        {
            near.push((edits, value.to_string(), ordinal));
        }
    }
    let fewest = near.iter().map(|(e, _, _)| *e).min()?;
    near.retain(|(e, _, _)| *e == fewest);
    // A tie ("nineth": ninth or ninety) goes to the kind the ending says.
    if near.iter().any(|(_, v, _)| *v != near[0].1) {
        let ordinal = word.text.ends_with("th");
        near.retain(|(_, _, o)| *o == ordinal);
    }
    let (edits, value, _) = near.first()?.clone();
    if near.iter().any(|(_, v, _)| *v != value) {
        return None;
    }
    Some(Term::Maybe {
        word: word.text.clone(),
        value,
        edits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, reader: Reader) -> Vec<Term> {
        terms(&words(text), reader)
    }

    fn num(v: &str, ordinal: bool) -> Term {
        Term::Number {
            value: v.to_owned(),
            ordinal,
        }
    }

    fn word(w: &str) -> Term {
        Term::Word(w.to_owned())
    }

    #[test]
    fn words_keep_thousands_and_separators() {
        let w = words("The 1,000 km, Kamenev/Zinovyev & co");
        let texts: Vec<&str> = w.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["1000", "km", "kamenev", "zinovyev", "&", "co"]);
        assert!(w[2].after_separator && w[3].after_separator && !w[1].after_separator);
        for text in ["km/h", "1/2", "AC/DC", "3,5"] {
            let w = words(text);
            assert_eq!(w.len(), 2, "{text}");
            assert!(!w[1].after_separator, "{text}");
        }
        assert_eq!(words("Charles II")[1].raw, "II");
        assert_eq!(words("the").len(), 1);
    }

    #[test]
    fn numbers_however_written() {
        let answer = Reader::Answer;
        assert_eq!(
            read("the Tenth Party Congress", answer),
            [num("10", true), word("party"), word("congress")]
        );
        assert_eq!(read("10th", answer), [num("10", true)]);
        assert_eq!(read("nineteen seventeen", answer), [num("1917", false)]);
        assert_eq!(read("nineteen oh five", answer), [num("1905", false)]);
        assert_eq!(read("one hundred and five", answer), [num("105", false)]);
        assert_eq!(read("twenty-first", answer), [num("21", true)]);
        assert_eq!(
            read("Charles the Second", answer),
            [word("charles"), num("2", true)]
        );
        assert_eq!(read("one two", answer), [num("1", false), num("2", false)]);
        assert_eq!(
            read("Kamenev and Zinovyev", answer),
            [word("kamenev"), Term::Joiner, word("zinovyev")]
        );
    }

    #[test]
    fn roman_numerals_in_answers() {
        let answer = Reader::Answer;
        assert_eq!(
            read("Charles II", answer),
            [word("charles"), num("2", false)]
        );
        assert_eq!(
            read("World War I", answer),
            [word("world"), word("war"), num("1", false)]
        );
        assert_eq!(read("Pius XII", answer)[1], num("12", false));
        for text in [
            "What I Believe",
            "charles ii",
            "Charles ii",
            "X",
            "Apollo MIX",
            "Henry IIII",
            "Louis C",
            "the 10 I",
        ] {
            assert!(
                !read(text, answer)
                    .iter()
                    .any(|t| matches!(t, Term::Number { value, .. } if value != "10")),
                "{text}"
            );
        }
        assert_eq!(roman_value("XLIX"), Some(49));
        assert_eq!(roman_value("LXXXIX"), Some(89));
        assert_eq!(roman_value("XC"), None);
        assert_eq!(roman_value("IL"), None);
        assert_eq!(roman_value("VV"), None);
    }

    #[test]
    fn maybe_numbers_in_responses() {
        let response = Reader::Response;
        assert_eq!(
            read("charles ii", response)[1],
            Term::Maybe {
                word: "ii".into(),
                value: "2".into(),
                edits: 0
            }
        );
        assert_eq!(
            read("Nineth", response),
            [Term::Maybe {
                word: "nineth".into(),
                value: "9".into(),
                edits: 1
            }]
        );
        assert_eq!(read("ii", response), [word("ii")]);
        assert_eq!(
            read("Forth", response)[0],
            Term::Maybe {
                word: "forth".into(),
                value: "4".into(),
                edits: 1
            }
        );
        assert_eq!(read("Bridge", response), [word("bridge")]);
    }
}

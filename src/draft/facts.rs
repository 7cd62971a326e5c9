//! The facts of a sentence worth asking: years and month dates, numbers, proper names and
//! terms the sentence defines. Each is a span of the sentence's words; a fact a reader could
//! guess from the rest of the sentence is left out.

use std::collections::HashSet;
use std::ops::Range;

use super::names::{OPENERS, TITLES, capitalized, names, possessive_stripped};
use crate::deck::MONTHS;

pub use super::names::known_names;

/// One word of a sentence, its punctuation apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'t> {
    /// The word: letters and digits at both ends.
    pub word: &'t str,
    /// Byte offsets of `word` in the sentence.
    pub start: usize,
    /// End of `word`.
    pub end: usize,
    /// Punctuation written just before the word (an opening quote or bracket).
    pub before: &'t str,
    /// Punctuation written just after it (a comma, a full stop, a closing quote).
    pub after: &'t str,
}

/// The words of `text`, split at white space and dashes between words.
#[must_use]
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut chunk_start = None;
    let boundary = |c: char| c.is_whitespace() || matches!(c, '\u{2014}' | '\u{2013}');
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (boundary(c), chunk_start) {
            (true, Some(s)) => {
                push_token(&mut out, text, s, i);
                chunk_start = None;
            }
            (false, None) => chunk_start = Some(i),
            _ => {}
        }
    }
    out
}

fn push_token<'t>(out: &mut Vec<Token<'t>>, text: &'t str, start: usize, end: usize) {
    let chunk = &text[start..end];
    let Some(first) = chunk.find(char::is_alphanumeric) else {
        return;
    };
    let last = chunk
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_alphanumeric())
        .map_or(chunk.len(), |(i, c)| i + c.len_utf8());
    out.push(Token {
        word: &chunk[first..last],
        start: start + first,
        end: start + last,
        before: &chunk[..first],
        after: &chunk[last..],
    });
}

/// What a fact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A year.
    Year,
    /// A month and year.
    Month,
    /// A month on its own.
    MonthName,
    /// A term the sentence defines or names.
    Term,
    /// A number.
    Number,
    /// A proper name: a person, a place, a body.
    Name,
}

/// A fact of a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// What it is.
    pub kind: Kind,
    /// Its bytes in the sentence.
    pub span: Range<usize>,
    /// Its tokens.
    pub tokens: Range<usize>,
    /// Written in digits.
    pub digits: bool,
    /// A one-word name before a common noun, an adjective as often as not ("Soviet history").
    pub attributive: bool,
}

/// Spelled numbers asked as numbers.
const NUMBER_WORDS: &[&str] = &[
    "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty",
    "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred", "thousand",
    "million",
];

/// Words that carry no fact of their own.
pub const STOPWORDS: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from", "as",
    "is", "was", "were", "are", "be", "been", "his", "her", "its", "their", "it", "he", "she",
    "they", "that", "this", "which", "who",
];

fn month(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
        && MONTHS.iter().any(|m| m.eq_ignore_ascii_case(word))
}

/// A month's name or its abbreviation ("Jan", "Sept").
fn month_like(word: &str) -> bool {
    let lower = word.to_lowercase();
    word.chars().next().is_some_and(char::is_uppercase)
        && lower.len() >= 3
        && MONTHS.iter().any(|m| m.to_lowercase().starts_with(&lower))
}

fn year(t: &Token<'_>) -> bool {
    t.word.len() == 4
        && t.word.bytes().all(|b| b.is_ascii_digit())
        && t.word
            .parse::<u32>()
            .is_ok_and(|y| (1000..=2100).contains(&y))
}

fn number(word: &str) -> bool {
    word.bytes()
        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
        && word.bytes().next().is_some_and(|b| b.is_ascii_digit())
        && word.bytes().last().is_some_and(|b| b.is_ascii_digit())
}

/// A plural noun after a number: "1500 soldiers".
fn counted(t: Option<&Token<'_>>) -> bool {
    t.is_some_and(|t| {
        t.before.is_empty()
            && t.word.len() > 2
            && t.word.ends_with('s')
            && t.word.chars().all(char::is_lowercase)
    })
}

/// Ends a run of words: a comma, a stop, a bracket, a quote after the word.
pub(super) fn breaks_after(t: &Token<'_>) -> bool {
    if t.after.is_empty() || t.after == "'" {
        return false;
    }
    let abbreviation = t.after == "."
        && (TITLES.contains(&t.word.to_lowercase().as_str())
            || (t.word.chars().count() == 1 && t.word.chars().all(char::is_uppercase)));
    !abbreviation
}

/// Every fact of `text` (its `tokens`), guessable ones left out, in order of the words.
#[must_use]
pub fn facts(text: &str, toks: &[Token<'_>], known: &HashSet<String>) -> Vec<Fact> {
    let mut used = vec![false; toks.len()];
    let mut out = Vec::new();
    let add = |out: &mut Vec<Fact>, used: &mut [bool], kind: Kind, range: Range<usize>| {
        if range.is_empty() || used[range.clone()].iter().any(|u| *u) {
            return;
        }
        used[range.clone()].iter_mut().for_each(|u| *u = true);
        let span = toks[range.start].start..toks[range.end - 1].end;
        out.push(Fact {
            kind,
            digits: text[span.clone()].starts_with(|c: char| c.is_ascii_digit()),
            attributive: kind == Kind::Name
                && range.len() == 1
                && toks[range.start].after.is_empty()
                && toks.get(range.end).is_some_and(|n| {
                    n.before.is_empty()
                        && n.word.starts_with(|c: char| c.is_lowercase())
                        && !STOPWORDS.contains(&n.word)
                        && !matches!(n.word, "but" | "had" | "has" | "who" | "whose")
                        && !n.word.ends_with("ed")
                }),
            span,
            tokens: range,
        });
    };
    dates(toks, &mut |kind, range| {
        add(&mut out, &mut used, kind, range)
    });
    terms(toks, &mut |range| {
        add(&mut out, &mut used, Kind::Term, range)
    });
    for (i, t) in toks.iter().enumerate() {
        let day = t.word.len() <= 2
            && (i > 0 && month_like(toks[i - 1].word)
                || toks.get(i + 1).is_some_and(|n| month_like(n.word)));
        if day {
            continue;
        }
        let spelled = NUMBER_WORDS.contains(&t.word.to_lowercase().as_str())
            && toks.get(i + 1).is_some_and(|n| {
                n.word.chars().all(char::is_lowercase) && !t.after.contains(['-', ','])
            });
        if (number(t.word) && !t.before.contains(['$', '#'])) || spelled {
            add(&mut out, &mut used, Kind::Number, i..i + 1);
        }
    }
    names(toks, known, &mut |range| {
        add(&mut out, &mut used, Kind::Name, range);
    });
    out.retain(|f| !guessable(text, toks, f));
    for f in &mut out {
        if f.kind == Kind::Name {
            // "Stalin's": the name without the possessive.
            let word = &text[f.span.clone()];
            for ending in ["'s", "\u{2019}s"] {
                if word.len() > ending.len() + 1 && word.ends_with(ending) {
                    f.span.end -= ending.len();
                }
            }
        }
    }
    out.sort_by_key(|f| f.span.start);
    out
}

fn dates(toks: &[Token<'_>], add: &mut impl FnMut(Kind, Range<usize>)) {
    for (i, t) in toks.iter().enumerate() {
        if month(t.word) {
            let next = toks.get(i + 1);
            let day =
                |t: &Token<'_>| t.word.len() <= 2 && t.word.bytes().all(|b| b.is_ascii_digit());
            if next.is_some_and(year) && t.after.is_empty() {
                add(Kind::Month, i..i + 2);
            } else if next.is_some_and(day) && toks.get(i + 2).is_some_and(year) {
                // "February 12, 1929": the year is asked, the day and month stay.
                add(Kind::Year, i + 2..i + 3);
            } else if !next.is_some_and(day)
                && i > 0
                && matches!(toks[i - 1].word, "in" | "of" | "by" | "until" | "since")
            {
                // "the crucial days of October".
                add(Kind::MonthName, i..i + 1);
            }
        } else if year(t)
            && !(t.after.is_empty() && counted(toks.get(i + 1)))
            && !t.before.contains(['$', '#'])
        {
            add(Kind::Year, i..i + 1);
        }
    }
}

/// Terms a sentence names or defines: "known as the Left Opposition", "a doctrine called
/// "socialism in one country"", "A soviet was a council of workers that ...".
fn terms(toks: &[Token<'_>], add: &mut impl FnMut(Range<usize>)) {
    let lower: Vec<String> = toks.iter().map(|t| t.word.to_lowercase()).collect();
    let at = |i: usize| lower.get(i).map_or("", String::as_str);
    // A quoted phrase of one to four words, not opening the sentence.
    for (i, t) in toks.iter().enumerate().skip(1) {
        if !t.before.contains(['"', '\u{201c}', '\'', '\u{2018}']) {
            continue;
        }
        if let Some(end) = (i..toks.len().min(i + 4))
            .find(|&j| toks[j].after.contains(['"', '\u{201d}', '\'', '\u{2019}']))
        {
            add(i..end + 1);
        }
    }
    for i in 0..toks.len() {
        let cue = match at(i) {
            "called" | "termed" | "dubbed" | "nicknamed" => 1,
            "named" if at(i + 1) != "after" && at(i + 1) != "for" => 1,
            "known" if at(i + 1) == "as" => 2,
            _ => 0,
        };
        if cue == 0 || toks[i + cue - 1].after.contains(',') {
            continue;
        }
        let start = i + cue;
        let start = if matches!(at(start), "the" | "a" | "an") {
            start + 1
        } else {
            start
        };
        let mut end = start;
        while end < toks.len() && end < start + 4 {
            if end > start && STOPWORDS.contains(&at(end)) {
                break;
            }
            end += 1;
            if breaks_after(&toks[end - 1]) {
                break;
            }
        }
        if end > start && !STOPWORDS.contains(&at(start)) {
            add(start..end);
        }
    }
    // "A soviet was a council of workers that ...": the subject is the term defined.
    let start = usize::from(matches!(at(0), "a" | "an" | "the"));
    if let Some(verb) = (start + 1..toks.len().min(start + 4))
        .find(|&i| matches!(at(i), "is" | "was" | "are" | "were" | "means"))
    {
        // "is a/an ..." followed by at least three words; "X was the Y" names, not defines.
        let generic = matches!(at(0), "a" | "an");
        let defining = at(verb) == "means"
            || ((matches!(at(verb + 1), "a" | "an") || (generic && at(verb + 1) == "the"))
                && toks.len() >= verb + 5);
        let plain = toks[..verb].iter().all(|t| !breaks_after(t))
            && !OPENERS.contains(&at(start))
            && !STOPWORDS.contains(&at(verb - 1));
        if defining && plain && toks.len() >= 8 {
            add(start..verb);
        }
    }
}

/// True when the rest of the sentence gives `fact` away: one of its words stands elsewhere
/// in it, an abbreviation of it follows in brackets, or it is a word of no weight.
fn guessable(text: &str, toks: &[Token<'_>], fact: &Fact) -> bool {
    let own: Vec<String> = toks[fact.tokens.clone()]
        .iter()
        .map(|t| possessive_stripped(&t.word.to_lowercase()))
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .collect();
    if own.is_empty()
        || own
            .iter()
            .all(|w| w.chars().count() < 2 && !w.chars().all(|c| c.is_ascii_digit()))
    {
        return true;
    }
    let elsewhere = toks.iter().enumerate().any(|(i, t)| {
        !fact.tokens.contains(&i) && own.contains(&possessive_stripped(&t.word.to_lowercase()))
    });
    let initials: String = toks[fact.tokens.clone()]
        .iter()
        .filter(|t| capitalized(t.word))
        .filter_map(|t| t.word.chars().next())
        .collect();
    let abbreviated = initials.chars().count() >= 2
        && toks
            .iter()
            .enumerate()
            .any(|(i, t)| !fact.tokens.contains(&i) && t.word.replace('.', "") == initials);
    let bracketed = toks[fact.tokens.start].before.starts_with('(');
    let bracket_after = toks
        .get(fact.tokens.end)
        .is_some_and(|t| t.before.starts_with('('))
        || text[fact.span.end..].trim_start().starts_with('(');
    elsewhere || abbreviated || bracketed || bracket_after
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(Kind, &str)> {
        let known = known_names([text].into_iter());
        facts(text, &tokens(text), &known)
            .into_iter()
            .map(|f| (f.kind, &text[f.span]))
            .collect()
    }

    #[test]
    fn finds_dates_numbers_names_and_terms() {
        assert_eq!(
            found("In February 1929 the exile Leon Trotsky sailed from Odessa with 12 trunks."),
            [
                (Kind::Month, "February 1929"),
                (Kind::Name, "Leon Trotsky"),
                (Kind::Name, "Odessa"),
                (Kind::Number, "12"),
            ]
        );
        assert_eq!(
            found("On March 4, 1801, about 1500 soldiers marched to St. Albans."),
            [
                (Kind::Year, "1801"),
                (Kind::Number, "1500"),
                (Kind::Name, "St. Albans")
            ]
        );
        assert_eq!(
            found(
                "This group became known as the Left Opposition in the Union of Soviet Socialist Republics."
            ),
            [
                (Kind::Term, "Left Opposition"),
                (Kind::Name, "Union of Soviet Socialist Republics")
            ]
        );
        assert_eq!(
            found("A soviet was a council of workers that ran a town's affairs for 2.5 years."),
            [(Kind::Term, "soviet"), (Kind::Number, "2.5")]
        );
    }

    #[test]
    fn terms_come_from_quotes_and_naming_words() {
        assert_eq!(
            found("The path beside it is called the towpath, and horses used it."),
            [(Kind::Term, "towpath")]
        );
        assert_eq!(
            found("He became an \u{201c}unperson\u{201d} in the histories after twelve years."),
            [(Kind::Term, "unperson"), (Kind::Number, "twelve")]
        );
        // A month on its own after "in", a full date's day left visible.
        assert_eq!(
            found("The talks failed in October and ended on 14 May 1994."),
            [(Kind::MonthName, "October"), (Kind::Month, "May 1994")]
        );
    }

    #[test]
    fn leaves_out_what_the_sentence_gives_away() {
        // Stalin's name stands twice; the party's initials follow it in brackets.
        assert_eq!(
            found("Stalin's allies said Stalin led the Communist Party (CP) in 1925."),
            [(Kind::Year, "1925")]
        );
        // A capital opening the sentence is no name unless seen inside one.
        assert_eq!(found("Bread cost more in 1917."), [(Kind::Year, "1917")]);
    }
}

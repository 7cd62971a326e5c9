//! How much of a source text the cards cover: its sentences, and which of them some card's
//! `cite` falls in. A teacher sees at a glance what a deck leaves out.

use super::cite::fold;
use super::lint::{Phrases, words};

/// One sentence of the source, with the line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// 1-based line number.
    pub line: usize,
    /// The sentence as written, white space folded.
    pub text: String,
}

/// The sentences of a source and which of them a cite falls in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// How many sentences the source has.
    pub sentences: usize,
    /// The sentences no cite falls in, in source order.
    pub uncovered: Vec<Sentence>,
}

impl Coverage {
    /// How many sentences a cite falls in.
    #[must_use]
    pub fn covered(&self) -> usize {
        self.sentences - self.uncovered.len()
    }
}

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "st", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "vol", "vols", "ed", "eds", "no", "pp", "mass", "calif", "etc",
];

/// The sentences of `text`: a line is split after `.`, `?` or `!` (and any closing quote or
/// bracket) followed by a space, except after an initial ("E.") or a usual abbreviation.
/// Pieces without a letter (a bullet, a number) are no sentences.
#[must_use]
pub fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let mut start = 0;
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if !matches!(c, '.' | '?' | '!') {
                continue;
            }
            let mut end = i + c.len_utf8();
            while let Some(&(j, q)) = chars.peek() {
                if matches!(q, '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}') {
                    end = j + q.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            let at_break = chars.peek().is_none_or(|&(_, next)| next.is_whitespace());
            if at_break && !(c == '.' && abbreviation(&line[start..i])) {
                push(&mut out, n + 1, &line[start..end]);
                start = end;
            }
        }
        push(&mut out, n + 1, &line[start..]);
    }
    out
}

/// True when `before` (the text up to a full stop) ends with an initial or an abbreviation.
fn abbreviation(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let mut letters = word.chars();
    let initial = letters.next().is_some_and(char::is_uppercase) && letters.next().is_none();
    initial || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

fn push(out: &mut Vec<Sentence>, line: usize, piece: &str) {
    if piece.chars().any(char::is_alphabetic) {
        out.push(Sentence {
            line,
            text: piece.split_whitespace().collect::<Vec<_>>().join(" "),
        });
    }
}

/// Which sentences of `source` the `cites` fall in, as whole words (case, quotes and
/// punctuation aside). A cite that runs across two sentences covers both. All cites are
/// looked for at once, in one pass over the source.
#[must_use]
pub fn coverage(source: &str, cites: &[String]) -> Coverage {
    let sentences = sentences(source);
    let folded: Vec<String> = sentences.iter().map(|s| fold(&s.text)).collect();
    // Every word of the source, with the sentence it is in.
    let mut text: Vec<&str> = Vec::new();
    let mut sentence_of: Vec<usize> = Vec::new();
    for (i, sentence) in folded.iter().enumerate() {
        for word in words(sentence) {
            text.push(word);
            sentence_of.push(i);
        }
    }
    let mut phrases = Phrases::default();
    for cite in cites {
        phrases.insert(&fold(cite));
    }
    let mut covered = vec![false; sentences.len()];
    phrases.find(&text, |_, start, len| {
        for &s in &sentence_of[start..start + len] {
            covered[s] = true;
        }
    });
    Coverage {
        sentences: sentences.len(),
        uncovered: sentences
            .into_iter()
            .zip(covered)
            .filter(|(_, c)| !c)
            .map(|(s, _)| s)
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_end_at_stops_but_not_after_initials_or_abbreviations() {
        let text = "The fire began on Sunday. Was it arson? No!\n  • \nSee Smith, J. R. \"London Burning.\" Oxford: Clarendon, 1998.\nIt ended in Sept. 1666\n";
        let found: Vec<(usize, String)> = sentences(text)
            .into_iter()
            .map(|s| (s.line, s.text))
            .collect();
        let expected = [
            (1, "The fire began on Sunday."),
            (1, "Was it arson?"),
            (1, "No!"),
            (3, "See Smith, J. R. \"London Burning.\""),
            (3, "Oxford: Clarendon, 1998."),
            (4, "It ended in Sept. 1666"),
        ]
        .map(|(l, t)| (l, t.to_owned()));
        assert_eq!(found, expected);
    }

    #[test]
    fn a_cite_covers_the_sentences_it_falls_in() {
        let text = "One two three. Four five six.\nSeven eight nine. Ten eleven.\n";
        let cites = ["TWO  three".to_owned(), "six. seven".to_owned()];
        let c = coverage(text, &cites);
        assert_eq!(c.sentences, 4);
        assert_eq!(c.covered(), 3);
        assert_eq!(
            c.uncovered,
            [Sentence {
                line: 2,
                text: "Ten eleven.".into()
            }]
        );
        assert_eq!(coverage(text, &[]).covered(), 0);
    }
}

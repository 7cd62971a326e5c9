//! The shape of an answer's text, as a reader takes it in at a glance: whether it holds
//! numbers (a year, a span of years), is the name of a month, is a proper name (capitalised
//! words) or a lower-case phrase, whether it opens with an article and how many words it has.
//! Two answers of the same shape read like answers to the same question.
//!
//! Pure text inspection: no deck, no randomness.

use crate::deck::MONTHS;

/// The broad kind of text an answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Holds digits: "1936-1938", "mid-1925", "1923 and 1924".
    Digits,
    /// A month's name alone: "October".
    MonthName,
    /// Capitalised words (small linking words aside): "Joseph Stalin", "the Orgburo".
    Name,
    /// Anything else, mostly lower-case: "a bureaucratic machine".
    Phrase,
}

/// What a text answer looks like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// Its broad kind.
    pub class: Class,
    /// The text with each run of digits written `#`, each run of letters `a`, each run of
    /// spaces one space and each dash `-`: "1936-1938" is `#-#`, "1923 and 1924" is `# a #`.
    pub pattern: String,
    /// Whether it opens with "the", "a" or "an" (followed by more words).
    pub article: bool,
    /// Its number of words.
    pub words: usize,
    /// Its capitalised words, lower-cased, without a leading article: the names in it.
    pub names: Vec<String>,
}

/// Words a name or title may keep in lower case ("Socialism in One Country").
const LINKS: &[&str] = &[
    "and", "of", "in", "on", "as", "at", "for", "to", "the", "a", "an", "de", "du", "la", "von",
    "van", "&",
];

const ARTICLES: &[&str] = &["the", "a", "an"];

/// The shape of `text`.
#[must_use]
pub fn of(text: &str) -> Shape {
    let words: Vec<&str> = text.split_whitespace().collect();
    let article = words.len() > 1 && ARTICLES.iter().any(|a| a.eq_ignore_ascii_case(words[0]));
    let content = if article { &words[1..] } else { &words[..] };
    let class = if text.chars().any(|c| c.is_ascii_digit()) {
        Class::Digits
    } else if month_index(text).is_some() {
        Class::MonthName
    } else if content.first().is_some_and(|w| capitalised(w))
        && content
            .iter()
            .all(|w| capitalised(w) || LINKS.iter().any(|l| l.eq_ignore_ascii_case(w)))
    {
        Class::Name
    } else {
        Class::Phrase
    };
    let names = content
        .iter()
        .filter(|w| capitalised(w))
        .flat_map(|w| tokens(w))
        .collect();
    Shape {
        class,
        pattern: pattern(text),
        article,
        words: words.len(),
        names,
    }
}

/// The 0-based month of a text that is a month's English name alone ("october" → 9).
#[must_use]
pub fn month_index(text: &str) -> Option<usize> {
    let text = text.trim();
    MONTHS.iter().position(|m| m.eq_ignore_ascii_case(text))
}

/// The words of `text` worth matching as names: runs of letters of three or more, lower-cased
/// ("Stalin's Great Purge" → stalin, great, purge).
#[must_use]
pub fn tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|t| t.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// Whether a word starts (after any punctuation) with a capital letter.
fn capitalised(word: &str) -> bool {
    word.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_uppercase)
}

fn pattern(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let mark = if c.is_ascii_digit() {
            '#'
        } else if c.is_alphabetic() {
            'a'
        } else if c.is_whitespace() {
            ' '
        } else if matches!(c, '-' | '\u{2010}'..='\u{2015}') {
            '-'
        } else {
            c
        };
        if !(matches!(mark, '#' | 'a' | ' ') && out.ends_with(mark)) {
            out.push(mark);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_follow_what_a_reader_sees() {
        let cases = [
            ("1936-1938", Class::Digits, "#-#"),
            ("1923 and 1924", Class::Digits, "# a #"),
            ("mid-1925", Class::Digits, "a-#"),
            ("October", Class::MonthName, "a"),
            ("Joseph Stalin", Class::Name, "a a"),
            ("the Orgburo", Class::Name, "a a"),
            ("Socialism in One Country", Class::Name, "a a a a"),
            ("Kamenev and Zinovyev", Class::Name, "a a a"),
            ("a bureaucratic machine", Class::Phrase, "a a a"),
            ("he did not yet feel secure", Class::Phrase, "a a a a a a"),
            ("people's commissar of war", Class::Phrase, "a'a a a a"),
        ];
        for (text, class, pattern) in cases {
            let shape = of(text);
            assert_eq!(shape.class, class, "{text}");
            assert_eq!(shape.pattern, pattern, "{text}");
        }
    }

    #[test]
    fn articles_words_and_names_are_counted() {
        let shape = of("the Fifteenth Party Congress");
        assert!(shape.article);
        assert_eq!(shape.words, 4);
        assert_eq!(shape.names, ["fifteenth", "party", "congress"]);
        let shape = of("Leon Trotsky");
        assert!(!shape.article);
        assert_eq!(shape.names, ["leon", "trotsky"]);
        assert!(!of("the").article, "an article alone is a word");
        assert_eq!(
            tokens("Stalin's Great Purge?"),
            ["stalin", "great", "purge"]
        );
    }
}

//! The sentences a draft is made from: the pieces `check --coverage` splits a source into
//! (so a card's cite counts exactly as the coverage report counts it), joined again where a
//! paragraph wraps a sentence over several lines. Markdown headings become tags; code
//! blocks and tables are passed over.

use crate::deck::coverage::{self, Sentence as Piece};

/// One sentence of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// The 1-based line it starts on.
    pub line: usize,
    /// Its text, white space folded, list and quote markers and Markdown emphasis left out.
    pub text: String,
    /// The tag of the heading it stands under.
    pub tag: Option<String>,
    /// The coverage pieces it is made of (indices into [`Split::pieces`]).
    pub pieces: std::ops::Range<usize>,
}

/// A source split for drafting.
#[derive(Debug, Clone, Default)]
pub struct Split {
    /// The sentences, in source order.
    pub sentences: Vec<Sentence>,
    /// Every piece the coverage report counts, in source order.
    pub pieces: Vec<Piece>,
    /// The first heading, when the source opens with one.
    pub title: Option<String>,
    /// How many headings were read.
    pub headings: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Text,
    /// Starts a list item or a quote: never continues the line before.
    Item,
    Heading,
    /// Code, a table, a rule: no sentences.
    Skipped,
}

/// The kinds of the lines of `text`, by line number (0-based), with the text of headings.
fn line_kinds(text: &str) -> Vec<(Line, Option<&str>)> {
    let lines: Vec<&str> = text.lines().collect();
    let blank = |i: Option<usize>| {
        i.and_then(|i| lines.get(i))
            .is_none_or(|l| l.trim().is_empty())
    };
    let mut fenced = false;
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let t = line.trim();
            if t.starts_with("```") || t.starts_with("~~~") {
                fenced = !fenced;
                return (Line::Skipped, None);
            }
            if fenced || t.starts_with('|') || t.starts_with("<!--") {
                (Line::Skipped, None)
            } else if let Some(h) = heading_text(t) {
                (Line::Heading, Some(h))
            } else if blank(i.checked_sub(1)) && blank(Some(i + 1)) && plain_heading(t) {
                (Line::Heading, Some(t))
            } else if list_marker(t) > 0 {
                (Line::Item, None)
            } else {
                (Line::Text, None)
            }
        })
        .collect()
}

/// A line standing alone that reads as a title: a few words in capitals (small words
/// apart), no closing stop.
fn plain_heading(line: &str) -> bool {
    const SMALL: &[&str] = &[
        "a", "an", "and", "the", "of", "in", "on", "into", "to", "for", "at", "by", "with",
    ];
    let words: Vec<&str> = line.split_whitespace().collect();
    (1..=10).contains(&words.len())
        && !line.ends_with(['.', '?', '!', ':', ';', ','])
        && words.iter().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || SMALL.contains(w)
        })
}

/// The text of a Markdown heading line (`# Title`, `### Part`).
fn heading_text(line: &str) -> Option<&str> {
    let rest = line.trim_start_matches('#');
    let level = line.len() - rest.len();
    ((1..=6).contains(&level) && (rest.is_empty() || rest.starts_with(' ')))
        .then(|| rest.trim().trim_end_matches('#').trim())
}

/// The length of a list or quote marker at the start of `text` (`- `, `* `, `+ `, `> `,
/// `1. `), 0 when there is none.
fn list_marker(text: &str) -> usize {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &text[digits..];
    let marker = if digits > 0 {
        usize::from(rest.starts_with(". ") || rest.starts_with(") "))
    } else {
        usize::from(
            ["- ", "* ", "+ ", "> ", "\u{2022} "]
                .iter()
                .any(|m| rest.starts_with(m)),
        ) * rest.chars().next().map_or(0, char::len_utf8)
    };
    if marker == 0 { 0 } else { digits + marker + 1 }
}

/// A tag made of a heading: lower case, words joined by `-`.
#[must_use]
pub fn tag_of(heading: &str) -> String {
    let mut tag = String::new();
    for word in heading
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !tag.is_empty() {
            tag.push('-');
        }
        tag.extend(word.chars().flat_map(char::to_lowercase));
    }
    tag
}

/// Splits `text` into sentences (see the module documentation).
#[must_use]
pub fn split(text: &str) -> Split {
    let kinds = line_kinds(text);
    let pieces = coverage::sentences(text);
    let mut out = Split::default();
    let mut tag: Option<String> = None;
    let mut open: Option<(usize, usize)> = None; // (first piece, last piece)
    let kind = |p: &Piece| kinds.get(p.line - 1).map_or(Line::Skipped, |k| k.0);
    for (i, piece) in pieces.iter().enumerate() {
        match kind(piece) {
            Line::Skipped => continue,
            Line::Heading => {
                if let Some((a, b)) = open.take() {
                    out.sentences.push(sentence(&pieces, a..b + 1, tag.clone()));
                }
                let first_on_line = i == 0 || pieces[i - 1].line != piece.line;
                let heading = kinds[piece.line - 1]
                    .1
                    .filter(|h| !h.is_empty() && first_on_line);
                if let Some(h) = heading {
                    if out.headings == 0 && out.sentences.is_empty() {
                        out.title = Some(h.chars().filter(|c| !c.is_control()).collect());
                    }
                    tag = Some(tag_of(h)).filter(|t| !t.is_empty());
                    out.headings += 1;
                }
                continue;
            }
            Line::Text | Line::Item => {}
        }
        let first_on_line = i == 0 || pieces[i - 1].line != piece.line;
        let joins = open.is_some_and(|(_, last)| {
            let before = &pieces[last];
            let next_line = before.line + 1 == piece.line && kind(piece) == Line::Text;
            let lower = piece.text.chars().next().is_some_and(char::is_lowercase);
            (lower && (!first_on_line || next_line))
                || (next_line
                    && first_on_line
                    && coverage::sentences(&format!("{} {}", before.text, piece.text)).len() == 1)
        });
        match open {
            Some((a, _)) if joins => open = Some((a, i)),
            _ => {
                if let Some((a, b)) = open.take() {
                    out.sentences.push(sentence(&pieces, a..b + 1, tag.clone()));
                }
                open = Some((i, i));
            }
        }
    }
    if let Some((a, b)) = open {
        out.sentences.push(sentence(&pieces, a..b + 1, tag));
    }
    out.pieces = pieces;
    out
}

fn sentence(pieces: &[Piece], range: std::ops::Range<usize>, tag: Option<String>) -> Sentence {
    let joined: Vec<&str> = pieces[range.clone()]
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    let joined = joined.join(" ");
    let text = plain(&joined[list_marker(&joined)..]);
    Sentence {
        line: pieces[range.start].line,
        text,
        tag,
        pieces: range,
    }
}

/// `text` without Markdown emphasis (`**`, `__`, `*`, `` ` ``) and with links `[a](b)` as
/// their words.
#[must_use]
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let link = rest
            .strip_prefix('[')
            .and_then(|r| r.split_once("]("))
            .and_then(|(words, after)| Some((words, &after[after.find(')')? + 1..])))
            .filter(|(words, _)| !words.contains('['));
        if let Some((words, after)) = link {
            out.push_str(words);
            rest = after;
            continue;
        }
        let emphasis = c == '`'
            || c == '*'
            || (c == '_'
                && !(out.chars().next_back().is_some_and(char::is_alphanumeric)
                    && rest[1..].chars().next().is_some_and(char::is_alphanumeric)));
        if !emphasis {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<(usize, String)> {
        split(text)
            .sentences
            .into_iter()
            .map(|s| (s.line, s.text))
            .collect()
    }

    #[test]
    fn wrapped_sentences_are_joined_and_abbreviations_kept() {
        let text = "Dr. J. R. Smith moved to St.\nAlbans on 3 Jan. 1820. It cost\n2.5 pounds. \"Go!\" he said.\n\nNew paragraph.\n";
        assert_eq!(
            texts(text),
            [
                (1, "Dr. J. R. Smith moved to St. Albans on 3 Jan. 1820."),
                (2, "It cost 2.5 pounds."),
                (3, "\"Go!\" he said."),
                (5, "New paragraph."),
            ]
            .map(|(l, t)| (l, t.to_owned()))
        );
    }

    #[test]
    fn headings_become_tags_and_markdown_is_read_as_text() {
        let text = "# The Fire\n\nIt began in **1666**.\n\nAftermath and Rebuilding\n\n- A [new law](http://x.y) passed.\n- Wren drew plans.\n\n```\ncode. Not read.\n```\n| a | b. |\n";
        let s = split(text);
        assert_eq!(s.title.as_deref(), Some("The Fire"));
        assert_eq!(s.headings, 2);
        let got: Vec<(&str, Option<&str>)> = s
            .sentences
            .iter()
            .map(|x| (x.text.as_str(), x.tag.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("It began in 1666.", Some("the-fire")),
                ("A new law passed.", Some("aftermath-and-rebuilding")),
                ("Wren drew plans.", Some("aftermath-and-rebuilding")),
            ]
        );
        assert_eq!(plain("snake_case and _it_"), "snake_case and it");
    }
}

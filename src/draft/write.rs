//! A draft as deck text: a new deck, or cards added at the end of a deck's text with every
//! byte before them kept. Values are written by the `toml` crate's serializer (through
//! [`crate::interchange::draft`]), so every string is quoted and escaped as TOML wants; a
//! comment above each card names the source line it was written from.

use serde::Serialize;

use super::propose::Draft;
use crate::interchange::draft::{DraftCard, DraftHeader};

#[derive(Serialize)]
struct Head<'a> {
    deck: &'a DraftHeader,
}

#[derive(Serialize)]
struct Cards<'a> {
    card: [&'a DraftCard; 1],
}

/// `text` fit for a one-line comment: controls made spaces, cut after `words` words.
fn comment_text(text: &str, words: usize) -> String {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let all: Vec<&str> = clean.split_whitespace().collect();
    let mut out = all[..all.len().min(words)].join(" ");
    if all.len() > words {
        out.push_str(" ...");
    }
    out
}

/// The cards of `draft`, each after a blank line and a comment naming `source_name` and the
/// line.
///
/// # Errors
/// What the serializer refuses (nothing a draft holds should be).
pub fn cards(draft: &Draft, source_name: &str) -> Result<String, String> {
    let name = comment_text(source_name, 8);
    let mut out = String::new();
    for p in &draft.proposals {
        out.push_str(&format!(
            "\n# {name}:{}: {}\n",
            p.line,
            comment_text(&p.sentence, 10)
        ));
        out.push_str(&toml::to_string(&Cards { card: [&p.card] }).map_err(|e| e.to_string())?);
    }
    Ok(out)
}

/// A new deck holding `draft`, titled `title`, its `source` `source_name`.
///
/// # Errors
/// What the serializer refuses.
pub fn deck(draft: &Draft, title: &str, source_name: &str) -> Result<String, String> {
    let header = DraftHeader {
        title: title.to_owned(),
        source: Some(source_name.to_owned()),
        ..DraftHeader::default()
    };
    let name = comment_text(source_name, 8);
    let mut out = format!(
        "# Drafted by `recall draft` from {name}: every card is a candidate to keep, edit or delete.\n\
         # The comment above each card names the line it was written from; its `cite` quotes it.\n\n"
    );
    out.push_str(&toml::to_string(&Head { deck: &header }).map_err(|e| e.to_string())?);
    out.push_str(&cards(draft, source_name)?);
    Ok(out)
}

/// `old` (a deck's text) with the cards of `draft` added at its end: `old` is the new text's
/// beginning, byte for byte; line ends follow `old`'s (CRLF when it uses them).
///
/// # Errors
/// What the serializer refuses.
pub fn appended(old: &str, draft: &Draft, source_name: &str) -> Result<String, String> {
    let mut added = cards(draft, source_name)?;
    if !old.is_empty() && !old.ends_with('\n') {
        added.insert(0, '\n');
    }
    if old.contains("\r\n") {
        added = added.replace('\n', "\r\n");
    }
    let mut out = String::with_capacity(old.len() + added.len());
    out.push_str(old);
    out.push_str(&added);
    Ok(out)
}

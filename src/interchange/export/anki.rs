//! Anki notes: the note type each card becomes, its fields in Anki's HTML and cloze
//! syntax, its tags; and Anki's "notes in plain text" file. The package itself is
//! written by [`crate::interchange::apkg`].

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand::seq::SliceRandom;

use super::{Exported, Tally, stable_hash};
use crate::deck::{Card, Content, Deck};
use crate::interchange::html;

/// The Anki note type a card becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnkiType {
    /// "Basic": Front, Back.
    Basic,
    /// "Basic (and reversed card)": Front, Back.
    Reversed,
    /// "Cloze": Text, Back Extra.
    Cloze,
}

impl AnkiType {
    /// The note type's name in Anki.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            AnkiType::Basic => "Basic",
            AnkiType::Reversed => "Basic (and reversed card)",
            AnkiType::Cloze => "Cloze",
        }
    }
}

/// A card as an Anki note: its type and its two fields, in HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnkiNoteOut {
    /// The note type.
    pub kind: AnkiType,
    /// Front and Back, or Text and Back Extra.
    pub fields: [String; 2],
}

/// The nearest Anki note of `card`; what it loses goes to `tally`.
fn anki_note(card: &Card, tally: &mut Tally) -> AnkiNoteOut {
    let with_explain = |answer: String| match &card.explain {
        Some(e) => format!("{answer}<br><br>{}", html::from_text(e)),
        None => answer,
    };
    match &card.content {
        Content::Basic {
            front,
            back,
            choices,
            reverse,
            ..
        } => {
            if !choices.is_empty() {
                tally.add("multiple choices became Basic notes (Anki has no wrong options)");
            }
            AnkiNoteOut {
                kind: if *reverse {
                    AnkiType::Reversed
                } else {
                    AnkiType::Basic
                },
                fields: [
                    html::from_text(front),
                    with_explain(html::from_text(&back.display())),
                ],
            }
        }
        Content::TrueFalse { statement, answer } => {
            tally.add("true/false statements became Basic notes answered True or False");
            AnkiNoteOut {
                kind: AnkiType::Basic,
                fields: [
                    format!("{}<br><br>True or false?", html::from_text(statement)),
                    with_explain(if *answer { "True" } else { "False" }.to_owned()),
                ],
            }
        }
        Content::Cloze { text, deletions } => {
            if deletions.iter().any(|d| !d.accept.is_empty()) {
                tally.add("cloze blanks kept only their first wording (Anki's cloze has one)");
            }
            AnkiNoteOut {
                kind: AnkiType::Cloze,
                fields: [
                    anki_cloze(text),
                    card.explain
                        .as_deref()
                        .map(html::from_text)
                        .unwrap_or_default(),
                ],
            }
        }
        Content::Order { prompt, items } => {
            tally.add("orderings became Basic notes: the items shuffled on the front, in order on the back");
            let mut shown: Vec<&String> = items.iter().collect();
            shown.shuffle(&mut ChaCha8Rng::seed_from_u64(stable_hash(&[&card.id])));
            let list = |items: &[&String]| {
                items
                    .iter()
                    .map(|i| html::from_text(i))
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            AnkiNoteOut {
                kind: AnkiType::Basic,
                fields: [
                    format!("{}<br><br>{}", html::from_text(prompt), list(&shown)),
                    with_explain(list(&items.iter().collect::<Vec<_>>())),
                ],
            }
        }
    }
}

/// recall's cloze text in Anki's syntax: the n-th blank `{{cn::answer::hint}}`.
#[must_use]
pub fn anki_cloze(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    let mut n = 0;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else { break };
        out.push_str(&html::from_text(&rest[..open]));
        n += 1;
        let inner = &after[..close];
        let (answers, hint) = inner.split_once("::").unwrap_or((inner, ""));
        let answer = answers.split('|').next().unwrap_or_default().trim();
        out.push_str(&format!("{{{{c{n}::{}", html::from_text(answer)));
        if !hint.trim().is_empty() {
            out.push_str(&format!("::{}", html::from_text(hint.trim())));
        }
        out.push_str("}}");
        rest = &after[close + 2..];
    }
    out.push_str(&html::from_text(rest));
    out
}

/// Every card as an Anki note, with the notes on what was lost.
#[must_use]
pub fn anki_notes(cards: &[&Card]) -> (Vec<AnkiNoteOut>, Vec<String>) {
    let mut tally = Tally::default();
    let notes = cards.iter().map(|c| anki_note(c, &mut tally)).collect();
    (notes, tally.lines())
}

/// Anki's "notes in plain text", with the header lines that tell Anki the separator, that
/// the fields are HTML, and which columns hold the note type, the deck and the tags.
///
/// # Errors
/// Only a failure of the CSV writer.
pub fn anki_text(deck: &Deck, cards: &[&Card]) -> Result<Exported, String> {
    let (notes, lost) = anki_notes(cards);
    let mut bytes =
        b"#separator:tab\n#html:true\n#notetype column:1\n#deck column:2\n#tags column:5\n"
            .to_vec();
    let mut out = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .from_writer(Vec::new());
    for (card, note) in cards.iter().zip(&notes) {
        let tags = anki_tags(&card.tags);
        out.write_record([
            note.kind.name(),
            &deck.title,
            &note.fields[0],
            &note.fields[1],
            &tags,
        ])
        .map_err(|e| e.to_string())?;
    }
    bytes.extend(out.into_inner().map_err(|e| e.to_string())?);
    Ok(Exported {
        bytes,
        count: notes.len(),
        notes: lost,
    })
}

/// Tags as Anki writes them: separated by spaces, a space inside a tag as `_`.
#[must_use]
pub fn anki_tags(tags: &[String]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.split_whitespace().collect::<Vec<_>>().join("_");
        if !tag.is_empty() && !seen.contains(&tag) {
            seen.push(tag);
        }
    }
    seen.join(" ")
}

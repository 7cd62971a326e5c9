//! A checked deck written for other tools. Each format gets the nearest thing it has to
//! each kind of card; what a format cannot hold is counted in the notes returned with the
//! file, never dropped in silence.
//!
//! This file holds what every format shares and the plain tables (CSV, Quizlet); Anki's
//! notes are made in `anki`, the quiz formats (GIFT, Aiken, and the questions QTI writes)
//! in `quiz`.

mod anki;
mod quiz;

use super::draft::{DraftBack, DraftCard};
use super::table::COLUMNS;
use crate::deck::{Card, Content, cloze};

pub use anki::{AnkiNoteOut, AnkiType, anki_cloze, anki_notes, anki_tags, anki_text};
pub use quiz::{Question, aiken, gift, quiz_questions};

/// A file made for another tool.
#[derive(Debug, Clone, Default)]
pub struct Exported {
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// How many rows, notes or questions it holds.
    pub count: usize,
    /// What could not be carried over, one line each.
    pub notes: Vec<String>,
}

/// A stable 64-bit hash (FNV-1a) of `parts`, for ids and seeds that must not change from
/// one export to the next.
#[must_use]
pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.iter().flat_map(|p| p.bytes().chain([0])) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Counts notes of one kind ("3 cloze cards lost their other wordings").
#[derive(Debug, Default)]
struct Tally(Vec<(String, usize)>);

impl Tally {
    fn add(&mut self, what: &str) {
        match self.0.iter_mut().find(|(w, _)| w == what) {
            Some((_, n)) => *n += 1,
            None => self.0.push((what.to_owned(), 1)),
        }
    }

    fn lines(self) -> Vec<String> {
        self.0
            .into_iter()
            .map(|(what, n)| format!("{n} card{}: {what}", if n == 1 { "" } else { "s" }))
            .collect()
    }
}

/// One row a card with every field ([`COLUMNS`]), as `import` reads it back; all of the
/// card's tags, its deck's too.
///
/// # Errors
/// Only a failure of the CSV writer.
pub fn csv(cards: &[&Card]) -> Result<Exported, String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(COLUMNS).map_err(|e| e.to_string())?;
    for card in cards {
        let d = DraftCard::of_card(card, &[]);
        let lines = |list: &[String]| list.join("\n");
        let (back, back_type) = match &d.back {
            None => (String::new(), ""),
            Some(DraftBack::Text(t)) => (t.clone(), "text"),
            Some(DraftBack::Number(n)) => (n.to_string(), "number"),
            Some(DraftBack::Bool(b)) => (b.to_string(), "boolean"),
        };
        let yes = |b: bool| if b { "true" } else { "" };
        let row: [String; 16] = [
            d.id.clone(),
            d.front.clone().unwrap_or_default(),
            back,
            back_type.to_owned(),
            lines(&d.accept),
            lines(&d.choices),
            yes(d.reverse).to_owned(),
            d.cloze.clone().unwrap_or_default(),
            lines(&d.order),
            d.tags.join(" "),
            d.hint.clone().unwrap_or_default(),
            d.explain.clone().unwrap_or_default(),
            d.cite.clone().unwrap_or_default(),
            d.mode.clone().unwrap_or_default(),
            d.kind.clone().unwrap_or_default(),
            yes(d.in_order).to_owned(),
        ];
        out.write_record(&row).map_err(|e| e.to_string())?;
    }
    let bytes = out.into_inner().map_err(|e| e.to_string())?;
    Ok(Exported {
        bytes,
        count: cards.len(),
        notes: Vec::new(),
    })
}

/// Text on one line: tabs and line breaks become spaces.
fn one_line(text: &str) -> String {
    text.split(['\n', '\t', '\r'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Quizlet's import: term TAB definition, a card a line. A cloze card gives a row a
/// deletion; an ordering its items in order.
#[must_use]
pub fn quizlet(cards: &[&Card]) -> Exported {
    let mut text = String::new();
    let mut count = 0;
    let mut tally = Tally::default();
    for card in cards {
        let rows: Vec<(String, String)> = match &card.content {
            Content::Basic { front, back, .. } => vec![(front.clone(), back.display())],
            Content::TrueFalse { statement, answer } => {
                vec![(
                    statement.clone(),
                    if *answer { "true" } else { "false" }.into(),
                )]
            }
            Content::Cloze { text, deletions } => deletions
                .iter()
                .enumerate()
                .map(|(i, d)| (cloze::render(text, i), d.answer.clone()))
                .collect(),
            Content::Order { prompt, items } => {
                tally.add("orderings became a term whose definition is the items in order");
                vec![(prompt.clone(), items.join("; "))]
            }
        };
        for (term, definition) in rows {
            text.push_str(&one_line(&term));
            text.push('\t');
            text.push_str(&one_line(&definition));
            text.push('\n');
            count += 1;
        }
    }
    Exported {
        bytes: text.into_bytes(),
        count,
        notes: tally.lines(),
    }
}

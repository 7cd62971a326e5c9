//! Cards in and out of other tools' formats: spreadsheets and Quizlet (CSV/TSV), Anki's
//! plain-text export and packages, and for export Moodle's GIFT, Aiken and IMS QTI.
//!
//! Importing gives a [`draft::DraftDeck`] or every problem found, each positioned
//! (`FILE:LINE`, or an Anki note id); nothing here prints, and the one file written is an
//! import's pictures ([`pictures::write`], through [`crate::atomic_file`], called by the deck
//! writer once the deck has passed its checks).

/// The commented starter deck `recall new` writes; `@TITLE@` and `@SOURCE@` stand for TOML
/// strings.
pub const STARTER: &str = include_str!("starter.toml");

pub mod apkg;
pub mod draft;
pub mod export;
pub mod html;
pub mod pictures;
pub mod qti;
pub mod table;

use draft::{DraftBack, DraftCard, DraftDeck};

use crate::text::{escape_controls, is_forbidden_control};

/// What an import made.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// The deck, ids assigned.
    pub deck: DraftDeck,
    /// What was brought in differently from the source, worded for the teacher.
    pub warnings: Vec<String>,
    /// The pictures the cards show, each as its name in the source (which the cards' picture
    /// keys hold until [`pictures::place`] gives it its place) and its bytes, checked to be a
    /// picture recall can draw.
    pub pictures: Vec<(String, Vec<u8>)>,
}

/// Every problem of an import, each starting with where it is; nothing is imported then.
pub type Problems = Vec<String>;

/// An Anki note type as recall reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteKind {
    /// One card, front to back ("Basic", "Basic (type in the answer)").
    Basic,
    /// Two cards, both ways ("Basic (and reversed card)").
    Reversed,
    /// The reversed card only when the third field is filled ("Basic (optional reversed
    /// card)").
    OptionalReversed,
    /// Cloze deletions.
    Cloze,
    /// Any other note type, named: its first field becomes the front, the rest the back.
    Other(String),
}

impl NoteKind {
    /// The kind of Anki's note type `name` (its English default names), `cloze` when Anki
    /// says the type is a cloze type whatever its name.
    #[must_use]
    pub fn of_name(name: &str, cloze: bool) -> NoteKind {
        if cloze {
            return NoteKind::Cloze;
        }
        match name.trim() {
            "Basic" | "Basic (type in the answer)" => NoteKind::Basic,
            "Basic (and reversed card)" => NoteKind::Reversed,
            "Basic (optional reversed card)" => NoteKind::OptionalReversed,
            "Cloze" => NoteKind::Cloze,
            other => NoteKind::Other(other.to_owned()),
        }
    }
}

/// One Anki note, its fields already plain text.
#[derive(Debug, Clone)]
pub struct AnkiNote {
    /// Where it is: `FILE:LINE` or `note ID`.
    pub at: String,
    /// Its type.
    pub kind: NoteKind,
    /// Its fields, in order.
    pub fields: Vec<String>,
    /// Its tags.
    pub tags: Vec<String>,
    /// The picture of each field (its first `<img>`), where a field has one.
    pub pictures: Vec<Option<NotePicture>>,
}

/// A picture a note's field shows: the name of its file and what it shows in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotePicture {
    /// The file's name as the note gives it.
    pub name: String,
    /// Its alt text, or else words made from the file's name.
    pub alt: String,
}

/// The cards of Anki notes, or every problem; warns of note types read as front and back.
///
/// # Errors
/// A note without a question or an answer, a cloze note without deletions, a field with a
/// control character.
pub fn anki_cards(
    notes: Vec<AnkiNote>,
    warnings: &mut Vec<String>,
) -> Result<Vec<DraftCard>, Problems> {
    let mut cards = Vec::new();
    let mut problems = Vec::new();
    let mut others: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for note in notes {
        if let NoteKind::Other(name) = &note.kind {
            *others.entry(name.clone()).or_default() += 1;
        }
        match anki_card(note) {
            Ok(card) => cards.push(card),
            Err(problem) => problems.push(problem),
        }
    }
    for (name, n) in others {
        warnings.push(format!(
            "{n} note{} of the type \"{}\" became front and back cards (first field the front, the others the back)",
            if n == 1 { "" } else { "s" },
            escape_controls(&name)
        ));
    }
    if problems.is_empty() {
        Ok(cards)
    } else {
        Err(problems)
    }
}

fn anki_card(note: AnkiNote) -> Result<DraftCard, String> {
    let at = &note.at;
    for (i, field) in note.fields.iter().chain(&note.tags).enumerate() {
        check_field(at, i + 1, field)?;
    }
    let field = |i: usize| {
        note.fields
            .get(i)
            .map(|f| f.trim().to_owned())
            .unwrap_or_default()
    };
    let mut card = DraftCard {
        tags: note.tags.clone(),
        ..DraftCard::default()
    };
    let picture = |from: usize| note.pictures.iter().skip(from).flatten().next().cloned();
    // The first field's picture goes with the question; a cloze's second field is its
    // explanation, any other note's later fields its answer.
    let slot = usize::from(note.kind == NoteKind::Cloze) + 1;
    for (at, picture) in [
        (0, note.pictures.first().cloned().flatten()),
        (slot, picture(1)),
    ] {
        if let (Some(picture), Some((file, alt))) =
            (picture, card.pictures_mut().into_iter().nth(at))
        {
            *file = Some(picture.name);
            *alt = Some(picture.alt);
        }
    }
    match &note.kind {
        NoteKind::Cloze => {
            let text = field(0);
            card.cloze = Some(cloze_of_anki(&text).map_err(|m| format!("{at}: {m}"))?);
            let extra = field(1);
            if !extra.is_empty() {
                card.explain = Some(extra);
            }
            return Ok(card);
        }
        NoteKind::Other(_) => {
            let back: Vec<String> = note
                .fields
                .iter()
                .skip(1)
                .map(|f| f.trim().to_owned())
                .filter(|f| !f.is_empty())
                .collect();
            card.front = Some(field(0));
            card.back = Some(DraftBack::Text(back.join("\n")));
        }
        kind => {
            card.front = Some(field(0));
            card.back = Some(DraftBack::Text(field(1)));
            card.reverse = *kind == NoteKind::Reversed
                || (*kind == NoteKind::OptionalReversed && !field(2).is_empty());
        }
    }
    if card.front.as_deref().is_none_or(str::is_empty) {
        return Err(format!("{at}: the first field (the question) is empty"));
    }
    if matches!(&card.back, Some(DraftBack::Text(t)) if t.is_empty()) {
        return Err(format!(
            "{at}: the note has no answer (its other fields are empty)"
        ));
    }
    Ok(card)
}

/// Refuses a field holding a control character (other than tab and newline).
///
/// # Errors
/// `AT: field N holds a control character (\u{..})`.
pub fn check_field(at: &str, number: usize, text: &str) -> Result<(), String> {
    match text.chars().find(|c| is_forbidden_control(*c)) {
        Some(c) => Err(format!(
            "{at}: field {number} holds a control character ({})",
            escape_controls(&c.to_string())
        )),
        None => Ok(()),
    }
}

/// An Anki cloze text (`{{c1::answer::hint}}`) in recall's syntax (`{{answer::hint}}`). A
/// text already in recall's syntax is kept.
///
/// # Errors
/// No deletion, a deletion never closed, or one inside another.
pub fn cloze_of_anki(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        out.push_str(&rest[..open]);
        let after = &rest[open + 2..];
        let close = after
            .find("}}")
            .ok_or_else(|| "a cloze deletion `{{` is never closed".to_owned())?;
        let inner = &after[..close];
        if inner.contains("{{") {
            return Err("a cloze deletion holds another; recall cannot nest them".to_owned());
        }
        let inner = match inner.split_once("::") {
            Some((number, rest))
                if number.len() > 1
                    && number.starts_with(['c', 'C'])
                    && number[1..].bytes().all(|b| b.is_ascii_digit()) =>
            {
                rest
            }
            _ => inner,
        };
        out.push_str("{{");
        out.push_str(inner);
        out.push_str("}}");
        rest = &after[close + 2..];
    }
    out.push_str(rest);
    crate::deck::cloze::parse(&out)?;
    Ok(out)
}

/// `deck` with ids given to its cards, the title made from the name of the `file` it was
/// imported from when it has none.
#[must_use]
pub fn finish(mut deck: DraftDeck, file: &std::path::Path) -> DraftDeck {
    if deck.deck.title.trim().is_empty() {
        let stem = file.file_stem().unwrap_or_default().to_string_lossy();
        deck.deck.title = stem.replace(['-', '_'], " ");
    }
    deck.assign_ids();
    deck
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anki_clozes_become_recall_clozes() {
        assert_eq!(
            cloze_of_anki("In {{c1::1921::year}} the {{c2::Tenth Congress}} met").unwrap(),
            "In {{1921::year}} the {{Tenth Congress}} met"
        );
        assert!(cloze_of_anki("no deletion").is_err());
        assert!(cloze_of_anki("{{c1::a {{c2::b}} }}").is_err());
        assert!(cloze_of_anki("{{c1::open").is_err());
    }
}

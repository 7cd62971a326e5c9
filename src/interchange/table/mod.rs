//! Cards from text tables: Quizlet's export (term, separator, definition; one card a row),
//! a spreadsheet saved as CSV with a header row naming the columns, and Anki's "notes in
//! plain text" export with its `#key:value` header lines. CSV quoting is read by the `csv`
//! crate.
//!
//! This file tells the layouts apart and holds what they share (column names, separators,
//! the CSV reader); each layout is read in a file of its own: [`quizlet`], [`headed`],
//! [`anki_text`].

mod anki_text;
mod headed;
mod quizlet;

use super::draft::{DraftCard, DraftDeck, DraftHeader};
use super::{Imported, Problems};
use crate::text::escape_controls;

pub use anki_text::anki_text;
pub use headed::headed;
pub use quizlet::quizlet;

/// The columns a headed CSV may have, as the deck format names them (`back_type` says what
/// the `back` is: `text`, `number` or `boolean`).
pub const COLUMNS: &[&str] = &[
    "id",
    "front",
    "back",
    "back_type",
    "accept",
    "choices",
    "reverse",
    "cloze",
    "order",
    "tags",
    "hint",
    "explain",
    "cite",
    "mode",
    "kind",
    "in_order",
];

/// Other names spreadsheets give the columns.
const ALIASES: &[(&str, &str)] = &[
    ("question", "front"),
    ("term", "front"),
    ("answer", "back"),
    ("definition", "back"),
    ("tag", "tags"),
];

/// How a text table is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// Quizlet: no header, no quoting.
    Quizlet,
    /// A header row naming the columns.
    Headed,
    /// Anki's plain-text notes.
    AnkiText,
}

/// The layout of `text`: Anki's when it opens with `#key:value` lines, headed when its
/// first row names a question column and an answer column, else Quizlet's.
#[must_use]
pub fn detect(text: &str, separator: Option<char>) -> Layout {
    let first = text.lines().next().unwrap_or_default();
    if first.starts_with('#') && first.contains(':') {
        return Layout::AnkiText;
    }
    let separator = separator.unwrap_or_else(|| guess_separator(first));
    let names: Vec<String> = first.split(separator).map(column_name).collect();
    let has = |wanted: &[&str]| names.iter().any(|n| wanted.contains(&n.as_str()));
    if has(&["front", "cloze"]) && has(&["back", "cloze", "order"]) {
        Layout::Headed
    } else {
        Layout::Quizlet
    }
}

/// Tab when the line has one, else whichever of `;` and `,` it has more of.
fn guess_separator(line: &str) -> char {
    if line.contains('\t') {
        '\t'
    } else if line.matches(';').count() > line.matches(',').count() {
        ';'
    } else {
        ','
    }
}

fn column_name(cell: &str) -> String {
    let name = cell
        .trim()
        .trim_matches('"')
        .trim()
        .to_lowercase()
        .replace(' ', "_");
    ALIASES
        .iter()
        .find(|(alias, _)| *alias == name)
        .map_or(name, |(_, real)| (*real).to_owned())
}

fn separator_name(c: char) -> String {
    match c {
        '\t' => "tab".to_owned(),
        ',' => "comma".to_owned(),
        ';' => "semicolon".to_owned(),
        c => format!("\"{}\"", escape_controls(&c.to_string())),
    }
}

fn finished(
    cards: Vec<DraftCard>,
    problems: Problems,
    warnings: Vec<String>,
) -> Result<Imported, Problems> {
    if !problems.is_empty() {
        return Err(problems);
    }
    Ok(Imported {
        deck: DraftDeck {
            deck: DraftHeader::default(),
            card: cards,
        },
        warnings,
        pictures: Vec::new(),
    })
}

/// A CSV reader on `text` with `separator`, no header, rows of any length.
fn csv_reader(text: &str, separator: char) -> Result<csv::Reader<&[u8]>, String> {
    let byte = u8::try_from(u32::from(separator))
        .ok()
        .filter(u8::is_ascii)
        .ok_or_else(|| {
            format!(
                "the separator {} is not a single ASCII character",
                separator_name(separator)
            )
        })?;
    Ok(csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(byte)
        .from_reader(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::interchange::draft::DraftBack;

    #[test]
    fn layouts_are_told_apart() {
        assert_eq!(detect("#separator:tab\na\tb\n", None), Layout::AnkiText);
        assert_eq!(detect("Front,Back,Tags\na,b,c\n", None), Layout::Headed);
        assert_eq!(detect("question;answer\na;b\n", None), Layout::Headed);
        assert_eq!(detect("cat\tkatze\n", None), Layout::Quizlet);
    }

    #[test]
    fn quizlet_rows_split_at_the_first_separator() {
        let got = quizlet(
            "cat\tdie Katze\ndog\tder Hund, treu\n\n",
            "q.txt",
            None,
            None,
        )
        .unwrap();
        assert_eq!(got.deck.card.len(), 2);
        assert_eq!(
            got.deck.card[1].back,
            Some(DraftBack::Text("der Hund, treu".into()))
        );
        let custom = quizlet("a - b;c - d", "q.txt", Some('-'), Some(";")).unwrap();
        assert_eq!(custom.deck.card[1].front.as_deref(), Some("c"));
        let err = quizlet("cat\tKatze\nno separator\n", "q.txt", None, None).unwrap_err();
        assert_eq!(err, ["q.txt:2: no tab between the term and the definition"]);
    }

    #[test]
    fn headed_rows_give_each_kind() {
        let text = "front,back,choices,tags,cloze,order\n\
                    Capital?,Paris,\"Rome\nBerlin\",geo eu,,\n\
                    Year?,1969,,,,\n\
                    Sky is green.,false,,,,\n\
                    ,,,,{{c1::Water}} is wet,\n\
                    Order:,,,,,\"a\nb\"\n";
        let got = headed(text, "s.csv", None).unwrap();
        let cards = &got.deck.card;
        assert_eq!(cards.len(), 5);
        assert_eq!(cards[0].choices, ["Rome", "Berlin"]);
        assert_eq!(cards[0].tags, ["geo", "eu"]);
        assert_eq!(cards[1].back, Some(DraftBack::Number(1969)));
        assert_eq!(cards[2].back, Some(DraftBack::Bool(false)));
        assert_eq!(cards[3].cloze.as_deref(), Some("{{Water}} is wet"));
        assert_eq!(cards[4].order, ["a", "b"]);
        let err = headed("front,back,colour\na,b,c\n", "s.csv", None).unwrap_err();
        assert!(
            err[0].starts_with("s.csv:1: column 3 is named \"colour\""),
            "{err:?}"
        );
        let err = headed("front,back\na,b,c\nd,\u{1b}\n", "s.csv", None).unwrap_err();
        assert_eq!(
            err[0],
            "s.csv:2: the row has 3 cells, the header names 2 columns"
        );
        assert_eq!(
            err[1],
            "s.csv:3: field 2 holds a control character (\\u{1b})"
        );
    }

    #[test]
    fn anki_text_reads_its_headers() {
        let text = "#separator:tab\n#html:true\n#notetype column:1\n#tags column:4\n\
                    Basic\t<b>Front</b>\tBack<br>two\tt1 t2\n\
                    Basic (and reversed card)\tterm\tdefinition\t\n\
                    Cloze\t{{c1::Paris}} is in France\textra\t\n\
                    Vocab\tword\tmeaning\t\n";
        let got = anki_text(text, "a.txt", None).unwrap();
        let cards = &got.deck.card;
        assert_eq!(cards.len(), 4);
        assert_eq!(cards[0].front.as_deref(), Some("Front"));
        assert_eq!(cards[0].back, Some(DraftBack::Text("Back\ntwo".into())));
        assert_eq!(cards[0].tags, ["t1", "t2"]);
        assert!(cards[1].reverse);
        assert_eq!(cards[2].cloze.as_deref(), Some("{{Paris}} is in France"));
        assert_eq!(got.warnings.len(), 1, "{:?}", got.warnings);
        let err = anki_text("#separator:tab\nCloze text\n", "a.txt", None).unwrap_err();
        assert_eq!(
            err[0],
            "a.txt:2: the note has no answer (its other fields are empty)"
        );
    }
}

//! Cards from text tables: Quizlet's export (term, separator, definition; one card a row),
//! a spreadsheet saved as CSV with a header row naming the columns, and Anki's "notes in
//! plain text" export with its `#key:value` header lines. CSV quoting is read by the `csv`
//! crate.

use super::draft::{DraftBack, DraftCard, DraftDeck, DraftHeader};
use super::{AnkiNote, Imported, NoteKind, Problems, anki_cards, check_field, cloze_of_anki};
use crate::deck::{AnswerKind, PromptMode};
use crate::text::escape_controls;

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

/// Quizlet's export: each row a term, `separator` and a definition; rows end at
/// `row_separator` (a newline by default). Blank rows are skipped.
///
/// # Errors
/// A row without the separator, an empty side, a control character; each as `FILE:ROW`.
pub fn quizlet(
    text: &str,
    file: &str,
    separator: Option<char>,
    row_separator: Option<&str>,
) -> Result<Imported, Problems> {
    let separator =
        separator.unwrap_or_else(|| guess_separator(text.lines().next().unwrap_or_default()));
    let rows: Vec<&str> = match row_separator {
        Some(sep) if !sep.is_empty() && sep != "\n" => text.split(sep).collect(),
        _ => text.split('\n').collect(),
    };
    let mut cards = Vec::new();
    let mut problems = Vec::new();
    for (n, row) in rows.iter().enumerate() {
        let at = format!("{file}:{}", n + 1);
        let row = row.trim_end_matches('\r');
        if row.trim().is_empty() {
            continue;
        }
        let Some((term, definition)) = row.split_once(separator) else {
            problems.push(format!(
                "{at}: no {} between the term and the definition",
                separator_name(separator)
            ));
            continue;
        };
        let (term, definition) = (term.trim(), definition.trim());
        let checked = check_field(&at, 1, term).and_then(|()| check_field(&at, 2, definition));
        if let Err(p) = checked {
            problems.push(p);
        } else if term.is_empty() || definition.is_empty() {
            problems.push(format!(
                "{at}: the {} is empty",
                if term.is_empty() {
                    "term"
                } else {
                    "definition"
                }
            ));
        } else {
            cards.push(DraftCard {
                front: Some(term.to_owned()),
                back: Some(DraftBack::Text(definition.to_owned())),
                ..DraftCard::default()
            });
        }
    }
    finished(cards, problems, Vec::new())
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
        media: Vec::new(),
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

/// A spreadsheet saved as CSV whose first row names the columns ([`COLUMNS`], or `question`,
/// `answer`, `term`, `definition`). List cells (`accept`, `choices`, `order`) hold one item
/// a line; `tags` are separated by spaces, commas or lines. Without `back_type`, a `back`
/// that is a whole number becomes a number and `true` or `false` a true/false card.
///
/// # Errors
/// An unknown column, a row with more cells than the header, a bad value; each as
/// `FILE:LINE`.
pub fn headed(text: &str, file: &str, separator: Option<char>) -> Result<Imported, Problems> {
    let separator =
        separator.unwrap_or_else(|| guess_separator(text.lines().next().unwrap_or_default()));
    let mut reader = csv_reader(text, separator).map_err(|e| vec![format!("{file}: {e}")])?;
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(header)) => header,
        Some(Err(e)) => return Err(vec![format!("{file}:1: {e}")]),
        None => return Err(vec![format!("{file}: the file is empty")]),
    };
    let names: Vec<String> = header.iter().map(column_name).collect();
    let mut problems = Vec::new();
    for (i, name) in names.iter().enumerate() {
        if !name.is_empty() && !COLUMNS.contains(&name.as_str()) {
            problems.push(format!(
                "{file}:1: column {} is named \"{}\", which is none of: {}",
                i + 1,
                escape_controls(name),
                COLUMNS.join(", ")
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut cards = Vec::new();
    let mut first_line: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    for record in records {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line);
                problems.push(format!("{file}:{line}: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line);
        let at = format!("{file}:{line}");
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() > names.len() {
            problems.push(format!(
                "{at}: the row has {} cells, the header names {} columns",
                record.len(),
                names.len()
            ));
            continue;
        }
        let cells: Vec<(&str, &str)> = names
            .iter()
            .map(String::as_str)
            .zip(record.iter())
            .collect();
        match card_of_row(&at, &cells) {
            Ok(card) if !card.id.is_empty() => match first_line.entry(card.id.clone()) {
                std::collections::hash_map::Entry::Occupied(first) => problems.push(format!(
                    "{at}: the id \"{}\" is also the id of the row on line {}",
                    escape_controls(&card.id),
                    first.get()
                )),
                std::collections::hash_map::Entry::Vacant(slot) => {
                    slot.insert(line);
                    cards.push(card);
                }
            },
            Ok(card) => cards.push(card),
            Err(p) => problems.push(p),
        }
    }
    finished(cards, problems, Vec::new())
}

/// Refuses a `mode` or `kind` the deck format does not know.
fn check_names(at: &str, card: &DraftCard) -> Result<(), String> {
    if let Some(mode) = card
        .mode
        .as_deref()
        .filter(|m| PromptMode::from_name(m).is_none())
    {
        return Err(format!(
            "{at}: `mode` is \"{}\"; write one of {}",
            escape_controls(mode),
            PromptMode::NAMES.join(", ")
        ));
    }
    if let Some(kind) = card
        .kind
        .as_deref()
        .filter(|k| AnswerKind::from_name(k).is_none())
    {
        let known: Vec<&str> = AnswerKind::ALL.iter().map(|k| k.as_str()).collect();
        return Err(format!(
            "{at}: `kind` is \"{}\"; write one of {}",
            escape_controls(kind),
            known.join(", ")
        ));
    }
    Ok(())
}

fn card_of_row(at: &str, cells: &[(&str, &str)]) -> Result<DraftCard, String> {
    for (i, (_, cell)) in cells.iter().enumerate() {
        check_field(at, i + 1, cell)?;
    }
    let get = |name: &str| {
        cells
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, c)| c.trim())
            .filter(|c| !c.is_empty())
    };
    let text = |name: &str| get(name).map(str::to_owned);
    let list = |name: &str| -> Vec<String> {
        get(name).map_or_else(Vec::new, |c| {
            c.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect()
        })
    };
    let flag = |name: &str| -> Result<bool, String> {
        match get(name).map(str::to_lowercase).as_deref() {
            None | Some("false" | "no" | "0") => Ok(false),
            Some("true" | "yes" | "1") => Ok(true),
            Some(other) => Err(format!(
                "{at}: `{name}` is \"{}\"; write true or false",
                escape_controls(other)
            )),
        }
    };
    let back = match (get("back"), get("back_type")) {
        (None, _) => None,
        (Some(b), Some("text")) => Some(DraftBack::Text(b.to_owned())),
        (Some(b), Some("number")) => Some(DraftBack::Number(b.parse().map_err(|_| {
            format!(
                "{at}: `back` is \"{}\", not a whole number",
                escape_controls(b)
            )
        })?)),
        (Some(b), Some("boolean")) => Some(DraftBack::Bool(match b.to_lowercase().as_str() {
            "true" => true,
            "false" => false,
            _ => {
                return Err(format!(
                    "{at}: `back` is \"{}\"; write true or false",
                    escape_controls(b)
                ));
            }
        })),
        (Some(_), Some(other)) => {
            return Err(format!(
                "{at}: `back_type` is \"{}\"; write text, number or boolean",
                escape_controls(other)
            ));
        }
        (Some(b), None) => Some(if let Ok(n) = b.parse::<i64>() {
            DraftBack::Number(n)
        } else if b.eq_ignore_ascii_case("true") || b.eq_ignore_ascii_case("false") {
            DraftBack::Bool(b.eq_ignore_ascii_case("true"))
        } else {
            DraftBack::Text(b.to_owned())
        }),
    };
    let cloze = get("cloze")
        .map(|c| cloze_of_anki(c).map_err(|m| format!("{at}: {m}")))
        .transpose()?;
    let tags = get("tags").map_or_else(Vec::new, |t| {
        t.split(|c: char| c == ',' || c.is_whitespace())
            .filter(|t| !t.is_empty())
            .map(str::to_owned)
            .collect()
    });
    let card = DraftCard {
        id: text("id").unwrap_or_default(),
        front: text("front"),
        back,
        accept: list("accept"),
        choices: list("choices"),
        reverse: flag("reverse")?,
        cloze,
        order: list("order"),
        tags,
        hint: text("hint"),
        explain: text("explain"),
        cite: text("cite"),
        mode: text("mode"),
        kind: text("kind"),
        in_order: flag("in_order")?,
    };
    check_names(at, &card)?;
    if card.cloze.is_none() && card.front.is_none() {
        return Err(format!("{at}: the row has no `front` (nor `cloze`)"));
    }
    if card.cloze.is_none() && card.back.is_none() && card.order.is_empty() {
        return Err(format!("{at}: the row has no `back` (nor `order`)"));
    }
    Ok(card)
}

/// Anki's "notes in plain text" export: `#separator:`, `#html:`, `#tags column:`,
/// `#notetype column:`, `#notetype:`, `#deck column:` and `#guid column:` header lines,
/// then one note a row.
///
/// # Errors
/// A bad header value, a note that gives no card; each as `FILE:LINE`.
pub fn anki_text(text: &str, file: &str, separator: Option<char>) -> Result<Imported, Problems> {
    let mut header_lines = 0;
    let mut separator = separator;
    let mut html = true;
    let mut tags_column = None;
    let mut notetype_column = None;
    let mut notetype = None;
    let mut skipped_columns = Vec::new();
    let mut problems = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let Some(header) = line.strip_prefix('#') else {
            break;
        };
        header_lines = n + 1;
        let at = format!("{file}:{}", n + 1);
        let Some((key, value)) = header.split_once(':') else {
            continue;
        };
        let value = value.trim();
        let column = || {
            value
                .parse::<usize>()
                .ok()
                .filter(|c| *c > 0)
                .map(|c| c - 1)
                .ok_or_else(|| {
                    format!(
                        "{at}: `#{key}:` wants a column number from 1, not \"{}\"",
                        escape_controls(value)
                    )
                })
        };
        match key.trim() {
            "separator" => {
                separator = Some(match value.to_lowercase().as_str() {
                    "tab" => '\t',
                    "comma" => ',',
                    "semicolon" => ';',
                    "space" => ' ',
                    "pipe" => '|',
                    "colon" => ':',
                    other if other.chars().count() == 1 => other.chars().next().unwrap_or(','),
                    _ => {
                        problems.push(format!(
                            "{at}: unknown separator \"{}\"",
                            escape_controls(value)
                        ));
                        continue;
                    }
                });
            }
            "html" => html = value.eq_ignore_ascii_case("true"),
            "tags column" => match column() {
                Ok(c) => tags_column = Some(c),
                Err(p) => problems.push(p),
            },
            "notetype column" => match column() {
                Ok(c) => notetype_column = Some(c),
                Err(p) => problems.push(p),
            },
            "deck column" | "guid column" => match column() {
                Ok(c) => skipped_columns.push(c),
                Err(p) => problems.push(p),
            },
            "notetype" => notetype = Some(value.to_owned()),
            _ => {}
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let body: String = text.split_inclusive('\n').skip(header_lines).collect();
    let separator = separator.unwrap_or('\t');
    let mut reader = csv_reader(&body, separator).map_err(|e| vec![format!("{file}: {e}")])?;
    let mut notes = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, csv::Position::line) as usize + header_lines;
                problems.push(format!("{file}:{line}: {e}"));
                continue;
            }
        };
        let line = record.position().map_or(0, csv::Position::line) as usize + header_lines;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut fields = Vec::new();
        let mut tags = Vec::new();
        let mut type_name = notetype.clone();
        for (i, cell) in record.iter().enumerate() {
            if Some(i) == tags_column {
                tags = cell.split_whitespace().map(str::to_owned).collect();
            } else if Some(i) == notetype_column {
                type_name = Some(cell.to_owned());
            } else if !skipped_columns.contains(&i) {
                fields.push(if html {
                    super::html::to_text(cell)
                } else {
                    cell.to_owned()
                });
            }
        }
        let kind = match type_name {
            Some(name) => NoteKind::of_name(&name, false),
            None if fields.first().is_some_and(|f| f.contains("{{c")) => NoteKind::Cloze,
            None => NoteKind::Basic,
        };
        notes.push(AnkiNote {
            at: format!("{file}:{line}"),
            kind,
            fields,
            tags,
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut warnings = Vec::new();
    let cards = anki_cards(notes, &mut warnings)?;
    finished(cards, Vec::new(), warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

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

//! A spreadsheet saved as CSV whose header row names the columns, one card a row.

use super::{COLUMNS, column_name, csv_reader, finished, guess_separator};
use crate::deck::{AnswerKind, PromptMode};
use crate::interchange::draft::{DraftBack, DraftCard};
use crate::interchange::{Imported, Problems, check_field, cloze_of_anki};
use crate::text::escape_controls;

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
        ..DraftCard::default()
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

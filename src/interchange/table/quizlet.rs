//! Quizlet's export: term, separator, definition, one card a row.

use super::{finished, guess_separator, separator_name};
use crate::interchange::draft::{DraftBack, DraftCard};
use crate::interchange::{Imported, Problems, check_field};

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

//! Anki's "notes in plain text" export: `#key:value` header lines, then one note a row.

use super::{csv_reader, finished};
use crate::interchange::{AnkiNote, Imported, NoteKind, Problems, anki_cards};
use crate::text::escape_controls;

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
                    crate::interchange::html::to_text(cell)
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
            pictures: Vec::new(),
        });
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut warnings = Vec::new();
    let cards = anki_cards(notes, &mut warnings)?;
    finished(cards, Vec::new(), warnings)
}

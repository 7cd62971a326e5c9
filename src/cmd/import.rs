//! `recall import`: a deck made from another tool's cards, checked before it is written and
//! by `check` after.

use std::path::Path;
use std::process::ExitCode;

use crate::cli::{ImportCardsArgs, ImportFormat};
use crate::error::Error;
use crate::input_file::{self, limits};
use crate::interchange::{self, Imported, apkg, table};
use crate::text::escape_controls;

/// Runs `recall import`.
///
/// # Errors
/// The file cannot be read, has problems (all are listed, nothing is written), or the deck
/// cannot be written.
pub fn run(args: &ImportCardsArgs) -> Result<ExitCode, Error> {
    let shown = escape_controls(&args.file.display().to_string()).into_owned();
    let to = args
        .to
        .clone()
        .unwrap_or_else(|| args.file.with_extension("toml"));
    if !args.force && std::fs::symlink_metadata(&to).is_ok() {
        return Err(Error::Usage(format!(
            "{}: already exists; nothing was written (pass --force to replace it)",
            escape_controls(&to.display().to_string())
        )));
    }
    let bytes = input_file::read_bytes(&args.file, limits::IMPORT, "file to import")?;
    let format = args.format.unwrap_or_else(|| detect(&args.file, &bytes));
    let imported = if format == ImportFormat::Apkg {
        apkg::import(&bytes, &shown)
    } else {
        let text = input_file::utf8(&args.file, bytes)?;
        match format {
            ImportFormat::Quizlet => {
                table::quizlet(&text, &shown, args.separator, args.row_separator.as_deref())
            }
            ImportFormat::Csv => table::headed(&text, &shown, args.separator),
            ImportFormat::AnkiText | ImportFormat::Apkg => {
                table::anki_text(&text, &shown, args.separator)
            }
        }
    };
    let Imported {
        deck,
        warnings,
        pictures,
    } = imported.map_err(|problems| {
        Error::Usage(format!(
            "{}\n{shown}: {} problem{}; nothing was written",
            problems.join("\n"),
            problems.len(),
            if problems.len() == 1 { "" } else { "s" }
        ))
    })?;
    let mut deck = interchange::finish(deck, &args.file);
    if let Some(title) = &args.title {
        deck.deck.title.clone_from(title);
    }
    if deck.card.is_empty() {
        return Err(Error::Usage(format!(
            "{shown}: no cards found; nothing was written"
        )));
    }
    for warning in &warnings {
        eprintln!("{shown}: warning: {}", escape_controls(warning));
    }
    let placed = interchange::pictures::place(&mut deck, pictures, &to)?;
    let text = deck.to_toml().map_err(Error::Usage)?;
    println!(
        "{shown}: {} card{} imported",
        deck.card.len(),
        if deck.card.len() == 1 { "" } else { "s" }
    );
    let write_pictures = || interchange::pictures::write(&placed);
    super::new::write_deck(&to, &text, args.force, write_pictures)
}

/// The format of a file to import: an Anki package by its ending or a zip's first bytes,
/// else the text table's layout.
fn detect(file: &Path, bytes: &[u8]) -> ImportFormat {
    let ending = file
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if ending == "apkg" || ending == "colpkg" || bytes.starts_with(b"PK\x03\x04") {
        return ImportFormat::Apkg;
    }
    let text = String::from_utf8_lossy(bytes);
    match table::detect(text.trim_start_matches('\u{feff}'), None) {
        table::Layout::Quizlet => ImportFormat::Quizlet,
        table::Layout::Headed => ImportFormat::Csv,
        table::Layout::AnkiText => ImportFormat::AnkiText,
    }
}

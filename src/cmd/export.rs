//! `recall export`: a deck's cards written for another tool, replaced atomically.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{ExportCardsArgs, ExportFormat};
use crate::deck::{self, Card};
use crate::error::Error;
use crate::interchange::export::{self, Exported};
use crate::text::escape_controls;

/// The kinds `--kinds` may name.
const KINDS: &[&str] = &[
    "basic",
    "reversed",
    "choice",
    "true-false",
    "cloze",
    "order",
];

/// Runs `recall export`.
///
/// # Errors
/// A deck with errors, an unknown kind, no card selected, or a failed write.
pub fn run(args: &ExportCardsArgs) -> Result<ExitCode, Error> {
    for kind in &args.kinds {
        if !KINDS.contains(&kind.as_str()) {
            return Err(Error::Usage(format!(
                "--kinds: unknown kind \"{}\"; use {}",
                escape_controls(kind),
                KINDS.join(", ")
            )));
        }
    }
    let parsed = deck::load(&args.deck, deck::Options::default());
    let errors = super::new::error_lines(&parsed.diagnostics);
    let shown = escape_controls(&args.deck.display().to_string()).into_owned();
    let deck = match parsed.deck {
        Some(deck) if errors.is_empty() => deck,
        _ => {
            return Err(Error::Usage(format!(
                "{}\n{shown}: the deck has errors; nothing was exported",
                errors.join("\n")
            )));
        }
    };
    let cards: Vec<&Card> = deck
        .cards
        .iter()
        .filter(|c| args.tags.is_empty() || c.tags.iter().any(|t| args.tags.contains(t)))
        .filter(|c| args.kinds.is_empty() || args.kinds.iter().any(|k| k == c.content.kind_name()))
        .collect();
    if cards.is_empty() {
        return Err(Error::Usage(format!(
            "{shown}: no card has the tags and kinds asked for; nothing was exported"
        )));
    }
    let made: Result<Exported, String> = match args.format {
        ExportFormat::Csv => export::csv(&cards),
        ExportFormat::Quizlet => Ok(export::quizlet(&cards)),
        ExportFormat::AnkiText => export::anki_text(&deck, &cards),
        ExportFormat::Gift => Ok(export::gift(&deck, &cards)),
        ExportFormat::Aiken => Ok(export::aiken(&deck, &cards)),
        ExportFormat::Anki => {
            let now = crate::env::now()?;
            crate::interchange::apkg::export(&deck, &cards, now.timestamp(), &args.deck)
        }
        ExportFormat::Qti => crate::interchange::qti::export(&deck, &cards, &args.deck),
    };
    let made = made.map_err(|e| Error::Usage(format!("{shown}: {e}")))?;
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| args.deck.with_extension(args.format.extension()));
    let same = |a: &std::path::Path, b: &std::path::Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b);
    if same(&output, &args.deck) {
        return Err(Error::Usage(format!(
            "{shown}: the export would replace the deck itself; name another file with -o"
        )));
    }
    crate::atomic_file::write(&output, |out| {
        out.write_all(&made.bytes)?;
        Ok(())
    })?;
    for note in &made.notes {
        eprintln!("{shown}: note: {}", escape_controls(note));
    }
    println!(
        "wrote {}: {} {}{} of {} card{}",
        escape_controls(&output.display().to_string()),
        made.count,
        match args.format {
            ExportFormat::Csv | ExportFormat::Quizlet => "row",
            ExportFormat::Anki | ExportFormat::AnkiText => "note",
            _ => "question",
        },
        if made.count == 1 { "" } else { "s" },
        cards.len(),
        if cards.len() == 1 { "" } else { "s" }
    );
    Ok(ExitCode::SUCCESS)
}

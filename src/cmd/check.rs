//! `recall check`: validate deck files and print every problem.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::{CheckArgs, Format};
use crate::deck::{self, Diagnostic, Severity, cite::Source, files};
use crate::error::{EXIT_USAGE, Error};

/// What one run of `check` found.
#[derive(Debug, Default)]
pub struct Summary {
    /// Every problem, file by file.
    pub diagnostics: Vec<Diagnostic>,
    /// Deck files read.
    pub files: usize,
    /// Cards in the decks that passed.
    pub cards: usize,
    /// The `cite` of every card of the decks that passed.
    pub cites: Vec<String>,
}

/// Runs `recall check`.
///
/// # Errors
/// An unreadable `--source` file, or a failure to write the report.
pub fn run(args: &CheckArgs) -> Result<ExitCode, Error> {
    let source_text = match &args.source {
        Some(path) => Some(crate::input_file::read_text(
            path,
            crate::input_file::limits::SOURCE,
            "source text",
        )?),
        None => None,
    };
    let source = source_text.as_deref().map(Source::new);
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("decks")]
    } else {
        args.paths.clone()
    };
    let summary = check(&paths, source.as_ref());
    print(&summary, args.format)?;
    if let (true, Some(text), Some(path)) = (args.coverage, &source_text, &args.source) {
        print_coverage(&path.display().to_string(), text, &summary.cites)?;
    }
    let errors = count(&summary, Severity::Error);
    Ok(if errors > 0 {
        ExitCode::from(EXIT_USAGE)
    } else {
        ExitCode::SUCCESS
    })
}

/// Checks every deck file under `paths`.
#[must_use]
pub fn check(paths: &[PathBuf], source: Option<&Source>) -> Summary {
    let (found, mut diagnostics) = files::find(paths);
    if found.is_empty() && diagnostics.is_empty() {
        for path in paths {
            diagnostics.push(files::file_error(path, "no deck files (*.toml) found here"));
        }
    }
    let mut summary = Summary {
        files: found.len(),
        ..Summary::default()
    };
    let mut deck_ids: HashMap<String, PathBuf> = HashMap::new();
    for path in &found {
        let parsed = deck::load(
            path,
            deck::Options {
                source,
                quiet: false,
            },
        );
        diagnostics.extend(parsed.diagnostics);
        if let Some(deck) = parsed.deck {
            summary.cards += deck.cards.len();
            summary
                .cites
                .extend(deck.cards.iter().filter_map(|c| c.cite.clone()));
            if let Some(first) = deck_ids.insert(deck.id.clone(), path.clone()) {
                diagnostics.push(files::file_error(
                    path,
                    &format!(
                        "deck id \"{}\" is also used by {}; decks sharing an id share progress",
                        deck.id,
                        first.display()
                    ),
                ));
            }
        }
    }
    summary.diagnostics = diagnostics;
    summary
}

fn count(summary: &Summary, severity: Severity) -> usize {
    summary
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

fn print(summary: &Summary, format: Format) -> Result<(), Error> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &summary.diagnostics)
                .map_err(std::io::Error::from)?;
            writeln!(out)?;
        }
        Format::Text => {
            for d in &summary.diagnostics {
                writeln!(out, "{d}")?;
            }
            let errors = count(summary, Severity::Error);
            let warnings = count(summary, Severity::Warning);
            eprintln!(
                "checked {} deck file{}, {} card{}: {errors} error{}, {warnings} warning{}",
                summary.files,
                plural(summary.files),
                summary.cards,
                plural(summary.cards),
                plural(errors),
                plural(warnings)
            );
        }
    }
    Ok(())
}

/// Prints the sentences of the source no cite falls in, as `path:line: sentence`, then the
/// share covered.
fn print_coverage(path: &str, text: &str, cites: &[String]) -> Result<(), Error> {
    let coverage = deck::coverage::coverage(text, cites);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let shown = crate::text::escape_controls(path);
    for s in &coverage.uncovered {
        writeln!(
            out,
            "{shown}:{}: {}",
            s.line,
            crate::text::escape_controls(&s.text)
        )?;
    }
    writeln!(
        out,
        "coverage: {} of {} sentence{} of {shown} hold a card's cite ({}%)",
        coverage.covered(),
        coverage.sentences,
        plural(coverage.sentences),
        crate::percent::percent(coverage.covered(), coverage.sentences).unwrap_or(0),
    )?;
    Ok(())
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

//! What `recall check` prints: every problem as `path:line:column: message` (or JSON), the
//! counts, and the sentences of the source no card cites.

use std::io::Write;

use crate::deck;
use crate::deck::Severity;
use crate::deck::check::Summary;
use crate::error::Error;

/// Prints every problem (as JSON when `json`), then the counts on stderr.
///
/// # Errors
/// Writing failed.
pub fn print(summary: &Summary, json: bool) -> Result<(), Error> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &summary.diagnostics)
            .map_err(std::io::Error::from)?;
        writeln!(out)?;
    } else {
        for d in &summary.diagnostics {
            writeln!(out, "{d}")?;
        }
        let errors = summary.count(Severity::Error);
        let warnings = summary.count(Severity::Warning);
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
    Ok(())
}

/// Prints the sentences of the source no cite falls in, as `path:line: sentence`, then the
/// share covered.
///
/// # Errors
/// Writing failed.
pub fn print_coverage(path: &str, text: &str, cites: &[String]) -> Result<(), Error> {
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

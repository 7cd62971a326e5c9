//! `recall check`: validate deck files and print every problem.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::cli::CheckArgs;
use crate::deck::Severity;
use crate::deck::check::check;
use crate::deck::cite::Source;
use crate::error::{EXIT_USAGE, Error};
use crate::ui::check_report::{print, print_coverage};

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
    print(&summary, args.format == crate::cli::Format::Json)?;
    if let (true, Some(text), Some(path)) = (args.coverage, &source_text, &args.source) {
        print_coverage(&path.display().to_string(), text, &summary.cites)?;
    }
    let errors = summary.count(Severity::Error);
    Ok(if errors > 0 {
        ExitCode::from(EXIT_USAGE)
    } else {
        ExitCode::SUCCESS
    })
}

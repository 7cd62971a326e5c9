//! `recall results FILE...`: a class's quiz results files read together. Each file is read
//! on its own: a malformed one is named with the reason on stderr while the others are
//! still read, and the command then exits 1. Files of different versions of a deck are
//! refused unless `--mixed-versions`.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::cli::ResultsArgs;
use crate::error::Error;
use crate::input_file::{limits, read_text};
use crate::quiz::class::{self, Taken};
use crate::text::escape_controls;
use crate::ui::class_render::class_text;

/// Runs `recall results`.
///
/// # Errors
/// Decks of different versions without `--mixed-versions`, a gradebook that cannot be
/// written, output that fails. Files that cannot be read are named on stderr, and the exit
/// code is then 1.
pub fn run(args: &ResultsArgs) -> Result<ExitCode, Error> {
    if let Some(file) = &args.csv {
        crate::atomic_file::check_target(file)?;
    }
    let mut files: Vec<(String, Taken)> = Vec::new();
    let mut failed = 0;
    for path in &args.files {
        let name = path.display().to_string();
        match read(path) {
            Ok(taken) => files.push((name, taken)),
            Err(why) => {
                failed += 1;
                eprintln!(
                    "recall: {}: {}",
                    escape_controls(&name),
                    escape_controls(&why)
                );
            }
        }
    }
    if files.is_empty() {
        eprintln!(
            "recall: error: none of the {} results files could be read",
            args.files.len()
        );
        return Ok(crate::error::failure());
    }
    let mixed = class::mixed_versions(&files);
    if !mixed.is_empty() && !args.mixed_versions {
        return Err(Error::Usage(crate::ui::class_render::mixed_message(&mixed)));
    }
    let mut names: Vec<&str> = files.iter().map(|(_, t)| t.student.as_str()).collect();
    names.sort_unstable();
    let mut twice: Vec<&str> = names
        .windows(2)
        .filter(|p| p[0] == p[1])
        .map(|p| p[0])
        .collect();
    twice.dedup();
    for name in twice {
        eprintln!(
            "recall: note: student \"{}\" has more than one file; each counts",
            escape_controls(name)
        );
    }
    let report = class::analyse(&files);
    let mut out = io::stdout().lock();
    if args.json {
        let text = serde_json::to_string_pretty(&report).map_err(io::Error::other)?;
        writeln!(out, "{text}")?;
    } else {
        write!(out, "{}", class_text(&report))?;
    }
    if let Some(file) = &args.csv {
        let text = crate::ui::class_render::gradebook(&report, &files);
        crate::atomic_file::write(file, |out| Ok(out.write_all(text.as_bytes())?))?;
        if !args.json {
            writeln!(out, "Gradebook written to {}", file.display())?;
        }
    }
    Ok(if failed > 0 {
        crate::error::failure()
    } else {
        ExitCode::SUCCESS
    })
}

/// One results file, read, parsed and checked; the reason it cannot be used.
pub(super) fn read(path: &Path) -> Result<Taken, String> {
    let text = read_text(path, limits::RESULTS, "results file").map_err(|e| match e {
        Error::Io { source, .. } => source.to_string(),
        e => e.to_string(),
    })?;
    let csv = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if csv {
        return Err("a CSV results file: `recall results` reads the JSON ones \
                    (`recall quiz --results FILE.json`)"
            .to_owned());
    }
    let mut taken: Taken = serde_json::from_str(&text)
        .map_err(|e| format!("not a results file of `recall quiz --results FILE.json`: {e}"))?;
    taken.validate()?;
    Ok(taken)
}

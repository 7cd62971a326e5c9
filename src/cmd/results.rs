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
use crate::quiz::class::{self, ClassReport, Taken};
use crate::quiz::report::csv_field;
use crate::text::escape_controls;
use crate::ui::class_render::{class_text, question_label};

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
        return Err(Error::Usage(mixed_message(&mixed)));
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
        let text = gradebook(&report, &files);
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
fn read(path: &Path) -> Result<Taken, String> {
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

/// The refusal of files taken on different versions of a deck.
fn mixed_message(mixed: &[class::MixedDeck]) -> String {
    let mut lines = vec![
        "these results come from different versions of a deck (add --mixed-versions to \
         combine them anyway):"
            .to_owned(),
    ];
    for (deck, versions) in mixed {
        for (hash, files) in versions {
            lines.push(format!(
                "  deck \"{deck}\" version {hash}: {}",
                files.join(", ")
            ));
        }
    }
    lines.join("\n")
}

/// The gradebook: a header `student,score,total,percent` and one column per question, then
/// one row per student with 1 (right), 0 (wrong) or nothing (not asked) under each.
fn gradebook(report: &ClassReport, files: &[(String, Taken)]) -> String {
    let mut header = vec![
        "student".to_owned(),
        "score".to_owned(),
        "total".to_owned(),
        "percent".to_owned(),
    ];
    header.extend(report.questions.iter().map(|q| question_label(report, q)));
    let mut out = String::new();
    let mut line = |fields: Vec<String>| {
        let row: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    };
    line(header);
    for (row, (_, taken)) in report.students.iter().zip(files) {
        let mut fields = vec![
            row.student.clone(),
            row.score.to_string(),
            row.total.to_string(),
            row.percent.to_string(),
        ];
        for q in &report.questions {
            let answer = taken
                .questions
                .iter()
                .find(|t| t.deck == q.deck && t.card == q.card);
            fields.push(answer.map_or_else(String::new, |t| u8::from(t.correct).to_string()));
        }
        line(fields);
    }
    out
}

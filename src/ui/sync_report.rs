//! What `recall sync` shows: one line of what the merge took in and the file written, the
//! files not merged (on stderr, each with why), or all of it as one JSON object; and the
//! warnings of the sync a session runs at its start and end.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::error::Error;
use crate::sync::{Outcome, Skipped};
use crate::text::escape_controls;

/// A path as printed: control characters escaped.
fn shown(path: &Path) -> String {
    escape_controls(&path.display().to_string()).into_owned()
}

/// `--json`: the outcome as one object.
#[derive(Debug, Serialize)]
struct JsonOutcome {
    read: Vec<String>,
    unchanged: usize,
    reviews_added: usize,
    cards_changed: usize,
    marks_taken: usize,
    accepted_added: usize,
    exams_taken: usize,
    fitted_taken: bool,
    skipped: Vec<JsonSkipped>,
    written: String,
    renewed: Option<String>,
}

#[derive(Debug, Serialize)]
struct JsonSkipped {
    file: String,
    reason: String,
    other_profile: bool,
}

/// "3 reviews", "1 review".
fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// The line a skipped file gets on stderr.
fn skipped_line(s: &Skipped) -> String {
    let why = escape_controls(&s.reason);
    if s.other_profile {
        format!("note: {}: not merged ({why})", shown(&s.file))
    } else {
        format!("warning: {}: skipped: {why}", shown(&s.file))
    }
}

/// The line saying that another copy wrote under this copy's name.
fn renewed_line(file: &Path, outcome: &Outcome) -> String {
    format!(
        "warning: {} was written by another copy of this profile with the same id (a copied \
         data folder?): merged, and this copy now writes {}",
        shown(file),
        shown(&outcome.written)
    )
}

/// Prints `outcome`: as text (stdout, skipped files on stderr) or as JSON.
///
/// # Errors
/// Writing failed.
pub fn print(outcome: &Outcome, json: bool) -> io::Result<()> {
    let mut out = io::stdout().lock();
    let t = &outcome.taken;
    if json {
        let value = JsonOutcome {
            read: outcome.read.iter().map(|p| shown(p)).collect(),
            unchanged: outcome.unchanged,
            reviews_added: t.reviews,
            cards_changed: outcome.changed,
            marks_taken: t.marks,
            accepted_added: t.accepted,
            exams_taken: outcome.exams,
            fitted_taken: t.fitted,
            skipped: (outcome.skipped.iter())
                .map(|s| JsonSkipped {
                    file: shown(&s.file),
                    reason: escape_controls(&s.reason).into_owned(),
                    other_profile: s.other_profile,
                })
                .collect(),
            written: shown(&outcome.written),
            renewed: outcome.renewed.as_deref().map(shown),
        };
        serde_json::to_writer(&mut out, &value)?;
        return writeln!(out);
    }
    for s in &outcome.skipped {
        eprintln!("{}", skipped_line(s));
    }
    if let Some(file) = &outcome.renewed {
        eprintln!("{}", renewed_line(file, outcome));
    }
    let mut taken = vec![
        format!("{} added", count(t.reviews, "review")),
        format!("{} rescheduled", count(outcome.changed, "card")),
        format!("{} taken", count(t.marks, "mark")),
        format!("{} added", count(t.accepted, "accepted answer")),
        format!("{} taken", count(outcome.exams, "exam date")),
    ];
    if t.fitted {
        taken.push("the newer fitted parameters taken".to_owned());
    }
    let unchanged = match outcome.unchanged {
        0 => String::new(),
        n => format!(" ({n} more unchanged since the last sync)"),
    };
    writeln!(
        out,
        "Merged {}{unchanged}: {}.",
        count(outcome.read.len(), "file"),
        taken.join(", ")
    )?;
    writeln!(out, "This copy's file: {}.", shown(&outcome.written))
}

/// Warns on stderr about the sync through `dir` a session ran at its start or end, when it
/// failed (studying goes on) or skipped a file that is not another profile's.
pub fn warn(dir: &Path, synced: &Result<Outcome, Error>) {
    match synced {
        Ok(outcome) => {
            for s in outcome.skipped.iter().filter(|s| !s.other_profile) {
                eprintln!("recall: sync: {}", skipped_line(s));
            }
            if let Some(file) = &outcome.renewed {
                eprintln!("recall: sync: {}", renewed_line(file, outcome));
            }
        }
        Err(e) => eprintln!(
            "recall: warning: the sync through {} failed: {}",
            shown(dir),
            escape_controls(&e.to_string())
        ),
    }
}

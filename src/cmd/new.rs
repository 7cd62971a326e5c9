//! `recall new`: a commented starter deck with one card of every kind; and the way every
//! command that makes a deck writes it ([`write_deck`]): checked in memory first, written
//! whole, then checked again from the file by the real `check`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use crate::cli::{Format, NewArgs};
use crate::deck::{self, Severity};
use crate::error::Error;
use crate::text::escape_controls;

/// Runs `recall new`.
///
/// # Errors
/// The file exists, or cannot be written.
pub fn run(args: &NewArgs) -> Result<ExitCode, Error> {
    let title = args.title.clone().unwrap_or_else(|| {
        args.file.file_stem().map_or_else(
            || "New deck".to_owned(),
            |s| s.to_string_lossy().replace(['-', '_'], " "),
        )
    });
    let source = match &args.source {
        Some(file) => format!(
            "source = {}\n",
            toml_string(&file.file_name().map_or_else(
                || file.display().to_string(),
                |n| n.to_string_lossy().into_owned()
            ))
        ),
        None => "# source = \"what the cards are written from\"\n".to_owned(),
    };
    let text = crate::interchange::STARTER
        .replace("@TITLE@", &toml_string(&title))
        .replacen("@SOURCE@", &source, 1);
    write_deck(&args.file, &text, false, || Ok(()))
}

/// `text` as a TOML basic string, quoted and escaped by the `toml` crate.
#[must_use]
pub fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_owned()).to_string()
}

/// Writes the deck `text` to `path`: refused when the file exists (unless `force`) or the
/// text does not pass the deck checks (nothing is written then); after writing, `check`
/// reads the file and prints what it finds. `before` runs once the text has passed and
/// before it is written (an import writes the pictures the deck names there).
///
/// # Errors
/// A file in the way, a deck with errors, a failed write, or what `before` fails with.
pub fn write_deck(
    path: &Path,
    text: &str,
    force: bool,
    before: impl FnOnce() -> Result<(), Error>,
) -> Result<ExitCode, Error> {
    let shown = escape_controls(&path.display().to_string()).into_owned();
    if !force && std::fs::symlink_metadata(path).is_ok() {
        return Err(Error::Usage(format!(
            "{shown}: already exists; nothing was written (pass --force to replace it)"
        )));
    }
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let parsed = deck::parse(
        text,
        &path.display().to_string(),
        &stem,
        deck::Options::default(),
    );
    let errors = error_lines(&parsed.diagnostics);
    if !errors.is_empty() {
        return Err(Error::Usage(format!(
            "{}\n{shown}: the deck would not pass `recall check`; nothing was written",
            errors.join("\n")
        )));
    }
    before()?;
    crate::atomic_file::write(path, |out| {
        out.write_all(text.as_bytes())?;
        Ok(())
    })?;
    println!("wrote {shown}");
    super::check::run(&crate::cli::CheckArgs {
        paths: vec![path.to_path_buf()],
        source: None,
        coverage: false,
        format: Format::Text,
    })
}

/// The errors among `diagnostics`, one line each.
#[must_use]
pub fn error_lines(diagnostics: &[deck::Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect()
}

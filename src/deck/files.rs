//! Finding deck files and reading them safely: a size limit checked before reading, and
//! a UTF-8 check that points at the first bad byte.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use super::diagnostic::{Diagnostic, Severity};

/// The largest deck file recall reads, in bytes (16 MiB).
pub const MAX_DECK_BYTES: u64 = 16 * 1024 * 1024;

/// Every deck file named by `paths`: files as given, folders searched recursively for
/// `*.toml` regular files (sorted, symbolic links to folders not followed; a FIFO, device or
/// socket named `*.toml` passed over, as reading one could wait for ever). Paths that do not
/// exist, or name something other than a file or folder, are reported.
#[must_use]
pub fn find(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut files, &mut problems),
            Ok(meta) if meta.is_file() => files.push(path.clone()),
            Ok(_) => problems.push(file_error(
                path,
                "is not a regular file (a FIFO, device or socket); name a deck file",
            )),
            Err(e) => problems.push(file_error(path, &format!("cannot read: {e}"))),
        }
    }
    (files, problems)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<Diagnostic>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(file_error(dir, &e.to_string()));
            return;
        }
    };
    let mut children: Vec<(PathBuf, bool)> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let kind = entry.file_type().ok()?;
            Some((entry.path(), kind.is_dir()))
        })
        .collect();
    children.sort();
    for (path, is_dir) in children {
        if is_dir {
            walk(&path, files, problems);
        } else if path.extension().is_some_and(|e| e == "toml")
            && fs::metadata(&path).is_ok_and(|m| m.is_file())
        {
            files.push(path);
        }
    }
}

/// A problem with a whole file, reported at its first position.
#[must_use]
pub fn file_error(path: &Path, message: &str) -> Diagnostic {
    Diagnostic {
        path: path.display().to_string(),
        line: 1,
        column: 1,
        severity: Severity::Error,
        message: crate::text::escape_controls(message).into_owned(),
        code: None,
    }
}

/// Reads a deck file as UTF-8, refusing files over [`MAX_DECK_BYTES`] without reading them.
///
/// # Errors
/// A diagnostic for an unreadable, oversized or non-UTF-8 file.
pub fn read(path: &Path) -> Result<String, Diagnostic> {
    decode(path, read_bytes(path)?)
}

/// Reads a deck file's bytes, refusing files over [`MAX_DECK_BYTES`] without reading them.
///
/// # Errors
/// A diagnostic for an unreadable or oversized file.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>, Diagnostic> {
    let file = fs::File::open(path).map_err(|e| file_error(path, &format!("cannot read: {e}")))?;
    let too_big = || {
        file_error(
            path,
            &format!(
                "file is larger than the {} MiB a deck may be",
                MAX_DECK_BYTES / 1024 / 1024
            ),
        )
    };
    let len = file.metadata().map_or(0, |m| m.len());
    if len > MAX_DECK_BYTES {
        return Err(too_big());
    }
    // Room for the whole file (and the byte that tells it grew past the limit) at once,
    // rather than growing by doubling and copying.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0).saturating_add(1));
    file.take(MAX_DECK_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| file_error(path, &format!("cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_DECK_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

/// Turns a file's bytes into text, or reports where the first non-UTF-8 byte is.
///
/// # Errors
/// A diagnostic at the line and column of the first invalid byte.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let valid_up_to = e.utf8_error().valid_up_to();
        let bytes = e.as_bytes();
        let valid = std::str::from_utf8(&bytes[..valid_up_to]).unwrap_or_default();
        let (line, column) = super::diagnostic::LineIndex::new(valid).position(valid.len());
        Diagnostic {
            line,
            column,
            ..file_error(
                path,
                &format!(
                    "file is not UTF-8 (byte 0x{:02x} at offset {valid_up_to}); save it as UTF-8",
                    bytes[valid_up_to]
                ),
            )
        }
    })
}

//! The one way recall reads a text file it is given (a config file, `check --source`, files
//! to import): never more than a limit, never from a device, and with a byte-order mark at
//! the start taken as what it is.
//!
//! Pointed at `/dev/zero` or a file of gigabytes, a plain read would take memory until the
//! system ran out. A FIFO is read (so `<(command)` works) under the same limit.

use std::io::{self, Read};
use std::path::Path;

use crate::error::Error;

/// How much of each kind of input recall reads at most.
pub mod limits {
    /// A config file: a handful of settings.
    pub const CONFIG: u64 = 1024 * 1024;
    /// The source text a deck's cites are checked against.
    pub const SOURCE: u64 = 64 * 1024 * 1024;
    /// A progress export (JSON Lines, about 250 bytes a review).
    pub const PROGRESS: u64 = 2 * 1024 * 1024 * 1024;
    /// An Anki review log as CSV (about 60 bytes a review).
    pub const REVLOG: u64 = 1024 * 1024 * 1024;
    /// One student's quiz results as JSON (about 500 bytes a question).
    pub const RESULTS: u64 = 32 * 1024 * 1024;
    /// Cards to import: a table of cards or an Anki package (its media included).
    pub const IMPORT: u64 = 512 * 1024 * 1024;
}

/// Reads `path` as UTF-8 text of at most `limit` bytes. `what` names the file in messages
/// ("config file"). A leading byte-order mark is dropped.
///
/// # Errors
/// An I/O error (exit 1, as any file that cannot be read): a folder or device, a file over
/// the limit, a file that cannot be read or is not UTF-8.
pub fn read_text(path: &Path, limit: u64, what: &str) -> Result<String, Error> {
    utf8(path, read_bytes(path, limit, what)?)
}

/// The text of `bytes` read from `path`, a leading byte-order mark dropped.
///
/// # Errors
/// An I/O error naming the offset of the first byte that is not UTF-8.
pub fn utf8(path: &Path, bytes: Vec<u8>) -> Result<String, Error> {
    let text = String::from_utf8(bytes).map_err(|e| Error::Io {
        path: path.to_path_buf(),
        source: io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "not UTF-8 text (a bad byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        ),
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// Reads `path` whole, at most `limit` bytes, as [`read_text`] does but as bytes.
///
/// # Errors
/// As [`read_text`], but for UTF-8.
pub fn read_bytes(path: &Path, limit: u64, what: &str) -> Result<Vec<u8>, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let refuse = |why: String| io(io::Error::new(io::ErrorKind::InvalidInput, why));
    let meta = std::fs::metadata(path).map_err(io)?;
    if let Some(kind) = crate::atomic_file::special_kind(&meta.file_type()) {
        return Err(refuse(format!("is {kind}, not a {what}")));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let expected = usize::try_from(meta.len().min(limit)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(expected.saturating_add(1));
    file.take(limit + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > limit {
        return Err(refuse(format!(
            "larger than the {} a {what} may be",
            size(limit)
        )));
    }
    Ok(bytes)
}

/// The first line of `path` (its end left off), reading at most `limit` bytes of it: a first
/// line longer than that gives those bytes. Bad UTF-8 is replaced.
///
/// # Errors
/// As [`read_bytes`].
pub fn first_line(path: &Path, limit: u64) -> Result<String, Error> {
    use std::io::BufRead;
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if let Some(kind) = crate::atomic_file::special_kind(&meta.file_type()) {
        return Err(io(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("is {kind}, not a file"),
        )));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let mut line = Vec::new();
    io::BufReader::new(file.take(limit))
        .read_until(b'\n', &mut line)
        .map_err(io)?;
    Ok(String::from_utf8_lossy(&line).trim_end().to_owned())
}

/// "1 MiB", "2 GiB".
fn size(bytes: u64) -> String {
    const GIB: u64 = 1024 * 1024 * 1024;
    if bytes >= GIB && bytes.is_multiple_of(GIB) {
        format!("{} GiB", bytes / GIB)
    } else {
        format!("{} MiB", bytes / (1024 * 1024))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_folders_and_oversized_files_are_refused_without_reading_on() {
        let dir = tempfile::tempdir().unwrap();
        for (path, says) in [
            (
                Path::new("/dev/zero"),
                "/dev/zero: is a device, not a config file",
            ),
            (dir.path(), "is a folder, not a config file"),
        ] {
            let err = read_text(path, limits::CONFIG, "config file").unwrap_err();
            assert!(err.to_string().ends_with(says), "{err}");
            assert_eq!(err.exit_code(), crate::error::EXIT_FAILURE);
        }
        let big = dir.path().join("big.txt");
        std::fs::write(&big, vec![b'a'; 2 * 1024 * 1024]).unwrap();
        let err = read_text(&big, limits::CONFIG, "config file").unwrap_err();
        assert!(
            err.to_string()
                .ends_with("larger than the 1 MiB a config file may be"),
            "{err}"
        );
    }

    #[test]
    fn a_fifo_is_read_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        crate::atomic_file::mkfifo(&fifo);
        let writer = {
            let fifo = fifo.clone();
            std::thread::spawn(move || {
                use std::io::Write;
                let mut f = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
                // Past the limit; the reader stops at limit + 1 and the write then fails.
                let _ = f.write_all(&vec![b'x'; 3 * 1024 * 1024]);
            })
        };
        let err = read_text(&fifo, limits::CONFIG, "config file").unwrap_err();
        assert!(err.to_string().contains("larger than the 1 MiB"), "{err}");
        writer.join().unwrap();
    }

    #[test]
    fn a_byte_order_mark_is_dropped_and_bad_utf8_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let bom = dir.path().join("bom.csv");
        std::fs::write(&bom, "\u{feff}card_id,review_rating\n").unwrap();
        assert_eq!(
            read_text(&bom, limits::REVLOG, "review log").unwrap(),
            "card_id,review_rating\n"
        );
        let bad = dir.path().join("bad.csv");
        std::fs::write(&bad, b"ok\n\xff").unwrap();
        let err = read_text(&bad, limits::REVLOG, "review log").unwrap_err();
        assert!(
            err.to_string()
                .contains("not UTF-8 text (a bad byte at offset 3)"),
            "{err}"
        );
        assert_eq!(err.exit_code(), crate::error::EXIT_FAILURE);
    }
}

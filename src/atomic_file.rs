//! The one way recall writes a file of the learner's (exports, quiz results, exam dates):
//! whole or not at all, and only where a regular file may stand.
//!
//! The text goes to a temporary file in the target's folder, which is synced, renamed over
//! the target and the folder synced, so the target is always the old file or the new one. A
//! symbolic link is followed, and the file it names is replaced, never the link. A FIFO, a
//! device, a socket or a folder at the target is refused: replacing one with a regular file
//! (or writing into a FIFO nobody reads) is never what was meant.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// How many links in a row are followed before giving up (as the kernel does).
const MAX_LINKS: usize = 40;

/// What a `fill` step of [`write`] can fail with: writing, or producing what is written.
#[derive(Debug)]
pub enum FillError {
    /// Writing to the temporary file failed.
    Io(io::Error),
    /// Producing the content failed.
    Other(Error),
}

impl From<io::Error> for FillError {
    fn from(e: io::Error) -> Self {
        FillError::Io(e)
    }
}

impl From<crate::store::StoreError> for FillError {
    fn from(e: crate::store::StoreError) -> Self {
        FillError::Other(Error::Store(e))
    }
}

/// The file `file` stands for once symbolic links are followed, checked as a place a regular
/// file may be written: its folder exists, and nothing but a regular file is there.
///
/// # Errors
/// A loop of links, or a FIFO, device, socket or folder at the target (usage errors); a
/// missing folder (an I/O error, as a failed write would be).
pub fn check_target(file: &Path) -> Result<PathBuf, Error> {
    let target = follow_links(file)?;
    let shown = || crate::text::escape_controls(&file.display().to_string()).into_owned();
    match std::fs::metadata(&target) {
        Ok(meta) if meta.is_file() => Ok(target),
        Ok(meta) => Err(Error::Usage(format!(
            "{}: is {}, not a regular file; name a file to write",
            shown(),
            special_kind(&meta.file_type()).unwrap_or("a FIFO")
        ))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            let dir = folder(&target);
            if dir.is_dir() {
                Ok(target)
            } else {
                // A failure of the place, as when the write itself fails (exit 1).
                Err(Error::Io {
                    path: target,
                    source: io::Error::new(io::ErrorKind::NotFound, "its folder does not exist"),
                })
            }
        }
        Err(source) => Err(Error::Io {
            path: target,
            source,
        }),
    }
}

/// Writes `file` through `fill`, atomically (see the module documentation). A new file is
/// readable by its owner only; a file replaced keeps its permissions.
///
/// # Errors
/// What [`check_target`] refuses, or a failure to write; then `file` is left as it was and
/// the temporary file is removed.
pub fn write<T>(
    file: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> Result<T, FillError>,
) -> Result<T, Error> {
    write_with(file, Durability::Synced, fill)
}

/// [`write`] for a file that can be made again (a cache entry): replaced whole all the
/// same, but without waiting for the disk, so a power cut may lose it (or leave it empty,
/// which its reader must take as missing).
///
/// # Errors
/// As [`write`].
pub fn write_disposable<T>(
    file: &Path,
    fill: impl FnOnce(&mut BufWriter<File>) -> Result<T, FillError>,
) -> Result<T, Error> {
    write_with(file, Durability::Disposable, fill)
}

/// Whether a write waits for the disk before and after its rename.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Durability {
    Synced,
    Disposable,
}

fn write_with<T>(
    file: &Path,
    durability: Durability,
    fill: impl FnOnce(&mut BufWriter<File>) -> Result<T, FillError>,
) -> Result<T, Error> {
    let synced = durability == Durability::Synced;
    let target = check_target(file)?;
    let dir = folder(&target);
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| Error::Io { path, source }
    };
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let handle = options.open(&temp).map_err(io(&temp))?;
    let written = (|| {
        if let Ok(old) = std::fs::metadata(&target) {
            handle
                .set_permissions(old.permissions())
                .map_err(io(&temp))?;
        }
        let mut out = BufWriter::new(handle);
        let value = fill(&mut out).map_err(|e| match e {
            FillError::Io(source) => Error::Io {
                path: temp.clone(),
                source,
            },
            FillError::Other(e) => e,
        })?;
        let handle = out.into_inner().map_err(|e| Error::Io {
            path: temp.clone(),
            source: e.into_error(),
        })?;
        if synced {
            handle.sync_all().map_err(io(&temp))?;
        }
        std::fs::rename(&temp, &target).map_err(io(&target))?;
        Ok(value)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
        return written;
    }
    // Make the rename itself durable; folders cannot be opened for syncing everywhere.
    if synced && let Ok(d) = File::open(&dir) {
        let _ = d.sync_all();
    }
    written
}

/// `file` with every symbolic link along its last part followed; a link to a missing file
/// gives that file's path.
fn follow_links(file: &Path) -> Result<PathBuf, Error> {
    let mut path = file.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&path).map_err(|source| Error::Io {
                    path: path.clone(),
                    source,
                })?;
                path = folder(&path).join(link);
            }
            _ => return Ok(path),
        }
    }
    Err(Error::Usage(format!(
        "{}: too many symbolic links (a loop?)",
        crate::text::escape_controls(&file.display().to_string())
    )))
}

/// The folder a file is in (`.` for a bare name).
fn folder(file: &Path) -> PathBuf {
    match file.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// What a file type is when no text can be written to it or read from it for good: "a
/// folder", "a device" or "a socket"; `None` for a regular file or a FIFO.
pub(crate) fn special_kind(kind: &std::fs::FileType) -> Option<&'static str> {
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
    }
    None
}

/// Makes a FIFO at `path`, for tests.
#[cfg(test)]
pub(crate) fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo").arg(path).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo {}", path.display());
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn hello(out: &mut BufWriter<File>) -> Result<(), FillError> {
        out.write_all(b"hello\n")?;
        Ok(())
    }

    #[test]
    fn a_disposable_write_replaces_the_file_whole_too() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("entry");
        write_disposable(&file, hello).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "hello\n");
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        // A fill that fails leaves the old file and no temporary one.
        let failed = write_disposable(&file, |out| {
            out.write_all(b"half")?;
            Err::<(), _>(FillError::Other(Error::Usage("stop".into())))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "hello\n");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_link_is_followed_and_its_target_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.txt");
        std::fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink("real.txt", &link).unwrap();
        write(&link, hello).unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "hello\n");
        // A dangling link names the file to create.
        let dangling = dir.path().join("dangling.txt");
        std::os::unix::fs::symlink("new.txt", &dangling).unwrap();
        write(&dangling, hello).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("new.txt")).unwrap(),
            "hello\n"
        );
    }

    #[test]
    fn fifos_folders_devices_loops_and_missing_folders_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo.txt");
        mkfifo(&fifo);
        let looped = dir.path().join("loop.txt");
        std::os::unix::fs::symlink("loop.txt", &looped).unwrap();
        for (path, says) in [
            (fifo.clone(), "is a FIFO"),
            (dir.path().to_path_buf(), "is a folder"),
            (PathBuf::from("/dev/null"), "is a device"),
            (looped, "too many symbolic links"),
        ] {
            let err = write(&path, hello).unwrap_err();
            assert!(err.to_string().contains(says), "{path:?}: {err}");
            assert_eq!(err.exit_code(), crate::error::EXIT_USAGE);
        }
        let err = write(&dir.path().join("no/such/x.txt"), hello).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("x.txt: its folder does not exist"),
            "{err}"
        );
        assert_eq!(err.exit_code(), crate::error::EXIT_FAILURE);
        let meta = std::fs::symlink_metadata(&fifo).unwrap();
        assert!(std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type()));
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 2, "no temporary file is left: {left:?}");
    }

    #[test]
    fn a_replaced_file_keeps_its_permissions_and_a_new_one_is_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join("shared.csv");
        std::fs::write(&old, "old").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
        write(&old, hello).unwrap();
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&old), 0o644);
        let new = dir.path().join("new.csv");
        write(&new, hello).unwrap();
        assert_eq!(mode(&new), 0o600);
    }
}

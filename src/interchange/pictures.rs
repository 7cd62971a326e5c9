//! An import's pictures on disk: each file under a safe name in a folder beside the new
//! deck (`STEM-media/`), the cards' picture keys pointing at it. A file already there with
//! the same bytes is used again; one with other bytes is never replaced, the picture takes
//! a new name instead. The files are written (each through [`crate::atomic_file`]) only
//! once the deck has been checked in memory, just before the deck itself.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::deck::picture::{MAX_PICTURE_BYTES, folder_of};
use crate::error::Error;
use crate::interchange::draft::DraftDeck;
use crate::text::{escape_controls, is_hidden};

/// The longest name a picture's file is given, in characters, its ending included.
const MAX_NAME_CHARS: usize = 100;

/// The files to write for an import: the folder, and each file's path and bytes.
#[derive(Debug, Default)]
pub struct Placed {
    /// The folder the pictures go in, beside the deck.
    pub folder: PathBuf,
    /// The files not already there, each with its bytes.
    pub files: Vec<(PathBuf, Vec<u8>)>,
}

/// A name for a picture file that is safe in any folder: the last part of `name` (after any
/// `/` or `\`), letters, digits, `-`, `_`, `.` and spaces kept and anything else made `_`,
/// no dot first, at most [`MAX_NAME_CHARS`]; `picture-N` with the ending the bytes call for
/// when nothing is left.
#[must_use]
pub fn safe_name(name: &str, number: usize, bytes: &[u8]) -> String {
    let kept = kept(name);
    let (stem, ending) = split_ending(&kept);
    if stem.trim_matches(['.', '_', ' ']).is_empty() {
        let ending = match image::guess_format(bytes) {
            Ok(image::ImageFormat::Jpeg) => "jpg",
            Ok(image::ImageFormat::Gif) => "gif",
            Ok(image::ImageFormat::WebP) => "webp",
            _ => "png",
        };
        return format!("picture-{number}.{ending}");
    }
    let ending: String = ending.chars().take(10).collect();
    let room = MAX_NAME_CHARS.saturating_sub(ending.chars().count() + 1);
    let stem: String = stem.chars().take(room).collect();
    let stem = stem.trim_end_matches(['.', ' ']);
    if ending.is_empty() {
        stem.to_owned()
    } else {
        format!("{stem}.{ending}")
    }
}

/// The last part of `name` (after any `/` or `\`) with only letters, digits, `-`, `_`, `.`
/// and spaces (anything else made `_`, hidden characters dropped), no dot or space first.
fn kept(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let kept: String = base
        .chars()
        .filter(|c| !is_hidden(*c))
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ') {
                c
            } else {
                '_'
            }
        })
        .collect();
    kept.trim().trim_start_matches('.').trim().to_owned()
}

/// `name` as its stem and its ending (after the last dot; empty when none).
fn split_ending(name: &str) -> (&str, &str) {
    match name.rsplit_once('.') {
        Some((stem, ending)) if !stem.is_empty() => (stem, ending),
        _ => (name, ""),
    }
}

/// `name` with `-N` before its ending.
fn numbered(name: &str, n: usize) -> String {
    match split_ending(name) {
        (stem, "") => format!("{stem}-{n}"),
        (stem, ending) => format!("{stem}-{n}.{ending}"),
    }
}

/// Gives each of `pictures` (name in the source, bytes) its file in the folder beside the
/// deck at `deck_path` and points the cards of `deck` at it. Nothing is written.
///
/// # Errors
/// Something other than a folder stands where the folder goes (a file, a symbolic link).
pub fn place(
    deck: &mut DraftDeck,
    pictures: Vec<(String, Vec<u8>)>,
    deck_path: &Path,
) -> Result<Placed, Error> {
    if pictures.is_empty() {
        return Ok(Placed::default());
    }
    let stem = deck_path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem: String = kept(&stem).chars().take(MAX_NAME_CHARS).collect();
    let folder_name = format!("{}-media", if stem.is_empty() { "deck" } else { &stem });
    let folder = folder_of(deck_path).join(&folder_name);
    if let Ok(meta) = std::fs::symlink_metadata(&folder)
        && !meta.is_dir()
    {
        return Err(Error::Usage(format!(
            "{}: is not a folder; the pictures go there (nothing was written)",
            escape_controls(&folder.display().to_string())
        )));
    }
    let mut placed = Placed {
        folder: folder.clone(),
        files: Vec::new(),
    };
    let mut taken: HashMap<String, usize> = HashMap::new();
    let mut path_of: HashMap<String, String> = HashMap::new();
    for (number, (name, bytes)) in pictures.into_iter().enumerate() {
        let base = safe_name(&name, number + 1, &bytes);
        let mut n = 1;
        let chosen = loop {
            let candidate = if n == 1 {
                base.clone()
            } else {
                numbered(&base, n)
            };
            n += 1;
            if taken.contains_key(&candidate) {
                continue;
            }
            let path = folder.join(&candidate);
            match std::fs::symlink_metadata(&path) {
                Err(_) => {
                    placed.files.push((path, bytes));
                    break candidate;
                }
                Ok(meta) if meta.is_file() && meta.len() == bytes.len() as u64 => {
                    let there = crate::input_file::read_bytes(&path, MAX_PICTURE_BYTES, "picture");
                    if there.is_ok_and(|there| there == bytes) {
                        break candidate;
                    }
                }
                Ok(_) => {}
            }
        };
        taken.insert(chosen.clone(), number);
        path_of.insert(name, format!("{folder_name}/{chosen}"));
    }
    for card in &mut deck.card {
        for (file, _) in card.pictures_mut() {
            if let Some(name) = file.as_ref() {
                *file = path_of.get(name).cloned();
            }
        }
    }
    Ok(placed)
}

/// Writes the files of `placed`, making its folder first when there are any.
///
/// # Errors
/// The folder or a file cannot be written.
pub fn write(placed: &Placed) -> Result<(), Error> {
    if placed.files.is_empty() {
        return Ok(());
    }
    std::fs::create_dir_all(&placed.folder).map_err(|source| Error::Io {
        path: placed.folder.clone(),
        source,
    })?;
    for (path, bytes) in &placed.files {
        crate::atomic_file::write(path, |out| {
            std::io::Write::write_all(out, bytes)?;
            Ok(())
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_stay_in_the_folder_and_readable() {
        assert_eq!(safe_name("../evil.png", 1, &[]), "evil.png");
        assert_eq!(safe_name("/etc/x.png", 1, &[]), "x.png");
        assert_eq!(safe_name("a\\b\\c.jpg", 1, &[]), "c.jpg");
        assert_eq!(safe_name(".hidden.png", 1, &[]), "hidden.png");
        assert_eq!(safe_name("..", 2, &[]), "picture-2.png");
        assert_eq!(safe_name("", 3, b"GIF89a"), "picture-3.gif");
        assert_eq!(safe_name("a\u{1b}[31mb\u{202e}.png", 1, &[]), "a_31mb.png");
        assert_eq!(safe_name("paste-1f3:x?.jpg", 1, &[]), "paste-1f3_x_.jpg");
        assert_eq!(safe_name("Straße.png", 1, &[]), "Straße.png");
        let long = safe_name(&format!("{}.png", "a".repeat(300)), 1, &[]);
        assert_eq!(long.chars().count(), MAX_NAME_CHARS);
        assert!(long.ends_with("a.png"));
        assert_eq!(numbered("x.png", 2), "x-2.png");
        assert_eq!(numbered("x", 3), "x-3");
    }

    #[test]
    fn a_file_already_there_is_used_again_or_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("d-media");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("same.png"), b"same").unwrap();
        std::fs::write(folder.join("other.png"), b"old").unwrap();
        let mut deck = DraftDeck::default();
        for name in ["same.png", "other.png", "a/other.png"] {
            deck.card.push(crate::interchange::draft::DraftCard {
                image: Some(name.into()),
                ..Default::default()
            });
        }
        let pictures = vec![
            ("same.png".to_owned(), b"same".to_vec()),
            ("other.png".to_owned(), b"new".to_vec()),
            ("a/other.png".to_owned(), b"newer".to_vec()),
        ];
        let placed = place(&mut deck, pictures, &dir.path().join("d.toml")).unwrap();
        let images: Vec<_> = deck.card.iter().map(|c| c.image.clone().unwrap()).collect();
        assert_eq!(
            images,
            [
                "d-media/same.png",
                "d-media/other-2.png",
                "d-media/other-3.png"
            ]
        );
        assert_eq!(placed.files.len(), 2);
        write(&placed).unwrap();
        assert_eq!(std::fs::read(folder.join("other.png")).unwrap(), b"old");
        assert_eq!(std::fs::read(folder.join("other-3.png")).unwrap(), b"newer");
    }
}

//! Pictures on cards: the `image`, `back_image` and `explain_image` keys with their alt
//! texts, and the checks of the file a picture names.
//!
//! Reading a deck checks only what the text says (a relative path that stays in the
//! deck's folder, an alt text); the file itself is opened by `recall check` and when a
//! picture is shown, never at launch. A picture file is untrusted: it is read under a
//! byte limit, and its width and height are read from its header and checked against a
//! pixel limit before anything is decoded, so a decompression bomb never allocates.

use std::io::{Cursor, Read};
use std::path::{Component, Path, PathBuf};

use image::{DynamicImage, ImageFormat, ImageReader, Limits};
use serde::{Deserialize, Serialize};

use super::fields::Table;
use super::report::Report;

/// The largest picture file read, in bytes (8 MiB).
pub const MAX_PICTURE_BYTES: u64 = 8 * 1024 * 1024;
/// The most pixels (width × height) a picture may have: 4096 × 4096.
pub const MAX_PICTURE_PIXELS: u64 = 4096 * 4096;
/// The most memory decoding one picture may take (RGBA at the pixel limit, with room).
const MAX_DECODE_BYTES: u64 = MAX_PICTURE_PIXELS * 4 * 2;

/// The picture keys of a card, each with its alt text's key, for the front (with the
/// question), the back (with the answer) and the explanation.
pub const PICTURE_KEYS: [(&str, &str); 3] = [
    ("image", "image_alt"),
    ("back_image", "back_image_alt"),
    ("explain_image", "explain_image_alt"),
];

/// One picture: its file, relative to the deck file's folder, and what it shows in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picture {
    /// The path as the deck writes it, with `/` between folders.
    pub file: String,
    /// A short description, shown (or read aloud) where the picture cannot be drawn.
    pub alt: String,
}

/// The pictures of one card, each optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pictures {
    /// Shown with the question (`image`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub front: Option<Picture>,
    /// Shown with the answer (`back_image`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub back: Option<Picture>,
    /// Shown with the explanation (`explain_image`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub explain: Option<Picture>,
}

impl Pictures {
    /// True when the card has no picture.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.front.is_none() && self.back.is_none() && self.explain.is_none()
    }

    /// The pictures to show with the question and with the answer of an item: the front's
    /// and the back's, swapped when the card is asked back to front (`reversed`).
    #[must_use]
    pub fn question_and_answer(&self, reversed: bool) -> (Option<&Picture>, Option<&Picture>) {
        if reversed {
            (self.back.as_ref(), self.front.as_ref())
        } else {
            (self.front.as_ref(), self.back.as_ref())
        }
    }

    /// Every picture present, front first.
    pub fn iter(&self) -> impl Iterator<Item = &Picture> {
        [&self.front, &self.back, &self.explain]
            .into_iter()
            .flatten()
    }
}

/// A picture ready to show: its file (none when its deck has no folder, as the deck built
/// into recall) and its alt text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    /// The deck file's folder, when there is a file to draw or open.
    pub folder: Option<PathBuf>,
    /// The file, relative to `folder`.
    pub file: String,
    /// What it shows, in words.
    pub alt: String,
}

impl Shown {
    /// The picture's file, when its deck has a folder.
    #[must_use]
    pub fn path(&self) -> Option<PathBuf> {
        self.folder.as_deref().map(|f| path_in(f, &self.file))
    }
}

impl Picture {
    /// This picture of a deck whose folder is `folder`, ready to show.
    #[must_use]
    pub fn shown(&self, folder: Option<&Path>) -> Shown {
        Shown {
            folder: folder.map(Path::to_path_buf),
            file: self.file.clone(),
            alt: self.alt.clone(),
        }
    }
}

/// Reads the picture keys of a card. With `folder` (the deck file's folder, as `check`
/// gives it) each file is also opened and checked; errors are reported at the key.
pub fn read_pictures(
    t: &Table<'_, '_>,
    folder: Option<&Path>,
    report: &mut Report<'_>,
) -> Pictures {
    let [front, back, explain] =
        PICTURE_KEYS.map(|(key, alt_key)| read_one(t, key, alt_key, folder, report));
    Pictures {
        front,
        back,
        explain,
    }
}

fn read_one(
    t: &Table<'_, '_>,
    key: &str,
    alt_key: &str,
    folder: Option<&Path>,
    report: &mut Report<'_>,
) -> Option<Picture> {
    if !t.has(key) {
        if let Some(span) = t.key_span(alt_key) {
            report.error(
                &span,
                format!("`{alt_key}` describes a picture, but the card has no `{key}`"),
            );
        }
        return None;
    }
    let key_span = t.key_span(key).unwrap_or_else(|| t.span.clone());
    let file = t.text(key, report)?;
    let alt = t.text(alt_key, report);
    if !t.has(alt_key) {
        report.error(
            &key_span,
            format!(
                "`{key}` needs `{alt_key}`, a short description of the picture (shown where \
                 it cannot be drawn, and read aloud by screen readers)"
            ),
        );
    }
    if let Err(why) = relative_inside(&file.value) {
        report.error(&key_span, format!("`{key}` {why}"));
        return None;
    }
    if let Some(folder) = folder
        && let Err(why) = open(folder, &file.value)
    {
        report.error(&key_span, format!("`{key}`: {why}"));
    }
    Some(Picture {
        file: file.value,
        alt: alt?.value,
    })
}

/// Checks that `file` is a relative path that stays in the deck's folder as written (no
/// root, no drive, no `..`); symbolic links are caught by [`open`].
fn relative_inside(file: &str) -> Result<(), String> {
    let path = Path::new(file);
    if file.starts_with(['/', '\\']) || path.is_absolute() || path.has_root() {
        return Err(
            "must be a path relative to the deck file's folder, not an absolute one".into(),
        );
    }
    if file.contains('\\') {
        return Err("must separate folders with `/`, not `\\`".into());
    }
    for part in path.components() {
        match part {
            Component::Normal(_) | Component::CurDir => {}
            Component::ParentDir => {
                return Err("may not leave the deck file's folder (`..`)".into());
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err(
                    "must be a path relative to the deck file's folder, not an absolute one".into(),
                );
            }
        }
    }
    Ok(())
}

/// Where a deck's pictures are looked for: the folder of the deck file at `deck_path`.
#[must_use]
pub fn folder_of(deck_path: &Path) -> PathBuf {
    match deck_path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The path of the picture `file` of a deck whose folder is `folder`.
#[must_use]
pub fn path_in(folder: &Path, file: &str) -> PathBuf {
    folder.join(file)
}

/// Opens and decodes the picture `file` of the deck in `folder`, checking all a picture
/// must be: inside the folder once links are followed, a regular file under
/// [`MAX_PICTURE_BYTES`], a PNG, JPEG, GIF or WebP of at most [`MAX_PICTURE_PIXELS`]
/// (read from its header, before decoding) that decodes.
///
/// # Errors
/// A sentence saying what is wrong, for a message after the key's name.
pub fn open(folder: &Path, file: &str) -> Result<DynamicImage, String> {
    relative_inside(file)?;
    let bytes = read_inside(folder, file)?;
    decode(&bytes)
}

/// The bytes of the picture `file` of the deck in `folder` and its media type
/// (`image/png`, ...), after every check of [`open`]: for a page or a package to carry.
///
/// # Errors
/// As [`open`].
pub fn read_checked(folder: &Path, file: &str) -> Result<(Vec<u8>, &'static str), String> {
    relative_inside(file)?;
    let bytes = read_inside(folder, file)?;
    decode(&bytes)?;
    let mime = match image::guess_format(&bytes) {
        Ok(ImageFormat::Jpeg) => "image/jpeg",
        Ok(ImageFormat::Gif) => "image/gif",
        Ok(ImageFormat::WebP) => "image/webp",
        _ => "image/png",
    };
    Ok((bytes, mime))
}

/// The bytes of `file`, checked to be a regular file inside `folder` and under the limit.
fn read_inside(folder: &Path, file: &str) -> Result<Vec<u8>, String> {
    let shown = crate::text::escape_controls(file);
    let path = path_in(folder, file);
    let real = path.canonicalize().map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => format!("no file \"{shown}\" beside the deck file"),
        _ => format!("cannot open \"{shown}\": {e}"),
    })?;
    let real_folder = folder
        .canonicalize()
        .map_err(|e| format!("cannot open the deck's folder: {e}"))?;
    if !real.starts_with(&real_folder) {
        return Err(format!(
            "\"{shown}\" leads outside the deck file's folder (through a symbolic link)"
        ));
    }
    let meta = std::fs::metadata(&real).map_err(|e| format!("cannot open \"{shown}\": {e}"))?;
    if !meta.is_file() {
        return Err(format!("\"{shown}\" is not a regular file"));
    }
    if meta.len() > MAX_PICTURE_BYTES {
        return Err(too_large(&shown, meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    std::fs::File::open(&real)
        .and_then(|f| f.take(MAX_PICTURE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("cannot read \"{shown}\": {e}"))?;
    if bytes.len() as u64 > MAX_PICTURE_BYTES {
        return Err(too_large(&shown, bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(shown: &str, bytes: u64) -> String {
    format!(
        "\"{shown}\" has {bytes} bytes; a picture may have at most {} MiB",
        MAX_PICTURE_BYTES / (1024 * 1024)
    )
}

/// Decodes a picture's bytes: the format from its first bytes, the size from its header
/// (refused over the pixel limit before any pixel is decoded), then the pixels under a
/// memory limit.
///
/// # Errors
/// A sentence saying what is wrong.
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, String> {
    let reader = || -> Result<ImageReader<Cursor<&[u8]>>, String> {
        let mut reader = ImageReader::new(Cursor::new(bytes))
            .with_guessed_format()
            .map_err(|e| format!("cannot be read: {e}"))?;
        match reader.format() {
            Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::Gif | ImageFormat::WebP) => {}
            _ => return Err("is not a PNG, JPEG, GIF or WebP picture".into()),
        }
        let mut limits = Limits::default();
        limits.max_image_width = Some(65_535);
        limits.max_image_height = Some(65_535);
        limits.max_alloc = Some(MAX_DECODE_BYTES);
        reader.limits(limits);
        Ok(reader)
    };
    let (width, height) = reader()?
        .into_dimensions()
        .map_err(|e| format!("cannot be decoded: {}", first_line(&e.to_string())))?;
    let pixels = u64::from(width) * u64::from(height);
    if pixels > MAX_PICTURE_PIXELS || pixels == 0 {
        return Err(format!(
            "is {width}×{height} pixels; a picture may have at most {MAX_PICTURE_PIXELS} pixels \
             (4096×4096), and at least one"
        ));
    }
    reader()?
        .decode()
        .map_err(|e| format!("cannot be decoded: {}", first_line(&e.to_string())))
}

fn first_line(message: &str) -> String {
    crate::text::escape_controls(message.lines().next().unwrap_or_default()).into_owned()
}

#[cfg(test)]
mod tests;

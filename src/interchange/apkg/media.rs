//! The pictures a package carries: each picture of a card as an `<img>` in its note's
//! fields, and its file in the zip under a number, with Anki's `media` map from numbers to
//! names.

use std::path::Path;

use crate::deck::{Card, Picture};
use crate::interchange::export::AnkiNoteOut;

/// The files a package carries, in the order they are numbered: (name, bytes).
pub(super) type Media = Vec<(String, Vec<u8>)>;

/// The name a picture's file takes in a package: its path in the deck's folder with the
/// folders joined by `_` (`maps/exile.png` → `maps_exile.png`), as Anki keeps its media in
/// one flat folder.
#[must_use]
pub(crate) fn media_name(file: &str) -> String {
    file.split('/')
        .filter(|part| !part.is_empty() && *part != ".")
        .collect::<Vec<_>>()
        .join("_")
}

/// Adds the pictures of `card`, whose deck file is in `folder`, to its `note`: the front's
/// to the first field, the back's and the explanation's to the second; their files to
/// `media`, each once.
///
/// # Errors
/// A picture that cannot be read, or that fails a check of `recall check`.
pub(super) fn add_pictures(
    card: &Card,
    note: &mut AnkiNoteOut,
    folder: &Path,
    media: &mut Media,
) -> Result<(), String> {
    let pictures = &card.pictures;
    for (field, picture) in [
        (0, &pictures.front),
        (1, &pictures.back),
        (1, &pictures.explain),
    ] {
        let Some(picture) = picture else { continue };
        let name = media_name(&picture.file);
        if !media.iter().any(|(n, _)| *n == name) {
            let (bytes, _) = crate::deck::picture::read_checked(folder, &picture.file)
                .map_err(|why| format!("card \"{}\": picture {why}", card.id))?;
            media.push((name.clone(), bytes));
        }
        note.fields[field].push_str(&img(&name, picture));
    }
    Ok(())
}

/// The `<img>` of `picture` under `name`, after a line break.
fn img(name: &str, picture: &Picture) -> String {
    format!(
        "<br><img src=\"{}\" alt=\"{}\">",
        html_escape::encode_double_quoted_attribute(name),
        html_escape::encode_double_quoted_attribute(&picture.alt)
    )
}

/// Anki's `media` file: a JSON map from each file's number in the zip to its name.
#[must_use]
pub(super) fn media_map(media: &Media) -> String {
    let map: serde_json::Map<String, serde_json::Value> = media
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (i.to_string(), serde_json::Value::from(name.as_str())))
        .collect();
    serde_json::Value::Object(map).to_string()
}

//! The pictures a package brings in: the first `<img>` of each note's field, the package's
//! `media` map from zip entries to file names (JSON in older packages; in current ones a
//! zstd-compressed protobuf list, each file compressed too), and the bytes of each picture a
//! card shows, bounded and checked to be a picture recall can draw.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use super::protobuf::{self, Value};
use crate::deck::picture::{MAX_PICTURE_BYTES, decode};
use crate::interchange::draft::DraftCard;
use crate::interchange::{NotePicture, html};
use crate::text::{is_forbidden_control, is_invisible};

/// The most the pictures of one import may hold together (256 MiB).
pub const MAX_IMPORT_PICTURE_BYTES: u64 = 256 * 1024 * 1024;
/// The most the `media` map may unpack to.
const MAX_MAP_BYTES: u64 = 64 * 1024 * 1024;
/// The first bytes of a zstd frame.
const ZSTD_MAGIC: [u8; 4] = [0x28, 0xb5, 0x2f, 0xfd];

pub(super) type Zip<'a> = zip::ZipArchive<Cursor<&'a [u8]>>;

/// The first `<img>` of an HTML field with a `src`, and how many `<img>` it holds in all.
#[must_use]
pub(super) fn first_img(field: &str) -> (Option<NotePicture>, usize) {
    let lower = field.to_ascii_lowercase();
    let mut first = None;
    let mut count = 0;
    let mut from = 0;
    while let Some(at) = lower[from..].find("<img") {
        let start = from + at + 4;
        from = start;
        if !lower[start..].starts_with(|c: char| c.is_ascii_whitespace() || c == '/') {
            continue;
        }
        let (attributes, end) = attributes(&field[start..]);
        from = start + end;
        count += 1;
        let get = |name: &str| {
            attributes
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, v)| html_escape::decode_html_entities(v).trim().to_owned())
        };
        if first.is_none()
            && let Some(name) = get("src").filter(|s| !s.is_empty())
        {
            let alt = get("alt").map(|a| clean(&a)).filter(|a| !a.is_empty());
            first = Some(NotePicture {
                alt: alt.unwrap_or_else(|| alt_of_name(&name)),
                name,
            });
        }
    }
    (first, count)
}

/// The attributes of a tag whose name is read (`rest` starts after it), lower-cased names
/// with their raw values, and where the tag ends in `rest`.
fn attributes(rest: &str) -> (Vec<(String, String)>, usize) {
    let mut out = Vec::new();
    let bytes = rest.as_bytes();
    let mut at = 0;
    loop {
        while at < bytes.len() && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
            at += 1;
        }
        if at >= bytes.len() || bytes[at] == b'>' {
            return (out, (at + 1).min(bytes.len()));
        }
        let name_start = at;
        while at < bytes.len()
            && !matches!(bytes[at], b'=' | b'>' | b'/')
            && !bytes[at].is_ascii_whitespace()
        {
            at += 1;
        }
        let name = rest[name_start..at].to_ascii_lowercase();
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        let mut value = String::new();
        if at < bytes.len() && bytes[at] == b'=' {
            at += 1;
            while at < bytes.len() && bytes[at].is_ascii_whitespace() {
                at += 1;
            }
            let quote = bytes.get(at).copied().filter(|b| *b == b'"' || *b == b'\'');
            let start = at + usize::from(quote.is_some());
            let end = rest[start..]
                .find(|c: char| match quote {
                    Some(q) => c == char::from(q),
                    None => c.is_ascii_whitespace() || c == '>',
                })
                .map_or(rest.len(), |e| start + e);
            value = rest[start..end].to_owned();
            at = end + usize::from(quote.is_some() && end < rest.len());
        }
        out.push((name, value));
    }
}

/// Text fit for an alt text: no control or invisible characters, spaces run together.
fn clean(text: &str) -> String {
    text.chars()
        .filter(|c| !is_invisible(*c))
        .map(|c| {
            if is_forbidden_control(c) || c.is_whitespace() {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Words for a picture without an alt text: its file's name without folders or ending,
/// `_` and `-` as spaces (`eiffel_tower.jpg` → `eiffel tower`).
#[must_use]
pub(super) fn alt_of_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.rsplit_once('.').map_or(base, |(s, _)| s);
    let words = clean(&stem.replace(['_', '-'], " "));
    if words.is_empty() {
        "picture".to_owned()
    } else {
        words
    }
}

/// The package's map from file names to zip entries; a map that cannot be read is a
/// warning, and then no picture is brought in.
pub(super) fn media_map(zip: &mut Zip<'_>, warnings: &mut Vec<String>) -> HashMap<String, String> {
    let mut map = HashMap::new();
    if zip.index_for_name("media").is_none() {
        return map;
    }
    let bytes = match entry(zip, "media", MAX_MAP_BYTES) {
        Ok(bytes) => bytes,
        Err(why) => {
            warnings.push(format!(
                "the package's media list {why}; no picture was brought in"
            ));
            return map;
        }
    };
    if let Ok(serde_json::Value::Object(json)) = serde_json::from_slice(&bytes) {
        for (number, name) in json {
            if let Some(name) = name.as_str() {
                map.insert(name.to_owned(), number);
            }
        }
        return map;
    }
    // Current Anki: MediaEntries { repeated MediaEntry entries = 1 }, each MediaEntry
    // { string name = 1; uint32 size = 2; bytes sha1 = 3; uint32 legacy_zip_filename = 255 },
    // each file stored under its position unless that last field says otherwise.
    let Some(entries) = protobuf::fields(&bytes) else {
        warnings.push("the package's media list cannot be read; no picture was brought in".into());
        return map;
    };
    for (number, (_, value)) in entries.into_iter().filter(|(f, _)| *f == 1).enumerate() {
        let Value::Bytes(message) = value else {
            continue;
        };
        let fields = protobuf::fields(message).unwrap_or_default();
        let name = fields.iter().find_map(|(f, v)| match v {
            Value::Bytes(b) if *f == 1 => std::str::from_utf8(b).ok(),
            _ => None,
        });
        let entry = protobuf::varint(message, 255).unwrap_or(number as u64);
        if let Some(name) = name {
            map.insert(name.to_owned(), entry.to_string());
        }
    }
    map
}

/// The bytes of the zip entry `name`, unpacked (and decompressed, when zstd) within `limit`.
fn entry(zip: &mut Zip<'_>, name: &str, limit: u64) -> Result<Vec<u8>, String> {
    let too_large = || format!("is larger than {} MiB", limit / (1024 * 1024));
    let mut bytes = Vec::new();
    zip.by_name(name)
        .map_err(|e| format!("cannot be read ({e})"))?
        .take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be unpacked ({e})"))?;
    if bytes.starts_with(&ZSTD_MAGIC) {
        let mut plain = Vec::new();
        zstd::stream::read::Decoder::new(bytes.as_slice())
            .map_err(|e| format!("cannot be decompressed ({e})"))?
            .take(limit + 1)
            .read_to_end(&mut plain)
            .map_err(|e| format!("cannot be decompressed ({e})"))?;
        bytes = plain;
    }
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// Brings in the files of the pictures `cards` show: each read from the package once,
/// within [`MAX_PICTURE_BYTES`] and all together [`MAX_IMPORT_PICTURE_BYTES`], and decoded;
/// a picture missing or refused is taken off its cards with a warning. Gives the files, in
/// the order the cards first show them, as (name, bytes).
pub(super) fn bring_in(
    zip: &mut Zip<'_>,
    cards: &mut [DraftCard],
    warnings: &mut Vec<String>,
) -> Vec<(String, Vec<u8>)> {
    let map = media_map(zip, warnings);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut refused: Vec<String> = Vec::new();
    let mut total = 0u64;
    for card in cards {
        for (file, alt) in card.pictures_mut() {
            let Some(name) = file.clone() else { continue };
            if files.iter().any(|(n, _)| *n == name) {
                continue;
            }
            let brought = if refused.contains(&name) {
                Err(None)
            } else {
                map.get(&name)
                    .ok_or_else(|| Some("is not in the package".to_owned()))
                    .and_then(|e| entry(zip, e, MAX_PICTURE_BYTES).map_err(Some))
                    .and_then(|bytes| {
                        decode(&bytes).map_err(Some)?;
                        total += bytes.len() as u64;
                        if total > MAX_IMPORT_PICTURE_BYTES {
                            return Err(Some(format!(
                                "would take the pictures past {} MiB in all",
                                MAX_IMPORT_PICTURE_BYTES / (1024 * 1024)
                            )));
                        }
                        Ok(bytes)
                    })
            };
            match brought {
                Ok(bytes) => files.push((name, bytes)),
                Err(why) => {
                    if let Some(why) = why {
                        warnings.push(format!("picture \"{name}\" {why}; left out of its cards"));
                        refused.push(name);
                    }
                    *file = None;
                    *alt = None;
                }
            }
        }
    }
    files
}

/// The names of the sound files a field plays (`[sound:NAME]`).
pub(super) fn sounds(field: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = field;
    while let Some(at) = rest.find("[sound:") {
        let after = &rest[at + 7..];
        let end = after.find(']').unwrap_or(after.len());
        names.push(html::to_text(&after[..end]));
        rest = &after[end..];
    }
    names
}

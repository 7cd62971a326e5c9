//! Anki packages (`.apkg`, `.colpkg`): a zip holding the collection, an SQLite database.
//!
//! Reading takes the newest collection the package holds: `collection.anki21b` (compressed
//! with zstd; note types in tables of their own, each type's kind in a protobuf message),
//! else `collection.anki21` or `collection.anki2` (note types as JSON in the `col` table).
//! What is unpacked is capped ([`UNPACKED_LIMIT`]), whatever sizes the zip claims, and the
//! database is opened read-only from memory (rusqlite's `serialize` feature), never written
//! to disk.
//!
//! Writing makes a `collection.anki2` of schema 11, which every Anki since 2.1 imports,
//! with the stock note types Basic, "Basic (and reversed card)" and Cloze. Ids of the deck,
//! note types, notes and cards are hashes of the deck id and card ids, and each note's guid
//! one of them too, so that importing a newer export updates the notes it imported before.
//!
//! A card's pictures go in as `<img>` in its fields with their files in the zip (`media`);
//! reading brings the first `<img>` of each field back as a picture, its file's bytes
//! checked (`media_read`), for the import to place beside the new deck.
//!
//! Reading is in `read`, writing in `write`.

mod media;
pub(crate) use media::media_name;
mod media_read;
mod protobuf;
mod read;
mod write;

pub use media_read::MAX_IMPORT_PICTURE_BYTES;
pub use read::{UNPACKED_LIMIT, import, import_capped};
pub use write::export;

#[cfg(test)]
mod tests;

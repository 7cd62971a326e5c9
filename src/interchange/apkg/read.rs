//! Reading a package: unzipping it within the cap, opening its newest collection in
//! memory, and turning its notes, note types and decks into cards.

use std::io::{Cursor, Read};

use rusqlite::Connection;

use super::media_read;
use crate::interchange::{AnkiNote, Imported, NoteKind, Problems, anki_cards, html};

/// The most an Anki package may unpack to, all its parts read together.
pub const UNPACKED_LIMIT: u64 = 1024 * 1024 * 1024;

/// The collection files a package may hold, the newest first.
const COLLECTIONS: [&str; 3] = [
    "collection.anki21b",
    "collection.anki21",
    "collection.anki2",
];

/// Reads an Anki package.
///
/// # Errors
/// Every problem found: not a zip, no collection, too large unpacked, a damaged database,
/// a note of a type the package does not hold, a note that gives no card.
pub fn import(bytes: &[u8], file: &str) -> Result<Imported, Problems> {
    import_capped(bytes, file, UNPACKED_LIMIT)
}

/// [`import`] with the cap on what is unpacked given.
///
/// # Errors
/// As [`import`].
pub fn import_capped(bytes: &[u8], file: &str, limit: u64) -> Result<Imported, Problems> {
    let one = |message: String| vec![format!("{file}: {message}")];
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| one(format!("not an Anki package: not a zip file ({e})")))?;
    let Some(name) = COLLECTIONS
        .into_iter()
        .find(|n| zip.index_for_name(n).is_some())
    else {
        return Err(one(
            "not an Anki package: it holds no collection.anki2, .anki21 or .anki21b".to_owned(),
        ));
    };
    let too_large = || {
        one(format!(
            "{name} unpacks to more than {} MiB; refused (a zip bomb?)",
            limit / (1024 * 1024)
        ))
    };
    let mut packed = Vec::new();
    {
        let entry = zip
            .by_name(name)
            .map_err(|e| one(format!("{name}: cannot be read ({e})")))?;
        entry
            .take(limit + 1)
            .read_to_end(&mut packed)
            .map_err(|e| one(format!("{name}: cannot be unpacked ({e})")))?;
    }
    if packed.len() as u64 > limit {
        return Err(too_large());
    }
    let database = if name.ends_with('b') {
        // A frame that says how large it unpacks is refused before anything is unpacked.
        if let Ok(Some(declared)) = zstd::zstd_safe::get_frame_content_size(&packed)
            && declared > limit
        {
            return Err(too_large());
        }
        let mut plain = Vec::new();
        let decoder = zstd::stream::read::Decoder::new(packed.as_slice())
            .map_err(|e| one(format!("{name}: cannot be decompressed ({e})")))?;
        decoder
            .take(limit.saturating_sub(packed.len() as u64) + 1)
            .read_to_end(&mut plain)
            .map_err(|e| one(format!("{name}: cannot be decompressed ({e})")))?;
        if (plain.len() + packed.len()) as u64 > limit {
            return Err(too_large());
        }
        plain
    } else {
        packed
    };
    let mut database = database;
    // A collection saved in WAL mode says so in bytes 18 and 19 of its header; in memory
    // there is no WAL file, so it is read as a rollback-journal database (1), as it is.
    if database.len() >= 20 && database.starts_with(b"SQLite format 3\0") {
        database[18] = 1;
        database[19] = 1;
    }
    let mut db = Connection::open_in_memory().map_err(|e| one(e.to_string()))?;
    // Current Anki orders deck and note type names with a collation of its own.
    db.create_collation("unicase", |a, b| a.to_lowercase().cmp(&b.to_lowercase()))
        .map_err(|e| one(e.to_string()))?;
    let size = database.len();
    db.deserialize_read_exact("main", database.as_slice(), size, true)
        .map_err(|e| one(format!("{name}: not an SQLite database ({e})")))?;
    let read = read_collection(&db, file).map_err(|e| match e {
        Failure::Sql(e) => one(format!("{name}: not an Anki collection ({e})")),
        Failure::Problems(p) => p,
    })?;
    let mut warnings = read.warnings;
    let mut cards = anki_cards(read.notes, &mut warnings)?;
    let pictures = media_read::bring_in(&mut zip, &mut cards, &mut warnings);
    if !read.sounds.is_empty() {
        warnings.push(format!(
            "the cards play {} sound file{} a deck cannot (left out): {}",
            read.sounds.len(),
            if read.sounds.len() == 1 { "" } else { "s" },
            read.sounds.join(", ")
        ));
    }
    let mut imported = Imported {
        pictures,
        warnings,
        ..Imported::default()
    };
    imported.deck.deck.title = read.title;
    imported.deck.card = cards;
    Ok(imported)
}

enum Failure {
    Sql(rusqlite::Error),
    Problems(Problems),
}

impl From<rusqlite::Error> for Failure {
    fn from(e: rusqlite::Error) -> Self {
        Failure::Sql(e)
    }
}

struct Collection {
    title: String,
    notes: Vec<AnkiNote>,
    sounds: Vec<String>,
    warnings: Vec<String>,
}

/// A note type: its kind, by name or, for a name recall does not know, by its shape.
struct NoteType {
    name: String,
    cloze: bool,
    fields: usize,
    templates: usize,
}

impl NoteType {
    fn kind(&self) -> NoteKind {
        match NoteKind::of_name(&self.name, self.cloze) {
            NoteKind::Other(name) => match (self.fields, self.templates) {
                (2, 1) => NoteKind::Basic,
                (2, 2) => NoteKind::Reversed,
                (3, 2) => NoteKind::OptionalReversed,
                _ => NoteKind::Other(name),
            },
            kind => kind,
        }
    }
}

fn has_table(db: &Connection, table: &str) -> Result<bool, rusqlite::Error> {
    db.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1",
        [table],
        |r| r.get::<_, i64>(0),
    )
    .map(|n| n > 0)
}

fn read_collection(db: &Connection, file: &str) -> Result<Collection, Failure> {
    let modern = has_table(db, "notetypes")?;
    let types = if modern {
        modern_types(db)?
    } else {
        legacy_types(db)?
    };
    let decks = if modern {
        modern_decks(db)?
    } else {
        legacy_decks(db)?
    };
    let main_deck: Option<i64> = db
        .query_row(
            "SELECT did FROM cards GROUP BY did ORDER BY count(*) DESC, did LIMIT 1",
            [],
            |r| r.get(0),
        )
        .ok();
    let title = main_deck
        .and_then(|d| decks.iter().find(|(id, _)| *id == d))
        .map(|(_, name)| last_part(name))
        .unwrap_or_default();
    let mut statement = db.prepare("SELECT id, mid, flds, tags FROM notes ORDER BY id")?;
    let rows = statement.query_map([], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
        ))
    })?;
    let mut notes = Vec::new();
    let mut sounds: Vec<String> = Vec::new();
    let mut warnings = Vec::new();
    let mut problems = Vec::new();
    for row in rows {
        let (id, mid, fields, tags) = row?;
        let at = format!("{file}: note {id}");
        let Some(kind) = types.iter().find(|(t, _)| *t == mid).map(|(_, t)| t.kind()) else {
            problems.push(format!("{at}: its note type ({mid}) is not in the package"));
            continue;
        };
        let mut pictures = Vec::new();
        for (number, field) in fields.split('\u{1f}').enumerate() {
            for name in media_read::sounds(field) {
                if !sounds.contains(&name) {
                    sounds.push(name);
                }
            }
            let (first, count) = media_read::first_img(field);
            if count > 1 {
                warnings.push(format!(
                    "{at}: field {} shows {count} pictures; only the first was brought in",
                    number + 1
                ));
            }
            pictures.push(first);
        }
        notes.push(AnkiNote {
            at,
            kind,
            fields: fields.split('\u{1f}').map(html::to_text).collect(),
            tags: tags.split_whitespace().map(str::to_owned).collect(),
            pictures,
        });
    }
    if !problems.is_empty() {
        return Err(Failure::Problems(problems));
    }
    Ok(Collection {
        title,
        notes,
        sounds,
        warnings,
    })
}

/// The last part of a deck's name: `B` of `A::B` (stored as `A\u{1f}B` by current Anki).
pub(super) fn last_part(name: &str) -> String {
    name.replace('\u{1f}', "::")
        .rsplit("::")
        .map(str::trim)
        .find(|p| !p.is_empty())
        .unwrap_or_default()
        .to_owned()
}

fn legacy_types(db: &Connection) -> Result<Vec<(i64, NoteType)>, Failure> {
    let models: String = db.query_row("SELECT models FROM col", [], |r| r.get(0))?;
    let models: serde_json::Value = serde_json::from_str(&models)
        .map_err(|e| Failure::Sql(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))?;
    let count = |m: &serde_json::Value, key: &str| {
        m.get(key).and_then(|v| v.as_array()).map_or(0, Vec::len)
    };
    Ok(models
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(id, m)| {
            Some((
                id.parse().ok()?,
                NoteType {
                    name: m.get("name")?.as_str()?.to_owned(),
                    cloze: m.get("type").and_then(serde_json::Value::as_i64) == Some(1),
                    fields: count(m, "flds"),
                    templates: count(m, "tmpls"),
                },
            ))
        })
        .collect())
}

fn modern_types(db: &Connection) -> Result<Vec<(i64, NoteType)>, Failure> {
    let count = |table: &str, id: i64| -> Result<usize, rusqlite::Error> {
        db.query_row(
            &format!("SELECT count(*) FROM {table} WHERE ntid = ?1"),
            [id],
            |r| r.get::<_, i64>(0),
        )
        .map(|n| usize::try_from(n).unwrap_or(0))
    };
    let mut statement = db.prepare("SELECT id, name, config FROM notetypes")?;
    let rows: Vec<(i64, String, Vec<u8>)> = statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<Result<_, _>>()?;
    rows.into_iter()
        .map(|(id, name, config)| {
            Ok((
                id,
                NoteType {
                    name,
                    cloze: super::protobuf::varint(&config, 1) == Some(1),
                    fields: count("fields", id)?,
                    templates: count("templates", id)?,
                },
            ))
        })
        .collect()
}

fn legacy_decks(db: &Connection) -> Result<Vec<(i64, String)>, Failure> {
    let decks: String = db.query_row("SELECT decks FROM col", [], |r| r.get(0))?;
    let decks: serde_json::Value = serde_json::from_str(&decks)
        .map_err(|e| Failure::Sql(rusqlite::Error::ToSqlConversionFailure(Box::new(e))))?;
    Ok(decks
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(id, d)| Some((id.parse().ok()?, d.get("name")?.as_str()?.to_owned())))
        .collect())
}

fn modern_decks(db: &Connection) -> Result<Vec<(i64, String)>, Failure> {
    let mut statement = db.prepare("SELECT id, name FROM decks")?;
    let rows = statement
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    Ok(rows)
}

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

use std::io::{Cursor, Read, Write};

use rusqlite::{Connection, params};

use super::export::{AnkiNoteOut, AnkiType, Exported, anki_notes, anki_tags, stable_hash};
use super::{AnkiNote, Imported, NoteKind, Problems, anki_cards, html};
use crate::deck::{Card, Deck};
use crate::text::escape_controls;

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
    let mut warnings = Vec::new();
    let cards = anki_cards(read.notes, &mut warnings)?;
    let mut imported = Imported {
        media: read.media,
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
    media: Vec<String>,
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
    let mut media: Vec<String> = Vec::new();
    let mut problems = Vec::new();
    for row in rows {
        let (id, mid, fields, tags) = row?;
        let at = format!("{file}: note {id}");
        let Some(kind) = types.iter().find(|(t, _)| *t == mid).map(|(_, t)| t.kind()) else {
            problems.push(format!("{at}: its note type ({mid}) is not in the package"));
            continue;
        };
        for name in media_names(&fields) {
            if !media.contains(&name) {
                media.push(name);
            }
        }
        notes.push(AnkiNote {
            at,
            kind,
            fields: fields.split('\u{1f}').map(html::to_text).collect(),
            tags: tags.split_whitespace().map(str::to_owned).collect(),
        });
    }
    if !problems.is_empty() {
        return Err(Failure::Problems(problems));
    }
    Ok(Collection {
        title,
        notes,
        media,
    })
}

/// The last part of a deck's name: `B` of `A::B` (stored as `A\u{1f}B` by current Anki).
fn last_part(name: &str) -> String {
    name.replace('\u{1f}', "::")
        .rsplit("::")
        .map(str::trim)
        .find(|p| !p.is_empty())
        .unwrap_or_default()
        .to_owned()
}

/// The media files a field names: `<img src="...">` and `[sound:...]`.
fn media_names(fields: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = fields;
    while let Some(at) = rest.find("[sound:") {
        let after = &rest[at + 7..];
        let end = after.find(']').unwrap_or(after.len());
        names.push(after[..end].to_owned());
        rest = &after[end..];
    }
    let lower = fields.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("src=") {
        let start = from + at + 4;
        let quote = fields[start..]
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'');
        let body = start + usize::from(quote.is_some());
        let end = fields[body..]
            .find(|c: char| Some(c) == quote || (quote.is_none() && (c == ' ' || c == '>')))
            .map_or(fields.len(), |e| body + e);
        names.push(html::to_text(&fields[body..end]));
        from = end;
    }
    names
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
                    cloze: protobuf_varint(&config, 1) == Some(1),
                    fields: count("fields", id)?,
                    templates: count("templates", id)?,
                },
            ))
        })
        .collect()
}

/// The value of varint field `wanted` of a protobuf message, if it is there (a note type's
/// config holds its kind in field 1: 0 standard, 1 cloze).
fn protobuf_varint(message: &[u8], wanted: u64) -> Option<u64> {
    let mut at = 0;
    let varint = |at: &mut usize| -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = *message.get(*at)?;
            *at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    };
    while at < message.len() {
        let key = varint(&mut at)?;
        let (field, wire) = (key >> 3, key & 7);
        match wire {
            0 => {
                let value = varint(&mut at)?;
                if field == wanted {
                    return Some(value);
                }
            }
            1 => at += 8,
            2 => {
                let len = usize::try_from(varint(&mut at)?).ok()?;
                at = at.checked_add(len)?;
            }
            5 => at += 4,
            _ => return None,
        }
    }
    None
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

/// The tables of a schema-11 collection, as Anki 2.1 creates them.
const SCHEMA: &str = "
CREATE TABLE col (id integer PRIMARY KEY, crt integer NOT NULL, mod integer NOT NULL,
  scm integer NOT NULL, ver integer NOT NULL, dty integer NOT NULL, usn integer NOT NULL,
  ls integer NOT NULL, conf text NOT NULL, models text NOT NULL, decks text NOT NULL,
  dconf text NOT NULL, tags text NOT NULL);
CREATE TABLE notes (id integer PRIMARY KEY, guid text NOT NULL, mid integer NOT NULL,
  mod integer NOT NULL, usn integer NOT NULL, tags text NOT NULL, flds text NOT NULL,
  sfld integer NOT NULL, csum integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE cards (id integer PRIMARY KEY, nid integer NOT NULL, did integer NOT NULL,
  ord integer NOT NULL, mod integer NOT NULL, usn integer NOT NULL, type integer NOT NULL,
  queue integer NOT NULL, due integer NOT NULL, ivl integer NOT NULL, factor integer NOT NULL,
  reps integer NOT NULL, lapses integer NOT NULL, left integer NOT NULL, odue integer NOT NULL,
  odid integer NOT NULL, flags integer NOT NULL, data text NOT NULL);
CREATE TABLE revlog (id integer PRIMARY KEY, cid integer NOT NULL, usn integer NOT NULL,
  ease integer NOT NULL, ivl integer NOT NULL, lastIvl integer NOT NULL, factor integer NOT NULL,
  time integer NOT NULL, type integer NOT NULL);
CREATE TABLE graves (usn integer NOT NULL, oid integer NOT NULL, type integer NOT NULL);
CREATE INDEX ix_notes_usn ON notes (usn);
CREATE INDEX ix_cards_usn ON cards (usn);
CREATE INDEX ix_revlog_usn ON revlog (usn);
CREATE INDEX ix_cards_nid ON cards (nid);
CREATE INDEX ix_cards_sched ON cards (did, queue, due);
CREATE INDEX ix_revlog_cid ON revlog (cid);
CREATE INDEX ix_notes_csum ON notes (csum);
";

/// An id from `parts`: positive and below 2^52, as Anki's ids are.
fn id_of(parts: &[&str]) -> i64 {
    i64::try_from(stable_hash(parts) >> 12).unwrap_or(1).max(2)
}

/// The note type `kind` as schema 11's JSON.
fn model_json(kind: AnkiType, deck_id: i64, now: i64) -> serde_json::Value {
    use serde_json::json;
    let field = |name: &str, ord: usize| {
        json!({"name": name, "ord": ord, "sticky": false, "rtl": false, "font": "Arial",
               "size": 20, "media": []})
    };
    let template = |name: &str, ord: usize, q: &str, a: &str| {
        json!({"name": name, "ord": ord, "qfmt": q, "afmt": a, "bqfmt": "", "bafmt": "",
               "did": null, "bfont": "", "bsize": 0})
    };
    let answer = "{{FrontSide}}<hr id=answer>{{Back}}";
    let (fields, templates, req) = match kind {
        AnkiType::Basic => (
            vec![field("Front", 0), field("Back", 1)],
            vec![template("Card 1", 0, "{{Front}}", answer)],
            json!([[0, "any", [0]]]),
        ),
        AnkiType::Reversed => (
            vec![field("Front", 0), field("Back", 1)],
            vec![
                template("Card 1", 0, "{{Front}}", answer),
                template(
                    "Card 2",
                    1,
                    "{{Back}}",
                    "{{FrontSide}}<hr id=answer>{{Front}}",
                ),
            ],
            json!([[0, "any", [0]], [1, "any", [1]]]),
        ),
        AnkiType::Cloze => (
            vec![field("Text", 0), field("Back Extra", 1)],
            vec![template(
                "Cloze",
                0,
                "{{cloze:Text}}",
                "{{cloze:Text}}<br>{{Back Extra}}",
            )],
            json!([[0, "any", [0]]]),
        ),
    };
    json!({
        "id": model_id(kind), "name": kind.name(), "type": i32::from(kind == AnkiType::Cloze),
        "mod": now, "usn": -1, "sortf": 0, "did": deck_id, "tmpls": templates, "flds": fields,
        "css": ".card { font-family: arial; font-size: 20px; text-align: center; }\n.cloze { font-weight: bold; color: blue; }",
        "latexPre": "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
        "latexPost": "\\end{document}", "latexsvg": false, "req": req, "tags": [], "vers": []
    })
}

fn model_id(kind: AnkiType) -> i64 {
    id_of(&["recall note type", kind.name()])
}

/// The collection's settings, decks and deck options as schema 11's JSON.
fn col_json(deck: &Deck, deck_id: i64, now: i64) -> [String; 3] {
    use serde_json::json;
    let a_deck = |id: i64, name: &str, description: &str| {
        json!({"id": id, "name": name, "desc": description, "mod": now, "usn": -1,
               "lrnToday": [0, 0], "revToday": [0, 0], "newToday": [0, 0], "timeToday": [0, 0],
               "collapsed": false, "browserCollapsed": false, "dyn": 0, "conf": 1,
               "extendNew": 0, "extendRev": 0})
    };
    let decks = json!({
        "1": a_deck(1, "Default", ""),
        deck_id.to_string(): a_deck(deck_id, &deck.title, deck.description.as_deref().unwrap_or("")),
    });
    let dconf = json!({"1": {
        "id": 1, "name": "Default", "mod": 0, "usn": 0, "maxTaken": 60, "autoplay": true,
        "timer": 0, "replayq": true, "dyn": false,
        "new": {"delays": [1.0, 10.0], "ints": [1, 4, 0], "initialFactor": 2500, "order": 1,
                "perDay": 20, "bury": false},
        "rev": {"perDay": 200, "ease4": 1.3, "ivlFct": 1.0, "maxIvl": 36500, "bury": false,
                "hardFactor": 1.2},
        "lapse": {"delays": [10.0], "mult": 0.0, "minInt": 1, "leechFails": 8, "leechAction": 1}
    }});
    let conf = json!({"activeDecks": [1], "curDeck": 1, "newSpread": 0, "collapseTime": 1200,
                      "timeLim": 0, "estTimes": true, "dueCounts": true, "curModel": null,
                      "nextPos": 1, "sortType": "noteFld", "sortBackwards": false,
                      "addToCur": true});
    [conf.to_string(), decks.to_string(), dconf.to_string()]
}

/// How many cards a note gives: 1, 2 for a reversed note, a cloze note one per number.
fn card_ords(note: &AnkiNoteOut) -> Vec<i64> {
    match note.kind {
        AnkiType::Basic => vec![0],
        AnkiType::Reversed => vec![0, 1],
        AnkiType::Cloze => {
            let count = note.fields[0].matches("{{c").count();
            (0..i64::try_from(count.max(1)).unwrap_or(1)).collect()
        }
    }
}

/// Writes `cards` of `deck` as an Anki package (see the module documentation).
///
/// # Errors
/// A failure of SQLite or of the zip writer.
pub fn export(deck: &Deck, cards: &[&Card]) -> Result<Exported, String> {
    let (notes, lost) = anki_notes(cards);
    let sql = |e: rusqlite::Error| format!("cannot build the collection: {e}");
    let now = chrono::Utc::now().timestamp();
    let deck_id = id_of(&["recall deck", &deck.id]);
    let mut db = Connection::open_in_memory().map_err(sql)?;
    db.execute_batch(SCHEMA).map_err(sql)?;
    let mut models = serde_json::Map::new();
    for kind in [AnkiType::Basic, AnkiType::Reversed, AnkiType::Cloze] {
        models.insert(model_id(kind).to_string(), model_json(kind, deck_id, now));
    }
    let [conf, decks, dconf] = col_json(deck, deck_id, now);
    db.execute(
        "INSERT INTO col VALUES (1, ?1, ?2, ?3, 11, 0, 0, 0, ?4, ?5, ?6, ?7, '{}')",
        params![
            now,
            now * 1000,
            now * 1000,
            conf,
            serde_json::Value::Object(models).to_string(),
            decks,
            dconf
        ],
    )
    .map_err(sql)?;
    let mut due = 0;
    for (card, note) in cards.iter().zip(&notes) {
        let note_id = id_of(&["recall note", &deck.id, &card.id]);
        let guid = format!("recall:{}:{}", deck.id, card.id);
        let sort_field = html::to_text(&note.fields[0]);
        db.execute(
            "INSERT INTO notes VALUES (?1, ?2, ?3, ?4, -1, ?5, ?6, ?7, 0, 0, '')",
            params![
                note_id,
                guid,
                model_id(note.kind),
                now,
                format!(" {} ", anki_tags(&card.tags)),
                note.fields.join("\u{1f}"),
                sort_field
            ],
        )
        .map_err(sql)?;
        due += 1;
        for ord in card_ords(note) {
            db.execute(
                "INSERT INTO cards VALUES (?1, ?2, ?3, ?4, ?5, -1, 0, 0, ?6, 0, 0, 0, 0, 0, 0, 0, 0, '')",
                params![id_of(&["recall card", &deck.id, &card.id, &ord.to_string()]), note_id, deck_id, ord, now, due],
            )
            .map_err(sql)?;
        }
    }
    let database = db.serialize("main").map_err(sql)?.to_vec();
    let zipped = (|| -> zip::result::ZipResult<Vec<u8>> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("collection.anki2", options)?;
        zip.write_all(&database)?;
        zip.start_file("media", options)?;
        zip.write_all(b"{}")?;
        Ok(zip.finish()?.into_inner())
    })()
    .map_err(|e| {
        format!(
            "cannot write the package: {}",
            escape_controls(&e.to_string())
        )
    })?;
    Ok(Exported {
        bytes: zipped,
        count: notes.len(),
        notes: lost,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_package_written_is_read_back_with_its_kinds() {
        let parsed = crate::deck::bundled();
        let deck = parsed.deck.unwrap();
        let cards: Vec<&Card> = deck.cards.iter().collect();
        let made = export(&deck, &cards).unwrap();
        assert_eq!(made.count, deck.cards.len());
        let back = import(&made.bytes, "t.apkg").unwrap();
        assert_eq!(back.deck.card.len(), deck.cards.len());
        assert_eq!(back.deck.deck.title, deck.title);
        let clozes = deck
            .cards
            .iter()
            .filter(|c| c.content.kind_name() == "cloze")
            .count();
        assert_eq!(
            back.deck.card.iter().filter(|c| c.cloze.is_some()).count(),
            clozes
        );
    }

    /// The collection of a package written by [`export`], open for writing in memory.
    fn collection(package: &[u8]) -> Connection {
        let mut zip = zip::ZipArchive::new(Cursor::new(package)).unwrap();
        let mut database = Vec::new();
        zip.by_name("collection.anki2")
            .unwrap()
            .read_to_end(&mut database)
            .unwrap();
        let mut db = Connection::open_in_memory().unwrap();
        let size = database.len();
        db.deserialize_read_exact("main", database.as_slice(), size, false)
            .unwrap();
        db
    }

    /// The (id, guid) of every note and the (id, note) of every card of a package.
    type Ids = (Vec<(i64, String)>, Vec<(i64, i64)>);

    fn ids(package: &[u8]) -> Ids {
        let db = collection(package);
        let notes = db
            .prepare("SELECT id, guid FROM notes ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let cards = db
            .prepare("SELECT id, nid FROM cards ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        (notes, cards)
    }

    #[test]
    fn ids_are_the_same_on_every_export_and_differ_between_decks() {
        let deck = crate::deck::bundled().deck.unwrap();
        let cards: Vec<&Card> = deck.cards.iter().collect();
        let first = ids(&export(&deck, &cards).unwrap().bytes);
        assert_eq!(first.0.len(), deck.cards.len());
        assert_eq!(ids(&export(&deck, &cards).unwrap().bytes), first);
        let other = Deck {
            id: "another".into(),
            ..deck.clone()
        };
        let second = ids(&export(&other, &cards).unwrap().bytes);
        assert!(second.0.iter().all(|n| !first.0.contains(n)));
    }

    #[test]
    fn bad_packages_are_refused() {
        let err = import(b"not a zip at all", "x.apkg").unwrap_err();
        assert!(
            err[0].starts_with("x.apkg: not an Anki package: not a zip file"),
            "{err:?}"
        );
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("collection.anki2", options).unwrap();
        zip.write_all(&vec![0u8; 4 * 1024 * 1024]).unwrap();
        let bomb = zip.finish().unwrap().into_inner();
        let err = import_capped(&bomb, "x.apkg", 1024 * 1024).unwrap_err();
        assert_eq!(
            err,
            ["x.apkg: collection.anki2 unpacks to more than 1 MiB; refused (a zip bomb?)"]
        );
        // The same as a zstd stream that does not say its size: capped as it is unpacked.
        let stream = zstd::stream::encode_all(vec![0u8; 4 * 1024 * 1024].as_slice(), 3).unwrap();
        assert_eq!(
            zstd::zstd_safe::get_frame_content_size(&stream)
                .ok()
                .flatten(),
            None
        );
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        zip.start_file("collection.anki21b", options).unwrap();
        zip.write_all(&stream).unwrap();
        let packed = zip.finish().unwrap().into_inner();
        let err = import_capped(&packed, "x.apkg", 1024 * 1024).unwrap_err();
        assert_eq!(
            err,
            ["x.apkg: collection.anki21b unpacks to more than 1 MiB; refused (a zip bomb?)"]
        );
        let err = import(&bomb, "x.apkg").unwrap_err();
        assert!(err[0].contains("not an Anki collection"), "{err:?}");
    }

    /// A package of the bundled deck whose collection `change` (SQL) has altered.
    fn altered(change: &str) -> Vec<u8> {
        let deck = crate::deck::bundled().deck.unwrap();
        let cards: Vec<&Card> = deck.cards.iter().take(3).collect();
        let db = collection(&export(&deck, &cards).unwrap().bytes);
        db.execute_batch(change).unwrap();
        let database = { db }.serialize("main").unwrap().to_vec();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        out.start_file("collection.anki2", zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&database).unwrap();
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn unknown_note_types_and_control_characters_are_named_by_note() {
        let first: i64 = {
            let deck = crate::deck::bundled().deck.unwrap();
            id_of(&["recall note", &deck.id, &deck.cards[0].id])
        };
        let err = import(
            &altered(&format!("UPDATE notes SET mid = 42 WHERE id = {first}")),
            "x.apkg",
        )
        .unwrap_err();
        assert_eq!(
            err,
            [format!(
                "x.apkg: note {first}: its note type (42) is not in the package"
            )]
        );
        let err = import(
            &altered(&format!("UPDATE notes SET flds = 'a' || char(27) || '[2J' || char(31) || 'b' WHERE id = {first}")),
            "x.apkg",
        )
        .unwrap_err();
        assert_eq!(
            err,
            [format!(
                "x.apkg: note {first}: field 1 holds a control character (\\u{{1b}})"
            )]
        );
    }

    #[test]
    fn a_deck_is_named_by_the_last_part_of_its_name() {
        assert_eq!(last_part("Languages::French basics"), "French basics");
        assert_eq!(last_part("Languages\u{1f}Biology: cells"), "Biology: cells");
        assert_eq!(last_part("Top"), "Top");
    }

    #[test]
    fn a_protobuf_field_is_found_among_others() {
        // Field 2 (a string "ab"), then field 1 = 1.
        assert_eq!(protobuf_varint(&[0x12, 2, b'a', b'b', 0x08, 1], 1), Some(1));
        assert_eq!(protobuf_varint(&[0x12, 2, b'a', b'b'], 1), None);
        assert_eq!(protobuf_varint(&[0x12, 200], 1), None);
    }
}

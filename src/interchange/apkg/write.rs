//! Writing a package: a schema-11 collection with the stock note types, ids drawn from
//! the deck and card ids, zipped with the cards' pictures and their media list.

use std::io::{Cursor, Write};
use std::path::Path;

use rusqlite::{Connection, params};

use super::media::{Media, add_pictures, media_map};
use crate::deck::{Card, Deck};
use crate::interchange::export::{
    AnkiNoteOut, AnkiType, Exported, anki_notes, anki_tags, stable_hash,
};
use crate::interchange::html;
use crate::text::escape_controls;

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
pub(super) fn id_of(parts: &[&str]) -> i64 {
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

/// Writes `cards` of `deck`, read from the file `deck_path`, as an Anki package (see the
/// module documentation), with their pictures; `now` (seconds since 1970) is the
/// modification time of its notes and settings.
///
/// # Errors
/// A failure of SQLite or of the zip writer, or a picture that cannot be read.
pub fn export(
    deck: &Deck,
    cards: &[&Card],
    now: i64,
    deck_path: &Path,
) -> Result<Exported, String> {
    let (mut notes, lost) = anki_notes(cards);
    let folder = crate::deck::picture::folder_of(deck_path);
    let mut media = Media::new();
    for (card, note) in cards.iter().zip(&mut notes) {
        add_pictures(card, note, &folder, &mut media)?;
    }
    let sql = |e: rusqlite::Error| format!("cannot build the collection: {e}");
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
        for (i, (_, bytes)) in media.iter().enumerate() {
            zip.start_file(i.to_string(), options)?;
            zip.write_all(bytes)?;
        }
        zip.start_file("media", options)?;
        zip.write_all(media_map(&media).as_bytes())?;
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

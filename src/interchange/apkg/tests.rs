//! Tests of reading and writing Anki packages.

use std::io::{Cursor, Read, Write};
use std::path::Path;

use rusqlite::Connection;

use super::protobuf::varint as protobuf_varint;
use super::read::last_part;
use super::write::id_of;
use super::*;
use crate::deck::{Card, Deck};

/// The time the tests export at, seconds since 1970 (2026-03-10).
const NOW: i64 = 1_773_100_800;

#[test]
fn a_package_written_is_read_back_with_its_kinds() {
    let parsed = crate::deck::bundled();
    let deck = parsed.deck.unwrap();
    let cards: Vec<&Card> = deck.cards.iter().collect();
    let made = export(&deck, &cards, NOW, Path::new("d.toml")).unwrap();
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
    let first = ids(&export(&deck, &cards, NOW, Path::new("d.toml"))
        .unwrap()
        .bytes);
    assert_eq!(first.0.len(), deck.cards.len());
    assert_eq!(
        ids(&export(&deck, &cards, NOW, Path::new("d.toml"))
            .unwrap()
            .bytes),
        first
    );
    let other = Deck {
        id: "another".into(),
        ..deck.clone()
    };
    let second = ids(&export(&other, &cards, NOW, Path::new("d.toml"))
        .unwrap()
        .bytes);
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
    let db = collection(
        &export(&deck, &cards, NOW, Path::new("d.toml"))
            .unwrap()
            .bytes,
    );
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
        &altered(&format!(
            "UPDATE notes SET flds = 'a' || char(27) || '[2J' || char(31) || 'b' WHERE id = {first}"
        )),
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

#[test]
fn a_package_carries_the_pictures_of_its_cards() {
    let dir = tempfile::tempdir().unwrap();
    let png = crate::deck::test_support::png(3, 2);
    std::fs::create_dir_all(dir.path().join("maps")).unwrap();
    std::fs::write(dir.path().join("maps/exile.png"), &png).unwrap();
    let deck = crate::deck::test_support::deck(&crate::deck::test_support::deck_text(
        "[[card]]\nid = \"a\"\nfront = \"Where?\"\nback = \"Alma-Ata\"\n\
         image = \"maps/exile.png\"\nimage_alt = \"A \\\"map\\\"\"\n",
    ));
    let cards: Vec<&Card> = deck.cards.iter().collect();
    let made = export(&deck, &cards, NOW, &dir.path().join("d.toml")).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(&made.bytes)).unwrap();
    let mut read = |name: &str| {
        let mut bytes = Vec::new();
        zip.by_name(name).unwrap().read_to_end(&mut bytes).unwrap();
        bytes
    };
    assert_eq!(read("media"), br#"{"0":"maps_exile.png"}"#);
    assert_eq!(read("0"), png);
    let db = collection(&made.bytes);
    let fields: String = db
        .query_row("SELECT flds FROM notes", [], |r| r.get(0))
        .unwrap();
    assert!(
        fields
            .starts_with("Where?<br><img src=\"maps_exile.png\" alt=\"A &quot;map&quot;\">\u{1f}"),
        "{fields}"
    );
    let missing = export(&deck, &cards, NOW, Path::new("elsewhere/d.toml")).unwrap_err();
    assert!(missing.contains("card \"a\": picture no file"), "{missing}");
    // Read back: the picture with its alt text, its bytes, the <img> gone from the text.
    let back = import(&made.bytes, "d.apkg").unwrap();
    assert_eq!(back.pictures, [("maps_exile.png".to_owned(), png)]);
    let card = &back.deck.card[0];
    assert_eq!(card.front.as_deref(), Some("Where?"));
    assert_eq!(card.image.as_deref(), Some("maps_exile.png"));
    assert_eq!(card.image_alt.as_deref(), Some("A \"map\""));
    assert_eq!(card.back_image, None);
}

#[test]
fn the_first_img_of_a_field_is_its_picture() {
    use super::media_read::{alt_of_name, first_img};
    let (first, count) = first_img("a<IMG alt='A &amp; B' SRC=\"x y.png\"/> <img src=z.jpg>");
    let first = first.unwrap();
    assert_eq!(
        (first.name.as_str(), first.alt.as_str(), count),
        ("x y.png", "A & B", 2)
    );
    let (first, count) = first_img("<img src=\"paris_eiffel-tower.jpg\" alt=\" \">");
    assert_eq!(first.unwrap().alt, "paris eiffel tower");
    assert_eq!(count, 1);
    assert_eq!(first_img("<imgx src=a.png> <img alt=b>"), (None, 1));
    assert_eq!(first_img("no picture <img"), (None, 0));
    assert_eq!(alt_of_name("../a/.png"), "picture");
    assert_eq!(alt_of_name("dir/one\u{1b}two.gif"), "one two");
}

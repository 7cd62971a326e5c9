//! `recall import` of an Anki package with pictures: the files placed beside the new deck
//! under safe names, the deck pointing at them and passing `recall check`.

use std::io::{Read, Write};
use std::path::Path;

use crate::pictures::{deck_with_pictures, png};
use crate::support::{recall, stdout};

/// The package at `from` written again to `to`, each entry's bytes passed through
/// `change` with its name.
fn rewritten(from: &Path, to: &Path, change: impl Fn(&str, Vec<u8>) -> Vec<u8>) {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(from).unwrap()).unwrap();
    let mut out = zip::ZipWriter::new(std::fs::File::create(to).unwrap());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        out.start_file(name.as_str(), zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&change(&name, bytes)).unwrap();
    }
    out.finish().unwrap();
}

/// The package at `from` written again to `to` with its notes' fields and media map
/// changed by `renames` (a name as exported, the name the package gives it instead).
fn renamed(from: &Path, to: &Path, renames: &[(&str, &str)]) {
    let dir = tempfile::tempdir().unwrap();
    rewritten(from, to, |name, bytes| match name {
        "media" => {
            let mut text = String::from_utf8(bytes).unwrap();
            for (old, new) in renames {
                text = text.replace(&format!("\"{old}\""), &serde_json::to_string(new).unwrap());
            }
            text.into_bytes()
        }
        "collection.anki2" => {
            let path = dir.path().join("c.anki2");
            std::fs::write(&path, &bytes).unwrap();
            let db = rusqlite::Connection::open(&path).unwrap();
            for (old, new) in renames {
                db.execute("UPDATE notes SET flds = replace(flds, ?1, ?2)", [old, new])
                    .unwrap();
            }
            drop(db);
            std::fs::read(&path).unwrap()
        }
        _ => bytes,
    });
}

#[test]
fn an_apkg_brings_its_pictures_into_a_folder_beside_the_deck() {
    let dir = tempfile::tempdir().unwrap();
    deck_with_pictures(dir.path());
    recall(dir.path())
        .args(["export", "deck.toml", "--format", "anki", "-o", "d.apkg"])
        .assert()
        .success();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    renamed(
        &dir.path().join("d.apkg"),
        &dir.path().join("in/hostile.apkg"),
        &[
            ("maps_route.png", "../evil.png"),
            ("maps_town.png", "/etc/x.png"),
        ],
    );
    let out = recall(dir.path())
        .args(["import", "in/hostile.apkg"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}{}", stdout(&out));
    // The back's field also holds the explanation's picture: only the first is kept.
    assert!(
        err.contains("field 2 shows 2 pictures; only the first was brought in"),
        "{err}"
    );
    let media = dir.path().join("in/hostile-media");
    let mut names: Vec<String> = std::fs::read_dir(&media)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["evil.png", "x.png"]);
    assert_eq!(std::fs::read(media.join("evil.png")).unwrap(), png(4, 3));
    assert!(!dir.path().join("evil.png").exists());
    let text = std::fs::read_to_string(dir.path().join("in/hostile.toml")).unwrap();
    assert!(
        text.contains(
            "image = \"hostile-media/evil.png\"\nimage_alt = \"A line from Moscow east\""
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "back_image = \"hostile-media/x.png\"\nback_image_alt = \"A town by mountains\""
        ),
        "{text}"
    );
    recall(dir.path())
        .args(["check", "in/hostile.toml"])
        .assert()
        .success();
    // Again, over the deck: the same files are used again, none added.
    recall(dir.path())
        .args(["import", "in/hostile.apkg", "--force"])
        .assert()
        .success();
    assert_eq!(std::fs::read_dir(&media).unwrap().count(), 2);
    // A file of the package that is not a picture is left out, with a warning.
    rewritten(
        &dir.path().join("d.apkg"),
        &dir.path().join("bad.apkg"),
        |name, bytes| {
            if name == "0" {
                b"<svg/>".to_vec()
            } else {
                bytes
            }
        },
    );
    let out = recall(dir.path())
        .args(["import", "bad.apkg"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains("picture \"maps_route.png\" is not a PNG, JPEG, GIF or WebP picture; left out of its cards"),
        "{err}"
    );
    let text = std::fs::read_to_string(dir.path().join("bad.toml")).unwrap();
    assert!(!text.contains("\nimage = "), "{text}");
    assert!(
        text.contains("back_image = \"bad-media/maps_town.png\""),
        "{text}"
    );
}

use std::path::Path;

use super::*;
use crate::deck::check::check;
use crate::deck::test_support::{deck_text, png};
use crate::deck::{Severity, parse};

/// The bytes of a PNG whose header says `width` × `height`, with one tiny data chunk: a
/// decompression bomb's shape, refused before any pixel is decoded.
fn png_header_only(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    for (kind, data) in [
        (&b"IHDR"[..], &ihdr[..]),
        (b"IDAT", &[0x78, 0x9c, 0x03, 0x00][..]),
        (b"IEND", &[][..]),
    ] {
        out.extend_from_slice(&u32::try_from(data.len()).unwrap().to_be_bytes());
        let mut chunk = kind.to_vec();
        chunk.extend_from_slice(data);
        out.extend_from_slice(&chunk);
        out.extend_from_slice(&crc32(&chunk).to_be_bytes());
    }
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// Checks a deck of one card whose extra lines are `keys`, in a folder holding `files`;
/// returns each error as "line:column: message".
/// Files to put beside a deck: (name, bytes).
type Files<'a> = &'a [(&'a str, &'a [u8])];

fn errors_with(keys: &str, files: Files<'_>) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    errors_in(dir.path(), keys)
}

fn errors_in(dir: &Path, keys: &str) -> Vec<String> {
    let text = deck_text(&format!(
        "[[card]]\nid = \"c\"\nfront = \"Where?\"\nback = \"Alma-Ata\"\n{keys}"
    ));
    let deck = dir.join("deck.toml");
    std::fs::write(&deck, text).unwrap();
    check(&[deck], None)
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
        .collect()
}

#[test]
fn a_deck_with_pictures_on_every_side_passes_and_keeps_them() {
    let keys = "image = \"maps/exile.png\"\nimage_alt = \"A map\"\n\
                back_image = \"b.png\"\nback_image_alt = \"A town\"\n\
                explain_image = \"./e.png\"\nexplain_image_alt = \"A train\"\n";
    let png = png(3, 2);
    let files: Files<'_> = &[("maps/exile.png", &png), ("b.png", &png), ("e.png", &png)];
    assert_eq!(errors_with(keys, files), Vec::<String>::new());
    let deck = crate::deck::test_support::deck(&deck_text(&format!(
        "[[card]]\nid = \"c\"\nfront = \"Where?\"\nback = \"Alma-Ata\"\n{keys}"
    )));
    let pictures = &deck.cards[0].pictures;
    assert_eq!(
        pictures.front,
        Some(Picture {
            file: "maps/exile.png".into(),
            alt: "A map".into()
        })
    );
    assert_eq!(pictures.iter().count(), 3);
    let image = open(&std::env::temp_dir(), "x").unwrap_err();
    assert!(image.contains("no file"), "{image}");
}

#[test]
fn every_bad_picture_is_an_error_at_its_key() {
    let png = png(2, 2);
    let big = vec![0u8; usize::try_from(MAX_PICTURE_BYTES).unwrap() + 1];
    let cases: [(&str, Files<'_>, &str); 9] = [
        (
            "image = \"gone.png\"\nimage_alt = \"A\"\n",
            &[],
            "7:1: `image`: no file \"gone.png\" beside the deck file",
        ),
        (
            "image = \"../up.png\"\nimage_alt = \"A\"\n",
            &[],
            "7:1: `image` may not leave the deck file's folder (`..`)",
        ),
        (
            "image = \"/etc/x.png\"\nimage_alt = \"A\"\n",
            &[],
            "7:1: `image` must be a path relative to the deck file's folder, not an absolute one",
        ),
        (
            "back_image = \"a\\\\b.png\"\nback_image_alt = \"A\"\n",
            &[],
            "7:1: `back_image` must separate folders with `/`",
        ),
        (
            "image = \"x.png\"\nimage_alt = \"A\"\n",
            &[("x.png", b"not a picture at all")],
            "7:1: `image`: is not a PNG, JPEG, GIF or WebP picture",
        ),
        (
            "image = \"x.png\"\nimage_alt = \"A\"\n",
            &[("x.png", &png[..png.len() / 2])],
            "7:1: `image`: cannot be decoded",
        ),
        (
            "image = \"x.png\"\nimage_alt = \"A\"\n",
            &[("x.png", &big)],
            "7:1: `image`: \"x.png\" has 8388609 bytes; a picture may have at most 8 MiB",
        ),
        (
            "explain_image = \"x.png\"\n",
            &[("x.png", &png)],
            "7:1: `explain_image` needs `explain_image_alt`",
        ),
        (
            "image_alt = \"A\"\n",
            &[],
            "7:1: `image_alt` describes a picture, but the card has no `image`",
        ),
    ];
    for (keys, files, expected) in cases {
        let errors = errors_with(keys, files);
        assert!(
            errors.len() == 1 && errors[0].starts_with(expected),
            "{keys}: {errors:?}"
        );
    }
    let empty = errors_with("image = \"x.png\"\nimage_alt = \" \"\n", &[("x.png", &png)]);
    assert_eq!(empty, ["8:13: `image_alt` is empty"]);
}

#[test]
fn a_picture_with_too_many_pixels_is_refused_from_its_header() {
    let bomb = png_header_only(50_000, 50_000);
    let errors = errors_with(
        "image = \"bomb.png\"\nimage_alt = \"A\"\n",
        &[("bomb.png", &bomb)],
    );
    assert_eq!(
        errors,
        [
            "7:1: `image`: is 50000×50000 pixels; a picture may have at most 16777216 pixels (4096×4096), and at least one"
        ]
    );
    // Just over the limit is refused; the same shape at the limit reads on (and then
    // fails on its one-byte data, which is not a picture's pixels).
    assert!(
        decode(&png_header_only(4097, 4096))
            .unwrap_err()
            .contains("4097×4096")
    );
    assert!(
        decode(&png_header_only(4096, 4096))
            .unwrap_err()
            .contains("cannot be decoded")
    );
    assert_eq!(decode(&png(5, 4)).unwrap().width(), 5);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_the_folder_is_refused_and_one_inside_is_not() {
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.png"), png(1, 1)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(
        outside.path().join("secret.png"),
        dir.path().join("out.png"),
    )
    .unwrap();
    std::fs::write(dir.path().join("real.png"), png(1, 1)).unwrap();
    std::os::unix::fs::symlink(dir.path().join("real.png"), dir.path().join("in.png")).unwrap();
    let errors = errors_in(dir.path(), "image = \"out.png\"\nimage_alt = \"A\"\n");
    assert_eq!(
        errors,
        [
            "7:1: `image`: \"out.png\" leads outside the deck file's folder (through a symbolic link)"
        ]
    );
    assert!(errors_in(dir.path(), "image = \"in.png\"\nimage_alt = \"A\"\n").is_empty());
}

#[test]
fn reading_a_deck_to_study_never_opens_its_pictures() {
    let text = deck_text(
        "[[card]]\nid = \"c\"\nfront = \"Q\"\nback = \"A\"\nimage = \"nowhere.png\"\nimage_alt = \"A\"\n",
    );
    let parsed = parse(&text, "d.toml", "d", crate::deck::Options::default());
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    assert_eq!(parsed.deck.unwrap().cards[0].pictures.iter().count(), 1);
}

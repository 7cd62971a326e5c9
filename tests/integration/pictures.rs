//! Pictures on cards: `recall check` on a deck with pictures and with bad ones, and the
//! alt text where plain mode would show the picture.

use std::io::Cursor;
use std::path::Path;

use crate::support::{recall, stdout, write};

/// A small PNG, made here.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = Cursor::new(Vec::new());
    image::RgbImage::from_pixel(width, height, image::Rgb([20, 90, 160]))
        .write_to(&mut bytes, image::ImageFormat::Png)
        .unwrap();
    bytes.into_inner()
}

/// A deck with a picture on the front, the back and the explanation of its one card,
/// and the picture files beside it.
pub fn deck_with_pictures(dir: &Path) {
    write(
        dir,
        "deck.toml",
        "[deck]\ntitle = \"Maps\"\n\n[[card]]\nid = \"exile\"\n\
         front = \"Where was Trotsky sent in 1928?\"\nback = \"Alma-Ata\"\n\
         image = \"maps/route.png\"\nimage_alt = \"A line from Moscow \u{202e}east\"\n\
         back_image = \"maps/town.png\"\nback_image_alt = \"A town by mountains\"\n\
         explain = \"Far from Moscow.\"\n\
         explain_image = \"train.png\"\nexplain_image_alt = \"A train\"\n",
    );
    for name in ["maps/route.png", "maps/town.png", "train.png"] {
        write(dir, name, png(4, 3));
    }
}

#[test]
fn check_passes_a_deck_with_pictures_and_points_at_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    deck_with_pictures(dir.path());
    let out = recall(dir.path())
        .args(["check", "deck.toml"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stdout(&out));
    write(dir.path(), "maps/town.png", b"GIF89a broken");
    std::fs::remove_file(dir.path().join("train.png")).unwrap();
    let out = recall(dir.path())
        .args(["check", "deck.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(
        text.contains("deck.toml:10:1: error: `back_image`: cannot be decoded"),
        "{text}"
    );
    assert!(
        text.contains(
            "deck.toml:13:1: error: `explain_image`: no file \"train.png\" beside the deck file"
        ),
        "{text}"
    );
}

#[test]
fn plain_study_prints_each_picture_as_its_alt_text_where_it_belongs() {
    let dir = tempfile::tempdir().unwrap();
    deck_with_pictures(dir.path());
    let out = recall(dir.path())
        .env("RECALL_NOW", "2026-03-10T10:00:00Z")
        .env("RECALL_DATA_DIR", dir.path().join("data"))
        .env("RECALL_CONFIG", dir.path().join("config.toml"))
        .args(["study", "--plain", "deck.toml"])
        .write_stdin("\n3\n")
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("Q: Where was Trotsky sent in 1928?\n[image: A line from Moscow east]\n"),
        "{text}"
    );
    assert!(
        text.contains("A: Alma-Ata\n[image: A town by mountains]\n"),
        "{text}"
    );
    assert!(
        text.contains("Why: Far from Moscow.\n[image: A train]\n"),
        "{text}"
    );
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text}"
    );
}

#[test]
fn a_printed_quiz_embeds_the_picture_in_html_and_links_it_in_markdown() {
    let dir = tempfile::tempdir().unwrap();
    deck_with_pictures(dir.path());
    let print = |format: &str| print_quiz(dir.path(), &["--format", format]);
    let page = print("html");
    let route = base64_of(&png(4, 3));
    assert!(
        page.contains(&format!(
            "<img src=\"data:image/png;base64,{route}\" alt=\"A line from Moscow east\""
        )),
        "{page}"
    );
    let markdown = print("markdown");
    assert!(
        markdown.contains("![A line from Moscow east](<maps/route.png>)")
            || markdown.contains("![A line from Moscow east](<./maps/route.png>)"),
        "{markdown}"
    );
}

/// `recall quiz --print ARGS deck.toml` in `dir`: its output, once it succeeded.
fn print_quiz(dir: &Path, args: &[&str]) -> String {
    let out = recall(dir)
        .args(["quiz", "--print"])
        .args(args)
        .arg("deck.toml")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stdout(&out));
    stdout(&out)
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn gift_leaves_the_pictures_out_and_qti_carries_the_question_s() {
    let dir = tempfile::tempdir().unwrap();
    deck_with_pictures(dir.path());
    let export = |format: &str| {
        let out = recall(dir.path())
            .args(["export", "deck.toml", "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stdout(&out));
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let notes = export("gift");
    assert!(
        notes.contains("note: 1 card: pictures left out (GIFT and Aiken carry no media)"),
        "{notes}"
    );
    let notes = export("qti");
    assert!(
        notes.contains(
            "note: 1 card: answer and explanation pictures left out (QTI carries the question's)"
        ),
        "{notes}"
    );
    let package = std::fs::read(dir.path().join("deck.zip")).unwrap();
    let mut zip = zip::ZipArchive::new(Cursor::new(package)).unwrap();
    // The manifest, the assessment and the question's picture: nothing of the answer's.
    assert_eq!(zip.len(), 3);
    let mut read = |name: &str| {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut zip.by_name(name).unwrap(), &mut bytes).unwrap();
        bytes
    };
    assert_eq!(read("media/maps_route.png"), png(4, 3));
    let manifest = String::from_utf8(read("imsmanifest.xml")).unwrap();
    assert!(
        manifest.contains("<file href=\"media/maps_route.png\"/>"),
        "{manifest}"
    );
    let assessment = String::from_utf8(read("assessment.xml")).unwrap();
    assert!(
        assessment.contains("<matimage imagtype=\"image/png\" uri=\"media/maps_route.png\""),
        "{assessment}"
    );
    assert!(!assessment.contains("town.png") && !assessment.contains("train.png"));
}

#[test]
fn plain_quiz_and_cram_show_the_answer_and_explanation_pictures_in_their_feedback() {
    let dir = tempfile::tempdir().unwrap();
    deck_with_pictures(dir.path());
    for args in [
        &["quiz", "--feedback", "immediate", "--types", "typed"][..],
        &["cram"][..],
    ] {
        let all = [args, &["--plain", "deck.toml"][..]].concat();
        let out = crate::support::run_at(dir.path(), "2026-03-10T10:00:00Z", &all, "Alma-Ata\n");
        let text = stdout(&out);
        assert!(out.status.success(), "{args:?}: {text}");
        assert!(
            text.contains(
                "Correct.\nA: Alma-Ata\n[image: A town by mountains]\n\
                 Why: Far from Moscow.\n[image: A train]\n"
            ),
            "{args:?}: {text}"
        );
        assert!(!text.contains('\u{1b}'), "{args:?}: {text}");
    }
}

#[test]
fn a_printed_answer_key_shows_the_answer_and_explanation_pictures() {
    let dir = tempfile::tempdir().unwrap();
    deck_with_pictures(dir.path());
    let print = |format: &str| print_quiz(dir.path(), &["--answers", "--format", format]);
    let markdown = print("markdown");
    let key = &markdown[markdown.find("## Answer key").expect("a key")..];
    assert!(
        key.contains("1. Alma-Ata\n   - ![A town by mountains](<./maps/town.png>)\n   - Why: Far from Moscow.\n   - ![A train](<./train.png>)\n"),
        "{key}"
    );
    let page = print("html");
    let key = &page[page.find("Answer key").expect("a key")..];
    let town = format!(
        "<img src=\"data:image/png;base64,{}\" alt=\"A town by mountains\"",
        base64_of(&png(4, 3))
    );
    assert!(key.contains(&town), "{key}");
    assert!(key.contains("alt=\"A train\""), "{key}");
}

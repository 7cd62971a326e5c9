use std::path::Path;
use std::time::Instant;

use super::{ANSWER, ESC, FLIP, NOW, Pty, TIMEOUT};

/// The query a kitty-protocol terminal is sent (the base line, then a file one), and the
/// start of a picture sent through escape codes.
const BASE_QUERY: &[u8] = b"a=q,t=d";
const FILE_QUERY: &[u8] = b"a=q,t=t";
const DRAWN: &[u8] = b"\x1b_Gf=32,a=T";

impl Pty {
    /// Asserts that no picture and no kitty-protocol query was written (`ESC _G`), naming
    /// `what` was run.
    fn assert_no_graphics(&self, what: &str) {
        assert!(
            !self.raw.windows(3).any(|w| w == b"\x1b_G"),
            "{what}: {:?}",
            String::from_utf8_lossy(&self.raw)
        );
    }

    /// Waits for `needle` anywhere in the raw output, escapes and all.
    fn expect_raw(&mut self, needle: &[u8]) {
        let until = Instant::now() + TIMEOUT;
        while !self.raw.windows(needle.len()).any(|w| w == needle) {
            assert!(
                self.pump(until),
                "no {:?} in {:?}",
                String::from_utf8_lossy(needle),
                String::from_utf8_lossy(&self.raw)
            );
        }
    }
}

/// `recall study ARGS deck.toml` in a pty whose environment says kitty, with colour allowed.
fn kitty(dir: &Path, args: &[&str]) -> Pty {
    let all = [&["study"][..], args, &["deck.toml"]].concat();
    Pty::spawn_with(
        dir,
        NOW,
        &all,
        &[
            ("TERM", Path::new("xterm-kitty")),
            ("NO_COLOR", Path::new("")),
        ],
    )
}

#[test]
fn a_terminal_that_answers_for_kitty_graphics_is_sent_the_picture() {
    let dir = tempfile::tempdir().unwrap();
    crate::pictures::deck_with_pictures(dir.path());
    let mut pty = kitty(dir.path(), &[]);
    // Answer the queries as kitty does over a remote link: the protocol yes, files no.
    pty.expect_raw(BASE_QUERY);
    pty.send("\x1b_Gi=31;OK\x1b\\\x1b[?62;22c");
    pty.expect_raw(FILE_QUERY);
    pty.send("\x1b_Gi=31;ENOENT:no such file\x1b\\");
    let seen = pty.expect(FLIP);
    pty.expect_raw(DRAWN);
    assert!(seen.contains("Where was Trotsky sent in 1928?"), "{seen}");
    assert!(!seen.contains("[image:"), "{seen}");
    pty.send(ESC);
    pty.expect("Studied 0 cards");
}

#[test]
fn with_drawing_off_a_kitty_terminal_gets_text_only() {
    // Off by the flag, by the config file, by NO_COLOR.
    for (args, config, no_color) in [
        (&["--no-images"][..], "", ""),
        (&[][..], "images = false\n", ""),
        (&[][..], "", "1"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        crate::pictures::deck_with_pictures(dir.path());
        crate::support::write(dir.path(), "config.toml", config);
        let all = [&["study"][..], args, &["deck.toml"]].concat();
        let env = [
            ("TERM", Path::new("xterm-kitty")),
            ("NO_COLOR", Path::new(no_color)),
        ];
        let mut pty = Pty::spawn_with(dir.path(), NOW, &all, &env);
        let seen = pty.expect(FLIP);
        assert!(seen.contains("[image: A line from Moscow east]"), "{seen}");
        pty.send(ESC);
        pty.expect("Studied 0 cards");
        pty.assert_no_graphics(&format!("{args:?} {config}"));
    }
}

#[test]
fn quiz_and_cram_draw_the_answer_pictures_in_a_kitty_terminal_and_not_with_no_images() {
    for args in [
        &["quiz", "--feedback", "immediate", "--types", "typed"][..],
        &["cram"][..],
    ] {
        let dir = tempfile::tempdir().unwrap();
        crate::pictures::deck_with_pictures(dir.path());
        let env = [
            ("TERM", Path::new("xterm-kitty")),
            ("NO_COLOR", Path::new("")),
        ];
        let all = [args, &["deck.toml"][..]].concat();
        let mut pty = Pty::spawn_with(dir.path(), NOW, &all, &env);
        pty.expect_raw(BASE_QUERY);
        pty.send("\x1b_Gi=31;OK\x1b\\\x1b[?62;22c");
        pty.expect_raw(FILE_QUERY);
        pty.send("\x1b_Gi=31;ENOENT:no such file\x1b\\");
        pty.expect(ANSWER);
        pty.send("Alma-Ata\r");
        let seen = pty.expect("Far from Moscow.");
        assert!(!seen.contains("[image:"), "{args:?}: {seen}");
        // The question's picture, the answer's and the explanation's.
        let until = Instant::now() + TIMEOUT;
        while pty.raw.windows(DRAWN.len()).filter(|w| *w == DRAWN).count() < 3 {
            assert!(
                pty.pump(until),
                "{args:?}: {:?}",
                String::from_utf8_lossy(&pty.raw)
            );
        }

        let all = [args, &["--no-images", "deck.toml"][..]].concat();
        let mut pty = Pty::spawn_with(dir.path(), NOW, &all, &env);
        let seen = pty.expect(ANSWER);
        assert!(seen.contains("[image: A line from Moscow east]"), "{seen}");
        pty.send("Alma-Ata\r");
        pty.expect("[image: A train]");
        pty.assert_no_graphics(&format!("{args:?}"));
    }
}

#[test]
fn a_deck_without_pictures_never_has_the_terminal_queried() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::write(
        dir.path(),
        "deck.toml",
        "[deck]\ntitle = \"Words\"\n\n[[card]]\nid = \"a\"\nfront = \"Where?\"\nback = \"Here\"\n",
    );
    let mut pty = kitty(dir.path(), &[]);
    pty.expect(FLIP);
    pty.send(ESC);
    pty.expect("Studied 0 cards");
    pty.assert_no_graphics("no pictures");
}

/// The device attributes query a sixel terminal is asked, and the start of a sixel picture.
const ATTRIBUTES_QUERY: &[u8] = b"\x1b[c";
const SIXEL: &[u8] = b"\x1bP";

/// `recall study ARGS deck.toml` in a pty whose environment says foot, a sixel terminal.
fn foot(dir: &Path, args: &[&str]) -> Pty {
    let all = [&["study"][..], args, &["deck.toml"]].concat();
    let env = [("TERM", Path::new("foot")), ("NO_COLOR", Path::new(""))];
    Pty::spawn_with(dir, NOW, &all, &env)
}

#[test]
fn a_sixel_terminal_that_says_so_is_sent_sixel_and_one_that_does_not_the_alt_text() {
    let dir = tempfile::tempdir().unwrap();
    crate::pictures::deck_with_pictures(dir.path());
    let mut pty = foot(dir.path(), &[]);
    pty.expect_raw(ATTRIBUTES_QUERY);
    pty.send("\x1b[?62;4;22c");
    let seen = pty.expect(FLIP);
    pty.expect_raw(SIXEL);
    let at = pty.raw.windows(2).position(|w| w == SIXEL).unwrap();
    let head = &pty.raw[at..(at + 16).min(pty.raw.len())];
    assert!(head.contains(&b'q'), "{:?}", String::from_utf8_lossy(head));
    assert!(!seen.contains("[image:"), "{seen}");
    pty.send(ESC);
    pty.expect("Studied 0 cards");

    // No sixel in the reply: words, after a short wait.
    let mut pty = foot(dir.path(), &[]);
    pty.expect_raw(ATTRIBUTES_QUERY);
    pty.send("\x1b[?62;22c");
    let seen = pty.expect(FLIP);
    assert!(seen.contains("[image: A line from Moscow east]"), "{seen}");
    assert!(!pty.raw.windows(2).any(|w| w == SIXEL));
    pty.send(ESC);
    pty.expect("Studied 0 cards");

    // No reply at all.
    let started = Instant::now();
    let mut pty = foot(dir.path(), &[]);
    let seen = pty.expect(FLIP);
    assert!(seen.contains("[image: A line from Moscow east]"), "{seen}");
    assert!(started.elapsed() < TIMEOUT / 2, "{:?}", started.elapsed());
    pty.send(ESC);
    pty.expect("Studied 0 cards");
}

#[test]
fn with_no_images_a_sixel_terminal_is_neither_asked_nor_sent_a_picture() {
    let dir = tempfile::tempdir().unwrap();
    crate::pictures::deck_with_pictures(dir.path());
    let mut pty = foot(dir.path(), &["--no-images"]);
    let seen = pty.expect(FLIP);
    assert!(seen.contains("[image: A line from Moscow east]"), "{seen}");
    pty.send(ESC);
    pty.expect("Studied 0 cards");
    assert!(
        !pty.raw.windows(3).any(|w| w == ATTRIBUTES_QUERY)
            && !pty.raw.windows(2).any(|w| w == SIXEL),
        "{:?}",
        String::from_utf8_lossy(&pty.raw)
    );
}

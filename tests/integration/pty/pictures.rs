use std::path::Path;
use std::time::Instant;

use super::{ESC, FLIP, NOW, Pty, TIMEOUT};

/// The query a kitty-protocol terminal is sent (the base line, then a file one), and the
/// start of a picture sent through escape codes.
const BASE_QUERY: &[u8] = b"a=q,t=d";
const FILE_QUERY: &[u8] = b"a=q,t=t";
const DRAWN: &[u8] = b"\x1b_Gf=32,a=T";

impl Pty {
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
        assert!(
            !pty.raw.windows(3).any(|w| w == b"\x1b_G"),
            "{args:?} {config}: {:?}",
            String::from_utf8_lossy(&pty.raw)
        );
    }
}

//! `recall study`, `quiz` and `cram` in a real pseudo-terminal: the inquire prompts driven by
//! keys, as a learner would, then what was saved read back with `recall log --json`.
//!
//! This file is the harness: [`Pty`] and the log read back; `pty/steps.rs` names the steps of
//! a learner on it ([`Pty::reveal`], [`Pty::rate`], [`Pty::answer`], [`Pty::menu`],
//! [`Pty::expect_summary`]...). The tests are in `pty/`, a file a topic.
//!
//! The screen is read by a thread that blocks on the pty (no busy polling on a 2-core
//! machine) and hands chunks over a channel; every wait is for text, with a 10 s limit. All
//! ANSI sequences are stripped before text is searched; each search starts where the last
//! one ended, so a prompt drawn again later is not mistaken for the one already answered.

use std::path::Path;
use std::process::Command;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;
use expectrl::{Expect, Session};
use tempfile::TempDir;

use crate::fixtures::fixture;

/// How long any one piece of text may take to appear.
const TIMEOUT: Duration = Duration::from_secs(10);
const NOW: &str = "2026-03-10T10:00:00Z";
const LATER_TODAY: &str = "2026-03-10T15:00:00Z";
const TOMORROW: &str = "2026-03-11T10:00:00Z";

const DOWN: &str = "\x1b[B";
const UP: &str = "\x1b[A";
const ENTER: &str = "\r";
const ESC: &str = "\x1b";
const CTRL_C: &str = "\x03";

/// The rating list shown after every answer.
const RATE: &str = "How well did you know it?";
/// The help line under every list of ours: the end of a list's first full drawing.
const LIST_END: &str = "↑↓ to move";
const MORE: &str = "… more";
/// The list a flip card is asked with.
const FLIP: &str = "Recall the answer, then press Enter";
/// The line a typed answer is asked on, and the title of a list of choices.
const ANSWER: &str = "Your answer:";
/// The "… more" menu of a question.
const MENU: &str = "What now?";

/// A `recall study` running in a pseudo-terminal, and everything it has drawn so far.
struct Pty {
    session: expectrl::session::OsSession,
    chunks: Receiver<Vec<u8>>,
    raw: Vec<u8>,
    /// `raw` without ANSI sequences and carriage returns.
    text: String,
    /// Where the next search starts in `text`.
    pos: usize,
    eof: bool,
}

impl Pty {
    /// Starts `recall ARGS` in `dir` with its data and config in `dir`, time fixed at `now`.
    fn spawn(dir: &Path, now: &str, args: &[&str]) -> Pty {
        Pty::spawn_with(dir, now, args, &[])
    }

    /// Starts `recall study ARGS deck.toml`.
    fn study(dir: &Path, now: &str, args: &[&str]) -> Pty {
        let all = [&["study"][..], args, &["deck.toml"]].concat();
        Pty::spawn(dir, now, &all)
    }

    /// Like [`Pty::spawn`], with more environment variables.
    fn spawn_with(dir: &Path, now: &str, args: &[&str], env: &[(&str, &Path)]) -> Pty {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_recall"));
        cmd.args(args);
        Pty::start(cmd, dir, now, env)
    }

    /// Like [`Pty::spawn`], in a terminal `columns` wide. The pty is made 80 columns wide
    /// while it starts, so a shell waits (5 s at most) until it has the new width before
    /// starting recall.
    fn spawn_narrow(dir: &Path, now: &str, args: &[&str], columns: u16) -> Pty {
        Pty::spawn_sized(dir, now, args, columns, 24)
    }

    /// Like [`Pty::spawn_narrow`], in a terminal `columns` wide and `rows` high.
    fn spawn_sized(dir: &Path, now: &str, args: &[&str], columns: u16, rows: u16) -> Pty {
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!(
                "i=0; until [ \"$(stty size)\" = \"{rows} {columns}\" ] || [ $i -ge 250 ]; do \
                 sleep 0.02; i=$((i + 1)); done; exec \"$0\" \"$@\""
            ))
            .arg(env!("CARGO_BIN_EXE_recall"))
            .args(args);
        let mut pty = Pty::start(cmd, dir, now, &[]);
        pty.session
            .get_process_mut()
            .set_window_size(columns, rows)
            .expect("resize the pty");
        pty
    }

    /// Starts `cmd` with the environment of every test.
    fn start(mut cmd: Command, dir: &Path, now: &str, env: &[(&str, &Path)]) -> Pty {
        crate::support::terminal_env(&mut cmd, dir, now)
            .env_remove("VISUAL")
            .env_remove("EDITOR")
            .envs(env.iter().copied());
        let session = Session::spawn(cmd).expect("spawn recall in a pty");
        let chunks = crate::support::pty_output(&session);
        Pty {
            session,
            chunks,
            raw: Vec::new(),
            text: String::new(),
            pos: 0,
            eof: false,
        }
    }

    /// Waits up to `until` for more output; false at the end of the stream or on time-out.
    fn pump(&mut self, until: Instant) -> bool {
        if self.eof {
            return false;
        }
        let wait = until.saturating_duration_since(Instant::now());
        match self.chunks.recv_timeout(wait) {
            Ok(chunk) => {
                self.raw.extend_from_slice(&chunk);
                while let Ok(more) = self.chunks.try_recv() {
                    self.raw.extend_from_slice(&more);
                }
                self.text = String::from_utf8_lossy(&strip_ansi(&self.raw)).into_owned();
                true
            }
            Err(RecvTimeoutError::Disconnected) => {
                self.eof = true;
                false
            }
            Err(RecvTimeoutError::Timeout) => false,
        }
    }

    /// Waits for `needle` after the last match; returns the text from there to its end.
    fn expect(&mut self, needle: &str) -> String {
        let until = Instant::now() + TIMEOUT;
        loop {
            if let Some(at) = self.text[self.pos..].find(needle) {
                let end = self.pos + at + needle.len();
                let seen = self.text[self.pos..end].to_owned();
                self.pos = end;
                return seen;
            }
            if !self.pump(until) {
                let why = if self.eof {
                    "the program ended"
                } else {
                    "timed out"
                };
                panic!(
                    "{why} waiting for {needle:?}; the screen after the last match:\n{}\n--- everything:\n{}",
                    &self.text[self.pos..],
                    self.text
                );
            }
        }
    }

    /// Sends keys in one write (an arrow split in two would read as Esc).
    fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("write to the pty");
    }

    /// Waits for the list titled `title` to be drawn in full and returns its options, and
    /// which one the cursor is on.
    fn list(&mut self, title: &str) -> (Vec<String>, usize) {
        self.expect(title);
        self.options(title)
    }

    /// Like [`Pty::list`], when the title was already matched.
    fn options(&mut self, title: &str) -> (Vec<String>, usize) {
        let block = self.expect(LIST_END);
        let mut options = Vec::new();
        let mut cursor = None;
        for line in block.lines().skip(1) {
            let Some(first) = line.chars().next() else {
                continue;
            };
            if line.starts_with('[') {
                break;
            }
            if first == '>' {
                cursor = Some(options.len());
            }
            options.push(unkeyed(line[first.len_utf8()..].trim()).to_owned());
        }
        let cursor =
            cursor.unwrap_or_else(|| panic!("no highlighted option under {title:?}:\n{block}"));
        (options, cursor)
    }

    /// Picks the option of the list `title` that starts with `label`, with arrows and Enter.
    fn choose(&mut self, title: &str, label: &str) {
        let (options, cursor) = self.list(title);
        let target = options
            .iter()
            .position(|o| o.starts_with(label))
            .unwrap_or_else(|| panic!("no {label:?} in {title:?}: {options:?}"));
        let arrow = if target > cursor { DOWN } else { UP };
        let keys = arrow.repeat(target.abs_diff(cursor)) + ENTER;
        self.send(&keys);
    }

    /// Picks `label` from `options` just read with [`Pty::list`], the cursor on the first.
    fn choose_seen(&mut self, options: &[String], label: &str) {
        let at = options.iter().position(|o| o == label).unwrap();
        self.send(&(DOWN.repeat(at) + ENTER));
    }

    /// Sends the signal `name` (as `kill -NAME` knows it) to recall.
    fn signal(&mut self, name: &str) {
        let pid = self.session.get_process().pid().to_string();
        let sent = Command::new("kill")
            .args([&format!("-{name}"), &pid])
            .status();
        assert!(sent.is_ok_and(|s| s.success()), "kill -{name} {pid}");
    }

    /// Waits for the program to end and returns its exit code and what it drew after the last
    /// match (the summary, among the rest).
    fn finish(mut self) -> (i32, String) {
        let until = Instant::now() + TIMEOUT;
        while self.pump(until) {}
        assert!(self.eof, "recall did not end:\n{}", self.text);
        let status = self.session.get_process().wait().expect("wait for recall");
        let code = match status {
            WaitStatus::Exited(_, code) => code,
            other => panic!("recall ended by {other:?}:\n{}", self.text),
        };
        (code, self.text[self.pos..].to_owned())
    }
}

/// An option's text without the key shown before it (`1 `, `m `), if any.
fn unkeyed(option: &str) -> &str {
    let mut chars = option.chars();
    match (chars.next(), chars.next()) {
        (Some('1'..='9' | 'm'), Some(' ')) => &option[2..],
        _ => option,
    }
}

/// The screen of a terminal `columns` × `rows` once recall has ended with status 0.
fn final_screen(mut pty: Pty, columns: usize, rows: usize) -> screen::Screen {
    let until = Instant::now() + TIMEOUT;
    while pty.pump(until) {}
    let raw = pty.raw.clone();
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    screen::Screen::after(&raw, columns, rows)
}

/// `bytes` without ANSI escape sequences (CSI, OSC, two-byte escapes) and carriage returns.
/// An unfinished sequence at the end is left out until the rest arrives.
fn strip_ansi(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            0x1b => match bytes.get(i + 1) {
                None => break,
                Some(b'[') => {
                    let Some(len) = bytes[i + 2..]
                        .iter()
                        .position(|b| (0x40..=0x7e).contains(b))
                    else {
                        break;
                    };
                    i += len + 3;
                }
                Some(b']') => {
                    let rest = &bytes[i + 2..];
                    let Some(end) = rest
                        .iter()
                        .enumerate()
                        .find(|&(k, &b)| {
                            b == 0x07 || (b == 0x1b && rest.get(k + 1) == Some(&b'\\'))
                        })
                        .map(|(k, &b)| if b == 0x07 { k + 1 } else { k + 2 })
                    else {
                        break;
                    };
                    i += end + 2;
                }
                Some(_) => i += 2,
            },
            b'\r' => i += 1,
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

/// The review log of the profile in `dir`, oldest first, one JSON object per review.
fn log_json(dir: &Path) -> Vec<serde_json::Value> {
    crate::support::log_json(dir, "default")
}

/// The log as (card, rating, correct) triples, sorted: with `RECALL_NOW` fixed, answers of
/// one session share a time, so the log's order among them is open.
fn ratings(dir: &Path) -> Vec<(String, i64, Option<bool>)> {
    let mut all: Vec<_> = log_json(dir)
        .iter()
        .map(|r| {
            (
                r["card"].as_str().unwrap().to_owned(),
                r["rating"].as_i64().unwrap(),
                r["correct"].as_bool(),
            )
        })
        .collect();
    all.sort();
    all
}

/// A new folder with the fixture deck "capitals", and `recall study ARGS deck.toml` started
/// in it at [`NOW`], once its first question ("Capital of France?") is on the screen.
fn capitals(args: &[&str]) -> (TempDir, Pty) {
    let dir = fixture("capitals");
    let mut pty = Pty::study(dir.path(), NOW, args);
    pty.expect("Capital of France?");
    (dir, pty)
}

/// A row of [`ratings`].
fn triple(card: &str, rating: i64, correct: Option<bool>) -> (String, i64, Option<bool>) {
    (card.to_owned(), rating, correct)
}

/// A terminal screen, to see what is left on it.
mod screen;

/// The steps of a learner: reveal, rate, answer, the menu, the summary.
mod steps;

/// Each kind of card answered with keys: flip, typed, choice, true or false, cloze, order,
/// reversed, hints.
mod kinds;

/// The "… more" menu: undo, bury, suspend, edit.
mod menu;

/// Ending a session: Ctrl-C, Esc and signals, at each kind of prompt; colour.
mod ending;

/// Hotkeys: Space, digits, `m`.
mod keys;

/// When nothing is due: the next due time, then more new cards, a cram, or quitting.
mod more;

/// `recall quiz` and `recall cram` in the pseudo-terminal, with the helpers above.
mod quiz;

/// Deck text and the quiz report wrapped between words in a narrow terminal.
mod wrap;

/// Pictures drawn with the kitty graphics protocol in a terminal that answers for it, and
/// said in words with drawing off.
mod pictures;

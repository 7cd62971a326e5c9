//! `recall study` in a real pseudo-terminal: the inquire prompts driven by keys, as a learner
//! would, then what was saved read back with `recall log --json`.
//!
//! The screen is read by a thread that blocks on the pty (no busy polling on a 2-core
//! machine) and hands chunks over a channel; every wait is for text, with a 10 s limit. All
//! ANSI sequences are stripped before text is searched; each search starts where the last
//! one ended, so a prompt drawn again later is not mistaken for the one already answered.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use expectrl::process::unix::WaitStatus;
use expectrl::{Expect, Session};

use crate::support::{stdout, write};

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
        let mut cmd = Command::new("sh");
        cmd.arg("-c")
            .arg(format!(
                "i=0; until [ \"$(stty size)\" = \"24 {columns}\" ] || [ $i -ge 250 ]; do \
                 sleep 0.02; i=$((i + 1)); done; exec \"$0\" \"$@\""
            ))
            .arg(env!("CARGO_BIN_EXE_recall"))
            .args(args);
        let mut pty = Pty::start(cmd, dir, now, &[]);
        pty.session
            .get_process_mut()
            .set_window_size(columns, 24)
            .expect("resize the pty");
        pty
    }

    /// Starts `cmd` with the environment of every test.
    fn start(mut cmd: Command, dir: &Path, now: &str, env: &[(&str, &Path)]) -> Pty {
        cmd.current_dir(dir)
            .env("NO_COLOR", "1")
            .env("TERM", "xterm")
            .env("TZ", "UTC")
            .env("RECALL_NOW", now)
            .env("RECALL_DATA_DIR", dir.join("data"))
            .env("RECALL_CONFIG", dir.join("config.toml"))
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
            options.push(line[first.len_utf8()..].trim().to_owned());
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
    let out = Command::new(env!("CARGO_BIN_EXE_recall"))
        .current_dir(dir)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
        .env("NO_COLOR", "1")
        .args(["log", "--json"])
        .output()
        .expect("run recall log");
    assert!(out.status.success(), "{out:?}");
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
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

fn deck(dir: &Path, cards: &str) -> PathBuf {
    let text = format!(
        "[deck]\ntitle = \"Capitals\"\nid = \"capitals\"\nsource = \"An atlas\"\n\n{cards}"
    );
    write(dir, "deck.toml", text)
}

fn triple(card: &str, rating: i64, correct: Option<bool>) -> (String, i64, Option<bool>) {
    (card.to_owned(), rating, correct)
}

/// Ctrl-C between prompts is SIGINT. It comes while the first answer of a first launch is
/// being saved, which waits for the new deck's cards to be written: the answer is saved,
/// then the session ends as Ctrl-C at the next prompt would, with its summary.
#[test]
fn an_interrupt_while_an_answer_is_saved_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    // Large enough that the deck's cards are still being written at the first answer.
    let cards: String = (0..20_000)
        .map(|i| {
            format!("[[card]]\nid = \"c{i}\"\nfront = \"Question {i}?\"\nback = \"Answer {i}\"\n\n")
        })
        .collect();
    deck(dir.path(), &cards);
    let mut pty = Pty::spawn(dir.path(), NOW, &["study", "deck.toml"]);
    pty.expect("Question 0?");
    pty.list(FLIP);
    pty.send(ENTER);
    pty.list(RATE);
    pty.send(ENTER);
    // The rating list drawn answered: the prompt is done and the answer on its way.
    pty.expect("How well did you know it? Good");
    std::thread::sleep(Duration::from_millis(20));
    pty.signal("INT");
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Studied 1 card in"), "{rest}");
    assert_eq!(ratings(dir.path()), [triple("c0", 3, None)]);
}

/// A signal while a prompt waits for keys (sent by `kill`: Ctrl-C there is a key) ends recall
/// with the status the signal would give, and saves nothing half-way.
#[test]
fn a_signal_while_a_prompt_waits_ends_recall() {
    let dir = tempfile::tempdir().unwrap();
    deck(dir.path(), THREE_CAPITALS);
    let mut pty = Pty::spawn(dir.path(), NOW, &["study", "deck.toml"]);
    pty.expect("Capital of France?");
    pty.list(FLIP);
    pty.send(ENTER);
    pty.choose(RATE, "Good");
    pty.expect("Capital of Italy?");
    pty.list(FLIP);
    pty.signal("TERM");
    let (code, rest) = pty.finish();
    assert_eq!(code, 143, "{rest}");
    assert_eq!(ratings(dir.path()), [triple("fr", 3, None)]);
}

const FLIP: &str = "Recall the answer, then press Enter";
const ANSWER: &str = "Your answer:";

const THREE_CAPITALS: &str = r#"[[card]]
id = "fr"
front = "Capital of France?"
back = "Paris"
explain = "On the Seine."

[[card]]
id = "it"
front = "Capital of Italy?"
back = "Rome"

[[card]]
id = "es"
front = "Capital of Spain?"
back = "Madrid"
"#;

#[test]
fn a_flip_card_is_revealed_with_enter_then_rated() {
    let dir = tempfile::tempdir().unwrap();
    deck(dir.path(), THREE_CAPITALS);
    let mut pty = Pty::spawn(dir.path(), NOW, &["study", "--limit", "1", "deck.toml"]);
    pty.expect("0 done · 2 new · 0 learning · 0 review");
    pty.expect("Capital of France?");
    let (options, cursor) = pty.list(FLIP);
    assert_eq!((options[0].as_str(), cursor), ("Show answer", 0));
    assert!(options[1].starts_with(MORE), "{options:?}");
    pty.send(ENTER);
    pty.expect("Answer: Paris");
    pty.expect("On the Seine.");
    pty.expect("Source: An atlas");
    let (options, cursor) = pty.list(RATE);
    // The four ratings with their waits, Good first under the cursor when nothing was judged.
    assert!(options[0].starts_with("Again · "), "{options:?}");
    assert!(options[3].starts_with("Easy · "), "{options:?}");
    assert_eq!(cursor, 2, "{options:?}");
    pty.send(&format!("{DOWN}{ENTER}"));
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Studied 1 card in"), "{rest}");
    assert_eq!(ratings(dir.path()), [triple("fr", 4, None)]);
}

#[test]
fn typed_answers_are_judged_and_suggest_a_rating() {
    let dir = tempfile::tempdir().unwrap();
    deck(
        dir.path(),
        r#"[[card]]
id = "fr"
front = "Capital of France?"
back = "Paris"

[[card]]
id = "planet"
front = "Largest planet?"
back = "Jupiter"

[[card]]
id = "it"
front = "Capital of Italy?"
back = "Rome"
"#,
    );
    let mut pty = Pty::spawn(
        dir.path(),
        NOW,
        &["study", "--mode", "type", "--limit", "3", "deck.toml"],
    );
    pty.expect("Capital of France?");
    pty.expect(ANSWER);
    // The help line fits in 80 columns (inquire breaks a longer one with a newline).
    pty.expect("[Enter alone shows the answer · :hint :undo :bury :suspend :edit :quit]");
    pty.send("paris");
    pty.send(ENTER);
    pty.expect("Answer: Paris");
    pty.expect("Correct.");
    let (options, cursor) = pty.list(RATE);
    assert!(options[cursor].starts_with("Good · "), "{options:?}");
    pty.send(ENTER);

    pty.expect("1 done ·");
    pty.expect("Largest planet?");
    pty.expect(ANSWER);
    pty.send("Jupiterr\r");
    pty.expect("Answer: Jupiter");
    pty.expect("typo forgiven");
    pty.expect("Difference:");
    let (options, cursor) = pty.list(RATE);
    assert!(options[cursor].starts_with("Good · "), "{options:?}");
    pty.send(ENTER);

    pty.expect("2 done ·");
    pty.expect("Capital of Italy?");
    pty.expect(ANSWER);
    pty.send("Milan\r");
    pty.expect("Answer: Rome");
    pty.expect("Not right: you answered \"Milan\"");
    let (options, cursor) = pty.list(RATE);
    // A wrong answer suggests Again, and the checker can be overruled.
    assert!(options[cursor].starts_with("Again · "), "{options:?}");
    assert!(
        options.iter().any(|o| o.starts_with("I was right")),
        "{options:?}"
    );
    pty.send(ENTER);
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Studied 3 cards"), "{rest}");
    // 2 of 3 is 66.7%, rounded to the nearest.
    assert!(rest.contains("67% right (2 of 3)"), "{rest}");
    assert_eq!(
        ratings(dir.path()),
        [
            triple("fr", 3, Some(true)),
            triple("it", 1, Some(false)),
            triple("planet", 3, Some(true)),
        ]
    );
}

#[test]
fn multiple_choice_is_answered_with_the_arrows() {
    let dir = tempfile::tempdir().unwrap();
    deck(
        dir.path(),
        r#"[[card]]
id = "mc"
front = "Capital of Italy?"
back = "Rome"
choices = ["Milan", "Naples", "Turin"]
"#,
    );
    let mut pty = Pty::spawn(dir.path(), NOW, &["study", "--limit", "1", "deck.toml"]);
    pty.expect("Capital of Italy?");
    let (options, _) = pty.list(ANSWER);
    let mut shown = options[..4].to_vec();
    shown.sort();
    assert_eq!(shown, ["Milan", "Naples", "Rome", "Turin"]);
    assert!(options[4].starts_with(MORE), "{options:?}");
    let rome = options.iter().position(|o| o == "Rome").unwrap();
    pty.send(&(DOWN.repeat(rome) + ENTER));
    pty.expect("Answer: Rome");
    pty.expect("Correct.");
    let (options, cursor) = pty.list(RATE);
    assert!(options[cursor].starts_with("Good · "), "{options:?}");
    pty.send(ENTER);
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    let log = log_json(dir.path());
    assert_eq!(log.len(), 1);
    assert_eq!(log[0]["answer"], "Rome");
    assert_eq!(
        ratings(dir.path()),
        [triple("mc", 3, Some(true))],
        "{log:?}"
    );
}

#[test]
fn true_or_false_is_a_two_way_choice() {
    let dir = tempfile::tempdir().unwrap();
    deck(
        dir.path(),
        r#"[[card]]
id = "tf"
front = "Milan is the capital of Italy."
back = false
explain = "Rome is."
"#,
    );
    let mut pty = Pty::spawn(dir.path(), NOW, &["study", "--limit", "1", "deck.toml"]);
    pty.expect("True or false? Milan is the capital of Italy.");
    let (options, cursor) = pty.list(ANSWER);
    assert_eq!(&options[..2], ["True", "False"]);
    assert_eq!(cursor, 0);
    pty.send(&format!("{DOWN}{ENTER}"));
    pty.expect("Answer: False");
    pty.expect("Correct.");
    pty.expect("Rome is.");
    pty.choose(RATE, "Easy");
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert_eq!(ratings(dir.path()), [triple("tf", 4, Some(true))]);
    assert_eq!(log_json(dir.path())[0]["answer"], "false");
}

#[test]
fn a_cloze_hides_one_deletion_which_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    deck(
        dir.path(),
        r#"[[card]]
id = "ban"
cloze = "In {{1921}} the party banned {{factions}}."
"#,
    );
    let mut pty = Pty::spawn(
        dir.path(),
        NOW,
        &["study", "--mode", "type", "--limit", "1", "deck.toml"],
    );
    // One new item: the other deletion is a sibling, kept for another day.
    pty.expect("0 done · 0 new ·");
    let question = pty.expect(ANSWER);
    assert!(
        question.contains("In [...] the party banned factions."),
        "{question}"
    );
    pty.send("1921\r");
    pty.expect("Answer: 1921");
    pty.expect("Correct.");
    pty.choose(RATE, "Good");
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert_eq!(ratings(dir.path()), [triple("ban:1", 3, Some(true))]);
}

#[test]
fn an_ordering_is_built_by_picking_the_next_item() {
    let dir = tempfile::tempdir().unwrap();
    deck(
        dir.path(),
        r#"[[card]]
id = "order"
front = "Order by population, largest first"
order = ["Paris", "Lyon", "Nice"]
"#,
    );
    let mut pty = Pty::spawn(dir.path(), NOW, &["study", "--limit", "1", "deck.toml"]);
    pty.expect("Order by population, largest first");
    let (options, _) = pty.list("Which comes first?");
    let mut shown = options[..3].to_vec();
    shown.sort();
    assert_eq!(shown, ["Lyon", "Nice", "Paris"]);
    pty.choose_seen(&options, "Paris");
    let (options, _) = pty.list("Which comes next?");
    assert_eq!(options.len(), 3, "two items left and the menu: {options:?}");
    pty.choose_seen(&options, "Lyon");
    pty.expect("Answer: Paris → Lyon → Nice");
    pty.expect("Correct.");
    pty.choose(RATE, "Good");
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert_eq!(ratings(dir.path()), [triple("order", 3, Some(true))]);
    assert_eq!(log_json(dir.path())[0]["answer"], "Paris → Lyon → Nice");
}

#[test]
fn a_reversed_card_asks_back_to_front_on_another_day() {
    let dir = tempfile::tempdir().unwrap();
    deck(
        dir.path(),
        r#"[[card]]
id = "orgburo"
front = "Which party body made personnel decisions?"
back = "The Orgburo"
reverse = true
"#,
    );
    // Today the front side; its sibling waits for another day.
    let mut pty = Pty::spawn(dir.path(), NOW, &["study", "deck.toml"]);
    pty.expect("0 done · 0 new ·");
    pty.expect("Which party body made personnel decisions?");
    pty.list(FLIP);
    pty.send(ENTER);
    pty.expect("Answer: The Orgburo");
    pty.choose(RATE, "Easy");
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Studied 1 card in"), "{rest}");

    let mut pty = Pty::spawn(dir.path(), TOMORROW, &["study", "deck.toml"]);
    pty.expect("0 done · 0 new · 0 learning · 0 review");
    let question = pty.expect(FLIP);
    assert!(question.contains("The Orgburo"), "{question}");
    assert!(!question.contains("Which party body"), "{question}");
    pty.options(FLIP);
    pty.send(ENTER);
    pty.expect("Answer: Which party body made personnel decisions?");
    pty.choose(RATE, "Easy");
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert_eq!(
        ratings(dir.path()),
        [
            triple("orgburo", 4, None),
            triple("orgburo:reverse", 4, None)
        ]
    );
}

#[test]
fn undo_from_the_menu_and_from_the_rating_list_asks_the_card_again() {
    let dir = tempfile::tempdir().unwrap();
    deck(dir.path(), THREE_CAPITALS);
    let mut pty = Pty::spawn(dir.path(), NOW, &["study", "deck.toml"]);
    pty.expect("Capital of France?");
    pty.list(FLIP);
    pty.send(ENTER);
    pty.choose(RATE, "Hard");
    // The next card is on screen: undo from its "… more" menu.
    pty.expect("1 done ·");
    pty.expect("Capital of Italy?");
    pty.choose(FLIP, MORE);
    pty.choose("What now?", "Undo the last step");
    pty.expect("Last answer undone.");
    pty.expect("0 done · 2 new ·");
    pty.expect("Capital of France?");
    pty.list(FLIP);
    pty.send(ENTER);
    pty.choose(RATE, "Good");
    // Again, from the rating list of the next card this time.
    pty.expect("1 done ·");
    pty.expect("Capital of Italy?");
    pty.list(FLIP);
    pty.send(ENTER);
    pty.expect("Answer: Rome");
    pty.choose(RATE, "Undo the last step");
    pty.expect("Last answer undone.");
    pty.expect("0 done · 2 new ·");
    pty.expect("Capital of France?");
    pty.list(FLIP);
    pty.send(ENTER);
    pty.choose(RATE, "Easy");
    pty.expect("1 done ·");
    pty.expect("Capital of Italy?");
    pty.list(FLIP);
    pty.send(ESC);
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Studied 1 card in"), "{rest}");
    assert_eq!(ratings(dir.path()), [triple("fr", 4, None)]);
}

#[test]
fn ctrl_c_and_esc_end_the_session_and_a_restart_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    deck(dir.path(), THREE_CAPITALS);
    let mut pty = Pty::spawn(dir.path(), NOW, &["study", "deck.toml"]);
    pty.expect("Capital of France?");
    pty.list(FLIP);
    pty.send(ENTER);
    pty.choose(RATE, "Easy");
    pty.expect("1 done · 1 new · 0 learning · 0 review");
    pty.expect("Capital of Italy?");
    pty.list(FLIP);
    let asked = Instant::now();
    pty.send(CTRL_C);
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(asked.elapsed() < Duration::from_secs(5));
    assert!(rest.contains("Studied 1 card in"), "{rest}");
    assert_eq!(ratings(dir.path()), [triple("fr", 4, None)]);

    // The same day, the same data: France is done; Italy comes first. Esc at the rating list
    // ends the session without rating it.
    let mut pty = Pty::spawn(dir.path(), LATER_TODAY, &["study", "deck.toml"]);
    let first = pty.expect("Capital of");
    assert!(
        first.contains("0 done · 1 new · 0 learning · 0 review"),
        "{first}"
    );
    pty.expect(" Italy?");
    pty.list(FLIP);
    pty.send(ENTER);
    pty.expect("Answer: Rome");
    pty.list(RATE);
    let asked = Instant::now();
    pty.send(ESC);
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(asked.elapsed() < Duration::from_secs(5));
    assert!(rest.contains("Studied 0 cards in"), "{rest}");
    assert_eq!(ratings(dir.path()), [triple("fr", 4, None)]);
}

#[test]
fn the_bundled_deck_shows_its_first_question_from_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let bundled = std::fs::read_to_string(crate::support::root().join("decks/trotsky-exile.toml"))
        .expect("the shipped deck");
    let table: toml::Table = bundled.parse().expect("the shipped deck is TOML");
    let first = &table["card"].as_array().expect("cards")[0];
    let text = first
        .get("front")
        .or_else(|| first.get("cloze"))
        .and_then(toml::Value::as_str)
        .expect("a front or a cloze");
    // Up to a cloze's first deletion, which the question hides.
    let start: String = text.split("{{").next().unwrap().chars().take(40).collect();
    let mut pty = Pty::spawn(dir.path(), NOW, &["study"]);
    pty.expect("0 done ·");
    pty.expect(&start);
    pty.expect(LIST_END);
    pty.send(ESC);
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Studied 0 cards"), "{rest}");
}

#[test]
fn bury_and_suspend_from_the_menu_hide_the_card() {
    let dir = tempfile::tempdir().unwrap();
    deck(dir.path(), THREE_CAPITALS);
    let mut pty = Pty::spawn(dir.path(), NOW, &["study", "deck.toml"]);
    pty.expect("Capital of France?");
    pty.choose(FLIP, MORE);
    pty.choose("What now?", "Bury until tomorrow");
    pty.expect("Buried until tomorrow.");
    pty.expect("0 done · 1 new ·");
    pty.expect("Capital of Italy?");
    pty.choose(FLIP, MORE);
    pty.choose("What now?", "Suspend this card");
    pty.expect("Suspended.");
    pty.expect("0 done · 0 new ·");
    pty.expect("Capital of Spain?");
    pty.list(FLIP);
    pty.send(ENTER);
    pty.choose(RATE, "Easy");
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Studied 1 card in"), "{rest}");

    // Later the same day: nothing is asked.
    let mut pty = Pty::spawn(dir.path(), LATER_TODAY, &["study", "deck.toml"]);
    pty.expect("Nothing due now");
    // No new card is left to offer: Italy is suspended and France buried.
    let (options, _) = pty.list("What next?");
    assert_eq!(options.len(), 2, "{options:?}");
    assert_eq!(options[1], "Quit");
    pty.choose_seen(&options, "Quit");
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Studied 0 cards"), "{rest}");

    // Tomorrow the buried card is back; the suspended one is not.
    let mut pty = Pty::spawn(dir.path(), TOMORROW, &["study", "deck.toml"]);
    let first = pty.expect("Capital of");
    assert!(
        first.contains("0 done · 0 new · 0 learning · 0 review"),
        "{first}"
    );
    pty.expect(" France?");
    pty.list(FLIP);
    pty.send(ESC);
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert_eq!(ratings(dir.path()), [triple("es", 4, None)]);
}

#[test]
fn ctrl_c_ends_at_once_from_a_typed_answer_and_from_the_menu() {
    let dir = tempfile::tempdir().unwrap();
    deck(dir.path(), THREE_CAPITALS);
    let mut pty = Pty::spawn(dir.path(), NOW, &["study", "--mode", "type", "deck.toml"]);
    pty.expect("Capital of France?");
    pty.expect(ANSWER);
    pty.send("par");
    pty.expect("? Your answer: par");
    pty.send(CTRL_C);
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Studied 0 cards in"), "{rest}");

    // In the "… more" menu Esc goes back to the question, and Ctrl-C ends the session.
    let mut pty = Pty::spawn(dir.path(), NOW, &["study", "deck.toml"]);
    pty.expect("Capital of France?");
    pty.choose(FLIP, MORE);
    pty.list("What now?");
    pty.send(ESC);
    pty.expect("<canceled>");
    pty.choose(FLIP, MORE);
    pty.list("What now?");
    pty.send(CTRL_C);
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Studied 0 cards in"), "{rest}");
    assert!(log_json(dir.path()).is_empty());
}

#[test]
fn hints_are_shown_on_request_before_answering() {
    let dir = tempfile::tempdir().unwrap();
    deck(
        dir.path(),
        r#"[[card]]
id = "fr"
front = "Capital of France?"
back = "Paris"
hint = "On the Seine"

[[card]]
id = "it"
front = "Capital of Italy?"
back = "Rome"
hint = "Seven hills"
mode = "type"
"#,
    );
    let mut pty = Pty::spawn(dir.path(), NOW, &["study", "--limit", "2", "deck.toml"]);
    pty.expect("Capital of France?");
    pty.choose(FLIP, MORE);
    pty.choose("What now?", "Show hint");
    pty.expect("Hint: On the Seine");
    // Back at the question.
    pty.list(FLIP);
    pty.send(ENTER);
    pty.expect("Answer: Paris");
    pty.choose(RATE, "Easy");
    // A card with `mode = "type"` takes `:hint` on its answer line.
    pty.expect("Capital of Italy?");
    pty.expect(ANSWER);
    pty.send(":hint\r");
    pty.expect("Hint: Seven hills");
    pty.expect(ANSWER);
    pty.send("rome\r");
    pty.expect("Correct.");
    pty.choose(RATE, "Easy");
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert_eq!(
        ratings(dir.path()),
        [triple("fr", 4, None), triple("it", 4, Some(true))]
    );
}

#[test]
fn edit_opens_the_editor_at_the_card_then_asks_the_card_as_edited() {
    let dir = tempfile::tempdir().unwrap();
    deck(dir.path(), THREE_CAPITALS);
    // A stand-in editor: notes its arguments and rewrites the card's question.
    let editor = write(
        dir.path(),
        "editor.sh",
        format!(
            "#!/bin/sh\necho \"$@\" > '{}'\nsed -i 's/Capital of France?/Which city is the capital of France?/' \"$2\"\n",
            dir.path().join("editor-args").display()
        ),
    );
    let mut perms = std::fs::metadata(&editor).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    std::fs::set_permissions(&editor, perms).unwrap();
    let mut pty = Pty::spawn_with(
        dir.path(),
        NOW,
        &["study", "deck.toml"],
        &[("EDITOR", &editor)],
    );
    pty.expect("Capital of France?");
    pty.choose(FLIP, MORE);
    pty.choose("What now?", "Edit this card");
    pty.expect("0 done · 2 new ·");
    pty.expect("Which city is the capital of France?");
    pty.list(FLIP);
    pty.send(ENTER);
    pty.expect("Answer: Paris");
    pty.choose(RATE, "Easy");
    pty.expect("Capital of Italy?");
    pty.list(FLIP);
    pty.send(ESC);
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    let args = std::fs::read_to_string(dir.path().join("editor-args")).unwrap();
    // The card's `[[card]]` line, and the deck as it was named on the command line.
    assert_eq!(args.trim(), "+6 deck.toml");
    assert_eq!(ratings(dir.path()), [triple("fr", 4, None)]);
}

/// When nothing is due: the next due time, then more new cards, a cram, or quitting.
mod more;

/// `recall quiz` and `recall cram` in the pseudo-terminal, with the helpers above.
mod quiz;

/// Deck text wrapped between words in a narrow terminal.
mod wrap;

/// Colour follows one rule: an empty `NO_COLOR` is as if unset, any other value turns it
/// off, and so does `TERM=dumb`. The question is drawn bold when colour is on.
#[test]
fn colour_is_on_unless_no_color_is_non_empty_or_the_terminal_is_dumb() {
    let bold_question = "\u{1b}[1mCapital of France?\u{1b}[0m";
    for (env, coloured) in [
        (&[("NO_COLOR", "")][..], true),
        (&[("NO_COLOR", "1")][..], false),
        (&[("NO_COLOR", ""), ("TERM", "dumb")][..], false),
    ] {
        let dir = tempfile::tempdir().unwrap();
        deck(dir.path(), THREE_CAPITALS);
        let env: Vec<_> = env.iter().map(|&(k, v)| (k, Path::new(v))).collect();
        let mut pty = Pty::spawn_with(dir.path(), NOW, &["study", "deck.toml"], &env);
        pty.list(FLIP);
        let raw = String::from_utf8_lossy(&pty.raw).into_owned();
        assert_eq!(raw.contains(bold_question), coloured, "{env:?}: {raw:?}");
        assert_eq!(
            raw.contains("\u{1b}[2m"),
            coloured,
            "{env:?}: dim status line"
        );
        pty.send(CTRL_C);
        assert_eq!(pty.finish().0, 0);
    }
}

/// In a terminal quiz or cram, `:quit` typed as the answer ends it as Esc does: nothing is
/// graded or logged. A cram round gives a card's hint on `:hint`; a quiz gives none.
#[test]
fn quit_typed_in_a_terminal_quiz_or_cram_ends_it_ungraded() {
    for (command, hint_reply) in [
        ("quiz", "No hints in a quiz; :quit ends it."),
        ("cram", "(no hint for this card)"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        deck(dir.path(), THREE_CAPITALS);
        let args = [command, "deck.toml", "--types", "typed"];
        let args = if command == "quiz" {
            &args[..]
        } else {
            &args[..2]
        };
        let mut pty = Pty::spawn(dir.path(), NOW, args);
        pty.expect("Your answer:");
        pty.send(":hint\r");
        pty.expect(hint_reply);
        pty.expect("Your answer:");
        pty.send(":quit\r");
        let (code, rest) = pty.finish();
        assert_eq!(code, 0, "{command}: {rest}");
        assert!(
            !rest.contains("Not right"),
            "{command} graded :quit: {rest}"
        );
        assert!(log_json(dir.path()).is_empty(), "{command}: nothing logged");
    }
}

/// Undo takes back a suspension or a burial as it takes back an answer: the card is asked
/// again at once, and stays in the deck's sessions afterwards.
#[test]
fn undo_brings_back_a_card_suspended_or_buried_by_mistake() {
    let dir = tempfile::tempdir().unwrap();
    deck(dir.path(), THREE_CAPITALS);
    let mut pty = Pty::spawn(dir.path(), NOW, &["study", "deck.toml"]);
    pty.expect("Capital of France?");
    pty.choose(FLIP, MORE);
    pty.choose("What now?", "Suspend this card");
    pty.expect("Suspended.");
    pty.expect("Capital of Italy?");
    pty.choose(FLIP, MORE);
    pty.choose("What now?", "Undo");
    pty.expect("The card is back.");
    pty.expect("Capital of France?");
    pty.choose(FLIP, MORE);
    pty.choose("What now?", "Bury until tomorrow");
    pty.expect("Buried until tomorrow.");
    pty.expect("Capital of Italy?");
    pty.choose(FLIP, MORE);
    pty.choose("What now?", "Undo");
    pty.expect("The card is back.");
    pty.expect("Capital of France?");
    pty.send(ESC);
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");

    // Later the same day France is still there to study: neither suspended nor buried.
    let mut pty = Pty::spawn(dir.path(), LATER_TODAY, &["study", "deck.toml"]);
    pty.expect("Capital of France?");
    pty.send(ESC);
    assert_eq!(pty.finish().0, 0);
}

/// Esc at the rating list keeps the answer just typed and checked, with its suggested
/// rating, and says so.
#[test]
fn esc_at_the_rating_keeps_the_checked_answer() {
    let dir = tempfile::tempdir().unwrap();
    deck(dir.path(), THREE_CAPITALS);
    let mut pty = Pty::spawn(dir.path(), NOW, &["study", "--mode", "type", "deck.toml"]);
    pty.expect("Capital of France?");
    pty.expect("Your answer:");
    pty.send("Paris\r");
    pty.list(RATE);
    pty.send(ESC);
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(
        rest.contains("Your answer was saved, rated Good."),
        "{rest}"
    );
    assert_eq!(ratings(dir.path()), [triple("fr", 3, Some(true))]);
}

/// The quiz report is broken between words at the terminal's width, never inside one.
#[test]
fn the_quiz_report_breaks_lines_between_words() {
    let dir = tempfile::tempdir().unwrap();
    deck(
        dir.path(),
        "[[card]]\nid = \"long\"\nfront = \"Which extraordinarily longwinded question about \
         counterrevolutionary internationalism comes first?\"\nback = \"Paris\"\n",
    );
    let mut pty = Pty::spawn_narrow(
        dir.path(),
        NOW,
        &["quiz", "--types", "typed", "deck.toml"],
        40,
    );
    pty.expect("Your answer:");
    pty.send("Lyon\r");
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
    assert!(rest.contains("Score: 0 of 1"), "{rest}");
    let report = &rest[rest.find("Score:").unwrap()..];
    for word in [
        "extraordinarily",
        "counterrevolutionary",
        "internationalism",
    ] {
        assert!(report.contains(word), "{word} cut in two:\n{report}");
    }
    for line in report.lines() {
        assert!(line.chars().count() <= 40, "{line:?}\n{report}");
    }
}

//! `cargo bench --bench startup`: time from launch to the first question on screen, in a real
//! terminal, for the bundled deck and for decks of 10,000 and 100,000 short cards with a
//! 100,000-review history; and the same for vocage on equivalent TSV decks when it is
//! installed. Two timers, one table each: a tmux pane through `first_prompt.sh` (the way any
//! peer is timed here; it looks at the pane every 10 ms, so its figures move in steps of about
//! that much), and a pseudo-terminal the bench reads itself as the program writes.
//!
//! "first" is the very first launch on a deck: the profile holds the history but has never
//! seen the deck file (a fresh copy of the generated profile for every run). "second" is any
//! later launch on the same, unchanged file, after a first session that ended normally (a
//! killed one leaves its write-ahead log for the next launch to read first). Each cell is the
//! median of `RUNS` launches.
//!
//! The tmux table needs `tmux` and a timing script named by `FIRST_PROMPT` (without it only
//! the bench's own pseudo-terminal timer runs); vocage is looked up in `VOCAGE`, then on
//! `PATH`. `STARTUP_DIR=DIR` keeps the generated files in DIR. No network.
//! Not part of `cargo test`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeDelta, Utc};
use recall::scheduler::fuzz::splitmix64;
use recall::scheduler::{CardSeed, CardState, Rating, Scheduler, SchedulerKind, Settings};
use recall::store::{Review, ReviewId, Store};

const RUNS: usize = 11;
const REVIEWS: usize = 100_000;
const SIZES: [usize; 2] = [10_000, 100_000];
/// On screen with the first question of a generated deck (recall and vocage).
const PATTERN: &str = "What is item";
/// On screen with the first question of the bundled deck (a true/false card).
const BUNDLED_PATTERN: &str = "True or false";
const PROFILE: &str = "bench";

fn rating(x: u64) -> Rating {
    match x % 100 {
        0..10 => Rating::Again,
        10..18 => Rating::Hard,
        18..92 => Rating::Good,
        _ => Rating::Easy,
    }
}

fn card_id(i: usize) -> String {
    format!("w{i:06}")
}

fn front(i: usize) -> String {
    format!("What is item {i} of the word list?")
}

fn back(i: usize) -> String {
    format!("meaning of word {i}")
}

/// A vocabulary deck of `n` cards of about 100 bytes each.
fn toml_deck(n: usize) -> String {
    let mut text = format!("[deck]\ntitle = \"Words {n}\"\nid = \"words\"\n");
    for i in 0..n {
        let _ = write!(
            text,
            "\n[[card]]\nid = \"{}\"\nfront = \"{}\"\nback = \"{}\"\n",
            card_id(i),
            front(i),
            back(i)
        );
    }
    text
}

/// The same deck for vocage, with its progress columns filled for the cards in the history.
fn tsv_deck(n: usize, states: &[Option<CardState>]) -> String {
    let mut text = String::from("FRONT\tBACK\n");
    for i in 0..n {
        let _ = write!(text, "{}\t{}", front(i), back(i));
        if let Some(Some(s)) = states.get(i) {
            let box_ = s.reps.clamp(1, 8);
            let due = s.due.format("%Y-%m-%d %H:%M:%S");
            let _ = write!(text, "\tdeck#{box_}\tdue@{due}");
        }
        text.push('\n');
    }
    text
}

/// A year of study ending at `now`, `REVIEWS` answers spread over the deck's first cards (at
/// most 20,000, so every reviewed card has several answers); returns each card's last state.
fn history(store: &mut Store, n: usize, now: DateTime<Utc>) -> Vec<Option<CardState>> {
    let scheduler = Scheduler::new(SchedulerKind::Fsrs, Settings::default()).expect("scheduler");
    let studied = n.min(20_000);
    let spacing = 365 * 86_400 / REVIEWS as i64;
    let start = now - TimeDelta::seconds(spacing * REVIEWS as i64);
    let mut states: Vec<Option<CardState>> = vec![None; n];
    let reviews = (0..REVIEWS).map(|i| {
        let card = i % studied;
        let id = card_id(card);
        let x = splitmix64(i as u64);
        let time = start + TimeDelta::seconds(spacing * i as i64);
        let before = states[card].clone();
        let base = before.clone().unwrap_or_else(|| CardState::new(time));
        let r = rating(x);
        let after = scheduler.review(&base, r, time, CardSeed::from_ids("words", &id));
        states[card] = Some(after.clone());
        let mut review = Review::new("words", &id, time, r, before, after);
        review.id = ReviewId::from_parts(time, u128::from(x) << 64 | u128::from(splitmix64(x)));
        review.duration_ms = 2_000 + (x >> 20) % 13_000;
        review
    });
    store.record_batch(reviews).expect("bulk load");
    store
        .sqlite()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .expect("checkpoint");
    states
}

/// How a launch is timed.
#[derive(Clone, Copy)]
enum Timer<'a> {
    /// `first_prompt.sh` at this path: a tmux pane polled every 10 ms, as for any peer.
    Tmux(&'a Path),
    /// A pseudo-terminal of the bench's own, read as the program writes: no polling step.
    Pty,
}

/// One timed launch: seconds until the pattern is on screen, `None` on a timeout.
fn launch(timer: Timer<'_>, dir: &Path, pattern: &str, command: &[&str]) -> Option<f64> {
    match timer {
        Timer::Tmux(script) => {
            let out = Command::new("bash")
                .arg(script)
                .arg(pattern)
                .arg("30")
                .arg(dir)
                .arg("--")
                .args(command)
                .output()
                .expect("run first_prompt.sh");
            String::from_utf8_lossy(&out.stdout).trim().parse().ok()
        }
        Timer::Pty => launch_in_pty(dir, pattern, command),
    }
}

/// Starts `command` in a pseudo-terminal (160 by 50, like the tmux pane) and reads what it
/// writes until `pattern` shows up; then kills it.
fn launch_in_pty(dir: &Path, pattern: &str, command: &[&str]) -> Option<f64> {
    use std::io::Read;
    // The size is set on the terminal before the program starts: `stty` first, then exec.
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg("stty cols 160 rows 50; exec \"$0\" \"$@\"")
        .args(command)
        .current_dir(dir)
        .env("TERM", "xterm");
    let started = Instant::now();
    let mut session = expectrl::Session::spawn(cmd).ok()?;
    let mut reader = session.get_process().get_pty_stream().ok()?;
    let (tx, chunks) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let until = started + Duration::from_secs(30);
    let mut seen = Vec::new();
    let found = loop {
        let left = until.saturating_duration_since(Instant::now());
        match chunks.recv_timeout(left) {
            Ok(chunk) => {
                seen.extend_from_slice(&chunk);
                if seen.windows(pattern.len()).any(|w| w == pattern.as_bytes()) {
                    break Some(started.elapsed().as_secs_f64());
                }
            }
            Err(_) => break None,
        }
    };
    let _ = session
        .get_process_mut()
        .kill(expectrl::process::unix::Signal::SIGKILL);
    let _ = session.get_process().wait();
    found
}

fn median(mut xs: Vec<f64>) -> String {
    if xs.is_empty() {
        return "timeout".to_owned();
    }
    xs.sort_by(f64::total_cmp);
    format!("{:.0}", xs[xs.len() / 2] * 1e3)
}

fn copy_profile(from: &Path, to: &Path) {
    let _ = std::fs::remove_dir_all(to);
    std::fs::create_dir_all(to).expect("profile dir");
    let name = format!("{PROFILE}.sqlite3");
    std::fs::copy(from.join(&name), to.join(&name)).expect("copy profile");
    // The copy's pages go to the disk now, not while the next launch is being timed.
    std::fs::File::open(to.join(&name))
        .and_then(|f| f.sync_all())
        .expect("sync the copied profile");
}

/// First and second launches of recall on `deck` (`None`: the bundled deck) with the
/// profile in `template` (`None`: no profile yet).
fn time_recall(
    timer: Timer<'_>,
    work: &Path,
    deck: Option<&Path>,
    template: Option<&Path>,
) -> (String, String) {
    let bin = env!("CARGO_BIN_EXE_recall");
    let pattern = if deck.is_some() {
        PATTERN
    } else {
        BUNDLED_PATTERN
    };
    let data = work.join("data-run");
    let data_s = data.display().to_string();
    let mut command = vec![bin, "study"];
    let deck_s = deck.map(|d| d.display().to_string());
    if let Some(d) = &deck_s {
        command.push(d);
    }
    command.extend(["--data-dir", &data_s, "--profile", PROFILE]);
    let fresh = || match template {
        Some(t) => copy_profile(t, &data),
        None => {
            let _ = std::fs::remove_dir_all(&data);
        }
    };
    let mut first = Vec::new();
    for _ in 0..RUNS {
        fresh();
        first.extend(launch(timer, work, pattern, &command));
    }
    // The launch before the later ones ends as a session does, so the store is as a learner
    // leaves it (the timed launches are killed at their first question, like the peer's).
    fresh();
    let ended = Command::new(bin)
        .args(&command[1..])
        .arg("--plain")
        .current_dir(work)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run recall");
    assert!(ended.status.success(), "{ended:?}");
    let mut second = Vec::new();
    for _ in 0..RUNS {
        second.extend(launch(timer, work, pattern, &command));
    }
    (median(first), median(second))
}

fn time_vocage(timer: Timer<'_>, work: &Path, vocage: &Path, tsv: &Path) -> (String, String) {
    let bin = vocage.display().to_string();
    let deck = tsv.display().to_string();
    let command = [bin.as_str(), deck.as_str()];
    let pattern = PATTERN;
    let bytes = std::fs::read(tsv).expect("tsv");
    let mut first = Vec::new();
    for _ in 0..RUNS {
        std::fs::write(tsv, &bytes).expect("rewrite tsv");
        first.extend(launch(timer, work, pattern, &command));
    }
    let mut second = Vec::new();
    for _ in 0..RUNS {
        second.extend(launch(timer, work, pattern, &command));
    }
    (median(first), median(second))
}

fn find_vocage() -> Option<PathBuf> {
    if let Some(v) = std::env::var_os("VOCAGE") {
        return Some(PathBuf::from(v));
    }
    std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join("vocage"))
            .find(|f| f.is_file())
    })
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument is not supported.
    let script = std::env::var_os("FIRST_PROMPT").map(PathBuf::from);
    let mut timers = vec![("pseudo-terminal read directly", Timer::Pty)];
    match &script {
        None => println!("tmux timing skipped: set FIRST_PROMPT to a timing script to run it"),
        Some(missing) if !missing.is_file() => {
            println!(
                "tmux timing skipped: no timing script at {}",
                missing.display()
            );
        }
        Some(_) if Command::new("tmux").arg("-V").output().is_err() => {
            println!("tmux timing skipped: tmux is not installed");
        }
        Some(script) => timers.insert(0, ("tmux pane (first_prompt.sh)", Timer::Tmux(script))),
    }
    let vocage = find_vocage();
    let dir = tempfile::TempDir::new().expect("temp dir");
    // `STARTUP_DIR=DIR` keeps the generated decks and profiles there, for a closer look.
    let kept = std::env::var_os("STARTUP_DIR").map(PathBuf::from);
    let work = kept.as_deref().unwrap_or(dir.path());
    let now = Utc::now() - TimeDelta::hours(1);

    let empty = work.join("empty");
    std::fs::create_dir_all(&empty).expect("empty dir");
    let mut decks = Vec::new();
    for n in SIZES {
        let deck = work.join(format!("words-{n}.toml"));
        std::fs::write(&deck, toml_deck(n)).expect("write deck");
        let template = work.join(format!("template-{n}"));
        let states = {
            let mut store = Store::open_dir(&template, PROFILE).expect("profile");
            history(&mut store, n, now)
        };
        let tsv = work.join(format!("words-{n}.tsv"));
        std::fs::write(&tsv, tsv_deck(n, &states)).expect("write tsv");
        decks.push((n, deck, template, tsv));
    }

    for (name, timer) in timers {
        let mut rows = Vec::new();
        let (first, second) = time_recall(timer, &empty, None, None);
        rows.push(("bundled deck".to_owned(), first, second, None));
        for (n, deck, template, tsv) in &decks {
            let (first, second) = time_recall(timer, work, Some(deck), Some(template));
            let peer = vocage.as_ref().map(|v| time_vocage(timer, work, v, tsv));
            rows.push((format!("{n} cards"), first, second, peer));
        }
        println!(
            "launch to first question, ms (median of {RUNS}), timed in a {name}; history: \
             {REVIEWS} reviews; first = the profile has never seen the deck file"
        );
        println!(
            "{:<20} {:>13} {:>14} {:>13} {:>14}",
            "deck", "recall first", "recall second", "vocage first", "vocage second"
        );
        for (deck, first, second, peer) in rows {
            let (vf, vs) = peer.unwrap_or_else(|| ("-".to_owned(), "-".to_owned()));
            println!("{deck:<20} {first:>13} {second:>14} {vf:>13} {vs:>14}");
        }
    }
    let _ = Command::new("tmux")
        .args(["kill-session", "-t", "fpkeep"])
        .output();
    if vocage.is_none() {
        println!(
            "vocage not found (set VOCAGE or `cargo install vocage`): its columns are skipped"
        );
    }
}

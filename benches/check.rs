//! `cargo bench --bench check`: `recall check` throughput on a generated 50,000-card deck,
//! against the raw `toml` crate parsing the same file into plain structs, in one run.
//! Also reports the process's peak resident memory after the check runs, and the time to
//! check one card whose `order` or `choices` list holds 10,000 to 1,000,000 items: checking a
//! list must stay linear in its length.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::time::{Duration, Instant};

use recall::deck;

const CARDS: usize = 50_000;
const ROUNDS: usize = 5;

fn generate() -> String {
    let mut text = String::from(
        "[deck]\ntitle = \"Generated\"\ndescription = \"A benchmark deck\"\ntags = [\"bench\"]\n\n",
    );
    for i in 0..CARDS {
        let _ = write!(
            text,
            "[[card]]\nid = \"card-{i}\"\nfront = \"What is the capital of region {i}?\"\n\
             back = \"Answer {i}\"\naccept = [\"answer {i}\", \"ans {i}\"]\ntags = [\"group-{}\", \"generated\"]\n\
             explain = \"Its capital since the year {}.\"\n\
             cite = \"the capital of region {i}\"\n\n",
            i % 50,
            1000 + i % 900,
        );
    }
    text
}

/// Plain structs, as a program with no validation and no positions would read the deck.
#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct RawDeck {
    deck: HashMap<String, toml::Value>,
    card: Vec<RawCard>,
}

#[derive(serde::Deserialize)]
#[allow(dead_code)]
struct RawCard {
    id: String,
    front: String,
    back: String,
    accept: Vec<String>,
    tags: Vec<String>,
    explain: String,
    cite: String,
}

fn best_of(mut f: impl FnMut()) -> Duration {
    (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// A deck of one card whose `key` (order or choices) lists `n` items.
fn long_list(key: &str, n: usize) -> String {
    let mut text =
        String::from("[deck]\ntitle = \"Lists\"\n\n[[card]]\nid = \"long\"\nfront = \"Q\"\n");
    if key == "choices" {
        text.push_str("back = \"the answer\"\n");
    }
    let _ = write!(text, "{key} = [");
    for i in 0..n {
        let _ = write!(text, "\"item {i}\", ");
    }
    text.push_str("]\n");
    text
}

/// Times the check of one card with a long list, for growing lengths: the time per 1,000
/// items stays flat when the check is linear.
fn long_lists() {
    for key in ["order", "choices"] {
        for n in [10_000, 100_000, 1_000_000] {
            let text = long_list(key, n);
            let took = best_of(|| {
                let parsed = deck::parse(&text, "lists.toml", "lists", deck::Options::default());
                assert!(parsed.diagnostics.is_empty(), "{}", parsed.diagnostics[0]);
            });
            println!(
                "one card, `{key}` of {n:>9} items: {:>8.1} ms  ({:.3} ms per 1,000 items)",
                took.as_secs_f64() * 1e3,
                took.as_secs_f64() * 1e6 / n as f64
            );
        }
    }
}

fn main() {
    long_lists();
    let dir = std::env::temp_dir().join(format!("recall-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("big.toml");
    let text = generate();
    std::fs::write(&path, &text).expect("write deck");
    let mb = text.len() as f64 / 1e6;
    drop(text);
    let before = peak_rss_kib();

    let mut cards = 0;
    let ours = best_of(|| {
        let parsed = deck::load(&path, deck::Options::default());
        assert!(parsed.diagnostics.is_empty(), "{}", parsed.diagnostics[0]);
        cards = parsed.deck.map_or(0, |d| d.cards.len());
    });
    let after = peak_rss_kib();
    let raw = best_of(|| {
        let text = std::fs::read_to_string(&path).expect("read");
        let deck: RawDeck = toml::from_str(&text).expect("parse");
        assert_eq!(deck.card.len(), CARDS);
    });
    std::fs::remove_dir_all(&dir).ok();

    assert_eq!(cards, CARDS);
    let rate = |d: Duration| mb / d.as_secs_f64();
    println!("deck: {CARDS} cards, {mb:.1} MB");
    println!(
        "recall check (read + parse + validate): {:>7.1} ms  {:>6.1} MB/s",
        ours.as_secs_f64() * 1e3,
        rate(ours)
    );
    println!(
        "raw toml::from_str into structs:        {:>7.1} ms  {:>6.1} MB/s",
        raw.as_secs_f64() * 1e3,
        rate(raw)
    );
    println!(
        "ratio ours/raw: {:.2}x",
        ours.as_secs_f64() / raw.as_secs_f64()
    );
    if let (Some(b), Some(a)) = (before, after) {
        println!(
            "peak RSS: {:.1} MB before the check runs, {:.1} MB after ({:.1}x the file)",
            b as f64 / 1024.0,
            a as f64 / 1024.0,
            a as f64 / 1024.0 / (mb / 1.048_576)
        );
    }
}

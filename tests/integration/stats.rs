//! `recall stats` on a fixed log: exact counts, retention and windows in JSON, the screen at
//! 80 columns as a snapshot, and the JSON schema's keys.

use std::path::Path;

use chrono::{DateTime, Utc};
use recall::scheduler::{CardState, Memory, Phase, Rating};
use recall::store::{Mode, Review, Store};
use serde_json::Value;

use crate::fixtures::{Card, DeckBuilder};
use crate::support::{recall, stdout, write};

const NOW: &str = "2026-03-10T12:00:00Z";

/// Six cards `a`..`g` (no `d`), `A?` answered `a`; tags `x` on a and b, `y` on b and c, none
/// on the rest.
fn deck() -> DeckBuilder {
    let tags: [(&str, &[&str]); 6] = [
        ("a", &["x"]),
        ("b", &["x", "y"]),
        ("c", &["y"]),
        ("e", &[]),
        ("f", &[]),
        ("g", &[]),
    ];
    let fixture = DeckBuilder::new("Fixture")
        .with("id", "d")
        .with("tags", vec!["t"]);
    tags.into_iter().fold(fixture, |deck, (id, tags)| {
        let card = Card::basic(id, &format!("{}?", id.to_uppercase()), id);
        deck.card(match tags {
            [] => card,
            tags => card.with("tags", tags.to_vec()),
        })
    })
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// A state: `phase`, last review, due, lapses and FSRS stability (difficulty 5).
fn state(phase: Phase, last: &str, due: &str, lapses: u32, stability: f64) -> CardState {
    CardState {
        phase,
        due: at(due),
        last_review: Some(at(last)),
        reps: lapses + 3,
        lapses,
        memory: Some(Memory::Fsrs {
            stability,
            difficulty: 5.0,
        }),
    }
}

/// One answer of the fixed log.
struct Answer {
    deck: &'static str,
    card: &'static str,
    time: &'static str,
    rating: Rating,
    mode: Mode,
    seconds: u64,
    before: Option<CardState>,
    after: CardState,
}

/// The fixed log, each card's last answer leaving it in the state the test expects:
/// a young, b a mature leech, c and g learning, e suspended, f new (deck `d`); z young and
/// z2 learning in `imported`, a deck known to the store only.
fn answers() -> Vec<Answer> {
    let review = |last, due| state(Phase::Review, last, due, 0, 5.0);
    let learning = Phase::Learning { step: 0 };
    let relearning = Phase::Relearning { step: 0 };
    let z = state(
        Phase::Review,
        "2026-03-10T09:00:00Z",
        "2026-03-11T04:00:00Z",
        2,
        1.5,
    );
    let ans = |deck, card, time, rating, mode, seconds, before, after| Answer {
        deck,
        card,
        time,
        rating,
        mode,
        seconds,
        before,
        after,
    };
    use Mode::{Cram, Quiz, Study};
    use Rating::{Again, Good, Hard};
    vec![
        // 2024: outside every window.
        ans(
            "imported",
            "z",
            "2024-01-01T10:00:00Z",
            Good,
            Study,
            1,
            Some(review("2023-12-01T10:00:00Z", "2024-01-01T04:00:00Z")),
            state(
                Phase::Review,
                "2024-01-01T10:00:00Z",
                "2024-01-03T04:00:00Z",
                2,
                1.0,
            ),
        ),
        // Within 365 days: a pass.
        ans(
            "d",
            "b",
            "2025-06-01T10:00:00Z",
            Hard,
            Study,
            5,
            Some(review("2025-05-01T10:00:00Z", "2025-06-01T04:00:00Z")),
            state(
                Phase::Review,
                "2025-06-01T10:00:00Z",
                "2026-02-01T04:00:00Z",
                8,
                40.0,
            ),
        ),
        // 37 days ago: a fail, then a relearning step (not counted in retention).
        ans(
            "d",
            "b",
            "2026-02-01T10:00:00Z",
            Again,
            Study,
            20,
            Some(state(
                Phase::Review,
                "2025-06-01T10:00:00Z",
                "2026-02-01T04:00:00Z",
                8,
                40.0,
            )),
            state(
                relearning,
                "2026-02-01T10:00:00Z",
                "2026-02-01T10:10:00Z",
                9,
                10.0,
            ),
        ),
        ans(
            "d",
            "b",
            "2026-02-01T10:10:00Z",
            Good,
            Study,
            3,
            Some(state(
                relearning,
                "2026-02-01T10:00:00Z",
                "2026-02-01T10:10:00Z",
                9,
                10.0,
            )),
            state(
                Phase::Review,
                "2026-02-01T10:10:00Z",
                "2026-04-01T04:00:00Z",
                9,
                50.0,
            ),
        ),
        // Cram, 37 days ago: not practice of the last 30 days. Cram never moves the schedule,
        // so z2 stays a new card whatever `after` says.
        ans(
            "imported",
            "z2",
            "2026-02-01T12:00:00Z",
            Again,
            Cram,
            8,
            None,
            state(
                learning,
                "2026-02-01T12:00:00Z",
                "2026-02-01T12:10:00Z",
                0,
                0.5,
            ),
        ),
        // Within 30 days: a pass; e is suspended afterwards.
        ans(
            "d",
            "e",
            "2026-02-20T10:00:00Z",
            Good,
            Study,
            4,
            Some(review("2026-02-10T10:00:00Z", "2026-02-20T04:00:00Z")),
            state(
                Phase::Review,
                "2026-02-20T10:00:00Z",
                "2026-03-20T04:00:00Z",
                0,
                28.0,
            ),
        ),
        // Within 7 days: a pass and a fail.
        ans(
            "d",
            "a",
            "2026-03-08T10:00:00Z",
            Good,
            Study,
            10,
            Some(review("2026-03-01T10:00:00Z", "2026-03-08T04:00:00Z")),
            state(
                Phase::Review,
                "2026-03-08T10:00:00Z",
                "2026-03-15T04:00:00Z",
                0,
                7.0,
            ),
        ),
        ans(
            "d",
            "g",
            "2026-03-09T10:00:00Z",
            Again,
            Study,
            9,
            Some(review("2026-03-01T10:00:00Z", "2026-03-09T04:00:00Z")),
            state(
                relearning,
                "2026-03-09T10:00:00Z",
                "2026-03-09T10:10:00Z",
                1,
                2.0,
            ),
        ),
        // Today: a pass, a quiz answer, and a new card's first step.
        ans(
            "imported",
            "z",
            "2026-03-10T09:00:00Z",
            Good,
            Study,
            6,
            Some(state(
                Phase::Review,
                "2024-01-01T10:00:00Z",
                "2024-01-03T04:00:00Z",
                2,
                1.0,
            )),
            z.clone(),
        ),
        ans(
            "imported",
            "z",
            "2026-03-10T09:30:00Z",
            Good,
            Quiz,
            2,
            Some(z.clone()),
            z,
        ),
        ans(
            "d",
            "c",
            "2026-03-10T11:50:00Z",
            Again,
            Study,
            7,
            None,
            state(
                learning,
                "2026-03-10T11:50:00Z",
                "2026-03-10T12:01:00Z",
                0,
                0.4,
            ),
        ),
    ]
}

/// A profile holding the fixed log, and the deck file, in `dir`.
fn fixture(dir: &Path) {
    deck().write(dir, "deck.toml");
    let mut store = Store::open_dir(&dir.join("data"), "default").unwrap();
    for a in answers() {
        let mut review = Review::new(a.deck, a.card, at(a.time), a.rating, a.before, a.after);
        review.mode = a.mode;
        review.duration_ms = a.seconds * 1000;
        store.record_review(&review).unwrap();
    }
    store
        .suspend("d", "e", true, chrono::DateTime::UNIX_EPOCH)
        .unwrap();
}

fn stats(dir: &Path, args: &[&str]) -> std::process::Output {
    recall(dir)
        .env("RECALL_NOW", NOW)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("no-config.toml"))
        .env("TZ", "UTC")
        .arg("stats")
        .args(args)
        .output()
        .unwrap()
}

fn json(dir: &Path) -> Value {
    let out = stats(dir, &["deck.toml", "--json"]);
    assert!(out.status.success(), "{out:?}");
    serde_json::from_str(&stdout(&out)).unwrap()
}

fn counts(v: &Value) -> [u64; 6] {
    ["new", "learning", "young", "mature", "suspended", "total"].map(|k| v[k].as_u64().unwrap())
}

#[test]
fn cards_are_counted_by_state_per_deck_and_per_tag() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let v = json(dir.path());
    let cards = &v["cards"];
    assert_eq!(counts(&cards["all"]), [2, 2, 2, 1, 1, 8]);
    let decks = cards["decks"].as_array().unwrap();
    assert_eq!(decks.len(), 2);
    assert_eq!(
        (decks[0]["id"].as_str(), decks[0]["title"].as_str()),
        (Some("d"), Some("Fixture"))
    );
    assert_eq!(counts(&decks[0]), [1, 2, 1, 1, 1, 6]);
    assert_eq!(
        (decks[1]["id"].as_str(), decks[1]["title"].as_str()),
        (Some("imported"), None)
    );
    assert_eq!(counts(&decks[1]), [1, 0, 1, 0, 0, 2]);
    let tags: Vec<(&str, [u64; 6])> = cards["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["tag"].as_str().unwrap(), counts(t)))
        .collect();
    assert_eq!(
        tags,
        [
            ("t", [1, 2, 1, 1, 1, 6]),
            ("x", [0, 0, 1, 1, 0, 2]),
            ("y", [0, 1, 0, 1, 0, 2]),
        ]
    );
}

#[test]
fn activity_retention_and_practice_follow_the_windows() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let v = json(dir.path());
    let a = &v["activity"];
    let period = |p: &Value| {
        (
            p["reviews"].as_u64().unwrap(),
            p["seconds"].as_u64().unwrap(),
        )
    };
    assert_eq!(period(&a["today"]), (3, 15));
    assert_eq!(period(&a["last_7_days"]), (5, 34));
    assert_eq!(period(&a["last_30_days"]), (6, 38));
    assert_eq!(a["streak_days"], 3);
    let r = &v["retention"];
    let rate = |p: &Value| {
        (
            p["reviews"].as_u64().unwrap(),
            p["passed"].as_u64().unwrap(),
        )
    };
    assert_eq!(r["desired"], 0.9);
    assert_eq!(rate(&r["last_7_days"]), (3, 2));
    assert_eq!(rate(&r["last_30_days"]), (4, 3));
    assert_eq!(rate(&r["last_365_days"]), (6, 4));
    assert!((r["last_365_days"]["rate"].as_f64().unwrap() - 4.0 / 6.0).abs() < 1e-12);
    assert_eq!(rate(&v["practice"]), (1, 1));
    assert_eq!(v["practice"]["rate"], 1.0);
}

#[test]
fn forecast_intervals_calendar_and_hardest_cards() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let v = json(dir.path());
    let forecast: Vec<u64> = serde_json::from_value(v["forecast"].clone()).unwrap();
    let mut expected = vec![0; 30];
    expected[0] = 2; // c today, g overdue (z2 was only crammed: still new)
    expected[1] = 1; // z
    expected[5] = 1; // a
    expected[22] = 1; // b; e is suspended
    assert_eq!(forecast, expected);
    let bins: Vec<(String, u64)> = v["intervals"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|b| b["cards"].as_u64() != Some(0))
        .map(|b| {
            (
                b["label"].as_str().unwrap().to_owned(),
                b["cards"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        bins,
        [("1d".into(), 1), ("5-7d".into(), 1), ("1-2mo".into(), 1)]
    );
    // 2025-09-15 is the Monday 25 weeks before the week of Tuesday 2026-03-10.
    assert_eq!(v["heatmap"]["first_day"], "2025-09-15");
    let heat: Vec<u64> = serde_json::from_value(v["heatmap"]["reviews"].clone()).unwrap();
    assert_eq!(heat.len(), 25 * 7 + 2);
    assert_eq!(heat.iter().sum::<u64>(), 9);
    assert_eq!(heat[heat.len() - 1], 3);
    let h = &v["hardest"];
    assert_eq!(h["leeches"], 1);
    let ids = |list: &Value| -> Vec<String> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|c| {
                format!(
                    "{}/{}:{}",
                    c["deck"].as_str().unwrap(),
                    c["card"].as_str().unwrap(),
                    c["lapses"]
                )
            })
            .collect()
    };
    assert_eq!(ids(&h["most_lapses"]), ["d/b:9", "imported/z:2", "d/g:1"]);
    assert_eq!(h["most_lapses"][0]["question"], "B?");
    assert_eq!(h["most_lapses"][1]["question"], Value::Null);
    // A leech points at where its card is written, for its author to rewrite it.
    assert_eq!(
        (&h["most_lapses"][0]["path"], &h["most_lapses"][0]["line"]),
        (&Value::from("deck.toml"), &Value::from(12))
    );
    assert_eq!(h["most_lapses"][1]["line"], Value::Null);
    assert_eq!(h["leech_threshold"], 8);
    assert_eq!(
        ids(&h["lowest_retrievability"]),
        ["d/b:9", "d/a:0", "imported/z:2"]
    );
    let recall: Vec<f64> = h["lowest_retrievability"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["retrievability"].as_f64().unwrap())
        .collect();
    assert!(
        recall[0] < recall[1] && recall[1] < recall[2] && recall[2] == 1.0,
        "{recall:?}"
    );
    let mean = recall.iter().sum::<f64>() / 3.0;
    assert!((v["retention"]["predicted_now"].as_f64().unwrap() - mean).abs() < 1e-12);
}

#[test]
fn the_json_schema_has_every_documented_key() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let v = json(dir.path());
    let keys = |v: &Value| -> Vec<String> { v.as_object().unwrap().keys().cloned().collect() };
    let mut top = keys(&v);
    top.sort();
    assert_eq!(
        top,
        [
            "activity",
            "cards",
            "day_starts_at",
            "forecast",
            "hardest",
            "heatmap",
            "intervals",
            "now",
            "practice",
            "retention",
            "schema",
            "today"
        ]
    );
    assert_eq!(v["schema"], 1);
    assert_eq!(v["now"], "2026-03-10T12:00:00Z");
    assert_eq!(v["today"], "2026-03-10");
    assert_eq!(v["day_starts_at"], 4);
    let mut state_keys = vec!["learning", "mature", "new", "suspended", "total", "young"];
    let sorted = |v: &Value| {
        let mut k = keys(v);
        k.sort();
        k
    };
    assert_eq!(sorted(&v["cards"]["all"]), state_keys);
    state_keys.extend(["id", "title"]);
    state_keys.sort_unstable();
    assert_eq!(sorted(&v["cards"]["decks"][0]), state_keys);
    assert_eq!(
        sorted(&v["activity"]),
        ["last_30_days", "last_7_days", "streak_days", "today"]
    );
    assert_eq!(sorted(&v["activity"]["today"]), ["reviews", "seconds"]);
    assert_eq!(
        sorted(&v["retention"]),
        [
            "desired",
            "last_30_days",
            "last_365_days",
            "last_7_days",
            "predicted_now"
        ]
    );
    assert_eq!(sorted(&v["practice"]), ["passed", "rate", "reviews"]);
    assert_eq!(
        sorted(&v["hardest"]),
        [
            "leech_threshold",
            "leeches",
            "lowest_retrievability",
            "most_lapses"
        ]
    );
    assert_eq!(
        sorted(&v["hardest"]["most_lapses"][0]),
        [
            "card",
            "deck",
            "lapses",
            "line",
            "path",
            "question",
            "retrievability"
        ]
    );
    assert_eq!(sorted(&v["heatmap"]), ["first_day", "reviews"]);
    assert_eq!(v["forecast"].as_array().unwrap().len(), 30);
    let bins = v["intervals"].as_array().unwrap();
    assert_eq!(bins.len(), 12);
    assert_eq!(sorted(&bins[0]), ["cards", "label", "max_days", "min_days"]);
    assert_eq!(bins[11]["max_days"], Value::Null);
}

#[test]
fn the_screen_fits_80_columns_without_colour() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let out = stats(dir.path(), &["deck.toml"]);
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "no colour when piped");
    for line in text.lines() {
        assert!(line.chars().count() <= 80, "too wide: {line:?}");
    }
    insta::assert_snapshot!("stats_screen", text);
}

#[test]
fn a_profile_never_used_is_shown_empty_and_not_created() {
    let dir = tempfile::tempdir().unwrap();
    deck().write(dir.path(), "deck.toml");
    let v = json(dir.path());
    assert_eq!(counts(&v["cards"]["all"]), [6, 0, 0, 0, 0, 6]);
    assert_eq!(v["activity"]["streak_days"], 0);
    assert_eq!(v["retention"]["last_7_days"]["rate"], Value::Null);
    assert!(!dir.path().join("data").exists());
}

#[test]
fn bad_input_is_refused_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "bad.toml", "[deck]\n");
    let out = stats(dir.path(), &["bad.toml"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.toml"));
    let out = recall(dir.path())
        .env("RECALL_NOW", "yesterday")
        .env("RECALL_DATA_DIR", dir.path().join("data"))
        .args(["stats", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("RECALL_NOW"));
}

/// Everything `recall stats` draws in a pseudo-terminal (a terminal, as a learner has),
/// with `extra` environment variables.
fn in_terminal(dir: &Path, extra: &[(&str, &str)]) -> String {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_recall"));
    cmd.current_dir(dir)
        .args(["stats", "deck.toml"])
        .env_remove("NO_COLOR")
        .env("TERM", "xterm")
        .env("TZ", "UTC")
        .env("RECALL_NOW", NOW)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("no-config.toml"))
        .envs(extra.iter().copied());
    let session = expectrl::Session::spawn(cmd).expect("spawn recall in a pty");
    let rx = crate::support::pty_output(&session);
    let mut raw = Vec::new();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !String::from_utf8_lossy(&raw).contains(">1y") {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        match rx.recv_timeout(left) {
            Ok(chunk) => raw.extend(chunk),
            Err(_) => panic!("no full screen in 10 s: {}", String::from_utf8_lossy(&raw)),
        }
    }
    // The last line, up to its end.
    while let Ok(chunk) = rx.recv_timeout(std::time::Duration::from_millis(300)) {
        raw.extend(chunk);
    }
    String::from_utf8_lossy(&raw).into_owned()
}

#[test]
fn a_terminal_gets_colour_unless_no_color_is_set() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let coloured = in_terminal(dir.path(), &[]);
    assert!(coloured.contains("\u{1b}[1mCards\u{1b}[0m"), "{coloured:?}");
    assert!(
        coloured.contains("\u{1b}[35m"),
        "bars in colour: {coloured:?}"
    );
    let plain = in_terminal(dir.path(), &[("NO_COLOR", "1")]);
    assert!(
        plain.contains("Cards") && plain.contains(">1y"),
        "{plain:?}"
    );
    assert!(!plain.contains('\u{1b}'), "{plain:?}");
}

#[test]
fn ids_from_the_store_are_shown_without_control_sequences() {
    let dir = tempfile::tempdir().unwrap();
    fixture(dir.path());
    let mut store = Store::open_dir(&dir.path().join("data"), "default").unwrap();
    let time = at("2026-03-09T10:00:00Z");
    let after = state(
        Phase::Review,
        "2026-03-09T10:00:00Z",
        "2026-03-12T04:00:00Z",
        9,
        3.0,
    );
    let review = Review::new(
        "evil\u{1b}]0;x\u{7}",
        "c\u{1b}[2J",
        time,
        Rating::Good,
        None,
        after,
    );
    store.record_review(&review).unwrap();
    drop(store);
    let out = stats(dir.path(), &["deck.toml"]);
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("evil/c"), "{text}");
}

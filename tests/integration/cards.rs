//! `recall card` and `recall cards` against a fixed log: a profile built by running the real
//! binary at fixed instants (two days of study, a lapse, a cram answer, an exam date).

use std::path::Path;

use serde_json::Value;

use crate::support::{log_json, run_at, sorted_keys, stdout, write};

const DECK: &str = "[deck]\ntitle = \"T\"\nid = \"caps\"\n\n\
    [[card]]\nid = \"fr\"\nfront = \"Capital of France?\"\nback = \"Paris\"\ntags = [\"europe\"]\n\n\
    [[card]]\nid = \"de\"\nfront = \"The capital of Germany\"\nback = \"Berlin\"\nreverse = true\n";
/// When the story is asked for.
pub const NOW: &str = "2026-04-05T12:00:00Z";

/// A profile whose log holds, for `caps/fr`: right twice on April 1 (a learning step, then
/// graduated), forgotten on April 4 and relearnt ten minutes later (with an exam set for
/// April 30), and a cram answer on April 5.
pub fn fixed_log(dir: &Path) {
    write(dir, "deck.toml", DECK);
    let study = |now: &str, extra: &[&str], input: &str| {
        let mut args = vec!["study", "--plain"];
        args.extend_from_slice(extra);
        args.push("deck.toml");
        let out = run_at(dir, now, &args, input);
        assert!(out.status.success(), "{out:?}");
    };
    study("2026-04-01T08:00:00Z", &["--new", "1"], "Paris\n3\n");
    study("2026-04-01T08:11:00Z", &["--new", "0"], "Paris\n3\n");
    study("2026-04-04T09:00:00Z", &["--new", "0"], "Lyon\n1\n");
    study(
        "2026-04-04T09:11:00Z",
        &["--new", "0", "--exam", "2026-04-30"],
        "Paris\n3\n",
    );
    let out = run_at(
        dir,
        "2026-04-05T10:00:00Z",
        &["cram", "--plain", "--tag", "europe", "deck.toml"],
        "Paris\n",
    );
    assert!(out.status.success(), "{out:?}");
}

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = run_at(dir, NOW, args, "");
    assert!(out.status.success(), "{out:?}");
    serde_json::from_str(&stdout(&out)).unwrap()
}

const ITEM_KEYS: [&str; 13] = [
    "buried",
    "deck",
    "due",
    "item",
    "lapses",
    "leech",
    "line",
    "path",
    "question",
    "recall",
    "reps",
    "state",
    "suspended",
];

#[test]
fn card_tells_the_story_of_an_item_from_its_log() {
    let dir = tempfile::tempdir().unwrap();
    fixed_log(dir.path());
    let stories = json(dir.path(), &["card", "caps/fr", "deck.toml", "--json"]);
    let stories = stories.as_array().unwrap();
    assert_eq!(stories.len(), 1);
    let fr = &stories[0];
    let mut want: Vec<&str> = ITEM_KEYS.to_vec();
    want.extend([
        "difficulty",
        "exam",
        "forecast",
        "recall_at_due",
        "reviews",
        "stability",
    ]);
    want.sort_unstable();
    assert_eq!(sorted_keys(fr), want);
    assert_eq!(fr["deck"], "caps");
    assert_eq!(fr["item"], "fr");
    assert_eq!(fr["path"], "deck.toml");
    assert_eq!(fr["line"], 5);
    assert_eq!(fr["question"], "Capital of France?");
    assert_eq!(fr["state"], "review");
    assert_eq!(
        (fr["lapses"].as_u64(), fr["reps"].as_u64()),
        (Some(1), Some(4))
    );
    assert_eq!(fr["exam"]["date"], "2026-04-30");

    let reviews = fr["reviews"].as_array().unwrap();
    let column = |key: &str| -> Vec<Value> { reviews.iter().map(|r| r[key].clone()).collect() };
    // Cram adds the time the answer took to its start (a few milliseconds here).
    let minutes: Vec<String> = column("time")
        .iter()
        .map(|t| t.as_str().unwrap()[..16].to_owned())
        .collect();
    assert_eq!(
        minutes,
        [
            "2026-04-01T08:00",
            "2026-04-01T08:11",
            "2026-04-04T09:00",
            "2026-04-04T09:11",
            "2026-04-05T10:00"
        ]
    );
    assert_eq!(column("rating"), [3, 3, 1, 3, 3]);
    assert_eq!(column("mode"), ["study", "study", "study", "study", "cram"]);
    assert_eq!(column("correct"), [true, true, false, true, true]);
    // A learning step (same day), two days, a relearning step, one day; cram moves nothing.
    assert_eq!(
        column("interval_days"),
        [Value::from(0), 2.into(), 0.into(), 1.into(), Value::Null]
    );
    assert_eq!(column("next_due")[4], Value::Null);
    assert_eq!(column("next_due")[1], "2026-04-03T04:00:00Z");

    // The memory is the one the log's last study answer left.
    let log = log_json(dir.path(), "default");
    let last = log.iter().rev().find(|r| r["mode"] == "study").unwrap();
    assert_eq!(fr["stability"], last["after"]["memory"]["stability"]);
    assert_eq!(fr["difficulty"], last["after"]["memory"]["difficulty"]);
    assert_eq!(fr["due"], last["after"]["due"]);

    // Recall now is today's point of the forecast, and it only falls week after week.
    let forecast = fr["forecast"].as_array().unwrap();
    assert_eq!(forecast.len(), 9);
    assert_eq!(forecast[0]["date"], "2026-04-05");
    assert_eq!(forecast[8]["days"], 56);
    assert_eq!(forecast[0]["recall"], fr["recall"]);
    let recall: Vec<f64> = forecast
        .iter()
        .map(|p| p["recall"].as_f64().unwrap())
        .collect();
    assert!(recall.windows(2).all(|w| w[1] < w[0]), "{recall:?}");
    assert!(recall[0] < 1.0 && recall[8] > 0.0, "{recall:?}");
    // The exam is 25 days on: between the third and the fourth week's points.
    let exam = fr["exam"]["recall"].as_f64().unwrap();
    assert!(recall[4] < exam && exam < recall[3], "{exam} {recall:?}");
}

#[test]
fn a_card_id_tells_every_item_and_an_unknown_id_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    fixed_log(dir.path());
    let stories = json(dir.path(), &["card", "de", "deck.toml", "--json"]);
    let items: Vec<&Value> = stories
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["item"])
        .collect();
    assert_eq!(items, ["de", "de:reverse"]);
    let never = &stories[1];
    assert_eq!(never["state"], "new");
    assert_eq!(never["question"], "Berlin");
    assert_eq!(never["reviews"], Value::Array(Vec::new()));
    assert_eq!(never["forecast"], Value::Array(Vec::new()));
    assert_eq!(never["recall"], Value::Null);

    let out = run_at(dir.path(), NOW, &["card", "caps/zz", "deck.toml"], "");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("no item or card caps/zz"),
        "{out:?}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn card_as_text_shows_the_place_the_reviews_and_a_plain_chart() {
    let dir = tempfile::tempdir().unwrap();
    fixed_log(dir.path());
    let out = run_at(dir.path(), NOW, &["card", "fr", "deck.toml"], "");
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(
        text.starts_with("caps/fr  deck.toml:5\n  Capital of France?\n"),
        "{text}"
    );
    assert!(
        text.contains("review · 5 reviews · 1 lapse · difficulty"),
        "{text}"
    );
    assert!(text.contains("· exam 2026-04-30: "), "{text}");
    assert!(
        text.contains("2026-04-04 09:00Z  Again   study  no"),
        "{text}"
    );
    assert!(
        text.contains("2026-04-05 10:00Z  Good    cram   yes      0.0s  -"),
        "{text}"
    );
    assert!(text.contains("  today     2026-04-05  |"), "{text}");
    assert!(text.contains("  +8 weeks  2026-05-31  |"), "{text}");
    assert!(
        !text.contains('\u{1b}'),
        "no colour when not a terminal: {text}"
    );
}

#[test]
fn cards_lists_every_item_with_its_place_and_filters_them() {
    let dir = tempfile::tempdir().unwrap();
    fixed_log(dir.path());
    let all = json(dir.path(), &["cards", "deck.toml", "--json"]);
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), 3);
    for item in all {
        assert_eq!(sorted_keys(item), ITEM_KEYS);
    }
    let fr = &all[0];
    assert_eq!(
        (&fr["item"], &fr["state"], &fr["line"], &fr["lapses"]),
        (&"fr".into(), &"review".into(), &5.into(), &1.into())
    );
    assert_eq!(fr["due"], "2026-04-05T04:00:00Z");
    let story = json(dir.path(), &["card", "fr", "deck.toml", "--json"]);
    assert_eq!(fr["recall"], story[0]["recall"]);
    let items = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["cards", "deck.toml", "--json"];
        full.extend_from_slice(args);
        json(dir.path(), &full)
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["item"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(items(&[]), ["fr", "de", "de:reverse"]);
    assert_eq!(items(&["--search", "BERLIN"]), ["de", "de:reverse"]);
    assert_eq!(items(&["--search", "paris"]), ["fr"]);
    assert_eq!(items(&["--tag", "europe"]), ["fr"]);
    // fr is overdue; de and de:reverse were never answered.
    assert_eq!(items(&["--due-within", "0"]), ["fr"]);
    assert_eq!(items(&["--due-within", "2w"]), ["fr"]);
    assert!(items(&["--leeches"]).is_empty());
    assert!(items(&["--suspended"]).is_empty());
    let out = run_at(dir.path(), NOW, &["suspend", "caps/de:reverse"], "");
    assert!(out.status.success(), "{out:?}");
    assert_eq!(items(&["--suspended"]), ["de:reverse"]);
    assert!(items(&["--buried"]).is_empty());

    let out = run_at(
        dir.path(),
        NOW,
        &["cards", "deck.toml", "--tag", "europe"],
        "",
    );
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(lines[1].starts_with("caps/fr "), "{text}");
    assert!(
        lines[1].contains("  review  ") && lines[1].contains("deck.toml:5"),
        "{text}"
    );
    assert_eq!(lines[2], "1 item");

    let out = run_at(dir.path(), NOW, &["cards", "--due-within", "soon"], "");
    assert_eq!(out.status.code(), Some(2), "{out:?}");
}

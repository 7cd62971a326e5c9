//! `recall retention` on the josh Anki log (12,580 reviews of 1,205 cards): minutes a day and
//! cards remembered rise with the desired retention, the JSON keys are those documented,
//! the same inputs give the same figures, and nothing is written.

use crate::reschedule::{import, json, run_when};
use crate::support::stdout;

const NOW: &str = "2024-10-07T15:00:00Z";

#[test]
fn minutes_a_day_rise_with_retention_on_the_josh_log() {
    let dir = tempfile::tempdir().unwrap();
    import(dir.path(), "josh");
    let before = std::fs::read(dir.path().join("data/josh.sqlite3")).unwrap();
    let out = run_when(
        dir.path(),
        "josh",
        NOW,
        &["retention", "deck.toml", "--json"],
    );
    let value = json(&out);
    let object = value.as_object().unwrap();
    let keys: Vec<&str> = object.keys().map(String::as_str).collect();
    let mut expected = [
        "cards",
        "horizon_days",
        "seconds_per_answer",
        "timed",
        "current",
        "choices",
        "best",
        "reason",
    ];
    expected.sort_unstable();
    let mut sorted = keys.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, expected);
    assert_eq!(value["cards"], 1205);
    assert_eq!(value["horizon_days"], 90);
    assert_eq!(value["timed"], true);
    let choices = value["choices"].as_array().unwrap();
    assert_eq!(choices.len(), 10);
    let field = |c: &serde_json::Value, k: &str| c[k].as_f64().unwrap();
    for c in choices {
        let mut keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "answers_per_day",
                "minutes_per_day",
                "remembered",
                "remembered_per_minute",
                "retention"
            ]
        );
    }
    for pair in choices.windows(2) {
        assert!(field(&pair[0], "retention") < field(&pair[1], "retention"));
        assert!(
            field(&pair[0], "minutes_per_day") < field(&pair[1], "minutes_per_day"),
            "{pair:?}"
        );
        assert!(field(&pair[0], "remembered") < field(&pair[1], "remembered"));
    }
    let best = value["best"].as_f64().unwrap();
    let top = choices
        .iter()
        .map(|c| field(c, "remembered_per_minute"))
        .fold(0.0, f64::max);
    let chosen = choices
        .iter()
        .find(|c| (field(c, "retention") - best).abs() < 1e-9)
        .unwrap();
    assert!((field(chosen, "remembered_per_minute") - top).abs() < 1e-9);
    assert!(
        value["reason"]
            .as_str()
            .unwrap()
            .starts_with(&format!("{best:.2} "))
    );
    // The table says the same, the figures do not change from run to run, nothing is written.
    let table = run_when(dir.path(), "josh", NOW, &["retention", "deck.toml"]);
    assert!(table.status.success(), "{table:?}");
    let text = stdout(&table);
    assert!(text.contains("1205 cards over 90 days"), "{text}");
    assert!(text.contains(&format!("Best: {best:.2} ")), "{text}");
    let again = run_when(
        dir.path(),
        "josh",
        NOW,
        &["retention", "deck.toml", "--json"],
    );
    assert_eq!(json(&again), value);
    let after = std::fs::read(dir.path().join("data/josh.sqlite3")).unwrap();
    assert_eq!(before, after);
}

#[test]
fn a_profile_never_used_counts_every_card_new() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::write(
        dir.path(),
        "deck.toml",
        "[deck]\ntitle = \"T\"\nid = \"t\"\n[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\n",
    );
    let out = run_when(
        dir.path(),
        "fresh",
        NOW,
        &["retention", "deck.toml", "--json"],
    );
    let value = json(&out);
    assert_eq!(value["cards"], 1);
    assert_eq!(value["timed"], false);
    assert_eq!(value["seconds_per_answer"], 8.0);
    assert!(!dir.path().join("data/fresh.sqlite3").exists());
}

#[test]
fn a_missing_deck_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_when(dir.path(), "fresh", NOW, &["retention", "missing.toml"]);
    assert!(!out.status.success());
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("missing.toml"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

//! Even days on the josh Anki log (1,205 cards): `recall break` moves the reviews out of a
//! holiday (a dry run writes nothing; nobody asked and no `--yes`, nothing either), and
//! remembers it; `easy_days` empties Sundays; a replay lands each card where the import put
//! it.

use std::path::Path;

use chrono::{DateTime, Utc};
use recall::scheduler::balance::weekday;
use recall::scheduler::days::DayClock;
use recall::store::Store;
use tempfile::TempDir;

use crate::reschedule::{import, json, run_when};
use crate::support::stdout;

/// The day after the log's last review.
const NOW: &str = "2024-10-07T15:00:00Z";

/// The learner's day of every shown card with a state.
fn due_days(dir: &Path) -> Vec<i64> {
    let store = Store::open_dir(&dir.join("data"), "default").unwrap();
    let clock = DayClock::default();
    store
        .cards("anki-import")
        .unwrap()
        .into_iter()
        .filter(|r| !r.suspended)
        .filter_map(|r| Some(clock.day_number(r.state?.due)))
        .collect()
}

fn day(s: &str) -> i64 {
    let t: DateTime<Utc> = format!("{s}T12:00:00Z").parse().unwrap();
    DayClock::default().day_number(t)
}

#[test]
fn a_break_moves_the_reviews_around_it_and_is_remembered() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    import(d, "default");
    let file = d.join("data/default.sqlite3");
    let bytes = std::fs::read(&file).unwrap();
    let (from, to) = (day("2024-10-14"), day("2024-10-20"));
    let inside = |days: &[i64]| days.iter().filter(|&&x| (from..=to).contains(&x)).count();
    let before = due_days(d);
    assert!(inside(&before) > 50, "{}", inside(&before));
    let args = |extra: &[&'static str]| {
        let mut a = vec!["break", "2024-10-14", "2024-10-20"];
        a.extend_from_slice(extra);
        a
    };

    // A dry run, as JSON and as text, writes nothing, not even the break.
    let preview = json(&run_when(
        d,
        "default",
        NOW,
        &args(&["--dry-run", "--json"]),
    ));
    let text = stdout(&run_when(d, "default", NOW, &args(&["--dry-run"])));
    assert!(text.contains("Dry run: nothing was written."), "{text}");
    assert!(text.contains("Expected recall lost: "), "{text}");
    assert!(text.contains("  Mon 2024-10-14  "), "{text}");
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    assert!(!d.join("data/default.breaks.toml").exists());
    assert_eq!(preview["moved"].as_u64().unwrap(), inside(&before) as u64);
    let (earlier, later) = (
        preview["earlier"].as_u64().unwrap(),
        preview["later"].as_u64().unwrap(),
    );
    assert!(earlier > 0 && later > 0, "{preview}");
    let lost = preview["recall_lost"].as_f64().unwrap();
    assert!(lost > 0.0 && lost <= 0.03, "{preview}");
    assert_eq!(preview["written"], false);

    // Nobody to ask and no --yes: refused, nothing written.
    let refused = run_when(d, "default", NOW, &args(&[]));
    assert_eq!(refused.status.code(), Some(2), "{refused:?}");
    assert_eq!(std::fs::read(&file).unwrap(), bytes);
    assert!(!d.join("data/default.breaks.toml").exists());

    let done = json(&run_when(d, "default", NOW, &args(&["--yes", "--json"])));
    assert_eq!(done["written"], true);
    assert_eq!(done["moved"], preview["moved"]);
    let after = due_days(d);
    assert_eq!(inside(&after), 0);
    assert_eq!(after.len(), before.len());
    // Spread: no day around the break takes more than a third of what moved.
    let on = |days: &[i64], x: i64| days.iter().filter(|&&y| y == x).count();
    let most = (from - 7..=to + 7)
        .map(|x| on(&after, x).saturating_sub(on(&before, x)))
        .max()
        .unwrap();
    assert!(most * 3 <= inside(&before), "{most}");

    // Remembered: listed, and a second run finds nothing to move.
    let list = json(&run_when(d, "default", NOW, &["break", "--list", "--json"]));
    assert_eq!(list, serde_json::json!([["2024-10-14", "2024-10-20"]]));
    let again = stdout(&run_when(d, "default", NOW, &args(&["--yes"])));
    assert!(again.contains("Nothing to move."), "{again}");
    // A replay keeps the break free where the fuzz range allows.
    let replay = json(&run_when(
        d,
        "default",
        NOW,
        &["reschedule", "--dry-run", "--json"],
    ));
    let first_day = day("2024-10-07");
    let due_after: Vec<u64> = serde_json::from_value(replay["due_after"].clone()).unwrap();
    let in_break: u64 = due_after[(from - first_day) as usize..=(to - first_day) as usize]
        .iter()
        .sum();
    assert!((in_break as usize) * 4 < inside(&before), "{in_break}");
    let cleared = stdout(&run_when(d, "default", NOW, &["break", "--clear"]));
    assert!(cleared.contains("No break is set."), "{cleared}");
    assert!(!d.join("data/default.breaks.toml").exists());
}

#[test]
fn bad_breaks_are_refused() {
    let dir = TempDir::new().unwrap();
    let d = dir.path();
    for (args, why) in [
        (
            ["break", "2024-10-20", "2024-10-14"],
            "ends before it begins",
        ),
        (["break", "2024-09-01", "2024-09-02"], "is over"),
        (["break", "2024-10-14", "2024-13-01"], "2024-13-01"),
    ] {
        let out = run_when(d, "default", NOW, &args);
        assert_eq!(out.status.code(), Some(2), "{out:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(why),
            "{out:?}"
        );
    }
}

#[test]
fn easy_days_empty_sundays_and_a_replay_lands_where_the_import_did() {
    let plain = TempDir::new().unwrap();
    import(plain.path(), "default");
    let easy = TempDir::new().unwrap();
    std::fs::write(
        easy.path().join("config.toml"),
        "easy_days = { sun = 0.0 }\n",
    )
    .unwrap();
    import(easy.path(), "default");
    let sundays = |d: &Path| {
        due_days(d)
            .into_iter()
            .filter(|&x| x > day("2024-10-07") && weekday(x) == 6)
            .count()
    };
    let (with, without) = (sundays(easy.path()), sundays(plain.path()));
    assert!(with * 3 < without, "{with} {without}");
    // The import replayed in log order against the loads, as the log's replay does.
    for d in [plain.path(), easy.path()] {
        let replay = json(&run_when(
            d,
            "default",
            NOW,
            &["reschedule", "--dry-run", "--json"],
        ));
        assert_eq!(replay["changed"], 0, "{replay}");
    }
}

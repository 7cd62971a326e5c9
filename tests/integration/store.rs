//! The progress store across processes: the library records, the `recall` binary reads,
//! exports and imports, on real SQLite files in temporary folders.

use std::path::Path;
use std::process::Output;

use chrono::{DateTime, Duration, Utc};
use recall::scheduler::{CardSeed, CardState, Rating, Scheduler, SchedulerKind, Settings};
use recall::store::schema::create_at_version;
use recall::store::{Review, SCHEMA_VERSION, Store};
use tempfile::TempDir;

use crate::support::{recall, stdout};

fn t0() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-26T09:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

/// Answers `card` of deck "d" at `time` as a session would, and records it; the review
/// carries the id it was stored under.
fn answer(store: &mut Store, card: &str, rating: Rating, time: DateTime<Utc>) -> Review {
    let scheduler = Scheduler::new(SchedulerKind::Fsrs, Settings::default()).unwrap();
    let before = store.card("d", card).unwrap().and_then(|r| r.state);
    let start = before.clone().unwrap_or_else(|| CardState::new(time));
    let after = scheduler.review(&start, rating, time, CardSeed::from_ids("d", card));
    let mut review = Review::new("d", card, time, rating, before, after);
    // Answers of one millisecond may be stored under a later id, to keep their order.
    review.id = store.record_review(&review).unwrap();
    review
}

/// Runs `recall --data-dir DATA --profile PROFILE ARGS...`.
fn run(data: &Path, profile: &str, args: &[&str]) -> Output {
    recall(data)
        .arg("--data-dir")
        .arg(data)
        .args(["--profile", profile])
        .args(args)
        .output()
        .unwrap()
}

/// The profile's log as `recall log --json` prints it, one parsed object per line.
fn log_json(data: &Path, profile: &str) -> Vec<serde_json::Value> {
    let out = run(data, profile, &["log", "--json"]);
    assert!(out.status.success(), "{out:?}");
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn store_commit_is_visible_to_another_process_while_open() {
    let data = TempDir::new().unwrap();
    let mut store = Store::open_dir(data.path(), "default").unwrap();
    let mut review = answer(&mut store, "a", Rating::Good, t0());
    review.id = recall::store::ReviewId::generate(t0() + Duration::seconds(1));
    review.time = t0() + Duration::seconds(1);
    review.card = "b".to_owned();
    review.answer = Some("Alma-Ata".to_owned());
    review.correct = Some(true);
    review.duration_ms = 2_500;
    store.record_review(&review).unwrap();

    let lines = log_json(data.path(), "default");
    assert_eq!(lines.len(), 2);
    let last = &lines[1];
    assert_eq!(last["id"], review.id.to_string());
    assert_eq!(last["time"], "2026-11-26T09:00:01.000Z");
    assert_eq!(last["deck"], "d");
    assert_eq!(last["card"], "b");
    assert_eq!(last["rating"], 3);
    assert_eq!(last["mode"], "study");
    assert_eq!(last["correct"], true);
    assert_eq!(last["answer"], "Alma-Ata");
    assert_eq!(last["duration_ms"], 2500);
    assert_eq!(lines[0]["correct"], serde_json::Value::Null);
    drop(store);
}

#[test]
fn store_log_prints_text_newest_last_and_honours_limit_and_env() {
    let data = TempDir::new().unwrap();
    let mut store = Store::open_dir(data.path(), "ana").unwrap();
    answer(&mut store, "first", Rating::Again, t0());
    answer(
        &mut store,
        "second",
        Rating::Easy,
        t0() + Duration::minutes(1),
    );
    let out = recall(data.path())
        .env("RECALL_DATA_DIR", data.path())
        .args(["log", "--profile", "ana", "--limit", "1"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        "2026-11-26 09:01:00Z  Easy   study  d/second\n"
    );
    let all = stdout(&run(data.path(), "ana", &["log"]));
    assert!(
        all.starts_with("2026-11-26 09:00:00Z  Again  study  d/first\n"),
        "{all}"
    );
    // Another profile is another learner; reading it creates nothing.
    assert_eq!(stdout(&run(data.path(), "ben", &["log"])), "");
    assert!(!data.path().join("ben.sqlite3").exists());
}

#[test]
fn store_concurrent_writers_lose_no_review() {
    const EACH: usize = 60;
    let data = TempDir::new().unwrap();
    Store::open_dir(data.path(), "default").unwrap();

    // Files for two importing processes, made in a scratch profile of another folder.
    let scratch = TempDir::new().unwrap();
    let mut files = Vec::new();
    let mut source = Store::open_dir(scratch.path(), "scratch").unwrap();
    for i in 0..2 * EACH {
        let card = format!("imported-{i}");
        let minutes = i64::try_from(i).unwrap();
        answer(
            &mut source,
            &card,
            Rating::Good,
            t0() + Duration::minutes(minutes),
        );
    }
    for (i, review) in source.latest_reviews(None).unwrap().iter().enumerate() {
        let path = scratch.path().join(format!("p{}-{i:03}.jsonl", i % 2));
        let line = serde_json::to_string(&recall::store::ReviewLine::from(review)).unwrap();
        std::fs::write(&path, line + "\n").unwrap();
        files.push(path);
    }

    let children: Vec<_> = (0..2)
        .map(|p| {
            let mine: Vec<_> = files
                .iter()
                .filter(|f| {
                    f.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with(&format!("p{p}"))
                })
                .cloned()
                .collect();
            let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_recall"));
            cmd.arg("--data-dir")
                .arg(data.path())
                .arg("import-progress")
                .args(mine)
                .stdout(std::process::Stdio::null());
            cmd.spawn().unwrap()
        })
        .collect();
    let threads: Vec<_> = (0..2)
        .map(|t| {
            let dir = data.path().to_path_buf();
            std::thread::spawn(move || {
                let mut store = Store::open_dir(&dir, "default").unwrap();
                for i in 0..EACH {
                    let card = format!("thread-{t}-{i}");
                    let minutes = i64::try_from(i).unwrap();
                    answer(
                        &mut store,
                        &card,
                        Rating::Good,
                        t0() + Duration::minutes(minutes),
                    );
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let store = Store::open_dir(data.path(), "default").unwrap();
    assert_eq!(
        store.review_count().unwrap(),
        u64::try_from(4 * EACH).unwrap()
    );
    assert_eq!(log_json(data.path(), "default").len(), 4 * EACH);
}

#[test]
fn store_every_earlier_schema_version_is_migrated() {
    for version in 1..SCHEMA_VERSION {
        let data = TempDir::new().unwrap();
        let path = data.path().join("default.sqlite3");
        {
            let conn = rusqlite::Connection::open(&path).unwrap();
            create_at_version(&conn, version).unwrap();
        }
        let out = run(data.path(), "default", &["log"]);
        assert!(out.status.success(), "from version {version}: {out:?}");
        let conn = rusqlite::Connection::open(&path).unwrap();
        let now: u32 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(now, SCHEMA_VERSION);
    }
}

#[test]
fn store_newer_or_garbage_files_are_refused_untouched() {
    let data = TempDir::new().unwrap();
    let path = data.path().join("default.sqlite3");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        create_at_version(&conn, SCHEMA_VERSION).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
            .unwrap();
    }
    let newer = std::fs::read(&path).unwrap();
    let out = run(data.path(), "default", &["log"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("newer recall"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), newer);

    let garbage: Vec<u8> = (0..4096u32).map(|i| (i * 31 % 256) as u8).collect();
    std::fs::write(&path, &garbage).unwrap();
    let out = run(data.path(), "default", &["import-progress", "/nonexistent"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a recall progress database"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), garbage);
}

#[test]
fn store_undo_takes_back_the_last_answers() {
    let data = TempDir::new().unwrap();
    let mut store = Store::open_dir(data.path(), "default").unwrap();
    let first = answer(&mut store, "a", Rating::Good, t0());
    let second = answer(&mut store, "a", Rating::Again, t0() + Duration::days(3));
    let third = answer(&mut store, "b", Rating::Easy, t0() + Duration::days(3));
    store.undo(third.id).unwrap();
    store.undo(second.id).unwrap();
    drop(store);
    let store = Store::open_dir(data.path(), "default").unwrap();
    assert_eq!(
        store.card("d", "a").unwrap().unwrap().state,
        Some(first.after)
    );
    assert_eq!(store.card("d", "b").unwrap().unwrap().state, None);
    let ids: Vec<_> = log_json(data.path(), "default")
        .iter()
        .map(|l| l["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids, [first.id.to_string()]);
}

#[test]
fn store_exported_logs_merge_into_identical_profiles() {
    let data = TempDir::new().unwrap();
    {
        let mut laptop = Store::open_dir(data.path(), "laptop").unwrap();
        let mut desktop = Store::open_dir(data.path(), "desktop").unwrap();
        answer(&mut laptop, "a", Rating::Good, t0());
        answer(&mut desktop, "a", Rating::Hard, t0() + Duration::hours(2));
        answer(&mut laptop, "b", Rating::Again, t0() + Duration::days(1));
        answer(&mut desktop, "c", Rating::Easy, t0() + Duration::days(1));
        answer(&mut laptop, "a", Rating::Good, t0() + Duration::days(4));
    }
    let to_desktop = data.path().join("laptop.jsonl");
    let to_laptop = data.path().join("desktop.jsonl");
    let to_desktop_arg = to_desktop.to_str().unwrap();
    let to_laptop_arg = to_laptop.to_str().unwrap();
    assert!(
        run(data.path(), "laptop", &["export-progress", to_desktop_arg])
            .status
            .success()
    );
    assert!(
        run(data.path(), "desktop", &["export-progress", to_laptop_arg])
            .status
            .success()
    );
    let out = run(data.path(), "laptop", &["import-progress", to_laptop_arg]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        stdout(&out).contains("2 reviews, 2 new"),
        "{}",
        stdout(&out)
    );
    let out = run(data.path(), "desktop", &["import-progress", to_desktop_arg]);
    assert!(out.status.success(), "{out:?}");

    let laptop_log = log_json(data.path(), "laptop");
    assert_eq!(laptop_log.len(), 5);
    assert_eq!(laptop_log, log_json(data.path(), "desktop"));
    let laptop = Store::open_dir(data.path(), "laptop").unwrap();
    let desktop = Store::open_dir(data.path(), "desktop").unwrap();
    for card in ["a", "b", "c"] {
        let l = laptop.card("d", card).unwrap().unwrap().state;
        assert!(l.is_some());
        assert_eq!(
            l,
            desktop.card("d", card).unwrap().unwrap().state,
            "card {card}"
        );
    }

    // Importing again, or the laptop's own export, adds nothing and changes nothing.
    let out = run(
        data.path(),
        "laptop",
        &["import-progress", to_laptop_arg, to_desktop_arg],
    );
    assert!(
        stdout(&out).contains("2 reviews, 0 new; 0 cards rescheduled"),
        "{}",
        stdout(&out)
    );
    assert!(
        stdout(&out).contains("3 reviews, 0 new; 0 cards rescheduled"),
        "{}",
        stdout(&out)
    );
    assert_eq!(log_json(data.path(), "laptop"), laptop_log);
}

#[test]
fn store_a_file_with_a_bad_line_imports_nothing() {
    let data = TempDir::new().unwrap();
    let scratch = TempDir::new().unwrap();
    let mut other = Store::open_dir(scratch.path(), "other").unwrap();
    answer(&mut other, "a", Rating::Good, t0());
    answer(&mut other, "b", Rating::Good, t0());
    let export = scratch.path().join("other.jsonl");
    let out = run(
        scratch.path(),
        "other",
        &["export-progress", export.to_str().unwrap()],
    );
    assert!(out.status.success());
    assert_eq!(
        stdout(&out),
        format!("exported 2 reviews to {}\n", export.display())
    );
    let good = std::fs::read_to_string(&export).unwrap();
    let bad = scratch.path().join("bad.jsonl");
    std::fs::write(&bad, format!("{good}{{\"id\": \"nope\"}}\n")).unwrap();

    let out = run(
        data.path(),
        "default",
        &["import-progress", bad.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.jsonl:3: "), "{err}");
    assert!(err.contains("not imported (1 bad line)"), "{err}");
    assert!(log_json(data.path(), "default").is_empty());
}

#[test]
fn store_export_replaces_the_file_whole_and_leaves_no_temporary_file() {
    let data = TempDir::new().unwrap();
    let mut store = Store::open_dir(data.path(), "default").unwrap();
    let review = answer(&mut store, "a", Rating::Good, t0());
    let out_dir = TempDir::new().unwrap();
    let file = out_dir.path().join("progress.jsonl");
    std::fs::write(
        &file,
        "an older export, much longer than the new one\n".repeat(100),
    )
    .unwrap();
    let out = run(
        data.path(),
        "default",
        &["export-progress", file.to_str().unwrap()],
    );
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(&file).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert!(
        text.starts_with(&format!("{{\"id\":\"{}\"", review.id)),
        "{text}"
    );
    let names: Vec<_> = std::fs::read_dir(out_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["progress.jsonl"]);

    // A folder that does not exist: an error, and nothing is written anywhere.
    let missing = out_dir.path().join("no/such/folder/progress.jsonl");
    let out = run(
        data.path(),
        "default",
        &["export-progress", missing.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(!missing.exists());
}

#[test]
fn store_an_import_killed_midway_keeps_all_or_nothing() {
    let scratch = TempDir::new().unwrap();
    let mut source = Store::open_dir(scratch.path(), "source").unwrap();
    let scheduler = Scheduler::new(SchedulerKind::Fsrs, Settings::default()).unwrap();
    let reviews: Vec<Review> = (0..20_000)
        .map(|i| {
            let time = t0() + Duration::seconds(i);
            let after = scheduler.review(&CardState::new(time), Rating::Good, time, CardSeed(0));
            Review::new("d", &format!("c{i}"), time, Rating::Good, None, after)
        })
        .collect();
    source.record_batch(reviews).unwrap();
    let file = scratch.path().join("big.jsonl");
    let out = run(
        scratch.path(),
        "source",
        &["export-progress", file.to_str().unwrap()],
    );
    assert!(out.status.success());

    let data = TempDir::new().unwrap();
    let answered = {
        let mut store = Store::open_dir(data.path(), "default").unwrap();
        answer(
            &mut store,
            "mine",
            Rating::Good,
            t0() - Duration::minutes(1),
        )
    };
    for delay_ms in [5, 50, 200] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_recall"))
            .arg("--data-dir")
            .arg(data.path())
            .arg("import-progress")
            .arg(&file)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL on Unix
        let _ = child.wait();
        let store = Store::open_dir(data.path(), "default").unwrap();
        let count = store.review_count().unwrap();
        assert!(
            count == 1 || count == 20_001,
            "{count} reviews after a kill"
        );
        assert_eq!(store.latest_reviews(None).unwrap()[0].id, answered.id);
        let check: String = store
            .sqlite()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
    }
}

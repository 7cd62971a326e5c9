//! Inputs with bounds and clear refusals: a FIFO among deck files, inputs that never end,
//! an exam date centuries away, a "now" before 1970, a config setting outside any profile,
//! and Anki review logs with quoting, a byte-order mark and a row from before 1970.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use crate::fixtures::{copy_fixture, fixture};
use crate::support::{recall, stdout, write};

const NOW: &str = "2026-04-02T08:00:00Z";
fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    recall(dir)
        .env("RECALL_NOW", NOW)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .args(args)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_fifo_named_toml_is_passed_over_in_a_folder_and_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture(dir.path(), "france", "decks/capitals.toml");
    let fifo = dir.path().join("decks/pipe.toml");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let out = run(dir.path(), &["check", "decks"]);
    assert!(out.status.success(), "{out:?}");
    assert!(stderr(&out).contains("checked 1 deck file"), "{out:?}");
    let out = run(dir.path(), &["check", "decks/pipe.toml"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(stdout(&out).contains("is not a regular file"), "{out:?}");
    let out = run(dir.path(), &["study", "--plain", "decks/pipe.toml"]);
    assert_ne!(out.status.code(), Some(0), "{out:?}");
}

#[test]
fn inputs_that_never_end_are_refused() {
    let dir = fixture("france");
    for args in [
        &["check", "--source", "/dev/zero", "deck.toml"][..],
        &["import-progress", "/dev/zero"][..],
        &["import-revlog", "/dev/zero"][..],
    ] {
        let out = run(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
        assert!(
            stderr(&out).contains("/dev/zero: is a device"),
            "{args:?}: {out:?}"
        );
    }
    let out = recall(dir.path())
        .env("RECALL_CONFIG", "/dev/zero")
        .env("RECALL_DATA_DIR", dir.path().join("data"))
        .args(["config"])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        stderr(&out).contains("is a device, not a config file"),
        "{out:?}"
    );
}

#[test]
fn an_exam_date_centuries_away_is_refused_and_nothing_remembered() {
    let dir = fixture("france");
    for args in [
        &["plan", "--exam", "9999-12-31", "deck.toml"][..],
        &["study", "--plain", "--exam", "9999-12-31", "deck.toml"][..],
    ] {
        let out = run(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(
            stderr(&out).contains("more than five years away: give a date by 2031-04-03"),
            "{out:?}"
        );
    }
    let out = run(dir.path(), &["plan", "deck.toml"]);
    assert!(!stdout(&out).contains("9999"), "not remembered: {out:?}");
}

#[test]
fn a_now_before_1970_is_refused_before_any_question() {
    let dir = fixture("france");
    let out = recall(dir.path())
        .env("RECALL_NOW", "1969-07-20T20:17:00Z")
        .env("RECALL_DATA_DIR", dir.path().join("data"))
        .args(["study", "--plain", "deck.toml"])
        .write_stdin("Paris\n\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr(&out).contains("outside the years recall keeps (1970 to 8999)"),
        "{out:?}"
    );
    assert!(!stdout(&out).contains("Q: "), "{out:?}");
}

#[test]
fn a_setting_outside_a_profile_table_is_reported_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "config.toml",
        "new_per_day = 5\n[profile]\nx = 1\n",
    );
    let out = recall(dir.path())
        .env("RECALL_CONFIG", dir.path().join("config.toml"))
        .env("RECALL_DATA_DIR", dir.path().join("data"))
        .args(["config"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr(&out).contains("config.toml:3:5: error: `profile.x` must be a table"),
        "{out:?}"
    );
}

#[test]
fn an_anki_log_with_quotes_a_bom_and_a_row_before_1970_imports_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "log.csv",
        "\u{feff}card_id,review_rating,review_time,review_duration\r\n\
         \"17, \"\"basic\"\"\",3,2024-03-29T20:32:32Z,\"1500\"\r\n\
         18,3,1969-12-31T23:59:59Z,100\r\n\
         19,1,2024-03-30T20:32:32Z,100\r\n",
    );
    let out = run(dir.path(), &["import-revlog", "log.csv"]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        stderr(&out).contains("log.csv:3: review_time \"1969-12-31T23:59:59Z\" is before 1970"),
        "{out:?}"
    );
    assert!(stdout(&out).contains("2 reviews of 2 cards"), "{out:?}");
    assert!(stdout(&out).contains("1 row skipped"), "{out:?}");
}

#[test]
fn a_profile_that_is_a_link_in_a_loop_is_an_error_not_an_empty_profile() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    std::os::unix::fs::symlink("default.sqlite3", dir.path().join("data/default.sqlite3")).unwrap();
    for args in [&["stats"][..], &["log"][..]] {
        let out = run(dir.path(), args);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {out:?}");
        assert!(
            stderr(&out).contains("default.sqlite3: Too many levels of symbolic links"),
            "{out:?}"
        );
    }
}

/// A progress database that can only be read is refused before the first question, not at
/// the first answer. As root (who may write any file) the session runs as `nobody`, through
/// `setpriv`, on a profile that user owns but may not write.
#[test]
fn a_read_only_database_is_refused_before_the_first_question() {
    let dir = fixture("france");
    assert!(
        run(dir.path(), &["study", "--plain", "deck.toml"])
            .status
            .success()
    );
    let db = dir.path().join("data/default.sqlite3");
    let uid = Command::new("id").arg("-u").output().unwrap();
    let root = String::from_utf8_lossy(&uid.stdout).trim() == "0";
    let mut cmd = if root {
        for entry in walk(dir.path()) {
            std::os::unix::fs::chown(&entry, Some(65534), Some(65534)).unwrap();
        }
        let mut cmd = Command::new("setpriv");
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_recall"));
        cmd
    } else {
        Command::new(env!("CARGO_BIN_EXE_recall"))
    };
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
    let out = cmd
        .current_dir(dir.path())
        .env("RECALL_NOW", "2026-04-09T08:00:00Z")
        .env("RECALL_DATA_DIR", dir.path().join("data"))
        .env("RECALL_CONFIG", dir.path().join("no-config.toml"))
        .env("NO_COLOR", "1")
        .args(["study", "--plain", "deck.toml"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(
        stderr(&out).contains("can only be read: your answers could not be saved"),
        "{out:?}"
    );
    assert!(!stdout(&out).contains("Q: "), "{out:?}");
}

/// `dir` and everything under it.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut all = vec![dir.to_path_buf()];
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            all.extend(walk(&path));
        } else {
            all.push(path);
        }
    }
    all
}

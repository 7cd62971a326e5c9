//! A damaged progress database: refused before anything is written to it, and `recall repair`
//! saving what can be read into a new file.

use std::path::{Path, PathBuf};
use std::process::Output;

use rusqlite::{Connection, OpenFlags};

use crate::support::{generated_deck, recall, stdout, write};

const PAGE: u64 = 4096;

/// `recall study --plain --mode flip --new 400 big.toml` at `now`, answering `answers` cards
/// Good.
fn study(dir: &Path, now: &str, answers: usize) -> Output {
    recall(dir)
        .env("RECALL_NOW", now)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .args([
            "study", "--plain", "--mode", "flip", "--new", "400", "big.toml",
        ])
        .write_stdin("\n3\n".repeat(answers))
        .output()
        .unwrap()
}

fn run(dir: &Path, args: &[&str]) -> Output {
    recall(dir)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .args(args)
        .output()
        .unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A profile with 400 answers, all in the database file (the session closed it).
fn studied() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "big.toml", generated_deck("big", 400));
    let out = study(dir.path(), "2026-03-10T10:00:00Z", 400);
    assert!(out.status.success(), "{out:?}");
    assert!(
        stdout(&out).contains("Studied 400 cards"),
        "{}",
        stdout(&out)
    );
    let file = dir.path().join("data/default.sqlite3");
    assert!(!dir.path().join("data/default.sqlite3-wal").exists());
    (dir, file)
}

fn read_only(file: &Path) -> Connection {
    Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap()
}

fn integrity(file: &Path) -> String {
    read_only(file)
        .query_row("PRAGMA integrity_check(1)", [], |r| r.get(0))
        .unwrap_or_else(|e| e.to_string())
}

/// Flips one byte in a leaf page of the card table's unique index, trying one place after
/// another until `PRAGMA integrity_check` objects.
fn flip_an_index_byte(file: &Path) {
    let page: u32 = read_only(file)
        .query_row(
            "SELECT pageno FROM dbstat WHERE name = 'sqlite_autoindex_card_1' \
             AND pagetype = 'leaf' ORDER BY pageno LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let sound = std::fs::read(file).unwrap();
    for offset in (PAGE / 2..PAGE).rev().step_by(97) {
        let mut bytes = sound.clone();
        let at = usize::try_from((u64::from(page) - 1) * PAGE + offset).unwrap();
        bytes[at] ^= 1;
        std::fs::write(file, &bytes).unwrap();
        if integrity(file) != "ok" {
            return;
        }
    }
    panic!("no flipped byte of page {page} made integrity_check object");
}

fn review_count(file: &Path) -> i64 {
    read_only(file)
        .query_row("SELECT count(*) FROM review", [], |r| r.get(0))
        .unwrap()
}

/// The files of the data folder other than the profile's database.
fn kept_beside(dir: &Path) -> Vec<PathBuf> {
    let mut kept: Vec<PathBuf> = std::fs::read_dir(dir.join("data"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            name.starts_with("default.sqlite3.damaged-") && !name.ends_with("-wal")
        })
        .collect();
    kept.sort();
    kept
}

/// The session refuses with a message naming `recall repair`, non-zero, the file untouched.
fn assert_refused(dir: &Path, file: &Path) {
    let damaged = std::fs::read(file).unwrap();
    let out = study(dir, "2026-03-25T10:00:00Z", 5);
    let err = stderr(&out);
    assert!(!out.status.success(), "{out:?}");
    assert!(err.contains("damaged"), "{err}");
    assert!(err.contains("recall repair"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(
        std::fs::read(file).unwrap(),
        damaged,
        "the damaged file was written to"
    );
}

#[test]
fn damage_a_flipped_index_byte_is_refused_and_repaired() {
    let (dir, file) = studied();
    flip_an_index_byte(&file);
    assert_refused(dir.path(), &file);
    let damaged = std::fs::read(&file).unwrap();

    let out = run(dir.path(), &["repair"]);
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(text.contains("400 reviews"), "{text}");
    let kept = kept_beside(dir.path());
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), damaged);
    assert_eq!(integrity(&file), "ok");
    assert_eq!(review_count(&file), 400);

    // The repaired profile studies again, its cards' states rebuilt from the log.
    let out = study(dir.path(), "2026-03-25T10:00:00Z", 5);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("Studied 5 cards"), "{}", stdout(&out));
    assert_eq!(review_count(&file), 405);
    let out = run(dir.path(), &["repair"]);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("no damage"), "{}", stdout(&out));
    assert_eq!(kept_beside(dir.path()).len(), 1);
}

#[test]
fn damage_a_file_cut_short_is_refused_at_open_and_repaired() {
    let (dir, file) = studied();
    let len = std::fs::metadata(&file).unwrap().len();
    let handle = std::fs::OpenOptions::new().write(true).open(&file).unwrap();
    handle.set_len(len - 100).unwrap();
    drop(handle);
    assert_refused(dir.path(), &file);

    let out = run(dir.path(), &["repair"]);
    assert!(out.status.success(), "{out:?}");
    let text = stdout(&out);
    assert!(text.contains("reviews"), "{text}");
    assert_eq!(kept_beside(dir.path()).len(), 1);
    assert_eq!(integrity(&file), "ok");
    let saved = review_count(&file);
    assert!(
        saved > 0 && text.contains(&format!("{saved} review")),
        "{text}"
    );
}

#[test]
fn damage_repair_of_a_sound_profile_changes_nothing() {
    let (dir, file) = studied();
    let sound = std::fs::read(&file).unwrap();
    let out = run(dir.path(), &["repair"]);
    assert!(out.status.success(), "{out:?}");
    assert!(stdout(&out).contains("no damage"), "{}", stdout(&out));
    assert_eq!(std::fs::read(&file).unwrap(), sound);
    assert!(kept_beside(dir.path()).is_empty());
}

/// Runs a session that acknowledges five answers, then loses its write-ahead log (deleted;
/// or, with `replace`, deleted and another file put in its place) and is given a sixth.
/// Returns whether it stopped by itself, and its stderr.
fn session_losing_its_log(dir: &Path, replace: bool) -> (Option<std::process::ExitStatus>, String) {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Stdio;
    write(dir, "big.toml", generated_deck("big", 50));
    let args = ["study", "--plain", "--mode", "flip", "big.toml"];
    let mut session = crate::support::piped(dir, "2026-03-10T10:00:00Z", &args)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = session.stdin.take().unwrap();
    let mut lines = BufReader::new(session.stdout.take().unwrap()).lines();
    let mut next_question = || {
        for line in lines.by_ref() {
            if line.unwrap().starts_with("Q: ") {
                return;
            }
        }
        panic!("no next question");
    };
    next_question();
    for _ in 0..5 {
        stdin.write_all(b"\n3\n").unwrap();
        // The next question on screen: the answer was acknowledged.
        next_question();
    }
    let log = dir.join("data/default.sqlite3-wal");
    std::fs::remove_file(&log).unwrap();
    if replace {
        std::fs::write(&log, b"").unwrap();
    }
    stdin.write_all(b"\n3\n").unwrap();
    let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(status) = session.try_wait().unwrap() {
            break Some(status);
        }
        if std::time::Instant::now() > until {
            break None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let _ = session.kill();
    let _ = session.wait();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut session.stderr.take().unwrap(), &mut err).unwrap();
    (status, err)
}

/// The write-ahead log deleted under a running session (a sync or cleaning tool): the next
/// answer stops the session with a message instead of being acknowledged, and the answers
/// acknowledged before are in the database once the session is gone.
#[test]
fn damage_a_log_deleted_under_a_session_stops_it_and_keeps_what_was_answered() {
    let dir = tempfile::tempdir().unwrap();
    let (status, err) = session_losing_its_log(dir.path(), false);
    let status = status.expect("the session went on without its log");
    assert!(!status.success());
    assert!(err.contains("write-ahead log"), "{err}");
    assert!(err.contains("sync or cleaning tool"), "{err}");
    assert!(err.contains("are saved in the database file"), "{err}");
    assert_eq!(review_count(&dir.path().join("data/default.sqlite3")), 5);
}

/// Another file put in place of the log: the session stops before its next write.
#[test]
fn damage_a_log_replaced_under_a_session_stops_it() {
    let dir = tempfile::tempdir().unwrap();
    let (status, err) = session_losing_its_log(dir.path(), true);
    let status = status.expect("the session went on with another log");
    assert!(!status.success());
    assert!(err.contains("deleted or replaced"), "{err}");
    assert!(err.contains("may be lost"), "{err}");
}

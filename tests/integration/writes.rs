//! Files recall writes for the learner (`export-progress`, `quiz --results`): a symbolic
//! link is written through to its target, a FIFO or a folder is refused and left as it is,
//! and a place that cannot be written is refused before a quiz is taken, not after.

use std::path::Path;
use std::process::Command;

use crate::fixtures::copy_fixture;
use crate::support::{stdout, write};

const NOW: &str = "2026-04-02T08:00:00Z";

fn run(dir: &Path, args: &[&str], input: &str) -> std::process::Output {
    crate::support::run_at(dir, NOW, args, input)
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

fn is_fifo(path: &Path) -> bool {
    let meta = std::fs::symlink_metadata(path).unwrap();
    std::os::unix::fs::FileTypeExt::is_fifo(&meta.file_type())
}

/// A profile with one answer, so an export has a line to write.
fn one_answer(dir: &Path) {
    copy_fixture(dir, "france", "deck.toml");
    let out = run(dir, &["study", "--plain", "deck.toml"], "\n3\n");
    assert!(out.status.success(), "{out:?}");
}

#[test]
fn an_export_through_a_link_replaces_the_target_and_keeps_the_link() {
    let dir = tempfile::tempdir().unwrap();
    one_answer(dir.path());
    write(dir.path(), "real.jsonl", "old\n");
    std::os::unix::fs::symlink("real.jsonl", dir.path().join("link.jsonl")).unwrap();
    let out = run(dir.path(), &["export-progress", "link.jsonl"], "");
    assert!(out.status.success(), "{out:?}");
    let link = std::fs::symlink_metadata(dir.path().join("link.jsonl")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is still a link");
    let real = std::fs::read_to_string(dir.path().join("real.jsonl")).unwrap();
    assert_eq!(real.lines().count(), 1, "{real}");
    assert!(real.contains("\"card\":\"fr\""), "{real}");
}

#[test]
fn an_export_or_results_to_a_fifo_or_folder_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    one_answer(dir.path());
    mkfifo(&dir.path().join("pipe.jsonl"));
    mkfifo(&dir.path().join("pipe.json"));
    std::fs::create_dir(dir.path().join("folder.json")).unwrap();
    for (args, says) in [
        (
            &["export-progress", "pipe.jsonl"][..],
            "pipe.jsonl: is a FIFO",
        ),
        (
            &["quiz", "--plain", "deck.toml", "--results", "pipe.json"][..],
            "pipe.json: is a FIFO",
        ),
        (
            &["quiz", "--plain", "deck.toml", "--results", "folder.json"][..],
            "folder.json: is a folder",
        ),
    ] {
        let out = run(dir.path(), args, "Paris\n");
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says), "{args:?}: {err}");
        assert!(
            !stdout(&out).contains("Q: "),
            "refused before any question: {out:?}"
        );
    }
    assert!(is_fifo(&dir.path().join("pipe.jsonl")) && is_fifo(&dir.path().join("pipe.json")));
    assert!(dir.path().join("folder.json").is_dir());
}

#[test]
fn results_into_a_missing_folder_are_refused_before_the_quiz() {
    let dir = tempfile::tempdir().unwrap();
    one_answer(dir.path());
    let out = run(
        dir.path(),
        &[
            "quiz",
            "--plain",
            "deck.toml",
            "--results",
            "no/such/r.json",
        ],
        "Paris\n",
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("its folder does not exist"));
    assert!(!stdout(&out).contains("Q: "), "no question asked: {out:?}");
}

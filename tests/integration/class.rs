//! The class loop through the real binary: a printed quiz is the quiz its seed asks, its key
//! scores full marks, printing opens no profile; `recall results` over a class's files.

use crate::quiz::{DECK, quiz};
use crate::support::{stdout, write};

/// A printed question: its prompt and its options, as the quiz shows them.
type Shown = (String, Vec<String>);

/// Markdown as plain text: the backslashes that escape markup dropped.
fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            out.extend(chars.next());
        } else {
            out.push(c);
        }
    }
    out
}

/// The questions of `recall quiz --print` in Markdown, and the key's lines.
fn printed(text: &str) -> (Vec<Shown>, Vec<String>) {
    let (paper, key) = text.split_once("## Answer key").unwrap_or((text, ""));
    let mut questions: Vec<Shown> = Vec::new();
    for line in paper.lines() {
        if let Some((n, rest)) = line.split_once(". ")
            && n.parse::<usize>().is_ok()
        {
            questions.push((unescape(rest), Vec::new()));
        } else if let Some(option) = line.strip_prefix("   - ")
            && let Some((_, text)) = option.split_once(") ")
        {
            questions.last_mut().unwrap().1.push(unescape(text));
        }
    }
    let key = key
        .lines()
        .filter_map(|l| l.split_once(". "))
        .filter(|(n, _)| n.parse::<usize>().is_ok())
        .map(|(_, k)| unescape(k))
        .collect();
    (questions, key)
}

/// The questions of a plain quiz's output.
fn asked(text: &str) -> Vec<Shown> {
    let mut questions: Vec<Shown> = Vec::new();
    for line in text.lines() {
        if let Some(p) = line
            .strip_prefix("Q: ")
            .or_else(|| line.strip_prefix("True or false: "))
        {
            questions.push((p.to_owned(), Vec::new()));
        } else if let Some((n, option)) = line.trim_start().split_once(") ")
            && n.parse::<usize>().is_ok()
            && line.starts_with("  ")
        {
            questions.last_mut().unwrap().1.push(option.to_owned());
        }
    }
    questions
}

/// A key line as the answer line the plain quiz takes: letters become numbers.
fn reply(key: &str) -> String {
    let (answer, _) = key.split_once(" (").unwrap_or((key, ""));
    let letters: Option<Vec<String>> = answer
        .split(' ')
        .map(|l| match l.as_bytes() {
            [c @ b'A'..=b'Z'] => Some((c - b'A' + 1).to_string()),
            _ => None,
        })
        .collect();
    match letters {
        Some(numbers) if key.contains(" (") => numbers.join(" "),
        _ => answer.to_owned(),
    }
}

#[test]
fn the_printed_quiz_is_the_one_its_seed_asks_and_its_key_scores_full_marks() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "deck.toml", DECK);
    for seed in ["1", "2026", "77"] {
        let args = ["--seed", seed, "--count", "8"];
        let out = quiz(dir.path(), &[&args[..], &["--print", "--answers"]].concat())
            .env("RECALL_DATA_DIR", dir.path().join("printer"))
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let (paper, key) = printed(&stdout(&out));
        assert_eq!(paper.len(), 8, "{}", stdout(&out));
        assert_eq!(key.len(), 8);
        assert!(
            !dir.path().join("printer").exists(),
            "printing opened a profile"
        );
        let taken = quiz(dir.path(), &args)
            .write_stdin("\n".repeat(8))
            .output()
            .unwrap();
        assert_eq!(asked(&stdout(&taken)), paper, "seed {seed}");
        // The key, answered into the quiz, is right on every question.
        let replies: String = key.iter().map(|k| reply(k) + "\n").collect();
        let out = quiz(dir.path(), &args)
            .write_stdin(replies)
            .output()
            .unwrap();
        let text = stdout(&out);
        assert!(text.contains("Score: 8 of 8 (100%)"), "{key:?}\n{text}");
    }
}

#[test]
fn html_prints_one_page_with_no_script_and_markdown_without_a_key_has_none() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "deck.toml", DECK);
    let out = quiz(dir.path(), &["--seed", "5", "--print", "--format", "html"])
        .output()
        .unwrap();
    let page = stdout(&out);
    assert!(page.starts_with("<!DOCTYPE html>"), "{page}");
    assert!(page.contains("@media print"));
    for absent in ["<script", "src=", "href=", "Answer key"] {
        assert!(!page.contains(absent), "{absent}");
    }
    let out = quiz(dir.path(), &["--seed", "5", "--print"])
        .output()
        .unwrap();
    let text = stdout(&out);
    assert!(text.contains("Seed 5 · 8 questions · 2026-04-02"), "{text}");
    assert!(!text.contains("Answer key"));
    // --answers and --format belong to --print; --print writes no results.
    for args in [
        &["--answers"][..],
        &["--format", "html"],
        &["--print", "--results", "r.json"],
    ] {
        let out = quiz(dir.path(), args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
    }
    assert!(!dir.path().join("data").exists());
}

//! The class loop through the real binary: a printed quiz is the quiz its seed asks, its key
//! scores full marks, printing opens no profile; `recall results` over a class's files.

use std::path::Path;

use crate::fixtures::{copy_fixture, fixture};
use crate::quiz::{DECK, dry_run, options, quiz, right_reply};
use crate::support::{recall, stdout, write};

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
    let dir = fixture("quiz");
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
    let dir = fixture("quiz");
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
    assert!(
        text.contains("`recall quiz deck.toml --seed 5 --count 20`"),
        "{text}"
    );
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

/// Students in the simulated class, and the quiz they all take.
const STUDENTS: usize = 22;
const SEED: &str = "4242";
const COUNT: usize = 8;

/// Whether student `s` answers question `q` right: stronger students (higher `s`) get more
/// right, harder questions (higher `q`) fewer, with a scatter so that each question is missed
/// by some and got by others.
fn scripted(s: usize, q: usize) -> bool {
    (s * 37 + q * 11 + s * q * 5) % 23 < s + 4 - q.min(s / 3)
}

/// A wrong reply to a question block, and whether it picks an option (the number).
fn wrong_reply(block: &str, right: &str, s: usize) -> String {
    let shown = options(block);
    if block.contains("True or false: ") {
        return if right == "true" { "false" } else { "true" }.to_owned();
    }
    if block.contains("(answer with the numbers in order") {
        return right.split(' ').rev().collect::<Vec<_>>().join(" ");
    }
    if !shown.is_empty() {
        // Always the first wrong option, so one wrong option draws every wrong pick.
        let wrong = shown.iter().position(|o| o != right).unwrap();
        return (wrong + 1).to_string();
    }
    // Some leave a typed question blank, others type something wrong.
    if s.is_multiple_of(2) {
        String::new()
    } else {
        "Atlantis".to_owned()
    }
}

/// Takes the seeded quiz as each of the students, with the scripted answers; returns the
/// question blocks and the 1/0 matrix (student by question).
fn take_class(dir: &Path) -> (Vec<String>, Vec<Vec<bool>>) {
    copy_fixture(dir, "quiz", "deck.toml");
    let args = ["--seed", SEED, "--count", "8"];
    let blocks = dry_run(dir, &args);
    assert_eq!(blocks.len(), COUNT);
    let matrix: Vec<Vec<bool>> = (0..STUDENTS)
        .map(|s| (0..COUNT).map(|q| scripted(s, q)).collect())
        .collect();
    for (s, row) in matrix.iter().enumerate() {
        let input: String = blocks
            .iter()
            .zip(row)
            .map(|(block, &right)| {
                let reply = right_reply(block);
                if right {
                    reply
                } else {
                    wrong_reply(block, &reply, s)
                }
            })
            .map(|r| r + "\n")
            .collect();
        let student = format!("Student {s:02}");
        let file = format!("s{s:02}.json");
        let out = quiz(
            dir,
            &[&args[..], &["--student", &student, "--results", &file]].concat(),
        )
        .args(["--profile", &format!("p{s}")])
        .write_stdin(input)
        .output()
        .unwrap();
        let score = row.iter().filter(|&&r| r).count();
        let text = stdout(&out);
        assert!(
            text.contains(&format!("Score: {score} of {COUNT}")),
            "student {s}: {row:?}\n{text}"
        );
    }
    (blocks, matrix)
}

fn results(dir: &Path, args: &[&str]) -> std::process::Output {
    recall(dir).arg("results").args(args).output().unwrap()
}

fn json_files(dir: &Path) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    files.sort();
    files
}

#[test]
fn facility_and_discrimination_of_a_class_match_the_scripted_answers() {
    let dir = tempfile::tempdir().unwrap();
    let (blocks, matrix) = take_class(dir.path());
    let files = json_files(dir.path());
    assert_eq!(files.len(), STUDENTS);
    let file_args: Vec<&str> = files.iter().map(String::as_str).collect();
    let out = results(
        dir.path(),
        &[&file_args[..], &["--json", "--csv", "book.csv"]].concat(),
    );
    assert!(out.status.success(), "{out:?}");
    let report: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();

    let scores: Vec<f64> = matrix
        .iter()
        .map(|row| row.iter().filter(|&&r| r).count() as f64)
        .collect();
    let students = report["students"].as_array().unwrap();
    for (s, row) in students.iter().enumerate() {
        assert_eq!(row["student"], format!("Student {s:02}"));
        assert_eq!(row["score"].as_f64().unwrap(), scores[s]);
        assert_eq!(row["total"], COUNT);
    }
    let questions = report["questions"].as_array().unwrap();
    assert_eq!(questions.len(), COUNT);
    let n = STUDENTS as f64;
    let measured = questions
        .iter()
        .filter(|q| q["discrimination"].is_f64())
        .count();
    assert!(
        measured >= COUNT - 1,
        "the script spreads the answers: {questions:?}"
    );
    for (q, (row, block)) in questions.iter().zip(&blocks).enumerate() {
        assert!(block.contains(row["prompt"].as_str().unwrap()), "{row}");
        assert_eq!(row["asked"], STUDENTS);
        // Facility: right answers over students asked.
        let x: Vec<f64> = matrix.iter().map(|r| f64::from(u8::from(r[q]))).collect();
        let sum_x: f64 = x.iter().sum();
        assert!(
            (row["facility"].as_f64().unwrap() - sum_x / n).abs() < 1e-12,
            "{row}"
        );
        // Discrimination: Pearson's r between x and the rest score y = score - x, in the
        // raw-sums form r = (nΣxy − ΣxΣy) / √((nΣx² − (Σx)²)(nΣy² − (Σy)²)).
        let y: Vec<f64> = scores.iter().zip(&x).map(|(s, x)| s - x).collect();
        let sum_y: f64 = y.iter().sum();
        let sum_xy: f64 = x.iter().zip(&y).map(|(a, b)| a * b).sum();
        let sum_xx: f64 = x.iter().map(|a| a * a).sum();
        let sum_yy: f64 = y.iter().map(|b| b * b).sum();
        let spread_x = n * sum_xx - sum_x * sum_x;
        let spread_y = n * sum_yy - sum_y * sum_y;
        let got = row["discrimination"].as_f64();
        if spread_x == 0.0 || spread_y == 0.0 {
            assert_eq!(got, None, "{row}");
        } else {
            let r = (n * sum_xy - sum_x * sum_y) / (spread_x * spread_y).sqrt();
            let got = got.unwrap_or_else(|| panic!("no discrimination: {row}"));
            assert!((got - r).abs() < 1e-9, "question {q}: {got} against {r}");
        }
        // The options: the right one picked by those who got it right; the first wrong one
        // by all the others (for a choice: always the first wrong option as shown).
        let shown = row["options"].as_array().unwrap();
        if row["kind"] == "choice" {
            let right: Vec<&serde_json::Value> =
                shown.iter().filter(|o| o["correct"] == true).collect();
            assert_eq!(right.len(), 1, "{row}");
            assert_eq!(right[0]["picked"].as_f64().unwrap(), sum_x);
            let wrong_picks: Vec<u64> = shown
                .iter()
                .filter(|o| o["correct"] == false)
                .map(|o| o["picked"].as_u64().unwrap())
                .collect();
            assert_eq!(wrong_picks.iter().sum::<u64>() as f64, n - sum_x);
            assert_eq!(wrong_picks.iter().filter(|&&p| p > 0).count(), 1);
            let flags = row["flags"].as_array().unwrap();
            assert!(flags.contains(&"unpicked_option".into()), "{row}");
        }
        // Every question points at its card's line in the deck file.
        let id = row["card"].as_str().unwrap().split(':').next().unwrap();
        let header = DECK
            .lines()
            .position(|l| l == format!("id = \"{id}\""))
            .unwrap();
        assert_eq!(row["at"], format!("deck.toml:{header}"));
    }
    // The gradebook: one row per student, one column per question, 1 or 0.
    let book = std::fs::read_to_string(dir.path().join("book.csv")).unwrap();
    let lines: Vec<&str> = book.split_terminator("\r\n").collect();
    assert_eq!(lines.len(), STUDENTS + 1);
    assert!(lines[0].starts_with("student,score,total,percent,"));
    for (s, line) in lines[1..].iter().enumerate() {
        let cells: Vec<&str> = line.split(',').collect();
        let marks: Vec<&str> = matrix[s]
            .iter()
            .map(|&r| if r { "1" } else { "0" })
            .collect();
        assert_eq!(cells[4..], marks[..], "{line}");
    }
    // The table names the students and flags what it flags at the card's line.
    let out = results(dir.path(), &file_args);
    let text = stdout(&out);
    assert!(text.starts_with("22 students · 8 questions"), "{text}");
    assert!(text.contains("Student 21"), "{text}");
    assert!(text.contains("deck.toml:"), "{text}");
}

#[test]
fn a_malformed_file_is_named_and_the_others_still_read_and_versions_are_not_mixed() {
    let dir = fixture("quiz");
    let args = ["--seed", SEED, "--count", "3"];
    for (s, file) in ["a.json", "b.json"].iter().enumerate() {
        let out = quiz(dir.path(), &[&args[..], &["--results", file]].concat())
            .args(["--profile", &format!("p{s}")])
            .write_stdin("\n\n\n")
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
    }
    write(dir.path(), "broken.json", "{\"seed\": 1, \"questions\": [");
    write(dir.path(), "list.json", "[]");
    write(dir.path(), "sheet.csv", "number,deck\r\n");
    let out = results(
        dir.path(),
        &[
            "a.json",
            "broken.json",
            "b.json",
            "list.json",
            "gone.json",
            "sheet.csv",
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sheet.csv: a CSV results file"), "{err}");
    for file in ["broken.json: ", "list.json: ", "gone.json: "] {
        assert!(err.contains(&format!("recall: {file}")), "{err}");
    }
    assert!(!err.contains("a.json") && !err.contains("b.json"), "{err}");
    assert!(
        stdout(&out).starts_with("2 students · 3 questions"),
        "{}",
        stdout(&out)
    );
    // The students default to their profiles.
    assert!(stdout(&out).contains("p0") && stdout(&out).contains("p1"));

    // A file of an edited deck is another version: refused unless asked for.
    write(
        dir.path(),
        "deck.toml",
        DECK.replace("Paris", "Paris, France"),
    );
    let out = quiz(dir.path(), &[&args[..], &["--results", "c.json"]].concat())
        .write_stdin("\n\n\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let out = results(dir.path(), &["a.json", "b.json", "c.json"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("different versions of a deck"), "{err}");
    assert!(
        err.contains("a.json, b.json") && err.contains("c.json"),
        "{err}"
    );
    let out = results(
        dir.path(),
        &["a.json", "b.json", "c.json", "--mixed-versions"],
    );
    assert!(out.status.success(), "{out:?}");
    // A control sequence in a results file is never printed as it is.
    let hostile = std::fs::read_to_string(dir.path().join("a.json"))
        .unwrap()
        .replacen(
            "\"student\": \"p0\"",
            "\"student\": \"p0\\u001b[31mRED\"",
            1,
        );
    write(dir.path(), "a.json", hostile);
    let out = results(dir.path(), &["a.json"]);
    assert!(out.status.success(), "{out:?}");
    assert!(!stdout(&out).contains('\u{1b}') && stdout(&out).contains("p0RED"));
}

#[test]
fn an_answer_a_student_accepted_in_study_gives_them_no_other_quiz() {
    let dir = tempfile::tempdir().unwrap();
    let capitals = [
        ("France", "Paris"),
        ("Italy", "Rome"),
        ("Spain", "Madrid"),
        ("Portugal", "Lisbon"),
    ];
    let deck: String = capitals
        .iter()
        .map(|(land, city)| {
            format!("[[card]]\nfront = \"Capital of {land}?\"\nback = \"{city}\"\n")
        })
        .collect();
    write(
        dir.path(),
        "deck.toml",
        format!("[deck]\ntitle = \"Capitals\"\n{deck}"),
    );
    // The first card studied is France's: "Rome" is accepted for it, which rules Rome out
    // as a wrong option of it (and leaves it too few for a multiple choice).
    let studied = recall(dir.path())
        .env("RECALL_DATA_DIR", dir.path().join("data"))
        .args([
            "study",
            "deck.toml",
            "--plain",
            "--mode",
            "type",
            "--profile",
            "keen",
        ])
        .write_stdin("Rome\n:accept\n:quit\n")
        .output()
        .unwrap();
    assert!(
        stdout(&studied).contains("Q: Capital of France?"),
        "{studied:?}"
    );
    for seed in ["1", "2", "3", "4", "5"] {
        let args = ["--seed", seed, "--count", "4"];
        let take = |profile: &str| {
            let out = quiz(dir.path(), &args)
                .args(["--profile", profile])
                .write_stdin("\n\n\n\n")
                .output()
                .unwrap();
            asked(&stdout(&out))
        };
        let out = quiz(dir.path(), &[&args[..], &["--print"]].concat())
            .output()
            .unwrap();
        let (paper, _) = printed(&stdout(&out));
        assert_eq!(take("keen"), paper, "seed {seed}");
        assert_eq!(take("fresh"), paper, "seed {seed}");
    }
}

//! `recall quiz` through pipes: the seed, every question type answered in plain lines, the
//! results file against what was answered, the time limit, and what the log keeps.
//!
//! A quiz is seeded, so a test first takes it with empty answers to see its questions, then
//! takes the same quiz again with the right (or chosen) answer to each.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::fixtures::fixture;
use crate::support::{piped, recall, stdout, write};

/// Every kind of question, with tags: `tests/fixtures/quiz.toml`.
pub const DECK: &str = include_str!("../fixtures/quiz.toml");

const NOW: &str = "2026-04-02T08:00:00Z";

/// The right answer of each card, by the text its question shows.
const RIGHT: [(&str, &str); 5] = [
    ("Capital of France?", "Paris"),
    ("Capital of Italy?", "Rome"),
    ("Capital of Spain?", "Madrid"),
    ("Year of the storming of the Bastille?", "1789"),
    ("Year the Berlin Wall fell?", "1989"),
];

pub fn quiz(dir: &Path, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = recall(dir);
    cmd.env("RECALL_NOW", NOW)
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
        .args(["quiz", "deck.toml"])
        .args(args);
    cmd
}

/// The questions of a plain quiz's output, each from its `-- Question` line to the next.
pub fn blocks(out: &str) -> Vec<String> {
    let body = out.split("\nScore: ").next().unwrap_or(out);
    body.split("-- Question ")
        .skip(1)
        .map(|b| format!("-- Question {b}"))
        .collect()
}

/// The numbered options of a question block.
pub fn options(block: &str) -> Vec<String> {
    block
        .lines()
        .filter_map(|l| l.trim_start().split_once(") "))
        .filter(|(n, _)| n.parse::<usize>().is_ok())
        .map(|(_, text)| text.to_owned())
        .collect()
}

/// The right reply line to a question block.
pub fn right_reply(block: &str) -> String {
    let prompt = block
        .lines()
        .nth(1)
        .and_then(|l| l.split_once(": "))
        .map(|(_, p)| p.to_owned())
        .unwrap();
    if let Some((question, shown)) = prompt.split_once(" — ") {
        let right = RIGHT.iter().find(|(q, _)| *q == question).unwrap().1;
        return (shown == right).to_string();
    }
    if prompt == "The Earth is flat." {
        return "false".to_owned();
    }
    if prompt.starts_with("Order these planets") {
        let shown = options(block);
        let order: Vec<String> = ["Mercury", "Venus", "Earth", "Mars"]
            .iter()
            .map(|p| (shown.iter().position(|s| s == p).unwrap() + 1).to_string())
            .collect();
        return order.join(" ");
    }
    if prompt.starts_with("The ") && prompt.contains("[...]") {
        let word = if prompt.contains("Vienna") {
            "Danube"
        } else {
            "Vienna"
        };
        return word.to_owned();
    }
    RIGHT
        .iter()
        .find(|(q, _)| *q == prompt)
        .unwrap()
        .1
        .to_owned()
}

/// Takes the quiz with empty answers and returns its question blocks.
pub fn dry_run(dir: &Path, args: &[&str]) -> Vec<String> {
    let out = quiz(dir, args)
        .write_stdin("\n".repeat(50))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    blocks(&stdout(&out))
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn quiz_log(dir: &Path, profile: &str) -> Vec<serde_json::Value> {
    crate::support::log_json(dir, profile)
}

#[test]
fn the_same_seed_gives_the_same_quiz_whoever_takes_it_and_whenever() {
    let dir = fixture("quiz");
    let first = dry_run(dir.path(), &["--seed", "2026", "--count", "8"]);
    assert_eq!(first.len(), 8);
    let again = quiz(
        dir.path(),
        &["--seed", "2026", "--count", "8", "--profile", "bob"],
    )
    .env("RECALL_NOW", "2027-01-01T00:00:00Z")
    .write_stdin("\n".repeat(8))
    .output()
    .unwrap();
    assert_eq!(blocks(&stdout(&again)), first);
    let other = dry_run(dir.path(), &["--seed", "2027", "--count", "8"]);
    assert_ne!(other, first);
    // Every question type the deck allows shows up in a quiz of all its items.
    let text = first.join("");
    assert!(text.contains("True or false: "), "{text}");
    assert!(text.contains("(answer with the numbers in order"), "{text}");
    assert!(text.contains("[...]"), "{text}");
    // The report names the seed, so a quiz without --seed can be handed out again.
    let out = quiz(dir.path(), &["--count", "3"])
        .write_stdin("\n\n\n")
        .output()
        .unwrap();
    let text = stdout(&out);
    let seed = text
        .split("seed ")
        .nth(1)
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .trim();
    let replay = dry_run(dir.path(), &["--count", "3", "--seed", seed]);
    assert_eq!(replay, blocks(&text));
}

#[test]
fn every_question_type_is_answered_in_one_line() {
    let dir = fixture("quiz");
    for types in ["typed", "choice", "truefalse", "order", "cloze"] {
        for seed in ["1", "2", "3"] {
            let args = ["--types", types, "--count", "2", "--seed", seed];
            let asked = dry_run(dir.path(), &args);
            assert!(!asked.is_empty(), "{types}");
            let replies: String = asked.iter().map(|b| right_reply(b) + "\n").collect();
            let out = quiz(dir.path(), &args)
                .write_stdin(replies)
                .output()
                .unwrap();
            let text = stdout(&out);
            assert!(out.status.success(), "{text}");
            let total = asked.len();
            assert!(
                text.contains(&format!("Score: {total} of {total} (100%)")),
                "{types} {seed}:\n{text}"
            );
            // No rating line: one line per question was all it read.
            assert!(!text.contains("Rate:"), "{text}");
        }
    }
}

#[test]
fn the_results_file_holds_what_was_answered_as_json_and_csv() {
    let dir = fixture("quiz");
    let args = ["--seed", "99", "--count", "6", "--feedback", "immediate"];
    let asked = dry_run(dir.path(), &args);
    // Right answers to the odd questions, a wrong one typed to the first even one that asks
    // for a typed answer (a text is no answer to a list), nothing to the others.
    let wrong_at = (1..asked.len())
        .step_by(2)
        .find(|&i| options(&asked[i]).is_empty())
        .expect("a typed question in an even place");
    let replies: Vec<String> = asked
        .iter()
        .enumerate()
        .map(|(i, b)| match i {
            i if i == wrong_at => "Lisbon, \"surely\"".to_owned(),
            i if i % 2 == 0 => right_reply(b),
            _ => String::new(),
        })
        .collect();
    let input: String = replies.iter().map(|r| format!("{r}\n")).collect();
    let out = quiz(
        dir.path(),
        &[&args[..], &["--results", "r.json", "--profile", "taker"]].concat(),
    )
    .write_stdin(input.clone())
    .output()
    .unwrap();
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("Not right: you answered \"Lisbon, \"surely\"\""),
        "{text}"
    );
    assert!(text.contains("Results written to r.json"), "{text}");

    let report = json(&dir.path().join("r.json"));
    let questions = report["questions"].as_array().unwrap();
    assert_eq!(questions.len(), 6);
    assert_eq!(report["total"], 6);
    assert_eq!(report["score"], 3);
    assert_eq!(report["seed"], 99);
    assert_eq!(report["profile"], "taker");
    // The student is the profile unless named; the deck file is named with its version.
    assert_eq!(report["student"], "taker");
    assert_eq!(report["decks"][0]["path"], "deck.toml");
    assert_eq!(report["decks"][0]["id"], "q");
    let hash = report["decks"][0]["hash"].as_str().unwrap();
    assert!(
        hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()),
        "{hash}"
    );
    // The quiz clock starts at RECALL_NOW and runs on with real time: on a busy machine a
    // millisecond or more can pass before the first question.
    let started = chrono::DateTime::parse_from_rfc3339(report["started"].as_str().unwrap())
        .unwrap()
        .timestamp_millis();
    let now = chrono::DateTime::parse_from_rfc3339("2026-04-02T08:00:00Z")
        .unwrap()
        .timestamp_millis();
    assert!((now..now + 10_000).contains(&started), "{report}");
    assert!(report["finished"].as_str().unwrap() >= report["started"].as_str().unwrap());
    for (i, q) in questions.iter().enumerate() {
        let block = &asked[i];
        assert!(
            block.contains(q["prompt"].as_str().unwrap()),
            "{block} / {q}"
        );
        assert_eq!(q["deck"], "q");
        assert_eq!(q["correct"], i % 2 == 0, "{q}");
        match i {
            i if i == wrong_at => assert_eq!(q["given"], "Lisbon, \"surely\""),
            i if i % 2 == 1 => assert!(q["given"].is_null(), "{q}"),
            _ => assert!(q["given"].is_string(), "{q}"),
        }
        assert!(q["seconds"].as_f64().unwrap() >= 0.0);
        for key in ["card", "kind", "expected"] {
            assert!(q[key].is_string(), "{key} in {q}");
        }
        // The line of the card's `[[card]]` header: 0-based, its id's line is its own 1-based one.
        let id = q["card"].as_str().unwrap().split(':').next().unwrap();
        let header = DECK.lines().position(|l| l == format!("id = \"{id}\""));
        assert_eq!(q["line"].as_u64(), header.map(|l| l as u64), "{q}");
        // A choice or true/false question lists its options as shown, and the one picked.
        let shown: Vec<String> = match q["kind"].as_str().unwrap() {
            "choice" => options(block),
            "truefalse" => vec!["True".to_owned(), "False".to_owned()],
            _ => {
                assert!(q["options"].is_null() && q["picked"].is_null(), "{q}");
                continue;
            }
        };
        assert_eq!(q["options"], serde_json::json!(shown), "{block}");
        match (q["picked"].as_u64(), q["given"].as_str()) {
            (None, None) => {}
            (Some(n), Some(given)) => {
                let picked = &shown[usize::try_from(n).unwrap() - 1];
                assert!(picked.eq_ignore_ascii_case(given), "{q}");
            }
            _ => panic!("a pick without an answer, or the reverse: {q}"),
        }
    }
    assert!(
        questions.iter().any(|q| q["picked"].is_u64()),
        "the seed asks a choice or true/false question: {questions:?}"
    );
    // The taker's log holds the same answers, with the mode quiz (answers given within the
    // same millisecond may be listed in either order: they are matched by card).
    let log = quiz_log(dir.path(), "taker");
    assert_eq!(log.len(), 6);
    for q in questions {
        let entry = log
            .iter()
            .find(|e| e["card"] == q["card"])
            .unwrap_or_else(|| panic!("no log entry for {q}"));
        assert_eq!(entry["mode"], "quiz");
        assert_eq!(entry["card"], q["card"]);
        assert_eq!(entry["correct"], q["correct"]);
        assert_eq!(entry["answer"], q["given"]);
        assert!(entry["before"].is_null(), "never studied: {entry}");
        assert_eq!(entry["after"]["reps"], 0);
    }

    // The same answers as CSV: a header, then one row per question, as in the JSON.
    let out = quiz(dir.path(), &[&args[..], &["--results", "r.csv"]].concat())
        .write_stdin(input)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let csv = std::fs::read_to_string(dir.path().join("r.csv")).unwrap();
    let rows: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(
        rows[0],
        "number,deck,card,kind,tags,prompt,expected,given,correct,seconds,options,picked,\
         student,seed,line,deck_file,deck_hash"
    );
    assert_eq!(rows.len(), 7);
    for (row, q) in rows[1..].iter().zip(questions) {
        let start = format!(
            "q,{},{},",
            q["card"].as_str().unwrap(),
            q["kind"].as_str().unwrap()
        );
        assert!(row.contains(&start), "{row}");
        let verdict = if q["correct"] == true {
            ",true,"
        } else {
            ",false,"
        };
        assert!(row.contains(verdict), "{row}");
        let options = q["options"].as_array().map_or_else(String::new, |o| {
            let o: Vec<_> = o.iter().map(|v| v.as_str().unwrap()).collect();
            o.join(" | ")
        });
        let picked = q["picked"]
            .as_u64()
            .map_or_else(String::new, |n| n.to_string());
        let tail = format!(
            ",{options},{picked},default,99,{},deck.toml,{}",
            q["line"],
            report["decks"][0]["hash"].as_str().unwrap()
        );
        assert!(row.ends_with(&tail), "{row} / {tail}");
    }
    assert!(
        rows[wrong_at + 1].contains(",\"Lisbon, \"\"surely\"\"\",false,"),
        "{}",
        rows[wrong_at + 1]
    );
}

#[test]
fn a_bad_results_file_name_or_type_list_is_refused_before_any_question() {
    let dir = fixture("quiz");
    for (args, message) in [
        (&["--results", "r.txt"][..], ".json or .csv"),
        (&["--types", "typed,essay"][..], "\"essay\""),
        (&["--time-limit", "soon"][..], "not a duration"),
        (&["--count", "0"][..], "0"),
    ] {
        let out = quiz(dir.path(), args).write_stdin("x\n").output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stdout(&out).is_empty(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(message), "{args:?}: {err}");
    }
    let out = quiz(dir.path(), &["--tag", "nothing-has-this"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(quiz_log(dir.path(), "default").is_empty());
}

#[test]
fn a_time_limit_ends_the_quiz_and_the_rest_counts_as_wrong() {
    let dir = fixture("quiz");
    let args = ["--seed", "5", "--count", "4", "--types", "typed,choice"];
    let asked = dry_run(dir.path(), &args);
    let limited = [
        "quiz",
        "deck.toml",
        "--time-limit",
        "1s",
        "--results",
        "t.json",
    ];
    let mut child = piped(dir.path(), NOW, &[&limited[..], &args].concat())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    writeln!(stdin, "{}", right_reply(&asked[0])).unwrap();
    stdin.flush().unwrap();
    // No second answer, and the input stays open: the quiz must end by itself.
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > Duration::from_secs(10) {
            child.kill().unwrap();
            panic!("the quiz did not end when its time ran out");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    let text = stdout(&out);
    assert!(out.status.success(), "{text}");
    assert!(text.contains("-- Question 1 of 4 · 0:01 left"), "{text}");
    assert!(text.contains("Time is up."), "{text}");
    assert!(text.contains("Score: 1 of 4 (25%)"), "{text}");
    assert!(text.contains("Time ran out"), "{text}");
    let report = json(&dir.path().join("t.json"));
    assert_eq!(report["ending"], "time_up");
    let given: Vec<bool> = report["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["given"].is_string())
        .collect();
    assert_eq!(given, [true, false, false, false]);
    let log = quiz_log(dir.path(), "default");
    assert_eq!(
        log.len(),
        4 + 1,
        "the dry run's 4, then only the answer in time"
    );
}

/// Memory stays linear in the deck's size: a 80 KB cloze of 8,000 deletions is quizzed and
/// crammed within 1 GB of address space (a limit set with the shell's `ulimit -v`). When
/// every deletion held its own copy of the card, one question took more than 5 GB.
#[test]
fn a_cloze_of_thousands_of_deletions_is_asked_in_bounded_memory() {
    let dir = tempfile::tempdir().unwrap();
    let blanks: Vec<String> = (0..8000).map(|i| format!("{{{{w{i}}}}}")).collect();
    write(
        dir.path(),
        "deck.toml",
        format!(
            "[deck]\ntitle = \"C\"\n\n[[card]]\nid = \"c\"\ncloze = \"{}\"\n",
            blanks.join(" ")
        ),
    );
    for args in [&["quiz", "--count", "1"][..], &["cram"][..]] {
        let out = Command::new("sh")
            .arg("-c")
            .arg("ulimit -v 1000000 && exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_recall"))
            .args(args)
            .args(["--plain", "deck.toml"])
            .current_dir(dir.path())
            .env("RECALL_NOW", NOW)
            .env("RECALL_DATA_DIR", dir.path().join("data"))
            .env("RECALL_CONFIG", dir.path().join("config.toml"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut child = out;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"w1\n:quit\n")
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let text = stdout(&out);
        assert!(out.status.success(), "{args:?}: {out:?}");
        assert!(
            text.contains("[...]"),
            "{args:?}: a question was asked: {text}"
        );
    }
}

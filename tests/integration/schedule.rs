use serde_json::Value;

use crate::support::{recall, root, sorted_keys, stdout};

const VECTORS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fsrs-vectors.json");

fn schedule(args: &[&str]) -> std::process::Output {
    recall(&root()).arg("schedule").args(args).output().unwrap()
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn prints_a_table_with_one_row_per_review() {
    let out = schedule(&["0:good", "2:good", "8:again", "0:3", "3:easy"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 6, "{text}");
    for column in [
        "elapsed",
        "rating",
        "retrievability",
        "stability",
        "difficulty",
        "interval",
    ] {
        assert!(lines[0].contains(column), "{}", lines[0]);
    }
    // The first review: no retrievability yet; S0(Good) = 2.3065, D0(Good) = 2.1181, 2 days.
    let first: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(first, ["0d", "Good", "-", "2.3065", "2.1181", "2d"]);
    assert!(lines[3].contains("Again"));
}

#[test]
fn json_matches_the_reference_vectors() {
    let data: Value = serde_json::from_str(&std::fs::read_to_string(VECTORS).unwrap()).unwrap();
    for name in [
        "all_good_on_schedule",
        "lapse_and_relearn",
        "same_day_hard_then_good",
        "random_mixed_03",
    ] {
        let case = data["cases"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap();
        let args: Vec<String> = case["reviews"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| format!("{}:{}", p[0], p[1]))
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        for (retention, key) in [
            (None, "interval_days_r090"),
            (Some("0.8"), "interval_days_r080"),
        ] {
            let mut all = Vec::new();
            if let Some(r) = retention {
                all.extend(["--retention", r]);
            }
            all.push("--json");
            all.extend(&args);
            let out = schedule(&all);
            assert!(out.status.success(), "{}", stderr(&out));
            let rows: Value = serde_json::from_str(&stdout(&out)).unwrap();
            let steps = case["steps"].as_array().unwrap();
            assert_eq!(rows.as_array().unwrap().len(), steps.len());
            for (row, want) in rows.as_array().unwrap().iter().zip(steps) {
                assert_eq!(
                    sorted_keys(row),
                    [
                        "difficulty",
                        "elapsed_days",
                        "interval_days",
                        "rating",
                        "retrievability",
                        "stability"
                    ]
                );
                assert_eq!(row["elapsed_days"], want["elapsed_days"]);
                assert_eq!(row["rating"], want["rating"]);
                assert_eq!(row["interval_days"], want[key], "{name} {row}");
                for (ours, theirs) in [
                    ("stability", "stability"),
                    ("difficulty", "difficulty"),
                    ("retrievability", "r_at_review"),
                ] {
                    match (row[ours].as_f64(), want[theirs].as_f64()) {
                        (Some(a), Some(b)) => {
                            assert!((a - b).abs() <= 1e-4 * b.abs(), "{name} {ours}: {a} vs {b}")
                        }
                        (a, b) => assert_eq!(a, b, "{name} {ours}"),
                    }
                }
            }
        }
    }
}

#[test]
fn sm2_and_leitner_fill_the_columns_they_have() {
    let out = schedule(&[
        "--scheduler",
        "sm2",
        "--json",
        "0:good",
        "1:good",
        "3:good",
        "8:again",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let got: Vec<(u64, f64)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["interval_days"].as_u64().unwrap(),
                r["difficulty"].as_f64().unwrap(),
            )
        })
        .collect();
    let days: Vec<u64> = got.iter().map(|g| g.0).collect();
    assert_eq!(days, [1, 3, 8, 1]);
    // The ease is in the difficulty column: 2.50 until the lapse takes 0.20.
    let eases: Vec<f64> = got.iter().map(|g| (g.1 * 100.0).round() / 100.0).collect();
    assert_eq!(eases, [2.5, 2.5, 2.5, 2.3]);
    assert!(rows[0]["stability"].is_null() && rows[3]["retrievability"].is_null());

    let out = schedule(&[
        "--scheduler",
        "leitner",
        "0:good",
        "1:good",
        "2:easy",
        "8:again",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.lines().next().unwrap().contains("box"), "{text}");
    let intervals: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split_whitespace().last().unwrap())
        .collect();
    assert_eq!(intervals, ["1d", "2d", "8d", "1d"]);
}

#[test]
fn bad_arguments_exit_2_with_a_clear_message() {
    let cases: [(&[&str], &str); 8] = [
        (&["3:meh"], "\"meh\" is not a rating"),
        (&["0:good", "-2:good"], "cannot be negative"),
        (&["-2:good"], "cannot be negative"),
        (
            &["--retention", "1.5", "0:good"],
            "desired retention must be between 0.70 and 0.99",
        ),
        (&["--retention", "-0.9", "0:good"], "desired retention"),
        (&[], "give at least one review"),
        (&["3:good"], "its days must be 0"),
        (
            &["--scheduler", "anki", "0:good"],
            "\"anki\" is not a scheduler",
        ),
    ];
    for (args, says) in cases {
        let out = schedule(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let message = stderr(&out);
        assert!(message.contains(says), "{args:?}: {message}");
        assert!(stdout(&out).is_empty());
    }
}

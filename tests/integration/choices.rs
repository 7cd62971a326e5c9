//! Wrong options of multiple choice through the real binary: a quiz on the bundled deck and
//! a study session in `--mode choice` offer options of the same shape as the answer.

use std::path::Path;

use crate::fixtures::fixture;
use crate::support::{recall, root, stdout};

/// The plain output of a choice-only quiz on the bundled deck, every question unanswered.
fn bundled_quiz(dir: &Path, seed: &str) -> String {
    let decks = root().join("decks");
    let out = recall(dir)
        .env("RECALL_NOW", "2026-11-27T10:00:00Z")
        .env("RECALL_DATA_DIR", dir.join("data"))
        .env("RECALL_CONFIG", dir.join("config.toml"))
        .args([
            "quiz", "--types", "choice", "--count", "100", "--seed", seed,
        ])
        .arg(decks)
        .write_stdin("\n".repeat(100))
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    stdout(&out)
}

/// `out` without the time the quiz took (measured on the real clock, so it may differ from one
/// run to the next by a second): the score line's `· M:SS ·` becomes `· _ ·`.
fn without_time(out: &str) -> String {
    out.lines()
        .map(|line| match line.strip_prefix("Score: ") {
            Some(rest) => {
                let parts: Vec<&str> = rest.split(" · ").collect();
                assert_eq!(parts.len(), 3, "{line}");
                assert!(parts[1].contains(':'), "{line}");
                format!("Score: {} · _ · {}", parts[0], parts[2])
            }
            None => line.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The numbered options printed under the question `prompt`.
fn options_of(out: &str, prompt: &str) -> Vec<String> {
    let mut lines = out.lines().skip_while(|l| *l != format!("Q: {prompt}"));
    assert!(lines.next().is_some(), "{prompt} was not asked:\n{out}");
    lines
        .map_while(|l| l.strip_prefix("  ").and_then(|l| l.split_once(") ")))
        .map(|(_, text)| text.to_owned())
        .collect()
}

#[test]
fn a_quiz_on_the_bundled_deck_offers_options_shaped_like_the_answer() {
    let dir = tempfile::tempdir().unwrap();
    for seed in ["7", "8", "9"] {
        let out = bundled_quiz(dir.path(), seed);
        assert_eq!(
            without_time(&out),
            without_time(&bundled_quiz(dir.path(), seed)),
            "seed {seed}"
        );

        let years = options_of(&out, "Which years did Stalin's Great Purge cover?");
        assert_eq!(years.len(), 4, "{years:?}");
        for option in &years {
            let (from, to) = option.split_once('-').unwrap();
            assert!(from.len() == 4 && to.len() == 4, "{option}");
            assert!(
                from.parse::<u16>().is_ok() && to.parse::<u16>().is_ok(),
                "{option}"
            );
        }

        let rival = options_of(
            &out,
            "With whom did Trotsky fight a personal power struggle after Lenin's death, and lose?",
        );
        assert_eq!(rival.len(), 4, "{rival:?}");
        assert!(rival.contains(&"Joseph Stalin".to_owned()));
        for option in &rival {
            assert!(
                !option.starts_with("the ") && !option.starts_with("a "),
                "{option}"
            );
            assert!(option.starts_with(char::is_uppercase), "{option}");
            assert!(!option.contains("Trotsky"), "{option}");
        }

        let counts = options_of(
            &out,
            "How many years after the civil war does the article say it took for Trotsky to become an outcast, driven from his country by his own party?",
        );
        assert_eq!(counts.len(), 4, "{counts:?}");
        assert!(
            counts
                .iter()
                .all(|c| c.parse::<u32>().is_ok_and(|n| n < 50)),
            "{counts:?}"
        );
    }
}

#[test]
fn study_in_choice_mode_offers_spans_of_years_for_a_span_of_years() {
    let dir = fixture("soviet-dates");
    let out = recall(dir.path())
        .env("RECALL_NOW", "2026-11-27T10:00:00Z")
        .env("RECALL_DATA_DIR", dir.path().join("data"))
        .env("RECALL_CONFIG", dir.path().join("config.toml"))
        .args([
            "study",
            "--plain",
            "--mode",
            "choice",
            "--limit",
            "1",
            "deck.toml",
        ])
        .write_stdin("1936-1938\n\n")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let out = stdout(&out);
    let mut options = options_of(&out, "Which years did the Great Purge cover?");
    options.sort();
    assert_eq!(
        options,
        ["1918-1921", "1923-1925", "1924-1926", "1936-1938"],
        "{out}"
    );
    assert!(out.contains("Correct."), "{out}");
}

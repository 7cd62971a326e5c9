//! `recall draft` on a text written for these tests: a deck `check --source` passes, most
//! sentences with a fact get a card, the same text gives the same draft, and `--append`
//! adds only for what the deck does not cite yet, its text kept byte for byte.

use std::path::Path;

use crate::support::{recall, root, stdout, write};

const SOURCE: &str = "draft-canal.md";

/// The lines of the fixture whose sentence holds a year, a number or a proper name, listed
/// by hand.
const FACT_LINES: &[usize] = &[
    5, 6, 8, 9, 10, 11, 13, 17, 19, 20, 21, 22, 23, 24, 25, 26, 30, 32, 35, 36, 37, 38, 39, 40, 44,
    46, 48, 50, 54, 55, 56, 57, 59, 60, 61, 62,
];

fn setup() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read(root().join("tests/fixtures").join(SOURCE)).unwrap();
    write(dir.path(), SOURCE, text);
    dir
}

fn draft(dir: &Path, args: &[&str]) -> std::process::Output {
    recall(dir)
        .args(["draft", "--source", SOURCE])
        .args(args)
        .output()
        .unwrap()
}

/// The source lines named by the comments above the cards of `deck`.
fn drafted_lines(deck: &str) -> Vec<usize> {
    let prefix = format!("# {SOURCE}:");
    deck.lines()
        .filter_map(|l| l.strip_prefix(&prefix)?.split(':').next()?.parse().ok())
        .collect()
}

fn check_source(dir: &Path, deck: &str) -> std::process::Output {
    recall(dir)
        .args(["check", deck, "--source", SOURCE, "--coverage"])
        .output()
        .unwrap()
}

#[test]
fn the_draft_passes_check_and_asks_most_sentences_with_a_fact() {
    let dir = setup();
    let out = draft(dir.path(), &["--to", "canal.toml"]);
    assert!(out.status.success(), "{out:?}");
    let summary = stdout(&out);
    assert!(
        summary.contains("read 46 sentences (6 headings read as tags)"),
        "{summary}"
    );
    let checked = check_source(dir.path(), "canal.toml");
    let report = String::from_utf8_lossy(&checked.stderr);
    assert!(checked.status.success(), "{checked:?}");
    assert!(report.contains(": 0 errors, 0 warnings"), "{report}");
    let deck = std::fs::read_to_string(dir.path().join("canal.toml")).unwrap();
    let lines = drafted_lines(&deck);
    let asked = FACT_LINES.iter().filter(|l| lines.contains(l)).count();
    assert!(
        asked * 100 >= FACT_LINES.len() * 80,
        "{asked} of {} sentences with a fact drafted:\n{deck}",
        FACT_LINES.len()
    );
    // Cards come in the order of the text.
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
    // Every card's cite is counted by the coverage report: one covered sentence per card.
    let covered = format!("coverage: {} of 52 sentences", lines.len());
    assert!(stdout(&checked).contains(&covered), "{}", stdout(&checked));
    // An existing deck is not replaced unless asked.
    let again = draft(dir.path(), &["--to", "canal.toml"]);
    assert_eq!(again.status.code(), Some(2), "{again:?}");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("canal.toml")).unwrap(),
        deck
    );
    assert!(
        draft(dir.path(), &["--to", "canal.toml", "--force"])
            .status
            .success()
    );
}

#[test]
fn the_same_source_gives_the_same_draft() {
    let dir = setup();
    let first = draft(dir.path(), &[]);
    let second = draft(dir.path(), &[]);
    assert!(first.status.success(), "{first:?}");
    assert!(!first.stdout.is_empty());
    assert_eq!(first.stdout, second.stdout);
    assert_eq!(first.stderr, second.stderr);
    let summary = String::from_utf8_lossy(&first.stderr);
    assert!(summary.contains("candidates"), "{summary}");
    let capped = draft(dir.path(), &["--max", "3"]);
    assert_eq!(drafted_lines(&stdout(&capped)), [5, 6, 8]);
}

#[test]
fn append_adds_only_for_sentences_not_cited_and_keeps_the_deck_byte_for_byte() {
    let dir = setup();
    // A teacher's deck citing the first half of the text (up to line 34), with comments and
    // spacing of its own and no final line end.
    let mut old = String::from("# My canal deck\n[deck]\ntitle   = \"Canal\"  # mine\n");
    let half = [
        (5, "first proposed in 1761"),
        (6, "carry coal from the mines"),
        (7, "an artificial waterway"),
        (8, "Parliament passed an act"),
        (9, "a surveyor trained in Edinburgh"),
        (10, "walked the whole route twice"),
        (11, "needed 28 locks"),
        (12, "A lock is a chamber"),
        (13, "raised 42,000 pounds"),
        (17, "a crew of 150 labourers"),
        (18, "known as navvies"),
        (19, "12 tons of earth"),
        (20, "The hardest section"),
        (21, "cost the lives of 19 men"),
        (22, "floods filled the workings"),
        (23, "designed the pumps"),
        (24, "opened to traffic in 1774"),
        (25, "rang its bells for an hour"),
        (26, "a brass band"),
        (30, "200,000 tons of goods"),
        (31, "the main cargoes"),
        (32, "fell by half"),
        (33, "pulled by horses"),
        (34, "called the towpath"),
    ];
    for (line, cite) in half {
        old.push_str(&format!(
            "\n[[card]]\nid = \"l{line}\"\nfront = \"Question {line}?\"\nback = \"Answer\"\ncite = \"{cite}\"\n"
        ));
    }
    let old = old.trim_end().to_owned();
    write(dir.path(), "mine.toml", &old);
    let out = draft(dir.path(), &["--append", "mine.toml"]);
    assert!(out.status.success(), "{out:?}");
    assert!(
        stdout(&out).contains("24 already cited"),
        "{}",
        stdout(&out)
    );
    let new = std::fs::read(dir.path().join("mine.toml")).unwrap();
    assert!(
        new.starts_with(old.as_bytes()),
        "the deck's text was changed"
    );
    let added = String::from_utf8(new[old.len()..].to_vec()).unwrap();
    let lines = drafted_lines(&added);
    assert!(lines.len() >= 15, "{added}");
    assert!(lines.iter().all(|&l| l > 34), "{lines:?}");
    let checked = check_source(dir.path(), "mine.toml");
    assert!(checked.status.success(), "{checked:?}");
    // Nothing left to add: the file is left as it was.
    write(dir.path(), "one.txt", "The canal opened in 1774.\n");
    let cited = "[deck]\ntitle = \"x\"\n[[card]]\nid = \"a\"\nfront = \"When?\"\nback = 1774\ncite = \"opened in 1774\"\n";
    write(dir.path(), "one.toml", cited);
    let none = recall(dir.path())
        .args(["draft", "--source", "one.txt", "--append", "one.toml"])
        .output()
        .unwrap();
    assert!(stdout(&none).contains("nothing to add"), "{none:?}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("one.toml")).unwrap(),
        cited
    );
}

#[test]
fn a_text_without_facts_writes_nothing() {
    let dir = setup();
    write(
        dir.path(),
        "plain.txt",
        "Nothing happened here.\nIt was quiet.\n",
    );
    let out = recall(dir.path())
        .args(["draft", "--source", "plain.txt", "--to", "plain.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains("skipped 2 sentences: 2 no fact found"),
        "{said}"
    );
    assert!(said.contains("nothing was written"), "{said}");
    assert!(!dir.path().join("plain.toml").exists());
}

#[test]
fn a_deck_with_errors_is_not_added_to() {
    let dir = setup();
    let broken = "[deck]\ntitle = \"x\"\n[[card]]\nid = \"a\"\nfront = \"Q\"\n";
    write(dir.path(), "broken.toml", broken);
    let out = draft(dir.path(), &["--append", "broken.toml"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing was written"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("broken.toml")).unwrap(),
        broken
    );
}

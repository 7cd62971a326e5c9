use std::path::Path;

use crate::support::{recall, stdout, write};

/// `recall check` on `deck`: the number of cards it reports, asserting it passes.
fn checked_cards(dir: &Path, deck: &str) -> usize {
    let out = recall(dir).args(["check", deck]).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{}{err}", stdout(&out));
    let counted = err
        .split("deck file, ")
        .nth(1)
        .and_then(|r| r.split(' ').next())
        .unwrap();
    counted.parse().unwrap()
}

/// The kinds of the cards of a deck file, by the keys each card has.
fn kinds(dir: &Path, deck: &str) -> Vec<String> {
    let text = std::fs::read_to_string(dir.join(deck)).unwrap();
    let table: toml::Table = toml::from_str(&text).unwrap();
    table["card"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let c = c.as_table().unwrap();
            let kind = if c.contains_key("cloze") {
                "cloze"
            } else if c.contains_key("order") {
                "order"
            } else if c.contains_key("choices") {
                "choice"
            } else if c.get("back").is_some_and(toml::Value::is_bool) {
                "true-false"
            } else if c.get("reverse").is_some_and(|r| r.as_bool() == Some(true)) {
                "reversed"
            } else {
                "basic"
            };
            kind.to_owned()
        })
        .collect()
}

#[test]
fn new_writes_a_starter_that_passes_check_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    recall(dir.path())
        .args(["new", "mine.toml", "--title", "Tricky \"title\" \\ here"])
        .assert()
        .success();
    assert_eq!(checked_cards(dir.path(), "mine.toml"), 8);
    let mut every = kinds(dir.path(), "mine.toml");
    every.sort();
    every.dedup();
    assert_eq!(
        every,
        [
            "basic",
            "choice",
            "cloze",
            "order",
            "reversed",
            "true-false"
        ]
    );
    let before = std::fs::read(dir.path().join("mine.toml")).unwrap();
    let out = recall(dir.path())
        .args(["new", "mine.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read(dir.path().join("mine.toml")).unwrap(), before);
}

#[test]
fn quizlet_headed_csv_and_anki_text_become_decks_that_pass_check() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "quizlet.txt",
        "der Hund\tthe dog\ndie Katze\tthe cat\ndas Haus\tthe house, a home\n",
    );
    write(
        dir.path(),
        "sheet.csv",
        "Question,Answer,Choices,Tags,Cloze,Order,Reverse\n\
         Capital of France?,Paris,\"Rome\nBerlin\nMadrid\",geo,,,\n\
         Moon landing year?,1969,,,,,\n\
         The Sun is a planet.,false,,,,,\n\
         ,,,,\"{{c1::Water}} is wet, {{c2::fire::element}} hot\",,\n\
         Order the numbers.,,,,,\"one\ntwo\nthree\",\n\
         photosynthesis,the process that turns light into sugar,,bio,,,yes\n",
    );
    write(
        dir.path(),
        "anki.txt",
        "#separator:tab\n#html:true\n#notetype column:1\n#tags column:4\n\
         Basic\tWhat is <b>2+2</b>?\t4\tmath\n\
         Basic (and reversed card)\tle chien\tthe dog\tfrench\n\
         Cloze\t{{c1::Ottawa}} is the capital of {{c2::Canada}}\t\tgeo\n",
    );
    for (file, deck, cards, want) in [
        (
            "quizlet.txt",
            "quizlet.toml",
            3,
            vec!["basic", "basic", "basic"],
        ),
        (
            "sheet.csv",
            "sheet.toml",
            7,
            vec![
                "choice",
                "basic",
                "true-false",
                "cloze",
                "order",
                "reversed",
            ],
        ),
        (
            "anki.txt",
            "anki.toml",
            4,
            vec!["basic", "reversed", "cloze"],
        ),
    ] {
        let out = recall(dir.path()).args(["import", file]).output().unwrap();
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            stdout(&out).contains(&format!("wrote {deck}")),
            "{}",
            stdout(&out)
        );
        // Items: a cloze card gives one item per deletion, a reversed card two.
        assert_eq!(checked_cards(dir.path(), deck), want.len(), "{file}");
        assert_eq!(kinds(dir.path(), deck), want, "{file}");
        let _ = cards;
    }
    let again = recall(dir.path())
        .args(["import", "quizlet.txt"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    recall(dir.path())
        .args(["import", "quizlet.txt", "--force", "--to", "quizlet.toml"])
        .assert()
        .success();
}

#[test]
fn bad_rows_are_positioned_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "rows.csv",
        "front,back\nok,fine\nx,y,z\nbell,\u{7}\n",
    );
    write(dir.path(), "quiz.txt", "a\tb\nno separator here\n");
    for (file, says) in [
        (
            "rows.csv",
            "rows.csv:3: the row has 3 cells, the header names 2 columns\nrows.csv:4: field 2 holds a control character (\\u{7})",
        ),
        (
            "quiz.txt",
            "quiz.txt:2: no tab between the term and the definition",
        ),
    ] {
        let out = recall(dir.path()).args(["import", file]).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(says), "{err}");
        assert!(err.contains("nothing was written"), "{err}");
        let deck = Path::new(file).with_extension("toml");
        assert!(!dir.path().join(deck).exists());
    }
}

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

#[test]
fn import_export_csv_import_gives_the_same_deck() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "sheet.csv",
        "front,back,accept,choices,tags,hint,explain,cloze,order,in_order,mode,kind\n\
         \"Who wrote \"\"War and Peace\"\"?\",Leo Tolstoy,\"Tolstoy\nLev Tolstoy\",,lit,a Russian,\"two\nlines\",,,,type,person\n\
         Pick the largest planet,Jupiter,,\"Saturn\nMars\",astro,,,,,,,\n\
         Year of the first Moon landing?,1969,,,,,,,,,,\n\
         ,,,,,,,{{c1::Ottawa|Ottowa::a city}} is in {{Canada}},,,,\n\
         Order these,,,,,,,,\"one\ntwo\",,,\n\
         \"Name two authors, in order\",Pushkin and Gogol,,,,,,,,true,,\n",
    );
    recall(dir.path())
        .args(["import", "sheet.csv"])
        .assert()
        .success();
    recall(dir.path())
        .args(["export", "sheet.toml", "--format", "csv", "-o", "again.csv"])
        .assert()
        .success();
    recall(dir.path())
        .args(["import", "again.csv", "--title", "sheet"])
        .assert()
        .success();
    let first = std::fs::read_to_string(dir.path().join("sheet.toml")).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.path().join("again.toml")).unwrap(),
        first
    );
    assert!(
        first.contains("accept = [\n    \"Tolstoy\",") || first.contains("accept = [\"Tolstoy\""),
        "{first}"
    );

    // The bundled deck, every field of it: the CSV of the deck read back is the same CSV.
    let deck = crate::support::root().join("decks/trotsky-exile.toml");
    recall(dir.path())
        .args([
            "export",
            deck.to_str().unwrap(),
            "--format",
            "csv",
            "-o",
            "bundled.csv",
        ])
        .assert()
        .success();
    recall(dir.path())
        .args(["import", "bundled.csv"])
        .assert()
        .success();
    assert_eq!(
        checked_cards(dir.path(), "bundled.toml"),
        checked_cards(&crate::support::root(), "decks/trotsky-exile.toml")
    );
    recall(dir.path())
        .args([
            "export",
            "bundled.toml",
            "--format",
            "csv",
            "-o",
            "bundled-again.csv",
        ])
        .assert()
        .success();
    assert_eq!(
        std::fs::read(dir.path().join("bundled-again.csv")).unwrap(),
        std::fs::read(dir.path().join("bundled.csv")).unwrap()
    );
}

#[test]
fn quiz_formats_give_a_question_an_item_and_name_what_they_leave_out() {
    let dir = tempfile::tempdir().unwrap();
    recall(dir.path())
        .args(["new", "d.toml"])
        .assert()
        .success();
    let out = recall(dir.path())
        .args(["export", "d.toml", "--format", "gift"])
        .output()
        .unwrap();
    assert!(out.status.success());
    // 8 cards: the reversed one asks both ways and the cloze has two blanks.
    assert!(
        stdout(&out).contains("wrote d.gift: 10 questions of 8 cards"),
        "{}",
        stdout(&out)
    );
    let gift = std::fs::read_to_string(dir.path().join("d.gift")).unwrap();
    assert!(
        gift.contains(
            "::moon-landing-year::In what year did people first walk on the Moon? {#1969}"
        ),
        "{gift}"
    );
    assert!(gift.contains("{=Paris =Paris, France}"), "{gift}");
    assert!(gift.contains("{FALSE}"), "{gift}");
    assert!(
        gift.contains("{=1 -> Mercury =2 -> Venus =3 -> Earth =4 -> Mars}"),
        "{gift}"
    );
    assert!(
        gift.contains("::water-formula.2::Water is made of hydrogen and [an element]. {=oxygen}"),
        "{gift}"
    );

    let out = recall(dir.path())
        .args([
            "export",
            "d.toml",
            "--format",
            "aiken",
            "--kinds",
            "choice,true-false",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let aiken = std::fs::read_to_string(dir.path().join("d.txt")).unwrap();
    assert_eq!(aiken.matches("ANSWER: ").count(), 2, "{aiken}");
    assert!(aiken.contains("Which planet is the largest?\n"), "{aiken}");
    let blocks: Vec<&str> = aiken.trim_end().split("\n\n").collect();
    for block in blocks {
        let key = block.rsplit("ANSWER: ").next().unwrap();
        assert!(block.contains(&format!("\n{key}. ")), "{block}");
    }
    let out = recall(dir.path())
        .args(["export", "d.toml", "--format", "aiken", "-o", "all.txt"])
        .output()
        .unwrap();
    let notes = String::from_utf8_lossy(&out.stderr);
    assert!(notes.contains("cloze cards were left out"), "{notes}");
    assert!(notes.contains("orderings were left out"), "{notes}");

    let out = recall(dir.path())
        .args([
            "export",
            "d.toml",
            "--format",
            "quizlet",
            "--tag",
            "geography",
        ])
        .output()
        .unwrap();
    assert!(stdout(&out).contains("1 row of 1 card"), "{}", stdout(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("d.txt")).unwrap(),
        "What is the capital of France?\tParis\n"
    );
    let before = std::fs::read(dir.path().join("d.toml")).unwrap();
    let onto = recall(dir.path())
        .args(["export", "d.toml", "--format", "csv", "-o", "./d.toml"])
        .output()
        .unwrap();
    assert_eq!(onto.status.code(), Some(2));
    assert_eq!(std::fs::read(dir.path().join("d.toml")).unwrap(), before);
    let bad = recall(dir.path())
        .args(["export", "d.toml", "--format", "gift", "--kinds", "essay"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn anki_packages_old_and_new_become_decks_of_the_right_kinds() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = crate::support::root().join("tests/fixtures");
    for (package, deck) in [
        ("anki-notes.apkg", "old.toml"),
        ("anki-notes-21b.apkg", "new.toml"),
    ] {
        let out = recall(dir.path())
            .args([
                "import",
                fixtures.join(package).to_str().unwrap(),
                "--to",
                deck,
            ])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{package}: {err}");
        assert!(
            err.contains("1 note of the type \"Vocabulary\" became front and back cards"),
            "{err}"
        );
        assert!(
            err.contains("picture \"haus.jpg\" is not in the package; left out of its cards"),
            "{err}"
        );
        // 8 notes, a card each: the optional reversed note with its third field filled is
        // reversed, the one without is not.
        assert_eq!(checked_cards(dir.path(), deck), 8, "{package}");
        let mut got = kinds(dir.path(), deck);
        got.sort();
        assert_eq!(
            got,
            [
                "basic", "basic", "basic", "basic", "cloze", "cloze", "reversed", "reversed"
            ],
            "{package}"
        );
        let text = std::fs::read_to_string(dir.path().join(deck)).unwrap();
        assert!(text.contains("title = \"French basics\""), "{text}");
        assert!(
            text.contains("cloze = \"{{Ottawa::city}} is the capital of {{Canada}}\""),
            "{text}"
        );
        assert!(
            text.contains("front = \"What is the capital of France?\""),
            "{text}"
        );
        assert!(
            text.contains("back = \"\"\"\nyes\nof course\"\"\""),
            "{text}"
        );
        assert!(text.contains("front = \"2 < 3?\""), "{text}");
    }
    assert_eq!(
        std::fs::read_to_string(dir.path().join("old.toml")).unwrap(),
        std::fs::read_to_string(dir.path().join("new.toml")).unwrap()
    );
    // A zstd-compressed collection of 40 KB that would unpack to 1.2 GB.
    let bomb = fixtures.join("zstd-bomb.apkg");
    let out = recall(dir.path())
        .args(["import", bomb.to_str().unwrap(), "--to", "bomb.toml"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("zstd-bomb.apkg: collection.anki21b unpacks to more than 1024 MiB; refused (a zip bomb?)"),
        "{err}"
    );
    assert!(!dir.path().join("bomb.toml").exists());
    write(dir.path(), "fake.apkg", "just text");
    let out = recall(dir.path())
        .args(["import", "fake.apkg"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.contains("fake.apkg: not an Anki package: not a zip file"),
        "{err}"
    );
    assert!(!dir.path().join("fake.toml").exists());
}

#[test]
fn the_bundled_deck_goes_to_anki_and_back() {
    let dir = tempfile::tempdir().unwrap();
    let deck = crate::support::root().join("decks/trotsky-exile.toml");
    let out = recall(dir.path())
        .args([
            "export",
            deck.to_str().unwrap(),
            "--format",
            "anki",
            "-o",
            "t.apkg",
        ])
        .output()
        .unwrap();
    let cards = recall::deck::bundled().deck.unwrap().cards.len();
    let wrote = format!("wrote t.apkg: {cards} notes of {cards} cards");
    assert!(stdout(&out).contains(&wrote), "{}", stdout(&out));
    recall(dir.path())
        .args(["import", "t.apkg"])
        .assert()
        .success();
    let text = std::fs::read_to_string(dir.path().join("t.toml")).unwrap();
    assert!(text.contains("title = \"Trotsky Is Sent into Exile (1929)\""));
    let mut got = kinds(dir.path(), "t.toml");
    got.sort();
    got.dedup();
    assert_eq!(got, ["basic", "cloze", "reversed"]);
}

#[test]
fn qti_is_a_zip_with_a_manifest_and_an_item_a_question() {
    let dir = tempfile::tempdir().unwrap();
    recall(dir.path())
        .args(["new", "d.toml", "--title", "Q & <A>"])
        .assert()
        .success();
    let out = recall(dir.path())
        .args(["export", "d.toml", "--format", "qti"])
        .output()
        .unwrap();
    assert!(
        stdout(&out).contains("wrote d.zip: 10 questions of 8 cards"),
        "{}",
        stdout(&out)
    );
    let file = std::fs::File::open(dir.path().join("d.zip")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut read = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
        text
    };
    let manifest = read("imsmanifest.xml");
    assert!(
        manifest.contains("type=\"imsqti_xmlv1p2\" href=\"assessment.xml\""),
        "{manifest}"
    );
    let test = read("assessment.xml");
    assert!(test.contains("title=\"Q &amp; &lt;A&gt;\""), "{test}");
    assert_eq!(test.matches("<item ").count(), 10);
    for kind in [
        "multiple_choice",
        "true_false",
        "short_answer",
        "numerical",
        "matching",
    ] {
        assert!(
            test.contains(&format!("<fieldentry>{kind}_question</fieldentry>")),
            "{kind}"
        );
    }
}

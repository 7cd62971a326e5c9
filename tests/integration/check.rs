use crate::support::{recall, root, stdout, write};

const GOOD: &str = "[deck]\ntitle = \"Capitals\"\n\n[[card]]\nid = \"fr\"\nfront = \"Capital of France?\"\nback = \"Paris\"\n";

/// The shipped decks are clean. Their cites are checked against the article by `.ci/run`,
/// which has the article beside the clone; the repository does not hold it.
#[test]
fn shipped_decks_pass_check() {
    let out = recall(&root()).args(["check", "decks/"]).output().unwrap();
    assert_eq!(stdout(&out), "", "no errors and no warnings");
    assert!(out.status.success());
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(summary.contains(": 0 errors, 0 warnings"), "{summary}");
}

#[test]
fn shipped_deck_has_at_least_sixty_cards_all_cited() {
    let text = std::fs::read_to_string(root().join("decks/trotsky-exile.toml")).unwrap();
    let parsed = recall::deck::parse(
        &text,
        "t",
        "trotsky-exile",
        recall::deck::Options::default(),
    );
    let deck = parsed.deck.expect("deck is valid");
    assert!(deck.cards.len() >= 60, "{} cards", deck.cards.len());
    assert!(deck.cards.iter().all(|c| c.cite.is_some() && !c.derived_id));
}

#[test]
fn reports_every_problem_with_positions_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bad.toml",
        "[deck]\ntitle = \"T\"\n\n[[card]]\nid = \"a\"\nfront = \"Q\"\nbakc = \"A\"\n\n[[card]]\nid = \"a\"\ncloze = \"none\"\n",
    );
    let out = recall(dir.path())
        .args(["check", "bad.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stdout(&out),
        "bad.toml:4:1: error: card is missing `back` (its answer)\n\
         bad.toml:7:1: error: unknown field `bakc` in card; did you mean `back`?\n\
         bad.toml:10:6: error: duplicate card id \"a\" (first used by the card on line 4)\n\
         bad.toml:11:9: error: cloze text has no deletion; mark one like {{this}}\n"
    );
}

#[test]
fn answer_kinds_and_reversed_questions_are_checked_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "kinds.toml",
        "[deck]\ntitle = \"T\"\n\n[[card]]\nid = \"a\"\nfront = \"Where did he go?\"\nback = \"Alma Ata\"\nkind = \"town\"\n\n\
         [[card]]\nid = \"b\"\nfront = \"Which body ran the party?\"\nback = \"the Orgburo\"\nreverse = true\n\n\
         [[card]]\nid = \"c\"\nfront = \"What lay east of the Caspian?\"\nback = \"Kazakhstan\"\nkind = \"place\"\n",
    );
    let out = recall(dir.path())
        .args(["check", "kinds.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with(
            "kinds.toml:8:8: error: unknown kind \"town\"; expected one of: person, place,"
        ),
        "{text}"
    );
    assert!(
        lines[1].starts_with(
            "kinds.toml:14:1: warning: `reverse = true` on a card whose front is a question"
        ),
        "{text}"
    );
}

#[test]
fn folders_are_searched_recursively_and_default_is_decks() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "decks/a/one.toml", GOOD);
    write(
        dir.path(),
        "decks/b/two.toml",
        GOOD.replace("id = \"fr\"", "id = \"de\""),
    );
    write(dir.path(), "decks/notes.txt", "not a deck");
    let out = recall(dir.path()).arg("check").output().unwrap();
    assert!(out.status.success(), "{out:?}");
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(
        summary.contains("checked 2 deck files, 2 cards"),
        "{summary}"
    );
}

#[test]
fn json_format_lists_the_same_problems() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "d.toml", GOOD.replace("back", "bakc"));
    let out = recall(dir.path())
        .args(["check", "--format", "json", "d.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let problems: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &problems[0];
    assert_eq!(first["path"], "d.toml");
    assert_eq!(first["line"], 4);
    assert_eq!(first["column"], 1);
    assert_eq!(first["severity"], "error");
    assert_eq!(problems.as_array().unwrap().len(), 2);
}

#[test]
fn missing_cite_names_the_card_position() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "source.txt",
        "Leon Trotsky organized and directed the Red Army.",
    );
    write(
        dir.path(),
        "d.toml",
        format!("{GOOD}cite = \"organized the Navy\"\n"),
    );
    let out = recall(dir.path())
        .args(["check", "--source", "source.txt", "d.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stdout(&out),
        "d.toml:8:8: error: `cite` \"organized the Navy\" is not found in the source\n"
    );
}

#[test]
fn warnings_alone_exit_0() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "d.toml", GOOD.replace("id = \"fr\"\n", ""));
    let out = recall(dir.path())
        .args(["check", "d.toml"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).contains("d.toml:4:1: warning: card has no `id`"));
}

#[test]
fn control_characters_are_never_echoed() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "d.toml",
        "[deck]\ntitle = \"T\"\n[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\n\"evil\u{1b}]0;pwned\u{7}\" = 1\n",
    );
    let out = recall(dir.path())
        .args(["check", "d.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
}

#[test]
fn hostile_files_give_positioned_errors_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let deep = format!("a = {}{}\n", "[".repeat(20_000), "]".repeat(20_000));
    write(dir.path(), "deep.toml", deep);
    write(dir.path(), "binary.toml", [0xff_u8, 0xfe, 0x00, 0x41]);
    write(
        dir.path(),
        "line.toml",
        format!("[deck]\ntitle = \"{}\"\n", "x".repeat(5_000_000)),
    );
    let big = std::fs::File::create(dir.path().join("big.toml")).unwrap();
    big.set_len(17 * 1024 * 1024).unwrap();
    let out = recall(dir.path()).arg("check").arg(".").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(
        text.contains("./big.toml:1:1: error: file is larger than the 16 MiB"),
        "{text}"
    );
    assert!(
        text.contains("./binary.toml:1:1: error: file is not UTF-8"),
        "{text}"
    );
    assert!(text.contains("./deep.toml:1:"), "{text}");
    assert!(
        text.contains("./line.toml:1:1: error: deck has no cards"),
        "{text}"
    );
}

#[test]
fn thousands_of_files_in_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..2_000 {
        write(
            dir.path(),
            &format!("many/d{i:04}.toml"),
            GOOD.replace("Capitals", &format!("C{i}")),
        );
    }
    let out = recall(dir.path()).args(["check", "many"]).output().unwrap();
    let text = stdout(&out);
    // Every file has the same deck id as its stem, so none collide; all pass.
    assert!(out.status.success(), "{text}");
}

#[test]
fn unreadable_paths_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let out = recall(dir.path())
        .args(["check", "nope.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).starts_with("nope.toml:1:1: error: cannot read:"));
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = recall(dir.path())
        .args(["check", "empty"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("no deck files (*.toml) found here"));
}

#[test]
fn missing_source_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "d.toml", GOOD);
    let out = recall(dir.path())
        .args(["check", "--source", "missing.txt", "d.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt"));
}

#[test]
fn help_explains_itself() {
    let dir = tempfile::tempdir().unwrap();
    let out = recall(dir.path())
        .args(["check", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(stdout(&out).contains("--source <FILE>"));
}

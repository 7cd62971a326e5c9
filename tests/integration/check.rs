use std::path::Path;
use std::process::Output;

use crate::support::{recall, root, stdout, write};

/// One card and no deck id; tests below assert positions in it.
const GOOD: &str = include_str!("../fixtures/france.toml");

/// `recall check ARGS` in `dir`, run to its end.
fn check(dir: &Path, args: &[&str]) -> Output {
    recall(dir).arg("check").args(args).output().unwrap()
}

/// The shipped decks are clean. Their cites are checked against the article by `.ci/run`,
/// which has the article beside the clone; the repository does not hold it.
#[test]
fn shipped_decks_pass_check() {
    let out = check(&root(), &["decks/"]);
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
    let out = check(dir.path(), &["bad.toml"]);
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
    let out = check(dir.path(), &["kinds.toml"]);
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
            "kinds.toml:14:1: warning[reverse-question]: `reverse = true` on a card whose front is a question"
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
    let out = check(dir.path(), &[]);
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
    let out = check(dir.path(), &["--format", "json", "d.toml"]);
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
    let out = check(dir.path(), &["--source", "source.txt", "d.toml"]);
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
    let out = check(dir.path(), &["d.toml"]);
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
    let out = check(dir.path(), &["d.toml"]);
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
    let out = check(dir.path(), &["."]);
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
            GOOD.replace("France\"", &format!("C{i}\"")),
        );
    }
    let out = check(dir.path(), &["many"]);
    let text = stdout(&out);
    // Every file has the same deck id as its stem, so none collide; all pass.
    assert!(out.status.success(), "{text}");
}

#[test]
fn unreadable_paths_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let out = check(dir.path(), &["nope.toml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).starts_with("nope.toml:1:1: error: cannot read:"));
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = check(dir.path(), &["empty"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("no deck files (*.toml) found here"));
}

#[test]
fn missing_source_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "d.toml", GOOD);
    let out = check(dir.path(), &["--source", "missing.txt", "d.toml"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt"));
}

#[test]
fn help_explains_itself() {
    let dir = tempfile::tempdir().unwrap();
    let out = check(dir.path(), &["--help"]);
    assert!(out.status.success());
    assert!(stdout(&out).contains("--source <FILE>"));
}

/// Each card of the fixture has one of the mistakes `check` warns about; the warning comes
/// at the line of the value at fault, under the name `allow` silences it by.
#[test]
fn each_study_problem_is_warned_of_at_its_line() {
    let out = check(&root(), &["tests/fixtures/check-warnings.toml"]);
    assert!(out.status.success(), "warnings are no errors");
    let text = stdout(&out);
    let found: Vec<(usize, &str)> = text
        .lines()
        .map(|line| {
            let mut parts = line.split(':');
            let _path = parts.next();
            let number = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let _column = parts.next();
            let kind = parts.next().unwrap_or_default().trim();
            (number, kind)
        })
        .collect();
    assert_eq!(
        found,
        [
            (16, "warning[giveaway]"),
            (23, "warning[giveaway]"),
            (29, "warning[reverse-question]"),
            (34, "warning[long-answer]"),
            (44, "warning[same-question]"),
            (48, "warning[anki-cloze]"),
            (52, "warning[cloze-hint]"),
            (57, "warning[quoted-bool]"),
            (62, "warning[date-text]"),
            (66, "warning[date-text]"),
            (71, "warning[look-alike]"),
            (77, "warning[invisible]"),
            (82, "warning[invisible]"),
        ],
        "{text}"
    );
    assert!(text.contains(
        "16:8: warning[giveaway]: the answer \"Pudding Lane\" stands in the explain of card \"fire-year\" (line 7), one card earlier"
    ));
    assert!(text.contains("write `{{Christopher Wren}}`"), "{text}");
    assert!(
        text.contains("write `back = true`, without quotes"),
        "{text}"
    );
    assert!(text.contains("write it \"September 1666\""), "{text}");
    assert!(
        text.contains("the Cyrillic letter \"а\" (U+0430) in the Latin word"),
        "{text}"
    );
    assert!(text.contains("the invisible character \\u{200b}"), "{text}");
    assert!(
        !text.contains('\u{200b}') && !text.contains('\u{202e}'),
        "shown escaped"
    );
    assert!(!text.contains("fire-parishes"), "silenced by its `allow`");
}

/// `allow` names only warnings there are, and silences only the one it names.
#[test]
fn allow_names_known_warnings_and_silences_only_those() {
    let dir = tempfile::tempdir().unwrap();
    let card = |allow: &str| {
        format!(
            "[deck]\ntitle = \"T\"\n\n[[card]]\nid = \"a\"\nfront = \"Capital of France?\"\nback = \"true\"\nhint = \"true, I tell you\"\n{allow}"
        )
    };
    write(dir.path(), "none.toml", card(""));
    write(dir.path(), "one.toml", card("allow = [\"quoted-bool\"]\n"));
    write(dir.path(), "bad.toml", card("allow = [\"giveaways\"]\n"));
    let run = |name: &str| {
        let out = check(dir.path(), &[name]);
        (out.status.code(), stdout(&out))
    };
    let (code, none) = run("none.toml");
    assert_eq!(code, Some(0));
    assert!(
        none.contains("[quoted-bool]") && none.contains("[giveaway]"),
        "{none}"
    );
    let (code, one) = run("one.toml");
    assert_eq!(code, Some(0));
    assert!(
        !one.contains("[quoted-bool]") && one.contains("[giveaway]"),
        "{one}"
    );
    let (code, bad) = run("bad.toml");
    assert_eq!(code, Some(2));
    assert!(
        bad.contains("bad.toml:9:10: error: `allow` names no warning \"giveaways\"; expected one of: giveaway,"),
        "{bad}"
    );
}

#[test]
fn single_bracket_cards_are_named_and_windows_line_ends_are_read() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "one.toml",
        "[deck]\ntitle = \"T\"\n\n[card]\nid = \"a\"\nfront = \"Q?\"\nback = \"A\"\n\n[card]\nid = \"b\"\nfront = \"R?\"\nback = \"B\"\n",
    );
    let out = check(dir.path(), &["one.toml"]);
    assert_eq!(out.status.code(), Some(2));
    let text = stdout(&out);
    assert!(
        text.starts_with("one.toml:4:1: error: `[card]` starts a single table"),
        "{text}"
    );
    assert!(text.contains("\none.toml:9:1: error: `[card]`"), "{text}");
    assert!(!text.contains("duplicate key"), "{text}");
    let unix = "[deck]\ntitle = \"T\"\n\n[[card]]\nid = \"a\"\nfront = \"\"\"\nWhich city,\nthen Petrograd?\"\"\"\nback = \"Saint Petersburg\"\n";
    write(dir.path(), "crlf.toml", unix.replace('\n', "\r\n"));
    let out = check(dir.path(), &["crlf.toml"]);
    assert_eq!(stdout(&out), "");
    assert!(out.status.success());
}

/// `--coverage` lists the source's sentences no cite falls in, with their lines, and the
/// share covered.
#[test]
fn coverage_lists_the_sentences_no_cite_falls_in() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "fire.txt",
        "The Great Fire of London\n\nThe fire broke out in a bakery on Pudding Lane. It burned for four days.\nAbout 13,200 houses were lost. Dr. Wren drew a new plan for the City!\n",
    );
    write(
        dir.path(),
        "fire.toml",
        "[deck]\ntitle = \"Fire\"\n\n[[card]]\nid = \"street\"\nfront = \"Where did the fire start?\"\nback = \"Pudding Lane\"\ncite = \"a bakery on Pudding Lane\"\n\n[[card]]\nid = \"plan\"\nfront = \"Who drew a new plan for the City?\"\nback = \"Christopher Wren\"\ncite = \"Wren drew a new plan\"\n",
    );
    let out = check(
        dir.path(),
        &["fire.toml", "--source", "fire.txt", "--coverage"],
    );
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        stdout(&out),
        "fire.txt:1: The Great Fire of London\n\
         fire.txt:3: It burned for four days.\n\
         fire.txt:4: About 13,200 houses were lost.\n\
         coverage: 2 of 5 sentences of fire.txt hold a card's cite (40%)\n"
    );
    let out = check(dir.path(), &["fire.toml", "--coverage"]);
    assert!(!out.status.success(), "--coverage needs --source");
}

//! Table tests for deck validation: each row is a deck text and the exact problems
//! (line, column, severity, message) it must produce, and nothing else.

use super::{Answer, Content, Options, Severity, cite::Source, parse};

const HEAD: &str = "[deck]\ntitle = \"T\"\n\n";

/// Parses `body` after a valid `[deck]` header (three lines) and renders each problem
/// as `line:column: severity: message`.
fn problems(body: &str) -> Vec<String> {
    problems_of(&format!("{HEAD}{body}"))
}

fn problems_of(text: &str) -> Vec<String> {
    let parsed = parse(text, "d.toml", "d", Options::default());
    parsed
        .diagnostics
        .iter()
        .map(|d| format!("{}:{}: {}: {}", d.line, d.column, d.severity, d.message))
        .collect()
}

macro_rules! problem_table {
    ($($name:ident: $body:expr => [$($expected:expr),* $(,)?];)*) => {
        $(
            #[test]
            fn $name() {
                let expected: Vec<&str> = vec![$($expected),*];
                assert_eq!(problems($body), expected);
            }
        )*
    };
}

problem_table! {
    valid_card_has_no_problems:
        "[[card]]\nid = \"a\"\nfront = \"Q?\"\nback = \"A\"\n" => [];
    unknown_field_suggests:
        "[[card]]\nid = \"a\"\nfront = \"Q?\"\nback = \"A\"\nbakc = \"A\"\n"
        => ["8:1: error: unknown field `bakc` in card; did you mean `back`?"];
    unknown_field_without_suggestion:
        "[[card]]\nid = \"a\"\nfront = \"Q?\"\nback = \"A\"\nzzzzzzzz = 1\n"
        => ["8:1: error: unknown field `zzzzzzzz` in card; expected one of: id, front, back, accept, choices, reverse, cloze, order, tags, hint, explain, cite, mode, kind, in_order, allow, image, image_alt, back_image, back_image_alt, explain_image, explain_image_alt"];
    missing_back:
        "[[card]]\nid = \"a\"\nfront = \"Q?\"\n"
        => ["4:1: error: card is missing `back` (its answer)"];
    missing_front:
        "[[card]]\nid = \"a\"\nback = \"A\"\n"
        => ["4:1: error: card is missing `front` (its question)"];
    missing_everything:
        "[[card]]\nid = \"a\"\n"
        => ["4:1: error: card has no question: give it `front` and `back`, a `cloze`, or `front` and `order`"];
    wrong_type_front:
        "[[card]]\nid = \"a\"\nfront = 3\nback = \"A\"\n"
        => ["6:9: error: `front` must be a string, found an integer"];
    wrong_type_back:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = 2.5\n"
        => ["7:8: error: `back` must be a string, an integer or true/false, found a float"];
    wrong_type_tags:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\ntags = \"x\"\n"
        => ["8:8: error: `tags` must be an array of strings, found a string"];
    wrong_type_in_list:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\naccept = [\"b\", 3]\n"
        => ["8:16: error: `accept` must contain only strings, found an integer"];
    wrong_type_reverse:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\nreverse = \"yes\"\n"
        => ["8:11: error: `reverse` must be true or false, found a string"];
    empty_text:
        "[[card]]\nid = \"a\"\nfront = \"  \"\nback = \"A\"\n"
        => ["6:9: error: `front` is empty"];
    duplicate_ids:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\n\n[[card]]\nid = \"a\"\nfront = \"R\"\nback = \"B\"\n"
        => ["10:6: error: duplicate card id \"a\" (first used by the card on line 4)"];
    bad_id:
        "[[card]]\nid = \"a b\"\nfront = \"Q\"\nback = \"A\"\n"
        => ["5:6: error: id \"a b\" may contain only letters, digits, '-', '_' and '.'"];
    cloze_without_deletion:
        "[[card]]\nid = \"a\"\ncloze = \"nothing hidden\"\n"
        => ["6:9: error: cloze text has no deletion; mark one like {{this}}"];
    cloze_unclosed:
        "[[card]]\nid = \"a\"\ncloze = \"open {{ here\"\n"
        => ["6:9: error: cloze deletion `{{` is never closed with `}}`"];
    cloze_with_back:
        "[[card]]\nid = \"a\"\ncloze = \"{{x}}\"\nback = \"x\"\n"
        => ["7:1: error: `back` does not go with a `cloze` card"];
    choices_with_answer:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"Paris\"\nchoices = [\"Rome\", \"paris\"]\n"
        => ["8:20: error: `choices` lists the right answer \"paris\"; list only wrong options"];
    choices_with_accepted_answer:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"Paris\"\naccept = [\"Lutetia\"]\nchoices = [\"Lutetia\"]\n"
        => ["9:12: error: `choices` lists the right answer \"Lutetia\"; list only wrong options"];
    choices_repeat:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"Paris\"\nchoices = [\"Rome\", \"Rome\"]\n"
        => ["8:20: error: `choices` repeats \"Rome\""];
    choices_empty:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"Paris\"\nchoices = []\n"
        => ["8:11: error: `choices` is empty; list the wrong options or remove it"];
    order_too_short:
        "[[card]]\nid = \"a\"\nfront = \"Order\"\norder = [\"one\"]\n"
        => ["7:9: error: `order` needs at least two items"];
    order_repeats:
        "[[card]]\nid = \"a\"\nfront = \"Order\"\norder = [\"one\", \"One\"]\n"
        => ["7:17: error: `order` repeats \"One\""];
    order_without_front:
        "[[card]]\nid = \"a\"\norder = [\"one\", \"two\"]\n"
        => ["4:1: error: card is missing `front` (what to put in order)"];
    true_false_with_choices:
        "[[card]]\nid = \"a\"\nfront = \"Sky is blue.\"\nback = true\nchoices = [\"x\"]\n"
        => ["8:1: error: `choices` does not go with a true/false card"];
    control_character:
        "[[card]]\nid = \"a\"\nfront = \"bell \\u0007 here\"\nback = \"A\"\n"
        => ["6:9: error: `front` contains the control character \\u{7}; remove it"];
    c1_control_character:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\nexplain = \"x\\u009by\"\n"
        => ["8:11: error: `explain` contains the control character \\u{9b}; remove it"];
    zero_width_character_warns:
        "[[card]]\nid = \"a\"\nfront = \"Where is Tehran?\"\nback = \"I\\u200Bran\"\n"
        => ["7:8: warning: `back` contains the invisible character \\u{200b}, which can make the text show otherwise than it is checked; remove it"];
    bidi_override_warns:
        "[[card]]\nid = \"a\"\nfront = \"Who? \\u202Eyksrot\\u202C\"\nback = \"Trotsky\"\n"
        => ["6:9: warning: `front` contains the invisible character \\u{202e}, which can make the text show otherwise than it is checked; remove it"];
    unknown_mode:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\nmode = \"shout\"\n"
        => ["8:8: error: unknown mode \"shout\"; expected one of: auto, flip, type, choice"];
    long_cite:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\ncite = \"one two three four five six seven eight nine\"\n"
        => ["8:8: error: `cite` has 9 words; quote at most 8"];
    missing_id_warns:
        "[[card]]\nfront = \"Q\"\nback = \"A\"\n"
        => ["4:1: warning: card has no `id`; its progress is kept under \"card-af640c4c\", which changes if the text is edited"];
    answer_in_question_warns:
        "[[card]]\nid = \"a\"\nfront = \"Who followed Lenin, Stalin or Trotsky?\"\nback = \"Stalin\"\n"
        => ["7:8: warning: the answer \"Stalin\" appears word for word in the question"];
    answer_with_article_in_question_warns:
        "[[card]]\nid = \"a\"\nfront = \"What did the Orgburo do?\"\nback = \"The Orgburo\"\n"
        => ["7:8: warning: the answer \"The Orgburo\" appears word for word in the question"];
    answer_in_question_ignores_case_beyond_ascii:
        "[[card]]\nid = \"a\"\nfront = \"Who taught at the ÉCOLE normale?\"\nback = \"École Normale\"\n"
        => ["7:8: warning: the answer \"École Normale\" appears word for word in the question"];
    answer_differing_beyond_ascii_is_fine:
        "[[card]]\nid = \"a\"\nfront = \"Who taught at the Ecole normale?\"\nback = \"École normale\"\n" => [];
    answer_that_is_only_an_article_is_still_looked_for:
        "[[card]]\nid = \"a\"\nfront = \"Is the sky blue?\"\nback = \"The\"\n"
        => ["7:8: warning: the answer \"The\" appears word for word in the question"];
    answer_found_after_a_partial_match:
        "[[card]]\nid = \"a\"\nfront = \"Red, blue, red, blue, green?\"\nback = \"red blue green\"\n"
        => ["7:8: warning: the answer \"red blue green\" appears word for word in the question"];
    answer_cut_short_by_the_end_of_the_question_is_fine:
        "[[card]]\nid = \"a\"\nfront = \"Which colour follows red blue?\"\nback = \"blue green\"\n" => [];
    answer_as_part_of_a_word_is_fine:
        "[[card]]\nid = \"a\"\nfront = \"Who led Stalingrad?\"\nback = \"Stalin\"\n" => [];
    unknown_answer_kind:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\nkind = \"animal\"\n"
        => ["8:8: error: unknown kind \"animal\"; expected one of: person, place, body, work, event, role, year, date, number, concept, reason"];
    answer_kind_on_a_true_false_card:
        "[[card]]\nid = \"a\"\nfront = \"Sky is blue.\"\nback = true\nkind = \"place\"\n"
        => ["8:1: error: `kind` does not go with a true-false card"];
    answer_kind_on_a_cloze_card:
        "[[card]]\nid = \"a\"\ncloze = \"{{Paris}} is big.\"\nkind = \"place\"\n"
        => ["7:1: error: `kind` does not go with a cloze card"];
    answer_kind_that_is_not_text:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\nkind = 3\n"
        => ["8:8: error: `kind` must be a string, found an integer"];
    reversed_question_warns:
        "[[card]]\nid = \"a\"\nfront = \"Which body ran the party?\"\nback = \"the Orgburo\"\nreverse = true\n"
        => ["8:1: warning: `reverse = true` on a card whose front is a question: back to front, the answer to give would be the question \"Which body ran the party?\" itself, so that side is never asked typed, only as a flip or a choice among questions; give the card a front that names a thing, or drop `reverse`"];
    reversed_term_is_fine:
        "[[card]]\nid = \"a\"\nfront = \"Orgburo\"\nback = \"the party's bureau of organization\"\nreverse = true\n" => [];
    huge_integer:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = 99999999999999999999\n"
        => ["7:8: error: `back` is too large a number"];
    card_is_a_single_table:
        "[card]\nid = \"a\"\n"
        => ["4:1: error: `[card]` starts a single table, not one card of many; write `[[card]]`, with two brackets, above each card"];
    in_order_on_a_list_is_fine:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"Pride and Prejudice\"\nin_order = true\n" => [];
    in_order_on_a_cloze_list_is_fine:
        "[[card]]\nid = \"a\"\ncloze = \"By {{Marx and Engels|Marx & Engels}}.\"\nin_order = true\n" => [];
    in_order_without_a_list_warns:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"Trotsky\"\nin_order = true\n"
        => ["8:1: warning: `in_order` has no effect: no answer of this card is a list (items joined by \"and\", \"&\", commas, \"/\" or \";\")"];
    in_order_must_be_a_boolean:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A and B\"\nin_order = \"yes\"\n"
        => ["8:12: error: `in_order` must be true or false, found a string"];
    in_order_does_not_go_with_true_false:
        "[[card]]\nid = \"a\"\nfront = \"Q\"\nback = true\nin_order = true\n"
        => ["8:1: error: `in_order` does not go with a true/false card"];
    cloze_with_an_empty_wording:
        "[[card]]\nid = \"a\"\ncloze = \"In {{Alma-Ata|}}.\"\n"
        => ["6:9: error: cloze deletion `{{Alma-Ata|}}` has an empty wording; write `{{a|b}}` with text on both sides of `|`"];
    several_problems_all_reported:
        "[[card]]\nid = \"a\"\nfront = \"\"\nback = 1.0\nbakc = 1\n"
        => [
            "6:9: error: `front` is empty",
            "7:8: error: `back` must be a string, an integer or true/false, found a float",
            "8:1: error: unknown field `bakc` in card; did you mean `back`?",
        ];
}

#[test]
fn deck_level_problems() {
    assert_eq!(
        problems_of("[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\n"),
        ["1:1: error: missing [deck] table; it needs at least a `title`"]
    );
    assert_eq!(
        problems_of(
            "[deck]\ndescription = \"x\"\n[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\n"
        ),
        ["1:1: error: deck is missing `title` (the deck's name)"]
    );
    assert_eq!(
        problems_of("[deck]\ntitle = \"T\"\n"),
        ["1:1: error: deck has no cards; add at least one [[card]]"]
    );
    assert_eq!(
        problems_of(
            "[deck]\ntitle = \"T\"\nscheduler = \"sm3\"\n[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\n"
        ),
        ["3:13: error: unknown scheduler \"sm3\"; expected one of: fsrs, sm2, leitner"]
    );
    assert_eq!(
        problems_of(
            "[deck]\ntitle = \"T\"\n[decks]\n[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\n"
        ),
        ["3:2: error: unknown field `decks` in the deck file; did you mean `deck`?"]
    );
    assert_eq!(
        problems_of("[deck]\ntitle = \"T\"\nx = [\n"),
        ["3:6: error: TOML syntax: unclosed array, expected `]`"]
    );
}

#[test]
fn a_card_that_is_not_a_table() {
    assert_eq!(
        problems_of("card = [1]\n[deck]\ntitle = \"T\"\n"),
        ["1:9: error: a card must be a table, found an integer"]
    );
}

#[test]
fn kinds_are_read_from_their_fields() {
    let text = format!(
        "{HEAD}[[card]]\nid = \"y\"\nfront = \"Year?\"\nback = 1929\n\n\
         [[card]]\nid = \"m\"\nfront = \"When?\"\nback = \"March 1921\"\n\n\
         [[card]]\nid = \"t\"\nfront = \"It rained.\"\nback = false\n\n\
         [[card]]\nid = \"c\"\ncloze = \"{{{{a}}}} and {{{{b::hint}}}}\"\n\n\
         [[card]]\nid = \"o\"\nfront = \"Order\"\norder = [\"x\", \"y\"]\n"
    );
    let parsed = parse(&text, "d.toml", "d", Options::default());
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let deck = parsed.deck.unwrap();
    assert_eq!(deck.id, "d");
    let kinds: Vec<&str> = deck.cards.iter().map(|c| c.content.kind_name()).collect();
    assert_eq!(kinds, ["basic", "basic", "true-false", "cloze", "order"]);
    assert!(matches!(
        &deck.cards[0].content,
        Content::Basic {
            back: Answer::Number(1929),
            ..
        }
    ));
    assert!(matches!(
        &deck.cards[1].content,
        Content::Basic {
            back: Answer::Month {
                year: 1921,
                month: 3
            },
            ..
        }
    ));
    assert_eq!(deck.cards[2].line, 14);
    assert!(deck.cards.iter().all(|c| c.kind.is_none()));
    let stated = format!(
        "{HEAD}[[card]]\nid = \"p\"\nfront = \"Q?\"\nback = \"Kazakhstan\"\nkind = \"place\"\n"
    );
    let deck = parse(&stated, "d.toml", "d", Options::default())
        .deck
        .unwrap();
    assert_eq!(deck.cards[0].kind, Some(crate::deck::AnswerKind::Place));
}

#[test]
fn cites_are_checked_against_the_source() {
    let source = Source::new("Trotsky’s expulsion from the Politburo,\nthe leading organ");
    let text = format!(
        "{HEAD}[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\ncite = \"trotsky's expulsion from the politburo\"\n\n\
         [[card]]\nid = \"b\"\nfront = \"Q\"\nback = \"A\"\ncite = \"expelled from the Politburo\"\n"
    );
    let parsed = parse(
        &text,
        "d.toml",
        "d",
        Options {
            source: Some(&source),
            quiet: false,
            pictures_in: None,
        },
    );
    let lines: Vec<String> = parsed
        .diagnostics
        .iter()
        .map(|d| format!("{}:{}: {}", d.line, d.column, d.message))
        .collect();
    assert_eq!(
        lines,
        ["14:8: `cite` \"expelled from the Politburo\" is not found in the source"]
    );
    assert_eq!(parsed.diagnostics[0].severity, Severity::Error);
}

#[test]
fn deck_tags_are_inherited_and_id_overrides_the_stem() {
    let text = "[deck]\ntitle = \"T\"\nid = \"custom\"\ntags = [\"history\"]\n\n\
                [[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\ntags = [\"people\"]\n";
    let deck = parse(text, "d.toml", "stem", Options::default())
        .deck
        .unwrap();
    assert_eq!(deck.id, "custom");
    assert_eq!(deck.cards[0].tags, ["people", "history"]);
}

#[test]
fn messages_escape_control_characters_from_keys() {
    let text =
        format!("{HEAD}[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\n\"k\\u001b[2J\" = 1\n");
    let problems = problems_of(&text);
    assert_eq!(problems.len(), 1);
    assert!(problems[0].contains("`k\\u{1b}[2J`"), "{}", problems[0]);
    assert!(!problems[0].contains('\u{1b}'));
}

#[test]
fn the_bundled_deck_is_valid() {
    let parsed = super::bundled();
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    assert!(parsed.deck.is_some());
}

#[test]
fn a_file_name_id_with_a_control_character_is_an_error_like_the_same_id_written() {
    let text = format!("{HEAD}[[card]]\nid = \"a\"\nfront = \"Q\"\nback = \"A\"\n");
    let parsed = parse(&text, "d\u{1b}[31m.toml", "d\u{1b}[31m", Options::default());
    let messages: Vec<String> = parsed
        .diagnostics
        .iter()
        .map(|d| format!("{}:{}: {}", d.line, d.severity, d.message))
        .collect();
    assert_eq!(
        messages,
        [
            "1:error: the deck's id comes from the file name, \"d\\u{1b}[31m\", which holds \
          the character \\u{1b}; rename the file or give `[deck]` an `id`"
        ]
    );
    assert!(parsed.deck.is_none());
    // With an id of its own, the file name does not matter.
    let named = text.replace("title = \"T\"", "title = \"T\"\nid = \"t\"");
    assert!(
        parse(&named, "x", "d\u{1b}", Options::default())
            .diagnostics
            .is_empty()
    );
    // A file name with a space (an id `[deck] id` may not hold) stays as it was: progress is
    // kept under it.
    assert!(
        parse(&text, "my deck.toml", "my deck", Options::default())
            .diagnostics
            .is_empty()
    );
}

#[test]
fn windows_line_ends_read_as_the_same_deck() {
    let unix = "[deck]\ntitle = \"T\"\n\n[[card]]\nid = \"a\"\nfront = \"\"\"\nTwo\nlines\"\"\"\nback = \"A\"\nexplain = '''\nsaid\nso'''\n\n[[card]]\nid = \"b\"\nfront = \"Q?\"\nback = 1921\n";
    let windows = unix.replace('\n', "\r\n");
    for parse in [super::parse, super::parse_whole_document] {
        let a = parse(unix, "d.toml", "d", Options::default());
        let b = parse(&windows, "d.toml", "d", Options::default());
        assert_eq!(b.diagnostics, a.diagnostics);
        let (a, b) = (a.deck.expect("unix deck"), b.deck.expect("windows deck"));
        assert_eq!(format!("{b:?}"), format!("{a:?}"));
        assert_eq!(b.cards[0].content.question(), "Two\nlines");
    }
}

#[test]
fn single_bracket_card_headers_are_named_once_each() {
    let text = "[deck]\ntitle = \"T\"\n[card]\nid = \"a\"\nfront = \"Q?\"\nback = \"A\"\n  [card]  # two\nid = \"b\"\nfront = \"R?\"\nback = \"B\"\n";
    let message = "`[card]` starts a single table, not one card of many; write `[[card]]`, with two brackets, above each card";
    assert_eq!(
        problems_of(text),
        [
            format!("3:1: error: {message}"),
            format!("7:3: error: {message}")
        ]
    );
}

#[test]
fn a_quiet_parse_skips_the_study_warnings_but_not_the_format_ones() {
    // A give-away, a look-alike letter and a card without an id.
    let text = format!(
        "{HEAD}[[card]]\nid = \"a\"\nfront = \"Which city, Paris or Rome, is in France?\"\nback = \"Paris\"\n\n\
         [[card]]\nid = \"b\"\nfront = \"Capital of France?\"\nback = \"Paris\"\n\n\
         [[card]]\nfront = \"Capital of \u{0406}taly?\"\nback = \"Rome\"\n"
    );
    let loud = parse(&text, "d.toml", "d", Options::default());
    let quiet = parse(
        &text,
        "d.toml",
        "d",
        Options {
            quiet: true,
            ..Options::default()
        },
    );
    let codes =
        |p: &super::Parsed| -> Vec<Option<&str>> { p.diagnostics.iter().map(|d| d.code).collect() };
    for code in ["look-alike", "giveaway"] {
        assert!(codes(&loud).contains(&Some(code)), "{:?}", loud.diagnostics);
        assert!(
            !codes(&quiet).contains(&Some(code)),
            "{:?}",
            quiet.diagnostics
        );
    }
    // What was warned of before these warnings came stays: a card without an id.
    assert!(codes(&quiet).contains(&None), "{:?}", quiet.diagnostics);
    assert_eq!(loud.deck.unwrap().cards, quiet.deck.unwrap().cards);
}

//! Ending a session in a terminal: Ctrl-C and Esc at each kind of prompt, signals while an
//! answer is saved or a prompt waits, and a restart that goes on where the last one stopped.
//! Also what is drawn at all: the bundled deck's first question, and colour.

use std::path::Path;
use std::time::{Duration, Instant};

use super::{
    ANSWER, CTRL_C, ENTER, ESC, FLIP, LATER_TODAY, LIST_END, MENU, NOW, Pty, RATE, capitals,
    log_json, ratings, triple,
};
use crate::fixtures::fixture;
use crate::support::{generated_deck, write};

/// At the list `title`: `key` ends the session within 5 s, with a summary saying `summary`.
fn ends_at_once(mut pty: Pty, title: &str, key: &str, summary: &str) {
    pty.list(title);
    let asked = Instant::now();
    pty.send(key);
    pty.expect_summary(summary);
    assert!(asked.elapsed() < Duration::from_secs(5));
}

/// Ctrl-C between prompts is SIGINT. It comes while the first answer of a first launch is
/// being saved, which waits for the new deck's cards to be written: the answer is saved,
/// then the session ends as Ctrl-C at the next prompt would, with its summary.
#[test]
fn an_interrupt_while_an_answer_is_saved_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    // Large enough that the deck's cards are still being written at the first answer.
    write(dir.path(), "deck.toml", generated_deck("capitals", 20_000));
    let mut pty = Pty::study(dir.path(), NOW, &[]);
    pty.expect("Question 0");
    pty.reveal();
    pty.list(RATE);
    pty.send(ENTER);
    // The rating list drawn answered: the prompt is done and the answer on its way.
    pty.expect("How well did you know it? Good");
    std::thread::sleep(Duration::from_millis(20));
    pty.signal("INT");
    pty.expect_summary("Studied 1 card in");
    assert_eq!(ratings(dir.path()), [triple("c0", 3, None)]);
}

/// A signal while a prompt waits for keys (sent by `kill`: Ctrl-C there is a key) ends recall
/// with the status the signal would give, and saves nothing half-way.
#[test]
fn a_signal_while_a_prompt_waits_ends_recall() {
    let (dir, mut pty) = capitals(&[]);
    pty.reveal_and_rate("Good");
    pty.expect("Capital of Italy?");
    pty.list(FLIP);
    pty.signal("TERM");
    let (code, rest) = pty.finish();
    assert_eq!(code, 143, "{rest}");
    assert_eq!(ratings(dir.path()), [triple("fr", 3, None)]);
}

#[test]
fn ctrl_c_and_esc_end_the_session_and_a_restart_goes_on() {
    let (dir, mut pty) = capitals(&[]);
    pty.reveal_and_rate("Easy");
    pty.next_question(
        "1 done · 2 new · 0 learning · 0 review",
        "Capital of Italy?",
    );
    ends_at_once(pty, FLIP, CTRL_C, "Studied 1 card in");
    assert_eq!(ratings(dir.path()), [triple("fr", 4, None)]);

    // The same day, the same data: France is done; Italy comes first. Esc at the rating list
    // ends the session without rating it.
    let mut pty = Pty::study(dir.path(), LATER_TODAY, &[]);
    let first = pty.expect("Capital of");
    assert!(
        first.contains("0 done · 2 new · 0 learning · 0 review"),
        "{first}"
    );
    pty.expect(" Italy?");
    pty.reveal();
    pty.expect("Answer: Rome");
    ends_at_once(pty, RATE, ESC, "Studied 0 cards in");
    assert_eq!(ratings(dir.path()), [triple("fr", 4, None)]);
}

#[test]
fn ctrl_c_ends_at_once_from_a_typed_answer_and_from_the_menu() {
    let (dir, mut pty) = capitals(&["--mode", "type"]);
    pty.expect(ANSWER);
    pty.send("par");
    pty.expect("? Your answer: par");
    pty.send(CTRL_C);
    pty.expect_summary("Studied 0 cards in");

    // In the "… more" menu Esc goes back to the question, and Ctrl-C ends the session.
    let mut pty = Pty::study(dir.path(), NOW, &[]);
    pty.expect("Capital of France?");
    pty.open_menu();
    pty.esc_at(MENU);
    pty.expect("<canceled>");
    pty.open_menu();
    pty.list(MENU);
    pty.send(CTRL_C);
    pty.expect_summary("Studied 0 cards in");
    assert!(log_json(dir.path()).is_empty());
}

/// Esc at the rating list keeps the answer just typed and checked, with its suggested
/// rating, and says so.
#[test]
fn esc_at_the_rating_keeps_the_checked_answer() {
    let (dir, mut pty) = capitals(&["--mode", "type"]);
    pty.answer("Paris");
    pty.esc_at(RATE);
    pty.expect_summary("Your answer was saved, rated Good.");
    assert_eq!(ratings(dir.path()), [triple("fr", 3, Some(true))]);
}

#[test]
fn the_bundled_deck_shows_its_first_question_from_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let bundled = std::fs::read_to_string(crate::support::root().join("decks/trotsky-exile.toml"))
        .expect("the shipped deck");
    let table: toml::Table = bundled.parse().expect("the shipped deck is TOML");
    let first = &table["card"].as_array().expect("cards")[0];
    let text = first
        .get("front")
        .or_else(|| first.get("cloze"))
        .and_then(toml::Value::as_str)
        .expect("a front or a cloze");
    // Up to a cloze's first deletion, which the question hides.
    let start: String = text.split("{{").next().unwrap().chars().take(40).collect();
    let mut pty = Pty::spawn(dir.path(), NOW, &["study"]);
    pty.expect("0 done ·");
    pty.expect(&start);
    pty.expect(LIST_END);
    pty.send(ESC);
    pty.expect_summary("Studied 0 cards");
}

/// Colour follows one rule: an empty `NO_COLOR` is as if unset, any other value turns it
/// off, and so does `TERM=dumb`. The question is drawn bold when colour is on.
#[test]
fn colour_is_on_unless_no_color_is_non_empty_or_the_terminal_is_dumb() {
    let bold_question = "\u{1b}[1mCapital of France?\u{1b}[0m";
    for (env, coloured) in [
        (&[("NO_COLOR", "")][..], true),
        (&[("NO_COLOR", "1")][..], false),
        (&[("NO_COLOR", ""), ("TERM", "dumb")][..], false),
    ] {
        let dir = fixture("capitals");
        let env: Vec<_> = env.iter().map(|&(k, v)| (k, Path::new(v))).collect();
        let mut pty = Pty::spawn_with(dir.path(), NOW, &["study", "deck.toml"], &env);
        pty.list(FLIP);
        let raw = String::from_utf8_lossy(&pty.raw).into_owned();
        assert_eq!(raw.contains(bold_question), coloured, "{env:?}: {raw:?}");
        assert_eq!(
            raw.contains("\u{1b}[2m"),
            coloured,
            "{env:?}: dim status line"
        );
        pty.send(CTRL_C);
        pty.finish_ok();
    }
}

/// A card whose text changed since the learner last saw it says so with its own question,
/// under the status line, not under the card before it.
#[test]
fn a_changed_card_says_so_above_its_own_question() {
    let (dir, mut pty) = capitals(&[]);
    pty.reveal_and_rate("Again");
    pty.expect("Capital of Italy?");
    ends_at_once(pty, FLIP, CTRL_C, "Studied 1 card in");
    let text = std::fs::read_to_string(dir.path().join("deck.toml")).unwrap();
    let edited = text.replace("back = \"Paris\"", "back = \"Paris, on the Seine\"");
    write(dir.path(), "deck.toml", edited);

    let mut pty = Pty::study(dir.path(), LATER_TODAY, &[]);
    let before = pty.expect("This card changed since you last saw it.");
    assert!(before.contains("0 done · "), "{before}");
    let between = pty.expect("Capital of France?");
    let gap = between.trim_end().trim_end_matches("Capital of France?");
    assert!(gap.trim().is_empty(), "{between}");
    pty.reveal();
    pty.expect("Paris, on the Seine");
}

/// Ctrl-C at a list of a question, at the rating list, at the "… more" menu and at the answer
/// line, with the prompt at the bottom of a short terminal: the prompt is finished on the
/// screen (collapsed to its title, or its help line cleared) and the summary starts on a line
/// of its own under it, overwriting nothing.
#[test]
fn ctrl_c_at_the_bottom_of_the_screen_leaves_no_prompt_half_drawn() {
    type Steps = fn(&mut Pty);
    let cases: [(&[&str], Steps, &str); 4] = [
        (
            &[],
            |pty| pty.list(FLIP).0.clear(),
            "? Recall the answer, then press Enter <canceled>",
        ),
        (
            &[],
            // Waits for the rating list, as the cases beside it wait for theirs: Ctrl-C sent
            // before the prompt is up would reach a terminal not yet in raw mode.
            |pty| {
                pty.reveal();
                pty.list(RATE);
            },
            "? How well did you know it? <canceled>",
        ),
        (
            &[],
            |pty| {
                pty.open_menu();
                pty.list(MENU);
            },
            "? What now? <canceled>",
        ),
        (
            &["--mode", "type"],
            |pty| {
                pty.expect(ANSWER);
                pty.send("par");
                pty.expect("? Your answer: par");
            },
            "? Your answer: par",
        ),
    ];
    for (args, steps, left) in cases {
        let dir = fixture("capitals");
        let all = [&["study"][..], args, &["deck.toml"]].concat();
        let mut pty = Pty::spawn_sized(dir.path(), NOW, &all, 80, 6);
        pty.expect("Capital of France?");
        steps(&mut pty);
        pty.send(CTRL_C);
        let screen = super::final_screen(pty, 80, 6);
        let lines = screen.lines();
        assert!(
            screen.scrolled > 0,
            "the prompt reached the bottom: {lines:#?}"
        );
        let at = lines
            .iter()
            .position(|l| l.starts_with("Studied 0 cards in"))
            .unwrap_or_else(|| panic!("no summary: {lines:#?}"));
        assert!(
            lines[at].ends_with("no typed or chosen answers"),
            "{lines:#?}"
        );
        assert_eq!(lines[at - 1], left, "{lines:#?}");
        assert!(!lines.iter().any(|l| l.starts_with('[')), "{lines:#?}");
        assert!(screen.cursor_row() > at, "{lines:#?}");
    }
}

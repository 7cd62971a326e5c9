//! A study and a quiz in a terminal 40 columns wide: the question, the options, the answer,
//! the explanation and the quiz report are broken between words, never inside one.

use unicode_width::UnicodeWidthStr;

use super::{DOWN, ENTER, NOW, Pty, RATE};
use crate::fixtures::{Card, DeckBuilder};

const COLUMNS: usize = 40;
const QUESTION: &str = "Which organisation did Trotsky found in 1938 to oppose both \
                        capitalism and the Stalinist bureaucracy of the Soviet Union?";
const RIGHT: &str = "The Fourth International, founded near Paris in September";
const WRONG: &str = "The Left Opposition inside the Bolshevik party";
const EXPLAIN: &str = "It was founded at a conference held in the house of Alfred Rosmer \
                       at Périgny, a village south-east of Paris.";
/// The end of the help line under each list, as it wraps in 40 columns.
const HELP_END: &str = "end the session]";

/// The deck "Capitals" of `card` alone.
fn one_card(card: Card) -> DeckBuilder {
    DeckBuilder::new("Capitals")
        .with("id", "capitals")
        .card(card)
}

/// Whether the words of `text` appear in `screen` whole and in order, wherever its lines
/// break.
fn shows_whole(screen: &str, text: &str) -> bool {
    let shown: Vec<&str> = screen.split_whitespace().collect();
    let words: Vec<&str> = text.split_whitespace().collect();
    shown.windows(words.len()).any(|w| w == words.as_slice())
}

/// The lines of `screen` wider than the terminal.
fn too_wide(screen: &str) -> Vec<&str> {
    screen.lines().filter(|l| l.width() > COLUMNS).collect()
}

/// The options of a list drawn in `block`, each with its lines joined, and the cursor's.
/// A label's later lines are indented deeper than its first; keys before labels are left out.
fn options(block: &str) -> (Vec<String>, usize) {
    let mut options: Vec<String> = Vec::new();
    let mut cursor = None;
    for line in block.lines().skip_while(|l| !l.starts_with("? ")).skip(1) {
        if line.starts_with('[') {
            break;
        } else if let Some(rest) = line.strip_prefix("    ") {
            let last = options.last_mut().expect("a first line before");
            last.push(' ');
            last.push_str(rest.trim());
        } else {
            if line.starts_with('>') {
                cursor = Some(options.len());
            }
            options.push(super::unkeyed(line[1..].trim()).to_owned());
        }
    }
    (options, cursor.expect("a highlighted option"))
}

#[test]
fn deck_text_is_wrapped_between_words_in_a_narrow_terminal() {
    let card = Card::basic("fi", QUESTION, RIGHT)
        .with("choices", vec![WRONG, "Comintern"])
        .with("explain", EXPLAIN);
    let dir = one_card(card).in_temp_dir();
    let args = ["study", "--limit", "1", "deck.toml"];
    let mut pty = Pty::spawn_narrow(dir.path(), NOW, &args, COLUMNS as u16);

    let screen = pty.expect(HELP_END);
    assert!(too_wide(&screen).is_empty(), "{screen}");
    assert!(
        screen.starts_with("Capitals: 0 reviews due, 1 new, 0\nlearning · about 1 minute\n"),
        "what is coming, wrapped, before the first card:\n{screen}"
    );
    assert!(shows_whole(&screen, QUESTION), "{screen}");
    assert!(
        screen.contains("\nWhich organisation did Trotsky found in\n"),
        "the first line is filled up to a word's end:\n{screen}"
    );
    let (shown, cursor) = options(&screen);
    let mut labels = shown[..3].to_vec();
    labels.sort();
    assert_eq!(labels, ["Comintern", RIGHT, WRONG], "{screen}");
    assert!(
        shown[3].starts_with("… more (hint, undo, bury"),
        "{shown:?}"
    );

    let right = shown.iter().position(|o| o == RIGHT).unwrap();
    pty.send(&(DOWN.repeat(right - cursor) + ENTER));
    let answered = pty.expect("Correct.");
    assert!(
        answered.contains("? Your answer: The Fourth International,\n  founded near Paris"),
        "the choice repeated after the prompt:\n{answered}"
    );
    let answer = &answered[answered.find("Answer: ").expect("the right answer")..];
    assert!(too_wide(answer).is_empty(), "{answer}");
    assert!(shows_whole(answer, RIGHT), "{answer}");
    let feedback = pty.expect(RATE);
    assert!(too_wide(&feedback).is_empty(), "{feedback}");
    assert!(shows_whole(&feedback, EXPLAIN), "{feedback}");

    let rating = pty.expect(HELP_END);
    assert!(too_wide(&rating).is_empty(), "{rating}");
    pty.send(ENTER);
    pty.finish_ok();
}

/// The quiz report is broken between words at the terminal's width, never inside one.
#[test]
fn the_quiz_report_breaks_lines_between_words() {
    let question = "Which extraordinarily longwinded question about counterrevolutionary \
                    internationalism comes first?";
    let dir = one_card(Card::basic("long", question, "Paris")).in_temp_dir();
    let args = ["quiz", "--types", "typed", "deck.toml"];
    let mut pty = Pty::spawn_narrow(dir.path(), NOW, &args, COLUMNS as u16);
    pty.answer("Lyon");
    let rest = pty.expect_summary("Score: 0 of 1");
    let report = &rest[rest.find("Score:").unwrap()..];
    for word in [
        "extraordinarily",
        "counterrevolutionary",
        "internationalism",
    ] {
        assert!(report.contains(word), "{word} cut in two:\n{report}");
    }
    for line in report.lines() {
        assert!(line.chars().count() <= COLUMNS, "{line:?}\n{report}");
    }
}

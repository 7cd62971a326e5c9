//! Hotkeys in a terminal study session: Space shows a flip card's answer, a digit rates or
//! picks the option of its number, `m` opens the "… more" menu; each list shows its keys and
//! says them on its help line. A typed answer still takes digits and letters as text.

use super::{ANSWER, CTRL_C, ESC, FLIP, MENU, NOW, Pty, RATE, capitals, ratings, triple};
use crate::fixtures::{Card, capitals_of, italy_with_choices};

/// The end of the help line of a question's or the rating's list.
const HELP_END: &str = "to end the session]";

#[test]
fn space_shows_the_answer_a_digit_rates_and_m_opens_the_menu() {
    let (dir, mut pty) = capitals(&[]);
    pty.expect(FLIP);
    let list = pty.expect(HELP_END);
    assert!(list.contains("\n  m … more (hint"), "{list}");
    assert!(
        list.contains("[↑↓ to move, Space shows the answer, m for more, Esc to end the session]"),
        "{list}"
    );
    pty.send(" ");
    pty.expect("Answer: Paris");
    pty.expect(RATE);
    let list = pty.expect(HELP_END);
    for key in [
        "\n  1 Again · ",
        "\n  2 Hard · ",
        "\n> 3 Good · ",
        "\n  4 Easy · ",
    ] {
        assert!(list.contains(key), "{key:?} in {list}");
    }
    assert!(list.contains("\n    Undo the last step"), "no key: {list}");
    assert!(list.contains("Enter or 1-4 to rate"), "{list}");
    pty.send("2");
    pty.expect("How well did you know it? Hard");

    pty.next_question("1 done ·", "Capital of Italy?");
    pty.expect(HELP_END);
    pty.send("m");
    pty.list(MENU);
    pty.send(ESC);
    pty.expect("What now? <canceled>");
    pty.list(FLIP);
    pty.send("\r");
    pty.expect("Answer: Rome");
    pty.list(RATE);
    pty.send("4");
    pty.expect("How well did you know it? Easy");
    pty.next_question("2 done ·", "Capital of Spain?");
    pty.list(FLIP);
    pty.send(CTRL_C);
    pty.expect_summary("Studied 2 cards in");
    assert_eq!(
        ratings(dir.path()),
        [triple("fr", 2, None), triple("it", 4, None)]
    );
}

#[test]
fn a_choice_is_picked_by_its_number() {
    let dir = capitals_of([italy_with_choices("mc")]);
    let mut pty = Pty::study(dir.path(), NOW, &["--limit", "1"]);
    pty.expect("Capital of Italy?");
    let (options, _) = pty.list(ANSWER);
    let help = pty.expect(HELP_END);
    assert_eq!(
        help,
        ", Enter or 1-4 to choose, m for more, Esc to end the session]"
    );
    let block = &pty.text[..pty.pos];
    let rome = options.iter().position(|o| o == "Rome").unwrap();
    assert!(block.contains(&format!(" {} Rome\n", rome + 1)), "{block}");
    pty.send(&(rome + 1).to_string());
    pty.expect_correct("Rome");
    pty.list(RATE);
    pty.send("3");
    pty.finish_ok();
    assert_eq!(ratings(dir.path()), [triple("mc", 3, Some(true))]);
}

/// At the answer line digits and `m` are text: no key there picks anything.
#[test]
fn a_typed_answer_takes_digits_as_text() {
    let dir = capitals_of([Card::basic(
        "fi",
        "Founding year of the Fourth International?",
        "1938",
    )]);
    let mut pty = Pty::study(dir.path(), NOW, &["--mode", "type", "--limit", "1"]);
    pty.expect(ANSWER);
    pty.send("m1938");
    pty.expect("? Your answer: m1938");
    pty.send("\x7f\x7f\x7f\x7f\x7f1938\r");
    pty.expect_correct("1938");
    pty.list(RATE);
    pty.send("4");
    pty.finish_ok();
    assert_eq!(ratings(dir.path()), [triple("fi", 4, Some(true))]);
}

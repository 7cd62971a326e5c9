//! A study in a terminal 40 columns wide: the question, the options, the answer and the
//! explanation are broken between words, never inside one.

use unicode_width::UnicodeWidthStr;

use super::{DOWN, ENTER, NOW, Pty, RATE, deck};

const COLUMNS: usize = 40;
const QUESTION: &str = "Which organisation did Trotsky found in 1938 to oppose both \
                        capitalism and the Stalinist bureaucracy of the Soviet Union?";
const RIGHT: &str = "The Fourth International, founded near Paris in September";
const WRONG: &str = "The Left Opposition inside the Bolshevik party";
const EXPLAIN: &str = "It was founded at a conference held in the house of Alfred Rosmer \
                       at Périgny, a village south-east of Paris.";
/// The end of the help line under each list, as it wraps in 40 columns.
const HELP_END: &str = "end the session]";

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
/// A label's later lines are indented deeper than its first.
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
            options.push(line[1..].trim().to_owned());
        }
    }
    (options, cursor.expect("a highlighted option"))
}

#[test]
fn deck_text_is_wrapped_between_words_in_a_narrow_terminal() {
    let dir = tempfile::tempdir().unwrap();
    deck(
        dir.path(),
        &format!(
            "[[card]]\nid = \"fi\"\nfront = \"{QUESTION}\"\nback = \"{RIGHT}\"\n\
             choices = [\"{WRONG}\", \"Comintern\"]\nexplain = \"{EXPLAIN}\"\n"
        ),
    );
    let args = ["study", "--limit", "1", "deck.toml"];
    let mut pty = Pty::spawn_narrow(dir.path(), NOW, &args, 40);

    let screen = pty.expect(HELP_END);
    assert!(too_wide(&screen).is_empty(), "{screen}");
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
    let (code, rest) = pty.finish();
    assert_eq!(code, 0, "{rest}");
}

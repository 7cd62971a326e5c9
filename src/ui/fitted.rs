//! Text handed to inquire, word-wrapped beforehand. inquire breaks a line wherever the
//! terminal's edge falls, inside a word too, so list labels, the answer it repeats after a
//! choice, and help lines are wrapped here first, each where inquire will draw it.

use unicode_width::UnicodeWidthStr;

use super::wrap::{columns, wrap};

/// Where inquire starts an option's text: after the cursor mark and a space.
const OPTION_COLUMN: usize = 2;
/// How much further in than the first the later lines of a long label start, so that they
/// are not taken for options of their own.
const HANGING: usize = 2;
/// The width of the key shown before an option that has one: the key and a space.
pub const KEY_COLUMNS: usize = 2;

/// The labels of one list, as given and as shown.
#[derive(Debug, Clone)]
pub struct Labels {
    plain: Vec<String>,
    width: usize,
    /// Where an option's text starts: after the cursor mark, and its key when it has one.
    column: usize,
}

impl Labels {
    /// Labels to show in a terminal as wide as the one at hand.
    #[must_use]
    pub fn new(plain: Vec<String>) -> Labels {
        Labels::with_width(plain, columns())
    }

    /// Labels to show in `width` columns.
    #[must_use]
    pub fn with_width(plain: Vec<String>, width: usize) -> Labels {
        Labels {
            plain,
            width,
            column: OPTION_COLUMN,
        }
    }

    /// The same labels drawn after a key column of [`KEY_COLUMNS`] (`1 `, `m ` or blank).
    #[must_use]
    pub fn keyed(self) -> Labels {
        Labels {
            column: OPTION_COLUMN + KEY_COLUMNS,
            ..self
        }
    }

    /// The labels as the list draws them.
    #[must_use]
    pub fn shown(&self) -> Vec<String> {
        self.plain
            .iter()
            .map(|label| wrap(label, self.width, self.column, self.column + HANGING))
            .collect()
    }

    /// The label at `index` as inquire repeats it once chosen, after `? {message} `; its
    /// later lines start under the message.
    #[must_use]
    pub fn answered(&self, message: &str, index: usize) -> String {
        let start = 2 + message.width() + 1;
        self.plain.get(index).map_or_else(String::new, |label| {
            wrap(label, self.width, start, OPTION_COLUMN)
        })
    }
}

/// A help line, which inquire draws between brackets.
#[must_use]
pub fn help(text: &str) -> String {
    help_in(text, columns())
}

fn help_in(text: &str, width: usize) -> String {
    // One column for "[" before the text, one kept for "]" after it.
    wrap(text, width.saturating_sub(1), 1, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_wrap_under_their_first_line() {
        let labels = Labels::with_width(
            vec![
                "The Fourth International, founded in 1938".to_owned(),
                "Quit".to_owned(),
            ],
            30,
        );
        assert_eq!(
            labels.shown(),
            ["The Fourth International,\n    founded in 1938", "Quit"]
        );
        assert_eq!(
            labels.answered("Your answer:", 0),
            "The Fourth\n  International, founded in\n  1938"
        );
        assert_eq!(labels.answered("Your answer:", 2), "");
    }

    #[test]
    fn help_leaves_room_for_its_brackets() {
        assert_eq!(
            help_in("↑↓ to move, Enter to choose, Esc to end the session", 40),
            "↑↓ to move, Enter to choose, Esc to\n end the session"
        );
        assert_eq!(help_in("a b", 3), "a\n b");
        let tiny = help_in("short", 0);
        assert_eq!(tiny.split_whitespace().collect::<String>(), "short");
    }
}

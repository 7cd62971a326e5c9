//! Colour: the one rule that decides it for every command, and ANSI SGR codes around a text
//! when it is on.
//!
//! Colour is off when `NO_COLOR` is set to a non-empty value, when `TERM` is `dumb`, or when
//! the output it would go to is not a terminal. `study`, `quiz` and `cram` draw on stderr;
//! `stats` and `card` write to stdout; `check` never colours.

use std::ffi::OsStr;
use std::io::{self, IsTerminal};

use inquire::ui::RenderConfig;

/// Whether lines written to stderr are coloured.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    /// Colour is on.
    pub color: bool,
}

/// Whether output to a stream that `is_terminal` (or not) is coloured, by the environment.
#[must_use]
pub fn wanted(is_terminal: bool) -> bool {
    let (no_color, term) = crate::env::colour_vars();
    rule(no_color.as_deref(), term.as_deref(), is_terminal)
}

/// The colour rule on the values of `NO_COLOR` and `TERM` (see the module documentation).
fn rule(no_color: Option<&OsStr>, term: Option<&OsStr>, is_terminal: bool) -> bool {
    is_terminal && no_color.is_none_or(OsStr::is_empty) && term.is_none_or(|t| t != "dumb")
}

impl Paint {
    /// Colour on stderr, by [`wanted`]. Without colour, inquire's own prompts are drawn
    /// without it too.
    #[must_use]
    pub fn for_stderr() -> Paint {
        let color = wanted(io::stderr().is_terminal());
        if !color {
            inquire::set_global_render_config(RenderConfig::empty());
        }
        Paint { color }
    }

    /// `text` in the SGR style `code` (like `"1;36"`), or unchanged without colour.
    #[must_use]
    pub fn paint(self, code: &str, text: &str) -> String {
        if self.color {
            format!("\u{1b}[{code}m{text}\u{1b}[0m")
        } else {
            text.to_owned()
        }
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::OsStr;

    use super::{Paint, rule};

    #[test]
    fn colour_needs_a_terminal_an_empty_or_unset_no_color_and_a_term_that_is_not_dumb() {
        let os = |s: &'static str| Some(OsStr::new(s));
        assert!(rule(None, None, true));
        assert!(rule(None, os("xterm-256color"), true));
        assert!(
            rule(os(""), os("xterm"), true),
            "an empty NO_COLOR is as if unset"
        );
        assert!(!rule(None, os("xterm"), false), "not a terminal");
        assert!(!rule(os("1"), os("xterm"), true));
        assert!(
            !rule(os("0"), None, true),
            "any non-empty value turns colour off"
        );
        assert!(!rule(None, os("dumb"), true));
    }

    #[test]
    fn colour_wraps_the_text_and_no_colour_leaves_it() {
        assert_eq!(
            Paint { color: true }.paint("1;36", "Trotsky"),
            "\u{1b}[1;36mTrotsky\u{1b}[0m"
        );
        assert_eq!(Paint { color: false }.paint("1;36", "Trotsky"), "Trotsky");
    }
}

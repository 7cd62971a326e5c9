//! Colour for the terminal prompters of `study`, `quiz` and `cram`: ANSI SGR codes around
//! a text when colour is on, the text alone when it is off.

use std::io::{self, IsTerminal};

use inquire::ui::RenderConfig;

/// Whether lines written to stderr are coloured.
#[derive(Debug, Clone, Copy)]
pub struct Paint {
    /// Colour is on.
    pub color: bool,
}

impl Paint {
    /// Colour unless `no_color` (`NO_COLOR` is set) or stderr is not a terminal. Without
    /// colour, inquire's own prompts are drawn without it too.
    #[must_use]
    pub fn for_stderr(no_color: bool) -> Paint {
        let color = !no_color && io::stderr().is_terminal();
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
    use super::Paint;

    #[test]
    fn colour_wraps_the_text_and_no_colour_leaves_it() {
        assert_eq!(
            Paint { color: true }.paint("1;36", "Trotsky"),
            "\u{1b}[1;36mTrotsky\u{1b}[0m"
        );
        assert_eq!(Paint { color: false }.paint("1;36", "Trotsky"), "Trotsky");
    }
}

//! Word wrapping for the terminal prompters: lines are broken between words at the
//! terminal's width, measured in display columns (a CJK character or an emoji takes two, a
//! combining mark none), so the terminal never cuts a word at its edge. A word is split only
//! when it alone is longer than a line, and then between grapheme clusters. Plain mode never
//! comes here: its output stays exactly as it was.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The width assumed when the terminal does not say.
const FALLBACK_COLUMNS: usize = 80;
/// Longer lines are hard to read, even in a wide terminal.
const MAX_COLUMNS: usize = 100;
/// Tab stops every 8 columns, as terminals put them.
const TAB: usize = 8;

/// The columns to wrap at: the terminal's width (asked each time, so a resize counts), at most
/// 100, or 80 when the terminal does not tell.
#[must_use]
pub fn columns() -> usize {
    match crossterm::terminal::size() {
        Ok((width, _)) if width > 0 => usize::from(width).min(MAX_COLUMNS),
        _ => FALLBACK_COLUMNS,
    }
}

/// `text` broken into lines of at most `width` columns. The first line begins at column
/// `start` (something else is printed before it); every later line, including those after a
/// newline already in `text`, begins with `indent` spaces, and a line of `text` that is
/// itself indented (a list item) keeps its later lines under its first. Spaces where a line
/// is broken are dropped, tabs become spaces, and ANSI escape sequences (our own colours:
/// deck text has none left) take no room. Every line holds at least one character, so no
/// width is too small.
#[must_use]
pub fn wrap(text: &str, width: usize, start: usize, indent: usize) -> String {
    let mut line = Line {
        out: String::with_capacity(text.len() + 8),
        column: start,
        width,
        indent,
    };
    for (i, hard_line) in text.split('\n').enumerate() {
        if i > 0 {
            line.indent = indent;
            line.break_line();
        }
        line.indent = indent + hanging(hard_line, indent, width);
        line.fill(hard_line);
    }
    line.out
}

/// How much deeper than `indent` the later lines of an indented line of text start: as deep
/// as its own indentation, unless that leaves less than half the width for words.
fn hanging(line: &str, indent: usize, width: usize) -> usize {
    let lead = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
    let deeper = expand(lead, 0).len();
    if lead.len() < line.len() && indent + deeper <= width / 2 {
        deeper
    } else {
        0
    }
}

/// The line being filled.
struct Line {
    out: String,
    /// The display column the next character goes to.
    column: usize,
    width: usize,
    indent: usize,
}

impl Line {
    fn break_line(&mut self) {
        self.out.push('\n');
        self.out.extend(std::iter::repeat_n(' ', self.indent));
        self.column = self.indent;
    }

    /// Whether starting a new line would leave more room than there is now.
    fn break_gains(&self) -> bool {
        self.column > self.indent
    }

    /// Lays out one line of the text, without newlines.
    fn fill(&mut self, text: &str) {
        let mut spaces = String::new();
        let mut word: Vec<Atom<'_>> = Vec::new();
        for atom in atoms(text) {
            match atom {
                Atom::Space(c) => {
                    if !word.is_empty() {
                        self.place(&spaces, &word);
                        spaces.clear();
                        word.clear();
                    }
                    spaces.push(c);
                }
                atom => word.push(atom),
            }
        }
        if word.is_empty() {
            // Trailing spaces are kept only where they fit.
            let blanks = expand(&spaces, self.column);
            if self.column + blanks.len() <= self.width {
                self.column += blanks.len();
                self.out.push_str(&blanks);
            }
        } else {
            self.place(&spaces, &word);
        }
    }

    /// Puts the spaces and the word after them on this line if both fit, else the word alone
    /// on a new line, split when it is still too long.
    fn place(&mut self, spaces: &str, word: &[Atom<'_>]) {
        let blanks = expand(spaces, self.column);
        let width: usize = word.iter().map(Atom::width).sum();
        if self.column + blanks.len() + width <= self.width {
            self.column += blanks.len();
            self.out.push_str(&blanks);
        } else if self.break_gains() {
            self.break_line();
        }
        for atom in word {
            let w = atom.width();
            if self.column + w > self.width && self.break_gains() {
                self.break_line();
            }
            self.column += w;
            self.out.push_str(atom.text());
        }
    }
}

/// Spaces and tabs as the spaces a terminal would show from `column` on.
fn expand(spaces: &str, mut column: usize) -> String {
    let mut out = String::with_capacity(spaces.len());
    for c in spaces.chars() {
        let n = if c == '\t' { TAB - column % TAB } else { 1 };
        out.extend(std::iter::repeat_n(' ', n));
        column += n;
    }
    out
}

/// The smallest pieces of a line: a space where it may break, a grapheme cluster, or an
/// escape sequence.
#[derive(Debug, Clone, Copy)]
enum Atom<'a> {
    Space(char),
    Glyph(&'a str),
    Escape(&'a str),
}

impl Atom<'_> {
    fn width(&self) -> usize {
        match self {
            Atom::Space(_) => 1,
            Atom::Glyph(g) => g.width(),
            Atom::Escape(_) => 0,
        }
    }

    fn text(&self) -> &str {
        match self {
            Atom::Space(_) => " ",
            Atom::Glyph(g) | Atom::Escape(g) => g,
        }
    }
}

/// Splits a line into atoms. Only ASCII space and tab are places to break: a no-break space
/// stays inside its word.
fn atoms(line: &str) -> Vec<Atom<'_>> {
    let mut out = Vec::new();
    let mut rest = line;
    while !rest.is_empty() {
        let (plain, escape) = match rest.find('\u{1b}') {
            Some(at) => rest.split_at(at),
            None => (rest, ""),
        };
        for g in plain.graphemes(true) {
            out.push(match g {
                " " => Atom::Space(' '),
                "\t" => Atom::Space('\t'),
                g => Atom::Glyph(g),
            });
        }
        let len = escape_len(escape);
        if len > 0 {
            out.push(Atom::Escape(&escape[..len]));
        }
        rest = &escape[len..];
    }
    out
}

/// The length in bytes of the CSI sequence (`ESC [` … final byte) at the start of `text`, or
/// of the lone ESC when no such sequence follows; 0 when `text` is empty.
fn escape_len(text: &str) -> usize {
    let Some(after) = text.strip_prefix("\u{1b}[") else {
        return text.len().min(1);
    };
    match after.find(|c: char| ('\u{40}'..='\u{7e}').contains(&c)) {
        Some(end) => 2 + end + 1,
        None => text.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The display width of each line, escape sequences left out.
    fn widths(text: &str) -> Vec<usize> {
        text.split('\n')
            .map(|l| atoms(l).iter().map(Atom::width).sum())
            .collect()
    }

    #[test]
    fn wraps_between_words() {
        let cases: &[(&str, usize, usize, usize, &str)] = &[
            // (text, width, start, indent, expected)
            ("short", 80, 0, 0, "short"),
            ("", 10, 0, 0, ""),
            (
                "Trotsky led the Red Army",
                10,
                0,
                0,
                "Trotsky\nled the\nRed Army",
            ),
            ("exactly ten", 11, 0, 0, "exactly ten"),
            ("exactly ten!", 11, 0, 0, "exactly\nten!"),
            ("spaces   kept inside", 80, 0, 0, "spaces   kept inside"),
            (
                "break drops  the spaces",
                11,
                0,
                0,
                "break drops\nthe spaces",
            ),
            // A word longer than the line is split at the edge, and only then.
            (
                "a Weltanschauung here",
                6,
                0,
                0,
                "a\nWeltan\nschauu\nng\nhere",
            ),
            // Newlines in the text stay; each line is wrapped on its own.
            ("one two\nthree four", 7, 0, 0, "one two\nthree\nfour"),
            ("a\n\nb", 5, 0, 0, "a\n\nb"),
            // Leading spaces of a line (an indented list) are kept, and its later lines
            // start as deep, unless that leaves less than half the width.
            ("  - item one", 80, 0, 0, "  - item one"),
            ("  - item one\nnext", 8, 0, 0, "  - item\n  one\nnext"),
            ("\t- item one", 20, 0, 0, "        - item one"),
            (
                "\t- item one two",
                16,
                0,
                0,
                "        - item\n        one two",
            ),
            ("\t- item one two", 15, 0, 0, "        - item\none two"),
            ("    - one", 6, 0, 2, "    -\n  one"),
            // Tabs become the spaces a terminal shows.
            ("a\tb", 80, 0, 0, "a       b"),
            // Continuation lines are indented; so are lines after a newline.
            ("alpha beta gamma", 12, 2, 2, "alpha beta\n  gamma"),
            ("alpha\nbeta", 80, 2, 2, "alpha\n  beta"),
            // After a prompt at column 15 the first word moves down rather than being split.
            ("Weltanschauung", 20, 15, 2, "\n  Weltanschauung"),
        ];
        for (text, width, start, indent, expected) in cases {
            assert_eq!(
                wrap(text, *width, *start, *indent),
                *expected,
                "{text:?} at width {width}, start {start}, indent {indent}"
            );
        }
    }

    #[test]
    fn measures_display_columns() {
        let cases: &[(&str, usize, &str)] = &[
            // CJK characters are two columns wide.
            ("東京 大阪府 京都", 8, "東京\n大阪府\n京都"),
            // A run of CJK with no spaces is one long word, split between characters.
            ("中華人民共和国", 6, "中華人\n民共和\n国"),
            // An odd width leaves the last column empty rather than halving a character.
            ("中華人民", 5, "中華\n人民"),
            // Emoji are two columns wide.
            ("🦀🦀 🦀🦀", 4, "🦀🦀\n🦀🦀"),
            // Combining marks take no room and stay on their letter.
            ("cafe\u{301} cafe\u{301}", 9, "cafe\u{301} cafe\u{301}"),
            ("e\u{301}e\u{301}e\u{301}", 2, "e\u{301}e\u{301}\ne\u{301}"),
            // A no-break space keeps its words together.
            ("10\u{a0}km away", 5, "10\u{a0}km\naway"),
        ];
        for (text, width, expected) in cases {
            let wrapped = wrap(text, *width, 0, 0);
            assert_eq!(wrapped, *expected, "{text:?} at width {width}");
            assert!(widths(&wrapped).iter().all(|w| w <= width), "{wrapped:?}");
        }
    }

    #[test]
    fn escape_sequences_take_no_room() {
        let painted = "\u{1b}[1mTrotsky led the\u{1b}[0m army";
        assert_eq!(
            wrap(painted, 15, 0, 0),
            "\u{1b}[1mTrotsky led the\u{1b}[0m\narmy"
        );
        let answer = "\u{1b}[2mAnswer:\u{1b}[0m \u{1b}[1;36mPetrograd Soviet\u{1b}[0m";
        assert_eq!(
            wrap(answer, 16, 0, 0),
            "\u{1b}[2mAnswer:\u{1b}[0m\n\u{1b}[1;36mPetrograd Soviet\u{1b}[0m"
        );
    }

    #[test]
    fn tiny_widths_never_panic_and_always_progress() {
        let texts = [
            "",
            " ",
            "a",
            "ab cd",
            "\n",
            "中a🦀e\u{301}\t x",
            "  lead",
            "trail  ",
        ];
        for text in texts {
            for width in 0..4 {
                for (start, indent) in [(0, 0), (0, 2), (5, 0), (3, 3)] {
                    let wrapped = wrap(text, width, start, indent);
                    let kept: String = wrapped.split_whitespace().collect();
                    let given: String = text.split_whitespace().collect();
                    assert_eq!(kept, given, "{text:?} at width {width}");
                }
            }
        }
        assert_eq!(wrap("abc", 0, 0, 0), "a\nb\nc");
        assert_eq!(wrap("abc", 1, 0, 0), "a\nb\nc");
        assert_eq!(wrap("a b", 1, 0, 0), "a\nb");
        assert_eq!(wrap("中文", 1, 0, 0), "中\n文");
    }

    #[test]
    fn every_line_fits_when_words_do() {
        let text = "The Left Opposition (1923–1927) was a faction within the Russian \
                    Communist Party led by Leon Trotsky, against the bureaucratisation of the \
                    party under Stalin; 左翼反対派 in Japanese.";
        // From the longest word's width up, so that no word needs splitting.
        for width in 17..=100 {
            let wrapped = wrap(text, width, 0, 0);
            assert!(widths(&wrapped).iter().all(|w| *w <= width), "{wrapped}");
            assert_eq!(
                wrapped.split_whitespace().collect::<Vec<_>>(),
                text.split_whitespace().collect::<Vec<_>>(),
                "no word was cut at width {width}"
            );
        }
    }
}

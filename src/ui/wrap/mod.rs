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

/// A report printed in a terminal, broken between words at its width (a terminal breaks lines
/// in the middle of words); unchanged in plain mode or into a pipe or file.
pub fn fitted(text: String, plain: bool, out: &impl std::io::IsTerminal) -> String {
    if plain || !out.is_terminal() {
        return text;
    }
    wrap(&text, columns(), 0, 0)
}

#[cfg(test)]
mod tests;

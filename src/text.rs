//! Making untrusted text safe to show.
//!
//! Deck files come from anyone. Before any of their text reaches a terminal, control
//! characters (ESC, BEL, the other C0 and C1 codes, DEL) and invisible ones (bidirectional
//! overrides, isolates and marks, zero-width characters) are either shown escaped, for
//! diagnostics and files, or removed, for prompts and answers. An invisible character could
//! otherwise show a learner one text while another is checked.

use std::borrow::Cow;

/// True for the characters a deck may not contain: C0 controls except tab and newline,
/// DEL, and C1 controls.
#[must_use]
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{2028}' || c == '\u{2029}'
}

/// True for characters that change how the text around them shows without showing
/// themselves: bidirectional embeddings, overrides, isolates and marks (U+061C, U+200E-F,
/// U+202A-E, U+2066-9), zero-width spaces and joiners (U+200B-D, U+2060, U+FEFF), the
/// invisible mathematical operators (U+2061-4), the Mongolian vowel separator and the soft
/// hyphen.
#[must_use]
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{61c}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// True for a character never shown as it is: a forbidden control or an invisible one.
#[must_use]
pub fn is_hidden(c: char) -> bool {
    is_forbidden_control(c) || is_invisible(c)
}

/// Shows every forbidden control character and invisible character as `\u{..}` so a message
/// can name it without letting the terminal obey it. Newlines and tabs are escaped too,
/// keeping a message on one line.
#[must_use]
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    escape(text, true)
}

/// Like [`escape_controls`], but keeping newlines and tabs: for text written to a file that
/// holds several lines, such as a CSV cell.
#[must_use]
pub fn escape_hidden(text: &str) -> Cow<'_, str> {
    escape(text, false)
}

fn escape(text: &str, lines_too: bool) -> Cow<'_, str> {
    let line = |c: char| lines_too && (c == '\n' || c == '\t');
    if !text.chars().any(|c| is_hidden(c) || line(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' if lines_too => out.push_str("\\n"),
            '\t' if lines_too => out.push_str("\\t"),
            c if is_hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Removes terminal control sequences, stray control characters and invisible characters,
/// keeping newlines and tabs: what a prompt may print of a deck's text.
#[must_use]
pub fn strip_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_hidden) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape_sequence(&mut chars),
            c if is_hidden(c) => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Consumes the rest of an escape sequence that began with ESC: CSI (`ESC [` … final
/// byte), OSC (`ESC ]` … BEL or `ESC \`), or a two-character escape.
fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            for c in chars.by_ref() {
                if ('\u{40}'..='\u{7e}').contains(&c) {
                    break;
                }
            }
        }
        Some(']' | 'P' | '_' | '^') => {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' && chars.peek() == Some(&'\\') {
                    chars.next();
                    break;
                }
            }
        }
        Some(_) => {
            chars.next();
        }
        None => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_esc_and_bel() {
        assert_eq!(escape_controls("a\u{1b}[31mb\u{7}"), "a\\u{1b}[31mb\\u{7}");
        assert_eq!(escape_controls("line\nnext"), "line\\nnext");
        assert!(matches!(escape_controls("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn strips_sequences_but_keeps_newlines() {
        assert_eq!(
            strip_controls("\u{1b}[2J\u{1b}[31mred\u{1b}[0m\nok"),
            "red\nok"
        );
        assert_eq!(strip_controls("t\u{1b}]0;title\u{7}x"), "tx");
        assert_eq!(strip_controls("t\u{1b}]8;;u\u{1b}\\x"), "tx");
        assert_eq!(strip_controls("a\u{9b}b\u{7f}c"), "abc");
        assert_eq!(strip_controls("tab\tkept"), "tab\tkept");
    }

    #[test]
    fn bidirectional_and_zero_width_characters_are_shown_escaped_or_removed() {
        // An override that would show "Trotsky" reversed, and a zero-width space in a word.
        let text = "\u{202e}yksotorT\u{202c} I\u{200b}ran";
        assert_eq!(strip_controls(text), "yksotorT Iran");
        assert_eq!(
            escape_controls(text),
            "\\u{202e}yksotorT\\u{202c} I\\u{200b}ran"
        );
        for c in [
            '\u{2066}', '\u{2069}', '\u{200f}', '\u{feff}', '\u{61c}', '\u{ad}',
        ] {
            assert_eq!(strip_controls(&format!("a{c}b")), "ab", "{c:?}");
        }
        // Letters of other scripts, and joiners' neighbours, stay.
        assert_eq!(strip_controls("Троцкий é ß"), "Троцкий é ß");
        assert_eq!(escape_hidden("two\nlines\u{1b}"), "two\nlines\\u{1b}");
    }
}

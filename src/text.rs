//! Making untrusted text safe to show.
//!
//! Deck files come from anyone. Before any of their text reaches a terminal, control
//! characters (ESC, BEL, the other C0 and C1 codes, DEL) are either shown escaped, for
//! diagnostics, or removed, for prompts and answers.

use std::borrow::Cow;

/// True for the characters a deck may not contain: C0 controls except tab and newline,
/// DEL, and C1 controls.
#[must_use]
pub fn is_forbidden_control(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || c == '\u{2028}' || c == '\u{2029}'
}

/// Shows every forbidden control character as `\u{..}` so a message can name it without
/// letting the terminal obey it. Newlines and tabs are escaped too, keeping a message on
/// one line.
#[must_use]
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text
        .chars()
        .any(|c| is_forbidden_control(c) || c == '\n' || c == '\t')
    {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if is_forbidden_control(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Removes terminal control sequences and stray control characters, keeping newlines and
/// tabs: what a prompt may print of a deck's text.
#[must_use]
pub fn strip_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_forbidden_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{1b}' => skip_escape_sequence(&mut chars),
            c if is_forbidden_control(c) => {}
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
}

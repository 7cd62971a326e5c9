//! Folding text to the form answers are compared in.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Folds a text to the form in which answers are compared: compatibility decomposition (NFKD),
/// accents dropped, a few letters NFKD leaves alone spelled out (ß → ss, æ → ae, œ → oe, ø → o,
/// ł → l, đ/ð → d, þ → th, ı → i, ħ → h, ŧ → t), lower case, apostrophes removed ("don't" →
/// "dont"), other punctuation and whitespace turned into single spaces, and a leading "the",
/// "a" or "an" dropped when more words follow.
///
/// Letters, digits, the marks that belong to a script's spelling (Indic vowel signs, kana
/// voicing marks) and a few symbols that change an answer's meaning (`+ # % $ € £ ¥ ° & = < >`)
/// are kept. The result has no leading, trailing or doubled spaces, and folding it again
/// changes nothing.
#[must_use]
pub fn normalize(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char_into(c, &mut folded);
    }
    // Lower-casing can produce accents again (İ → i + dot above), so fold a second time;
    // the second pass reaches a fixed point (checked exhaustively in the tests).
    let mut twice = String::with_capacity(folded.len());
    for c in folded.chars() {
        fold_char_into(c, &mut twice);
    }
    drop_articles(&twice)
}

/// The folded form of one character, as [`normalize`] would produce it for that character
/// alone but without collapsing spaces: empty for characters that vanish, a single space for
/// separators.
pub(crate) fn fold_char(c: char) -> String {
    let mut once = String::new();
    fold_char_into(c, &mut once);
    let mut out = String::new();
    for d in once.chars() {
        fold_char_into(d, &mut out);
    }
    out
}

/// The folded form of one character met inside a word: as [`fold_char`], except that a
/// separator comes out as a single space (where [`fold_char`] gives nothing, as at the start
/// of a text).
pub(crate) fn fold_char_in_word(c: char) -> String {
    let mut once = String::from("x");
    fold_char_into(c, &mut once);
    let mut out = String::from("x");
    for d in once[1..].chars() {
        fold_char_into(d, &mut out);
    }
    out.split_off(1)
}

/// Pushes the folded form of `c` onto `out`, writing at most one space in a row and never a
/// leading space.
fn fold_char_into(c: char, out: &mut String) {
    // ASCII decomposes to itself, carries no accent and has nothing spelled out, so the
    // general rules below come down to this for the characters most answers are made of.
    if c.is_ascii() {
        if c == '\'' || c == '`' {
            return;
        }
        if c.is_ascii_alphanumeric() || is_kept_symbol(c) {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        return;
    }
    fold_general_into(c, out);
}

/// [`fold_char_into`] by the general rules, for any character.
fn fold_general_into(c: char, out: &mut String) {
    // Invisible characters (zero-width, bidirectional marks) are never shown to the learner,
    // so they cannot be asked of them either.
    if is_apostrophe(c) || crate::text::is_invisible(c) {
        return;
    }
    decompose_compatible(c, |d| {
        if is_accent(d) || is_apostrophe(d) {
            return;
        }
        if let Some(spelled) = spell_out(d) {
            out.push_str(spelled);
        } else if is_separator(d) {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            // Lower case of upper case, so letters whose capital is two letters (ᾳ → ΑΙ)
            // fold the same from either side.
            for upper in d.to_uppercase() {
                for lower in upper.to_lowercase() {
                    match lower {
                        'ς' => out.push('σ'),
                        l if is_accent(l) => {}
                        l => out.push(l),
                    }
                }
            }
        }
    });
}

/// Removes the trailing space [`fold_char_into`] may leave and leading articles.
fn drop_articles(folded: &str) -> String {
    let mut rest = folded.trim_end_matches(' ');
    while let Some((first, more)) = rest.split_once(' ') {
        if matches!(first, "the" | "a" | "an") && !more.is_empty() {
            rest = more;
        } else {
            break;
        }
    }
    rest.to_owned()
}

/// Letters that compatibility decomposition keeps whole but a reader treats as variants of
/// plain Latin letters.
fn spell_out(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' | 'ẞ' => "ss",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ø' | 'Ø' => "o",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        'ħ' | 'Ħ' => "h",
        'ŧ' | 'Ŧ' => "t",
        _ => return None,
    })
}

/// Combining marks that are accents rather than part of a script's spelling: the combining
/// diacritical blocks, Hebrew points and Arabic vowel signs. The Greek iota subscript
/// (U+0345) is not one: its capital is a full iota, so it folds to ι.
pub(crate) fn is_accent(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{0344}'
        | '\u{0346}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'..='\u{05C2}'
        | '\u{05C4}'..='\u{05C5}'
        | '\u{05C7}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}')
}

/// Apostrophes and the marks people type for them; removed so "don't" matches "dont". The
/// middle dot of Catalan "l·l" goes the same way.
fn is_apostrophe(c: char) -> bool {
    matches!(
        c,
        '\'' | '`' | '´' | '‘' | '’' | '‚' | '‛' | 'ʹ' | 'ʻ' | 'ʼ' | 'ʽ' | '′' | '·'
    )
}

/// Symbols kept because they change what an answer means ("C++", "100%", "C#").
fn is_kept_symbol(c: char) -> bool {
    matches!(
        c,
        '+' | '#' | '%' | '$' | '€' | '£' | '¥' | '°' | '&' | '=' | '<' | '>'
    )
}

/// Characters that separate words: whitespace, controls, punctuation (hyphens and dashes,
/// quotes, brackets, stops) and anything else that is neither a letter, a digit, a mark nor a
/// kept symbol. Symbols outside ASCII and Latin-1 (arrows, maths, emoji) are kept.
fn is_separator(c: char) -> bool {
    if c.is_alphanumeric() || is_combining_mark(c) || is_kept_symbol(c) {
        return false;
    }
    c.is_whitespace()
        || c.is_control()
        || c.is_ascii()
        || matches!(c,
            '\u{00A0}'..='\u{00BF}'
            | '\u{00D7}'
            | '\u{00F7}'
            | '\u{037E}'
            | '\u{0387}'
            | '\u{055A}'..='\u{055F}'
            | '\u{0589}'..='\u{058A}'
            | '\u{05BE}'
            | '\u{05C0}'
            | '\u{05C3}'
            | '\u{05C6}'
            | '\u{05F3}'..='\u{05F4}'
            | '\u{060C}'..='\u{060D}'
            | '\u{061B}'..='\u{061F}'
            | '\u{066A}'..='\u{066D}'
            | '\u{06D4}'
            | '\u{0964}'..='\u{0965}'
            | '\u{2000}'..='\u{206F}'
            | '\u{2E00}'..='\u{2E7F}'
            | '\u{3000}'..='\u{3003}'
            | '\u{3008}'..='\u{3011}'
            | '\u{3014}'..='\u{301F}'
            | '\u{30FB}'
            | '\u{FE10}'..='\u{FE19}'
            | '\u{FE30}'..='\u{FE6F}'
            | '\u{FF01}'..='\u{FF0F}'
            | '\u{FF1A}'..='\u{FF20}'
            | '\u{FF3B}'..='\u{FF40}'
            | '\u{FF5B}'..='\u{FF65}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_path_folds_as_the_general_rules_do() {
        for code in 0u8..128 {
            let c = char::from(code);
            for before in ["", "x", "x "] {
                let mut fast = before.to_owned();
                fold_char_into(c, &mut fast);
                let mut general = before.to_owned();
                fold_general_into(c, &mut general);
                assert_eq!(fast, general, "{c:?} after {before:?}");
            }
        }
    }

    #[test]
    fn invisible_characters_vanish_so_the_word_shown_is_the_word_checked() {
        assert_eq!(normalize("I\u{200b}ran"), normalize("Iran"));
        assert_eq!(normalize("\u{202e}Trotsky\u{202c}"), "trotsky");
        assert_eq!(normalize("Kam\u{ad}enev"), "kamenev");
    }
}

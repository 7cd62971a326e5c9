//! Splitting a text into folded words: thousands separators kept inside numbers, list
//! separators marked, a leading article dropped.

use crate::deck::answer_text::normalize::fold_char_in_word;

/// One word of a text, folded as [`super::normalize`] folds it, with what was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Word {
    /// The folded word.
    pub(crate) text: String,
    /// The characters it was read from, case kept.
    pub(crate) raw: String,
    /// A list separator (`,` `/` `;`) stood between it and the word before.
    pub(crate) after_separator: bool,
}

/// Separators people put between groups of three digits.
const GROUP_SEPARATORS: [char; 7] = [',', ' ', '_', '\'', '’', '\u{a0}', '\u{202f}'];

/// Splits a text into folded words, keeping thousands separators inside numbers ("1,000"
/// is one word `1000`) and dropping a leading "the", "a" or "an" when more words follow.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<Word> = Vec::new();
    let mut current = Word {
        text: String::new(),
        raw: String::new(),
        after_separator: false,
    };
    let mut separated = false;
    let mut grouped = false;
    for (i, &c) in chars.iter().enumerate() {
        let digits = !current.text.is_empty() && current.text.bytes().all(|b| b.is_ascii_digit());
        if digits
            && GROUP_SEPARATORS.contains(&c)
            && (grouped || current.text.len() <= 3)
            && chars
                .get(i + 1..i + 4)
                .is_some_and(|next| next.iter().all(char::is_ascii_digit))
            && !chars.get(i + 4).is_some_and(char::is_ascii_digit)
        {
            grouped = true;
            continue;
        }
        let folded = fold_char_in_word(c);
        if separates_items(&chars, i, &current.text) {
            finish(&mut current, &mut separated, &mut out);
            separated = true;
            grouped = false;
            continue;
        }
        for f in folded.chars() {
            if f == ' ' || f == '&' {
                finish(&mut current, &mut separated, &mut out);
                grouped = false;
                if f == '&' {
                    current.text.push('&');
                    current.raw.push('&');
                    finish(&mut current, &mut separated, &mut out);
                }
            } else {
                current.text.push(f);
            }
        }
        if !folded.trim().is_empty() && folded != "&" {
            current.raw.push(c);
        }
    }
    finish(&mut current, &mut separated, &mut out);
    let articles = out
        .iter()
        .take(out.len().saturating_sub(1))
        .take_while(|w| matches!(w.text.as_str(), "the" | "a" | "an"))
        .count();
    out.drain(..articles);
    out
}

/// Whether the character at `i` separates the items of a list: a comma or semicolon, but
/// not one between two digits ("3,5"); a slash between two words of three letters or more
/// ("Kamenev/Zinovyev", not "km/h", "1/2" or "AC/DC"). `before` is the word read so far.
fn separates_items(chars: &[char], i: usize, before: &str) -> bool {
    let digit_at = |j: Option<usize>| {
        j.and_then(|j| chars.get(j))
            .is_some_and(char::is_ascii_digit)
    };
    match chars[i] {
        ',' | ';' | '，' | '、' | '；' => !(digit_at(i.checked_sub(1)) && digit_at(Some(i + 1))),
        '/' | '／' => {
            // Letters as folded, so that case does not change the count ("ß" is "ss").
            let after: String = chars[i + 1..]
                .iter()
                .take_while(|c| c.is_alphanumeric())
                .map(|&c| fold_char_in_word(c))
                .collect();
            let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
            letters(before) >= 3 && letters(&after) >= 3
        }
        _ => false,
    }
}

/// Ends the word being read, if any, marking it as following a list separator when one
/// came before it.
fn finish(current: &mut Word, separated: &mut bool, out: &mut Vec<Word>) {
    if current.text.is_empty() {
        current.raw.clear();
        return;
    }
    let mut word = std::mem::replace(
        current,
        Word {
            text: String::new(),
            raw: String::new(),
            after_separator: false,
        },
    );
    word.after_separator = *separated;
    *separated = false;
    out.push(word);
}

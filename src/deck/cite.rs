//! Finding a card's `cite` phrase in the source text it was written from.
//!
//! Both sides are compared after folding case, curly quotes into straight ones and runs of
//! white space into one space, so a cite survives re-wrapping and typographic quotes.

/// A source text prepared for cite look-ups.
#[derive(Debug)]
pub struct Source {
    folded: String,
}

impl Source {
    /// Prepares `text` for look-ups.
    #[must_use]
    pub fn new(text: &str) -> Self {
        Source { folded: fold(text) }
    }

    /// True when `cite` appears in the source.
    #[must_use]
    pub fn contains(&self, cite: &str) -> bool {
        let cite = fold(cite);
        !cite.is_empty() && self.folded.contains(&cite)
    }
}

/// Lower case, straight quotes, single spaces, trimmed.
#[must_use]
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => out.push('\''),
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' => out.push('"'),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The number of words in a cite, for the length limit.
#[must_use]
pub fn word_count(cite: &str) -> usize {
    cite.split_whitespace().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_across_quotes_case_and_spacing() {
        let source = Source::new("Stalin’s doctrine of “Socialism in one\n  country.”");
        assert!(source.contains("stalin's doctrine"));
        assert!(source.contains("\"socialism in ONE country"));
        assert!(!source.contains("socialism in two countries"));
        assert!(!source.contains("   "));
    }
}

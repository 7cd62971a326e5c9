//! Typed access to the keys of one TOML table, reporting every problem on the way:
//! unknown keys (with a suggestion), wrong types, empty text and control characters.

use std::ops::Range;

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

use super::report::Report;
use crate::text::{escape_controls, is_forbidden_control};

/// A string value with the span it came from.
#[derive(Debug, Clone)]
pub struct Text {
    /// The value.
    pub value: String,
    /// Where it is in the file.
    pub span: Range<usize>,
}

/// One `key = value` of a table read as a flat list: the key with its span, and the value.
pub type Entry<'i> = (Spanned<DeString<'i>>, Spanned<DeValue<'i>>);

/// Where a table's keys are: the toml crate's map, or the flat list of a plain card read by
/// [`super::fast`], whose handful of keys are found by a scan without building a map.
#[derive(Clone, Copy)]
enum Keys<'t, 'i> {
    Map(&'t DeTable<'i>),
    List(&'t [Entry<'i>]),
}

/// One TOML table being read, e.g. `[deck]` or a `[[card]]`.
pub struct Table<'t, 'i> {
    keys: Keys<'t, 'i>,
    /// The [`key_bit`] of every key present: a clear bit means a key is absent, which
    /// spares most lookups (of optional keys) the search.
    present: u64,
    /// Where problems about the table as a whole (a missing key) are reported.
    pub span: Range<usize>,
    /// What the table is called in messages ("card", "deck").
    pub name: &'static str,
}

impl<'t, 'i> Table<'t, 'i> {
    /// Wraps `table`, whose header (or first key) is at `span`.
    #[must_use]
    pub fn new(table: &'t DeTable<'i>, span: Range<usize>, name: &'static str) -> Self {
        Table::with_keys(Keys::Map(table), span, name)
    }

    /// Wraps the `entries` of a table read as a flat list, which has no key twice.
    #[must_use]
    pub fn from_entries(entries: &'t [Entry<'i>], span: Range<usize>, name: &'static str) -> Self {
        Table::with_keys(Keys::List(entries), span, name)
    }

    fn with_keys(keys: Keys<'t, 'i>, span: Range<usize>, name: &'static str) -> Self {
        let mut table = Table {
            keys,
            present: 0,
            span,
            name,
        };
        table.present = table
            .key_names()
            .fold(0, |bits, key| bits | key_bit(key.get_ref()));
        table
    }

    /// Every key, with its span.
    fn key_names(&self) -> impl Iterator<Item = &'t Spanned<DeString<'i>>> {
        let (map, list) = match self.keys {
            Keys::Map(map) => (Some(map.keys()), None),
            Keys::List(list) => (None, Some(list.iter().map(|(key, _)| key))),
        };
        map.into_iter().flatten().chain(list.into_iter().flatten())
    }

    /// True unless `key` is surely absent.
    fn may_have(&self, key: &str) -> bool {
        self.present & key_bit(key) != 0
    }

    /// The key and value of `key`, if present.
    fn entry(&self, key: &str) -> Option<(&'t Spanned<DeString<'i>>, &'t Spanned<DeValue<'i>>)> {
        if !self.may_have(key) {
            return None;
        }
        match self.keys {
            Keys::Map(map) => map.get_key_value(key),
            Keys::List(list) => list
                .iter()
                .find(|(k, _)| k.get_ref() == key)
                .map(|(k, v)| (k, v)),
        }
    }

    /// The raw value of `key`, if present.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        self.entry(key).map(|(_, value)| value)
    }

    /// True when `key` is present.
    #[must_use]
    pub fn has(&self, key: &str) -> bool {
        self.entry(key).is_some()
    }

    /// The span of the key itself, for "does not go with" messages.
    #[must_use]
    pub fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.entry(key).map(|(key, _)| key.span())
    }

    /// Reports every key not in `known`, suggesting the closest known one.
    pub fn reject_unknown(&self, known: &[&str], report: &mut Report<'_>) {
        for key in self.key_names() {
            let name: &str = key.get_ref();
            if known.contains(&name) {
                continue;
            }
            let shown = escape_controls(name);
            let message = match suggest(name, known) {
                Some(s) => format!(
                    "unknown field `{shown}` in {}; did you mean `{s}`?",
                    self.name
                ),
                None => format!(
                    "unknown field `{shown}` in {}; expected one of: {}",
                    self.name,
                    known.join(", ")
                ),
            };
            report.error(&key.span(), message);
        }
    }

    /// A non-empty string without control characters.
    pub fn text(&self, key: &str, report: &mut Report<'_>) -> Option<Text> {
        let value = self.get(key)?;
        let Some(s) = value.get_ref().as_str() else {
            report.error(&value.span(), wrong_type(key, "a string", value.get_ref()));
            return None;
        };
        check_text(key, s, &value.span(), report).then(|| Text {
            value: s.to_owned(),
            span: value.span(),
        })
    }

    /// Like [`Table::text`], but a missing key is an error at the table's header.
    pub fn required_text(&self, key: &str, what: &str, report: &mut Report<'_>) -> Option<Text> {
        if !self.has(key) {
            report.error(
                &self.span,
                format!("{} is missing `{key}` ({what})", self.name),
            );
            return None;
        }
        self.text(key, report)
    }

    /// A boolean.
    pub fn boolean(&self, key: &str, report: &mut Report<'_>) -> Option<bool> {
        let value = self.get(key)?;
        let b = value.get_ref().as_bool();
        if b.is_none() {
            report.error(
                &value.span(),
                wrong_type(key, "true or false", value.get_ref()),
            );
        }
        b
    }

    /// An array of non-empty strings; elements with problems are reported and left out.
    pub fn text_list(&self, key: &str, report: &mut Report<'_>) -> Option<Vec<Text>> {
        let value = self.get(key)?;
        let Some(array) = value.get_ref().as_array() else {
            report.error(
                &value.span(),
                wrong_type(key, "an array of strings", value.get_ref()),
            );
            return None;
        };
        let mut items = Vec::with_capacity(array.len());
        for item in array.iter() {
            match item.get_ref().as_str() {
                Some(s) => {
                    if check_text(key, s, &item.span(), report) {
                        items.push(Text {
                            value: s.to_owned(),
                            span: item.span(),
                        });
                    }
                }
                None => report.error(
                    &item.span(),
                    format!(
                        "`{key}` must contain only strings, found {}",
                        type_name(item.get_ref())
                    ),
                ),
            }
        }
        Some(items)
    }
}

/// One of 64 bits for a key name, from its length and its first and last bytes. The card
/// keys but the picture ones all get different bits; two keys sharing a bit only cost a map search.
fn key_bit(key: &str) -> u64 {
    let bytes = key.as_bytes();
    let ends = bytes
        .first()
        .zip(bytes.last())
        .map_or(0, |(&first, &last)| usize::from(first) ^ usize::from(last));
    1 << ((bytes.len().wrapping_mul(7) ^ ends) % 64)
}

/// Checks a string value: not blank, no control characters. Returns true when it is fine.
pub fn check_text(key: &str, s: &str, span: &Range<usize>, report: &mut Report<'_>) -> bool {
    if s.trim().is_empty() {
        report.error(span, format!("`{key}` is empty"));
        return false;
    }
    if let Some(c) = forbidden_control(s) {
        report.error(
            span,
            format!(
                "`{key}` contains the control character {}; remove it",
                escape_controls(&c.to_string())
            ),
        );
        return false;
    }
    if let Some(c) = invisible(s) {
        report.lint(
            span,
            "invisible",
            format!(
                "`{key}` contains the invisible character {}, which can make the text show \
                 otherwise than it is checked; remove it",
                escape_controls(&c.to_string())
            ),
        );
    }
    super::lint::look_alike(key, s, span, report);
    true
}

/// The first invisible character of `s` (see [`crate::text::is_invisible`]), if any.
fn invisible(s: &str) -> Option<char> {
    if s.is_ascii() {
        return None;
    }
    s.chars().find(|&c| crate::text::is_invisible(c))
}

/// The first character a deck may not contain, if any. Text of printable ASCII, tabs and
/// newlines, nearly all of it, is passed over byte by byte.
fn forbidden_control(s: &str) -> Option<char> {
    if printable_ascii(s) || s.bytes().all(|b| matches!(b, b' '..=b'~' | b'\t' | b'\n')) {
        return None;
    }
    s.chars().find(|&c| is_forbidden_control(c))
}

/// True when every byte of `s` is printable ASCII (space to `~`), eight bytes tested at
/// once: none has its high bit set, is below a space, or is DEL.
fn printable_ascii(s: &str) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = ONES * 0x80;
    // Non-zero when some byte of `x` is below `n` (for n up to 0x80).
    let has_below = |x: u64, n: u64| x.wrapping_sub(ONES * n) & !x & HIGHS;
    let (words, tail) = s.as_bytes().as_chunks::<8>();
    words.iter().all(|word| {
        let x = u64::from_ne_bytes(*word);
        (x & HIGHS) | has_below(x, 0x20) | has_below(x ^ (ONES * 0x7f), 1) == 0
    }) && tail.iter().all(|b| (b' '..=b'~').contains(b))
}

/// "`key` must be X, found Y".
#[must_use]
pub fn wrong_type(key: &str, expected: &str, found: &DeValue<'_>) -> String {
    format!("`{key}` must be {expected}, found {}", type_name(found))
}

/// A value's type with an article, for messages.
#[must_use]
pub fn type_name(value: &DeValue<'_>) -> &'static str {
    match value {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a float",
        DeValue::Boolean(_) => "a boolean",
        DeValue::Datetime(_) => "a date-time",
        DeValue::Array(_) => "an array",
        DeValue::Table(_) => "a table",
    }
}

/// The known name closest to `name`, if it is close enough to be a likely typo.
#[must_use]
pub fn suggest<'k>(name: &str, known: &[&'k str]) -> Option<&'k str> {
    let lower = name.to_lowercase();
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(&lower, k), *k))
        .filter(|&(d, k)| d <= 2.max(k.len() / 3) && d < k.len())
        .min_by_key(|&(d, _)| d)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_find_present_keys_only() {
        let table = DeTable::parse("id = 1\nfront = 2\n\"\" = 3\nbakc = 4\n").unwrap();
        let t = Table::new(table.get_ref(), 0..0, "card");
        for key in ["id", "front", "", "bakc"] {
            assert!(
                t.has(key) && t.get(key).is_some() && t.key_span(key).is_some(),
                "{key}"
            );
        }
        for key in [
            "back", "cloze", "order", "hint", "tags", "i", "frontx", "idid",
        ] {
            assert!(
                !t.has(key) && t.get(key).is_none() && t.key_span(key).is_none(),
                "{key}"
            );
        }
        // The keys of plain cards get a bit each; the rarer picture keys may share one.
        let plain = crate::deck::card::CARD_KEYS
            .iter()
            .filter(|k| !k.contains("image"));
        let bits: std::collections::HashSet<u64> = plain.clone().map(|k| key_bit(k)).collect();
        assert_eq!(bits.len(), plain.count());
    }

    #[test]
    fn a_flat_list_answers_lookups_as_the_map_does() {
        let piece = "[[card]]\nid = \"x\"\nfront = \"Q\"\nbakc = 4\ntags = [\"a\"]\n";
        let (card, _) = crate::deck::fast::card_piece(piece).expect("a plain piece");
        let list = Table::from_entries(&card.entries, card.header.clone(), "card");
        let root = DeTable::parse(piece).unwrap();
        let cards = root
            .get_ref()
            .get("card")
            .unwrap()
            .get_ref()
            .as_array()
            .unwrap();
        let Some(DeValue::Table(table)) = cards.first().map(Spanned::get_ref) else {
            panic!("the crate reads a card table");
        };
        let map = Table::new(table, 0..0, "card");
        for key in [
            "id", "front", "bakc", "tags", "back", "cloze", "i", "idx", "",
        ] {
            assert_eq!(list.has(key), map.has(key), "{key}");
            assert_eq!(list.key_span(key), map.key_span(key), "{key}");
            let value = |t: &Table<'_, '_>| t.get(key).map(|v| format!("{v:?}"));
            assert_eq!(value(&list), value(&map), "{key}");
        }
        assert!(list.has("bakc") && !list.has("back"));
        let mut report = Report::new("deck.toml", piece);
        list.reject_unknown(crate::deck::card::CARD_KEYS, &mut report);
        assert_eq!(report.diagnostics.len(), 1);
        assert!(
            report.diagnostics[0]
                .message
                .contains("did you mean `back`")
        );
    }

    #[test]
    fn printable_ascii_is_checked_at_every_position() {
        for len in [1, 7, 8, 9, 16, 17] {
            for at in 0..len {
                for byte in 0..=0x7f_u8 {
                    let mut text = vec![b'a'; len];
                    text[at] = byte;
                    let text = String::from_utf8(text).unwrap();
                    let expected = (b' '..=b'~').contains(&byte);
                    assert_eq!(printable_ascii(&text), expected, "{text:?}");
                }
                let mut text = "a".repeat(len);
                text.insert(at, 'é');
                assert!(!printable_ascii(&text), "{text:?}");
            }
        }
        assert!(printable_ascii(""));
    }

    #[test]
    fn suggests_close_names_only() {
        let known = ["front", "back", "accept", "explain"];
        assert_eq!(suggest("bakc", &known), Some("back"));
        assert_eq!(suggest("Front", &known), Some("front"));
        assert_eq!(suggest("explian", &known), Some("explain"));
        assert_eq!(suggest("zzzzzz", &known), None);
        assert_eq!(suggest("x", &known), None);
    }
}

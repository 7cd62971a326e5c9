//! Reading numbers as people type them: digits with thousands separators and a decimal
//! point, or English number words.

use unicode_normalization::char::decompose_compatible;

use super::normalize::normalize;

/// A number reduced to one spelling: sign, integer digits without leading zeros, fraction
/// digits without trailing zeros. Two numbers are equal exactly when these are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decimal {
    negative: bool,
    int: String,
    frac: String,
}

impl Decimal {
    fn new(negative: bool, int: &str, frac: &str) -> Decimal {
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        let zero = int.is_empty() && frac.is_empty();
        Decimal {
            negative: negative && !zero,
            int: int.to_owned(),
            frac: frac.to_owned(),
        }
    }

    /// The value of a whole number.
    pub(crate) fn from_i64(n: i64) -> Decimal {
        Decimal::new(n < 0, &n.unsigned_abs().to_string(), "")
    }

    /// The value of a whole number written in decimal digits (no sign).
    pub(crate) fn from_digits(digits: &str) -> Decimal {
        Decimal::new(false, digits, "")
    }

    /// The whole number it is, when it is one that fits.
    pub(crate) fn to_i64(&self) -> Option<i64> {
        if !self.frac.is_empty() {
            return None;
        }
        let magnitude: i64 = if self.int.is_empty() {
            0
        } else {
            self.int.parse().ok()?
        };
        Some(if self.negative { -magnitude } else { magnitude })
    }
}

/// Separators people put between groups of three digits.
const GROUP_SEPARATORS: [char; 5] = [',', ' ', '_', '\'', '’'];

/// Brackets, quotes and stops that may surround a number: "(1929)", "1929!".
const WRAPPING: [char; 18] = [
    '(', ')', '[', ']', '{', '}', '"', '\'', '“', '”', '‘', '’', '«', '»', '!', '?', ';', ':',
];

/// Reads a number written in digits, perhaps in brackets or quotes: an optional sign (`+`, `-` or `−`), an integer part
/// either plain (`1929`) or grouped by threes with one kind of separator (`1,929`, `1 929`,
/// `1_929`, `1'929`), and an optional decimal point with digits (`1929.0`, `1929.`, `.5`).
/// Full-width and other compatibility digits count. Anything else is not a number.
pub(crate) fn parse_digits(text: &str) -> Option<Decimal> {
    let mut plain = String::with_capacity(text.len());
    for c in text.chars() {
        decompose_compatible(c, |d| plain.push(if d == '\u{2212}' { '-' } else { d }));
    }
    let mut body = plain.trim_matches(|c: char| c.is_whitespace() || WRAPPING.contains(&c));
    let mut negative = false;
    if let Some(rest) = body.strip_prefix('-') {
        negative = true;
        body = rest;
    } else if let Some(rest) = body.strip_prefix('+') {
        body = rest;
    }
    let (int, frac) = match body.split_once('.') {
        Some((int, frac)) => (int, frac),
        None => (body, ""),
    };
    if (int.is_empty() && frac.is_empty()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let int = ungroup(int)?;
    Some(Decimal::new(negative, &int, frac))
}

/// The digits of an integer part, plain or grouped by threes with a single kind of separator.
fn ungroup(int: &str) -> Option<String> {
    if int.chars().all(|c| c.is_ascii_digit()) {
        return Some(int.to_owned());
    }
    let sep = int.chars().find(|c| !c.is_ascii_digit())?;
    if !GROUP_SEPARATORS.contains(&sep) {
        return None;
    }
    let mut groups = int.split(sep);
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 || !first.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut digits = first.to_owned();
    for group in groups {
        if group.len() != 3 || !group.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        digits.push_str(group);
    }
    Some(digits)
}

/// Reads a whole number written in English words: "three", "twenty-one", "one hundred and
/// five", "nineteen hundred", "two thousand and twenty", "minus four". Case, hyphens and a
/// leading article ("a hundred") do not matter. Spoken years ("nineteen twenty-nine", see
/// [`spoken_year`]) and
/// ordinals are not numbers here.
pub(crate) fn parse_words(text: &str) -> Option<i64> {
    let folded = normalize(text);
    let mut words = folded.split(' ').peekable();
    let negative = matches!(words.peek(), Some(&("minus" | "negative")));
    if negative {
        words.next();
    }
    let mut total: i64 = 0;
    let mut group: i64 = 0;
    let mut last_scale = i64::MAX;
    let mut state = Group::default();
    let mut any = false;
    for word in words {
        if word == "and" && any {
            continue;
        }
        if word == "zero" {
            if any {
                return None;
            }
            any = true;
            state.units = true;
            state.tens = true;
            state.hundred = true;
            continue;
        }
        if let Some(v) = small_number(word) {
            let teen = v >= 10;
            if state.units || (teen && state.tens) {
                return None;
            }
            group += v;
            state.units = true;
        } else if let Some(v) = tens_number(word) {
            if state.units || state.tens {
                return None;
            }
            group += v;
            state.tens = true;
        } else if word == "hundred" {
            if state.hundred || group > 99 {
                return None;
            }
            group = group.max(1) * 100;
            state = Group {
                hundred: true,
                ..Group::default()
            };
        } else if let Some(scale) = scale_number(word) {
            if scale >= last_scale || (any && group == 0) {
                return None;
            }
            total = total.checked_add(group.max(1).checked_mul(scale)?)?;
            last_scale = scale;
            group = 0;
            state = Group::default();
        } else {
            return None;
        }
        any = true;
    }
    if !any {
        return None;
    }
    let value = total.checked_add(group)?;
    Some(if negative { -value } else { value })
}

/// What a group of words below a thousand already holds.
#[derive(Default)]
struct Group {
    hundred: bool,
    tens: bool,
    units: bool,
}

/// The number words below twenty, "one" to "nineteen".
const SMALL: [&str; 19] = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];

/// The tens, "twenty" to "ninety".
const TENS: [&str; 8] = [
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

/// Every word [`parse_words`] reads as (part of) a number, "and" and "minus" aside.
pub(crate) fn cardinal_words() -> impl Iterator<Item = &'static str> {
    ["zero"]
        .into_iter()
        .chain(SMALL)
        .chain(TENS)
        .chain(["hundred", "thousand", "million", "billion"])
}

fn small_number(word: &str) -> Option<i64> {
    let i = SMALL.iter().position(|w| *w == word)?;
    i64::try_from(i + 1).ok()
}

fn tens_number(word: &str) -> Option<i64> {
    let i = TENS.iter().position(|w| *w == word)?;
    i64::try_from(i + 2).ok().map(|t| t * 10)
}

fn scale_number(word: &str) -> Option<i64> {
    match word {
        "thousand" => Some(1_000),
        "million" => Some(1_000_000),
        "billion" => Some(1_000_000_000),
        _ => None,
    }
}

/// Reads a year said the way people say years: two numbers from 10 to 99 ("nineteen
/// seventeen", "nineteen twenty-nine"), the second perhaps "oh" and a digit ("nineteen oh
/// five") or "hundred" ("nineteen hundred", which [`parse_words`] reads too).
pub(crate) fn spoken_year(text: &str) -> Option<i64> {
    let folded = normalize(text);
    let words: Vec<&str> = folded.split(' ').collect();
    let pair = |words: &[&str]| {
        let v = parse_words(&words.join(" "))?;
        (10..=99).contains(&v).then_some(v)
    };
    for split in 1..words.len() {
        let (century, rest) = words.split_at(split);
        let Some(century) = pair(century) else {
            continue;
        };
        let tail = match rest {
            ["hundred"] => Some(0),
            ["oh" | "o", digit] => parse_words(digit).filter(|d| (1..=9).contains(d)),
            _ => pair(rest),
        };
        if let Some(tail) = tail {
            return Some(century * 100 + tail);
        }
    }
    None
}

/// Reads a number in digits or, failing that, in English words or as a spoken year.
pub(crate) fn parse_number(text: &str) -> Option<Decimal> {
    parse_digits(text).or_else(|| {
        parse_words(text)
            .or_else(|| spoken_year(text))
            .map(Decimal::from_i64)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digits(s: &str) -> Option<i64> {
        parse_digits(s)?.to_i64()
    }

    #[test]
    fn digits_with_separators_and_decimals() {
        assert_eq!(digits("1929"), Some(1929));
        assert_eq!(digits(" 1,929 "), Some(1929));
        assert_eq!(digits("1 929"), Some(1929));
        assert_eq!(digits("1\u{a0}929"), Some(1929));
        assert_eq!(digits("1\u{202f}929"), Some(1929));
        assert_eq!(digits("1_000_000"), Some(1_000_000));
        assert_eq!(digits("1'000"), Some(1000));
        assert_eq!(digits("1929.0"), Some(1929));
        assert_eq!(digits("1929."), Some(1929));
        assert_eq!(digits("01929"), Some(1929));
        assert_eq!(digits("-5"), Some(-5));
        assert_eq!(digits("\u{2212}5"), Some(-5));
        assert_eq!(digits("+5"), Some(5));
        assert_eq!(digits("(1929)"), Some(1929));
        assert_eq!(digits("“1,929”!"), Some(1929));
        assert_eq!(digits("-0"), Some(0));
        assert_eq!(digits("１９２９"), Some(1929));
        assert_eq!(digits("1929.5"), None);
        assert_eq!(parse_digits("1929.5"), parse_digits("1929.50"));
        assert_eq!(parse_digits(".5"), parse_digits("0.5"));
        for bad in [
            "",
            ".",
            "-",
            "19,29",
            "1,9290",
            "1,929 000",
            ",929",
            "1929a",
            "1.2.3",
            "1e3",
            "--5",
            "1929-01",
        ] {
            assert_eq!(parse_digits(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn spoken_years() {
        for (text, year) in [
            ("nineteen seventeen", 1917),
            ("Nineteen twenty-nine", 1929),
            ("nineteen oh five", 1905),
            ("eighteen twelve", 1812),
            ("twenty twenty", 2020),
            ("nineteen hundred", 1900),
        ] {
            assert_eq!(spoken_year(text), Some(year), "{text:?}");
        }
        for bad in [
            "nineteen",
            "nine seventeen",
            "nineteen seventeen five",
            "oh five",
            "",
        ] {
            assert_eq!(spoken_year(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn english_number_words() {
        let cases = [
            ("zero", 0),
            ("three", 3),
            ("Nineteen", 19),
            ("twenty-one", 21),
            ("forty two", 42),
            ("one hundred and five", 105),
            ("a hundred", 100),
            ("hundred", 100),
            ("nineteen hundred", 1900),
            ("one thousand nine hundred twenty-nine", 1929),
            ("two thousand and twenty", 2020),
            ("three million four hundred thousand", 3_400_000),
            ("minus four", -4),
        ];
        for (text, n) in cases {
            assert_eq!(parse_words(text), Some(n), "{text:?}");
        }
        for bad in [
            "",
            "and",
            "nineteen twenty-nine",
            "twenty thirty",
            "five four",
            "one hundred hundred",
            "thousand million",
            "zero zero",
            "one zero",
            "three apples",
            "eleventy",
        ] {
            assert_eq!(parse_words(bad), None, "{bad:?}");
        }
    }
}

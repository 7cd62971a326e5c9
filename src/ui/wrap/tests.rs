//! Tests of word wrapping: widths in display columns, breaks between words, escape sequences.

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

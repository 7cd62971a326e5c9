use std::path::Path;

use proptest::prelude::*;
use recall::deck::{self, Severity, files};

const REAL_DECK: &str = include_str!("../../decks/trotsky-exile.toml");

/// Fragments that make TOML and deck parsing take unusual paths.
const TOKENS: &[&str] = &[
    "[[card]]\n",
    "[deck]\n",
    "{{",
    "}}",
    "\"",
    "'''",
    "\"\"\"",
    "=",
    "[",
    "]",
    "{",
    "}",
    "\\u001b",
    "\\",
    "\n",
    "#",
    "back = ",
    "front = ",
    "id = \"x\"\n",
    "choices = [",
    "1e999",
    "99999999999999999999",
    "true",
    "é",
    "\u{1b}",
    "\u{7}",
    "\r\n",
    ",",
    ".",
    "::",
];

#[derive(Debug, Clone)]
enum Mutation {
    Flip { at: usize, byte: u8 },
    Insert { at: usize, token: usize },
    Delete { at: usize, len: usize },
    Duplicate { at: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Flip { at, byte }),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, token)| Mutation::Insert { at, token }),
        (any::<usize>(), 1usize..200).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 1usize..400).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
    ]
}

fn apply(bytes: &mut Vec<u8>, m: &Mutation) {
    let n = bytes.len().max(1);
    match *m {
        Mutation::Flip { at, byte } => {
            if !bytes.is_empty() {
                bytes[at % n] = byte;
            }
        }
        Mutation::Insert { at, token } => {
            let at = at % (bytes.len() + 1);
            bytes.splice(at..at, TOKENS[token].bytes());
        }
        Mutation::Delete { at, len } => {
            let at = at % n;
            let end = (at + len).min(bytes.len());
            bytes.drain(at.min(end)..end);
        }
        Mutation::Duplicate { at, len } => {
            let at = at % n;
            let end = (at + len).min(bytes.len());
            let copy = bytes[at.min(end)..end].to_vec();
            bytes.splice(at..at, copy);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn mutated_decks_load_or_report_positions(mutations in prop::collection::vec(mutation(), 1..6)) {
        let mut bytes = REAL_DECK.as_bytes().to_vec();
        for m in &mutations {
            apply(&mut bytes, m);
        }
        let path = Path::new("m.toml");
        let (diagnostics, deck) = match files::decode(path, bytes) {
            Ok(text) => {
                let lines = text.lines().count() + 1;
                let parsed = deck::parse(&text, "m.toml", "m", deck::Options::default());
                let whole = deck::parse_whole_document(&text, "m.toml", "m", deck::Options::default());
                prop_assert_eq!(&parsed.diagnostics, &whole.diagnostics);
                prop_assert_eq!(&parsed.deck, &whole.deck);
                for d in &parsed.diagnostics {
                    prop_assert!(d.line >= 1 && d.line <= lines, "{d}");
                }
                (parsed.diagnostics, parsed.deck)
            }
            Err(d) => (vec![d], None),
        };
        let errors = diagnostics.iter().filter(|d| d.severity == Severity::Error).count();
        prop_assert_eq!(deck.is_some(), errors == 0, "{:?}", diagnostics);
        for d in &diagnostics {
            prop_assert!(d.column >= 1);
            prop_assert!(!d.message.is_empty());
            let has_escape = d.to_string().contains('\x1b');
            prop_assert!(!has_escape, "raw ESC in {:?}", d.message);
        }
    }
}

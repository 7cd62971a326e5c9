//! Decks for tests: the shared ones of `tests/fixtures/`, copied into a test's folder, and
//! small ones made in code when a test needs a variant.

use std::path::{Path, PathBuf};

use tempfile::TempDir;

use crate::support::{root, write};

/// The text of the deck `tests/fixtures/NAME.toml`.
pub fn fixture_text(name: &str) -> String {
    let path = root().join("tests/fixtures").join(format!("{name}.toml"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// A new temporary folder holding the fixture deck NAME as `deck.toml`.
pub fn fixture(name: &str) -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_fixture(dir.path(), name, "deck.toml");
    dir
}

/// Copies the fixture deck NAME into `dir` as `file` (folders made); its path.
pub fn copy_fixture(dir: &Path, name: &str, file: &str) -> PathBuf {
    write(dir, file, fixture_text(name))
}

/// One `[[card]]` of a [`DeckBuilder`]: its fields in the order given.
pub struct Card(Vec<(String, toml::Value)>);

impl Card {
    /// A card with only an id; add its fields with [`Card::with`].
    pub fn new(id: &str) -> Card {
        Card(vec![("id".to_owned(), id.into())])
    }

    /// A question and its answer (text, a number or true/false).
    pub fn basic(id: &str, front: &str, back: impl Into<toml::Value>) -> Card {
        Card::new(id).with("front", front).with("back", back)
    }

    /// The field `key` set to `value` (text, a number, true/false or a list).
    pub fn with(mut self, key: &str, value: impl Into<toml::Value>) -> Card {
        self.0.push((key.to_owned(), value.into()));
        self
    }
}

/// A deck file written from a few cards made in code.
pub struct DeckBuilder {
    head: Vec<(String, toml::Value)>,
    cards: Vec<Card>,
}

impl DeckBuilder {
    /// A deck titled `title`, with no cards yet.
    pub fn new(title: &str) -> DeckBuilder {
        DeckBuilder {
            head: vec![("title".to_owned(), title.into())],
            cards: Vec::new(),
        }
    }

    /// The deck's field `key` (its `id`, `source`, `tags`...) set to `value`.
    pub fn with(mut self, key: &str, value: impl Into<toml::Value>) -> DeckBuilder {
        self.head.push((key.to_owned(), value.into()));
        self
    }

    /// The deck with `card` added last.
    pub fn card(mut self, card: Card) -> DeckBuilder {
        self.cards.push(card);
        self
    }

    /// The deck file's text.
    pub fn text(&self) -> String {
        let fields = |out: &mut String, fields: &[(String, toml::Value)]| {
            for (key, value) in fields {
                out.push_str(&format!("{key} = {value}\n"));
            }
        };
        let mut out = String::from("[deck]\n");
        fields(&mut out, &self.head);
        for card in &self.cards {
            out.push_str("\n[[card]]\n");
            fields(&mut out, &card.0);
        }
        out
    }

    /// Writes the deck to `dir/file`; its path.
    pub fn write(&self, dir: &Path, file: &str) -> PathBuf {
        write(dir, file, self.text())
    }

    /// A new temporary folder holding the deck as `deck.toml`.
    pub fn in_temp_dir(&self) -> TempDir {
        let dir = tempfile::tempdir().unwrap();
        self.write(dir.path(), "deck.toml");
        dir
    }
}

/// A new temporary folder with the deck "Capitals" (id `capitals`) of `cards` as `deck.toml`.
pub fn capitals_of(cards: impl IntoIterator<Item = Card>) -> TempDir {
    let capitals = DeckBuilder::new("Capitals").with("id", "capitals");
    cards
        .into_iter()
        .fold(capitals, DeckBuilder::card)
        .in_temp_dir()
}

/// The card `id` asking for the capital of Italy, with three wrong choices of its own.
pub fn italy_with_choices(id: &str) -> Card {
    Card::basic(id, "Capital of Italy?", "Rome").with("choices", vec!["Milan", "Naples", "Turin"])
}

/// The fixture decks (but the one made of warnings) pass `recall check` without a warning; a deck built in code
/// reads back as the fields it was given, and passes too.
#[test]
fn fixtures_pass_check_and_built_decks_parse() {
    let dir = tempfile::tempdir().unwrap();
    let mut decks = 0;
    for entry in std::fs::read_dir(root().join("tests/fixtures")).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        // That deck has one card of each warning, on purpose.
        if let Some(stem) = name.strip_suffix(".toml")
            && stem != "check-warnings"
        {
            copy_fixture(dir.path(), stem, &format!("decks/{name}"));
            decks += 1;
        }
    }
    assert!(decks >= 6, "{decks} fixture decks");
    let out = crate::support::recall(dir.path())
        .args(["check", "decks"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        crate::support::stdout(&out),
        "",
        "no errors and no warnings"
    );

    let text = DeckBuilder::new("Mixed \"quotes\"")
        .with("id", "mixed")
        .card(Card::basic("tf", "Milan is the capital of Italy.", false))
        .card(Card::new("order").with("order", vec!["a", "b"]))
        .text();
    let table: toml::Table = text.parse().expect("a built deck is TOML");
    let built = DeckBuilder::new("Built")
        .card(Card::basic("fr", "Capital of France?", "Paris"))
        .in_temp_dir();
    let out = crate::support::recall(built.path())
        .args(["check", "deck.toml"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(table["deck"]["title"].as_str(), Some("Mixed \"quotes\""));
    assert_eq!(table["card"][0]["back"].as_bool(), Some(false));
    assert_eq!(table["card"][1]["order"][1].as_str(), Some("b"));
}

//! Decks for the in-crate tests, made from a few lines of cards instead of a pasted deck
//! file and the same parse-and-unwrap each time.

use super::{Deck, Options, parse};

/// The start of a valid deck file: a `[deck]` table titled "T".
pub(crate) const HEADER: &str = "[deck]\ntitle = \"T\"\n";

/// A deck file of `cards` (`[[card]]` tables, as TOML) after [`HEADER`].
pub(crate) fn deck_text(cards: &str) -> String {
    format!("{HEADER}{cards}")
}

/// A deck file of front/back cards, each given as (id, front, back).
pub(crate) fn basic_deck_text(cards: &[(&str, &str, &str)]) -> String {
    let mut text = String::from(HEADER);
    for (id, front, back) in cards {
        text.push_str(&format!(
            "[[card]]\nid = \"{id}\"\nfront = \"{front}\"\nback = \"{back}\"\n"
        ));
    }
    text
}

/// The deck of the deck file `text`, read as the file `{id}.toml` (so that its id is `id`
/// unless it states one). Panics, naming the problems, when the file is not a valid deck.
pub(crate) fn deck_named(text: &str, id: &str) -> Deck {
    let parsed = parse(text, &format!("{id}.toml"), id, Options::default());
    let problems: Vec<String> = parsed
        .diagnostics
        .iter()
        .map(|d| d.message.clone())
        .collect();
    parsed
        .deck
        .unwrap_or_else(|| panic!("not a valid deck: {problems:?}"))
}

/// The deck of the deck file `text`, read as `t.toml`: see [`deck_named`].
pub(crate) fn deck(text: &str) -> Deck {
    deck_named(text, "t")
}

/// A small PNG of `width` × `height`.
pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = std::io::Cursor::new(Vec::new());
    image::RgbImage::from_pixel(width, height, image::Rgb([200, 30, 30]))
        .write_to(&mut bytes, image::ImageFormat::Png)
        .unwrap();
    bytes.into_inner()
}

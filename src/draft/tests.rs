//! The draft as a whole: parsed back as a deck whose cites the source holds, the same on
//! every run, and around a deck drafted into.

use super::{Options, draft, write};
use crate::deck::{self, Severity, cite::Source};

const TEXT: &str = "# Bridges\n\n## The Iron Bridge\n\nThe Iron Bridge was built over the River Severn in 1779.\n\
It is 30.6 metres long and weighs 384 tons.\nAbraham Darby, the grandson of an ironmaster, cast its ribs.\n\
A span is the distance between two supports of a bridge.\nNobody liked it much at first.\n";

fn parse_with_source(text: &str, source: &str) -> deck::Parsed {
    let source = Source::new(source);
    deck::parse(
        text,
        "draft.toml",
        "draft",
        deck::Options {
            source: Some(&source),
            quiet: false,
            pictures_in: None,
        },
    )
}

#[test]
fn a_draft_is_a_deck_whose_cites_the_source_holds() {
    let drafted = draft(TEXT, &Options::default());
    let text = write::deck(&drafted, "Bridges", "bridges.md").unwrap();
    let parsed = parse_with_source(&text, TEXT);
    assert!(
        parsed.diagnostics.is_empty(),
        "{:?}\n{text}",
        parsed.diagnostics
    );
    let deck = parsed.deck.unwrap();
    assert_eq!(deck.cards.len(), 4, "{text}");
    assert!(deck.cards.iter().all(|c| c.tags == ["the-iron-bridge"]));
    assert!(
        text.contains("# bridges.md:5: The Iron Bridge was built"),
        "{text}"
    );
    let s = &drafted.summary;
    assert_eq!((s.sentences, s.headings, s.no_fact), (5, 2, 1));
    assert_eq!(s.clozes + s.questions, 4);
    assert_eq!(drafted.title.as_deref(), Some("Bridges"));
    // The same text gives the same cards, ids and all.
    assert_eq!(
        write::deck(&draft(TEXT, &Options::default()), "Bridges", "bridges.md").unwrap(),
        text
    );
}

#[test]
fn drafting_into_a_deck_skips_what_it_cites_and_keeps_its_ids_and_bytes() {
    let first = draft(
        TEXT,
        &Options {
            max: Some(1),
            ..Options::default()
        },
    );
    assert_eq!(first.proposals.len(), 1);
    assert_eq!(first.summary.over_max, 3);
    let old = write::deck(&first, "Bridges", "bridges.md")
        .unwrap()
        .replace('\n', "\r\n");
    let deck = parse_with_source(&old, TEXT).deck.unwrap();
    let more = draft(TEXT, &Options::after(&deck, None));
    assert_eq!(more.summary.cited, 1);
    assert_eq!(more.proposals.len(), 3);
    let text = write::appended(&old, &more, "bridges.md").unwrap();
    assert!(text.starts_with(&old));
    assert!(!text[old.len()..].replace("\r\n", "").contains('\n'));
    let parsed = parse_with_source(&text, TEXT);
    assert!(
        parsed
            .diagnostics
            .iter()
            .all(|d| d.severity != Severity::Error),
        "{:?}",
        parsed.diagnostics
    );
    assert_eq!(parsed.deck.unwrap().cards.len(), 4);
    // Every card's id differs from the ones already taken.
    let taken = Options {
        ids: more.proposals.iter().map(|p| p.card.id.clone()).collect(),
        ..Options::default()
    };
    let again = draft(TEXT, &taken);
    for p in &again.proposals {
        assert!(!taken.ids.contains(&p.card.id), "{}", p.card.id);
    }
}

//! Reading one `[[card]]` table: its kind, its fields, and the checks that need both.
//!
//! This file reads the table and checks its id and cite; what the card asks and answers is
//! read in `content`, and how its wording reads (a question? an answer given away?) is
//! judged in `wording`.

mod content;
mod wording;

use std::collections::hash_map::Entry;
use std::ops::Range;
use std::path::Path;

use foldhash::HashMap;
use toml::de::{DeArray, DeValue};

use super::answer_text::is_list;
use super::cite::{self, Source};
use super::fields::{Table, Text, type_name};
use super::lint::{self, Mark};
use super::model::{Card, Content, Deck};
use super::picture::read_pictures;
use super::report::Report;
use crate::text::escape_controls;
use content::{read_content, read_kind, read_mode};
pub use wording::{MAX_TYPED_WORDS, reads_as_question, unfit_to_type};
use wording::{warn_answer_in_question, warn_reversed_question};

/// The keys a card may have.
#[rustfmt::skip]
pub(crate) const CARD_KEYS: &[&str] = &[
    "id", "front", "back", "accept", "choices", "reverse", "cloze", "order", "tags", "hint",
    "explain", "cite", "mode", "kind", "in_order", "allow", "image", "image_alt", "back_image",
    "back_image_alt", "explain_image", "explain_image_alt",
];
/// The longest `cite` allowed, in words.
pub const MAX_CITE_WORDS: usize = 8;

/// Reads the cards of one deck, piece by piece, remembering ids across pieces.
pub struct CardReader<'d> {
    source: Option<&'d Source>,
    /// The deck file's folder, when the files of its pictures are to be checked.
    pictures_in: Option<&'d Path>,
    /// The line of the card that first used each id. Hashed by foldhash: seeded anew in
    /// each process like the standard hasher, and much faster on short ids.
    first_line_of: HashMap<String, usize>,
    /// Card tables seen, valid or not.
    seen: usize,
    /// The deck's tags, which every card inherits.
    deck_tags: Vec<String>,
    cards: Vec<Card>,
    /// What the deck-wide warnings need of each card of `cards`.
    marks: Vec<Mark>,
}

impl<'d> CardReader<'d> {
    /// A reader checking cites against `source`, giving each card `deck_tags` after its own.
    #[must_use]
    pub fn new(source: Option<&'d Source>, deck_tags: Vec<String>) -> Self {
        CardReader {
            source,
            pictures_in: None,
            first_line_of: HashMap::default(),
            seen: 0,
            deck_tags,
            cards: Vec::new(),
            marks: Vec::new(),
        }
    }

    /// The same reader, also checking the picture files of the cards, in `folder`.
    #[must_use]
    pub fn checking_pictures_in(mut self, folder: Option<&'d Path>) -> Self {
        self.pictures_in = folder;
        self
    }

    /// The valid cards read so far from the `from`-th on, complete with the deck's tags.
    #[must_use]
    pub fn cards_from(&self, from: usize) -> &[Card] {
        self.cards.get(from..).unwrap_or_default()
    }

    /// How many valid cards were read so far.
    #[must_use]
    pub fn card_count(&self) -> usize {
        self.cards.len()
    }

    /// True when no card table has been seen.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.seen == 0
    }

    /// Reads every card of a `card` array, reporting duplicate ids across the whole deck.
    pub fn read_all(&mut self, array: &DeArray<'_>, report: &mut Report<'_>) {
        for item in array.iter() {
            let DeValue::Table(table) = item.get_ref() else {
                self.seen += 1;
                report.error(
                    &item.span(),
                    format!(
                        "a card must be a table, found {}",
                        type_name(item.get_ref())
                    ),
                );
                continue;
            };
            self.read_table(&Table::new(table, item.span(), "card"), report);
        }
    }

    /// Reads one card table, whose header is at the table's span, reporting a duplicate id.
    pub fn read_table(&mut self, table: &Table<'_, '_>, report: &mut Report<'_>) {
        self.seen += 1;
        let explicit_id = table
            .get("id")
            .and_then(|v| Some((v.get_ref().as_str()?, v.span())));
        let line = report.line_of(table.span.start);
        let card = read_card((self.source, self.pictures_in), table, line, report);
        let (id, id_span) = match (explicit_id, &card) {
            (Some(explicit), _) => explicit,
            (None, Some((card, _))) => (card.id.as_str(), table.span.clone()),
            (None, None) => return,
        };
        match self.first_line_of.entry(id.to_owned()) {
            Entry::Occupied(first) => {
                report.error(
                    &id_span,
                    format!(
                        "duplicate card id \"{}\" (first used by the card on line {})",
                        escape_controls(first.key()),
                        first.get()
                    ),
                );
                return;
            }
            Entry::Vacant(slot) => {
                slot.insert(line);
            }
        }
        if let Some((mut card, mark)) = card {
            card.tags.extend(self.deck_tags.iter().cloned());
            self.cards.push(card);
            self.marks.push(mark);
        }
    }

    /// Reports what needs every card: answers given away by a card shortly before, the same
    /// question asked twice.
    pub fn deck_warnings(&self, report: &mut Report<'_>) {
        lint::deck_warnings(&self.cards, &self.marks, report);
    }

    /// Gives `deck` the cards read.
    #[must_use]
    pub fn finish(self, mut deck: Deck) -> Deck {
        deck.cards = self.cards;
        deck
    }
}

/// Reads one card, which starts on `line`, with what the deck-wide warnings need of it, or
/// returns `None` when it has errors (all of them reported).
fn read_card(
    (source, pictures_in): (Option<&Source>, Option<&Path>),
    t: &Table<'_, '_>,
    line: usize,
    report: &mut Report<'_>,
) -> Option<(Card, Mark)> {
    let errors_before = report.diagnostics.len();
    t.reject_unknown(CARD_KEYS, report);
    let content = read_content(t, report);
    let id = t.text("id", report);
    if let Some(id) = &id {
        check_id(&id.value, &id.span, report);
    }
    let tags: Vec<String> = t
        .text_list("tags", report)
        .unwrap_or_default()
        .into_iter()
        .map(|t| t.value)
        .collect();
    let hint = t.text("hint", report).map(|t| t.value);
    let explain = t.text("explain", report).map(|t| t.value);
    let cite = t.text("cite", report);
    if let Some(c) = &cite {
        check_cite(c, source, report);
    }
    let mode = read_mode(t, report);
    let kind = read_kind(t, content.as_ref(), report);
    let in_order = t.boolean("in_order", report).unwrap_or(false);
    let allowed = lint::read_allow(t, report);
    let pictures = read_pictures(t, pictures_in, report);
    let failed = report.diagnostics[errors_before..]
        .iter()
        .any(|d| d.severity == super::Severity::Error);
    let content = content.filter(|_| !failed)?;
    if id.is_none() {
        let derived = derived_id(content.question());
        report.warning(
            &t.span,
            format!(
                "card has no `id`; its progress is kept under \"{derived}\", which changes if the text is edited"
            ),
        );
    }
    warn_answer_in_question(&content, t, report);
    warn_reversed_question(&content, t, report);
    if in_order {
        warn_in_order_without_list(&content, t, report);
    }
    lint::card_warnings(&content, hint.as_deref(), mode, t, report);
    report.silence(errors_before, |code| allowed.has(code));
    let anchor = ["back", "cloze", "front"]
        .iter()
        .find_map(|key| t.get(key))
        .map_or_else(|| t.span.clone(), toml::Spanned::span);
    let mark = Mark {
        anchor: report.absolute(&anchor),
        allowed,
    };
    let (id, derived_id) = match id {
        Some(id) => (id.value, false),
        None => (derived_id(content.question()), true),
    };
    let card = Card {
        id,
        derived_id,
        line,
        tags,
        hint,
        explain,
        cite: cite.map(|c| c.value),
        mode,
        kind,
        in_order,
        pictures,
        content,
    };
    Some((card, mark))
}

/// Warns about `in_order = true` on a card whose answers are not lists ("A and B", "A, B"):
/// it changes nothing there.
fn warn_in_order_without_list(content: &Content, t: &Table<'_, '_>, report: &mut Report<'_>) {
    let lists = match content {
        Content::Basic { back, accept, .. } => {
            is_list(&back.display()) || accept.iter().any(|a| is_list(a))
        }
        Content::Cloze { deletions, .. } => deletions
            .iter()
            .any(|d| is_list(&d.answer) || d.accept.iter().any(|a| is_list(a))),
        Content::TrueFalse { .. } | Content::Order { .. } => false,
    };
    if !lists {
        let span = t.key_span("in_order").unwrap_or_else(|| t.span.clone());
        report.lint(
            &span,
            "in-order",
            "`in_order` has no effect: no answer of this card is a list (items joined by \"and\", \"&\", commas, \"/\" or \";\")",
        );
    }
}

/// Checks that a card or deck id is usable: letters, digits, `-`, `_` and `.` only.
pub fn check_id(id: &str, span: &Range<usize>, report: &mut Report<'_>) {
    if !id
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        report.error(
            span,
            format!(
                "id \"{}\" may contain only letters, digits, '-', '_' and '.'",
                escape_controls(id)
            ),
        );
    }
}

/// The id of a card that has none: a hash of its question, stable while the text is.
#[must_use]
pub fn derived_id(question: &str) -> String {
    // FNV-1a, 64-bit: tiny, stable across versions and platforms.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in question.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("card-{:08x}", hash >> 32)
}

fn check_cite(cite: &Text, source: Option<&Source>, report: &mut Report<'_>) {
    let words = cite::word_count(&cite.value);
    if words > MAX_CITE_WORDS {
        report.error(
            &cite.span,
            format!("`cite` has {words} words; quote at most {MAX_CITE_WORDS}"),
        );
    } else if let Some(source) = source
        && !source.contains(&cite.value)
    {
        report.error(
            &cite.span,
            format!(
                "`cite` \"{}\" is not found in the source",
                escape_controls(&cite.value)
            ),
        );
    }
}

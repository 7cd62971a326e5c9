//! A checked deck written for other tools. Each format gets the nearest thing it has to
//! each kind of card; what a format cannot hold is counted in the notes returned with the
//! file, never dropped in silence.

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;
use rand::seq::SliceRandom;

use super::draft::{DraftBack, DraftCard};
use super::html;
use super::table::COLUMNS;
use crate::deck::{Answer, Card, Content, Deck, cloze};
use crate::session::distractors::{self, OtherAnswer, Target};

/// A file made for another tool.
#[derive(Debug, Clone, Default)]
pub struct Exported {
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// How many rows, notes or questions it holds.
    pub count: usize,
    /// What could not be carried over, one line each.
    pub notes: Vec<String>,
}

/// A stable 64-bit hash (FNV-1a) of `parts`, for ids and seeds that must not change from
/// one export to the next.
#[must_use]
pub fn stable_hash(parts: &[&str]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.iter().flat_map(|p| p.bytes().chain([0])) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// Counts notes of one kind ("3 cloze cards lost their other wordings").
#[derive(Debug, Default)]
struct Tally(Vec<(String, usize)>);

impl Tally {
    fn add(&mut self, what: &str) {
        match self.0.iter_mut().find(|(w, _)| w == what) {
            Some((_, n)) => *n += 1,
            None => self.0.push((what.to_owned(), 1)),
        }
    }

    fn lines(self) -> Vec<String> {
        self.0
            .into_iter()
            .map(|(what, n)| format!("{n} card{}: {what}", if n == 1 { "" } else { "s" }))
            .collect()
    }
}

/// One row a card with every field ([`COLUMNS`]), as `import` reads it back; all of the
/// card's tags, its deck's too.
///
/// # Errors
/// Only a failure of the CSV writer.
pub fn csv(cards: &[&Card]) -> Result<Exported, String> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(COLUMNS).map_err(|e| e.to_string())?;
    for card in cards {
        let d = DraftCard::of_card(card, &[]);
        let lines = |list: &[String]| list.join("\n");
        let (back, back_type) = match &d.back {
            None => (String::new(), ""),
            Some(DraftBack::Text(t)) => (t.clone(), "text"),
            Some(DraftBack::Number(n)) => (n.to_string(), "number"),
            Some(DraftBack::Bool(b)) => (b.to_string(), "boolean"),
        };
        let yes = |b: bool| if b { "true" } else { "" };
        let row: [String; 16] = [
            d.id.clone(),
            d.front.clone().unwrap_or_default(),
            back,
            back_type.to_owned(),
            lines(&d.accept),
            lines(&d.choices),
            yes(d.reverse).to_owned(),
            d.cloze.clone().unwrap_or_default(),
            lines(&d.order),
            d.tags.join(" "),
            d.hint.clone().unwrap_or_default(),
            d.explain.clone().unwrap_or_default(),
            d.cite.clone().unwrap_or_default(),
            d.mode.clone().unwrap_or_default(),
            d.kind.clone().unwrap_or_default(),
            yes(d.in_order).to_owned(),
        ];
        out.write_record(&row).map_err(|e| e.to_string())?;
    }
    let bytes = out.into_inner().map_err(|e| e.to_string())?;
    Ok(Exported {
        bytes,
        count: cards.len(),
        notes: Vec::new(),
    })
}

/// Text on one line: tabs and line breaks become spaces.
fn one_line(text: &str) -> String {
    text.split(['\n', '\t', '\r'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Quizlet's import: term TAB definition, a card a line. A cloze card gives a row a
/// deletion; an ordering its items in order.
#[must_use]
pub fn quizlet(cards: &[&Card]) -> Exported {
    let mut text = String::new();
    let mut count = 0;
    let mut tally = Tally::default();
    for card in cards {
        let rows: Vec<(String, String)> = match &card.content {
            Content::Basic { front, back, .. } => vec![(front.clone(), back.display())],
            Content::TrueFalse { statement, answer } => {
                vec![(
                    statement.clone(),
                    if *answer { "true" } else { "false" }.into(),
                )]
            }
            Content::Cloze { text, deletions } => deletions
                .iter()
                .enumerate()
                .map(|(i, d)| (cloze::render(text, i), d.answer.clone()))
                .collect(),
            Content::Order { prompt, items } => {
                tally.add("orderings became a term whose definition is the items in order");
                vec![(prompt.clone(), items.join("; "))]
            }
        };
        for (term, definition) in rows {
            text.push_str(&one_line(&term));
            text.push('\t');
            text.push_str(&one_line(&definition));
            text.push('\n');
            count += 1;
        }
    }
    Exported {
        bytes: text.into_bytes(),
        count,
        notes: tally.lines(),
    }
}

/// The Anki note type a card becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnkiType {
    /// "Basic": Front, Back.
    Basic,
    /// "Basic (and reversed card)": Front, Back.
    Reversed,
    /// "Cloze": Text, Back Extra.
    Cloze,
}

impl AnkiType {
    /// The note type's name in Anki.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            AnkiType::Basic => "Basic",
            AnkiType::Reversed => "Basic (and reversed card)",
            AnkiType::Cloze => "Cloze",
        }
    }
}

/// A card as an Anki note: its type and its two fields, in HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnkiNoteOut {
    /// The note type.
    pub kind: AnkiType,
    /// Front and Back, or Text and Back Extra.
    pub fields: [String; 2],
}

/// The nearest Anki note of `card`; what it loses goes to `tally`.
fn anki_note(card: &Card, tally: &mut Tally) -> AnkiNoteOut {
    let with_explain = |answer: String| match &card.explain {
        Some(e) => format!("{answer}<br><br>{}", html::from_text(e)),
        None => answer,
    };
    match &card.content {
        Content::Basic {
            front,
            back,
            choices,
            reverse,
            ..
        } => {
            if !choices.is_empty() {
                tally.add("multiple choices became Basic notes (Anki has no wrong options)");
            }
            AnkiNoteOut {
                kind: if *reverse {
                    AnkiType::Reversed
                } else {
                    AnkiType::Basic
                },
                fields: [
                    html::from_text(front),
                    with_explain(html::from_text(&back.display())),
                ],
            }
        }
        Content::TrueFalse { statement, answer } => {
            tally.add("true/false statements became Basic notes answered True or False");
            AnkiNoteOut {
                kind: AnkiType::Basic,
                fields: [
                    format!("{}<br><br>True or false?", html::from_text(statement)),
                    with_explain(if *answer { "True" } else { "False" }.to_owned()),
                ],
            }
        }
        Content::Cloze { text, deletions } => {
            if deletions.iter().any(|d| !d.accept.is_empty()) {
                tally.add("cloze blanks kept only their first wording (Anki's cloze has one)");
            }
            AnkiNoteOut {
                kind: AnkiType::Cloze,
                fields: [
                    anki_cloze(text),
                    card.explain
                        .as_deref()
                        .map(html::from_text)
                        .unwrap_or_default(),
                ],
            }
        }
        Content::Order { prompt, items } => {
            tally.add("orderings became Basic notes: the items shuffled on the front, in order on the back");
            let mut shown: Vec<&String> = items.iter().collect();
            shown.shuffle(&mut ChaCha8Rng::seed_from_u64(stable_hash(&[&card.id])));
            let list = |items: &[&String]| {
                items
                    .iter()
                    .map(|i| html::from_text(i))
                    .collect::<Vec<_>>()
                    .join("<br>")
            };
            AnkiNoteOut {
                kind: AnkiType::Basic,
                fields: [
                    format!("{}<br><br>{}", html::from_text(prompt), list(&shown)),
                    with_explain(list(&items.iter().collect::<Vec<_>>())),
                ],
            }
        }
    }
}

/// recall's cloze text in Anki's syntax: the n-th blank `{{cn::answer::hint}}`.
#[must_use]
pub fn anki_cloze(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    let mut n = 0;
    while let Some(open) = rest.find("{{") {
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else { break };
        out.push_str(&html::from_text(&rest[..open]));
        n += 1;
        let inner = &after[..close];
        let (answers, hint) = inner.split_once("::").unwrap_or((inner, ""));
        let answer = answers.split('|').next().unwrap_or_default().trim();
        out.push_str(&format!("{{{{c{n}::{}", html::from_text(answer)));
        if !hint.trim().is_empty() {
            out.push_str(&format!("::{}", html::from_text(hint.trim())));
        }
        out.push_str("}}");
        rest = &after[close + 2..];
    }
    out.push_str(&html::from_text(rest));
    out
}

/// Every card as an Anki note, with the notes on what was lost.
#[must_use]
pub fn anki_notes(cards: &[&Card]) -> (Vec<AnkiNoteOut>, Vec<String>) {
    let mut tally = Tally::default();
    let notes = cards.iter().map(|c| anki_note(c, &mut tally)).collect();
    (notes, tally.lines())
}

/// Anki's "notes in plain text", with the header lines that tell Anki the separator, that
/// the fields are HTML, and which columns hold the note type, the deck and the tags.
///
/// # Errors
/// Only a failure of the CSV writer.
pub fn anki_text(deck: &Deck, cards: &[&Card]) -> Result<Exported, String> {
    let (notes, lost) = anki_notes(cards);
    let mut bytes =
        b"#separator:tab\n#html:true\n#notetype column:1\n#deck column:2\n#tags column:5\n"
            .to_vec();
    let mut out = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .from_writer(Vec::new());
    for (card, note) in cards.iter().zip(&notes) {
        let tags = anki_tags(&card.tags);
        out.write_record([
            note.kind.name(),
            &deck.title,
            &note.fields[0],
            &note.fields[1],
            &tags,
        ])
        .map_err(|e| e.to_string())?;
    }
    bytes.extend(out.into_inner().map_err(|e| e.to_string())?);
    Ok(Exported {
        bytes,
        count: notes.len(),
        notes: lost,
    })
}

/// Tags as Anki writes them: separated by spaces, a space inside a tag as `_`.
#[must_use]
pub fn anki_tags(tags: &[String]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for tag in tags {
        let tag = tag.split_whitespace().collect::<Vec<_>>().join("_");
        if !tag.is_empty() && !seen.contains(&tag) {
            seen.push(tag);
        }
    }
    seen.join(" ")
}

/// A question of a quiz format, before it is written in that format's syntax.
#[derive(Debug, Clone, PartialEq)]
pub enum Question {
    /// Typed: the answer and other accepted wordings.
    Short { text: String, answers: Vec<String> },
    /// A whole number.
    Numeric { text: String, answer: i64 },
    /// Pick one: the right answer first, then the wrong options.
    Choice {
        text: String,
        right: String,
        wrong: Vec<String>,
    },
    /// True or false.
    TrueFalse { text: String, answer: bool },
    /// Pair each position ("1", "2", …) with its item.
    Matching {
        text: String,
        pairs: Vec<(String, String)>,
    },
}

impl Question {
    /// What is asked.
    #[must_use]
    pub fn text(&self) -> &str {
        match self {
            Question::Short { text, .. }
            | Question::Numeric { text, .. }
            | Question::Choice { text, .. }
            | Question::TrueFalse { text, .. }
            | Question::Matching { text, .. } => text,
        }
    }
}

/// The wrong options of a front/back card: its `choices`, else those the quizzes would draw
/// from the deck's other answers, seeded by the card's id so each export gives the same.
fn wrong_options(card: &Card, pool: &[OtherAnswer]) -> Vec<String> {
    if let Content::Basic { choices, .. } = &card.content
        && !choices.is_empty()
    {
        return choices.clone();
    }
    let Some(target) = Target::of_card(card) else {
        return Vec::new();
    };
    let mut rng = ChaCha8Rng::seed_from_u64(stable_hash(&[&card.id]));
    distractors::pick(&target, pool, distractors::WANTED, &mut rng)
        .iter()
        .map(Answer::display)
        .collect()
}

/// The answer pool of a deck: every front/back card's answer.
fn pool(deck: &Deck) -> Vec<OtherAnswer> {
    deck.cards
        .iter()
        .filter_map(|c| OtherAnswer::of_card(c, &deck.tags))
        .collect()
}

/// The questions of a card for a format with typed, numeric, choice, true/false and
/// matching questions (GIFT, QTI): one for each of its items (a cloze deletion, a reversed
/// side). With `choice_only`, typed questions become multiple choices with wrong options
/// from [`wrong_options`] (none when there are too few).
fn questions(
    card: &Card,
    pool: &[OtherAnswer],
    choice_only: bool,
    tally: &mut Tally,
) -> Vec<Question> {
    let mut out = Vec::new();
    match &card.content {
        Content::Basic {
            front,
            back,
            accept,
            choices,
            reverse,
        } => {
            let text = front.clone();
            if !choices.is_empty() || choice_only {
                let wrong = wrong_options(card, pool);
                if wrong.is_empty() {
                    tally.add("no wrong options could be found, so no multiple choice was made");
                } else {
                    out.push(Question::Choice {
                        text,
                        right: back.display(),
                        wrong,
                    });
                }
            } else if let Answer::Number(n) = back {
                out.push(Question::Numeric { text, answer: *n });
            } else {
                let mut answers = vec![back.display()];
                answers.extend(accept.iter().cloned());
                out.push(Question::Short { text, answers });
            }
            if *reverse {
                if choice_only {
                    tally.add(
                        "the reversed side was left out (a multiple choice needs wrong options)",
                    );
                } else {
                    out.push(Question::Short {
                        text: back.display(),
                        answers: vec![front.clone()],
                    });
                }
            }
        }
        Content::TrueFalse { statement, answer } => out.push(Question::TrueFalse {
            text: statement.clone(),
            answer: *answer,
        }),
        Content::Cloze { text, deletions } => {
            if choice_only {
                tally.add("cloze cards were left out (no wrong options for a blank)");
            } else {
                for (i, d) in deletions.iter().enumerate() {
                    let mut answers = vec![d.answer.clone()];
                    answers.extend(d.accept.iter().cloned());
                    out.push(Question::Short {
                        text: cloze::render(text, i),
                        answers,
                    });
                }
            }
        }
        Content::Order { prompt, items } => {
            if choice_only {
                tally.add("orderings were left out (the format has no matching)");
            } else {
                out.push(Question::Matching {
                    text: format!("{prompt} Match each position with its item."),
                    pairs: items
                        .iter()
                        .enumerate()
                        .map(|(i, item)| ((i + 1).to_string(), item.clone()))
                        .collect(),
                });
            }
        }
    }
    out
}

/// Every question of the cards, and the notes on what was lost.
#[must_use]
pub fn quiz_questions(
    deck: &Deck,
    cards: &[&Card],
    choice_only: bool,
) -> (Vec<(String, Question)>, Vec<String>) {
    let pool = pool(deck);
    let mut tally = Tally::default();
    let mut out = Vec::new();
    for card in cards {
        for (i, q) in questions(card, &pool, choice_only, &mut tally)
            .into_iter()
            .enumerate()
        {
            let id = if i == 0 {
                card.id.clone()
            } else {
                format!("{}.{}", card.id, i + 1)
            };
            out.push((id, q));
        }
    }
    (out, tally.lines())
}

/// Text escaped for GIFT: its special characters behind a backslash, line breaks as `\n`.
fn gift_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// Moodle's GIFT: typed answers as short answers with every accepted wording, numbers as
/// numeric questions, choices, true/false, orderings as matching, cloze blanks as short
/// answers; a question an item, named by the card's id.
#[must_use]
pub fn gift(deck: &Deck, cards: &[&Card]) -> Exported {
    let (questions, notes) = quiz_questions(deck, cards, false);
    let mut text = format!("// {}\n\n", one_line(&deck.title));
    for (id, q) in &questions {
        text.push_str(&format!("::{}::{}", gift_text(id), gift_text(q.text())));
        let body = match q {
            Question::Short { answers, .. } => answers
                .iter()
                .map(|a| format!("={}", gift_text(a)))
                .collect::<Vec<_>>()
                .join(" "),
            Question::Numeric { answer, .. } => format!("#{answer}"),
            Question::Choice { right, wrong, .. } => {
                let mut options = vec![format!("={}", gift_text(right))];
                options.extend(wrong.iter().map(|w| format!("~{}", gift_text(w))));
                options.join(" ")
            }
            Question::TrueFalse { answer, .. } => if *answer { "TRUE" } else { "FALSE" }.to_owned(),
            Question::Matching { pairs, .. } => pairs
                .iter()
                .map(|(l, r)| format!("={} -> {}", gift_text(l), gift_text(r)))
                .collect::<Vec<_>>()
                .join(" "),
        };
        text.push_str(&format!(" {{{body}}}\n\n"));
    }
    Exported {
        bytes: text.into_bytes(),
        count: questions.len(),
        notes,
    }
}

/// Aiken: multiple choice only. Front/back cards become choices (their `choices`, or wrong
/// options the quizzes would draw), true/false cards a choice of True and False; the
/// options are lettered in a shuffled order fixed by the card's id.
#[must_use]
pub fn aiken(deck: &Deck, cards: &[&Card]) -> Exported {
    let (questions, notes) = quiz_questions(deck, cards, true);
    let mut text = String::new();
    for (id, q) in &questions {
        let (right, mut options) = match q {
            Question::Choice { right, wrong, .. } => {
                let mut all = vec![right.clone()];
                all.extend(wrong.iter().cloned());
                (right.clone(), all)
            }
            Question::TrueFalse { answer, .. } => (
                if *answer { "True" } else { "False" }.to_owned(),
                vec!["True".to_owned(), "False".to_owned()],
            ),
            _ => continue,
        };
        if matches!(q, Question::Choice { .. }) {
            options.shuffle(&mut ChaCha8Rng::seed_from_u64(stable_hash(&[id])));
        }
        text.push_str(&one_line(q.text()));
        text.push('\n');
        let mut key = 'A';
        for (letter, option) in ('A'..='Z').zip(&options) {
            text.push_str(&format!("{letter}. {}\n", one_line(option)));
            if *option == right {
                key = letter;
            }
        }
        text.push_str(&format!("ANSWER: {key}\n\n"));
    }
    Exported {
        bytes: text.into_bytes(),
        count: questions.len(),
        notes,
    }
}

//! Reading what a card asks and answers: its kind of content (front/back, true/false,
//! cloze, order) with the keys that go with it, its choices, its `mode` and its `kind`.

use foldhash::HashSet;
use toml::de::DeValue;

use crate::deck::cite;
use crate::deck::cloze;
use crate::deck::fields::{Table, Text, check_text, wrong_type};
use crate::deck::lint;
use crate::deck::model::{Answer, AnswerKind, Content, PromptMode};
use crate::deck::report::Report;
use crate::text::escape_controls;

pub(super) fn read_mode(t: &Table<'_, '_>, report: &mut Report<'_>) -> PromptMode {
    let Some(mode) = t.text("mode", report) else {
        return PromptMode::Auto;
    };
    PromptMode::from_name(&mode.value).unwrap_or_else(|| {
        report.error(
            &mode.span,
            format!(
                "unknown mode \"{}\"; expected one of: {}",
                escape_controls(&mode.value),
                PromptMode::NAMES.join(", ")
            ),
        );
        PromptMode::Auto
    })
}

/// The `kind` a card states for its answer. Only a front/back card with a text or number
/// answer has one: true/false, cloze and order cards offer no wrong answers to match.
pub(super) fn read_kind(
    t: &Table<'_, '_>,
    content: Option<&Content>,
    report: &mut Report<'_>,
) -> Option<AnswerKind> {
    let kind = t.text("kind", report)?;
    if let Some(content) = content
        && !matches!(content, Content::Basic { .. })
    {
        let span = t.key_span("kind").unwrap_or_else(|| kind.span.clone());
        report.error(
            &span,
            format!("`kind` does not go with a {} card", content.kind_name()),
        );
        return None;
    }
    let found = AnswerKind::from_name(&kind.value);
    if found.is_none() {
        let names: Vec<&str> = AnswerKind::ALL.iter().map(|k| k.as_str()).collect();
        report.error(
            &kind.span,
            format!(
                "unknown kind \"{}\"; expected one of: {}",
                escape_controls(&kind.value),
                names.join(", ")
            ),
        );
    }
    found
}

/// Reports keys that do not belong with the card's kind.
fn reject_keys(t: &Table<'_, '_>, keys: &[&str], kind: &str, report: &mut Report<'_>) {
    for key in keys {
        if let Some(span) = t.key_span(key) {
            report.error(&span, format!("`{key}` does not go with {kind}"));
        }
    }
}

pub(super) fn read_content(t: &Table<'_, '_>, report: &mut Report<'_>) -> Option<Content> {
    if t.has("cloze") {
        reject_keys(
            t,
            &["front", "back", "accept", "choices", "reverse", "order"],
            "a `cloze` card",
            report,
        );
        let text = t.text("cloze", report)?;
        return match cloze::parse(&text.value) {
            Ok(deletions) => Some(Content::Cloze {
                text: text.value,
                deletions,
            }),
            Err(message) => {
                report.error(&text.span, message);
                None
            }
        };
    }
    if t.has("order") {
        reject_keys(
            t,
            &["back", "accept", "choices", "reverse", "in_order"],
            "an `order` card",
            report,
        );
        let prompt = t.required_text("front", "what to put in order", report);
        let items = read_order(t, report);
        return Some(Content::Order {
            prompt: prompt?.value,
            items: items?,
        });
    }
    if !t.has("front") && !t.has("back") {
        report.error(
            &t.span,
            "card has no question: give it `front` and `back`, a `cloze`, or `front` and `order`",
        );
        return None;
    }
    let front = t.required_text("front", "its question", report);
    let back = read_back(t, report);
    match back? {
        Back::Bool(answer) => {
            reject_keys(
                t,
                &["accept", "choices", "reverse", "in_order"],
                "a true/false card",
                report,
            );
            Some(Content::TrueFalse {
                statement: front?.value,
                answer,
            })
        }
        Back::Answer(back) => {
            let accept = t.text_list("accept", report).unwrap_or_default();
            let choices = read_choices(t, &back, &accept, report);
            let reverse = t.boolean("reverse", report).unwrap_or(false);
            Some(Content::Basic {
                front: front?.value,
                back,
                accept: accept.into_iter().map(|a| a.value).collect(),
                choices,
                reverse,
            })
        }
    }
}

enum Back {
    Bool(bool),
    Answer(Answer),
}

fn read_back(t: &Table<'_, '_>, report: &mut Report<'_>) -> Option<Back> {
    let Some(value) = t.get("back") else {
        report.error(&t.span, "card is missing `back` (its answer)");
        return None;
    };
    let span = value.span();
    match value.get_ref() {
        DeValue::String(s) => {
            let fine = check_text("back", s, &span, report);
            if fine {
                lint::quoted_bool(s, &span, report);
            }
            fine.then(|| Back::Answer(Answer::from_text(s)))
        }
        DeValue::Boolean(b) => Some(Back::Bool(*b)),
        DeValue::Integer(i) => match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
            Ok(n) => Some(Back::Answer(Answer::Number(n))),
            Err(_) => {
                report.error(&span, "`back` is too large a number");
                None
            }
        },
        other => {
            report.error(
                &span,
                wrong_type("back", "a string, an integer or true/false", other),
            );
            None
        }
    }
}

fn fold_answer(text: &str) -> String {
    cite::fold(text)
}

fn read_choices(
    t: &Table<'_, '_>,
    back: &Answer,
    accept: &[Text],
    report: &mut Report<'_>,
) -> Vec<String> {
    let Some(choices) = t.text_list("choices", report) else {
        return Vec::new();
    };
    if choices.is_empty() {
        if let Some(value) = t.get("choices") {
            report.error(
                &value.span(),
                "`choices` is empty; list the wrong options or remove it",
            );
        }
        return Vec::new();
    }
    let mut right: HashSet<String> = accept.iter().map(|a| fold_answer(&a.value)).collect();
    right.insert(fold_answer(&back.display()));
    let mut seen = HashSet::default();
    for choice in &choices {
        let folded = fold_answer(&choice.value);
        if right.contains(&folded) {
            report.error(
                &choice.span,
                format!(
                    "`choices` lists the right answer \"{}\"; list only wrong options",
                    escape_controls(&choice.value)
                ),
            );
        } else if !seen.insert(folded) {
            report.error(
                &choice.span,
                format!("`choices` repeats \"{}\"", escape_controls(&choice.value)),
            );
        }
    }
    choices.into_iter().map(|c| c.value).collect()
}

fn read_order(t: &Table<'_, '_>, report: &mut Report<'_>) -> Option<Vec<String>> {
    let value = t.get("order")?;
    let before = report.diagnostics.len();
    let items = t.text_list("order", report)?;
    if items.len() < 2 && report.diagnostics.len() == before {
        report.error(&value.span(), "`order` needs at least two items");
        return None;
    }
    let mut seen = HashSet::default();
    for item in &items {
        if !seen.insert(fold_answer(&item.value)) {
            report.error(
                &item.span,
                format!("`order` repeats \"{}\"", escape_controls(&item.value)),
            );
        }
    }
    Some(items.into_iter().map(|i| i.value).collect())
}

//! `recall quiz --print`: a drawn quiz as a paper test, in Markdown or as one HTML page.
//!
//! Questions are numbered and their options lettered (A, B, …) in the order the quiz shows
//! them, so a letter on paper is the number `recall quiz` takes and its results record
//! (`picked`, from 1). Typed questions get room to write. The key, with `--answers`, follows
//! the questions: the right letter or answer, the other wordings accepted, the card's
//! explanation. Deck text is untrusted: controls and invisible characters are removed, and
//! what is left is escaped for Markdown or HTML.

use chrono::NaiveDate;

use super::render::safe;
use crate::deck::{Content, Side};
use crate::quiz::QuizItem;
use crate::quiz::forms::Asked;
use crate::session::Form;

/// A drawn quiz, ready to print.
#[derive(Debug)]
pub struct Paper<'a> {
    /// The titles of the decks it is drawn from.
    pub titles: Vec<String>,
    /// The seed that draws it.
    pub seed: u64,
    /// The day it is printed.
    pub date: NaiveDate,
    /// The command that asks the same quiz in recall.
    pub command: String,
    /// The items the questions are about.
    pub items: &'a [QuizItem],
    /// The questions, in order.
    pub asked: &'a [Asked],
    /// Whether to add the key.
    pub answers: bool,
}

/// One question as printed: its text, what it offers, and its key.
struct Printed {
    prompt: String,
    /// Lettered options (choice, true/false, order); empty for a typed answer.
    options: Vec<String>,
    /// What to do beside reading the prompt ("Circle one", "Write the letters in order").
    task: &'static str,
    /// The right answer as the key shows it.
    key: String,
    /// Other wordings accepted for a typed answer.
    accept: Vec<String>,
    /// The card's explanation.
    explain: Option<String>,
    /// The picture shown with the question.
    picture: Option<crate::deck::Shown>,
    /// The pictures in the answer key: the answer's and the explanation's.
    key_pictures: [Option<crate::deck::Shown>; 2],
}

/// "A", "B", … "Z", "AA", …
fn letter(index: usize) -> String {
    let mut n = index;
    let mut out = Vec::new();
    loop {
        out.push(char::from(b'A' + (n % 26) as u8));
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.iter().rev().collect()
}

fn printed(item: &QuizItem, asked: &Asked) -> Printed {
    let question = &asked.question;
    let answer = safe(&question.answer);
    let (options, task, key) = match &question.form {
        Form::Choice { options, correct } => (
            options.clone(),
            "Circle one.",
            format!("{} ({answer})", letter(*correct)),
        ),
        Form::TrueFalse => (
            vec!["True".to_owned(), "False".to_owned()],
            "True or false? Circle one.",
            format!(
                "{} ({answer})",
                letter(usize::from(!answer.starts_with("True")))
            ),
        ),
        Form::Order { shown } => {
            let right = match &item.card.content {
                Content::Order { items, .. } => items.clone(),
                _ => Vec::new(),
            };
            let mut used = vec![false; shown.len()];
            let letters: Vec<String> = right
                .iter()
                .filter_map(|r| {
                    let i = (0..shown.len()).find(|&i| !used[i] && shown[i] == *r)?;
                    used[i] = true;
                    Some(letter(i))
                })
                .collect();
            (
                shown.clone(),
                "Write the letters in order.",
                format!("{} ({answer})", letters.join(" ")),
            )
        }
        Form::Flip | Form::Type => (Vec::new(), "", answer),
    };
    let accept = match (&item.card.content, item.side, &question.form) {
        (Content::Basic { accept, .. }, Side::Forward, Form::Type) => accept.clone(),
        (Content::Cloze { deletions, .. }, Side::Deletion(n), _) => deletions
            .get(n)
            .map(|d| d.accept.clone())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    Printed {
        prompt: safe(&question.prompt),
        options: options.iter().map(|o| safe(o)).collect(),
        task,
        key,
        accept: accept.iter().map(|a| safe(a)).collect(),
        explain: item.card.explain.as_deref().map(safe),
        picture: question.picture.clone(),
        key_pictures: item.answer_pictures(),
    }
}

/// Markdown text that shows as `text`: every character Markdown could take for markup is
/// escaped with a backslash, and line breaks are kept as hard breaks.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("  \n   "),
            c => out.push(c),
        }
    }
    out
}

/// A picture in a page of its own: the file's bytes inside the page (a `data:` address), so
/// the page needs nothing beside it; its alt text in brackets when the file cannot be read.
fn html_picture(picture: &crate::deck::Shown) -> String {
    use base64::Engine;
    let alt = html(&safe(&picture.alt));
    let read = picture
        .folder
        .as_deref()
        .ok_or_else(String::new)
        .and_then(|folder| crate::deck::picture::read_checked(folder, &picture.file));
    match read {
        Ok((bytes, mime)) => format!(
            "<p><img src=\"data:{mime};base64,{}\" alt=\"{alt}\" style=\"max-width: 100%; max-height: 12em\"></p>\n",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        ),
        Err(_) => format!("<p>[image: {alt}]</p>\n"),
    }
}

/// A picture in Markdown: a link to its file (`![alt](<path>)`), or its alt text in
/// brackets when its deck has no folder.
fn md_picture(picture: &crate::deck::Shown) -> String {
    let alt = md(&safe(&picture.alt));
    match picture.path() {
        Some(path) => {
            let path = safe(&path.display().to_string()).replace(['<', '>'], "");
            format!("![{alt}](<{path}>)")
        }
        None => format!("\\[image: {alt}\\]"),
    }
}

/// HTML text that shows as `text`, line breaks kept.
fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

/// The page's style: one column whose margins fit both A4 (210 × 297 mm) and Letter
/// (216 × 279 mm), so no paper size is named and either prints it; a question is never split
/// across pages, and the key starts on a page of its own.
const STYLE: &str = "body { font-family: Georgia, 'Times New Roman', serif; font-size: 12pt; \
line-height: 1.45; max-width: 44em; margin: 2em auto; padding: 0 1em; color: #000; }
header { border-bottom: 2px solid #000; margin-bottom: 1.2em; }
header h1 { font-size: 1.5em; margin: 0 0 .2em; }
header p { margin: .2em 0; }
.name { display: flex; gap: 2em; margin: .8em 0; }
.name span { flex: 1; border-bottom: 1px solid #000; }
ol.questions > li { margin: 0 0 1.3em; break-inside: avoid; page-break-inside: avoid; }
ol.options { list-style: upper-alpha; margin: .3em 0; }
.task { font-style: italic; }
.write { border-bottom: 1px solid #000; height: 2.2em; }
.key { break-before: page; page-break-before: always; }
.key li { margin: 0 0 .6em; break-inside: avoid; }
.run { font-family: monospace; }
@page { margin: 18mm 16mm; }
@media print { body { margin: 0; padding: 0; max-width: none; font-size: 11pt; } }
";

impl Paper<'_> {
    fn title(&self) -> String {
        safe(&self.titles.join(" · "))
    }

    fn questions(&self) -> Vec<Printed> {
        self.asked
            .iter()
            .map(|a| printed(&self.items[a.item], a))
            .collect()
    }

    fn subtitle(&self) -> String {
        let n = self.asked.len();
        format!(
            "Seed {} · {n} question{} · {}",
            self.seed,
            if n == 1 { "" } else { "s" },
            self.date.format("%Y-%m-%d")
        )
    }

    /// The quiz as Markdown.
    #[must_use]
    pub fn markdown(&self) -> String {
        let mut out = format!("# {}\n\n{}  \n", md(&self.title()), self.subtitle());
        out.push_str(&format!(
            "The same quiz in recall: `{}`\n\nName: ______________________  Date: ____________\n\n",
            self.command
        ));
        let questions = self.questions();
        for (n, q) in questions.iter().enumerate() {
            out.push_str(&format!("{}. {}\n", n + 1, md(&q.prompt)));
            if !q.task.is_empty() {
                out.push_str(&format!("   *{}*\n", q.task));
            }
            if let Some(picture) = &q.picture {
                out.push_str(&format!("\n   {}\n", md_picture(picture)));
            }
            out.push('\n');
            for (i, option) in q.options.iter().enumerate() {
                out.push_str(&format!("   - {}) {}\n", letter(i), md(option)));
            }
            if q.options.is_empty() {
                out.push_str("   Answer: ________________________________________\n");
            } else if q.task.starts_with("Write") {
                out.push_str("\n   Order: ________________________\n");
            }
            out.push('\n');
        }
        if self.answers {
            out.push_str("## Answer key\n\n");
            for (n, q) in questions.iter().enumerate() {
                out.push_str(&format!("{}. {}\n", n + 1, md(&q.key)));
                if !q.accept.is_empty() {
                    let accept: Vec<String> = q.accept.iter().map(|a| md(a)).collect();
                    out.push_str(&format!("   - Also accepted: {}\n", accept.join("; ")));
                }
                let [answer_picture, explain_picture] = &q.key_pictures;
                if let Some(picture) = answer_picture {
                    out.push_str(&format!("   - {}\n", md_picture(picture)));
                }
                if let Some(explain) = &q.explain {
                    out.push_str(&format!("   - Why: {}\n", md(explain)));
                }
                if let Some(picture) = explain_picture {
                    out.push_str(&format!("   - {}\n", md_picture(picture)));
                }
            }
        }
        out
    }

    /// The quiz as one HTML page: no script, nothing fetched from elsewhere.
    #[must_use]
    pub fn html(&self) -> String {
        let title = html(&self.title());
        let mut out = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n<header>\n\
             <h1>{title}</h1>\n<p>{}</p>\n<p>The same quiz in recall: <span class=\"run\">{}</span></p>\n\
             <div class=\"name\">Name: <span></span> Date: <span></span></div>\n</header>\n\
             <ol class=\"questions\">\n",
            html(&self.subtitle()),
            html(&self.command)
        );
        let questions = self.questions();
        for q in &questions {
            out.push_str(&format!("<li><p>{}", html(&q.prompt)));
            if !q.task.is_empty() {
                out.push_str(&format!(" <span class=\"task\">{}</span>", q.task));
            }
            out.push_str("</p>\n");
            if let Some(picture) = &q.picture {
                out.push_str(&html_picture(picture));
            }
            if q.options.is_empty() {
                out.push_str("<div class=\"write\"></div>\n");
            } else {
                out.push_str("<ol class=\"options\">\n");
                for option in &q.options {
                    out.push_str(&format!("<li>{}</li>\n", html(option)));
                }
                out.push_str("</ol>\n");
                if q.task.starts_with("Write") {
                    out.push_str("<div class=\"write\"></div>\n");
                }
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
        if self.answers {
            out.push_str("<section class=\"key\">\n<h2>Answer key</h2>\n<ol>\n");
            for q in &questions {
                out.push_str(&format!("<li><strong>{}</strong>", html(&q.key)));
                if !q.accept.is_empty() {
                    let accept: Vec<String> = q.accept.iter().map(|a| html(a)).collect();
                    out.push_str(&format!("<br>Also accepted: {}", accept.join("; ")));
                }
                let [answer_picture, explain_picture] = &q.key_pictures;
                if let Some(picture) = answer_picture {
                    out.push_str(&format!("\n{}", html_picture(picture)));
                }
                if let Some(explain) = &q.explain {
                    out.push_str(&format!("<br>Why: {}", html(explain)));
                }
                if let Some(picture) = explain_picture {
                    out.push_str(&format!("\n{}", html_picture(picture)));
                }
                out.push_str("</li>\n");
            }
            out.push_str("</ol>\n</section>\n");
        }
        out.push_str("</body>\n</html>\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::{Kind, pick};

    const DECK: &str = r#"[deck]
title = "Tricky <b>&</b> *stars*"
[[card]]
id = "a"
front = "Who wrote <script>alert(1)</script>?"
back = "Trotsky"
accept = ["Leon Trotsky"]
explain = "In *exile*."
[[card]]
id = "o"
front = "Smallest first"
order = ["one", "two", "three"]
[[card]]
id = "c"
front = "Pick"
back = "x"
choices = ["y & z", "w"]
"#;

    fn paper_of(answers: bool) -> (Vec<QuizItem>, Vec<Asked>, bool) {
        let deck = crate::deck::test_support::deck(DECK);
        let items = QuizItem::all_unstudied(&deck);
        let asked = pick::pick(&items, &[Kind::Typed, Kind::Order, Kind::Choice], 10, 3);
        (items, asked, answers)
    }

    fn paper<'a>(items: &'a [QuizItem], asked: &'a [Asked], answers: bool) -> Paper<'a> {
        Paper {
            titles: vec!["Tricky <b>&</b> *stars*".into()],
            seed: 3,
            date: NaiveDate::from_ymd_opt(2026, 5, 1).unwrap(),
            command: "recall quiz --seed 3 --count 10".into(),
            items,
            asked,
            answers,
        }
    }

    #[test]
    fn letters_run_on_past_z() {
        let got: Vec<String> = [0, 1, 25, 26, 27, 51, 52].map(letter).to_vec();
        assert_eq!(got, ["A", "B", "Z", "AA", "AB", "AZ", "BA"]);
    }

    #[test]
    fn html_is_escaped_self_contained_and_holds_the_key_only_when_asked() {
        let (items, asked, _) = paper_of(true);
        let page = paper(&items, &asked, true).html();
        assert!(!page.contains("<script"), "{page}");
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}"
        );
        assert!(
            page.contains("Tricky &lt;b&gt;&amp;&lt;/b&gt; *stars*"),
            "{page}"
        );
        assert!(!page.contains("src=") && !page.contains("href="), "{page}");
        assert!(page.contains("@media print") && page.contains("@page"));
        assert!(page.contains("Answer key") && page.contains("Leon Trotsky"));
        let blank = paper(&items, &asked, false).html();
        assert!(!blank.contains("Answer key") && !blank.contains("Leon Trotsky"));
    }

    #[test]
    fn markdown_letters_the_options_and_keys_them_as_shown() {
        let (items, asked, _) = paper_of(true);
        let text = paper(&items, &asked, true).markdown();
        assert!(
            text.starts_with("# Tricky \\<b\\>\\&\\</b\\> \\*stars\\*\n"),
            "{text}"
        );
        assert!(text.contains("Seed 3 · 3 questions · 2026-05-01"), "{text}");
        for a in &asked {
            match &a.question.form {
                Form::Choice { options, correct } => {
                    let right = letter(*correct);
                    assert!(text.contains(&format!("   - {right}) {}", md(&options[*correct]))));
                    assert!(text.contains(&format!(". {right} (x)")), "{text}");
                }
                Form::Order { shown } => {
                    let letters: Vec<String> = ["one", "two", "three"]
                        .iter()
                        .map(|w| letter(shown.iter().position(|s| s == w).unwrap()))
                        .collect();
                    assert!(text.contains(&letters.join(" ")), "{text}");
                }
                _ => assert!(text.contains("Also accepted: Leon Trotsky"), "{text}"),
            }
        }
        assert!(text.contains("Why: In \\*exile\\*."), "{text}");
    }
}

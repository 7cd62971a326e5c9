//! `recall results` in the terminal: the students' scores, each question's facility and
//! discrimination with small bars and the options picked, and the flags, each at its card's
//! `path:line`. Everything read from the results files is untrusted and shown stripped of
//! controls and invisible characters.

use super::chart::horizontal_bar;
use super::render::safe;
use crate::quiz::class::{ClassReport, Flag, QuestionRow};

/// Cells a full bar takes.
const BAR: usize = 10;

/// What the gradebook and the tables call a question: its card's item id, with its deck's id
/// in front (`deck/card`) when the questions come from more than one deck.
#[must_use]
pub fn question_label(report: &ClassReport, q: &QuestionRow) -> String {
    let one_deck = report.questions.iter().all(|o| o.deck == q.deck);
    if one_deck {
        q.card.clone()
    } else {
        format!("{}/{}", q.deck, q.card)
    }
}

/// Untrusted text on one line: controls and invisible characters removed, line breaks and
/// tabs made spaces.
fn line(text: &str) -> String {
    safe(text).replace(['\n', '\t'], " ")
}

/// A bar of `share` (0 to 1) padded to its full width.
fn bar(share: f64) -> String {
    let eighths = (share.clamp(0.0, 1.0) * 1000.0).round() as u64;
    let bar = horizontal_bar(eighths, 1000, BAR);
    format!("{bar}{}", " ".repeat(BAR - bar.chars().count()))
}

fn percent(share: f64) -> usize {
    (share * 100.0).round() as usize
}

/// What a flag says about question `q`.
fn flag_text(flag: Flag, q: &QuestionRow) -> String {
    let right = q.right_picks();
    match flag {
        Flag::Easy => format!(
            "almost everyone got it right ({}%): it tells no one apart",
            percent(q.facility)
        ),
        Flag::Hard => format!(
            "almost everyone got it wrong ({}%): check the key and the wording, or teach it again",
            percent(q.facility)
        ),
        Flag::NoDiscrimination => format!(
            "discrimination {:+.2}: the students who did well elsewhere miss it as often or more; \
             often a flawed question or key",
            q.discrimination.unwrap_or(0.0)
        ),
        Flag::UnpickedOption => {
            let unpicked: Vec<String> = q
                .options
                .iter()
                .filter(|o| !o.correct && o.picked == 0)
                .map(|o| format!("\"{}\"", line(&o.text)))
                .collect();
            format!(
                "nobody picked {}: replace with a likelier wrong answer",
                unpicked.join(", ")
            )
        }
        Flag::WrongOptionPreferred => {
            let right = right.unwrap_or(0);
            let preferred: Vec<String> = q
                .options
                .iter()
                .filter(|o| !o.correct && o.picked > right)
                .map(|o| format!("\"{}\" ({})", line(&o.text), o.picked))
                .collect();
            format!(
                "picked more than the right answer ({right}): {}; check the key and the wording",
                preferred.join(", ")
            )
        }
    }
}

/// The whole report as text.
#[must_use]
pub fn class_text(report: &ClassReport) -> String {
    let students = &report.students;
    let mut percents: Vec<usize> = students.iter().map(|s| s.percent).collect();
    percents.sort_unstable();
    let mean = percents.iter().sum::<usize>() as f64 / percents.len().max(1) as f64;
    let mut seeds: Vec<u64> = students.iter().map(|s| s.seed).collect();
    seeds.sort_unstable();
    seeds.dedup();
    let seeds: Vec<String> = seeds.iter().map(u64::to_string).collect();
    let mut out = format!(
        "{} student{} · {} question{} · mean {:.0}% · median {}% · seed{} {}\n\n",
        students.len(),
        if students.len() == 1 { "" } else { "s" },
        report.questions.len(),
        if report.questions.len() == 1 { "" } else { "s" },
        mean,
        percents.get(percents.len() / 2).copied().unwrap_or(0),
        if seeds.len() == 1 { "" } else { "s" },
        seeds.join(", ")
    );
    let names: Vec<String> = students.iter().map(|s| line(&s.student)).collect();
    let width = names
        .iter()
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0)
        .max(7);
    out.push_str(&format!("{:<width$}  score            time\n", "Student"));
    for (s, name) in students.iter().zip(&names) {
        let share = s.score as f64 / s.total.max(1) as f64;
        out.push_str(&format!(
            "{name:<width$}  {:>3} of {:<3} {} {:>3}%  {}:{:02}\n",
            s.score,
            s.total,
            bar(share),
            s.percent,
            s.seconds / 60,
            s.seconds % 60
        ));
    }
    out.push_str("\n  #  asked  facility               discrimination  card\n");
    for (n, q) in report.questions.iter().enumerate() {
        let disc = q
            .discrimination
            .map_or_else(|| "—".to_owned(), |d| format!("{d:+.2}"));
        let mark = if q.flags.is_empty() { "" } else { "  ⚑" };
        out.push_str(&format!(
            "{:>3}  {:>5}  {} {:>3}%  {disc:>14}  {}{mark}\n",
            n + 1,
            q.asked,
            bar(q.facility),
            percent(q.facility),
            line(&question_label(report, q))
        ));
        out.push_str(&format!("     {}\n", line(&q.prompt)));
        for o in &q.options {
            let share = o.picked as f64 / q.asked.max(1) as f64;
            out.push_str(&format!(
                "       {} {:>4} {}  {}\n",
                if o.correct { "✓" } else { " " },
                o.picked,
                bar(share),
                line(&o.text)
            ));
        }
    }
    let flagged: Vec<&QuestionRow> = report
        .questions
        .iter()
        .filter(|q| !q.flags.is_empty())
        .collect();
    if flagged.is_empty() {
        out.push_str("\nNo question flagged.\n");
    } else {
        out.push_str("\nFlagged (fix these cards):\n");
        for q in flagged {
            for &flag in &q.flags {
                out.push_str(&format!(
                    "  {}  {}: {}\n",
                    line(&q.at),
                    line(&question_label(report, q)),
                    flag_text(flag, q)
                ));
            }
        }
    }
    out
}

/// The refusal of files taken on different versions of a deck.
#[must_use]
pub fn mixed_message(mixed: &[crate::quiz::class::MixedDeck]) -> String {
    let mut lines = vec![
        "these results come from different versions of a deck (add --mixed-versions to \
         combine them anyway):"
            .to_owned(),
    ];
    for (deck, versions) in mixed {
        for (hash, files) in versions {
            lines.push(format!(
                "  deck \"{deck}\" version {hash}: {}",
                files.join(", ")
            ));
        }
    }
    lines.join("\n")
}

/// The gradebook: a header `student,score,total,percent` and one column per question, then
/// one row per student with 1 (right), 0 (wrong) or nothing (not asked) under each.
#[must_use]
pub fn gradebook(report: &ClassReport, files: &[(String, crate::quiz::class::Taken)]) -> String {
    let mut header = vec![
        "student".to_owned(),
        "score".to_owned(),
        "total".to_owned(),
        "percent".to_owned(),
    ];
    header.extend(report.questions.iter().map(|q| question_label(report, q)));
    let mut out = String::new();
    let mut line = |fields: Vec<String>| {
        let row: Vec<String> = fields
            .iter()
            .map(|f| crate::quiz::report::csv_field(f))
            .collect();
        out.push_str(&row.join(","));
        out.push_str("\r\n");
    };
    line(header);
    for (row, (_, taken)) in report.students.iter().zip(files) {
        let mut fields = vec![
            row.student.clone(),
            row.score.to_string(),
            row.total.to_string(),
            row.percent.to_string(),
        ];
        for q in &report.questions {
            let answer = taken
                .questions
                .iter()
                .find(|t| t.deck == q.deck && t.card == q.card);
            fields.push(answer.map_or_else(String::new, |t| u8::from(t.correct).to_string()));
        }
        line(fields);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::class::{OptionRow, StudentRow};

    #[test]
    fn untrusted_text_stays_on_its_line_and_flags_name_the_card() {
        let report = ClassReport {
            students: vec![StudentRow {
                student: "Ann\n\u{1b}[2JLee".into(),
                file: "a.json".into(),
                seed: 3,
                score: 1,
                total: 2,
                percent: 50,
                seconds: 75,
            }],
            questions: vec![QuestionRow {
                card: "fr".into(),
                deck: "geo".into(),
                kind: "choice".into(),
                prompt: "Capital\tof France?".into(),
                at: "decks/geo.toml:12".into(),
                asked: 6,
                right: 1,
                facility: 1.0 / 6.0,
                discrimination: Some(-0.25),
                options: vec![
                    OptionRow {
                        text: "Paris".into(),
                        correct: true,
                        picked: 1,
                    },
                    OptionRow {
                        text: "Rome".into(),
                        correct: false,
                        picked: 5,
                    },
                ],
                flags: vec![
                    Flag::Hard,
                    Flag::NoDiscrimination,
                    Flag::WrongOptionPreferred,
                ],
            }],
        };
        let text = class_text(&report);
        assert!(text.contains("Ann Lee    1 of 2"), "{text}");
        assert!(!text.contains('\u{1b}'), "{text}");
        assert!(text.contains("     Capital of France?\n"), "{text}");
        assert!(
            text.contains("decks/geo.toml:12  fr: discrimination -0.25"),
            "{text}"
        );
        assert!(
            text.contains("picked more than the right answer (1): \"Rome\" (5)"),
            "{text}"
        );
        assert!(text.contains("1:15"), "{text}");
    }
}
